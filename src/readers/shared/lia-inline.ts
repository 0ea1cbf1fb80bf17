/**
 * Inline content of Lenin Internet Archive / MIA page text: plain words with bracketed
 * note anchors (`[1]`, `[a]`, `[*]`). Shared by every reader of LIA-style text.
 *
 * One left-to-right scan per line, no backtracking: a `[` either opens a well-formed
 * anchor, is a malformed marker (`[1` never closed, `[]`), or is ordinary text (an
 * editorial bracket such as "[sic]", "[The first page is missing]" or a letter inside a
 * word, "'[t]hat which").
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { Inline, SourcePos } from '../../model/edition.js';
import type { InlineOptions, SourceSlice } from '../../layout/blocks.js';

/** Keys a bracketed anchor can have: a number (starred in a second series: `[3*]`), one letter, or one to three asterisks. */
const ANCHOR = /\[(\d{1,3}\*?|[A-Za-z]|\*{1,3})\]/y;
/** `[` + a number that is never closed on its line: a broken anchor, not editorial text. */
const UNCLOSED = /\[\d{1,3}(?![\d\]])/y;
const EMPTY = /\[[ \u00a0]*\]/y;

/**
 * "'[t]hat", "wor[l]d": a letter in brackets inside a word (a letter or an opening quote
 * before it, a letter after it) is an editor's change to the word, not an anchor; after a
 * space it is one ("Jahrbucher [B]the practical", the anchor glued to the next word).
 */
const isLetterInWord = (text: string, i: number, anchor: RegExpExecArray): boolean =>
  /^[A-Za-z]$/.test(anchor[1]!) && /[\p{L}'‘“"]/u.test(text[i - 1] ?? ' ') && /\p{L}/u.test(text[i + anchor[0].length] ?? '');

/**
 * Turns one slice of a line into text and `noteAnchor` nodes, reporting malformed markers.
 * Appends to `out` so that a paragraph's lines can be gathered into one list.
 */
export function parseLiaInlines(slice: SourceSlice, diagnostics: Diagnostics, out: Inline[] = [], options: InlineOptions = {}): Inline[] {
  const { text, line, column } = slice;
  let start = 0;
  const flush = (end: number): void => {
    if (end <= start) return;
    let value = text.slice(start, end);
    if (options.squash) value = value.replace(/[\s\u00a0]+/g, ' ');
    if (value !== '') out.push({ kind: 'text', text: value, pos: { line, column: column + start } });
  };
  let i = text.indexOf('[');
  while (i !== -1) {
    const pos: SourcePos = { line, column: column + i };
    ANCHOR.lastIndex = i;
    const anchor = ANCHOR.exec(text);
    if (anchor && !isLetterInWord(text, i, anchor)) {
      flush(i);
      out.push({ kind: 'noteAnchor', marker: anchor[0], key: anchor[1]!, pos });
      start = i + anchor[0].length;
      i = text.indexOf('[', start);
      continue;
    }
    UNCLOSED.lastIndex = i;
    EMPTY.lastIndex = i;
    if (UNCLOSED.test(text)) {
      diagnostics.report('marker-malformed', `note marker "${text.slice(i, i + 6)}…" is never closed with "]"; kept as text`, pos);
    } else if (EMPTY.test(text)) {
      diagnostics.report('marker-malformed', 'empty note marker "[]"; kept as text', pos);
    }
    i = text.indexOf('[', i + 1);
  }
  flush(text.length);
  return out;
}

/**
 * Where the anchor past `limit` is, counted as `parseLiaInlines` reads them, in one scan of
 * the whole text before any block is read; undefined within the limit. A bracket at the
 * start of a line (`[1] The note.`) is a note's label, not counted. So a text of a million
 * `[1]` is refused with the memory of its text alone, not after its model is built.
 */
export function anchorPastLimit(text: string, limit: number): SourcePos | undefined {
  let count = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) {
    ANCHOR.lastIndex = i;
    const anchor = ANCHOR.exec(text);
    if (!anchor || isLetterInWord(text, i, anchor)) continue;
    let k = i - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u00a0')) k--;
    if (k < 0 || text[k] === '\n') continue;
    if (++count <= limit) continue;
    let line = 1;
    let lineStart = 0;
    for (let n = text.indexOf('\n'); n !== -1 && n < i; n = text.indexOf('\n', n + 1)) {
      line++;
      lineStart = n + 1;
    }
    return { line, column: i - lineStart + 1 };
  }
  return undefined;
}

/** A note label at the start of a line: `[12] text` or `[12]` alone. */
export function noteLabelAt(line: string): { label: string; key: string; rest: number } | undefined {
  const m = /^[ \u00a0\t]*\[(\d{1,3}|[A-Za-z]|\*{1,3})\][ \u00a0\t]*/.exec(line);
  if (!m) return undefined;
  const label = m[0].trim();
  return { label, key: m[1]!, rest: m[0].length };
}

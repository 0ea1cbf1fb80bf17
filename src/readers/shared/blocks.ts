/**
 * Splits markdown into raw blocks (headings, rules, paragraphs, block quotes, grid-table
 * cells, stray HTML lines) as source ranges. Readers decide what each block *is*
 * (title, metadata, note, signature); this file only knows markdown's block syntax.
 */
import type { Source } from './source.js';
import { LimitExceeded } from '../../model/limits.js';
import { firstPrinted } from '../../layout/blocks.js';

export interface Range {
  start: number;
  end: number;
}

export type RawBlock =
  | { kind: 'heading'; level: number; line: number; start: number; end: number; attrs: string }
  | { kind: 'rule'; line: number; start: number; end: number }
  | { kind: 'para'; line: number; start: number; end: number; quoted: boolean }
  /** Lines of a block quote (`> `), already split into paragraphs. */
  | { kind: 'quote'; line: number; start: number; end: number; paras: Array<Range & { line: number }> }
  /** A pandoc grid table (`+---+`): its non-empty cells, each a list of line segments. */
  | { kind: 'table'; line: number; start: number; end: number; cells: Range[][] }
  | { kind: 'html'; line: number; start: number; end: number; text: string };

/**
 * The characters a line of block syntax opens with, after its white space: a rule (`-`, `*`,
 * `_`, `<hr>`), a row of stars (`#`, `\`, `*`), a heading (`#`), an HTML line or a `:::`
 * fence (`<`, `:`), a grid table (`+`) or a quote (`>`). A line that opens with any other
 * character is a paragraph's line: none of the block patterns is tried on it.
 */
const BLOCK_OPENERS = '-*_<#\\:+>';

/** What a line of markdown may be, from its first printed character (`firstPrinted`) alone (exported for the test that holds it to the patterns). */
export function lineShape(line: string): 'blank' | 'text' | 'syntax' {
  const at = firstPrinted(line);
  if (at < 0) return 'blank';
  return BLOCK_OPENERS.includes(line[at]!) ? 'syntax' : 'text';
}
// Three marks, then marks and blanks: the same language as `(?:-[ \t]*){3,}`, without a
// group repeated per character (which backtracks through a megabyte of `*` and overflows).
const RULE = /^\s{0,3}(?:-[ \t]*-[ \t]*-[- \t]*|\*[ \t]*\*[ \t]*\*[* \t]*|_[ \t]*_[ \t]*_[_ \t]*|<hr\s*\/?>)\s*$/i;
const HEADING = /^(#{1,6})[ \t]+/;
const HTML_LINE = /^\s*(?:<\/?(?:div|ul|ol|li|p|table|tr|td|hr|center|blockquote)\b[^>]*>|:::.*)\s*$/i;
/** A centred `* * *` (or `## \* \* \*`) separates like a rule. */
const STARS = /^\s{0,3}(?:#{1,6}\s+)?(?:\\?\*\s*){3}$/;
const TABLE_LINE = /^\s*[+|]/;
/** The border line that opens a grid table: `+----+----+`. */
const GRID_BORDER = /^\s*\+[-=+:]+\+\s*$/;
/** A line of a block quote. */
const QUOTE_LINE = /^\s{0,3}>/;

/** Line access, optionally without a `> ` prefix on every line (a page wrapped whole in a block quote). */
interface Lines {
  line(i: number): string;
  start(i: number): number;
  end(i: number): number;
}

const QUOTE_PREFIX = /^\s{0,3}> ?/;

/** The patterns `lineShape` spares a line that opens with no block syntax: each matches only a line it calls `syntax` (held by a test). */
export const BLOCK_LINE_PATTERNS: readonly RegExp[] = [RULE, STARS, HEADING, HTML_LINE, GRID_BORDER, QUOTE_LINE, QUOTE_PREFIX];

function lines(src: Source, unwrap: boolean): Lines {
  if (!unwrap) return { line: (i) => src.line(i), start: (i) => src.lineStart(i), end: (i) => src.lineEnd(i) };
  const cut = (i: number): number => QUOTE_PREFIX.exec(src.line(i))?.[0].length ?? 0;
  return { line: (i) => src.line(i).slice(cut(i)), start: (i) => src.lineStart(i) + cut(i), end: (i) => src.lineEnd(i) };
}

/** True when (nearly) every line from `firstLine` on starts with `>`: the whole page is quoted. */
export function isQuoteWrapped(src: Source, firstLine: number): boolean {
  let quoted = 0;
  let other = 0;
  for (let i = firstLine; i < src.lineCount; i++) {
    const l = src.line(i);
    const shape = lineShape(l);
    if (shape === 'blank') continue;
    if (shape === 'syntax' && QUOTE_PREFIX.test(l)) quoted++;
    else other++;
  }
  return quoted > 10 && other * 10 < quoted;
}

/**
 * The blocks of the markdown from `firstLine`. A paragraph, heading, block quote or table
 * becomes at least one element of the edition, so a text of more than `maxBlocks` of them
 * is refused here, at the first one past the limit (`--max-elements`), as the page-text reader
 * refuses its paragraphs: before a raw block, a stream block, a reading and a model node are
 * held for each (16 MB of one-line paragraphs, 560,000 of them, peaked at 720 MB while read,
 * then refused by the model's count).
 */
export function splitBlocks(src: Source, firstLine = 0, unwrap = false, maxBlocks = Number.POSITIVE_INFINITY): RawBlock[] {
  const blocks: RawBlock[] = [];
  const L = lines(src, unwrap);
  const n = src.lineCount;
  let i = firstLine;
  let elements = 0;
  while (i < n) {
    const line = L.line(i);
    const start = L.start(i);
    const shape = lineShape(line);
    if (shape === 'blank') {
      i++;
      continue;
    }
    const syntax = shape === 'syntax';
    const rule = syntax && (RULE.test(line) || STARS.test(line));
    const html = syntax && !rule && HTML_LINE.test(line);
    if (!rule && !html && ++elements > maxBlocks) {
      throw new LimitExceeded('input-too-many-elements', `the text has more than ${maxBlocks} paragraphs and headings, each at least one element (--max-elements ${maxBlocks}); the file was not converted`, src.pos(start + line.length - line.trimStart().length));
    }
    if (rule) {
      blocks.push({ kind: 'rule', line: i + 1, start, end: L.end(i) });
      i++;
      continue;
    }
    const h = syntax ? HEADING.exec(line) : null;
    if (h) {
      blocks.push(heading(L, i, h[1]!.length, h[0].length));
      i++;
      continue;
    }
    if (html) {
      blocks.push({ kind: 'html', line: i + 1, start, end: L.end(i), text: line.trim() });
      i++;
      continue;
    }
    if (syntax && GRID_BORDER.test(line)) {
      let j = i;
      while (j < n && TABLE_LINE.test(L.line(j))) j++;
      blocks.push(gridTable(L, i, j));
      i = j;
      continue;
    }
    if (syntax && QUOTE_LINE.test(line)) {
      let j = i;
      while (j < n && QUOTE_LINE.test(L.line(j))) j++;
      blocks.push(quote(L, i, j));
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const next = L.line(j);
      const shape = lineShape(next);
      if (shape === 'blank' || (shape === 'syntax' && (RULE.test(next) || STARS.test(next) || HEADING.test(next) || HTML_LINE.test(next)))) break;
      j++;
    }
    blocks.push({ kind: 'para', line: i + 1, start, end: L.end(j - 1), quoted: unwrap });
    i = j;
  }
  return blocks;
}

/** `## Title {#id .class}`: the content range without the hashes and the pandoc attributes. */
function heading(L: Lines, i: number, level: number, prefix: number): RawBlock {
  const line = L.line(i);
  const start = L.start(i);
  let body = line.slice(prefix);
  let attrs = '';
  const a = /\s*\{([^{}]*)\}\s*$/.exec(body);
  // `{#id .class}` after the words; not a span's attributes (`[words]{.small}`).
  if (a && /^\s*[#.]/.test(a[1]!) && !(a[0].startsWith('{') && body[a.index - 1] === ']')) {
    attrs = a[1]!;
    body = body.slice(0, a.index);
  }
  body = body.replace(/\s+#+\s*$/, '').replace(/\s+$/, '');
  return { kind: 'heading', level, line: i + 1, start: start + prefix, end: start + prefix + body.length, attrs };
}

function quote(L: Lines, from: number, to: number): RawBlock {
  const paras: Array<Range & { line: number }> = [];
  let current: (Range & { line: number }) | undefined;
  for (let i = from; i < to; i++) {
    const line = L.line(i);
    // A nested quote (`> > …`) is read as paragraphs of the outer one: every level of `>` is syntax.
    const m = /^\s{0,3}(?:> ?)+/.exec(line)!;
    const rest = line.slice(m[0].length);
    if (firstPrinted(rest) < 0) {
      current = undefined;
      continue;
    }
    const s = L.start(i) + m[0].length;
    if (!current) {
      current = { start: s, end: L.end(i), line: i + 1 };
      paras.push(current);
    } else current.end = L.end(i);
  }
  return { kind: 'quote', line: from + 1, start: L.start(from), end: L.end(to - 1), paras };
}

/** Grid-table cells: column boundaries from the first `+---+` line; rows end at `+---+` lines. */
function gridTable(L: Lines, from: number, to: number): RawBlock {
  const border = L.line(from);
  const cols: number[] = [];
  for (let k = 0; k < border.length; k++) if (border[k] === '+') cols.push(k);
  const cells: Range[][] = [];
  let row: Range[][] = cols.slice(1).map(() => []);
  const endRow = (): void => {
    for (const cell of row) if (cell.length) cells.push(cell);
    row = cols.slice(1).map(() => []);
  };
  for (let i = from + 1; i < to; i++) {
    const line = L.line(i);
    if (/^\s*\+/.test(line)) {
      endRow();
      continue;
    }
    const ls = L.start(i);
    for (let c = 0; c + 1 < cols.length; c++) {
      const a = cols[c]! + 1;
      const b = Math.min(cols[c + 1]!, line.length);
      if (a >= b) continue;
      const seg = line.slice(a, b);
      const lead = seg.length - seg.trimStart().length;
      const text = seg.trim();
      if (text) row[c]!.push({ start: ls + a + lead, end: ls + a + lead + text.length });
    }
  }
  endRow();
  return { kind: 'table', line: from + 1, start: L.start(from), end: L.end(to - 1), cells };
}

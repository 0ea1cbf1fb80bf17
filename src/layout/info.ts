/**
 * The information block of an LIA page: `Label: value` lines under the title
 * ("Written:", "Source:", "Transcription\Markup:", "Public Domain:" …).
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Dropped, Inline, MetaField, SourcePos } from '../model/edition.js';
import { labelRule } from '../model/labels.js';
import { plainText } from '../model/walk.js';
import { creditWithoutColon, infoSentence } from './rules.js';
import { type StreamBlock, squashLine } from './blocks.js';

/**
 * `Label: value` at the start of a line. The label is short, starts with a capital and
 * holds letters, spaces, `\`, `/`, `&`, `'` and `-`; a colon followed by `//` (a URL) is not
 * a label's colon. The label is bounded, so the match cannot backtrack far.
 */
const LABEL_LINE = /^[ \u00a0\t]*(\p{Lu}[\p{L}\\/&' \u00a0-]{0,40}?)[ \u00a0]*:(?=[ \u00a0\t]|$)/u;

/**
 * A known label with its value glued to the colon ("Transcription/Markup:Ted Crawford",
 * "First Published:Unknown"), as typed on some pages: a label line too. Only a known label: a
 * word before a colon in a sentence ("Note:this") is not one, nor a URL ("http://…").
 */
const GLUED_LABEL = /^[ \u00a0\t]*(\p{Lu}[\p{L}\\/&' \u00a0-]{0,40}?)[ \u00a0]*:(?=[\p{L}\d“"‘(])/u;
function gluedKnownLabel(text: string): RegExpExecArray | null {
  const m = GLUED_LABEL.exec(text);
  return m && labelRule(squashLine(m[1]!)) !== undefined ? m : null;
}

/** Page furniture glued to the end of a value: the "README" link of LIA pages. */
const README = /[ \u00a0\t]*(?:•[ \u00a0\t]*)?README[ \u00a0\t]*$/;

export interface LabelLine {
  label: string;
  /** Index in the line where the value starts (after the colon and spaces). */
  valueStart: number;
  known: boolean;
}

/** The most characters a label of `LABEL_LINE` and `GLUED_LABEL` has: a capital and 40 more. */
const LABEL_MAX = 41;

/**
 * False when neither `LABEL_LINE` nor `GLUED_LABEL` can match, found without running them
 * (most lines with a colon are prose): after the leading white space both need a label of
 * 1 to LABEL_MAX characters, then only spaces up to the first colon. A label holds letters,
 * spaces and `\ / & ' -` and opens with a capital, so any other ASCII character in it (a
 * digit, a comma, a full stop) or a lower-case ASCII first letter says no.
 */
function mayBeLabelLine(text: string): boolean {
  let start = 0;
  for (let c = text.charCodeAt(start); c === 0x20 || c === 0xa0 || c === 0x09; c = text.charCodeAt(++start));
  const colon = text.indexOf(':', start);
  if (colon < 0) return false;
  let end = colon;
  for (let c = text.charCodeAt(end - 1); end > start && (c === 0x20 || c === 0xa0); c = text.charCodeAt(--end - 1));
  // The patterns count characters (code points): an astral letter is two code units.
  if (end === start || end - start > 2 * LABEL_MAX) return false;
  const first = text.charCodeAt(start);
  if (first < 0x80 && !(first >= 0x41 && first <= 0x5a)) return false;
  let chars = 1;
  for (let k = start + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if ((c & 0xfc00) !== 0xdc00 || (text.charCodeAt(k - 1) & 0xfc00) !== 0xd800) chars++;
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) continue;
    if (c !== 0x20 && c !== 0x5c && c !== 0x2f && c !== 0x26 && c !== 0x27 && c !== 0x2d) return false;
  }
  return chars <= LABEL_MAX;
}

/** The label of a metadata line, when the line has one; unknown labels are at most four words. */
export function labelLineAt(text: string): LabelLine | undefined {
  return mayBeLabelLine(text) ? labelLineByPattern(text) : undefined;
}

/** `labelLineAt` without the quick test first: the patterns decide (exported for the tests that hold the two equal). */
export function labelLineByPattern(text: string): LabelLine | undefined {
  const m = LABEL_LINE.exec(text) ?? gluedKnownLabel(text);
  if (!m) return undefined;
  const label = squashLine(m[1]!);
  const known = labelRule(label) !== undefined;
  let valueStart = m[0].length;
  while (valueStart < text.length && /[ \u00a0\t]/.test(text[valueStart]!)) valueStart++;
  // An unknown label must look like one: a few words with a value after the colon. A
  // salutation ending in a colon ("Dear Comrades:") has no value and is not metadata.
  if (!known && (label.split(' ').length > 4 || valueStart >= text.length || /^(?:my )?dear\b/i.test(label))) return undefined;
  return { label, valueStart, known };
}

const CREDIT_ROLES = new Set<string>(['translated', 'transcribed', 'markup', 'transcriptionMarkup', 'proofed', 'editor', 'onlineVersion']);

/** A line that credits someone's work on the page: "Transcribed by Ted Crawford.", "Proofreader: Chris Clayton". */
export function isCreditLine(text: string): boolean {
  const prose = infoSentence(text);
  const label = prose ? undefined : labelLineAt(text);
  const role = prose ? prose.rule.role : label?.known ? labelRule(label.label)?.role : undefined;
  return role !== undefined && CREDIT_ROLES.has(role);
}

/** A paragraph opens (or continues) the information block when its first line is a label line. */
export const startsWithLabel = (p: StreamBlock, knownOnly: boolean): boolean => {
  const first = p.lines[0];
  if (!first) return false;
  const l = labelLineAt(first.text);
  return l !== undefined && (l.known || !knownOnly);
};

/**
 * Reads the fields of the information block. Lines without a label continue the value of
 * the field above them (a long value wrapped when the page was copied).
 */
export function readFields(paragraphs: readonly StreamBlock[], diagnostics: Diagnostics, dropped: Dropped[], citation?: (l: StreamBlock['lines'][number]) => Inline[]): MetaField[] {
  const fields: MetaField[] = [];
  let prevText = '';
  for (const p of paragraphs) {
    for (const { text, line } of p.lines) {
      const prev = prevText;
      prevText = text;
      const l = labelLineAt(text);
      const last = fields[fields.length - 1];
      // A prose line of the block ("Transcribed by Zodiac") is a field with its words as label;
      // so is a credit printed without its colon under a field ("Transcription Ted Crawford").
      const prose = l ? undefined : (infoSentence(text) ?? (last ? creditWithoutColon(text) : undefined));
      if (prose) {
        const role = prose.rule.role === 'other' ? labelRule(prose.label)?.role ?? 'other' : prose.rule.role;
        const field: MetaField = { label: prose.label, role, value: [], pos: { line, column: text.search(/[^ \u00a0\t]/) + 1 } };
        appendValue(field, cutReadme(text, prose.valueStart, line, diagnostics, dropped), { line, column: prose.valueStart + 1 });
        fields.push(field);
        continue;
      }
      // A whole sentence of its own under a value that ended one ("Translator: Jacques Bonhomme." /
      // "Many thanks to John Partington."): a note of the block, not more of that value.
      if (!l && last && !(endsSentence(prev) && isWholeSentence(text))) {
        appendValue(last, cutReadme(text, 0, line, diagnostics, dropped), { line, column: 1 });
        continue;
      }
      if (!l) {
        // The block's first line without a label: the printed source it cites, a field of its own.
        // Read by the reader's inline syntax when it gives one: a note anchor in it ("… pp. 241–255. [1]") stays one.
        const field: MetaField = { label: '', role: 'other', value: citation ? citation({ text, line }) : [], pos: { line, column: text.search(/[^ \u00a0\t]/) + 1 } };
        if (!citation) appendValue(field, cutReadme(text, 0, line, diagnostics, dropped), { line, column: 1 });
        fields.push(field);
        continue;
      }
      const field: MetaField = {
        label: l.label,
        role: labelRule(l.label)?.role ?? 'other',
        value: [],
        pos: { line, column: text.search(/[^ \u00a0\t]/) + 1 },
      };
      if (!l.known) {
        diagnostics.report('metadata-unknown-label', `metadata label "${l.label}" is unknown; it is kept with role "other"`, field.pos);
      }
      appendValue(field, cutReadme(text, l.valueStart, line, diagnostics, dropped), { line, column: l.valueStart + 1 });
      fields.push(field);
    }
  }
  return fields;
}

const endsSentence = (text: string): boolean => /[\p{Ll}\d)][.!]["”’]?[ \u00a0\t]*$/u.test(text);
const isWholeSentence = (text: string): boolean => /^[ \u00a0\t]*\p{Lu}\p{Ll}*[ \u00a0]+\p{Ll}.{3,200}[.!]["”’]?[ \u00a0\t]*$/u.test(text);

/** The value part of a line, without a glued "README" (which is dropped and reported). */
function cutReadme(text: string, from: number, line: number, diagnostics: Diagnostics, dropped: Dropped[]): string {
  const value = text.slice(from);
  const m = README.exec(value);
  if (!m) return value;
  const furniture = m[0].trim();
  const column = from + m.index + m[0].search(/[^ \u00a0\t]/) + 1;
  dropped.push({ text: furniture, reason: 'README link glued to the metadata', pos: { line, column } });
  diagnostics.report('furniture-dropped', `dropped page furniture "${furniture}" at the end of the metadata line`, { line, column });
  return value.slice(0, m.index);
}

/** Adds words to a field's value: one squashed text node, continuation lines joined by a space. */
function appendValue(field: MetaField, raw: string, pos: { line: number; column: number }): void {
  const words = squashLine(raw);
  if (words === '') return;
  const node = field.value[0];
  if (node?.kind === 'text') node.text += ` ${words}`;
  else {
    const lead = raw.search(/[^ \u00a0\t]/);
    field.value.push({ kind: 'text', text: words, pos: { line: pos.line, column: pos.column + Math.max(lead, 0) } });
  }
}

// ---------------------------------------------------------------------------------------
// One printed line of an information block whose inlines the reader gives whole (HTML)

/** "Transcription & HTML Mark-up: …" → the label before the colon, when it is short enough to be one. */
const TEXT_LABEL = /^([A-Z][A-Za-z &/\\'-]{1,48}?)\s*:\s*/;
/** "Translated by R. Dixon.", "Corrected & marked up by …": a label ending in "by". */
const BY_LABEL = /^([A-Z][A-Za-z &-]{2,40}? by)\s+/;
/** "From Forward, 3 May 1913.": a known label word without a colon. */
const WORD_LABEL = /^([A-Z][a-z]+)\s+/;

function stripPrefix(value: Inline[], length: number): void {
  const first = value[0];
  if (first?.kind !== 'text') return;
  const rest = first.text.slice(length);
  if (rest === '') value.shift();
  else value[0] = { ...first, text: rest };
}

/** Drops the "•" left before the README link (the link itself is dropped as furniture). */
function dropTrailingBullet(value: Inline[]): void {
  const last = value.at(-1);
  if (last?.kind !== 'text') return;
  const t = last.text.replace(/\s*•\s*$/, '');
  if (t === '') value.pop();
  else value[value.length - 1] = { ...last, text: t };
}

function infoField(label: string, value: Inline[], pos: SourcePos): MetaField {
  dropTrailingBullet(value);
  return { label, role: labelRule(label)?.role ?? 'other', value, pos };
}

/**
 * A line whose label the syntax sets apart (`<span class="info">Source:</span>`,
 * `<strong>Source:</strong>`): the label without its colon; a colon printed after the
 * label's element starts the value and is left out of it.
 */
export function labelledInfoField(printedLabel: string, value: Inline[], pos: SourcePos): MetaField {
  const lead = value[0];
  if (lead?.kind === 'text' && /^\s*:/.test(lead.text)) stripPrefix(value, /^\s*:\s*/.exec(lead.text)![0].length);
  return infoField(printedLabel.replace(/\s*:\s*$/, ''), value, pos);
}

/**
 * A line of the information block read by its words: "Label: value", "Translated by …",
 * a known label word ("From …"), a prose sentence of the INFO_SENTENCES table; else a
 * field without a label. The label's words are taken off the value.
 */
export function infoLineField(value: Inline[], pos: SourcePos): MetaField {
  const head = value[0]?.kind === 'text' ? value[0].text : '';
  const colon = TEXT_LABEL.exec(head);
  if (colon) {
    stripPrefix(value, colon[0].length);
    return infoField(colon[1]!, value, pos);
  }
  const by = BY_LABEL.exec(head);
  if (by) {
    stripPrefix(value, by[0].length);
    return infoField(by[1]!, value, pos);
  }
  const word = WORD_LABEL.exec(head);
  // "Translation in Labour Monthly, …" is a sentence (where the translation was printed), not a label.
  if (word && labelRule(word[1]!) && !/^(?:in|on|of|at|for|to|as)\b/i.test(head.slice(word[0].length))) {
    stripPrefix(value, word[0].length);
    return infoField(word[1]!, value, pos);
  }
  // "Speech delivered on the morning of September 5th, 1970 …": a prose row of the layout table.
  // The value may be a link of its own ("Downloaded with thanks from <a>Endpage.com</a>"): the
  // label's words are then the whole first text node, the sentence read with what follows it.
  const prose = infoSentence(head) ?? labelBeforeInline(head, value);
  if (prose) {
    stripPrefix(value, prose.valueStart);
    return { ...infoField(prose.label, value, pos), role: prose.rule.role };
  }
  return infoField('', value, pos);
}

/** The prose row a line matches when its label's words are all of its first text node and the value is the inlines after it. */
function labelBeforeInline(head: string, value: readonly Inline[]): ReturnType<typeof infoSentence> {
  if (head === '' || value.length < 2) return undefined;
  const prose = infoSentence(`${head}${plainText(value.slice(1))}`);
  return prose && prose.valueStart >= head.trimEnd().length ? { ...prose, valueStart: head.length } : undefined;
}

/** "Last updated on 9.10.2007" at the foot of the page: the label, and the date as its value. */
export function lastUpdatedField(value: Inline[], pos: SourcePos): MetaField {
  const m = value[0]?.kind === 'text' ? /^(Last updated(?: on)?)\s*:?\s*/i.exec(value[0].text) : null;
  let label = '';
  if (m && value[0]?.kind === 'text') {
    label = m[1]!;
    const rest = value[0].text.slice(m[0].length);
    if (rest) value[0] = { ...value[0], text: rest };
    else value.shift();
  }
  return { label, role: labelRule(label)?.role ?? 'other', value, pos };
}

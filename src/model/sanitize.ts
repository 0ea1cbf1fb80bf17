/**
 * The last gate before the writer: whatever a reader or transform let through, the model
 * leaves here holding only what XML 1.0 and the attributes' datatypes allow.
 *
 * - Characters XML forbids (C0 controls but tab and line ends, lone surrogates, U+FFFE,
 *   U+FFFF) become U+FFFD, reported where they stand. In running text (a reader decoded
 *   `&#xFFFE;` or `&#1;`), the original is kept as far as XML can:
 *   `<choice><sic><gap reason="forbidden-character"><desc>U+FFFE</desc></gap></sic><corr resp="#teiwright">�</corr></choice>`
 *   — the source had a character here that the TEI cannot hold (sic, its code point
 *   described), written as U+FFFD (corr). Raw forbidden characters of the input are read as
 *   text and encoded the same way, at their own line:col (`reportForbiddenInInput` reports
 *   any a reader dropped or moved out of the running text).
 * - Link targets: empty ones, and any scheme that is not a document address (`javascript:`,
 *   `data:`, `vbscript:`, …), are dropped — the link's words stay in the text; characters a
 *   URI cannot hold (`[`, a stray `%`, a second `#`) are percent-encoded.
 * - Ids are NCNames; a renamed id is renamed in every pointer to it too.
 * - The language is a BCP 47 tag (or `und`).
 * - Empty lists, line groups and quotes (nothing to write; TEI requires a child) are removed.
 *
 * Every walk uses an explicit stack: the model may nest as deep as the input.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition, Inline, SourcePos } from './edition.js';
import { countElements, inheritedKeys, LimitCount } from './check.js';
import type { Limits } from './limits.js';
import { referenceAt, type SourceText } from './source-text.js';

/** Characters XML 1.0 forbids; with the `u` flag, `[\uD800-\uDFFF]` matches only lone surrogates. */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'gu');
/**
 * Every character FORBIDDEN can match, surrogates paired or not, in one class without the
 * `u` flag: V8 scans for it several times faster than for FORBIDDEN, and almost every string
 * has none of them, so FORBIDDEN runs only on the few that do.
 */
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const isForbidden = (s: string): boolean => (s.length < SHORT ? suspectShort(s) : SUSPECT.test(s)) && FORBIDDEN.test(s);

/**
 * Below this length a string is looked at character by character: most strings of the model
 * are short (kinds, labels, words), and calling the pattern costs more than reading them.
 */
const SHORT = 32;

/** SUSPECT's test, one character at a time. */
function suspectShort(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe)) return true;
  }
  return false;
}

/** Beyond this many, one file's forbidden characters are counted, not listed. */
const MAX_REPORTED = 100;

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export const hasForbiddenChars = isForbidden;

/** The forbidden characters of a whole input text, each with its line:col (columns in UTF-16 code units). Linear. */
export function forbiddenInInput(text: string): { cp: string; pos: SourcePos }[] {
  const found: { cp: string; pos: SourcePos }[] = [];
  eachForbiddenInInput(text, (cp, pos) => found.push({ cp, pos }));
  return found;
}

/**
 * `forbiddenInInput` one character at a time, in text order, without gathering them: a
 * 16 MB flood of U+FFFE held 2.8 million `{ cp, pos }` records (about 250 MB) only to be
 * walked once.
 */
function eachForbiddenInInput(text: string, visit: (cp: string, pos: SourcePos) => void): void {
  if (!isForbidden(text)) return;
  let line = 1;
  let lineStart = 0;
  // The next line end, found once and kept until a match passes it: looking it up again from
  // each match scanned a long line once per match (1 MB on one line: 4.6 s).
  let nextLf = text.indexOf('\n');
  for (const m of text.matchAll(FORBIDDEN_ALL)) {
    const offset = m.index;
    while (nextLf !== -1 && nextLf < offset) {
      line++;
      lineStart = nextLf + 1;
      nextLf = text.indexOf('\n', lineStart);
    }
    visit(codePoint(m[0]), { line, column: offset - lineStart + 1 });
  }
}

const posKey = (line: number | undefined, column: number | undefined): string => `${line}:${column}`;

/** From this length a string's forbidden characters are replaced in a copy of its code units (see `replaceForbidden`). */
export const REPLACE_IN_UNITS_FROM = 1 << 16;

/** Whether a Uint16Array holds its units as UTF-16LE bytes (the copy below reads them so). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `s` with each character FORBIDDEN matches as U+FFFD, `each` told of them in order.
 * A long string is copied to its UTF-16 code units, patched there and decoded once: a global
 * `replace` holds a record of every match until it builds the result, and 16 MB of text
 * with 2.8 million U+FFFE and U+0001 left about 250 MB of them; the heap V8 then allowed
 * itself (1.5 × the peak, cli/heap.ts) let the writer's and the validation's garbage pile
 * up to it before a collection (569 MB RSS at the end). Here: the copy, then the string.
 */
export function replaceForbidden(s: string, each?: (ch: string) => void): string {
  if (s.length < REPLACE_IN_UNITS_FROM || !LITTLE_ENDIAN) return each ? s.replace(FORBIDDEN_ALL, (ch) => (each(ch), '\uFFFD')) : s.replace(FORBIDDEN_ALL, '\uFFFD');
  // Not from Buffer's pool: its own memory, two-byte aligned, given back with the buffer.
  const bytes = Buffer.allocUnsafeSlow(s.length * 2);
  bytes.write(s, 'utf16le');
  const units = new Uint16Array(bytes.buffer, bytes.byteOffset, s.length);
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if (c < 0x20 ? c === 0x09 || c === 0x0a || c === 0x0d : c < 0xd800 || (c > 0xdfff && c < 0xfffe)) continue;
    // A high surrogate with its low one is a character (FORBIDDEN's `u` flag reads the pair as one).
    if (c <= 0xdbff && i + 1 < units.length && units[i + 1]! >= 0xdc00 && units[i + 1]! <= 0xdfff) {
      i++;
      continue;
    }
    each?.(String.fromCharCode(c));
    units[i] = 0xfffd;
  }
  return bytes.toString('utf16le');
}


/**
 * After `sanitizeModel`: the raw forbidden characters of the input (not references; those
 * are the reader's) that the model kept in running text were encoded as choice/sic(gap)/corr
 * and reported where they stand. Any the reader dropped or moved into a value without a
 * position (an attribute, the header's title) is reported here at its own line:col, so
 * every one of them has a warning with its place; a position-less report of a character
 * reported here or in the text is dropped as a duplicate.
 */
export function reportForbiddenInInput(text: string, diagnostics: Diagnostics): void {
  if (!isForbidden(text)) return;
  const items = diagnostics.items;
  const placed = new Set<string>();
  let reported = 0;
  for (const d of items) {
    if (d.code !== 'char-forbidden') continue;
    reported++;
    if (d.line !== undefined) placed.add(posKey(d.line, d.column));
  }
  let more = 0;
  const cps = new Set<string>();
  eachForbiddenInInput(text, (cp, pos) => {
    cps.add(cp);
    if (placed.has(posKey(pos.line, pos.column))) return;
    if (++reported <= MAX_REPORTED) diagnostics.report('char-forbidden', `${cp} is not allowed in XML; replaced by U+FFFD`, pos);
    else more++;
  });
  if (more > 0) diagnostics.report('char-forbidden', `${more} more characters XML forbids were replaced by U+FFFD`);
  // A value without a position (the header's title copied from the head) repeats a character reported above.
  for (let i = items.length - 1; i >= 0; i--) {
    const d = items[i]!;
    if (d.code === 'char-forbidden' && d.line === undefined && cps.has(d.message.slice(0, d.message.indexOf(' ')))) items.splice(i, 1);
  }
}

/** Schemes a link may keep: addresses of documents. Anything else is dropped. */
const SAFE_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'mailto', 'urn', 'doi']);
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * The target a link may carry, or a reason to drop it. Characters outside RFC 3986 (and a
 * `%` not starting an escape, a second `#`) are percent-encoded, so the value is an anyURI.
 */
export function safeTarget(href: string): { target: string; changed: boolean } | { drop: string } {
  const trimmed = href.trim();
  if (trimmed === '') return { drop: 'the link has an empty target' };
  // Browsers ignore white space and controls inside a scheme ("java\tscript:"): so do we.
  const scheme = SCHEME.exec(trimmed.replace(/[\s\x00-\x1F]+/g, ''))?.[1]?.toLowerCase();
  if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) return { drop: `the link's "${scheme}:" target is not a document address` };
  // An address with a host (http://, //host) must parse as one: a host with `[`, a bad port
  // (`www.x(javascript:y)`) cannot be repaired by escaping, so the link goes.
  const hierarchical = trimmed.startsWith('//') || (scheme !== undefined && ['http', 'https', 'ftp', 'ftps'].includes(scheme));
  if (hierarchical) {
    try {
      new URL(trimmed.startsWith('//') ? `http:${trimmed}` : trimmed);
    } catch {
      return { drop: 'the link\'s target is not a well-formed address' };
    }
  }
  let out = '';
  let hashSeen = false;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i]!;
    if (ch === '#') {
      out += hashSeen ? '%23' : '#';
      hashSeen = true;
    } else if (ch === '%') {
      out += /^[0-9A-Fa-f]{2}$/.test(trimmed.slice(i + 1, i + 3)) ? '%' : '%25';
    } else if (/[A-Za-z0-9\-._~:/?@!$&'()*+,;=]/.test(ch)) {
      out += ch;
    } else {
      const cp = trimmed.codePointAt(i)!;
      const whole = String.fromCodePoint(cp);
      out += encodeURIComponent(whole.length === 2 || cp < 0xd800 || cp > 0xdfff ? whole : '\uFFFD');
      i += whole.length - 1;
    }
  }
  if (out === '#' || out === '') return { drop: 'the link has an empty target' };
  // Without a scheme, a colon in the first segment ("FirstPublished:./x.htm") would read as
  // one, and no URI reference may have it there: it is escaped.
  if (scheme === undefined && !out.startsWith('//')) {
    const end = out.search(/[/?#]/);
    const first = end < 0 ? out : out.slice(0, end);
    if (first.includes(':')) out = first.replaceAll(':', '%3A') + (end < 0 ? '' : out.slice(end));
  }
  return { target: out, changed: out !== trimmed };
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** An NCName made from `id`: other characters become `_`, a leading digit or dot gets `_` before it. */
export function ncName(id: string): string {
  const body = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(body) ? body : `_${body}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPos = (v: unknown): v is SourcePos => isObj(v) && typeof v.line === 'number' && typeof v.column === 'number';

/** Fields that point at ids (`#id`, space-separated lists) and must follow a renamed id. */
const POINTER_FIELDS = new Set(['target', 'resp', 'hand']);

function isLink(v: unknown): v is Extract<Inline, { kind: 'link' }> {
  return isObj(v) && v.kind === 'link' && typeof v.href === 'string' && Array.isArray(v.children);
}

/** `xml:lang` is a BCP 47 tag: letters, then `-`-separated letters and digits. */
const LANGUAGE = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** The language tag to write for `value` (`en_US` → `en-US`), or `und` (undetermined) with a warning. */
function safeLanguage(value: string, diagnostics: Diagnostics): string {
  const tag = value.trim().replace(/_/g, '-');
  if (LANGUAGE.test(tag)) return tag;
  diagnostics.report('language-invalid', `the language "${value.length > 40 ? `${value.slice(0, 37)}…` : value}" is not a language tag; written as "und" (undetermined)`);
  return 'und';
}

/** The `@reason` of the gap that stands for a character XML cannot hold. */
export const FORBIDDEN_REASON = 'forbidden-character';

const isTextNode = (v: unknown): v is { kind: 'text'; text: string; pos: SourcePos } =>
  isObj(v) && v.kind === 'text' && typeof v.text === 'string' && isPos(v.pos);

/** Inline lists whose forbidden characters are encoded as choice/sic/corr: running text, not an emendation's parts. */
const RUNNING_TEXT_KEYS = new Set(['children', 'items', 'lines', 'head', 'subtitle', 'dateline', 'salute', 'signed']);

/**
 * Rebuilds `list` with each forbidden character of its text nodes as choice/sic(gap)/corr(U+FFFD),
 * reporting it at its line:col (the node's start advanced over the text before it).
 */
function encodeForbiddenInList(list: unknown[], edition: Edition, diagnostics: Diagnostics, count: { n: number; at: Set<string> }, budget: Budget, source: SourceText | undefined): void {
  const rebuilt: unknown[] = [];
  for (const item of list) {
    if (!isTextNode(item) || !FORBIDDEN.test(item.text)) {
      rebuilt.push(item);
      continue;
    }
    const { text, pos } = item;
    let line = pos.line;
    let column = pos.column;
    let scanned = 0;
    let done = 0;
    // Where the text after the last character handled starts (a forbidden character is one
    // code unit and never a line end, so it is the column after it).
    let donePos: SourcePos = pos;
    // Past the element budget, the rest of this text is one node with U+FFFD for each.
    let plainFrom: { offset: number; pos: SourcePos } | undefined;
    // Counting over the node's text is right only where the reader kept it as printed: the source says where the character is.
    const cursor = source?.from(pos);
    for (const m of text.matchAll(FORBIDDEN_ALL)) {
      for (; scanned < m.index; scanned++) {
        if (text.charCodeAt(scanned) === 10) {
          line++;
          column = 1;
        } else column++;
      }
      const counted: SourcePos = { line, column };
      const unit = m[0].charCodeAt(0);
      const cpNumber = m[0].codePointAt(0)!;
      const at: SourcePos = cursor ? cursor.find((t, i) => nextOf(t, i, unit), (t, i) => t.charCodeAt(i) === unit || referenceAt(t, i, cpNumber), counted) : counted;
      const cp = codePoint(m[0]);
      if (plainFrom === undefined && budget.left <= 0) {
        if (!budget.warned) {
          budget.warned = true;
          diagnostics.report('char-forbidden', `too many characters XML forbids to keep each as choice/sic/corr: from here on they are written as U+FFFD (--max-elements ${budget.limit} bounds the elements of one document)`, at);
        }
        plainFrom = { offset: done, pos: donePos };
      }
      if (plainFrom !== undefined) {
        if (++count.n <= MAX_REPORTED) diagnostics.report('char-forbidden', `${cp} is not allowed in XML; replaced by U+FFFD`, at);
        continue;
      }
      budget.left--;
      if (m.index > done) rebuilt.push({ kind: 'text', text: text.slice(done, m.index), pos: donePos });
      rebuilt.push({
        kind: 'choice', resp: TEIWRIGHT, pos: at,
        sic: [{ kind: 'gap', reason: FORBIDDEN_REASON, printed: cp, pos: at }],
        corr: [{ kind: 'text', text: '\uFFFD', pos: at }],
      });
      const description = `${cp} is not allowed in XML; kept as a gap in sic, written as U+FFFD (choice/sic/corr)`;
      edition.emendations.push({ kind: 'gap', resp: TEIWRIGHT, description, pos: at });
      // One character of the source copied into two places of the model (a note's words an emendation also put in the text) is one warning.
      const key = posKey(at.line, at.column);
      if (!count.at.has(key)) {
        count.at.add(key);
        if (++count.n <= MAX_REPORTED) diagnostics.report('char-forbidden', description, at);
      }
      done = m.index + m[0].length;
      donePos = { line: at.line, column: at.column + m[0].length };
    }
    if (plainFrom !== undefined) rebuilt.push({ kind: 'text', text: replaceForbidden(text.slice(plainFrom.offset)), pos: plainFrom.pos });
    else if (done < text.length) rebuilt.push({ kind: 'text', text: text.slice(done), pos: donePos });
  }
  list.length = 0;
  for (const item of rebuilt) list.push(item);
  // The answers remembered hold the source text: not kept past the list.
  lastFound.clear();
}

const TEIWRIGHT = '#teiwright';

/**
 * How many more forbidden characters may become choice/sic(gap)/corr: each adds three
 * elements to the model (choice, gap, the emendation record). Past it they are written as
 * U+FFFD with one warning, so a flood of them (a megabyte of U+FFFE) is converted, not
 * refused by `--max-elements`.
 */
interface Budget {
  left: number;
  warned: boolean;
  limit: number;
}

/** The first offset at or after `from` where `unit` or a numeric reference (`&#`) stands, or -1. */
function nextOf(text: string, from: number, unit: number): number {
  const raw = indexFrom(text, String.fromCharCode(unit), from);
  const ref = indexFrom(text, '&#', from);
  return raw < 0 ? ref : ref < 0 ? raw : Math.min(raw, ref);
}

/** The last answer of `indexFrom` for each needle: the cursor only moves forward. */
const lastFound = new Map<string, { text: string; from: number; at: number }>();

/**
 * `text.indexOf(needle, from)`, remembering the answer: asked again from a later place before
 * that answer (or after a miss), it is still the answer. Without it a source with no `&#` was
 * searched to its end once per forbidden character (quadratic in a megabyte of them).
 */
function indexFrom(text: string, needle: string, from: number): number {
  const last = lastFound.get(needle);
  if (last !== undefined && last.text === text && last.from <= from && (last.at < 0 || last.at >= from)) return last.at;
  const at = text.indexOf(needle, from);
  if (last !== undefined) {
    last.text = text;
    last.from = from;
    last.at = at;
  } else lastFound.set(needle, { text, from, at });
  return at;
}

/** The most entries the last `sanitizeModel` walk held on its stack at once (for tests of its memory). */
export const sanitizeWalk = { peakEntries: 0 };

/**
 * Makes the model safe to write (see the file comment); reports each repair. `maxElements`
 * bounds the elements the encoding adds; `source`, the input, places each forbidden character.
 * With `limits`, the walk also counts the nodes of the model it leaves against them and
 * returns the count, for `checkModel` (one walk fewer per document); undefined without
 * `limits`, or when plain objects inherit enumerable keys (the walk's `for…in` would meet
 * keys the limit walk skips).
 */
export function sanitizeModel(edition: Edition, diagnostics: Diagnostics, maxElements = Number.POSITIVE_INFINITY, source?: SourceText, limits?: Limits): LimitCount | undefined {
  edition.metadata.language = safeLanguage(edition.metadata.language, diagnostics);
  frameWithoutText(edition);
  const forbiddenCount = { n: 0, at: new Set<string>() };
  const budget: Budget = { left: Number.POSITIVE_INFINITY, warned: false, limit: maxElements };
  const ids = new Set<string>();
  const renamed = new Map<string, string>();
  const idHolders: Obj[] = [];
  // Pass 1: characters, link targets, and which ids need a new name. The stack is parallel
  // arrays (no object per node); `checked` marks the items of a running-text list whose text
  // nodes were just found free of forbidden characters (their `text` is not scanned again).
  // A list is one entry whose items are taken in order (`nexts`: the next item's index; -1
  // for an entry that is a single value), not one entry per item: a paragraph of two million
  // text nodes (16 MB of `&laquo;`) put four arrays of two million slots on the stack, 200 MB
  // with their growth, at the conversion's peak. The items are visited in the same order.
  const values: unknown[] = [edition];
  const outers: (SourcePos | undefined)[] = [undefined];
  const fields: (string | undefined)[] = [undefined];
  const checked: boolean[] = [false];
  const nexts: number[] = [-1];
  // The limit count's depth of each entry (what holds it), as exceededLimit keeps it: every
  // list is changed (links unwrapped, forbidden text encoded, empty containers removed)
  // before its items are visited, and nothing visited changes after, so the nodes counted
  // are those of the model the walk leaves, in exceededLimit's order.
  const count = limits && !inheritedKeys() ? new LimitCount(limits) : undefined;
  const depths: number[] = [0];
  const popEntry = (): void => {
    values.pop();
    outers.pop();
    fields.pop();
    checked.pop();
    nexts.pop();
    depths.pop();
  };
  let peak = 0;
  while (values.length > 0) {
    const top = values.length - 1;
    if (values.length > peak) peak = values.length;
    const next = nexts[top]!;
    let value: unknown;
    let outer = outers[top];
    let field = fields[top];
    let textChecked = checked[top]!;
    const depth = depths[top]!;
    if (next >= 0) {
      // The next item of a list: a list of lists passes its field on; `checked` is the list's.
      const list = values[top] as unknown[];
      value = list[next];
      const isList = Array.isArray(value);
      field = isList && field !== undefined ? field : undefined;
      textChecked = textChecked && !isList;
      if (next + 1 < list.length) nexts[top] = next + 1;
      else popEntry();
    } else {
      value = values[top];
      popEntry();
    }
    if (Array.isArray(value)) {
      if (value.some(isLink)) unwrapUnsafeLinks(value, outer, diagnostics);
      const running = field !== undefined && RUNNING_TEXT_KEYS.has(field);
      let forbiddenText = false;
      let empty = false;
      for (const v of value) {
        if (!isObj(v)) continue;
        // isTextNode last: its place is read only for a text that needs it (see `pos` below).
        if (running && !forbiddenText && v.kind === 'text' && typeof v.text === 'string' && isForbidden(v.text) && isTextNode(v)) forbiddenText = true;
        if (!empty && isEmptyContainer(v)) empty = true;
      }
      if (forbiddenText) {
        // Counted at the first list that needs it: most documents have no forbidden character.
        if (Number.isFinite(maxElements) && budget.left === Number.POSITIVE_INFINITY) budget.left = Math.floor((maxElements - countElements(edition)) / 3);
        encodeForbiddenInList(value, edition, diagnostics, forbiddenCount, budget, source);
      }
      if (empty) removeEmptyContainers(value);
      // Its items, in order, from one entry.
      if (value.length > 0) {
        values.push(value);
        outers.push(outer);
        fields.push(field);
        checked.push(running && !forbiddenText);
        nexts.push(0);
        depths.push(depth);
      }
      continue;
    }
    if (!isObj(value)) continue;
    const inner = count ? count.node(value, depth) : depth;
    // The node's place (or its container's), read once and only when needed (a diagnostic, a
    // child entry): a large source's text nodes make their position when it is read
    // (readers/shared/source.ts, lean text nodes), and most nodes need none.
    let pos: SourcePos | undefined | null = null;
    const checkedText = textChecked && value.kind === 'text' && isTextNode(value as unknown);
    // for-in, not Object.keys: no array of keys per object (the model is plain objects, nothing inherited).
    for (const key in value) {
      // A position holds no text and is not walked.
      if (key === 'pos') continue;
      const v = value[key];
      if (typeof v === 'string') {
        if (!(checkedText && key === 'text') && isForbidden(v)) {
          const at = pos === null ? (pos = isPos(value.pos) ? value.pos : outer) : pos;
          value[key] = replaceForbidden(v, (ch) => {
            if (++forbiddenCount.n <= MAX_REPORTED) diagnostics.report('char-forbidden', `${codePoint(ch)} is not allowed in XML; replaced by U+FFFD`, at);
          });
        }
      } else if (Array.isArray(v)) {
        if (pos === null) pos = isPos(value.pos) ? value.pos : outer;
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (typeof item === 'string' && isForbidden(item)) v[i] = replaceForbidden(item);
        }
        values.push(v);
        outers.push(pos);
        fields.push(key);
        checked.push(false);
        nexts.push(-1);
        depths.push(inner);
      } else if (isObj(v)) {
        if (pos === null) pos = isPos(value.pos) ? value.pos : outer;
        values.push(v);
        outers.push(pos);
        fields.push(undefined);
        checked.push(false);
        nexts.push(-1);
        depths.push(inner);
      }
    }
    if (typeof value.id === 'string') {
      if (NCNAME.test(value.id)) ids.add(value.id);
      idHolders.push(value);
    }
  }
  sanitizeWalk.peakEntries = peak;
  if (forbiddenCount.n > MAX_REPORTED) diagnostics.report('char-forbidden', `${forbiddenCount.n - MAX_REPORTED} more characters XML forbids were replaced by U+FFFD`);

  // An id must be an NCName and unique; a later duplicate (a reader's bug) gets a new name,
  // and pointers keep going to the first.
  const kept = new Set<string>();
  for (const holder of idHolders) {
    const id = holder.id as string;
    if (NCNAME.test(id) && !kept.has(id)) {
      kept.add(id);
      continue;
    }
    if (NCNAME.test(id)) {
      let n = 2;
      while (ids.has(`${id}-${n}`)) n++;
      holder.id = `${id}-${n}`;
      ids.add(holder.id as string);
      kept.add(holder.id as string);
      continue;
    }
    let fresh = ncName(id);
    for (let n = 2; ids.has(fresh); n++) fresh = `${ncName(id)}-${n}`;
    ids.add(fresh);
    kept.add(fresh);
    renamed.set(id, fresh);
    holder.id = fresh;
  }
  // Pass 2 changes only pointers (strings): the count stands.
  if (renamed.size === 0) return count;
  // Pass 2: pointers follow their renamed ids.
  const repoint = (v: string): string =>
    v.split(' ').map((p) => (p.startsWith('#') && renamed.has(p.slice(1)) ? `#${renamed.get(p.slice(1))}` : p)).join(' ');
  const again: unknown[] = [edition];
  while (again.length > 0) {
    const value = again.pop();
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object' && v !== null) again.push(v);
      continue;
    }
    if (!isObj(value)) continue;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (POINTER_FIELDS.has(key) && typeof v === 'string') value[key] = repoint(v);
      else if (key === 'targets' && Array.isArray(v)) value[key] = v.map((t) => (typeof t === 'string' ? repoint(t) : t));
      else if (typeof v === 'object' && v !== null && key !== 'pos') again.push(v);
    }
  }
  return count;
}

/**
 * A letter's closer or postscript with no text above it (a page of nothing but the letter's
 * frame, or the frame and an image): TEI's closer and postscript follow the text of a div and cannot stand without it,
 * so their lines are the text, as printed, in source order.
 */
function frameWithoutText(edition: Edition): void {
  const body = edition.body;
  // A page break or an image is no text (TEI's model.global): a closer cannot follow them alone.
  if (body.blocks.some((b) => b.kind !== 'pb' && b.kind !== 'figure') || (!body.closer && !body.postscript)) return;
  const closer = body.closer;
  const lines = closer ? [closer.salute, closer.signed, closer.dateline].filter((l): l is Inline[] => l !== undefined && l.length > 0) : [];
  const at = (l: Inline[]): SourcePos => l[0]!.pos;
  lines.sort((a, b) => at(a).line - at(b).line || at(a).column - at(b).column);
  body.blocks = [...body.blocks, ...lines.map((children) => ({ kind: 'p' as const, children, pos: at(children) })), ...(body.postscript?.blocks ?? [])];
  delete body.closer;
  delete body.postscript;
}

/** Fields a block must not have empty: TEI's `list`, `lg` and `quote` need a child. */
const CONTENT_OF: Record<string, string> = { list: 'items', lines: 'lines', quote: 'blocks', table: 'rows' };

/** A list without items, a line group without lines, a quote without blocks: nothing to write, and invalid TEI if written. */
function isEmptyContainer(v: unknown): boolean {
  if (!isObj(v) || typeof v.kind !== 'string') return false;
  const field = CONTENT_OF[v.kind];
  return field !== undefined && Array.isArray(v[field]) && (v[field] as unknown[]).length === 0;
}

function removeEmptyContainers(list: unknown[]): void {
  const kept = list.filter((v) => !isEmptyContainer(v));
  list.length = 0;
  for (const v of kept) list.push(v);
}

/** Replaces, in `list`, each link whose target must go by its children; repairs the others. */
function unwrapUnsafeLinks(list: unknown[], outer: SourcePos | undefined, diagnostics: Diagnostics): void {
  const rebuilt: unknown[] = [];
  // A dropped link's children take its place and are looked at in turn (they may be links).
  const pending = list.slice().reverse();
  while (pending.length > 0) {
    const item = pending.pop();
    if (!isLink(item)) {
      rebuilt.push(item);
      continue;
    }
    const safe = safeTarget(item.href);
    const pos = isPos(item.pos) ? item.pos : outer;
    if ('drop' in safe) {
      diagnostics.report('link-target-invalid', `${safe.drop}: the link was dropped, its words kept`, pos);
      for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]);
      continue;
    }
    if (safe.changed) {
      diagnostics.report('link-target-invalid', `the link target had characters a URI cannot hold; written as ${safe.target.length > 80 ? `${safe.target.slice(0, 77)}…` : safe.target}`, pos);
      item.href = safe.target;
    }
    rebuilt.push(item);
  }
  list.length = 0;
  for (const item of rebuilt) list.push(item);
}

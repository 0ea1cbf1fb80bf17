/**
 * The fidelity check: proof that a conversion lost no words. The words of the source
 * (markup syntax removed, reported page furniture removed) must equal the words of the
 * TEI: `<text>` (body and notes) in order, with metadata words found in the `teiHeader`.
 * Metadata labels ("Translated:") are markup: the element they become says it.
 * Words the converter or an editor added (`corr`, the `add` of a `subst`, anything marked
 * as inserted) do not count, the original they replace does. A `del` or `add` with
 * `resp="#teiwright"` may be a copy the converter made from an editors' note (the words
 * of a crossed-out passage placed where the manuscript has them): its words are not
 * reported as added; words it wraps that are in the source count as usual. Any word lost, added or
 * moved is reported with the source line where it stands.
 *
 * A word is a maximal run of letters, digits and marks: punctuation and spacing are not
 * compared, since TEI encodes some of them as markup.
 */
import { linesFromOffsets } from '../readers/mia-html/dom.js';
import { parse5 } from '../readers/mia-html/parse5.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Dropped } from '../model/edition.js';
import { decodeReferences } from '../model/charref.js';

export type MarkupFamily = 'html' | 'markdown' | 'text';

export interface Word {
  w: string;
  line: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Which UTF-16 code units (below U+10000) are word characters: 1 yes, 2 no, 0 not yet
 * asked. Filled on first use from WORD_CHAR, so the tokenizer agrees with the Unicode
 * classes exactly while costing a table lookup per character.
 */
const BMP_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) BMP_CLASS[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 2;

function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    let k = BMP_CLASS[cp]!;
    if (k === 0) {
      // A lone surrogate is no letter (category Cs), as in the regex's Unicode mode.
      k = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
      BMP_CLASS[cp] = k;
    }
    return k === 1;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * Code units NFC leaves as they are and never joins to a neighbour, above U+0300: the
 * typographic punctuation of General Punctuation (dashes, curly quotes, ellipsis, primes),
 * nearly every character of a transcription outside ASCII and Latin-1. No character
 * decomposes to one of them, they decompose to nothing and none is a combining mark;
 * tests/fidelity/nfc.test.ts checks each against every code point.
 */
export const NFC_INERT = { from: 0x2010, to: 0x205e } as const;

/**
 * NFC form of `s`. Text whose code units are all below U+0300 (the first character that
 * can compose or decompose under NFC) or in NFC_INERT is already in NFC: that common case
 * skips ICU (a document with curly quotes was normalised whole, and nothing changed).
 */
const u = (n: number): string => `\\u${n.toString(16).padStart(4, '0')}`;
const NEEDS_NFC = new RegExp(`[\\u0300-${u(NFC_INERT.from - 1)}${u(NFC_INERT.to + 1)}-\\uffff]`);
export const nfc = (s: string): string => (NEEDS_NFC.test(s) ? s.normalize('NFC') : s);
/** The first code unit NFC may change (the start of NEEDS_NFC's first range). */
const NFC_FROM = 0x0300;

/**
 * The words of a text as numbers, not strings: a 10 MB text has millions of words, and a
 * string each (plus an array slot) is most of what the check would cost. Each word is two
 * independent 32-bit hashes of its code units (equal words, equal hashes; two different
 * words agree in both with a chance of 2⁻⁶⁴), its source line, and where its text starts in
 * its chunk, turned back into a string only to be quoted in a report: 16 bytes a word. The
 * chunk of a word is found from where each chunk's words begin, and its end by reading the
 * word again (a word is a maximal run of word characters), rather than stored: 8 bytes a
 * word more, 24 MB for the 3 million words of a 16 MB flood.
 */
export class WordSeq {
  length = 0;
  // Set by `allocate`, which the constructor calls.
  h1!: Int32Array<ArrayBuffer>;
  h2!: Int32Array<ArrayBuffer>;
  /** Each word's source line; empty (never written) in a sequence made without lines (the TEI's words, whose lines nobody asks). */
  line!: Int32Array<ArrayBuffer>;
  /** Where each word starts in its chunk's string (the whole TEI for its text nodes read in place). */
  start!: Int32Array<ArrayBuffer>;
  /** Whether the words have lines (`line`): a TEI's text words need none, 4 bytes a word less. */
  readonly lines: boolean;
  /**
   * The words that continue the word before as one printed word, when the sequence says so
   * itself (the TEI's text, whose text nodes are not chunks of their own: `teiWordSeqs`
   * finds them while it reads); undefined: found from the `glued` chunks.
   */
  joins: Set<number> | undefined;
  /**
   * How many chunks there are: the first `chunkCount` entries of the three arrays below,
   * which keep their storage from one document to the next (a fresh array per document,
   * grown a push at a time, was most of what the check allocated besides its strings).
   */
  chunkCount = 0;
  /** The strings the words were read from (whole texts or text nodes, never one per word). */
  chunks: string[] = [];
  /** The index of each chunk's first word (of the next chunk's, when it has none). */
  chunkFirst = new Int32Array(64);
  /** The source column where each chunk starts (an HTML text node may start mid-line). */
  chunkColumn = new Int32Array(64);
  /**
   * Chunks (HTML text nodes) that follow the previous chunk with only inline markup between
   * (`<font size="+2">T</font>o`, `Entente<font>¹</font>`): a browser prints the two as one
   * word where neither side has white space.
   */
  glued = new Set<number>();

  /** `capacity`: the words expected (it grows as needed); `lines`: whether the words' lines are kept. */
  constructor(capacity = 16, lines = true) {
    this.lines = lines;
    this.allocate(capacity);
  }

  /** Fresh, empty storage for `capacity` words. */
  private allocate(capacity: number): void {
    this.h1 = new Int32Array(capacity);
    this.h2 = new Int32Array(capacity);
    this.line = new Int32Array(this.lines ? capacity : 0);
    this.start = new Int32Array(capacity);
  }

  /** Empties the sequence, keeping its storage. */
  clear(): void {
    this.length = 0;
    // The texts are let go (a text node holds on to the whole document it was cut from).
    if (this.chunks.length > KEEP_CHUNKS) this.chunks = [];
    else this.chunks.fill('', 0, this.chunkCount);
    this.chunkCount = 0;
    if (this.chunkFirst.length > KEEP_CHUNKS) {
      this.chunkFirst = new Int32Array(64);
      this.chunkColumn = new Int32Array(64);
    }
    if (this.glued.size > 0) this.glued.clear();
    if (this.joins !== undefined && this.joins.size > 0) this.joins.clear();
  }

  /** Empties the sequence, with room for `capacity` words (storage kept when it is enough). */
  reset(capacity: number): this {
    this.clear();
    if (this.h1.length < capacity) this.allocate(capacity);
    return this;
  }

  /** Words it can hold before growing. */
  get capacity(): number {
    return this.h1.length;
  }

  /** Adds a chunk: the words pushed next are read from `text`. */
  addChunk(text: string, column: number): void {
    const c = this.chunkCount++;
    if (c === this.chunkFirst.length) {
      const first = new Int32Array(c * 2);
      first.set(this.chunkFirst);
      this.chunkFirst = first;
      const columns = new Int32Array(c * 2);
      columns.set(this.chunkColumn);
      this.chunkColumn = columns;
    }
    if (c < this.chunks.length) this.chunks[c] = text;
    else this.chunks.push(text);
    this.chunkColumn[c] = column;
    this.chunkFirst[c] = this.length;
  }

  /** Takes back the last chunk and its words (the sequence had `length` words before it). */
  dropLastChunk(length: number): void {
    this.length = length;
    this.chunks[--this.chunkCount] = '';
  }

  /** Adds a word of the last chunk, starting at `start` in it. */
  push(h1: number, h2: number, line: number, start: number): void {
    if (this.length === this.h1.length) this.grow();
    const i = this.length++;
    this.h1[i] = h1;
    this.h2[i] = h2;
    if (this.lines) this.line[i] = line;
    this.start[i] = start;
  }

  /**
   * More room: twice as much while small, half as much again once large (a table sized from
   * the text is rarely short; when it is, doubling a 3-million-word table held three times
   * its size at the copy).
   */
  private grow(): void {
    const now = this.h1.length;
    const size = now < 1 << 16 ? now * 2 : now + (now >> 1);
    const bigger = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.h1 = bigger(this.h1);
    this.h2 = bigger(this.h2);
    if (this.lines) this.line = bigger(this.line);
    this.start = bigger(this.start);
  }

  /** The chunk word `i` was read from: the last one whose words begin at or before it. */
  chunkOf(i: number): number {
    const first = this.chunkFirst;
    let lo = 0;
    let hi = this.chunkCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (first[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where word `i` ends in chunk `c` (its chunk): the end of the run of word characters at its start. */
  private endOf(i: number, c: number): number {
    return wordEnd(this.chunks[c]!, this.start[i]!);
  }

  /** The text of word `i` (for reports). */
  word(i: number): string {
    const c = this.chunkOf(i);
    return this.chunks[c]!.slice(this.start[i], this.endOf(i, c));
  }

  /**
   * The column where word `i` starts, counted in its chunk from the chunk's start column
   * (exact unless a character reference or an NFC composition stands before it on its line;
   * `sourcePos` checks it against the source).
   */
  column(i: number): number {
    const c = this.chunkOf(i);
    const start = this.start[i]!;
    const lineStart = start === 0 ? -1 : this.chunks[c]!.lastIndexOf('\n', start - 1);
    return lineStart < 0 ? this.chunkColumn[c]! + start : start - lineStart;
  }

  /** Is word `i` of this sequence the same word as word `j` of `other`? */
  same(i: number, other: WordSeq, j: number): boolean {
    return this.h1[i] === other.h1[j] && this.h2[i] === other.h2[j];
  }

  words(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.word(i));
  }

  /** Does word `i` continue word `i - 1` as one printed word (a glued chunk, no space between)? */
  continues(i: number): boolean {
    if (this.joins !== undefined) return this.joins.has(i);
    if (i === 0) return false;
    const c = this.chunkOf(i);
    if (!this.glued.has(c) || this.start[i] !== 0) return false;
    const p = this.chunkOf(i - 1);
    return p === c - 1 && this.endOf(i - 1, p) === this.chunks[p]!.length;
  }
}

/**
 * The two hashes' starting values (FNV-1a's offset basis, and a seed), as the 32-bit
 * integers they are: written as 0x811c9dc5 they are numbers above 2³¹, which made every
 * step of the hash loop start from a double and convert it. The bits, and so the hashes,
 * are the same.
 */
const H1_SEED = 0x811c9dc5 | 0;
const H2_SEED = 0x9747b28c | 0;

/**
 * The code units of a string, copied into a typed array (natively, by `Buffer.write`) a
 * window at a time: reading a typed array costs the scan less than `charCodeAt`, which
 * looks at the string's representation on every call. A string of at most WINDOW units is
 * copied whole, once; a longer one a window of WINDOW units at a time, so the copy never
 * holds more than 128 KB of a 16 MB text.
 */
class UnitWindow {
  private bytes: Buffer;
  units: Uint16Array;
  /** The string whose units `units` holds: `units[k]` is `str.charCodeAt(from + k)` for `from + k < to`. */
  str = '';
  from = 0;
  to = 0;

  constructor(size: number) {
    const buffer = new ArrayBuffer(size * 2);
    this.bytes = Buffer.from(buffer);
    this.units = new Uint16Array(buffer);
  }

  /** Makes the units of `s[a..b)` readable (at `units[a - from]`). */
  load(s: string, a: number, b: number): void {
    // Equal strings have equal units, so a string equal to the loaded one is not copied again.
    if (a >= this.from && b <= this.to && this.str === s) return;
    const n = s.length;
    const from = n <= WINDOW ? 0 : a;
    const to = n <= WINDOW ? n : Math.max(b, Math.min(n, a + WINDOW));
    if (to - from > this.units.length) {
      const buffer = new ArrayBuffer(Math.max(to - from, this.units.length * 2) * 2);
      this.bytes = Buffer.from(buffer);
      this.units = new Uint16Array(buffer);
    }
    if (to - from <= SHORT) {
      // A short text (a dropped label, an HTML text node) costs less copied here than by a call into the runtime.
      const u = this.units;
      for (let k = from; k < to; k++) u[k - from] = s.charCodeAt(k);
    } else this.bytes.write(from === 0 && to === n ? s : s.slice(from, to), 0, 'utf16le');
    this.str = s;
    this.from = from;
    this.to = to;
  }

  /**
   * Blanks the [from, to) `ranges` (pairs) of the loaded units, line ends kept (as
   * `blanked` does to a string). The units no longer are the string's: the window forgets
   * it, so that the next `load` copies it afresh.
   */
  blank(ranges: readonly number[]): void {
    const u = this.units;
    for (let r = 0; r < ranges.length; r += 2) {
      const to = Math.min(ranges[r + 1]!, this.to);
      for (let k = Math.max(ranges[r]!, this.from); k < to; k++) if (u[k - this.from] !== 0x0a) u[k - this.from] = 0x20;
    }
    this.str = '';
  }

  /** Lets the string go, and large storage with it. */
  release(): void {
    this.str = '';
    this.from = 0;
    this.to = 0;
    if (this.units.length > WINDOW) {
      const buffer = new ArrayBuffer(WINDOW * 2);
      this.bytes = Buffer.from(buffer);
      this.units = new Uint16Array(buffer);
    }
  }
}

/** Code units a window holds (see `UnitWindow`). */
const WINDOW = 1 << 16;
/** Texts up to this many code units are copied into a window by a loop, not by `Buffer.write`. */
const SHORT = 64;
/** The window the large texts are read through (the source, the TEI) and the one for small pieces (text nodes, decoded or normalised texts), so that neither evicts the other. */
const mainUnits = new UnitWindow(WINDOW);
const pieceUnits = new UnitWindow(1024);

/** Lets the windows' strings go (a window must not keep a document alive after the call that read it). */
function releaseUnits(): void {
  mainUnits.release();
  pieceUnits.release();
}

/**
 * Appends the words of `text` with their lines; `line` is the line `text` starts on. A
 * word's line counts the line breaks of `text` before the word's offset in the NFC form
 * (the two agree except after a character NFC composes, where the count may trail).
 * Each word is hashed as it is scanned: no string is made for it.
 */
function collectWords(text: string, line: number, into: WordSeq, column = 1, units = pieceUnits): void {
  // The text is read as it is until a code unit shows it may need NFC (as `nfc` tests):
  // then what was read of it is taken back and its NFC form read instead. Most texts need
  // none, and a separate test was a second pass over every text.
  const first = into.length;
  into.addChunk(text, column);
  if (scanRange(units, text, 0, text.length, line, into, true) >= 0) return;
  into.dropLastChunk(first);
  const normal = text.normalize('NFC');
  into.addChunk(normal, column);
  scanRange(pieceUnits, normal, 0, normal.length, line, into, false);
}

/**
 * `collectWords(blanked(text, blanks), 1, into, 1, mainUnits)`, without making that string:
 * the ranges are blanked in the window's copy of the code units, and `text` is the words'
 * chunk. A word of the blanked text is the same word of `text` at the same offset, and ends
 * there too: a range starts at a character that is no word character (`<`, `(`), and line
 * ends are where they were.
 */
function collectBlankedWords(text: string, blanks: readonly number[], into: WordSeq): void {
  const first = into.length;
  into.addChunk(text, 1);
  const read = scanRange(mainUnits, text, 0, text.length, 1, into, true, blanks);
  if (read >= 0) return;
  // A character NFC may change (rare): read the blanked text's NFC form, as collectWords does.
  into.dropLastChunk(first);
  const normal = blanked(text, blanks).normalize('NFC');
  into.addChunk(normal, 1);
  scanRange(pieceUnits, normal, 0, normal.length, 1, into, false);
}

/** Is the code unit one a window may end after: no word character, no half of a surrogate pair? */
function breaksWords(cu: number): boolean {
  return (cu < 0xd800 || cu > 0xdfff) && !isWordCodePoint(cu);
}

/**
 * The words of `s[from..to)` into `into` (whose last chunk is `s`): word starts are offsets
 * in `s`. `line`: the line `s[from]` is on. Returns the line at `to`, or -1 when `check` is
 * set and a code unit NFC might change was met (the words of `s` pushed so far are then
 * the caller's to take back). A text longer than a window is read in windows that end after
 * a code unit that is no part of a word, so that no word straddles two.
 */
function scanRange(units: UnitWindow, s: string, from: number, to: number, line: number, into: WordSeq, check: boolean, blanks?: readonly number[]): number {
  let lineNo = line;
  let a = from;
  while (a < to) {
    let b = to;
    if (b - a > WINDOW) {
      b = a + WINDOW;
      while (b > a && !breaksWords(s.charCodeAt(b - 1))) b--;
      // One word longer than a window: read whole.
      if (b === a) b = to;
    }
    units.load(s, a, b);
    if (blanks) units.blank(blanks);
    lineNo = scanUnits(units.units, a - units.from, b - units.from, units.from, lineNo, into, check);
    if (lineNo < 0) return -1;
    a = b;
  }
  return lineNo;
}

/**
 * The scan of `scanRange` over `u[i0..end)`, the code units of a string from `offset` on.
 *
 * Two tight loops in turn: one over the characters between words, one over a word's
 * characters (hashing them). An ASCII code unit costs a table lookup and nothing else; the
 * NFC test, surrogate pairs and the Unicode classes are only looked at above U+007F.
 */
function scanUnits(u: Uint16Array, i0: number, end: number, offset: number, line: number, into: WordSeq, check: boolean): number {
  // Line breaks are counted in the text the offsets are of: NFC composes "e" + U+0301 into
  // one character, so offsets into the raw text would run ahead and date every later word a
  // line early (a dropped footer line was then not found where it was reported). They are
  // counted as the loop between words passes them (a line end is never inside a word): an
  // indexOf per text cost time quadratic in a megabyte-long text paragraph in V8.
  let lineNo = line;
  let i = i0;
  while (i < end) {
    // Between words: find where the next one starts.
    let cu = u[i]!;
    let width = 1;
    if (cu < 0x80) {
      if (BMP_CLASS[cu] !== 1) {
        if (cu === 10) lineNo++;
        i++;
        continue;
      }
    } else {
      if (check && cu >= NFC_FROM && (cu < NFC_INERT.from || cu > NFC_INERT.to)) return -1;
      let cp = cu;
      if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < end) {
        const lo = u[i + 1]!;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (!isWordCodePoint(cp)) {
        i += width;
        continue;
      }
    }
    // A word starts at i. FNV-1a and a multiply-rotate hash, both over UTF-16 code units.
    const start = i;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    for (;;) {
      h1 = Math.imul(h1 ^ cu, 0x01000193);
      h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ cu;
      if (width === 2) {
        const lo = u[i + 1]!;
        h1 = Math.imul(h1 ^ lo, 0x01000193);
        h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ lo;
      }
      i += width;
      if (i >= end) break;
      width = 1;
      cu = u[i]!;
      if (cu < 0x80) {
        if (BMP_CLASS[cu] !== 1) break;
        continue;
      }
      // Not ASCII: the NFC test and the class are taken where the loop between words takes them.
      if (check && cu >= NFC_FROM && (cu < NFC_INERT.from || cu > NFC_INERT.to)) break;
      let cp = cu;
      if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < end) {
        const lo = u[i + 1]!;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (!isWordCodePoint(cp)) break;
    }
    into.push(h1, h2 ^ (i - start), lineNo, start + offset);
  }
  return lineNo;
}

/** Where the word starting at `start` of `s` ends: the first code point after it that is no word character (as `collectWords` reads it). */
function wordEnd(s: string, start: number): number {
  const n = s.length;
  let i = start;
  while (i < n) {
    const cu = s.charCodeAt(i);
    let cp = cu;
    let width = 1;
    if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < n) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (!(cp < 0x80 ? BMP_CLASS[cp] === 1 : isWordCodePoint(cp))) return i;
    i += width;
  }
  return n;
}

/** The words of a sequence as `{ w, line }` (tests and the public helpers). */
const toWords = (seq: WordSeq): Word[] => Array.from({ length: seq.length }, (_, i) => ({ w: seq.word(i), line: seq.line[i]! }));

/** A sequence holding the given words (one chunk each), for the helpers that take strings. */
function seqOf(words: readonly { w: string; line: number }[]): WordSeq {
  const seq = new WordSeq();
  for (const { w, line } of words) collectWords(w, line, seq);
  return seq;
}

/** Character references decoded as the markdown readers decode them (HTML5 names, numbers XML can carry). */
const decodeEntities = (s: string): string => decodeReferences(s.includes('&#') ? s.replace(LINE_END_REFERENCE, ' ') : s);

/**
 * `&#10;` or `&#13;`: white space for the words, as the reader reads it, but decoded as a line
 * end it would move every later word a line down (words-lost on line 13 of a 12-line file).
 */
const LINE_END_REFERENCE = /&#(?:0*1[03](?![0-9])|[xX]0*[aAdD](?![0-9a-fA-F]));?/g;

/**
 * Markdown with its character references decoded except inside code spans (`` `&laquo;` ``),
 * which the readers keep literally as CommonMark does. A span is a backtick run closed by the
 * next run of the same length before a blank line; one forward pass, so unclosed runs stay linear.
 */
function decodeOutsideCodeSpans(s: string): string {
  if (!s.includes('`') || !s.includes('&')) return decodeEntities(s);
  const runs = new Map<number, number[]>();
  const order: { at: number; n: number }[] = [];
  for (let i = s.indexOf('`'); i >= 0; ) {
    let k = i;
    while (s.charCodeAt(k) === 96) k++;
    const list = runs.get(k - i);
    if (list) list.push(i);
    else runs.set(k - i, [i]);
    order.push({ at: i, n: k - i });
    i = s.indexOf('`', k);
  }
  const nextOf = new Map<number, number>();
  const blank = /\n[ \t]*\n/g;
  let blankAt = -1;
  const parts: string[] = [];
  let done = 0;
  for (const { at, n } of order) {
    if (at < done) continue;
    const list = runs.get(n)!;
    let k = nextOf.get(n) ?? 0;
    while (k < list.length && list[k]! <= at) k++;
    nextOf.set(n, k);
    const close = list[k];
    if (close === undefined) continue;
    if (blankAt < at) {
      blank.lastIndex = at;
      blankAt = blank.exec(s)?.index ?? s.length;
    }
    if (blankAt < close) continue;
    parts.push(decodeEntities(s.slice(done, at)), s.slice(at, close + n));
    done = close + n;
  }
  parts.push(decodeEntities(s.slice(done)));
  return parts.join('');
}

/** `s` with the characters from `from` to `to` (exclusive) blanked, line ends kept. */
function blankRange(parts: string[], s: string, from: number, to: number): void {
  parts.push(s.slice(from, to).replace(/[^\n]/g, ' '));
}

/**
 * HTML comments blanked (`<!-- … -->`, as `/<!--[\s\S]*?-->/g` would), found with indexOf:
 * the regex scanned to the end of the text from every unclosed `<!--`, so a text of many
 * took quadratic time. Once no `-->` follows, no later comment can close either.
 */
export function blankComments(s: string): string {
  const parts: string[] = [];
  let done = 0;
  for (let i = s.indexOf('<!--'); i >= 0; i = s.indexOf('<!--', done)) {
    const end = s.indexOf('-->', i + 4);
    if (end < 0) break;
    parts.push(s.slice(done, i));
    blankRange(parts, s, i, end + 3);
    done = end + 3;
  }
  if (done === 0) return s;
  parts.push(s.slice(done));
  return parts.join('');
}

const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * HTML tags blanked (`<b>`, `</i>`, `<a href="…">`, as `/<\/?[A-Za-z][^>]*>/g` would), text
 * kept. A linear scan: the regex looked for a `>` from every `<` that starts a tag, so many
 * unclosed `<b` took quadratic time; here the next `>` is found once and reused.
 */
export function blankTags(s: string): string {
  const ranges = tagRanges(s);
  return ranges.length === 0 ? s : blanked(s, ranges);
}

/** Where `blankTags` blanks: [from, to) pairs, in order. */
function tagRanges(s: string): number[] {
  const ranges: number[] = [];
  let gt = -1;
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
    const name = s.charCodeAt(i + 1) === 0x2f ? i + 2 : i + 1;
    if (!isAsciiLetter(s.charCodeAt(name))) continue;
    if (gt <= name) gt = s.indexOf('>', name + 1);
    if (gt < 0) break; // no `>` after this tag start: none after any later one either
    ranges.push(i, gt + 1);
    i = gt;
  }
  return ranges;
}

/**
 * `s` with the [from, to) `ranges` (pairs, in any order, possibly overlapping) blanked, line
 * ends kept: blanking twice is blanking once, so overlapping ranges give what blanking them
 * one after the other gives.
 */
function blanked(s: string, ranges: readonly number[]): string {
  let inOrder = ranges;
  for (let r = 2; r < ranges.length; r += 2) {
    if (ranges[r]! < ranges[r - 1]!) {
      // Tags and link targets, found apart: put the pairs in order of their starts.
      const order: number[] = [];
      for (let k = 0; k < ranges.length; k += 2) order.push(k);
      order.sort((x, y) => ranges[x]! - ranges[y]!);
      inOrder = order.flatMap((k) => [ranges[k]!, ranges[k + 1]!]);
      break;
    }
  }
  const parts: string[] = [];
  let done = 0;
  for (let r = 0; r < inOrder.length; r += 2) {
    const from = Math.max(done, inOrder[r]!);
    const to = inOrder[r + 1]!;
    if (to <= from) continue;
    parts.push(s.slice(done, from));
    blankRange(parts, s, from, to);
    done = to;
  }
  parts.push(s.slice(done));
  return parts.join('');
}

/**
 * Removes markdown syntax that carries no words while keeping line structure: front
 * matter keys, HTML tags (not their text), link targets, pandoc attributes, page markers.
 */
export function stripMarkdown(text: string): string {
  const plain = markdownPlain(text);
  return typeof plain === 'string' ? plain : blanked(plain.text, plain.blanks);
}

/** Link targets: `](…)`, one level of parentheses inside. */
const LINK_TARGET = /\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
/** Whether the text may hold a `|p. 21|` page marker (the marker's pattern needs these three characters in a row). */
const MAY_HOLD_PAGE_MARKER = /\|p\./i;

/**
 * What `stripMarkdown` gives, or, when it only blanks tags and link targets (a typical
 * page: a `<sup>` and its navigation links), the text it blanks (`text`) and the [from, to)
 * ranges it blanks (`blanks`): the word scan blanks them in its copy of the code units, so
 * the source is not copied whole once per pattern (two copies of every such page were the
 * largest part of what the fidelity check allocated).
 */
export function markdownPlain(text: string): string | { text: string; blanks: number[] } {
  let src = text;
  // Each pattern is tried only on text holding the characters it starts with (most pieces
  // are a few words with none of them): the same result without a regex scan each.
  const fm = src.startsWith('---\n') ? /^---\n[\s\S]*?\n---\n/.exec(src) : null;
  if (fm) src = fm[0].replace(/^([ \t]*[\w-]+:)/gm, (k) => ' '.repeat(k.length)).replace(/^---$/gm, '   ') + src.slice(fm[0].length);
  let s = blankComments(src);
  let blanks = tagRanges(s);
  if (s.includes('](')) {
    // The link pattern tells apart only `]`, `(`, `)`, line ends and everything else; a tag
    // holding none of the first three reads as its blanks would, so the links of the text
    // with its tags are those of the text with them blanked. Otherwise it is blanked first.
    if (blanks.length > 0 && holdsLinkSyntax(s, blanks)) {
      s = blanked(s, blanks);
      blanks = [];
    }
    LINK_TARGET.lastIndex = 0;
    for (let m = LINK_TARGET.exec(s); m; m = LINK_TARGET.exec(s)) blanks.push(m.index + 1, m.index + m[0].length);
  }
  // Blanking only takes characters away: a character the blanked text holds, the text holds.
  if (!s.includes('{') && !MAY_HOLD_PAGE_MARKER.test(s) && !s.includes('&')) return blanks.length === 0 ? s : { text: s, blanks };
  if (blanks.length > 0) s = blanked(s, blanks);
  if (s.includes('{')) s = s.replace(PANDOC_ATTRS, (a) => a.replace(/[^\n]/g, ' '));
  // `|p. 21|` marks where a printed page begins: it is written as <pb n="21"/>, not as words.
  if (s.includes('|')) s = s.replace(/\|p\.\s*(?:[0-9]+[a-z]?|[ivxlcdm]+)\|/gi, (m) => ' '.repeat(m.length));
  return decodeOutsideCodeSpans(s);
}

/** Whether any of the [from, to) `ranges` of `s` holds `]`, `(` or `)`: the characters the link pattern reads as more than "any other". */
function holdsLinkSyntax(s: string, ranges: readonly number[]): boolean {
  for (let r = 0; r < ranges.length; r += 2) {
    for (let i = ranges[r]!; i < ranges[r + 1]!; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x5d || c === 0x28 || c === 0x29) return true;
    }
  }
  return false;
}

/**
 * A pandoc attribute block: `{#id .class key="value" key=bare}`. Its items may be wrapped
 * over several lines (`{onmouseover="…"\n onmouseout="…"}`), inside a block quote too
 * (`\n> border="1"`); a quoted value may hold spaces and the other quote.
 */
const ATTR_ITEM = `(?:#[^\\s}]+|\\.[^\\s}]+|[A-Za-z_:][\\w:.-]*=(?:"[^"]*"|'[^']*'|[^\\s}"']*))`;
const ATTR_SEP = `\\s+(?:>[ \\t]*)?`;
const PANDOC_ATTRS = new RegExp(`\\{[ \\t]*${ATTR_ITEM}(?:${ATTR_SEP}${ATTR_ITEM})*[ \\t]*\\}`, 'g');

interface P5Node {
  nodeName: string;
  value?: string;
  childNodes?: P5Node[];
  content?: P5Node;
  sourceCodeLocation?: { startLine: number; startCol: number } | null;
}

const HTML_SKIP = new Set(['head', 'script', 'style', 'template', 'noscript']);
/** Elements a browser prints inside a line of text: a word may run on across their tags. */
const HTML_INLINE = new Set(['a', 'abbr', 'b', 'big', 'cite', 'code', 'em', 'font', 'i', 'kbd', 'mark', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'tt', 'u', 'var']);

/** Room for the words of a text of `chars` characters, most of the time without growing. */
const capacityFor = (chars: number): number => Math.max(16, chars >> 3);

function htmlWords(html: string, into?: WordSeq): WordSeq {
  const capacity = capacityFor(html.length >> 1);
  const out = into ? into.reset(capacity) : new WordSeq(capacity);
  // Set when a tag that breaks the line of text (a block, `<br>`) stands since the last text node.
  let broken = true;
  const walk = (node: P5Node) => {
    if (HTML_SKIP.has(node.nodeName)) return;
    if (node.nodeName === '#text') {
      if (!broken) out.glued.add(out.chunkCount);
      broken = false;
      collectWords(node.value ?? '', node.sourceCodeLocation?.startLine ?? 1, out, node.sourceCodeLocation?.startCol ?? 1);
      return;
    }
    const inline = HTML_INLINE.has(node.nodeName);
    if (!inline) broken = true;
    for (const child of node.childNodes ?? []) walk(child);
    if (!inline) broken = true;
  };
  const { parse, defaultTreeAdapter } = parse5();
  walk(parse(html, { sourceCodeLocationInfo: true, treeAdapter: linesFromOffsets(defaultTreeAdapter, html) }) as unknown as P5Node);
  return out;
}

function sourceWordSeq(text: string, markup: MarkupFamily, into?: WordSeq): WordSeq {
  if (markup === 'html') return htmlWords(text, into);
  const stripped = markup === 'markdown' ? markdownPlain(text) : text;
  if (typeof stripped !== 'string' && stripped.text.length < COUNT_FROM) {
    const out = into ? into.reset(capacityFor(stripped.text.length)) : new WordSeq(capacityFor(stripped.text.length));
    collectBlankedWords(stripped.text, stripped.blanks, out);
    return out;
  }
  const plain = typeof stripped === 'string' ? stripped : blanked(stripped.text, stripped.blanks);
  // A large text's words are counted first, so that their table is made once, of the size it
  // needs (grown from an estimate, a 16 MB flood's held up to three times its words).
  const capacity = plain.length >= COUNT_FROM ? countWords(plain) + 16 : capacityFor(plain.length);
  const out = into ? into.reset(capacity) : new WordSeq(capacity);
  collectWords(plain, 1, out, 1, mainUnits);
  return out;
}

/** From how many characters on a text's words are counted before they are read (`sourceWordSeq`). */
const COUNT_FROM = 1 << 19;

/**
 * How many words `s` has, as the scan reads them but for NFC (which joins a mark to the
 * letter before it, so the count is at most a few words high).
 */
function countWords(s: string): number {
  let count = 0;
  let inWord = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const cu = s.charCodeAt(i);
    let word: boolean;
    if (cu < 0x80) word = BMP_CLASS[cu] === 1;
    else if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < n && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      word = isWordCodePoint(((cu - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000);
      i++;
    } else word = isWordCodePoint(cu);
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

/** The words of the source as a reader of this markup family sees them, each with its line. */
export function sourceWords(text: string, markup: MarkupFamily): Word[] {
  const words = toWords(sourceWordSeq(text, markup));
  releaseUnits();
  return words;
}

/** A piece of the source that is not text: dropped furniture, or a metadata label that became markup. */
export type Removed = Pick<Dropped, 'text' | 'pos'>;

/**
 * Takes the words of each removed piece out of the source words, at or after its line.
 * With `reach`, a piece is only looked for where it was reported: its first word must stand
 * within `reach` lines of its position (a front-matter label "works" must not take away
 * the word "works" of the text further down).
 */
export function removeDropped(words: Word[], dropped: readonly Removed[], reach?: number): Word[] {
  const kept = toWords(removeDroppedWords(seqOf(words), dropped, reach));
  releaseUnits();
  return kept;
}

/** Index of the first word on `line` or after (words are in line order), or -1. */
function firstWordAtLine(seq: WordSeq, line: number): number {
  let lo = 0;
  let hi = seq.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seq.line[mid]! < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < seq.length ? lo : -1;
}

/**
 * Index of the first word on `line` that starts at `column` or after it (else the first word
 * on a later line), or -1. Within a line the words' columns only grow.
 */
function firstWordAt(seq: WordSeq, line: number, column: number): number {
  let lo = firstWordAtLine(seq, line);
  if (lo < 0 || column <= 1) return lo;
  const next = firstWordAtLine(seq, line + 1);
  let hi = next < 0 ? seq.length : next;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seq.column(mid) < column) lo = mid + 1;
    else hi = mid;
  }
  return lo < seq.length ? lo : -1;
}

/**
 * Takes the removed pieces' words out of `seq`, in place (the kept words move down; the
 * sequence is the caller's to give up). With `byColumn` (HTML, whose words know their
 * columns), a piece is looked for from its column first: on a page printed on one line, a
 * note's label "1" is not the anchor "1" earlier on that line. A word's column counts a
 * character reference before it on the line as one character, so a piece not found from
 * its column is looked for from the start of its line.
 */
function removeDroppedWords(seq: WordSeq, dropped: readonly Removed[], reach?: number, byColumn = false): WordSeq {
  if (dropped.length === 0) return seq;
  if (scratch.gone.length <= seq.length) scratch.gone = new Uint8Array(Math.max(seq.length + 1, scratch.gone.length * 2));
  const gone = scratch.gone;
  gone.fill(0, 0, seq.length);
  // A sentinel: the search for the next word gone (below) ends at the last word.
  gone[seq.length] = 1;
  let removed = 0;
  const wanted = scratch.wanted;
  for (const d of dropped) {
    wanted.clear();
    collectWords(d.text, d.pos.line, wanted);
    const count = wanted.length;
    if (count === 0) continue;
    const lastStart = reach === undefined ? Infinity : d.pos.line + reach;
    const find = (start: number): boolean => {
      search: for (let from = start; from >= 0 && from <= seq.length - count && seq.line[from]! <= lastStart; from++) {
        for (let k = 0; k < count; k++) {
          if (gone[from + k] === 1 || !seq.same(from + k, wanted, k)) continue search;
        }
        gone.fill(1, from, from + count);
        removed += count;
        return true;
      }
      return false;
    };
    const atLine = firstWordAtLine(seq, d.pos.line);
    const atColumn = byColumn ? firstWordAt(seq, d.pos.line, d.pos.column) : atLine;
    if (!find(atColumn) && atColumn !== atLine) find(atLine);
  }
  wanted.clear();
  if (removed === 0) return seq;
  // The kept words move down a stretch at a time (copyWithin). Each chunk's first word
  // moves with them: it becomes the index of the first word kept at or after it.
  const first = seq.chunkFirst;
  const chunks = seq.chunkCount;
  const length = seq.length;
  let c = 0;
  let w = 0;
  for (let i = 0; i < length; ) {
    // Words i.. are kept up to g, then gone up to e.
    const g = gone.indexOf(1, i);
    while (c < chunks && first[c]! <= g) {
      first[c] = w + first[c]! - i;
      c++;
    }
    if (w !== i && g > i) {
      seq.h1.copyWithin(w, i, g);
      seq.h2.copyWithin(w, i, g);
      seq.line.copyWithin(w, i, g);
      seq.start.copyWithin(w, i, g);
    }
    w += g - i;
    let e = g;
    while (e < length && gone[e] !== 0) e++;
    while (c < chunks && first[c]! < e) first[c++] = w;
    i = e;
  }
  while (c < chunks) first[c++] = w;
  seq.length = w;
  return seq;
}

/**
 * Counts by key (`lowerKey`'s two hashes): an open-addressing table in typed arrays, reused
 * from one document to the next, so a lookup makes no number object and no entry.
 */
class KeyCounts {
  private h1 = new Int32Array(64);
  private h2 = new Int32Array(64);
  /** The count plus one; 0: an empty slot. */
  private count = new Int32Array(64);
  size = 0;

  /** Empties the table, with room for `keys` keys. */
  reset(keys: number): void {
    let slots = 64;
    while (slots < keys * 2) slots *= 2;
    if (slots !== this.count.length && (slots > this.count.length || this.count.length > 1 << 12)) {
      this.h1 = new Int32Array(slots);
      this.h2 = new Int32Array(slots);
      this.count = new Int32Array(slots);
    } else this.count.fill(0);
    this.size = 0;
  }

  /** The slot of the key, or of the empty slot where it would go. */
  private slot(h1: number, h2: number): number {
    const mask = this.count.length - 1;
    let at = Math.imul(h1 ^ h2, 0x9e3779b1) >>> 0;
    for (;;) {
      at &= mask;
      if (this.count[at] === 0 || (this.h1[at] === h1 && this.h2[at] === h2)) return at;
      at++;
    }
  }

  /** Adds the key at count 0 (nothing if it is there). */
  add(h1: number, h2: number): void {
    const at = this.slot(h1, h2);
    if (this.count[at] !== 0) return;
    this.h1[at] = h1;
    this.h2[at] = h2;
    this.count[at] = 1;
    this.size++;
  }

  /** Counts one more of the key, if it was added. */
  bump(h1: number, h2: number): void {
    const at = this.slot(h1, h2);
    if (this.count[at] !== 0) this.count[at]!++;
  }

  /** Takes one of the key: false when its count is 0 (or it was not added). */
  take(h1: number, h2: number): boolean {
    const at = this.slot(h1, h2);
    if (this.count[at]! <= 1) return false;
    this.count[at]!--;
    return true;
  }
}

/**
 * Storage the check reuses from one document to the next (it runs synchronously, one
 * document at a time per thread): typed arrays are allocated outside the JS heap, and
 * fresh ones per document are garbage that only a full collection frees, which a worker
 * converting thousands of files accumulates by the tens of megabytes. After a large
 * document the storage is given up (`release`), so it never stays large.
 */
const scratch = {
  source: new WordSeq(4096),
  text: new WordSeq(4096, false),
  wanted: new WordSeq(64),
  /** The lower-case keys of one text node of the header (two numbers a word), counted once the node is read whole (`headerKeys`). */
  keys: new Int32Array(256),
  gone: new Uint8Array(4096),
  /** Where the header's character data stands in the TEI (start, end pairs). */
  headerRanges: [] as number[],
  /** Indexes in `text` of words inside a converter-made `del`/`add` (see CONVERTER_COPY). */
  copied: new Set<number>(),
  /** The TEI scanner's open elements (name codes). */
  stack: [] as number[],
  /** Lost words' keys in lower case → how many header words have them left. */
  bag: new KeyCounts(),
};
const KEEP_WORDS = 1 << 16;
/** Chunks a sequence keeps room for from one document to the next. */
const KEEP_CHUNKS = 1 << 14;

function release(): void {
  for (const key of ['source', 'text', 'wanted'] as const) {
    const seq = scratch[key];
    if (seq.capacity > KEEP_WORDS) scratch[key] = new WordSeq(4096, seq.lines);
    else seq.clear();
  }
  if (scratch.keys.length > KEEP_WORDS) scratch.keys = new Int32Array(256);
  releaseUnits();
  if (scratch.gone.length > KEEP_WORDS) scratch.gone = new Uint8Array(4096);
  // Cleared (a cleared Map or Set gives its table back); arrays given up when large.
  scratch.copied.clear();
  scratch.bag.reset(0);
  if (scratch.headerRanges.length > KEEP_WORDS) scratch.headerRanges = [];
  else scratch.headerRanges.length = 0;
}

/**
 * The element names the TEI scanner acts on, as small numbers (any other name is OTHER):
 * a tag's name is compared where it stands in the text, never copied out of it.
 */
const OTHER = 0;
const TEI_HEADER = 1;
const TEXT = 2;
const CORR = 3;
const INSERTED_ELEMENT = 4;
const FIG_DESC = 5;
const ADD = 6;
const SUBST = 7;
const GAP = 8;
const DEL = 9;
const REF = 10;

/** The code of the name `s[from..to)` (the whole name as written, prefix included). */
function nameCode(s: string, from: number, to: number): number {
  switch (to - from) {
    case 3:
      if (s.startsWith('add', from)) return ADD;
      if (s.startsWith('del', from)) return DEL;
      if (s.startsWith('ref', from)) return REF;
      if (s.startsWith('gap', from)) return GAP;
      return OTHER;
    case 4:
      if (s.startsWith('text', from)) return TEXT;
      if (s.startsWith('corr', from)) return CORR;
      return OTHER;
    case 5:
      return s.startsWith('subst', from) ? SUBST : OTHER;
    case 7:
      return s.startsWith('figDesc', from) ? FIG_DESC : OTHER;
    case 9:
      return s.startsWith('teiHeader', from) ? TEI_HEADER : OTHER;
    case 18:
      return s.startsWith('teiwright-inserted', from) ? INSERTED_ELEMENT : OTHER;
    default:
      return OTHER;
  }
}

/** The gap standing for a character XML cannot hold (model/sanitize.ts): its desc names the code point, words the converter wrote. */
const FORBIDDEN_GAP = /\breason="forbidden-character"/;

/**
 * The words of a TEI document: the `text` element's in document order, and where the
 * header's character data stands (`headerRanges`: start and end offsets, in pairs; its
 * words are read only if a lost word is looked up there, see `headerWordSeq`).
 * A tiny linear scanner over well-formed XML (checked before this runs) keeps it fast:
 * no string is made per tag, only per text node of `text`.
 */
function teiWordSeqs(tei: string, text: WordSeq, headerRanges: number[], copied: Set<number>, capacity = capacityFor(tei.length >> 1)): void {
  text.reset(capacity);
  const joins = (text.joins ??= new Set<number>());
  headerRanges.length = 0;
  copied.clear();
  /** Open elements' name codes. */
  const stack = scratch.stack;
  stack.length = 0;
  let copyDepth = 0;
  let skipDepth = 0;
  let zone: 'none' | 'header' | 'text' = 'none';
  const n = tei.length;
  let i = 0;
  // Where the next `"inserted"` stands (n: none after where it was last looked for), so that
  // each tag's attributes are searched for it without copying them or searching past them.
  let insertedAt = -1;
  // Where the next `&` stands (n: none), found as `insertedAt` is.
  let ampAt = -1;
  // The text nodes read (those whose words count), numbered in order; `gluedNode`: the number
  // of the one a split note anchor opens (see `splitAnchor`; -1: none).
  let nodes = 0;
  let gluedNode = -1;
  // The node that holds the last word read, its string (the TEI, or the node decoded or
  // normalised) and where the node ends in it: whether a glued node's first word continues it.
  let lastWordNode = -1;
  let lastNodeString = '';
  let lastNodeEnd = 0;
  // Whether the last chunk of `text` is the TEI itself (text nodes read where they stand).
  let inPlace = false;
  /** The words of the text node `tei[start..end)`. */
  const textNode = (start: number, end: number): void => {
    const node = nodes++;
    const from = text.length;
    let nodeString = tei;
    let nodeStart = start;
    let nodeEnd = end;
    if (ampAt < start && ampAt < n) {
      ampAt = tei.indexOf('&', start);
      if (ampAt < 0) ampAt = n;
    }
    if (ampAt < end) {
      // A character reference: the node decoded is a chunk of its own.
      collectWords(decodeEntities(tei.slice(start, end)), 0, text);
      inPlace = false;
    } else {
      if (!inPlace) {
        text.addChunk(tei, 1);
        inPlace = true;
      }
      if (scanRange(mainUnits, tei, start, end, 0, text, true) < 0) {
        // A code unit NFC may change: the node's NFC form is read instead, a chunk of its own.
        text.length = from;
        const normal = tei.slice(start, end).normalize('NFC');
        text.addChunk(normal, 1);
        scanRange(pieceUnits, normal, 0, normal.length, 0, text, false);
        inPlace = false;
      }
    }
    if (!inPlace) {
      // The node's own chunk (decoded, or in NFC): its words' starts are offsets in it.
      nodeString = text.chunks[text.chunkCount - 1]!;
      nodeStart = 0;
      nodeEnd = nodeString.length;
    }
    if (text.length === from) return;
    if (copyDepth > 0) for (let k = from; k < text.length; k++) copied.add(k);
    // A glued node's first word continues the word before when that word ends the node right
    // before this one and this word opens its node (no white space on either side).
    if (node === gluedNode && from > 0 && lastWordNode === node - 1 && text.start[from] === nodeStart && wordEnd(lastNodeString, text.start[from - 1]!) === lastNodeEnd) joins.add(from);
    lastWordNode = node;
    lastNodeString = nodeString;
    lastNodeEnd = nodeEnd;
  };
  /** Takes the character data from `start` up to the next tag; returns where it ends. */
  const charData = (start: number): number => {
    let end = tei.indexOf('<', start);
    if (end < 0) end = n;
    if (skipDepth === 0) {
      if (zone === 'text') textNode(start, end);
      else if (zone === 'header') headerRanges.push(start, end);
    }
    return end;
  };
  while (i < n) {
    if (tei.charCodeAt(i) !== LT) {
      i = charData(i);
      continue;
    }
    if (!readTag(tei, i)) {
      // Not markup: the `<` alone is skipped and what follows is character data.
      i++;
      if (i < n && tei.charCodeAt(i) !== LT) i = charData(i);
      continue;
    }
    const at = i;
    i = tag.next;
    if (!tag.named) continue;
    const name = tag.code;
    if (zone === 'text' && skipDepth === 0 && name === REF && splitAnchor(tei, at)) gluedNode = nodes;
    if (tag.closing) {
      stack.pop();
      if (skipDepth > 0) skipDepth--;
      if (copyDepth > 0) copyDepth--;
      if (name === TEI_HEADER || name === TEXT) zone = 'none';
      continue;
    }
    if (tag.selfClosing) continue;
    const parent = stack.length > 0 ? stack[stack.length - 1]! : OTHER;
    stack.push(name);
    if (name === TEI_HEADER) zone = 'header';
    else if (name === TEXT) zone = 'text';
    if (skipDepth > 0) skipDepth++;
    else {
      // Whether the words inside were added (by the converter or an editor) rather than
      // transcribed, so they are not counted as the TEI's text: a correction, an element
      // marked as inserted, the added reading of a subst, the gap standing for a forbidden
      // character. A `figDesc` is an image's description (HTML `alt`), which the page does not print.
      let adds = name === CORR || name === INSERTED_ELEMENT || name === FIG_DESC;
      if (!adds && tag.attrsEnd - tag.attrsStart >= 10) {
        if (insertedAt < tag.attrsStart && insertedAt < n) {
          insertedAt = tei.indexOf('"inserted"', tag.attrsStart);
          if (insertedAt < 0) insertedAt = n;
        }
        adds = insertedAt + 10 <= tag.attrsEnd && INSERTED.test(tagAttrs(tei));
      }
      adds ||= (name === ADD && parent === SUBST) || (name === GAP && FORBIDDEN_GAP.test(tagAttrs(tei)));
      if (adds) skipDepth++;
    }
    if (copyDepth > 0 || ((name === DEL || name === ADD) && CONVERTER_COPY.test(tagAttrs(tei)))) copyDepth++;
  }
}

/** The words of the header's character data (ranges of `tei`, see `teiWordSeqs`) into `into`. */
function headerWordSeq(tei: string, ranges: readonly number[], into: WordSeq): WordSeq {
  into.reset(256);
  for (let r = 0; r < ranges.length; r += 2) {
    const chars = tei.slice(ranges[r]!, ranges[r + 1]!);
    collectWords(chars.includes('&') ? decodeEntities(chars) : chars, 0, into);
  }
  return into;
}

const NOTE_ANCHOR = /\btype="noteAnchor"/;

/**
 * A note anchor the converter split from the word it was printed against: a `ref
 * type="noteAnchor"` right after a letter or digit ("developing<ref …>1</ref>" from the
 * copy's "developing1"). Its words continue the word before, as `glued` chunks do.
 * `at`: where the `ref` tag just read (`tag`) starts.
 */
function splitAnchor(tei: string, at: number): boolean {
  return !tag.closing && !tag.selfClosing && at > 0 && isWordCodePoint(codePointBefore(tei, at)) && NOTE_ANCHOR.test(tagAttrs(tei));
}

/** Each stretch of differences between two equal runs, as `[first, end)` indexes into `runs`. */
function* differenceStretches(runs: readonly Run[]): Generator<[number, number]> {
  for (let r = 0; r < runs.length; ) {
    if (runs[r]!.op === 'same') {
      r++;
      continue;
    }
    let end = r;
    while (end < runs.length && runs[end]!.op !== 'same') end++;
    yield [r, end];
    r = end;
  }
}

/**
 * The lost and added runs that are one source word the converter split at a note anchor:
 * the source has "developing1", the TEI "developing" and the anchor "1" (a `glued` chunk
 * of the TEI's text, see `splitAnchor`). In each stretch of differences between two equal
 * runs, two added words the anchor joins are paired with a lost word spelt as the two
 * together; the stretch may hold other differences (metadata words the header has).
 */
function splitAnchorRuns(runs: readonly Run[], src: WordSeq, text: WordSeq): Set<number> {
  const out = new Set<number>();
  for (const [r, end] of differenceStretches(runs)) {
    const addedAt = new Map<number, number>();
    for (let k = r; k < end; k++) if (runs[k]!.op === 'added') addedAt.set(runs[k]!.b, k);
    for (let k = r; k < end; k++) {
      const e = runs[k]!;
      const before = addedAt.get(e.b - 1);
      if (e.op !== 'added' || before === undefined || out.has(before) || !text.continues(e.b)) continue;
      const whole = text.word(e.b - 1) + text.word(e.b);
      for (let l = r; l < end; l++) {
        if (runs[l]!.op !== 'lost' || out.has(l) || src.word(runs[l]!.a) !== whole) continue;
        out.add(l).add(before).add(k);
        break;
      }
    }
  }
  return out;
}

/** The words of a TEI document: the `text` element's in document order, and the header's as a bag. */
export function teiWords(tei: string): { text: string[]; header: Map<string, number>; copied: Set<number> } {
  const text = new WordSeq(capacityFor(tei.length >> 1));
  const ranges: number[] = [];
  const copied = new Set<number>();
  teiWordSeqs(tei, text, ranges, copied);
  const header = new Map<string, number>();
  for (const w of headerWordSeq(tei, ranges, new WordSeq(256)).words()) header.set(w, (header.get(w) ?? 0) + 1);
  releaseUnits();
  return { text: text.words(), header, copied };
}

const LT = 0x3c;
const INSERTED = /\btype="inserted"/;
/** A `del`/`add` the converter made: its words may be a copy from a note, not an addition to the text. */
const CONVERTER_COPY = /\bresp="#teiwright"/;

/** An ASCII name character of the scanner (`[\w.:-]`); `first` limits it to `[A-Za-z_]`. */
function isNameChar(c: number, first: boolean): boolean {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) return true;
  return !first && ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x3a || c === 0x2d);
}

/**
 * The markup last read by `readTag` (one record, reused: a tag is acted on before the next
 * is read).
 */
const tag = {
  /** False for a comment or a processing instruction. */
  named: false,
  /** The element name's code (`nameCode`). */
  code: OTHER,
  closing: false,
  selfClosing: false,
  /** What stands between the name and the closing `>` (or `/>`): `tei[attrsStart..attrsEnd)`. */
  attrsStart: 0,
  attrsEnd: 0,
  /** Offset right after the markup. */
  next: 0,
};

/** The attributes' text of the tag last read from `s`. */
const tagAttrs = (s: string): string => s.slice(tag.attrsStart, tag.attrsEnd);

/**
 * Reads the markup starting at the `<` at `at` into `tag`: a start or end tag (quoted
 * attribute values may hold `>`), a comment or a processing instruction; false when it is
 * none of them.
 */
function readTag(s: string, at: number): boolean {
  const n = s.length;
  let i = at + 1;
  const c = s.charCodeAt(i);
  if (c === 0x3f) {
    const end = s.indexOf('?>', at + 2);
    if (end < 0) return false;
    tag.named = false;
    tag.next = end + 2;
    return true;
  }
  if (c === 0x21) {
    if (!s.startsWith('<!--', at)) return false;
    const end = s.indexOf('-->', at + 4);
    if (end < 0) return false;
    tag.named = false;
    tag.next = end + 3;
    return true;
  }
  const closing = c === 0x2f;
  if (closing) i++;
  if (i >= n || !isNameChar(s.charCodeAt(i), true)) return false;
  const nameStart = i;
  i++;
  while (i < n && isNameChar(s.charCodeAt(i), false)) i++;
  const nameEnd = i;
  // Up to the first `>` outside quotes; a quote that is never closed makes it no tag.
  for (;;) {
    if (i >= n) return false;
    const ch = s.charCodeAt(i);
    if (ch === 0x3e) break;
    if (ch === 0x22 || ch === 0x27) {
      const close = s.indexOf(ch === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return false;
      i = close + 1;
    } else i++;
  }
  const selfClosing = i - 1 >= nameEnd && s.charCodeAt(i - 1) === 0x2f;
  tag.named = true;
  tag.code = nameCode(s, nameStart, nameEnd);
  tag.closing = closing;
  tag.selfClosing = selfClosing;
  tag.attrsStart = nameEnd;
  tag.attrsEnd = selfClosing ? i - 1 : i;
  tag.next = i + 1;
  return true;
}

type Edit = { op: 'same' | 'lost' | 'added'; a: number; b: number };

/** A run of edits of one kind: `length` words from `a` (and `b`) on; lost and added runs have length 1. */
interface Run {
  op: Edit['op'];
  a: number;
  b: number;
  length: number;
}

/** Beyond this many differences the texts are too far apart to pair word by word. */
export const MAX_DIFFERENCES = 4000;

/**
 * Myers' O((N+M)·D) diff of two word sequences: fast when they are (nearly) equal, as a
 * faithful conversion makes them. Only the band of diagonals reached at each step is kept
 * (O(D²) memory), so a 10 MB text costs no more than its differences. Returns undefined
 * when there are more than `maxD` differences.
 */
export function diffWords(a: readonly string[], b: readonly string[], maxD = MAX_DIFFERENCES): Edit[] | undefined {
  const runs = diffRuns(seqOf(a.map((w) => ({ w, line: 0 }))), seqOf(b.map((w) => ({ w, line: 0 }))), maxD);
  releaseUnits();
  if (!runs) return undefined;
  const edits: Edit[] = [];
  for (const r of runs) for (let k = 0; k < r.length; k++) edits.push({ op: r.op, a: r.a + k, b: r.b + k });
  return edits;
}

/**
 * The diff as runs, in order. The common prefix is one run found in a single linear pass
 * (Myers' first snake takes it whole, so skipping it changes nothing); identical sequences
 * cost no more than that pass.
 */
function diffRuns(a: WordSeq, b: WordSeq, maxD: number): Run[] | undefined {
  let p = 0;
  const shorter = Math.min(a.length, b.length);
  while (p < shorter && a.same(p, b, p)) p++;
  const runs: Run[] = [];
  if (p > 0) runs.push({ op: 'same', a: 0, b: 0, length: p });
  if (p === a.length && p === b.length) return runs;
  const rest = myersRuns(a, b, p, maxD);
  if (!rest) return undefined;
  for (const r of rest) runs.push(r);
  return runs;
}

/**
 * The bands of Myers' search (band d has 2d + 1 slots), packed one after another into
 * blocks that are reused from one document to the next: a typed array per band cost more
 * to allocate than the search itself. A band never straddles two blocks. After a large
 * diff only the first few blocks are kept (`releaseTrace`), so the storage never stays large.
 */
const TRACE_BLOCK = 1 << 16;
const KEEP_BLOCKS = 4;
const traceBlocks: Int32Array[] = [];
/** Where each band of the current search is: its block and the slot of its diagonal 0. */
let bandBlock = new Int32Array(64);
let bandZero = new Int32Array(64);

function releaseTrace(): void {
  traceBlocks.length = Math.min(traceBlocks.length, KEEP_BLOCKS);
  for (let i = 0; i < traceBlocks.length; i++) if (traceBlocks[i]!.length > TRACE_BLOCK) traceBlocks[i] = new Int32Array(TRACE_BLOCK);
  if (bandBlock.length > 1 << 12) {
    bandBlock = new Int32Array(64);
    bandZero = new Int32Array(64);
  }
}

/** Myers on `a[p..]` and `b[p..]` (whose first words differ), in the coordinates of `a` and `b`. */
function myersRuns(a: WordSeq, b: WordSeq, p: number, maxD: number): Run[] | undefined {
  try {
    return myersSearch(a, b, p, maxD);
  } finally {
    releaseTrace();
  }
}

function myersSearch(a: WordSeq, b: WordSeq, p: number, maxD: number): Run[] | undefined {
  const n = a.length - p;
  const m = b.length - p;
  const limit = Math.min(n + m, maxD);
  if (bandBlock.length < limit + 1) {
    bandBlock = new Int32Array(limit + 1);
    bandZero = new Int32Array(limit + 1);
  }
  let block = 0;
  let used = 0;
  if (traceBlocks.length === 0) traceBlocks.push(new Int32Array(TRACE_BLOCK));
  let cur = traceBlocks[0]!;
  let prev = cur;
  let prevZero = 0;
  let bands = 0;
  let done = false;
  // The words' hashes (as `WordSeq.same` compares them), read here without a call per word.
  const ah1 = a.h1;
  const ah2 = a.h2;
  const bh1 = b.h1;
  const bh2 = b.h2;
  for (let d = 0; d <= limit; d++) {
    if (used + 2 * d + 1 > cur.length) {
      block++;
      used = 0;
      // A band wider than a block (a caller's maxD far above MAX_DIFFERENCES) gets a block of its own size.
      if (traceBlocks.length === block) traceBlocks.push(new Int32Array(Math.max(TRACE_BLOCK, 2 * d + 1)));
      else if (traceBlocks[block]!.length < 2 * d + 1) traceBlocks[block] = new Int32Array(2 * d + 1);
      cur = traceBlocks[block]!;
    }
    const zero = used + d;
    bandBlock[d] = block;
    bandZero[d] = zero;
    used += 2 * d + 1;
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && prev[prevZero + k - 1]! < prev[prevZero + k + 1]!)) x = prev[prevZero + k + 1]!;
      else x = prev[prevZero + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && ah1[p + x] === bh1[p + y] && ah2[p + x] === bh2[p + y]) {
        x++;
        y++;
      }
      cur[zero + k] = x;
      if (x >= n && y >= m) done = true;
    }
    prev = cur;
    prevZero = zero;
    bands = d + 1;
    if (done) break;
  }
  return done ? myersTrace(p, n, m, bands) : undefined;
}

/**
 * The path `myersSearch` found, read back from its bands (`bands` of them) as runs. A
 * function of its own: compiled apart from the search's loop, it gave that loop's optimised
 * code no path it had not seen run (which deoptimised it at every document that had one).
 */
function myersTrace(p: number, n: number, m: number, bands: number): Run[] {
  const runs: Run[] = [];
  const same = (fromX: number, toX: number, toY: number) => {
    if (toX > fromX) runs.push({ op: 'same', a: p + fromX, b: p + toY - (toX - fromX), length: toX - fromX });
  };
  let x = n;
  let y = m;
  for (let d = bands - 1; d > 0; d--) {
    const band = traceBlocks[bandBlock[d - 1]!]!;
    const zero = bandZero[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && band[zero + k - 1]! < band[zero + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = band[zero + prevK]!;
    const prevY = prevX - prevK;
    const snake = Math.min(x - prevX, y - prevY);
    same(x - snake, x, y);
    x -= snake;
    y -= snake;
    if (down) runs.push({ op: 'added', a: p + x, b: p + --y, length: 1 });
    else runs.push({ op: 'lost', a: p + --x, b: p + y, length: 1 });
  }
  same(0, x, y);
  return runs.reverse();
}

const MAX_REPORTS = 10;

/** How many lines after its reported position a removed markdown piece may start (a wrapped label). */
const MARKDOWN_REACH = 1;

/**
 * The lost and added runs that are one printed word counted twice: the source's words run
 * on across inline markup with no space (`<font size="+2">T</font>o`), the TEI has them as
 * one word ("To"). Each stretch of differences between two equal runs is taken whole: its
 * lost words, joined where they run on, must be exactly its added words.
 */
function joinedWords(runs: readonly Run[], src: WordSeq, text: WordSeq): Set<number> {
  const out = new Set<number>();
  for (const [r, end] of differenceStretches(runs)) {
    // Only a stretch where lost words run on can be joined: its words are read (as strings) only then.
    let runsOn = false;
    let prevLost = -2;
    for (let k = r; k < end && !runsOn; k++) {
      const e = runs[k]!;
      if (e.op !== 'lost') continue;
      runsOn = e.a === prevLost + 1 && src.continues(e.a);
      prevLost = e.a;
    }
    if (!runsOn) continue;
    let lostText = '';
    prevLost = -2;
    const addedWords: string[] = [];
    for (let k = r; k < end; k++) {
      const e = runs[k]!;
      if (e.op === 'lost') {
        const on = e.a === prevLost + 1 && src.continues(e.a);
        lostText += (lostText === '' || on ? '' : ' ') + src.word(e.a);
        prevLost = e.a;
      } else addedWords.push(text.word(e.b));
    }
    if (lostText === addedWords.join(' ')) for (let k = r; k < end; k++) out.add(k);
  }
  return out;
}

/**
 * Source columns of words of `seq` (read from `source`), checked: a word's column counted in
 * its chunk is taken only when the source has that word there (starting at it, not inside a
 * longer word). A character reference or an NFC composition earlier on the line shifts the
 * count, and the column is then unknown rather than wrong.
 */
function sourcePositions(source: string, seq: WordSeq): { start(i: number): number | undefined; end(i: number): number | undefined } {
  let lineStarts: number[] | undefined;
  const start = (i: number): number | undefined => {
    lineStarts ??= lineStartsOf(source);
    const lineStart = lineStarts[seq.line[i]! - 1];
    if (lineStart === undefined) return undefined;
    const column = seq.column(i);
    const at = lineStart + column - 1;
    const word = seq.word(i);
    if (!source.startsWith(word, at)) return undefined;
    if (at > lineStart && isWordCodePoint(codePointBefore(source, at))) return undefined;
    return column;
  };
  return { start, end: (i) => {
    const column = start(i);
    return column === undefined ? undefined : column + seq.word(i).length;
  } };
}

/** The code point that ends right before `at` (a surrogate pair taken whole). */
function codePointBefore(s: string, at: number): number {
  const lo = s.charCodeAt(at - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && at >= 2) {
    const hi = s.charCodeAt(at - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}

/** Offsets where the lines of `s` start. */
function lineStartsOf(s: string): number[] {
  const starts = [0];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The key of a word in lower case: two 32-bit hashes of its lower-case code units (as
 * `scanWords` hashes a word), so that two different lower-case words agree with a chance of
 * 2⁻⁶⁴, as the diff's words do. `lowerKey` leaves them here (no object per word).
 */
let keyH1 = 0;
let keyH2 = 0;

/**
 * The key of word `i` of `seq` (of chunk `c`) in lower case, into `keyH1`/`keyH2`. A word in
 * ASCII is hashed from its code units, A–Z as a–z, with no string made; any other word is
 * made a string and put in lower case by String's rules (which may change its length: "İ"
 * becomes "i̇"), then hashed.
 */
function lowerKey(seq: WordSeq, i: number, c: number): void {
  const chunk = seq.chunks[c]!;
  const start = seq.start[i]!;
  let h1 = H1_SEED;
  let h2 = H2_SEED;
  let end = start;
  for (; end < chunk.length; end++) {
    let cu = chunk.charCodeAt(end);
    if (cu >= 0x80) {
      unitsKey(chunk.slice(start, wordEnd(chunk, start)).toLowerCase());
      return;
    }
    if (BMP_CLASS[cu] !== 1) break;
    if (cu <= 0x5a && cu >= 0x41) cu |= 0x20;
    h1 = Math.imul(h1 ^ cu, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ cu;
  }
  keyH1 = h1;
  keyH2 = h2 ^ (end - start);
}

/** `lowerKey` of a word already in lower case, given as a string. */
function unitsKey(s: string): void {
  let h1 = H1_SEED;
  let h2 = H2_SEED;
  for (let i = 0; i < s.length; i++) {
    const cu = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ cu, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ cu;
  }
  keyH1 = h1;
  keyH2 = h2 ^ s.length;
}

/**
 * How often each key of `bag` (each added at 0) is the `lowerKey` of a word of the header:
 * its character data (`ranges` of `tei`, see `teiWordSeqs`), read as `collectWords` reads a
 * text (references decoded, NFC where needed), the keys taken in the same pass that finds
 * the words, and counted for the lost words only.
 */
function countHeaderKeys(tei: string, ranges: readonly number[], bag: KeyCounts): void {
  let ampAt = -1;
  const n = tei.length;
  for (let r = 0; r < ranges.length; r += 2) {
    const start = ranges[r]!;
    const end = ranges[r + 1]!;
    if (ampAt < start && ampAt < n) {
      ampAt = tei.indexOf('&', start);
      if (ampAt < 0) ampAt = n;
    }
    let keys = -1;
    if (ampAt < end) {
      const chars = decodeEntities(tei.slice(start, end));
      keys = headerKeys(pieceUnits, chars, 0, chars.length, true);
      if (keys < 0) {
        const normal = chars.normalize('NFC');
        keys = headerKeys(pieceUnits, normal, 0, normal.length, false);
      }
    } else {
      keys = headerKeys(mainUnits, tei, start, end, true);
      if (keys < 0) {
        const normal = tei.slice(start, end).normalize('NFC');
        keys = headerKeys(pieceUnits, normal, 0, normal.length, false);
      }
    }
    const k = scratch.keys;
    for (let w = 0; w < keys; w += 2) bag.bump(k[w]!, k[w + 1]!);
  }
}

/**
 * The `lowerKey` of each word of `s[from..to)` (words as `scanUnits` finds them), into
 * `scratch.keys`; returns how many numbers it wrote, or -1 when `check` is set and a code
 * unit NFC might change was met. A word in ASCII is hashed as it is scanned, A–Z as a–z;
 * any other word is made a string and put in lower case by String's rules, as `lowerKey` does.
 */
function headerKeys(units: UnitWindow, s: string, from: number, to: number, check: boolean): number {
  let written = 0;
  let a = from;
  while (a < to) {
    let b = to;
    if (b - a > WINDOW) {
      b = a + WINDOW;
      while (b > a && !breaksWords(s.charCodeAt(b - 1))) b--;
      if (b === a) b = to;
    }
    units.load(s, a, b);
    const u = units.units;
    const offset = units.from;
    const end = b - offset;
    let i = a - offset;
    while (i < end) {
      let cu = u[i]!;
      let width = 1;
      if (cu < 0x80) {
        if (BMP_CLASS[cu] !== 1) {
          i++;
          continue;
        }
      } else {
        if (check && cu >= NFC_FROM && (cu < NFC_INERT.from || cu > NFC_INERT.to)) return -1;
        let cp = cu;
        if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < end) {
          const lo = u[i + 1]!;
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            width = 2;
          }
        }
        if (!isWordCodePoint(cp)) {
          i += width;
          continue;
        }
      }
      const start = i;
      let ascii = true;
      let h1 = H1_SEED;
      let h2 = H2_SEED;
      for (;;) {
        if (cu < 0x80) {
          const low = cu <= 0x5a && cu >= 0x41 ? cu | 0x20 : cu;
          h1 = Math.imul(h1 ^ low, 0x01000193);
          h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ low;
        } else ascii = false;
        i += width;
        if (i >= end) break;
        width = 1;
        cu = u[i]!;
        if (cu < 0x80) {
          if (BMP_CLASS[cu] !== 1) break;
          continue;
        }
        if (check && cu >= NFC_FROM && (cu < NFC_INERT.from || cu > NFC_INERT.to)) break;
        let cp = cu;
        if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < end) {
          const lo = u[i + 1]!;
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            width = 2;
          }
        }
        if (!isWordCodePoint(cp)) break;
      }
      if (ascii) {
        keyH1 = h1;
        keyH2 = h2 ^ (i - start);
      } else unitsKey(s.slice(start + offset, i + offset).toLowerCase());
      if (written + 2 > scratch.keys.length) {
        const bigger = new Int32Array(scratch.keys.length * 2);
        bigger.set(scratch.keys);
        scratch.keys = bigger;
      }
      scratch.keys[written++] = keyH1;
      scratch.keys[written++] = keyH2;
    }
    a = b;
  }
  return written;
}

/** Compares source and TEI words; reports `words-lost` for every run of lost or added words. */
export function checkFidelity(source: string, markup: MarkupFamily, dropped: readonly Removed[], tei: string, diagnostics: Diagnostics): { lost: number; added: number } {
  try {
    return compare(source, markup, dropped, tei, diagnostics);
  } finally {
    release();
  }
}

function compare(source: string, markup: MarkupFamily, dropped: readonly Removed[], tei: string, diagnostics: Diagnostics): { lost: number; added: number } {
  // A dropped piece is raw source: its words are counted as the source's are (a dropped
  // markdown link `[Works Index](../index.htm)` has the words "Works Index", not "index htm").
  const removed = markup === 'markdown' ? dropped.map((d) => ({ text: stripMarkdown(d.text), pos: d.pos })) : dropped;
  // Markdown readers report every piece at the line where it stands.
  const src = removeDroppedWords(sourceWordSeq(source, markup, scratch.source), removed, markup === 'markdown' ? MARKDOWN_REACH : undefined, markup === 'html');
  const text = scratch.text;
  const copied = scratch.copied;
  // A faithful TEI has the source's words: its table is made that size (and grows if it has more).
  teiWordSeqs(tei, text, scratch.headerRanges, copied, src.length + (src.length >> 4) + 64);
  const runs = diffRuns(src, text, MAX_DIFFERENCES);
  if (!runs) {
    diagnostics.report('words-lost', `the TEI and the source differ in more than ${MAX_DIFFERENCES} words; the reader probably misread this document`);
    return { lost: src.length, added: text.length };
  }
  const joined = joinedWords(runs, src, text);
  for (const r of splitAnchorRuns(runs, src, text)) joined.add(r);
  // The header may capitalise a name the source printed in lower case ("author: karl marx"
  // → <author>Karl Marx</author>): metadata words are found there whatever their case.
  // Only words the text lacks are looked up, by their keys in lower case (`lowerKey`), and
  // the header's words are read only when there is one.
  const header = scratch.bag;
  header.reset(runs.length);
  for (let r = 0; r < runs.length; r++) {
    const e = runs[r]!;
    if (e.op !== 'lost' || joined.has(r)) continue;
    lowerKey(src, e.a, src.chunkOf(e.a));
    header.add(keyH1, keyH2);
  }
  if (header.size > 0) countHeaderKeys(tei, scratch.headerRanges, header);
  const lost: Array<Array<Word & { index: number }>> = [];
  /** `after`: the source word the added words follow (-1: none, they open the text). */
  const added: { words: string[]; line: number; after: number }[] = [];
  let lastLine = 1;
  let lastWord = -1;
  for (let r = 0; r < runs.length; r++) {
    const e = runs[r]!;
    if (joined.has(r)) continue;
    if (e.op === 'same') {
      lastWord = e.a + e.length - 1;
      lastLine = src.line[lastWord]!;
      continue;
    }
    if (e.op === 'lost') {
      lowerKey(src, e.a, src.chunkOf(e.a));
      if (header.take(keyH1, keyH2)) continue;
      const word = { w: src.word(e.a), line: src.line[e.a]!, index: e.a };
      const run = lost[lost.length - 1];
      const prev = run?.[run.length - 1];
      if (run && prev && word.line - prev.line <= 1) run.push(word);
      else lost.push([word]);
      lastLine = word.line;
      lastWord = e.a;
    } else {
      if (copied.has(e.b)) continue;
      const run = added[added.length - 1];
      if (run && run.line === lastLine) run.words.push(text.word(e.b));
      else added.push({ words: [text.word(e.b)], line: lastLine, after: lastWord });
    }
  }
  const quote = (ws: string[]) => (ws.length > 12 ? `${ws.slice(0, 12).join(' ')} …` : ws.join(' '));
  let reported = 0;
  const at = sourcePositions(source, src);
  // A column is reported only where the source is seen to hold the word there; else the line alone, never a false column.
  for (const run of lost) {
    if (reported++ >= MAX_REPORTS) break;
    const first = run[0]!;
    const column = at.start(first.index);
    const d = diagnostics.report('words-lost', `${run.length} word(s) of the source are missing from the TEI: «${quote(run.map((w) => w.w))}»`, { line: first.line, column: column ?? 1 });
    if (column === undefined) d.column = undefined;
  }
  for (const run of added) {
    if (reported++ >= MAX_REPORTS) break;
    // Where they stand: right after the source word they follow.
    const column = run.after < 0 || src.line[run.after] !== run.line ? undefined : at.end(run.after);
    const d = diagnostics.report('words-lost', `${run.words.length} word(s) in the TEI are not in the source here: «${quote(run.words)}»`, { line: run.line, column: column ?? 1 });
    if (column === undefined) d.column = undefined;
  }
  return { lost: lost.reduce((n, r) => n + r.length, 0), added: added.reduce((n, r) => n + r.words.length, 0) };
}

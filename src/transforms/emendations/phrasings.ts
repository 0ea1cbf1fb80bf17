/**
 * The phrasings editors use in notes about the manuscript, as data: one row per phrasing,
 * a pattern and a builder. Each row is tested in tests/transforms/phrasings.test.ts with
 * varied wording. Patterns run on the note's plain text with white space squashed and
 * broken character references already repaired, case-insensitively.
 *
 * Slots: `{Q:name}` is a quotation (“…”, "…", «…», ‘…’); `{W:name}` a quotation or one bare
 * word. Rows are tried in order and a later row never claims text an earlier row matched.
 */

/** A hand or medium other than the main text's, declared in `handNotes`. */
export interface Hand {
  id: string;
  description: string;
  medium?: string;
}

export type NoteAction =
  | { op: 'subst'; del: string; add: string; place: string }
  | { op: 'del'; words: string; hand?: Hand }
  | { op: 'add'; words: string; place: string; hand?: Hand }
  | { op: 'unclear'; words: string }
  | { op: 'gap'; reason: string; unit?: string; quantity?: number }
  /** "The last word is illegible": a gap at the end of the quotation the note gave before. */
  | { op: 'lastWordIllegible' };

export interface Phrasing {
  name: string;
  /**
   * Words every match of `pattern` contains (same flags): a note without them is passed
   * over without running the pattern, which is most notes and most of the cost.
   */
  needs: RegExp;
  /** The key words (`KEY_WORDS`) of `needs`: a match of `needs` holds one of them. */
  keys: readonly KeyWord[];
  pattern: RegExp;
  /**
   * Where a match of `pattern` may begin (see `Starts`): every match starts at one of these
   * places, so the pattern is tried only there, not at every character of the note.
   */
  starts?: Starts;
  /** Returns null when the match, looked at closely, does not describe the manuscript. */
  build(slot: (name: string) => string | undefined, m: RegExpExecArray): NoteAction | null;
}

/**
 * Places where a row's match may begin, found without a regex on the note in lower case
 * (`foldCase`: what the rows' case-insensitive Unicode matching equates with the ASCII
 * letters of these words is exactly what it lowers to them):
 * - `words`: where one of these words stands (the match begins with it);
 * - `quoted`: at the opening mark of a quotation that closes right before `BE`, a space and
 *   one of these words (the match begins with that quotation);
 * - `before`: at a word's start with at most `spaces` spaces between it and one of these
 *   words, or at the word itself (the match begins with `\b`, then words each followed by
 *   one space, then the word).
 */
export type Starts =
  | { words: readonly string[] }
  | { quoted: readonly string[] }
  | { before: readonly string[]; spaces: number };

const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}’'-]*`;
const quote = (name: string): string =>
  String.raw`(?:[“"«](?<${name}1>[^“”"«»]{1,400})[”"»]|‘(?<${name}2>[^‘’]{1,400})’)`;
/** A bare word, but not an article or "line"/"text": "written above the line" is an addition, not a substitution. */
const BARE_WORD = String.raw`(?!(?:the|a|an|this|that|it|line|lines|text)\b)${WORD}`;
const wordOrQuote = (name: string): string => String.raw`(?:${quote(name)}|(?<${name}3>${BARE_WORD}))`;

/** Compiles a row's pattern: expands the slots; always global (matchAll), case-insensitive, Unicode. */
function phrase(source: string): RegExp {
  const expanded = source
    .replace(/\{Q:(\w+)\}/g, (_, n: string) => quote(n))
    .replace(/\{W:(\w+)\}/g, (_, n: string) => wordOrQuote(n));
  return new RegExp(expanded, 'giu');
}

const THE_WORD = String.raw`(?:the (?:words?|phrase|passage|sentence) )?`;
const BE = String.raw`(?:is|are|was|were|has been|have been)`;
/** What may follow "added": where and with what ("in pencil at the end of the manuscript"). */
const CIRCUMSTANCES = String.raw`(?<how>(?: (?:in|at|on|between|above|below|over|under|by|with)\b[^.:;“”"«»]{0,100})?)`;

const placeOfWriting = (word: string): string => (/^(?:below|under)$/i.test(word) ? 'below' : 'above');

/** Where an addition stands, from the note's words; the first row that matches wins. */
export const PLACES: readonly { pattern: RegExp; place: string }[] = [
  { pattern: /\bmargins?\b/i, place: 'margin' },
  { pattern: /\bbetween the lines\b|\binterlinear|\babove the (?:line|text|word)/i, place: 'above' },
  { pattern: /\bbelow the (?:line|text|word)/i, place: 'below' },
  { pattern: /\bat the (?:end|close)\b/i, place: 'end' },
  { pattern: /\bat the (?:top|head)\b/i, place: 'top' },
  { pattern: /\bat the (?:bottom|foot)\b/i, place: 'bottom' },
  { pattern: /\bat the (?:beginning|start)\b/i, place: 'start' },
];

/** Hands and media other than the main text's, from the note's words. */
export const HANDS: readonly { pattern: RegExp; hand(m: RegExpExecArray): Hand }[] = [
  {
    pattern: /\bin (?:(blue|red|black|green|violet|coloured) )?pencil\b/i,
    hand: (m) => {
      const colour = m[1]?.toLowerCase();
      const medium = colour ? `${colour} pencil` : 'pencil';
      return { id: `h-${medium.replace(/ /g, '-')}`, description: `Writing in ${medium}, as the source's editors describe it`, medium };
    },
  },
  {
    pattern: /\bin (red|blue|green|violet|purple) ink\b/i,
    hand: (m) => {
      const medium = `${m[1]!.toLowerCase()} ink`;
      return { id: `h-${medium.replace(/ /g, '-')}`, description: `Writing in ${medium}, as the source's editors describe it`, medium };
    },
  },
  {
    pattern: /\bin (?:another|a different|an unknown|someone else['’]s) hand\b/i,
    hand: () => ({ id: 'h-other', description: "A hand other than the author's, as the source's editors describe it" }),
  },
  {
    pattern: /\bin (\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,3})['’]s? hand(?:writing)?\b/u,
    hand: (m) => ({
      id: `h-${m[1]!.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}`,
      description: `The hand of ${m[1]!}, as the source's editors describe it`,
    }),
  },
];

export function placeFrom(words: string, fallback: string): string {
  return PLACES.find((p) => p.pattern.test(words))?.place ?? fallback;
}

export function handFrom(words: string): Hand | undefined {
  for (const row of HANDS) {
    const m = row.pattern.exec(words);
    if (m) return row.hand(m);
  }
  return undefined;
}

const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, the: 1, two: 2, three: 3, four: 4, five: 5, six: 6, several: 0 };

/** An addition: the place comes from the circumstances; the hand too (the note's subject may name the writer). */
function addition(words: string | undefined, how: string, verb: string): NoteAction | null {
  if (words === undefined) return null;
  const place = placeFrom(how, 'unspecified');
  const hand = handFrom(how);
  // "… is written" or "X wrote: …" alone says nothing about the manuscript; "written in the margin" does.
  if (/^(?:writ|wrote)/i.test(verb) && place === 'unspecified' && !hand) return null;
  return { op: 'add', words, place, ...(hand && { hand }) };
}

/**
 * The words some row's `needs` holds: a note without any of them is no row's; a row is
 * tried only when the note holds one of its `keys` (found in one scan of the note).
 */
export const KEY_WORDS = ['crossed', 'struck', 'scored', 'added', 'inserted', 'wrote', 'written', 'illegible', 'breaks off', 'ends abruptly', 'rest of the manuscript'] as const;
export type KeyWord = (typeof KEY_WORDS)[number];

export const PHRASINGS: readonly Phrasing[] = [
  {
    name: '“X” is written above “Y”',
    needs: /written (?:above|over|below|under)/iu,
    keys: ['written'],
    pattern: phrase(`${THE_WORD}{W:add} ${BE} written (?<where>above|over|below|under) ${THE_WORD}{W:del}`),
    build: (slot, m) => {
      const add = slot('add');
      const del = slot('del');
      return add && del ? { op: 'subst', add, del, place: placeOfWriting(m.groups!.where!) } : null;
    },
  },
  {
    name: 'above “Y” is written “X”',
    needs: /(?:is|are|was|were|been) written/iu,
    keys: ['written'],
    pattern: phrase(`(?<where>above|over|below|under) ${THE_WORD}{W:del},? ${BE} written ${THE_WORD}{W:add}`),
    starts: { words: ['above', 'over', 'below', 'under'] },
    build: (slot, m) => {
      const add = slot('add');
      const del = slot('del');
      return add && del ? { op: 'subst', add, del, place: placeOfWriting(m.groups!.where!) } : null;
    },
  },
  {
    name: '“X” is crossed out',
    needs: /crossed|struck|scored/iu,
    keys: ['crossed', 'struck', 'scored'],
    pattern: phrase(`{Q:words} ${BE} (?:crossed|struck|scored) (?:out|through)${CIRCUMSTANCES}`),
    starts: { quoted: ['crossed', 'struck', 'scored'] },
    build: (slot, m) => {
      const words = slot('words');
      const hand = handFrom(m.groups!.how ?? '');
      return words ? { op: 'del', words, ...(hand && { hand }) } : null;
    },
  },
  {
    name: 'Lenin crossed out “X”',
    needs: /crossed|struck|scored/iu,
    keys: ['crossed', 'struck', 'scored'],
    pattern: phrase(`(?:crossed|struck|scored) (?:out|through)${CIRCUMSTANCES}:? ${THE_WORD}{Q:words}`),
    starts: { words: ['crossed', 'struck', 'scored'] },
    build: (slot, m) => {
      const words = slot('words');
      const hand = handFrom(m.groups!.how ?? '');
      return words ? { op: 'del', words, ...(hand && { hand }) } : null;
    },
  },
  {
    name: '“X” is added in the margin',
    needs: /[”"»’] (?:is|are|was|were|has been|have been) (?:added|inserted|written)/iu,
    keys: ['added', 'inserted', 'written'],
    pattern: phrase(`{Q:words} ${BE} (?<verb>added|inserted|written)${CIRCUMSTANCES}`),
    starts: { quoted: ['added', 'inserted', 'written'] },
    build: (slot, m) => addition(slot('words'), m.groups!.how ?? '', m.groups!.verb!),
  },
  {
    name: 'added in the margin: “X”',
    needs: /added|inserted|wrote|written/iu,
    keys: ['added', 'inserted', 'wrote', 'written'],
    pattern: phrase(`\\b(?<verb>added|inserted|wrote|written)${CIRCUMSTANCES}(?: the (?:words?|phrase|following))?:? {Q:words}`),
    starts: { words: ['added', 'inserted', 'wrote', 'written'] },
    build: (slot, m) => addition(slot('words'), m.groups!.how ?? '', m.groups!.verb!),
  },
  {
    name: 'the last word is illegible',
    needs: /illegible/iu,
    keys: ['illegible'],
    pattern: phrase(`\\b(?:the )?last word (?:of (?:the|this) (?:quotation|phrase|sentence|addition|passage|note) )?${BE} illegible`),
    // "the " before "last word": one space.
    starts: { before: ['last word'], spaces: 1 },
    build: () => ({ op: 'lastWordIllegible' }),
  },
  {
    name: 'illegible, probably “X”',
    needs: /illegible/iu,
    keys: ['illegible'],
    pattern: phrase(`\\billegible(?:,|;| —| –| -)? (?:probably|possibly|perhaps|presumably|apparently|most likely) ${THE_WORD}{W:words}`),
    starts: { words: ['illegible'] },
    build: (slot) => {
      const words = slot('words');
      return words ? { op: 'unclear', words } : null;
    },
  },
  {
    name: 'the word is illegible',
    needs: /illegible/iu,
    keys: ['illegible'],
    pattern: phrase(`\\b(?:(?<count>one|two|three|four|five|six|several|an?|the|\\d+) )?(?:(?:next|following|preceding|last) )?(?<unit>words?|letters?|lines?) ${BE} illegible|\\billegible (?<unit2>words?|letters?|lines?)`),
    // "two next words have been illegible": count, next, unit, has, been, each with its space.
    starts: { before: ['illegible'], spaces: 5 },
    build: (_slot, m) => {
      const unit = (m.groups!.unit ?? m.groups!.unit2 ?? 'word').toLowerCase().replace(/s$/, '');
      const count = m.groups!.count?.toLowerCase();
      const quantity = count === undefined ? 1 : (NUMBERS[count] ?? Number.parseInt(count, 10));
      // "1921…1921 words are illegible" (800 digits) parses to Infinity: no quantity then, not an invalid model.
      return { op: 'gap', reason: 'illegible', unit, ...(Number.isSafeInteger(quantity) && quantity > 0 && { quantity }) };
    },
  },
  {
    name: 'the manuscript breaks off',
    needs: /breaks off|ends abruptly|rest of the manuscript/iu,
    keys: ['breaks off', 'ends abruptly', 'rest of the manuscript'],
    pattern: phrase(`\\b(?:the )?(?:manuscript|MS\\.?) (?:breaks off|ends abruptly)|\\bthe rest of the manuscript (?:is|has been) (?:lost|missing)`),
    // "the manuscript breaks off", "the rest of the manuscript": at most two spaces before the key.
    starts: { before: ['breaks off', 'ends abruptly', 'rest of the manuscript'], spaces: 2 },
    build: () => ({ op: 'gap', reason: 'manuscript breaks off' }),
  },
];

export interface FoundAction {
  action: NoteAction;
  start: number;
  end: number;
  phrasing: string;
}

const slotOf = (m: RegExpExecArray) => (name: string): string | undefined => {
  const g = m.groups ?? {};
  const v = g[`${name}1`] ?? g[`${name}2`] ?? g[`${name}3`];
  return v?.trim() || undefined;
};

/**
 * The note in lower case, as the rows' case-insensitive Unicode matching reads the ASCII
 * letters of the key and start words: a character matches such a letter exactly when it
 * lowers to it, except ſ (U+017F), which matches s (tests/transforms/recognise-note.test.ts
 * checks every code point). Lowering keeps each character's length but for İ (U+0130):
 * positions in the folded note are the note's only when the lengths agree.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ſ') ? lower.replace(/ſ/g, 's') : lower;
}

/** Each key word's bit, and the bits of a row's keys. */
const KEY_BIT = new Map<KeyWord, number>(KEY_WORDS.map((w, i) => [w, 1 << i]));
const KEY_MASK = new Map<Phrasing, number>(PHRASINGS.map((row) => [row, row.keys.reduce((m, k) => m | KEY_BIT.get(k)!, 0)]));

/** The key words (as bits) the folded note holds. */
function keyWordsIn(folded: string): number {
  let bits = 0;
  for (let i = 0; i < KEY_WORDS.length; i++) if (folded.includes(KEY_WORDS[i]!)) bits |= 1 << i;
  return bits;
}

/** A surrogate pair starts at `i`: a match may not stop inside one (the patterns are Unicode). */
const isPairAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
};

/** A character `\b` counts as a word character under the flags `iu`, among ASCII ones (the others, ſ and K, only make more places candidates). */
const isAsciiWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/** Every place `word` stands in the folded note, overlapping ones too. */
function occurrences(folded: string, word: string, into: number[]): void {
  for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) into.push(i);
}

const ascending = (a: number, b: number): number => a - b;

/** The marks a quotation `“…”`, `"…"`, `«…»` may not hold, and those it may open with. */
const isDoubleMark = (c: number): boolean => c === 0x201c || c === 0x201d || c === 0x22 || c === 0xab || c === 0xbb;
const isDoubleOpening = (c: number): boolean => c === 0x201c || c === 0x22 || c === 0xab;
/** The same for `‘…’`. */
const isSingleMark = (c: number): boolean => c === 0x2018 || c === 0x2019;
const isSingleOpening = (c: number): boolean => c === 0x2018;

/** The opening of a quotation of at most 400 characters that closes at `close`: the nearest mark before it, if it opens. */
function pushOpening(note: string, close: number, isMark: (c: number) => boolean, isOpening: (c: number) => boolean, at: number[]): void {
  for (let o = close - 1; o >= 0 && o >= close - 401; o--) {
    const c = note.charCodeAt(o);
    if (!isMark(c)) continue;
    if (isOpening(c)) at.push(o);
    return;
  }
}

/** The places, in order, where a match of a row with these `starts` may begin in the note. */
function startsIn(starts: Starts, note: string, folded: string): number[] {
  const at: number[] = [];
  const keys: number[] = [];
  if ('quoted' in starts) {
    for (const w of starts.quoted) occurrences(folded, w, keys);
    for (const k of keys) {
      // The closing mark: " is " (5 before the word, counting the mark) to " have been " (12 before it).
      for (let q = Math.max(0, k - 12); q <= k - 5; q++) {
        const c = note.charCodeAt(q);
        // A quotation holds no mark of its kind: its opening is the nearest mark before the closing one, at most 400 characters before.
        if (c === 0x201d || c === 0x22 || c === 0xbb) pushOpening(note, q, isDoubleMark, isDoubleOpening, at);
        else if (c === 0x2019) pushOpening(note, q, isSingleMark, isSingleOpening, at);
      }
    }
    return at.sort(ascending).filter((v, i, all) => i === 0 || all[i - 1] !== v);
  }
  const words = 'words' in starts ? starts.words : starts.before;
  for (const w of words) occurrences(folded, w, keys);
  if (words.length > 1) keys.sort(ascending);
  if ('words' in starts) return keys;
  // Each key's window: back from it over at most `spaces` spaces, never again over a part
  // an earlier key's window covered (so a long note is walked once).
  let done = 0;
  for (const k of keys) {
    if (k < done) continue;
    let lo = done;
    let spaces = 0;
    for (let j = k - 1; j >= done; j--) {
      if (note.charCodeAt(j) === 0x20 && ++spaces > starts.spaces) {
        lo = j + 1;
        break;
      }
    }
    for (let s = lo; s <= k; s++) {
      if (note.charCodeAt(s) === 0x20) continue;
      if (s > 0 && (isAsciiWordChar(note.charCodeAt(s - 1)) || isPairAt(note, s - 1))) continue;
      at.push(s);
    }
    done = k + 1;
  }
  return at;
}

/** Each row's pattern, sticky: tried at one place only (`Phrasing.starts`). */
const STICKY = new Map<Phrasing, RegExp>(PHRASINGS.map((row) => [row, new RegExp(row.pattern.source, `${row.pattern.flags.replace('g', '')}y`)]));

/**
 * Reads a row's matches from the start of the note, as the global pattern's `exec` finds
 * them: where the places a match may begin are known, the sticky pattern is tried at each
 * in order from `from` (the first that matches is the leftmost match); else the global
 * pattern searches.
 */
class Matches {
  private next = 0;
  constructor(
    private readonly row: Phrasing,
    private readonly text: string,
    private readonly starts: number[] | undefined,
  ) {}

  from(from: number): RegExpExecArray | null {
    const starts = this.starts;
    if (!starts) {
      this.row.pattern.lastIndex = from;
      return this.row.pattern.exec(this.text);
    }
    const sticky = STICKY.get(this.row)!;
    while (this.next < starts.length) {
      const at = starts[this.next++]!;
      if (at < from) continue;
      sticky.lastIndex = at;
      const m = sticky.exec(this.text);
      if (m) return m;
    }
    return null;
  }
}

/** What a note's text says happened in the manuscript, in the order the note says it. */
export function recogniseNote(noteText: string): FoundAction[] {
  const found: FoundAction[] = [];
  const folded = foldCase(noteText);
  const keys = keyWordsIn(folded);
  if (keys === 0) return found;
  // Places in the folded note are the note's (no İ): the rows' starts can be used.
  const aligned = folded.length === noteText.length;
  const overlaps = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  for (const row of PHRASINGS) {
    if ((KEY_MASK.get(row)! & keys) === 0 || !row.needs.test(noteText)) continue;
    // Matches from the start, as matchAll finds them, without the copy of the pattern
    // matchAll makes on every call.
    const matches = new Matches(row, noteText, aligned && row.starts ? startsIn(row.starts, noteText, folded) : undefined);
    let from = 0;
    for (let m = matches.from(from); m; m = matches.from(from)) {
      const start = m.index;
      const end = start + m[0].length;
      from = end === start ? end + (isPairAt(noteText, end) ? 2 : 1) : end;
      if (overlaps(start, end)) continue;
      const action = row.build(slotOf(m), m);
      if (action) found.push({ action, start, end, phrasing: row.name });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

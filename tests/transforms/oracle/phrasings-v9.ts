/**
 * The session-9 recogniser, word for word (src/transforms/emendations/phrasings.ts at
 * a8e7bf4), kept as the reference of tests/transforms/recognise-note.test.ts: the new one,
 * which tries each row only where its start words, quotation marks or key words let a match
 * begin, must find exactly what this one finds. Not used by the program.
 */
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
   * Where a match of `pattern` may begin (same flags, global): every match starts at a match
   * of `starts`, so the pattern is tried only there, not at every character of the note.
   */
  starts?: RegExp;
  /** Returns null when the match, looked at closely, does not describe the manuscript. */
  build(slot: (name: string) => string | undefined, m: RegExpExecArray): NoteAction | null;
}

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
    starts: /crossed|struck|scored/giu,
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
    build: (slot, m) => addition(slot('words'), m.groups!.how ?? '', m.groups!.verb!),
  },
  {
    name: 'added in the margin: “X”',
    needs: /added|inserted|wrote|written/iu,
    keys: ['added', 'inserted', 'wrote', 'written'],
    pattern: phrase(`\\b(?<verb>added|inserted|wrote|written)${CIRCUMSTANCES}(?: the (?:words?|phrase|following))?:? {Q:words}`),
    starts: /added|inserted|wrote|written/giu,
    build: (slot, m) => addition(slot('words'), m.groups!.how ?? '', m.groups!.verb!),
  },
  {
    name: 'the last word is illegible',
    needs: /illegible/iu,
    keys: ['illegible'],
    pattern: phrase(`\\b(?:the )?last word (?:of (?:the|this) (?:quotation|phrase|sentence|addition|passage|note) )?${BE} illegible`),
    build: () => ({ op: 'lastWordIllegible' }),
  },
  {
    name: 'illegible, probably “X”',
    needs: /illegible/iu,
    keys: ['illegible'],
    pattern: phrase(`\\billegible(?:,|;| —| –| -)? (?:probably|possibly|perhaps|presumably|apparently|most likely) ${THE_WORD}{W:words}`),
    starts: /illegible/giu,
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
 * The key words a note holds, in one scan (the flags of the rows, so a word matches here
 * exactly when it matches there). Each group is one key word; every position is tried, so
 * overlapping words ("wrotends abruptly") are all found.
 */
const KEY_SCAN = new RegExp(KEY_WORDS.map((w) => `(${w})`).join('|'), 'giu');

function keyWordsIn(noteText: string): Set<KeyWord> {
  const found = new Set<KeyWord>();
  KEY_SCAN.lastIndex = 0;
  for (let m = KEY_SCAN.exec(noteText); m; m = KEY_SCAN.exec(noteText)) {
    for (let g = 1; g <= KEY_WORDS.length; g++) {
      if (m[g] !== undefined) {
        found.add(KEY_WORDS[g - 1]!);
        break;
      }
    }
    KEY_SCAN.lastIndex = m.index + 1;
  }
  return found;
}

/** A surrogate pair starts at `i`: a match may not stop inside one (the patterns are Unicode). */
const isPairAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
};

/** Each row's pattern, sticky: tried at one place only (`Phrasing.starts`). */
const STICKY = new Map<Phrasing, RegExp>(PHRASINGS.map((row) => [row, new RegExp(row.pattern.source, `${row.pattern.flags.replace('g', '')}y`)]));

/**
 * The first match of the row's pattern at or after `from`, as the global pattern's `exec`
 * from `from` finds it: the pattern is tried at each place a match may start (`starts`),
 * in order, and the first place it matches is the leftmost match.
 */
function nextMatch(row: Phrasing, text: string, from: number): RegExpExecArray | null {
  const starts = row.starts;
  if (!starts) {
    row.pattern.lastIndex = from;
    return row.pattern.exec(text);
  }
  const sticky = STICKY.get(row)!;
  starts.lastIndex = from;
  for (let c = starts.exec(text); c; c = starts.exec(text)) {
    sticky.lastIndex = c.index;
    const m = sticky.exec(text);
    if (m) return m;
    starts.lastIndex = c.index + (isPairAt(text, c.index) ? 2 : 1);
  }
  return null;
}

/** What a note's text says happened in the manuscript, in the order the note says it. */
export function recogniseNote(noteText: string): FoundAction[] {
  const found: FoundAction[] = [];
  const keys = keyWordsIn(noteText);
  if (keys.size === 0) return found;
  const overlaps = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  for (const row of PHRASINGS) {
    if (!row.keys.some((k) => keys.has(k)) || !row.needs.test(noteText)) continue;
    // Matches from the start, as matchAll finds them, without the copy of the pattern
    // matchAll makes on every call.
    let from = 0;
    for (let m = nextMatch(row, noteText, from); m; m = nextMatch(row, noteText, from)) {
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

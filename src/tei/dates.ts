/**
 * Dates as printed ("March 1912", "April 12-17, 1871", "Written in April, not later than
 * 27, 1921") → TEI's normalised attributes (`when`, or `notBefore`/`notAfter`). Every value
 * is a valid xsd date of the precision the words give (year, year-month, full date); a day
 * that does not exist (February 30) makes the words unparseable rather than a wrong date.
 * The patterns are anchored on fixed words and bounded digit runs, so matching is linear.
 */

export interface DateAttrs {
  when?: string;
  notBefore?: string;
  notAfter?: string;
}

/** A date found in a string: its normalised attributes and where its words are. */
export interface FoundDate extends DateAttrs {
  start: number;
  end: number;
}

const MONTHS: ReadonlyArray<readonly [number, string]> = [
  [1, 'january|jan'], [2, 'february|feb'], [3, 'march|mar'], [4, 'april|apr'], [5, 'may'], [6, 'june|jun'],
  [7, 'july|jul'], [8, 'august|aug'], [9, 'september|sept|sep'], [10, 'october|oct'], [11, 'november|nov'], [12, 'december|dec'],
];
const MONTH_BY_NAME = new Map<string, number>(MONTHS.flatMap(([n, names]) => names.split('|').map((name) => [name, n] as const)));

// A month name (abbreviations may carry a full stop), a day, a year, a dash between parts of a range.
const M = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`;
const D = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const Y = String.raw`(\d{4})`;
const DASH = String.raw`\s*(?:[-–—]|to)\s*`;
/** Old Style dates of Russian sources carry the New Style in brackets: "January 9 (22), 1905". */
const NS_DAY = String.raw`(?:\s*\((?:${M}\s+)?${D}\))?`;

const pad = (n: number): string => String(n).padStart(2, '0');
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function daysIn(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const monthOf = (name: string | undefined): number | undefined =>
  name === undefined ? undefined : MONTH_BY_NAME.get(name.toLowerCase().replace(/\.$/, ''));

/** An xsd date of the given precision, or undefined when the day does not exist. */
function iso(year: number, month?: number, day?: number): string | undefined {
  if (year < 1 || year > 9999) return undefined;
  const y = String(year).padStart(4, '0');
  if (month === undefined) return y;
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) return `${y}-${pad(month)}`;
  if (day < 1 || day > daysIn(year, month)) return undefined;
  return `${y}-${pad(month)}-${pad(day)}`;
}

type Groups = ReadonlyArray<string | undefined>;
interface Pattern {
  re: RegExp;
  /** Attributes from the capture groups; undefined when they name no real date. */
  attrs: (g: Groups) => DateAttrs | undefined;
}

const num = (s: string | undefined): number => Number(s);
const range = (from: string | undefined, to: string | undefined): DateAttrs | undefined =>
  from !== undefined && to !== undefined && from <= to ? { notBefore: from, notAfter: to } : undefined;
const when = (w: string | undefined): DateAttrs | undefined => (w === undefined ? undefined : { when: w });

/** The last day of a month as an xsd date. */
const monthEnd = (y: number, m: number): string | undefined => iso(y, m, daysIn(y, m));

/** "early / mid / late" a month: its first, second or last ten days. */
function partOfMonth(word: string, y: number, m: number): DateAttrs | undefined {
  const w = word.toLowerCase();
  if (/^(early|beginning)/.test(w)) return range(iso(y, m, 1), iso(y, m, 10));
  if (/^(mid|middle)/.test(w)) return range(iso(y, m, 11), iso(y, m, 20));
  return range(iso(y, m, 21), monthEnd(y, m)); // late, end
}

/** "early / mid / late" a year: its first, middle or last four months. */
function partOfYear(word: string, y: number): DateAttrs | undefined {
  const w = word.toLowerCase();
  if (/^(early|beginning)/.test(w)) return range(iso(y, 1), iso(y, 4));
  if (/^(mid|middle)/.test(w)) return range(iso(y, 5), iso(y, 8));
  return range(iso(y, 9), iso(y, 12)); // late, end
}

/**
 * Seasons of the northern hemisphere (the sources are European and American), by months:
 * spring March–May, summer June–August, autumn/fall September–November; winter YEAR is
 * December YEAR to February YEAR+1 ("the winter of 1845–46"). A second year, when given,
 * names the year the season ends in.
 */
function season(word: string, y: number, endYear: number | undefined): DateAttrs | undefined {
  const w = word.toLowerCase();
  if (w === 'winter') return range(iso(y, 12), iso(endYear ?? y + 1, 2));
  const [from, to] = w === 'spring' ? [3, 5] : w === 'summer' ? [6, 8] : [9, 11];
  return range(iso(y, from), iso(endYear ?? y, to));
}

/** "1913–14": the second year's last two digits, in the first year's century; undefined when it would end before it starts. */
function shortYearEnd(first: number, twoDigits: string): number {
  return Math.floor(first / 100) * 100 + Number(twoDigits);
}

/** A day with its optional New Style day (and month) in brackets: the New Style wins (TEI dates are Gregorian). */
function dayOf(g: Groups, month: number, dayIdx: number): [number, number] {
  const nsMonth = monthOf(g[dayIdx + 1]);
  const nsDay = g[dayIdx + 2];
  if (nsDay !== undefined) return [nsMonth ?? month, num(nsDay)];
  return [month, num(g[dayIdx])];
}

/** Most specific first: of readings that start at the same word, the first listed wins. */
const PATTERNS: readonly Pattern[] = [
  // "April, not later than 27, 1921" / "March, not earlier than 3, 1912"
  {
    re: new RegExp(String.raw`\b${M},?\s+not\s+(later|earlier)\s+than\s+(?:the\s+)?${D},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const m = monthOf(g[1])!;
      const y = num(g[4]);
      const day = iso(y, m, num(g[3]));
      return g[2]!.toLowerCase() === 'later' ? range(iso(y, m, 1), day) : range(day, iso(y, m, daysIn(y, m)));
    },
  },
  // "between May 28 and June 3, 1919", "between December 28, 1918 and January 3, 1919"
  {
    re: new RegExp(String.raw`\bbetween\s+${M}\s+${D}(?:,?\s+${Y})?\s+and\s+${M}\s+${D},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const y2 = num(g[6]);
      const y1 = g[3] !== undefined ? num(g[3]) : y2;
      return range(iso(y1, monthOf(g[1])!, num(g[2])), iso(y2, monthOf(g[4])!, num(g[5])));
    },
  },
  // "Written between May 3 and 8, 1919"
  {
    re: new RegExp(String.raw`\bbetween\s+${M}\s+${D}\s+and\s+${D},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const m = monthOf(g[1])!;
      const y = num(g[4]);
      return range(iso(y, m, num(g[2])), iso(y, m, num(g[3])));
    },
  },
  // "between 28 May and 3 June 1919", "between 28 December 1918 and 3 January 1919"
  {
    re: new RegExp(String.raw`\bbetween\s+${D}\s+${M}(?:,?\s+${Y})?\s+and\s+${D}\s+${M},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const y2 = num(g[6]);
      const y1 = g[3] !== undefined ? num(g[3]) : y2;
      return range(iso(y1, monthOf(g[2])!, num(g[1])), iso(y2, monthOf(g[5])!, num(g[4])));
    },
  },
  // "between 3 and 8 May 1919"
  {
    re: new RegExp(String.raw`\bbetween\s+${D}\s+and\s+${D}\s+${M},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const m = monthOf(g[3])!;
      const y = num(g[4]);
      return range(iso(y, m, num(g[1])), iso(y, m, num(g[2])));
    },
  },
  // "between May and July 1919", "between November 1918 and February 1919"
  {
    re: new RegExp(String.raw`\bbetween\s+${M}(?:,?\s+${Y})?\s+and\s+${M},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const y2 = num(g[4]);
      const y1 = g[2] !== undefined ? num(g[2]) : y2;
      return range(iso(y1, monthOf(g[1])!), iso(y2, monthOf(g[3])!));
    },
  },
  // "between 1913 and 1914"
  { re: new RegExp(String.raw`\bbetween\s+${Y}\s+and\s+${Y}\b`, 'i'), attrs: (g) => range(iso(num(g[1])), iso(num(g[2]))) },
  // "1919-05-03" (already normalised)
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, attrs: (g) => when(iso(num(g[1]), num(g[2]), num(g[3]))) },
  // "December 28, 1918 - January 3, 1919"
  {
    re: new RegExp(String.raw`\b${M}\s+${D},?\s+${Y}${DASH}${M}\s+${D},?\s+${Y}`, 'i'),
    attrs: (g) => range(iso(num(g[3]), monthOf(g[1])!, num(g[2])), iso(num(g[6]), monthOf(g[4])!, num(g[5]))),
  },
  // "28 December 1918 - 3 January 1919"
  {
    re: new RegExp(String.raw`\b${D}\s+${M},?\s+${Y}${DASH}${D}\s+${M},?\s+${Y}`, 'i'),
    attrs: (g) => range(iso(num(g[3]), monthOf(g[2])!, num(g[1])), iso(num(g[6]), monthOf(g[5])!, num(g[4]))),
  },
  // "August 2 or earlier, 1909", "May 3 or later, 1919": one bound only
  {
    re: new RegExp(String.raw`\b${M}\s+${D}\s+or\s+(earlier|before|later|after),?\s+${Y}`, 'i'),
    attrs: (g) => {
      const day = iso(num(g[4]), monthOf(g[1])!, num(g[2]));
      if (day === undefined) return undefined;
      return /^(earlier|before)$/i.test(g[3]!) ? { notAfter: day } : { notBefore: day };
    },
  },
  // "April 12 - May 3, 1871"
  {
    re: new RegExp(String.raw`\b${M}\s+${D}${DASH}${M}\s+${D},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const y = num(g[5]);
      return range(iso(y, monthOf(g[1])!, num(g[2])), iso(y, monthOf(g[3])!, num(g[4])));
    },
  },
  // "April 12-17, 1871"
  {
    re: new RegExp(String.raw`\b${M}\s+${D}${DASH}${D},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const m = monthOf(g[1])!;
      const y = num(g[4]);
      return range(iso(y, m, num(g[2])), iso(y, m, num(g[3])));
    },
  },
  // "12-17 April 1871"
  {
    re: new RegExp(String.raw`\b${D}${DASH}${D}\s+${M},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const m = monthOf(g[3])!;
      const y = num(g[4]);
      return range(iso(y, m, num(g[1])), iso(y, m, num(g[2])));
    },
  },
  // "March 12, 1912", "January 9 (22), 1905", "February 23 (March 8), 1917"
  {
    re: new RegExp(String.raw`\b${M}\s+${D}${NS_DAY},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const [m, d] = dayOf(g, monthOf(g[1])!, 2);
      return when(iso(num(g[5]), m, d));
    },
  },
  // "12 March 1912"
  {
    re: new RegExp(String.raw`\b${D}\s+${M},?\s+${Y}`, 'i'),
    attrs: (g) => when(iso(num(g[3]), monthOf(g[2])!, num(g[1]))),
  },
  // "late May 1919", "mid-June 1917", "the end of March 1921", "early in May 1919"
  {
    re: new RegExp(String.raw`\b(early|mid|middle|late|end|beginning)(?:[\s-]+(?:of|in))?[\s-]+${M},?\s+${Y}`, 'i'),
    attrs: (g) => partOfMonth(g[1]!, num(g[3]), monthOf(g[2])!),
  },
  // "December 1918 - February 1919"
  {
    re: new RegExp(String.raw`\b${M},?\s+${Y}${DASH}${M},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const to = monthOf(g[3])!;
      const y2 = num(g[4]);
      return range(iso(num(g[2]), monthOf(g[1])!, 1), iso(y2, to, daysIn(y2, to)));
    },
  },
  // "March - April 1912"
  {
    re: new RegExp(String.raw`\b${M}${DASH}${M},?\s+${Y}`, 'i'),
    attrs: (g) => {
      const y = num(g[3]);
      const to = monthOf(g[2])!;
      return range(iso(y, monthOf(g[1])!, 1), iso(y, to, daysIn(y, to)));
    },
  },
  // "March 1912"
  { re: new RegExp(String.raw`\b${M},?\s+${Y}`, 'i'), attrs: (g) => when(iso(num(g[2]), monthOf(g[1])!)) },
  // "Spring 1845", "the winter of 1905-06", "Autumn, 1917"
  {
    re: new RegExp(String.raw`\b(spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+${Y}(?:\s*[-–—/]\s*(\d{4}|\d{2})\b)?`, 'i'),
    attrs: (g) => {
      const y = num(g[2]);
      const end = g[3] === undefined ? undefined : g[3].length === 2 ? shortYearEnd(y, g[3]) : num(g[3]);
      return season(g[1]!, y, end);
    },
  },
  // "late 1919", "mid-1920", "the end of 1917", "early in 1918"
  {
    re: new RegExp(String.raw`\b(early|mid|middle|late|end|beginning)(?:[\s-]+(?:of|in))?[\s-]+${Y}\b`, 'i'),
    attrs: (g) => partOfYear(g[1]!, num(g[2])),
  },
  // "1907 - 1913"
  { re: new RegExp(String.raw`\b${Y}(?:${DASH}|\s*/\s*)${Y}\b`), attrs: (g) => range(iso(num(g[1])), iso(num(g[2]))) },
  // "1913–14", "1913/14"
  { re: new RegExp(String.raw`\b${Y}\s*[-–—/]\s*(\d{2})\b(?![-–—/]?\d)`), attrs: (g) => range(iso(num(g[1])), iso(shortYearEnd(num(g[1]), g[2]!))) },
  // "1912"
  { re: new RegExp(String.raw`\b${Y}\b`), attrs: (g) => when(iso(num(g[1]))) },
];

const FOUR_DIGITS = /\d{4}/;
// The shortcut in findDate holds only while every pattern needs four digits in a row.
for (const { re } of PATTERNS) if (!re.source.includes(String.raw`\d{4}`)) throw new Error(`date pattern without a four-digit year: ${re.source}`);

/**
 * What a reading's first word is. Every pattern starts with `\b` and one of these: a match
 * can only begin at the start of a word that begins like one of them, so findDate tries the
 * patterns at those places only (a handful in a line), each anchored there.
 */
type Lead = 'month' | 'between' | 'part' | 'season' | 'digit';
const LEAD_SOURCES: ReadonlyArray<readonly [Lead, string]> = [
  ['month', `\\b${M}`],
  ['between', String.raw`\bbetween`],
  ['part', String.raw`\b(early|mid|middle|late|end|beginning)`],
  ['season', String.raw`\b(spring|summer|autumn|fall|winter)`],
  ['digit', String.raw`\b(\d`],
];
function leadOf(source: string): Lead {
  const lead = LEAD_SOURCES.find(([, start]) => source.startsWith(start));
  if (!lead) throw new Error(`date pattern whose first word findDate cannot tell: ${source}`);
  return lead[0];
}

/**
 * The words a reading may begin with, by their first letter: a month's first three letters
 * (every name and abbreviation in M starts with them), "between", a part of a month or year,
 * a season. No word starts like two of them.
 */
const LEAD_WORDS = new Map<number, Array<readonly [string, Lead]>>();
for (const [words, lead] of [
  ['jan feb mar apr may jun jul aug sep oct nov dec', 'month'],
  ['between', 'between'],
  ['early mid late end beginning', 'part'],
  ['spring summer autumn fall winter', 'season'],
] as const) {
  for (const word of words.split(' ')) {
    const list = LEAD_WORDS.get(word.charCodeAt(0)) ?? [];
    list.push([word, lead]);
    LEAD_WORDS.set(word.charCodeAt(0), list);
  }
}
// Every month name of M starts with one of the three letters.
for (const name of MONTH_BY_NAME.keys()) if (!LEAD_WORDS.get(name.charCodeAt(0))?.some(([w]) => name.startsWith(w))) throw new Error(`a month name findDate would not try: ${name}`);

/** A character `\b` counts as a word character in the patterns (no `u` flag: ASCII letters, digits, `_`). */
const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/** `word` (lower-case ASCII) at `at`, in any case, as the patterns' `i` flag reads ASCII letters (no other character matches one). */
function wordAt(words: string, at: number, word: string): boolean {
  if (at + word.length > words.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = words.charCodeAt(at + i);
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** What a reading starting at `at` (the start of a word) would begin with, if any can start there. */
function leadAt(words: string, at: number): Lead | undefined {
  const c = words.charCodeAt(at);
  if (c >= 0x30 && c <= 0x39) return 'digit';
  const list = LEAD_WORDS.get(c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  if (list) for (const [word, lead] of list) if (wordAt(words, at, word)) return lead;
  return undefined;
}

/**
 * The attributes of a reading with its span, as `{ ...attrs, start, end }` gives them (the
 * same keys in the same order): the reading's attributes are a new object of its own, which
 * takes the span. V8 made that spread of the readings' several shapes in its runtime,
 * several microseconds a call, more than the matching.
 */
function foundAt(a: DateAttrs, start: number, end: number): FoundDate {
  const found = a as FoundDate;
  found.start = start;
  found.end = end;
  return found;
}

/**
 * The patterns of one first word as a few sticky alternations, each made of consecutive
 * patterns with the same flags. Tried at one place, an alternation matches by the first of
 * its patterns (in order) that matches there, with that pattern's own match; which one it
 * was is told by the group around each.
 */
interface Alternation {
  re: RegExp;
  /** For each pattern in the alternation: its index in PATTERNS and the number of its group. */
  members: ReadonlyArray<{ pattern: number; group: number; groups: number }>;
}

// Wrapping a pattern in a group renumbers its groups: an alternation holds no pattern that refers to one.
for (const { re } of PATTERNS) if (/\\[1-9]|\\k<|\(\?<[^=!]/.test(re.source)) throw new Error(`date pattern with a backreference or a named group: ${re.source}`);

const groupCount = (source: string): number => new RegExp(`${source}|`).exec('')!.length - 1;

function anchoredAlternations(lead: Lead): Alternation[] {
  const out: Alternation[] = [];
  let run: number[] = [];
  const close = (): void => {
    if (run.length === 0) return;
    let group = 1;
    const members = run.map((pattern) => {
      const member = { pattern, group, groups: groupCount(PATTERNS[pattern]!.re.source) };
      group += 1 + member.groups;
      return member;
    });
    out.push({ re: new RegExp(run.map((i) => `(${PATTERNS[i]!.re.source})`).join('|'), `${PATTERNS[run[0]!]!.re.flags}y`), members });
    run = [];
  };
  for (let i = 0; i < PATTERNS.length; i++) {
    if (leadOf(PATTERNS[i]!.re.source) !== lead) continue;
    if (run.length > 0 && PATTERNS[run[0]!]!.re.flags !== PATTERNS[i]!.re.flags) close();
    run.push(i);
  }
  close();
  return out;
}

/** By first word: its patterns' alternations, in PATTERNS' order. */
const ANCHORED = new Map<Lead, readonly Alternation[]>((['month', 'between', 'part', 'season', 'digit'] as const).map((lead) => [lead, anchoredAlternations(lead)]));

/**
 * The date the words name first (the earliest match; where several readings start at the
 * same word, the most specific, i.e. the first in PATTERNS), with its span; undefined when
 * none can be derived (or when that reading names a day that does not exist). The places a
 * reading may start (the starts of words that begin like one) are read in order; at each,
 * the patterns of its first word are tried there, in PATTERNS' order: the first that
 * matches is the answer. (Unanchored alternations of every pattern tried each pattern at
 * every character of the line: about ten times the cost on a metadata line.)
 */
export function findDate(words: string): FoundDate | undefined {
  // Every reading names a year of four digits: words without one (most text the writer
  // asks about) are answered with one scan.
  if (!FOUR_DIGITS.test(words)) return undefined;
  for (let at = 0; at < words.length; at++) {
    // Every reading starts with `\b` and a word character: at the start of a word.
    if (!isWordChar(words.charCodeAt(at)) || (at > 0 && isWordChar(words.charCodeAt(at - 1)))) continue;
    const lead = leadAt(words, at);
    if (lead === undefined) continue;
    for (const { re, members } of ANCHORED.get(lead)!) {
      re.lastIndex = at;
      const m = re.exec(words);
      if (!m) continue;
      const { group, groups, pattern } = members.find((member) => m[member.group] !== undefined)!;
      const found: Array<string | undefined> = [m[0]];
      for (let k = 1; k <= groups; k++) found.push(m[group + k]);
      const a = PATTERNS[pattern]!.attrs(found);
      return a ? foundAt(a, at, at + m[0].length) : undefined;
    }
  }
  return undefined;
}

/**
 * `findDate` as the patterns say it, one by one, with no pre-test nor alternation: the
 * tests hold findDate's shortcuts to it.
 */
export function findDateTryingEveryPattern(words: string): FoundDate | undefined {
  let best: { m: RegExpExecArray; attrs: Pattern['attrs'] } | undefined;
  for (const { re, attrs } of PATTERNS) {
    const m = re.exec(words);
    if (m && (!best || m.index < best.m.index)) best = { m, attrs };
  }
  if (!best) return undefined;
  const a = best.attrs(best.m);
  if (!a) return undefined;
  return { ...a, start: best.m.index, end: best.m.index + best.m[0].length };
}

/** Just the attributes, for callers that keep the words whole. */
export function parseDate(words: string): DateAttrs | undefined {
  const found = findDate(words);
  return found ? dateAttrsOf(found) : undefined;
}

/**
 * A found date's attributes without its span, as `const { start, end, ...attrs } = found`
 * gives them (the same keys in the same order), copied key by key: the rest pattern is a
 * call into V8's runtime.
 */
export function dateAttrsOf(found: FoundDate): DateAttrs {
  const attrs: DateAttrs = {};
  if ('when' in found) attrs.when = found.when;
  if ('notBefore' in found) attrs.notBefore = found.notBefore;
  if ('notAfter' in found) attrs.notAfter = found.notAfter;
  return attrs;
}

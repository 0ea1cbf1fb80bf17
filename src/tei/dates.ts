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

/** A day with its optional New Style day (and month) in brackets: the New Style wins (TEI dates are Gregorian). */
function dayOf(g: Groups, month: number, dayIdx: number): [number, number] {
  const nsMonth = monthOf(g[dayIdx + 1]);
  const nsDay = g[dayIdx + 2];
  if (nsDay !== undefined) return [nsMonth ?? month, num(nsDay)];
  return [month, num(g[dayIdx])];
}

/** Most specific first: the first pattern that matches anywhere in the words wins. */
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
  // "1907 - 1913"
  { re: new RegExp(String.raw`\b${Y}${DASH}${Y}\b`), attrs: (g) => range(iso(num(g[1])), iso(num(g[2]))) },
  // "1912"
  { re: new RegExp(String.raw`\b${Y}\b`), attrs: (g) => when(iso(num(g[1]))) },
];

/**
 * The first date the words name, with its span; undefined when none can be derived (or
 * when the most specific reading names a day that does not exist).
 */
export function findDate(words: string): FoundDate | undefined {
  for (const { re, attrs } of PATTERNS) {
    const m = re.exec(words);
    if (!m) continue;
    const a = attrs(m);
    if (!a) return undefined;
    return { ...a, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Just the attributes, for callers that keep the words whole. */
export function parseDate(words: string): DateAttrs | undefined {
  const found = findDate(words);
  if (!found) return undefined;
  const { start: _s, end: _e, ...attrs } = found;
  return attrs;
}

/**
 * Tagging a printed-source line without changing its words: "Lenin Collected Works, 3nd
 * English Printing, Progress Publishers, 1977, Moscow, Volume 42, pages 298b-299a." becomes
 * a sequence of plain text and tagged parts (title, edition, publisher, pubPlace, date,
 * biblScope) whose concatenation is the line exactly. The recognisers are a table of
 * general rules (publisher words, cities, years, volume and page words), not per-document
 * cases; a line in which nothing is recognised stays plain text.
 */
import type { Inline } from '../model/edition.js';
import { dateAttrsOf, findDate, type DateAttrs } from './dates.js';

export type BiblPartKind = 'title' | 'edition' | 'publisher' | 'pubPlace' | 'date' | 'volume' | 'page';

/** One piece of a tagged bibl: text, a tagged part, or an inline node kept as it is. */
export type BiblPiece =
  | { kind: 'text'; text: string }
  | { kind: 'part'; part: BiblPartKind; text: string; date?: DateAttrs }
  | { kind: 'titleNode'; node: Extract<Inline, { kind: 'hi' }> }
  | { kind: 'inline'; node: Inline }
  | { kind: 'break' };

const PUBLISHER_WORDS = /\b(?:publishers?|publishing|press|verlag|books|editions?\s+sociales|printing\s+house|co\.|ltd\.?|inc\.?|& co|wishart|progress|gosizdat|partizdat)\b/i;
const EDITION_WORDS = /\b(?:edition|printing|ed\.|impression|reprint)\b/i;
const VOLUME = /^(?:volume|vol\.|vols?\.|tome|band|bd\.|book)\s*[\dIVXLC]+[a-z]?(?:\s*[-–,&]\s*[\dIVXLC]+)?$/i;
const PAGES = /^(?:pages?|pp?\.)\s*[\dIVXLCivxlc]+[a-z]?(?:\s*[-–]\s*[\dIVXLCivxlc]+[a-z]?)?$/i;
const YEAR = /^[1-9]\d{3}$/;
/** The first letters VOLUME can start with (v, t, b; either case: the pattern ignores case). */
const VOLUME_FIRST = new Set([...'vtbVTB'].map((c) => c.charCodeAt(0)));

/** Places of publication of the works MIA transcribes from; extend as sources need. */
const CITIES = new Set(
  [
    'moscow', 'leningrad', 'petrograd', 'st. petersburg', 'london', 'new york', 'chicago', 'peking', 'beijing',
    'berlin', 'paris', 'vienna', 'zurich', 'geneva', 'stockholm', 'dublin', 'glasgow', 'edinburgh', 'oxford',
    'cambridge', 'boston', 'washington', 'san francisco', 'sydney', 'melbourne', 'toronto', 'montreal',
    'calcutta', 'kolkata', 'bombay', 'mumbai', 'delhi', 'new delhi', 'colombo', 'tirana', 'hanoi', 'havana',
    'madrid', 'barcelona', 'lisbon', 'rome', 'milan', 'prague', 'warsaw', 'budapest', 'sofia', 'belgrade',
    'bucharest', 'kiev', 'kyiv', 'tokyo', 'shanghai', 'mexico city', 'buenos aires', 'santiago', 'cape town',
    'johannesburg', 'amsterdam', 'brussels', 'copenhagen', 'oslo', 'helsinki', 'leipzig', 'hamburg',
    'munich', 'stuttgart', 'frankfurt', 'philadelphia', 'detroit', 'san francisco', 'los angeles',
  ],
);

/** The longest name in CITIES: a longer segment is no city (no lower-casing needed to say so). */
const LONGEST_CITY = Math.max(...[...CITIES].map((c) => c.length));

/**
 * What a comma-separated segment is; the order is the order of trust. Each test first asks
 * what its pattern cannot match without (the first letter of "volume", "tome", "band",
 * "book"; of "page", "pp."; four characters; a city's length), which changes no answer.
 */
const RECOGNISERS: ReadonlyArray<readonly [BiblPartKind, (s: string) => boolean]> = [
  ['volume', (s) => VOLUME_FIRST.has(s.charCodeAt(0)) && VOLUME.test(s)],
  ['page', (s) => (s.charCodeAt(0) | 0x20) === 0x70 && PAGES.test(s)],
  ['date', (s) => s.length === 4 && YEAR.test(s)],
  ['pubPlace', (s) => s.length <= LONGEST_CITY && CITIES.has(s.toLowerCase())],
  ['edition', (s) => EDITION_WORDS.test(s)],
  ['publisher', (s) => PUBLISHER_WORDS.test(s)],
];

function recognise(segment: string): BiblPartKind | undefined {
  for (const [kind, test] of RECOGNISERS) if (test(segment)) return kind;
  return undefined;
}

/** A trailing full stop ends the line, it is not part of the last value (but "Ltd." and "Vol." keep theirs). */
function splitFinalStop(segment: string): [string, string] {
  if (segment.charCodeAt(segment.length - 1) === 0x2e && /[\p{L}\d]\.$/u.test(segment) && !/\b(?:ltd|co|inc|vol|vols|p|pp|ed|bd|st)\.$/i.test(segment) && !/\b\p{L}\.$/u.test(segment)) {
    return [segment.slice(0, -1), '.'];
  }
  return [segment, ''];
}

interface Segment {
  lead: string;
  core: string;
  trail: string;
}

/** Splits text at commas and semicolons, keeping every character in lead/core/trail. */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  // Runs of characters other than , and ; each a segment; the separators before a run lead it.
  let pending = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x3b) {
      pending += text[i];
      i++;
      continue;
    }
    let j = i + 1;
    for (let d = text.charCodeAt(j); j < text.length && d !== 0x2c && d !== 0x3b; d = text.charCodeAt(++j));
    const chunk = text.slice(i, j);
    i = j;
    // White space as \s has it (String.prototype.trim removes the same characters).
    const rest = chunk.trimStart();
    const lead = pending + chunk.slice(0, chunk.length - rest.length);
    const trimmed = rest.trimEnd();
    const [core, stop] = splitFinalStop(trimmed);
    out.push({ lead, core, trail: stop + rest.slice(trimmed.length) });
    pending = '';
  }
  if (pending) out.push({ lead: pending, core: '', trail: '' });
  return out;
}

/** A segment such as "Moscow 1977" or "Moscow: 1977": place and year. */
function placeAndYear(core: string): BiblPiece[] | undefined {
  const m = /^(.+?)(:?\s+)(\d{4})$/.exec(core);
  if (!m || !CITIES.has(m[1]!.toLowerCase())) return undefined;
  return [
    { kind: 'part', part: 'pubPlace', text: m[1]! },
    { kind: 'text', text: m[2]! },
    { kind: 'part', part: 'date', text: m[3]!, date: { when: m[3]! } },
  ];
}

interface TagState {
  /** A title was already found (italic, or the first segment). */
  hasTitle: boolean;
  recognised: number;
}

/** While tagging: the first segment of a line may turn out to be its title. */
type Piece = BiblPiece | { kind: 'titleCandidate'; text: string };

function tagText(text: string, state: TagState, firstOfLine: boolean): Piece[] {
  const out: Piece[] = [];
  segments(text).forEach((seg, i) => {
    if (seg.lead) out.push({ kind: 'text', text: seg.lead });
    const kind = seg.core ? recognise(seg.core) : undefined;
    const combined = kind === undefined && seg.core ? placeAndYear(seg.core) : undefined;
    if (kind !== undefined) {
      out.push({ kind: 'part', part: kind, text: seg.core, ...(kind === 'date' && { date: { when: seg.core } }) });
      state.recognised++;
    } else if (combined) {
      out.push(...combined);
      state.recognised++;
    } else if (seg.core) {
      out.push({ kind: i === 0 && firstOfLine ? 'titleCandidate' : 'text', text: seg.core });
    }
    if (seg.trail) out.push({ kind: 'text', text: seg.trail });
  });
  return out;
}

/**
 * Tags the values of the source fields (each a list of inlines) as one bibl, a `break`
 * between fields. Italic text is the title; otherwise the first segment of the first field
 * is, provided something else in the line was recognised as bibliographic.
 */
export function tagSource(values: ReadonlyArray<readonly Inline[]>): BiblPiece[] {
  const state: TagState = { hasTitle: false, recognised: 0 };
  const out: Piece[] = [];
  values.forEach((value, v) => {
    if (v > 0) out.push({ kind: 'break' });
    value.forEach((node, i) => {
      if (node.kind === 'text') out.push(...tagText(node.text, state, v === 0 && i === 0));
      else if (node.kind === 'hi' && (node.rend === 'italic' || node.rend === 'bold italic') && !state.hasTitle) {
        out.push({ kind: 'titleNode', node });
        state.hasTitle = true;
        state.recognised++;
      } else out.push({ kind: 'inline', node });
    });
  });
  // The first segment is the title only when the line is recognisably bibliographic.
  const titled = !state.hasTitle && state.recognised > 0;
  return out.map((p): BiblPiece => {
    if (p.kind !== 'titleCandidate') return p;
    return titled ? { kind: 'part', part: 'title', text: p.text } : { kind: 'text', text: p.text };
  });
}

/**
 * Tags a "First published" line: the date it names (a year at least) becomes `date`, with
 * `when` or a range; the rest stays text.
 */
export function tagFirstPublished(value: readonly Inline[]): BiblPiece[] {
  const out: BiblPiece[] = [];
  let dated = false;
  for (const node of value) {
    if (node.kind !== 'text' || dated) {
      out.push(node.kind === 'text' ? { kind: 'text', text: node.text } : { kind: 'inline', node });
      continue;
    }
    const found = findDate(node.text);
    if (!found) {
      out.push({ kind: 'text', text: node.text });
      continue;
    }
    dated = true;
    if (found.start > 0) out.push({ kind: 'text', text: node.text.slice(0, found.start) });
    out.push({ kind: 'part', part: 'date', text: node.text.slice(found.start, found.end), date: dateAttrsOf(found) });
    if (found.end < node.text.length) out.push({ kind: 'text', text: node.text.slice(found.end) });
  }
  return out;
}

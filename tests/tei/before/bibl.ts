// The printed-source tagger as it was before its fast paths (src/tei/bibl.ts at 164b34a, verbatim
// but for import paths): the reference tests/tei/bibl-fast.test.ts holds the new one to.
/**
 * Tagging a printed-source line without changing its words: "Lenin Collected Works, 3nd
 * English Printing, Progress Publishers, 1977, Moscow, Volume 42, pages 298b-299a." becomes
 * a sequence of plain text and tagged parts (title, edition, publisher, pubPlace, date,
 * biblScope) whose concatenation is the line exactly. The recognisers are a table of
 * general rules (publisher words, cities, years, volume and page words), not per-document
 * cases; a line in which nothing is recognised stays plain text.
 */
import type { Inline } from '../../../src/model/edition.js';
import { findDate, type DateAttrs } from '../../../src/tei/dates.js';

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

/** What a comma-separated segment is; the order is the order of trust. */
const RECOGNISERS: ReadonlyArray<readonly [BiblPartKind, (s: string) => boolean]> = [
  ['volume', (s) => VOLUME.test(s)],
  ['page', (s) => PAGES.test(s)],
  ['date', (s) => YEAR.test(s)],
  ['pubPlace', (s) => CITIES.has(s.toLowerCase())],
  ['edition', (s) => EDITION_WORDS.test(s)],
  ['publisher', (s) => PUBLISHER_WORDS.test(s)],
];

function recognise(segment: string): BiblPartKind | undefined {
  for (const [kind, test] of RECOGNISERS) if (test(segment)) return kind;
  return undefined;
}

/** A trailing full stop ends the line, it is not part of the last value (but "Ltd." and "Vol." keep theirs). */
function splitFinalStop(segment: string): [string, string] {
  if (/[\p{L}\d]\.$/u.test(segment) && !/\b(?:ltd|co|inc|vol|vols|p|pp|ed|bd|st)\.$/i.test(segment) && !/\b\p{L}\.$/u.test(segment)) {
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
  const re = /[^,;]+|[,;]/g;
  let pending = '';
  for (const m of text.matchAll(re)) {
    const chunk = m[0];
    if (chunk === ',' || chunk === ';') {
      pending += chunk;
      continue;
    }
    const lead = pending + (/^\s*/.exec(chunk)?.[0] ?? '');
    const rest = chunk.slice(lead.length - pending.length);
    const trailWs = /\s*$/.exec(rest)?.[0] ?? '';
    const [core, stop] = splitFinalStop(rest.slice(0, rest.length - trailWs.length));
    out.push({ lead, core, trail: stop + trailWs });
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
    const { start, end, ...date } = found;
    out.push({ kind: 'part', part: 'date', text: node.text.slice(start, end), date });
    if (found.end < node.text.length) out.push({ kind: 'text', text: node.text.slice(found.end) });
  }
  return out;
}

/**
 * The reading conventions of an export: which text of an edition a derivative holds.
 * Tools disagree silently on this (notes in or out, `sic` or `corr`); teiwright makes
 * each choice a switch and writes the switches into `conventions.json` beside the export.
 */
import { VERSION } from '../version.js';

export const TEXT_MODES = ['reading', 'diplomatic'] as const;
export const NOTE_MODES = ['omit', 'inline', 'end', 'separate'] as const;
export const HEADER_MODES = ['none', 'citation'] as const;
export const PB_MODES = ['keep', 'drop'] as const;
export const HYPHENATION_MODES = ['keep', 'join'] as const;

export interface Conventions {
  /** reading: corr, add, supplied in; sic (of a choice), del out. diplomatic: the other way round. */
  text: (typeof TEXT_MODES)[number];
  /** Where notes go in plain text: left out, in brackets at their anchor, after the text (a section printed inside the text: there), or in `<stem>.notes.txt`. */
  notes: (typeof NOTE_MODES)[number];
  /** A one-line citation (author, title, date, source) above the plain text, or nothing. */
  header: (typeof HEADER_MODES)[number];
  /** Page breaks as a `[p. N]` marker, or nothing. */
  pb: (typeof PB_MODES)[number];
  /** join: a word hyphenated across a line break is joined ("organi-⏎sation" → "organisation"), soft hyphens removed. */
  hyphenation: (typeof HYPHENATION_MODES)[number];
  /** What stands for an omission or illegible passage (`gap`) in the reading text; the diplomatic text prints the source's sign when it has one. */
  gap: string;
}

export const DEFAULT_CONVENTIONS: Conventions = { text: 'reading', notes: 'separate', header: 'none', pb: 'drop', hyphenation: 'keep', gap: '[…]' };

/** What each switch means, written into conventions.json so the file explains itself. */
const MEANING: Record<keyof Conventions, string> = {
  text: 'reading: corr, reg, expan, add, supplied and the added text of subst are in; sic, orig, abbr, del and the deleted text of subst are out. diplomatic: the other way round. A sic without a correction, unclear and hi are in both.',
  notes: 'omit: no note text, no note markers, no notes sections. inline: each note in square brackets at its first anchor; a notes section\'s own paragraphs (what its notes are) in square brackets where the section stands, its heading left out. end: markers kept; each notes section under its heading ("Notes" when it prints none), its own paragraphs before its notes, where the edition prints it: a section printed between two parts of the text stands there, the others follow the text. separate: markers kept, every notes section (heading, own paragraphs, notes) in <stem>.notes.txt. Applies to plain text; JSON Lines always lists notes with their anchors\' offsets and the notes sections with their place.',
  header: 'none, or citation: one line (author. title. date. source.) above the plain text.',
  pb: 'keep: a page break is printed as [p. N]; drop: nothing.',
  hyphenation: 'join: a word hyphenated across a line break is joined (the hyphen is kept before a capital), soft hyphens are removed; keep: as encoded.',
  gap: 'the marker printed for a gap in the reading text (the diplomatic text prints the source\'s own sign, from gap/desc, when it has one).',
};

export interface ConventionsFile {
  tool: 'teiwright';
  version: string;
  format: string;
  conventions: Conventions;
  meaning: Record<keyof Conventions, string>;
  words: string;
  offsets: string;
}

/** The content of `conventions.json` for an export folder. */
export function conventionsFile(format: string, conventions: Conventions): string {
  const file: ConventionsFile = {
    tool: 'teiwright',
    version: VERSION,
    format,
    conventions,
    meaning: MEANING,
    words: 'maximal runs of Unicode letters, digits and combining marks (/[\\p{L}\\p{N}\\p{M}]+/u) in the text, notes and note markers excluded',
    offsets: 'JSON Lines offsets count Unicode code points (as Python str indices do) from the start of the record\'s text; end is exclusive',
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

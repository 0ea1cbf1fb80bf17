/**
 * Who wrote a note, and which series it belongs to, for notes whose syntax names them
 * (HTML: the `<a name>` ids of a note, its section's heading). Part of the layout engine;
 * the page-text notes are typed by their signature dash in `notes.ts`.
 *
 * NOTE_WRITERS: the first row that takes a note gives its type; none, 'unknown'.
 * Series: LIA pages say which note is a footnote and which an endnote in their ids
 * (`fwV21P047F01`, `fwV21E029`); elsewhere a key that repeats in a later notes section
 * starts a new series (two numberings on one page).
 */
import type { NoteSection, NoteType } from '../model/edition.js';
import { squash } from '../model/walk.js';

/** What the syntax shows about the first words of a block that may open a note. */
export interface NoteLead {
  /** The first words, as printed. */
  text: string;
  /** The first words are a note label set in an element of their own (`<a>[1]</a>`, `<span>1.</span>`). */
  labelElement: boolean;
  /** The first words sit inside some element (a link, emphasis). */
  wrapped: boolean;
  /** An anchor of the text links to this block, or the block links back to an anchor. */
  linked: boolean;
  /** The block stands in a notes section (under a notes heading, or after a first note). */
  inNotes: boolean;
}

export interface NoteOpeningRow {
  name: string;
  why: string;
  /** The label the block opens with, when this row takes it. */
  label: (lead: NoteLead) => string | undefined;
}

/** A label printed as plain text at the start of a block: "[1]", "(a)", "12.", "12)", "*" (a no-break space after it counts as a space). */
const PLAIN_LABEL = /^\s*(\[[0-9A-Za-z*]{1,4}\]|\([0-9A-Za-z*]{1,4}\)|[0-9]{1,3}[.)]|\*{1,3})(?=[\s\u00a0])/;

/** When a block opens a note; the first row that gives a label decides. */
export const NOTE_OPENINGS: readonly NoteOpeningRow[] = [
  {
    name: 'label element',
    why: 'a label in an element of its own, in a notes section or linked with an anchor of the text',
    label: (l) => (l.labelElement && (l.linked || l.inNotes) ? squash(l.text) : undefined),
  },
  {
    name: 'printed label',
    why: 'a label printed as plain text ("1. …", "[a] …") opening a block in a notes section or one an anchor links to',
    label: (l) => (!l.wrapped && (l.linked || l.inNotes) ? PLAIN_LABEL.exec(l.text)?.[1] : undefined),
  },
];

/** The note a block opens: the row that takes it and the label, or undefined (text). */
export function noteOpening(lead: NoteLead): { row: NoteOpeningRow; label: string } | undefined {
  for (const row of NOTE_OPENINGS) {
    const label = row.label(lead);
    if (label !== undefined) return { row, label };
  }
  return undefined;
}

export interface NoteFacts {
  /** The note's words, squashed. */
  text: string;
  /** Its section's heading, squashed ('' without one). */
  heading: string;
  /** The names the syntax gives the note (HTML `<a name>`, `id`). */
  ids: readonly string[];
}

export interface NoteWriterRow {
  name: string;
  type: Exclude<NoteType, 'unknown'>;
  test: (n: NoteFacts) => boolean;
}

const LIA_ENDNOTE = /^fwV\d+E\d+/;
const LIA_FOOTNOTE = /^fwV\d+P\d+F\d+/;

export const NOTE_WRITERS: readonly NoteWriterRow[] = [
  {
    name: 'editors’ signature',
    type: 'editorial',
    test: (n) => /[—–-]\s*(?:Ed\.|Eds\.|Editors?\b)|Progress Publishers|\bEd\.\]?$|\bM(?:arxists)? ?I(?:nternet)? ?A(?:rchive)?\b.*Note/i.test(n.text),
  },
  { name: 'author’s signature', type: 'authorial', test: (n) => /[—–-]\s*(?:F\.\s*E\.|K\.\s*M\.|Engels|Marx|Lenin|N\.\s*L\.|Plekhanov|Connolly|Author)\.?\]?$/.test(n.text) },
  { name: 'translator', type: 'translator', test: (n) => /^translator/i.test(n.text) || /translator/i.test(n.heading) },
  { name: 'author’s notes heading', type: 'authorial', test: (n) => /author/i.test(n.heading) },
  { name: 'editors’ notes heading', type: 'editorial', test: (n) => /editor|note by/i.test(n.heading) },
  // LIA (Progress edition): unsigned endnotes are the editors', footnotes the author's.
  { name: 'LIA endnote id', type: 'editorial', test: (n) => n.ids.some((i) => LIA_ENDNOTE.test(i)) },
  { name: 'LIA footnote id', type: 'authorial', test: (n) => n.ids.some((i) => LIA_FOOTNOTE.test(i)) },
];

/** The note's writer by the first row of NOTE_WRITERS that takes it. */
export function noteWriter(n: NoteFacts): NoteType {
  const facts = { ...n, text: n.text.trim() };
  return NOTE_WRITERS.find((r) => r.test(facts))?.type ?? 'unknown';
}

/**
 * Gives notes their series when a page has two numberings: by LIA ids (footnotes and
 * endnotes, `place` set too), else one series per section when a key repeats across
 * sections. `idsOf` gives a note's names.
 */
export function assignSeries(sections: readonly NoteSection[], idsOf: (n: NoteSection['notes'][number]) => readonly string[]): void {
  const all = sections.flatMap((s) => s.notes);
  const liaKind = (n: (typeof all)[number]): 'foot' | 'end' | undefined => {
    const names = idsOf(n);
    if (names.some((x) => LIA_FOOTNOTE.test(x))) return 'foot';
    if (names.some((x) => LIA_ENDNOTE.test(x))) return 'end';
    return undefined;
  };
  const kinds = new Set(all.map(liaKind));
  if (kinds.has('foot') && kinds.has('end')) {
    for (const n of all) {
      const k = liaKind(n);
      if (k) {
        n.series = k;
        n.place = k;
      }
    }
    return;
  }
  const seen = new Set<string>();
  let repeats = false;
  for (const s of sections) {
    const keys = new Set(s.notes.map((n) => n.key));
    for (const k of keys) if (seen.has(k)) repeats = true;
    keys.forEach((k) => seen.add(k));
  }
  if (!repeats) return;
  sections.forEach((s, i) => {
    s.series = String(i + 1);
    for (const n of s.notes) n.series = s.series;
  });
}

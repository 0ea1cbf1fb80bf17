/**
 * Plain text: paragraphs separated by a blank line, headings on their own line; notes
 * left out, in brackets at their anchor, after the text, or in `<stem>.notes.txt`.
 *
 * Notes sections keep their headings and their own paragraphs ("Notes are by the
 * translator"): with `end` each section is printed where the edition prints it (one
 * printed between two parts of the text stands there, the others follow the text), with
 * `separate` every section goes to the notes file in reading order; with `inline` a
 * section's own paragraphs are bracketed where the section stands (its heading, with no
 * notes left under it, is left out); `omit` leaves out every section.
 */
import type { ExportDocument } from '../document.js';
import { PARAGRAPH_SEPARATOR } from '../document.js';
import type { Conventions } from '../conventions.js';
import { citation } from '../metadata.js';
import type { DerivativeWriter } from '../registry.js';
import type { RenderedAnchor, RenderedNote, RenderedSection } from '../render.js';

/** A note as a paragraph of the notes list: its printed label, then its text. */
const noteLine = (label: string, text: string): string => (label === '' ? text : `${label} ${text}`);

/** A text with the markers of its anchors put back (from the last to the first, so earlier offsets stay right). */
function withMarkers(text: string, anchors: readonly RenderedAnchor[]): string {
  let out = text;
  for (const a of [...anchors].sort((x, y) => y.at - x.at)) out = out.slice(0, a.at) + a.marker + out.slice(a.at);
  return out;
}

const noteParagraph = (n: RenderedNote): string => noteLine(n.label, withMarkers(n.text, n.anchors));

/** A notes section as paragraphs: its heading ("Notes" when it prints none), its own paragraphs, its notes. */
function sectionParagraphs(doc: ExportDocument, s: RenderedSection, heading: 'always' | 'printed'): string[] {
  const out: string[] = [];
  if (s.heading !== null) out.push(s.heading);
  else if (heading === 'always') out.push('Notes');
  if (s.text !== '') out.push(withMarkers(s.text, s.anchors));
  for (const i of s.notes) out.push(noteParagraph(doc.rendered.notes[i]!));
  return out;
}

/** Notes in no section: publication lines and notes written in the text. */
const looseNotes = (doc: ExportDocument): RenderedNote[] => doc.rendered.notes.filter((n) => n.section === null);

/** Every notes section in reading order, then the notes in none (the notes file, `--notes separate`). */
function notesFile(doc: ExportDocument): string[] {
  return [...doc.rendered.sections.flatMap((s) => sectionParagraphs(doc, s, 'printed')), ...looseNotes(doc).map(noteParagraph)];
}

/** A section's own paragraphs bracketed, for `--notes inline` (no note is left to print under its heading). */
function bracketedSection(s: RenderedSection): string[] {
  if (s.text === '') return [];
  return [`[${s.heading ?? 'notes'}: ${s.text.replace(/\n\n/g, ' ')}]`];
}

/** The text of the paragraphs with note markers or notes put back at their anchors, and the notes sections per the conventions. */
function paragraphsWithNotes(doc: ExportDocument, c: Conventions): string[] {
  const placed = new Set<number>();
  const { paragraphs, notes, sections } = doc.rendered;
  const inTextAt = (i: number): RenderedSection[] => (c.notes === 'end' || c.notes === 'inline' ? sections.filter((s) => s.inText && s.before === i) : []);
  const sectionOut = (s: RenderedSection): string[] => (c.notes === 'end' ? sectionParagraphs(doc, s, 'always') : bracketedSection(s));
  const out: string[] = [];
  paragraphs.forEach((p, i) => {
    for (const s of inTextAt(i)) out.push(...sectionOut(s));
    let text = p.text;
    for (const a of [...p.anchors].sort((x, y) => y.at - x.at)) {
      let insert = '';
      if (c.notes === 'end' || c.notes === 'separate') insert = a.marker;
      else if (c.notes === 'inline' && a.note !== undefined && !placed.has(a.note)) {
        const note = notes[a.note]!;
        insert = `[${note.label === '*' || note.label === '' ? 'note' : `note ${note.n}`}: ${note.text}]`;
        placed.add(a.note);
      }
      text = text.slice(0, a.at) + insert + text.slice(a.at);
    }
    out.push(text);
  });
  for (const s of inTextAt(paragraphs.length)) out.push(...sectionOut(s));
  if (c.notes === 'end') {
    // The sections printed after the text, each under its heading; notes in no section last.
    const back = sections.filter((s) => !s.inText);
    for (const s of back) out.push(...sectionParagraphs(doc, s, 'always'));
    const loose = looseNotes(doc);
    if (loose.length > 0) out.push(...(back.length === 0 ? ['Notes'] : []), ...loose.map(noteParagraph));
  }
  if (c.notes === 'inline') {
    for (const s of sections) if (!s.inText) out.push(...bracketedSection(s));
    // Notes no anchor in the text places (publication lines, unlinked notes) follow the text, bracketed the same way.
    notes.forEach((n, i) => {
      if (!placed.has(i)) out.push(`[note${n.type === 'publication' ? '' : ` ${n.n}`}: ${n.text}]`);
    });
  }
  return out;
}

export function plainText(doc: ExportDocument, c: Conventions): { text: string; notes?: string } {
  const parts: string[] = [];
  if (c.header === 'citation') parts.push(citation(doc.meta));
  parts.push(...paragraphsWithNotes(doc, c));
  const text = `${parts.join(PARAGRAPH_SEPARATOR)}\n`;
  const notes = c.notes === 'separate' ? notesFile(doc) : [];
  return notes.length > 0 ? { text, notes: `${notes.join(PARAGRAPH_SEPARATOR)}\n` } : { text };
}

export const txtWriter: DerivativeWriter = {
  name: 'txt',
  describe: 'plain text, one <id>.txt per document (notes per --notes)',
  files: ({ doc, conventions }) => {
    const { text, notes } = plainText(doc, conventions);
    return [{ path: `${doc.id}.txt`, content: text }, ...(notes !== undefined ? [{ path: `${doc.id}.notes.txt`, content: notes }] : [])];
  },
};

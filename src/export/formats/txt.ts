/**
 * Plain text: paragraphs separated by a blank line, headings on their own line; notes
 * left out, in brackets at their anchor, after the text, or in `<stem>.notes.txt`.
 */
import type { ExportDocument } from '../document.js';
import { PARAGRAPH_SEPARATOR } from '../document.js';
import type { Conventions } from '../conventions.js';
import { citation } from '../metadata.js';
import type { DerivativeWriter } from '../registry.js';

/** A note as a paragraph of the notes list: its printed label, then its text. */
const noteLine = (label: string, text: string): string => (label === '' ? text : `${label} ${text}`);

function notesBlock(doc: ExportDocument): string {
  return doc.rendered.notes.map((n) => noteLine(n.label, n.text)).join(PARAGRAPH_SEPARATOR);
}

/** The text of the paragraphs with note markers or notes put back at their anchors. */
function paragraphsWithNotes(doc: ExportDocument, c: Conventions): string[] {
  const placed = new Set<number>();
  const out = doc.rendered.paragraphs.map((p) => {
    let text = p.text;
    // From the last anchor to the first, so earlier offsets stay right.
    for (const a of [...p.anchors].sort((x, y) => y.at - x.at)) {
      let insert = '';
      if (c.notes === 'end' || c.notes === 'separate') insert = a.marker;
      else if (c.notes === 'inline' && a.note !== undefined && !placed.has(a.note)) {
        const note = doc.rendered.notes[a.note]!;
        insert = `[${note.label === '*' || note.label === '' ? 'note' : `note ${note.n}`}: ${note.text}]`;
        placed.add(a.note);
      }
      text = text.slice(0, a.at) + insert + text.slice(a.at);
    }
    return text;
  });
  if (c.notes === 'inline') {
    // Notes no anchor places (publication lines, unlinked notes) follow the text, bracketed the same way.
    doc.rendered.notes.forEach((n, i) => {
      if (!placed.has(i)) out.push(`[note${n.type === 'publication' ? '' : ` ${n.n}`}: ${n.text}]`);
    });
  }
  return out;
}

export function plainText(doc: ExportDocument, c: Conventions): { text: string; notes?: string } {
  const parts: string[] = [];
  if (c.header === 'citation') parts.push(citation(doc.meta));
  parts.push(...paragraphsWithNotes(doc, c));
  const hasNotes = doc.rendered.notes.length > 0;
  if (c.notes === 'end' && hasNotes) parts.push('Notes', notesBlock(doc));
  const text = `${parts.join(PARAGRAPH_SEPARATOR)}\n`;
  return c.notes === 'separate' && hasNotes ? { text, notes: `${notesBlock(doc)}\n` } : { text };
}

export const txtWriter: DerivativeWriter = {
  name: 'txt',
  describe: 'plain text, one <id>.txt per document (notes per --notes)',
  files: ({ doc, conventions }) => {
    const { text, notes } = plainText(doc, conventions);
    return [{ path: `${doc.id}.txt`, content: text }, ...(notes !== undefined ? [{ path: `${doc.id}.notes.txt`, content: notes }] : [])];
  },
};

/** One TEI document ready for export: loaded, rendered per the conventions, counted. */
import type { Diagnostic } from '../diagnostics.js';
import type { Edition } from '../model/edition.js';
import { loadTei } from '../tei-load/index.js';
import type { Conventions } from './conventions.js';
import { documentMetadata, type DocumentMetadata } from './metadata.js';
import { countWords, renderEdition, type Rendered } from './render.js';

export interface Counts {
  /** Words of the text (per --text; notes and note markers excluded). */
  words: number;
  paragraphs: number;
  /** Every note: endnotes, notes written in the text, publication lines. */
  notes: number;
  /** Note anchors in the text that point to a note. */
  anchors: number;
  /** Emendations in the text and the notes (subst, del, add, gap, unclear, supplied, choice, sic). */
  emendations: number;
}

export interface ExportDocument {
  /** The document's path relative to its input folder, without `.xml`: `lenin-1921-…`, `sub/doc`. */
  id: string;
  /** The TEI file, as shown in reports. */
  file: string;
  edition: Edition;
  meta: DocumentMetadata;
  rendered: Rendered;
  /** The paragraphs joined by blank lines: the text offsets count in. */
  text: string;
  counts: Counts;
  tei: string;
}

export const PARAGRAPH_SEPARATOR = '\n\n';

export function prepareDocument(tei: string, id: string, file: string, conventions: Conventions): { doc?: ExportDocument; diagnostics: Diagnostic[] } {
  const { edition, diagnostics } = loadTei(tei, { file });
  if (!edition) return { diagnostics };
  const rendered = renderEdition(edition, conventions);
  const text = rendered.paragraphs.map((p) => p.text).join(PARAGRAPH_SEPARATOR);
  const counts: Counts = {
    words: countWords(text),
    paragraphs: rendered.paragraphs.length,
    notes: rendered.notes.length,
    anchors: rendered.paragraphs.reduce((n, p) => n + p.anchors.filter((a) => a.note !== undefined).length, 0),
    emendations: rendered.emendations.length,
  };
  return { doc: { id, file, edition, meta: documentMetadata(edition), rendered, text, counts, tei }, diagnostics };
}

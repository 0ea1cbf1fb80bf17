/**
 * JSON Lines: one record per document (schema/export-record.schema.json): metadata, the
 * text with its paragraphs' spans and TEI positions, the notes with their anchors'
 * offsets, the emendations with kind, offsets and resp. Offsets count code points.
 */
import { VERSION } from '../../version.js';
import { PARAGRAPH_SEPARATOR, type Counts, type ExportDocument } from '../document.js';
import type { DocumentMetadata } from '../metadata.js';
import type { DerivativeWriter } from '../registry.js';

export interface ExportRecord {
  id: string;
  file: string;
  teiwright: string;
  metadata: DocumentMetadata;
  text: string;
  paragraphs: Array<{ kind: string; start: number; end: number; line: number; column: number }>;
  notes: Array<{ n: string; id: string | null; type: string; label: string; text: string; anchors: number[]; line: number; column: number }>;
  emendations: Array<{
    kind: string;
    resp: string | null;
    id: string | null;
    in: 'text' | 'note';
    note: number | null;
    start: number;
    end: number;
    reading: string;
    diplomatic: string;
    line: number;
    column: number;
  }>;
  counts: Counts;
}

const SURROGATE = /[\ud800-\udfff]/;
/** Code points in the first `at` UTF-16 units of `s`. */
const cp = (s: string, at: number): number => (SURROGATE.test(s) ? Array.from(s.slice(0, at)).length : at);
const cpLength = (s: string): number => cp(s, s.length);

export function exportRecord(doc: ExportDocument): ExportRecord {
  const { paragraphs, notes, emendations } = doc.rendered;
  const starts: number[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    starts.push(offset);
    offset += cpLength(p.text) + PARAGRAPH_SEPARATOR.length;
  }
  const anchors = notes.map((): number[] => []);
  paragraphs.forEach((p, i) => {
    for (const a of p.anchors) if (a.note !== undefined) anchors[a.note]!.push(starts[i]! + cp(p.text, a.at));
  });
  return {
    id: doc.id,
    file: doc.file,
    teiwright: VERSION,
    metadata: doc.meta,
    text: doc.text,
    paragraphs: paragraphs.map((p, i) => ({ kind: p.kind, start: starts[i]!, end: starts[i]! + cpLength(p.text), line: p.pos.line, column: p.pos.column })),
    notes: notes.map((n, i) => ({ n: n.n, id: n.id, type: n.type, label: n.label, text: n.text, anchors: anchors[i]!, line: n.pos.line, column: n.pos.column })),
    emendations: emendations.map((e) => {
      const base = e.note === null ? paragraphs[e.paragraph]!.text : notes[e.note]!.text;
      const shift = e.note === null ? starts[e.paragraph]! : 0;
      return {
        kind: e.kind,
        resp: e.resp,
        id: e.id,
        in: e.note === null ? 'text' : 'note',
        note: e.note,
        start: shift + cp(base, e.start),
        end: shift + cp(base, e.end),
        reading: e.reading,
        diplomatic: e.diplomatic,
        line: e.pos.line,
        column: e.pos.column,
      };
    }),
    counts: doc.counts,
  };
}

export const jsonlWriter: DerivativeWriter = {
  name: 'jsonl',
  describe: 'JSON Lines, one record per document (schema/export-record.schema.json) in corpus.jsonl',
  part: ({ doc }) => `${JSON.stringify(exportRecord(doc))}\n`,
  corpus: { name: 'corpus.jsonl', head: () => '' },
};

/**
 * JSON Lines: one record per document (schema/export-record.schema.json): metadata, the
 * text with its paragraphs' spans and TEI positions, the notes with their anchors'
 * offsets, the notes sections (heading, own paragraphs, where they stand, their notes),
 * the emendations with kind, offsets and resp. Offsets count code points.
 */
import { VERSION } from '../../version.js';
import { PARAGRAPH_SEPARATOR, type Counts, type ExportDocument } from '../document.js';
import type { DocumentMetadata } from '../metadata.js';
import type { DerivativeWriter } from '../registry.js';

export interface ExportRecord {
  id: string;
  file: string;
  teiwright: string;
  /** `fields`: every line of the information block as printed (label, what it is, value). */
  metadata: DocumentMetadata & { fields: Array<{ label: string; role: string; value: string }> };
  text: string;
  paragraphs: Array<{ kind: string; start: number; end: number; line: number; column: number }>;
  notes: Array<{
    n: string;
    id: string | null;
    type: string;
    label: string;
    text: string;
    anchors: number[];
    /** Anchors printed in a note's text or a notes section's own paragraphs (a note on a note); `at` counts in that text. */
    anchorsElsewhere: Array<{ in: 'note' | 'section' | 'field'; index: number; at: number }>;
    section: number | null;
    series: string | null;
    place: 'end' | 'foot' | null;
    line: number;
    column: number;
  }>;
  sections: Array<{
    heading: string | null;
    series: string | null;
    /** The section's own paragraphs (before its first note), separated by a blank line. */
    text: string;
    place: 'text' | 'back';
    /** With place=text: the offset in `text` where the section stands (the start of the paragraph after it). */
    at: number | null;
    notes: number[];
    line: number;
    column: number;
  }>;
  emendations: Array<{
    kind: string;
    resp: string | null;
    id: string | null;
    in: 'text' | 'note' | 'section';
    note: number | null;
    section: number | null;
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
  const { fields, paragraphs, notes, sections, emendations } = doc.rendered;
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
  const elsewhere = notes.map((): ExportRecord['notes'][number]['anchorsElsewhere'] => []);
  notes.forEach((n, i) => {
    for (const a of n.anchors) if (a.note !== undefined) elsewhere[a.note]!.push({ in: 'note', index: i, at: cp(n.text, a.at) });
  });
  sections.forEach((s, i) => {
    for (const a of s.anchors) if (a.note !== undefined) elsewhere[a.note]!.push({ in: 'section', index: i, at: cp(s.text, a.at) });
  });
  fields.forEach((f, i) => {
    for (const a of f.anchors) if (a.note !== undefined) elsewhere[a.note]!.push({ in: 'field', index: i, at: cp(f.text, a.at) });
  });
  const textLength = cpLength(doc.text);
  return {
    id: doc.id,
    file: doc.file,
    teiwright: VERSION,
    metadata: { ...doc.meta, fields: fields.map((f) => ({ label: f.label, role: f.role, value: f.text })) },
    text: doc.text,
    paragraphs: paragraphs.map((p, i) => ({ kind: p.kind, start: starts[i]!, end: starts[i]! + cpLength(p.text), line: p.pos.line, column: p.pos.column })),
    notes: notes.map((n, i) => ({
      n: n.n,
      id: n.id,
      type: n.type,
      label: n.label,
      text: n.text,
      anchors: anchors[i]!,
      anchorsElsewhere: elsewhere[i]!,
      section: n.section,
      series: n.series,
      place: n.place,
      line: n.pos.line,
      column: n.pos.column,
    })),
    sections: sections.map((s) => ({
      heading: s.heading,
      series: s.series,
      text: s.text,
      place: s.inText ? 'text' : 'back',
      at: s.inText ? (s.before < paragraphs.length ? starts[s.before]! : textLength) : null,
      notes: s.notes,
      line: s.pos.line,
      column: s.pos.column,
    })),
    emendations: emendations.map((e) => {
      const base = e.note !== null ? notes[e.note]!.text : e.section !== null ? sections[e.section]!.text : paragraphs[e.paragraph]!.text;
      const shift = e.note === null && e.section === null ? starts[e.paragraph]! : 0;
      return {
        kind: e.kind,
        resp: e.resp,
        id: e.id,
        in: e.note !== null ? 'note' : e.section !== null ? 'section' : 'text',
        note: e.note,
        section: e.section,
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

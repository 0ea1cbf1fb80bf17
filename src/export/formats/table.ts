/** The corpus table: one row per document, as TSV or CSV (quoting by csv-stringify). */
import { stringify } from 'csv-stringify/sync';
import { VERSION } from '../../version.js';
import type { ExportDocument } from '../document.js';
import type { DerivativeWriter } from '../registry.js';

export const TABLE_COLUMNS = ['id', 'file', 'title', 'author', 'when', 'notBefore', 'notAfter', 'language', 'words', 'notes', 'emendations', 'source', 'licence', 'teiwright_version'] as const;

export function tableRow(doc: ExportDocument): Array<string | number> {
  const m = doc.meta;
  return [doc.id, doc.file, m.title, m.authors.join('; '), m.date.when ?? '', m.date.notBefore ?? '', m.date.notAfter ?? '', m.language, doc.counts.words, doc.counts.notes, doc.counts.emendations, m.source ?? '', m.licence ?? '', VERSION];
}

function tableWriter(name: 'tsv' | 'csv', delimiter: string): DerivativeWriter {
  // TSV: a field never holds a tab or line break (they become spaces), so any TSV reader reads it; CSV quotes as RFC 4180.
  const clean = (v: string | number): string | number => (name === 'tsv' && typeof v === 'string' ? v.replace(/[\t\r\n]+/g, ' ') : v);
  const line = (row: ReadonlyArray<string | number>): string => stringify([row.map(clean)], { delimiter, record_delimiter: 'unix'});
  return {
    name,
    describe: `corpus table, one row per document (${TABLE_COLUMNS.join(', ')}) in corpus.${name}`,
    part: ({ doc }) => line(tableRow(doc)),
    corpus: { name: `corpus.${name}`, head: () => line([...TABLE_COLUMNS]) },
  };
}

export const tsvWriter = tableWriter('tsv', '\t');
export const csvWriter = tableWriter('csv', ',');

/**
 * The derivative writers as typed data: name → writer. A writer makes files of its own
 * for each document (`files`), or a part of one corpus file (`part`, then `corpus`),
 * or both. Adding a format is one module and one line here.
 */
import type { Conventions } from './conventions.js';
import type { Counts, ExportDocument } from './document.js';
import { jsonlWriter } from './formats/jsonl.js';
import { csvWriter, tsvWriter } from './formats/table.js';
import { teiCorpusWriter } from './formats/teicorpus.js';
import { txtWriter } from './formats/txt.js';
import { htmlWriter } from '../html/derivative.js';

export interface DocumentContext {
  doc: ExportDocument;
  conventions: Conventions;
  /** Options of the run that some writers use (teiCorpus). */
  options: WriterOptions;
}

export interface WriterOptions {
  corpusTitle: string;
  /** teiCorpus: the editions inline rather than XIncluded. */
  inline: boolean;
  /** teiCorpus: the path of each TEI file relative to the export folder, by document id. */
  hrefOf?: (doc: ExportDocument) => string;
}

/** What the corpus file's header needs to know of each document (kept in memory: small). */
export interface DocumentSummary {
  id: string;
  file: string;
  href: string;
  title: string;
  authors: string[];
  date: { text: string | null; when: string | null; notBefore: string | null; notAfter: string | null };
  /** The printed source the edition was transcribed from, as one line. */
  source: string | null;
  licenceKind: string;
  counts: Counts;
}

export interface CorpusFile {
  /** The file's name in the export folder: `corpus.jsonl`. */
  name: string;
  /** What comes before the parts (a header row, the corpus header), knowing every document. */
  head(summaries: readonly DocumentSummary[], options: WriterOptions, conventions: Conventions): string;
  tail?(): string;
  /** True when the format cannot be written without a document (a teiCorpus holds at least one TEI). */
  needsDocuments?: boolean;
}

export interface DerivativeWriter {
  name: string;
  describe: string;
  /** Files of one document, relative to the export folder. */
  files?(ctx: DocumentContext): Array<{ path: string; content: string }>;
  /** The document's part of the corpus file, in input order. */
  part?(ctx: DocumentContext): string;
  corpus?: CorpusFile;
}

export const WRITERS = {
  txt: txtWriter,
  jsonl: jsonlWriter,
  tsv: tsvWriter,
  csv: csvWriter,
  teicorpus: teiCorpusWriter,
  html: htmlWriter,
} as const satisfies Record<string, DerivativeWriter>;

export type FormatName = keyof typeof WRITERS;
export const FORMAT_NAMES = Object.keys(WRITERS) as FormatName[];

export function writerNamed(name: string): DerivativeWriter | undefined {
  return Object.hasOwn(WRITERS, name) ? (WRITERS as Record<string, DerivativeWriter>)[name] : undefined;
}

/**
 * One TEI file of an export, start to finish: read, load, render, write the document's own
 * files (atomically), and return its part of the corpus file. Runs in the main thread
 * (`--jobs 1`) or in a worker; it never throws, every failure is a diagnostic.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../batch/atomic.js';
import { diagnostic } from '../batch/process-file.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Conventions } from './conventions.js';
import { prepareDocument, type Counts } from './document.js';
import { licenceKind } from './metadata.js';
import { writerNamed, type DocumentSummary } from './registry.js';

export interface ExportTask {
  inputPath: string;
  /** The TEI path as reports show it. */
  input: string;
  id: string;
  /** The TEI file relative to the export folder (teiCorpus XIncludes it). */
  href: string;
  format: string;
  conventions: Conventions;
  corpusTitle: string;
  inline: boolean;
  outDir: string;
  /** The export folder as reports show it. */
  outShown: string;
}

export interface ExportFileResult {
  input: string;
  status: 'exported' | 'failed' | 'skipped';
  /** Files written for this document, as reports show them. */
  outputs: string[];
  diagnostics: Diagnostic[];
  counts?: Counts;
}

export interface TaskOutcome {
  result: ExportFileResult;
  sha256?: string;
  part?: string;
  summary?: DocumentSummary;
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function runExportTask(task: ExportTask): Promise<TaskOutcome> {
  const failed = (diagnostics: Diagnostic[]): TaskOutcome => ({ result: { input: task.input, status: 'failed', outputs: [], diagnostics } });
  let bytes: Buffer;
  try {
    bytes = await readFile(task.inputPath);
  } catch (e) {
    return failed([diagnostic('input-unreadable', `cannot read the file: ${reason(e)}`, task.input)]);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const writer = writerNamed(task.format);
  if (!writer) return failed([diagnostic('internal-error', `no export format "${task.format}"`, task.input)]);
  try {
    const { doc, diagnostics } = prepareDocument(bytes.toString('utf8'), task.id, task.input, task.conventions);
    if (!doc) return { ...failed(diagnostics), sha256 };
    const ctx = { doc, conventions: task.conventions, options: { corpusTitle: task.corpusTitle, inline: task.inline, hrefOf: () => task.href } };
    const outputs: string[] = [];
    for (const file of writer.files?.(ctx) ?? []) {
      try {
        await writeAtomic(join(task.outDir, file.path), file.content);
        outputs.push(`${task.outShown}/${file.path}`);
      } catch (e) {
        diagnostics.push(diagnostic('output-unwritable', `cannot write ${file.path}: ${reason(e)}`, task.input));
        return { result: { input: task.input, status: 'failed', outputs, diagnostics }, sha256 };
      }
    }
    const summary: DocumentSummary = {
      id: doc.id,
      file: doc.file,
      href: task.href,
      title: doc.meta.title,
      authors: doc.meta.authors,
      date: doc.meta.date,
      licenceKind: licenceKind(doc.meta.licence),
      counts: doc.counts,
    };
    const part = writer.part?.(ctx);
    return { result: { input: task.input, status: 'exported', outputs, diagnostics, counts: doc.counts }, sha256, summary, ...(part !== undefined && { part }) };
  } catch (e) {
    return { ...failed([diagnostic('internal-error', `the export failed: ${reason(e)}`, task.input)]), sha256 };
  }
}

/**
 * One TEI file of an export, start to finish: read, load, render, write the document's own
 * files (atomically), and return its part of the corpus file. Runs in the main thread
 * (`--jobs 1`) or in a worker; it never throws, every failure is a diagnostic.
 */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VERSION } from '../version.js';
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
  /** Export again even when the cache says this input was exported with the same settings. */
  force?: boolean;
}

/**
 * The version of what the writers produce (the JSON Lines record, the tables' columns, the
 * text and page renderings, the teiCorpus parts). The cache is keyed on it, not only on the
 * package version: bump it with every change of an export's output, so that an export folder
 * made before the change is exported again rather than served from the cache.
 * 2: the JSON Lines record of the exports5 work; teiCorpus ids prefixed `<prefix>.<id>`.
 * 3: a note written inside a line of the information block is a note of the record (type
 *    `inline`), its anchor in that line (`anchorsElsewhere` in=field).
 */
export const EXPORT_FORMAT_VERSION = 3;

/** Where a document's last export is remembered, so a rerun redoes only what changed. */
export const CACHE_DIR = '.teiwright-export-cache';

/** What the cache keeps of one document's export. */
interface CacheEntry {
  sha256: string;
  settings: string;
  result: ExportFileResult;
  part?: string;
  summary?: DocumentSummary;
}

/** Everything that changes a document's output: same settings and same bytes, same files. */
const settingsOf = (t: ExportTask): string =>
  JSON.stringify({ version: VERSION, formatVersion: EXPORT_FORMAT_VERSION, format: t.format, conventions: t.conventions, corpusTitle: t.corpusTitle, inline: t.inline, href: t.href, id: t.id, input: t.input });

const cachePath = (t: ExportTask): string => join(t.outDir, CACHE_DIR, `${createHash('sha256').update(t.id).digest('hex').slice(0, 32)}.json`);

async function cached(t: ExportTask, sha256: string): Promise<TaskOutcome | undefined> {
  if (t.force) return undefined;
  try {
    const entry = JSON.parse(await readFile(cachePath(t), 'utf8')) as CacheEntry;
    if (entry.sha256 !== sha256 || entry.settings !== settingsOf(t) || entry.result.status !== 'exported') return undefined;
    // The document's own files must still be there.
    await Promise.all(entry.result.outputs.map((o) => access(join(t.outDir, o.slice(t.outShown.length + 1)))));
    return { result: { ...entry.result, status: 'unchanged', diagnostics: [] }, sha256, ...(entry.part !== undefined && { part: entry.part }), ...(entry.summary && { summary: entry.summary }) };
  } catch {
    return undefined;
  }
}

async function remember(t: ExportTask, outcome: TaskOutcome): Promise<void> {
  if (outcome.sha256 === undefined || outcome.result.status !== 'exported') return;
  const entry: CacheEntry = { sha256: outcome.sha256, settings: settingsOf(t), result: outcome.result, ...(outcome.part !== undefined && { part: outcome.part }), ...(outcome.summary && { summary: outcome.summary }) };
  // The cache only saves time: failing to write it loses nothing.
  await writeAtomic(cachePath(t), JSON.stringify(entry)).catch(() => undefined);
}

export interface ExportFileResult {
  input: string;
  /** unchanged: the same TEI was exported with the same settings before (its cached part is reused). */
  status: 'exported' | 'unchanged' | 'failed' | 'skipped';
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
  const outcome = await exportOne(task);
  if (outcome.result.status === 'exported') await remember(task, outcome);
  return outcome;
}

async function exportOne(task: ExportTask): Promise<TaskOutcome> {
  const failed = (diagnostics: Diagnostic[]): TaskOutcome => ({ result: { input: task.input, status: 'failed', outputs: [], diagnostics } });
  let bytes: Buffer;
  try {
    bytes = await readFile(task.inputPath);
  } catch (e) {
    return failed([diagnostic('input-unreadable', `cannot read the file: ${reason(e)}`, task.input)]);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = await cached(task, sha256);
  if (known) return known;
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
      source: doc.meta.source,
      licenceKind: licenceKind(doc.meta.licence),
      counts: doc.counts,
    };
    const part = writer.part?.(ctx);
    return { result: { input: task.input, status: 'exported', outputs, diagnostics, counts: doc.counts }, sha256, summary, ...(part !== undefined && { part }) };
  } catch (e) {
    return { ...failed([diagnostic('internal-error', `the export failed: ${reason(e)}`, task.input)]), sha256 };
  }
}

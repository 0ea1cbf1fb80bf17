/**
 * `teiwright export` as a library: TEI files (or folders of them) → one derivative format
 * in one folder, with `conventions.json` and a manifest beside it. Documents are done in
 * this thread or the batch engine's worker pool and delivered in input order, so the files (and the
 * corpus file, assembled from the parts in that order) are the same whatever `--jobs` is.
 * Shards and paths work as for `convert` (src/batch: shard.ts, plan.ts, atomic.ts).
 */
import { makeFolders } from '../io/folders.js';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createPool } from '../batch/pool.js';
import { removeStaleFilesSync, writeAtomic } from '../batch/atomic.js';
// Export shows and records paths relative to the working folder, `../` included: its records' `file` field is data, where an absolute path of the user's machine has no place.
import { relativePath as displayPath } from '../batch/plan.js';
import { diagnostic } from '../batch/process-file.js';
import { checkShard, inShard, type Shard } from '../batch/shard.js';
import type { Progress } from '../batch/types.js';
import { VERSION } from '../version.js';
import { conventionsFile, type Conventions } from './conventions.js';
import { writerNamed, type DocumentSummary } from './registry.js';
import { EXPORT_FORMAT_VERSION, runExportTask, type ExportFileResult, type ExportTask, type TaskOutcome } from './task.js';

export type { ExportFileResult } from './task.js';

export interface ExportOptions {
  /** TEI files and folders (walked for `*.xml`, tree mirrored). */
  inputs: string[];
  /** The export folder. */
  outDir: string;
  format: string;
  conventions: Conventions;
  corpusTitle?: string;
  inline?: boolean;
  jobs?: number;
  shard?: Shard;
  /** False when the inputs are already one shard's (convert --also): the shard then only names the corpus file. */
  filterShard?: boolean;
  signal?: AbortSignal;
  /** Called once per document, in input order. */
  onResult?: (result: ExportFileResult, progress: Progress) => void;
  cwd?: string;
  /** Export every document again, even those the cache shows unchanged. */
  force?: boolean;
  /** File inputs get their id relative to this folder (convert --also: its TEI output folder) instead of their bare name. */
  base?: string;
}

export interface ExportResult {
  results: ExportFileResult[];
  /** The corpus file written (jsonl, tsv, csv, teicorpus), as reports show it. */
  corpusFile?: string;
  conventionsFile: string;
  manifestFile: string;
  interrupted: boolean;
  totals: { files: number; exported: number; unchanged: number; failed: number; skipped: number; words: number; notes: number; emendations: number; seconds: number };
}

export const EXPORT_MANIFEST = '.teiwright-export.json';

interface Planned {
  inputPath: string;
  id: string;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const withoutXml = (p: string): string => p.replace(/\.xml$/i, '');
const slash = (p: string): string => p.split(sep).join('/');

async function* walk(dir: string, root: string, outDir: string): AsyncGenerator<Planned> {
  const entries: Array<{ name: string; dir: boolean }> = [];
  for await (const e of await opendir(dir)) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory() === true);
    entries.push({ name: e.name, dir: isDir });
  }
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.dir) {
      if (resolve(path) !== outDir) yield* walk(path, root, outDir);
    } else if (/\.xml$/i.test(e.name)) yield { inputPath: path, id: slash(withoutXml(relative(root, path))) };
  }
}

type PlanItem = Planned | { problem: ExportFileResult };

async function* plan(inputs: readonly string[], outDir: string, base: string | undefined, cwd: string): AsyncGenerator<PlanItem> {
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const info = await stat(path).catch(() => undefined);
    const shown = displayPath(path, cwd);
    if (!info) {
      yield { problem: { input: shown, status: 'failed', outputs: [], diagnostics: [diagnostic('input-unreadable', `cannot read ${input}`, shown)] } };
    } else if (info.isDirectory()) {
      let n = 0;
      for await (const item of walk(path, path, outDir)) {
        n++;
        yield item;
      }
      if (n === 0) yield { problem: { input: shown, status: 'failed', outputs: [], diagnostics: [diagnostic('input-none', 'the folder holds no TEI files (*.xml)', shown)] } };
    } else {
      yield { inputPath: path, id: slash(withoutXml(base !== undefined ? relative(base, path) : basename(path))) };
    }
  }
}

/** The pool's worker: beside this file in dist/, or the compiled one when this file runs as TypeScript. */
function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../../dist/export/worker.js' : './worker.js', import.meta.url);
}

interface Executor {
  run(task: ExportTask): Promise<TaskOutcome | { abandoned: true }>;
  close(): Promise<void>;
}

/**
 * `--jobs 1` exports in this thread; more run in the batch engine's worker pool (threads,
 * or processes with TEIWRIGHT_WORKERS=processes), one file per task. Interrupting lets each
 * worker finish the file it is on; files not started come back abandoned.
 */
function executor(jobs: number, signal: AbortSignal | undefined): Executor {
  if (jobs <= 1) return { run: (t) => runExportTask(t), close: async () => {} };
  const url = workerUrl();
  if (!existsSync(fileURLToPath(url))) throw new Error(`the export worker ${fileURLToPath(url)} is missing: run \`npm run build\` first`);
  const pool = createPool<ExportTask, TaskOutcome | { abandoned: true }>(undefined, url.href, jobs);
  signal?.addEventListener('abort', () => pool.stop(), { once: true });
  if (signal?.aborted) pool.stop();
  return {
    async run(task) {
      try {
        return await pool.run(task);
      } catch (e) {
        if (signal?.aborted) return { abandoned: true };
        return { result: { input: task.input, status: 'failed', outputs: [], diagnostics: [diagnostic('internal-error', `the worker stopped (${e instanceof Error ? e.message : String(e)})`, task.input)] } };
      }
    },
    close: () => pool.close(),
  };
}

/** `corpus.jsonl` → `corpus.shard-2-of-8.jsonl`: shards of one export write side by side. */
function shardName(name: string, shard: Shard | undefined): string {
  if (!shard) return name;
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.shard-${shard.index}-of-${shard.count}${name.slice(dot)}`;
}

/** The hidden per-process files of the corpus writer below, any shard's; group 1 is the pid. */
const STALE_CORPUS_TEMP = /^\..+\.(?:parts|tmp)-(\d+)$/;

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const outDir = resolve(cwd, options.outDir);
  const outShown = displayPath(outDir, cwd);
  const writer = writerNamed(options.format);
  if (!writer) throw new RangeError(`no export format "${options.format}"`);
  const shard = checkShard(options.shard);
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`--jobs ${jobs}: expected a whole number ≥ 1`);
  await makeFolders(outDir);
  // A killed export's corpus parts and temporary corpus (`.<corpus>.parts-<pid>`, `.<corpus>.tmp-<pid>`): removed once their run is gone.
  removeStaleFilesSync(outDir, STALE_CORPUS_TEMP);

  const corpusName = writer.corpus ? shardName(writer.corpus.name, shard) : undefined;
  const corpusPath = corpusName ? join(outDir, corpusName) : undefined;
  const partsPath = corpusPath ? join(outDir, `.${corpusName}.parts-${process.pid}`) : undefined;
  const parts = partsPath ? createWriteStream(partsPath) : undefined;
  const summaries: DocumentSummary[] = [];
  const results: ExportFileResult[] = [];
  const manifest: Array<{ input: string; sha256: string | null; status: string; outputs: string[] }> = [];
  const totals = { files: 0, exported: 0, unchanged: 0, failed: 0, skipped: 0, words: 0, notes: 0, emendations: 0, seconds: 0 };
  const pool = executor(jobs, options.signal);
  const ids = new Map<string, string>();
  let interrupted = false;

  const progress = (total: number): Progress => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? totals.files / seconds : 0;
    return { done: totals.files, total, errors: totals.failed, filesPerSecond: rate, etaSeconds: rate > 0 ? Math.max(0, total - totals.files) / rate : 0 };
  };
  let planned = 0;
  const deliver = async (outcome: TaskOutcome | { abandoned: true } | ExportFileResult, input: string): Promise<void> => {
    let result: ExportFileResult;
    let sha: string | null = null;
    if ('abandoned' in outcome) result = { input, status: 'skipped', outputs: [], diagnostics: [] };
    else if ('result' in outcome) {
      result = outcome.result;
      sha = outcome.sha256 ?? null;
      if (outcome.part !== undefined && parts) {
        if (!parts.write(outcome.part)) await new Promise<void>((r) => parts.once('drain', () => r()));
      }
      if (outcome.summary) summaries.push(outcome.summary);
    } else result = outcome;
    totals.files++;
    totals[result.status]++;
    totals.words += result.counts?.words ?? 0;
    totals.notes += result.counts?.notes ?? 0;
    totals.emendations += result.counts?.emendations ?? 0;
    results.push(result);
    manifest.push({ input: result.input, sha256: sha, status: result.status, outputs: result.outputs });
    options.onResult?.(result, progress(planned));
  };

  const queue: Array<{ input: string; outcome: Promise<TaskOutcome | { abandoned: true }> | ExportFileResult }> = [];
  const window = jobs * 4;
  try {
    for await (const item of plan(options.inputs, outDir, options.base === undefined ? undefined : resolve(cwd, options.base), cwd)) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      if ('problem' in item) {
        queue.push({ input: item.problem.input, outcome: item.problem });
      } else {
        const input = displayPath(item.inputPath, cwd);
        if (options.filterShard !== false && !inShard(input, shard)) continue;
        const first = ids.get(item.id);
        if (first !== undefined) {
          queue.push({ input, outcome: { input, status: 'failed', outputs: [], diagnostics: [diagnostic('output-collision', `${input} has the same document id "${item.id}" as ${first}; rename one of them (nothing was overwritten)`, input)] } });
        } else {
          ids.set(item.id, input);
          const task: ExportTask = {
            inputPath: item.inputPath,
            input,
            id: item.id,
            href: slash(relative(corpusPath ? dirname(corpusPath) : outDir, item.inputPath)),
            format: options.format,
            conventions: options.conventions,
            corpusTitle: options.corpusTitle ?? 'teiwright corpus',
            inline: options.inline ?? false,
            outDir,
            outShown,
            ...(options.force && { force: true }),
          };
          queue.push({ input, outcome: pool.run(task) });
        }
      }
      planned++;
      while (queue.length >= window) {
        const q = queue.shift()!;
        await deliver(await q.outcome, q.input);
      }
    }
    while (queue.length > 0) {
      const q = queue.shift()!;
      await deliver(await q.outcome, q.input);
    }
  } finally {
    await Promise.allSettled(queue.map((q) => q.outcome));
    await pool.close();
    if (parts) await new Promise<void>((r) => parts.end(r));
  }
  if (results.some((r) => r.status === 'skipped')) interrupted = true;

  const conventionsPath = join(outDir, 'conventions.json');
  await writeAtomic(conventionsPath, conventionsFile(options.format, options.conventions));
  if (writer.corpus && corpusPath && partsPath) {
    if (interrupted) await rm(partsPath, { force: true });
    else if (writer.corpus.needsDocuments && summaries.length === 0) {
      // Nothing to hold: no file, and no stale one from an earlier run.
      await rm(partsPath, { force: true });
      await rm(corpusPath, { force: true });
    }
    else {
      // head (knowing every document) + the parts in input order + tail, then one rename.
      const temp = join(outDir, `.${corpusName}.tmp-${process.pid}`);
      const writerOptions = { corpusTitle: options.corpusTitle ?? 'teiwright corpus', inline: options.inline ?? false };
      try {
        await writeFile(temp, writer.corpus.head(summaries, writerOptions, options.conventions));
        await pipeline(createReadStream(partsPath), createWriteStream(temp, { flags: 'a' }));
        await writeFile(temp, writer.corpus.tail?.() ?? '', { flag: 'a' });
        await rename(temp, corpusPath);
      } finally {
        await rm(temp, { force: true });
        await rm(partsPath, { force: true });
      }
    }
  }
  const manifestPath = join(outDir, shardName(EXPORT_MANIFEST, shard));
  const manifestBody = { teiwright: VERSION, exportFormat: EXPORT_FORMAT_VERSION, format: options.format, conventions: options.conventions, ...(corpusName && { corpusFile: corpusName }), files: manifest };
  await writeAtomic(manifestPath, `${JSON.stringify(manifestBody, null, 1)}\n`);
  totals.seconds = (performance.now() - started) / 1000;
  return {
    results,
    ...(corpusPath && existsSync(corpusPath) && !interrupted && { corpusFile: displayPath(corpusPath, cwd) }),
    conventionsFile: displayPath(conventionsPath, cwd),
    manifestFile: displayPath(manifestPath, cwd),
    interrupted,
    totals,
  };
}

/**
 * The batch engine: plans the inputs, converts them (in this thread or a worker pool),
 * writes the TEI atomically, keeps the manifest, and reports each file in input order —
 * so the output files and the report are the same whatever `--jobs` is.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../version.js';
import { removeTemps } from './atomic.js';
import { claimKey, Claims } from './claims.js';
import { createExecutor, type Outcome } from './executor.js';
import { MANIFEST_NAME, Manifest, type ManifestSettings } from './manifest.js';
import { displayPath, planInputs } from './plan.js';
import { diagnostic, type Job } from './process-file.js';
import { checkShard, inShard, type Shard } from './shard.js';
import type { BatchOptions, BatchResult, BatchTotals, FileResult, Progress } from './types.js';

export type * from './types.js';
export { MANIFEST_NAME } from './manifest.js';
export { TRANSCRIPTION_EXTENSIONS } from './plan.js';
export { shardOf } from './shard.js';
export { WORKER_KINDS, type WorkerKind } from './pool.js';

/**
 * The manifest's changes are appended to the run's journal this often during a long run, so
 * an interrupted run resumes (an append costs the changes since the last, not the manifest).
 */
const SAVE_EVERY_MS = 2_000;

/** A `converter` option as a module URL: URLs are kept, paths resolved against `cwd`. */
function converterUrl(converter: string, cwd: string): string {
  const isUrl = /^[a-z][a-z0-9+.-]+:/i.test(converter) && !/^[a-z]:[\\/]/i.test(converter);
  return isUrl ? converter : pathToFileURL(resolve(cwd, converter)).href;
}


async function chooseJobs(requested: number | undefined, args: readonly string[]): Promise<number> {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) throw new RangeError(`--jobs ${requested}: expected a whole number ≥ 1`);
  const jobs = requested ?? availableParallelism();
  // A few named files do not need more workers than files (each worker compiles the schemas).
  const kinds = await Promise.all(args.map((a) => stat(a).then((s) => s.isFile(), () => true)));
  return kinds.every(Boolean) ? Math.max(1, Math.min(jobs, args.length)) : jobs;
}

/**
 * Counts the run's inputs in the background, so progress has a total long before the
 * processing walk reaches the end (it holds no paths: memory stays flat).
 */
function countInputs(args: readonly string[], outDir: string, cwd: string, shard: Shard | undefined, signal: AbortSignal | undefined) {
  const counter = { count: 0, finished: false, stopped: false };
  void (async () => {
    for await (const item of planInputs(args, outDir)) {
      if (signal?.aborted || counter.stopped) return;
      if (item.kind === 'problem' || shard === undefined || inShard(displayPath(item.inputPath, cwd), shard)) counter.count++;
    }
    counter.finished = true;
  })().catch(() => undefined);
  return counter;
}

function emptyTotals(): BatchTotals {
  return { files: 0, converted: 0, failed: 0, unchanged: 0, skipped: 0, errors: 0, warnings: 0, infos: 0, bytes: 0, seconds: 0 };
}

function tally(totals: BatchTotals, r: FileResult): void {
  totals.files++;
  totals[r.status]++;
  for (const d of r.diagnostics) {
    if (d.severity === 'error') totals.errors++;
    else if (d.severity === 'warning') totals.warnings++;
    else totals.infos++;
  }
  totals.bytes += r.stats?.bytes ?? 0;
}

/** One input of the run, in walk order: a job in flight, or a result known without converting. */
interface Slot {
  job?: Job;
  outcome: Promise<Outcome> | Outcome;
}

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const outDir = resolve(cwd, options.outDir || 'output');
  const args = (options.inputs.length > 0 ? options.inputs : ['input']).map((p) => resolve(cwd, p));
  const shard = checkShard(options.shard);
  const signal = options.signal;
  const settings: ManifestSettings = { version: VERSION, profile: options.profile ?? null, validate: options.validate ?? true, verify: options.verify ?? true };
  const manifestPath = join(outDir, MANIFEST_NAME);
  const manifest = await Manifest.load(manifestPath);
  const converter = options.converter === undefined ? undefined : converterUrl(options.converter, cwd);
  const jobs = await chooseJobs(options.jobs, args);
  const executor = createExecutor(jobs, converter, signal, options.workers);
  // Enough files in flight to keep the workers (and the disk) busy, few enough that memory stays flat.
  const window = executor.window;
  const counter = countInputs(args, outDir, cwd, shard, signal);

  const results: FileResult[] = [];
  const totals = emptyTotals();
  const abandoned: string[] = [];
  let walked = 0;
  let walkFinished = false;
  let interrupted = false;
  let lastSave = performance.now();
  let manifestError: string | undefined;

  const progress = (): Progress => {
    const done = totals.files;
    const total = walkFinished ? walked : Math.max(walked, counter.count);
    const seconds = (performance.now() - started) / 1000;
    const filesPerSecond = seconds > 0 ? done / seconds : 0;
    return { done, total, errors: totals.failed, filesPerSecond, etaSeconds: filesPerSecond > 0 ? Math.max(0, total - done) / filesPerSecond : 0 };
  };

  /** Appends the changes to the journal during the run; at the end (`last`), compacts the manifest. */
  const saveManifest = async (last = false): Promise<void> => {
    try {
      if (last) await manifest.compact(VERSION);
      else if (manifest.unsaved) await manifest.save();
      manifestError = undefined;
    } catch (e) {
      manifestError = `cannot save ${displayPath(manifestPath, cwd)}: ${e instanceof Error ? e.message : String(e)}`;
    }
    lastSave = performance.now();
  };

  const remember = (job: Job, result: FileResult, sha256: string | undefined): void => {
    if (result.status === 'unchanged') return;
    if (sha256 === undefined || (result.status !== 'converted' && result.status !== 'failed')) {
      manifest.set(job.input, null);
      return;
    }
    // A TEI written with errors (words lost, not strict) is converted again next time, so its errors are reported again.
    const status = result.diagnostics.some((d) => d.severity === 'error') ? 'failed' : result.status;
    manifest.set(job.input, { sha256, ...settings, status, output: job.output, ...(result.profile !== undefined && { readAs: result.profile }) });
  };

  const deliver = async (slot: Slot): Promise<void> => {
    const outcome = await slot.outcome;
    const job = slot.job;
    let result: FileResult;
    if ('abandoned' in outcome) {
      if (!job) throw new Error('an abandoned slot without a job');
      result = { input: job.input, status: 'skipped', diagnostics: [] };
      abandoned.push(job.outputPath);
    } else {
      result = outcome.result;
      if (job) remember(job, result, outcome.sha256);
      if (job && result.status === 'unchanged') {
        const readAs = manifest.reusable(job.input, settings)?.readAs;
        if (readAs !== undefined) result.profile = readAs;
      }
    }
    tally(totals, result);
    if (options.keepResults !== false) results.push(result);
    options.onResult?.(result, progress());
    if (performance.now() - lastSave > SAVE_EVERY_MS) await saveManifest();
  };

  const claims = new Claims(args.length === 1);
  const queue: Slot[] = [];
  try {
    for await (const item of planInputs(args, outDir)) {
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
      if (item.kind === 'problem') {
        const path = displayPath(item.path, cwd);
        queue.push({ outcome: { result: { input: path, status: 'failed', diagnostics: [diagnostic(item.code, item.message, path)] } } });
      } else {
        const input = displayPath(item.inputPath, cwd);
        const output = displayPath(item.outputPath, cwd);
        // Claims cover every shard, so that all shards agree on which of two colliding inputs is first.
        const first = claims.claim(item.outputPath, input);
        if (!inShard(input, shard)) continue;
        if (first !== undefined) {
          const message = `${input} would write ${output}, which ${first} writes; rename one of them (nothing was overwritten)`;
          queue.push({ outcome: { result: { input, status: 'failed', diagnostics: [diagnostic('output-collision', message, input)] } } });
        } else if (claimKey(resolve(item.inputPath)) === claimKey(resolve(item.outputPath))) {
          const message = `${input} would be overwritten by its own TEI; choose another output folder`;
          queue.push({ outcome: { result: { input, status: 'failed', diagnostics: [diagnostic('output-collision', message, input)] } } });
        } else {
          const known = options.force ? undefined : manifest.reusable(input, settings);
          const job: Job = {
            inputPath: item.inputPath,
            outputPath: item.outputPath,
            input,
            output,
            validate: settings.validate,
            verify: settings.verify,
            ...(options.strict && { strict: true }),
            ...(options.explain && { explain: true }),
            ...(options.corrections !== undefined && { correctionsPath: resolve(cwd, options.corrections) }),
            ...(options.profile !== undefined && { profile: options.profile }),
            ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
            ...(options.limits !== undefined && { limits: options.limits }),
            ...(known && { knownSha256: known.sha256 }),
            ...(manifest.ownedOutput(input) === output && { ownsOutput: true }),
          };
          queue.push({ job, outcome: executor.run(job) });
        }
      }
      walked++;
      if (queue.length >= window) {
        // Hand out what is collected, then make room for one whole batch.
        executor.flush();
        while (queue.length > window - executor.batchSize) await deliver(queue.shift()!);
      }
    }
    walkFinished = !interrupted;
    executor.flush();
    while (queue.length > 0) await deliver(queue.shift()!);
    if (abandoned.length > 0) interrupted = true;
  } finally {
    counter.stopped = true;
    // Let nothing run on: settle what is in flight, stop the workers, sweep their temporary files.
    // A batch still being collected (the walk or a callback threw) is sent, or it would never settle.
    executor.flush();
    await Promise.allSettled(queue.map((s) => s.outcome));
    await executor.close();
    await Promise.all(abandoned.map((p) => removeTemps(p)));
  }
  await saveManifest(true);
  totals.seconds = (performance.now() - started) / 1000;
  const workers = executor.usage();
  return { results, totals, manifestPath, interrupted, ...(manifestError !== undefined && { manifestError }), ...(workers && { workers }) };
}

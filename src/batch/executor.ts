/**
 * Where jobs run: in this thread (`--jobs 1`) or in a pool of worker threads or processes
 * (pool.ts). Either way a job's promise resolves to an outcome; a worker that dies
 * (process.exit, out of memory, killed) becomes an `internal-error` for its file, and the
 * pool starts a new one.
 *
 * Jobs go to the workers in batches (one message for several files); the engine calls
 * `flush` before it waits, so a part-filled batch never sits idle.
 */
import { performance } from 'node:perf_hooks';
import { loadConverter } from './converter.js';
import { diagnostic, processFile, syncIo, type Job } from './process-file.js';
import { createPool, type WorkerKind } from './pool.js';
import type { PoolUsage } from './process-pool.js';
import type { BatchOutcome, WorkerTask } from './worker.js';

/** `abandoned`: the run was interrupted before the job started. */
export type Outcome = BatchOutcome;

export interface Executor {
  run(job: Job): Promise<Outcome>;
  /** Sends the jobs collected so far to a worker now (a no-op in this thread). */
  flush(): void;
  /** Files that should be in flight at once to keep every worker busy. */
  readonly window: number;
  /** Files per message to a worker (1 in this thread). */
  readonly batchSize: number;
  /** Ends the workers and waits for them (call it once nothing is in flight). */
  close(): Promise<void>;
  /** What worker processes used (CPU, memory), once closed; undefined in this thread and for worker threads. */
  usage(): PoolUsage | undefined;
}

/**
 * Files per message to a worker: enough that messaging costs little next to converting,
 * few enough that results come back steadily (progress, manifest) and an interruption
 * leaves little work unreported. With 4, posting the results took a worker about 0.14 ms
 * per file (trivial converter, session 7); with 8 it fell out of the profile's top entries.
 */
export const BATCH_SIZE = 8;
/**
 * Batches in flight per worker: one running, one held by the worker, the rest queued, so a
 * worker never starves while the main thread waits for an older batch (results are
 * delivered in input order). With 3, the workers converting the bench's seed-sized files
 * sat idle a quarter of the time; their results are small, so more costs little memory.
 */
const WINDOW_BATCHES = 8;
/** In this thread a few files are in flight (their reads and writes are synchronous: they take turns). */
const IN_PROCESS_WINDOW = 4;

/**
 * The worker as JavaScript: beside this file in dist/, or — when this file is the
 * TypeScript source run by vitest — the compiled one in dist/ (`npm test` builds first).
 */
export function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? '../../dist/batch/worker.js' : './worker.js', import.meta.url);
}

/** In this thread, the event loop is let turn at least this often (signals, progress, timers). */
const YIELD_EVERY_MS = 50;

/**
 * In this thread files are read and written with synchronous calls, as in a worker: a
 * promise call is a round trip through libuv's thread pool that cost more CPU than the call
 * itself (about 0.3–0.5 ms per file here, measured with a trivial converter). Synchronous
 * calls never let the event loop turn, so the executor yields to it now and then: an
 * interruption (Ctrl-C) or a progress timer is never held up for more than a file.
 */
function inProcess(converter: string | undefined): Executor {
  let lastYield = performance.now();
  return {
    async run(job) {
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      return processFile(job, () => loadConverter(converter), syncIo);
    },
    flush() {},
    window: IN_PROCESS_WINDOW,
    batchSize: 1,
    async close() {},
    usage: () => undefined,
  };
}

const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

interface Pending {
  job: Job;
  resolve: (outcome: Outcome) => void;
}

function pooled(jobs: number, converter: string | undefined, signal: AbortSignal | undefined, kind: WorkerKind | undefined): Executor {
  // Started now, so the workers load their code while the caller plans the run.
  const pool = createPool<WorkerTask, BatchOutcome[]>(kind, workerUrl().href, jobs, converter ?? null);
  // Interrupting does not kill a worker in the middle of a batch (the files it did would go
  // unreported): each finishes the file it is on and gives the rest back as abandoned.
  signal?.addEventListener('abort', () => pool.stop(), { once: true });
  if (signal?.aborted) pool.stop();
  const task = (batch: Job[]): WorkerTask => ({ jobs: batch, converter: converter ?? null });

  const failed = (job: Job, e: unknown): Outcome => {
    if (isAbort(e) || signal?.aborted) return { abandoned: true };
    const why = e instanceof Error ? e.message : String(e);
    return { result: { input: job.input, status: 'failed', diagnostics: [diagnostic('internal-error', `the worker converting this file stopped (${why}); the other files went on`, job.input)] } };
  };

  /**
   * Runs a batch. When its worker dies, which file killed it is not known: each file is
   * run again alone, so only the one that kills its worker is reported (files are written
   * atomically and conversions are deterministic, so a second run changes nothing).
   */
  const send = async (batch: Pending[]): Promise<void> => {
    try {
      const outcomes = await pool.run(task(batch.map((p) => p.job)));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (e) {
      if (batch.length === 1 || isAbort(e) || signal?.aborted) {
        for (const p of batch) p.resolve(failed(p.job, e));
        return;
      }
      await Promise.all(batch.map((p) => send([p])));
    }
  };

  let collecting: Pending[] = [];
  const flush = (): void => {
    if (collecting.length === 0) return;
    const batch = collecting;
    collecting = [];
    void send(batch);
  };
  return {
    run(job) {
      const outcome = new Promise<Outcome>((resolve) => collecting.push({ job, resolve }));
      if (collecting.length >= BATCH_SIZE) flush();
      return outcome;
    },
    flush,
    window: jobs * BATCH_SIZE * WINDOW_BATCHES,
    batchSize: BATCH_SIZE,
    close: () => pool.close(),
    usage: () => pool.usage(),
  };
}

export function createExecutor(jobs: number, converter: string | undefined, signal: AbortSignal | undefined, kind?: WorkerKind): Executor {
  return jobs <= 1 ? inProcess(converter) : pooled(jobs, converter, signal, kind);
}

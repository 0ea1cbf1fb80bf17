/**
 * The task module of `convert --jobs N` (run from dist/batch/worker.js in a worker thread
 * or process, see pool.ts). Each process loads its converter once, when a file first needs
 * it, so the real pipeline's schemas are compiled once per process, not per file.
 *
 * A task is a batch of files, not one: a message per file costs the pool and the worker
 * more than a small file's conversion. The worker reads and writes the files itself (the
 * main process only plans and aggregates), with synchronous calls: a promise call's round
 * trip through libuv's thread pool cost more CPU than the call itself (see `syncIo`).
 */
import { loadConverter } from './converter.js';
import { processFile, syncIo, type ConverterSource, type FileIo, type Job, type JobOutcome } from './process-file.js';

export interface WorkerTask {
  jobs: Job[];
  /** Converter module URL; null for the real pipeline. */
  converter: string | null;
}

/** `abandoned`: the run was interrupted before the file was started. */
export type BatchOutcome = JobOutcome | { abandoned: true };

/** Files of a batch in flight at once in one worker (with synchronous file calls they take turns; a converter may still await). */
export const IN_FLIGHT_PER_WORKER = 2;

/** Lets the event loop turn, so a stop message to a worker process is seen before the next file. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Processes `jobs` with at most `concurrency` in flight; outcomes in the order of `jobs`.
 * `stop` becomes non-zero when the run is interrupted: a file not yet started is then given
 * back as abandoned; files under way finish (they are written whole or not at all), so what
 * a batch did is never lost.
 */
export async function processJobs(jobs: readonly Job[], converter: ConverterSource, concurrency: number, stop?: Int32Array, io?: FileIo): Promise<BatchOutcome[]> {
  const outcomes = new Array<BatchOutcome>(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      if (stop) await turn();
      outcomes[i] = stop && Atomics.load(stop, 0) !== 0 ? { abandoned: true } : await processFile(jobs[i]!, converter, io);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return outcomes;
}

/**
 * The converter is loaded when a file of a task first needs it (process-file.ts), not when
 * the worker starts: a rerun whose files are all unchanged never loads the pipeline. A fresh
 * run loses little: the first task arrives a few milliseconds after the worker is up.
 */
export default async function runTask(task: WorkerTask, stop: Int32Array): Promise<BatchOutcome[]> {
  return processJobs(task.jobs, () => loadConverter(task.converter ?? undefined), IN_FLIGHT_PER_WORKER, stop, syncIo);
}

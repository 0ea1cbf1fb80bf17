/**
 * The piscina worker (run from dist/batch/worker.js). Each worker loads its converter once,
 * so the real pipeline's schemas are compiled once per worker, not per file.
 *
 * A task is a batch of files, not one: a message per file costs the main thread and the
 * worker more than a small file's conversion. The worker reads and writes the files itself
 * (the main thread only plans and aggregates), with synchronous calls: a promise call's
 * round trip through libuv's thread pool cost more CPU than the call itself (see `syncIo`).
 */
import { loadConverter } from './converter.js';
import { processFile, syncIo, type FileIo, type Job, type JobOutcome } from './process-file.js';
import type { ConvertJob } from './types.js';

export interface WorkerTask {
  jobs: Job[];
  /** Converter module URL; null for the real pipeline. */
  converter: string | null;
  /**
   * Shared with the main thread: set to 1 when the run is interrupted. A file not yet
   * started is then given back as abandoned; files under way finish (they are written
   * whole or not at all), so what a batch did is never lost.
   */
  stop: Int32Array;
}

/** `abandoned`: the run was interrupted before the file was started. */
export type BatchOutcome = JobOutcome | { abandoned: true };

/** Files of a batch in flight at once in one worker (with synchronous file calls they take turns; a converter may still await). */
export const IN_FLIGHT_PER_WORKER = 2;

/** Processes `jobs` with at most `concurrency` in flight; outcomes in the order of `jobs`. */
export async function processJobs(jobs: readonly Job[], convertJob: ConvertJob, concurrency: number, stop?: Int32Array, io?: FileIo): Promise<BatchOutcome[]> {
  const outcomes = new Array<BatchOutcome>(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      outcomes[i] = stop && Atomics.load(stop, 0) !== 0 ? { abandoned: true } : await processFile(jobs[i]!, convertJob, io);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return outcomes;
}

export default async function runTask(task: WorkerTask): Promise<BatchOutcome[]> {
  const convertJob = await loadConverter(task.converter ?? undefined);
  return processJobs(task.jobs, convertJob, IN_FLIGHT_PER_WORKER, task.stop, syncIo);
}

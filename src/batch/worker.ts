/**
 * The piscina worker (run from dist/batch/worker.js). Each worker loads its converter once,
 * so the real pipeline's schemas are compiled once per worker, not per file.
 */
import { loadConverter } from './converter.js';
import { processFile, type Job, type JobOutcome } from './process-file.js';

export interface WorkerTask {
  job: Job;
  /** Converter module URL; null for the real pipeline. */
  converter: string | null;
}

export default async function runTask(task: WorkerTask): Promise<JobOutcome> {
  const convertJob = await loadConverter(task.converter ?? undefined);
  return processFile(task.job, convertJob);
}

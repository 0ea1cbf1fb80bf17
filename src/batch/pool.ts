/**
 * Which pool runs `--jobs N` ≥ 2: worker threads (the default) or worker processes (both
 * process-pool.ts). Both run the same task modules and keep the same semantics
 * (batches, stop between files, a dead worker's batch retried file by file, results in
 * order); they differ in cost, which the bench measures side by side (`npm run bench`:
 * "--jobs 2 (processes)" rows). Chosen by the caller, else by TEIWRIGHT_WORKERS.
 */
import { ProcessPool, ThreadPool, type PoolUsage } from './process-pool.js';

export type WorkerKind = 'threads' | 'processes';
export const WORKER_KINDS: readonly WorkerKind[] = ['threads', 'processes'];

export interface TaskPool<T, R> {
  run(task: T): Promise<R>;
  /** Each worker finishes the file it is on; its other files come back abandoned. */
  stop(): void;
  /** Ends the workers and waits for them. */
  close(): Promise<void>;
  /** What worker processes used (undefined for threads: their use is this process's). */
  usage(): PoolUsage | undefined;
}

/** `kind`, else TEIWRIGHT_WORKERS (threads or processes), else threads. */
export function workerKind(kind?: WorkerKind): WorkerKind {
  if (kind !== undefined) return kind;
  const env = process.env.TEIWRIGHT_WORKERS;
  if (env === undefined || env === '') return 'threads';
  if (!(WORKER_KINDS as readonly string[]).includes(env)) throw new RangeError(`TEIWRIGHT_WORKERS=${env}: expected threads or processes`);
  return env as WorkerKind;
}

export function createPool<T, R>(kind: WorkerKind | undefined, module: string, size: number, init: unknown = null): TaskPool<T, R> {
  return workerKind(kind) === 'processes' ? new ProcessPool<T, R>(module, size, init) : new ThreadPool<T, R>(module, size, init);
}

/**
 * The pool of worker THREADS (piscina), with the same face as the process pool: the task
 * module's default export gets `(task, stop)`, where `stop` is shared with this thread
 * (a SharedArrayBuffer), so a worker sees an interruption between two files without its
 * event loop turning.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PoolUsage } from './process-pool.js';

/** What a task carries into a worker thread: the task itself and the shared stop flag. */
export interface ThreadTask {
  task: unknown;
  stop: Int32Array;
}

export class ThreadPool<T, R> {
  private readonly pool: Piscina<ThreadTask, R>;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor(module: string, size: number, init: unknown = null) {
    if (!existsSync(fileURLToPath(module))) throw new Error(`the worker task ${fileURLToPath(module)} is missing: run \`npm run build\` first`);
    const entry = new URL(import.meta.url.endsWith('.ts') ? '../../dist/batch/thread.js' : './thread.js', import.meta.url);
    if (!existsSync(fileURLToPath(entry))) throw new Error(`the worker ${fileURLToPath(entry)} is missing: run \`npm run build\` first`);
    this.pool = new Piscina<ThreadTask, R>({ filename: entry.href, minThreads: size, maxThreads: size, workerData: { module, init } });
  }

  run(task: T): Promise<R> {
    return this.pool.run({ task, stop: this.flag });
  }

  /** Each worker finishes the file it is on; its other files come back abandoned. */
  stop(): void {
    Atomics.store(this.flag, 0, 1);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  /** Threads share this process's CPU time and memory: nothing to add. */
  usage(): PoolUsage | undefined {
    return undefined;
  }
}

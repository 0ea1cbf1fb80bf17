/**
 * Where jobs run: in this thread (`--jobs 1`) or in a piscina pool of worker threads.
 * Either way a job's promise resolves to an outcome; a worker that dies (process.exit,
 * out of memory) becomes an `internal-error` for its file, and piscina starts a new one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { loadConverter } from './converter.js';
import { diagnostic, processFile, type Job, type JobOutcome } from './process-file.js';
import type { WorkerTask } from './worker.js';

/** `abandoned`: the run was interrupted before the job finished. */
export type Outcome = JobOutcome | { abandoned: true };

export interface Executor {
  run(job: Job): Promise<Outcome>;
  /** Stops the workers (after an interruption, terminating those still busy). */
  close(): Promise<void>;
}

/**
 * The worker as JavaScript: beside this file in dist/, or — when this file is the
 * TypeScript source run by vitest — the compiled one in dist/ (`npm test` builds first).
 */
export function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? '../../dist/batch/worker.js' : './worker.js', import.meta.url);
}

function inProcess(converter: string | undefined): Executor {
  return {
    async run(job) {
      return processFile(job, await loadConverter(converter));
    },
    async close() {},
  };
}

const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

function pooled(jobs: number, converter: string | undefined, signal: AbortSignal | undefined): Executor {
  const url = workerUrl();
  if (!existsSync(fileURLToPath(url))) throw new Error(`the batch worker ${fileURLToPath(url)} is missing: run \`npm run build\` first`);
  const pool = new Piscina<WorkerTask, JobOutcome>({ filename: url.href, minThreads: jobs, maxThreads: jobs });
  return {
    async run(job) {
      try {
        return await pool.run({ job, converter: converter ?? null }, signal ? { signal } : {});
      } catch (e) {
        if (isAbort(e) || signal?.aborted) return { abandoned: true };
        const why = e instanceof Error ? e.message : String(e);
        return { result: { input: job.input, status: 'failed', diagnostics: [diagnostic('internal-error', `the worker converting this file stopped (${why}); the other files went on`, job.input)] } };
      }
    },
    close: () => pool.destroy(),
  };
}

export function createExecutor(jobs: number, converter: string | undefined, signal: AbortSignal | undefined): Executor {
  return jobs <= 1 ? inProcess(converter) : pooled(jobs, converter, signal);
}

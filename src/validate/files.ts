/**
 * Validating many files, in this process (`--jobs 1`) or in a pool of worker threads or
 * processes (as `convert` does, see batch/pool.ts): each worker compiles its schemas once and
 * checks a batch of files per message. Results come back in the order of the files whatever
 * `jobs` is, and a file's findings do not depend on the process that checked it, so the
 * report's bytes are the same for any `--jobs`.
 */
import { createPool, type WorkerKind } from '../batch/pool.js';
import type { Diagnostic } from '../diagnostics.js';
import { SchemaUnusable, validateFile, type ValidateFileOptions } from './index.js';

export type FileOptions = Omit<ValidateFileOptions, 'file'>;

/** One file's findings; never throws (a schema its xml-model names but cannot be used is a finding for that file). */
export function checkFile(file: string, options: FileOptions): Diagnostic[] {
  try {
    return validateFile(file, { ...options, file });
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\s+/g, ' ').trim() : String(e);
    return [{ code: e instanceof SchemaUnusable ? 'schema-invalid' : 'internal-error', severity: 'error', message, file }];
  }
}

export interface FilesTask {
  files: string[];
  options: FileOptions;
}

/** Files per message to a worker: messaging costs little next to checking them, and results come back steadily. */
const BATCH = 8;

/** The task module as JavaScript: beside this file in dist/, or the compiled one when this file is the TypeScript source (vitest; `npm test` builds first). */
function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../../dist/validate/files-worker.js' : './files-worker.js', import.meta.url);
}

const workerStopped = (file: string, e: unknown): Diagnostic[] => {
  const why = e instanceof Error ? e.message : String(e);
  return [{ code: 'internal-error', severity: 'error', message: `the worker checking this file stopped (${why}); the other files went on`, file }];
};

/**
 * Checks `files` with `jobs` workers and calls `onFile` for each, in the order of `files`,
 * as soon as it and every file before it are done. `workers`: threads or processes (pool.ts).
 */
export async function checkFiles(files: readonly string[], options: FileOptions, jobs: number, onFile: (file: string, diagnostics: Diagnostic[]) => void, workers?: WorkerKind): Promise<void> {
  if (jobs <= 1 || files.length <= 1) {
    for (const file of files) onFile(file, checkFile(file, options));
    return;
  }
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const size = Math.min(jobs, batches.length);
  const pool = createPool<FilesTask, Diagnostic[][]>(workers, workerUrl().href, size);
  /**
   * A batch whose worker died is checked again file by file, so only the file that kills its
   * worker is reported (checking is deterministic and writes nothing).
   */
  const check = async (batch: string[]): Promise<Diagnostic[][]> => {
    try {
      return await pool.run({ files: batch, options });
    } catch (e) {
      if (batch.length === 1) return [workerStopped(batch[0]!, e)];
      return (await Promise.all(batch.map((file) => check([file])))).flat();
    }
  };
  try {
    // A few batches per worker in flight: the workers stay busy, memory stays bounded.
    const window = size * 3;
    const running: Promise<Diagnostic[][]>[] = [];
    const start = (i: number): void => {
      running[i] = check(batches[i]!);
    };
    for (let i = 0; i < Math.min(window, batches.length); i++) start(i);
    for (let i = 0; i < batches.length; i++) {
      const results = await running[i]!;
      delete running[i];
      if (i + window < batches.length) start(i + window);
      batches[i]!.forEach((file, k) => onFile(file, results[k]!));
    }
  } finally {
    // Batches still in a worker (onFile threw) are finished first: every process ends, and is waited for.
    await pool.close();
  }
}

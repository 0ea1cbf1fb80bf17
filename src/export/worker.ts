/**
 * The task module of `teiwright export --jobs N` (run from dist/export/worker.js in the
 * batch engine's pool, src/batch/pool.ts): one TEI file per task. `stop` becomes 1 when the
 * run is interrupted: a file not yet started is given back as abandoned.
 */
import { runExportTask, type ExportTask, type TaskOutcome } from './task.js';

/** Lets the event loop turn, so a stop message sent to this worker is seen before the next file. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export default async function run(task: ExportTask, stop: Int32Array): Promise<TaskOutcome | { abandoned: true }> {
  await turn();
  if (Atomics.load(stop, 0) !== 0) return { abandoned: true };
  return runExportTask(task);
}

/** The piscina worker of `teiwright export` (run from dist/export/worker.js). */
import { runExportTask, type ExportTask, type TaskOutcome } from './task.js';

export default function run(task: ExportTask): Promise<TaskOutcome> {
  return runExportTask(task);
}

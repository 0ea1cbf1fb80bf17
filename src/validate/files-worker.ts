/** The task module of `teiwright validate --jobs N` (run from dist/validate/files-worker.js in a worker thread or process, see batch/pool.ts): checks a batch of files. */
import type { Diagnostic } from '../diagnostics.js';
import { checkFile, type FilesTask } from './files.js';

export default function runTask(task: FilesTask): Diagnostic[][] {
  return task.files.map((file) => checkFile(file, task.options));
}

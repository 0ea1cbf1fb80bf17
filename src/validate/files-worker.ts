/** The piscina worker of `teiwright validate --jobs N` (run from dist/validate/files-worker.js): checks a batch of files. */
import type { Diagnostic } from '../diagnostics.js';
import { checkFile, type FilesTask } from './files.js';

export default function runTask(task: FilesTask): Diagnostic[][] {
  return task.files.map((file) => checkFile(file, task.options));
}

/**
 * The worker thread of `validate --timeout` (run from dist/validate/budget-worker.js, see
 * budget.ts): checks one file (or one text, for stdin) per message, saying when it starts
 * each, so the budget counts the check alone and not the time a message waited. The
 * schema named at start is compiled before the first message is read: a compile is the
 * same for every file and is not counted against one file's budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.js';
import { checkFile } from './files.js';
import { prepareSchema, validateTei } from './index.js';
import type { BudgetInit, BudgetReply, BudgetTask } from './budget.js';

if (!parentPort) throw new Error('budget-worker.js runs as a worker thread of validate --timeout');
const port = parentPort;
const init = workerData as BudgetInit;

if (init.prepare !== undefined) {
  try {
    prepareSchema(init.prepare);
  } catch {
    // The main thread checked the schema before any file: a failure here is said for each file by the check itself.
  }
}

function check(task: BudgetTask): Diagnostic[] {
  if (task.kind === 'file') return checkFile(task.file, task.options);
  try {
    return validateTei(task.text, { ...task.options, file: task.name });
  } catch (e) {
    return [{ code: 'internal-error', severity: 'error', message: `validation failed: ${e instanceof Error ? e.message : String(e)} (please report it)`, file: task.name }];
  }
}

const reply = (m: BudgetReply): void => port.postMessage(m);

port.on('message', (task: BudgetTask) => {
  reply({ kind: 'started', id: task.id });
  reply({ kind: 'done', id: task.id, diagnostics: check(task) });
});

/**
 * A worker process of the process pool (run from dist/batch/child.js; see process-pool.ts).
 * It loads the task module named by the pool, runs its tasks one after another and sends
 * each result back. A task module's default export takes the task and a stop flag:
 * `(task, stop: Int32Array) => result`; the flag becomes 1 when the pool stops (Ctrl-C),
 * and the module checks it between files.
 *
 * - Ctrl-C in a terminal reaches the whole process group: the worker ignores SIGINT and
 *   lets the pool decide (the file under way finishes, the rest come back abandoned), so
 *   what a batch did is never lost.
 * - When the pool's process goes away, the IPC channel closes and the worker exits.
 */
import type { FromWorker, ToWorker } from './process-pool.js';

type RunTask = (task: unknown, stop: Int32Array) => unknown;
/** A task module may also export `prepare(init)`, run as soon as it is loaded (say, to load a converter before the first task). */
type Prepare = (init: unknown) => unknown;

const stop = new Int32Array(1);
let runTask: Promise<RunTask> | undefined;
/** Tasks run one at a time, in the order they came. */
let chain: Promise<void> = Promise.resolve();

const send = (m: FromWorker): void => {
  if (process.connected) process.send!(m);
};

process.on('SIGINT', () => {
  // the pool decides (see above)
});
process.on('disconnect', () => process.exit(0));

async function loadModule(url: string, init: unknown): Promise<RunTask> {
  const mod = (await import(url)) as { default?: unknown; prepare?: unknown };
  if (typeof mod.default !== 'function') throw new TypeError(`the worker task module ${url} has no default export`);
  if (typeof mod.prepare === 'function') await (mod.prepare as Prepare)(init);
  return mod.default as RunTask;
}

async function run(id: number, task: unknown): Promise<void> {
  try {
    if (!runTask) throw new Error('the worker process was given a task before its module');
    send({ kind: 'done', id, result: await (await runTask)(task, stop) });
  } catch (e) {
    send({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

process.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'init':
      runTask = loadModule(m.module, m.init);
      // A module that cannot load fails each task with its reason (an unhandled rejection would end the process).
      runTask.catch(() => undefined);
      if (m.stopped) stop[0] = 1;
      break;
    case 'task':
      chain = chain.then(() => run(m.id, m.task));
      break;
    case 'stop':
      stop[0] = 1;
      break;
    case 'close':
      // After the tasks under way: the pool asks only when it has none left in this process.
      chain = chain.then(() => {
        const u = process.resourceUsage();
        const usage = { cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS };
        if (!process.connected) process.exit(0);
        process.send!({ kind: 'usage', usage } satisfies FromWorker, () => process.exit(0));
      });
      break;
  }
});

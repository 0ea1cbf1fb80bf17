/**
 * The worker's side of the pool (process-pool.ts), the same for a worker process (child.ts)
 * and a worker thread (thread.ts): it loads the task module named by the pool, runs its
 * tasks one after another and sends each result back. A task module's default export takes
 * the task and a stop flag: `(task, stop: Int32Array) => result`; the flag becomes 1 when
 * the pool stops (Ctrl-C), and the module checks it between files (letting the event loop
 * turn, so the stop message is seen).
 */
import type { FromWorker, ToWorker, WorkerUsage } from './process-pool.js';

type RunTask = (task: unknown, stop: Int32Array) => unknown;
/** A task module may also export `prepare(init)`, run as soon as it is loaded (say, to load a converter before the first task). */
type Prepare = (init: unknown) => unknown;

export interface HostChannel {
  /** Sends a message to the pool; `sent` runs once it is on its way. */
  send(m: FromWorker, sent?: () => void): void;
  /** What this worker used, reported when the pool closes it (undefined: nothing to report). */
  usage(): WorkerUsage | undefined;
  /** Ends this worker. */
  exit(): void;
}

async function loadModule(url: string, init: unknown): Promise<RunTask> {
  const mod = (await import(url)) as { default?: unknown; prepare?: unknown };
  if (typeof mod.default !== 'function') throw new TypeError(`the worker task module ${url} has no default export`);
  if (typeof mod.prepare === 'function') await (mod.prepare as Prepare)(init);
  return mod.default as RunTask;
}

/** The handler of the pool's messages. */
export function host(channel: HostChannel): (m: ToWorker) => void {
  const stop = new Int32Array(1);
  let runTask: Promise<RunTask> | undefined;
  /** Tasks run one at a time, in the order they came. */
  let chain: Promise<void> = Promise.resolve();

  const run = async (id: number, task: unknown): Promise<void> => {
    try {
      if (!runTask) throw new Error('the worker was given a task before its module');
      channel.send({ kind: 'done', id, result: await (await runTask)(task, stop) });
    } catch (e) {
      channel.send({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (m) => {
    switch (m.kind) {
      case 'init':
        runTask = loadModule(m.module, m.init);
        // A module that cannot load fails each task with its reason (an unhandled rejection would end the worker).
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
        // After the tasks under way: the pool asks only when it has none left in this worker.
        chain = chain.then(() => {
          const usage = channel.usage();
          if (usage) channel.send({ kind: 'usage', usage }, () => channel.exit());
          else channel.exit();
        });
        break;
    }
  };
}

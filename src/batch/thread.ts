/**
 * The piscina entry of the thread pool (run from dist/batch/thread.js): loads the task
 * module named in `workerData` once per thread and runs its default export on each task.
 */
import { workerData } from 'node:worker_threads';
import type { ThreadTask } from './thread-pool.js';

type RunTask = (task: unknown, stop: Int32Array) => unknown;

const { module, init } = workerData as { module: string; init: unknown };

const loaded: Promise<RunTask> = (async () => {
  const mod = (await import(module)) as { default?: unknown; prepare?: unknown };
  if (typeof mod.default !== 'function') throw new TypeError(`the worker task module ${module} has no default export`);
  if (typeof mod.prepare === 'function') await (mod.prepare as (init: unknown) => unknown)(init);
  return mod.default as RunTask;
})();
// A module that cannot load fails each task with its reason.
loaded.catch(() => undefined);

export default async function runThreadTask({ task, stop }: ThreadTask): Promise<unknown> {
  return (await loaded)(task, stop);
}

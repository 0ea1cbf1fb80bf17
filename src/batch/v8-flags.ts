/**
 * V8 flags a program set for itself at run time (`v8.setFlagsFromString`), remembered so
 * that the worker processes it forks run with them too: a flag set at run time is not in
 * `process.execArgv`, and a forked process starts from its own. Worker threads need
 * nothing: V8's flags are the process's. The library sets no flag; the command line does
 * (cli/heap.ts).
 */
import { setFlagsFromString } from 'node:v8';

const set: string[] = [];

/** Sets `flag` (say `--heap-growing-percent=50`) for this process and its worker processes. */
export function setV8Flag(flag: string): void {
  setFlagsFromString(flag);
  if (!set.includes(flag)) set.push(flag);
}

/** The flags set with `setV8Flag`, for a forked worker's `execArgv`. */
export function childV8Flags(): readonly string[] {
  return set;
}

/**
 * Sets the remembered flags again. Setting up a thread's heap (a worker thread starting)
 * resets some of them: V8 raises `--semi-space-growth-factor` below 2 back to 2 (measured
 * on Node 20: a worker started after the flag was set made the main thread's young
 * generation grow again). The thread pool calls this once each worker is up.
 */
export function reapplyV8Flags(): void {
  for (const flag of set) setFlagsFromString(flag);
}

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

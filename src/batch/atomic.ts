/**
 * Output files appear whole or not at all: the TEI is written to a hidden temporary file
 * beside its target and renamed over it (rename is atomic within a folder).
 */
import { makeFolders, makeFoldersSync } from '../io/folders.js';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

let counter = 0;

/** The temporary name's prefix for `target` in this process; pid and thread keep writers apart. */
export function tempPrefix(target: string, pid = process.pid): string {
  return `.${basename(target)}.tmp-${pid}-`;
}

function tempPath(target: string): string {
  return join(dirname(target), `${tempPrefix(target)}${threadId}.${++counter}`);
}

/** A temporary file's name: `.<target>.tmp-<pid>-<thread>.<n>`; the pid says which run wrote it. */
const TEMP_NAME = /^\..+\.tmp-(\d+)-\d+\.\d+$/;

/** True when process `pid` runs (this one, or another that a signal 0 reaches, under any user). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders whose stale temporary files this thread has already removed. */
const swept = new Set<string>();

/**
 * Removes the temporary files a killed run left in `dir` (its pid no longer runs), once per
 * folder and thread; files of a run still going are left alone.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  if (swept.has(dir)) return [];
  swept.add(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = TEMP_NAME.exec(n);
    return m !== null && !isRunning(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true }).catch(() => undefined)));
  return stale;
}

/** `removeStaleTemps` with synchronous calls (a worker thread, where blocking is free). */
export function removeStaleTempsSync(dir: string): string[] {
  if (swept.has(dir)) return [];
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = TEMP_NAME.exec(n);
    return m !== null && !isRunning(Number(m[1]));
  });
  for (const n of stale) {
    try {
      rmSync(join(dir, n), { force: true });
    } catch {
      // another run removed it, or it cannot be removed: not this file's failure
    }
  }
  return stale;
}

/**
 * Removes the files in `dir` whose name matches `pattern` (its first group: the pid of the
 * run that wrote it) and whose run no longer runs: the temporary files of writers that use
 * a fixed name per process (`--report`'s `<report>.tmp-<pid>`, export's corpus parts), left
 * by a kill. Files of a run still going, and every other name, are left alone.
 */
export function removeStaleFilesSync(dir: string, pattern: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = pattern.exec(n);
    return m !== null && m[1] !== undefined && !isRunning(Number(m[1]));
  });
  for (const n of stale) {
    try {
      rmSync(join(dir, n), { force: true });
    } catch {
      // removed by another run meanwhile, or not ours to remove: nothing to report
    }
  }
  return stale;
}

/** A pattern matching `name` exactly, for use inside a RegExp. */
export const escapeName = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `writeAtomic` with synchronous calls, for a worker thread: it has nothing else to do while
 * it waits, and each promise call costs a hop to libuv's thread pool and back (measured:
 * the pool's threads spent ~0.8 ms of CPU per file, more than a fifth of a file's cost).
 */
export function writeAtomicSync(target: string, data: string | Uint8Array): void {
  removeStaleTempsSync(dirname(target));
  const temp = tempPath(target);
  try {
    try {
      writeFileSync(temp, data, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      makeFoldersSync(dirname(temp));
      writeFileSync(temp, data, { flag: 'wx' });
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing more can be done; the error below says what failed
    }
    throw e;
  }
}

/** Writes `data` to `target` atomically, creating its folder; on any failure no temporary file is left. */
export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await removeStaleTemps(dirname(target));
  const temp = tempPath(target);
  try {
    await writeTemp(temp, data);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * `writeAtomic` for text made a chunk at a time (the compacted manifest): each chunk is
 * written as it comes, so the whole text is never held at once.
 */
export async function writeAtomicChunks(target: string, chunks: Iterable<string>): Promise<void> {
  await removeStaleTemps(dirname(target));
  const temp = tempPath(target);
  try {
    let handle;
    try {
      handle = await open(temp, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await makeFolders(dirname(temp));
      handle = await open(temp, 'wx');
    }
    try {
      // writeFile on a handle writes the whole chunk at the current position (write may write part of it).
      for (const chunk of chunks) await handle.writeFile(chunk);
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Writes the temporary file, creating its folder only when it is missing: most files go to
 * a folder that exists already, and a recursive mkdir per file costs more than the write.
 */
async function writeTemp(temp: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(temp, data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await makeFolders(dirname(temp));
    await writeFile(temp, data, { flag: 'wx' });
  }
}

/**
 * Removes this process's temporary files for `target`, left behind when a worker was
 * terminated between writing and renaming (an interrupted run).
 */
export async function removeTemps(target: string): Promise<void> {
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(dirname(target), n), { force: true }).catch(() => undefined)));
}

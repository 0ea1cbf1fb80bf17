/**
 * Creating an output folder and its missing parents. Node's `mkdir(…, { recursive: true })`
 * never returns for a folder under /proc (it retries ENOENT forever: `-o /proc/x` hung the
 * CLI); made one level at a time, the same request fails with ENOENT at once.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The folders to create for `dir`, outermost first (none when it exists). */
function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  return missing.reverse();
}

export function makeFoldersSync(dir: string): void {
  for (const d of missingFolders(dir)) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Another writer made it meanwhile (parallel workers): that is fine.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export async function makeFolders(dir: string): Promise<void> {
  for (const d of missingFolders(dir)) {
    try {
      await mkdir(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

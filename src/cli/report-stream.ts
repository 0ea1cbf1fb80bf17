/**
 * `--report FILE.json` written while the run goes: each file's line is appended to a
 * temporary sibling as it is reported, and the totals close it and rename it into place, so
 * a run of a million files keeps none of its lines in memory (they were all kept until the
 * end: about 1 KB per file). The bytes are those of `formatReport('json', makeReport(…))`
 * (JSON.stringify with two spaces): the files come before the totals, so the head can be
 * written first. Written whole or not at all, as `writeFileAtomic`: a killed run leaves a
 * temporary file its next run removes.
 */
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { escapeName, removeStaleFilesSync } from '../batch/atomic.js';
import { makeFoldersSync } from '../io/folders.js';
import { VERSION } from '../version.js';
import { reportLine, type FileLine } from './output.js';

export interface ReportStream {
  file(line: FileLine): void;
  /** Writes the totals and puts the report in place; throws what went wrong, then or while appending. */
  finish(totals: Record<string, number>, exitCode: number): void;
}

/** JSON.stringify(value, null, 2) as it reads `depth` levels down in an enclosing JSON.stringify(…, null, 2). */
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * A stream for the JSON report at `path`, or undefined where one cannot be streamed (the
 * path is a device, a pipe or a folder: the caller keeps the lines and writes it at the end,
 * with its own message for a folder).
 */
export function streamJsonReport(path: string, command: string): ReportStream | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
  } catch {
    // not there yet: written through a temporary file below
  }
  const tmp = `${path}.tmp-${process.pid}`;
  let fd: number | undefined;
  let failure: unknown;
  let count = 0;
  const write = (s: string): void => {
    if (failure !== undefined || fd === undefined) return;
    try {
      writeSync(fd, s);
    } catch (e) {
      failure = e;
    }
  };
  try {
    makeFoldersSync(dirname(path));
    removeStaleFilesSync(dirname(path), new RegExp(`^${escapeName(basename(path))}\\.tmp-(\\d+)$`));
    fd = openSync(tmp, 'w');
  } catch (e) {
    failure = e;
  }
  write(`{\n  "tool": "teiwright",\n  "version": ${JSON.stringify(VERSION)},\n  "command": ${JSON.stringify(command)},\n  "files": [`);
  return {
    file(line) {
      write(`${count++ === 0 ? '\n' : ',\n'}    ${nested(reportLine(line), 2)}`);
    },
    finish(totals, exitCode) {
      write(`${count > 0 ? '\n  ' : ''}],\n  "totals": ${nested(totals, 1)},\n  "exitCode": ${JSON.stringify(exitCode)}\n}\n`);
      try {
        if (fd !== undefined) closeSync(fd);
        if (failure !== undefined) throw failure;
        renameSync(tmp, path);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    },
  };
}

/**
 * How commands show results: one line per file, then its diagnostics as
 * `file:line:col: severity code: message`, then a summary; or the same as JSON.
 * Lines go to stdout, the progress bar to stderr, so `> log.txt` keeps the facts.
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { makeFoldersSync } from '../io/folders.js';
import { basename, dirname } from 'node:path';
import { escapeName, removeStaleFilesSync } from '../batch/atomic.js';
import { countBySeverity, formatDiagnostic, type Diagnostic, type Severity } from '../diagnostics.js';
import { VERSION } from '../version.js';

export interface FileLine {
  input: string;
  /** converted, failed, unchanged, valid, invalid, … */
  status: string;
  output?: string;
  profile?: string;
  diagnostics: Diagnostic[];
  stats?: Record<string, number>;
  /** With `--explain`: each emendation made, `line:col kind resp: description`. */
  emendations?: string[];
}

export interface Printer {
  file(line: FileLine): void;
  summary(text: string): void;
}

const SHOWN: Record<'quiet' | 'normal' | 'verbose', ReadonlySet<Severity>> = {
  quiet: new Set(['error']),
  normal: new Set(['error', 'warning', 'info']),
  verbose: new Set(['error', 'warning', 'info']),
};

/**
 * A line safe to print: control characters (a newline or ESC in a file name), bidi
 * overrides (RLO) and line separators are shown as `\xNN` / `\u{NNNN}`, so one fact stays
 * one line and no name sends escape codes to the terminal.
 */
export function printable(s: string): string {
  return s.replace(/[\x00-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
  });
}

/**
 * How many diagnostics of one code and severity a file may have before they are shown as one
 * finding: errors never fold (each is something to fix); more than 50 warnings or more than
 * 10 infos of one code in one file become one finding with the first one's message and
 * line:col, the count, and the first PLACES places (real pages have up to 18 warnings and 8
 * infos of one code, all still listed; a flood — 50,000 repaired references — is one line). The library (`convert`) still returns
 * every diagnostic; the printed lines and the JSON report show the folded findings.
 */
export const FOLD_ABOVE: Record<Severity, number> = { error: Number.POSITIVE_INFINITY, warning: 50, info: 10 };
const PLACES = 10;

/** The diagnostics of one file with the codes that pass FOLD_ABOVE folded into one finding each, at the first one's place in the list. */
export function aggregateDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of ds) counts.set(`${d.severity} ${d.code}`, (counts.get(`${d.severity} ${d.code}`) ?? 0) + 1);
  if (![...counts].some(([key, n]) => n > FOLD_ABOVE[key.slice(0, key.indexOf(' ')) as Severity])) return [...ds];
  const folded = new Map<string, Diagnostic>();
  const out: Diagnostic[] = [];
  for (const d of ds) {
    const key = `${d.severity} ${d.code}`;
    const n = counts.get(key)!;
    if (n <= FOLD_ABOVE[d.severity]) {
      out.push(d);
      continue;
    }
    let f = folded.get(key);
    if (!f) {
      f = { ...d, count: n, places: [] };
      folded.set(key, f);
      out.push(f);
    }
    if (d.line !== undefined && f.places!.length < PLACES) f.places!.push(d.column === undefined ? { line: d.line } : { line: d.line, column: d.column });
  }
  return out;
}

export function linePrinter(rawWrite: (s: string) => void, level: keyof typeof SHOWN): Printer {
  // Every line printed is one fact on one line: escaped, then ended.
  const write = (s: string): void => rawWrite(`${printable(s.endsWith('\n') ? s.slice(0, -1) : s)}\n`);
  return {
    file(line) {
      const c = countBySeverity(line.diagnostics);
      const shown = aggregateDiagnostics(line.diagnostics.filter((d) => SHOWN[level].has(d.severity)));
      if (level === 'quiet' && shown.length === 0) return;
      const target = line.output ? ` -> ${line.output}` : '';
      const profile = line.profile ? ` [${line.profile}]` : '';
      write(`${line.status} ${line.input}${target}${profile} (${c.error} errors, ${c.warning} warnings)\n`);
      for (const d of shown) write(`  ${formatDiagnostic(d)}\n`);
      for (const e of line.emendations ?? []) write(`  ${line.input}:${e}\n`);
    },
    summary(text) {
      for (const l of text.split('\n')) write(l);
    },
  };
}

/**
 * When the reader of stdout (or stderr) goes away (`teiwright validate … | head`), writing
 * stops there, quietly, and the process ends as a Unix tool ends on a closed pipe (exit 141),
 * rather than with Node's unhandled `EPIPE` error and its stack trace. Other errors of the
 * stream are one line on stderr, never a stack trace.
 */
export function stopOnClosedPipe(streams: readonly NodeJS.WriteStream[], exit: (code: number) => never, pipeClosed: number, failed: number): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') exit(pipeClosed);
      if (stream !== process.stderr) {
        try {
          process.stderr.write(`${printable(`teiwright: error output-unwritable: cannot write to stdout: ${error.message}`)}\n`);
        } catch {
          // stderr gone too: nothing left to tell
        }
      }
      exit(failed);
    });
  }
}

export const silentPrinter: Printer = { file() {}, summary() {} };

/** The machine-readable report of a command: the same facts as the lines. */
export interface Report {
  tool: 'teiwright';
  version: string;
  command: string;
  files: FileLine[];
  totals: Record<string, number>;
  exitCode: number;
}

export function makeReport(command: string, files: FileLine[], totals: Record<string, number>, exitCode: number): Report {
  // Repeated diagnostics of one code are folded (FOLD_ABOVE): the report keeps their count.
  return { tool: 'teiwright', version: VERSION, command, files: files.map(reportLine), totals, exitCode };
}

/** One file as the report gives it: repeated diagnostics of one code folded (FOLD_ABOVE), with their count. */
export const reportLine = (f: FileLine): FileLine => ({ ...f, diagnostics: aggregateDiagnostics(f.diagnostics) });

/**
 * Writes a file whole or not at all: a temporary sibling, then a rename; no temporary file
 * is left on failure. A temporary sibling of the same file left by a killed run (its pid no
 * longer runs) is removed first.
 */
export function writeFileAtomic(path: string, data: string): void {
  let info;
  try {
    info = statSync(path);
  } catch {
    // not there yet: written atomically below
  }
  if (info && !info.isFile()) {
    if (info.isDirectory()) throw new Error(`${path} is a folder`);
    // /dev/stdout, a FIFO, a device: written as it is. Renaming a temporary file over it
    // would replace the device node itself (as root, /dev/full became a regular file).
    writeFileSync(path, data);
    return;
  }
  makeFoldersSync(dirname(path));
  removeStaleFilesSync(dirname(path), new RegExp(`^${escapeName(basename(path))}\\.tmp-(\\d+)$`));
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}


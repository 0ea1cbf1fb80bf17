/**
 * One input file, start to finish: read, hash, decode, convert, write. Runs in the main
 * thread (`--jobs 1`) or in a worker; it never throws, every failure is a diagnostic.
 */
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { CODES, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { readInput, readInputSync, type ReadOutcome } from '../io/read.js';
import { loadCorrections, type CorrectionSet } from '../transforms/corrections/load.js';
import type { SourcePos } from '../model/edition.js';
import type { Limits } from '../model/limits.js';
import { writeAtomic, writeAtomicSync } from './atomic.js';
import type { ConvertJob, FileResult } from './types.js';

/** Everything a worker needs to know about one file (plain data). */
export interface Job {
  /** Absolute paths. */
  inputPath: string;
  outputPath: string;
  /** The paths shown in the report and in diagnostics. */
  input: string;
  output: string;
  profile?: string;
  validate: boolean;
  verify: boolean;
  /** Refuse a TEI that fails only the fidelity check instead of writing it with errors. */
  strict?: boolean;
  explain?: boolean;
  /** The editor's corrections file named on the command line (absolute); else a sidecar is looked for. */
  correctionsPath?: string;
  maxBytes?: number;
  limits?: Partial<Limits>;
  /** The manifest's hash of this input when it was last converted with the same settings. */
  knownSha256?: string;
  /** The manifest says the output file is ours: remove it if the input now fails, so OUT never holds stale TEI. */
  ownsOutput?: boolean;
}

export interface JobOutcome {
  result: FileResult;
  /** sha256 of the input's bytes, when they could be read. */
  sha256?: string;
}

export function diagnostic(code: DiagnosticCode, message: string, file: string, pos?: SourcePos): Diagnostic {
  const d: Diagnostic = { code, severity: CODES[code].severity, message, file };
  if (pos) {
    d.line = pos.line;
    d.column = pos.column;
  }
  return d;
}

/** True when every error is the fidelity check's (`words-lost`): the TEI itself is well-formed and valid. */
export function failsOnlyFidelity(diagnostics: readonly Diagnostic[]): boolean {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 && errors.every((d) => d.code === 'words-lost');
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** An `internal-error`: one line for people, the stack in `detail` (the JSON report keeps it). */
export function internalError(what: string, e: unknown, file: string): Diagnostic {
  const d = diagnostic('internal-error', `${what} failed: ${reason(e)} (please report it)`, file);
  if (e instanceof Error && e.stack) d.detail = e.stack;
  return d;
}

export { readInput, readInputSync, type ReadOutcome } from '../io/read.js';

/**
 * How a file is read and written. The batch engine uses synchronous calls, in a worker and
 * in the main thread with `--jobs 1` (which lets the event loop turn between files, see
 * executor.ts): every promise call is a round trip through libuv's thread pool, whose
 * threads spent ~0.8 ms of CPU per file (measured per thread on 2,000 files), about a
 * fifth of a file's whole cost. Promises remain for standard input and output (io/stdin.ts).
 */
export interface FileIo {
  read(path: string, maxBytes: number): ReadOutcome | Promise<ReadOutcome>;
  isFile(path: string): boolean | Promise<boolean>;
  write(target: string, data: string): void | Promise<void>;
  remove(path: string): void | Promise<void>;
}

export const asyncIo: FileIo = {
  read: readInput,
  isFile: exists,
  write: writeAtomic,
  remove: (path) => rm(path, { force: true }).catch(() => undefined),
};

export const syncIo: FileIo = {
  read: readInputSync,
  isFile(path) {
    try {
      // Most files have no sidecar: no error object (and its stack) is made for each.
      return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
    } catch {
      return false;
    }
  },
  write: writeAtomicSync,
  remove(path) {
    try {
      rmSync(path, { force: true });
    } catch {
      // as asyncIo: a stale output that cannot be removed is not this file's failure
    }
  },
};

/** The largest corrections file read, in bytes. */
const MAX_CORRECTIONS_BYTES = 16 * 1024 * 1024;

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** `<dir>/<stem>.corrections.json` beside an input: the editor's sidecar, picked up by default. */
export function sidecarPath(inputPath: string): string {
  const slash = Math.max(inputPath.lastIndexOf('/'), inputPath.lastIndexOf('\\'));
  const name = inputPath.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return `${inputPath.slice(0, slash + 1)}${dot > 0 ? name.slice(0, dot) : name}.corrections.json`;
}

interface LoadedCorrections {
  bytes: Buffer;
  set?: CorrectionSet;
  diagnostics: Diagnostic[];
}

/** Parsed corrections files, by path and content, so a batch parses one shared file once per worker. */
const correctionsCache = new Map<string, LoadedCorrections>();

async function readCorrections(job: Job, io: FileIo): Promise<LoadedCorrections | undefined> {
  const path = job.correctionsPath ?? sidecarPath(job.inputPath);
  let bytes: Buffer;
  const refuse = (why: string): LoadedCorrections => ({ bytes: Buffer.alloc(0), diagnostics: [diagnostic('corrections-invalid', `cannot read the corrections file ${path}: ${why}`, path)] });
  try {
    if (job.correctionsPath === undefined && !(await io.isFile(path))) return undefined; // no sidecar: nothing to apply
    const read = await io.read(path, MAX_CORRECTIONS_BYTES);
    if ('notFile' in read) return refuse(`it is ${read.notFile}`);
    if ('tooLarge' in read) return refuse(`it has more than ${MAX_CORRECTIONS_BYTES} bytes`);
    bytes = read.bytes;
  } catch (e) {
    return refuse(reason(e));
  }
  const key = `${path}\u0000${createHash('sha256').update(bytes).digest('hex')}`;
  let loaded = correctionsCache.get(key);
  if (!loaded) {
    const shown = job.correctionsPath === undefined ? sidecarPath(job.input) : path;
    const { corrections, diagnostics } = loadCorrections(bytes.toString('utf8'), shown);
    loaded = { bytes, diagnostics, ...(corrections && { set: corrections }) };
    correctionsCache.set(key, loaded);
  }
  return loaded;
}

/**
 * The converter, loaded when a file is first converted: a rerun whose files are all
 * unchanged never loads the pipeline (in each worker, about 0.5 s of CPU and 30 MB).
 * A converter that cannot be loaded throws, as before the first file.
 */
export type ConverterSource = () => ConvertJob | Promise<ConvertJob>;

export async function processFile(job: Job, converter: ConverterSource, io: FileIo = asyncIo): Promise<JobOutcome> {
  const started = performance.now();
  const maxBytes = job.maxBytes ?? Number.POSITIVE_INFINITY;
  const failed = (diagnostics: Diagnostic[], extra: Partial<FileResult> = {}): FileResult => ({ input: job.input, status: 'failed', diagnostics, ...extra });

  let read: ReadOutcome;
  try {
    read = await io.read(job.inputPath, maxBytes);
  } catch (e) {
    return { result: failed([diagnostic('input-unreadable', `cannot read the file: ${reason(e)}`, job.input)]) };
  }
  if ('notFile' in read) {
    return { result: failed([diagnostic('input-not-file', `${read.notFile}: teiwright reads regular files only`, job.input)]) };
  }
  if ('tooLarge' in read) {
    return { result: failed([diagnostic('input-too-large', `the file has ${read.tooLarge === maxBytes + 1 ? `more than ${maxBytes}` : read.tooLarge} bytes, more than the limit of ${maxBytes} (--max-size)`, job.input)]) };
  }
  const bytes = read.bytes;
  let corrections: LoadedCorrections | undefined;
  try {
    corrections = await readCorrections(job, io);
  } catch (e) {
    // Never thrown on purpose (loadCorrections reports everything); kept so --jobs 1 and 2 agree.
    return { result: failed([internalError('the corrections file', e, job.input)]) };
  }
  // The corrections are part of what the output is made from: editing them redoes the file.
  const hash = createHash('sha256').update(bytes);
  if (corrections) hash.update(corrections.bytes);
  const sha256 = hash.digest('hex');
  if (job.knownSha256 === sha256 && (await io.isFile(job.outputPath))) {
    return { result: { input: job.input, output: job.output, status: 'unchanged', diagnostics: [] }, sha256 };
  }

  const result = corrections?.diagnostics.length
    ? failed(corrections.diagnostics.map((d) => ({ ...d })))
    : await convertBytes(job, bytes, await converter(), corrections?.set, io);
  if (result.stats) result.stats.ms = Math.round((performance.now() - started) * 1000) / 1000;
  if (result.status === 'failed' && job.ownsOutput) await io.remove(job.outputPath);
  return { result, sha256 };
}

async function convertBytes(job: Job, bytes: Buffer, convertJob: ConvertJob, corrections: CorrectionSet | undefined, io: FileIo): Promise<FileResult> {
  const base = { input: job.input };
  const decoded = decodeInput(bytes);
  if (!decoded.ok) return { ...base, status: 'failed', diagnostics: [diagnostic(decoded.code, decoded.message, job.input, decoded.pos)] };

  let converted;
  try {
    converted = await convertJob(decoded.text, {
      file: job.input,
      ...(job.profile !== undefined && { profile: job.profile }),
      validate: job.validate,
      verify: job.verify,
      ...(corrections && { corrections }),
      ...(job.limits && { limits: job.limits }),
    });
  } catch (e) {
    return { ...base, status: 'failed', diagnostics: [internalError('the converter', e, job.input)] };
  }
  const diagnostics = [...converted.diagnostics];
  if (decoded.warning) diagnostics.unshift(diagnostic(decoded.warning.code, decoded.warning.message, job.input, decoded.warning.pos));
  else if (decoded.charset) diagnostics.unshift(diagnostic('input-charset', `read as ${decoded.charset}, the charset the file declares (it is not UTF-8)`, job.input));
  const stats = { notes: 0, anchors: 0, linked: 0, emendations: 0, ...converted.stats, bytes: bytes.length, ms: 0 };
  const withProfile = {
    ...base,
    ...(converted.profile !== undefined && { profile: converted.profile }),
    stats,
    ...(job.explain && converted.emendations && { emendations: converted.emendations }),
  };
  const hasError = diagnostics.some((d) => d.severity === 'error');
  if (converted.tei === undefined) {
    // Honesty: a converter that gives no TEI must say why; if it did not, say it for it.
    if (!hasError) diagnostics.push(diagnostic('internal-error', 'the converter produced no TEI and reported no error', job.input));
    return { ...withProfile, status: 'failed', diagnostics };
  }
  // A document with errors is not written — except a well-formed, valid TEI whose only
  // errors are words lost or added (the fidelity check): the document is not lost, the
  // errors name the words and their lines, and the run still exits 1. `--strict` refuses it.
  if (hasError && (job.strict || !failsOnlyFidelity(diagnostics))) return { ...withProfile, status: 'failed', diagnostics };
  try {
    await io.write(job.outputPath, converted.tei);
  } catch (e) {
    diagnostics.push(diagnostic('output-unwritable', `cannot write ${job.output}: ${reason(e)}`, job.input));
    return { ...withProfile, status: 'failed', diagnostics };
  }
  return { ...withProfile, output: job.output, status: 'converted', diagnostics };
}

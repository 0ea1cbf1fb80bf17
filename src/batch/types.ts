/**
 * The batch engine's public types: what the CLI passes to `runBatch` and what it gets back.
 * Everything that crosses into a worker thread or process is plain data (structured-clone safe).
 */
import type { Limits } from '../model/limits.js';
import type { ConvertOptions } from '../convert.js';
import type { Diagnostic } from '../diagnostics.js';
import type { WorkerKind } from './pool.js';

export interface BatchOptions {
  /** Files and/or folders; [] means the default `input/`. Relative paths are resolved against `cwd`. */
  inputs: string[];
  /** Where the TEI goes (default `output/`); a folder argument's tree is mirrored under it. */
  outDir: string;
  /** A forced reader profile (`--profile`); undefined lets each file's content decide. */
  profile?: string;
  /** Schema-validate each output (default true). */
  validate?: boolean;
  /** Run the fidelity check on each conversion (default true). */
  verify?: boolean;
  /**
   * Refuse a TEI that fails only the fidelity check (`--strict`). By default such a TEI is
   * written (a document is never lost) and the lost or extra words are reported as errors.
   */
  strict?: boolean;
  /**
   * An editor's corrections file (`--corrections`). Without it, a sidecar next to each input,
   * `<stem>.corrections.json`, is used when there is one.
   */
  corrections?: string;
  /** Put one line per emendation in each FileResult (`--explain`). */
  explain?: boolean;
  /** Worker threads; default `os.availableParallelism()`. 1 converts in this thread, without a pool. */
  jobs?: number;
  /** Ignore the manifest and convert everything again. */
  force?: boolean;
  /** `--shard i/n` (1-based i): convert only the stable i-th of n disjoint subsets. */
  shard?: { index: number; count: number };
  /** Inputs larger than this many bytes are refused with `input-too-large` (counted while reading: pipes, devices and /proc are bounded too). */
  maxBytes?: number;
  /** Nesting depth and note anchors allowed per document (`--max-depth`, `--max-anchors`). */
  limits?: Partial<Limits>;
  /** URL (or path) of a module exporting `convertJob` (see ConvertJob); default: the real pipeline. */
  converter?: string;
  /**
   * What runs `jobs` ≥ 2: worker `threads` (the default) or worker `processes` (each with
   * its own heap and its own CPU time, reported in `BatchResult.workers`). Unset: the
   * TEIWRIGHT_WORKERS environment variable, else threads.
   */
  workers?: WorkerKind;
  /** Aborting stops taking new files; in-flight ones finish or are abandoned without half-written files. */
  signal?: AbortSignal;
  /** Called once per input, in input (walk) order, whatever the number of jobs. */
  onResult?: (result: FileResult, progress: Progress) => void;
  /** Where relative inputs, outDir and the manifest's paths are taken from (default `process.cwd()`). */
  cwd?: string;
  /**
   * Keep every FileResult in `BatchResult.results` (default true). A caller that reports
   * through `onResult` can turn it off so memory stays flat however many files there are.
   */
  keepResults?: boolean;
}

export type FileStatus = 'converted' | 'failed' | 'unchanged' | 'skipped';

export interface FileStats {
  notes: number;
  anchors: number;
  /** Anchors that point to their note. */
  linked: number;
  emendations: number;
  /** Size of the input file. */
  bytes: number;
  /** Wall-clock time spent on this file (read, convert, validate, write). */
  ms: number;
}

export interface FileResult {
  /** The input path, relative to `cwd` with `/` separators (a folder for `input-none`). */
  input: string;
  /** The TEI file written (or kept, for `unchanged`), relative to `cwd`. */
  output?: string;
  /**
   * `converted`: TEI written (with error diagnostics when it failed only the fidelity
   * check, which a non-strict run writes anyway). `failed`: an error diagnostic, no TEI written. `unchanged`:
   * the manifest shows the same input was already converted with the same settings.
   * `skipped`: the run was interrupted before this file finished.
   */
  status: FileStatus;
  /** The reader profile that read the file. */
  profile?: string;
  diagnostics: Diagnostic[];
  stats?: FileStats;
  /** With `explain`: each emendation made, `line:col kind resp: description`. */
  emendations?: string[];
}

export interface Progress {
  done: number;
  /** All inputs of the run once the walk is complete; until then, those counted so far. */
  total: number;
  /** Files that failed so far. */
  errors: number;
  filesPerSecond: number;
  etaSeconds: number;
}

export interface BatchTotals {
  files: number;
  converted: number;
  failed: number;
  unchanged: number;
  skipped: number;
  /** Diagnostics by severity, over all files. */
  errors: number;
  warnings: number;
  infos: number;
  /** Bytes of input read by files that were converted or failed. */
  bytes: number;
  seconds: number;
}

export interface BatchResult {
  results: FileResult[];
  totals: BatchTotals;
  manifestPath: string;
  /** True when `signal` aborted the run before every input was done. */
  interrupted: boolean;
  /** Why the manifest could not be saved, if it could not (the TEI files are unaffected). */
  manifestError?: string;
  /**
   * With worker processes, what they used: their CPU time and peak memory are
   * not in this process's own `process.cpuUsage()` / `resourceUsage()`.
   */
  workers?: WorkerProcessesUsage;
}

/** The worker processes of a run taken together (those that ended normally report their use). */
export interface WorkerProcessesUsage {
  /** Processes started (more than `jobs` when some died and were replaced). */
  started: number;
  /** Processes that reported their use. */
  reported: number;
  /** CPU time, user and system, in milliseconds. */
  cpuMs: number;
  /** The sum of the processes' peak resident memory, in kilobytes: an upper bound of what they held at once. */
  maxRssKb: number;
}

/** What a converter module's `convertJob` returns for the text of one file. */
export interface ConvertJobResult {
  /** The TEI document, or undefined when the text could not be converted. */
  tei: string | undefined;
  diagnostics: Diagnostic[];
  profile?: string;
  stats?: Pick<FileStats, 'notes' | 'anchors' | 'linked' | 'emendations'>;
  /** Each emendation made, one line each, for `--explain`. */
  emendations?: string[];
}

/**
 * The contract of a converter module (`options.converter`): text in, TEI and diagnostics
 * out. File reading, decoding and writing stay in the batch engine, so a test converter
 * exercises exactly the code the real one runs through.
 */
export type ConvertJob = (text: string, options: ConvertOptions) => ConvertJobResult | Promise<ConvertJobResult>;

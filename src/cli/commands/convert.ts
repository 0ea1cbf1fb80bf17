/** `teiwright convert [inputs..]`: transcriptions → TEI files, validated, with a report. */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { runBatch, type BatchOptions, type FileResult } from '../../batch/index.js';
import { countBySeverity } from '../../diagnostics.js';
import { DEFAULT_LIMITS } from '../../model/limits.js';
import { exitCodeFor, UsageError } from '../outcome.js';
import { FORMATS, formatForReportFile, formatReport, type Format } from '../formats/index.js';
import { linePrinter, makeReport, printable, silentPrinter, writeFileAtomic, type FileLine } from '../output.js';
import { mainHeapKeeper } from '../heap.js';
import { startProgress } from '../progress.js';
import { streamJsonReport } from '../report-stream.js';
import { join, resolve } from 'node:path';
import type { Job } from '../../batch/process-file.js';
import { isStdio, STDIN_NAME, STDIO } from '../../io/stdio-names.js';
import { displayPath } from '../../batch/plan.js';
import { conventionOptions, conventionsOf, exportLine, type ConventionArgs } from './conventions.js';

interface ConvertArgs extends ConventionArgs {
  inputs: string[];
  also?: string;
  'also-out'?: string;
  out?: string;
  profile?: string;
  report?: string;
  jobs: number;
  force: boolean;
  shard?: string;
  validate: boolean;
  verify: boolean;
  strict: boolean;
  corrections?: string;
  explain: boolean;
  quiet: boolean;
  json: boolean;
  format?: Format;
  progress?: boolean;
  'max-size': string;
  'max-depth': number;
  'max-anchors': number;
  'max-elements': number;
}

/** "3/8" → { index: 3, count: 8 }. */
export function parseShard(spec: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes i/n with 1 <= i <= n, e.g. 2/8; got "${spec}"`);
  return { index, count };
}

/** "50MB", "2 MiB", "1000000" → bytes. */
export function parseSize(spec: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(spec);
  if (!m) throw new UsageError(`--max-size takes a size such as 64MB; got "${spec}"`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 }[unit] ?? 1;
  return Math.floor(Number(m[1]) * factor);
}

export function toFileLine(r: FileResult): FileLine {
  return {
    input: r.input,
    status: r.status,
    ...(r.output !== undefined && { output: r.output }),
    ...(r.profile !== undefined && { profile: r.profile }),
    diagnostics: r.diagnostics,
    ...(r.stats !== undefined && { stats: { ...r.stats } }),
    ...(r.emendations !== undefined && { emendations: r.emendations }),
  };
}

/**
 * The input profiles' and the export formats' names. They come from the registries, which
 * load every reader and exporter: loaded for `--help` and when an option names one, so that
 * the main thread of a conversion in workers never loads the pipeline.
 */
const profileNames = async (): Promise<string[]> => (await import('../../readers/registry.js')).READERS.map((r) => r.name);
const formatNames = async (): Promise<readonly string[]> => (await import('../../export/registry.js')).FORMAT_NAMES;

/** `--profile NAME` checked against the readers (yargs' `choices` would need them loaded before parsing). */
async function checkProfile(profile: string | undefined): Promise<void> {
  if (profile === undefined) return;
  const names = await profileNames();
  if (!names.includes(profile)) throw new UsageError(`--profile takes one of ${names.join(', ')}; got "${profile}"`);
}

export const convertCommand: CommandModule<object, ConvertArgs> = {
  command: 'convert [inputs..]',
  describe: 'Convert transcriptions (files or folders) into TEI P5 files and validate them',
  // yargs passes `true` when --help or --version was given: only then are the choices listed.
  builder: (async (y: Argv, help?: boolean) => {
    const [profiles, formats] = help ? await Promise.all([profileNames(), formatNames()]) : [undefined, undefined];
    return conventionOptions(y)
      .option('also', { type: 'string', describe: `Also export each converted TEI, comma-separated${formats ? `: ${formats.join(', ')}` : ''} (one folder per format under --also-out)` })
      .option('also-out', { type: 'string', describe: 'Where --also writes (default: <out>-export/<format>)' })
      .positional('inputs', { type: 'string', array: true, default: [] as string[], describe: 'Files and folders to convert; folders are walked and their tree mirrored; - reads one transcription from stdin. Default: input/' })
      .option('out', { alias: 'o', type: 'string', describe: 'Folder the TEI files are written to (DIR/<stem>.xml; default output/). With - (stdin): the TEI goes to stdout and the messages to stderr, unless -o names a .xml file or a folder (DIR/stdin.xml)' })
      .option('profile', { alias: 'p', type: 'string', ...(profiles && { choices: profiles }), describe: 'Read every input in this house style instead of detecting it from the content' })
      .option('report', { type: 'string', describe: 'Also write the results as JSON to this file' })
      .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'Files converted in parallel (worker threads, or processes with TEIWRIGHT_WORKERS=processes); 1 converts in this process' })
      .option('force', { type: 'boolean', default: false, describe: 'Convert every input even if it is unchanged since the last run (see OUT/.teiwright-manifest.json)' })
      .option('shard', { type: 'string', describe: 'Convert only shard i of n (e.g. 2/8), a stable split for cluster job arrays' })
      .option('validate', { type: 'boolean', default: true, describe: 'Validate each TEI file against the project schema (--no-validate to skip)' })
      .option('strict', { type: 'boolean', default: false, describe: 'Refuse (do not write) a TEI that fails the fidelity check; by default it is written and its lost or extra words are reported as errors (exit 1)' })
      .option('verify', { type: 'boolean', default: true, describe: 'Check that the TEI has every word of the source and no other; a lost word is an error naming its line (--no-verify to skip)' })
      .option('corrections', { type: 'string', describe: 'An editor\'s corrections file (JSON, see schema/corrections.schema.json); default: <stem>.corrections.json beside each input, when present' })
      .option('explain', { type: 'boolean', default: false, describe: 'List every emendation made (subst, gap, choice, …) with its source line, so an editor can check them' })
      .option('max-size', { type: 'string', default: '64MB', describe: 'Refuse inputs larger than this (counted while reading, so pipes and devices are bounded too)' })
      .option('max-depth', { type: 'number', default: DEFAULT_LIMITS.depth, describe: 'Refuse a document whose markup nests deeper than this' })
      .option('max-anchors', { type: 'number', default: DEFAULT_LIMITS.anchors, describe: 'Refuse a document with more note anchors than this' })
      .option('max-elements', { type: 'number', default: DEFAULT_LIMITS.elements, describe: 'Refuse a document with more elements than this (it bounds the memory of one document); broken character references past it are left as printed' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only files with errors, and the summary' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report to stdout instead of lines' })
      .option('format', { choices: FORMATS, describe: 'What to print: text lines (default), json, sarif, junit or github (Actions annotations); --report FILE takes its format from the name (.sarif, .xml, else JSON)' })
      .option('progress', { type: 'boolean', describe: 'Show a progress bar (default: when stderr is a terminal)' })
      .example('$0 convert', 'convert input/ into output/')
      .example('$0 convert texts/ --out tei/ --report report.json', 'convert a folder tree, mirror it under tei/, write a JSON report')
      .example('$0 convert corpus/ --shard $SLURM_ARRAY_TASK_ID/16', 'one task of a 16-way job array')
      .example('$0 convert lenin.txt --corrections fixes.json --explain', 'apply an editor\'s corrections and list every emendation')
      .example('$0 convert texts/ --out tei/ --also txt,jsonl --notes omit', 'TEI, plain text and JSON Lines in one run')
      .example('curl -s URL | $0 convert - > page.xml', 'convert the standard input, TEI to stdout') as unknown as Argv<ConvertArgs>;
  }) as unknown as (y: Argv) => Argv<ConvertArgs>,
  handler: async (args) => {
    await checkProfile(args.profile);
    if (args.inputs.some(isStdio)) {
      await convertStdin(args);
      return;
    }
    const out = args.out ?? 'output';
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const also = (args.also ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
    const formats = also.length > 0 ? await formatNames() : [];
    for (const f of also) if (!formats.includes(f)) throw new UsageError(`--also takes formats among ${formats.join(', ')}; got "${f}"`);
    const teiFiles: string[] = [];
    const maxBytes = parseSize(args['max-size']);
    if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1; got ${args.jobs}`);
    for (const name of ['max-depth', 'max-anchors', 'max-elements'] as const) {
      if (!Number.isInteger(args[name]) || args[name] < 1) throw new UsageError(`--${name} takes a whole number >= 1; got ${args[name]}`);
    }
    const format: Format = args.format ?? (args.json ? 'json' : 'text');
    const printer = format !== 'text' ? silentPrinter : linePrinter((s) => process.stdout.write(s), args.quiet ? 'quiet' : 'normal');
    const showBar = format === 'text' && (args.progress ?? Boolean(process.stderr.isTTY));
    const bar = showBar ? startProgress() : undefined;
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    // A JSON report is written as the files come (report-stream.ts); the lines are kept only
    // for a report in another format or on stdout: a corpus of 100,000 files prints and forgets.
    const stream = args.report !== undefined && formatForReportFile(args.report) === 'json' ? streamJsonReport(args.report, 'convert') : undefined;
    const keepLines = format !== 'text' || (args.report !== undefined && stream === undefined);
    const lines: FileLine[] = [];
    const totals = { files: 0, converted: 0, unchanged: 0, failed: 0, skipped: 0, filesWithErrors: 0, warnings: 0 };
    // With a pool this thread only plans and aggregates; with --jobs 1 it converts, and V8's own pacing suits that heap.
    const keepHeap = args.jobs > 1 ? mainHeapKeeper() : () => {};
    const options: BatchOptions = {
      keepResults: false,
      inputs: args.inputs.length > 0 ? args.inputs : ['input'],
      outDir: out,
      validate: args.validate,
      jobs: args.jobs,
      force: args.force,
      maxBytes,
      limits: { depth: args['max-depth'], anchors: args['max-anchors'], elements: args['max-elements'] },
      verify: args.verify,
      strict: args.strict,
      explain: args.explain,
      signal: abort.signal,
      ...(args.corrections !== undefined && { corrections: args.corrections }),
      ...(args.profile !== undefined && { profile: args.profile }),
      ...(shard !== undefined && { shard }),
      onResult: (r, progress) => {
        const line = toFileLine(r);
        if (also.length > 0 && r.output !== undefined && (r.status === 'converted' || r.status === 'unchanged')) teiFiles.push(r.output);
        const c = countBySeverity(r.diagnostics);
        totals.files++;
        totals[r.status]++;
        if (c.error > 0) totals.filesWithErrors++;
        totals.warnings += c.warning;
        if (keepLines) lines.push(line);
        stream?.file(line);
        bar?.update(progress);
        bar?.suspend(() => printer.file(line));
        if (!bar) printer.file(line);
        keepHeap();
      },
    };
    let result;
    try {
      result = await runBatch(options);
    } finally {
      process.off('SIGINT', onSigint);
      bar?.stop();
    }
    // The derivatives are made from the TEI files, exactly as `teiwright export` makes them.
    let exportErrors = 0;
    // The exporters are loaded only when asked for (the command line loads no more than it runs).
    const { runExport } = also.length > 0 && !result.interrupted ? await import('../../export/run.js') : { runExport: undefined };
    if (runExport) for (const format of also) {
      const exported = await runExport({
        inputs: teiFiles,
        base: out,
        outDir: join(args['also-out'] ?? `${out.replace(/[\\/]+$/, '')}-export`, format),
        format,
        conventions: conventionsOf(args),
        corpusTitle: args['corpus-title'],
        inline: args.inline,
        jobs: args.jobs,
        force: args.force,
        ...(shard !== undefined && { shard, filterShard: false }),
        onResult: (r) => {
          if (r.status === 'failed') {
            exportErrors++;
            // A TEI file that converted but could not be exported is reported like a file that failed.
            if (keepLines) lines.push(exportLine(r));
            stream?.file(exportLine(r));
            printer.file(exportLine(r));
          }
        },
      });
      const t = exported.totals;
      printer.summary(`also ${format}: ${t.exported} exported, ${t.unchanged} unchanged, ${t.failed} failed -> ${exported.corpusFile ?? join(args['also-out'] ?? `${out}-export`, format)}`);
    }
    const filesWithErrors = totals.filesWithErrors + exportErrors;
    // A manifest or report that cannot be saved is an error of the run: the next run would
    // redo everything, or the user's pipeline would read a stale report.
    const runErrors: string[] = [];
    if (result.manifestError !== undefined) runErrors.push(`error report-unwritable: ${result.manifestError}`);
    let code = exitCodeFor({ filesWithErrors, interrupted: result.interrupted === true, runErrors: runErrors.length });
    const report = makeReport('convert', lines, totals, code);
    if (args.report) {
      try {
        if (stream) stream.finish(totals, code);
        else writeFileAtomic(args.report, formatReport(formatForReportFile(args.report), report));
      } catch (e) {
        runErrors.push(`error report-unwritable: cannot write the report ${args.report}: ${e instanceof Error ? e.message : String(e)}`);
        code = exitCodeFor({ filesWithErrors, interrupted: result.interrupted === true, runErrors: runErrors.length });
      }
    }
    for (const e of runErrors) process.stderr.write(`${printable(`teiwright: ${e}`)}\n`);
    if (format !== 'text') process.stdout.write(formatReport(format, report));
    else
      printer.summary(
        `${totals.files} files: ${totals.converted} converted, ${totals.unchanged} unchanged, ${totals.failed} failed; ${filesWithErrors} with errors, ${totals.warnings} warnings${result.interrupted ? '; interrupted' : ''} -> ${out}`,
      );
    process.exitCode = code;
  },
};

/**
 * `convert -`: one transcription from stdin, in this process (a pipe can be read once, by
 * one thread), with the same reading limits, conversion, validation and exit codes as a
 * file. The TEI goes to stdout (whole, once converted) and the messages to stderr; or to
 * `-o FILE.xml`, or `-o DIR` as DIR/stdin.xml.
 */
async function convertStdin(args: ConvertArgs): Promise<void> {
  if (args.inputs.length > 1) throw new UsageError('- (stdin) is converted alone: give it as the only input');
  for (const [name, given] of [['--also', args.also], ['--shard', args.shard]] as const) {
    if (given !== undefined) throw new UsageError(`${name} does not apply to - (stdin)`);
  }
  const maxBytes = parseSize(args['max-size']);
  for (const name of ['max-depth', 'max-anchors', 'max-elements'] as const) {
    if (!Number.isInteger(args[name]) || args[name] < 1) throw new UsageError(`--${name} takes a whole number >= 1; got ${args[name]}`);
  }
  const toStdout = args.out === undefined || isStdio(args.out);
  const format: Format = args.format ?? (args.json ? 'json' : 'text');
  if (toStdout && format !== 'text') throw new UsageError(`the TEI of - (stdin) goes to stdout, so the ${format} report cannot: give --report FILE, or -o FILE.xml`);
  const outputPath = toStdout ? STDIO : /\.xml$/i.test(args.out!) ? resolve(args.out!) : resolve(args.out!, 'stdin.xml');
  const job: Job = {
    inputPath: STDIO,
    outputPath,
    input: STDIN_NAME,
    output: toStdout ? '<stdout>' : displayOutput(outputPath),
    validate: args.validate,
    verify: args.verify,
    strict: args.strict,
    explain: args.explain,
    maxBytes,
    limits: { depth: args['max-depth'], anchors: args['max-anchors'], elements: args['max-elements'] },
    ...(args.profile !== undefined && { profile: args.profile }),
    ...(args.corrections !== undefined && { correctionsPath: resolve(args.corrections) }),
  };
  // Messages to stderr when stdout carries the TEI.
  const messages = toStdout ? process.stderr : process.stdout;
  const printer = format !== 'text' ? silentPrinter : linePrinter((s) => messages.write(s), args.quiet ? 'quiet' : 'normal');
  // The pipeline runs in this thread here (for a folder it runs in the workers: this thread never loads it).
  const [{ processFile }, { convertJob }, { stdioFileIo }] = await Promise.all([import('../../batch/process-file.js'), import('../../batch/convert-job.js'), import('../../io/stdin.js')]);
  const { result } = await processFile(job, () => convertJob, stdioFileIo(process.stdin, process.stdout));
  const line = toFileLine(result);
  printer.file(line);
  const failed = result.status === 'failed' ? 1 : 0;
  const withErrors = countBySeverity(result.diagnostics).error > 0 ? 1 : 0;
  const totals = { files: 1, converted: 1 - failed, unchanged: 0, failed, skipped: 0, filesWithErrors: withErrors, warnings: countBySeverity(result.diagnostics).warning };
  let code = exitCodeFor({ filesWithErrors: withErrors });
  const report = makeReport('convert', [line], totals, code);
  if (args.report) {
    try {
      writeFileAtomic(args.report, formatReport(formatForReportFile(args.report), report));
    } catch (e) {
      process.stderr.write(`${printable(`teiwright: error report-unwritable: cannot write the report ${args.report}: ${e instanceof Error ? e.message : String(e)}`)}\n`);
      code = exitCodeFor({ filesWithErrors: withErrors, runErrors: 1 });
    }
  }
  if (format !== 'text') process.stdout.write(formatReport(format, report));
  else printer.summary(`1 file: ${totals.converted} converted, ${failed} failed; ${withErrors} with errors, ${totals.warnings} warnings -> ${line.output ?? 'nothing written'}`);
  process.exitCode = code;
}

/** An output path as reports show it: relative to the working folder. */
function displayOutput(path: string): string {
  return displayPath(path, process.cwd());
}

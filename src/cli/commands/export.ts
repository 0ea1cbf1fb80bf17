/** `teiwright export [inputs..] --to FORMAT --out DIR`: TEI → plain text, JSON Lines, a corpus table or a teiCorpus. */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../diagnostics.js';
import { FORMAT_NAMES } from '../../export/registry.js';
import { runExport } from '../../export/run.js';
import { exitCodeFor, UsageError } from '../outcome.js';
import { linePrinter, makeReport, silentPrinter, writeFileAtomic, type FileLine } from '../output.js';
import { startProgress } from '../progress.js';
import { parseShard } from './convert.js';
import { conventionOptions, conventionsOf, exportLine, type ConventionArgs } from './conventions.js';

export { conventionOptions, conventionsOf, exportLine, type ConventionArgs } from './conventions.js';

interface ExportArgs extends ConventionArgs {
  inputs: string[];
  to: string;
  out: string;
  jobs: number;
  force: boolean;
  shard?: string;
  report?: string;
  quiet: boolean;
  json: boolean;
  progress?: boolean;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export [inputs..]',
  describe: 'Export TEI editions (files or folders) to plain text, JSON Lines, a corpus table (tsv/csv) or a teiCorpus',
  builder: (y: Argv) =>
    conventionOptions(
      y
        .positional('inputs', { type: 'string', array: true, default: [] as string[], describe: 'TEI files and folders (walked for *.xml); default: output/' })
        .option('to', { type: 'string', choices: FORMAT_NAMES, demandOption: true, describe: 'The format to write' })
        .option('out', { alias: 'o', type: 'string', describe: 'The export folder (default: export/<format>); conventions.json is written into it' })
        .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'Documents exported in parallel (worker threads); 1 exports in this process' })
        .option('force', { type: 'boolean', default: false, describe: 'Export every document again, even those unchanged since the last export with the same switches (see DIR/.teiwright-export-cache/)' })
        .option('shard', { type: 'string', describe: 'Export only shard i of n (e.g. 2/8), the same split as convert --shard; corpus files are named corpus.shard-i-of-n.*' })
        .option('report', { type: 'string', describe: 'Also write the results as JSON to this file' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only files with errors, and the summary' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report to stdout instead of lines' })
        .option('progress', { type: 'boolean', describe: 'Show a progress bar (default: when stderr is a terminal)' }),
    )
      .example('$0 export output/ --to txt --notes omit --out corpus-txt', 'plain text of every edition, without notes, for a topic model')
      .example('$0 export output/ --to jsonl --out corpus-jsonl', 'one JSON record per edition (schema/export-record.schema.json)')
      .example('$0 export output/ --to teicorpus --inline --corpus-title "MIA letters"', 'one self-contained teiCorpus file') as Argv<ExportArgs>,
  handler: async (args) => {
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1; got ${args.jobs}`);
    const out = args.out ?? `export/${args.to}`;
    const printer = args.json ? silentPrinter : linePrinter((s) => process.stdout.write(s), args.quiet ? 'quiet' : 'normal');
    const bar = !args.json && (args.progress ?? Boolean(process.stderr.isTTY)) ? startProgress() : undefined;
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const lines: FileLine[] = [];
    let filesWithErrors = 0;
    let result;
    try {
      result = await runExport({
        inputs: args.inputs.length > 0 ? args.inputs : ['output'],
        outDir: out,
        format: args.to,
        conventions: conventionsOf(args),
        corpusTitle: args['corpus-title'],
        inline: args.inline,
        jobs: args.jobs,
        force: args.force,
        signal: abort.signal,
        ...(shard && { shard }),
        onResult: (r, progress) => {
          const line = exportLine(r);
          if (countBySeverity(r.diagnostics).error > 0 || r.status === 'failed') filesWithErrors++;
          if (args.json || args.report !== undefined) lines.push(line);
          bar?.update(progress);
          if (bar) bar.suspend(() => printer.file(line));
          else printer.file(line);
        },
      });
    } finally {
      process.off('SIGINT', onSigint);
      bar?.stop();
    }
    const code = exitCodeFor({ filesWithErrors, interrupted: result.interrupted });
    const { seconds: _s, ...totals } = result.totals;
    const report = makeReport('export', lines, totals, code);
    if (args.report) writeFileAtomic(args.report, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const t = result.totals;
      printer.summary(
        `${t.files} files: ${t.exported} exported, ${t.unchanged} unchanged, ${t.failed} failed; ${t.words} words, ${t.notes} notes, ${t.emendations} emendations${result.interrupted ? '; interrupted' : ''} -> ${result.corpusFile ?? out} (conventions: ${result.conventionsFile})`,
      );
    }
    process.exitCode = code;
  },
};

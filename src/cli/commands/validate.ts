/** `teiwright validate FILE|FOLDER...`: checks existing TEI files against a RELAX NG schema and for integrity. */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { countBySeverity, type Diagnostic } from '../../diagnostics.js';
import { checkFiles } from '../../validate/files.js';
import { DEFAULT_TIMEOUT_SECONDS, checkFilesWithin, checkTextWithin, type BudgetInit } from '../../validate/budget.js';
import { findTeiAll, prepareSchema, SchemaUnusable } from '../../validate/index.js';
import { cacheFolder, whereTeiAll } from '../../validate/choose.js';
import { TEI_ALL_URL, TeiAllRefused, fetchTeiAll } from '../../validate/tei-all.js';
import { schematronOf } from '../../validate/schematron.js';
import { FORMATS, formatForReportFile, formatReport, type Format } from '../formats/index.js';
import { exitCodeFor, EXIT, UsageError } from '../outcome.js';
import { linePrinter, makeReport, silentPrinter, writeFileAtomic, type FileLine } from '../output.js';
import { isStdio, STDIN_NAME, validateStdin } from '../../io/stdin.js';
import { parseSize } from './convert.js';

interface ValidateArgs {
  files?: string[];
  fetchTeiAll?: string;
  schema: string;
  report?: string;
  quiet: boolean;
  json: boolean;
  format?: Format;
  huge: boolean;
  xinclude: boolean;
  schematron?: string;
  jobs: number;
  'max-size': string;
  timeout: number;
}

/** The .xml files of a folder tree, in a stable order; hidden entries are skipped. Other arguments as given. */
export function expandInputs(args: readonly string[]): { files: string[]; unreadable: Diagnostic[] } {
  const files: string[] = [];
  const unreadable: Diagnostic[] = [];
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // Not there: validateFile says so for this file, and the others go on.
    }
    if (!isDir) {
      files.push(arg);
      continue;
    }
    // An explicit stack: folder trees can be deep.
    const stack = [arg];
    const found: string[] = [];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        unreadable.push({ code: 'input-unreadable', severity: 'error', message: `cannot read the folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, file: dir });
        continue;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) stack.push(path);
        else if (entry.isFile() && /\.xml$/i.test(entry.name)) found.push(path);
      }
    }
    files.push(...found.sort());
  }
  return { files, unreadable };
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [files..]',
  describe: 'Validate TEI files (or folders of .xml files): well-formedness, RELAX NG, duplicate ids, broken # pointers, unreferenced notes',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'TEI XML files, or folders (every .xml file inside, recursively); - reads one TEI from stdin' })
      .option('fetch-tei-all', {
        type: 'string',
        describe: `Download TEI All once into ${join(cacheFolder(), 'tei_all.rng')} (from ${TEI_ALL_URL}, or the http(s)/file: URL given), check that it is a RELAX NG grammar of TEI with a start, and keep it; then check the files, if any`,
      })
      .option('schema', {
        type: 'string',
        default: 'auto',
        describe:
          'auto: TEI teiwright wrote against its subset, other TEI against the local schema its <?xml-model?> names, else tei_all.rng (from TEIWRIGHT_TEI_ALL or ~/.cache/teiwright/tei_all.rng: get it once with --fetch-tei-all), else the subset with a schema-fallback warning; project: the teiwright subset; tei_all; or the path of a RELAX NG schema (.rng, XML syntax)',
      })
      .option('format', { choices: FORMATS, describe: 'What to print: text lines (default), json, sarif (GitHub code scanning), junit (GitLab, Jenkins), github (Actions annotations)' })
      .option('report', { type: 'string', describe: 'Also write the results to this file: SARIF when it ends in .sarif, JUnit XML when .xml, JSON otherwise' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only files with errors, and the summary' })
      .option('json', { type: 'boolean', default: false, describe: 'The same as --format json' })
      .option('huge', { type: 'boolean', default: false, describe: "Lift the XML parser's safety limits (nesting 256 deep, 10 MB text nodes) for files you trust; always lifted for TEI teiwright wrote" })
      .option('schematron', { type: 'string', describe: "A Schematron file (.sch) to run too; the constraints embedded in the RELAX NG schema (tei_all's 93 patterns) always run; 'none' runs none" })
      .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'Files checked in parallel (worker threads); 1 checks in this process. The report is the same for any value' })
      .option('max-size', { type: 'string', default: '64MB', describe: 'Refuse a file (or - stdin) larger than this (counted while reading)' })
      .option('timeout', {
        type: 'number',
        default: DEFAULT_TIMEOUT_SECONDS,
        describe:
          "Seconds the check of one file may take (0: no limit); a file that takes longer is stopped with a validate-timeout error and the batch goes on (libxml2's RELAX NG check can take time exponential in the nesting of a hostile or odd file). Files are then checked in worker threads, started once and reused",
      })
      .option('xinclude', { type: 'boolean', default: true, describe: 'Expand xi:include (local files relative to the document; no network; loops refused) before validating; --no-xinclude to check the file as written' })
      .example('$0 validate output/', 'check every .xml file under output/ (teiwright output against its own schema)')
      .example('$0 validate --fetch-tei-all', "download TEI All once into the cache folder: foreign TEI is then checked against it by default")
      .example('$0 validate edition.xml --schema ~/schemas/tei_all.rng', 'check any TEI file against TEI All')
      .example('$0 validate tei/ --timeout 300', 'give each file up to 5 minutes (default 60 s; 0: no limit)')
      .example('$0 validate tei/ --format sarif > teiwright.sarif', 'a SARIF report for GitHub code scanning'),
  handler: async (args) => {
    const schema = args.schema;
    const inputs = args.files ?? [];
    if (args.fetchTeiAll !== undefined) {
      try {
        const got = await fetchTeiAll(args.fetchTeiAll === '' ? TEI_ALL_URL : args.fetchTeiAll);
        process.stderr.write(`teiwright: TEI All kept at ${got.path} (${got.bytes} bytes); foreign TEI is now checked against it by default\n`);
      } catch (e) {
        if (!(e instanceof TeiAllRefused)) throw e;
        throw new UsageError(`--fetch-tei-all: ${e.message}; nothing was written (or download ${TEI_ALL_URL} yourself and place it at ${join(cacheFolder(), 'tei_all.rng')}, or set TEIWRIGHT_TEI_ALL to its path)`);
      }
      if (inputs.length === 0) return;
    }
    if (inputs.length === 0) throw new UsageError('validate needs files or folders to check (or --fetch-tei-all)');
    if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1; got ${args.jobs}`);
    if (!Number.isFinite(args.timeout) || args.timeout < 0) throw new UsageError(`--timeout takes a number of seconds >= 0 (0: no limit); got ${args.timeout}`);
    const limitMs = Math.round(args.timeout * 1000);
    // A schema that cannot be used is the same problem for every file: say it once, as a usage error.
    // The schema each worker thread of --timeout compiles before its first file (not counted in a file's budget).
    const init: BudgetInit = {};
    try {
      if (schema === 'tei_all') {
        const teiAll = findTeiAll();
        if (!teiAll) throw new SchemaUnusable(`tei_all.rng was not found: ${whereTeiAll()}`);
        prepareSchema(teiAll);
        init.prepare = teiAll;
      } else if (schema !== 'auto' && schema !== 'project' && schema !== 'none') {
        prepareSchema(schema);
        init.prepare = schema;
      }
    } catch (e) {
      throw new UsageError(`cannot use --schema ${schema}: ${e instanceof Error ? e.message.replace(/\s+/g, ' ').trim() : String(e)}`);
    }
    if (args.schematron !== undefined && args.schematron !== 'none') {
      try {
        if (!statSync(args.schematron).isFile()) throw new Error('is not a file');
        if (schematronOf(args.schematron) === null) throw new Error('holds no Schematron pattern');
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : e instanceof Error ? e.message.replace(/\s+/g, ' ').trim() : String(e);
        throw new UsageError(`cannot use --schematron ${args.schematron}: ${reason}`);
      }
    }
    const format: Format = args.format ?? (args.json ? 'json' : 'text');
    const printer = format === 'text' ? linePrinter((s) => process.stdout.write(s), args.quiet ? 'quiet' : 'normal') : silentPrinter;
    const lines: FileLine[] = [];
    const statusOf = (diagnostics: readonly Diagnostic[]): string => (diagnostics.some((d) => d.code === 'validate-timeout') ? 'stopped' : countBySeverity(diagnostics).error > 0 ? 'invalid' : 'valid');
    const maxBytes = parseSize(args['max-size']);
    const fromStdin = inputs.some(isStdio);
    const { files, unreadable } = expandInputs(inputs.filter((f) => !isStdio(f)));
    for (const d of unreadable) {
      const line: FileLine = { input: d.file ?? '', status: 'invalid', diagnostics: [d] };
      lines.push(line);
      printer.file(line);
    }
    const options = { schema, huge: args.huge, xinclude: args.xinclude, maxBytes, ...(args.schematron !== undefined && { schematron: args.schematron }) };
    if (fromStdin) {
      const diagnostics = await validateStdin(process.stdin, maxBytes, options, limitMs > 0 ? (text, o) => checkTextWithin(text, o.file ?? STDIN_NAME, o, limitMs, init) : undefined);
      const line: FileLine = { input: STDIN_NAME, status: statusOf(diagnostics), diagnostics };
      lines.push(line);
      printer.file(line);
    }
    // A file whose xml-model names a schema that cannot be used gets a finding, and the others go on (checkFile).
    const onFile = (file: string, diagnostics: Diagnostic[]): void => {
      const line: FileLine = { input: file, status: statusOf(diagnostics), diagnostics };
      lines.push(line);
      printer.file(line);
    };
    // With a budget the files are checked in worker threads that can be stopped (validate/budget.ts).
    if (limitMs > 0) await checkFilesWithin(files, options, args.jobs, limitMs, onFile, init);
    else await checkFiles(files, options, args.jobs, onFile);
    const filesWithErrors = lines.filter((l) => l.status !== 'valid').length;
    const stopped = lines.filter((l) => l.status === 'stopped').length;
    let code = exitCodeFor({ filesWithErrors });
    const totals = { files: lines.length, valid: lines.length - filesWithErrors, invalid: filesWithErrors };
    if (lines.length === 0) throw new UsageError(`no .xml files in ${inputs.join(', ')}`);
    const report = makeReport('validate', lines, totals, code);
    if (args.report) {
      try {
        writeFileAtomic(args.report, formatReport(formatForReportFile(args.report), report));
      } catch (e) {
        process.stderr.write(`teiwright: cannot write the report ${JSON.stringify(args.report)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
        code = code === EXIT.ok ? EXIT.fileErrors : code;
      }
    }
    if (format !== 'text') process.stdout.write(formatReport(format, report));
    else printer.summary(`${totals.files} files: ${totals.valid} valid, ${totals.invalid} invalid${stopped > 0 ? ` (${stopped} stopped by --timeout ${args.timeout})` : ''} (schema: ${schema})`);
    process.exitCode = code;
  },
};

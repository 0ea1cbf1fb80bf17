/** `teiwright validate FILE...`: checks existing TEI files against a RELAX NG schema and for integrity. */
import type { Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../diagnostics.js';
import { prepareSchema, validateFile } from '../../validate/index.js';
import { exitCodeFor, UsageError } from '../outcome.js';
import { linePrinter, makeReport, silentPrinter, writeFileAtomic, type FileLine } from '../output.js';

interface ValidateArgs {
  files: string[];
  schema?: string;
  report?: string;
  quiet: boolean;
  json: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Validate TEI files: well-formedness, RELAX NG (the teiwright subset by default), duplicate ids, broken # pointers, unreferenced notes',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'TEI XML files' })
      .option('schema', { type: 'string', describe: 'A RELAX NG schema (.rng, XML syntax) to validate against instead of the teiwright subset, e.g. tei_all.rng' })
      .option('report', { type: 'string', describe: 'Also write the results as JSON to this file' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only files with errors, and the summary' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report to stdout instead of lines' })
      .example('$0 validate output/*.xml', 'check teiwright output against its own schema')
      .example('$0 validate edition.xml --schema tei_all.rng', 'check any TEI file against TEI All'),
  handler: (args) => {
    if (args.schema !== undefined) {
      // A schema that cannot be used is the same problem for every file: say it once.
      try {
        prepareSchema(args.schema);
      } catch (e) {
        throw new UsageError(`cannot use --schema ${args.schema}: ${e instanceof Error ? e.message.trim() : String(e)}`);
      }
    }
    const printer = args.json ? silentPrinter : linePrinter((s) => process.stdout.write(s), args.quiet ? 'quiet' : 'normal');
    const lines: FileLine[] = [];
    for (const file of args.files) {
      const diagnostics = validateFile(file, { file, ...(args.schema !== undefined && { schema: args.schema }) });
      const line: FileLine = { input: file, status: countBySeverity(diagnostics).error > 0 ? 'invalid' : 'valid', diagnostics };
      lines.push(line);
      printer.file(line);
    }
    const filesWithErrors = lines.filter((l) => l.status === 'invalid').length;
    const code = exitCodeFor({ filesWithErrors });
    const totals = { files: lines.length, valid: lines.length - filesWithErrors, invalid: filesWithErrors };
    const report = makeReport('validate', lines, totals, code);
    if (args.report) writeFileAtomic(args.report, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printer.summary(`${totals.files} files: ${totals.valid} valid, ${totals.invalid} invalid (schema: ${args.schema ?? 'teiwright subset'})`);
    process.exitCode = code;
  },
};

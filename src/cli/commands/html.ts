/** `teiwright html [inputs..] --out DIR`: TEI editions → self-contained HTML reading pages and an index. */
import type { Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../diagnostics.js';
import { renderHtmlFiles } from '../../html/files.js';
import { VERSION } from '../../version.js';
import { exitCodeFor } from '../outcome.js';
import { linePrinter, makeReport, silentPrinter, writeFileAtomic, type FileLine } from '../output.js';

interface HtmlArgs {
  inputs: string[];
  out: string;
  index: boolean;
  report?: string;
  quiet: boolean;
  json: boolean;
}

export const htmlCommand: CommandModule<object, HtmlArgs> = {
  command: 'html [inputs..]',
  describe: 'Make a reading edition: one self-contained HTML page per TEI file (notes, emendations, reading/diplomatic views) and an index',
  builder: (y: Argv) =>
    y
      .positional('inputs', { type: 'string', array: true, default: [] as string[], describe: 'TEI files and folders (walked for .xml, tree mirrored). Default: output/' })
      .option('out', { alias: 'o', type: 'string', default: 'html', describe: 'Folder the pages are written to (DIR/<stem>.html, DIR/index.html)' })
      .option('index', { type: 'boolean', default: true, describe: 'Write index.html listing the editions, sortable by date and author (--no-index to skip)' })
      .option('report', { type: 'string', describe: 'Also write the results as JSON to this file' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only files with errors, and the summary' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report to stdout instead of lines' })
      .example('$0 html', 'pages for the TEI in output/, written to html/')
      .example('$0 html tei/ --out site/', 'a folder tree of TEI files → site/, with site/index.html'),
  handler: (args) => {
    const printer = args.json ? silentPrinter : linePrinter((s) => process.stdout.write(s), args.quiet ? 'quiet' : 'normal');
    const lines: FileLine[] = [];
    renderHtmlFiles({
      inputs: args.inputs.length > 0 ? args.inputs : ['output'],
      outDir: args.out,
      version: VERSION,
      index: args.index,
      onResult: (r) => {
        const line: FileLine = { input: r.input, status: r.status, ...(r.output !== undefined && { output: r.output }), diagnostics: r.diagnostics };
        lines.push(line);
        printer.file(line);
      },
    });
    const filesWithErrors = lines.filter((l) => countBySeverity(l.diagnostics).error > 0).length;
    const rendered = lines.filter((l) => l.status === 'rendered').length;
    const totals = { files: lines.length, rendered, failed: lines.length - rendered, filesWithErrors };
    const code = exitCodeFor({ filesWithErrors });
    const report = makeReport('html', lines, totals, code);
    if (args.report) writeFileAtomic(args.report, `${JSON.stringify(report, null, 2)}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printer.summary(`${totals.files} files: ${rendered} rendered, ${totals.failed} failed; ${filesWithErrors} with errors -> ${args.out}${args.index && rendered > 0 ? ' (index.html)' : ''}`);
    process.exitCode = code;
  },
};

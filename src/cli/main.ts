#!/usr/bin/env node
/** The teiwright command line: one module per command under commands/. */
import { VERSION } from '../version.js';
import { COMMANDS, commandsNamed } from './commands/index.js';
import { EXIT, UsageError } from './outcome.js';
import { printable, stopOnClosedPipe } from './output.js';
import { STDIO_ARG } from '../io/stdio-names.js';
import { setCliV8Flags } from './heap.js';

export async function main(argv: string[]): Promise<void> {
  // `teiwright --version` alone is answered before loading yargs (about as much memory and start-up time as the rest).
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  // Bounded garbage on large inputs, less background compiling (heap.ts).
  setCliV8Flags();
  // `teiwright … | head`: a closed pipe ends the run quietly (exit 141), never a stack trace.
  stopOnClosedPipe([process.stdout, process.stderr], (code) => process.exit(code), EXIT.pipeClosed, EXIT.fileErrors);
  // yargs drops a lone `-` (stdin, or stdout for -o): carried through as a token it keeps,
  // for the commands that read stdin.
  const readsStdin = argv[0] === 'convert' || argv[0] === 'validate';
  // Only the module of the command being run is loaded; the others are their usage line
  // (enough for --help, --version and yargs' suggestions).
  const { default: yargs } = await import('yargs');
  const named = new Map(await Promise.all(commandsNamed(argv).map(async (c) => [c.name, await c.load()] as const)));
  let y = yargs(readsStdin ? argv.map((a) => (a === '-' ? STDIO_ARG : a)) : argv)
    .scriptName('teiwright')
    .usage('$0 <command> [options]\n\nTurns plain-text transcriptions (Marxists Internet Archive house styles) into TEI P5 editions and validates them.');
  for (const c of COMMANDS) y = y.command(named.get(c.name) ?? { command: c.command, describe: c.describe, handler: () => {
      throw new Error(`the ${c.name} command was run without its module`);
    } });
  await y
    .demandCommand(1, 'Name a command: convert, validate, export, html or codes (see --help).')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 all files without errors; 1 some file had errors (the others were still processed); 2 usage error; 130 interrupted; 141 the reader of the output went away (`| head`).\nDiagnostics are printed as file:line:col: severity code: message; `teiwright codes` lists the codes.')
    .fail((message, error, y) => {
      if (error && !(error instanceof UsageError)) throw error;
      process.stderr.write(`${printable(`teiwright: ${error?.message ?? message}`)}\n\n${y.help === undefined ? '' : 'Run with --help for usage.'}\n`);
      process.exit(EXIT.usage);
    })
    .parseAsync();
}

// process.argv less node and this script (what yargs' hideBin gives for a plain node run).
main(process.argv.slice(2)).catch((error: unknown) => {
  // A usage error found by a command's handler (yargs calls .fail only for its own).
  if (error instanceof UsageError) {
    process.stderr.write(`${printable(`teiwright: ${error.message}`)}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  // One line, never a stack trace (TEIWRIGHT_DEBUG=1 shows it, for a bug report).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${printable(`teiwright: error internal-error: ${message} (please report it; TEIWRIGHT_DEBUG=1 shows where)`)}\n`);
  if (process.env.TEIWRIGHT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = EXIT.usage;
});

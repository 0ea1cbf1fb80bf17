/**
 * The commands as a table: each name, usage and one-line description, and how to load its
 * module. `teiwright --version` and `teiwright --help` need nothing more, so main.ts loads
 * only the module of the command being run: the pipeline (readers, schemas, libxml2) is
 * imported by the command that uses it, never by `--version` (session 8: 93 MB and 1.4–2 s
 * for printing a version number). The usage and description are the module's own; a test
 * keeps the two the same.
 */
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  /** The name a user types (`convert`). */
  name: string;
  /** yargs' usage string, as in the module. */
  command: string;
  describe: string;
  load(): Promise<CommandModule<object, never>>;
}

type Loaded = CommandModule<object, never>;

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'convert',
    command: 'convert [inputs..]',
    describe: 'Convert transcriptions (files or folders) into TEI P5 files and validate them',
    load: async () => (await import('./convert.js')).convertCommand as unknown as Loaded,
  },
  {
    name: 'validate',
    command: 'validate [files..]',
    describe: 'Validate TEI files (or folders of .xml files): well-formedness, RELAX NG, duplicate ids, broken # pointers, unreferenced notes',
    load: async () => (await import('./validate.js')).validateCommand as unknown as Loaded,
  },
  {
    name: 'export',
    command: 'export [inputs..]',
    describe: 'Export TEI editions (files or folders) to plain text, JSON Lines, a corpus table (tsv/csv) or a teiCorpus',
    load: async () => (await import('./export.js')).exportCommand as unknown as Loaded,
  },
  {
    name: 'html',
    command: 'html [inputs..]',
    describe: 'Make a reading edition: one self-contained HTML page per TEI file (notes, emendations, reading/diplomatic views) and an index',
    load: async () => (await import('./html.js')).htmlCommand as unknown as Loaded,
  },
  {
    name: 'codes',
    command: 'codes',
    describe: 'List every diagnostic code with its default severity, and the input profiles',
    load: async () => (await import('./codes.js')).codesCommand as unknown as Loaded,
  },
];

/**
 * The commands `argv` may run: those whose name is one of its words. A word that only looks
 * like a command (`-o convert`) loads a module for nothing, never a wrong one: yargs still
 * decides which command runs.
 */
export function commandsNamed(argv: readonly string[]): CommandEntry[] {
  return COMMANDS.filter((c) => argv.includes(c.name));
}

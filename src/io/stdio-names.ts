/**
 * How `-` (the standard input or output) is spelled on the command line and in reports,
 * apart from the reading code in stdin.ts, so that the command line can recognise it
 * without loading the validator stdin.ts needs.
 */

/** The argument that means the standard input (and, for convert's output, the standard output). */
export const STDIO = '-';

/**
 * What `-` becomes on its way through yargs, which drops a lone `-` argument: main.ts maps
 * it to this (a NUL cannot be in a path, so no file is mistaken for it).
 */
export const STDIO_ARG = '\u0000-';

/** True for `-` as the command line gave it. */
export const isStdio = (arg: string | undefined): boolean => arg === STDIO_ARG || arg === STDIO;

/** How stdin is named in diagnostics and reports. */
export const STDIN_NAME = '<stdin>';

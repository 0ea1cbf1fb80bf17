/**
 * The one place that maps outcomes to exit codes, so every command agrees:
 * 0 every file done without errors, 1 some file had errors (the others still done),
 * 2 usage error (bad option, nothing to do), 130 interrupted (Ctrl-C), 141 the reader of the
 * output went away (`teiwright validate … | head`: 128 + SIGPIPE, as the shell shows a Unix tool
 * stopped by a closed pipe).
 */
export const EXIT = { ok: 0, fileErrors: 1, usage: 2, interrupted: 130, pipeClosed: 141 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface Outcome {
  /** Files that had at least one error diagnostic. */
  filesWithErrors: number;
  interrupted?: boolean;
  /** Failures of the run itself (the report or the manifest could not be written). */
  runErrors?: number;
}

export function exitCodeFor(outcome: Outcome): ExitCode {
  if (outcome.interrupted) return EXIT.interrupted;
  return outcome.filesWithErrors > 0 || (outcome.runErrors ?? 0) > 0 ? EXIT.fileErrors : EXIT.ok;
}

/** A usage error found by a command after yargs parsed the options (e.g. a bad --shard). */
export class UsageError extends Error {}

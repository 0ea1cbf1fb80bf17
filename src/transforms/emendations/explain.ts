/** `--explain`: one line per change, where it is in the transcription, who made it and what. */
import type { Edition } from '../../model/edition.js';

/** `line:col kind resp: description`, in source order (stable for changes at the same place). */
export function explainEmendations(edition: Edition): string[] {
  return edition.emendations
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.pos.line - b.e.pos.line || a.e.pos.column - b.e.pos.column || a.i - b.i)
    .map(({ e }) => `${e.pos.line}:${e.pos.column} ${e.kind} ${e.resp}: ${e.description}`);
}

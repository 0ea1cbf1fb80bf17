/**
 * Shared by the emendation transforms: where a change is recorded (`edition.emendations`,
 * an `emendation-applied` diagnostic), who is responsible for it, and how positions inside
 * a text node are computed when a node is split.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { Edition, EmendationKind, Inline, InlineOf, Note, SourcePos } from '../../model/edition.js';

/** The converter's own `@resp`, declared in the header. */
export const TEIWRIGHT = '#teiwright';

/** Records one change in the edition and reports it, so `--explain` and the header can list it. */
export function recordEmendation(
  edition: Edition,
  diagnostics: Diagnostics,
  change: { kind: EmendationKind; resp: string; description: string; pos: SourcePos },
): void {
  edition.emendations.push({ kind: change.kind, resp: change.resp, description: change.description, pos: change.pos });
  diagnostics.report('emendation-applied', change.description, change.pos);
}

/** The position of the character `offset` code units into a text that starts at `start`. */
export function posAt(start: SourcePos, value: string, offset: number): SourcePos {
  let line = start.line;
  let column = start.column;
  for (let i = 0; i < offset && i < value.length; i++) {
    if (value.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

/** The text pieces of `node` between offsets, each with its own position; empty pieces are left out. */
export function slice(node: InlineOf<'text'>, from: number, to: number): InlineOf<'text'>[] {
  if (to <= from) return [];
  return [{ kind: 'text', text: node.text.slice(from, to), pos: posAt(node.pos, node.text, from) }];
}

/** Adds `#id` to what the note points at (once). */
export function pointNoteAt(note: Note, id: string): void {
  const pointer = `#${id}`;
  if (!note.targets.includes(pointer)) note.targets.push(pointer);
}

/** Replaces `old` in `list` by `replacement` (identity lookup, so earlier splices do not matter). */
export function replaceNode(list: Inline[], old: Inline, replacement: readonly Inline[]): boolean {
  const i = list.indexOf(old);
  if (i < 0) return false;
  list.splice(i, 1, ...replacement);
  return true;
}

/** Short, quoted form of a string for descriptions and messages. */
export const quoted = (s: string): string => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;

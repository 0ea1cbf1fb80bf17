/**
 * The header's title and subtitle are the printed title's words without its note anchors.
 * A browser copy prints a title's anchor as digits glued to its last word ("A Just War1");
 * the engine finds that anchor only after the title was read (`printed-anchors.ts`), so the
 * header, read from the title's words, still has them: here it gets the words without.
 */
import type { Edition, Inline } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';

/** `value` when it is the printed words of `list` with its anchors; the words without them instead. */
function withoutAnchors(value: string | undefined, list: readonly Inline[] | undefined): string | undefined {
  if (value === undefined || list === undefined) return value;
  const printed = squash(plainText(list, { anchors: true }));
  return printed === value ? squash(plainText(list)) : value;
}

export function titleWithoutAnchors(ed: Edition): void {
  const title = withoutAnchors(ed.metadata.title, ed.body.head);
  if (title !== undefined) ed.metadata.title = title;
  const subtitle = withoutAnchors(ed.metadata.subtitle, ed.body.subtitle);
  if (subtitle !== undefined) ed.metadata.subtitle = subtitle;
}

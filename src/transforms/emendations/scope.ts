/** Which inline lists of an edition a transform looks at. */
import type { Edition, Inline } from '../../model/edition.js';
import { bodyInlineLists, noteInlineLists } from '../../model/walk.js';

/** The values of the metadata fields (Source, Written, …), in order. */
export const metadataInlineLists = (ed: Edition): Inline[][] => ed.metadata.fields.map((f) => f.value);

/** The headings of the note sections ("Notes"). */
export const noteHeadingLists = (ed: Edition): Inline[][] =>
  ed.notes.flatMap((s) => (s.heading ? [s.heading] : []));

/** Every inline list of the edition: metadata values, text, note headings, notes. */
export const allInlineLists = (ed: Edition): Inline[][] => [
  ...metadataInlineLists(ed),
  ...bodyInlineLists(ed),
  ...noteHeadingLists(ed),
  ...noteInlineLists(ed),
];

/**
 * Calls `visit` for every text node that is running text — not inside `sic`, `del`, a `choice`
 * or another emendation, whose words are already accounted for.
 */
export function visitRunningText(lists: Inline[][], visit: (node: Extract<Inline, { kind: 'text' }>, list: Inline[]) => void): void {
  for (const list of lists) {
    // A snapshot: the visitor may split the node it is given.
    for (const node of [...list]) {
      if (node.kind === 'text') visit(node, list);
      else if (node.kind === 'hi' || node.kind === 'link' || node.kind === 'inlineNote') visitRunningText([node.children], visit);
    }
  }
}

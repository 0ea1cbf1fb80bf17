/**
 * Broken character references: `&8220;` (the `#` of `&#8220;` lost somewhere between the
 * print edition and the web page). The reference is kept as printed and the character it
 * meant is supplied: `choice/sic/corr` with `resp="#teiwright"`.
 */
import type { Edition, Inline, InlineOf } from '../../model/edition.js';
import type { Transform, TransformContext } from '../index.js';
import { posAt, quoted, replaceNode, slice, TEIWRIGHT } from '../emendations/record.js';
import { allInlineLists, visitRunningText } from '../emendations/scope.js';

/** `&` + decimal digits (or `x` + hex digits) + `;` without the `#`. */
const BROKEN_CHARREF = /&(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});/g;

/** The character a reference number stands for, or undefined when XML cannot carry it. */
export function charForReference(ref: string): string | undefined {
  const code = ref.startsWith('x') ? Number.parseInt(ref.slice(1), 16) : Number.parseInt(ref, 10);
  const allowed =
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

function repairNode(node: InlineOf<'text'>, list: Inline[], edition: Edition, ctx: TransformContext): void {
  if (!node.text.includes('&')) return;
  const pieces: Inline[] = [];
  let done = 0;
  for (const m of node.text.matchAll(BROKEN_CHARREF)) {
    const char = charForReference(m[1]!);
    if (char === undefined) continue; // not a character XML can hold: left as printed text
    const at = m.index;
    const pos = posAt(node.pos, node.text, at);
    pieces.push(...slice(node, done, at), {
      kind: 'choice', resp: TEIWRIGHT, pos,
      sic: [{ kind: 'text', text: m[0], pos }],
      corr: [{ kind: 'text', text: char, pos }],
    });
    done = at + m[0].length;
    const description = `broken character reference ${m[0]} read as ${quoted(char)} (choice/sic/corr)`;
    edition.emendations.push({ kind: 'charref', resp: TEIWRIGHT, description, pos });
    ctx.diagnostics.report('charref-repaired', description, pos);
  }
  if (done === 0) return;
  pieces.push(...slice(node, done, node.text.length));
  replaceNode(list, node, pieces);
}

export const charrefTransform: Transform = {
  name: 'charref',
  apply(edition, ctx) {
    visitRunningText(allInlineLists(edition), (node, list) => repairNode(node, list, edition, ctx));
    // The header's title is plain text: it gets the character; `head` keeps the reference as sic.
    edition.metadata.title = edition.metadata.title.replace(BROKEN_CHARREF, (ref, n: string) => charForReference(n) ?? ref);
  },
};

/** Small helpers to build and traverse the edition tree, shared by readers, transforms and the writer. */
import type { Block, Edition, Inline, InlineOf, SourcePos } from './edition.js';

export const text = (value: string, pos: SourcePos): InlineOf<'text'> => ({ kind: 'text', text: value, pos });

/**
 * Calls `each` with the child inline lists of an inline node, in document order: the one
 * place that knows which kinds hold inline content (`inlineChildren` and `visitInlines`
 * both go through it, so a new kind cannot be missed by one of them).
 */
function forEachChildList(node: Inline, each: (list: Inline[]) => void): void {
  switch (node.kind) {
    case 'hi':
    case 'link':
    case 'del':
    case 'add':
    case 'unclear':
    case 'supplied':
    case 'sic':
    case 'inlineNote':
      each(node.children);
      break;
    case 'subst':
      each(node.del);
      each(node.add);
      break;
    case 'choice':
      each(node.sic);
      each(node.corr);
      break;
    default:
  }
}

/** The child inline lists of an inline node (for nodes that have any). */
export function inlineChildren(node: Inline): Inline[][] {
  const out: Inline[][] = [];
  forEachChildList(node, (list) => out.push(list));
  return out;
}

/** The inline lists inside a block, quotes included (explicit stack: quotes nest as deep as the input). */
export function blockInlines(block: Block): Inline[][] {
  const out: Inline[][] = [];
  const stack: Block[] = [block];
  while (stack.length > 0) {
    const b = stack.pop()!;
    switch (b.kind) {
      case 'p':
      case 'heading':
        out.push(b.children);
        break;
      case 'list':
        for (const item of b.items) out.push(item);
        break;
      case 'lines':
        for (const line of b.lines) out.push(line);
        break;
      case 'table':
        for (const row of b.rows) for (const cell of row.cells) out.push(cell.children);
        break;
      case 'figure':
        if (b.head) out.push(b.head);
        break;
      case 'quote':
        for (let i = b.blocks.length - 1; i >= 0; i--) stack.push(b.blocks[i]!);
        break;
      case 'pb':
        break;
    }
  }
  return out;
}

/** Every inline list of the edition's text (head, opener, argument, body, closer), in reading order. */
export function bodyInlineLists(ed: Edition): Inline[][] {
  const b = ed.body;
  const lists: Inline[][] = [];
  for (const block of b.beforeHead ?? []) for (const l of blockInlines(block)) lists.push(l);
  lists.push(b.head);
  if (b.subtitle) lists.push(b.subtitle);
  if (b.opener?.dateline) lists.push(b.opener.dateline);
  if (b.opener?.salute) lists.push(b.opener.salute);
  // Loops, not push(...spread): a 10 MB text has more lists than a call's argument limit.
  for (const block of b.argument) for (const l of blockInlines(block)) lists.push(l);
  for (const block of b.blocks) for (const l of blockInlines(block)) lists.push(l);
  if (b.closer?.salute) lists.push(b.closer.salute);
  if (b.closer?.signed) lists.push(b.closer.signed);
  if (b.closer?.dateline) lists.push(b.closer.dateline);
  for (const block of b.postscript?.blocks ?? []) for (const l of blockInlines(block)) lists.push(l);
  for (const n of b.publicationNotes) lists.push(n.children);
  return lists;
}

/** The inline values of the metadata fields (an anchor can stand in an information block). */
export function metadataInlineLists(ed: Edition): Inline[][] {
  return ed.metadata.fields.map((f) => f.value);
}

/** Every inline list of the notes, in order. */
export function noteInlineLists(ed: Edition): Inline[][] {
  const lists: Inline[][] = [];
  for (const s of ed.notes) {
    for (const block of s.blocks ?? []) for (const l of blockInlines(block)) lists.push(l);
    for (const n of s.notes) for (const block of n.blocks) for (const l of blockInlines(block)) lists.push(l);
  }
  return lists;
}

/**
 * Visits every inline node depth-first in document order. The visitor gets the list that
 * holds the node and its index, so transforms can replace a node in place. An explicit
 * stack, not recursion: the depth of the markup is the input's, not ours.
 */
export function visitInlines(lists: Inline[][], visit: (node: Inline, list: Inline[], index: number) => void): void {
  const stack: { list: Inline[]; index: number }[] = [];
  const pushFrame = (list: Inline[]): void => {
    stack.push({ list, index: 0 });
  };
  for (let l = lists.length - 1; l >= 0; l--) pushFrame(lists[l]!);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.list.length) {
      stack.pop();
      continue;
    }
    const i = frame.index++;
    const node = frame.list[i]!;
    visit(node, frame.list, i);
    // The child lists, the first on top, without an array per node.
    const below = stack.length;
    forEachChildList(node, pushFrame);
    for (let lo = below, hi = stack.length - 1; lo < hi; lo++, hi--) {
      const first = stack[lo]!;
      stack[lo] = stack[hi]!;
      stack[hi] = first;
    }
  }
}

/** Pieces of plain text joined with `+=` before they are gathered in an array (see `plainText`). */
const PLAIN_PIECES = 256;

/**
 * The plain text of inline content, without note anchors (used for titles and matching).
 * With `upTo`, the walk stops once that many characters are gathered: the text returned is
 * then a prefix of the whole, at least `upTo` long (or the whole, when shorter).
 */
export function plainText(list: readonly Inline[], options: { anchors?: boolean; upTo?: number } = {}): string {
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let length = 0;
  let out = '';
  // Past a few hundred pieces they are gathered in an array and joined once: `+=` over a
  // paragraph of a million nodes makes a million-node rope that outlives the young
  // generation (a 16 MB paragraph's plain text, asked four times by the layout, left
  // hundreds of megabytes of it to the old generation). Short texts keep `+=`.
  let parts: string[] | undefined;
  let pieces = 0;
  const add = (piece: string): void => {
    length += piece.length;
    if (parts) parts.push(piece);
    else if (++pieces > PLAIN_PIECES) parts = [out, piece];
    else out += piece;
  };
  // Lists still to read, innermost last (an explicit stack: input depth never reaches the call stack).
  const stack: { list: readonly Inline[]; index: number }[] = [{ list, index: 0 }];
  while (stack.length > 0 && length < upTo) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.list.length) {
      stack.pop();
      continue;
    }
    const node = frame.list[frame.index++]!;
    let inner: readonly Inline[] | undefined;
    switch (node.kind) {
      case 'text':
        add(node.text);
        break;
      case 'noteAnchor':
        if (options.anchors) add(node.marker);
        break;
      case 'gap':
      case 'pb':
        break;
      case 'lb':
        add('\n');
        break;
      case 'subst':
        inner = node.add;
        break;
      case 'choice':
        inner = node.corr;
        break;
      case 'inlineNote':
        break;
      default:
        inner = inlineChildren(node)[0];
    }
    if (inner && inner.length > 0) stack.push({ list: inner, index: 0 });
  }
  return parts ? parts.join('') : out;
}

/** White space other than a single space: what `squash` has to collapse besides trimming. */
const SQUASHABLE = /[^\S ]| {2}/;

/** Collapses runs of white space (including no-break spaces) and trims. */
export const squash = (s: string): string => (SQUASHABLE.test(s) ? s.replace(/[\s\u00a0]+/g, ' ') : s).trim();

export function emptyEdition(profile: string): Edition {
  return {
    profile,
    metadata: { title: '', fields: [], language: 'en' },
    body: { head: [], argument: [], blocks: [], publicationNotes: [] },
    notes: [],
    emendations: [],
    editors: [],
    hands: [],
    dropped: [],
  };
}

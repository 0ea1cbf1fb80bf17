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
  appendBlockInlines(block, out);
  return out;
}

/**
 * `blockInlines(block)` appended to `out`: the whole-edition lists below gather into one
 * array, rather than an array (and a stack) per block copied into it — the transforms and
 * the layout ask for these lists a dozen times per document, and the per-block arrays were
 * the largest share of what they allocated. A stack is made only for a quote.
 */
function appendBlockInlines(block: Block, out: Inline[][]): void {
  switch (block.kind) {
    case 'p':
    case 'heading':
      out.push(block.children);
      break;
    case 'list':
      for (const item of block.items) out.push(item);
      break;
    case 'lines':
      for (const line of block.lines) out.push(line);
      break;
    case 'table':
      for (const row of block.rows) for (const cell of row.cells) out.push(cell.children);
      break;
    case 'figure':
      if (block.head) out.push(block.head);
      break;
    case 'quote': {
      const stack: Block[] = [];
      for (let i = block.blocks.length - 1; i >= 0; i--) stack.push(block.blocks[i]!);
      while (stack.length > 0) {
        const b = stack.pop()!;
        if (b.kind === 'quote') for (let i = b.blocks.length - 1; i >= 0; i--) stack.push(b.blocks[i]!);
        else appendBlockInlines(b, out);
      }
      break;
    }
    case 'pb':
      break;
  }
}

/** Every inline list of the edition's text (head, opener, argument, body, closer), in reading order; appended to `into` when given. */
export function bodyInlineLists(ed: Edition, into: Inline[][] = []): Inline[][] {
  const b = ed.body;
  const lists = into;
  // Loops, not push(...spread): a 10 MB text has more lists than a call's argument limit.
  if (b.beforeHead) for (const block of b.beforeHead) appendBlockInlines(block, lists);
  lists.push(b.head);
  if (b.subtitle) lists.push(b.subtitle);
  if (b.opener?.dateline) lists.push(b.opener.dateline);
  if (b.opener?.salute) lists.push(b.opener.salute);
  for (const block of b.argument) appendBlockInlines(block, lists);
  for (const block of b.blocks) appendBlockInlines(block, lists);
  if (b.closer?.salute) lists.push(b.closer.salute);
  if (b.closer?.signed) lists.push(b.closer.signed);
  if (b.closer?.dateline) lists.push(b.closer.dateline);
  if (b.postscript) for (const block of b.postscript.blocks) appendBlockInlines(block, lists);
  for (const n of b.publicationNotes) lists.push(n.children);
  return lists;
}

/** The inline values of the metadata fields (an anchor can stand in an information block); appended to `into` when given. */
export function metadataInlineLists(ed: Edition, into: Inline[][] = []): Inline[][] {
  for (const f of ed.metadata.fields) into.push(f.value);
  return into;
}

/** Every inline list of the notes, in order; appended to `into` when given. */
export function noteInlineLists(ed: Edition, into: Inline[][] = []): Inline[][] {
  const lists = into;
  for (const s of ed.notes) {
    if (s.blocks) for (const block of s.blocks) appendBlockInlines(block, lists);
    for (const n of s.notes) for (const block of n.blocks) appendBlockInlines(block, lists);
  }
  return lists;
}

/**
 * Every inline list of the edition: metadata, text, notes, in that order (what
 * `[...metadataInlineLists(ed), ...bodyInlineLists(ed), ...noteInlineLists(ed)]` gives), in
 * one array instead of four.
 */
export function editionInlineLists(ed: Edition): Inline[][] {
  return noteInlineLists(ed, bodyInlineLists(ed, metadataInlineLists(ed)));
}

/**
 * Visits every inline node depth-first in document order. The visitor gets the list that
 * holds the node and its index, so transforms can replace a node in place. An explicit
 * stack, not recursion: the depth of the markup is the input's, not ours.
 */
export function visitInlines(lists: Inline[][], visit: (node: Inline, list: Inline[], index: number) => void): void {
  // The stack as two parallel arrays (each list and the index of its next node), not an
  // object per list: the layout and the transforms visit every list of a document many times.
  const stackLists: Inline[][] = [];
  const stackNext: number[] = [];
  const pushFrame = (list: Inline[]): void => {
    stackLists.push(list);
    stackNext.push(0);
  };
  for (let l = lists.length - 1; l >= 0; l--) pushFrame(lists[l]!);
  while (stackLists.length > 0) {
    const top = stackLists.length - 1;
    const list = stackLists[top]!;
    const i = stackNext[top]!;
    if (i >= list.length) {
      stackLists.pop();
      stackNext.pop();
      continue;
    }
    stackNext[top] = i + 1;
    const node = list[i]!;
    visit(node, list, i);
    // The child lists, the first on top, without an array per node (a new frame's index is 0: only the lists swap).
    const below = stackLists.length;
    forEachChildList(node, pushFrame);
    for (let lo = below, hi = stackLists.length - 1; lo < hi; lo++, hi--) {
      const first = stackLists[lo]!;
      stackLists[lo] = stackLists[hi]!;
      stackLists[hi] = first;
    }
  }
}

/** Pieces of plain text joined with `+=` before they are gathered in an array (see `plainText`). */
const PLAIN_PIECES = 256;

/** `plainText`'s options when none are given (one object, not one per call). */
const NO_OPTIONS: { anchors?: boolean; upTo?: number } = {};

/**
 * The plain text of inline content, without note anchors (used for titles and matching).
 * With `upTo`, the walk stops once that many characters are gathered: the text returned is
 * then a prefix of the whole, at least `upTo` long (or the whole, when shorter).
 */
export function plainText(list: readonly Inline[], options: { anchors?: boolean; upTo?: number } = NO_OPTIONS): string {
  // Most lists asked are one text node: its text, with no stack, frame or closure made.
  if (list.length === 1 && list[0]!.kind === 'text') return list[0]!.text;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let length = 0;
  let out = '';
  // Past a few hundred pieces they are gathered in an array and joined once: `+=` over a
  // paragraph of a million nodes makes a million-node rope that outlives the young
  // generation (a 16 MB paragraph's plain text, asked four times by the layout, left
  // hundreds of megabytes of it to the old generation). Short texts keep `+=`.
  let parts: string[] | undefined;
  let pieces = 0;
  // Lists still to read, innermost last (an explicit stack: input depth never reaches the
  // call stack), as two parallel arrays rather than an object per list.
  const stackLists: (readonly Inline[])[] = [list];
  const stackNext: number[] = [0];
  while (stackLists.length > 0 && length < upTo) {
    const top = stackLists.length - 1;
    const current = stackLists[top]!;
    const index = stackNext[top]!;
    if (index >= current.length) {
      stackLists.pop();
      stackNext.pop();
      continue;
    }
    stackNext[top] = index + 1;
    const node = current[index]!;
    let inner: readonly Inline[] | undefined;
    let piece: string | undefined;
    switch (node.kind) {
      case 'text':
        piece = node.text;
        break;
      case 'noteAnchor':
        if (options.anchors) piece = node.marker;
        break;
      case 'gap':
      case 'pb':
        break;
      case 'lb':
        piece = '\n';
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
        inner = firstChildList(node);
    }
    if (piece !== undefined) {
      length += piece.length;
      if (parts) parts.push(piece);
      else if (++pieces > PLAIN_PIECES) parts = [out, piece];
      else out += piece;
    }
    if (inner && inner.length > 0) {
      stackLists.push(inner);
      stackNext.push(0);
    }
  }
  return parts ? parts.join('') : out;
}

/** The first child inline list of a node (`inlineChildren(node)[0]`), without the array of them. */
function firstChildList(node: Inline): Inline[] | undefined {
  let first: Inline[] | undefined;
  forEachChildList(node, (l) => {
    first ??= l;
  });
  return first;
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

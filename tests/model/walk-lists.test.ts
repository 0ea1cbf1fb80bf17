/**
 * The whole-edition inline lists gathered into one array (no array and stack per block),
 * `visitInlines` and `plainText` with their stacks in parallel arrays (no object per list):
 * the same lists, in the same order, the same visits and the same texts as the walks they
 * replace (copied below as they were), on the models of the examples and of ../shared's
 * corpus, and on quotes nested in quotes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { blockInlines, bodyInlineLists, editionInlineLists, emptyEdition, inlineChildren, metadataInlineLists, noteInlineLists, plainText, visitInlines } from '../../src/model/walk.js';
import { CORPUS, hasCorpus, PROJECT_ROOT } from '../helpers/shared.js';

/** `blockInlines` as it was: an array and a stack per block. */
function oldBlockInlines(block: Block): Inline[][] {
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

function oldBodyInlineLists(ed: Edition): Inline[][] {
  const b = ed.body;
  const lists: Inline[][] = [];
  for (const block of b.beforeHead ?? []) lists.push(...oldBlockInlines(block));
  lists.push(b.head);
  if (b.subtitle) lists.push(b.subtitle);
  if (b.opener?.dateline) lists.push(b.opener.dateline);
  if (b.opener?.salute) lists.push(b.opener.salute);
  for (const block of b.argument) lists.push(...oldBlockInlines(block));
  for (const block of b.blocks) lists.push(...oldBlockInlines(block));
  if (b.closer?.salute) lists.push(b.closer.salute);
  if (b.closer?.signed) lists.push(b.closer.signed);
  if (b.closer?.dateline) lists.push(b.closer.dateline);
  for (const block of b.postscript?.blocks ?? []) lists.push(...oldBlockInlines(block));
  for (const n of b.publicationNotes) lists.push(n.children);
  return lists;
}

function oldNoteInlineLists(ed: Edition): Inline[][] {
  const lists: Inline[][] = [];
  for (const s of ed.notes) {
    for (const block of s.blocks ?? []) lists.push(...oldBlockInlines(block));
    for (const n of s.notes) for (const block of n.blocks) lists.push(...oldBlockInlines(block));
  }
  return lists;
}

/** `visitInlines` as it was: a frame object per list. */
function oldVisitInlines(lists: Inline[][], visit: (node: Inline, list: Inline[], index: number) => void): void {
  const stack: { list: Inline[]; index: number }[] = [];
  for (let l = lists.length - 1; l >= 0; l--) stack.push({ list: lists[l]!, index: 0 });
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.list.length) {
      stack.pop();
      continue;
    }
    const i = frame.index++;
    const node = frame.list[i]!;
    visit(node, frame.list, i);
    const children = inlineChildren(node);
    for (let c = children.length - 1; c >= 0; c--) stack.push({ list: children[c]!, index: 0 });
  }
}

/** `plainText` as it was: a frame object per list, a closure per call. */
function oldPlainText(list: readonly Inline[], options: { anchors?: boolean; upTo?: number } = {}): string {
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let length = 0;
  let out = '';
  const add = (piece: string): void => {
    length += piece.length;
    out += piece;
  };
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
      case 'lb':
        add('\n');
        break;
      case 'subst':
        inner = node.add;
        break;
      case 'choice':
        inner = node.corr;
        break;
      case 'gap':
      case 'pb':
      case 'inlineNote':
        break;
      default:
        inner = inlineChildren(node)[0];
    }
    if (inner && inner.length > 0) stack.push({ list: inner, index: 0 });
  }
  return out;
}

function models(): Edition[] {
  const files = [join(PROJECT_ROOT, 'input'), ...(hasCorpus ? [CORPUS] : [])].flatMap((dir) =>
    readdirSync(dir)
      .filter((n) => /\.(txt|md|html?)$/.test(n))
      .map((n) => join(dir, n)),
  );
  return files.flatMap((file) => {
    const model = convert(readFileSync(file, 'utf8'), { file, validate: false, verify: false }).model;
    return model ? [model] : [];
  });
}

const pos = { line: 1, column: 1 };
const p = (text: string): Block => ({ kind: 'p', children: [{ kind: 'text', text, pos }], pos }) as Block;
const quote = (blocks: Block[]): Block => ({ kind: 'quote', blocks, pos }) as Block;

/** Every visit as `kind@index` of the list (by its place in the visit order) it was met in. */
function visits(walk: typeof visitInlines, lists: Inline[][]): string[] {
  const seen = new Map<Inline[], number>();
  const out: string[] = [];
  walk(lists, (node, list, index) => {
    if (!seen.has(list)) seen.set(list, seen.size);
    out.push(`${node.kind}@${seen.get(list)}:${index}`);
  });
  return out;
}

describe('inline lists and walks without an object per list', () => {
  const eds = models();

  it('converts the examples (and the corpus when ../shared is there)', () => {
    expect(eds.length).toBeGreaterThanOrEqual(2);
  });

  it('gathers the same lists, the same arrays in the same order, as the per-block walk', () => {
    for (const ed of eds) {
      const meta = metadataInlineLists(ed);
      const body = oldBodyInlineLists(ed);
      const notes = oldNoteInlineLists(ed);
      expect(bodyInlineLists(ed)).toHaveLength(body.length);
      bodyInlineLists(ed).forEach((l, i) => expect(l).toBe(body[i]));
      noteInlineLists(ed).forEach((l, i) => expect(l).toBe(notes[i]));
      const all = editionInlineLists(ed);
      expect(all).toHaveLength(meta.length + body.length + notes.length);
      [...meta, ...body, ...notes].forEach((l, i) => expect(all[i]).toBe(l));
      for (const b of ed.body.blocks) expect(blockInlines(b)).toEqual(oldBlockInlines(b));
    }
  });

  it('appends to the array it is given, and reads quotes nested in quotes in reading order', () => {
    const ed = emptyEdition('test');
    ed.body.blocks = [p('a'), quote([p('b'), quote([p('c'), quote([p('d')]), p('e')]), p('f')]), p('g')];
    const into: Inline[][] = [[{ kind: 'text', text: 'before', pos }]];
    const lists = bodyInlineLists(ed, into);
    expect(lists).toBe(into);
    expect(lists.map((l) => plainText(l))).toEqual(['before', '', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(lists.slice(1)).toEqual(oldBodyInlineLists(ed));
    expect(blockInlines(ed.body.blocks[1]!)).toEqual(oldBlockInlines(ed.body.blocks[1]!));
  });

  it('visits the same nodes, lists and indexes as the walk with a frame per list', () => {
    for (const ed of eds) {
      const lists = editionInlineLists(ed);
      expect(visits(visitInlines, lists)).toEqual(visits(oldVisitInlines, lists));
    }
  });

  it('gives the same plain text of every list, with and without anchors, whole or up to a length', () => {
    let lists = 0;
    for (const ed of eds) {
      for (const list of editionInlineLists(ed)) {
        lists++;
        expect(plainText(list)).toBe(oldPlainText(list));
        expect(plainText(list, { anchors: true })).toBe(oldPlainText(list, { anchors: true }));
        expect(plainText(list, { upTo: 5 })).toBe(oldPlainText(list, { upTo: 5 }));
      }
    }
    expect(lists).toBeGreaterThan(100);
  });
});

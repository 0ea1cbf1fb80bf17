import { describe, expect, it } from 'vitest';
import { compactModel } from '../../src/model/compact.js';
import { convert } from '../../src/convert.js';
import { emptyEdition } from '../../src/model/walk.js';
import type { Edition, Inline } from '../../src/model/edition.js';

describe('compactModel gives back the spare room of the model\'s arrays, nothing else', () => {
  it('the model is deep-equal before and after, with every short array a new one', () => {
    const r = convert('# Title\n\nSome *words* and a note.[^1]\n\n> quoted\n\n[^1]: The note.\n', { file: 't.md' });
    const model = r.model!;
    const before = structuredClone(model);
    const paragraph = model.body.blocks[0]!;
    const oldChildren = paragraph.kind === 'p' ? paragraph.children : undefined;
    compactModel(model);
    expect(model).toEqual(before);
    expect(paragraph.kind === 'p' && paragraph.children).not.toBe(oldChildren);
  });

  it('an array reached from two places stays one array (a change through one is seen through the other)', () => {
    const ed: Edition = emptyEdition('t');
    const shared: Inline[] = [{ kind: 'text', text: 'x', pos: { line: 1, column: 1 } }];
    ed.body.head = shared;
    ed.body.blocks.push({ kind: 'p', children: shared, pos: { line: 2, column: 1 } });
    compactModel(ed);
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && p.children).toBe(ed.body.head);
    expect(ed.body.head).not.toBe(shared);
  });

  it('nodes are kept (objects never copied), nested lists as deep as the input are walked without recursion', () => {
    const ed: Edition = emptyEdition('t');
    const leaf: Inline = { kind: 'text', text: 'deep', pos: { line: 1, column: 1 } };
    let node: Inline = leaf;
    for (let i = 0; i < 100_000; i++) node = { kind: 'hi', rend: 'italic', children: [node], pos: { line: 1, column: 1 } };
    ed.body.blocks.push({ kind: 'p', children: [node], pos: { line: 1, column: 1 } });
    compactModel(ed);
    let n: Inline = (ed.body.blocks[0] as { children: Inline[] }).children[0]!;
    while (n.kind === 'hi') n = n.children[0]!;
    expect(n).toBe(leaf);
  });
});

/**
 * The sanitizer walks the model with an explicit stack. A list is one stack entry whose items
 * are taken in order, not one entry per item: a paragraph of a flood of text nodes (16 MB of
 * `&laquo;` makes two million) must not put every node on the stack at once, and the walk
 * must visit the nodes in the same order as before (the order of its diagnostics and of the
 * ids it renames).
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { sanitizeModel, sanitizeWalk } from '../../src/model/sanitize.js';
import { expectValidTei } from '../helpers/tei.js';

const at = (line: number, column: number) => ({ line, column });

function edition(blocks: Edition['body']['blocks']): Edition {
  return {
    profile: 'mia-markdown',
    metadata: { title: 'T', fields: [], language: 'en' },
    body: { head: [{ kind: 'text', text: 'T', pos: at(1, 3) }], argument: [], blocks, publicationNotes: [] },
    notes: [],
    emendations: [],
    editors: [],
    hands: [],
    dropped: [],
  };
}

describe('the sanitizer walk holds a few entries per level, not one per node', () => {
  it('a paragraph of 15,000 text nodes (a flood of named references) is walked with a stack of a few entries', () => {
    const r = convert(`# T\n\n${'&laquo;word&raquo; '.repeat(5_000)}\n`, { file: 'flood.md', verify: false });
    expect(r.ok).toBe(true);
    const p = r.model!.body.blocks[0]!;
    expect(p.kind === 'p' && p.children.length).toBeGreaterThanOrEqual(10_000);
    expect(sanitizeWalk.peakEntries).toBeGreaterThan(0);
    expect(sanitizeWalk.peakEntries).toBeLessThan(50);
    expectValidTei(r.tei!);
  });

  it('visits lists in order: forbidden characters reported and duplicate ids renamed in the order of the text', () => {
    const text = (s: string, line: number, column: number): Inline => ({ kind: 'text', text: s, pos: at(line, column) });
    const ed = edition([
      { kind: 'p', pos: at(3, 1), children: [text('a\u0001', 3, 1), { kind: 'hi', rend: 'italic', pos: at(3, 4), children: [text('b\uFFFE', 3, 5)] }, { kind: 'noteAnchor', marker: '1', key: '1', id: 'x', pos: at(3, 9) }] },
      { kind: 'list', ordered: false, pos: at(5, 1), items: [[text('c\u0002', 5, 3), { kind: 'noteAnchor', marker: '1', key: '1', id: 'x', pos: at(5, 6) }], [text('d\uFFFF', 6, 3)]] },
      { kind: 'lines', pos: at(8, 1), lines: [[{ kind: 'noteAnchor', marker: '1', key: '1', id: 'x', pos: at(8, 1) }], [text('e\u0003', 9, 1)]] },
    ]);
    const d = new Diagnostics('t.md');
    sanitizeModel(ed, d);
    expect(d.items.filter((i) => i.code === 'char-forbidden').map((i) => [i.line, i.column])).toEqual([
      [3, 2],
      [3, 6],
      [5, 4],
      [6, 4],
      [9, 2],
    ]);
    const ids: string[] = [];
    const [p, list, lines] = ed.body.blocks;
    for (const n of [...(p!.kind === 'p' ? p!.children : []), ...(list!.kind === 'list' ? list!.items.flat() : []), ...(lines!.kind === 'lines' ? lines!.lines.flat() : [])]) {
      if (n.kind === 'noteAnchor' && n.id !== undefined) ids.push(n.id);
    }
    expect(ids).toEqual(['x', 'x-2', 'x-3']);
  });
});

describe('the sanitizer reads a place only where it needs one', () => {
  /** A text node whose `pos` counts its reads (as a large source's lean nodes make it when read). */
  const counted = (text: string, column: number, reads: { n: number }): Inline => {
    const node = { kind: 'text', text } as Inline;
    Object.defineProperty(node, 'pos', { get: () => (reads.n++, at(3, column)), enumerable: true, configurable: true });
    return node;
  };

  it('a clean text node\'s position is read at most once (it was five times); a repaired one is still placed at its own column', () => {
    const reads = { n: 0 };
    const children = Array.from({ length: 1_000 }, (_, i) => counted(i % 2 === 0 ? 'code' : ' word ', i * 6 + 1, reads));
    const m = edition([{ kind: 'p', children, pos: at(3, 1) }]);
    const d = new Diagnostics('t.md');
    sanitizeModel(m, d);
    expect(d.items).toEqual([]);
    // Only to tell that each is a text node with a place (skipping its second scan): one read each at most.
    expect(reads.n).toBeLessThanOrEqual(1_000);

    const dirty = { n: 0 };
    const list = [counted('clean ', 1, dirty), counted('bad\u0001', 7, dirty), counted(' end', 12, dirty)];
    const d2 = new Diagnostics('t.md');
    sanitizeModel(edition([{ kind: 'p', children: list, pos: at(3, 1) }]), d2);
    expect(d2.items.map((x) => [x.code, x.line, x.column])).toEqual([['char-forbidden', 3, 10]]);
  });
});

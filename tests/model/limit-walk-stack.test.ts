/**
 * The limit walk (`exceededLimit`, run after reading and again in the model check) holds a
 * list as one stack entry whose items are taken in order, not one entry per item: 16 MB of
 * `&laquo;` makes a paragraph of two million text nodes, and one entry each was about 100 MB
 * at the conversion's peak. The first node past a limit is still the first in the text.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { exceededLimit, limitWalk } from '../../src/model/check.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { expectValidTei } from '../helpers/tei.js';

const at = (line: number, column: number) => ({ line, column });

describe('the limit walk holds a few entries per level, not one per node', () => {
  it('a paragraph of 15,000 text nodes (a flood of named references) is walked with a stack of a few entries', () => {
    const r = convert(`# T\n\n${'&laquo;word&raquo; '.repeat(5_000)}\n`, { file: 'flood.md', verify: false });
    expect(r.ok).toBe(true);
    const p = r.model!.body.blocks[0]!;
    expect(p.kind === 'p' && p.children.length).toBeGreaterThanOrEqual(10_000);
    expect(exceededLimit(r.model)).toBeUndefined();
    expect(limitWalk.peakEntries).toBeGreaterThan(0);
    expect(limitWalk.peakEntries).toBeLessThan(50);
    expectValidTei(r.tei!);
  });

  it('the first element past the limit is the first in the text: list items in order, each one\'s children before the next', () => {
    const text = (s: string, line: number, column: number): Inline => ({ kind: 'text', text: s, pos: at(line, column) });
    const hi = (line: number, column: number, children: Inline[] = [text('x', line, column + 1)]): Inline => ({ kind: 'hi', rend: 'italic', pos: at(line, column), children });
    const ed: Edition = {
      profile: 'mia-markdown',
      metadata: { title: 'T', fields: [], language: 'en' },
      body: {
        head: [text('T', 1, 3)],
        argument: [],
        blocks: [{ kind: 'p', pos: at(3, 1), children: [hi(3, 2, [hi(3, 3)]), text(' ', 3, 9), hi(3, 10), hi(3, 20), hi(3, 30)] }],
        publicationNotes: [],
      },
      notes: [],
      emendations: [],
      editors: [],
      hands: [],
      dropped: [],
    };
    // The p is the first element, the nested pair the second and third, then 3:10, 3:20.
    expect(exceededLimit(ed, { depth: 100, anchors: 100, elements: 3 })).toEqual({ what: 'elements', found: 4, pos: at(3, 10) });
    expect(exceededLimit(ed, { depth: 100, anchors: 100, elements: 4 })).toEqual({ what: 'elements', found: 5, pos: at(3, 20) });
    expect(exceededLimit(ed, { depth: 2, anchors: 100, elements: 100 })).toEqual({ what: 'depth', found: 3, pos: at(3, 3) });
  });
});

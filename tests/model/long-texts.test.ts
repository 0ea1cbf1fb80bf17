import { describe, expect, it } from 'vitest';
import { decodeReferences } from '../../src/model/charref.js';
import { plainText } from '../../src/model/walk.js';
import type { Inline } from '../../src/model/edition.js';

const pos = { line: 1, column: 1 };

describe('long texts read in pieces give what one pass gives', () => {
  it('decodes every reference of a text longer than a piece, none cut at a piece boundary', () => {
    // References of every kind and length, so that pieces end before many different ones.
    const unit = 'a&amp;b &#8220;q&#x201D; &laquo;&nbsp;&raquo; &foo; &#x110000; & ';
    const text = unit.repeat(5000);
    expect(text.length).toBeGreaterThan(4 * 65536);
    const decodedUnit = decodeReferences(unit);
    expect(decodedUnit).toBe('a&b “q” «\u00a0» &foo; &#x110000; & ');
    expect(decodeReferences(text)).toBe(decodedUnit.repeat(5000));
  });

  it('decodes a long text whose only reference stands after the first piece', () => {
    const text = `${'x'.repeat(70_000)}&amp;${'y'.repeat(10)}`;
    expect(decodeReferences(text)).toBe(`${'x'.repeat(70_000)}&${'y'.repeat(10)}`);
  });

  it('gives the plain text of a paragraph of many nodes in order, anchors and breaks as for a short one', () => {
    const nodes: Inline[] = [];
    for (let i = 0; i < 1000; i++) {
      nodes.push({ kind: 'text', text: `w${i} `, pos });
      if (i % 100 === 0) nodes.push({ kind: 'lb', pos });
    }
    const expected = Array.from({ length: 1000 }, (_, i) => `w${i} ${i % 100 === 0 ? '\n' : ''}`).join('');
    expect(plainText(nodes)).toBe(expected);
  });
});

/**
 * The scan's element records live through the whole check of a document (a megabyte of
 * notes headings: 190,000 of them), so each is kept small: an element without attributes or
 * children shares one frozen empty list (an array pushed to reserves 17 slots, 150 bytes),
 * and the lists an element has hold what the document says, in order.
 */
import { describe, expect, it } from 'vitest';
import { scanXml, type ElementRecord } from '../../src/validate/scan.js';

function elementsOf(xml: string): ElementRecord[] {
  const r = scanXml(xml);
  if (!r.ok) throw new Error('unsafe');
  return r.elements;
}

describe('scan records', () => {
  const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a<ref target="#n1" xml:id="r1">1</ref>b<lb/></p><p/></body></text></TEI>';

  it('leaves share one frozen empty child list; elements without attributes one frozen empty attribute list', () => {
    const els = elementsOf(xml);
    const [lb, emptyP] = [els.find((e) => e.local === 'lb')!, els.filter((e) => e.local === 'p')[1]!];
    expect(lb.children).toHaveLength(0);
    expect(lb.children).toBe(emptyP.children);
    expect(Object.isFrozen(lb.children)).toBe(true);
    expect(lb.attrs).toBe(emptyP.attrs);
    expect(Object.isFrozen(lb.attrs)).toBe(true);
  });

  it('the lists an element has are its own, whole and in document order', () => {
    const els = elementsOf(xml);
    const names = (ids: readonly number[]) => ids.map((i) => els[i]!.local);
    const body = els.find((e) => e.local === 'body')!;
    expect(names(body.children)).toEqual(['p', 'p']);
    const p = els[body.children[0]!]!;
    expect(names(p.children)).toEqual(['ref', 'lb']);
    expect(p.children).not.toBe(body.children);
    const ref = els.find((e) => e.local === 'ref')!;
    expect(ref.attrs.map((a) => [a.qname, a.local, a.ns, a.value])).toEqual([
      ['target', 'target', '', '#n1'],
      ['xml:id', 'id', 'http://www.w3.org/XML/1998/namespace', 'r1'],
    ]);
    expect(ref.attrs[1]!.pos).toEqual({ line: 1, column: ref.pos.column + 18 });
    expect(els.find((e) => e.local === 'TEI')!.attrs).toHaveLength(0);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { create } from 'xmlbuilder2';
import { serialize, XmlElement } from '../../src/tei/xml.js';

/**
 * The writer's tree (src/tei/xml.ts) replaced xmlbuilder2's DOM: the same tree must give
 * the bytes xmlbuilder2 gave (`end({ headless: true, prettyPrint: false })`, with every `&`
 * escaped first as the old writer did), whatever the text and attribute values hold.
 */
type Spec = { name: string; attrs: Array<[string, string]>; children: Array<Spec | string> };

const NAMES = ['p', 'hi', 'note', 'xml:id', 'lb', 'div'];
const chars = fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", ';', 'amp', '#', 'é', '\n', '\t', 'copy', '1');
const text = fc.array(chars, { maxLength: 8 }).map((a) => a.join(''));
const spec: fc.Arbitrary<Spec> = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.record({
    name: fc.constantFrom('p', 'hi', 'note', 'lb', 'div'),
    attrs: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES.filter((n) => n !== 'div')), text), { maxLength: 3, selector: (a) => a[0] }),
    children: fc.array(fc.oneof({ depthSize: 'small' }, text.filter((s) => s !== ''), tie('node')), { maxLength: 4 }),
  }),
})).node;

function ours(s: Spec): XmlElement {
  const e = new XmlElement(s.name);
  for (const [k, v] of s.attrs) e.setAttribute(k, v);
  for (const c of s.children) e.children.push(typeof c === 'string' ? c : ours(c));
  return e;
}

const amp = (v: string): string => v.replace(/&/g, '&amp;');

function theirs(s: Spec): string {
  const doc = create();
  const document = doc.node as unknown as { createElement(n: string): DomEl; createTextNode(t: string): unknown; appendChild(n: unknown): void };
  type DomEl = { setAttribute(k: string, v: string): void; appendChild(n: unknown): void };
  const build = (x: Spec): DomEl => {
    const e = document.createElement(x.name);
    for (const [k, v] of x.attrs) e.setAttribute(k, amp(v));
    for (const c of x.children) e.appendChild(typeof c === 'string' ? document.createTextNode(amp(c)) : build(c));
    return e;
  };
  document.appendChild(build(s));
  return doc.end({ headless: true, prettyPrint: false });
}

describe('the writer tree serialises as xmlbuilder2 did', () => {
  test('random trees: same bytes', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(serialize(ours(s))).toBe(theirs(s));
      }),
      { numRuns: 500 },
    );
  });

  test('an attribute set twice keeps its place and takes the new value', () => {
    const e = new XmlElement('ref');
    e.setAttribute('type', 'a');
    e.setAttribute('target', '#x');
    e.setAttribute('type', 'b & "c" <d>');
    expect(serialize(e)).toBe('<ref type="b &amp; &quot;c&quot; &lt;d&gt;" target="#x"/>');
  });
});

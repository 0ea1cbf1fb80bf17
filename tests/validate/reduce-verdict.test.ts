/**
 * The reduced verdict schema (reduce.ts) holds no notAllowed: libxml2 cannot build its
 * automaton for a content model with one and backtracks, exponential in the nesting (a fault
 * inside `<hi>` nested 18 deep took 17 s against the reduced tei_all, 24 deep more than
 * 400 s). What it removes it removes as RELAX NG's simplification does, and the verdict stays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { validateTei } from '../../src/validate/index.js';
import { nameKey, parseRng, reducedRngText, unusedPatterns } from '../../src/validate/reduce.js';
import { SAFE_PARSE, compileRngText, errorsOf } from '../../src/validate/schema.js';
import { scanXml } from '../../src/validate/scan.js';
import { PROJECT_ROOT, TEI_ALL, hasTeiAll, skipMessage } from '../helpers/shared.js';

const verdict = (schema: string, xml: string): string[] => {
  const v = compileRngText(schema, join(PROJECT_ROOT, 'schema.rng'));
  const doc = XmlDocument.fromString(xml, { option: SAFE_PARSE });
  try {
    return errorsOf(v, doc).map((e) => e.message.trim());
  } finally {
    doc.dispose();
    v.dispose();
  }
};

describe('the reduced verdict schema of a small grammar', () => {
  const grammar = `<grammar xmlns="http://relaxng.org/ns/structure/1.0">
    <start><ref name="p"/></start>
    <define name="p"><element name="p"><ref name=" atts "/><zeroOrMore><choice><text/><ref name="hi"/><ref name="note"/></choice></zeroOrMore></element></define>
    <define name="atts"><optional><attribute name="rend"/></optional></define>
    <define name="hi"><element name="hi"><ref name="atts"/><zeroOrMore><choice><text/><ref name="hi"/><ref name="note"/></choice></zeroOrMore></element></define>
    <define name="note"><element name="note"><attribute name="place"/><text/></element></define>
  </grammar>`;
  const parsed = parseRng(grammar);
  const names = (elements: string[], attributes: string[]) => [new Set(elements.map((e) => nameKey('', e))), new Set(attributes.map((a) => nameKey('', a)))] as const;

  it('leaves out what the names cannot use, through defines and refs (a ref name with spaces included), and writes no notAllowed', () => {
    // No attribute place: note cannot occur; no attribute rend: atts matches only nothing.
    const [elements, attributes] = names(['p', 'hi', 'note'], []);
    const unused = unusedPatterns(parsed, elements, attributes);
    expect([...unused.deadDefines]).toEqual(['note']);
    expect([...unused.emptyDefines]).toEqual(['atts']);
    const text = reducedRngText(parsed, elements, attributes);
    expect(text).not.toContain('notAllowed');
    expect(text).not.toMatch(/name="\s*(note|atts)\s*"/);
    expect(verdict(text, '<p>x<hi>y<hi>z</hi></hi></p>')).toEqual([]);
    expect(verdict(text, '<p>x<hi>y<note>n</note></hi></p>')).not.toEqual([]);
    expect(verdict(grammar, '<p>x<hi>y<note>n</note></hi></p>')).not.toEqual([]);
  });

  it('a root the start cannot take with the names: invalid, with an error (libxml2 gives none for a start of notAllowed alone)', () => {
    const [elements, attributes] = names(['hi'], []);
    expect(unusedPatterns(parsed, elements, attributes).start).toBe(true);
    expect(verdict(reducedRngText(parsed, elements, attributes), '<hi>x</hi>')).not.toEqual([]);
  });
});

if (!hasTeiAll) console.warn(skipMessage('tei_all.rng (for the reduced tei_all)'));

describe.skipIf(!hasTeiAll)('the reduced tei_all', () => {
  const own = convert(readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), 'utf8'), { file: 'stalin.txt' }).tei!;
  const foreign = own.replace('ident="teiwright"', 'ident="othertool"');

  it("for a document's names: no notAllowed, no define of an element it does not use, and a tenth of the text", () => {
    const scan = scanXml(foreign);
    if (!scan.ok) throw new Error('unsafe');
    const elements = new Set(scan.elements.map((e) => nameKey(e.ns, e.local)));
    const attributes = new Set(scan.elements.flatMap((e) => e.attrs.map((a) => nameKey(a.ns, a.local))));
    const full = readFileSync(TEI_ALL, 'utf8');
    const text = reducedRngText(parseRng(full), elements, attributes);
    expect(text).not.toContain('notAllowed');
    expect(text).toContain('<define name="hi">');
    expect(text).not.toContain('<define name="castList">');
    expect(text.length).toBeLessThan(full.length / 10);
    expect(verdict(text, foreign)).toEqual([]);
  });

  it('a fault inside <hi> nested 30 deep: invalid, named, in time (was exponential)', () => {
    const deep = foreign.replace(/<p>/, `<p>${'<hi rend="b">'.repeat(30)}<zz/>${'</hi>'.repeat(30)}`);
    const errors = validateTei(deep, { schema: TEI_ALL, schematron: 'none' }).filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.message)).toEqual([expect.stringMatching(/^<zz> is not allowed inside <hi>; expected the end of <hi>, text, /)]);
  }, 120_000);

  it('a document whose root tei_all does not take: invalid', () => {
    const errors = validateTei('<foo xmlns="http://www.tei-c.org/ns/1.0"><bar/></foo>', { schema: TEI_ALL, schematron: 'none' });
    expect(errors.map((d) => d.code)).toContain('schema-invalid');
  });
});

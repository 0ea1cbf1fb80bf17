/**
 * A file handed to `teiwright validate` may come from anywhere: it must never make
 * teiwright read another file, touch the network, or expand entities without bound.
 */
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { validateTei } from '../../src/validate/index.js';
import { SAFE_PARSE } from '../../src/validate/schema.js';

const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEI [
  <!ENTITY x SYSTEM "file:///etc/passwd">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>
`;

/** The classic "billion laughs": ten levels of ten references, 10^9 "lol"s once expanded. */
function entityBomb(): string {
  const decls = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) decls.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${decls.join('\n')}\n]>\n<lolz>&lol9;</lolz>\n`;
}

describe('documents with a DTD are refused', () => {
  it('an external entity (XXE) is not read: xml-unsafe at the DOCTYPE, no file content in the output', () => {
    const ds = validateTei(XXE, { file: 'xxe.xml' });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'xml-unsafe', severity: 'error', file: 'xxe.xml', line: 2, column: 1 });
    expect(ds[0]!.message).toMatch(/DOCTYPE/);
    expect(JSON.stringify(ds)).not.toMatch(/root:|\/bin\/(ba)?sh|nologin/);
  });

  it('an entity bomb is refused quickly, without expanding anything', () => {
    const started = performance.now();
    const ds = validateTei(entityBomb());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([['xml-unsafe', 2, 1]]);
  });

  it('an internal subset that only declares elements is refused too (TEI needs no DTD)', () => {
    const xml = '<?xml version="1.0"?>\n<!-- a comment first -->\n<!DOCTYPE TEI SYSTEM "tei.dtd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>';
    expect(validateTei(xml).map((d) => [d.code, d.line])).toEqual([['xml-unsafe', 3]]);
  });

  it('"<!DOCTYPE" inside a comment or CDATA section is text, not a declaration', () => {
    const xml = '<?xml version="1.0"?>\n<!-- <!DOCTYPE x> -->\n<r><![CDATA[<!ENTITY y "z">]]></r>';
    expect(validateTei(xml, { schema: 'none' })).toEqual([]);
  });
});

describe('the parser itself is configured safely (defence in depth)', () => {
  it('does not substitute or load an external entity', () => {
    const doc = XmlDocument.fromString(XXE, { option: SAFE_PARSE });
    try {
      expect(doc.root.content).not.toMatch(/root:/);
      expect(doc.toString()).toContain('&x;');
    } finally {
      doc.dispose();
    }
  });

  it('stops an entity bomb with an error in bounded time', () => {
    const started = performance.now();
    expect(() => XmlDocument.fromString(entityBomb(), { option: SAFE_PARSE })).toThrow(/amplification|entity/i);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('malformed XML', () => {
  it('is reported once, at the line:column the parser stopped', () => {
    const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n  </teiHeadr>\n</TEI>\n';
    const ds = validateTei(xml, { file: 'bad.xml' });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'xml-malformed', file: 'bad.xml', line: 3 });
    expect(ds[0]!.column).toBeGreaterThanOrEqual(1);
    expect(ds[0]!.message).toMatch(/teiHeader/);
  });

  it('an undeclared entity such as &nbsp; is malformed (there is no DTD to declare it)', () => {
    const ds = validateTei('<r>a&nbsp;b</r>', { schema: 'none' });
    expect(ds.map((d) => d.code)).toEqual(['xml-malformed']);
    expect(ds[0]!.message).toMatch(/nbsp/);
  });

  it('an empty document is malformed, not valid', () => {
    expect(validateTei('   \n').map((d) => d.code)).toEqual(['xml-malformed']);
  });
});

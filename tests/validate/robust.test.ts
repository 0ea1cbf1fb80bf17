/**
 * What `validate()` promises on any input: it never throws; libxml2's limits are lifted
 * for teiwright's own TEI and named in a clear finding for other files; XInclude is
 * expanded from local files only; ids of examples are not the document's; the default
 * schema follows who wrote the document.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xmlCleanupInputProvider } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { chooseSchema, PROJECT_SCHEMA, validateFile, validateTei } from '../../src/validate/index.js';

const HEADER = '<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>';
const tei = (body: string, head = HEADER): string => `<TEI xmlns="http://www.tei-c.org/ns/1.0">${head}<text><body>${body}</body></text></TEI>`;
const codes = (xml: string, options = {}): string[] => validateTei(xml, { schema: 'project', ...options }).map((d) => d.code);

describe('validate() never throws', () => {
  it.each([
    ['a character reference past U+10FFFF', '<a b="&#x110000;"/>', 'xml-malformed'],
    ['an end tag before any start tag', '</x><y/>', 'xml-malformed'],
    ['an empty string', '', 'xml-malformed'],
    // The root element before the break is checked, as jing checks what it read: <a> is not TEI.
    ['a lone surrogate', '<a>\ud800</a>', 'schema-invalid xml-malformed'],
  ])('%s', (_what, xml, code) => {
    expect(codes(xml)).toEqual(code.split(' '));
  });

  it('a surrogate pair is a character like any other; a lone surrogate after one is still refused, at its place', () => {
    expect(codes(tei('<p>\u{1F600} x</p>'))).toEqual([]);
    const lone = validateTei(tei('<p>\u{1F600}\n\ud800</p>'), { schema: 'project' });
    expect(lone.map((d) => [d.code, d.line])).toEqual([['xml-malformed', 2]]);
  });

  it('10,000 nested divs in a foreign file: a safety-limit finding, no recursion', () => {
    const deep = tei(`${'<div>'.repeat(10_000)}<p>x</p>${'</div>'.repeat(10_000)}`);
    const ds = validateTei(deep, { schema: 'project' });
    expect(ds.map((d) => d.code)).toEqual(['xml-limit']);
    expect(ds[0]!.message).toMatch(/--huge/);
  });

  it('300 nested divs: over the default limit for a foreign file; with --huge, too deep for the RELAX NG validator (deep-nesting.test.ts)', () => {
    const deep = tei(`${'<div>'.repeat(300)}<p>x</p>${'</div>'.repeat(300)}`);
    expect(codes(deep)).toEqual(['xml-limit']);
    const huge = validateTei(deep, { schema: 'project', huge: true });
    expect(huge.map((d) => d.code)).toEqual(['xml-limit']);
    expect(huge[0]!.message).toMatch(/elements nest 304 deep, past 150/);
    const shallow = tei(`${'<div>'.repeat(140)}<p>x</p>${'</div>'.repeat(140)}`);
    expect(codes(shallow, { huge: true })).toEqual([]);
  });

  it("lifts the limits for teiwright's own TEI (its appInfo says it wrote it)", () => {
    const r = convert('# Deep\n\nText.\n', { file: 'deep.md' });
    expect(r.tei).toBeDefined();
    const deep = r.tei!.replace('<body>', `<body>${'<div>'.repeat(300)}<p>x</p>${'</div>'.repeat(300)}`);
    expect(deep).not.toBe(r.tei);
    expect(validateTei(deep).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('every fault of the document', () => {
  it('goes on past the first fault in a content model, as jing does, without cascades', () => {
    // libxml2 alone stops at <x1> (body's content fails there) and never sees the rest.
    const xml = ['<TEI xmlns="http://www.tei-c.org/ns/1.0">', HEADER, '<text><body>', '<p>a<x1/>b', '<x3/>c</p>', '<p rend="r" bogus="1">c</p>', '<p>d<x2/>e</p>', '</body></text></TEI>'].join('\n');
    const ds = validateTei(xml, { schema: 'project' }).filter((d) => d.severity === 'error');
    expect(ds.map((d) => [d.line, d.message])).toEqual([
      [4, expect.stringMatching(/^<x1> inside <p> is not a TEI element/)],
      [5, expect.stringMatching(/^<x3> inside <p> is not a TEI element/)],
      [6, expect.stringMatching(/@bogus/)],
      [7, expect.stringMatching(/^<x2> inside <p> is not a TEI element/)],
    ]);
  });
});

describe('integrity without false alarms', () => {
  it('does not count ids and pointers inside egXML examples as the document’s', () => {
    const xml = tei(
      '<p xml:id="a">Example:</p><egXML xmlns="http://www.tei-c.org/ns/Examples"><p xml:id="a">quoted</p><ref target="#elsewhere">x</ref></egXML><p><ref target="#a">back</ref></p>',
    );
    const ds = validateTei(xml, { schema: 'none' });
    expect(ds).toEqual([]);
  });

  it('reports target="#" as a malformed pointer, not as a broken one', () => {
    const ds = validateTei(tei('<p><ref target="#">x</ref></p>'), { schema: 'none' });
    expect(ds.map((d) => d.code)).toEqual(['pointer-malformed']);
  });

  it('leaves pointers into another file alone and expands prefixDef schemes', () => {
    const head = HEADER.replace('</fileDesc>', '</fileDesc><encodingDesc><listPrefixDef><prefixDef ident="psn" matchPattern="([a-z]+)" replacementPattern="#$1"><p>people</p></prefixDef></listPrefixDef></encodingDesc>');
    const xml = tei('<p><persName ref="psn:smith">Smith</persName> <persName ref="psn:jones">Jones</persName> <ref target="other.xml#x">x</ref></p><p xml:id="smith">S</p>', head);
    const ds = validateTei(xml, { schema: 'none' });
    expect(ds.map((d) => [d.code, d.message])).toEqual([['pointer-broken', '<persName> @ref points to "psn:jones" (= "#jones"), but no element has xml:id="jones"']]);
  });

  it('lets a pointer reach an SVG figure by its id', () => {
    const xml = tei('<p><ref target="#fig1">see</ref></p><figure><svg xmlns="http://www.w3.org/2000/svg" id="fig1"/></figure>');
    expect(validateTei(xml, { schema: 'none' })).toEqual([]);
  });
});

describe('XInclude', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teiwright-xi-'));
  mkdirSync(join(dir, 'parts'));
  writeFileSync(join(dir, 'parts/body.xml'), '<body xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="p1">Included.</p></body>');
  writeFileSync(join(dir, 'parts/loop.xml'), '<p xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="loop.xml"/></p>');
  const doc = (href: string): string =>
    `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">${HEADER}<text><xi:include href="${href}"/><back><p><ref target="#p1">1</ref></p></back></text></TEI>`;

  it('expands a relative include before the schema check; its ids are targets', () => {
    writeFileSync(join(dir, 'main.xml'), doc('parts/body.xml'));
    expect(validateFile(join(dir, 'main.xml'), { schema: 'project' }).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('still reads the included file after another user of libxml2-wasm emptied its provider table', () => {
    // xmlCleanupInputProvider() removes every provider, teiwright's too (the cause of this
    // test failing in the full suite after tests/export/seeds.test.ts, which calls it).
    writeFileSync(join(dir, 'main.xml'), doc('parts/body.xml'));
    expect(validateFile(join(dir, 'main.xml'), { schema: 'project' }).filter((d) => d.severity === 'error')).toEqual([]);
    xmlCleanupInputProvider();
    expect(validateFile(join(dir, 'main.xml'), { schema: 'project' }).filter((d) => d.severity === 'error')).toEqual([]);
    // With a fallback, a lost provider would not even fail: the fallback would be taken silently.
    writeFileSync(join(dir, 'fallback.xml'), doc('parts/body.xml').replace('<xi:include href="parts/body.xml"/>', '<xi:include href="parts/body.xml"><xi:fallback><body><p>fallback</p></body></xi:fallback></xi:include>'));
    xmlCleanupInputProvider();
    expect(validateFile(join(dir, 'fallback.xml'), { schema: 'project' }).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('checks the file as written with --no-xinclude (xi:include is not TEI)', () => {
    const ds = validateFile(join(dir, 'main.xml'), { schema: 'project', xinclude: false });
    expect(ds.map((d) => d.code)).toContain('pointer-broken');
    expect(ds.map((d) => d.code)).toContain('schema-invalid');
  });

  it.each([
    ['a missing file', 'parts/none.xml'],
    ['a loop', 'parts/loop.xml'],
    ['the network', 'http://example.org/body.xml'],
  ])('refuses %s with a finding', (_what, href) => {
    writeFileSync(join(dir, 'bad.xml'), doc(href));
    const ds = validateFile(join(dir, 'bad.xml'), { schema: 'project' });
    expect(ds.map((d) => d.code)).toEqual(['xinclude-failed']);
  });
});

describe('the default schema', () => {
  it("is the project subset for TEI teiwright wrote", () => {
    const r = convert('# Title\n\nText.\n', { file: 't.md' });
    expect(chooseSchema('auto', { own: true, xml: r.tei!, file: 't.xml' }).path).toBe(PROJECT_SCHEMA);
  });

  it('is the local schema an <?xml-model?> names, relative to the document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-model-'));
    writeFileSync(join(dir, 'mine.rng'), '<element name="doc" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>');
    const xml = '<?xml-model href="mine.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<doc><x/></doc>';
    writeFileSync(join(dir, 'doc.xml'), xml);
    expect(chooseSchema('auto', { own: false, xml, file: join(dir, 'doc.xml') }).path).toBe(join(dir, 'mine.rng'));
    expect(validateFile(join(dir, 'doc.xml')).map((d) => d.code)).toEqual(['schema-invalid']);
  });

  it('falls back to the subset for other TEI, saying so, when tei_all cannot be found', () => {
    const saved = { env: process.env.TEIWRIGHT_TEI_ALL, cache: process.env.XDG_CACHE_HOME };
    delete process.env.TEIWRIGHT_TEI_ALL;
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'teiwright-cache-'));
    try {
      const ds = validateTei(tei('<p>x</p>'));
      expect(ds.map((d) => d.code)).toEqual(['schema-fallback']);
      expect(ds[0]!.message).toMatch(/TEIWRIGHT_TEI_ALL/);
    } finally {
      if (saved.env !== undefined) process.env.TEIWRIGHT_TEI_ALL = saved.env;
      if (saved.cache !== undefined) process.env.XDG_CACHE_HOME = saved.cache;
      else delete process.env.XDG_CACHE_HOME;
    }
  });

  it('reports schema-outside-subset once per element name, with a count', () => {
    const ds = validateTei(tei('<p><emph>A</emph></p><p><emph>B</emph></p><p><emph>C</emph></p>'), { schema: 'project' });
    const outside = ds.filter((d) => d.code === 'schema-outside-subset');
    expect(outside).toHaveLength(1);
    expect(outside[0]!.message).toMatch(/<emph>.*3 times in this document/);
  });
});

/**
 * XInclude: a document split into files is checked as one document (schema, expected
 * names, later passes, ids and pointers across the files), and every finding names the
 * file and line:column where its element really is — the including document or the
 * included file, as jing says.
 *
 * The jing verdicts below were recorded once by running jing (Debian's jing, which expands
 * XInclude) on tests/fixtures/xinclude against ../shared/schema-oracle/tei_all.rng:
 *   jing tei_all.rng main.xml valid.xml duplicate.xml
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateFile } from '../../src/validate/index.js';
import { PROJECT_ROOT, TEI_ALL, hasTeiAll, skipMessage, useSharedTeiAll } from '../helpers/shared.js';

const DIR = resolve(PROJECT_ROOT, 'tests/fixtures/xinclude');
const at = (d: Diagnostic): string => `${d.file}:${d.line}:${d.column}`;
const errors = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');

/** jing's errors on the fixtures (file relative to DIR, line), recorded as said above. */
const JING: Record<string, { file: string; line: number; message: string }[]> = {
  'main.xml': [{ file: 'chapters/bad.xml', line: 6, message: 'element "head" not allowed here; expected the element end-tag or element "ab", "addSpan", …, "p", …' }],
  'valid.xml': [],
  'duplicate.xml': [
    { file: 'duplicate.xml', line: 13, message: 'ID "c1" has already been defined' },
    { file: 'chapters/good.xml', line: 2, message: 'first occurrence of ID "c1"' },
  ],
};

describe('XInclude, findings where the element really is (project schema)', () => {
  const main = join(DIR, 'main.xml');

  it('puts a schema error inside the included file at that file’s line, with the expected names', () => {
    const ds = errors(validateFile(main, { schema: 'project' }));
    const schema = ds.filter((d) => d.code === 'schema-invalid');
    expect(schema.map(at)).toEqual([`${join(DIR, 'chapters/bad.xml')}:6:3`]);
    expect(schema[0]!.message).toMatch(/<head> is not allowed/);
    expect(schema[0]!.message).toMatch(/expected .*<p>/);
    expect(schema[0]!.xpath).toBe('/TEI/text/body/div[1]/head[2]');
  });

  it('checks pointers in the included file against the ids of the whole document', () => {
    const ds = errors(validateFile(main, { schema: 'project' }));
    const broken = ds.filter((d) => d.code === 'pointer-broken');
    // #nowhere (chapter) is broken; #c1 (main file → chapter) resolves.
    expect(broken.map(at)).toEqual([`${join(DIR, 'chapters/bad.xml')}:7:28`]);
    expect(broken[0]!.message).toContain('#nowhere');
  });

  it('calls a valid pair valid; pointers cross the files both ways', () => {
    expect(validateFile(join(DIR, 'valid.xml'), { schema: 'project' })).toEqual([]);
  });

  it('finds an id used in both files, naming where it was first used', () => {
    const ds = errors(validateFile(join(DIR, 'duplicate.xml'), { schema: 'project' }));
    expect(ds.map((d) => d.code)).toEqual(['id-duplicate']);
    const dup = ds.filter((d) => d.code === 'id-duplicate');
    expect(dup.map(at)).toEqual([`${join(DIR, 'duplicate.xml')}:13:12`]);
    expect(dup[0]!.message).toContain(`already used by <div> at ${join(DIR, 'chapters/good.xml')}:2:1`);
  });

  it('checks the including file as written with --no-xinclude', () => {
    const ds = validateFile(main, { schema: 'project', xinclude: false });
    expect(ds.every((d) => d.file === main)).toBe(true);
    expect(ds.map((d) => d.code)).toContain('schema-invalid');
  });
});

if (!hasTeiAll) console.warn(skipMessage('tei_all.rng (XInclude against jing)'));

describe.skipIf(!hasTeiAll)('XInclude: teiwright and jing (tei_all, the default for these files)', () => {
  useSharedTeiAll({ beforeAll, afterAll });

  it.each(Object.keys(JING))('agrees with jing on %s: verdict, and an error in the same file at the same line', (name) => {
    const ds = errors(validateFile(join(DIR, name)));
    const jing = JING[name]!;
    expect(ds.length > 0).toBe(jing.length > 0);
    // jing reports a duplicate id twice (the second use, then the first); teiwright once, at the second.
    const own = jing.filter((j) => !j.message.startsWith('first occurrence'));
    for (const j of own) expect(ds.some((d) => d.file === join(DIR, j.file) && d.line === j.line)).toBe(true);
  });

  it('names the elements jing expects', () => {
    const d = errors(validateFile(join(DIR, 'main.xml'))).find((x) => x.code === 'schema-invalid')!;
    // jing: expected the element end-tag or element "ab", "addSpan", "address", "alt", … (112 names); teiwright lists the first and counts the rest.
    expect(d.message).toMatch(/expected the end of <div>, <ab>, <addSpan>, <address>, <alt>, .* or \d+ more$/);
  });
});

describe('XInclude: other arrangements of files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teiwright-xinc-'));
  mkdirSync(join(dir, 'ch/sec'), { recursive: true });
  const HEADER = '<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>';
  const main = (href: string): string =>
    `<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n${HEADER}\n<text>\n<body>\n<xi:include href="${href}"/>\n</body>\n</text>\n</TEI>\n`;
  const check = (file: string): Diagnostic[] => errors(validateFile(join(dir, file), { schema: 'project' }));

  it('resolves an include inside an included file against that file, and places its errors there', () => {
    writeFileSync(join(dir, 'nested.xml'), main('ch/one.xml'));
    writeFileSync(join(dir, 'ch/one.xml'), '<?xml version="1.0"?>\n<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n  <p>One.</p>\n  <xi:include href="sec/two.xml"/>\n</div>\n');
    writeFileSync(join(dir, 'ch/sec/two.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0">\n\n\n  <p>Two <bogus/>.</p>\n</div>\n');
    const ds = check('nested.xml');
    expect(ds.map((d) => [d.code, at(d)])).toEqual([['schema-invalid', `${join(dir, 'ch/sec/two.xml')}:4:10`]]);
  });

  it('reports every error of an included file (later passes), each at its line', () => {
    writeFileSync(join(dir, 'two.xml'), main('ch/two-errors.xml'));
    writeFileSync(join(dir, 'ch/two-errors.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0">\n  <p>One.</p>\n  <head>Late</head>\n  <p>Two.</p>\n  <head>Later</head>\n</div>\n');
    const ds = check('two.xml');
    expect(ds.map((d) => [d.code, at(d)])).toEqual([
      ['schema-invalid', `${join(dir, 'ch/two-errors.xml')}:3:3`],
      ['schema-invalid', `${join(dir, 'ch/two-errors.xml')}:5:3`],
    ]);
  });

  it('places malformed XML of an included file in that file', () => {
    writeFileSync(join(dir, 'malformed.xml'), main('ch/broken.xml'));
    writeFileSync(join(dir, 'ch/broken.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0">\n  <p>One.</p>\n  <p>Two.</q>\n</div>\n');
    const ds = check('malformed.xml');
    expect(ds.map((d) => d.code)).toEqual(['xml-malformed']);
    expect(ds[0]!.file).toBe(join(dir, 'ch/broken.xml'));
    expect(ds[0]!.line).toBe(3);
  });

  it('refuses a DTD in an included file, saying which file', () => {
    writeFileSync(join(dir, 'dtd.xml'), main('ch/dtd.xml'));
    writeFileSync(join(dir, 'ch/dtd.xml'), '<?xml version="1.0"?>\n<!DOCTYPE div [<!ENTITY e "x">]>\n<div xmlns="http://www.tei-c.org/ns/1.0"><p>&e;</p></div>\n');
    const ds = check('dtd.xml');
    expect(ds.map((d) => [d.code, at(d)])).toEqual([['xml-unsafe', `${join(dir, 'ch/dtd.xml')}:2:1`]]);
  });

  it('keeps an included element without a namespace declaration out of the TEI namespace (as XInclude does)', () => {
    writeFileSync(join(dir, 'nons.xml'), main('ch/nons.xml'));
    writeFileSync(join(dir, 'ch/nons.xml'), '<div>\n  <p>No namespace.</p>\n</div>\n');
    const ds = check('nons.xml');
    const there = ds.filter((d) => d.file === join(dir, 'ch/nons.xml'));
    expect(there.map(at)).toEqual([`${join(dir, 'ch/nons.xml')}:1:1`]);
    expect(there[0]!.message).toMatch(/<div> inside <body> is in no namespace/);
  });

  it('refuses a loop through two files at the include that closes it', () => {
    writeFileSync(join(dir, 'loop.xml'), main('ch/a.xml'));
    writeFileSync(join(dir, 'ch/a.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n<xi:include href="b.xml"/></div>');
    writeFileSync(join(dir, 'ch/b.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n\n<xi:include href="a.xml"/></div>');
    const ds = check('loop.xml');
    expect(ds.map((d) => [d.code, at(d)])).toEqual([['xinclude-failed', `${join(dir, 'ch/b.xml')}:3:1`]]);
    expect(ds[0]!.message).toContain('loop');
  });

  it('includes a file as text with parse="text" (markup characters are text), later findings in place', () => {
    writeFileSync(join(dir, 'text.xml'), main('ch/poem.txt').replace('<xi:include href="ch/poem.txt"/>', '<p><xi:include href="ch/poem.txt" parse="text"/></p>\n<p><ref target="#gone">x</ref></p>'));
    writeFileSync(join(dir, 'ch/poem.txt'), 'Line one <not markup> & more\nLine two\nLine three\n');
    const ds = check('text.xml');
    expect(ds.map((d) => [d.code, at(d)])).toEqual([['pointer-broken', `${join(dir, 'text.xml')}:7:9`]]);
  });

  it('takes the xi:fallback for a missing file, its findings where they are written', () => {
    const fallback = '<xi:include href="ch/absent.xml">\n  <xi:fallback>\n    <div><p><ref target="#gone">x</ref></p></div>\n  </xi:fallback>\n</xi:include>';
    writeFileSync(join(dir, 'fallback.xml'), main('ch/absent.xml').replace('<xi:include href="ch/absent.xml"/>', fallback));
    expect(check('fallback.xml').map((d) => [d.code, at(d)])).toEqual([['pointer-broken', `${join(dir, 'fallback.xml')}:8:18`]]);
    // The file there: its content, not the fallback's.
    writeFileSync(join(dir, 'ch/absent.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0">\n<p xml:id="gone">Here.</p></div>');
    expect(check('fallback.xml')).toEqual([]);
    rmSync(join(dir, 'ch/absent.xml'));
  });

  it('refuses a device, and a file past the size limit, at the xi:include', () => {
    writeFileSync(join(dir, 'device.xml'), main('/dev/zero'));
    const device = check('device.xml');
    expect(device.map((d) => [d.code, at(d)])).toEqual([['xinclude-failed', `${join(dir, 'device.xml')}:6:1`]]);
    writeFileSync(join(dir, 'big.xml'), main('ch/big.xml'));
    writeFileSync(join(dir, 'ch/big.xml'), `<div xmlns="http://www.tei-c.org/ns/1.0"><p>${'x'.repeat(5000)}</p></div>`);
    expect(check('big.xml')).toEqual([]);
    const ds = errors(validateFile(join(dir, 'big.xml'), { schema: 'project', maxBytes: 4000 }));
    expect(ds.map((d) => d.code)).toEqual(['xinclude-failed']);
    expect(ds[0]!.message).toContain('--max-size');
  });

  it('expands an xpointer include and a file: URL (not reported as written)', () => {
    writeFileSync(join(dir, 'ch/part.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0"><p>Part.</p></div>');
    writeFileSync(join(dir, 'xpointer.xml'), main('ch/part.xml').replace('<xi:include href="ch/part.xml"/>', '<xi:include href="ch/part.xml" xpointer="element(/1)"/>'));
    expect(check('xpointer.xml')).toEqual([]);
    writeFileSync(join(dir, 'file-url.xml'), main(pathToFileURL(join(dir, 'ch/part.xml')).href));
    expect(check('file-url.xml')).toEqual([]);
  });

  it('refuses a missing file at its xi:include, in the file that names it', () => {
    writeFileSync(join(dir, 'missing.xml'), main('ch/none.xml'));
    const ds = check('missing.xml');
    expect(ds.map((d) => [d.code, at(d)])).toEqual([['xinclude-failed', `${join(dir, 'missing.xml')}:6:1`]]);
  });
});

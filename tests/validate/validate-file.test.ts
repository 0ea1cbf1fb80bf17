/** `validateFile`: what the CLI calls for `teiwright validate FILE`. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile, validateTei } from '../../src/validate/index.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const TMP = resolve(PROJECT_ROOT, 'tests/.tmp/validate-file');
mkdirSync(TMP, { recursive: true });
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function file(name: string, bytes: string | Uint8Array): string {
  const path = resolve(TMP, name);
  writeFileSync(path, bytes);
  return path;
}

describe('validateFile', () => {
  it('checks the edition fixture and finds nothing', () => {
    expect(validateFile(resolve(PROJECT_ROOT, 'tests/fixtures/validate/letter-edition.xml'))).toEqual([]);
  });

  it('names the file in every finding, with CRLF line ends and a BOM counted away', () => {
    const path = file('crlf.xml', '\ufeff<TEI xmlns="http://www.tei-c.org/ns/1.0">\r\n<text><body><p>x<ref target="#nowhere">1</ref></p></body></text>\r\n</TEI>\r\n');
    const ds = validateFile(path, { schema: 'none', file: 'crlf.xml' });
    expect(ds.map((d) => [d.file, d.code, d.line, d.column])).toEqual([['crlf.xml', 'pointer-broken', 2, 22]]);
  });

  it('refuses a binary file', () => {
    const ds = validateFile(file('binary.xml', new Uint8Array([0x3c, 0x72, 0x3e, 0x00, 0x3c, 0x2f, 0x72, 0x3e])));
    expect(ds.map((d) => d.code)).toEqual(['input-binary']);
  });

  it('refuses a file that is not UTF-8, at the offending byte', () => {
    const ds = validateFile(file('latin1.xml', new Uint8Array([...Buffer.from('<r>\nGen'), 0xe9, ...Buffer.from('ve</r>')])), { schema: 'none' });
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([['input-encoding', 2, 4]]);
  });

  it('reports a missing file as unreadable', () => {
    expect(validateFile(resolve(TMP, 'no-such-file.xml')).map((d) => d.code)).toEqual(['input-unreadable']);
  });
});

describe('another RELAX NG schema given by path', () => {
  it('is compiled and used; its errors are schema-invalid, never "outside the subset"', () => {
    const rng = file(
      'tiny.rng',
      '<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0"><start><element name="TEI"><element name="p"><text/></element></element></start></grammar>',
    );
    expect(validateTei('<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>x</p></TEI>', { schema: rng })).toEqual([]);
    const ds = validateTei('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p rend="i">x</p><hi>y</hi></TEI>', { schema: rng });
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([
      ['schema-invalid', 2, 4],
      ['schema-invalid', 2, 18],
    ]);
    expect(ds[0]!.message).toMatch(/<p> has no attribute @rend in this schema/);
    expect(ds[1]!.message).toMatch(/<hi>/);
  });
});

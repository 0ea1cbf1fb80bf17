/**
 * The fast RELAX NG walk (src/validate/rng) and text full of references: it resolves a
 * text's references only where the pattern reads the text (a value or datatype), and then
 * joins the resolved pieces a few thousand at a time; elsewhere it only asks whether the
 * text holds a word. Before, every text with a reference was resolved by `+=`, one
 * concatenation per reference: 16 MB of `&lt;` made a chain of 16 million strings (about
 * 470 MB) before it was read. Shown by allocation (a process with a capped heap) and by
 * verdicts equal to libxml2's on texts of references where the walk reads them and where it does not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, test } from 'vitest';
import { compileSchema, relaxNgErrors } from '../../src/validate/schema.js';
import { fastVerdict } from '../../src/validate/rng/index.js';
import { XSD } from '../../src/validate/rng/datatypes.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

describe('text of references in the fast walk', () => {
  test('a paragraph of 4 MB of &lt; is checked in a process whose heap is capped at 96 MB', () => {
    // (The text resolved by one concatenation per reference needed more than 128 MB of heap; now less than 64.)
    const script = `
      const { convert } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/convert.js')).href)});
      const { validateTei } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/validate/index.js')).href)});
      const { fastVerdicts } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/validate/rng/index.js')).href)});
      const small = convert('# T\\n\\nx\\n', { validate: false, verify: false }).tei;
      const tei = small.replace('<p>x</p>', '<p>' + '&lt;'.repeat(4 * 1024 * 1024) + '</p>');
      if (tei === small) throw new Error('no paragraph to fill');
      const errors = validateTei(tei).filter((d) => d.severity === 'error').map((d) => d.code);
      process.stdout.write(JSON.stringify({ errors, valid: fastVerdicts.valid }));
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', '--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/out of memory/);
    expect(r.status).toBe(0);
    // Valid, and by the fast walk (libxml2 was not asked).
    expect(JSON.parse(r.stdout)).toEqual({ errors: [], valid: 1 });
  });

  test('texts of references where the walk reads them and where it does not: the verdicts libxml2 gives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-refs-'));
    try {
      // A long value made of references: more pieces than the walk joins at a time.
      const long = 'x'.repeat(10_000);
      const grammars = [
        // Element-only content: references to white space between elements are white space, to anything else a word.
        '<element name="TEI"><oneOrMore><element name="a"><empty/></element></oneOrMore></element>',
        // Mixed content: the text is not read.
        '<element name="TEI"><zeroOrMore><choice><text/><element name="a"><empty/></element></choice></zeroOrMore></element>',
        // Values and data: the text is read, references resolved.
        `<element name="TEI"><element name="v"><value>${long}</value></element><element name="y"><data type="gYear"/></element></element>`,
      ];
      const docs = [
        '<TEI><a/>&#32;&#x0A;&#9;&#13;<a/></TEI>', '<TEI><a/>&#32;&#65;<a/></TEI>', '<TEI><a/> &lt; <a/></TEI>', '<TEI>&#x20;<a/></TEI>', '<TEI><a/>&amp;</TEI>',
        `<TEI>${'&lt;'.repeat(10_000)}<a/>${'&#38;&gt;'.repeat(5_000)}</TEI>`, '<TEI>&#x110000;</TEI>', '<TEI>&#1;</TEI>',
        '<TEI><a/>&amp;&gt;&lt;<a/></TEI>', '<TEI>&quot;&apos;<a/></TEI>', '<TEI><a/>&lt<a/></TEI>', '<TEI><a/>&ltx;<a/></TEI>',
        `<TEI><v>${'&#120;'.repeat(10_000)}</v><y>&#49;9&#x31;2</y></TEI>`, `<TEI><v>${'x&#x78;'.repeat(5_000)}</v><y>1912</y></TEI>`,
        `<TEI><v>${'&#120;'.repeat(9_999)}</v><y>1912</y></TEI>`, `<TEI><v>${'&#120;'.repeat(10_000)}y</v><y>1912</y></TEI>`, `<TEI><v>${long}</v><y>&#49;9&lt;2</y></TEI>`,
      ];
      const said: string[] = [];
      grammars.forEach((body, g) => {
        const path = join(dir, `g${g}.rng`);
        writeFileSync(path, `<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="${XSD}" ns="http://www.tei-c.org/ns/1.0"><start>${body}</start></grammar>`);
        const schema = compileSchema(path);
        for (const d of docs) {
          const xml = d.replace('<TEI', '<TEI xmlns="http://www.tei-c.org/ns/1.0"');
          const fast = fastVerdict(path, xml);
          let lib: string;
          try {
            const parsed = XmlDocument.fromString(xml);
            lib = relaxNgErrors(schema, parsed).length === 0 ? 'valid' : 'invalid';
            parsed.dispose();
          } catch {
            lib = 'malformed';
          }
          // Only "valid" is trusted; here the walk says what libxml2 says, and never "valid" where the text is not well-formed
          // (it is "unsure" there, or "invalid" when the grammar failed before the fault).
          if (lib === 'malformed') expect(fast, `grammar ${g}: ${d.slice(0, 60)}`).not.toBe('valid');
          else expect(fast, `grammar ${g}: ${d.slice(0, 60)}`).toBe(lib);
          said.push(`${g} ${fast}`);
        }
      });
      // Both verdicts reached in each grammar (else the comparison proves little): the long values of references read as libxml2 reads them.
      expect([0, 1, 2].map((g) => said.filter((v) => v === `${g} valid`).length)).toEqual([2, 8, 2]);
      expect([0, 1, 2].map((g) => said.filter((v) => v === `${g} invalid`).length)).toEqual([11, 5, 13]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

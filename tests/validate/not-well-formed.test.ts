/**
 * A document that is not well-formed: jing reports the schema errors it met before the break,
 * and so does teiwright (src/validate/prefix.ts), with the break itself; nothing at or after
 * it, and nothing the break alone would cause (an element still open there is not called
 * incomplete; a pointer to an element past the break is not called broken). jing's errors on
 * tests/fixtures/not-well-formed were recorded once (its README).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateTei } from '../../src/validate/index.js';
import { placedAt, readJingErrors, sideBySide } from '../helpers/jing.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const DIR = resolve(PROJECT_ROOT, 'tests/fixtures/not-well-formed');
const XML = readFileSync(join(DIR, 'broken.xml'), 'utf8');
const recorded = readJingErrors(readFileSync(join(DIR, 'JING-ERRORS.tsv'), 'utf8'));
const fatal = recorded[recorded.length - 1]!;
const jing = recorded.slice(0, -1);
const errors = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');

describe('a document that is not well-formed, against the project schema', () => {
  const ours = errors(validateTei(XML, { file: 'broken.xml', schema: 'project' }));
  const schemaFindings = ours.filter((d) => d.code !== 'xml-malformed');

  it('reports the break where jing does', () => {
    expect(fatal.message).toMatch(/entity "bogus" was referenced/);
    expect(ours.filter((d) => d.code === 'xml-malformed').map((d) => d.line)).toEqual([fatal.line]);
  });

  it('has an error on every line jing has one before the break, and none elsewhere', () => {
    const r = sideBySide(XML, jing, schemaFindings);
    expect(r.unmatched).toEqual([]);
    expect(r.extra).toEqual([]);
    expect(schemaFindings.length).toBe(6);
  });

  it('says nothing past the break, nor what only the break causes', () => {
    expect(schemaFindings.every((d) => d.line! <= fatal.line)).toBe(true);
    // The <lg> open at the break: out of place (jing says so at its start tag), not "incomplete".
    expect(schemaFindings.filter((d) => d.line === fatal.line).map((d) => d.message)).toEqual([expect.stringMatching(/^<lg> is not allowed at this position inside <div>/)]);
    expect(ours.some((d) => d.code === 'pointer-broken')).toBe(false);
  });

  it('names the faults: a bad date, an id given twice, an attribute the schema does not have', () => {
    expect(schemaFindings.map((d) => d.code)).toEqual(['schema-invalid', 'schema-invalid', 'schema-invalid', 'id-duplicate', 'schema-invalid', 'schema-invalid']);
    expect(schemaFindings[1]!.message).toMatch(/^@when="1912-02-30" on <date> is not a valid value/);
    expect(schemaFindings[3]!.message).toMatch(/xml:id="p1", already used by <p> at 22:9/);
    expect(schemaFindings[4]!.message).toMatch(/^<closer> has no attribute @colour/);
  });

  it('cut anywhere before its break, reports only errors jing reports before the cut', () => {
    const at = placedAt(XML);
    const body = XML.indexOf('<TEI');
    const breakAt = XML.indexOf('&bogus;');
    let checked = 0;
    for (let cut = body + 4; cut < breakAt; cut += 17) {
      const prefix = XML.slice(0, cut);
      const cutLine = prefix.split('\n').length;
      const ds = errors(validateTei(prefix, { file: 'cut.xml', schema: 'project' }));
      expect(ds.filter((d) => d.code === 'xml-malformed').length, `cut at ${cut}`).toBe(1);
      for (const d of ds.filter((x) => x.code !== 'xml-malformed')) {
        expect(jing.some((j) => j.line <= cutLine && at(d, j.line)), `cut at ${cut}: ${d.line}:${d.column} ${d.message}`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe('a valid document cut anywhere', () => {
  it('is only "not well-formed": the elements left open are not called incomplete, nothing else is said', () => {
    const edition = readFileSync(resolve(PROJECT_ROOT, 'tests/fixtures/validate/letter-edition.xml'), 'utf8');
    expect(validateTei(edition, { schema: 'project' })).toEqual([]);
    let cuts = 0;
    for (let cut = edition.indexOf('<TEI') + 1; cut < edition.length - 1; cut += 37) {
      const ds = validateTei(edition.slice(0, cut), { file: 'cut.xml', schema: 'project' });
      expect(ds.map((d) => d.code), `cut at ${cut}: ${ds.map((d) => d.message).join(' | ')}`).toEqual(['xml-malformed']);
      cuts++;
    }
    expect(cuts).toBeGreaterThan(100);
  });
});

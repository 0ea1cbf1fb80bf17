/**
 * `teiwright validate` as a CI job runs it: folders, every --format, a report that is
 * always written, a bad file that does not stop the others, bad --schema values as
 * one-line usage errors. SARIF is checked against the SARIF 2.1.0 JSON Schema (OASIS),
 * JUnit parsed as XML.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as draft04 from 'ajv-draft-04';
import { XmlDocument } from 'libxml2-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const FIXTURES = resolve(PROJECT_ROOT, 'tests/fixtures');
// The SARIF 2.1.0 schema is JSON Schema draft-04, which ajv 8 reads with ajv-draft-04 (CommonJS).
const Ajv04 = draft04.default.default;

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  // No tei_all: the cache folder is an empty temporary one, and no TEIWRIGHT_TEI_ALL.
  const { TEIWRIGHT_TEI_ALL: _unused, ...rest } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...rest, XDG_CACHE_HOME: join(cwd, '.cache'), FORCE_COLOR: '0', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TEI_HEAD = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teiwright-validate-'));
  mkdirSync(join(dir, 'tei/sub'), { recursive: true });
  writeFileSync(join(dir, 'tei/good.xml'), readFileSync(join(FIXTURES, 'validate/letter-edition.xml')));
  // A dangling pointer, a name with a comma and a colon (escaped in GitHub annotations).
  writeFileSync(join(dir, 'tei/sub/bad, one: x.xml'), `${TEI_HEAD}<text><body><p>x<ref target="#nowhere">1</ref></p></body></text></TEI>`);
  // The file that made validate() throw (a character reference past U+10FFFF).
  writeFileSync(join(dir, 'tei/sub/astral.xml'), '<a b="&#x110000;"/>');
  writeFileSync(join(dir, 'tei/notes.txt'), 'not XML, not looked at');
});

describe('teiwright validate on a folder', () => {
  it('walks it, goes on after a bad file, and writes the report', () => {
    const r = run(['validate', 'tei', '--report', 'out/report.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as { files: { input: string; status: string; diagnostics: { code: string }[] }[] };
    expect(report.files.map((f) => [f.input, f.status])).toEqual([
      [join('tei', 'good.xml'), 'valid'],
      [join('tei', 'sub', 'astral.xml'), 'invalid'],
      [join('tei', 'sub', 'bad, one: x.xml'), 'invalid'],
    ]);
    expect(report.files[1]!.diagnostics.map((d) => d.code)).toEqual(['xml-malformed']);
    expect(report.files[2]!.diagnostics.map((d) => d.code)).toContain('pointer-broken');
    // TEI teiwright did not write, with no tei_all to be found: checked against the subset, and told so.
    expect(report.files[2]!.diagnostics.map((d) => d.code)).toContain('schema-fallback');
  });

  it('gives the same verdicts and the same report bytes with --jobs 1 and --jobs 2', () => {
    // Enough files for several batches per worker, valid and invalid mixed.
    mkdirSync(join(dir, 'many'), { recursive: true });
    for (let i = 0; i < 40; i++) {
      const body = i % 3 === 0 ? `<p>x<ref target="#n${i}">1</ref></p>` : i % 3 === 1 ? `<p>x<bogus${i}/>y<other/></p>` : `<p xml:id="p${i}">fine</p>`;
      writeFileSync(join(dir, 'many', `doc-${String(i).padStart(2, '0')}.xml`), `${TEI_HEAD}<text><body>${body}</body></text></TEI>`);
    }
    writeFileSync(join(dir, 'many', 'broken.xml'), '<TEI><unclosed></TEI>');
    for (const format of ['json', 'sarif', 'text']) {
      const one = run(['validate', 'many', '--format', format, '--jobs', '1', '--report', `out/j1-${format}.json`], dir);
      const two = run(['validate', 'many', '--format', format, '--jobs', '2', '--report', `out/j2-${format}.json`], dir);
      expect(one.code).toBe(1);
      expect(two.code).toBe(one.code);
      expect(two.stderr).toBe('');
      expect(two.stdout).toBe(one.stdout);
      expect(readFileSync(join(dir, `out/j2-${format}.json`), 'utf8')).toBe(readFileSync(join(dir, `out/j1-${format}.json`), 'utf8'));
    }
    const report = JSON.parse(readFileSync(join(dir, 'out/j2-json.json'), 'utf8')) as { files: { input: string; status: string }[] };
    expect(report.files).toHaveLength(41);
    expect(report.files.filter((f) => f.status === 'valid').map((f) => f.input)).toEqual(Array.from({ length: 13 }, (_, k) => join('many', `doc-${String(3 * k + 2).padStart(2, '0')}.xml`)));
  });

  it('refuses --jobs 0 as a usage error', () => {
    const r = run(['validate', 'tei', '--jobs', '0'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });

  it('writes SARIF 2.1.0 that the official JSON Schema accepts, with the codes as rule ids', () => {
    const r = run(['validate', 'tei', '--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv04({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run0 = log.runs[0]!;
    expect(run0.tool.driver.rules.map((rule) => rule.id)).toEqual(Object.keys(CODES));
    const broken = run0.results.find((x) => x.ruleId === 'pointer-broken')!;
    expect(broken.level).toBe('error');
    expect(broken.locations[0]!.physicalLocation.artifactLocation.uri).toBe('tei/sub/bad%2C%20one%3A%20x.xml');
    expect(broken.locations[0]!.physicalLocation.region!.startLine).toBe(1);
  });

  it('writes JUnit XML: one test case per file, a failure for each invalid one', () => {
    const r = run(['validate', 'tei', '--format', 'junit'], dir);
    const doc = XmlDocument.fromString(r.stdout);
    try {
      const cases = doc.find('/testsuites/testsuite/testcase');
      expect(cases).toHaveLength(3);
      expect([1, 2].map((i) => doc.eval(`string(//testcase[failure][${i}]/@name)`))).toEqual([join('tei', 'sub', 'astral.xml'), join('tei', 'sub', 'bad, one: x.xml')]);
      expect(doc.eval('count(//testcase[failure])')).toBe(2);
      expect(doc.eval('string(/testsuites/@failures)')).toBe('2');
      expect(doc.eval('string(//testcase[failure][2]/failure/@type)')).toBe('pointer-broken');
    } finally {
      doc.dispose();
    }
  });

  it('writes GitHub annotations with file, line and column, properties escaped', () => {
    const r = run(['validate', 'tei', '--format', 'github'], dir);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`::error file=${join('tei', 'sub', 'bad%2C one%3A x.xml')},line=1,col=${`${TEI_HEAD}<text><body><p>x<ref `.length + 1},title=teiwright pointer-broken::<ref> @target points to "#nowhere", but no element has xml:id="nowhere"`);
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(2);
  });

  it('picks the report format from the report file name', () => {
    run(['validate', 'tei', '--report', 'out/r.sarif', '--report', 'out/r.xml'], dir);
    run(['validate', 'tei', '--report', 'out/r.sarif'], dir);
    run(['validate', 'tei', '--report', 'out/r.xml'], dir);
    expect((JSON.parse(readFileSync(join(dir, 'out/r.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'out/r.xml'), 'utf8')).toMatch(/^<\?xml[^>]*>\n<testsuites /);
  });
});

describe('teiwright convert --format', () => {
  it('gives the same reports for its diagnostics: SARIF accepted by the schema, JUnit with a failure for the binary file', () => {
    mkdirSync(join(dir, 'in'), { recursive: true });
    writeFileSync(join(dir, 'in/letter.txt'), readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt')));
    writeFileSync(join(dir, 'in/bad.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const sarif = run(['convert', 'in', '--out', 'out-tei', '--format', 'sarif'], dir);
    expect(sarif.code).toBe(1);
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv04({ allErrors: true, strict: false });
    expect(ajv.validate(schema, JSON.parse(sarif.stdout))).toBe(true);
    const junit = run(['convert', 'in', '--out', 'out-tei', '--force', '--format', 'junit'], dir);
    const doc = XmlDocument.fromString(junit.stdout);
    try {
      expect(doc.eval('string(//testcase[failure]/@name)')).toBe(join('in', 'bad.txt'));
      expect(doc.eval('string(//testcase[failure]/failure/@type)')).toBe('input-binary');
      expect(doc.eval('count(//testcase)')).toBe(2);
    } finally {
      doc.dispose();
    }
  });
});

describe('teiwright validate --schema problems are one-line usage errors', () => {
  const cases: [string, (d: string) => string, RegExp][] = [
    ['a missing file', (d) => join(d, 'nope.rng'), /does not exist/],
    ['a folder', (d) => join(d, 'tei'), /is a folder/],
    ['a DTD', (d) => (writeFileSync(join(d, 'schema.dtd'), '<!ELEMENT TEI ANY>'), join(d, 'schema.dtd')), /DTD or entities/],
    ['an entity bomb', (d) => (writeFileSync(join(d, 'bomb.rng'), '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="x"><text/></element></start></grammar>'), join(d, 'bomb.rng')), /DTD or entities/],
    ['not RELAX NG', (d) => (writeFileSync(join(d, 'x.rng'), '<schema xmlns="http://www.w3.org/2001/XMLSchema"/>'), join(d, 'x.rng')), /not a RELAX NG schema/],
    ['broken RELAX NG', (d) => (writeFileSync(join(d, 'broken.rng'), '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="missing"/></start></grammar>'), join(d, 'broken.rng')), /cannot be used as a RELAX NG schema/],
    ['tei_all when none is found', () => 'tei_all', /tei_all\.rng was not found: run `teiwright validate --fetch-tei-all` once .*TEIWRIGHT_TEI_ALL/],
  ];
  for (const [what, schema, message] of cases) {
    it(what, () => {
      const r = run(['validate', 'tei/good.xml', '--schema', schema(dir)], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const first = r.stderr.split('\n')[0]!;
      expect(first).toMatch(/^teiwright: cannot use --schema /);
      expect(first).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('an include in the schema is read relative to the schema, wherever teiwright runs', () => {
    mkdirSync(join(dir, 'schemas/parts'), { recursive: true });
    writeFileSync(join(dir, 'schemas/parts/p.rng'), '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><define name="p"><element name="p"><text/></element></define></grammar>');
    writeFileSync(join(dir, 'schemas/main.rng'), '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="parts/p.rng"/><start><element name="doc"><oneOrMore><ref name="p"/></oneOrMore></element></start></grammar>');
    writeFileSync(join(dir, 'doc.xml'), '<doc><p>one</p><q>two</q></doc>');
    const r = run(['validate', join(dir, 'doc.xml'), '--schema', join(dir, 'schemas/main.rng')], tmpdir());
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/doc\.xml:1:16: error schema-invalid: <q>/);
  });
});

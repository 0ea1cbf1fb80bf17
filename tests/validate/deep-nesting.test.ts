/**
 * Deep nesting never reaches libxml2's RELAX NG validator, which recurses on the wasm
 * module's C stack: valid TEI with ~370 nested elements made it fault with "memory access
 * out of bounds" (internal-error, and later documents in the same process failing). Past
 * LIBXML_MAX_DEPTH a document gets an xml-limit finding at the first element too deep;
 * TEI that teiwright wrote is checked at any depth by the fast check (rng/), which keeps
 * its own stack.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/index.js';
import { LIBXML_MAX_DEPTH, PROJECT_SCHEMA, firstTooDeep, validateTei } from '../../src/validate/index.js';
import { fastVerdict } from '../../src/validate/rng/index.js';
import { scanXml } from '../../src/validate/scan.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { expectValidTei } from '../helpers/tei.js';

const SEED = readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), 'utf8');
const OWN = convert(SEED, { file: 'seed.txt' }).tei!;
/** The same TEI as another tool's (no teiwright appInfo): libxml2 checks it. */
const FOREIGN = OWN.replace('ident="teiwright"', 'ident="othertool"');
const nest = (xml: string, n: number, inner = 'x'): string => xml.replace(/<p>/, `<p>${'<hi rend="b">'.repeat(n)}${inner}${'</hi>'.repeat(n)}`);
const depthOf = (xml: string): number => {
  const scan = scanXml(xml);
  if (!scan.ok) throw new Error('unsafe');
  const d: number[] = [];
  scan.elements.forEach((e, i) => (d[i] = e.parent >= 0 ? d[e.parent]! + 1 : 1));
  return Math.max(...d);
};
/** A document with a fault libxml2 reports (an unknown element), to compare results. */
const NORMAL = FOREIGN.replace(/<p>/, '<p><zz/>');
const normalResult = (): string => JSON.stringify(validateTei(NORMAL, { schema: 'project', file: 'n.xml' }));

describe('deep nesting never reaches the RELAX NG validator', () => {
  it('the test documents are what they claim', () => {
    expectValidTei(OWN);
    expect(OWN).not.toBe(FOREIGN);
    expect(validateTei(FOREIGN, { schema: 'project' }).filter((d) => d.severity === 'error')).toEqual([]);
    expect(validateTei(NORMAL, { schema: 'project' }).map((d) => d.code)).toEqual(['schema-invalid']);
  });

  it.each([500, 1000, 5000])("teiwright's own valid TEI nested %i deep: valid (fast check), no internal-error", (n) => {
    const deep = nest(OWN, n);
    expect(fastVerdict(PROJECT_SCHEMA, deep)).toBe('valid');
    expectValidTei(deep);
    const ds = validateTei(deep);
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([500, 1000, 5000])('foreign valid TEI nested %i deep with --huge: one xml-limit at the first element too deep, never internal-error', (n) => {
    const deep = nest(FOREIGN, n);
    const ds = validateTei(deep, { schema: 'project', huge: true });
    expect(ds.map((d) => d.code)).toEqual(['xml-limit']);
    const scan = scanXml(deep);
    if (!scan.ok) throw new Error('unsafe');
    const first = firstTooDeep(scan.elements)!;
    if (n <= 2000) {
      expect(ds[0]!.message).toContain(`elements nest ${depthOf(deep)} deep, past ${LIBXML_MAX_DEPTH}`);
      expect([ds[0]!.line, ds[0]!.column]).toEqual([scan.elements[first.element]!.pos.line, scan.elements[first.element]!.pos.column]);
    } else expect(ds[0]!.message).toMatch(/nesting 2048 deep at most/);
    expect(first.depth).toBe(depthOf(deep));
  });

  it.each([500, 1000, 5000])('foreign valid TEI nested %i deep without --huge: the parser limit (256), never internal-error', (n) => {
    const ds = validateTei(nest(FOREIGN, n), { schema: 'project' });
    expect(ds.map((d) => d.code)).toEqual(['xml-limit']);
    expect(ds[0]!.message).toMatch(/--huge/);
  });

  it.each([
    [500, 'own', '<zz/>'],
    [1000, 'own', '<div><p>x</p></div>'],
    [1000, 'foreign', '<zz/>'],
  ])('invalid TEI nested %i deep (%s, %s inside): xml-limit, never internal-error', (n, who, inner) => {
    const deep = nest(who === 'own' ? OWN : FOREIGN, n, inner);
    if (who === 'own') expect(fastVerdict(PROJECT_SCHEMA, deep)).toBe('invalid');
    expect(validateTei(deep, { schema: 'project', huge: true }).map((d) => d.code)).toEqual(['xml-limit']);
  });

  it('at the limit libxml2 still checks (valid, and a fault deep inside found); one past it, xml-limit', () => {
    const base = depthOf(nest(FOREIGN, 20)) - 20;
    const at = nest(FOREIGN, LIBXML_MAX_DEPTH - base);
    expect(depthOf(at)).toBe(LIBXML_MAX_DEPTH);
    expect(validateTei(at, { schema: 'project', huge: true })).toEqual([]);
    expect(validateTei(nest(FOREIGN, LIBXML_MAX_DEPTH - base - 1, '<zz/>'), { schema: 'project', huge: true }).map((d) => d.code)).toEqual(['schema-invalid']);
    const past = nest(FOREIGN, LIBXML_MAX_DEPTH - base + 1);
    expect(depthOf(past)).toBe(LIBXML_MAX_DEPTH + 1);
    expect(validateTei(past, { schema: 'project', huge: true }).map((d) => d.code)).toEqual(['xml-limit']);
  });

  it('the fast check keeps its own stack: valid and invalid 9,000 deep', () => {
    expect(fastVerdict(PROJECT_SCHEMA, nest(OWN, 9000))).toBe('valid');
    expect(fastVerdict(PROJECT_SCHEMA, nest(OWN, 9000, '<zz/>'))).toBe('invalid');
  });

  it('a normal document validated after deep ones gives what a fresh process gives', () => {
    for (const n of [500, 1000, 5000]) {
      validateTei(nest(FOREIGN, n), { schema: 'project', huge: true });
      validateTei(nest(OWN, n, '<zz/>'), { schema: 'project', huge: true });
    }
    const here = normalResult();
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-deep-'));
    const file = join(dir, 'n.xml');
    writeFileSync(file, NORMAL);
    const script = `import { validateTei } from ${JSON.stringify(join(PROJECT_ROOT, 'dist/validate/index.js'))}; import { readFileSync } from 'node:fs'; process.stdout.write(JSON.stringify(validateTei(readFileSync(${JSON.stringify(file)}, 'utf8'), { schema: 'project', file: 'n.xml' })));`;
    const fresh = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(fresh.status).toBe(0);
    expect(here).toBe(fresh.stdout);
    expect(JSON.parse(here)).toHaveLength(1);
  });

  it('the CLI prints one line for a deep file and goes on to the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-deep-'));
    writeFileSync(join(dir, 'a-deep.xml'), nest(FOREIGN, 1000));
    writeFileSync(join(dir, 'b-deeper.xml'), nest(FOREIGN, 5000));
    writeFileSync(join(dir, 'c-ok.xml'), OWN);
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/cli/main.js'), 'validate', '--huge', '--schema', 'project', 'a-deep.xml', 'b-deeper.xml', 'c-ok.xml'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } });
    const out = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(out).not.toMatch(/internal-error|RuntimeError|\n\s+at .+:\d+:\d+\)?/);
    expect(out.split('\n').filter((l) => l.includes('error xml-limit'))).toEqual([expect.stringMatching(/^\s*a-deep\.xml:\d+:\d+: error xml-limit: elements nest 1006 deep, past 150/), expect.stringMatching(/^\s*b-deeper\.xml:\d+:\d+: error xml-limit: .*2048/)]);
    expect(out).toMatch(/^valid c-ok\.xml/m);
  });
});

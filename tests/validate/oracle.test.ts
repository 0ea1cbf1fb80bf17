/**
 * The schema oracle's fixtures (../shared/schema-oracle/fixtures): `valid.xml` and
 * single-fault variants of it. Their verdict against tei_all follows the oracle's naming
 * (`inv_*`, `dt_bad_*` invalid; `valid`, `dt_ok_*` valid; `inv_ref_missing_id` is
 * RELAX NG-valid and caught by the pointer check). Each finding must name the fault: an
 * element or attribute of the lines that differ from valid.xml, at or near those lines.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { prepareSchema, validateTei } from '../../src/validate/index.js';
import { ORACLE_FIXTURES, TEI_ALL, hasTeiAll, skipMessage } from '../helpers/shared.js';

const present = hasTeiAll && existsSync(resolve(ORACLE_FIXTURES, 'valid.xml'));
if (!present) console.warn(skipMessage('the schema oracle (tei_all.rng and its fixtures)'));
const fixtures = present ? readdirSync(ORACLE_FIXTURES).filter((f) => f.endsWith('.xml')).sort() : [];
const read = (name: string): string => readFileSync(resolve(ORACLE_FIXTURES, name), 'utf8');

/** Codes that make a document invalid against tei_all (the pointer check is separate). */
const TEI_VERDICT = new Set(['xml-malformed', 'xml-unsafe', 'schema-invalid', 'id-duplicate']);

/**
 * Lines of `changed` that are not in `original` (with their 1-based numbers), and the
 * line numbers in `changed` where lines of `original` went missing. A plain LCS on lines.
 */
function lineDiff(original: string[], changed: string[]): { added: Map<number, string>; removedAt: number[] } {
  const n = original.length;
  const m = changed.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = original[i] === changed[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const added = new Map<number, string>();
  const removedAt: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && original[i] === changed[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.set(j + 1, changed[j]!);
      j++;
    } else {
      removedAt.push(j + 1);
      i++;
    }
  }
  return { added, removedAt };
}

/** Element and attribute names on a line of XML. */
const namesOn = (line: string): string[] => [...line.matchAll(/<\/?([\w:.-]+)|\s([\w:.-]+)=/g)].map((m) => (m[1] ?? m[2])!);

describe.skipIf(!present)('schema oracle fixtures against tei_all', () => {
  beforeAll(() => {
    prepareSchema(TEI_ALL);
  }, 300_000);

  const valid = present ? read('valid.xml').split('\n') : [];

  it.each(fixtures)('%s gets the oracle verdict, and each finding names the fault', (name) => {
    const xml = read(name);
    const ds = validateTei(xml, { schema: TEI_ALL, file: name });
    const verdict = ds.filter((d) => TEI_VERDICT.has(d.code));
    if (name === 'valid.xml' || name.startsWith('dt_ok_')) {
      expect(ds).toEqual([]);
      return;
    }
    if (name === 'inv_ref_missing_id.xml') {
      expect(verdict).toEqual([]);
      expect(ds.map((d) => d.code)).toEqual(['pointer-broken']);
    } else {
      expect(verdict.length, 'invalid against tei_all').toBeGreaterThan(0);
    }
    const { added, removedAt } = lineDiff(valid, xml.split('\n'));
    const names = new Set([...added.values()].flatMap(namesOn).flatMap((n) => [n, n.replace(/^xml:/, '')]));
    const near = (d: Diagnostic): boolean => added.has(d.line!) || removedAt.some((r) => Math.abs(r - d.line!) <= 1);
    for (const d of ds) {
      expect(d.line, `${d.code} has a line`).toBeGreaterThan(0);
      expect(d.column, `${d.code} has a column`).toBeGreaterThan(0);
      // A fault that breaks a pointer (a renamed id) shows where the pointer is, not on the changed line.
      if (d.code === 'pointer-broken') continue;
      expect(near(d), `${d.line}: ${d.message} is on or next to a changed line`).toBe(true);
      // Our messages write <element> and @attribute; the parser's own (xml-malformed) uses bare names.
      const pattern = d.code === 'xml-malformed' ? /([\w:.-]+)/g : /<\/?([\w:.-]+)|@([\w:.-]+)/g;
      const named = [...d.message.matchAll(pattern)].map((m) => (m[1] ?? m[2])!);
      const onRemovedLine = removedAt.length > 0 && added.size === 0;
      expect(onRemovedLine || named.some((n) => names.has(n) || names.has(n.replace(/^xml:/, ''))), `"${d.message}" names ${[...names].join(', ')}`).toBe(true);
    }
  });

  it('valid.xml is valid against the project schema too', () => {
    expect(validateTei(read('valid.xml'), { schema: 'project' })).toEqual([]);
  });

  it('dt_ok_ fixtures are valid TEI; against the project schema they are valid or outside the subset, never invalid', () => {
    for (const name of fixtures.filter((f) => f.startsWith('dt_ok_'))) {
      const ds = validateTei(read(name), { file: name, schema: 'project' });
      expect(ds.filter((d) => d.severity === 'error' && d.code !== 'schema-outside-subset'), name).toEqual([]);
    }
  });
});

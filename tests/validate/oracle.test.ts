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
import { ORACLE_FIXTURES, PROJECT_ROOT, TEI_ALL, hasTeiAll, skipMessage } from '../helpers/shared.js';
import { jingExpected, ourExpected, placedAt, readJingErrors, sideBySide } from '../helpers/jing.js';

const jingErrors = readJingErrors(readFileSync(resolve(PROJECT_ROOT, 'tests/fixtures/schema-oracle-jing/JING-ERRORS.tsv'), 'utf8'));
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
      // The renamed pointer leaves note 2 of the notes section in the body unreached, too.
      expect(ds.map((d) => d.code)).toEqual(['pointer-broken', 'note-unreferenced']);
    } else {
      expect(verdict.length, 'invalid against tei_all').toBeGreaterThan(0);
    }
    const { added, removedAt } = lineDiff(valid, xml.split('\n'));
    // A moved line counts as changed; the line diff calls only one side of a move "added", so jing's own lines count too.
    const jingLines = new Set(jingErrors.filter((j) => j.file === name).map((j) => j.line));
    const lines = xml.split('\n');
    const names = new Set([...added.values(), ...[...jingLines].map((l) => lines[l - 1] ?? '')].flatMap(namesOn).flatMap((n) => [n, n.replace(/^xml:/, '')]));
    const near = (d: Diagnostic): boolean => added.has(d.line!) || removedAt.some((r) => Math.abs(r - d.line!) <= 1) || jingLines.has(d.line!);
    for (const d of ds) {
      expect(d.line, `${d.code} has a line`).toBeGreaterThan(0);
      expect(d.column, `${d.code} has a column`).toBeGreaterThan(0);
      // A fault that breaks a pointer (a renamed id) shows where the pointer is, and the note it no longer reaches, not on the changed line.
      if (d.code === 'pointer-broken' || d.code === 'note-unreferenced') continue;
      expect(near(d), `${d.line}: ${d.message} is on or next to a changed line`).toBe(true);
      // Our messages write <element> and @attribute; the parser's own (xml-malformed) uses bare names.
      const pattern = d.code === 'xml-malformed' ? /([\w:.-]+)/g : /<\/?([\w:.-]+)|@([\w:.-]+)/g;
      const named = [...d.message.matchAll(pattern)].map((m) => (m[1] ?? m[2])!);
      const onRemovedLine = removedAt.length > 0 && added.size === 0;
      expect(onRemovedLine || named.some((n) => names.has(n) || names.has(n.replace(/^xml:/, ''))), `"${d.message}" names ${[...names].join(', ')}`).toBe(true);
    }
  });

  it("holds teiwright's errors side by side with jing's: each at jing's place, once, naming what jing expects", () => {
    let matched = 0;
    let compared = 0;
    const problems: string[] = [];
    for (const name of fixtures) {
      const xml = read(name);
      const jing = jingErrors.filter((j) => j.file === name);
      const ours = validateTei(xml, { schema: TEI_ALL, file: name }).filter((d) => TEI_VERDICT.has(d.code));
      const r = sideBySide(xml, jing, ours);
      matched += r.matched.length;
      problems.push(...r.unmatched.map((j) => `${name}:${j.line} jing only: ${j.message.slice(0, 80)}`), ...r.extra.map((d) => `${name}:${d.line} teiwright only: ${d.message.slice(0, 80)}`));
      // jing's "first occurrence" goes with its "already defined", and "of type ID contained multiple tokens" with its "xml:id is invalid".
      const jingCount = jing.filter((j) => !/^first occurrence of ID|^value of attribute of type ID/.test(j.message)).length;
      if (ours.length !== jingCount) problems.push(`${name}: jing ${jingCount} errors, teiwright ${ours.length}`);
      const at = placedAt(xml);
      for (const j of jing) {
        const expected = jingExpected(j.message);
        const element = /^element "([^"]+)"/.exec(j.message)?.[1];
        if (!expected || element === undefined) continue;
        const o = ours.find((d) => at(d, j.line) && d.message.startsWith(`<${element}>`));
        const mine = o && ourExpected(o.message);
        if (!mine) {
          problems.push(`${name}:${j.line} names nothing expected`);
          continue;
        }
        compared++;
        if (mine.more > 0 ? mine.names.length + mine.more !== expected.names.length || mine.names.some((n) => !expected.names.includes(n)) : mine.names.join() !== expected.names.join()) problems.push(`${name}:${j.line} names ${mine.names.join()} where jing names ${expected.names.join()}`);
        if (mine.end !== expected.end || mine.text !== expected.text) problems.push(`${name}:${j.line} end/text ${mine.end}/${mine.text}, jing ${expected.end}/${expected.text}`);
      }
    }
    console.info(`oracle fixtures: jing errors with a teiwright error at the same place: ${matched} of ${jingErrors.length}; expected lists compared: ${compared}`);
    expect(problems).toEqual([]);
    expect(matched).toBe(jingErrors.length);
    expect(compared).toBe(5);
  });

  it('says what TEI takes for a bad value against tei_all, not what the subset takes (jing: "must be an ISO time, …, a year")', () => {
    const hint = (name: string): string => validateTei(read(name), { schema: TEI_ALL, file: name }).find((d) => d.code === 'schema-invalid')!.message;
    expect(jingErrors.find((j) => j.file === 'inv_bad_date.xml')!.message).toMatch(/must be an ISO time/);
    expect(hint('inv_bad_date.xml')).toMatch(/expected a date or time in ISO form such as .*--03-04.*T12:00:00$/);
    // TEI's numbers take negatives and fractions (jing: a floating-point number, "-?[\d]+/-?[\d]+"); the subset's do not.
    expect(jingErrors.find((j) => j.file === 'inv_bad_attr_value.xml')!.message).toMatch(/floating-point number/);
    expect(hint('inv_bad_attr_value.xml')).toMatch(/expected a number such as 3, -2\.5 or 1\/2$/);
    expect(hint('dt_bad_lang.xml')).toMatch(/expected a language tag such as "en" or "de-AT", or ""$/);
  });

  it('against TEI Lite: no error where jing has none, and one on each line where jing finds an element or attribute out of place or a bad value', () => {
    const TEI_LITE = resolve(ORACLE_FIXTURES, '../tei_lite.rng');
    const lite = readJingErrors(readFileSync(resolve(PROJECT_ROOT, 'tests/fixtures/schema-oracle-jing/JING-ERRORS-tei_lite.tsv'), 'utf8'));
    const problems: string[] = [];
    let placedLines = 0;
    let valueLines = 0;
    for (const name of fixtures) {
      const xml = read(name);
      const jing = lite.filter((j) => j.file === name);
      const ours = validateTei(xml, { schema: TEI_LITE, file: name }).filter((d) => TEI_VERDICT.has(d.code));
      if (jing.length === 0) {
        problems.push(`${name}: jing has no line`);
        continue;
      }
      const r = sideBySide(xml, jing, ours);
      problems.push(...r.extra.map((d) => `${name}:${d.line} teiwright only: ${d.message.slice(0, 100)}`));
      // Where jing says an element or attribute may not stand, teiwright says so too (libxml2
      // blamed the parent for the attributes, and lost its place at <subst>; the grammar finds them).
      // In a document that is not well-formed too, before the break (jing checks a document as it reads it).
      for (const j of r.unmatched.filter((x) => / not allowed (?:here|anywhere|yet)/.test(x.message))) problems.push(`${name}:${j.line} jing only: ${j.message.slice(0, 100)}`);
      placedLines += new Set(jing.filter((j) => / not allowed /.test(j.message)).map((j) => j.line)).size;
      // A bad value, named at its line, even inside an element libxml2 blamed as a whole (a <head> for its <date>'s @when).
      for (const j of jing) {
        const m = /^value of attribute "([^"]+)" is invalid/.exec(j.message);
        if (!m) continue;
        valueLines++;
        if (!ours.some((d) => d.line === j.line && d.message.includes(`@${m[1]!}="`) && / is not a valid value/.test(d.message))) problems.push(`${name}:${j.line} jing only: ${j.message.slice(0, 100)}`);
      }
      // jing's attribute lists, where teiwright names one.
      for (const j of jing) {
        const m = /^attribute "([^"]+)" not allowed here; expected attribute (.*)$/.exec(j.message);
        const o = m && ours.find((d) => d.line === j.line && d.message.includes(` no attribute @${m[1]!} `));
        if (!m || !o) continue;
        const list = o.message.slice(o.message.indexOf('; expected ') + 11);
        const names = [...list.matchAll(/@([\w:.-]+)/g)].map((x) => x[1]!);
        const more = Number(/ or (\d+) more$/.exec(list)?.[1] ?? 0);
        const jingNames = [...m[2]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
        if (names.join() !== jingNames.slice(0, names.length).join() || names.length + more !== jingNames.length) problems.push(`${name}:${j.line} attributes ${names.join()} where jing names ${jingNames.join()}`);
      }
    }
    expect(problems).toEqual([]);
    expect(placedLines).toBeGreaterThan(40);
    expect(valueLines).toBe(7);
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

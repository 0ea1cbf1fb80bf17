/**
 * A bad attribute value inside an element that libxml2 blames as a whole ("Element p has
 * extra content: text", where the grammar allows the paragraph): teiwright checks what is
 * inside that element, one element deeper at a time, until it finds the value, as jing
 * names it. jing's errors on tests/fixtures/blamed-whole were recorded once (its README).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/validate/index.js';
import { readJingErrors, sideBySide } from '../helpers/jing.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const DIR = resolve(PROJECT_ROOT, 'tests/fixtures/blamed-whole');
const FILE = join(DIR, 'values.xml');
const XML = readFileSync(FILE, 'utf8');
const jing = readJingErrors(readFileSync(join(DIR, 'JING-ERRORS.tsv'), 'utf8'));
const ours = validateFile(FILE, { schema: join(DIR, 'two-ways.rng') }).filter((d) => d.severity === 'error');

describe('a bad value inside an element libxml2 blames whole', () => {
  it('has an error where jing has one, as many on each line, and none elsewhere', () => {
    const r = sideBySide(XML, jing, ours);
    expect(r.unmatched).toEqual([]);
    expect(r.extra).toEqual([]);
    const count = (xs: { line?: number }[], line: number): number => xs.filter((x) => x.line === line).length;
    for (const line of new Set(jing.map((j) => j.line))) expect(count(ours, line), `line ${line}`).toBe(count(jing, line));
  });

  it('names each value jing names, at the attribute, deep inside too (a <date> in a <hi> in a <p>)', () => {
    const values = jing.map((j) => ({ line: j.line, name: /^value of attribute "([^"]+)" is invalid/.exec(j.message)?.[1] })).filter((j) => j.name !== undefined);
    expect(values.length).toBe(5);
    for (const v of values) {
      const said = ours.filter((d) => d.line === v.line && d.message.includes(`@${v.name}="`) && / is not a valid value/.test(d.message));
      expect(said.length, `line ${v.line}`).toBe(1);
    }
    expect(ours.find((d) => d.line === 4)).toMatchObject({ column: 34, xpath: '/letter/p[2]/hi/date', message: '@when="1912-13" on <date> is not a valid value' });
  });

  it('says nothing of the paragraph libxml2 blamed, nor of the paragraph whose values are good', () => {
    expect(ours.filter((d) => /<p>/.test(d.message)).map((d) => d.line)).toEqual([8]);
    expect(ours.filter((d) => d.line === 7)).toEqual([]);
  });
});

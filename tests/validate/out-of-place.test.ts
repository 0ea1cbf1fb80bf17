/**
 * An element that stands where the schema does not allow it: jing says so, then goes on
 * inside it and checks its content against every pattern of its name (src/validate/misplaced.ts).
 * jing's errors on tests/fixtures/out-of-place were recorded once (its README says how).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateFile } from '../../src/validate/index.js';
import { libxmlPathOf } from '../../src/validate/misplaced.js';
import { jingExpected, ourExpected } from '../helpers/jing.js';
import { elementAtLibxmlPath, scanXml } from '../../src/validate/scan.js';
import { PROJECT_ROOT, TEI_ALL, hasTeiAll, skipMessage, useSharedTeiAll } from '../helpers/shared.js';

const DIR = resolve(PROJECT_ROOT, 'tests/fixtures/out-of-place');
const errors = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');
const JING = readFileSync(join(DIR, 'JING-ERRORS.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .map(([document, schema, line, , message]) => ({ document: document!, schema: schema!, line: Number(line), message: message! }));
const lines = (xs: { line?: number }[]): number[] => [...new Set(xs.map((x) => x.line!))].sort((a, b) => a - b);

describe('an element out of place: its content checked against every pattern of its name', () => {
  const file = join(DIR, 'misplaced.xml');
  const ds = errors(validateFile(file, { schema: join(DIR, 'two-items.rng') }));
  const jing = JING.filter((j) => j.document === 'misplaced.xml');

  it('has an error on every line jing has one, and on no other line', () => {
    expect(lines(ds)).toEqual(lines(jing));
  });

  it('says nothing of content that one of the patterns allows (text of a list item; cells of a row item)', () => {
    for (const line of [4, 5, 6]) expect(ds.filter((d) => d.line === line).map((d) => d.message)).toEqual([expect.stringMatching(/^<item> is not allowed inside <doc>/)]);
  });

  it('judges content that no pattern allows by the pattern that went furthest, as jing does', () => {
    // A cell then text: the row item's pattern got further (jing: text not allowed, expected cell).
    expect(ds.filter((d) => d.line === 7).map((d) => d.message)).toContainEqual('<item> cannot contain text (only elements); expected the end of <item> or <cell>');
    // A label then a cell: the list item's (jing: cell not allowed, expected the end or text).
    expect(ds.filter((d) => d.line === 8).map((d) => d.message)).toContainEqual(expect.stringMatching(/^<cell> is not allowed at this position inside <item>; expected the end of <item> or text$/));
    expect(ds.filter((d) => d.line === 9).map((d) => d.message)).toContainEqual(expect.stringMatching(/^<bogus> is not allowed inside <item>/));
  });

  it('has as many errors as jing on every line', () => {
    const count = (xs: { line?: number }[]): Map<number, number> => xs.reduce((m, x) => m.set(x.line!, (m.get(x.line!) ?? 0) + 1), new Map<number, number>());
    expect(count(ds)).toEqual(count(jing));
  });

  it('names what the pattern of the element’s place expects, not every pattern of its name (jing narrows by context)', () => {
    // An <item> in a <list>: only the list's item pattern applies (jing: expected … text or element "label").
    const jing11 = jing.find((j) => j.line === 11)!.message;
    expect(jing11).toMatch(/expected the element end-tag, text or element "label"$/);
    expect(ds.filter((d) => d.line === 11).map((d) => d.message)).toEqual(['<cell> is not allowed inside <item>; expected the end of <item>, text or <label>']);
  });

  it('goes past text in a row’s item and says the item lacks its cell, as jing does (two errors)', () => {
    expect(jing.filter((j) => j.line === 14)).toHaveLength(2);
    expect(ds.filter((d) => d.line === 14).map((d) => d.message)).toEqual(['<item> cannot contain text (only elements); expected <cell>', '<item> is incomplete; expected <cell>']);
  });

  it('names what jing names where text may not stand (jing: "text not allowed here; expected …")', () => {
    const texts = jing.filter((j) => /^text not allowed here/.test(j.message));
    expect(texts.length).toBeGreaterThan(1);
    for (const j of texts) {
      const ours = ds.find((d) => d.line === j.line && / cannot contain text /.test(d.message));
      expect(ours, `line ${j.line}`).toBeDefined();
      const o = ourExpected(ours!.message)!;
      const e = jingExpected(j.message)!;
      expect({ names: o.names, end: o.end, text: o.text }, `line ${j.line}`).toEqual(e);
    }
  });
});

describe('an element out of place, against a grammar split over files (include, externalRef)', () => {
  const ds = errors(validateFile(join(DIR, 'multi/misplaced.xml'), { schema: join(DIR, 'multi/two-items.rng') }));
  const jing = JING.filter((j) => j.document === 'multi/misplaced.xml');
  const count = (xs: { line?: number }[]): Map<number, number> => xs.reduce((m, x) => m.set(x.line!, (m.get(x.line!) ?? 0) + 1), new Map<number, number>());

  it('checks its content against the patterns of every file: as many errors as jing on every line', () => {
    expect(jing.length).toBeGreaterThan(0);
    expect(count(ds)).toEqual(count(jing));
  });

  it('uses the include’s redefinition and the externalRef’s own patterns', () => {
    // <caption> is the included label the include replaced: no item holds it (jing: not allowed anywhere).
    expect(ds.filter((d) => d.line === 7).map((d) => d.message)).toContainEqual(expect.stringMatching(/^<caption> is not allowed inside <item>; expected the end of <item>, text, <cell> or <label>$/));
    // A cell then text: the externalRef's row item went further (jing: text not allowed, expected cell).
    expect(ds.filter((d) => d.line === 8).map((d) => d.message)).toContainEqual('<item> cannot contain text (only elements); expected the end of <item> or <cell>');
    // A cell only: the externalRef's row item takes it, nothing said of its content.
    expect(ds.filter((d) => d.line === 5).map((d) => d.message)).toEqual([expect.stringMatching(/^<item> is not allowed inside <doc>/)]);
  });
});

describe('libxml2’s paths', () => {
  it('writes the path libxml2 gives an element, read back to the same element', () => {
    const scan = scanXml('<a xmlns="urn:x" xmlns:p="urn:p"><b/><p:c/><b><p:c/><p:c/><d/></b></a>');
    if (!scan.ok) throw new Error('scan');
    scan.elements.forEach((_, i) => expect(elementAtLibxmlPath(scan.elements, libxmlPathOf(scan.elements, i))).toBe(i));
    expect(libxmlPathOf(scan.elements, 4)).toBe('/*/*[3]/p:c[1]');
  });
});

if (!hasTeiAll) console.warn(skipMessage('tei_all.rng (elements out of place against jing)'));

describe.skipIf(!hasTeiAll)('an element out of place in TEI (tei_all)', () => {
  useSharedTeiAll({ beforeAll, afterAll });

  it('finds the faults inside it on jing’s lines, and no fault jing does not find', () => {
    const ds = errors(validateFile(join(DIR, 'tei-misplaced.xml'))).filter((d) => d.code === 'schema-invalid');
    const jing = JING.filter((j) => j.document === 'tei-misplaced.xml');
    expect(lines(ds)).toEqual(lines(jing));
    expect(ds.find((d) => d.line === 15)!.message).toMatch(/^<p> is not allowed inside <head>/);
    expect(ds.find((d) => d.line === 25)!.message).toMatch(/^<bogus> is not allowed inside <p>/);
  });

  it('goes past text where none may stand and says what is missing, as jing does (two errors)', () => {
    const ds = errors(validateFile(join(DIR, 'text-in-element.xml')));
    const jing = JING.filter((j) => j.document === 'text-in-element.xml');
    expect(ds).toHaveLength(jing.length);
    expect(lines(ds)).toEqual(lines(jing));
    // jing: "text not allowed here; expected element "title"", then "element "titleStmt" incomplete".
    expect(ds.map((d) => d.message)).toEqual(['<titleStmt> cannot contain text (only elements); expected <title>', '<titleStmt> is incomplete; expected <title>']);
  });
});

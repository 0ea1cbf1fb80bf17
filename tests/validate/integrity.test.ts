/**
 * What a schema cannot check: unique ids, pointers that resolve, endnotes that something
 * points to. Every finding of a document is reported, each at its own line:column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateTei } from '../../src/validate/index.js';

const EDITION = readFileSync(new URL('../fixtures/validate/letter-edition.xml', import.meta.url), 'utf8');

/** A small TEI document with `body` and `back` as given (integrity checks only, no schema). */
const tei = (body: string, back = ''): string =>
  `<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n<body>\n${body}\n</body>\n${back === '' ? '' : `<back>\n${back}\n</back>\n`}</text>\n</TEI>\n`;

const check = (xml: string): Diagnostic[] => validateTei(xml, { schema: 'none', file: 'doc.xml' });
const brief = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.line}:${d.column} ${d.code}`);

/** line:column of the `nth` occurrence (0-based) of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in the fixture`);
  const before = text.slice(0, i);
  return `${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
}

describe('integrity of a complete edition', () => {
  it('the worked-example edition has no findings', () => {
    expect(check(EDITION)).toEqual([]);
  });
});

describe('id-duplicate', () => {
  it('reports every repeated xml:id at the repeating attribute and names the first', () => {
    const xml = tei('<p xml:id="a">one</p>\n<p xml:id="a">two</p>\n<p xml:id="b">three</p>\n  <p xml:id="a">four</p>');
    const ds = check(xml);
    expect(brief(ds)).toEqual([`${at(xml, 'xml:id="a"', 1)} id-duplicate`, `${at(xml, 'xml:id="a"', 2)} id-duplicate`]);
    expect(ds[0]!.message).toMatch(/xml:id="a".*<p> at 4:1/);
    expect(ds[0]!.file).toBe('doc.xml');
  });
});

describe('pointer-broken', () => {
  it('checks each #pointer of target, corresp, resp, hand, who and ref, all of them', () => {
    const xml = tei(
      '<p xml:id="p1"><ref target="#p1 #missing1">x</ref> <add hand="#nohand" resp="#p1">y</add></p>\n' +
        '<p corresp="#p1 #missing2"><persName ref="#nobody">Z</persName><said who="#ghost">w</said></p>',
    );
    const ds = check(xml);
    const broken = ['target="#p1 #missing1"', 'hand=', 'corresp=', 'ref="#nobody"', 'who='].map((a) => `${at(xml, a)} pointer-broken`);
    expect(brief(ds)).toEqual(broken);
    expect(ds.map((d) => /"(#[^"]+)"/.exec(d.message)?.[1])).toEqual(['#missing1', '#nohand', '#missing2', '#nobody', '#ghost']);
    expect(ds[0]!.message).toMatch(/<ref> @target/);
  });

  it('does not check pointers that are not local', () => {
    const xml = tei('<p><ref target="https://www.marxists.org/archive/lenin/works/cw/index.htm">CW</ref> <ref target="other.xml#n1">n</ref></p>');
    expect(check(xml)).toEqual([]);
  });

  it('resolves character references in pointer values', () => {
    const xml = tei('<p xml:id="p1"><ref target="&#35;p1">x</ref></p>');
    expect(check(xml)).toEqual([]);
  });
});

describe('note-unreferenced', () => {
  it('warns for an endnote in back that nothing points to, not for one that is pointed to', () => {
    const xml = tei(
      '<p>Text<ref target="#n1">1</ref>.</p>',
      '<div type="notes">\n<note xml:id="n1" n="1">Pointed to.</note>\n<note xml:id="n2" n="2" target="#n2">Only points to itself.</note>\n</div>',
    );
    const ds = check(xml);
    expect(brief(ds)).toEqual([`${at(xml, '<note xml:id="n2"')} note-unreferenced`]);
    expect(ds[0]!.severity).toBe('warning');
    expect(ds[0]!.message).toMatch(/xml:id="n2".*n="2"/);
  });

  it('warns for a note of a notes section printed inside the text (div type="notes" in the body) that nothing points to', () => {
    const xml = tei('<div>\n<p>Text<ref target="#n1">1</ref>.</p>\n<div type="notes">\n<note xml:id="n1" n="1">Pointed to.</note>\n<note xml:id="n2" n="2">Nothing points here.</note>\n</div>\n<div><p>The text goes on.</p></div>\n</div>');
    const ds = check(xml);
    expect(brief(ds)).toEqual([`${at(xml, '<note xml:id="n2"')} note-unreferenced`]);
    expect(ds[0]!.message).toMatch(/xml:id="n2".*in a notes section/);
  });

  it('does not warn for notes of a section inside the text that the text points to (negative)', () => {
    expect(check(tei('<div>\n<p>Text<ref target="#n1">1</ref>.</p>\n<div type="notes">\n<note xml:id="n1" n="1">Pointed to.</note>\n</div>\n<p>More text.</p>\n</div>'))).toEqual([]);
  });

  it('does not ask for pointers to a note in a div of another type in the body (negative)', () => {
    expect(check(tei('<div type="chapter">\n<p>Text.</p>\n<note xml:id="m1" place="margin">aside</note>\n</div>'))).toEqual([]);
  });

  it('does not ask for pointers to notes outside back (inline notes)', () => {
    expect(check(tei('<p>Text<note xml:id="i1" place="inline">aside</note></p>'))).toEqual([]);
  });
});

describe('all findings of a file', () => {
  it('reports integrity and schema findings together, in document order', () => {
    const xml = EDITION.replace('xml:id="nref2"', 'xml:id="nref1"')
      .replace('target="#n1">1</ref></head>', 'target="#n9">1</ref></head>')
      .replace('<closer>', '<closer colour="red">')
      .replace('<note xml:id="n2" n="2" place="end" type="editorial" target="#nref2 #subst1">', '<note xml:id="n2" n="2" place="end" type="editorial">');
    const ds = validateTei(xml, { file: 'edition.xml' });
    expect(ds.map((d) => d.code)).toEqual(['pointer-broken', 'id-duplicate', 'schema-invalid', 'note-unreferenced']);
    const lines = ds.map((d) => d.line!);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    expect(ds.every((d) => d.file === 'edition.xml' && d.column! >= 1)).toBe(true);
  });
});

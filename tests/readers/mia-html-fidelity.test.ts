/**
 * mia-html through the whole pipeline: what a page prints around its text (a collection
 * line above the title, a drop capital, a page note under the foot information block, a
 * page that prints no title) ends up somewhere in the TEI, and the fidelity check agrees.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';
import { fixtureText } from './mia-html-helpers.js';

function convertFixture(name: string) {
  const result = convert(fixtureText(name), { file: name });
  expect(result.tei).toBeDefined();
  expectValidTei(result.tei!);
  return { result, doc: parseTei(result.tei!) };
}

describe('mia-html pipeline: collection line, drop capital, page note at the foot', () => {
  const { result, doc } = convertFixture('collection-line-drop-cap-and-foot-page-note.html');

  it('loses no word and reports no error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('puts the collection line in the header, as printed, not in the body', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('A Short Preface');
    expect(xeval(doc, 'count(//tei:notesStmt/tei:note[. = "Works of Frederick Engels 1884"])')).toBe('1');
    expect(xeval(doc, 'count(//tei:text//*[contains(., "Works of Frederick")])')).toBe('0');
    expect(xtext(doc, '//tei:body/tei:div/tei:head')).toBe('A Short Preface');
  });

  it('keeps the drop capital as hi rend="initial" inside its word', () => {
    expect(xtext(doc, '//tei:body//tei:p[1]/tei:hi[@rend="initial"]')).toBe('T');
    expect(xtext(doc, '//tei:body//tei:p[1]')).toMatch(/^The following chapters/);
  });

  it('keeps the page note printed under the foot information block as a header note', () => {
    expect(xeval(doc, 'count(//tei:notesStmt/tei:note[starts-with(., "The abstracted section")])')).toBe('1');
    expect(xeval(doc, 'count(//tei:text//tei:p[starts-with(., "The abstracted section")])')).toBe('0');
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('1');
  });
});

describe('mia-html pipeline: a page that prints no title', () => {
  const { result, doc } = convertFixture('no-printed-title.html');

  it('titles the header from <title>, says so, and writes no head with unprinted words', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Letters: Marx-Engels Correspondence 1880');
    expect(xeval(doc, 'count(//tei:body//tei:head)')).toBe('0');
    expect(result.diagnostics.some((d) => d.code === 'title-from-page-title')).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('still reads the letter', () => {
    expect(xtext(doc, '//tei:opener/tei:salute')).toBe('Dear Friend,');
  });
});

describe('mia-html pipeline: words printed across inline markup', () => {
  const { result, doc } = convertFixture('words-run-on-across-inline-markup.html');

  it('prints "To" and "Entente¹" as the page does, and the fidelity check agrees', () => {
    expect(xtext(doc, '//tei:body//tei:p[1]')).toMatch(/^To what degree/);
    expect(xtext(doc, '//tei:body//tei:p[1]')).toContain('Quadruple Entente¹, Allied');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('mia-html pipeline: a second series numbered with stars ("1*.")', () => {
  const { result, doc } = convertFixture('second-series-starred-numbers.html');

  it('reads "1*." as the label of a note of its own, linked with the anchor [1*]', () => {
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('2');
    expect(xtext(doc, '//tei:back//tei:note[@n="1*"]')).toBe('The reference is to N.K. Mikhailovsky.');
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"][. = "[1*]"][@target = concat("#", //tei:note[@n="1*"]/@xml:id)])')).toBe('1');
    expect(xeval(doc, 'count(//tei:body//tei:p[starts-with(., "1*.")])')).toBe('0');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

/**
 * Note anchors a browser copy glues to a word: a number after a series title's Roman
 * numeral at the end of the line ("British Industry—VI1"), a note's symbol after a word
 * ("yesterday*", "Socialism.”†"), the header's title without the anchor's digits. Small
 * copies modelled on MIA pages of the Labour Monthly; each TEI validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { PRINTED_ANCHORS, printedAnchorAt } from '../../src/layout/rules.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';

const glued = PRINTED_ANCHORS.find((r) => r.name === 'glued number')!;

describe('the "glued number" row: Roman numerals at the end of a line, and symbols', () => {
  it('finds a number after a Roman numeral that ends the line, and a symbol glued to a word or stop', () => {
    expect(printedAnchorAt(glued, '1', 'Rationalisation And British Industry—VI1', 0)?.marker).toBe('1');
    expect(printedAnchorAt(glued, '2', 'Part II2\n', 0)?.marker).toBe('2');
    expect(printedAnchorAt(glued, '*', 'the warning given by Comrade Pollitt yesterday* to those', 0)?.marker).toBe('*');
    expect(printedAnchorAt(glued, '†', 'The only question to-day is Socialism.”† It', 0)?.marker).toBe('†');
  });
  it('leaves a Roman numeral and number inside the line, capitals that are no numeral, a symbol on its own', () => {
    expect(printedAnchorAt(glued, '1', 'Part VI1 of the series', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '1', 'the PCI1', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '2', 'the level of CO2', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '*', 'three stars * * * between', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '*', '*Emphasis', 0)).toBeUndefined();
  });
});

function tei(text: string): ReturnType<typeof parseTei> {
  const r = convert(text, { file: 'copy.txt' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

const copy = (title: string, paras: string[], notes: string[]): string =>
  ['Klavdia Nikolaeva', '', title, '', 'Source: The Labour Monthly, Vol. 24, May 1942.', 'Transcription/Markup: Brian Reid', '', ...paras.flatMap((p) => [p, '']), 'Notes', '', ...notes.flatMap((n) => [n, '']), 'Klavdia Nikolaeva Archive', ''].join('\n');

describe('page text: an anchor glued to the title or a word', () => {
  it('"A Just War1": the anchor linked in the head, the header title without its digits, no false words-lost', () => {
    const doc = tei(copy('A Just War1', ['Comrades, the war of the freedom-loving peoples is a just war.'], ['1. Speech at the anti-fascist meeting of Soviet women.']));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('A Just War');
    expect(xeval(doc, 'count(//tei:body//tei:head/tei:ref[@type="noteAnchor"])')).toBe('1');
    expect(xtext(doc, '//tei:body//tei:head')).toBe('A Just War1');
  });
  it('"British Industry—VI1": the number after the part\'s numeral is the anchor, the numeral stays in the title', () => {
    const doc = tei(copy('Rationalisation And British Industry—VI1', ['All the contributors to this series have noted it.', 'Accidents were 63.8 per 1,000 in the U.S.A.2 During the period.'], ['1. Previous contributions to this discussion appeared in April.', '2. The figures for Britain are official.']));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Rationalisation And British Industry—VI');
    expect(xeval(doc, 'count(//tei:ref[@type="noteAnchor"])')).toBe('2');
  });
  it('a title whose digits are no anchor (no note of that number) keeps them', () => {
    const doc = tei(copy('Rationalisation And British Industry—VI1', ['All the contributors to this series have noted it.[2]'], ['[2] The figures for Britain are official.']));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Rationalisation And British Industry—VI1');
  });
  it('"developing1" in the text: split, linked, and no false words-lost', () => {
    const doc = tei(copy('Notes of the Month', ['The great industrial conflicts now developing1 in India point to a new period.'], ['1. See separate article for short account of these conflicts.']));
    expect(xeval(doc, 'count(//tei:p/tei:ref[@type="noteAnchor"])')).toBe('1');
  });
  it('symbols: "yesterday*" and "Socialism.”†" are linked when notes "*" and "†" exist, beside a bracketed "[*]"', () => {
    const doc = tei(copy('Britain’s Balance-Sheet', ['The miners have resumed work.[*] The press is lying.', 'He gave the reason: “The only question to-day is Socialism.”† It was.', 'As Comrade Pollitt said yesterday* to those who talk lightly.'], ['* This article was written before the decision.', '† This quotation has been re-translated.']));
    expect(xeval(doc, 'count(//tei:ref[@type="noteAnchor"])')).toBe('2');
    expect(xeval(doc, 'count(//tei:note[@n="†"][@target])')).toBe('1');
  });
  it('"yesterday*" alone: linked to the note "*"', () => {
    const doc = tei(copy('The Coal Crisis', ['This adds to the warning given by Comrade Pollitt yesterday* to those who talk lightly.'], ['* At the 18th National Congress of the Communist Party.']));
    expect(xeval(doc, 'count(//tei:p/tei:ref[@type="noteAnchor"][.="*"])')).toBe('1');
  });
  it('a "*" in the text is no anchor without a note "*"', () => {
    const doc = tei(copy('A Just War', ['The war is just.*', 'It goes on.'], ['1. A note without an anchor in the text.']));
    expect(xeval(doc, 'count(//tei:ref[@type="noteAnchor"])')).toBe('0');
  });
});

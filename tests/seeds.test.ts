/**
 * The worked examples of docs/encoding.md, checked on the two example transcriptions in
 * input/ through the whole pipeline (detect → read → transform → write → validate).
 * Each fact is one a scholar would check in the edition.
 */
import { readFileSync } from 'node:fs';
import type { XmlDocument } from 'libxml2-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../src/convert.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from './helpers/tei.js';

const seed = (name: string) => readFileSync(new URL(`../input/${name}`, import.meta.url), 'utf8');

function convertSeed(name: string): { result: ConvertResult; doc: XmlDocument } {
  const result = convert(seed(name), { file: `input/${name}` });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.tei).toBeDefined();
  expectValidTei(result.tei!);
  return { result, doc: parseTei(result.tei!) };
}

/** Every anchor points at a note that points back at it, and every note is pointed at. */
function expectNotesLinkedBothWays(doc: XmlDocument, count: number): void {
  const notes = xpath(doc, '//tei:back//tei:note[@xml:id]');
  expect(notes).toHaveLength(count);
  const anchors = xpath(doc, '//tei:ref[@type="noteAnchor"]');
  expect(anchors.length).toBeGreaterThanOrEqual(count);
  for (let i = 1; i <= anchors.length; i++) {
    const id = xeval(doc, `string((//tei:ref[@type="noteAnchor"])[${i}]/@xml:id)`);
    const target = xeval(doc, `string((//tei:ref[@type="noteAnchor"])[${i}]/@target)`);
    expect(target).toMatch(/^#/);
    const noteTargets = xeval(doc, `string(//tei:note[@xml:id="${target.slice(1)}"]/@target)`).split(/\s+/);
    expect(noteTargets).toContain(`#${id}`);
  }
}

describe('stalin-1912-for-the-party (MIA markdown style)', () => {
  let doc: XmlDocument;
  let result: ConvertResult;
  beforeAll(() => ({ result, doc } = convertSeed('stalin-1912-for-the-party.txt')));

  it('is read as MIA markdown', () => expect(result.model?.profile).toBe('mia-markdown'));
  it('has the title without its note marker, and the head keeps anchor 1', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('For the Party');
    expect(xtext(doc, '//tei:body//tei:head/tei:ref[@type="noteAnchor"]')).toBe('1');
    expect(xtext(doc, '//tei:body//tei:head')).toMatch(/^For the Party\s*1$/);
  });
  it('takes the author from the footer archive name, and says so', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('J. V. Stalin');
    expect(result.diagnostics.some((d) => d.code === 'author-from-footer')).toBe(true);
  });
  it('dates the leaflet March 1912 in the dateline', () => {
    expect(xtext(doc, '//tei:opener/tei:dateline/tei:date')).toBe('March 1912');
    expect(xeval(doc, 'string(//tei:opener/tei:dateline/tei:date/@when)')).toBe('1912-03');
  });
  it('describes the printed source: Works, Vol. 2, Foreign Languages Publishing House, Moscow, 1954', () => {
    const bibl = '//tei:sourceDesc/tei:bibl[not(@type)]';
    expect(xtext(doc, `${bibl}/tei:title`)).toBe('Works');
    expect(xtext(doc, `${bibl}/tei:biblScope[@unit="volume"]`)).toContain('Vol. 2');
    expect(xtext(doc, `${bibl}/tei:publisher`)).toBe('Foreign Languages Publishing House');
    expect(xtext(doc, `${bibl}/tei:pubPlace`)).toBe('Moscow');
    expect(xtext(doc, `${bibl}/tei:date`)).toBe('1954');
  });
  it('credits Salil Sen for transcription/markup', () => {
    expect(xtext(doc, '//tei:respStmt[tei:persName="Salil Sen"]/tei:resp')).toMatch(/transcription/i);
  });
  it('keeps the licence line verbatim', () => {
    expect(xtext(doc, '//tei:availability/tei:licence')).toMatch(
      /^Public Domain ?: Marxists Internet Archive \(2008\)\. You may freely copy, distribute, display and perform this work; as well as make derivative and commercial works\. Please credit "Marxists Internet Archive" as your source\.$/,
    );
  });
  it('links both notes both ways, anchor 2 right after "took place recently"', () => {
    expectNotesLinkedBothWays(doc, 2);
    expect(xtext(doc, '//tei:ref[@target="#n2"]/preceding-sibling::text()[1]')).toMatch(/took place recently$/);
  });
  it('signs it "The Central Committee of the R.S.D.L.P." in the closer, and keeps the publication line after it', () => {
    expect(xtext(doc, '//tei:closer/tei:signed')).toBe('The Central Committee of the R.S.D.L.P.');
    expect(xtext(doc, '//tei:note[@type="publication"]')).toBe('Published in leaflet form in March 1912');
  });
  it('has no navigation links in the text, and reports each dropped', () => {
    expect(xtext(doc, '//tei:text')).not.toMatch(/Collected Works Index|Works by Decade|Volume 2 Index/);
    expect(result.diagnostics.filter((d) => d.code === 'furniture-dropped').length).toBeGreaterThanOrEqual(3);
  });
  it('lost no word of the transcription', () => {
    expect(result.diagnostics.filter((d) => d.code === 'words-lost')).toEqual([]);
  });
});

describe('lenin-1921-attitude-to-non-party-workers (LIA page text)', () => {
  let doc: XmlDocument;
  let result: ConvertResult;
  beforeAll(() => ({ result, doc } = convertSeed('lenin-1921-attitude-to-non-party-workers.txt')));

  it('is read as LIA page text', () => expect(result.model?.profile).toBe('lia-text'));
  it('names V. I. Lenin as author', () => expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('V. I. Lenin'));
  it('has the two-line title joined, with anchor 2 in the head', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Draft of a Letter of the C.C., R.C.P.(B.) on The Attitude to Non-Party Workers');
    expect(xeval(doc, 'string(//tei:body//tei:head/tei:ref[@type="noteAnchor"]/@target)')).toBe('#n2');
  });
  it('dates the writing between 1 and 27 April 1921, keeping the words', () => {
    expect(xeval(doc, 'string(//tei:creation/tei:date/@notBefore)')).toBe('1921-04-01');
    expect(xeval(doc, 'string(//tei:creation/tei:date/@notAfter)')).toBe('1921-04-27');
    expect(xtext(doc, '//tei:creation/tei:date')).toContain('April, not later than 27, 1921');
  });
  it('records the first publication in 1932 in Lenin Miscellany XX', () => {
    const first = xtext(doc, '//tei:sourceDesc/tei:bibl[@type="firstPublished"]');
    expect(first).toContain('1932');
    expect(first).toContain('Lenin Miscellany XX');
  });
  it('describes the source: Collected Works, Progress Publishers, 1977, Moscow, volume 42, pages 298b-299a, keeping "3nd"', () => {
    const bibl = '//tei:sourceDesc/tei:bibl[not(@type)]';
    expect(xtext(doc, `${bibl}/tei:title`)).toContain('Collected Works');
    expect(xtext(doc, `${bibl}/tei:publisher`)).toBe('Progress Publishers');
    expect(xtext(doc, `${bibl}/tei:date`)).toBe('1977');
    expect(xtext(doc, `${bibl}/tei:pubPlace`)).toBe('Moscow');
    expect(xtext(doc, `${bibl}/tei:biblScope[@unit="volume"]`)).toContain('42');
    expect(xtext(doc, `${bibl}/tei:biblScope[@unit="page"]`)).toContain('298b-299a');
    expect(xtext(doc, bibl)).toContain('3nd English Printing');
  });
  it('credits Bernard Isaacs (translation) and D. Walters (transcription/markup)', () => {
    expect(xtext(doc, '//tei:respStmt[tei:persName="Bernard Isaacs"]/tei:resp')).toMatch(/translat/i);
    expect(xtext(doc, '//tei:respStmt[tei:persName="D. Walters"]/tei:resp')).toMatch(/transcription/i);
  });
  it('keeps the licence without the stray README', () => {
    const licence = xtext(doc, '//tei:availability/tei:licence')!;
    expect(licence).toMatch(/^Public Domain: Lenin Internet Archive \(2003\)\./);
    expect(licence).toMatch(/as your source\.$/);
    expect(result.diagnostics.some((d) => d.code === 'furniture-dropped' && d.message.includes('README'))).toBe(true);
  });
  it('puts the cipher circular line in the argument', () => {
    expect(xtext(doc, '//tei:body//tei:argument/tei:p')).toBe('A circular to the gubernia committees to be drawn up and forwarded in cipher.');
  });
  it('links all three notes both ways', () => expectNotesLinkedBothWays(doc, 3));
  it('encodes "organisation written above agitation" as subst, by teiwright, and the note points at it', () => {
    expect(xtext(doc, '//tei:subst/tei:del')).toBe('agitation');
    expect(xtext(doc, '//tei:subst/tei:add[@place="above"]')).toBe('organisation');
    expect(xeval(doc, 'string(//tei:subst/@resp)')).toBe('#teiwright');
    const substId = xeval(doc, 'string(//tei:subst/@xml:id)');
    expect(xeval(doc, 'string(//tei:note[@n="1"]/@target)').split(' ')).toContain(`#${substId}`);
  });
  it('puts note 3\'s pencil addition at the end of the text as add place="end" with its hand and a gap for the illegible last word; the note keeps its words and points at it', () => {
    // The last thing in the body is the addition, after the last paragraph's words and anchor 3.
    expect(xeval(doc, 'name((//tei:body//tei:p)[last()]/node()[last()])')).toBe('add');
    const add = '(//tei:body//tei:p)[last()]/tei:add';
    expect(xeval(doc, `string(${add}/@place)`)).toBe('end');
    expect(xeval(doc, `string(${add}/@resp)`)).toBe('#teiwright');
    expect(xeval(doc, `string(${add}/@hand)`)).toMatch(/^#h-pencil/);
    expect(xeval(doc, `count(//tei:handNote[@xml:id=substring-after(string(${add}/@hand), '#')])`)).toBe('1');
    expect(xtext(doc, add)).toMatch(/^\(pamphlet on the Socialist-Revolutionaries and Mensheviks\. On therights\.\.\./);
    expect(xeval(doc, `string(${add}/tei:gap/@reason)`)).toBe('illegible');
    expect(xeval(doc, 'count(//tei:note//tei:add)')).toBe('0');
    expect(xtext(doc, '//tei:note[@n="3"]')).toContain('(pamphlet on the Socialist-Revolutionaries and Mensheviks. On therights...) .');
    const targets = xeval(doc, 'string(//tei:note[@n="3"]/@target)').split(' ');
    expect(targets).toContain(`#${xeval(doc, `string(${add}/@xml:id)`)}`);
    expect(targets).toContain(`#${xeval(doc, `string(${add}/tei:gap/@xml:id)`)}`);
  });
  it('repairs the broken character reference &8220; in note 3 as choice/sic/corr', () => {
    expect(xtext(doc, '//tei:note[@n="3"]//tei:choice/tei:sic')).toBe('&8220;');
    expect(xtext(doc, '//tei:note[@n="3"]//tei:choice/tei:corr')).toBe('“');
    expect(xeval(doc, 'string(//tei:note[@n="3"]//tei:choice/tei:corr/@resp)')).toBe('#teiwright');
  });
  it('has no "backward"/"Works Index" navigation', () => {
    expect(xtext(doc, '/')).not.toMatch(/backward|Works Index|L\.I\.A\. Index/);
  });
  it('declares the converter and what it changed in the header', () => {
    expect(xeval(doc, 'count(//tei:respStmt[@xml:id="teiwright"])')).toBe('1');
    expect(xeval(doc, 'count(//tei:encodingDesc/tei:editorialDecl)')).toBe('1');
    expect(xeval(doc, 'string(//tei:appInfo/tei:application/@ident)')).toBe('teiwright');
  });
  it('lost no word of the transcription', () => {
    expect(result.diagnostics.filter((d) => d.code === 'words-lost')).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same input', () => {
    const text = seed('lenin-1921-attitude-to-non-party-workers.txt');
    expect(convert(text, { file: 'a.txt' }).tei).toBe(convert(text, { file: 'a.txt' }).tei);
  });
});

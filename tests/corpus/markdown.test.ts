/**
 * Every markdown page of the MIA corpus (../shared/corpus/mia, pandoc/Jekyll and Hugo
 * conversions) through the whole pipeline: no error, no word lost, valid TEI (project
 * subset and tei_all). Then facts a scholar checks on the TEI of some of them; every
 * expected value was checked by reading the document itself.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { decodeInput } from '../../src/io/decode.js';
import { CORPUS, hasCorpus, skipMessage } from '../helpers/shared.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';

if (!hasCorpus) console.warn(skipMessage('the MIA corpus (markdown pages through the whole pipeline)'));

/** The `.md` documents the corpus MANIFEST lists. */
function markdownDocuments(): string[] {
  return readFileSync(resolve(CORPUS, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '')
    .filter((f) => f.endsWith('.md'));
}

function convertDocument(file: string): { tei: string; errors: string[]; lost: string[] } {
  const decoded = decodeInput(readFileSync(resolve(CORPUS, file)));
  if (!decoded.ok) throw new Error(`${file}: ${decoded.message}`);
  const result = convert(decoded.text, { file });
  const show = (d: { line?: number; column?: number; code: string; message: string }) => `${file}:${d.line}:${d.column} ${d.code}: ${d.message}`;
  return {
    tei: result.tei ?? '',
    errors: result.diagnostics.filter((d) => d.severity === 'error').map(show),
    lost: result.diagnostics.filter((d) => d.code === 'words-lost').map(show),
  };
}

const cache = new Map<string, XmlDocument>();
/** The TEI of one document, checked valid once. */
function teiOf(file: string): XmlDocument {
  let doc = cache.get(file);
  if (!doc) {
    const { tei, errors } = convertDocument(file);
    expect(errors).toEqual([]);
    expectValidTei(tei);
    doc = parseTei(tei);
    cache.set(file, doc);
  }
  return doc;
}

const squash = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const count = (doc: XmlDocument, expr: string): number => Number(xeval(doc, `count(${expr})`));

/** Every note anchor points at a note that points back at it, and every note is pointed at. */
function expectEveryAnchorLinked(doc: XmlDocument): void {
  const anchors = count(doc, '//tei:text//tei:ref[@type="noteAnchor"]');
  for (let i = 1; i <= anchors; i++) {
    const id = xeval(doc, `string((//tei:text//tei:ref[@type="noteAnchor"])[${i}]/@xml:id)`);
    const target = xeval(doc, `string((//tei:text//tei:ref[@type="noteAnchor"])[${i}]/@target)`);
    expect(target, `anchor ${id}`).toMatch(/^#/);
    expect(xeval(doc, `string(//tei:note[@xml:id="${target.slice(1)}"]/@target)`).split(/\s+/), `anchor ${id}`).toContain(`#${id}`);
  }
  expect(count(doc, '//tei:back//tei:note[not(@target)]')).toBe(0);
}

describe.skipIf(!hasCorpus)('every markdown page of the corpus, through the whole pipeline', () => {
  const files = hasCorpus ? markdownDocuments() : [];

  it('has the 35 markdown pages of the manifest', () => {
    expect(files).toHaveLength(35);
  });

  it.each(files)('%s: no error, no word lost, valid TEI (project subset and tei_all)', (file) => {
    const { tei, errors, lost } = convertDocument(file);
    expect(lost).toEqual([]);
    expect(errors).toEqual([]);
    expectValidTei(tei);
  });
});

describe.skipIf(!hasCorpus)('markdown pages: facts checked on the TEI', () => {
  it('Marx to Kugelmann, 30 January 1868 (pandoc letter, ^[\\[1\\]](#n1)^ anchors): opener, closer, 11 notes linked', () => {
    const doc = teiOf('marx-1868-letter-to-kugelmann-01-30.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Karl Marx to Ludwig Kugelmann, 30 January 1868');
    // The letter's title names its writer, as in the HTML page of the same letter.
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Karl Marx');
    expect(xeval(doc, 'string(//tei:body/tei:div/@type)')).toBe('letter');
    expect(squash(xtext(doc, '//tei:opener/tei:salute'))).toBe('Dear Kugelmann');
    // "Salut\" + "Yours": two printed lines of one closing salutation.
    expect(xpath(doc, '//tei:closer/tei:salute/text()').map((n) => n.content.trim())).toEqual(['Salut', 'Yours']);
    expect(count(doc, '//tei:closer/tei:salute/tei:lb')).toBe(1);
    expect(squash(xtext(doc, '//tei:closer/tei:signed'))).toBe('KM');
    // The line above the title names the collection: it stays above the head.
    expect(squash(xtext(doc, '//tei:body/tei:div/tei:argument[following-sibling::tei:head]/tei:p'))).toBe('Marx-Engels Correspondence 1868');
    expect(count(doc, '//tei:back//tei:note')).toBe(11);
    expect(count(doc, '//tei:text//tei:ref[@type="noteAnchor"]')).toBe(11);
    expectEveryAnchorLinked(doc);
  });

  it('Connolly, How to Release Larkin (pandoc, [\\[1\\]](#n1){#f1} anchors): author line above the title, 5 notes, signature', () => {
    const doc = teiOf('connolly-1913-larkin.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('How to Release Larkin');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('James Connolly');
    expect(squash(xtext(doc, '//tei:body/tei:div/tei:argument[following-sibling::tei:head]/tei:p[@rend="byline"]'))).toBe('James Connolly');
    expect(squash(xtext(doc, '//tei:closer/tei:signed'))).toBe('JAMES CONNOLLY.');
    expect(count(doc, '//tei:back//tei:note')).toBe(5);
    expectEveryAnchorLinked(doc);
    // The site's `layout: default` and the navigation are not in the text.
    expect(xeval(doc, 'string(//tei:text)')).not.toMatch(/\bdefault\b|Top of the page/);
  });

  it('Plekhanov to Guesde, 1912 (pandoc letter): place-date line, salutation, closing in a grid table, no notes', () => {
    const doc = teiOf('plekhanov-1912-letter-10-27.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Letter to Jules Guesde');
    expect(squash(xtext(doc, '//tei:opener/tei:dateline'))).toBe('Paris, October 27, 1912');
    expect(xeval(doc, 'string(//tei:opener/tei:dateline/tei:date/@when)')).toBe('1912-10-27');
    expect(squash(xtext(doc, '//tei:opener/tei:salute'))).toBe('My dear Guesde:');
    expect(squash(xtext(doc, '//tei:closer/tei:salute'))).toBe('Cordially yours,');
    expect(squash(xtext(doc, '//tei:closer/tei:signed'))).toBe('G. Plekhanoff');
    expect(count(doc, '//tei:back')).toBe(0);
  });

  it('Lenin, Karl Marx: Preface (Hugo): front-matter title and author, signed and dated closer, front-matter notes', () => {
    const doc = teiOf('lenin-1914-karl-marx-preface-mlcom.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Preface');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Vladimir Lenin');
    expect(squash(xtext(doc, '//tei:closer/tei:signed'))).toBe('N. Lenin');
    expect(squash(xtext(doc, '//tei:closer/tei:dateline'))).toBe('Moscow, May 14, 1918');
    // `works:` and `subworks:` name the book the preface belongs to.
    expect(xpath(doc, '//tei:notesStmt/tei:note').map((n) => squash(n.content))).toEqual(
      expect.arrayContaining(['works: Karl Marx', 'subworks: A Brief Biographical Sketch With an Exposition of Marxism']),
    );
    expect(squash(xtext(doc, '//tei:sourceDesc/tei:bibl'))).toContain('Published in 1918 in the pamphlet: N. Lenin, Karl Marx, Priobi Publishers, Moscow');
  });

  it('Engels to Bebel, March 1875 (Hugo, <sup> anchors): dateline, salutation, 12 notes, anchors 2–12 linked', () => {
    const doc = teiOf('engels-1875-letter-to-bebel-mlcom.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Engels to August Bebel In Zwickau');
    expect(squash(xtext(doc, '//tei:opener/tei:dateline'))).toBe('London, March 18-28, 1875');
    expect(squash(xtext(doc, '//tei:opener/tei:salute'))).toBe('Dear Bebel,');
    expect(count(doc, '//tei:back//tei:note')).toBe(12);
    expect(xpath(doc, '//tei:text//tei:ref[@type="noteAnchor"]').map((n) => n.content.replace(/\D/g, ''))).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    // Note 1 has no anchor in the page: it is kept, and only the anchored notes point back.
    for (const n of ['2', '7', '12']) expect(xeval(doc, `string(//tei:back//tei:note[@n="${n}"]/@target)`)).toMatch(/^#/);
  });

  it('German Ideology I, part 1 (Hugo): |p. 21| page break, numbered and lettered notes as two series', () => {
    const doc = teiOf('marx-engels-1845-german-ideology-ch1-part1-mlcom.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('A. Idealism and Materialism');
    expect(xeval(doc, 'string((//tei:body//tei:pb)[1]/@n)')).toBe('21');
    expect(count(doc, '//tei:body//tei:pb[@n="3"]')).toBe(1);
    expect(xpath(doc, '//tei:back//tei:note/@n').map((n) => n.content)).toEqual(['1', '2', 'A']);
    // Two series (numbers and letters): each note and anchor id says its series.
    expect(xpath(doc, '//tei:back//tei:note/@xml:id').map((n) => n.content)).toEqual(['numeric-n1', 'numeric-n2', 'alpha-nA']);
    expect(xeval(doc, 'string(//tei:ref[@type="noteAnchor"][. = "[A]"]/@target)')).toBe('#alpha-nA');
    expectEveryAnchorLinked(doc);
  });

  it('Lenin, Big Achievement of the Chinese Republic (pandoc, LIA page ids): .title heading, pages 29 and 30', () => {
    const doc = teiOf('lenin-1913-big-achievement-chinese-republic.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Big Achievement of the Chinese Republic');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('V. I. Lenin');
    expect(xpath(doc, '//tei:body//tei:pb/@n').map((n) => n.content)).toEqual(['29', '30']);
    // The mirror's front matter titles another page; that title is kept as printed, in notesStmt.
    expect(squash(xtext(doc, '//tei:notesStmt/tei:note'))).toBe('title: Letter to Vorwärts and Wiener Arbeiter-Zeitung');
    expect(xeval(doc, 'string(//tei:text)')).not.toContain('onmouseover');
  });

  it('Lenin, Draft Theses 1920 (pandoc, [^\\[1\\]^](#fw01) anchors): 3 notes linked, no pointer to an id of the web page', () => {
    const doc = teiOf('lenin-1920-draft-theses-national-colonial-questions.md');
    expect(count(doc, '//tei:back//tei:note')).toBe(3);
    expect(count(doc, '//tei:text//tei:ref[@type="noteAnchor"]')).toBe(3);
    expectEveryAnchorLinked(doc);
    expect(count(doc, '//tei:ref[starts-with(@target, "#fw") or starts-with(@target, "#bk")]')).toBe(0);
  });

  it('Mao, Oppose Book Worship (Hugo, <sup><a href="#note1"> anchors): 5 notes linked, front-matter description kept', () => {
    const doc = teiOf('mao-1930-oppose-book-worship-mlcom.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Oppose Book Worship');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Mao Zedong');
    expect(count(doc, '//tei:back//tei:note')).toBe(5);
    expectEveryAnchorLinked(doc);
    expect(xpath(doc, '//tei:notesStmt/tei:note').map((n) => squash(n.content))).toContain(
      'description: A short pamphlet about realizing material conditions through investigation and lively conversation, and avoiding idealist pitfalls.',
    );
  });

  it('Kollontai, International Women’s Day (pandoc page wrapped in a block quote, [ []{#n2} 2.]{.info} notes): 12 notes linked', () => {
    const doc = teiOf('kollontai-1920-international-womens-day.md');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe("International Women's Day");
    expect(count(doc, '//tei:back//tei:note')).toBe(12);
    expectEveryAnchorLinked(doc);
    expect(count(doc, '//tei:respStmt[tei:resp="proofreading and correction"]')).toBe(1);
  });

  it('James, The Revolutionary Answer (pandoc, prose information block between rules): first publication, transcriber and marker-up in the header', () => {
    const doc = teiOf('james-1948-revolutionary-answer-negro-problem.md');
    expect(xeval(doc, 'string(//tei:sourceDesc/tei:bibl[@type="firstPublished"]/tei:date/@when)')).toBe('1948-12');
    expect(xtext(doc, '//tei:respStmt[tei:resp="transcription"]/tei:persName')).toBe('Daniel Gaido');
    expect(xtext(doc, '//tei:respStmt[tei:resp="markup"]/tei:persName')).toBe("Einde O'Callaghan");
    expect(count(doc, '//tei:body//tei:p[contains(., "Transcribed by")]')).toBe(0);
  });
});

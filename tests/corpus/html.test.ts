/**
 * Every original MIA HTML page of the corpus (../shared/corpus/mia, `format` html in
 * MANIFEST.tsv) through the whole pipeline: decoded as the CLI decodes it, converted, no
 * error, no word lost or added, valid against the project schema and tei_all. Then facts a
 * scholar would check on the TEI of pages of the three markup eras (1999–2002 Marx/Engels
 * Archive, 2004–05 LIA tx2html, 2007+), each verified by reading the page's HTML by hand.
 * Skipped, with a message, when ../shared is absent (a user's clone).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../../src/convert.js';
import { decodeInput } from '../../src/io/decode.js';
import { CORPUS, hasCorpus, skipMessage } from '../helpers/shared.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';

if (!hasCorpus) console.warn(skipMessage('The MIA corpus (../shared/corpus/mia)'));

/** The HTML documents the manifest lists (column `format` is `html`). */
function manifestHtml(): string[] {
  if (!hasCorpus) return [];
  return readFileSync(resolve(CORPUS, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[4] === 'html')
    .map((c) => c[0]!);
}

const converted = new Map<string, { result: ConvertResult; doc: XmlDocument }>();

/** Converts a corpus file once per suite, as the CLI does: bytes → decodeInput → convert. */
function conversion(file: string): { result: ConvertResult; doc: XmlDocument } {
  let c = converted.get(file);
  if (!c) {
    const decoded = decodeInput(readFileSync(resolve(CORPUS, file)));
    if (!decoded.ok) throw new Error(`${file}: ${decoded.message}`);
    const result = convert(decoded.text, { file });
    if (result.tei === undefined) throw new Error(`${file}: no TEI: ${result.diagnostics.map((d) => d.message).join('; ')}`);
    c = { result, doc: parseTei(result.tei) };
    converted.set(file, c);
  }
  return c;
}

const count = (doc: XmlDocument, expr: string): number => Number(xeval(doc, `count(${expr})`));

/** Every note anchor points at a note, and that note points back at it. */
function expectEveryAnchorLinked(doc: XmlDocument): void {
  const total = count(doc, '//tei:ref[@type="noteAnchor"]');
  expect(total).toBeGreaterThan(0);
  expect(count(doc, '//tei:ref[@type="noteAnchor"][not(@target)]')).toBe(0);
  for (let k = 1; k <= total; k++) {
    const id = xeval(doc, `string((//tei:ref[@type="noteAnchor"])[${k}]/@xml:id)`);
    const target = xeval(doc, `string((//tei:ref[@type="noteAnchor"])[${k}]/@target)`).slice(1);
    expect(count(doc, `//tei:note[@xml:id="${target}"][contains(concat(" ", @target, " "), " #${id} ")]`), `anchor ${id} → ${target}`).toBe(1);
  }
}

/** The values of an attribute over the nodes an XPath selects, in document order. */
function attrs(doc: XmlDocument, expr: string, name: string): string[] {
  const n = count(doc, expr);
  return Array.from({ length: n }, (_, i) => xeval(doc, `string((${expr})[${i + 1}]/@${name})`));
}

describe.skipIf(!hasCorpus)('corpus: every MIA HTML page through the whole pipeline', () => {
  const files = manifestHtml();

  it('the manifest lists the HTML pages', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s: no error, no word lost, valid TEI (project schema and tei_all)', (file) => {
    const { result } = conversion(file);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'words-lost')).toEqual([]);
    expectValidTei(result.tei!);
  });
});

describe.skipIf(!hasCorpus)('corpus HTML, 1999–2002 Marx/Engels Archive pages: facts checked by hand', () => {
  it('Engels to Bebel, 20 June 1873: letter with opener, closer, [n] and [*] anchors, collection line', () => {
    const { doc } = conversion('engels-1873-letter-to-bebel-06-20.html');
    expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]')).toBe('Engels to August Bebel In Hubertsburg');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Engels');
    expect(xeval(doc, 'string(//tei:body/tei:div/@type)')).toBe('letter');
    expect(xeval(doc, 'string(//tei:opener/tei:dateline/tei:date/@when)')).toBe('1873-06-20');
    expect(xtext(doc, '//tei:opener/tei:salute')).toBe('Dear Bebel');
    expect(xtext(doc, '//tei:closer/tei:salute')).toBe('Sincerely yours');
    expect(xtext(doc, '//tei:closer/tei:signed')).toBe('F Engels');
    // Notes [1]–[4] and a note marked [*] (its link points at #n2, its label is [*]).
    expect(count(doc, '//tei:back//tei:note[@xml:id]')).toBe(5);
    expect(xtext(doc, '//tei:ref[@type="noteAnchor"][@target="#nstar"]')).toBe('[*]');
    expectEveryAnchorLinked(doc);
    // "Marx-Engels Correspondence 1873" is the archive's collection line: in the header, not the text.
    expect(count(doc, '//tei:notesStmt/tei:note[. = "Marx-Engels Correspondence 1873"]')).toBe(1);
    expect(count(doc, '//tei:body//tei:argument')).toBe(0);
  });

  it('Marx to Kugelmann, 30 January 1868 (a Latin-1 page): umlauts decoded, 11 notes, signed KM', () => {
    const { result, doc } = conversion('marx-1868-letter-to-kugelmann-01-30.html');
    expect(result.diagnostics.some((d) => d.code === 'input-charset')).toBe(false); // decodeInput reports it, not convert
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Karl Marx to Ludwig Kugelmann, 30 January 1868');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Karl Marx');
    expect(count(doc, '//tei:body//tei:hi[starts-with(., "Frankfurt Börsen-Zeitung")]')).toBeGreaterThan(0);
    expect(count(doc, '//tei:body//tei:p[contains(., "Fränzchen")]')).toBe(1);
    expect(xtext(doc, '//tei:opener/tei:salute')).toBe('Dear Kugelmann');
    expect(xtext(doc, '//tei:closer/tei:signed')).toBe('KM');
    expect(count(doc, '//tei:back//tei:note[@xml:id]')).toBe(11);
    expectEveryAnchorLinked(doc);
  });

  it('Capital vol. I ch. 32 (a Latin-1 page): the work named above the chapter title goes to the header', () => {
    const { doc } = conversion('marx-1867-capital-v1-ch32.html');
    expect(xtext(doc, '//tei:body/tei:div/tei:head')).toBe('Chapter Thirty-Two: Historical Tendency of Capitalist Accumulation');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Karl Marx');
    expect(count(doc, '//tei:notesStmt/tei:note[. = "Karl Marx. Capital Volume One"]')).toBe(1);
    expect(count(doc, '//tei:back//tei:note[contains(., "séparer")]')).toBeGreaterThan(0);
    expect(count(doc, '//tei:back//tei:note[@xml:id]')).toBe(2);
    expectEveryAnchorLinked(doc);
  });

  it('Origin of the Family, preface of 1884: the drop capital "T" stays in "The", one note', () => {
    const { doc } = conversion('engels-1884-origin-family-preface.html');
    expect(xtext(doc, '//tei:body/tei:div/tei:head')).toBe('Preface to the First Edition, 1884');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Frederick Engels');
    expect(xtext(doc, '(//tei:body//tei:p)[1]/tei:hi[@rend="initial"]')).toBe('T');
    expect(xtext(doc, '(//tei:body//tei:p)[1]')).toMatch(/^The following chapters are, in a sense, the execution of a bequest\./);
    expect(count(doc, '//tei:back//tei:note[@xml:id]')).toBe(1);
    expectEveryAnchorLinked(doc);
  });

  it('Preface of 1859 (abstract): the [A] note printed as an information block, the page note at the foot in the header', () => {
    const { doc } = conversion('marx-1859-preface-critique-political-economy-abstract.html');
    expect(xtext(doc, '//tei:back//tei:note/@n')).toBe('A');
    expect(xtext(doc, '//tei:ref[@type="noteAnchor"]')).toBe('[A]');
    expectEveryAnchorLinked(doc);
    expect(count(doc, '//tei:notesStmt/tei:note[starts-with(., "The abstracted section in this document has been split")]')).toBe(1);
    expect(count(doc, '//tei:text//tei:p[starts-with(., "The abstracted section")]')).toBe(0);
  });
});

describe.skipIf(!hasCorpus)('corpus HTML, 2004–05 LIA tx2html pages: facts checked by hand', () => {
  it('Big Achievement of the Chinese Republic: two printed pages, 29 and 30, each one pb; signed "W." in the header', () => {
    const { doc } = conversion('lenin-1913-big-achievement-chinese-republic.html');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Big Achievement of the Chinese Republic');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('V. I. Lenin');
    expect(attrs(doc, '//tei:body//tei:pb', 'n')).toEqual(['29', '30']);
    expect(count(doc, '//tei:teiHeader//*[contains(., "Signed:") and contains(., "W.")]')).toBeGreaterThan(0);
    expect(count(doc, '//tei:back')).toBe(0);
  });

  it('Karl Marx, ch. 1: two note series, 12 footnotes and 1 endnote, every anchor linked', () => {
    const { doc } = conversion('lenin-1914-karl-marx-ch01-life.html');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Karl Marx');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Vladimir Ilyich Lenin');
    expect(count(doc, '//tei:back//tei:note[@place="foot"]')).toBe(12);
    expect(count(doc, '//tei:back//tei:note[@place="end"]')).toBe(1);
    // The endnote is printed [13] and keeps its own series in its id.
    expect(xeval(doc, 'string(//tei:back//tei:note[@place="end"]/@xml:id)')).toBe('end-n13');
    expectEveryAnchorLinked(doc);
  });

  it('Letter to Vorwärts: salutation after the page break, closing greeting, one endnote', () => {
    const { doc } = conversion('lenin-1914-letter-to-vorwaerts-wiener-az.html');
    expect(xeval(doc, 'string(//tei:body/tei:div/@type)')).toBe('letter');
    expect(xtext(doc, '//tei:opener/tei:salute')).toBe('Dear Comrades:');
    expect(xtext(doc, '//tei:closer/tei:salute')).toBe('With Social-Democratic greetings');
    expect(count(doc, '//tei:body//tei:pb[@n="42"]')).toBe(1);
    expect(count(doc, '//tei:back//tei:note[@xml:id]')).toBe(1);
    expectEveryAnchorLinked(doc);
  });
});

describe.skipIf(!hasCorpus)('corpus HTML, 2007+ pages: facts checked by hand', () => {
  it('Plekhanov, Bourgeois of Days Gone By: author line, subtitle, 6 notes, anchors 2–6 in the text', () => {
    const { doc } = conversion('plekhanov-1893-gone-by.html');
    expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]')).toBe('Bourgeois of Days Gone By');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Georgi V. Plekhanov');
    expect(xtext(doc, '//tei:body/tei:div/tei:head[@type="sub"]')).toBe('(23 April 1893)');
    expect(count(doc, '//tei:back//tei:note[@xml:id]')).toBe(6);
    // Anchor [1] is printed in the information block (in the header); the five in the text are linked.
    expect(count(doc, '//tei:body//tei:ref[@type="noteAnchor"]')).toBe(5);
    expect(count(doc, '//tei:body//tei:ref[@type="noteAnchor"][not(@target)]')).toBe(0);
  });

  it('Connolly, The Irish Nationalist Press: title and author, no notes', () => {
    const { doc } = conversion('connolly-1913-the-national-press.html');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('The Irish Nationalist Press');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('James Connolly');
    expect(count(doc, '//tei:back')).toBe(0);
  });
});

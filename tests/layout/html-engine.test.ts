/**
 * HTML pages through the layout engine (src/layout/hinted.ts, letter-frame.ts,
 * note-kinds.ts): each zone the engine plans from the HTML block stream, shown on a small
 * page named after what it shows, checked on the model and the TEI (validated).
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { expectValidTei, parseTei, xeval, xpath } from '../helpers/tei.js';

const page = (body: string): string => `<html><head><title>Page title</title></head><body>\n${body}\n</body></html>\n`;

function read(html: string): Edition {
  const r = convert(html, { file: 'page.html' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return r.model as Edition;
}

const bodyWords = (ed: Edition): string[] => ed.body.blocks.map((b) => (b.kind === 'p' ? plainText(b.children).trim() : b.kind));
const field = (ed: Edition, role: string): string | undefined => {
  const f = ed.metadata.fields.find((x) => x.role === role);
  return f ? plainText(f.value).trim() : undefined;
};
const dropped = (ed: Edition): string => ed.dropped.map((d) => d.text).join(' / ');

describe('html through the engine: the front', () => {
  it('an h2 over an h3: author line and title; a p.title above them is the collection line', () => {
    const ed = read(page('<p class="title">Marx-Engels Correspondence 1873</p>\n<h2>Frederick Engels</h2>\n<h3>Engels to August Bebel</h3>\n<p>The strike goes on.</p>'));
    expect(ed.metadata.title).toBe('Engels to August Bebel');
    expect(ed.metadata.author?.name).toBe('Frederick Engels');
    expect(field(ed, 'collection')).toBe('Marx-Engels Correspondence 1873');
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
  });
  it('an h1 with a heading under it: the subtitle; a dated heading under it stays in the text', () => {
    const sub = read(page('<h1>The Strike</h1>\n<h3>A Reply to Our Critics</h3>\n<p>The strike goes on.</p>'));
    expect(sub.metadata.subtitle).toBe('A Reply to Our Critics');
    const dated = read(page('<h1>The Strike</h1>\n<h3>March 12, 1912</h3>\n<p>The strike goes on.</p>'));
    expect(dated.metadata.subtitle).toBeUndefined();
  });
  it('the paragraph after hr.infotop is the information block, even without labels as spans', () => {
    const ed = read(page('<h1>The Strike</h1>\n<hr class="infotop">\n<p>Source: The Militant, 1934<br>Transcribed: by a volunteer</p>\n<p>The strike goes on.</p>'));
    expect(ed.metadata.fields.map((f) => f.label)).toEqual(expect.arrayContaining(['Source', 'Transcribed']));
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
  });
  it('a title set in a layout table (headings in cells) is read as the title; a data table stays a table', () => {
    const ed = read(page('<h2>Julius Martov</h2>\n<table align="center"><tr><td>\n<h1>Marx and the Dictatorship of the Proletariat</h1>\n<h3>(1918)</h3>\n</td></tr></table>\n<p>The strike goes on.</p>\n<table><tr><td>1917</td><td>Petrograd</td></tr></table>'));
    expect(ed.metadata.title).toBe('Marx and the Dictatorship of the Proletariat');
    expect(ed.metadata.author?.name).toBe('Julius Martov');
    // A table of data (bare words in its cells) is a table (it was verse, lines, before tables were read).
    expect(ed.body.blocks.map((b) => b.kind)).toEqual(['p', 'table']);
    // A handbill reproduced in a table (a minor heading in a cell) stays whole: no section opens there.
    const poster = read(page('<h1>Peterloo</h1>\n<p>The meeting was peaceful.</p>\n<table><tr><td>\n<h4>VICTORY OF PETERLOO</h4>\n<p>A monument is proposed.</p>\n</td></tr></table>\n<p>The yeomanry were drunk.</p>'));
    expect(poster.body.blocks.map((b) => b.kind)).toEqual(['p', 'table', 'p']);
  });
  it('an author line that says more than the name: the name to the header, the line kept whole (above the title, the collection line)', () => {
    const ed = read(page('<p class="author">Rudolf Hilferding:<br>Böhm-Bawerk’s Criticism of Marx</p>\n<h1>Preface</h1>\n<p>The strike goes on.</p>'));
    expect(ed.metadata.author?.name).toBe('Rudolf Hilferding');
    expect(ed.body.beforeHead).toBeUndefined();
    expect(ed.metadata.fields.filter((f) => f.role === 'collection').map((f) => plainText(f.value).replace(/\s+/g, ' ').trim())).toEqual(['Rudolf Hilferding: Böhm-Bawerk’s Criticism of Marx']);
    const under = read(page('<h1>Preface</h1>\n<p class="author">Rudolf Hilferding:<br>Böhm-Bawerk’s Criticism of Marx</p>\n<p>The strike goes on.</p>'));
    expect(under.body.argument.map((b) => (b.kind === 'p' ? plainText(b.children).replace(/\s+/g, ' ').trim() : ''))).toEqual(['Rudolf Hilferding: Böhm-Bawerk’s Criticism of Marx']);
    const h2 = read(page('<h2>The Third Address<br>May, 1871</h2>\n<h1>The Civil War in France</h1>\n<p>The strike goes on.</p>'));
    expect(h2.metadata.author).toBeUndefined();
    expect(h2.body.beforeHead?.length).toBe(1);
  });
  it('an author line in capitals is named as the page’s metadata spells it', () => {
    const ed = read('<html><head><title>x</title><meta name="author" content="Kim Il Sung"></head><body>\n<h4>KIM IL SUNG</h4>\n<h1>On the Party</h1>\n<p>The strike goes on.</p>\n</body></html>\n');
    expect(ed.metadata.author?.name).toBe('Kim Il Sung');
    const other = read('<html><head><title>x</title><meta name="author" content="Someone Else"></head><body>\n<h4>KIM IL SUNG</h4>\n<h1>On the Party</h1>\n<p>The strike goes on.</p>\n</body></html>\n');
    expect(other.metadata.author?.name).toBe('KIM IL SUNG');
  });
  it('navigation above the title goes, with its words recorded', () => {
    const ed = read(page('<p class="toplink"><a href="../index.htm">Trotsky Internet Archive</a></p>\n<h1>The Strike</h1>\n<p>The strike goes on.</p>'));
    expect(ed.metadata.title).toBe('The Strike');
    expect(dropped(ed)).toContain('Trotsky Internet Archive');
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
  });
});

describe('html through the engine: the text', () => {
  it('a layout table holding the template footer goes whole; the archive link in it names the author', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<table><tr><td class="t2h-foot"><a href="../index.htm">Leon Trotsky Internet Archive</a></td></tr></table>'));
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
    expect(dropped(ed)).toContain('Leon Trotsky Internet Archive');
    expect(ed.metadata.author?.name).toBe('Leon Trotsky');
  });
  it('"Last updated" (p.updat) and an information block at the foot go to the header, a page note under it too', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<p class="information"><span class="info">Source:</span> The Militant, 1934</p>\n<p class="pagenote">This page was split in two.</p>\n<p class="updat">Last updated on 2 May 2004</p>'));
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
    expect(field(ed, 'source')).toContain('The Militant, 1934');
    expect(ed.metadata.fields.some((f) => plainText(f.value).includes('This page was split in two.'))).toBe(true);
    expect(ed.metadata.fields.some((f) => /Last updated/.test(f.label))).toBe(true);
  });
  it('a page note before any foot information block stays text', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<p class="pagenote">This page was split in two.</p>'));
    expect(bodyWords(ed)).toEqual(['The strike goes on.', 'This page was split in two.']);
  });
  it('a letter marked by class: place-date and salutation open it, the signature closes it', () => {
    const ed = read(page('<h1>Engels to Bebel</h1>\n<p class="placedate">London, May 1, 1891</p>\n<p class="salutation">Dear Bebel,</p>\n<p>The strike goes on.</p>\n<p class="sig">Yours,<br>F. Engels</p>'));
    expect(ed.body.divType).toBe('letter');
    expect(plainText(ed.body.opener?.dateline ?? [])).toBe('London, May 1, 1891');
    expect(plainText(ed.body.opener?.salute ?? [])).toBe('Dear Bebel,');
    expect(plainText(ed.body.closer?.salute ?? [])).toBe('Yours,');
    expect(plainText(ed.body.closer?.signed ?? [])).toBe('F. Engels');
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
  });
  it('notes under a "Translator’s Notes" heading are the translator’s, linked to their anchor', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>The strike <a href="#n1" name="a1">[1]</a> goes on.</p>\n<h3>Translator’s Notes</h3>\n<p><a href="#a1" name="n1">[1]</a> A pun in Russian.</p>'));
    const notes = ed.notes.flatMap((s) => s.notes);
    expect(notes.map((n) => [n.key, n.type, n.targets.length])).toEqual([['1', 'translator', 1]]);
  });
});

describe('html through the engine: letter parts keep source order in the TEI', () => {
  const childNames = (tei: string, parent: string): string[] => {
    const doc = parseTei(tei);
    const n = Number(xeval(doc, `count(//tei:${parent}/*)`));
    return Array.from({ length: n }, (_, i) => xeval(doc, `local-name((//tei:${parent}/*)[${i + 1}])`));
  };
  it('a date heading under the title (a headnote) above the salutation stays above it', () => {
    const r = convert(page('<h1>On the Anniversary</h1>\n<h2>Weekly Political Letter, No. 5</h2>\n<h3>1961</h3>\n<p class="information"><span class="info">Written:</span> 21st June, 1961</p>\n<p>Dear Friends:</p>\n<p>The strike goes on.</p>'), { file: 'page.html' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expectValidTei(r.tei!);
    expect(childNames(r.tei!, 'body/tei:div').slice(0, 4)).toEqual(['head', 'head', 'argument', 'opener']);
  });
  it('a place-date above the signature stays above it; below it, below', () => {
    const above = convert(page('<h1>How it Happened</h1>\n<p>The strike goes on.</p>\n<p class="sig">November 1940<br>Coyoacan, Mexico</p>'), { file: 'page.html' });
    expect(above.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expectValidTei(above.tei!);
    expect(childNames(above.tei!, 'closer')).toEqual(['dateline', 'signed']);
    const below = convert(page('<h1>How it Happened</h1>\n<p>The strike goes on.</p>\n<p class="sig">Yours,<br>N. Sedova<br>November 1940</p>'), { file: 'page.html' });
    expectValidTei(below.tei!);
    expect(childNames(below.tei!, 'closer')).toEqual(['salute', 'signed', 'dateline']);
  });
});

describe('html through the engine: notes printed in other forms', () => {
  const teiOf = (html: string): string => {
    const r = convert(html, { file: 'page.html' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expectValidTei(r.tei!);
    return r.tei!;
  };
  const linked = (tei: string): number => Number(xeval(parseTei(tei), 'count(//tei:text//tei:ref[@type="noteAnchor"][@target])'));
  const notesIn = (tei: string): string[] => xpath(parseTei(tei), '//tei:note[@xml:id]').map((n) => n.content.replace(/\s+/g, ' ').trim());

  it('notes inside an element HTML does not know (a misspelt <hr="end"> holds the rest of the page) are read as notes', () => {
    const html = page('<h1>The Strike</h1>\n<p>The strike<sup><a href="#1" name="1b">1</a></sup> goes on.</p>\n<hr="end">\n<h3>Notes</h3>\n<p><a href="#1b" name="1">1.</a>&#160;Sceptical Essays, p. 151.</p>\n<p>&#160;</p>');
    const tei = teiOf(html);
    expect(notesIn(tei)).toEqual(['Sceptical Essays, p. 151.']);
    expect(linked(tei)).toBe(1);
    const ed = read(html);
    expect(bodyWords(ed)).toEqual(['The strike goes on.']);
  });
  it('an unknown element holding only phrase content stays in its paragraph (negative)', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>The <x-mark>strike</x-mark> goes on.</p>\n<x-mark>Loose words</x-mark> after it.'));
    expect(bodyWords(ed)).toEqual(['The strike goes on.', 'Loose words after it.']);
  });
  it('"1)" labels: the anchor <sup><a>1)</a></sup> links to the note labelled 1)', () => {
    const tei = teiOf(page('<h1>The Strike</h1>\n<p>The price rises.<sup class="anote"><a href="#1" name="1b">1)</a></sup></p>\n<h4>Notes</h4>\n<p class="pagenoteb"><sup class="anote"><a href="#1b" name="1">1)</a></sup> We are now speaking of prices.</p>'));
    expect(notesIn(tei)).toEqual(['We are now speaking of prices.']);
    expect(linked(tei)).toBe(1);
  });
  it('"1) …" in a paragraph of the text, neither linked nor under a notes heading, stays text (negative)', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>We demand:</p>\n<p>1) The eight-hour day.</p>'));
    expect(ed.notes).toEqual([]);
    expect(bodyWords(ed)).toEqual(['We demand:', '1) The eight-hour day.']);
  });
  it('a bare marker split across inlines ("[<sup>1]</sup>", "<em>Diet[</em><sup>2]</sup>") is the anchor of its unlinked note', () => {
    const tei = teiOf(page('<h1>The Strike</h1>\n<p>The Party[<sup class="enote">1]</sup> met. <em>The Diet[</em><sup class="enote">2]</sup> <em>is dissolved</em>.</p>\n<h3>Notes</h3>\n<p class="information"><a name="n1"><span class="info">1.</span></a> The Left wing.</p>\n<p class="information"><a name="n2"><span class="info">2.</span></a> The Federal Diet.</p>'));
    expect(notesIn(tei)).toEqual(['The Left wing.', 'The Federal Diet.']);
    expect(linked(tei)).toBe(2);
    expect(xpath(parseTei(tei), '//tei:ref[@type="noteAnchor"]').map((n) => n.content)).toEqual(['[1]', '[2]']);
  });
  it('a split marker with no note of its number stays printed as it is (negative)', () => {
    const ed = read(page('<h1>The Strike</h1>\n<p>The Party[<sup>7]</sup> met.</p>\n<h3>Notes</h3>\n<p class="information"><a name="n1"><span class="info">1.</span></a> The Left wing.</p>'));
    expect(bodyWords(ed)).toEqual(['The Party[7] met.']);
  });
});

/**
 * Tables and images of MIA pages: a table of data is TEI `table/row/cell`, a table that only
 * frames its content (one cell, one row, one column) is read as ordinary blocks, an image is a
 * `figure` (never dropped silently), and a place-date line over a signature at the end is the
 * closer. Small pages modelled on the templates' markup (data tables with a `th` title row,
 * figures over "Figure N:" captions, a boxed headnote, a signature table).
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { renderEdition } from '../../src/export/render.js';
import { DEFAULT_CONVENTIONS } from '../../src/export/conventions.js';
import { renderPage } from '../../src/html/index.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';

const page = (body: string): string =>
  `<html><head><title>Page title</title></head><body>\n<h1>The Crisis</h1>\n<p>The figures tell the story of the decade.</p>\n${body}\n<p>So the decade ended.</p>\n</body></html>\n`;

function run(html: string): { ed: Edition; errors: string[]; tei: string; codes: string[] } {
  const r = convert(html, { file: 'page.html' });
  expectValidTei(r.tei!);
  return {
    ed: r.model as Edition,
    errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`),
    tei: r.tei!,
    codes: r.diagnostics.map((d) => d.code),
  };
}

const DATA_TABLE = `<table align="center" cellpadding="3">
<tr><th colspan="3"><p class="smc">TABLE V<br />Growth of Output, 1925-29</p></th></tr>
<tr><td><p class="smc"><em>Year</em></p></td><td><p>Output</p></td><td><p>Wages</p></td></tr>
<tr><td><p>1925</p></td><td><p>100.0</p></td><td><p>98.2</p></td></tr>
<tr><td><p>1926</p></td><td><p>104.1</p></td><td><p>99.5</p></td></tr>
</table>`;

describe('a table of data', () => {
  it('is table/row/cell, not verse: the th row a label row, its colspan @cols, each row its cells in order', () => {
    const { errors, tei } = run(page(DATA_TABLE));
    expect(errors).toEqual([]);
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:lg)')).toBe('0');
    expect(xeval(doc, 'count(//tei:body//tei:table/tei:row)')).toBe('4');
    expect(xpath(doc, '//tei:table/tei:row[1]/@role').map((a) => a.content)).toEqual(['label']);
    expect(xtext(doc, '//tei:table/tei:row[1]/tei:cell/@cols')).toBe('3');
    expect(xeval(doc, 'count(//tei:table/tei:row[@role])')).toBe('1');
    expect(xpath(doc, '//tei:table/tei:row[3]/tei:cell').map((c) => c.content)).toEqual(['1925', '100.0', '98.2']);
    // The cell's two printed lines stay two lines.
    expect(xeval(doc, 'count(//tei:table/tei:row[1]/tei:cell/tei:lb)')).toBe('1');
    // The table stands between the paragraphs printed around it.
    expect(xeval(doc, 'count(//tei:table/preceding-sibling::tei:p[contains(., "figures tell")])')).toBe('1');
    expect(xeval(doc, 'count(//tei:table/following-sibling::tei:p[contains(., "decade ended")])')).toBe('1');
  });

  it('a row of td cells is not a label row', () => {
    const { tei } = run(page('<table><tr><td>Year</td><td>Output</td></tr><tr><td>1925</td><td>100</td></tr></table>'));
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:row)')).toBe('2');
    expect(xeval(doc, 'count(//tei:row[@role])')).toBe('0');
  });

  it('plain text keeps its rows as lines, the cells apart by a tab; the reading edition prints a table with th cells', () => {
    const { ed } = run(page(DATA_TABLE));
    const text = renderEdition(ed, DEFAULT_CONVENTIONS).paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('1925\t100.0\t98.2');
    const html = renderPage(ed, { version: '9.9.9' });
    expect(html).toMatch(/<table>\n<tr><th colspan="3">TABLE V<br[^>]*>Growth/);
    expect(html).toContain('<td>1925</td>');
  });
});

describe('a table that frames its content', () => {
  it('of one cell (a boxed headnote): its paragraph is an ordinary paragraph, no table', () => {
    const { errors, tei } = run(page('<table align="center" width="80%"><tr><td><p class="c"><strong>The events of 1989 plunged the parties into crisis.</strong></p></td></tr></table>'));
    expect(errors).toEqual([]);
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:table | //tei:lg)')).toBe('0');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "The events of 1989")])')).toBe('1');
  });

  it('of one row of links to other pages stays a table (a row of navigation buttons is not a frame)', () => {
    const { tei } = run(page('<table><tr><td><p>Output rose.</p></td><td><p>See <a href="../other.htm">the other page</a></p></td></tr></table>'));
    expect(xeval(parseTei(tei), 'count(//tei:table)')).toBe('1');
  });
});

describe('a place-date line over a signature at the end (a table of one row)', () => {
  const SIGNED = '<table width="100%"><tr valign="top"><td width="50%"><p class="fst">Athens, November 12, 1931</p></td><td><p>&#160;<br /><em>P.P.</em></p></td></tr></table>';
  const signedPage = (sig: string): string => `<html><head><title>t</title></head><body>\n<h1>Letter from Greece</h1>\n<p>The terror against the militant workers is increasing.</p>\n<p>The strike goes on in Athens and Piraeus.</p>\n${sig}\n</body></html>`;

  it('is the closer: dateline with its date, then the signature, in the order printed', () => {
    const { errors, tei } = run(signedPage(SIGNED));
    expect(errors).toEqual([]);
    const doc = parseTei(tei);
    expect(xtext(doc, '//tei:closer/tei:dateline')).toBe('Athens, November 12, 1931');
    expect(xtext(doc, '//tei:closer/tei:dateline/tei:date/@when')).toBe('1931-11-12');
    expect(xtext(doc, '//tei:closer/tei:signed')).toBe('P.P.');
    expect(xeval(doc, 'count(//tei:closer/tei:dateline/following-sibling::tei:signed)')).toBe('1');
  });

  it('a name under a line that is no date is not a closer', () => {
    const { tei } = run(signedPage('<table width="100%"><tr><td><p>&#160;</p></td><td><p>J.A. HOBSON<br />LONDON, ENGLAND</p></td></tr></table>'));
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:closer)')).toBe('0');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "HOBSON")])')).toBe('1');
  });

  it('a date line alone at the end, with a sentence after it, is no signature', () => {
    const { tei } = run(signedPage('<p>Athens, November 12, 1931</p>\n<p>We will report on the strike when it ends.</p>'));
    expect(xeval(parseTei(tei), 'count(//tei:closer)')).toBe('0');
  });
});

describe('images', () => {
  const FIGURES = `<table align="center" width="317">
<tr><td><p class="smc"><strong>Figure 1: Ratio of tax revenue to GDP (percentage)</strong></p></td></tr>
<tr><td align="center"><img src="117fig1.jpg" alt="Figure 1" width="309" /></td></tr>
<tr><td><p class="smc"><strong>Figure 2: State spending as a proportion of GNP</strong></p></td></tr>
<tr><td align="center"><img src="117fig2.jpg" alt="Figure 2" /></td></tr>
</table>`;

  it('in a frame table are figures: graphic@url as written, alt as figDesc, the "Figure N" paragraph before each as its head', () => {
    const { errors, tei } = run(page(FIGURES));
    expect(errors).toEqual([]);
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:body//tei:figure)')).toBe('2');
    expect(xpath(doc, '//tei:figure/tei:graphic/@url').map((a) => a.content)).toEqual(['117fig1.jpg', '117fig2.jpg']);
    expect(xpath(doc, '//tei:figure/tei:figDesc').map((a) => a.content)).toEqual(['Figure 1', 'Figure 2']);
    expect(xtext(doc, '//tei:figure[1]/tei:head')).toBe('Figure 1: Ratio of tax revenue to GDP (percentage)');
    expect(xeval(doc, 'count(//tei:table | //tei:lg)')).toBe('0');
    // The caption is not printed twice.
    expect(xeval(doc, 'count(//tei:p[contains(., "Figure 1:")])')).toBe('0');
  });

  it('a caption printed under its image is its head too; a paragraph that does not open as a caption stays a paragraph', () => {
    const { tei } = run(page('<table><tr><td><img src="d.jpg" alt="d" /></td></tr><tr><td><p>Diagram 12: Production and Wages</p></td></tr></table>\n<table><tr><td><img src="e.jpg" /></td></tr><tr><td><p>The workers of the mill in 1926.</p></td></tr></table>'));
    const doc = parseTei(tei);
    expect(xtext(doc, '//tei:figure[tei:graphic/@url="d.jpg"]/tei:head')).toBe('Diagram 12: Production and Wages');
    expect(xeval(doc, 'count(//tei:figure[tei:graphic/@url="e.jpg"]/tei:head)')).toBe('0');
    expect(xeval(doc, 'count(//tei:figure[tei:graphic/@url="e.jpg"]/tei:figDesc)')).toBe('0');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "workers of the mill")])')).toBe('1');
  });

  it('standing alone (in the body, in a centred div, alone in a paragraph) are figures; an alt text is no word of the text for the fidelity check', () => {
    const { errors, tei } = run(page('<img src="../pics/marx.jpg" alt="Marx at the congress" />\n<div align="center"><img src="b.gif" alt="Sketch of the hall" /></div>\n<p><img src="c.gif" alt="A poster" /></p>'));
    expect(errors).toEqual([]);
    const doc = parseTei(tei);
    expect(xpath(doc, '//tei:figure/tei:graphic/@url').map((a) => a.content)).toEqual(['../pics/marx.jpg', 'b.gif', 'c.gif']);
    expect(xpath(doc, '//tei:figure/tei:figDesc').map((a) => a.content)).toEqual(['Marx at the congress', 'Sketch of the hall', 'A poster']);
  });

  it('inside a line of text, or naming no file, is reported, never dropped silently', () => {
    const { codes, tei } = run(page('<p>The hall <img src="hall.gif" alt="hall" /> was full.</p>\n<p><img alt="A lost picture" /></p>'));
    expect(codes.filter((c) => c === 'image-not-encoded')).toHaveLength(1);
    expect(codes.filter((c) => c === 'image-without-source')).toHaveLength(1);
    expect(xeval(parseTei(tei), 'count(//tei:figure)')).toBe('0');
  });

  it('a navigation button (an image in a link) is not a figure', () => {
    const { tei } = run(page('<p class="footer"><a href="../index.htm"><img src="button.gif" alt="Archive button" /></a></p>'));
    expect(xeval(parseTei(tei), 'count(//tei:figure)')).toBe('0');
  });
});

describe('an image whose alt text or file name holds a character XML forbids', () => {
  it('is a figure all the same, the character replaced, the TEI well-formed and valid', () => {
    const { errors, tei } = run(page('<img src="a\u0001b.gif" alt="A poster\u0002 of 1917" />'));
    expect(errors).toEqual([]);
    const doc = parseTei(tei);
    expect(xtext(doc, '//tei:figure/tei:figDesc')).toBe('A poster\uFFFD of 1917');
  });
});

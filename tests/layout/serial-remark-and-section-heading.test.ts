/**
 * Two lines a page's syntax could mislead: a serial's remark linked to the next part
 * ("[Continued in next issue]") is the periodical's printed text, not navigation; a notes-like
 * heading ("Publisher's Note") over paragraphs of prose and no note heads a section of the
 * text, not an empty notes section. Both read alike from the page and from its browser copy.
 */
import { describe, expect, it } from 'vitest';
import { furnitureByHints } from '../../src/layout/furniture.js';
import { isSerialRemark } from '../../src/layout/rules.js';
import { pageText } from '../../src/tools/page-text.js';
import { convertedDoc, TEXT } from '../helpers/front.js';
import { xeval } from '../helpers/tei.js';

const page = (body: string): string => `<html><head><title>A Serial Article</title></head><body>\n<h1>A Serial Article</h1>\n${body}\n</body></html>\n`;
const bodyText = (doc: ReturnType<typeof convertedDoc>): string => xeval(doc, 'normalize-space(string(//tei:text/tei:body))');

describe('a serial remark linked to the next part', () => {
  const html = page(`<p>${TEXT[0]}</p>\n<p>${TEXT[1]}</p>\n<p class="c"><strong><a href="part5.htm">[Continued in next issue]</a></strong></p>`);
  it('stays in the text of the page and of its copy', () => {
    for (const [text, file] of [[html, 'page.html'], [pageText(html), 'copy.txt']] as const) {
      expect(bodyText(convertedDoc(text, file))).toContain('[Continued in next issue]');
    }
  });
  it('a link line to the next page is still navigation', () => {
    const nav = page(`<p>${TEXT[0]}</p>\n<p>${TEXT[1]}</p>\n<p><a href="part5.htm">Next chapter</a> | <a href="index.htm">Index</a></p>`);
    expect(bodyText(convertedDoc(nav, 'page.html'))).not.toMatch(/Next chapter/);
  });
  it('the rule: remarks of a serial, not navigation', () => {
    for (const s of ['[Continued in next issue]', '(To be continued)', 'Concluded in the next number.', '(Continued from last issue)']) expect(isSerialRemark(s)).toBe(true);
    for (const s of ['Next', 'Continued on the next page of the archive index', 'The struggle continued in the next years.']) expect(isSerialRemark(s)).toBe(false);
    expect(furnitureByHints('[Continued in next issue]', { linksOnly: true })).toBeUndefined();
    expect(furnitureByHints('Next issue index', { linksOnly: true })?.name).toBe('navigation links');
  });
});

describe('a notes-like heading over prose and no note', () => {
  const prose = `<p class="information"><span class="info">Source:</span> A pamphlet, London 1943.</p>\n<hr />\n<h4>Publisher’s Note</h4>\n<p class="fst">${TEXT[0]}</p>\n<p>${TEXT[1]}</p>\n<h3>Chapter One</h3>\n<p>The chapter opens here with a sentence of its own.</p>`;
  it('is a section heading of the text, in the page and in its copy', () => {
    const doc = convertedDoc(page(prose), 'page.html');
    expect(xeval(doc, 'count(//tei:body//tei:div/tei:head[normalize-space(.) = "Publisher’s Note"])')).toBe('1');
    expect(xeval(doc, 'count(//tei:note)')).toBe('0');
    // The copy has no heading levels: the same words, kept in the text before the first paragraph.
    const copy = convertedDoc(pageText(page(prose)), 'copy.txt');
    expect(bodyText(copy)).toContain(`Publisher’s Note ${TEXT[0]}`);
    expect(xeval(copy, 'count(//tei:note)')).toBe('0');
  });
  it('a notes heading with notes under it is still the notes section', () => {
    const withNotes = page(`<p>${TEXT[0]}<a href="#n1" name="t1">[1]</a></p>\n<p>${TEXT[1]}</p>\n<h4>Publisher’s Note</h4>\n<p><a name="n1" href="#t1">[1]</a> A note of the publisher on the first paragraph.</p>`);
    const doc = convertedDoc(withNotes, 'page.html');
    expect(xeval(doc, 'count(//tei:note)')).toBe('1');
    expect(xeval(doc, 'count(//tei:body//tei:head[normalize-space(.) = "Publisher’s Note"])')).toBe('0');
  });
  it('an empty "Notes" heading at the end is still dropped', () => {
    const doc = convertedDoc(page(`<p>${TEXT[0]}</p>\n<p>${TEXT[1]}</p>\n<h3>Notes</h3>`), 'page.html');
    expect(bodyText(doc)).not.toMatch(/Notes/);
  });
});

/**
 * The title zone of browser copies: lines that are never the title (a genre label, a date
 * alone) and a chapter's heading under its book's title. Each case is checked in page text
 * and, where the HTML prints the same front, in the HTML page and its own browser copy: both
 * give the same title.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { pageText } from '../../src/tools/page-text.js';
import { expectValidTei, parseTei, xtext } from '../helpers/tei.js';

function tei(text: string, file = 'copy.txt'): ReturnType<typeof parseTei> {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

const TEXT = [
  'The peasant question in India will be of decisive importance in the near future, as it was in Russia.',
  '',
  'The book is full of sidelights on village life, and it has been compiled with great thoroughness.',
];
const INFO = ['Source: Labour Monthly, Vol. 8, August 1926, No. 8, pp. 510-512', 'Transcription: Ted Crawford'];
const copy = (top: string[], info: string[] = INFO) => [...top.flatMap((l) => [l, '']), ...(info.length ? [...info, ''] : []), ...TEXT, ''].join('\n');
const title = (doc: ReturnType<typeof parseTei>) => xtext(doc, '//tei:titleStmt/tei:title[not(@type)][1]');

describe('title zone: a genre label ("Book Review", "Obituary", rules GENRE) is never the title', () => {
  it('over the title, above an information block: the line under it is the title, the label stays above the heading', () => {
    for (const genre of ['Book Review', 'Review', 'Obituary', 'Letter', 'Editorial']) {
      const doc = tei(copy(['Clemens Dutt', genre, 'Indian Peasant Through Official Spectacles']));
      expect(title(doc), genre).toBe('Indian Peasant Through Official Spectacles');
      expect(xtext(doc, '//tei:titleStmt/tei:author'), genre).toBe('Clemens Dutt');
      expect(xtext(doc, '//tei:front | //tei:body'), genre).toContain(genre);
    }
  });
  it('over the title and its date line', () => {
    expect(title(tei(copy(['Clemens Dutt', 'Book Review', 'Indian Peasant Through Official Spectacles', '(August 1926)'], [])))).toBe('Indian Peasant Through Official Spectacles');
  });
  it('under the title, right above the date line', () => {
    expect(title(tei(copy(['Clemens Dutt', 'Indian Peasant Through Official Spectacles', 'Book Review', '(August 1926)'], [])))).toBe('Indian Peasant Through Official Spectacles');
  });
  it('a title that says more than the genre is the title', () => {
    for (const t of ['Review of a Review', 'A Letter to American Workers', 'Obituary of a Party']) {
      const doc = tei(copy(['Clemens Dutt', t, 'Indian Peasant Through Official Spectacles']));
      expect(title(doc), t).toBe(t);
    }
  });
  it('HTML and its browser copy agree', () => {
    const html = `<html><head><title>Dutt</title></head><body><h2>Clemens Dutt</h2><h4>Book Review</h4><h1>Indian Peasant Through Official Spectacles</h1><p class="information">${INFO.join('<br/>')}</p><p>${TEXT[0]}</p><p>${TEXT[2]}</p></body></html>`;
    const fromHtml = title(tei(html, 'page.html'));
    expect(fromHtml).toBe('Indian Peasant Through Official Spectacles');
    expect(title(tei(pageText(html)))).toBe(fromHtml);
  });
});

describe('title zone: a date alone is never the title', () => {
  it('a year over the author line: the author line names the author, the title is under it, the year stays above the heading', () => {
    const doc = tei(copy(['1975', 'Vitaly Vygodsky', 'The Everlasting Significance of Marx’s Capital'], ['Written: 1975', 'Transcription/Markup: Steve Palmer']));
    expect(title(doc)).toBe('The Everlasting Significance of Marx’s Capital');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Vitaly Vygodsky');
    expect(xtext(doc, '//tei:front | //tei:body')).toContain('1975');
  });
  it('a year over the title, without an author line', () => {
    expect(title(tei(copy(['1975', 'The Everlasting Significance of Marx’s Capital'])))).toBe('The Everlasting Significance of Marx’s Capital');
  });
  it('a title with a year in it stays the title', () => {
    expect(title(tei(copy(['Vitaly Vygodsky', 'After 1975: the Crisis', 'Notes on the Economy'])))).toBe('After 1975: the Crisis');
  });
  it('HTML and its browser copy agree', () => {
    const html = `<html><head><title>Vygodsky</title></head><body><p class="title">1975</p><h2>Vitaly Vygodsky</h2><h1>The Everlasting Significance of Marx’s Capital</h1><p class="information">Written: 1975<br/>Transcription/Markup: Steve Palmer</p><p>${TEXT[0]}</p><p>${TEXT[2]}</p></body></html>`;
    const fromHtml = tei(html, 'page.html');
    const fromCopy = tei(pageText(html));
    expect(title(fromHtml)).toBe('The Everlasting Significance of Marx’s Capital');
    expect(title(fromCopy)).toBe(title(fromHtml));
    expect(xtext(fromCopy, '//tei:titleStmt/tei:author')).toBe(xtext(fromHtml, '//tei:titleStmt/tei:author'));
  });
});

describe('title zone: a chapter’s heading, its number over its name, under the book’s title', () => {
  const top = ['Lewis Corey', 'The Decline of American Capitalism', 'PART FIVE\nUnemployment, Technology, and Capitalism', 'CHAPTER XVI\nThe Economics of Technology'];
  it('is the title; the book’s title and the part stay above the heading', () => {
    const doc = tei(copy(top, []));
    expect(title(doc)).toBe('CHAPTER XVI The Economics of Technology');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Lewis Corey');
    expect(xtext(doc, '//tei:front | //tei:body')).toContain('The Decline of American Capitalism');
    // The part's heading is a heading of the text, above the title, not a note in the header.
    expect(xtext(doc, '//tei:front | //tei:body')).toContain('PART FIVE');
    expect(xtext(doc, '//tei:notesStmt') ?? '').not.toContain('PART FIVE');
  });
  it('a chapter number on a paragraph of its own, apart from its name, leaves the first heading the title', () => {
    expect(title(tei(copy(['Lewis Corey', 'The Decline of American Capitalism', 'CHAPTER XVI', 'The Economics of Technology'], [])))).toBe('The Decline of American Capitalism');
  });
  it('a heading of two lines that is not a numbered division is no chapter', () => {
    expect(title(tei(copy(['Lewis Corey', 'The Decline of American Capitalism', 'Chapters of History\nThe Economics of Technology'], [])))).toBe('The Decline of American Capitalism');
  });
  it('HTML and its browser copy agree', () => {
    const html = `<html><head><title>Corey</title></head><body><h2>Lewis Corey</h2><h3>The Decline of American Capitalism</h3><h4><small>PART FIVE</small><br/>Unemployment, Technology, and Capitalism</h4><h1><small>CHAPTER XVI</small><br/>The Economics of Technology</h1><p>${TEXT[0]}</p><p>${TEXT[2]}</p></body></html>`;
    const fromHtml = title(tei(html, 'page.html'));
    expect(fromHtml).toBe('CHAPTER XVI The Economics of Technology');
    expect(title(tei(pageText(html)))).toBe(fromHtml);
  });
});

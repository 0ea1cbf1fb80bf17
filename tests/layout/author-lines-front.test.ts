/**
 * Author lines around the title and credits under a headnote, read the same from a page's HTML
 * and from its browser copy: "by X" under the title, a year over the author line, an archive's
 * name over the title, a collection line naming the book's author.
 */
import { describe, expect, it } from 'vitest';
import { xpath, xtext } from '../helpers/tei.js';
import { TEXT, convertedDoc, esc, type Doc } from '../helpers/front.js';

const doc = convertedDoc;
/** Page text: each block a paragraph. */
const copy = (front: string[], text = TEXT): string => [...front, ...text].flatMap((p) => [p, '']).join('\n');
/** HTML: the front's blocks as given (markup), then the text. */
const html = (front: string[], text = TEXT): string =>
  `<html><head><title>A page</title></head><body>\n${front.join('\n')}\n${text.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n</body></html>\n`;

const author = (d: Doc): string | undefined => xtext(d, '//tei:titleStmt/tei:author');
const subtitle = (d: Doc): string | undefined => xtext(d, '//tei:titleStmt/tei:title[@type="sub"]');
const bodyWords = (d: Doc): string => xpath(d, '//tei:text')[0]!.content.replace(/\s+/g, ' ');

describe('every reader: a "by X" line under the title', () => {
  it('names the author and is no subtitle; its words stay where they are printed', () => {
    const docs = [
      doc(copy(['The Debate Over the Revolution', 'by Ernest Mandel', '(January 1982)', 'Source: International Socialist Review, April 1982.']), 'copy.txt'),
      doc(html(['<h1>The Debate Over the Revolution</h1>', '<h2>by Ernest Mandel</h2>', '<h4>(January 1982)</h4>', '<p class="information"><span class="info">Source:</span> International Socialist Review, April 1982.</p>']), 'page.html'),
    ];
    for (const d of docs) {
      expect(author(d)).toBe('Ernest Mandel');
      expect(subtitle(d)).toBeUndefined();
      expect(bodyWords(d)).toContain('by Ernest Mandel');
      expect(xtext(d, '//tei:titleStmt/tei:title[not(@type)]')).toBe('The Debate Over the Revolution');
    }
  });
  it('a subtitle that names no one stays a subtitle (negative)', () => {
    const docs = [
      doc(copy(['The Debate Over the Revolution', 'Speech at the Congress of the Fourth International', 'Source: International Socialist Review, April 1982.']), 'copy.txt'),
      doc(html(['<h1>The Debate Over the Revolution</h1>', '<h2>Speech at the Congress of the Fourth International</h2>', '<p class="information"><span class="info">Source:</span> International Socialist Review, April 1982.</p>']), 'page.html'),
    ];
    for (const d of docs) expect(subtitle(d)).toBe('Speech at the Congress of the Fourth International');
  });
});

describe('page text: author lines above the title', () => {
  it('a year alone over the author line: the author is the name, the title the heading under it', () => {
    const d = doc(copy(['1975', 'Vitaly Vygodsky', 'The Everlasting Significance of Capital', 'Written: 1975\nTranscription/Markup: Steve Palmer']), 'copy.txt');
    expect(author(d)).toBe('Vitaly Vygodsky');
    expect(xtext(d, '//tei:titleStmt/tei:title[not(@type)]')).toBe('The Everlasting Significance of Capital');
    expect(bodyWords(d)).toContain('1975');
  });
  it('a year alone over a title is no author line (negative)', () => {
    const d = doc(copy(['1975', 'The Everlasting Significance of Capital', 'Written: 1975\nTranscription/Markup: Steve Palmer']), 'copy.txt');
    expect(author(d)).toBeUndefined();
  });
  it('an author’s archive over the title names the author; its line stays in the header', () => {
    const d = doc(copy(['John Reed Internet Archive', 'Letter to the Labor Committee', 'Written: 13 August, 1919\nHTML Markup: David Walters']), 'copy.txt');
    expect(author(d)).toBe('John Reed');
    expect(xpath(d, '//tei:notesStmt/tei:note').map((n) => n.content)).toContain('John Reed Internet Archive');
  });
  it('the Marxists Internet Archive over the title names no author (negative)', () => {
    const d = doc(copy(['Marxists Internet Archive', 'Letter to the Labor Committee', 'Written: 13 August, 1919\nHTML Markup: David Walters']), 'copy.txt');
    expect(author(d)).not.toBe('Marxists');
  });
});

describe('every reader: a collection line naming the book’s author', () => {
  it('"Book, Name. Year" above the title names the author', () => {
    const line = 'The Trade Unions: Communist Theory and Practice of Trade Unionism, Lance Sharkey. 1961';
    const docs = [
      doc(copy([line, 'Appendix. Recent Developments', 'Major Post-War Strikes']), 'copy.txt'),
      doc(html([`<p class="title">${line}</p>`, '<h1>Appendix. Recent Developments</h1>', '<h3>Major Post-War Strikes</h3>']), 'page.html'),
    ];
    for (const d of docs) expect(author(d)).toBe('Lance Sharkey');
  });
  it('"Book, Place Year" names no one (negative)', () => {
    const d = doc(copy(['Selected Works, Moscow 1961', 'Appendix. Recent Developments', 'Major Post-War Strikes']), 'copy.txt');
    expect(author(d)).toBeUndefined();
  });
});

describe('every reader: credits under a headnote', () => {
  const headnote = 'Excerpts from an intriguing account by Jan Appel of his experiences during the German Revolution. Jan Appel provides an important link between the revolutions.';
  const credit = 'Marked-up by Jonas Holmgren for the Marxists Internet Archive.';
  it('a paragraph of credits alone near the top goes to the header', () => {
    const docs = [
      doc(copy(['Jan Appel', 'Memories', headnote, credit]), 'copy.txt'),
      doc(html(['<p class="title">Jan Appel</p>', '<h1>Memories</h1>', `<p class="information">${esc(headnote)}</p>`, `<p class="information">${esc(credit)}</p>`]), 'page.html'),
    ];
    for (const d of docs) {
      expect(xtext(d, '//tei:respStmt[tei:resp="markup"]/tei:persName')).toBe('Jonas Holmgren');
      expect(xpath(d, '//tei:body//tei:p').map((p) => p.content)).not.toContain(credit);
    }
  });
  it('a sentence of the text that mentions a transcriber stays in the text (negative)', () => {
    const said = 'He said the letter was transcribed by his sister and marked up later by the printer.';
    const d = doc(copy(['Jan Appel', 'Memories', headnote, said]), 'copy.txt');
    expect(xpath(d, '//tei:titleStmt/tei:respStmt[not(@xml:id)]')).toHaveLength(0);
    expect(bodyWords(d)).toContain(said);
  });
});

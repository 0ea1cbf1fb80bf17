/**
 * Dates and names in the front of a page, read alike from page text and HTML: a date line under
 * the title closes the title zone; a date line under a subtitle is not more of the subtitle; a
 * heading is a letter's dateline only when it is a place-date line; a possessive author line and
 * a collection line "X in Paper Month Year". Each case is tested both ways.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';

function tei(source: string, file: string): ReturnType<typeof parseTei> {
  const r = convert(source, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}
const text = (lines: string[]): ReturnType<typeof parseTei> => tei(lines.join('\n'), 'copy.txt');
const html = (body: string): ReturnType<typeof parseTei> => tei(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`, 'page.html');
const created = (doc: ReturnType<typeof parseTei>): string =>
  ['when', 'notBefore', 'notAfter'].map((a) => xeval(doc, `string(//tei:profileDesc/tei:creation/tei:date/@${a})`)).filter((v) => v !== '').join(' ');
const sub = (doc: ReturnType<typeof parseTei>): string => xeval(doc, "normalize-space(//tei:titleStmt/tei:title[@type='sub'])");

const PARAS = ['The first paragraph of the text, a sentence long enough to be text and no heading.', '', 'The second paragraph of the text, which ends the text here.', ''];

describe('page text: a date line under the title closes the title zone', () => {
  it('the source line under "January 1851" is text, and the date line dates the text', () => {
    const doc = text(['Johann Georg Eccarius', '', 'The Last Stage of Bourgeois Society', '', 'January 1851', '', '', 'The Friend of the People. No.4, 4 January 1851', '', ...PARAS]);
    expect(created(doc)).toBe('1851-01');
    expect(sub(doc)).toBe('January 1851');
    expect(xeval(doc, 'normalize-space((//tei:body//tei:p)[1])')).toBe('The Friend of the People. No.4, 4 January 1851');
  });
  it('without a date line, a short line under the title is still the subtitle', () => {
    const doc = text(['Johann Georg Eccarius', '', 'The Last Stage of Bourgeois Society', '', 'A Lecture', '', 'To the Workers of London', '', ...PARAS]);
    expect(sub(doc)).toBe('A Lecture To the Workers of London');
  });
});

describe('a date line under a subtitle dates the text, in page text and HTML alike', () => {
  const info = ['Source: A pamphlet, New York 1969.', 'Transcription: Chris Harman.', ''];
  it('page text: "(April–June 1938)" under the subtitle is not more of it', () => {
    const doc = text(['Leon Trotsky', '', 'On the Labor Party Question', '', 'Three Discussions in Mexico City', '', '(April–June 1938)', '', ...info, ...PARAS]);
    expect(sub(doc)).toBe('Three Discussions in Mexico City');
    expect(created(doc)).toBe('1938-04-01 1938-06-30');
    expect(xeval(doc, 'normalize-space(//tei:body//tei:argument)')).toBe('(April–June 1938)');
  });
  it('page text: a second subtitle line that is no date line stays in the subtitle', () => {
    const doc = text(['Leon Trotsky', '', 'On the Labor Party Question', '', 'Three Discussions in Mexico City', '', 'With James P. Cannon', '', ...info, ...PARAS]);
    expect(sub(doc)).toBe('Three Discussions in Mexico City With James P. Cannon');
  });
  it('HTML: a section heading that names a month is no dateline; the date line under the title dates the text', () => {
    const doc = html('<h2>Leon Trotsky</h2><h1>On the Labor Party Question</h1><h4>Three Discussions</h4><h3>(April–June 1938)</h3><p class="information"><span class="info">Source</span>: A pamphlet, New York 1969.</p><h3>Discussion on April, 1938</h3><p>The first paragraph of the text, a sentence long enough.</p>');
    expect(created(doc)).toBe('1938-04-01 1938-06-30');
    expect(xeval(doc, 'count(//tei:opener)')).toBe('0');
  });
  it('HTML: a heading that is a date in brackets is still the dateline', () => {
    const doc = html('<h2>Leon Trotsky</h2><h1>If America Should Go Communist</h1><h3>(August 1934)</h3><p>The first paragraph of the text, a sentence long enough.</p>');
    expect(created(doc)).toBe('1934-08');
  });
  it('HTML: a heading with the place supplied in brackets, or over two lines, is still the dateline', () => {
    expect(xtext(html('<h1>To Kugelmann</h1><h4>[London] April 12, 1871</h4><p>Dear Kugelmann,</p><p>The first paragraph of the text, a sentence long enough.</p>'), '//tei:opener/tei:dateline')).toBe('[London] April 12, 1871');
    expect(created(html('<h1>To Boenigk</h1><h4>Folkestone, near Dover<br />August 21, 1890</h4><p>The first paragraph of the text, a sentence long enough.</p>'))).toBe('1890-08-21');
  });
  it('HTML: a heading that is a place-date line is still the dateline', () => {
    const doc = html('<h1>To the Workers</h1><h3>Moscow, December 17, 1918</h3><p>The first paragraph of the text, a sentence long enough.</p>');
    expect(xtext(doc, '//tei:opener/tei:dateline')).toBe('Moscow, December 17, 1918');
    expect(created(doc)).toBe('1918-12-17');
  });
});

describe('authors: a possessive author line and a collection line "X in Paper date"', () => {
  it('HTML and page text: "Vladimir Lenin\'s" names Vladimir Lenin, and its words stay in the header', () => {
    const h = html('<h2>Vladimir Lenin\'s</h2><h1>The Tasks of the Youth Leagues</h1><p>The first paragraph of the text, a sentence long enough.</p>');
    const t = text(['Vladimir Lenin\'s', '', 'The Tasks of the Youth Leagues', '', ...PARAS]);
    for (const doc of [h, t]) {
      expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Vladimir Lenin');
      expect(xeval(doc, 'normalize-space(//tei:body)').startsWith('The Tasks')).toBe(true);
    }
  });
  it('HTML and page text: "Marx and Engels in Neue Rheinische Zeitung June 1848" names the writers; a cut-short meta and a paper\'s archive do not', () => {
    const h = html('<p class="title">Marx and Engels in Neue Rheinische Zeitung June 1848</p><h3>The Programmes</h3><p>The first paragraph of the text, a sentence long enough.</p><p class="footer"><a href="x.htm">Neue Rheinische Zeitung Archive</a></p>');
    const t = text(['Marx and Engels in Neue Rheinische Zeitung June 1848', '', 'The Programmes', '', ...PARAS, '', 'Neue Rheinische Zeitung Archive', '']);
    for (const doc of [h, t]) expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Marx and Engels');
    const cut = tei('<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="author" content=" Marx and "><title>t</title></head><body><h1>The Programmes</h1><p>The first paragraph of the text, a sentence long enough.</p><p class="footer"><a href="x.htm">Neue Rheinische Zeitung Archive</a></p></body></html>', 'page.html');
    expect(xeval(cut, 'count(//tei:titleStmt/tei:author)')).toBe('0');
  });
});

describe('HTML information block: a bold label with the colon after it; a label word that opens a sentence', () => {
  const page = (info: string): ReturnType<typeof parseTei> =>
    html(`<h1>Buried Hopes</h1><hr class="infotop" /><p class="info">${info}</p><p>The first paragraph of the text, a sentence long enough.</p>`);
  const resp = (doc: ReturnType<typeof parseTei>): string => xpath(doc, "//tei:titleStmt/tei:respStmt[not(@xml:id='teiwright')]/tei:persName").map((n) => n.content).join('; ');
  it('"<strong>Transcribed</strong>: by Ted Crawford." credits Ted Crawford, as "<strong>Transcribed:</strong>" does', () => {
    expect(resp(page('<strong>Source</strong>: A paper, April 1912.<br /><strong>Transcribed</strong>: by Ted Crawford.'))).toBe('Ted Crawford');
    expect(resp(page('<strong>Source:</strong> A paper, April 1912.<br /><strong>Transcribed:</strong> by Ted Crawford.'))).toBe('Ted Crawford');
    // A bold word in a sentence that goes on with a colon later is no label.
    expect(resp(page('Printed in <strong>Kampf</strong>, no. 3: a paper.<br />Transcribed by Ted Crawford.'))).toBe('Ted Crawford');
  });
  it('"Translation in Labour Monthly, February and March 1929." names no translator; "Translation Adam Buick" does', () => {
    expect(resp(page('Translation in <strong>Labour Monthly</strong>, February and March 1929.<br />Transcribed by Adam Buick.'))).toBe('Adam Buick');
    expect(resp(page('Translation by Adam Buick.'))).toBe('Adam Buick');
  });
});

describe('page text: a letter signed in full names its writer so', () => {
  const letter = (signature: string): ReturnType<typeof parseTei> =>
    text(['Marx-Engels Correspondence 1875', '', 'Marx to W. Bracke', '', 'Written: May 5, 1875;', '', 'London, 5 May 1875', '', 'Dear Bracke,', '', 'The first paragraph of the letter, a sentence long enough to be text.', '', 'Yours,', '', signature, '']);
  it('"Marx to W. Bracke" signed "Karl Marx" is by Karl Marx', () => expect(xtext(letter('Karl Marx'), '//tei:titleStmt/tei:author')).toBe('Karl Marx'));
  it('signed by someone else, or by initials, the title\'s name stays', () => {
    expect(xtext(letter('Frederick Engels'), '//tei:titleStmt/tei:author')).toBe('Marx');
    expect(xtext(letter('K. M.'), '//tei:titleStmt/tei:author')).toBe('Marx');
    expect(xtext(letter('K. Marx'), '//tei:titleStmt/tei:author')).toBe('Marx');
    expect(xtext(letter('K Marx'), '//tei:titleStmt/tei:author')).toBe('Marx');
  });
});

describe('page text: a heading with its date under it is not a date line', () => {
  it('"The Third Address / May, 1871" under a book line: the heading below it is the title, the book line names the author', () => {
    const doc = text(['Karl Marx: The Civil War in France', '', 'The Third Address', 'May, 1871', '', '[The Paris Commune]', '', '', ...PARAS]);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('[The Paris Commune]');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Karl Marx');
    // The heading with its date stays above the title, in the text, as the page prints it.
    expect(xeval(doc, 'normalize-space(//tei:body)').startsWith('The Third Address May, 1871 [The Paris Commune]')).toBe(true);
  });
  it('a collection line over two lines ("Marx-Engels Correspondence / 1873") still goes to the header', () => {
    const doc = text(['Marx-Engels Correspondence', '1873', '', 'Engels to August Bebel', '', '', ...PARAS]);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Engels to August Bebel');
    expect(xeval(doc, 'normalize-space(//tei:body)').startsWith('Engels to August Bebel')).toBe(true);
  });
  it('a date printed over two lines is still a date line: the title is above it', () => {
    const doc = text(['Karl Marx: The Civil War in France', '', 'The Third Address', '', 'London,', 'May 30, 1871', '', ...PARAS]);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('The Third Address');
  });
});

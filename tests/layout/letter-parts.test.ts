/**
 * Letter parts the templates print in ways the first rows did not read, in the page and in
 * its browser copy alike: a salutation that is the first line of the first paragraph
 * ("My dear Leo Davidovitch,<br>I have all my life…"), a signed valediction over the place
 * and date in one paragraph ("Your A. Joffe.<br>Moscow, November 16th, 1927") with text
 * after it (the postscript, no "P.S."), and an addressee line above a salutation without a
 * comma ("(To the Members of the Labor Committee)" / "Dear Comrade").
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { isAddresseeLine, isSignedValediction } from '../../src/layout/letter.js';
import { pageText } from '../../src/tools/page-text.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';

/** A page in the 2007+ template: author line, title, information block, rule, the text. */
const html = (body: string): string =>
  `<html><head><title>A letter</title></head><body>\n<h2>Adolf Joffe</h2>\n<h1>Letter to Trotsky</h1>\n<p class="information">\n<span class="info">Written:</span> 16th November, 1927<br />\n<span class="info">Source:</span> <em>International Press Correspondence</em>, 1928.</p>\n<hr />\n${body}\n</body></html>\n`;

const FAREWELL = html(`<p>My dear Leo Davidovitch,<br />
I have all my life maintained that a politician must understand when to retire from life.</p>
<p>More than thirty years ago I acquired the philosophy that human life is only of value in service.</p>
<p>I wish you no smaller degree of energy and courage, and a speedy victory. Farewell.</p>
<p>Your A. Joffe.<br />
Moscow, November 16th, 1927</p>
<p>This letter I wrote in the night from the 15th to the 16th.</p>
<p>Forgive me, my dear friend. Be strong.</p>`);

const ADDRESSED = html(`<p class="fst">(To the Members of the Labor Committee)</p>
<p class="fst">Dear Comrade</p>
<p class="fst">Yesterday Comrade Cohen introduced an executive motion to the National Council.</p>
<p>This is the final step in a campaign to destroy the paper.</p>`);

function tei(text: string, file: string): ReturnType<typeof parseTei> {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

describe.each([
  ['the page', (h: string) => tei(h, 'page.html')],
  ['its browser copy', (h: string) => tei(pageText(h), 'copy.txt')],
])('%s', (_style, read) => {
  it('a salutation on the first line of a paragraph opens the letter; the paragraph goes on under it', () => {
    const doc = read(FAREWELL);
    expect(xtext(doc, '//tei:opener/tei:salute')).toBe('My dear Leo Davidovitch,');
    expect(xtext(doc, '//tei:body//tei:div/tei:p[1]')).toMatch(/^I have all my life/);
    expect(xeval(doc, 'string(//tei:body/tei:div/@type)')).toBe('letter');
  });

  it('the signed valediction over the place and date is the closer; the text after it is the postscript', () => {
    const doc = read(FAREWELL);
    expect(xtext(doc, '//tei:closer/tei:signed')).toBe('Your A. Joffe.');
    expect(xtext(doc, '//tei:closer/tei:dateline/tei:date/@when')).toBe('1927-11-16');
    expect(xeval(doc, 'count(//tei:postscript/tei:p)')).toBe('2');
    expect(xtext(doc, '//tei:postscript/tei:p[1]')).toMatch(/^This letter I wrote/);
    // The letter's own paragraphs stay before the closer.
    expect(xeval(doc, 'count(//tei:closer/preceding-sibling::tei:p)')).toBe('3');
  });

  it('an addressee line over "Dear Comrade" (no comma): the addressee above the opener, the salutation in it', () => {
    const doc = read(ADDRESSED);
    expect(xtext(doc, '//tei:opener/tei:salute')).toBe('Dear Comrade');
    expect(xtext(doc, '//tei:argument/tei:p')).toBe('(To the Members of the Labor Committee)');
    expect(xeval(doc, 'count(//tei:argument/following-sibling::tei:opener)')).toBe('1');
  });

  it('not a letter: no salutation, so a closing block in the middle makes no postscript', () => {
    const doc = read(html('<p>The congress met in the spring.</p>\n<p>The delegates voted for the motion.</p>\n<p>Your A. Joffe.<br />Moscow, November 16th, 1927</p>\n<p>The congress closed.</p>'));
    expect(xeval(doc, 'count(//tei:postscript)')).toBe('0');
    expect(xeval(doc, 'count(//tei:opener)')).toBe('0');
  });
});

describe('the line shapes', () => {
  it('an addressee line', () => {
    for (const yes of ['(To the Members of the Labor Committee)', 'To the Central Committee:', 'To All Party Organisations']) expect(isAddresseeLine(yes), yes).toBe(true);
    for (const no of ['To be or not to be, that is the question.', '(To the Members of the Labor Committee', 'to the members', 'The Members of the Committee']) expect(isAddresseeLine(no), no).toBe(false);
  });
  it('a signed valediction', () => {
    for (const yes of ['Your A. Joffe.', 'Yours N. Lenin', 'Ever yours, Fred']) expect(isSignedValediction(yes), yes).toBe(true);
    for (const no of ['Your letter came today.', 'Yours truly', 'Your comrade in the struggle for the cause of the working class of the world']) expect(isSignedValediction(no), no).toBe(false);
  });
});

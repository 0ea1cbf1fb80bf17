/** The date of writing in profileDesc/creation/date, for every input style. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { isPlaceDateOverLines } from '../../src/layout/letter.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

function creation(text: string, file: string): { when: string; words: string } {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  const doc = parseTei(r.tei!);
  return { when: xeval(doc, 'string(//tei:creation/tei:date/@when)'), words: xeval(doc, 'normalize-space(//tei:creation/tei:date)') };
}

describe('date of writing', () => {
  it('the Stalin seed: the dateline *March 1912* under the title', () => {
    const seed = readFileSync(new URL('../../input/stalin-1912-for-the-party.txt', import.meta.url), 'utf8');
    expect(creation(seed, 'stalin.txt')).toEqual({ when: '1912-03', words: 'March 1912' });
  });

  it('page text: a date line in brackets under the title', () => {
    const text = 'Georgii Plekhanov\n\nBourgeois of Days Gone By\n\n(23 April 1893)\n\nSource: Selected Works, 1981.\n\nThe bourgeois of those days was a different man.\n';
    expect(creation(text, 'copy.txt')).toEqual({ when: '1893-04-23', words: '23 April 1893' });
  });

  it('html: a letter’s place-date line', () => {
    const html = '<html><body>\n<h1>Engels to Bebel</h1>\n<p class="placedate">London, 20 June, 1873</p>\n<p>Dear Bebel,</p>\n<p>I am answering your letter first.</p>\n<p>Yours, F. Engels</p>\n</body></html>\n';
    expect(creation(html, 'letter.html')).toEqual({ when: '1873-06-20', words: '20 June, 1873' });
  });

  it('a "Written:" field wins over a printed date line', () => {
    const text = 'V. I. Lenin\n\nThe Tasks\n\nWritten: April 1921\nSource: Collected Works, Volume 32.\n\nMoscow, May 3, 1921\n\nDear Comrades,\n\nThe tasks are many.\n\nYours, N. Lenin\n';
    expect(creation(text, 'copy.txt').when).toBe('1921-04');
  });

  it('no date anywhere: no creation', () => {
    const r = convert('The Tasks\n\nSource: Collected Works.\n\nThe tasks are many and hard.\n\nThey will be done.\n', { file: 'copy.txt' });
    expect(parseTei(r.tei!).find('//tei:creation', { tei: 'http://www.tei-c.org/ns/1.0' })).toHaveLength(0);
  });
});

describe('date of writing: a place-date line printed over the last lines of the text', () => {
  const TEXT = 'Frederick Engels\n\nOn the Commune\n\nSource: Selected Works, 1969.\n\nThe Commune was the first government of the working class.\n\nIts work was cut short by the troops of Versailles.\n\nFrederick Engels\n\n';
  it('the rule: a place and a comma on the first line, a full date ending the last', () => {
    expect(isPlaceDateOverLines(['London, on the 20th anniversary', 'of the Paris Commune, March 18, 1891.'])).toBe(true);
    expect(isPlaceDateOverLines(['Moscow, in the Kremlin', 'the night of', 'December 17, 1918'])).toBe(true);
    expect(isPlaceDateOverLines(['Yours, N. Lenin', 'Gorki, October 3, 1922'])).toBe(false);
    for (const no of [
      ['The Commune fell', 'on May 28, 1871.'],
      ['London, on the 20th anniversary.', 'of the Paris Commune, March 18, 1891.'],
      ['London, on the 20th anniversary', 'of the Paris Commune, in the spring'],
      ['London, on March 18, 1891', 'and again later'],
      ['London, on the 20th anniversary of the Paris Commune, which the workers of every', 'country keep, March 18, 1891.'],
    ]) expect(isPlaceDateOverLines(no), no.join(' / ')).toBe(false);
  });
  it('page text: the text’s last paragraph dates the text and closes it', () => {
    const text = `${TEXT}London, on the 20th anniversary\nof the Paris Commune, March 18, 1891.\n`;
    expect(creation(text, 'copy.txt')).toEqual({ when: '1891-03-18', words: 'March 18, 1891' });
    const doc = parseTei(convert(text, { file: 'copy.txt' }).tei!);
    // The printed line break stays an <lb/> between the two lines' words.
    expect(xeval(doc, 'normalize-space(//tei:closer/tei:dateline/text()[1])')).toBe('London, on the 20th anniversary');
    expect(xeval(doc, 'count(//tei:closer/tei:dateline/tei:lb)')).toBe('1');
    expect(xeval(doc, 'normalize-space(//tei:closer/tei:dateline/tei:date)')).toBe('March 18, 1891');
  });
  it('HTML: the same paragraph gives the same date', () => {
    const html = '<html><head><title>x</title></head><body>\n<h1>On the Commune</h1>\n<p>The Commune was the first government of the working class.</p>\n<p>Its work was cut short by the troops of Versailles.</p>\n<p class="sig">Frederick Engels</p>\n<p>London, on the 20th anniversary<br />\nof the Paris Commune, March 18, 1891.</p>\n</body></html>\n';
    expect(creation(html, 'page.html').when).toBe('1891-03-18');
  });
  it('page text: a last sentence that ends in a date is text, and dates nothing', () => {
    const r = convert(`${TEXT}The Commune fell\non May 28, 1871.\n`, { file: 'copy.txt' });
    const doc = parseTei(r.tei!);
    expect(xeval(doc, 'count(//tei:closer)')).toBe('0');
    expect(xeval(doc, 'string(//tei:creation/tei:date/@when)')).toBe('');
  });
});

/** The date of writing in profileDesc/creation/date, for every input style. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
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

/**
 * Links of a page's footer that a browser copy prints as text at the end of the page: the
 * next division's heading with a reference link under it, a book's link under the archive's,
 * and a run of notes of another series above bracketed notes, with no notes heading.
 * Each case is read from page text and from HTML.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

function doc(text: string, file: string): ReturnType<typeof parseTei> {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}
const body = (d: ReturnType<typeof parseTei>): string => xeval(d, 'normalize-space(//tei:body)');

const TEXT = ['The first paragraph of the text, a sentence long enough to be text.', 'The second paragraph of the text, which is long enough as well.', 'The third paragraph of the text, which ends the text here.'];
const copy = (end: string[][]): string => ['Karl Marx', '', 'On Things', '', 'Written: 1845', '', ...TEXT.flatMap((p) => [p, '']), '', ...end.flatMap((p) => [...p, '', '']), ''].join('\n');
const html = (end: string[][]): string =>
  '<html><head><title>On Things</title></head><body>\n<h1>On Things</h1>\n<p class="information"><span class="info">Written:</span> 1845</p>\n' +
  `${TEXT.map((p) => `<p>${p}</p>`).join('\n')}\n${end.map((p) => `<p class="footer">${p.map((l) => `<a href="x.htm">${l}</a>`).join('<br />\n')}</p>`).join('\n')}\n</body></html>\n`;

describe('every reader: footer links at the end of the text', () => {
  it('the next chapter\'s heading with a reference link under it, in one paragraph, is dropped', () => {
    const end = [['Chapter 1: [The Beginning of the Franco-Prussian War]', 'For Reference see while reading: Timeline of the Civil War']];
    for (const d of [doc(copy(end), 'copy.txt'), doc(html(end), 'page.html')]) expect(body(d).endsWith('ends the text here.'), body(d)).toBe(true);
  });
  it('a paragraph of text that opens with a chapter\'s name is kept (negative)', () => {
    const d = doc(copy([['Chapter 1: [The Beginning of the War]', 'It began, as we shall see, with a telegram from Ems.']]), 'copy.txt');
    expect(body(d).endsWith('with a telegram from Ems.'), body(d)).toBe(true);
  });
  it('the book\'s link under the archive\'s link is dropped', () => {
    const end = [['Marx/Engels Works Archive'], ['Critique of the Gotha Programme']];
    for (const d of [doc(copy(end), 'copy.txt'), doc(html(end), 'page.html')]) expect(body(d).endsWith('ends the text here.'), body(d)).toBe(true);
  });
  it('a closing line under a paragraph of text is kept (negative)', () => {
    const d = doc(copy([['The last words of the text, a sentence.'], ['Critique of the Gotha Programme']]), 'copy.txt');
    expect(body(d).endsWith('Critique of the Gotha Programme'), body(d)).toBe(true);
  });
});

describe('page text: a run of numbered notes above bracketed notes, no notes heading', () => {
  const page = (first: string): string =>
    [
      'Karl Marx', '', 'On Things', '', 'Written: 1845', '',
      'The first paragraph, where dream apparitions (1) came to the savages, long enough to be text.', '',
      'The second paragraph, on the phlogistic form [A]. It ends the text here.', '', '',
      'Part 3: Feuerbach', '', '',
      `${first} Among savages the idea is still universal that the forms in dreams are souls.`, '',
      '[A] Phlogistic Theory: the theory prevailing in chemistry in the 17th century.', '',
    ].join('\n');
  it('"(1) …" over "[A] …" is a note, and the next part\'s link above it is dropped', () => {
    const d = doc(page('(1)'), 'copy.txt');
    expect(xeval(d, 'count(//tei:note)')).toBe('2');
    expect(body(d).endsWith('It ends the text here.'), body(d)).toBe(true);
  });
  it('a paragraph whose number no anchor printed stays in the text (negative)', () => {
    const d = doc(page('(2)'), 'copy.txt');
    expect(xeval(d, 'count(//tei:note)')).toBe('1');
    expect(body(d)).toContain('Among savages');
  });
});

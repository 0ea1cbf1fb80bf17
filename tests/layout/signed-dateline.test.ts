/**
 * A text that ends with where and when it was written over who signed it ("Athens, November
 * 12, 1931" / "P.P."): the closer, in the page (a table of one row, its cells read as blocks)
 * and in its browser copy (two lines) alike. A signature alone, or a date line alone under
 * the text with no signature, is left as the shapes of the other rows say.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { shapeLetter, type BodyEntry } from '../../src/layout/letter-frame.js';
import { isSignatureLine, isSignatureUnderDate } from '../../src/layout/letter.js';
import type { Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { pageText } from '../../src/tools/page-text.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';

const PAGE = `<html><head><title>Letter from Greece</title></head><body>
<h1>Letter from Greece</h1>
<p>The terror against the militant workers is increasing.</p>
<p>For a month now, the shoemakers are on strike in Athens and Piraeus.</p>
<table width="100%" cellpadding="3"><tr valign="top"><td width="50%"><p class="fst">Athens, November 12, 1931</p></td><td><p>&#160;<br /><em>P.P.</em></p></td></tr></table>
</body></html>
`;

function closerOf(text: string, file: string): { dateline?: string; when?: string; signed?: string; order: string } {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  const doc = parseTei(r.tei!);
  const out: { dateline?: string; when?: string; signed?: string; order: string } = {
    // The order printed: the dateline, then the signature after it.
    order: xeval(doc, 'count(//tei:closer/tei:dateline/following-sibling::tei:signed)'),
  };
  const dateline = xtext(doc, '//tei:closer/tei:dateline');
  if (dateline !== undefined) out.dateline = dateline;
  const when = xtext(doc, '//tei:closer/tei:dateline/tei:date/@when');
  if (when !== undefined) out.when = when;
  const signed = xtext(doc, '//tei:closer/tei:signed');
  if (signed !== undefined) out.signed = signed;
  return out;
}

describe('a place-date line over a signature at the end of the text', () => {
  it('is the closer of the page: dateline with its date, then the signature', () => {
    const c = closerOf(PAGE, 'page.html');
    expect(c).toEqual({ dateline: 'Athens, November 12, 1931', when: '1931-11-12', signed: 'P.P.', order: '1' });
  });

  it('is the same closer in the page\u2019s browser copy', () => {
    const copy = pageText(PAGE);
    expect(copy).toMatch(/Athens, November 12, 1931\n[\s\u00a0]*\n?[\s\u00a0]*P\.P\./);
    const c = closerOf(copy, 'copy.txt');
    expect(c).toEqual({ dateline: 'Athens, November 12, 1931', when: '1931-11-12', signed: 'P.P.', order: '1' });
  });

  it('a signature under a sentence, or a date line with a sentence under it, is no closer (copy)', () => {
    const text = (tail: string[]): string => ['Letter from Greece', '', 'The terror against the militant workers is increasing.', '', 'The shoemakers are on strike.', '', ...tail, ''].join('\n');
    const noCloser = (t: string): void => {
      const r = convert(t, { file: 'copy.txt' });
      expectValidTei(r.tei!);
      expect(xeval(parseTei(r.tei!), 'count(//tei:closer/tei:signed)')).toBe('0');
    };
    noCloser(text(['We will report when the strike ends.', '', 'P.P.']));
    noCloser(text(['Athens, November 12, 1931', '', 'We will report when the strike ends.']));
  });
});

describe('the frame rule (letter-frame.ts) and the signature shape', () => {
  let n = 0;
  const para = (...ls: string[]): BodyEntry => ({
    block: { kind: 'p', children: ls.flatMap((t, i): Inline[] => [...(i > 0 ? [{ kind: 'lb', pos: { line: ++n, column: 1 } } as Inline] : []), { kind: 'text', text: t, pos: { line: ++n, column: 1 } }]), pos: { line: ++n, column: 1 } },
    hints: {},
  });
  it('takes the two last blocks, the date above the name', () => {
    const s = shapeLetter([para('The text, a sentence.'), para('Athens, November 12, 1931'), para('J. Smith')]);
    expect(plainText(s.closer?.dateline ?? [])).toBe('Athens, November 12, 1931');
    expect(plainText(s.closer?.signed ?? [])).toBe('J. Smith');
    expect(s.blocks).toHaveLength(1);
  });
  it('leaves a name under a line that is no date, and a name of many words', () => {
    expect(shapeLetter([para('The text, a sentence.'), para('J.A. HOBSON', 'LONDON, ENGLAND')]).closer).toBeUndefined();
    expect(shapeLetter([para('The text, a sentence.'), para('Athens, November 12, 1931'), para('and so the strike went on and on for weeks.')]).closer).toBeUndefined();
  });
  it('initials alone are a signature under a date; an abbreviation ending a sentence is not', () => {
    for (const yes of ['P.P.', 'J.A.H.', 'N. Lenin']) expect(isSignatureUnderDate(yes), yes).toBe(true);
    for (const no of ['p.p.', 'The end of it.', 'P.P.S. Greetings to all']) expect(isSignatureUnderDate(no), no).toBe(false);
    // Initials are no signature line anywhere else (above a title they are not an author line).
    expect(isSignatureLine('P.P.')).toBe(false);
  });
});

describe('an image printed under the signature', () => {
  it('does not hide the closer: the place-date closes the text, the image (no caption) stands before the closer', () => {
    const page = `<html><head><title>t</title></head><body>\n<h1>Preface</h1>\n<p>The present edition is published unaltered.</p>\n<p>The Author</p>\n<p>Moscow<br />December 17, 1918</p>\n<div><img src="../image.jpg" alt="First page of the manuscript." /></div>\n</body></html>`;
    const r = convert(page, { file: 'page.html' });
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    expect(xtext(doc, '//tei:closer/tei:dateline/tei:date/@when')).toBe('1918-12-17');
    expect(xtext(doc, '//tei:profileDesc/tei:creation/tei:date/@when')).toBe('1918-12-17');
    expect(xeval(doc, 'count(//tei:figure/following-sibling::tei:closer)')).toBe('1');
  });
});

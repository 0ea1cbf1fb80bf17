/**
 * Character references and code spans in markdown text (issues 9 and 14): decoded and read
 * as CommonMark does, every word kept, source positions still right after them.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Inline } from '../../src/model/edition.js';
import { bodyInlineLists, visitInlines } from '../../src/model/walk.js';
import { expectValidTei, parseTei, xpath, xtext } from '../helpers/tei.js';

function converted(text: string, file: string) {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { doc: parseTei(r.tei!), result: r };
}

const paragraphs = (doc: ReturnType<typeof parseTei>): string[] => xpath(doc, '//tei:body//tei:p').map((n) => n.content);

describe('markdown character references', () => {
  it('HTML5 named references are the characters they name (&laquo; &raquo; &mdash; &bdquo; &ldquo;)', () => {
    const { doc } = converted('# Title\n\nWe speak of &laquo;the rear&raquo; here, 1914&mdash;1918, &bdquo;letters&ldquo;.\n\nSecond paragraph.\n', 'named.md');
    expect(paragraphs(doc)).toContain('We speak of «the rear» here, 1914—1918, „letters“.');
    expect(xpath(doc, '//tei:body//text()[contains(., "&")]')).toEqual([]);
  });

  it('decimal and hexadecimal references are decoded (&#8220; &#x201D; &#X2014;)', () => {
    const { doc } = converted('# Title\n\nHe said &#8220;no&#x201D; &#X2014; twice.\n\nSecond paragraph.\n', 'numeric.md');
    expect(paragraphs(doc)).toContain('He said “no” — twice.');
  });

  it('&nbsp; is a no-break space and &amp; a single ampersand in body text', () => {
    const { doc } = converted('# Title\n\nSmith&nbsp;&amp;&nbsp;Co. paid.\n\nSecond paragraph.\n', 'nbsp.md');
    expect(paragraphs(doc)).toContain('Smith\u00a0&\u00a0Co. paid.');
  });

  it('unknown names, a bare & and references without ; stay as printed', () => {
    const { doc } = converted('# Title\n\nA &foo; bar, Smith & Co, &copy and &#12 too.\n\nSecond paragraph.\n', 'unknown.md');
    expect(paragraphs(doc)).toContain('A &foo; bar, Smith & Co, &copy and &#12 too.');
  });

  it('a number XML cannot carry (&#0; &#xD800; &#x110000;) stays as printed text, never a forbidden character', () => {
    const { doc, result } = converted('# Title\n\nNull &#0; surrogate &#xD800; beyond &#x110000; end.\n\nSecond paragraph.\n', 'forbidden.md');
    expect(paragraphs(doc)).toContain('Null &#0; surrogate &#xD800; beyond &#x110000; end.');
    expect(xpath(doc, '//tei:choice')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'charref-repaired')).toEqual([]);
  });

  it('a diagnostic after a decoded reference on the same line points at its source column', () => {
    // `&8220;` (a reference that lost its `#`) starts at column 16, after `&laquo;` (7 columns, 1 character).
    const { doc, result } = converted('# Title\n\n&laquo;Quote&raquo;&8220;x.\n\nSecond paragraph.\n', 'column.md');
    const repaired = result.diagnostics.filter((d) => d.code === 'charref-repaired');
    expect(repaired.map((d) => [d.line, d.column])).toEqual([[3, 20]]);
    expect(xtext(doc, '//tei:body//tei:choice/tei:corr')).toBe('“');
    expect(xtext(doc, '//tei:body//tei:p[1]')).toContain('«Quote»');
  });

  it('the text node after a decoded reference starts at the source column of the text that follows it', () => {
    const { result } = converted('# Title\n\nA &mdash; word.\n\nSecond paragraph.\n', 'nodes.md');
    const texts: Inline[] = [];
    visitInlines(bodyInlineLists(result.model!), (n) => {
      if (n.kind === 'text' && n.text.includes('word')) texts.push(n);
    });
    expect(texts.map((n) => n.kind === 'text' && [n.text, n.pos.line, n.pos.column])).toEqual([[' word.', 3, 10]]);
  });
});

describe('markdown code spans', () => {
  it('a footnote reference inside backticks is literal text, not a note anchor', () => {
    const md = '# Title\n\nWrite `[^1]` for a note, as here[^1].\n\n[^1]: The note.\n';
    const { doc } = converted(md, 'code-anchor.md');
    expect(xpath(doc, '//tei:body//tei:ref[@type="noteAnchor"]')).toHaveLength(1);
    expect(xtext(doc, '//tei:body//tei:p[1]')).toContain('Write [^1] for a note');
  });

  it('emphasis markers inside backticks are literal and the backticks are not written', () => {
    const { doc } = converted('# Title\n\nType `*not italic*` and `` a`b `` there.\n\nSecond paragraph.\n', 'code-emphasis.md');
    expect(xpath(doc, '//tei:body//tei:hi')).toEqual([]);
    expect(paragraphs(doc)).toContain('Type *not italic* and a`b there.');
  });

  it('a * inside a code span does not close emphasis opened before it', () => {
    const { doc } = converted('# Title\n\nSee *the sign `*` here* now.\n\nSecond paragraph.\n', 'code-in-emphasis.md');
    expect(xtext(doc, '//tei:body//tei:hi[@rend="italic"]')).toBe('the sign * here');
  });

  it('an unclosed backtick stays as printed', () => {
    const { doc } = converted('# Title\n\nA `lone backtick and *italic* words.\n\nSecond paragraph.\n', 'code-unclosed.md');
    expect(xtext(doc, '//tei:body//tei:p[1]')).toContain('A `lone backtick and italic words.');
    expect(xpath(doc, '//tei:body//tei:hi[@rend="italic"]')).toHaveLength(1);
  });

  it('a character reference inside a code span is literal', () => {
    const { doc } = converted('# Title\n\nThe entity `&laquo;` prints «.\n\nSecond paragraph.\n', 'code-entity.md');
    expect(paragraphs(doc)).toContain('The entity &laquo; prints «.');
  });
});

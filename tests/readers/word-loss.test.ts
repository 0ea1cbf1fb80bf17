/** Readers losing words (issue 14): one test per finding, each through the whole pipeline and its fidelity check. */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xpath, xtext } from '../helpers/tei.js';

function ok(text: string, file: string): ReturnType<typeof parseTei> {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

describe('readers keep every word', () => {
  it('markdown: &lt; and &nbsp; written literally are the characters they name', () => {
    const doc = ok('# Title\n\nThe sign &lt; means less, and&nbsp;here a space.\n\nSecond paragraph.\n', 'entities.md');
    expect(xpath(doc, '//tei:body//tei:p').map((n) => n.content)).toContain('The sign < means less, and\u00a0here a space.');
  });

  it('markdown: a block quote after the first paragraph is kept', () => {
    const doc = ok('# Title\n\nFirst paragraph.\n\n> A quoted passage of words.\n\nThird paragraph.\n', 'quote.md');
    expect(xtext(doc, '//tei:body//tei:quote')).toBe('A quoted passage of words.');
  });

  it('markdown: a nested block quote keeps its words', () => {
    const doc = ok('# Title\n\nFirst paragraph.\n\n> Outer quote.\n>\n> > Inner quote words\n> > over two lines.\n\nLast paragraph.\n', 'nested.md');
    // The inner quote is a paragraph of the outer one; no `>` of its syntax is left in the text.
    expect(xpath(doc, '//tei:body//tei:quote/tei:p').map((n) => n.content.replace(/\s+/g, ' '))).toEqual(['Outer quote.', 'Inner quote words over two lines.']);
  });

  it('html: an <h3> above the <h1> stays above the title; one that names a collection goes to the header', () => {
    const doc = ok('<html><body>\n<h3>Collected Works</h3>\n<h1>The Title</h1>\n<p>First paragraph of the text here.</p>\n<p>Second paragraph.</p>\n</body></html>\n', 'above.html');
    expect(xtext(doc, '//tei:notesStmt/tei:note')).toBe('Collected Works');
    const kept = ok('<html><body>\n<h3>A Word to the Reader</h3>\n<h1>The Title</h1>\n<p>First paragraph of the text here.</p>\n<p>Second paragraph.</p>\n</body></html>\n', 'above2.html');
    expect(xtext(kept, '//tei:body/tei:div/tei:argument[following-sibling::tei:head]')).toBe('A Word to the Reader');
    expect(xtext(doc, '//tei:body/tei:div/tei:head')).toBe('The Title');
  });
});

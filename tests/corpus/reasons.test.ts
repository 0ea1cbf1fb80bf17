/**
 * Reasons `npm run corpus` reads from a page's own source for a page/copy disagreement: each
 * holds only when the source shows it, and quotes it.
 */
import { describe, expect, it } from 'vitest';
import { type TeiFacts, titleByHeadingLevels } from '../../src/tools/corpus-check.js';

const facts = (title: string): TeiFacts => ({ title, author: '', date: '', resp: '', notes: 0, linkedAnchors: 0, bodyWords: [] });

describe('corpus reason: a title that only heading levels decide', () => {
  const source = '<h4>Henry Mayers Hyndman</h4>\n<h3>The Record of an Adventurous Life</h3>\n<h1><small>Chapter XVI</small><br />\nKarl Marx</h1>\n<p>It was natural &#8230;</p>';
  it('explains the book title against the chapter heading, quoting both elements', () => {
    const k = titleByHeadingLevels('p.html', 'title', facts('Chapter XVI Karl Marx'), facts('The Record of an Adventurous Life'), source);
    expect(k?.reason).toContain('an h1 and an h3');
    expect(k?.quote).toContain('<h3>The Record of an Adventurous Life</h3>');
    expect(k?.quote).toContain('<h1><small>Chapter XVI</small>');
  });
  it('decodes character references in the heading', () => {
    const k = titleByHeadingLevels('p.html', 'title', facts('Cracow'), facts('Krupskaya’s “Reminiscences”'), '<H4>Krupskaya&#8217;s &#8220;Reminiscences&#8221;</H4><H1>Cracow</H1>');
    expect(k).toBeDefined();
  });
  it('gives no reason when the copy’s title is not a heading of the page, when both are one level, or for another fact', () => {
    expect(titleByHeadingLevels('p.html', 'title', facts('Chapter XVI Karl Marx'), facts('MIA > Archive > Hyndman'), source)).toBeUndefined();
    expect(titleByHeadingLevels('p.html', 'title', facts('A'), facts('B'), '<h2>A</h2><h2>B</h2>')).toBeUndefined();
    expect(titleByHeadingLevels('p.html', 'author', facts('Chapter XVI Karl Marx'), facts('The Record of an Adventurous Life'), source)).toBeUndefined();
  });
});

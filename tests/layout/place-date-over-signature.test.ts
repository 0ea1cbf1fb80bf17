/**
 * A preface that ends with one paragraph of two lines, where and when over who signed it
 * ("Berlin-Lichterfelde, April 1919" / "Julian Borchardt", in a template's table cell): the
 * closer, its date the date of writing (more precise than the year under the title), alike
 * in the page and in its browser copy. Two lines that are not a place-date over a name stay text.
 */
import { describe, expect, it } from 'vitest';
import { pageText } from '../../src/tools/page-text.js';
import { convertedDoc, esc, TEXT } from '../helpers/front.js';
import { xeval, xtext } from '../helpers/tei.js';

const page = (last: string): string => `<html><head><title>Preface</title></head><body>
<p class="title">Julian Borchardt</p>
<h1>Preface to <em>A Popular Edition</em></h1>
<h3>(1919)</h3>
<p class="fst">${TEXT[0]}</p>
<p>This task I had assigned to myself many years ago, and the war gave me the time to do it at last.</p>
<p>The abridged edition keeps the order of the three volumes and the words of their author wherever it can.</p>
<p>${TEXT[1]}<a href="#n1" name="f1">[1]</a></p>
<table width="100%" cellpadding="3"><tr><td width="55%"><p>&#160;</p></td><td><p class="fst">${last}</p></td></tr></table>
<h3>Footnotes</h3>
<p class="note"><a name="n1" href="#f1">1.</a> A note of the author on the second paragraph of the text.</p>
</body></html>
`;

const both = (html: string): [string, string][] => [[html, 'page.html'], [pageText(html), 'copy.txt']];

describe('a place-date line over a signature in one paragraph at the end', () => {
  it('is the closer, and dates the text, in the page and in its copy', () => {
    for (const [text, file] of both(page('Berlin-Lichterfelde, April 1919<br />\nJulian Borchardt'))) {
      const doc = convertedDoc(text, file);
      expect({
        file,
        dateline: xtext(doc, '//tei:closer/tei:dateline'),
        signed: xtext(doc, '//tei:closer/tei:signed'),
        datelineFirst: xeval(doc, 'count(//tei:closer/tei:dateline/following-sibling::tei:signed)'),
        creation: xtext(doc, '//tei:profileDesc/tei:creation/tei:date/@when'),
      }).toEqual({ file, dateline: 'Berlin-Lichterfelde, April 1919', signed: 'Julian Borchardt', datelineFirst: '1', creation: '1919-04' });
    }
  });

  it('a place-date over a sentence, or a name under a line that is no place-date, is no closer', () => {
    for (const last of [`Berlin, April 1919<br />\n${esc('We shall return to this question in the next volume.')}`, 'With thanks to all readers<br />\nJulian Borchardt']) {
      for (const [text, file] of both(page(last))) {
        const doc = convertedDoc(text, file);
        expect({ file, closers: xeval(doc, 'count(//tei:closer)') }).toEqual({ file, closers: '0' });
      }
      expect(xtext(convertedDoc(page(last), 'page.html'), '//tei:profileDesc/tei:creation/tei:date/@when')).toBe('1919');
    }
  });
});

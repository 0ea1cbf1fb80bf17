/**
 * `<p class="endnote">Notes: [G.Seaman]<br/>1. …<br/>2. …</p>`: the notes of a page printed
 * as the lines of one paragraph under a "Notes:" lead are separate notes, linked to their
 * anchors. A paragraph of numbered lines under no notes lead stays text. Each TEI validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

const page = (body: string): string => `<html><head><title>The Paris Congress</title></head><body>\n<h1>The Paris Congress</h1>\n${body}\n<p class="footer"><a href="index.htm">Frank Kitz Archive</a></p>\n</body></html>\n`;

function run(html: string): { ed: Edition; doc: ReturnType<typeof parseTei>; codes: string[] } {
  const r = convert(html, { file: 'page.html' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { ed: r.model as Edition, doc: parseTei(r.tei!), codes: r.diagnostics.map((d) => d.code) };
}

const text = '<p>The English report was given by comrade Morris, after pressure upon the bureau <a href="#footnote1">1</a>.</p>\n<p>Keir Hardie gave a trades union report, on which Liebknecht commented <a href="#footnote2">2</a>.</p>\n<hr/>\n';

describe('notes as lines of one paragraph', () => {
  it('under "Notes: [name]": two notes, each linked, their words without the label\'s stop', () => {
    const { ed, doc, codes } = run(page(`${text}<p class="endnote">Notes: [G.Seaman]<br />\n<a id="footnote1" name="footnote1">1</a>. A note appeared in Commonweal as follows:<br />\n<br />\nWe have received the first part of the proceedings.<br />\n<br />\n<a id="footnote2" name="footnote2">2</a>. Liebknecht’s reply was published in the next issue.<br />\n</p>`));
    expect(ed.notes.flatMap((s) => s.notes).map((n) => n.key)).toEqual(['1', '2']);
    expect(xeval(doc, 'count(//tei:note[@target])')).toBe('2');
    expect(xeval(doc, 'count(//tei:p/tei:ref[@type="noteAnchor"])')).toBe('2');
    expect(xeval(doc, 'starts-with(normalize-space(//tei:note[@n="1"]), "A note appeared")')).toBe('true');
    expect(xeval(doc, 'contains(string(//tei:note[@n="1"]), "first part of the proceedings")')).toBe('true');
    expect(codes).not.toContain('note-orphan');
  });
  it('a paragraph of numbered lines under no notes lead stays text', () => {
    const { ed, doc } = run(page('<p>The demands were these:<br />\n1. The eight-hour day.<br />\n2. The right to organise.</p>\n<p>They were carried.</p>'));
    expect(ed.notes).toEqual([]);
    expect(xeval(doc, 'contains(string(//tei:body), "The eight-hour day")')).toBe('true');
  });
});

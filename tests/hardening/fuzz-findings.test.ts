/**
 * Findings of the long fuzz run of session 7 (`npm run fuzz`) and of walking issue 14's list
 * again by hand: one test each, named after what it shows.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { safeTarget } from '../../src/model/sanitize.js';
import { expectValidTei } from '../helpers/tei.js';

const errors = (r: { diagnostics: { code: string; severity: string }[] }) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('no words lost', () => {
  it.each(['<sup>x</sup>', '[1](#a)', '^x^', '[x](#)'])('a paragraph of a lone note anchor (%s) among short paragraphs under the title is kept, not dropped unseen', (anchor) => {
    const r = convert(`# T\n\nfirst para.\n\n${anchor}\n\nlast para.\n`, { file: 'a.md' });
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expectValidTei(r.tei!);
  });
});

describe('the library never throws', () => {
  const html = (body: string) => `<html><head><title>T</title></head><body><h1>T</h1>${body}</body></html>`;
  it('a letter signed under a paragraph with no words (only a note anchor) at the end of a page is no dated signature, and no TypeError', () => {
    const r = convert(html('<p>The text of the letter, long enough to be a text.</p><h2>A heading</h2><p><a href="#a2" name="2"><span class="info">2.</span></a></p><p><em>V. Lenin</em></p>'), { file: 'l.html' });
    expect(errors(r)).toEqual([]);
    expectValidTei(r.tei!);
  });
});

describe('the library never throws (page text)', () => {
  it.each(['the >\n\n\n\n', 'the >'])('a page whose only line reads as a breadcrumb (%j) is title-missing, not a TypeError in the title zone', (text) => {
    const r = convert(text, { file: 'b.txt' });
    expect(errors(r)).toContain('title-missing');
    expect(errors(r)).not.toContain('internal-error');
  });
});

describe('never bad TEI', () => {
  const html = (body: string) => `<html><head><title>T</title></head><body><h1>A Title</h1>${body}</body></html>`;
  it('a letter that is nothing but its frame (opener, empty paragraph, closer) writes its closing lines as the text: no closer without text before it', () => {
    const r = convert(
      html('<p class="placedate">Moscow, December 17, 1918</p><p class="salutation">Dear Comrade,</p><p></p><p class="sig"><em>V. Lenin</em></p><p class="placedate">Moscow, December 17, 1918<br><em>V. Lenin</em></p>'),
      { file: 'frame.html' },
    );
    expect(errors(r)).toEqual([]);
    expectValidTei(r.tei!);
    expect(r.tei).not.toContain('<closer>');
    expect(r.tei).toContain('<p><hi rend="italic">V. Lenin</hi></p>');
  });
});

describe('never bad TEI (letters)', () => {
  const html = (body: string) => `<html><head><title>T</title></head><body><h1>A Title</h1>${body}</body></html>`;
  it('a letter whose only text is an image writes its signature as a paragraph after the figure: no closer after the figure alone', () => {
    const r = convert(html('<p class="placedate">Moscow, December 17, 1918</p><p class="salutation">Dear Comrade,</p><p></p><img src="pic.jpg"><p class="sig"><em>V. Lenin</em></p>'), { file: 'img.html' });
    expect(errors(r)).toEqual([]);
    expectValidTei(r.tei!);
    expect(r.tei).not.toContain('<closer>');
  });
});

describe('no false words-lost on a page printed on one line', () => {
  it('HTML with notes, all on one line (minified): the notes\' labels are taken out where they stand, not at the anchors with the same numbers', () => {
    const r = convert('<html><head><title>T</title></head><body><h1>T</h1><p>a<a href="#n1" name="a1">[1]</a> b<a href="#n2" name="a2">[2]</a></p><hr><h3>Notes</h3><p><a name="n1">1.</a> one</p><p><a name="n2">2.</a> two</p></body></html>', { file: 'min.html' });
    expect(errors(r)).toEqual([]);
    expectValidTei(r.tei!);
  });
});

describe('link targets are URI references', () => {
  it('a relative target with a colon in its first segment (a label glued to a path by a flipped byte) has the colon escaped: it would read as a scheme', () => {
    expect(safeTarget('.\u200dFirstPublished:./../../admin/x.htm')).toEqual({ target: '.%E2%80%8DFirstPublished%3A./../../admin/x.htm', changed: true });
    expect(safeTarget('a:b')).toEqual({ drop: 'the link\'s "a:" target is not a document address' });
    expect(safeTarget('../x:y.htm#n:1')).toEqual({ target: '../x:y.htm#n:1', changed: false });
    const r = convert('# T\n\nSee [the page](.FirstPublished:./x.htm) here.\n', { file: 'c.md' });
    expect(errors(r)).toEqual([]);
    expectValidTei(r.tei!);
  });
});

describe('bounded work', () => {
  it('a file encoded as UTF-16 twice (a NUL in every other character once decoded) is refused as binary, not converted NUL by NUL into emendations', async () => {
    const { decodeInput } = await import('../../src/io/decode.js');
    const page = `<html><head><title>T</title></head><body><h1>T</h1><p>Some text of the page. ${'More words of it. '.repeat(20)}</p></body></html>`;
    const once = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]);
    const twice = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(once.toString('latin1'), 'utf16le')]);
    const d = decodeInput(new Uint8Array(twice));
    expect(d).toMatchObject({ ok: false, code: 'input-binary' });
    // A stray NUL or two in UTF-16 text is still read (and encoded where it stands).
    const stray = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page.replace('Some', 'So\u0000me'), 'utf16le')]);
    expect(decodeInput(new Uint8Array(stray))).toMatchObject({ ok: true });
  });
});

describe('no hostile or meaningless values', () => {
  it('an anchor linked to an id the page lacks ([x](#a), no note) is kept as printed with no target: "a" would be another document\'s address', () => {
    const r = convert('# T\n\nSome text of the page [x](#a) and more.\n', { file: 'o.md' });
    expect(r.diagnostics.map((d) => d.code)).toContain('anchor-orphan');
    expect(r.tei).toContain('<ref type="noteAnchor">x</ref>');
    expectValidTei(r.tei!);
  });
});

describe('never bad TEI (session 8)', () => {
  it('a credit line ("Translated: …") that holds a note anchor and names one person is written verbatim too: the note\'s target is an id the TEI has (was pointer-broken)', () => {
    const r = convert('---\ntitle: |\n  "\n  \nsummary: >-\n  Translated:the \nauthor: "\\""\n---\n\nTranslated:the  [^1]\n\n\n\n[^1]: \n', { file: 't.md' });
    expect(r.diagnostics.filter((d) => d.code === 'pointer-broken')).toEqual([]);
    expect(r.tei).toContain('xml:id="nref1"');
    expectValidTei(r.tei!);
  });
});

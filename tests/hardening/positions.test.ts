/**
 * Findings of session 8's fuzzing with the property "every diagnostic points inside the
 * input" (fuzz/check.ts `outsideText`): places counted over a text node the reader had
 * changed. One test each, named after what it shows, with the shrunk input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideText } from '../../fuzz/check.js';
import { convert } from '../../src/convert.js';
import { loadCorrections } from '../../src/transforms/corrections/load.js';
import { advance, SourceText } from '../../src/model/source-text.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const places = (text: string, code: string) => convert(text, { file: 'f' }).diagnostics.filter((d) => d.code === code).map((d) => [d.line, d.column]);
const outside = (text: string) => convert(text, { file: 'f' }).diagnostics.map((d) => outsideText(d, text)).filter((x) => x !== undefined);

describe('a forbidden character inside HTML text whose white space was collapsed', () => {
  it('a reference &#1; on the line after a line end inside a paragraph is reported on its own line, not past the end of the line before', () => {
    const text = '<p>\n\n\n\nthe \nthe &#1;';
    expect(places(text, 'char-forbidden')).toEqual([[6, 5]]);
    expect(outside(text)).toEqual([]);
  });

  it('raw U+FFFF in paragraphs after a notes block read as HTML: once each, at its own place (not twice, once at a place on another line)', () => {
    const text = 'A Title\n\nNotes\n\n[1] <p>\n\n[2] \n\n\uffff the [1]\n\n\uffff party [2]\n';
    expect(places(text, 'char-forbidden')).toEqual([[9, 1], [11, 1]]);
  });
});

describe('a broken reference or a siglum on the line after a note label', () => {
  it('&8220; on the line after "[1] " is repaired at its own line:col, not after the label on the label\'s line', () => {
    const text = '# the \n\nWritten: 1921\nSource: \n&8220;\n\n [1]\n\nNotes\n\n[1] \n&8220;\n';
    expect(places(text, 'charref-repaired')).toEqual([[5, 1], [12, 1]]);
    expect(outside(text)).toEqual([]);
  });

  it('[Illegible] on the line after a footnote label is encoded at its own line:col', () => {
    const text = '---\ntitle: "\nauthor: "\ndate: 1921-03-08\nsource: "\n---\n\n [^1]\n\n\n\n[^1]: \n[Illegible]\n';
    expect(places(text, 'emendation-applied')).toEqual([[13, 1]]);
  });

  it('in an HTML note, a broken reference after a line end the HTML reader turned into a space is placed on its line', () => {
    const text = '<html><head><title>T</title></head><body>\n<h1>A Title</h1>\n<p><a href="#n1" name="a1"><sup>1</sup></a></p>\n<hr class="end">\n<h3>Notes</h3>\n<p class="endnote"><a name="n1" href="#a1">1.</a> the \n\b&8220;</p>\n</body></html>';
    expect(places(text, 'charref-repaired')).toEqual([[7, 2]]);
    expect(outside(text)).toEqual([]);
  });
});

describe('a word marked [sic] on the line after a line end inside HTML text', () => {
  it('the sic is placed at the word where the source has it, else at its siglum: never past the end of the line before (table cell, endnote)', () => {
    const cell = '<html><head><title>T</title></head><body>\n<h1>A Title </h1>\n<table><tr><td>\nthe [sic]</td></tr></table>\n</body></html>';
    expect(places(cell, 'emendation-applied')).toEqual([[4, 1]]);
    const note = '<html><head><title>T</title></head><body><h1>A Letter</h1>\n<p>the the the<a href="#n1" name="a1"><sup>1</sup></a></p>\n<hr class="end"><h3>Notes</h3>\n<p class="endnote"><a name="n1" href="#a1">[1]</a> \n\' [sic]</p>\n</body></html>';
    expect(outside(note)).toEqual([]);
  });
});

describe('a word marked [sic] after collapsed white space on its line', () => {
  it('is placed at the word itself, found right before its siglum in the source', () => {
    const text = '<html><head><title>T</title></head><body><h1>T</h1>\n<p>the\n   workers  of Central American [sic] and the Caribbean</p>\n</body></html>';
    expect(text.split('\n')[2]!.indexOf('American') + 1).toBe(24);
    expect(places(text, 'emendation-applied')).toEqual([[3, 24]]);
  });
});

describe('an editor\'s note moved into the text by an emendation', () => {
  it('a forbidden character in words "crossed out" across a line end of an HTML note is reported once, inside the input', () => {
    const text = '<html><head><title>T</title></head><body><h1>A Letter</h1>\n<p>the the the<a href="#n1" name="a1"><sup>1</sup></a></p>\n<hr class="end"><h3>Notes</h3>\n<p class="endnote"><a name="n1" href="#a1">[1]</a> \u201c\n# \u000bthe \u201d is crossed out.</p>\n</body></html>';
    // Once, though the words are both in the note and (as del) in the text.
    expect(places(text, 'char-forbidden')).toEqual([[5, 3]]);
    expect(outside(text)).toEqual([]);
  });
});

describe('"N words are illegible" with a number no integer can hold', () => {
  it('800 digits of words are a gap without a quantity, not an invalid model (quantity Infinity)', () => {
    const r = convert(`# A Letter\n\nthe the the<sup>1</sup>\n\n**Notes**\n\n1. ${'1921'.repeat(200)} words are illegible.\n`, { file: 'q.md' });
    expect(r.diagnostics.filter((d) => d.code === 'model-invalid')).toEqual([]);
    expect(r.tei).toBeDefined();
  });
});

describe('parse5 counts a line end after a bare & twice', () => {
  it('in a table cell ("<td>&⏎"): every later place keeps its line (the footer on line 10 of 10, not on line 11)', () => {
    const text = '<html><head><title>T</title><meta name="author" content="V. Lenin"></head><body>\n<h2>V. I. Lenin</h2>\n<h1>A Title </h1>\n<p><a href="#n1" name="a1"><sup>1</sup></a></p>\n<table><tr><td>&\n</td></tr><tr><td>\u000b!</td></tr></table>\n<hr class="end">\n<h3>Notes</h3>\n<p class="endnote"><a name="n1" href="#a1">1.</a> </p>\n<p class="footer"><a href="../index.htm">Lenin Internet Archive</a></p></body></html>';
    expect(places(text, 'furniture-dropped')).toEqual([[10, 1]]);
    expect(places(text, 'char-forbidden')).toEqual([[6, 19]]);
    expect(outside(text)).toEqual([]);
  });

  it('a reference that names no character after such a line is reported at its own & (words-lost too, from the fidelity check\'s own parse)', () => {
    const text = '<html><head><title>T</title></head><body><h1>T</h1>\n<p>a &\nb</p>\n<p>c &#x110000; d</p>\n</body></html>';
    expect(places(text, 'charref-invalid')).toEqual([[4, 6]]);
    expect(outside(text)).toEqual([]);
  });
});

describe('an editor\'s correction in HTML text whose line ends became spaces', () => {
  it('is placed at the word in the source (11:5), not counted over the collapsed paragraph (9:11 on a line of 5)', () => {
    const text = 'V. I. Lenin\n\nA Title\n\n [1]  [2]\n\n<p><img></p>\n\nNotes\n\n[1] the \n\n[2] \n';
    const { corrections } = loadCorrections(JSON.stringify({ editors: [{ id: 'ed-a', name: 'Jane Doe' }], files: { 'f.txt': [{ find: 'the', replace: 'thee', editor: 'ed-a', in: 'any', count: 1 }] } }), 'c.json');
    const r = convert(text, { file: 'f.txt', corrections: corrections! });
    const applied = r.diagnostics.filter((d) => d.code === 'emendation-applied');
    expect(applied.map((d) => [d.line, d.column])).toEqual([[11, 5]]);
    expect(r.diagnostics.map((d) => outsideText(d, text)).filter((x) => x !== undefined)).toEqual([]);
  });
});

describe('&#10; in a markdown note', () => {
  it('is white space for the fidelity check, not a line end that moves every later word a line down (words-lost on line 13 of 12)', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'tests/property/fixtures/emend-mia-markdown-14.0_utf8-20263028.bin'), 'utf8');
    expect(text).toContain('&#10;');
    const r = convert(text, { file: 'f.md' });
    expect(r.diagnostics.filter((d) => d.code === 'words-lost')).toEqual([]);
    expect(outside(text)).toEqual([]);
  });
});

describe('SourceText and advance', () => {
  it('advance moves to the next line past a line end; posOf and offsetOf are inverse inside the text', () => {
    expect(advance({ line: 3, column: 5 }, 'ab', 2)).toEqual({ line: 3, column: 7 });
    expect(advance({ line: 3, column: 5 }, ' \n\nxy', 3)).toEqual({ line: 5, column: 1 });
    expect(advance({ line: 3, column: 5 }, 'a\nbc', 4)).toEqual({ line: 4, column: 3 });
    const s = new SourceText('ab\n\ncd\n');
    for (let i = 0; i <= 7; i++) expect(s.offsetOf(s.posOf(i))).toBe(i);
    expect(s.offsetOf({ line: 1, column: 4 })).toBeUndefined();
    expect(s.offsetOf({ line: 4, column: 1 })).toBe(7);
    expect(s.offsetOf({ line: 5, column: 1 })).toBeUndefined();
  });
});

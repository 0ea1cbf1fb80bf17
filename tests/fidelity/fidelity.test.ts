import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkFidelity, diffWords, removeDropped, sourceWords, stripMarkdown, teiWords } from '../../src/validate/fidelity.js';

const tei = (body: string, header = '<title>T</title>') =>
  `<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>${header}</teiHeader><text><body>${body}</body></text></TEI>`;

function check(source: string, teiText: string, markup: 'text' | 'markdown' | 'html' = 'text', dropped: { text: string; line: number }[] = []) {
  const d = new Diagnostics('src.txt');
  const result = checkFidelity(source, markup, dropped.map((x) => ({ text: x.text, pos: { line: x.line, column: 1 } })), teiText, d);
  return { ...result, diagnostics: d.items };
}

describe('diffWords', () => {
  it('pairs equal sequences with no edits but "same"', () => {
    expect(diffWords(['a', 'b', 'c'], ['a', 'b', 'c'])!.every((e) => e.op === 'same')).toBe(true);
  });
  it('finds a lost, an added and a moved word', () => {
    const ops = diffWords(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'x'])!.map((e) => e.op);
    expect(ops).toEqual(['same', 'lost', 'same', 'same', 'added']);
  });
  it('gives up beyond the difference limit instead of using quadratic memory', () => {
    expect(diffWords(['a', 'b', 'c'], ['x', 'y', 'z'], 2)).toBeUndefined();
  });
});

describe('fidelity check', () => {
  it('accepts a TEI whose text has every word of the source, metadata words in the header', () => {
    const r = check('Source: Works, Vol. 2\n\nThe dead point is past.', tei('<p>The dead point is past.</p>', '<bibl>Works, Vol. 2</bibl>'), 'text', [{ text: 'Source', line: 1 }]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reports a lost word with the line where it stands in the source', () => {
    const r = check('First line.\n\nThe dead point is past.', tei('<p>First line.</p><p>The point is past.</p>'));
    expect(r.lost).toBe(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'words-lost', line: 3 });
    expect(r.diagnostics[0]!.message).toContain('dead');
  });

  it('reports the column where the first lost word stands (file:line:column)', () => {
    const r = check('First line.\n\nThe dead point is past.', tei('<p>First line.</p><p>The point is past.</p>'));
    expect(r.diagnostics[0]).toMatchObject({ code: 'words-lost', line: 3, column: 5 });
    // The same word earlier on its line is not taken for it.
    const twice = check('dead or alive, the dead point', tei('<p>dead or alive, the point</p>'));
    expect(twice.diagnostics[0]).toMatchObject({ line: 1, column: 20 });
  });

  it('reports added words right after the source word they follow', () => {
    const r = check('One.\nThe point is past.', tei('<p>One.</p><p>The point is long past.</p>'));
    expect(r.diagnostics[0]).toMatchObject({ code: 'words-lost', line: 2, column: 13 });
  });

  it('reports a lost word in HTML at its column, a text node starting mid-line counted from its tag', () => {
    const r = check('<html><body>\n<p>Kept <b>bold</b> and lost words.</p>\n</body></html>', tei('<p>Kept <hi>bold</hi> and words.</p>'), 'html');
    expect(r.diagnostics[0]).toMatchObject({ code: 'words-lost', line: 2, column: 25 });
  });

  it('gives the line alone when a character reference before the word makes the column uncertain', () => {
    const r = check('<html><body>\n<p>caf&eacute; &amp; lost words.</p>\n</body></html>', tei('<p>café &amp; words.</p>'), 'html');
    expect(r.diagnostics[0]).toMatchObject({ code: 'words-lost', line: 2 });
    expect(r.diagnostics[0]!.column).toBeUndefined();
  });

  it('reports a word the TEI has that the source does not', () => {
    const r = check('The point is past.', tei('<p>The point is long past.</p>'));
    expect(r.added).toBe(1);
    expect(r.diagnostics[0]!.message).toContain('long');
  });

  it('does not count a correction or the added reading of a subst, but counts the original', () => {
    const r = check(
      'an arena for agitation by the Mensheviks to whitch Lenin',
      tei('<p>an arena for <subst><del>agitation</del><add place="above">organisation</add></subst> by the Mensheviks to <choice><sic>whitch</sic><corr>which</corr></choice> Lenin</p>'),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('does not count words the converter copied from a note into a del/add (resp="#teiwright"), but counts the note\'s own', () => {
    const source = 'the non-Party masses[1] and workers.\n\nLenin crossed out “and peasants” in the manuscript.';
    const copied = tei('<p>the non-Party masses<del resp="#teiwright">and peasants</del><ref>[1]</ref> and workers.</p><note>Lenin crossed out “and peasants” in the manuscript.</note>');
    expect(check(source, copied).diagnostics).toEqual([]);
    // The same words without the converter's resp are words added to the text.
    const added = check(source, copied.replace(' resp="#teiwright"', ''));
    expect(added.added).toBe(2);
    expect(added.diagnostics[0]!.message).toContain('«and peasants»');
  });

  it('still counts the transcription\'s words that a converter-made del wraps, and a word lost beside it', () => {
    expect(check('the masses and peasants must', tei('<p>the masses <del resp="#teiwright">and peasants</del> must</p>')).diagnostics).toEqual([]);
    const r = check('the masses and peasants must', tei('<p>the <del resp="#teiwright">and peasants</del> must</p>'));
    expect(r.lost).toBe(1);
    expect(r.diagnostics[0]!.message).toContain('«masses»');
  });

  it('leaves out the page furniture the reader reported as dropped', () => {
    const r = check('Text here.\n\n< backward   forward >\nWorks Index', tei('<p>Text here.</p>'), 'text', [
      { text: '< backward   forward >', line: 3 },
      { text: 'Works Index', line: 4 },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reports furniture dropped without a report as lost', () => {
    const r = check('Text here.\n\nWorks Index', tei('<p>Text here.</p>'));
    expect(r.lost).toBe(2);
  });

  it('reads markdown without its syntax: link targets, tags, attributes, front matter keys', () => {
    const words = sourceWords('---\ntitle: For the Party\n---\n# For the Party <sup>1</sup>\n\n[Source:]{.info} [*Works*](../works.htm)', 'markdown').map((w) => w.w);
    expect(words).toEqual(['For', 'the', 'Party', 'For', 'the', 'Party', '1', 'Source', 'Works']);
    expect(stripMarkdown('a\n<b>x</b>\nc').split('\n')).toHaveLength(3);
  });

  it('reads HTML text only, with line numbers', () => {
    const words = sourceWords('<html><head><title>Skip</title></head><body>\n<p>One <em>two</em></p>\n<p>three</p></body></html>', 'html');
    expect(words.map((w) => `${w.w}@${w.line}`)).toEqual(['One@2', 'two@2', 'three@3']);
  });

  it('takes a word to be a run of letters, digits and marks in NFC, whatever the script or plane', () => {
    // Decomposed é composes under NFC; 𝐀 (outside the BMP) is a letter; a lone surrogate,
    // ½ (a number), the apostrophe and the dash split or join as the Unicode classes say.
    const text = 'Cafe\u0301 \u{1D400}x a\ud800b ½ don’t — naïve 二十 ٣';
    const expected = [...text.normalize('NFC').matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => m[0]);
    expect(sourceWords(text, 'text').map((w) => w.w)).toEqual(expected);
    expect(expected).toContain('Café');
    expect(teiWords(tei(`<p>${text}</p>`)).text).toEqual(expected);
  });

  it('keeps the words of a tag-like text that is no markup, and skips comments and instructions', () => {
    const w = teiWords(tei('<p>a <!-- hidden --> b <?pi hidden?> c</p><p>d</p>'));
    expect(w.text).toEqual(['a', 'b', 'c', 'd']);
    expect(teiWords('<TEI><text><p title="x>y">one</p></text></TEI>').text).toEqual(['one']);
  });

  it('scans TEI text in order and the header as a bag, decoding entities', () => {
    const w = teiWords(tei('<p>Fish &amp; chips</p>', '<title>Menu</title>'));
    expect(w.text).toEqual(['Fish', 'chips']);
    expect([...w.header.keys()]).toEqual(['Menu']);
  });

  it('removes a dropped piece only once, at or after its line', () => {
    const src = sourceWords('Index\nText\nIndex', 'text');
    expect(removeDropped(src, [{ text: 'Index', pos: { line: 3, column: 1 } }]).map((w) => w.line)).toEqual([1, 2]);
  });
});

describe('fidelity check: markdown syntax of converted pages', () => {
  it('removes pandoc attributes wrapped over lines, in a block quote too, and keeps the words around them', () => {
    const src = `[We]{onmouseover="window.status=' 19 . 029 . v19pp77 '"\nonmouseout="window.status=''"} know that\n\n> ![A\n> B](x.jpg){align="left"\n> border="1" hspace="10"}\n> text`;
    expect(sourceWords(src, 'markdown').map((w) => `${w.w}@${w.line}`)).toEqual(['We@1', 'know@2', 'that@2', 'A@4', 'B@5', 'text@7']);
  });

  it('keeps braces that are not attributes: words in them are text', () => {
    expect(sourceWords('a {set of} things {x = y} {#id}', 'markdown').map((w) => w.w)).toEqual(['a', 'set', 'of', 'things', 'x', 'y']);
  });

  it('counts the words of dropped markdown furniture without its link targets', () => {
    const r = check('Text here.\n\n[Nikolai Bukharin Archive](../../index.htm)', tei('<p>Text here.</p>'), 'markdown', [
      { text: '[Nikolai Bukharin Archive](../../index.htm)', line: 3 },
    ]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('fidelity check: metadata and labels of markdown pages', () => {
  it('finds a metadata word in the header whatever its capitals (a front-matter author "karl marx")', () => {
    const r = check('---\nauthor: karl marx\n---\nText here.', tei('<p>Text here.</p>', '<author>Karl Marx</author>'), 'markdown');
    expect(r.diagnostics).toEqual([]);
  });

  it('still compares the words of the text with their capitals', () => {
    const r = check('Text here.', tei('<p>text here.</p>'), 'markdown');
    expect(r.lost).toBe(1);
  });

  it('takes a markdown label out only where it was reported, not a later word of the text', () => {
    // The front-matter key "works" is syntax (blanked); its label must not take "works" from line 4.
    const r = check('---\nworks: Selected\n---\nThese works matter.', tei('<p>These works matter.</p>', '<note>works: Selected</note>'), 'markdown', [{ text: 'works', line: 2 }]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('fidelity check: page markers', () => {
  it('reads a |p. 21| page marker as markup (the TEI has it as <pb n="21"/>), and keeps other bars', () => {
    expect(sourceWords('the |p. 21| division of labour | p. 3 |', 'markdown').map((w) => w.w)).toEqual(['the', 'division', 'of', 'labour', 'p', '3']);
  });
});

describe('fidelity check: a word printed across inline markup', () => {
  it('takes "<font>T</font>o" in the source and "To" in the TEI as one word', () => {
    const r = check('<p><font size="+2">T</font>o what degree</p>', tei('<p>To what degree</p>', '<title>Degrees</title>'), 'html');
    expect(r.diagnostics).toEqual([]);
  });

  it('takes a marker glued to its word ("Entente<font>¹</font>") as the one word the TEI prints', () => {
    const r = check('<p>the Quadruple Entente<font face="Arial">¹</font>, Allied rhetoric</p>', tei('<p>the Quadruple Entente¹, Allied rhetoric</p>'), 'html');
    expect(r.diagnostics).toEqual([]);
  });

  it('still reports two words joined across a block boundary', () => {
    const r = check('<p>T</p><p>o what degree</p>', tei('<p>To what degree</p>', '<title>Degrees</title>'), 'html');
    expect(r.lost).toBe(2);
    expect(r.added).toBe(1);
  });

  it('still reports two words joined across white space', () => {
    const r = check('<p><b>T</b> o what degree</p>', tei('<p>To what degree</p>', '<title>Degrees</title>'), 'html');
    expect(r.lost).toBe(2);
  });

  it('still reports a joined word whose letters differ', () => {
    const r = check('<p><font size="+2">T</font>o what degree</p>', tei('<p>Tu what degree</p>', '<title>Degrees</title>'), 'html');
    expect(r.lost).toBe(2);
  });
});

describe('fidelity check: words found again after dropped furniture (words keep no chunk of their own)', () => {
  it('quotes the lost word and its column from the right text node when whole text nodes before it were dropped', () => {
    // Three text nodes on one line; the first two are dropped furniture: the lost word's text
    // and column are read from the third node, found from where each node's words begin.
    const source = '<html><body>\n<p>Back to index</p><p>Works</p><p>alpha beta gamma</p>\n</body></html>';
    const r = check(source, tei('<p>alpha gamma</p>'), 'html', [{ text: 'Back to index', line: 2 }, { text: 'Works', line: 2 }]);
    expect(r.lost).toBe(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'words-lost', line: 2, column: source.split('\n')[1]!.indexOf('beta') + 1 });
    expect(r.diagnostics[0]!.message).toContain('«beta»');
  });

  it('quotes a lost word standing after a dropped word inside the same text node', () => {
    const source = '<html><body>\n<p>Index alpha beta</p><p>gamma delta</p>\n</body></html>';
    const r = check(source, tei('<p>alpha beta</p><p>delta</p>'), 'html', [{ text: 'Index', line: 2 }]);
    expect(r.diagnostics[0]!.message).toContain('«gamma»');
    expect(r.diagnostics[0]).toMatchObject({ line: 2, column: source.split('\n')[1]!.indexOf('gamma') + 1 });
  });
});

describe('fidelity check: a long text with many character references (decoded in pieces)', () => {
  it('reads the same words from a paragraph of 200,000 escaped ampersands as from a short one', () => {
    const unit = 'AT&amp;T word ';
    const many = unit.repeat(20_000);
    const words = teiWords(tei(`<p>${many}</p>`)).text;
    expect(words.length).toBe(60_000);
    expect(words.slice(0, 3)).toEqual(['AT', 'T', 'word']);
    expect(words.slice(-3)).toEqual(['AT', 'T', 'word']);
    const r = check(`${'AT&T word '.repeat(20_000)}lost`, tei(`<p>${many}</p>`));
    expect(r.lost).toBe(1);
    expect(r.diagnostics[0]!.message).toContain('«lost»');
    });
  });

describe('source lines of words after a decomposed accent (NFC shortens the text)', () => {
  const text = 'Ecrit au cafe\u0301 du coin.\n\n\n\nLast updated on: 6.14.2009\n\nCastoriadis Archive | MIA\n';

  it('each word has the line it stands on, however many characters NFC composed before it', () => {
    const words = sourceWords(text, 'text');
    expect(words.filter((w) => ['Last', 'Castoriadis', 'MIA'].includes(w.w)).map((w) => w.line)).toEqual([5, 7, 7]);
    // The raw text's lines, for the record: the accent is two code units there.
    expect(text.split('\n').findIndex((l) => l.startsWith('Last')) + 1).toBe(5);
  });

  it('furniture dropped at its line is taken out of the source: no word reported lost', () => {
    const dropped = [
      { text: 'Last updated on: 6.14.2009', pos: { line: 5, column: 1 } },
      { text: 'Castoriadis Archive | MIA', pos: { line: 7, column: 1 } },
    ];
    expect(removeDropped(sourceWords(text, 'text'), dropped).map((w) => w.w)).toEqual(['Ecrit', 'au', 'café', 'du', 'coin']);
  });

  it('without the decomposed accent the lines were already right (the same words, the same lines)', () => {
    const plain = text.replace('cafe\u0301', 'cafe');
    expect(sourceWords(plain, 'text').filter((w) => w.w === 'Last').map((w) => w.line)).toEqual([5]);
  });
});

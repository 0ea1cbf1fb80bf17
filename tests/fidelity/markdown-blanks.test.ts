/**
 * The markdown source's words read with its tags and link targets blanked in the scanner's
 * copy of the code units (`markdownPlain`), instead of in two copies of the whole text: the
 * same words, lines, columns and diagnostics as the session-7 check, which made the copies
 * with one regular expression after another — on texts made of what decides whether the
 * shortcut holds (tags holding `(`, `)` or `]`, tags over two lines, links inside and around
 * tags, pandoc attributes, page markers, references, comments, marks NFC composes).
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkFidelity, markdownPlain, sourceWords, stripMarkdown } from '../../src/validate/fidelity.js';
import { checkFidelity as oracleCheck, sourceWords as oracleWords, stripMarkdown as oracleStrip } from './oracle/fidelity-v7.js';
import { prng } from '../helpers/prng.js';

const WORDS = ['the', 'Party', 'workers', '1921', 'café', 'cafe\u0301', 'Москва', 'x2', 'a', 'Lenin'];
const PIECES = [
  '<sup>1</sup>', '<b>', '</b>', '<a href="x(1)">', '<a href="y]">', '</a>', '<span\nclass="z">', '<i title="a)b">', '<br/>', '< b', '<3',
  '[Index](#)', '[Volume 2](../v2/index.htm)', '](', ')', '(', ']', '[', '](a(b)c)', '](<b>x</b>)', '](a\nb)',
  '{#id .cls}', '{', '|p. 21|', '|P. xii|', '|p.<br>21|', '|', '&amp;', '&#8217;', '<!-- a (comment) -->', '`code &amp;`', '\n', '\n\n', ' ', ' ', ', ',
];

/** The pieces after which stripping is more than blanking tags and links (so the text is copied as before). */
const PLAIN_PIECES = PIECES.filter((p) => !/[{&]|\|p/i.test(p));

function page(rand: () => number, pieces: readonly string[]): string {
  const out: string[] = [];
  const n = 10 + Math.floor(rand() * 60);
  for (let i = 0; i < n; i++) {
    out.push(rand() < 0.55 ? WORDS[Math.floor(rand() * WORDS.length)]! : pieces[Math.floor(rand() * pieces.length)]!);
    if (rand() < 0.6) out.push(' ');
  }
  return out.join('');
}

const tei = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc><titleStmt><title>t</title></titleStmt></fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p>${body}</p>\n    </body>\n  </text>\n</TEI>\n`;

describe('markdown source words with blanked ranges', () => {
  it('gives the words, lines and diagnostics of the session-7 check on 2,000 generated pages', () => {
    let blankedCases = 0;
    for (let n = 0; n < 2000; n++) {
      const rand = prng(n + 7);
      const text = page(rand, n % 2 === 0 ? PIECES : PLAIN_PIECES);
      expect(stripMarkdown(text), `case ${n}`).toBe(oracleStrip(text));
      expect(sourceWords(text, 'markdown'), `case ${n}`).toEqual(oracleWords(text, 'markdown'));
      if (typeof markdownPlain(text) !== 'string') blankedCases++;
      // A TEI that lost every third word: the lost words' reports carry the source columns.
      const kept = oracleWords(text, 'markdown').filter((_, i) => i % 3 !== 1).map((w) => w.w.replace(/&/g, '&amp;'));
      const d1 = new Diagnostics('doc.md');
      const d2 = new Diagnostics('doc.md');
      expect(checkFidelity(text, 'markdown', [], tei(kept.join(' ')), d1), `case ${n}`).toEqual(oracleCheck(text, 'markdown', [], tei(kept.join(' ')), d2));
      expect(JSON.stringify(d1.items), `case ${n}`).toBe(JSON.stringify(d2.items));
    }
    // The shortcut was taken in many of them (and not in the others).
    expect(blankedCases).toBeGreaterThan(200);
    expect(blankedCases).toBeLessThan(1800);
  });

  it('makes no copy of a page whose tags and links are all it strips', () => {
    const text = 'For the Party <sup>1</sup>\n\nThe crisis <sup>2</sup> is past.\n\n[Collected Works Index](#) | [Volume 2 Index](#)\n';
    const plain = markdownPlain(text);
    expect(typeof plain).toBe('object');
    if (typeof plain === 'string') return;
    // The text itself, not a copy, with the tags' and the link targets' ranges to blank.
    expect(plain.text).toBe(text);
    expect(plain.blanks.length).toBe(2 * 6);
    expect(sourceWords(text, 'markdown').map((w) => w.w)).toEqual(['For', 'the', 'Party', '1', 'The', 'crisis', '2', 'is', 'past', 'Collected', 'Works', 'Index', 'Volume', '2', 'Index']);
  });

  it('blanks the text first where a tag holds what the link pattern reads', () => {
    // `](<a href="x)">` : the `)` in the tag would end the link target in the unblanked text.
    const text = 'see [here](<a href="x)">y</a>) now';
    expect(stripMarkdown(text)).toBe(oracleStrip(text));
    expect(sourceWords(text, 'markdown')).toEqual(oracleWords(text, 'markdown'));
  });
});

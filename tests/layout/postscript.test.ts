/**
 * A letter's postscript (issue 9): "P.S. …" after the signature becomes TEI `postscript`
 * after the closer, in every input style (HTML, page text, markdown). The rule table of its
 * openings (layout/letter.ts POSTSCRIPT) is tested row by row, both ways.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { DEFAULT_CONVENTIONS } from '../../src/export/conventions.js';
import { renderEdition } from '../../src/export/render.js';
import { POSTSCRIPT, mayOpenPostscript, postscriptOpening } from '../../src/layout/letter.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { writeTei } from '../../src/tei/index.js';
import { loadTei } from '../../src/tei-load/index.js';
import { VERSION } from '../../src/version.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';

const EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'P.S.': {
    yes: ['P.S. Marx sends his regards.', 'P. S. — Write soon.', 'P.P.S. One more thing.', 'PS: the parcel has come.', 'P.S.'],
    no: ['P. Struve wrote to me.', 'PSYCHOLOGY', 'Ps. 23 is a psalm.', 'p.s. in lower case, inside a sentence', 'PSD members met.'],
  },
  postscript: {
    yes: ['Postscript', 'Postscript. The elections are over.', 'Post-scriptum: I forgot.', 'Nachschrift', 'POSTSCRIPT'],
    no: ['Postscripts are common in his letters.', 'A postscript follows.', 'Post office closed.'],
  },
};

describe('POSTSCRIPT rule table: every row, wordings it takes and wordings it leaves', () => {
  for (const row of POSTSCRIPT) {
    it(`${row.name}`, () => {
      const ex = EXAMPLES[row.name];
      expect(ex, `examples for row ${row.name}`).toBeDefined();
      for (const line of ex!.yes) expect(postscriptOpening(line)?.name, line).toBe(row.name);
      for (const line of ex!.no) expect(postscriptOpening(line), line).toBeUndefined();
    });
  }
});

const LETTER = {
  html: (ps: string) =>
    `<html><head><title>Engels to Bebel</title></head><body>\n<h1>Engels to Bebel</h1>\n<p class="placedate">London, March 18, 1875</p>\n<p>Dear Bebel,</p>\n<p>I have received your letter of February 23 and am glad you are well.</p>\n<p>Yours,</p>\n<p class="sig">F. Engels</p>\n<p>${ps}</p>\n<p>The second paragraph of the postscript.</p>\n</body></html>\n`,
  'page text': (ps: string) =>
    `Engels to Bebel\n\nLondon, March 18, 1875\n\nDear Bebel,\n\nI have received your letter of February 23 and am glad you are well.\n\nYours,\n\nF. Engels\n\n${ps}\n\nThe second paragraph of the postscript.\n`,
  markdown: (ps: string) =>
    `---\ntitle: Engels to Bebel\nauthor: Frederick Engels\n---\n\nDear Bebel,\n\nI have received your letter of February 23 and am glad you are well.\n\nYours,\n\n**F. Engels**\n\n${ps}\n\nThe second paragraph of the postscript.\n`,
} as const;

function converted(text: string) {
  const r = convert(text, { file: 'letter' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { tei: r.tei!, doc: parseTei(r.tei!), ed: r.model as Edition };
}

describe('a postscript after the signature, in every input style', () => {
  for (const [style, make] of Object.entries(LETTER)) {
    it(`${style}: "P.S." after the closer is the letter's postscript, both its paragraphs, in source order`, () => {
      const { doc, tei } = converted(make('P.S. Marx sends his regards.'));
      expect(xtext(doc, '//tei:body/tei:div/tei:closer/tei:signed')).toContain('F. Engels');
      expect(xeval(doc, 'count(//tei:body/tei:div/tei:postscript[preceding-sibling::tei:closer]/tei:p)')).toBe('2');
      expect(xtext(doc, '//tei:postscript/tei:p[1]')).toBe('P.S. Marx sends his regards.');
      expect(xeval(doc, 'count(//tei:div/tei:p[contains(., "P.S.")])')).toBe('0');
      const loaded = loadTei(tei, { file: 'letter.xml' }).edition!;
      expect(writeTei(loaded, { version: VERSION })).toBe(tei);
      // Exports (made from the TEI) keep the postscript after the signature.
      const texts = renderEdition(loaded, DEFAULT_CONVENTIONS).paragraphs.map((x) => x.text);
      expect(texts.indexOf('P.S. Marx sends his regards.')).toBeGreaterThan(texts.findIndex((x) => x.includes('F. Engels')));
    });

    it(`${style}: a paragraph that does not open as a postscript stays text, and there is no postscript (negative)`, () => {
      const { doc } = converted(make('Psychology is not his subject.'));
      expect(xeval(doc, 'count(//tei:postscript)')).toBe('0');
      expect(xeval(doc, 'count(//tei:div/tei:p[contains(., "Psychology")])')).toBe('1');
    });
  }

  it('"P.S." in a text without a signature stays a paragraph of the text (negative)', () => {
    const html = '<html><head><title>On the Strike</title></head><body>\n<h1>On the Strike</h1>\n<p>The workers are on strike again.</p>\n<p>P.S. This article was written in haste.</p>\n</body></html>\n';
    const { doc } = converted(html);
    expect(xeval(doc, 'count(//tei:postscript)')).toBe('0');
    expect(xeval(doc, 'count(//tei:div/tei:p[contains(., "P.S.")])')).toBe('1');
  });
});

describe('mayOpenPostscript: the quick test before a part\'s words are built never rules out a postscript', () => {
  const pos = { line: 1, column: 1 };
  const text = (t: string): Inline => ({ kind: 'text', text: t, pos });
  const runs = (line: string): Inline[][] => [
    [text(line)],
    [text(`  \u00a0\t${line}`)],
    // More white space than the opening it looks at: the first character is further on.
    [text(' '.repeat(40)), text(line)],
    [{ kind: 'hi', rend: 'italic', children: [text(line)], pos }],
    [text(''), { kind: 'hi', rend: 'bold', children: [text(' '), text(line)], pos }],
  ];
  it('every opening the POSTSCRIPT rows take passes it, however the inlines are cut', () => {
    for (const ex of Object.values(EXAMPLES)) {
      for (const line of ex.yes) for (const run of runs(line)) expect(mayOpenPostscript(run), JSON.stringify(run)).toBe(true);
    }
  });
  it('a part that opens with another letter is ruled out, and so is a part that a POSTSCRIPT row leaves', () => {
    for (const line of ['Dear Comrade,', 'Yours, K. M.', '1 May 1875', '“P.S.” was his word', '—P.S.']) {
      // (Not the run opening with more white space than it looks at: that one is asked in full.)
      for (const run of runs(line).filter((_, k) => k !== 2)) {
        expect(mayOpenPostscript(run), JSON.stringify(run)).toBe(false);
        expect(postscriptOpening(line)).toBeUndefined();
      }
    }
  });
});

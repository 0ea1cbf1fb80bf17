/**
 * Raw characters XML forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates typed into the
 * text, not written as references) stay visible in the edition where they stood:
 * `choice/sic(gap reason="forbidden-character" + desc U+XXXX)/corr(U+FFFD)`, each with a
 * warning at its own line:col. Property tests (fast-check, fixed seed) over generated
 * paragraphs with such characters put at random places.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { decodeInput } from '../../src/io/decode.js';
import { expectValidTei, parseTei, xpath } from '../helpers/tei.js';

const SEED = 20261130;
const FORBIDDEN = ['\u0001', '\u0007', '\u000b', '\u000c', '\u001b', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff'];
const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

const word = fc.stringMatching(/^[a-z]{1,8}$/);
/** A word with a forbidden character inside it (between two letters), or a plain word. */
const piece = fc.oneof(
  { weight: 3, arbitrary: word },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom(...FORBIDDEN), word).map(([a, c, b]) => `${a}${c}${b}`) },
);
const paragraph = fc.array(piece, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
/** A markdown page: a title, then paragraphs, some lines broken inside a paragraph. */
const page = fc.array(fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')), { minLength: 1, maxLength: 5 }).map((ps) => `# Title\n\n${ps.join('\n\n')}\n`);

/** Each forbidden character of `text` with its 1-based line:column (UTF-16 columns). */
function places(text: string): { cp: string; line: number; column: number }[] {
  const out: { cp: string; line: number; column: number }[] = [];
  let line = 1;
  let column = 1;
  for (const ch of text) {
    if (FORBIDDEN.includes(ch)) out.push({ cp: codePoint(ch), line, column });
    if (ch === '\n') {
      line++;
      column = 1;
    } else column += ch.length;
  }
  return out;
}

describe('raw forbidden characters are kept where they stood', () => {
  it('each is a choice/sic(gap + desc U+XXXX)/corr(U+FFFD) in document order, with a warning at its own line:col', () => {
    fc.assert(
      fc.property(page, (text) => {
        const expected = places(text);
        const r = convert(text, { file: 'p.md' });
        expect(r.tei).toBeDefined();
        const warned = r.diagnostics.filter((d) => d.code === 'char-forbidden').map((d) => ({ cp: d.message.slice(0, 6), line: d.line, column: d.column, severity: d.severity }))
          // Reported as the model is walked: compared by place.
          .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
        expect(warned).toEqual(expected.map((p) => ({ ...p, severity: 'warning' })));
        const doc = parseTei(r.tei!);
        try {
          expect(xpath(doc, '//tei:body//tei:choice/tei:sic/tei:gap[@reason="forbidden-character"]/tei:desc').map((n) => n.content)).toEqual(expected.map((p) => p.cp));
          expect(xpath(doc, '//tei:body//tei:choice[tei:sic/tei:gap]/tei:corr').every((n) => n.content === '\ufffd')).toBe(true);
        } finally {
          doc.dispose();
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('a page with a few of them converts to valid TEI (not refused as binary when read from bytes)', () => {
    const text = `# Title\n\n${'Some words of the text. '.repeat(10)}a form\u000cfeed and an\u001bescape.\n`;
    const decoded = decodeInput(new TextEncoder().encode(text));
    expect(decoded.ok).toBe(true);
    const r = convert(decoded.ok ? decoded.text : '', { file: 'p.md' });
    expect(r.ok).toBe(true);
    expectValidTei(r.tei!);
    expect(r.diagnostics.filter((d) => d.code === 'char-forbidden').map((d) => [d.line, d.column])).toEqual([[3, 247], [3, 259]]);
  });
});

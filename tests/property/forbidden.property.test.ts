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

/** A numeric reference HTML reads as U+FFFD: beyond U+10FFFF, a surrogate, or NUL; decimal or hex. */
const noCharacterRef = fc
  .oneof(fc.integer({ min: 0x110000, max: 0x7fffffff }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.constant(0))
  .chain((n) => fc.constantFrom(`&#${n};`, `&#x${n.toString(16)};`, `&#X${n.toString(16).toUpperCase()};`));
const htmlPiece = fc.oneof({ weight: 3, arbitrary: word }, { weight: 1, arbitrary: noCharacterRef });
const htmlPage = fc
  .array(fc.array(htmlPiece, { minLength: 1, maxLength: 10 }).map((ws) => `<p>${ws.join(' ')}</p>`), { minLength: 1, maxLength: 4 })
  .map((ps) => `<html><head><title>T</title></head><body><h1>T</h1>\n${ps.join('\n')}\n</body></html>\n`);

describe('HTML numeric references that name no character', () => {
  it('each is a charref-invalid warning at the line:col of its & naming the reference (parse5 would make U+FFFD silently)', () => {
    fc.assert(
      fc.property(htmlPage, (text) => {
        const expected: { ref: string; line: number; column: number }[] = [];
        text.split('\n').forEach((l, i) => {
          for (const m of l.matchAll(/&#[xX]?[0-9a-fA-F]+;/g)) expected.push({ ref: m[0], line: i + 1, column: m.index + 1 });
        });
        const r = convert(text, { file: 'p.html' });
        expect(r.tei).toBeDefined();
        const warned = r.diagnostics.filter((d) => d.code === 'charref-invalid').map((d) => ({ ref: d.message.slice(0, d.message.indexOf(' ')), line: d.line, column: d.column }));
        expect(warned).toEqual(expected);
        expect(r.diagnostics.filter((d) => d.code === 'charref-invalid').every((d) => d.severity === 'warning')).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});


describe('a flood of raw forbidden characters', () => {
  it('is converted, not refused by --max-elements: the first ones as choice/sic(gap)/corr, the rest as U+FFFD after one warning', () => {
    const text = `# Title\n\n${'word\ufffe '.repeat(200)}\n`;
    const r = convert(text, { file: 'flood.md', limits: { elements: 300 } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    try {
      const kept = xpath(doc, '//tei:body//tei:choice/tei:sic/tei:gap[@reason="forbidden-character"]').length;
      expect(kept).toBeGreaterThan(50);
      expect(kept).toBeLessThan(100);
      expect((r.tei!.match(/\ufffd/g) ?? []).length).toBe(200);
    } finally {
      doc.dispose();
    }
    expect(r.diagnostics.filter((d) => d.code === 'char-forbidden' && d.message.startsWith('too many'))).toHaveLength(1);
  });
});

describe('a flood of HTML references that name no character', () => {
  it('lists the first 100 at their place and counts the rest in one warning', () => {
    const r = convert(`<html><head><title>T</title></head><body><h1>T</h1><p>${'w &#x110000; '.repeat(150)}</p></body></html>`, { file: 'f.html' });
    const ds = r.diagnostics.filter((d) => d.code === 'charref-invalid');
    expect(ds.filter((d) => d.line !== undefined)).toHaveLength(100);
    expect(ds.filter((d) => d.line === undefined).map((d) => d.message)).toEqual(['50 more numeric references that name no character were read as U+FFFD']);
  });
});

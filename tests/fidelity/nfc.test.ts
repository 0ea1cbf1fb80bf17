/**
 * The fidelity check normalises text to NFC only when it holds a character NFC could change:
 * the code units it skips (below U+0300, and NFC_INERT) must be ones NFC never touches,
 * alone or beside any other character.
 */
import { describe, expect, it } from 'vitest';
import { NFC_INERT, nfc } from '../../src/validate/fidelity.js';

/** Every code point that is part of another's canonical decomposition. */
function inDecompositions(): Set<number> {
  const parts = new Set<number>();
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const d = s.normalize('NFD');
    if (d !== s) for (const ch of d) parts.add(ch.codePointAt(0)!);
  }
  return parts;
}

const inert = Array.from({ length: NFC_INERT.to - NFC_INERT.from + 1 }, (_, i) => String.fromCharCode(NFC_INERT.from + i));

describe('NFC in the fidelity check', () => {
  it('skips only characters that NFC leaves alone and never joins to a neighbour', () => {
    const parts = inDecompositions();
    expect(parts.size).toBeGreaterThan(1000);
    for (const c of inert) {
      const cp = c.charCodeAt(0);
      // No decomposition, no combining mark, part of no other character's decomposition
      // (so it composes with nothing), and a starter: marks are not reordered across it.
      expect([cp.toString(16), c.normalize('NFD'), c.normalize('NFC')]).toEqual([cp.toString(16), c, c]);
      expect(/\p{M}/u.test(c)).toBe(false);
      expect(parts.has(cp)).toBe(false);
      expect(`a\u0301${c}\u0316`.normalize('NFD')).toBe(`a\u0301${c}\u0316`);
    }
  }, 30_000);

  it('gives what String.normalize gives, with and without characters to compose', () => {
    const samples = [
      '“Quoted” — and… ‘so on’',
      'cafe\u0301 “x”',
      '“e\u0301”',
      '\u2019\u0301',
      'Ω\u2126 — \u212b',
      '\u1100\u1161 “x”',
      ...inert.map((c) => `e${c}\u0301`),
      ...inert.map((c) => `${c}a\u0308`),
    ];
    for (const s of samples) expect(nfc(s)).toBe(s.normalize('NFC'));
    // The common case is returned as it is, the same string.
    const plain = '“Quoted” — and… ‘so on’';
    expect(nfc(plain)).toBe(plain);
  });
});

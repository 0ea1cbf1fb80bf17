/**
 * The transforms stage's shortcuts (session 9) against the logic they replace, on generated
 * inputs: each must give the same answer, byte for byte, as the code it stands in for.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { COMPACT_FROM, compactLargeModel, compactModel } from '../../src/model/compact.js';
import { squash } from '../../src/model/walk.js';
import { writeTei } from '../../src/tei/index.js';
import { VERSION } from '../../src/version.js';
import { wordsPatternBody } from '../../src/transforms/emendations/index.js';
import { prng } from '../helpers/prng.js';


/** The words' pattern body as it was built before session 9: each word escaped in turn. */
const oldBody = (words: string): string => squash(words).split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\u00a0]+');

const PIECES = ['a', 'word', 'Wort', 'é', '😀', '\uD800', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\', '-', '’', '“', '”', '1', '&8220;'];

function randomWords(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)]!;
  return s;
}

describe('the words of an editor\'s note as a pattern (escaped once, not word by word)', () => {
  it('is the body the old per-word escaping built, and matches the same texts, on 5,000 generated phrases', () => {
    const rand = prng(9);
    for (let i = 0; i < 5_000; i++) {
      const words = randomWords(rand);
      const body = wordsPatternBody(words);
      expect(body, JSON.stringify(words)).toBe(oldBody(words));
      // The pattern is usable as before (a stray surrogate or bracket never breaks it).
      expect(() => new RegExp(body, 'gu')).not.toThrow();
    }
  });
});

/** A page-text document of `notes` one-line notes, each anchored in its own paragraph. */
function notesDocument(notes: number, rand: () => number): string {
  const paras: string[] = [];
  const defs: string[] = [];
  for (let i = 1; i <= notes; i++) {
    paras.push(`Paragraph ${i} says ${randomWords(rand).replace(/[[\]\n]/g, ' ')} and more.[${i}]`);
    defs.push(`[${i}] Note ${i}: the word “x${i}” is written above the word “more” in the manuscript.—Ed.`);
  }
  return `A Title\n\nWritten: 1921\nSource: Collected Works\n\n${paras.join('\n\n')}\n\nNotes\n\n${defs.join('\n\n')}\n`;
}

describe('compactModel runs only for large inputs; the model means the same either way', () => {
  it('a model compacted or not writes the same TEI (generated documents with notes and emendations)', () => {
    const rand = prng(14);
    for (let i = 0; i < 40; i++) {
      const r = convert(notesDocument(1 + Math.floor(rand() * 30), rand), { file: `g${i}.txt` });
      expect(r.model).toBeDefined();
      const model = r.model!;
      const compacted = structuredClone(model);
      compactModel(compacted);
      expect(compacted).toEqual(model);
      expect(writeTei(compacted, { version: 'test' })).toBe(writeTei(model, { version: 'test' }));
    }
  });

  it('below COMPACT_FROM units of input the arrays are left alone; from it on they are copied', () => {
    const small = convert(notesDocument(3, prng(1)), { file: 's.txt' }).model!;
    const blocks = small.body.blocks;
    expect(compactLargeModel(small, COMPACT_FROM - 1)).toBe(false);
    expect(small.body.blocks).toBe(blocks);
    const before = structuredClone(small);
    expect(compactLargeModel(small, COMPACT_FROM)).toBe(true);
    expect(small.body.blocks).not.toBe(blocks);
    expect(small).toEqual(before);
  });

  it('a flood of notes past COMPACT_FROM converts to the same TEI and diagnostics as its model written uncompacted', () => {
    const text = notesDocument(1200, prng(3));
    expect(text.length).toBeGreaterThanOrEqual(COMPACT_FROM);
    const r = convert(text, { file: 'flood.txt' });
    expect(r.ok).toBe(true);
    // The model convert compacted, and an uncompacted copy of it (structuredClone makes every array anew, exact in length).
    expect(writeTei(structuredClone(r.model!), { version: VERSION })).toBe(r.tei);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { grownDocument, variant, writeCorpus } from '../../bench/corpus.js';
import { Workspace } from './helpers.js';

const PROSE = 'The conditions of life of the workers must be improved, and the party must win the struggle in the country; the famine has affected over 25,000,000 of the population since 1911, as note 2 says.';
const SEED = `For the Party [1]\n\nSource: Works, Vol. 2, 1907 - 1913\n\n${PROSE}\n\n${PROSE} Again.\n\n[1] A note about 1912.\n`;

let ws: Workspace | undefined;
afterEach(() => ws?.remove());

describe('the bench corpus', () => {
  it('gives the same text for the same variant number, and different texts for different ones', () => {
    expect(variant(SEED, 7)).toBe(variant(SEED, 7));
    const texts = new Set(Array.from({ length: 20 }, (_, i) => variant(SEED, i + 1)));
    expect(texts.size).toBe(20);
    expect(texts.has(SEED)).toBe(false);
  });

  it('varies only the prose: metadata, headings, notes and one- or two-digit markers stay', () => {
    const v = variant(SEED, 3).split('\n');
    const s = SEED.split('\n');
    expect(v).toHaveLength(s.length);
    for (const i of [0, 2, 8]) expect(v[i]).toBe(s[i]);
    expect(v[4]).toMatch(/note 2 says\.$/);
    expect(v[4]).toMatch(/\b\d{2},\d{3},\d{3}\b/);
  });

  it('writes the same corpus twice, in folders of 100', () => {
    ws = new Workspace();
    const seeds = [{ name: 'a.txt', text: SEED }, { name: 'b.txt', text: SEED.replace('Party', 'Cause') }];
    const one = writeCorpus(ws.path('one'), seeds, 150);
    const two = writeCorpus(ws.path('two'), seeds, 150);
    expect(one).toEqual(two);
    expect(ws.tree('one')).toEqual(ws.tree('two'));
    expect(Object.keys(ws.tree('one')).filter((p) => p.startsWith('000/'))).toHaveLength(100);
    expect(Object.keys(ws.tree('one'))[0]).toBe('000/a-00000.txt');
  });

  it('grows one document to the size asked, keeping its head and its notes', () => {
    const big = grownDocument(SEED, 100_000);
    expect(Buffer.byteLength(big)).toBeGreaterThanOrEqual(100_000);
    expect(Buffer.byteLength(big)).toBeLessThan(101_000);
    expect(big.startsWith('For the Party [1]\n\nSource: Works')).toBe(true);
    expect(big.endsWith('[1] A note about 1912.\n')).toBe(true);
    expect(grownDocument(SEED, 100_000)).toBe(big);
  });
});

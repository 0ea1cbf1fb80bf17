/**
 * The diff keeps its bands in reused blocks (fidelity.ts); its edits must be those of
 * Myers' algorithm written plainly (a fresh array per band), on diffs small and large
 * (hundreds of differences fill several blocks) and one after another (blocks reused).
 */
import { describe, expect, it } from 'vitest';
import { diffWords } from '../../src/validate/fidelity.js';

type Edit = { op: 'same' | 'lost' | 'added'; a: number; b: number };

/** Myers' greedy diff with backtracking, as textbooks write it. */
function reference(a: readonly string[], b: readonly string[], maxD: number): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const trace: Map<number, number>[] = [];
  let v = new Map<number, number>();
  let found = false;
  for (let d = 0; d <= Math.min(n + m, maxD) && !found; d++) {
    const next = new Map<number, number>();
    for (let k = -d; k <= d; k += 2) {
      let x = d === 0 ? 0 : k === -d || (k !== d && v.get(k - 1)! < v.get(k + 1)!) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next.set(k, x);
      if (x >= n && y >= m) found = true;
    }
    trace.push(next);
    v = next;
  }
  if (!found) return undefined;
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const band = trace[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && band.get(k - 1)! < band.get(k + 1)!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = band.get(prevK)!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) edits.push({ op: 'same', a: --x, b: --y });
    if (down) edits.push({ op: 'added', a: x, b: --y });
    else edits.push({ op: 'lost', a: --x, b: y });
  }
  while (x > 0 && y > 0) edits.push({ op: 'same', a: --x, b: --y });
  return edits.reverse();
}

/** A deterministic pseudo-random sequence of words from a small vocabulary. */
function words(seed: number, length: number, vocabulary: number): string[] {
  let s = seed >>> 0;
  return Array.from({ length }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return `w${s % vocabulary}`;
  });
}

/** `base` with some words removed, replaced and inserted. */
function edited(base: readonly string[], seed: number, rate: number): string[] {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 22695477) + 1) >>> 0;
    return s / 2 ** 32;
  };
  const out: string[] = [];
  for (const w of base) {
    const r = rnd();
    if (r < rate / 3) continue;
    if (r < (2 * rate) / 3) out.push(`x${Math.floor(rnd() * 7)}`);
    else out.push(w);
    if (rnd() < rate / 3) out.push(`y${Math.floor(rnd() * 5)}`);
  }
  return out;
}

describe('diffWords (bands in reused blocks)', () => {
  it('gives the edits of the plain algorithm, on small and large diffs, one after another', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const length = seed % 4 === 0 ? 1500 : 60 + seed * 5;
      const a = words(seed, length, seed % 3 === 0 ? 4 : 50);
      const b = edited(a, seed * 7, seed % 5 === 0 ? 0.5 : 0.1);
      // A common prefix is taken before the search: start both with a different word so the search sees it all.
      const x = ['firsta', ...a];
      const y = ['firstb', ...b];
      const maxD = seed % 7 === 0 ? 50 : 4000;
      expect(diffWords(x, y, maxD)).toEqual(reference(x, y, maxD));
      compared++;
    }
    expect(compared).toBe(40);
  });

  it('finds a diff of hundreds of differences (several blocks of bands) whole', () => {
    const a = words(3, 3000, 1000);
    const b = [...a.slice(0, 1000).reverse(), ...a.slice(1000)];
    const edits = diffWords(a, b)!;
    expect(edits).toEqual(reference(a, b, 4000));
    expect(edits.filter((e) => e.op !== 'same').length).toBeGreaterThan(300);
  });
});

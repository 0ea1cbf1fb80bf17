/**
 * The bench's synthetic corpus, made from the example transcriptions: each document is a
 * seed with some words and numbers of its prose varied, deterministically, so no two are
 * identical yet all keep the seed's structure (metadata, headings, notes and their markers).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './args.js';

export interface Seed {
  name: string;
  text: string;
}

/** mulberry32: a small seeded PRNG, so a variant depends on its number only. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SWAPS: Record<string, string> = {
  party: 'organisation', workers: 'labourers', country: 'land', must: 'shall', great: 'vast', struggle: 'fight',
  comrades: 'friends', revolution: 'upheaval', people: 'masses', government: 'regime', local: 'district', work: 'labour',
};
const SWAP_WORDS = new RegExp(`\\b(${Object.keys(SWAPS).join('|')})\\b`, 'g');

/** Lines of running prose: long, and not a `Label: value` metadata line. */
const isProse = (line: string): boolean => line.length >= 200 && !/^[\p{L}\s\\/]{1,40}:/u.test(line);

function varyProse(line: string, rand: () => number, n: number): string {
  const swapped = line.replace(SWAP_WORDS, (w) => (rand() < 0.5 ? SWAPS[w] ?? w : w));
  // Numbers of three or more digits (years, sums) shift, keeping their width; one- and
  // two-digit numbers may be note markers and stay, so notes still pair with their anchors.
  return swapped.replace(/\b\d{3,}\b/g, (d) => String((Number(d) + (n % 97)) % 10 ** d.length).padStart(d.length, '0'));
}

/** The n-th variant of a seed (n ≥ 1); the same n always gives the same text. */
export function variant(seed: string, n: number): string {
  const rand = prng(n);
  return seed
    .split('\n')
    .map((line) => (isProse(line) ? varyProse(line, rand, n) : line))
    .join('\n');
}

/** One long document: the seed's prose repeated (varied) until it has `targetBytes`, with its head and tail kept. */
export function grownDocument(seed: string, targetBytes: number): string {
  const lines = seed.split('\n');
  const first = lines.findIndex(isProse);
  const last = lines.length - 1 - [...lines].reverse().findIndex(isProse);
  if (first < 0) throw new Error('the seed has no prose to repeat');
  const head = lines.slice(0, first).join('\n');
  const body = lines.slice(first, last + 1).join('\n');
  const tail = lines.slice(last + 1).join('\n');
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let n = 1; size < targetBytes; n++) {
    const part = variant(body, n);
    parts.push(part);
    size += Buffer.byteLength(part) + 1;
  }
  parts.push(tail);
  return parts.join('\n');
}

/** Where the i-th document (0-based) goes: folders of 100, so the first folder is a 100-file corpus. */
export function corpusPath(seed: Seed, i: number): string {
  return join(String(Math.floor(i / 100)).padStart(3, '0'), `${parse(seed.name).name}-${String(i).padStart(5, '0')}.txt`);
}

/** Writes `count` documents under `dir`, seeds taken in turn; returns their total size. */
export function writeCorpus(dir: string, seeds: readonly Seed[], count: number): { files: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length]!;
    const path = join(dir, corpusPath(seed, i));
    if (i % 100 === 0) mkdirSync(join(path, '..'), { recursive: true });
    const text = variant(seed.text, i + 1);
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: count, bytes };
}

/**
 * The documents a bench loop reads: the first `files` under `dir` when one is given, else a
 * corpus of `files` documents written from `input/`'s seeds into a new temporary folder
 * (named after `prefix`), which `remove()` deletes again.
 */
export function benchDocuments(dir: string | undefined, files: number, prefix: string): { paths: string[]; remove(): void } {
  if (dir !== undefined) return { paths: filesUnder(dir).slice(0, files), remove: () => undefined };
  const work = mkdtempSync(join(tmpdir(), prefix));
  try {
    const inputDir = fileURLToPath(new URL('../input', import.meta.url));
    const seeds: Seed[] = readdirSync(inputDir)
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(inputDir, name), 'utf8') }));
    writeCorpus(work, seeds, files);
    return { paths: filesUnder(work), remove: () => rmSync(work, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

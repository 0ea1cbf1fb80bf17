/**
 * Bytes allocated per seed-sized document, stage by stage, in the real pipeline (`convert()`
 * through its `onStage` hook), in one thread: deterministic where CPU seconds on a shared
 * machine are not, and the lever on GC time and on what two threads pay for sharing caches.
 *
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 dist-bench/alloc-stages.js \
 *     [--files 4000] [--warmup 3000] [--dir FOLDER]
 *
 * The heap's used size is read as each stage starts; a young generation far larger than a
 * document's allocation and a forced minor collection before each measured document mean no
 * collection runs inside one, so the differences are the bytes each stage allocated. A
 * document during which a collection ran anyway (used size fell) is left out and counted.
 *
 * With `--scavenges` instead (run with the CLI's young generation:
 * `--min-semi-space-size=2 --max-semi-space-size=2 --semi-space-growth-factor=1`, no
 * --expose-gc needed), it counts the collections V8 ran over the measured documents, per
 * 1,000 documents (v8.GCProfiler), and the time they took.
 */
import { readFileSync } from 'node:fs';
import { getHeapStatistics, GCProfiler } from 'node:v8';
import { option } from './args.js';
import { benchDocuments } from './corpus.js';
import { convert, type Stage } from '../dist/convert.js';
import { decodeInput } from '../dist/io/decode.js';
import { STAGE_NAMES } from './stages.js';

type Gc = (options?: { type: 'minor' | 'major'; execution: 'sync' }) => void;

const used = (): number => getHeapStatistics().used_heap_size;

function allocation(paths: readonly string[], warmup: number): void {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  // What a reading of the heap itself allocates (its statistics object), taken off each difference.
  gc({ type: 'minor', execution: 'sync' });
  for (let k = 0; k < 1000; k++) used();
  const a = used();
  for (let k = 0; k < 1000; k++) used();
  const probe = (used() - a) / 1001;
  const totals = new Map<string, number>();
  let counted = 0;
  let skipped = 0;
  paths.forEach((path, i) => {
    const bytes = readFileSync(path);
    if (i < warmup) {
      const decoded = decodeInput(bytes);
      if (decoded.ok) convert(decoded.text, { file: path });
      return;
    }
    gc({ type: 'minor', execution: 'sync' });
    const marks: Array<[string, number]> = [['decode', used()]];
    const decoded = decodeInput(bytes);
    if (!decoded.ok) return;
    convert(decoded.text, { file: path, onStage: (s: Stage) => marks.push([s, used()]) });
    const diffs: Array<[string, number]> = [];
    for (let k = 0; k + 1 < marks.length; k++) diffs.push([marks[k]![0], marks[k + 1]![1] - marks[k]![1] - probe]);
    if (diffs.some(([, d]) => d < -probe)) {
      skipped++;
      return;
    }
    for (const [stage, d] of diffs) totals.set(stage, (totals.get(stage) ?? 0) + d);
    counted++;
  });
  const width = Math.max(...Object.values(STAGE_NAMES).map((s) => s.length)) + 2;
  console.log(`${'stage (bytes allocated, mean per document)'.padEnd(width)}  KB/doc`);
  let sum = 0;
  for (const [stage, name] of Object.entries(STAGE_NAMES)) {
    const t = totals.get(stage);
    if (t === undefined) continue;
    sum += t;
    console.log(`${name.padEnd(width)}  ${(t / counted / 1024).toFixed(1).padStart(7)}`);
  }
  console.log(`${`total (${counted} documents; ${skipped} with a collection inside, left out)`.padEnd(width)}  ${(sum / counted / 1024).toFixed(1).padStart(7)}`);
}

function scavenges(paths: readonly string[], warmup: number): void {
  let profiler: GCProfiler | undefined;
  let measured = 0;
  paths.forEach((path, i) => {
    if (i === warmup) {
      profiler = new GCProfiler();
      profiler.start();
    }
    const decoded = decodeInput(readFileSync(path));
    if (!decoded.ok) return;
    convert(decoded.text, { file: path });
    if (i >= warmup) measured++;
  });
  const stats = profiler?.stop()?.statistics ?? [];
  const byType = new Map<string, { n: number; us: number }>();
  for (const s of stats) {
    const e = byType.get(s.gcType) ?? { n: 0, us: 0 };
    e.n++;
    e.us += s.cost;
    byType.set(s.gcType, e);
  }
  const per = 1000 / Math.max(1, measured);
  const parts = [...byType].map(([type, e]) => `${type} ${(e.n * per).toFixed(1)} (${((e.us / 1000) * per).toFixed(1)} ms)`);
  console.log(`collections per 1,000 documents (${measured} measured): ${parts.join(', ') || 'none'}`);
}

function main(): void {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 4000);
  const { paths, remove } = benchDocuments(option(argv, '--dir'), files, 'teiwright-alloc-');
  try {
    const warmup = Number(option(argv, '--warmup') ?? Math.floor((paths.length * 3) / 4));
    if (!Number.isInteger(warmup) || warmup < 0 || warmup >= paths.length) throw new Error('--warmup: expected a whole number below --files');
    if (argv.includes('--scavenges')) scavenges(paths, warmup);
    else allocation(paths, warmup);
  } finally {
    remove();
  }
}

main();

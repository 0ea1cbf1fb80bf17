/**
 * Where a batch's resident memory goes, over a run: `node dist-bench/mem-trace.js <input
 * folder> [--jobs N] [--workers threads|processes] [--every N]`. It converts the folder as
 * the command line does (its V8 flags, no kept results) with the real converter wrapped by
 * mem-converter.ts, which records each thread's V8 heap every N files; this process adds,
 * every second, its resident memory split by /proc/self/smaps into WebAssembly memories
 * (libxml2), the brk heap (glibc's main arena), other anonymous memory (V8 heaps, glibc's
 * other arenas, stacks) and file-backed pages. Prints one line per sample, then the peaks.
 */
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { runBatch, type WorkerKind } from '../dist/batch/index.js';
import { setCliV8Flags } from '../dist/cli/heap.js';
import { sample } from './mem-converter.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** Resident kilobytes of this process by kind of mapping (Linux only; empty elsewhere). */
export function smapsSplit(pid: number | 'self' = 'self'): Record<string, number> {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return {};
  }
  const split: Record<string, number> = { wasm: 0, brk: 0, anon: 0, file: 0 };
  let kind = 'anon';
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const size = parseInt(head[2]!, 16) - parseInt(head[1]!, 16);
      const name = head[3]!;
      // A WebAssembly memory reserves its whole 32-bit space and guard pages (8 GB and more) at once.
      kind = size >= 4 * GB ? 'wasm' : name === '[heap]' ? 'brk' : name === '' || name.startsWith('[anon') ? 'anon' : name.startsWith('[') ? 'anon' : 'file';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) split[kind]! += Number(rss[1]);
  }
  for (const k of Object.keys(split)) split[k] = Math.round((split[k]! / 1024) * 10) / 10;
  return split;
}

async function main(): Promise<void> {
  setCliV8Flags();
  const argv = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const input = argv[0];
  if (input === undefined) throw new Error('usage: mem-trace.js <input folder> [--jobs N] [--workers threads|processes] [--every N]');
  const jobs = Number(flag('--jobs') ?? 2);
  const workers = flag('--workers') as WorkerKind | undefined;
  const work = mkdtempSync(join(tmpdir(), 'teiwright-memtrace-'));
  const trace = join(work, 'trace.jsonl');
  process.env.TEIWRIGHT_MEMTRACE = trace;
  process.env.TEIWRIGHT_MEMTRACE_EVERY = flag('--every') ?? '500';
  if (argv.includes('--gc')) process.env.TEIWRIGHT_MEMTRACE_GC = '1';
  // --dump-at 1000,9000: copies of /proc/self/smaps when that many files are done (to compare mappings).
  const dumpAt = (flag('--dump-at') ?? '').split(',').filter(Boolean).map(Number);
  let done = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const h = getHeapStatistics();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().filter((s) => s.space_size > 0).map((s) => [s.space_name.replace(/_space$/, ''), Math.round(s.space_size / MB)]));
    console.log(JSON.stringify({ t: (Date.now() - started) / 1000, done, main: true, rss: Math.round(process.memoryUsage.rss() / MB), heap: Math.round(h.total_physical_size / MB), spaces, smaps: smapsSplit() }));
  }, 1000);
  try {
    const r = await runBatch({ inputs: [input], outDir: join(work, 'out'), force: true, jobs, keepResults: false, converter: new URL('./mem-converter.js', import.meta.url).href, ...(workers && { workers }), onResult: () => {
      done++;
      if (dumpAt.includes(done)) writeFileSync(`smaps-${done}.txt`, readFileSync('/proc/self/smaps'));
    } });
    clearInterval(timer);
    console.log(JSON.stringify({ final: true, main: sample(), smaps: smapsSplit(), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), workersMaxRssMb: Math.round((r.workers?.maxRssKb ?? 0) / 1024), files: r.totals.files, seconds: r.totals.seconds }));
    let lines: string[] = [];
    try {
      lines = readFileSync(trace, 'utf8').trim().split('\n');
    } catch {
      // no worker reached the sampling interval
    }
    for (const l of lines) console.log(l);
  } finally {
    clearInterval(timer);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

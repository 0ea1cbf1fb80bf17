/**
 * The machine's ceiling: how much a second converting thread can add on this machine at
 * best. One worker thread converts alone, then two convert at the same time; each is warmed
 * up first and measured with its own CPU clock (thread-cpu.ts), on documents already in
 * memory (no file I/O, no pool, no messages). If two threads at once each need more CPU
 * per document than one alone, the machine (shared caches, memory bandwidth, a VM's
 * neighbours) caps `--jobs 2 / --jobs 1` below 2 whatever teiwright does. The same for a
 * loop that only allocates and one that only computes, to tell the machine's share from
 * teiwright's.
 */
import { Worker } from 'node:worker_threads';
import { reapplyV8Flags } from '../dist/batch/v8-flags.js';
import type { CeilingJob, CeilingResult, Workload } from './ceiling-worker.js';

export interface CeilingRow {
  workload: Workload;
  /** Units (documents, loop rounds) measured per thread, warm-up excluded. */
  measured: number;
  warm: number;
  /** Thread CPU ms per unit of the one thread alone. */
  alone: number;
  /** The process's CPU ms per unit with one thread (V8's background threads too: compiling, concurrent GC). */
  aloneProcess: number;
  /** Thread CPU ms per unit of each of the two threads at once. */
  pair: number[];
  /** The process's CPU ms per unit with two threads (all units of both). */
  pairProcess: number;
  /** 2 × alone / mean(pair): the best --jobs 2 / --jobs 1 if the threads' own CPU were all that counted. */
  ratio: number;
  /** The same counting the background threads, which share the two cores with the workers under --jobs 2 but use the idle second core under --jobs 1. */
  ratioWithBackground: number;
  /** CPU of the two threads over their wall time: 2 when both really ran all the time (a busy machine gives less). */
  pairCores: number;
}

/** The row's numbers from the measured threads: `alone` has one result, `pair` two. */
export function ceilingRow(workload: Workload, warm: number, alone: readonly CeilingResult[], pair: readonly CeilingResult[]): CeilingRow {
  const perUnit = (r: CeilingResult): number => r.cpuMs / r.units;
  const processPerUnit = (rs: readonly CeilingResult[]): number => {
    const start = Math.min(...rs.map((r) => r.processCpuStart));
    const end = Math.max(...rs.map((r) => r.processCpuEnd));
    return (end - start) / rs.reduce((s, r) => s + r.units, 0);
  };
  const aloneMs = perUnit(alone[0]!);
  const pairMs = pair.map(perUnit);
  const pairMean = pairMs.reduce((a, b) => a + b, 0) / pairMs.length;
  const pairProcess = processPerUnit(pair);
  return {
    workload,
    measured: alone[0]!.units,
    warm,
    alone: aloneMs,
    aloneProcess: processPerUnit(alone),
    pair: pairMs,
    pairProcess,
    ratio: (2 * aloneMs) / pairMean,
    ratioWithBackground: (2 * aloneMs) / pairProcess,
    pairCores: pair.reduce((s, r) => s + r.cpuMs, 0) / Math.max(...pair.map((r) => r.wallMs)),
  };
}

/** Runs `parties` threads of the same job at once; resolves to their results. */
async function threads(job: Omit<CeilingJob, 'sync' | 'parties'>, parties: number): Promise<CeilingResult[]> {
  const sync = new SharedArrayBuffer(8);
  const url = new URL('./ceiling-worker.js', import.meta.url);
  return Promise.all(
    Array.from({ length: parties }, () =>
      new Promise<CeilingResult>((resolve, reject) => {
        const w = new Worker(url, { workerData: { ...job, sync, parties } satisfies CeilingJob });
        // As the pool does once a worker is up: a thread's heap set-up resets a V8 flag (batch/v8-flags.ts).
        w.once('online', reapplyV8Flags);
        w.once('message', (m: CeilingResult) => resolve(m));
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`a ceiling thread exited with ${code} before it reported`)));
      }),
    ),
  );
}

/** One workload alone, then two at once. */
export async function measureCeiling(workload: Workload, paths: readonly string[], warm: number, measure: number): Promise<CeilingRow> {
  const job = { workload, paths: workload === 'teiwright' ? paths.slice(0, warm + measure) : [], warm, measure };
  const alone = await threads(job, 1);
  const pair = await threads(job, 2);
  return ceilingRow(workload, warm, alone, pair);
}

const WORKLOAD_NAMES: Record<Workload, string> = {
  teiwright: 'teiwright (convertJob, validation and fidelity on), per document',
  allocation: 'a loop that allocates small objects, per round',
  arithmetic: 'a loop of integer arithmetic, per round',
};

/** The block printed under the bench's table. */
export function ceilingTable(rows: readonly CeilingRow[]): string {
  const head = ['workload', 'warm', 'measured', 'alone: CPU ms', 'two at once: CPU ms each', 'best --jobs 2 / --jobs 1', 'two threads kept busy'];
  const cells = rows.map((r) => [
    WORKLOAD_NAMES[r.workload],
    String(r.warm),
    String(r.measured),
    `${r.alone.toFixed(3)} (process ${r.aloneProcess.toFixed(3)})`,
    `${r.pair.map((p) => p.toFixed(3)).join(' / ')} (process ${r.pairProcess.toFixed(3)})`,
    `${r.ratio.toFixed(2)}× (${r.ratioWithBackground.toFixed(2)}× with V8's background threads)`,
    `${r.pairCores.toFixed(2)} cores`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

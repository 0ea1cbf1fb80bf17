/**
 * The machine's ceiling: how much a second converting thread can add on this machine at
 * best. Two worker threads warm up, then take turns: one converts alone, both convert at
 * the same time, the other alone, both again (twice over, so a change of load on a shared
 * machine touches both kinds of phase alike). Each is measured with its own CPU clock
 * (thread-cpu.ts), on documents already in memory (no file I/O, no pool, no messages per
 * document). If two threads at once each need more CPU per document than one alone, the
 * machine (shared caches, memory bandwidth, a VM's neighbours) caps `--jobs 2 / --jobs 1`
 * below 2 whatever teiwright does. The same for a loop that only allocates and one that
 * only computes, to tell the machine's share from teiwright's.
 */
import { Worker } from 'node:worker_threads';
import { reapplyV8Flags } from '../dist/batch/v8-flags.js';
import type { CeilingJob, CeilingPhase, CeilingResult, Workload } from './ceiling-worker.js';

export interface CeilingRow {
  workload: Workload;
  warm: number;
  /** Units (documents, loop rounds) measured alone, all phases and both threads together. */
  measured: number;
  /** Thread CPU ms per unit of a thread alone. */
  alone: number;
  /** The process's CPU ms per unit with one thread working (V8's background threads too: compiling, concurrent GC). */
  aloneProcess: number;
  /** Thread CPU ms per unit of each of the two threads at once. */
  pair: number[];
  /** The process's CPU ms per unit with two threads working (all units of both). */
  pairProcess: number;
  /** 2 × alone / mean(pair): the best --jobs 2 / --jobs 1 if the threads' own CPU were all that counted. */
  ratio: number;
  /** The same counting the background threads, which share the two cores with the workers under --jobs 2 but use the idle second core under --jobs 1. */
  ratioWithBackground: number;
  /** CPU of the two threads over their wall time in the phases together: 2 when both really ran all the time (a busy machine gives less). */
  pairCores: number;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
/** The process's CPU over a phase: from the first thread's start to the last one's end. */
const phaseProcessMs = (phase: readonly CeilingResult[]): number => Math.max(...phase.map((r) => r.processCpuEnd)) - Math.min(...phase.map((r) => r.processCpuStart));

/**
 * The row's numbers from the measured phases: each phase alone has one result, each phase
 * together two (in the same thread order every time).
 */
export function ceilingRow(workload: Workload, warm: number, alone: readonly CeilingResult[], together: readonly (readonly CeilingResult[])[]): CeilingRow {
  const units = (rs: readonly CeilingResult[]): number => sum(rs.map((r) => r.units));
  const aloneMs = sum(alone.map((r) => r.cpuMs)) / units(alone);
  const threads = together[0]?.length ?? 0;
  const pair = Array.from({ length: threads }, (_, t) => {
    const mine = together.map((phase) => phase[t]!);
    return sum(mine.map((r) => r.cpuMs)) / units(mine);
  });
  const pairProcess = sum(together.map(phaseProcessMs)) / sum(together.map(units));
  return {
    workload,
    warm,
    measured: units(alone),
    alone: aloneMs,
    aloneProcess: sum(alone.map((r) => phaseProcessMs([r]))) / units(alone),
    pair,
    pairProcess,
    ratio: (2 * aloneMs) / (sum(pair) / pair.length),
    ratioWithBackground: (2 * aloneMs) / pairProcess,
    pairCores: sum(together.flatMap((phase) => phase.map((r) => r.cpuMs))) / sum(together.map((phase) => Math.max(...phase.map((r) => r.wallMs)))),
  };
}

/** The worker's next message; its error or exit rejects. */
function reply<T>(w: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = (): void => {
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (m: T): void => {
      settle();
      resolve(m);
    };
    const onError = (e: Error): void => {
      settle();
      reject(e);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`a ceiling thread exited with ${code} before it reported`));
    };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/**
 * Two threads warmed up on `warm` units each, then `rounds` × (thread 0 alone, both, thread
 * 1 alone, both), each phase at most `perPhase` units per thread.
 */
export async function measureCeiling(workload: Workload, paths: readonly string[], warm: number, perPhase: number, rounds = 2): Promise<CeilingRow> {
  const sync = new SharedArrayBuffer(8);
  const view = new Int32Array(sync);
  const job: CeilingJob = { workload, paths: workload === 'teiwright' ? paths.slice(0, warm + 3 * rounds * perPhase) : [], warm, sync };
  const url = new URL('./ceiling-worker.js', import.meta.url);
  const workers = [0, 1].map(() => new Worker(url, { workerData: job }));
  try {
    // As the pool does once a worker is up: a thread's heap set-up resets a V8 flag (batch/v8-flags.ts).
    for (const w of workers) w.once('online', reapplyV8Flags);
    await Promise.all(workers.map((w) => reply<string>(w)));
    const alone: CeilingResult[] = [];
    const together: CeilingResult[][] = [];
    for (let r = 0; r < rounds; r++) {
      for (const who of [[0], [0, 1], [1], [0, 1]]) {
        Atomics.store(view, 0, 0);
        Atomics.store(view, 1, 0);
        const phase: CeilingPhase = { parties: who.length, units: perPhase };
        const results = await Promise.all(
          who.map((i) => {
            const answer = reply<CeilingResult>(workers[i]!);
            workers[i]!.postMessage(phase);
            return answer;
          }),
        );
        if (who.length === 1) alone.push(results[0]!);
        else together.push(results);
      }
    }
    return ceilingRow(workload, warm, alone, together);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const WORKLOAD_NAMES: Record<Workload, string> = {
  teiwright: 'teiwright (convertJob, validation and fidelity on), per document',
  allocation: 'a loop that allocates small objects, per round',
  arithmetic: 'a loop of integer arithmetic, per round',
};

/** The block printed under the bench's table. */
export function ceilingTable(rows: readonly CeilingRow[]): string {
  const head = ['workload', 'warm', 'measured alone', 'alone: CPU ms', 'two at once: CPU ms each', 'best --jobs 2 / --jobs 1', 'two threads kept busy'];
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

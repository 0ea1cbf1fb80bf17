/**
 * One thread of the machine's-ceiling measure (ceiling.ts). It warms up first (untimed,
 * until V8 has settled), says `ready`, then measures one phase per message: alone, or at
 * the same time as the other thread (a barrier lines their starts up), timed with this
 * thread's own CPU clock until it has done its share or the other thread has finished its
 * own (so no thread of a pair is measured running alone while the other is done).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { convertJob } from '../dist/batch/convert-job.js';
import { decodeInput } from '../dist/io/decode.js';
import { processCpuMs, threadCpuMs } from './thread-cpu.js';

export type Workload = 'teiwright' | 'allocation' | 'arithmetic';

export interface CeilingJob {
  workload: Workload;
  /** For `teiwright`: the documents, warm-up first, then those measured (taken in turn, from the start again if they run out). */
  paths: readonly string[];
  warm: number;
  /** Int32Array view: [0] threads at the barrier, [1] set once a thread has finished measuring; the parent clears both before each phase. */
  sync: SharedArrayBuffer;
}

/** One phase: how many threads measure at once, and how many units each does at most. */
export interface CeilingPhase {
  parties: number;
  units: number;
}

export interface CeilingResult {
  units: number;
  /** This thread's CPU while measured. */
  cpuMs: number;
  wallMs: number;
  /** The whole process's CPU (all threads, V8's background threads too) at the start and end of the measure. */
  processCpuStart: number;
  processCpuEnd: number;
}


/**
 * About a millisecond of integer arithmetic: no memory but the registers. Only int32
 * operations (imul, xor, shifts): an addition that overflowed into a double deoptimized the
 * loop now and then, and a thread measured in the interpreter needed 3.5× the CPU.
 */
function arithmetic(seed: number): number {
  let a = seed | 0;
  for (let i = 0; i < 400_000; i++) a = Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) ^ i;
  return a;
}

/** About a millisecond of allocating: small objects and strings, a few hundred units of them kept alive (as a conversion keeps its model). */
const kept: unknown[] = new Array(256);
function allocation(seed: number): number {
  const nodes: { name: string; at: number; children: unknown[] }[] = [];
  for (let i = 0; i < 1500; i++) nodes.push({ name: `n${seed}-${i}`, at: i, children: [i, seed] });
  kept[seed % kept.length] = nodes;
  return nodes.length;
}

function unitOf(job: CeilingJob): (i: number) => number {
  if (job.workload === 'arithmetic') return arithmetic;
  if (job.workload === 'allocation') return allocation;
  const texts = job.paths.map((path) => {
    const decoded = decodeInput(readFileSync(path));
    if (!decoded.ok) throw new Error(`${path}: ${decoded.message}`);
    return decoded.text;
  });
  // As the batch engine converts a file (process-file.ts): validation and fidelity on.
  return (i) => convertJob(texts[i % texts.length]!, { file: job.paths[i % texts.length]!, validate: true, verify: true }).tei?.length ?? 0;
}

/** Waits until all `parties` threads have called it. */
function barrier(sync: Int32Array, parties: number): void {
  if (Atomics.add(sync, 0, 1) + 1 === parties) {
    Atomics.notify(sync, 0);
    return;
  }
  for (let v = Atomics.load(sync, 0); v < parties; v = Atomics.load(sync, 0)) Atomics.wait(sync, 0, v);
}

const job = workerData as CeilingJob;
const unit = unitOf(job);
const sync = new Int32Array(job.sync);
/** The next unit (document) to do: each is done once. */
let next = 0;
// The results, folded in, keep the work from being optimized away.
let sink = 0;

function measure(phase: CeilingPhase): CeilingResult {
  barrier(sync, phase.parties);
  const processCpuStart = processCpuMs();
  const cpuStart = threadCpuMs();
  const wallStart = performance.now();
  let units = 0;
  for (; units < phase.units && Atomics.load(sync, 1) === 0; units++) sink ^= unit(next++);
  Atomics.store(sync, 1, 1);
  return { units, cpuMs: threadCpuMs() - cpuStart, wallMs: performance.now() - wallStart, processCpuStart, processCpuEnd: processCpuMs() };
}

for (; next < job.warm; next++) sink ^= unit(next);
if (sink === 0.5) throw new Error('unreachable');
parentPort?.postMessage('ready');
parentPort?.on('message', (phase: CeilingPhase) => parentPort?.postMessage(measure(phase)));

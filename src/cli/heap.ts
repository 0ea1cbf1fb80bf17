/**
 * How far V8 lets the heap grow between full collections, for the command line and the
 * bench that measures it. After a full collection V8 allows up to 4 × the live heap before
 * the next one; a large transcription's model is live for the whole conversion, so its
 * garbage piled up to four times it: 16 MB of code spans (a 380 MB model) peaked at 1.9 GB.
 * At 1.5 × the peak was 1.0 GB for the same CPU time. A process that set its own factor
 * (`node --heap-growing-percent=…`) keeps it. V8 reads the flag at each collection, so
 * setting it at start covers the main thread and every worker thread; worker processes
 * (TEIWRIGHT_WORKERS=processes) are started with it (batch/v8-flags.ts).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setV8Flag } from '../batch/v8-flags.js';

/** The heap may grow to this many percent over the live heap before a full collection. */
export const HEAP_GROWING_PERCENT = 50;

export function boundHeapGrowth(): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent')) || /--heap-growing-percent/.test(process.env.NODE_OPTIONS ?? '')) return;
  setV8Flag(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Bytecode size (bytes) up to which V8's optimizing compiler inlines a function; V8's own default is 460. */
export const MAX_INLINED_BYTECODE_SIZE = 100;

/**
 * Less inlining: V8 optimizes on background threads, which with `--jobs 2` on two cores
 * take CPU from the workers. Measured on 300 seed-sized files in one thread (session 7,
 * a loaded machine): the background threads' CPU fell from 1.3–1.65 s to 1.1 s, the main
 * thread's was the same within the noise (session 6 measured about 0.2 ms less background
 * compiling per document). A process that set its own value keeps it.
 */
export function limitInlining(): void {
  if (process.execArgv.some((a) => a.startsWith('--max-inlined-bytecode-size'))) return;
  setV8Flag(`--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE_SIZE}`);
}

/** Bytecode units a function runs between V8's tier-up checks; V8's own default is 67,584 (66 KB). */
export const INTERRUPT_BUDGET = 101_376;

/**
 * Later tier-up: each function runs 1.5 × as much bytecode before V8 considers optimizing
 * it. A conversion calls hundreds of functions once or a few times per document; at V8's
 * budget many reach TurboFan with little feedback within a fresh process's first thousand
 * documents, or are optimized for the few documents of a run that use them, and compiling
 * them costs more than it saves. Measured (session 12, callgrind, V8 single-threaded so
 * that compiles are counted whatever the machine's load): instructions for a fresh
 * `convert --jobs 1` of 500 seed-sized files 12.94–13.01 G → 12.30 G, of 1,000 files 18.68 →
 * 18.03 G (the gain is the first few hundred documents' compiles; documents 501–1,000 cost
 * the same); TurboFan compiles over 4,000 files 752–777 → 677–698 with `--jobs 1`, 1,311 →
 * 1,055 with `--jobs 2` (all threads). Half V8's budget cost +29% (16.8 G for 500 files);
 * 2 × gained less than 1.5 × (12.43 G); `--always-sparkplug` −1% at 1,000 files for +4–5 MB
 * of peak RSS, not kept. A process that set its own value keeps it.
 */
export function tierUpLater(): void {
  if (process.execArgv.some((a) => a.startsWith('--interrupt-budget=')) || /--interrupt-budget=/.test(process.env.NODE_OPTIONS ?? '')) return;
  setV8Flag(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** Megabytes of each semi-space of V8's young generation, per thread; V8 lets it grow to 16 on this machine. */
export const MAX_SEMI_SPACE_MB = 2;

/**
 * A small young generation in each thread. The pipeline allocates fast, so V8 grew every
 * worker's young generation to its maximum within the first few hundred files: a run's
 * peak memory grew with the number of files until it settled. Measured (session 7, 2,000
 * seed-sized files, --jobs 2, a loaded machine): peak RSS 225 → 162 MB with 2 MB, CPU per
 * file the same within the noise. Set at start, it covers the worker threads started
 * later (each gets its heap then) and, passed on, the worker processes. A process that set
 * its own value keeps it.
 */
export function boundYoungGeneration(): void {
  if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) || /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '')) return;
  setV8Flag(`--max-semi-space-size=${MAX_SEMI_SPACE_MB}`);
  // Workers start at their bound rather than grow to it...
  setV8Flag(`--min-semi-space-size=${MAX_SEMI_SPACE_MB}`);
  // ...and this thread, whose young generation was sized before any flag could be set (up
  // to 16 MB per semi-space), keeps the size it has: V8 grows a young generation each time
  // as many bytes as it holds have survived a collection since it last grew, so a long run
  // grew the main thread's from 1 to 16 MB per semi-space (session 9: 2 → 28.6 MB resident
  // over 10,000 files, most of what grew between 1,000 and 10,000 files). V8 raises this
  // factor back to 2 whenever a thread's heap is set up: the pool sets it again once a
  // worker thread is up (batch/v8-flags.ts, `reapplyV8Flags`).
  setV8Flag('--semi-space-growth-factor=1');
}

/** The V8 flags the command line runs with (the bench sets them too, to measure what the command line does). */
export function setCliV8Flags(): void {
  boundHeapGrowth();
  limitInlining();
  tierUpLater();
  boundYoungGeneration();
}

/** Bytes the main thread's old generation may gain over what the last full collection left, before `mainHeapKeeper` collects. */
export const MAIN_HEAP_STEP = 2 * 1024 * 1024;
/** Calls between two looks at the heap (a look reads V8's space statistics). */
const LOOK_EVERY = 16;

/** The bytes in this thread's old generation (every space but the young generation's). */
export function oldGenerationUsed(): number {
  let used = 0;
  for (const s of getHeapSpaceStatistics()) if (!s.space_name.startsWith('new_')) used += s.space_used_size;
  return used;
}

/**
 * A full collection on demand, without `--expose-gc` on the command line: the flag is set
 * just long enough for a fresh context to hand out its `gc`, then set back, so no other
 * context (a worker thread's, a library caller's) gets one.
 */
function fullCollection(): () => void {
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as () => void;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/**
 * Keeps the main thread's heap near its live size during a batch. With the conversions in
 * worker threads, the main thread only plans and aggregates: its live heap stays ~5 MB, but
 * the little each file leaves behind (a few KB promoted to the old generation) piled up
 * until V8's own limit, live + 8 MB, about 3,300 seed-sized files in: a run of 100 or 1,000
 * files never reached it, one of 10,000 did, so the main thread's share of the peak RSS grew
 * with the corpus. Returns a function to call once per file: every few files it looks at
 * the old generation and, once it has grown by `MAIN_HEAP_STEP` (or a quarter of what it
 * held, for a caller with a large heap of its own), runs a full collection (~4 ms at 5 MB
 * live; about 19 in a run of 10,000 files).
 */
export function mainHeapKeeper(step = MAIN_HEAP_STEP): () => void {
  const collect = fullCollection();
  let floor = oldGenerationUsed();
  let calls = 0;
  return () => {
    if (++calls % LOOK_EVERY !== 0) return;
    if (oldGenerationUsed() <= floor + Math.max(step, floor / 4)) return;
    collect();
    floor = oldGenerationUsed();
  };
}

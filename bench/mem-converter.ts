/**
 * The real converter, wrapped to record where a thread's memory goes: every `TRACE_EVERY`
 * files (env TEIWRIGHT_MEMTRACE_EVERY, default 250) it appends one JSON line to the file named
 * by TEIWRIGHT_MEMTRACE: the thread, the files it converted, its V8 heap (used, committed,
 * per space) and the process's memory (rss, external, array buffers). Used by mem-trace.ts.
 */
import { appendFileSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { convertJob as realConvertJob } from '../dist/batch/convert-job.js';
import type { ConvertJob } from '../dist/batch/types.js';

const out = process.env.TEIWRIGHT_MEMTRACE;
const every = Number(process.env.TEIWRIGHT_MEMTRACE_EVERY ?? 250);
let files = 0;
/** With TEIWRIGHT_MEMTRACE_GC=1, a full collection before each sample: the live heap, not the garbage. */
const collect = process.env.TEIWRIGHT_MEMTRACE_GC === '1' ? exposeGc() : undefined;

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;
const mb = (n: number): number => Math.round((n / MB) * 10) / 10;

export function sample(): Record<string, unknown> {
  collect?.();
  const h = getHeapStatistics();
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().filter((s) => s.space_size > 0).map((s) => [s.space_name.replace(/_space$/, ''), `${mb(s.space_used_size)}/${mb(s.space_size)}`]));
  return {
    thread: threadId,
    pid: process.pid,
    files,
    heapUsed: mb(h.used_heap_size),
    heapCommitted: mb(h.total_physical_size),
    malloced: mb(h.malloced_memory),
    peakMalloced: mb(h.peak_malloced_memory),
    spaces,
    rss: mb(m.rss),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
}

export const convertJob: ConvertJob = (text, options) => {
  const r = realConvertJob(text, options);
  files++;
  if (out && files % every === 0) appendFileSync(out, `${JSON.stringify(sample())}\n`);
  return r;
};

/**
 * One batch in a process of its own, as a user's `teiwright convert` runs it: a fresh
 * process (nothing compiled yet), the command line's V8 flags, results looked at as they
 * come and forgotten. `node batch-child.js <input folder> <output folder> <jobs>
 * [converter module URL | -] [threads | processes]` prints one line of JSON (BatchChildReport).
 */
import { performance } from 'node:perf_hooks';
import { runBatch, type WorkerKind } from '../dist/batch/index.js';
import { setCliV8Flags } from '../dist/cli/heap.js';
import { processCpuMs } from './thread-cpu.js';

export interface BatchChildReport {
  files: number;
  converted: number;
  failed: number;
  /** Files the pipeline could not handle at all (internal-error). */
  broken: number;
  firstProblem?: string;
  /** From the process's start to the batch's start (loading the modules). */
  startupMs: number;
  /** The batch alone, from the call of runBatch to its end. */
  batchMs: number;
  /** CPU of this process (all its threads) from its start to the batch's end. */
  cpuMs: number;
  /** CPU of the worker processes (--jobs ≥ 2 with worker processes), from their start to their end. */
  workersCpuMs: number;
}


async function main(): Promise<void> {
  setCliV8Flags();
  const [input, outDir, jobsArg, converterArg, workersArg] = process.argv.slice(2);
  const jobs = Number(jobsArg);
  if (input === undefined || outDir === undefined || !Number.isInteger(jobs) || jobs < 1) throw new Error('usage: batch-child.js <input folder> <output folder> <jobs> [converter URL | -] [threads | processes]');
  if (workersArg !== undefined && workersArg !== 'threads' && workersArg !== 'processes') throw new Error(`batch-child.js: workers "${workersArg}": expected threads or processes`);
  const converter = converterArg === undefined || converterArg === '-' ? undefined : converterArg;
  const workers: WorkerKind | undefined = workersArg;
  let broken = 0;
  let firstProblem: string | undefined;
  const started = performance.now();
  const r = await runBatch({
    inputs: [input],
    outDir,
    jobs,
    force: true,
    keepResults: false,
    ...(converter !== undefined && { converter }),
    ...(workers !== undefined && { workers }),
    onResult: (f) => {
      if (f.diagnostics.some((d) => d.code === 'internal-error')) broken++;
      const error = f.diagnostics.find((d) => d.severity === 'error');
      if (error) firstProblem ??= `${error.code}: ${error.message}`;
    },
  });
  const report: BatchChildReport = {
    files: r.totals.files,
    converted: r.totals.converted,
    failed: r.totals.failed,
    broken,
    ...(firstProblem !== undefined && { firstProblem }),
    // performance.now() counts from the process's time origin, set as Node starts.
    startupMs: started,
    batchMs: performance.now() - started,
    cpuMs: processCpuMs(),
    workersCpuMs: r.workers?.cpuMs ?? 0,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();

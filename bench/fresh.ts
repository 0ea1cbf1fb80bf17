/**
 * The bench's end-to-end rows, each in a fresh process (batch-child.ts): what a user's
 * `teiwright convert` gets. Measured in the bench's own process, `--jobs 1` converted in a
 * thread already warm from the stage table's thousands of documents while the `--jobs 2`
 * workers started cold, so the two rows' ratio compared a warm thread with cold ones.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BatchChildReport } from './batch-child.js';

export interface FreshRun {
  report: BatchChildReport;
  /** The child's whole life, spawn to exit, as the parent saw it. */
  processMs: number;
}

export interface FreshNumbers {
  files: number;
  /** The batch alone, timed inside the child. */
  seconds: number;
  /** The whole process, start-up included. */
  processSeconds: number;
  /** CPU of the whole process (all its threads, its worker processes, its start-up) per file. */
  cpuMsPerFile: number;
  /** That CPU over the process's whole wall time: how many cores the run kept busy. */
  coresUsed: number;
}

/** The numbers of a row from one fresh run. */
export function freshNumbers(run: FreshRun): FreshNumbers {
  const cpu = run.report.cpuMs + run.report.workersCpuMs;
  return {
    files: run.report.files,
    seconds: run.report.batchMs / 1000,
    processSeconds: run.processMs / 1000,
    cpuMsPerFile: cpu / run.report.files,
    coresUsed: cpu / run.processMs,
  };
}

/** The child's report: the last line of its output that is a JSON object. */
export function parseChildReport(stdout: string): BatchChildReport {
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`the batch child printed no report${stdout.trim() ? `: ${stdout.trim().slice(0, 200)}` : ''}`);
  const r = JSON.parse(line) as Partial<BatchChildReport>;
  for (const key of ['files', 'converted', 'failed', 'broken', 'startupMs', 'batchMs', 'cpuMs', 'workersCpuMs'] as const) {
    if (typeof r[key] !== 'number') throw new Error(`the batch child's report has no number "${key}": ${line.slice(0, 200)}`);
  }
  return r as BatchChildReport;
}

export interface FreshOptions {
  jobs: number;
  /** A converter module's URL (the trivial converter); the real one when absent. */
  converter?: string;
  workers?: 'threads' | 'processes';
}

/** Runs one batch of `input` into `outDir` in a fresh Node process. */
export function runFresh(input: string, outDir: string, o: FreshOptions): FreshRun {
  const child = fileURLToPath(new URL('./batch-child.js', import.meta.url));
  const args = [child, input, outDir, String(o.jobs), o.converter ?? '-', ...(o.workers ? [o.workers] : [])];
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const processMs = performance.now() - started;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`the batch child exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  return { report: parseChildReport(r.stdout), processMs };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ceilingRow } from '../../bench/ceiling.js';
import type { CeilingResult } from '../../bench/ceiling-worker.js';
import { freshNumbers, parseChildReport } from '../../bench/fresh.js';
import { schedstatCpuMs, statCpuMs, threadCpuMs } from '../../bench/thread-cpu.js';

// A thread's /proc stat line; utime 250 and stime 30 ticks (fields 14 and 15), a command name with spaces and parentheses.
const STAT = '4242 (node (worker) 1) R 4200 4200 21095 0 -1 4194304 101 0 0 0 250 30 7 9 20 0 5 0 1122125 3133440 418 18446744073709551615';

describe("the bench's per-thread CPU clock", () => {
  it('reads utime + stime from a stat line, counting fields after the last parenthesis of the name', () => {
    expect(statCpuMs(STAT)).toBe(2800);
    expect(statCpuMs('4242 (node) R 1 2')).toBeUndefined();
    expect(statCpuMs('no name here')).toBeUndefined();
  });

  it('reads nanoseconds on a CPU from a schedstat line, in milliseconds', () => {
    expect(schedstatCpuMs('4082124000 5704503 2\n')).toBe(4082.124);
    expect(schedstatCpuMs('')).toBeUndefined();
    expect(schedstatCpuMs('x 1 2')).toBeUndefined();
  });

  it("reads this thread's own files: the stat line of /proc/thread-self parses, and the clock never goes back", () => {
    expect(statCpuMs(readFileSync('/proc/thread-self/stat', 'utf8'))).toBeGreaterThanOrEqual(0);
    const a = threadCpuMs();
    const b = threadCpuMs();
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThanOrEqual(a);
  });
});

describe("the bench's fresh-process rows", () => {
  const report = { files: 400, converted: 398, failed: 2, broken: 0, startupMs: 300, batchMs: 2000, cpuMs: 2600, workersCpuMs: 1400 };

  it('count the whole process: its own CPU and its worker processes, over its whole life', () => {
    const n = freshNumbers({ report, processMs: 2500 });
    expect(n).toEqual({ files: 400, seconds: 2, processSeconds: 2.5, cpuMsPerFile: 10, coresUsed: 1.6 });
  });

  it("read the child's report from the last JSON line of its output, and say what is missing", () => {
    expect(parseChildReport(`a warning\n${JSON.stringify(report)}\n`)).toEqual(report);
    expect(() => parseChildReport('')).toThrow(/no report/);
    expect(() => parseChildReport(JSON.stringify({ ...report, cpuMs: undefined }))).toThrow(/"cpuMs"/);
  });
});

describe("the machine's ceiling", () => {
  const result = (units: number, cpuMs: number, wallMs: number, processCpuStart: number, processCpuEnd: number): CeilingResult => ({ units, cpuMs, wallMs, processCpuStart, processCpuEnd });

  it('gives CPU per unit alone and in two threads, and the best --jobs 2 / --jobs 1 with and without the background threads', () => {
    // Alone (two phases): 1 ms per unit of the thread, 1.5 with the background. Together: 1.25 ms each, 3,000 ms of process CPU for 2,000 units.
    const alone = [result(500, 500, 500, 0, 750), result(500, 500, 500, 5000, 5750)];
    const together = [[result(1000, 1250, 1400, 10_000, 12_900), result(1000, 1250, 1400, 10_100, 13_000)]];
    const row = ceilingRow('teiwright', 3000, alone, together);
    expect(row.measured).toBe(1000);
    expect(row.alone).toBe(1);
    expect(row.aloneProcess).toBe(1.5);
    expect(row.pair).toEqual([1.25, 1.25]);
    expect(row.pairProcess).toBe(1.5);
    expect(row.ratio).toBeCloseTo(1.6, 10);
    expect(row.ratioWithBackground).toBeCloseTo(4 / 3, 10);
    expect(row.pairCores).toBeCloseTo(2500 / 1400, 10);
  });

  it('keeps each thread apart over the phases together, counted by the units it did (one stops early when the other finishes)', () => {
    const alone = [result(100, 100, 100, 0, 100)];
    const together = [
      [result(100, 100, 100, 0, 200), result(80, 100, 100, 0, 200)],
      [result(60, 100, 100, 1000, 1200), result(100, 100, 100, 1000, 1200)],
    ];
    const row = ceilingRow('allocation', 200, alone, together);
    expect(row.pair).toEqual([200 / 160, 200 / 180]);
    expect(row.pairProcess).toBeCloseTo(400 / 340, 10);
    expect(row.pairCores).toBe(2);
  });
});

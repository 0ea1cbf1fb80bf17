/**
 * The bench's CPU clocks: the whole process's, and the calling thread's alone (Linux). Node 20 has no per-thread CPU clock
 * (`process.threadCpuUsage` came in Node 23.9), and in a worker thread `process.cpuUsage()`
 * and `process.resourceUsage()` are the whole process's. The kernel keeps each thread's
 * own in /proc: `/proc/thread-self` names the thread that opens it, and a synchronous read
 * (readFileSync) opens it in the calling JavaScript thread, not in libuv's pool.
 * `schedstat` gives the time on a CPU in nanoseconds; `stat` (utime + stime, in clock
 * ticks of 10 ms) is the fallback where the kernel keeps no scheduler statistics.
 */
import { readFileSync } from 'node:fs';

/** Milliseconds per clock tick of /proc's stat fields (USER_HZ, 100 on Linux everywhere). */
const TICK_MS = 10;

/** Milliseconds on a CPU from a `/proc/…/schedstat` line ("run ns, wait ns, slices"), or undefined. */
export function schedstatCpuMs(text: string): number | undefined {
  const first = text.trim().split(/\s+/)[0];
  if (first === undefined || !/^\d+$/.test(first)) return undefined;
  return Number(first) / 1e6;
}

/**
 * Milliseconds of user + system time from a `/proc/…/stat` line, or undefined. The second
 * field (the command name, in parentheses) may itself hold spaces and parentheses, so the
 * fields are counted from the last ')': utime and stime are fields 14 and 15 of the line.
 */
export function statCpuMs(text: string): number | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // After the name: field 3 (state) is at index 0, so field n is at index n - 3.
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const utime = fields[14 - 3];
  const stime = fields[15 - 3];
  if (utime === undefined || stime === undefined || !/^\d+$/.test(utime) || !/^\d+$/.test(stime)) return undefined;
  return (Number(utime) + Number(stime)) * TICK_MS;
}

/** CPU milliseconds of the whole process (all its threads) since it started. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds the calling thread has used since it started. */
export function threadCpuMs(): number {
  try {
    const ms = schedstatCpuMs(readFileSync('/proc/thread-self/schedstat', 'utf8'));
    if (ms !== undefined) return ms;
  } catch {
    // No scheduler statistics in this kernel: the tick counts below.
  }
  const ms = statCpuMs(readFileSync('/proc/thread-self/stat', 'utf8'));
  if (ms === undefined) throw new Error('cannot read this thread’s CPU time from /proc/thread-self/stat');
  return ms;
}

import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/batch/pool.js';
import { childV8Flags, setV8Flag } from '../../src/batch/v8-flags.js';
import { HEAP_GROWING_PERCENT, INTERRUPT_BUDGET, MAX_INLINED_BYTECODE_SIZE, setCliV8Flags } from '../../src/cli/heap.js';

const TASK = new URL('./fixtures/exec-argv-task.mjs', import.meta.url).href;
interface Answer {
  execArgv: string[];
  pid: number;
  echo: unknown;
}

describe('the worker pool', () => {
  it('starts worker processes with the V8 flags the command line set for itself (heap growth, inlining, tier-up budget, young generation)', async () => {
    setCliV8Flags();
    // Unless the test process was itself started with a flag (then it is in execArgv, which workers get anyway).
    if (!process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) expect(childV8Flags()).toContain(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    if (!process.execArgv.some((a) => a.startsWith('--max-inlined'))) expect(childV8Flags()).toContain(`--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE_SIZE}`);
    if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget='))) expect(childV8Flags()).toContain(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    setV8Flag('--stack-trace-limit=25');
    const pool = createPool<number, Answer>('processes', TASK, 2);
    try {
      const answers = await Promise.all([1, 2, 3].map((n) => pool.run(n)));
      expect(answers.map((a) => a.echo)).toEqual([1, 2, 3]);
      for (const a of answers) {
        expect(a.pid).not.toBe(process.pid);
        expect(a.execArgv).toContain('--stack-trace-limit=25');
        expect(a.execArgv.some((f) => f.startsWith('--heap-growing-percent'))).toBe(true);
        expect(a.execArgv.some((f) => f.startsWith('--max-inlined-bytecode-size'))).toBe(true);
        expect(a.execArgv.some((f) => f.startsWith('--interrupt-budget='))).toBe(true);
        expect(a.execArgv.some((f) => f.startsWith('--max-semi-space-size'))).toBe(true);
      }
    } finally {
      await pool.close();
    }
    expect(pool.usage()).toMatchObject({ started: 2, reported: 2 });
  });

  it('runs tasks in worker threads of this process, in the order given back, and ends them on close', async () => {
    const pool = createPool<number, Answer>('threads', TASK, 2);
    try {
      const answers = await Promise.all(Array.from({ length: 9 }, (_, n) => pool.run(n)));
      expect(answers.map((a) => a.echo)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([process.pid]));
    } finally {
      await pool.close();
    }
    expect(pool.usage()).toBeUndefined();
    await expect(pool.run(1)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

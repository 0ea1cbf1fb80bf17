import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { forkProcess } from '../../src/batch/process-pool.js';

const DIES = fileURLToPath(new URL('./fixtures/die-on-message.cjs', import.meta.url));

/** Blocks this thread (its event loop too) for `ms`, so the parent cannot learn yet that the child died. */
const block = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Every reason given for the end of a worker that was written to after it had died. */
async function reasonsForDeath(): Promise<string[]> {
  const reasons: string[] = [];
  await new Promise<void>((resolve) => {
    const endpoint = forkProcess(DIES, {
      message: () => {
        endpoint.send({ type: 'die' } as never);
        block(1000); // the child dies meanwhile; the parent's event loop has not run
        endpoint.send({ type: 'too late' } as never); // fails: EPIPE, before 'close' says why
      },
      gone: (why) => {
        reasons.push(why);
        if (why.includes('killed') || why.includes('exited')) setTimeout(resolve, 50);
      },
    });
  });
  return reasons;
}

describe('a worker process written to after it was killed', () => {
  it('is reported as killed by its signal, not as a failed write (EPIPE)', async () => {
    const reasons = await reasonsForDeath();
    expect(reasons[0]).toBe('the worker process was killed by SIGKILL');
  }, 30_000);
});

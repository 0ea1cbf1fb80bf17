/**
 * The main thread's young generation stays the size it started with during a run in worker
 * threads. V8 grows a young generation whenever as many bytes as it holds have survived since
 * it last grew, so a long batch grew the main thread's to 16 MB per semi-space (peak RSS grew
 * with the number of files); the command line sets the growth factor to 1, and the pool sets
 * it again after each worker thread is up, since setting up a thread's heap raises it back
 * to 2. Measured in fresh processes on the built code (a size, not a time).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const SCRIPT = join(PROJECT_ROOT, 'tests/batch/fixtures/young-generation.mjs');
const DIST = `${pathToFileURL(join(PROJECT_ROOT, 'dist')).href}/`;
const MB = 1024 * 1024;
const youngGeneration = (...args: string[]): number => Number(execFileSync(process.execPath, [SCRIPT, DIST, ...args], { encoding: 'utf8' }));

describe('the main thread of a pooled run', () => {
  it('keeps its young generation small with the command line\'s flags, where V8 alone grows it', () => {
    // Without the flags the same allocation grows it (so the check below can fail).
    expect(youngGeneration()).toBeGreaterThan(8 * MB);
    expect(youngGeneration('--cli-flags')).toBeLessThanOrEqual(4 * MB);
  });
});

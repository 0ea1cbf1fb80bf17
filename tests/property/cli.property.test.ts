/**
 * The command line on generated batches (fuzz/cli-check.ts): `--jobs 1` and `--jobs 2` give
 * the same bytes and report; the JSON report has the documented fields; printed lines are
 * escaped one-liners without stack traces; every diagnostic points inside its file;
 * `validate` finds no error in what `convert` wrote; a run killed at a random moment leaves
 * no partly written file and its rerun completes. A few cases (each runs the CLI five
 * times), fixed seed; `npm run fuzz -- --cli N` runs more. Shrunk batches the long run saved
 * (tests/property/fixtures/cli-*.json) are replayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batch, batchFromJson, checkBatch } from '../../fuzz/cli-check.js';
import { decodeInput } from '../../src/io/decode.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const CLI = join(PROJECT_ROOT, 'dist/cli/main.js');
const FIXTURES = join(PROJECT_ROOT, 'tests/property/fixtures');
const decode = (bytes: Uint8Array) => decodeInput(Buffer.from(bytes));

describe('the CLI on generated batches (fast-check, fixed seed)', () => {
  it('--jobs 1 = --jobs 2, a valid JSON report, escaped lines, places inside the inputs, validate agrees, a kill leaves whole files', async () => {
    await fc.assert(
      fc.asyncProperty(batch, fc.integer({ min: 200, max: 2500 }), async (files, ms) => {
        expect(await checkBatch(CLI, files, decode, { killAfterMs: ms })).toEqual([]);
      }),
      { seed: 20261130, numRuns: 2, endOnFailure: true },
    );
  }, 300_000);

  it('replays the batches the long fuzz run saved', async () => {
    const names = readdirSync(FIXTURES).filter((n) => n.startsWith('cli-') && n.endsWith('.json')).sort();
    for (const name of names) {
      expect([name, await checkBatch(CLI, batchFromJson(readFileSync(join(FIXTURES, name), 'utf8')), decode)]).toEqual([name, []]);
    }
  }, 300_000);
});

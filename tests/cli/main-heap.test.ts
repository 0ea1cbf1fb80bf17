/**
 * The main thread of a pooled run keeps its heap near its live size (cli/heap.ts,
 * `mainHeapKeeper`): the little each file leaves in the old generation is collected every
 * `MAIN_HEAP_STEP`, where V8 alone let it pile up to the live size + 8 MB (a run of 10,000
 * files reached that, one of 1,000 did not: the peak RSS grew with the corpus). Measured in
 * fresh processes with the command line's flags, as sizes: the most the old generation held
 * over its live size while a loop promotes garbage the way the run's results do.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const MB = 1024 * 1024;
const HEAP = pathToFileURL(join(PROJECT_ROOT, 'dist/cli/heap.js')).href;

/** Peak old generation over the live one (bytes) during 20,000 "files", each leaving ~1.5 KB that outlives a few scavenges. */
function peakOverLive(keeper: boolean): number {
  const script = `
    const { setCliV8Flags, mainHeapKeeper, oldGenerationUsed } = await import(${JSON.stringify(HEAP)});
    setCliV8Flags();
    const keep = ${keeper} ? mainHeapKeeper() : () => {};
    // Results in flight: each lives while the next 3,000 are made, long enough to be promoted.
    const inFlight = new Array(3000);
    let peak = 0;
    for (let i = 0; i < 20000; i++) {
      inFlight[i % inFlight.length] = { input: 'corpus/' + i + '/a-title.txt', diagnostics: Array.from({ length: 8 }, (_, k) => ({ code: 'w' + k, line: i })) };
      keep();
      peak = Math.max(peak, oldGenerationUsed());
    }
    globalThis.gc();
    process.stdout.write(String(peak - oldGenerationUsed()));
  `;
  return Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('the main thread of a pooled run', () => {
  it('collects its old generation every 2 MB of growth, where V8 alone let it grow 8 MB over the live size', () => {
    // Without the keeper the same loop piles up garbage (so the check below can fail).
    expect(peakOverLive(false)).toBeGreaterThan(8 * MB);
    expect(peakOverLive(true)).toBeLessThan(5 * MB);
  });
});

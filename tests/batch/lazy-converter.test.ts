/**
 * The converter is loaded when a file first needs converting, not when a worker starts: a
 * rerun whose files are all unchanged (the manifest's skip) never loads the pipeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runBatch, type BatchOptions } from '../../src/batch/index.js';
import { expectValidTei } from '../helpers/tei.js';
import { TEST_CONVERTER, Workspace, codes, statuses } from './helpers.js';

const UNLOADABLE = new URL('./fixtures/unloadable-converter.mjs', import.meta.url).href;

let ws: Workspace | undefined;
afterEach(() => ws?.remove());

const run = (w: Workspace, options: Partial<BatchOptions>) => runBatch({ inputs: ['input'], outDir: 'output', cwd: w.root, keepResults: true, ...options });

function corpus(): Workspace {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) files[`input/letter-${String(i).padStart(2, '0')}.txt`] = `Letter ${i}\n\nComrades, the work goes on (${i}).\n`;
  return new Workspace().write(files);
}

describe('the converter is loaded only when a file needs converting', () => {
  for (const jobs of [1, 2]) {
    it(`--jobs ${jobs}: a rerun of unchanged files succeeds with a converter that cannot even be loaded`, async () => {
      const w = (ws = corpus());
      const first = await run(w, { converter: TEST_CONVERTER, jobs });
      expect(first.totals.converted).toBe(20);
      expectValidTei(w.read('output/letter-00.xml'));
      const again = await run(w, { converter: UNLOADABLE, jobs });
      expect(again.totals).toMatchObject({ files: 20, unchanged: 20, failed: 0 });
      expect(again.results.every((r) => r.diagnostics.length === 0)).toBe(true);
    });
  }

  it('--jobs 2: a changed file still loads the converter (and fails when it cannot be loaded); the unchanged files are skipped', async () => {
    const w = (ws = corpus());
    await run(w, { converter: TEST_CONVERTER, jobs: 2 });
    w.write({ 'input/letter-07.txt': 'Letter 7\n\nRevised.\n' });
    const again = await run(w, { converter: UNLOADABLE, jobs: 2 });
    const status = statuses(again.results);
    expect(status['input/letter-07.txt']).toBe('failed');
    expect(codes(again.results.find((r) => r.input === 'input/letter-07.txt'))).toEqual(['internal-error']);
    expect(Object.values(status).filter((s) => s === 'unchanged')).toHaveLength(19);
  });
});

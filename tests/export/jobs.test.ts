/** `teiwright export --jobs N`: the same files and the same results in this thread, in worker threads and in worker processes. */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { ExportFileResult } from '../../src/export/task.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { exportTo, tempDir } from './helpers.js';

/** Every file under `dir` with its bytes, by relative path (the export cache and manifest hold times: left out). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== '.teiwright-export-cache') visit(full);
      } else if (name !== '.teiwright-export.json') out[relative(dir, full)] = readFileSync(full, 'latin1');
    }
  };
  visit(dir);
  return out;
}

/** The results without times, each output path without its run's folder (`jsonl-1/…`, `jsonl-threads/…`). */
const comparable = (results: readonly ExportFileResult[]) =>
  JSON.parse(JSON.stringify(results, (k, v) => (k === 'ms' || k === 'seconds' ? undefined : k === 'outputs' ? (v as string[]).map((o) => o.replace(/^[^/]+\//, '')) : v)));

describe('export --jobs', () => {
  it('gives the same bytes and results with --jobs 1, 2 worker threads and 2 worker processes, a broken file included', async () => {
    const dir = tempDir('export-jobs');
    const tei = join(dir, 'tei');
    mkdirSync(join(tei, 'sub'), { recursive: true });
    const inputs = readdirSync(join(PROJECT_ROOT, 'input')).filter((n) => n.endsWith('.txt')).sort();
    inputs.forEach((name, i) => writeFileSync(join(tei, i % 2 ? 'sub' : '', name.replace(/\.txt$/, '.xml')), convert(readFileSync(join(PROJECT_ROOT, 'input', name), 'utf8'), { file: name }).tei!));
    writeFileSync(join(tei, 'broken.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>');
    for (const format of ['jsonl', 'txt', 'teicorpus']) {
      const one = await exportTo(format, [tei], join(dir, `${format}-1`), {}, { cwd: dir, jobs: 1 });
      const threads = await exportTo(format, [tei], join(dir, `${format}-threads`), {}, { cwd: dir, jobs: 2 });
      const saved = process.env.TEIWRIGHT_WORKERS;
      process.env.TEIWRIGHT_WORKERS = 'processes';
      let processes;
      try {
        processes = await exportTo(format, [tei], join(dir, `${format}-processes`), {}, { cwd: dir, jobs: 2 });
      } finally {
        if (saved === undefined) delete process.env.TEIWRIGHT_WORKERS;
        else process.env.TEIWRIGHT_WORKERS = saved;
      }
      expect(one.results.some((r) => r.status === 'failed')).toBe(true);
      expect(one.results.filter((r) => r.status === 'exported').length).toBe(inputs.length);
      for (const other of [threads, processes]) {
        expect(comparable(other.results)).toEqual(comparable(one.results));
        expect(other.interrupted).toBe(false);
      }
      const expected = tree(join(dir, `${format}-1`));
      expect(Object.keys(expected).length).toBeGreaterThan(1);
      expect(tree(join(dir, `${format}-threads`))).toEqual(expected);
      expect(tree(join(dir, `${format}-processes`))).toEqual(expected);
    }
  }, 180_000);
});

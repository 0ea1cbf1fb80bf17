/**
 * The end of a long run compacts the manifest: this run's journal is replayed a chunk at a
 * time and the sorted manifest written a chunk at a time (manifest.ts). Before, a run of
 * 100,000 files read its 33 MB journal whole, split it, and built the manifest as an array
 * of lines, one string and a buffer: the run peaked there (278 MB for 100,000 files against
 * 142 MB for 10,000), and the compaction alone did not finish in a heap of 128 MB. Now it
 * does in 64: what is left is the map of entries the sort needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { Manifest, MANIFEST_NAME, renderManifest, type ManifestEntry } from '../../src/batch/manifest.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('compacting the manifest of a long run', () => {
  test('100,000 entries are compacted in a process whose heap is capped at 64 MB', () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-memory-'));
    const script = `
      const { Manifest, MANIFEST_NAME } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/batch/manifest.js')).href)});
      const path = ${JSON.stringify(join(dir, MANIFEST_NAME))};
      const m = await Manifest.load(path);
      for (let i = 0; i < 100000; i++) {
        const input = 'corpus/' + String(i % 1000).padStart(3, '0') + '/some-author-1917-a-longer-title-of-the-work-' + i + '.txt';
        m.set(input, { sha256: String(i).padStart(64, 'a'), version: '1', profile: null, validate: true, verify: true, status: 'converted', output: input.replace(/txt$/, 'xml'), readAs: 'mia-html' });
        if (i % 5000 === 4999) await m.save();
      }
      await m.compact('1');
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', '--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/out of memory/);
    expect(r.status).toBe(0);
    const files = (JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as { files: Record<string, ManifestEntry> }).files;
    const keys = Object.keys(files);
    expect(keys).toHaveLength(100_000);
    expect(keys).toEqual([...keys].sort());
    expect(files['corpus/042/some-author-1917-a-longer-title-of-the-work-99042.txt']?.sha256).toBe('99042'.padStart(64, 'a'));
  });

  test('the manifest written in chunks is the text written whole: one entry per line, sorted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-memory-'));
    const entry = (n: number): ManifestEntry => ({ sha256: `sha-${n}`, version: '1', profile: null, validate: true, verify: true, status: 'converted', output: `out/«${n}».xml` });
    const whole = (entries: Map<string, ManifestEntry>): string => {
      const lines = [...entries.keys()].sort().map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(entries.get(k))}`);
      return `{\n  "teiwright": "1",\n  "files": {\n${lines.join(',\n')}${lines.length ? '\n' : ''}  }\n}\n`;
    };
    for (const count of [0, 1, 3000]) {
      const entries = new Map(Array.from({ length: count }, (_, i) => [`in/«${(i * 7919) % 3001}».txt`, entry(i)] as const));
      expect([...renderManifest('1', entries)].join('')).toBe(whole(entries));
      // A run that changed nothing writes no manifest.
      if (count === 0) continue;
      const path = join(dir, `${count}`, MANIFEST_NAME);
      const m = await Manifest.load(path);
      for (const [k, v] of entries) m.set(k, v);
      await m.compact('1');
      expect(readFileSync(path, 'utf8')).toBe(whole(entries));
    }
  });
});

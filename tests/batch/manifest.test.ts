/**
 * The manifest's journal: a save costs the changes since the last one (never a rewrite of
 * the whole manifest), and a run killed at any point leaves a manifest the next run can use.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Manifest, MANIFEST_NAME, type ManifestEntry } from '../../src/batch/manifest.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const entry = (n: number): ManifestEntry => ({ sha256: `sha-${n}`, version: '1', profile: null, validate: true, verify: true, status: 'converted', output: `out/f${n}.xml` });
const journals = (d: string): string[] => readdirSync(d).filter((n) => n.startsWith('.teiwright-manifest.journal-'));
const files = (d: string): Record<string, ManifestEntry> => (JSON.parse(readFileSync(join(d, MANIFEST_NAME), 'utf8')) as { files: Record<string, ManifestEntry> }).files;

describe('the manifest journal', () => {
  it('appends only what changed: a save leaves a large manifest untouched and writes one line per change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-'));
    const path = join(dir, MANIFEST_NAME);
    const first = await Manifest.load(path);
    for (let i = 0; i < 5000; i++) first.set(`in/f${i}.txt`, entry(i));
    await first.compact('1');
    const manifestBytes = statSync(path).size;
    const before = statSync(path).mtimeMs;

    const m = await Manifest.load(path);
    expect(m.reusable('in/f42.txt', { version: '1', profile: null, validate: true, verify: true })?.sha256).toBe('sha-42');
    m.set('in/f1.txt', entry(100_001));
    await m.save();
    m.set('in/f2.txt', null);
    m.set('in/new.txt', entry(7));
    await m.save();
    expect(statSync(path).mtimeMs).toBe(before);
    const lines = readFileSync(m.journalPath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(Buffer.byteLength(readFileSync(m.journalPath))).toBeLessThan(manifestBytes / 100);
    expect(m.unsaved).toBe(false);

    await m.compact('1');
    expect(journals(dir)).toEqual([]);
    const merged = files(dir);
    expect(Object.keys(merged)).toHaveLength(5000);
    expect(merged['in/f1.txt']?.sha256).toBe('sha-100001');
    expect(merged['in/f2.txt']).toBeUndefined();
    expect(merged['in/new.txt']?.sha256).toBe('sha-7');
    // Sorted, one entry per line, as before the journal.
    const keys = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('    "in/'))
      .map((l) => JSON.parse(l.slice(0, l.indexOf('": {') + 1)) as string);
    expect(keys).toHaveLength(5000);
    expect(keys).toEqual([...keys].sort());
  });

  it('a run killed between appends (SIGKILL) leaves what it saved; the next run uses it and compacts the dead journal', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-kill-'));
    const path = join(dir, MANIFEST_NAME);
    const script = `
      const { Manifest } = await import(${JSON.stringify(new URL('dist/batch/manifest.js', `file://${PROJECT_ROOT}/`).href)});
      const m = await Manifest.load(${JSON.stringify(path)});
      for (let i = 0; ; i++) {
        m.set('in/f' + i + '.txt', { sha256: 'sha-' + i, version: '1', profile: null, validate: true, verify: true, status: 'converted', output: 'out/f' + i + '.xml' });
        await m.save();
        process.stdout.write('saved ' + i + '\\n');
        await new Promise((r) => setTimeout(r, 5));
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if ((out.match(/saved/g) ?? []).length >= 20) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const saved = (out.match(/saved/g) ?? []).length;
    expect(existsSync(path)).toBe(false);
    expect(journals(dir)).toHaveLength(1);

    const next = await Manifest.load(path);
    const settings = { version: '1', profile: null, validate: true, verify: true };
    for (let i = 0; i < saved; i++) expect(next.reusable(`in/f${i}.txt`, settings)?.sha256).toBe(`sha-${i}`);
    next.set('in/mine.txt', entry(1));
    await next.compact('1');
    expect(journals(dir)).toEqual([]);
    // What the child saved after the message the test counted last (it may have saved one more before the kill landed).
    const all = files(dir);
    expect(all['in/mine.txt']?.sha256).toBe('sha-1');
    for (let i = 0; i < saved; i++) expect(all[`in/f${i}.txt`]?.sha256).toBe(`sha-${i}`);
    expect(Object.keys(all).length).toBeLessThanOrEqual(saved + 2);
  });

  it('skips a line a kill cut short, keeps the whole lines before it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-torn-'));
    const path = join(dir, MANIFEST_NAME);
    const m = await Manifest.load(path);
    m.set('in/a.txt', entry(1));
    m.set('in/b.txt', entry(2));
    await m.save();
    appendFileSync(m.journalPath, '["in/c.txt",{"sha256":"sha-3","vers');
    const next = await Manifest.load(path);
    const settings = { version: '1', profile: null, validate: true, verify: true };
    expect(next.reusable('in/a.txt', settings)?.sha256).toBe('sha-1');
    expect(next.reusable('in/b.txt', settings)?.sha256).toBe('sha-2');
    expect(next.ownedOutput('in/c.txt')).toBeUndefined();
  });

  it('a kill after the compacted manifest is written but before the journals are removed changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-compact-'));
    const path = join(dir, MANIFEST_NAME);
    const old = await Manifest.load(path);
    old.set('in/a.txt', entry(1));
    old.set('in/b.txt', entry(2));
    await old.compact('1');
    const m = await Manifest.load(path);
    m.set('in/a.txt', entry(10));
    m.set('in/b.txt', null);
    await m.save();
    const kept = join(dir, 'journal-copy');
    copyFileSync(m.journalPath, kept);
    await m.compact('1');
    const compacted = files(dir);
    // Put the journal back, as if the kill came between the rename and the removal.
    copyFileSync(kept, m.journalPath);
    const again = await Manifest.load(path);
    expect(again.ownedOutput('in/a.txt')).toBe(compacted['in/a.txt']?.output);
    expect(again.reusable('in/a.txt', { version: '1', profile: null, validate: true, verify: true })?.sha256).toBe('sha-10');
    expect(again.ownedOutput('in/b.txt')).toBeUndefined();
  });

  it('leaves its journal when a running process holds the lock, and the entries are still read', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-manifest-lock-'));
    const path = join(dir, MANIFEST_NAME);
    // This test's own process holds the lock: it is running.
    writeFileSync(join(dir, '.teiwright-manifest.lock'), String(process.pid));
    const m = await Manifest.load(path);
    m.set('in/a.txt', entry(1));
    await m.compact('1');
    expect(existsSync(path)).toBe(false);
    expect(journals(dir)).toHaveLength(1);
    expect((await Manifest.load(path)).ownedOutput('in/a.txt')).toBe('out/f1.xml');
    // A lock left by a process that is gone is taken over.
    writeFileSync(join(dir, '.teiwright-manifest.lock'), '999999999');
    const later = await Manifest.load(path);
    later.set('in/b.txt', entry(2));
    await later.compact('1');
    expect(Object.keys(files(dir))).toEqual(['in/b.txt']);
    // The first journal belongs to this (running) process's other manifest: left for it to compact.
    expect(journals(dir)).toHaveLength(1);
    await m.compact('1');
    expect(journals(dir)).toEqual([]);
    expect(Object.keys(files(dir))).toEqual(['in/a.txt', 'in/b.txt']);
    expect(existsSync(join(dir, '.teiwright-manifest.lock'))).toBe(false);
  });
});

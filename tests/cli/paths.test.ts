/**
 * How paths are shown in messages and reports: relative to the working folder for a path
 * under it, absolute for one outside it (`/dev/zero`, never `../../../dev/zero`), so
 * `convert` and `validate` name a file given by its absolute path the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayPath } from '../../src/batch/plan.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const STALIN = readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), 'utf8');

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('displayPath', () => {
  it('is relative under the working folder and absolute outside it', () => {
    expect(displayPath('/work/p/input/a.txt', '/work/p')).toBe('input/a.txt');
    expect(displayPath('/work/p', '/work/p')).toBe('.');
    expect(displayPath('/work/p/..x/a.txt', '/work/p')).toBe('..x/a.txt');
    expect(displayPath('/dev/zero', '/work/p')).toBe('/dev/zero');
    expect(displayPath('/work/shared/a.txt', '/work/p')).toBe('/work/shared/a.txt');
    expect(displayPath('/work', '/work/p')).toBe('/work');
  });
});

describe('convert and validate name files outside the working folder alike', () => {
  it('convert /dev/zero names /dev/zero, as validate does', () => {
    root = mkdtempSync(join(tmpdir(), 'teiwright-paths-'));
    const deep = join(root, 'a/b/c');
    mkdirSync(deep, { recursive: true });
    const c = run(['convert', '/dev/zero', '--out', 'out', '--jobs', '1'], deep);
    const v = run(['validate', '/dev/zero', '--jobs', '1'], deep);
    expect(c.stdout).toMatch(/^\s*\/dev\/zero: error input-not-file: /m);
    expect(c.stdout).not.toContain('../dev/zero');
    expect(v.stdout).toMatch(/^\s*\/dev\/zero: error input-not-file: /m);
  });

  it('a transcription in a sibling folder is shown by its absolute path, in messages and in the report; one below by its relative path', () => {
    root = mkdtempSync(join(tmpdir(), 'teiwright-paths-'));
    mkdirSync(join(root, 'work/in'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere/far.txt'), STALIN);
    writeFileSync(join(root, 'work/in/near.txt'), STALIN);
    const r = run(['convert', '../elsewhere/far.txt', 'in/near.txt', '--out', 'out', '--jobs', '1', '--report', 'report.json'], join(root, 'work'));
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'work/report.json'), 'utf8')) as { files: { input: string; output: string }[] };
    expect(report.files.map((f) => [f.input, f.output])).toEqual([
      [join(root, 'elsewhere/far.txt'), 'out/far.xml'],
      ['in/near.txt', 'out/near.xml'],
    ]);
  });
});

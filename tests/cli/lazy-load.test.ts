/**
 * The command line loads what the command it runs needs, nothing more: `--version` and
 * `--help` print without the pipeline (readers, schemas, the validator, libxml2), and the
 * main thread of `convert --jobs 2` leaves the pipeline to its workers. Which modules were
 * loaded is recorded by a loader hook (fixtures/record-imports.mjs), not timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const HOOK = join(PROJECT_ROOT, 'tests/cli/fixtures/record-imports.mjs');
const DIST = pathToFileURL(join(PROJECT_ROOT, 'dist')).href;
const work = mkdtempSync(join(tmpdir(), 'teiwright-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command line; its stdout, exit status and the URLs of the modules its main thread loaded (and its workers', apart). */
function run(args: string[], name: string): { stdout: string; status: number | null; loaded: string[]; workers: string[] } {
  const log = join(work, `${name}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, TEIWRIGHT_IMPORTS_LOG: log } });
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]);
  return { stdout: r.stdout, status: r.status, loaded: lines.filter(([t]) => t === '0').map(([, u]) => u), workers: lines.filter(([t]) => t !== '0').map(([, u]) => u) };
}

/** Modules of the pipeline: any of them means the conversion or validation code was loaded. */
const pipeline = (loaded: readonly string[]): string[] =>
  loaded.filter((u) => /\/(libxml2-wasm|@sinclair|fast-xml-parser|parse5)\//.test(u) || [`${DIST}/convert.js`, `${DIST}/readers/`, `${DIST}/layout/`, `${DIST}/validate/`, `${DIST}/tei/`, `${DIST}/export/registry.js`].some((p) => u.startsWith(p)));

describe('what the command line loads', () => {
  it('prints --version without yargs or any of the pipeline', () => {
    const r = run(['--version'], 'version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
    // The hook saw the command line itself: an empty log would prove nothing.
    expect(r.loaded).toContain(pathToFileURL(BIN).href);
    expect(r.loaded.filter((u) => u.includes('/yargs/'))).toEqual([]);
    expect(pipeline(r.loaded)).toEqual([]);
  });

  it('prints --help listing every command without loading any command module or the pipeline', () => {
    const r = run(['--help'], 'help');
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`teiwright ${c.command}`);
    expect(r.loaded.filter((u) => u.startsWith(`${DIST}/cli/commands/`) && !u.endsWith('/commands/index.js'))).toEqual([]);
    expect(pipeline(r.loaded)).toEqual([]);
  });

  it('leaves the pipeline to the workers with --jobs 2, and converts', () => {
    const input = join(work, 'in');
    mkdirSync(input, { recursive: true });
    for (const name of ['lenin-1921-attitude-to-non-party-workers.txt', 'stalin-1912-for-the-party.txt']) writeFileSync(join(input, name), readFileSync(join(PROJECT_ROOT, 'input', name)));
    const r = run(['convert', input, '-o', join(work, 'out'), '--jobs', '2', '--quiet'], 'convert');
    expect(r.status).toBe(0);
    expect(readFileSync(join(work, 'out', 'stalin-1912-for-the-party.xml'), 'utf8')).toContain('<TEI');
    expect(r.loaded).toContain(`${DIST}/batch/index.js`);
    expect(pipeline(r.loaded)).toEqual([]);
    // The workers did load it (so the filter above would see it).
    expect(pipeline(r.workers).length).toBeGreaterThan(0);
  });

  it('keeps each command module\'s usage and description the same as the table main.ts shows', async () => {
    for (const c of COMMANDS) {
      const m = await c.load();
      expect({ command: m.command, describe: m.describe }).toEqual({ command: c.command, describe: c.describe });
    }
  });
});

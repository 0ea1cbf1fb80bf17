/**
 * `teiwright validate … | head`: when the reader of stdout goes away, the CLI stops writing
 * quietly and ends as a Unix tool does on a closed pipe (exit 141, EXIT.pipeClosed), never
 * with Node's unhandled EPIPE error and its stack trace. Each printing command, spawned from
 * the built CLI with stdout piped into a stream closed after the first chunk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/outcome.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const STALIN = readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), 'utf8');
const FILES = 60;

/** Runs the CLI with stdout read until its first chunk, then closed; resolves with the exit code and stderr. */
function runIntoClosedPipe(args: string[], cwd: string): Promise<{ code: number | null; signal: string | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, first });
    });
  });
}

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'teiwright-pipe-'));
  mkdirSync(join(cwd, 'in'));
  for (let i = 0; i < FILES; i++) writeFileSync(join(cwd, 'in', `stalin-${String(i).padStart(3, '0')}.txt`), STALIN);
  const r = spawnSync(process.execPath, [BIN, 'convert', 'in', '-o', 'tei', '--jobs', '1', '-q'], { cwd, encoding: 'utf8' });
  expect(r.status).toBe(0);
});

describe('a closed stdout (`| head`)', () => {
  const commands: Array<[string, string[]]> = [
    ['validate', ['validate', 'tei', '--jobs', '1']],
    ['convert', ['convert', 'in', '-o', 'again', '--jobs', '1', '--force']],
    ['export', ['export', 'tei', '--to', 'txt', '--out', 'txt', '--jobs', '1', '--force']],
    ['html', ['html', 'tei', '-o', 'html']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: stops quietly, exit ${EXIT.pipeClosed}, no stack trace`, async () => {
      const r = await runIntoClosedPipe(args, cwd);
      expect(r.first.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at |node:internal|Error:/);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(EXIT.pipeClosed);
    });
  }
});

describe('stdout that cannot be written (a full disk)', () => {
  it.skipIf(!existsSync('/dev/full'))('one line with the reason, exit 1, no stack trace', () => {
    const out = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'validate', 'tei', '--jobs', '1'], { cwd, encoding: 'utf8', stdio: ['ignore', out, 'pipe'] });
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^teiwright: error output-unwritable: cannot write to stdout: ENOSPC/)]);
      expect(r.status).toBe(EXIT.fileErrors);
    } finally {
      closeSync(out);
    }
  });
});

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: the command and
 * its worker processes. The workers must not die of it mid-batch (the files they did would
 * go unreported): the command stops them, each finishes its file, and none outlives it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
/** Linux lists a thread's child processes here; elsewhere the test is skipped. */
const childrenFile = (pid: number): string => `/proc/${pid}/task/${pid}/children`;
const canListChildren = existsSync(childrenFile(process.pid));

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Ctrl-C with worker processes (TEIWRIGHT_WORKERS=processes)', () => {
  it.skipIf(!canListChildren)('stops every process of the group, reports every file written, and leaves no worker behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-group-sigint-'));
    mkdirSync(join(dir, 'in'));
    const seed = readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, 'in', `doc-${String(i).padStart(3, '0')}.txt`), seed.replace('For the Party', `For the Party ${i}`));
    // A process group of its own, as a terminal gives a command.
    const child = spawn(process.execPath, [BIN, 'convert', 'in', '--out', 'out', '--jobs', '2', '--report', 'report.json'], { cwd: dir, stdio: 'ignore', detached: true, env: { ...process.env, TEIWRIGHT_WORKERS: 'processes' } });
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (c) => resolveExit(c)));
    const out = join(dir, 'out');
    const workers = await new Promise<number[]>((resolveStarted, reject) => {
      const poll = setInterval(() => {
        if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error('the command ended before it could be interrupted'));
          return;
        }
        if (!existsSync(out) || readdirSync(out).filter((f) => f.endsWith('.xml')).length < 3) return;
        clearInterval(poll);
        const pids = readFileSync(childrenFile(child.pid!), 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
        process.kill(-child.pid!, 'SIGINT');
        resolveStarted(pids);
      }, 20);
    });
    expect(workers).toHaveLength(2);
    expect(await exited).toBe(130);
    for (const pid of workers) expect(gone(pid)).toBe(true);
    const files = readdirSync(out);
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    const written = files.filter((f) => f.endsWith('.xml')).sort();
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(400);
    for (const f of written) expect(readFileSync(join(out, f), 'utf8')).toMatch(/<\/TEI>\n?$/);
    // Every file a worker wrote is in the report (none lost with a killed worker), in input order.
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { files: { input: string; status: string; output?: string }[] };
    const converted = report.files.filter((f) => f.status === 'converted');
    expect(converted.map((f) => f.output?.replace(/^out\//, '')).sort()).toEqual(written);
    const inputs = report.files.map((f) => f.input);
    expect(inputs).toEqual([...inputs].sort());
  });
});

/**
 * One test per finding of the hardening issue (command line side): every failure is one
 * escaped line with a code, never a stack trace; limits hold while reading; outcomes do not
 * depend on --jobs; nothing of the user's machine leaks into the TEI.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemps } from '../../src/batch/atomic.js';
import { printable } from '../../src/cli/output.js';
import { loadCorrections } from '../../src/transforms/corrections/load.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { expectValidTei } from '../helpers/tei.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const STALIN = readFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), 'utf8');

function run(args: string[], cwd: string, timeout = 120_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** The CLI with `input` on its stdin (a string, or a file descriptor such as an open /dev/zero). */
function runWithStdin(args: string[], cwd: string, input: string | number, timeout = 120_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd, encoding: 'utf8', timeout, env: { ...process.env, FORCE_COLOR: '0' },
    ...(typeof input === 'string' ? { input } : { stdio: [input, 'pipe', 'pipe'] }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

function dir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'teiwright-harden-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);

describe('inputs that are not regular files, and sizes, are bounded while reading', () => {
  it('a FIFO named on the command line is refused at once (no hang); the batch goes on', () => {
    const d = dir({ 'ok.txt': STALIN });
    if (spawnSync('mkfifo', [join(d, 'pipe.txt')]).status !== 0) return void console.warn('mkfifo is not available: skipped');
    const r = run(['convert', 'pipe.txt', 'ok.txt', '--out', 'out', '--jobs', '1'], d, 60_000);
    expect(r.signal).toBeNull();
    expect(r.stdout).toMatch(/pipe\.txt: error input-not-file: a FIFO/);
    expect(existsSync(join(d, 'out/ok.xml'))).toBe(true);
    expect(r.code).toBe(1);
  });

  it('/dev/zero with --max-size 1MB stops reading at the limit (a device is refused by name)', () => {
    const r = run(['convert', '/dev/zero', '--max-size', '1MB', '--out', dir(), '--jobs', '1'], dir(), 60_000);
    expect(r.signal).toBeNull();
    expect(r.stdout).toMatch(/error input-not-file: a character device/);
    expect(r.code).toBe(1);
  });

  it('--max-size counts the bytes read, not the size stat reports', async () => {
    const { readInput } = await import('../../src/batch/process-file.js');
    const d = dir({ 'big.txt': 'x'.repeat(5000) });
    expect(await readInput(join(d, 'big.txt'), 4096)).toEqual({ tooLarge: 5000 });
    // /proc files report size 0 and are still bounded by what is read.
    if (existsSync('/proc/self/maps')) expect(await readInput('/proc/self/maps', 10)).toEqual({ tooLarge: 11 });
  });
});

describe('one escaped line per problem, never a stack trace', () => {
  it('file names with a newline, ESC or RLO are printed escaped on one line', () => {
    const name = 'a\nb\u001b[31m\u202Ec.txt';
    const d = dir({ [name]: '' });
    const r = run(['convert', '.', '--out', 'out', '--jobs', '1'], d);
    const line = r.stdout.split('\n').find((l) => l.includes('input-empty'));
    expect(line).toContain('a\\x0ab\\x1b[31m\\u{202e}c.txt: error input-empty: ');
    expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(printable('x\ny\u2028z')).toBe('x\\x0ay\\u{2028}z');
  });

  it('--report to a path that cannot be written: exit 1, one line, no stack trace', () => {
    const d = dir({ 'in.txt': STALIN });
    mkdirSync(join(d, 'report.json'));
    const r = run(['convert', 'in.txt', '--out', 'out', '--report', 'report.json', '--jobs', '1'], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^teiwright: error report-unwritable: cannot write the report report\.json: /m);
    noStack(r.stderr);
  });

  it('a manifest that cannot be saved is an error (exit 1), not silence', () => {
    const d = dir({ 'in.txt': STALIN });
    mkdirSync(join(d, 'out/.teiwright-manifest.json'), { recursive: true });
    const r = run(['convert', 'in.txt', '--out', 'out', '--jobs', '1'], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error report-unwritable: cannot save/);
    noStack(r.stderr);
  });

  it('a deeply nested corrections file is the same per-file error with --jobs 1 and --jobs 2', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const d = dir({ 'a.txt': STALIN, 'b.txt': STALIN, 'fixes.json': deep });
    const one = run(['convert', 'a.txt', 'b.txt', '--out', 'o1', '--corrections', 'fixes.json', '--jobs', '1', '--json'], d);
    const two = run(['convert', 'a.txt', 'b.txt', '--out', 'o2', '--corrections', 'fixes.json', '--jobs', '2', '--json'], d);
    const facts = (out: string) => {
      const rep = JSON.parse(out) as { files: { input: string; status: string; diagnostics: { code: string; line?: number }[] }[]; exitCode: number };
      return { exit: rep.exitCode, files: rep.files.map((f) => [f.input, f.status, f.diagnostics.map((x) => `${x.code}@${x.line}`).join()]) };
    };
    expect(facts(one.stdout)).toEqual(facts(two.stdout));
    expect(facts(one.stdout).files).toEqual([
      ['a.txt', 'failed', 'corrections-invalid@1'],
      ['b.txt', 'failed', 'corrections-invalid@1'],
    ]);
    noStack(one.stderr + two.stderr);
  });
});

describe('temporary files of dead runs', () => {
  it('are removed at the next write into their folder; those of a live process are kept', async () => {
    const d = dir();
    // A pid that cannot be running: beyond the kernel's pid_max.
    const dead = join(d, '.x.xml.tmp-4194399-0.1');
    const live = join(d, `.y.xml.tmp-${process.pid}-0.1`);
    writeFileSync(dead, '');
    writeFileSync(live, '');
    expect(await removeStaleTemps(d)).toEqual(['.x.xml.tmp-4194399-0.1']);
    expect(readdirSync(d)).toEqual([`.y.xml.tmp-${process.pid}-0.1`]);
  });

  it('a rerun of the CLI cleans a zero-length temp file a killed run left in OUT', () => {
    const d = dir({ 'in.txt': STALIN });
    mkdirSync(join(d, 'out'));
    writeFileSync(join(d, 'out/.in.xml.tmp-4194399-0.1'), '');
    run(['convert', 'in.txt', '--out', 'out', '--jobs', '1'], d);
    expect(readdirSync(join(d, 'out')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('the corrections file', () => {
  const editors = '"editors": [{ "id": "ed1", "name": "A. Editor" }]';

  it('{"files":{"__proto__":…}} is refused with the key\'s line, not silently ignored', () => {
    const { corrections, diagnostics } = loadCorrections(`{\n  ${editors},\n  "files": {\n    "__proto__": {}\n  }\n}\n`, 'fixes.json');
    expect(corrections).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([['corrections-invalid', 4, 5, 'the key "__proto__" is not allowed at line 4, column 5']]);
  });

  it('constructor keys are refused too, and parsed objects have no prototype', () => {
    expect(loadCorrections(`{"constructor": 1}`, 'f.json').diagnostics[0]?.message).toMatch(/"constructor" is not allowed/);
    const ok = loadCorrections(`{${editors}, "files": {"a.txt": [{"find": "x", "replace": "y", "editor": "ed1"}]}}`, 'f.json');
    expect(ok.diagnostics).toEqual([]);
  });

  it('nesting and size have limits, reported at the sidecar position', () => {
    const deep = loadCorrections('['.repeat(1000), 'f.json').diagnostics[0]!;
    expect(deep).toMatchObject({ code: 'corrections-invalid', line: 1, column: 65 });
    expect(deep.message).toMatch(/nesting deeper than 64/);
    expect(loadCorrections(' '.repeat(9 * 1024 * 1024), 'f.json').diagnostics[0]?.message).toMatch(/more than the limit/);
  });

  it('a control character in an editor\'s name is reported at the sidecar\'s line:col', () => {
    const r = loadCorrections(`{\n "editors": [{ "id": "ed1", "name": "A.\\u0007Editor" }],\n "files": {}\n}`, 'fixes.json');
    expect(r.diagnostics.map((d) => [d.file, d.line, d.column])).toEqual([['fixes.json', 2, 37]]);
    expect(r.diagnostics[0]!.message).toMatch(/^\/editors\/0\/name: /);
  });

  it('an absolute --corrections path never reaches the TEI: the file name alone', () => {
    const d = dir({ 'in.txt': STALIN });
    const fixes = join(d, 'fixes.json');
    writeFileSync(fixes, JSON.stringify({ editors: [{ id: 'ed1', name: 'A. Editor' }], files: { 'in.txt': [{ find: 'Party', replace: 'Party', editor: 'ed1', occurrence: 1 }] } }));
    const r = run(['convert', 'in.txt', '--out', 'out', '--corrections', fixes, '--jobs', '1'], d);
    expect(r.code).toBe(0);
    const tei = readFileSync(join(d, 'out/in.xml'), 'utf8');
    expect(tei).toContain('fixes.json');
    expect(tei).not.toContain(d);
    expectValidTei(tei);
  });
});

describe('the CLI process itself', () => {
  it('--max-depth and --max-anchors: beyond them a clear error for that file, the batch goes on', () => {
    const deep = `<html><head><title>T</title></head><body><h1>T</h1><p>${'<b><i>'.repeat(10)}x${'</i></b>'.repeat(10)}</p></body></html>`;
    const d = dir({ 'deep.html': deep, 'ok.txt': STALIN });
    const r = run(['convert', 'deep.html', 'ok.txt', '--out', 'out', '--max-depth', '5', '--jobs', '1'], d);
    expect(r.stdout).toMatch(/deep\.html:1:\d+: error input-too-deep: .*--max-depth 5/);
    expect(existsSync(join(d, 'out/ok.xml'))).toBe(true);
    expect(r.code).toBe(1);
    expect(run(['convert', 'ok.txt', '--out', 'o2', '--max-anchors', '0'], d).code).toBe(2);
  });

  it('an --out that is a file: a one-line error per file, no stack trace', () => {
    const d = dir({ 'in.txt': STALIN, out: 'a file' });
    const r = run(['convert', 'in.txt', '--out', 'out', '--jobs', '1'], d);
    noStack(r.stderr + r.stdout);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/error [a-z-]+: /);
  });
});

describe('validate reads like convert: bounded, devices and FIFOs refused by name', () => {
  it('validate /dev/zero is refused at once as a device and the other files go on; --max-size bounds a file', () => {
    const d = dir({ 'in.txt': STALIN });
    expect(run(['convert', 'in.txt', '--out', 'out', '--jobs', '1'], d).code).toBe(0);
    const r = run(['validate', '/dev/zero', 'out/in.xml', '--jobs', '1'], d, 60_000);
    expect(r.signal).toBeNull();
    expect(r.stdout).toMatch(/\/dev\/zero: error input-not-file: a character device/);
    expect(r.stdout).toMatch(/^valid out\/in\.xml /m);
    expect(r.code).toBe(1);
    const small = run(['validate', 'out/in.xml', '--max-size', '100', '--jobs', '1'], d);
    expect(small.stdout).toMatch(/in\.xml: error input-too-large: the file has more than 100 bytes/);
  });
});

describe('output paths that cannot be made fail at once, and devices are never replaced', () => {
  it('--report and --out under /proc: a one-line error, exit 1, no hang (node\'s recursive mkdir loops there)', () => {
    if (!existsSync('/proc/self')) return void console.warn('/proc is not available: skipped');
    const d = dir({ 'in.txt': STALIN });
    const rep = run(['convert', 'in.txt', '--out', 'out', '--report', '/proc/teiwright-none/r.json', '--jobs', '1'], d, 60_000);
    expect(rep.signal).toBeNull();
    expect(rep.stderr).toMatch(/error report-unwritable: cannot write the report \/proc\/teiwright-none\/r\.json: ENOENT/);
    expect(rep.code).toBe(1);
    const out = run(['convert', 'in.txt', '--out', '/proc/teiwright-none', '--jobs', '1'], d, 60_000);
    expect(out.signal).toBeNull();
    expect(out.stdout).toMatch(/error output-unwritable: .*ENOENT/);
    expect(out.code).toBe(1);
    // Missing folders of an ordinary path are still made.
    expect(run(['convert', 'in.txt', '--out', 'a/b/c', '--report', 'r/s/t.json', '--jobs', '1'], d).code).toBe(0);
    expect(existsSync(join(d, 'a/b/c/in.xml')) && existsSync(join(d, 'r/s/t.json'))).toBe(true);
  });

  it('--report to a device is written to it, not renamed over it: a full device fails with ENOSPC and stays a device', () => {
    const d = dir({ 'in.txt': STALIN });
    // The test's own "full" device (major 1, minor 7) where it may make one (root): a
    // build that renamed over the device would otherwise replace the machine's /dev/full.
    const own = join(d, 'full');
    const made = spawnSync('mknod', ['-m', '666', own, 'c', '1', '7']).status === 0;
    const device = made ? own : '/dev/full';
    if (!made && !existsSync(device)) return void console.warn('no full device (mknod refused, /dev/full absent): skipped');
    const r = run(['convert', 'in.txt', '--out', 'out', '--report', device, '--jobs', '1'], d);
    expect(r.stderr).toMatch(/error report-unwritable: cannot write the report .*full: ENOSPC/);
    expect(r.code).toBe(1);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });
});

describe('- reads stdin, bounded by --max-size while reading', () => {
  it('convert -: the TEI on stdout (valid, the same bytes as from the file), the messages on stderr naming <stdin>:line:col', () => {
    const d = dir({ 'in.txt': STALIN });
    const r = runWithStdin(['convert', '-'], d, STALIN);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<?xml')).toBe(true);
    expectValidTei(r.stdout);
    expect(r.stderr).toMatch(/^converted <stdin> -> <stdout>/m);
    expect(r.stderr).toMatch(/<stdin>:\d+:\d+: info /);
    expect(run(['convert', 'in.txt', '--out', 'out', '--jobs', '1'], d).code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(d, 'out/in.xml'), 'utf8'));
    expect(existsSync(join(d, 'output'))).toBe(false);
  });

  it('convert - -o FILE.xml writes that file; -o DIR writes DIR/stdin.xml; messages on stdout', () => {
    const d = dir();
    const a = runWithStdin(['convert', '-', '-o', 'one.xml'], d, STALIN);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/converted <stdin> -> one\.xml/);
    expectValidTei(readFileSync(join(d, 'one.xml'), 'utf8'));
    const b = runWithStdin(['convert', '-', '--out', 'tei'], d, STALIN);
    expect(b.code).toBe(0);
    expect(readFileSync(join(d, 'tei/stdin.xml'), 'utf8')).toBe(readFileSync(join(d, 'one.xml'), 'utf8'));
  });

  it('convert - with /dev/zero on stdin and --max-size 1MB stops reading at the limit: input-too-large, nothing written', () => {
    if (!existsSync('/dev/zero')) return void console.warn('/dev/zero is not available: skipped');
    const fd = openSync('/dev/zero', 'r');
    try {
      const r = runWithStdin(['convert', '-', '--max-size', '1MB'], dir(), fd, 60_000);
      expect(r.signal).toBeNull();
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/<stdin>: error input-too-large: .*more than 1000000 .*--max-size/);
      expect(r.code).toBe(1);
    } finally {
      closeSync(fd);
    }
  });

  it('- is converted alone; a broken text on stdin is one line with its position, exit 1, no stack', () => {
    const d = dir({ 'ok.txt': STALIN });
    const r = runWithStdin(['convert', '-', 'ok.txt'], d, STALIN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/- \(stdin\) is converted alone/);
    const bin = runWithStdin(['convert', '-'], d, 'Title\n\nwords\u0000\u0001\u0002 more\n');
    expect(bin.code).toBe(1);
    expect(bin.stdout).toBe('');
    expect(bin.stderr).toMatch(/<stdin>(:\d+:\d+)?: error input-binary/);
    noStack(bin.stderr);
  });

  it('validate - checks the TEI on stdin (and files beside it); a malformed one is invalid at its line:col; --max-size bounds it', () => {
    const d = dir({ 'in.txt': STALIN });
    const tei = runWithStdin(['convert', '-'], d, STALIN).stdout;
    writeFileSync(join(d, 'copy.xml'), tei);
    const ok = runWithStdin(['validate', '-', 'copy.xml'], d, tei);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^valid <stdin> /m);
    expect(ok.stdout).toMatch(/^valid copy\.xml /m);
    const bad = runWithStdin(['validate', '-'], d, '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/<stdin>:3:\d+: error xml-malformed/);
    const big = runWithStdin(['validate', '-', '--max-size', '100'], d, tei);
    expect(big.code).toBe(1);
    expect(big.stdout).toMatch(/<stdin>: error input-too-large: stdin has more than 100 bytes/);
  });
});

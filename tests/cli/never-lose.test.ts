/**
 * Never lose a document: a well-formed, valid TEI that fails only the fidelity check is
 * written and reported as an error (exit 1, the words named with their line); `--strict`
 * refuses it. The fixture is a transcription whose HTML comment the markdown reader keeps
 * as text while the fidelity check reads it as markup — a real mismatch of today's code.
 * If a reader fix makes it pass the check, the precondition below says so: pick another.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { expectValidTei } from '../helpers/tei.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const FIXTURE = join(PROJECT_ROOT, 'tests/fixtures/never-lose/markdown-comment-words-not-in-source.md');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'teiwright-never-lose-'));
  mkdirSync(join(dir, 'in'));
  copyFileSync(FIXTURE, join(dir, 'in/doc.md'));
  return dir;
}

describe('a TEI that fails only the fidelity check', () => {
  const text = readFileSync(FIXTURE, 'utf8');

  it('precondition: the fixture fails the fidelity check and nothing else', () => {
    const errors = convert(text, { file: 'doc.md' }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length, 'the fixture no longer fails the fidelity check: choose another').toBeGreaterThan(0);
    expect(errors.map((d) => d.code)).toEqual(errors.map(() => 'words-lost'));
  });

  it('the library returns the TEI with ok:false and the words named; strict gives no TEI', () => {
    const r = convert(text, { file: 'doc.md' });
    expect(r.ok).toBe(false);
    expect(r.tei).toBeDefined();
    expectValidTei(r.tei!);
    const lost = r.diagnostics.find((d) => d.code === 'words-lost');
    expect(lost?.message).toMatch(/«an editor comment»/);
    expect(lost?.line).toBe(5);
    const strict = convert(text, { file: 'doc.md', strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.tei).toBeUndefined();
  });

  it('the CLI writes the file, names the words and their line, and exits 1', () => {
    const dir = workspace();
    const r = run(['convert', 'in', '--out', 'out', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out/doc.xml'))).toBe(true);
    expectValidTei(readFileSync(join(dir, 'out/doc.xml'), 'utf8'));
    // Line 5 is `Text with <!-- an editor comment --> end.`: the added words stand right after «with».
    expect(r.stdout).toMatch(/doc\.md:5:10: error words-lost: .*«an editor comment»/);
    // Converted again on the next run (not "unchanged"), so the error is not forgotten.
    const again = run(['convert', 'in', '--out', 'out', '--jobs', '1'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/error words-lost/);
  });

  it('--strict refuses it: no file, exit 1', () => {
    const dir = workspace();
    const r = run(['convert', 'in', '--out', 'out', '--jobs', '1', '--strict'], dir);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out/doc.xml'))).toBe(false);
    expect(r.stdout).toMatch(/error words-lost/);
  });
});

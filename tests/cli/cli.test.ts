/** The built command, run as a user runs it, on a temporary folder: files, lines, exit codes. */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { expectValidTei } from '../helpers/tei.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const SEEDS = join(PROJECT_ROOT, 'input');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'teiwright-cli-'));
  mkdirSync(join(dir, 'in/letters'), { recursive: true });
  copyFileSync(join(SEEDS, 'stalin-1912-for-the-party.txt'), join(dir, 'in/stalin.txt'));
  copyFileSync(join(SEEDS, 'lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'in/letters/lenin.txt'));
  writeFileSync(join(dir, 'in/empty.txt'), '');
  writeFileSync(join(dir, 'in/binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  writeFileSync(join(dir, 'in/latin1.txt'), Buffer.from('V. I. Lenin\n\nCaf\xe9 society\n', 'latin1'));
  return dir;
}

describe('teiwright convert', () => {
  let dir: string;
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    dir = workspace();
    result = run(['convert', 'in', '--out', 'out', '--report', 'report.json', '--jobs', '1'], dir);
  });

  it('mirrors the folder tree, one TEI file per good input, valid', () => {
    expect(existsSync(join(dir, 'out/stalin.xml'))).toBe(true);
    expect(existsSync(join(dir, 'out/letters/lenin.xml'))).toBe(true);
    for (const f of ['out/stalin.xml', 'out/letters/lenin.xml']) expectValidTei(readFileSync(join(dir, f), 'utf8'));
  });

  it('writes nothing for bad inputs and leaves no temporary file', () => {
    const written = readdirSync(join(dir, 'out'), { recursive: true }).map(String).sort();
    // The Latin-1 file is read as windows-1252 (a warning), so it converts.
    expect(written.filter((f) => !f.startsWith('.teiwright-manifest'))).toEqual(['latin1.xml', 'letters', 'letters/lenin.xml', 'stalin.xml']);
  });

  it('exits 1 because some files had errors, the others still converted', () => expect(result.code).toBe(1));

  it('prints each problem as file:line:col: severity code: message', () => {
    expect(result.stdout).toMatch(/in\/empty\.txt: error input-empty: /);
    expect(result.stdout).toMatch(/in\/binary\.txt:1:5: error input-binary: /);
    expect(result.stdout).toMatch(/in\/latin1\.txt:3:4: warning input-not-utf8: byte 0xe9 is not UTF-8.*windows-1252/);
    expect(result.stdout).toMatch(/in\/letters\/lenin\.txt:\d+:\d+: info furniture-dropped: /);
    expect(result.stdout).toMatch(/^5 files: 3 converted/m);
  });

  it('writes the same facts as a JSON report', () => {
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { files: { input: string; status: string; diagnostics: { code: string }[] }[]; exitCode: number };
    expect(report.exitCode).toBe(1);
    const byInput = Object.fromEntries(report.files.map((f) => [f.input, f]));
    expect(byInput['in/stalin.txt']?.status).toBe('converted');
    expect(byInput['in/empty.txt']?.diagnostics.map((d) => d.code)).toEqual(['input-empty']);
  });

  it('never modifies the inputs', () => {
    expect(readFileSync(join(dir, 'in/stalin.txt'), 'utf8')).toBe(readFileSync(join(SEEDS, 'stalin-1912-for-the-party.txt'), 'utf8'));
  });

  it('exits 0 when every file converts, and the validate command agrees', () => {
    const ok = run(['convert', 'in/stalin.txt', 'in/letters', '--out', 'good', '--jobs', '1'], dir);
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, 'good/stalin.xml'))).toBe(true);
    expect(existsSync(join(dir, 'good/lenin.xml'))).toBe(true);
    const v = run(['validate', 'good/stalin.xml', 'good/lenin.xml'], dir);
    expect(v.stdout).toContain('2 files: 2 valid');
    expect(v.code).toBe(0);
  });

  it('refuses two inputs that would write the same output file', () => {
    writeFileSync(join(dir, 'stalin.md'), readFileSync(join(dir, 'in/stalin.txt')));
    const r = run(['convert', 'in/stalin.txt', 'stalin.md', '--out', 'clash', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/output-collision/);
  });

  it('reports an output folder that cannot be written (here: a path under a regular file, which fails even for root)', () => {
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    const r = run(['convert', 'in/stalin.txt', '--out', 'blocker/sub', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error output-unwritable: .*blocker/);
  });

  it('reports a folder with no transcriptions', () => {
    mkdirSync(join(dir, 'nothing'));
    const r = run(['convert', 'nothing', '--out', 'o2'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/nothing: error input-none: /);
  });
});

describe('usage', () => {
  it('exits 2 with a clear message on a bad option value', () => {
    const r = run(['convert', '--shard', '0/3'], tmpdir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard takes i\/n/);
  });

  it('exits 2 on an unknown command', () => {
    expect(run(['transmogrify'], tmpdir()).code).toBe(2);
  });

  it('explains itself with --help on every command', () => {
    expect(run(['--help'], tmpdir()).stdout).toMatch(/convert.*\n.*validate/s);
    expect(run(['convert', '--help'], tmpdir()).stdout).toMatch(/--out.*--report.*--jobs/s);
    expect(run(['validate', '--help'], tmpdir()).stdout).toMatch(/--schema/);
  });

  it('exits 2 once, clearly, when --schema is not a usable RELAX NG schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-schema-'));
    writeFileSync(join(dir, 'doc.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>');
    const r = run(['validate', 'doc.xml', '--schema', 'missing.rng'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot use --schema missing\.rng/);
  });

  it('validates any TEI file against a schema the user names, reporting every finding with its position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-schema-'));
    writeFileSync(
      join(dir, 'broken.xml'),
      '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>\n<text><body><p xml:id="a">x <ref target="#nowhere">y</ref></p><p xml:id="a"/></body></text></TEI>',
    );
    const r = run(['validate', 'broken.xml', '--report', 'r.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.xml:2:\d+: error id-duplicate: /);
    expect(r.stdout).toMatch(/broken\.xml:2:\d+: error pointer-broken: .*nowhere/);
    expect(r.stdout).toMatch(/broken\.xml:\d+:\d+: error schema-invalid: /);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).totals).toEqual({ files: 1, valid: 0, invalid: 1 });
  });

  it('lists the diagnostic codes', () => {
    expect(run(['codes'], tmpdir()).stdout).toMatch(/words-lost\s+error/);
  });
});

describe('the editor’s corrections and --explain', () => {
  const sidecar = (files: object) => JSON.stringify({ editors: [{ id: 'ed-jdoe', name: 'Jane Doe' }], files }, null, 2);

  it('picks up <stem>.corrections.json beside the input, encodes choice/sic/corr with the editor, and explains each emendation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corr-'));
    copyFileSync(join(SEEDS, 'lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'lenin.txt'));
    writeFileSync(
      join(dir, 'lenin.corrections.json'),
      sidecar({
        lenin: [
          { find: 'whitch', replace: 'which', in: 'note 2', editor: 'ed-jdoe', reason: 'typo' },
          { find: 'numner ot', replace: 'number of', in: 'note 2', editor: 'ed-jdoe' },
          { find: '3nd', replace: '3rd', in: 'source', editor: 'ed-jdoe' },
        ],
      }),
    );
    const r = run(['convert', 'lenin.txt', '--out', 'out', '--explain', '--jobs', '1'], dir);
    expect(r.code).toBe(0);
    const tei = readFileSync(join(dir, 'out/lenin.xml'), 'utf8');
    expectValidTei(tei);
    expect(tei).toContain('<choice><sic>whitch</sic><corr resp="#ed-jdoe">which</corr></choice>');
    expect(tei).toContain('<choice><sic>numner ot</sic><corr resp="#ed-jdoe">number of</corr></choice>');
    expect(tei).toMatch(/<sourceDesc>[\s\S]*<choice><sic>3nd<\/sic><corr resp="#ed-jdoe">3rd<\/corr><\/choice>/);
    expect(tei).toMatch(/<respStmt xml:id="ed-jdoe">[\s\S]*Jane Doe/);
    expect(r.stdout).toMatch(/lenin\.txt:16:102 subst #teiwright: /);
    expect(r.stdout).toMatch(/lenin\.txt:\d+:\d+ correction #ed-jdoe: “whitch” corrected to “which”/);
  });

  it('fails the file when a correction matches nothing, naming the sidecar line, and writes no TEI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corr-'));
    copyFileSync(join(SEEDS, 'lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'lenin.txt'));
    writeFileSync(join(dir, 'fixes.json'), sidecar({ lenin: [{ find: 'no such words', replace: 'x', in: 'any', editor: 'ed-jdoe' }] }));
    const r = run(['convert', 'lenin.txt', '--out', 'out', '--corrections', 'fixes.json', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error correction-unmatched: .*fixes\.json:\d+/);
    expect(existsSync(join(dir, 'out/lenin.xml'))).toBe(false);
  });

  it('reports a corrections file that breaks its schema with the JSON path and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corr-'));
    copyFileSync(join(SEEDS, 'lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'lenin.txt'));
    writeFileSync(join(dir, 'fixes.json'), '{\n  "editors": [],\n  "files": { "lenin": [ { "find": "x" } ] }\n}\n');
    const r = run(['convert', 'lenin.txt', '--out', 'out', '--corrections', 'fixes.json', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fixes\.json:3:\d+: error corrections-invalid: \/files\/lenin\/0/);
  });
});

describe('Ctrl-C', () => {
  it('stops a long batch on SIGINT with exit code 130, leaving only whole files and a manifest to resume from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-sigint-'));
    mkdirSync(join(dir, 'in'));
    const seed = readFileSync(join(SEEDS, 'stalin-1912-for-the-party.txt'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, 'in', `doc-${String(i).padStart(3, '0')}.txt`), seed.replace('For the Party', `For the Party ${i}`));
    const child = spawn(process.execPath, [BIN, 'convert', 'in', '--out', 'out', '--jobs', '2'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // Interrupt once some files are written, while others are in flight.
    await new Promise<void>((resolveStarted) => {
      const poll = setInterval(() => {
        if (existsSync(join(dir, 'out')) && readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.xml')).length >= 3) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolveStarted();
        }
      }, 20);
    });
    const code = await new Promise<number | null>((resolveExit) => child.on('exit', (c) => resolveExit(c)));
    expect(code).toBe(130);
    const files = readdirSync(join(dir, 'out'));
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    const written = files.filter((f) => f.endsWith('.xml'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(400);
    for (const f of written.slice(0, 3)) expect(readFileSync(join(dir, 'out', f), 'utf8')).toMatch(/<\/TEI>\n?$/);
    // The rerun takes up where the interrupted one stopped.
    const again = run(['convert', 'in', '--out', 'out', '--jobs', '2'], dir);
    expect(again.code).toBe(0);
    // Files whose result was recorded before the interrupt are not converted again; a file
    // still in flight may have been written whole but not recorded, and is simply redone.
    const summary = /^400 files: (\d+) converted, (\d+) unchanged, 0 failed/m.exec(again.stdout);
    expect(summary).not.toBeNull();
    const unchanged = Number(summary![2]);
    expect(unchanged).toBeGreaterThan(0);
    expect(unchanged).toBeLessThanOrEqual(written.length);
    expect(Number(summary![1]) + unchanged).toBe(400);
  });
});

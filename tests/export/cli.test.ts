/** `teiwright export` and `convert --also`, run as a user runs them: files, lines, exit codes. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { read, recordErrors, records, tempDir } from './helpers.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A workspace whose `tei/` already holds the seeds' TEI (converted in this process: quicker than the CLI). */
function teiWorkspace(): string {
  const dir = workspace();
  mkdirSync(join(dir, 'tei/letters'), { recursive: true });
  for (const [input, output] of [['in/stalin.txt', 'tei/stalin.xml'], ['in/letters/lenin.txt', 'tei/letters/lenin.xml']] as const) {
    writeFileSync(join(dir, output), convert(readFileSync(join(dir, input), 'utf8'), { file: input }).tei!);
  }
  return dir;
}

function workspace(): string {
  const dir = tempDir('export-cli');
  mkdirSync(join(dir, 'in/letters'), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt'), join(dir, 'in/stalin.txt'));
  copyFileSync(join(PROJECT_ROOT, 'input/lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'in/letters/lenin.txt'));
  return dir;
}

describe('teiwright convert --also', () => {
  it('writes the TEI and, from it, each derivative in its folder, the same as teiwright export', () => {
    const dir = workspace();
    const r = run(['convert', 'in', '--out', 'tei', '--also', 'txt,jsonl,tsv', '--notes', 'omit', '--jobs', '1'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('also jsonl: 2 exported, 0 unchanged, 0 failed');
    expect(existsSync(join(dir, 'tei/letters/lenin.xml'))).toBe(true);
    expect(read(join(dir, 'tei-export/txt/letters/lenin.txt'))).toContain('an arena for organisation by the Mensheviks');
    const rs = records(join(dir, 'tei-export/jsonl/corpus.jsonl'));
    expect(rs.map((x) => x.id)).toEqual(['letters/lenin', 'stalin']);
    for (const x of rs) expect(recordErrors(x)).toEqual([]);
    expect(JSON.parse(read(join(dir, 'tei-export/txt/conventions.json'))).conventions.notes).toBe('omit');
    // teiwright export of the same TEI gives the same bytes.
    expect(run(['export', 'tei', '--to', 'jsonl', '--out', 'again', '--jobs', '2'], dir).code).toBe(0);
    expect(read(join(dir, 'again/corpus.jsonl'))).toBe(read(join(dir, 'tei-export/jsonl/corpus.jsonl')));
  });

  it('refuses an unknown format as a usage error', () => {
    const r = run(['convert', 'in', '--out', 'tei', '--also', 'txt,docx'], workspace());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('docx');
  });
});

describe('teiwright export', () => {
  it('exports a folder, says what it skipped in foreign TEI with file:line:col, and fails (exit 1) only the broken file', () => {
    const dir = teiWorkspace();
    copyFileSync(join(PROJECT_ROOT, 'tests/fixtures/tei-load/foreign-letter.xml'), join(dir, 'tei/foreign.xml'));
    writeFileSync(join(dir, 'tei/broken.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n</TEI>\n');
    const r = run(['export', 'tei', '--to', 'tsv', '--out', 'table', '--jobs', '1', '--report', 'report.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/tei\/foreign\.xml:\d+:\d+: warning tei-skipped: <fw>/);
    expect(r.stdout).toMatch(/tei\/broken\.xml:3:\d+: error xml-malformed/);
    const tsv = read(join(dir, 'table/corpus.tsv')).trim().split('\n');
    expect(tsv.map((l) => l.split('\t')[0])).toEqual(['id', 'foreign', 'letters/lenin', 'stalin']);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { command: string; totals: { exported: number; failed: number } };
    expect(report).toMatchObject({ command: 'export', totals: { exported: 3, failed: 1 } });
  });

  it('writes no teiCorpus when no edition could be loaded', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad/broken.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>');
    const r = run(['export', 'bad', '--to', 'teicorpus', '--out', 'c', '--jobs', '1'], dir);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'c/corpus.xml'))).toBe(false);
    expect(existsSync(join(dir, 'c/conventions.json'))).toBe(true);
  });

  it('a rerun exports only what changed (the same bytes), --force everything', () => {
    const dir = teiWorkspace();
    const first = run(['export', 'tei', '--to', 'jsonl', '--out', 'j', '--jobs', '1'], dir);
    expect(first.stdout).toContain('2 exported, 0 unchanged');
    const bytes = read(join(dir, 'j/corpus.jsonl'));
    const again = run(['export', 'tei', '--to', 'jsonl', '--out', 'j', '--jobs', '1'], dir);
    expect(again.stdout).toContain('0 exported, 2 unchanged');
    expect(read(join(dir, 'j/corpus.jsonl'))).toBe(bytes);
    writeFileSync(join(dir, 'tei/stalin.xml'), read(join(dir, 'tei/stalin.xml')).replace('For the Party</title>', 'For the Party!</title>'));
    const changed = run(['export', 'tei', '--to', 'jsonl', '--out', 'j', '--jobs', '1'], dir);
    expect(changed.stdout).toContain('1 exported, 1 unchanged');
    expect(records(join(dir, 'j/corpus.jsonl')).map((x) => x.metadata.title)).toContain('For the Party!');
    expect(run(['export', 'tei', '--to', 'jsonl', '--out', 'j', '--jobs', '1'], dir).stdout).toContain('0 exported, 2 unchanged');
    expect(run(['export', 'tei', '--to', 'jsonl', '--out', 'j', '--notes', 'omit', '--jobs', '1'], dir).stdout).toContain('2 exported, 0 unchanged');
    expect(run(['export', 'tei', '--to', 'jsonl', '--out', 'j', '--notes', 'omit', '--force', '--jobs', '1'], dir).stdout).toContain('2 exported, 0 unchanged');
  });

  it('--shard splits the documents; the shards cover them all, each with its own corpus file', () => {
    const dir = teiWorkspace();
    const ids: string[] = [];
    for (const i of [1, 2]) {
      expect(run(['export', 'tei', '--to', 'jsonl', '--out', 'sharded', '--shard', `${i}/2`, '--jobs', '1'], dir).code).toBe(0);
      ids.push(...records(join(dir, `sharded/corpus.shard-${i}-of-2.jsonl`)).map((x) => x.id));
    }
    expect(ids.sort()).toEqual(['letters/lenin', 'stalin']);
  });
});

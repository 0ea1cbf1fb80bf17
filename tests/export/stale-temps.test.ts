/**
 * Temporary files with a fixed name per process — export's corpus parts and temporary corpus
 * (`.<corpus>.parts-<pid>`, `.<corpus>.tmp-<pid>`) and `--report`'s `<report>.tmp-<pid>` —
 * are removed by the next run once the run that wrote them is gone (killed), and only then:
 * a live run's files and every other name are left alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { writeFileAtomic } from '../../src/cli/output.js';
import { exportTo, tempDir, writeTeiFolder } from './helpers.js';

/** The pid of a process that has ended (what a killed run leaves in its file names). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const seed = readFileSync(new URL('../../input/stalin-1912-for-the-party.txt', import.meta.url), 'utf8');

describe('stale temporary files of killed runs', () => {
  it('export removes a dead run’s corpus parts and temporary corpus, keeps a live run’s and other files', async () => {
    const dir = tempDir('export-stale');
    const r = convert(seed, { file: 'a.txt' });
    expect(r.tei).toBeDefined();
    const tei = writeTeiFolder(dir, new Map([['a.xml', r.tei!]]));
    const out = join(dir, 'out');
    const dead = deadPid();
    const left = { [`.corpus.jsonl.parts-${dead}`]: 'half', [`.corpus.jsonl.tmp-${dead}`]: 'half', [`.corpus.shard-1-of-2.tsv.parts-${dead}`]: 'half' };
    const kept = { [`.corpus.jsonl.parts-${process.ppid}`]: 'a live run (this test’s parent)', 'notes.parts-1': 'not ours', [`corpus.jsonl.tmp-${dead}`]: 'not hidden: not our name' };
    writeTeiFolder(out, new Map());
    for (const [name, text] of Object.entries({ ...left, ...kept })) writeFileSync(join(out, name), text);
    await exportTo('jsonl', [tei], out);
    const names = readdirSync(out);
    for (const name of Object.keys(left)) expect(names).not.toContain(name);
    for (const name of Object.keys(kept)) expect(names).toContain(name);
    expect(existsSync(join(out, 'corpus.jsonl'))).toBe(true);
  });

  it('the report writer removes its own report’s temporary file left by a dead run, and nothing else', () => {
    const dir = tempDir('report-stale');
    const dead = deadPid();
    writeFileSync(join(dir, `report.json.tmp-${dead}`), '{"half":');
    writeFileSync(join(dir, `report.json.tmp-${process.ppid}`), 'a live run (this test’s parent)');
    writeFileSync(join(dir, `other.json.tmp-${dead}`), 'another report of a dead run: not this writer’s');
    writeFileAtomic(join(dir, 'report.json'), '{}\n');
    expect(readdirSync(dir).sort()).toEqual([`other.json.tmp-${dead}`, 'report.json', `report.json.tmp-${process.ppid}`].sort());
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{}\n');
  });
});

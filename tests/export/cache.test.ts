/**
 * The export cache is keyed on the export format's version (EXPORT_FORMAT_VERSION), not only
 * on the package version: an export folder made by a build whose writers produced other
 * records is exported again, never served its old records (without --force).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { CACHE_DIR, EXPORT_FORMAT_VERSION } from '../../src/export/task.js';
import { exportTo, read, records, tempDir, writeTeiFolder } from './helpers.js';

const STEMS = ['lenin-1921-attitude-to-non-party-workers', 'stalin-1912-for-the-party'];
const seedTei = (stem: string): string => convert(readFileSync(new URL(`../../input/${stem}.txt`, import.meta.url), 'utf8'), { file: `${stem}.txt` }).tei!;

let dir: string;
let tei: string;
beforeAll(() => {
  dir = tempDir('export-cache');
  tei = writeTeiFolder(dir, new Map(STEMS.map((s) => [`${s}.xml`, seedTei(s)])));
});

/** Rewrites every cache entry of `out`: its settings changed by `edit`, its record replaced by a stale one. */
function ageCache(out: string, edit: (settings: Record<string, unknown>) => void): void {
  const folder = join(out, CACHE_DIR);
  for (const name of readdirSync(folder)) {
    const entry = JSON.parse(read(join(folder, name))) as { settings: string; part?: string };
    const settings = JSON.parse(entry.settings) as Record<string, unknown>;
    edit(settings);
    entry.settings = JSON.stringify(settings);
    entry.part = entry.part?.replace(/"title":"/, '"title":"STALE ');
    writeFileSync(join(folder, name), JSON.stringify(entry));
  }
}

describe('export cache and the export format version', () => {
  it('an entry of the same format version is reused (the stale record shows it was)', async () => {
    const out = join(dir, 'same');
    expect((await exportTo('jsonl', [tei], out)).totals.exported).toBe(2);
    ageCache(out, () => {});
    const again = await exportTo('jsonl', [tei], out);
    expect(again.totals).toMatchObject({ exported: 0, unchanged: 2 });
    expect(records(join(out, 'corpus.jsonl')).every((r) => r.metadata.title.startsWith('STALE '))).toBe(true);
  });

  for (const [what, edit] of [
    ['written before the format had a version (same package version)', (s: Record<string, unknown>) => void delete s.formatVersion],
    ['written with an older format version', (s: Record<string, unknown>) => void (s.formatVersion = EXPORT_FORMAT_VERSION - 1)],
    ['written with a newer format version', (s: Record<string, unknown>) => void (s.formatVersion = EXPORT_FORMAT_VERSION + 1)],
  ] as const) {
    it(`an entry ${what} is not reused: the documents are exported again`, async () => {
      const out = join(dir, what.replace(/\W+/g, '-'));
      expect((await exportTo('jsonl', [tei], out)).totals.exported).toBe(2);
      const fresh = read(join(out, 'corpus.jsonl'));
      ageCache(out, edit);
      const again = await exportTo('jsonl', [tei], out);
      expect(again.totals).toMatchObject({ exported: 2, unchanged: 0 });
      expect(read(join(out, 'corpus.jsonl'))).toBe(fresh);
      expect(JSON.parse(read(join(out, '.teiwright-export.json')))).toMatchObject({ exportFormat: EXPORT_FORMAT_VERSION });
    });
  }
});

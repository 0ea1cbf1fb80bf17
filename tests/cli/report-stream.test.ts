/**
 * `--report FILE.json` is written as the files come, not kept in memory to the end: its bytes
 * are those of the whole report written at once, whatever the lines hold (none, one, many,
 * folded diagnostics, odd characters), it appears whole or not at all, and a write error is
 * reported as before.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { formatReport } from '../../src/cli/formats/index.js';
import { makeReport, type FileLine } from '../../src/cli/output.js';
import { streamJsonReport } from '../../src/cli/report-stream.js';

const work = mkdtempSync(join(tmpdir(), 'teiwright-report-stream-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const diag = (i: number, code: string, severity: Diagnostic['severity']): Diagnostic => ({ code, severity, message: `message ${i} "quoted" \\ é\u2028`, file: `in/f${i}.txt`, line: i + 1, col: 1 } as Diagnostic);

function lines(n: number): FileLine[] {
  return Array.from({ length: n }, (_, i) => ({
    input: `in/f${i}.txt`,
    status: i % 3 === 0 ? 'failed' : 'converted',
    ...(i % 2 === 0 && { output: `out/f${i}.xml` }),
    ...(i % 4 === 1 && { profile: 'mia-markdown' }),
    // File 5 has a flood of one info code: the report folds it.
    diagnostics: i === 5 ? Array.from({ length: 30 }, (_, k) => diag(k, 'furniture-dropped', 'info')) : Array.from({ length: i % 3 }, (_, k) => diag(k, k ? 'note-unlinked' : 'lost-words', k ? 'warning' : 'error')),
    ...(i % 5 === 2 && { stats: { bytes: i * 100, notes: i } }),
  }) as FileLine);
}

describe('the streamed JSON report', () => {
  for (const n of [0, 1, 7]) {
    it(`is byte for byte the report written whole (${n} files)`, () => {
      const path = join(work, `r${n}`, 'report.json');
      const ls = lines(n);
      const totals = { files: n, converted: n - 1, failed: 1 };
      const stream = streamJsonReport(path, 'convert')!;
      for (const l of ls) stream.file(l);
      // Nothing in place before the end: the report appears whole.
      expect(existsSync(path)).toBe(false);
      stream.finish(totals, 1);
      expect(readFileSync(path, 'utf8')).toBe(formatReport('json', makeReport('convert', ls, totals, 1)));
      expect(readdirSync(join(work, `r${n}`))).toEqual(['report.json']);
    });
  }

  it('replaces an older report only at the end, and leaves no temporary file when it cannot write', () => {
    const path = join(work, 'old.json');
    writeFileSync(path, 'old');
    const stream = streamJsonReport(path, 'convert')!;
    stream.file(lines(1)[0]!);
    expect(readFileSync(path, 'utf8')).toBe('old');
    stream.finish({ files: 1 }, 0);
    expect(JSON.parse(readFileSync(path, 'utf8')).files).toHaveLength(1);

    const blocked = join(work, 'blocked');
    writeFileSync(blocked, 'a file where a folder should be');
    const bad = streamJsonReport(join(blocked, 'report.json'), 'convert')!;
    bad.file(lines(1)[0]!);
    expect(() => bad.finish({ files: 1 }, 0)).toThrow();
    expect(readdirSync(work).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('leaves a folder, a device or a pipe to the whole-report path', () => {
    mkdirSync(join(work, 'a-folder'));
    expect(streamJsonReport(join(work, 'a-folder'), 'convert')).toBeUndefined();
    expect(streamJsonReport('/dev/null', 'convert')).toBeUndefined();
  });
});

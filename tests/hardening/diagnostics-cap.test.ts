/**
 * A flood of findings of one code (1 MB of notes headings: 143,000 warnings, about 25 MB)
 * is kept as the first MAX_PER_CODE and one `diagnostics-capped` summary per code, at the
 * first one left out; counts, `ok`, the file's status and the exit code stay what they
 * would have been.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { CODES, countBySeverity, Diagnostics, MAX_PER_CODE, type Diagnostic } from '../../src/diagnostics.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { expectValidTei } from '../helpers/tei.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const ofCode = (ds: readonly Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);
const capped = (ds: readonly Diagnostic[]): Diagnostic[] => ofCode(ds, 'diagnostics-capped');

describe('the collector keeps a bounded number of findings per code', () => {
  it('past the bound: one summary at the first left out, counting them by severity, severity the highest', () => {
    const d = new Diagnostics('f.txt', 3);
    for (let i = 1; i <= 5; i++) d.report('note-orphan', `orphan ${i}`, { line: i, column: 2 });
    d.report('anchor-orphan', 'anchor', { line: 9, column: 1 });
    d.report('note-orphan', 'orphan 6', { line: 6, column: 2 }, 'error');
    expect(d.items.map((x) => x.code)).toEqual(['note-orphan', 'note-orphan', 'note-orphan', 'diagnostics-capped', 'anchor-orphan']);
    const [summary] = capped(d.items);
    expect(summary).toMatchObject({ file: 'f.txt', line: 4, column: 2, severity: 'error', omitted: { code: 'note-orphan', counts: { error: 1, warning: 2, info: 0 } } });
    expect(summary!.message).toBe('… and 3 more note-orphan findings in this file, not listed (a file lists at most 3 of one code); the first of them is here');
    // The error left out still makes the file an error, and the counts are those of every finding.
    expect(d.hasErrors).toBe(true);
    expect(countBySeverity(d.items)).toEqual({ error: 1, warning: 6, info: 0 });
  });

  it('a collector without a bound keeps everything; the summary code is in the fixed list', () => {
    const d = new Diagnostics('f.txt');
    for (let i = 0; i < MAX_PER_CODE + 5; i++) d.report('note-orphan', 'o');
    expect(d.items).toHaveLength(MAX_PER_CODE + 5);
    expect(CODES['diagnostics-capped'].summary).toMatch(/1,000/);
    expect(MAX_PER_CODE).toBe(1000);
  });
});

describe('convert() holds each code to MAX_PER_CODE findings', () => {
  // One broken reference per line: each an info charref-repaired at its own line.
  const broken = `# T\n\n${'&8220;word\n'.repeat(MAX_PER_CODE + 100)}`;

  it('1,100 repaired references: the first 1,000, then a summary at the 1,001st; TEI and ok unchanged', () => {
    const all = convert(broken, { file: 'b.md', diagnosticsPerCode: Number.POSITIVE_INFINITY });
    const r = convert(broken, { file: 'b.md' });
    expect(ofCode(all.diagnostics, 'charref-repaired')).toHaveLength(MAX_PER_CODE + 100);
    expect(ofCode(r.diagnostics, 'charref-repaired')).toHaveLength(MAX_PER_CODE);
    const summaries = capped(r.diagnostics);
    expect(summaries).toHaveLength(1);
    const first = ofCode(all.diagnostics, 'charref-repaired')[MAX_PER_CODE]!;
    expect(summaries[0]).toMatchObject({ file: 'b.md', line: first.line, column: first.column, severity: 'info', omitted: { code: 'charref-repaired', counts: { error: 0, warning: 0, info: 100 } } });
    expect(summaries[0]!.message).toMatch(/^… and 100 more charref-repaired findings in this file, not listed \(a file lists at most 1,000 of one code\)/);
    // The summary stands where the first finding it counts stood in the list.
    expect(r.diagnostics.indexOf(summaries[0]!)).toBe(all.diagnostics.indexOf(first));
    expect(r.tei).toBe(all.tei);
    expect(r.ok).toBe(all.ok);
    expect(countBySeverity(r.diagnostics)).toEqual(countBySeverity(all.diagnostics));
    expectValidTei(r.tei!);
  });

  it('repeated notes headings: each flooded code (reader, transform, validator) has its own summary', () => {
    const text = `Title\n\nword [1]\n\n${'Notes\n\n[1] The note.\n\n'.repeat(MAX_PER_CODE + 10)}`;
    const r = convert(text, { file: 'n.txt' });
    const all = convert(text, { file: 'n.txt', diagnosticsPerCode: Number.POSITIVE_INFINITY });
    const codes = ['note-duplicate', 'note-orphan', 'note-unreferenced'];
    for (const code of codes) expect(ofCode(all.diagnostics, code).length).toBeGreaterThan(MAX_PER_CODE);
    for (const code of codes) expect(ofCode(r.diagnostics, code)).toHaveLength(MAX_PER_CODE);
    expect(capped(r.diagnostics).map((d) => d.omitted!.code).sort()).toEqual(codes);
    expect(r.diagnostics.length).toBeLessThan(all.diagnostics.length);
    expect(countBySeverity(r.diagnostics)).toEqual(countBySeverity(all.diagnostics));
    expect(r.ok).toBe(true);
    expect(r.tei).toBe(all.tei);
  });
});

describe('the command line with a file past the bound', () => {
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } });

  it('1,200 unmatched corrections: 1,000 errors and an error summary; the file fails, exit 1, counts whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-capped-'));
    copyFileSync(join(PROJECT_ROOT, 'input/lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'lenin.txt'));
    const corrections = Array.from({ length: 1200 }, (_, i) => ({ find: `no such words ${i}`, replace: 'x', in: 'any', editor: 'ed-jdoe' }));
    writeFileSync(join(dir, 'fixes.json'), JSON.stringify({ editors: [{ id: 'ed-jdoe', name: 'Jane Doe' }], files: { lenin: corrections } }, null, 1));
    const r = run(['convert', 'lenin.txt', '--out', 'out', '--corrections', 'fixes.json', '--jobs', '1', '--report', 'r.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^failed lenin\.txt .*\(1200 errors, 0 warnings\)$/m);
    expect(r.stdout).toMatch(/^ {2}lenin\.txt: error diagnostics-capped: … and 200 more correction-unmatched findings in this file, not listed/m);
    expect(r.stdout.match(/ error correction-unmatched: /g)).toHaveLength(1000);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { exitCode: number; totals: Record<string, number>; files: { status: string; diagnostics: Diagnostic[] }[] };
    expect(report.exitCode).toBe(1);
    expect(report.totals).toMatchObject({ failed: 1, filesWithErrors: 1 });
    expect(report.files[0]!.status).toBe('failed');
    expect(capped(report.files[0]!.diagnostics)).toEqual([{ code: 'diagnostics-capped', severity: 'error', file: 'lenin.txt', message: expect.stringMatching(/200 more correction-unmatched/) as unknown as string, omitted: { code: 'correction-unmatched', counts: { error: 200, warning: 0, info: 0 } } }]);
  });

  it('a flood of warnings: converted, exit 0, the warning total counts the findings left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-capped-'));
    const text = `Title\n\nword [1]\n\n${'Notes\n\n[1] The note.\n\n'.repeat(MAX_PER_CODE + 10)}`;
    writeFileSync(join(dir, 'in.txt'), text);
    const warnings = countBySeverity(convert(text, { file: 'in.txt', diagnosticsPerCode: Number.POSITIVE_INFINITY }).diagnostics).warning;
    const r = run(['convert', 'in.txt', '--out', 'out', '--jobs', '1', '--report', 'r.json'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^converted in\\.txt .*\\(0 errors, ${warnings} warnings\\)$`, 'm'));
    expect(r.stdout.match(/ warning diagnostics-capped: /g)).toHaveLength(3);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { exitCode: number; totals: Record<string, number> };
    expect(report.exitCode).toBe(0);
    expect(report.totals).toMatchObject({ converted: 1, filesWithErrors: 0, warnings });
  });
});

/**
 * Repeated diagnostics of one code in one file are shown as one finding with a count and the
 * first places (cli/output.ts `aggregateDiagnostics`): errors always one by one, more than 50
 * warnings or 10 infos of one code folded. Property tests (fast-check, fixed seed) over
 * generated diagnostic lists, and the CLI on a page with 1,200 broken references.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, DiagnosticCode, Severity } from '../../src/diagnostics.js';
import { aggregateDiagnostics, FOLD_ABOVE } from '../../src/cli/output.js';
import { convert } from '../../src/convert.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { expectValidTei, parseTei, xtext } from '../helpers/tei.js';

const SEED = 20261130;
const CODES: DiagnosticCode[] = ['charref-repaired', 'char-forbidden', 'anchor-orphan', 'words-lost', 'furniture-dropped'];
const diagnostic = fc.record({
  code: fc.constantFrom(...CODES),
  severity: fc.constantFrom<Severity>('error', 'warning', 'info'),
  line: fc.integer({ min: 1, max: 9999 }),
  column: fc.integer({ min: 1, max: 200 }),
}).map((d): Diagnostic => ({ ...d, message: `m${d.line}`, file: 'f.txt' }));
/** Lists with long runs of one code and severity, as a flood of repairs gives. */
const list = fc.array(fc.tuple(diagnostic, fc.integer({ min: 1, max: 80 })), { maxLength: 8 }).chain((runs) =>
  fc.shuffledSubarray(runs.flatMap(([d, n]) => Array.from({ length: n }, (_, i) => ({ ...d, line: (d.line ?? 1) + i, message: `${d.message}+${i}` }))), { minLength: 0 }).map((x) => x),
);
const keyOf = (d: Diagnostic) => `${d.severity} ${d.code}`;

describe('aggregateDiagnostics', () => {
  it('keeps errors and small groups one by one, folds each big group into one finding with its count and first places; nothing is lost from the count', () => {
    fc.assert(
      fc.property(list, (ds) => {
        const out = aggregateDiagnostics(ds);
        const groups = new Map<string, Diagnostic[]>();
        for (const d of ds) groups.set(keyOf(d), [...(groups.get(keyOf(d)) ?? []), d]);
        expect(out.reduce((n, d) => n + (d.count ?? 1), 0)).toBe(ds.length);
        for (const [key, members] of groups) {
          const shown = out.filter((d) => keyOf(d) === key);
          if (members.length <= FOLD_ABOVE[members[0]!.severity]) {
            expect(shown).toEqual(members);
          } else {
            expect(members[0]!.severity).not.toBe('error');
            expect(shown).toHaveLength(1);
            const [f] = shown;
            expect(f).toMatchObject({ code: members[0]!.code, severity: members[0]!.severity, message: members[0]!.message, file: 'f.txt', line: members[0]!.line, column: members[0]!.column, count: members.length });
            expect(f!.places).toEqual(members.slice(0, 10).map((d) => ({ line: d.line, column: d.column })));
          }
        }
        // Order: each finding where its first member stood.
        const firsts = out.map((d) => ds.findIndex((x) => keyOf(x) === keyOf(d) && x.line === d.line && x.message === d.message));
        expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('teiwright convert on a page with 1,200 broken references', () => {
  it('prints one charref-repaired line with the count and first places, then the summary of those not kept; the report keeps both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-fold-'));
    writeFileSync(join(dir, 'refs.md'), `# Title\n\n${'a &8220;word&8221; '.repeat(600)}\n`);
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/cli/main.js'), 'convert', 'refs.md', '-o', 'out', '--report', 'r.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.includes('charref-repaired'));
    // convert keeps the first 1,000 of one code (MAX_PER_CODE); the other 200 are one summary at the 1,001st.
    expect(lines).toEqual([
      '  refs.md:3:3: info charref-repaired: broken character reference &8220; read as ““” (choice/sic/corr) [1000 charref-repaired in this file; at 3:3, 3:13, 3:22, 3:32, 3:41, 3:51, 3:60, 3:70, 3:79, 3:89, …]',
      expect.stringMatching(/^ {2}refs\.md:3:\d+: info diagnostics-capped: … and 200 more charref-repaired findings in this file, not listed \(a file lists at most 1,000 of one code\); the first of them is here$/) as unknown as string,
    ]);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { files: { diagnostics: Diagnostic[] }[] };
    const folded = report.files[0]!.diagnostics.filter((d) => d.code === 'charref-repaired');
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ line: 3, column: 3, count: 1000 });
    expect(folded[0]!.places).toHaveLength(10);
    expect(report.files[0]!.diagnostics.filter((d) => d.code === 'diagnostics-capped')).toMatchObject([{ severity: 'info', omitted: { code: 'charref-repaired', counts: { error: 0, warning: 0, info: 200 } } }]);
  });
});

describe('the header lists a repeated emendation once, with its count', () => {
  it('k repairs of one broken reference and one of another: listed each up to 10, else once as "(×k)" at its first place', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (k) => {
        const r = convert(`# Title\n\n${'a &8220;word '.repeat(k)}and &8221;.\n`, { file: 'k.md' });
        expectValidTei(r.tei!);
        const doc = parseTei(r.tei!);
        try {
          const p = xtext(doc, '//tei:correction/tei:p[contains(., "Broken character references")]')!;
          const first = 'broken character reference &8220; read as ““” (choice/sic/corr)';
          const second = 'broken character reference &8221; read as “”” (choice/sic/corr)';
          const items = k <= 10 ? [...Array.from({ length: k }, () => first), second] : [`${first} (×${k})`, second];
          expect(p).toBe(`Broken character references are repaired with choice, keeping the broken form in sic and the character in corr (${k + 1}): ${items.join('; ')}.`);
        } finally {
          doc.dispose();
        }
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});

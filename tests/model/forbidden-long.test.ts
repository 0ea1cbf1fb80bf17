/**
 * A long string's forbidden characters are replaced in a copy of its code units
 * (src/model/sanitize.ts, `replaceForbidden`), not by one global `replace`: V8 holds a record
 * of every match of a global replace until it builds the result, and 16 MB of U+FFFE and
 * U+0001 (2.8 million, past the element budget written as plain U+FFFD) left about 250 MB of
 * them, a peak that let the writer's and the validation's garbage pile up to 569 MB RSS.
 * Shown by the same strings as the pattern gives (lone and paired surrogates, every forbidden
 * character, at the copy's edges), the same order of matches told, and by allocation (4 MB of
 * them sanitized in a process whose heap is capped at 64 MB).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { REPLACE_IN_UNITS_FROM, replaceForbidden } from '../../src/model/sanitize.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

/** What the sanitizer did before: one global replace with the pattern. */
const FORBIDDEN_ALL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

describe('replaceForbidden on long strings', () => {
  // Every kind of character the pattern does and does not match, a surrogate pair and lone
  // halves, repeated past the length where the copy of code units is used.
  const unit = 'a\u0000b\u0008\t\n\r\u000B\u001F c\uFFFE\uFFFF\uFFFD\u{1F600}\uD800x\uDC00\uDBFF\uDFFF\uDFFF\uD83D';
  const long = unit.repeat(Math.ceil((2 * REPLACE_IN_UNITS_FROM) / unit.length));

  test('the same string as the pattern makes, at every length around the threshold and with a lone surrogate at either end', () => {
    expect(long.length).toBeGreaterThan(REPLACE_IN_UNITS_FROM);
    for (const s of [long, long.slice(1), `\uDC00${long}\uD800`, `${'x'.repeat(REPLACE_IN_UNITS_FROM - 1)}\u{1F600}`, `${'x'.repeat(REPLACE_IN_UNITS_FROM)}\uD800`, 'plain'.repeat(REPLACE_IN_UNITS_FROM)]) {
      expect(replaceForbidden(s) === s.replace(FORBIDDEN_ALL, '\uFFFD')).toBe(true);
    }
  });

  test('the matches are told in order, as the pattern finds them', () => {
    const told: string[] = [];
    const replaced = replaceForbidden(long, (ch) => told.push(ch));
    expect(replaced === long.replace(FORBIDDEN_ALL, '\uFFFD')).toBe(true);
    expect(told).toEqual([...long.matchAll(FORBIDDEN_ALL)].map((m) => m[0]));
  });

  test('a paragraph of 4 MB of U+FFFE and U+0001 is sanitized in a process whose heap is capped at 64 MB', () => {
    // (One global replace needed more than 64 MB of heap; the copy of code units passes under 48.)
    const script = `
      const { sanitizeModel } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/model/sanitize.js')).href)});
      const { Diagnostics } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/diagnostics.js')).href)});
      const at = { line: 1, column: 1 };
      const long = 'word\\uFFFE word\\u0001 '.repeat(4 * 1024 * 1024 / 12);
      const ed = { profile: 'mia-markdown', metadata: { title: 'T', fields: [], language: 'en' }, body: { head: [{ kind: 'text', text: 'T', pos: at }], argument: [], blocks: [{ kind: 'p', pos: at, children: [{ kind: 'text', text: long, pos: at }] }], publicationNotes: [] }, notes: [], emendations: [], editors: [], hands: [], dropped: [] };
      // Room for a few choice/sic/corr: the rest of the paragraph is one text with U+FFFD for each.
      sanitizeModel(ed, new Diagnostics('t.md'), 30);
      const rest = ed.body.blocks[0].children.at(-1).text;
      process.stdout.write(JSON.stringify({ length: rest.length, replaced: rest.split('\\uFFFD').length - 1, left: /[\\uFFFE\\u0001]/.test(rest) }));
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', '--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/out of memory/);
    expect(r.status).toBe(0);
    // 699,050 forbidden characters, 9 of them kept as choice/sic/corr before the budget ran out.
    expect(JSON.parse(r.stdout)).toEqual({ length: 4 * 1024 * 1024 - 4 - 53, replaced: 699_050 - 9, left: false });
  });
});

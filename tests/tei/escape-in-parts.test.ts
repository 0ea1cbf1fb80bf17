/**
 * The writer escapes a long text or attribute value a part at a time (src/tei/emit.ts,
 * `putEscapedInParts`): one `replace` over 16 MB of `<` held a record of each of its 16
 * million matches at once (about 700 MB). Shown by structure (no piece the sink is given is
 * longer than an escaped part, the bytes are those of escaping the whole value at once) and
 * by allocation (a 4 MB run of `<` written in a process whose heap is capped at 96 MB; the
 * escape in one call needed more than 96 MB).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { ESCAPE_PART, escapeAttribute, escapeText, StringSink } from '../../src/tei/emit.js';
import { writeTeiTo } from '../../src/tei/index.js';
import { expectValidTei } from '../helpers/tei.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { edition, note, p, t, warmTeiAll } from './build.js';

beforeAll(warmTeiAll, 300_000);

/** A string sink that records the length of each piece it is given. */
class RecordingSink extends StringSink {
  readonly lengths: number[] = [];
  protected override put(piece: string): void {
    this.lengths.push(piece.length);
    super.put(piece);
  }
}

const options = { version: '0.1.0' };

describe('a long value with characters to escape is escaped in parts', () => {
  // Long runs of every character escaped, an astral character across a part boundary, and plain text.
  const long = `${'<'.repeat(ESCAPE_PART - 1)}\u{1F600}${'&>"'.repeat(ESCAPE_PART)}${'word '.repeat(ESCAPE_PART / 4)}<`;

  test('a text of 300,000 characters to escape: no piece longer than an escaped part, the same bytes as escaping it whole, valid TEI', () => {
    const sink = new RecordingSink('');
    const tei = writeTeiTo(sink, edition((e) => void (e.body.blocks = [p(t(long))])), options);
    expect(tei).toContain(`<p>${escapeText(long)}</p>`);
    // `&amp;` is the longest escape: five characters for one.
    expect(Math.max(...sink.lengths)).toBeLessThanOrEqual(5 * ESCAPE_PART);
    expect(sink.lengths.length).toBeGreaterThan(long.length / ESCAPE_PART);
    expectValidTei(tei);
  });

  test('an attribute value of 300,000 characters to escape: no piece longer than an escaped part, the same bytes as escaping it whole, valid TEI', () => {
    const sink = new RecordingSink('');
    const ed = edition((e) => void (e.notes = [{ notes: [note(long, [p(t('A note.'))], { id: 'n1' })], pos: e.body.blocks[0]!.pos }]));
    const tei = writeTeiTo(sink, ed, options);
    expect(tei).toContain(` n="${escapeAttribute(long)}"`);
    // `&quot;` is the longest escape in an attribute: six characters for one.
    expect(Math.max(...sink.lengths)).toBeLessThanOrEqual(6 * ESCAPE_PART);
    expectValidTei(tei);
  });

  test('4 MB of < is written (and validated) in a process whose heap is capped at 96 MB', () => {
    // (The TEI is 16 MB; escaping the text in one replace needed more than 96 MB of heap, in parts it needs less than 48.)
    const script = `
      const { writeTei } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/tei/index.js')).href)});
      const { emptyEdition } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/model/walk.js')).href)});
      const ed = emptyEdition('test');
      const at = { line: 1, column: 1 };
      ed.metadata.title = 'T';
      ed.body.head = [{ kind: 'text', text: 'T', pos: at }];
      ed.body.blocks = [{ kind: 'p', children: [{ kind: 'text', text: '<'.repeat(4 * 1024 * 1024), pos: at }], pos: at }];
      const tei = writeTei(ed, { version: '0' });
      const { validateTei } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/validate/index.js')).href)});
      const errors = validateTei(tei).filter((d) => d.severity === 'error').map((d) => d.code);
      process.stdout.write(JSON.stringify({ escaped: tei.split('&lt;').length - 1, errors }));
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', '--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/out of memory/);
    expect(r.status).toBe(0);
    // Every `<` written escaped, and the TEI valid against the project schema (tei_all is not loaded under the cap).
    expect(JSON.parse(r.stdout)).toEqual({ escaped: 4 * 1024 * 1024, errors: [] });
  });
});

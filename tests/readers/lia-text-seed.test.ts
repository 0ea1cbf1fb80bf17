/** The LIA seed page (../shared, absent from a user's clone): the facts a scholar would check. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Block } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { liaTextReader } from '../../src/readers/lia-text/index.js';
import { SHARED, skipMessage } from '../helpers/shared.js';

const SEED = resolve(SHARED, 'seeds/lenin-1921-attitude-to-non-party-workers.txt');
const hasSeed = existsSync(SEED);
const words = (b: Block | undefined): string => (b?.kind === 'p' ? plainText(b.children, { anchors: true }).trim() : '');

describe.skipIf(!hasSeed)('lia-text: the LIA seed page', () => {
  const text = hasSeed ? readFileSync(SEED, 'utf8') : '';
  const diagnostics = new Diagnostics('seed.txt');
  const ed = liaTextReader.read(text, { file: 'seed.txt', diagnostics });

  it('conforms to the model schema', () => {
    const d = new Diagnostics('seed.txt');
    expect(checkModel(ed, d), d.items.map((x) => x.message).join('\n')).toBe(true);
  });

  it('is detected as lia-text with confidence', () => {
    expect(liaTextReader.detect(text)).toBeGreaterThanOrEqual(0.5);
  });

  it('reads author and a two-line title with its anchor', () => {
    expect(ed.metadata.author).toEqual({ name: 'V. I. Lenin', from: 'author-line', pos: { line: 1, column: 1 } });
    expect(ed.metadata.title).toBe('Draft of a Letter of the C.C., R.C.P.(B.) on The Attitude to Non-Party Workers');
    expect(ed.body.head.filter((n) => n.kind === 'noteAnchor')).toEqual([{ kind: 'noteAnchor', marker: '[2]', key: '2', pos: { line: 4, column: 34 } }]);
  });

  it('reads six fields, the licence without the glued README', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.role])).toEqual([
      ['Written', 'written'],
      ['Published', 'firstPublished'],
      ['Source', 'source'],
      ['Translated', 'translated'],
      ['Transcription\\Markup', 'transcriptionMarkup'],
      ['Public Domain', 'licence'],
    ]);
    expect(plainText(ed.metadata.fields[5]!.value).endsWith('as your source.')).toBe(true);
    expect(plainText(ed.metadata.fields[2]!.value)).toContain('Volume 42, pages 298b-299a.');
    expect(ed.dropped.map((d) => [d.text, `${d.pos.line}:${d.pos.column}`])).toEqual([
      ['README', '11:217'],
      ['< backward \u00a0 forward >', '37:1'],
      ['Works Index \u00a0 | \u00a0 Volume 42 | Collected Works \u00a0 | \u00a0 L.I.A. Index', '38:1'],
    ]);
  });

  it('takes the circular line as the headnote and keeps seven paragraphs of text', () => {
    expect(ed.body.argument.map(words)).toEqual(['A circular to the gubernia committees to be drawn up and forwarded in cipher.']);
    expect(ed.body.blocks).toHaveLength(7);
    expect(words(ed.body.blocks[0]).startsWith('the experience')).toBe(true);
    expect(ed.body.divType).toBeUndefined();
  });

  it('reads three editorial notes in the order printed, the broken reference left as text', () => {
    const notes = ed.notes[0]!.notes;
    expect(notes.map((n) => [n.label, n.type, n.pos.line])).toEqual([
      ['[1]', 'editorial', 31],
      ['[2]', 'editorial', 33],
      ['[3]', 'editorial', 35],
    ]);
    expect(words(notes[2]!.blocks[0])).toContain('&8220;(pamphlet');
  });

  it('reports only the dropped furniture', () => {
    expect(diagnostics.items.map((d) => `${d.code} ${d.line}:${d.column}`).sort()).toEqual([
      'furniture-dropped 11:217',
      'furniture-dropped 37:1',
      'furniture-dropped 38:1',
    ]);
  });
});
if (!hasSeed) describe.skip(skipMessage('the LIA seed'), () => undefined);

/**
 * Rules that look at a paragraph's words read only its opening when the opening decides
 * (a long paragraph's whole text is not built several times over). These are the cases
 * where the opening alone cannot decide, or decides at the edge of a rule's length: the
 * decision must be the one the whole text gives.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition, Inline, SourcePos } from '../../src/model/edition.js';
import { placeNoteSections } from '../../src/layout/notes.js';
import { INFO_SENTENCE_MAX } from '../../src/layout/rules.js';
import { NAME_PARTS_MAX } from '../../src/layout/shapes.js';
import { emptyEdition, plainText } from '../../src/model/walk.js';
import { expectValidTei } from '../helpers/tei.js';

const read = (text: string): Edition => {
  const r = convert(text, { file: 'page.md', profile: 'mia-markdown' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return r.model!;
};

describe('a prose line of the information block (a row is at most INFO_SENTENCE_MAX characters)', () => {
  const page = (line: string): string =>
    `# The Power of Jobs\n\n---\n\nSource : Labour Monthly, 1922\n\n${line}\n\n---\n\n${'The text begins here with a sentence of words. '.repeat(6)}\n`;
  const fields = (ed: Edition): string[] => ed.metadata.fields.map((f) => `${f.label}|${f.role}`);

  it('a credit exactly as long as a row may be is a credit', () => {
    const line = `Transcribed by ${'x'.repeat(INFO_SENTENCE_MAX - 'Transcribed by '.length)}`;
    expect(line.length).toBe(INFO_SENTENCE_MAX);
    expect(fields(read(page(line)))).toEqual(['Source|source', 'Transcribed by|transcribed']);
  });

  it('one character longer it is no row: kept as a line without a label (negative)', () => {
    const line = `Transcribed by ${'x'.repeat(INFO_SENTENCE_MAX + 1 - 'Transcribed by '.length)}`;
    expect(fields(read(page(line)))).toEqual(['Source|source', '|other']);
  });

  it('a credit whose printed line is long only by its white space is read by its squashed words', () => {
    const line = `Transcribed by ${'x'.repeat(300)}${' '.repeat(2 * INFO_SENTENCE_MAX)} Ted Crawford.`;
    const ed = read(page(line));
    expect(fields(ed)).toEqual(['Source|source', 'Transcribed by|transcribed']);
    expect(plainText(ed.metadata.fields[1]!.value)).toContain('Ted Crawford.');
  });
});

describe('a name under a closing salute is the signature, however long its words', () => {
  const letter = (name: string): string =>
    `# A Letter\n\nDear Comrade,\n\n${'The text of the letter goes on with words. '.repeat(8)}\n\nYours,\n\n${name}\n`;
  const signed = (ed: Edition): string | undefined => (ed.body.closer?.signed ? plainText(ed.body.closer.signed) : undefined);

  it('a short name', () => {
    expect(signed(read(letter('Vladimir Lenin')))).toBe('Vladimir Lenin');
  });

  it('a name of two very long words (past the opening read first) is still a name', () => {
    const name = `Vladimir A${'b'.repeat(300)}`;
    const ed = read(letter(name));
    expect(signed(ed)).toBe(name);
    expect(ed.body.closer?.salute && plainText(ed.body.closer.salute)).toBe('Yours,');
  });

  it(`the most parts a name has (${NAME_PARTS_MAX}), long words: a name`, () => {
    const name = Array.from({ length: NAME_PARTS_MAX }, (_, i) => `${'VIULN'[i % 5]}${'a'.repeat(60)}`).join(' ');
    expect(signed(read(letter(name)))).toBe(name);
  });

  it('one part more is no name: the line stays in the text (negative)', () => {
    const name = Array.from({ length: NAME_PARTS_MAX + 1 }, (_, i) => `${'VIULNC'[i % 6]}${'a'.repeat(60)}`).join(' ');
    const ed = read(letter(name));
    expect(signed(ed)).toBeUndefined();
    expect(ed.body.blocks.some((b) => b.kind === 'p' && plainText(b.children) === name)).toBe(true);
  });
});

describe('a notes section printed inside the text: the paragraph after it has words', () => {
  const pos = (line: number): SourcePos => ({ line, column: 1 });
  const model = (after: Inline[]): Edition => {
    const ed = emptyEdition('test');
    ed.metadata.title = 'A Test';
    ed.body.head = [{ kind: 'text', text: 'A Test', pos: pos(1) }];
    ed.body.blocks = [
      { kind: 'p', children: [{ kind: 'text', text: 'Before the notes', pos: pos(2) }], pos: pos(2) },
      { kind: 'p', children: after, pos: pos(9) },
    ];
    ed.notes = [{ notes: [{ key: '1', label: '1.', type: 'unknown', place: 'end', blocks: [{ kind: 'p', children: [{ kind: 'text', text: 'The note.', pos: pos(5) }], pos: pos(5) }], pos: pos(5), targets: [] }], pos: pos(4) }];
    return ed;
  };
  const text = (t: string): Inline => ({ kind: 'text', text: t, pos: pos(9) });

  it('a word after a long run of separators (past the opening looked at first): in the text', () => {
    const ed = model([text('* '.repeat(2000)), text('word')]);
    placeNoteSections(ed);
    expect(ed.notes[0]!.inText).toBe(true);
  });

  it('a digit at the very end of many small nodes of separators: in the text', () => {
    const ed = model([...Array.from({ length: 3000 }, () => text('— ')), { kind: 'lb', pos: pos(9) }, text('7')]);
    placeNoteSections(ed);
    expect(ed.notes[0]!.inText).toBe(true);
  });

  it('blocks out of source order: the words printed after the section count wherever the block stands in the list', () => {
    const ed = model([text('* * *')]);
    ed.body.blocks.unshift({ kind: 'p', children: [text('Words printed after the notes.')], pos: pos(12) });
    placeNoteSections(ed);
    expect(ed.notes[0]!.inText).toBe(true);
    const before = model([text('* * *')]);
    before.body.blocks.push({ kind: 'p', children: [text('Words printed before the notes.')], pos: pos(3) });
    placeNoteSections(before);
    expect(before.notes[0]!.inText).toBeUndefined();
  });

  it('a long run of separators only: no text follows, the section stays at the end (negative)', () => {
    const ed = model([text('* '.repeat(2000)), text(' — ')]);
    placeNoteSections(ed);
    expect(ed.notes[0]!.inText).toBeUndefined();
  });
});

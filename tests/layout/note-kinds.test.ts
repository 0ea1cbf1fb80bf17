/**
 * Note writers and series for notes the syntax names (src/layout/note-kinds.ts): every row
 * of NOTE_WRITERS takes and leaves its examples; series by LIA ids and by repeated keys.
 */
import { describe, expect, it } from 'vitest';
import { NOTE_OPENINGS, NOTE_WRITERS, assignSeries, noteOpening, noteWriter, type NoteFacts, type NoteLead } from '../../src/layout/note-kinds.js';
import type { Note, NoteSection } from '../../src/model/edition.js';

const f = (text: string, heading = '', ids: string[] = []): NoteFacts => ({ text, heading, ids });
const EXAMPLES: Record<string, { yes: NoteFacts[]; no: NoteFacts[] }> = {
  'editors’ signature': { yes: [f('See Marx’s letter. —Ed.'), f('Note by Progress Publishers'), f('MIA Note: a later edition.')], no: [f('The editor of Iskra wrote.')] },
  'author’s signature': { yes: [f('This was in 1847. —F. E.'), f('See the first chapter. — Lenin')], no: [f('Lenin wrote this in 1905.')] },
  translator: { yes: [f('Translator: the word is “Volk”.'), f('A pun.', 'Translator’s Notes')], no: [f('A pun.', 'Notes')] },
  'author’s notes heading': { yes: [f('A pun.', 'Author’s Notes')], no: [f('A pun.', 'Endnotes')] },
  'editors’ notes heading': { yes: [f('A pun.', 'Editorial Notes'), f('A pun.', 'Note by the MIA')], no: [f('A pun.', 'Footnotes')] },
  'LIA endnote id': { yes: [f('A pun.', '', ['fwV21E029'])], no: [f('A pun.', '', ['n29'])] },
  'LIA footnote id': { yes: [f('A pun.', '', ['fwV21P047F01'])], no: [f('A pun.', '', ['fwV21P047'])] },
};

describe('note writers: every row takes and leaves its examples', () => {
  it('has examples for every row', () => expect(NOTE_WRITERS.map((r) => r.name).sort()).toEqual(Object.keys(EXAMPLES).sort()));
  for (const row of NOTE_WRITERS) {
    it(row.name, () => {
      for (const n of EXAMPLES[row.name]!.yes) expect(row.test(n), n.text).toBe(true);
      for (const n of EXAMPLES[row.name]!.no) expect(row.test(n), n.text).toBe(false);
    });
  }
  it('the first row that takes a note decides; none, unknown', () => {
    expect(noteWriter(f('See the first chapter. —Ed.', 'Author’s Notes'))).toBe('editorial');
    expect(noteWriter(f('A pun.'))).toBe('unknown');
  });
});

const note = (key: string): Note => ({ key, label: `[${key}]`, type: 'unknown', place: 'end', blocks: [], pos: { line: 1, column: 1 }, targets: [] });
const section = (...keys: string[]): NoteSection => ({ notes: keys.map(note), pos: { line: 1, column: 1 } });

describe('assignSeries', () => {
  it('a key repeated in a later section: one series per section', () => {
    const s = [section('1', '2'), section('1')];
    assignSeries(s, () => []);
    expect(s.map((x) => x.series)).toEqual(['1', '2']);
    expect(s[1]!.notes[0]!.series).toBe('2');
  });
  it('no repeated key: no series', () => {
    const s = [section('1'), section('2')];
    assignSeries(s, () => []);
    expect(s.map((x) => x.series)).toEqual([undefined, undefined]);
  });
  it('LIA footnote and endnote ids: series and place by id', () => {
    const s = [section('1', '1')];
    const ids = new Map([[s[0]!.notes[0]!, ['fwV21P047F01']], [s[0]!.notes[1]!, ['fwV21E029']]]);
    assignSeries(s, (n) => ids.get(n) ?? []);
    expect(s[0]!.notes.map((n) => [n.series, n.place])).toEqual([['foot', 'foot'], ['end', 'end']]);
  });
});

const lead = (text: string, more: Partial<NoteLead> = {}): NoteLead => ({ text, labelElement: false, wrapped: false, linked: false, inNotes: false, ...more });
const OPENINGS: Record<string, { yes: [NoteLead, string][]; no: NoteLead[] }> = {
  'label element': {
    yes: [[lead('[1]', { labelElement: true, wrapped: true, linked: true }), '[1]'], [lead(' 12. ', { labelElement: true, wrapped: true, inNotes: true }), '12.']],
    no: [lead('[1]', { labelElement: true, wrapped: true }), lead('[1]', { linked: true, wrapped: true })],
  },
  'printed label': {
    yes: [[lead('1. The strike began in May.', { inNotes: true }), '1.'], [lead('[a] See above.', { linked: true }), '[a]'], [lead('* A pun.', { inNotes: true }), '*'], [lead('1) We are now speaking of prices.', { inNotes: true }), '1)'], [lead('2.\u00a0Sceptical Essays, p. 151.', { inNotes: true }), '2.']],
    no: [lead('1. The strike began in May.'), lead('1. The strike', { inNotes: true, wrapped: true }), lead('1917 was the year.', { inNotes: true }), lead('1) We are now speaking.'), lead('1)we are', { inNotes: true })],
  },
};

describe('note openings: every row takes and leaves its examples', () => {
  it('has examples for every row', () => expect(NOTE_OPENINGS.map((r) => r.name).sort()).toEqual(Object.keys(OPENINGS).sort()));
  for (const row of NOTE_OPENINGS) {
    it(row.name, () => {
      for (const [l, label] of OPENINGS[row.name]!.yes) expect(row.label(l), l.text).toBe(label);
      for (const l of OPENINGS[row.name]!.no) expect(row.label(l), l.text).toBeUndefined();
    });
  }
  it('a block neither linked nor in a notes section opens no note', () => {
    expect(noteOpening(lead('[1]', { labelElement: true, wrapped: true }))).toBeUndefined();
    expect(noteOpening(lead('1. First point of the programme.'))).toBeUndefined();
  });
});

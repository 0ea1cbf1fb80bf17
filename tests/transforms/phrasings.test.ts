import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_WORDS, PHRASINGS, recogniseNote, type FoundAction, type NoteAction } from '../../src/transforms/emendations/phrasings.js';

/** Each row of the phrasing table with wordings it must read (and what they mean). */
const EXAMPLES: Record<string, [string, NoteAction][]> = {
  '“X” is written above “Y”': [
    ['The word “organisation” is written above the word “agitation” in the manuscript.—Ed.', { op: 'subst', add: 'organisation', del: 'agitation', place: 'above' }],
    ['The word "organisation" is written above the word "agitation" in the manuscript – Ed.', { op: 'subst', add: 'organisation', del: 'agitation', place: 'above' }],
    ['organisation is written over agitation', { op: 'subst', add: 'organisation', del: 'agitation', place: 'above' }],
    ['The words «rank and file» were written under the word «masses».', { op: 'subst', add: 'rank and file', del: 'masses', place: 'below' }],
  ],
  'above “Y” is written “X”': [
    ['In the manuscript above the word “agitation” is written “organisation”.—Ed.', { op: 'subst', add: 'organisation', del: 'agitation', place: 'above' }],
    ['Above ‘agitation’, was written ‘organisation’.', { op: 'subst', add: 'organisation', del: 'agitation', place: 'above' }],
  ],
  '“X” is crossed out': [
    ['“and peasants” is crossed out in the manuscript.—Ed.', { op: 'del', words: 'and peasants' }],
    ['The words "at once" have been struck out in the manuscript.', { op: 'del', words: 'at once' }],
  ],
  'Lenin crossed out “X”': [
    ['In the manuscript Lenin crossed out the words “and peasants”.—Ed.', { op: 'del', words: 'and peasants' }],
    ['Marx struck out: "the whole of it" – Ed.', { op: 'del', words: 'the whole of it' }],
  ],
  '“X” is added in the margin': [
    ['The word “monthly” is added in the margin.—Ed.', { op: 'add', words: 'monthly', place: 'margin' }],
    ['“every month” was inserted between the lines in red ink.', { op: 'add', words: 'every month', place: 'above', hand: { id: 'h-red-ink', description: "Writing in red ink, as the source's editors describe it", medium: 'red ink' } }],
    ['"monthly" is written in the margin.', { op: 'add', words: 'monthly', place: 'margin' }],
    ['“every month” is written above the line in the manuscript.', { op: 'add', words: 'every month', place: 'above' }],
  ],
  'added in the margin: “X”': [
    ['Lenin added in pencil at the end of the manuscript: “(pamphlet on the S.R.s) .” The rest is clear.', { op: 'add', words: '(pamphlet on the S.R.s) .', place: 'end', hand: { id: 'h-pencil', description: "Writing in pencil, as the source's editors describe it", medium: 'pencil' } }],
    ['Added in the margin in another hand: "to all members".—Ed.', { op: 'add', words: 'to all members', place: 'margin', hand: { id: 'h-other', description: "A hand other than the author's, as the source's editors describe it" } }],
    ['Engels inserted above the line the words “and the state”.', { op: 'add', words: 'and the state', place: 'above' }],
  ],
  'the last word is illegible': [
    ['The last word is illegible', { op: 'lastWordIllegible' }],
    ['the last word of the quotation is illegible.—Ed.', { op: 'lastWordIllegible' }],
  ],
  'illegible, probably “X”': [
    ['The word is illegible, probably “peasants”.—Ed.', { op: 'unclear', words: 'peasants' }],
    ['One word illegible – possibly Duma.', { op: 'unclear', words: 'Duma' }],
  ],
  'the word is illegible': [
    ['The next word is illegible.—Ed.', { op: 'gap', reason: 'illegible', unit: 'word', quantity: 1 }],
    ['Three words are illegible in the manuscript.', { op: 'gap', reason: 'illegible', unit: 'word', quantity: 3 }],
    ['Here there is an illegible word.', { op: 'gap', reason: 'illegible', unit: 'word', quantity: 1 }],
  ],
  'the manuscript breaks off': [
    ['Further the manuscript breaks off.—Ed.', { op: 'gap', reason: 'manuscript breaks off' }],
    ['Here the MS. breaks off – Ed.', { op: 'gap', reason: 'manuscript breaks off' }],
    ['The rest of the manuscript has been lost.', { op: 'gap', reason: 'manuscript breaks off' }],
  ],
};

describe('the phrasing table', () => {
  it('every row has examples here', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(PHRASINGS.map((p) => p.name).sort());
  });

  it("each row's key words are in every wording it reads (else the row would be skipped)", () => {
    for (const row of PHRASINGS) {
      for (const [note] of EXAMPLES[row.name] ?? []) {
        expect(row.pattern.flags).toContain('i');
        expect(row.needs.flags).toBe(row.pattern.flags.replace('g', ''));
        expect(row.needs.test(note), `${row.name}: ${note}`).toBe(true);
      }
    }
  });

  for (const [row, examples] of Object.entries(EXAMPLES)) {
    describe(row, () => {
      for (const [note, action] of examples) {
        it(note, () => {
          const found = recogniseNote(note);
          expect(found.map((f) => f.phrasing)).toEqual([row]);
          expect(found[0]!.action).toEqual(action);
        });
      }
    });
  }

  it('reads two statements of one note in the order the note makes them', () => {
    const found = recogniseNote('Lenin added in pencil at the end of the manuscript: “(pamphlet … On therights...) .” The last word is illegible Apparently Lenin meant the rights of general meetings.');
    expect(found.map((f) => f.action.op)).toEqual(['add', 'lastWordIllegible']);
  });

  describe('does not fire on notes that merely mention a manuscript or use the same words otherwise', () => {
    for (const note of [
      'Printed from the manuscript.',
      'The manuscript is kept in the Central Party Archive.—Ed.',
      'The manuscript is dated May 1.',
      'Lenin added a postscript to the letter.—Ed.',
      'The Bolsheviks crossed out of the Duma list the Cadets’ names.',
      'Written in April 1921; first published in 1932.',
      'The word “Duma” is written with a capital letter in the original.',
      'Statistics on illegible handwriting are given in Chapter 3.',
      // A quotation of what someone wrote (a letter, a remark) is no addition to the manuscript.
      'With regard to this Lenin wrote: "I lay greater stress on the alliance with the peasantry".',
      'Preobrazhensky wrote: “. . . if it proves impossible to reach economic agreement”.',
    ]) {
      it(note, () => expect(recogniseNote(note)).toEqual([]));
    }
  });

  it('finds nothing in a long note that almost matches (no catastrophic backtracking: npm run bench times it)', () => {
    const note = `${'“a” is written '.repeat(20_000)}nowhere`;
    expect(recogniseNote(note)).toEqual([]);
  });
});

/**
 * The table read the plain way: each row's needs tested, its global pattern run from the
 * start of the note at every character. `recogniseNote` skips rows by their key words and
 * tries a pattern only where a match may start: it must find exactly this.
 */
function plainReading(noteText: string): FoundAction[] {
  const found: FoundAction[] = [];
  const overlaps = (s: number, e: number): boolean => found.some((f) => s < f.end && f.start < e);
  for (const row of PHRASINGS) {
    if (!row.needs.test(noteText)) continue;
    const pattern = new RegExp(row.pattern.source, row.pattern.flags);
    for (const m of noteText.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const slot = (name: string): string | undefined => (m.groups?.[`${name}1`] ?? m.groups?.[`${name}2`] ?? m.groups?.[`${name}3`])?.trim() || undefined;
      const action = row.build(slot, m);
      if (action) found.push({ action, start, end, phrasing: row.name });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

describe('the table is read as the plain reading reads it', () => {
  it("a row's key words are in its needs (a note its needs match holds one of them)", () => {
    for (const row of PHRASINGS) {
      expect(row.keys.length).toBeGreaterThan(0);
      for (const k of row.keys) expect(KEY_WORDS).toContain(k);
      // What the needs match in each example holds one of the row's key words.
      for (const [note] of EXAMPLES[row.name] ?? []) {
        const m = row.needs.exec(note)![0].toLowerCase();
        expect(row.keys.some((k) => m.includes(k)), `${row.name}: ${m}`).toBe(true);
      }
    }
  });

  const notes = [...Object.values(EXAMPLES).flatMap((rows) => rows.map(([n]) => n))];
  it('every example note, alone and two by two', () => {
    for (const a of notes) {
      expect(recogniseNote(a)).toEqual(plainReading(a));
      for (const b of notes) expect(recogniseNote(`${a} ${b}`)).toEqual(plainReading(`${a} ${b}`));
    }
  });

  it('generated notes of key words, quotation marks, case-folded letters (ſ, K) and astral characters', () => {
    const piece = fc.constantFrom(
      ...KEY_WORDS, ...KEY_WORDS.map((w) => w.toUpperCase()), 'croſſed', 'ſtruck', 'inſerted', 'ADDED', 'wrotends abruptly', 'written above', 'is written', 'was', 'has been', 'the word', 'the last word',
      '“', '”', '"', '«', '»', '‘', '’', ':', ',', '.', ' ', ' ', ' ', 'in pencil', 'in the margin', 'at the end', 'probably', 'line', 'two words', 'above', 'under', 'out', 'through',
      'organisation', 'agitation', 'and', '𝐀', '\u{1F600}', 'Lenin', 'manuscript', 'breaks off', 'MS.', 'in red ink', "in Krupskaya's hand", 'K',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const note = parts.join('');
        expect(recogniseNote(note)).toEqual(plainReading(note));
      }),
      { seed: 1411, numRuns: 3000 },
    );
  });
});

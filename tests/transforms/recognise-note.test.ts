/**
 * recogniseNote tries each row of the phrasing table only where a match may begin (start
 * words, opening quotation marks before "is crossed out"/"is added", word starts a few
 * spaces before a key word), found on the note lowered by `foldCase` instead of by regexes.
 * It must find exactly what the session-9 recogniser (kept in ./oracle/phrasings-v9.ts)
 * finds: on the seeds' notes, on every note and line of the MIA corpus, and on generated notes
 * built from the pieces where the two could part (case-folded letters, İ, quotation marks
 * 400 characters apart, words a match may begin inside, digits, spaces).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { blockInlines, plainText, squash } from '../../src/model/walk.js';
import { foldCase, KEY_WORDS, PHRASINGS, recogniseNote } from '../../src/transforms/emendations/phrasings.js';
import { corpusDocuments, hasBothCorpora } from '../helpers/corpus-files.js';
import { PROJECT_ROOT, skipMessage } from '../helpers/shared.js';
import { recogniseNote as recogniseNoteV9 } from './oracle/phrasings-v9.js';

/** Each note's text as the emendation transform gives it to recogniseNote. */
function noteTexts(text: string): string[] {
  const model = convert(text, { validate: false, verify: false }).model;
  return (model?.notes ?? []).flatMap((s) => s.notes.map((n) => squash(n.blocks.flatMap(blockInlines).map((l) => plainText(l)).join(' '))));
}

const same = (note: string): void => {
  expect(recogniseNote(note), note.slice(0, 200)).toEqual(recogniseNoteV9(note));
};

describe('foldCase reads the ASCII letters as the rows\' case-insensitive Unicode patterns do', () => {
  it('every code point: it matches a letter (flags iu) exactly when foldCase makes it that letter; only İ changes length', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const patterns = [...letters].map((l) => new RegExp(`^${l}$`, 'iu'));
    const wrong: string[] = [];
    const longer: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const folded = foldCase(c);
      if (folded.length !== c.length) {
        longer.push(cp);
        continue;
      }
      for (let i = 0; i < 26; i++) if (patterns[i]!.test(c) !== (folded === letters[i])) wrong.push(`U+${cp.toString(16)} ${letters[i]}`);
    }
    expect(wrong).toEqual([]);
    expect(longer).toEqual([0x130]);
  });
});

describe('recogniseNote finds what the session-9 recogniser finds', () => {
  it('the seeds\' notes', () => {
    const notes = readdirSync(resolve(PROJECT_ROOT, 'input'))
      .filter((n) => n.endsWith('.txt'))
      .flatMap((n) => noteTexts(readFileSync(resolve(PROJECT_ROOT, 'input', n), 'utf8')));
    expect(notes.length).toBeGreaterThan(3);
    // The seeds have notes rows read (the subst, the addition at the end, its last word).
    expect(notes.filter((n) => recogniseNote(n).length > 0).length).toBeGreaterThanOrEqual(2);
    for (const n of notes) same(n);
  });

  it.skipIf(!hasBothCorpora)(hasBothCorpora ? 'every note and every line of the MIA corpus' : skipMessage('the MIA corpus'), () => {
    let notes = 0;
    for (const doc of corpusDocuments()) {
      for (const n of noteTexts(doc.text)) {
        same(n);
        notes++;
      }
      for (const line of doc.text.split('\n')) same(squash(line));
    }
    expect(notes).toBeGreaterThan(400);
  }, 120_000);

  it('generated notes', () => {
    const piece = fc.constantFrom(
      ...KEY_WORDS, ...KEY_WORDS.map((w) => w.toUpperCase()), 'croſſed', 'ſtruck', 'inſerted', 'Iİllegible', 'İ', 'ſ', 'K', 'wrotends abruptly', 'moreover', 'abovex',
      'the ', 'The ', 'last word', 'the last word', ' of the quotation', 'word', 'words', 'letters', 'lines', 'two ', 'several ', '1921', '19', 'next ', 'x-', '_', 'MS.', 'manuscript', 'the rest of the manuscript', ' is lost', ' has been missing',
      ' is ', ' are ', ' was ', ' were ', ' has been ', ' have been ', ' iſ ', ' HAVE BEEN ', 'written above', 'written under', 'above', 'over', 'below', 'under', 'out', ' out', ' through', 'probably ', ', probably',
      '“', '”', '"', '«', '»', '‘', '’', ':', ',', '.', ' ', ' ', ' ', '  ', 'in pencil', 'in the margin', 'at the end', 'in red ink', "in Krupskaya's hand",
      'organisation', 'agitation', 'and', '𝐀', '\u{1F600}', 'Lenin', 'a'.repeat(395), 'b'.repeat(120),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        same(parts.join(''));
      }),
      { seed: 1010, numRuns: 6000 },
    );
  });

  it('generated notes built from the rows\' own grammar, with near misses (quotations of 399–401 characters, each form of "to be", counts and spaces)', () => {
    const cased = (w: string) => fc.constantFrom(w, w.toUpperCase(), w.replace(/s/g, 'ſ'), w.replace(/^./, (c) => c.toUpperCase()));
    const be = fc.constantFrom(' is ', ' are ', ' was ', ' were ', ' has been ', ' have been ', ' iſ ', ' HAVE BEEN ', '  is ', ' is', ' been ');
    const content = fc.oneof(fc.constantFrom('X', 'at once', 'rank and file', 'a'.repeat(399), 'a'.repeat(400), 'a'.repeat(401), '‘inner’', '"', ''), fc.string({ maxLength: 8 }));
    const quotation = fc.tuple(fc.constantFrom('“', '"', '«', '‘', ''), content, fc.constantFrom('”', '"', '»', '’', '')).map((p) => p.join(''));
    const verb = fc.oneof(...['added', 'inserted', 'written', 'crossed', 'struck', 'scored', 'wrote'].map(cased));
    const quoted = fc.tuple(quotation, be, verb, fc.constantFrom(' out', ' through', ' in pencil', ' in the margin', ' above the word “Y”', ' over Y', '', ':')).map((p) => p.join(''));
    const after = fc.tuple(verb, fc.constantFrom(' out', ' in the margin', ' at the end', ''), fc.constantFrom(': ', ' ', ' the words '), quotation).map((p) => p.join(''));
    const place = fc.tuple(fc.constantFrom('above', 'over', 'moreover', 'Below', 'under', 'x'), fc.constantFrom(' the word ', ' '), quotation, fc.constantFrom(',', ''), be, cased('written'), fc.constantFrom(' ', ' the word '), quotation).map((p) => p.join(''));
    const count = fc.constantFrom('one ', 'two ', 'several ', 'a ', 'An ', 'the ', '1921 ', '19-', 'x', '');
    const gap = fc.tuple(count, fc.constantFrom('next ', 'last ', 'LAST ', ''), fc.constantFrom('word', 'words', 'letter', 'lines', 'line'), be, cased('illegible'), fc.constantFrom(' word', ' lines', '', ', probably “X”', '; perhaps X')).map((p) => p.join(''));
    const lastWord = fc.tuple(fc.constantFrom('the ', 'The ', 'x', ''), cased('last word'), fc.constantFrom(' of the quotation', ' of this note', ''), be, cased('illegible')).map((p) => p.join(''));
    const breaks = fc.oneof(
      fc.tuple(fc.constantFrom('the ', 'The ', ''), fc.constantFrom('manuscript', 'MS.', 'MS', 'ms'), fc.constantFrom(' ', '  '), fc.oneof(cased('breaks off'), cased('ends abruptly'))).map((p) => p.join('')),
      fc.tuple(fc.constantFrom('the ', 'The ', 'x', ''), cased('rest of the manuscript'), fc.constantFrom(' is', ' has been', ' was'), fc.constantFrom(' lost', ' missing')).map((p) => p.join('')),
    );
    const glue = fc.constantFrom(' ', '', 'x', 'x-', '_', '. ', ', ', '𝐀', 'İ', 'K', ' the ', '\u{1F600} ');
    const note = fc.array(fc.tuple(glue, fc.oneof(quoted, after, place, gap, lastWord, breaks)), { minLength: 1, maxLength: 4 }).map((parts) => parts.flat().join(''));
    let found = 0;
    fc.assert(
      fc.property(note, (n) => {
        same(n);
        if (recogniseNote(n).length > 0) found++;
      }),
      { seed: 77, numRuns: 8000 },
    );
    // Most generated notes are read by some row: the near misses sit beside real matches.
    expect(found).toBeGreaterThan(4000);
  });
});

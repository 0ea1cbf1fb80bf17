/**
 * The printed-source tagger's fast paths (segments split by a character loop and trimmed
 * with trimStart/trimEnd; each recogniser first asks what its pattern cannot match without)
 * must tag every line exactly as before: the tagger as it was is kept in ./before/bibl.ts.
 */
import { describe, expect, test } from 'vitest';
import type { Inline } from '../../src/model/edition.js';
import { tagFirstPublished, tagSource } from '../../src/tei/bibl.js';
import { tagFirstPublished as tagFirstPublishedBefore, tagSource as tagSourceBefore } from './before/bibl.js';

/** Pieces of source lines: recognised parts, near misses, separators and white space of every kind. */
const WORDS = [
  'Lenin Collected Works', 'Works', 'Selected Works', '3nd English Printing', 'Second edition', 'ed.', 'reprint', 'Impression',
  'Progress Publishers', 'Foreign Languages Publishing House', 'Lawrence & Wishart', 'Verlag', 'Co.', 'Ltd.', 'Ltd', 'Inc.', 'St.', 'Press',
  'Moscow', 'moscow', 'MOSCOW', 'St. Petersburg', 'New York', 'San Francisco', 'Mexico City', 'Johannesburg', 'Londonderry', 'İstanbul',
  'Moscow 1977', 'Moscow: 1977', 'London  1902', 'Moscow:1977', '1977', '0977', '19777', '1954.', '2008',
  'Volume 42', 'Vol. 2', 'vols. 3-4', 'Vol. IV', 'Tome 3', 'Band 2', 'Bd. 7', 'Book 3', 'book III', 'volume', 'Volumes 2',
  'pages 298b-299a', 'page 5', 'pp. 3-4', 'p. 12', 'P. 7', 'pp. iv–xii', 'pages', 'Pages 10 – 12',
  'Twenty years', 'A. B.', 'J. V. Stalin', 'No. 5', 'in', 'the', 'Pravda', 'x.', '7.', 'é.',
];
const GLUE = [', ', ',', '; ', ';', ' ', ',, ', ' ;', '\u00a0, ', ',\u2003', '\t,\t', ' , ', '.', '. ', ''];
const EDGES = ['', ' ', '  ', '\u00a0', '\u3000', '\ufeff', '\u2028', '.', ',', ';', '\ud800'];

function generator(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return (a >>> 8) % n;
  };
}

function line(rand: (n: number) => number): string {
  let s = EDGES[rand(EDGES.length)]!;
  const n = 1 + rand(7);
  for (let k = 0; k < n; k++) s += (k > 0 ? GLUE[rand(GLUE.length)]! : '') + WORDS[rand(WORDS.length)]!;
  return s + EDGES[rand(EDGES.length)]!;
}

const text = (value: string): Inline => ({ kind: 'text', text: value, pos: { line: 1, column: 1 } }) as Inline;
const italic = (value: string): Inline => ({ kind: 'hi', rend: 'italic', children: [text(value)], pos: { line: 1, column: 1 } }) as Inline;

describe('the printed-source tagger tags as it did before its fast paths', () => {
  test('\\s and String.prototype.trim agree on every UTF-16 code unit (segments trims with trim)', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (/^\s$/.test(ch) !== (ch.trim() === '')) differ.push(`U+${c.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });

  test('20,000 generated source fields, alone, in pairs and with an italic title', () => {
    const rand = generator(2024);
    let tagged = 0;
    for (let k = 0; k < 20_000; k++) {
      const shape = rand(3);
      const values: Inline[][] =
        shape === 0 ? [[text(line(rand))]] : shape === 1 ? [[text(line(rand))], [text(line(rand))]] : [[italic(WORDS[rand(WORDS.length)]!), text(line(rand))]];
      const want = tagSourceBefore(values);
      expect(tagSource(values)).toEqual(want);
      if (want.some((p) => p.kind === 'part')) tagged++;
    }
    // The lines exercise the recognisers: most have a tagged part.
    expect(tagged).toBeGreaterThan(10_000);
  });

  test('2,000 generated "First published" lines', () => {
    const rand = generator(7);
    for (let k = 0; k < 2_000; k++) {
      const value = [text(`First published in ${line(rand)}`), italic('Pravda'), text(line(rand))];
      expect(tagFirstPublished(value)).toEqual(tagFirstPublishedBefore(value));
    }
  });
});

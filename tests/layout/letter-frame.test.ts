/**
 * The letter frame of texts whose blocks have their inlines whole (src/layout/letter-frame.ts):
 * every phrase row and every class row, taking and leaving examples, through `shapeLetter`.
 */
import { describe, expect, it } from 'vitest';
import { LETTER_CLASSES, LETTER_PHRASES, shapeLetter, type BodyEntry } from '../../src/layout/letter-frame.js';
import type { Block, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';

let line = 0;
const pos = (): { line: number; column: number } => ({ line: ++line, column: 1 });
const text = (t: string): Inline => ({ kind: 'text', text: t, pos: pos() });
const para = (t: string, classes?: string[]): BodyEntry => ({ block: { kind: 'p', children: [text(t)], pos: pos() }, hints: classes ? { classes } : {} });
const words = (list: Inline[] | undefined): string => (list ? plainText(list) : '');
const bodyText = (blocks: Block[]): string[] => blocks.map((b) => (b.kind === 'p' ? plainText(b.children) : b.kind));

const PHRASES: Record<string, { yes: string[]; no: string[] }> = {
  salutation: { yes: ['Dear Kugelmann,', 'My dearest Jenny', 'Comrades!', 'Gentlemen:', 'Respected Comrade'], no: ['The comrades met in May.', 'Comrades of the Central Committee, we write'] },
  valediction: { yes: ['Yours,', 'Sincerely yours', 'With Social-Democratic greetings', 'Adieu!', 'Your Fred'], no: ['Yours is the future of the working class.', 'With these words he closed.'] },
};

describe('letter phrases: every row takes and leaves its examples', () => {
  it('has examples for every row', () => expect(LETTER_PHRASES.map((r) => r.name).sort()).toEqual(Object.keys(PHRASES).sort()));
  for (const row of LETTER_PHRASES) {
    it(row.name, () => {
      for (const s of PHRASES[row.name]!.yes) expect(row.pattern.test(s), s).toBe(true);
      for (const s of PHRASES[row.name]!.no) expect(row.pattern.test(s), s).toBe(false);
    });
  }
});

describe('shapeLetter', () => {
  const lined = (...ls: string[]): BodyEntry => ({ block: { kind: 'p', children: ls.flatMap((t, i): Inline[] => (i === 0 ? [text(t)] : [{ kind: 'lb', pos: pos() }, text(t)])), pos: pos() }, hints: {} });
  it('a date alone over an inside address and the salutation is the dateline; the address stays text', () => {
    const s = shapeLetter([para('June 2, 1919.'), lined('Robert Minor', 'Hotel des Etas Unis', 'Paris, France.'), para('Dear Bob:'), para('The strike goes on.')]);
    expect(words(s.opener?.dateline)).toBe('June 2, 1919.');
    expect(bodyText(s.blocks)[0]).toContain('Robert Minor');
  });
  it('a last block of short lines ending in a date closes the text, letter or not', () => {
    const s = shapeLetter([para('The text, a sentence.'), lined('Moscow', 'December 17, 1918')]);
    expect(words(s.closer?.dateline)).toBe('December 17, 1918');
    expect(bodyText(s.blocks)).toEqual(['The text, a sentence.']);
  });
  it('a last quote of one paragraph, short lines ending in a date, closes the text (an indented signature)', () => {
    const q = (...ls: string[]): BodyEntry => ({ block: { kind: 'quote', blocks: [lined(...ls).block], pos: pos() }, hints: {} });
    const s = shapeLetter([para('The text, a sentence.'), q('Karl Marx', 'London', 'July 25, 1867')]);
    expect(words(s.closer?.dateline)).toBe('July 25, 1867');
    expect(words(s.closer?.signed)).toContain('Karl Marx');
    expect(bodyText(s.blocks)).toEqual(['The text, a sentence.']);
    // A quotation that ends the text, or a quote of two paragraphs, stays a quote.
    expect(shapeLetter([para('The text, a sentence.'), q('“Segui il tuo corso, e lascia dir le genti.”')]).closer).toBeUndefined();
    const two: BodyEntry = { block: { kind: 'quote', blocks: [lined('London').block, lined('July 25, 1867').block], pos: pos() }, hints: {} };
    expect(shapeLetter([para('The text, a sentence.'), two]).closer).toBeUndefined();
    expect(shapeLetter([q('Karl Marx', 'London', 'July 25, 1867'), para('The text, a sentence.')]).closer).toBeUndefined();
  });
  it('a last block whose date is inside a sentence, or with long lines, stays text', () => {
    expect(shapeLetter([para('The text, a sentence.'), lined('We met in Moscow on December 17, 1918 and parted.')]).closer).toBeUndefined();
    expect(shapeLetter([para('The text, a sentence.'), lined('In Moscow the winter was hard, and the workers went hungry for weeks', 'December 17, 1918')]).closer).toBeUndefined();
  });
  it('a date alone over a paragraph of text is not a dateline', () => {
    const s = shapeLetter([para('June 2, 1919.'), lined('On that day the strike began.', 'It lasted a week and more, and no one gave way.', 'Then it ended.'), para('The strike goes on.')]);
    expect(s.opener).toBeUndefined();
    const t = shapeLetter([para('In June 1919, we met.'), lined('Robert Minor', 'Paris, France.'), para('Dear Bob:'), para('The strike goes on.')]);
    expect(t.opener).toBeUndefined();
  });
  it('a salutation by its words opens a letter; a valediction and signature close it', () => {
    const s = shapeLetter([para('Dear Bebel,'), para('The strike goes on.'), para('Yours,'), para('F. Engels', ['sig'])]);
    expect(s.letter).toBe(true);
    expect(words(s.opener?.salute)).toBe('Dear Bebel,');
    expect(words(s.closer?.salute)).toBe('Yours,');
    expect(words(s.closer?.signed)).toBe('F. Engels');
    expect(bodyText(s.blocks)).toEqual(['The strike goes on.']);
  });
  it('class rows: a place-date and a salutation marked by class, a signature by class', () => {
    for (const c of LETTER_CLASSES.openerDateline) {
      const s = shapeLetter([para('London', [c]), para('Friend', ['salutation']), para('The strike goes on.'), para('Fred', ['signed'])]);
      expect(words(s.opener?.dateline), c).toBe('London');
      expect(words(s.opener?.salute), c).toBe('Friend');
      expect(words(s.closer?.signed), c).toBe('Fred');
    }
    for (const c of LETTER_CLASSES.closer) {
      const s = shapeLetter([para('The strike goes on.'), para('Fred', [c])]);
      expect(s.closer, c).toBeDefined();
    }
  });
  it('leaves a text with no mark of a letter alone', () => {
    const s = shapeLetter([para('London'), para('The strike goes on.'), para('Fred')]);
    expect(s.opener).toBeUndefined();
    expect(s.closer).toBeUndefined();
    expect(s.letter).toBe(false);
    expect(bodyText(s.blocks)).toEqual(['London', 'The strike goes on.', 'Fred']);
  });
});

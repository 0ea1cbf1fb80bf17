/**
 * The engine's hint tables (src/layout/hinted.ts): every row of TITLE_ORDER and FRONT_HINTS
 * with blocks it must take and blocks it must leave, and `planFront` / `textRole` on
 * streams built with no reader. A row with no examples fails the completeness test.
 */
import { describe, expect, it } from 'vitest';
import type { BlockHints, BlockKind, StreamBlock } from '../../src/layout/blocks.js';
import { FRONT_HINTS, TITLE_ORDER, authorLineName, authorName, chooseTitle, planFront, textRole } from '../../src/layout/hinted.js';

let line = 0;
const block = (kind: BlockKind, text: string, hints: BlockHints = {}): StreamBlock => ({ kind, lines: [{ text, line: ++line, column: 1 }], gapBefore: 0, hints });
const h = (level: number, text: string, classes?: string[]): StreamBlock => block('heading', text, classes ? { level, classes } : { level });
const p = (text: string, classes?: string[], more: BlockHints = {}): StreamBlock => block('para', text, classes ? { classes, ...more } : more);

type Example = { block: StreamBlock; afterInfoRule?: boolean };
const ROW_EXAMPLES: Record<string, { yes: Example[]; no: Example[] }> = {
  'title heading': { yes: [{ block: h(3, 'Letter to Bebel', ['title']) }], no: [{ block: p('Letter to Bebel', ['title']) }, { block: h(3, 'Letter to Bebel') }] },
  h1: { yes: [{ block: h(1, 'The Strike') }], no: [{ block: h(2, 'The Strike') }, { block: p('The Strike') }] },
  h3: { yes: [{ block: h(3, 'The Strike') }], no: [{ block: h(4, 'The Strike') }] },
  h2: { yes: [{ block: h(2, 'V. I. Lenin') }], no: [{ block: h(1, 'V. I. Lenin') }] },
  h4: { yes: [{ block: h(4, 'The Strike') }], no: [{ block: h(5, 'The Strike') }] },
  'title paragraph': { yes: [{ block: p('Marx-Engels Correspondence 1873', ['title']) }], no: [{ block: p('Marx-Engels Correspondence 1873') }, { block: h(3, 'x', ['title']) }] },
  'information block': {
    yes: [
      { block: p('Source: Collected Works', ['info']) },
      { block: p('Source: Collected Works', ['information'], { labelled: true }) },
      { block: p('Published in Pravda', []), afterInfoRule: true },
    ],
    no: [{ block: p('1. A note', ['information']) }, { block: p('Source: Collected Works') }, { block: h(3, 'Source', ['info']) }],
  },
  'author line': { yes: [{ block: p('Rosa Luxemburg', ['author']) }, { block: h(2, 'Rosa Luxemburg', ['author']) }], no: [{ block: h(2, 'Rosa Luxemburg') }] },
  subtitle: { yes: [{ block: p('A Reply', ['subtitle']) }, { block: h(4, 'A Reply', ['subtitle']) }], no: [{ block: p('A Reply') }, { block: block('list', 'A Reply', { classes: ['subtitle'] }) }] },
  'last updated': { yes: [{ block: p('Last updated on 2 May 2004', ['updat']) }], no: [{ block: p('Last updated on 2 May 2004') }] },
  'page note': { yes: [{ block: p('This section has been split', ['pagenote']) }, { block: p('x', ['pagenoteb']) }], no: [{ block: p('This section has been split', ['fst']) }] },
  'front paragraph': { yes: [{ block: p('x', ['title']) }, { block: p('x', ['updat']) }], no: [{ block: p('x', ['fst']) }, { block: h(1, 'x', ['title']) }] },
};

describe('hint tables: every row takes and leaves its examples', () => {
  const rows = [...TITLE_ORDER, ...FRONT_HINTS];
  it('has examples for every row', () => {
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(ROW_EXAMPLES).sort());
  });
  for (const row of rows) {
    const ex = ROW_EXAMPLES[row.name]!;
    it(`${row.name}: takes ${ex.yes.length}, leaves ${ex.no.length}`, () => {
      for (const e of ex.yes) expect(row.test(e.block, { afterInfoRule: e.afterInfoRule ?? false }), e.block.lines[0]!.text).toBe(true);
      for (const e of ex.no) expect(row.test(e.block, { afterInfoRule: e.afterInfoRule ?? false }), e.block.lines[0]!.text).toBe(false);
    });
  }
});

describe('planFront', () => {
  it('prefers a title-class heading, then h1 over h3 over h2', () => {
    expect(chooseTitle([h(2, 'Lenin'), h(3, 'The State')])).toBe(1);
    expect(chooseTitle([h(2, 'Lenin'), h(1, 'The State'), h(3, 'x', ['title'])])).toBe(2);
    expect(chooseTitle([p('x'), p('y', ['title'])])).toBe(1);
    expect(chooseTitle([p('x')])).toBe(-1);
  });
  it('an h2 above the title is the author line, a p.title above it the collection line; the information block ends the front', () => {
    const plan = planFront([p('Marx-Engels Correspondence 1873', ['title']), h(2, 'Frederick Engels'), h(3, 'Engels to Bebel'), p('Source: MECW', ['information'], { labelled: true }), p('Dear Bebel,'), p('Yours, F. E.')]);
    expect(plan.roles).toEqual(['collection', 'author', 'title', 'info']);
    expect(plan.titleAt).toBe(2);
    expect(plan.end).toBe(4);
  });
  it('furniture above the title is dropped; a heading right under the title is its subtitle, unless it is a notes heading or a date', () => {
    const nav = p('Works Index | Archive', undefined, { linksOnly: true });
    expect(planFront([nav, h(1, 'The Strike'), h(3, 'A Reply to Critics'), p('The workers.')]).roles).toEqual(['furniture', 'title', 'subtitle']);
    expect(planFront([h(1, 'The Strike'), h(3, 'Notes'), p('The workers.')]).roles).toEqual(['title']);
    expect(planFront([h(1, 'The Strike'), h(3, 'March 12, 1912'), p('The workers.')]).roles).toEqual(['title']);
  });
  it('the block after hr.infotop is the information block; words outside any paragraph open the text', () => {
    const plan = planFront([h(1, 'The Strike'), block('rule', '', { classes: ['infotop'] }), p('Published in Pravda'), p('The workers.')]);
    expect(plan.roles).toEqual(['title', 'skip', 'info']);
    expect(planFront([h(1, 'The Strike'), p('Loose words', undefined, { loose: true }), h(3, 'Later')]).end).toBe(1);
  });
});

describe('author lines above the title (the shared AUTHOR rows and person names)', () => {
  it('the first line of the page, a person’s name above the title, is the author line whatever its heading level', () => {
    expect(planFront([h(4, 'Anatoly Lunacharsky'), h(3, 'REVOLUTIONARY SILHOUETTES'), h(1, 'Yakov Sverdlov'), p('I first met him.')]).roles).toEqual(['author', 'beforeHead', 'title']);
    // Only the first line: under a collection heading ("Collected Works" is no name, the collection line) a name stays as printed.
    expect(planFront([h(3, 'Collected Works'), h(4, 'Anatoly Lunacharsky'), h(1, 'Yakov Sverdlov'), p('I first met him.')]).roles).toEqual(['collection', 'beforeHead', 'title']);
    expect(planFront([h(4, 'On the Eve of War'), h(1, 'Yakov Sverdlov'), p('I first met him.')]).roles).toEqual(['beforeHead', 'title']);
  });
  it('a name alone in a paragraph above the first heading (a portrait’s caption) does not open the text', () => {
    const plan = planFront([p('Natalia Sedova Trotsky', ['sig']), h(2, 'Natalia Sedova Trotsky'), h(1, 'How it Happened'), p('You know, I feel fine today.')]);
    expect(plan.titleAt).toBe(2);
    // The name printed again under the caption is no text either: the collection line, as page text reads it.
    expect(plan.roles).toEqual(['author', 'collection', 'title']);
    // A sentence above the heading is text: the page has no title zone above it.
    expect(planFront([p('You know, I feel fine today.'), h(1, 'How it Happened')]).titleAt).toBe(-1);
  });
  it('authorName: "Name 1912", "by Name", a name alone; not a title or a letter’s title', () => {
    expect(authorName('Otto Bauer 1912')).toBe('Otto Bauer');
    expect(authorName('by Leon Trotsky')).toBe('Leon Trotsky');
    expect(authorName('Anatoly Lunacharsky')).toBe('Anatoly Lunacharsky');
    expect(authorName('The State and Revolution')).toBeUndefined();
    expect(authorName('Engels to August Bebel')).toBeUndefined();
    expect(authorName("Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx")).toBe('Rudolf Hilferding');
    expect(authorName('Capital: Volume One')).toBeUndefined();
  });
  it('authorLineName: an author line keeps its name, without the year', () => {
    expect(authorLineName('Otto  Bauer 1912')).toBe('Otto Bauer');
    expect(authorLineName('H. M. Hyndman')).toBe('H. M. Hyndman');
    expect(authorLineName("Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx")).toBe('Rudolf Hilferding');
    expect(authorLineName('Nikolai Bukharin (1888-1938)')).toBe('Nikolai Bukharin (1888-1938)');
  });
  it('an h2 above the title is the author line only when it names a person', () => {
    expect(planFront([h(2, 'Karl Marx'), h(1, 'The Civil War in France'), p('The text.')]).roles).toEqual(['author', 'title']);
    expect(planFront([h(2, 'The Third Address May, 1871'), h(1, 'The Civil War in France'), p('The text.')]).roles).toEqual(['beforeHead', 'title']);
  });
});

describe('textRole', () => {
  it('furniture, empty blocks, last updated, a foot information block, page notes only after it, notes headings', () => {
    expect(textRole(p('x', ['footer']))).toBe('furniture');
    expect(textRole(block('table', 'x', { innerClasses: ['t2h-foot'] }))).toBe('furniture');
    expect(textRole(p('\u00a0 '))).toBe('skip');
    expect(textRole(p('Last updated 2004', ['updat']))).toBe('updated');
    expect(textRole(p('Source: x', ['info']))).toBe('info');
    expect(textRole(p('A note on this edition', ['pagenote']))).toBeUndefined();
    expect(textRole(p('A note on this edition', ['pagenote']), true)).toBe('headerNote');
    expect(textRole(h(3, 'Translator’s Notes'))).toBe('notesHeading');
    expect(textRole(p('Notes'))).toBeUndefined();
    expect(textRole(p('The workers went on strike.'))).toBeUndefined();
  });
});

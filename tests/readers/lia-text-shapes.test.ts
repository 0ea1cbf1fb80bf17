/** The line shapes the lia-text reader decides by: letter frame, navigation, note labels, metadata labels. */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { isNavigationLine } from '../../src/layout/navigation.js';
import { labelLineAt } from '../../src/layout/info.js';
import { noteLabelAt, parseLiaInlines } from '../../src/readers/shared/lia-inline.js';
import { isClosingSaluteLine, isPlaceDateLine, isPlaceLine, isSalutationLine, isSignatureLine } from '../../src/layout/letter.js';

describe('letter-frame line shapes', () => {
  it('knows place-date lines from sentences and page dates', () => {
    for (const yes of ['Moscow, May 1, 1921', 'Zurich, 12 November 1914', 'London, March 18-28, 1875', 'May 1, 1921', 'Gorki, October 3, 1922']) {
      expect(isPlaceDateLine(yes), yes).toBe(true);
    }
    for (const no of ['Last updated on 25 March 2022', 'It closed on May 1, 1921 after long debates.', 'Moscow', 'the congress of May 1921']) {
      expect(isPlaceDateLine(no), no).toBe(false);
    }
  });

  it('knows a place alone on its line (a dateline of two lines: place over date)', () => {
    for (const yes of ['Folkestone, near Dover', 'Moscow', 'St. Petersburg', 'Frankfurt am Main']) expect(isPlaceLine(yes), yes).toBe(true);
    for (const no of ['The workers went home.', 'Dear Comrade,', 'August 21, 1890', 'Chapter 1', 'the congress', 'Reply to the Debate on the Political Report of the Central Committee']) expect(isPlaceLine(no), no).toBe(false);
  });

  it('knows salutations', () => {
    for (const yes of ['Dear Comrade,', 'Comrades!', 'Dear Comrades:', 'My dear Kugelmann,', 'Werter Genosse!']) expect(isSalutationLine(yes), yes).toBe(true);
    for (const no of ['Comrades', 'The congress opened, and then it closed,', 'therefore,']) expect(isSalutationLine(no), no).toBe(false);
  });

  it('knows closing salutes and signatures', () => {
    for (const yes of ['Yours,', 'With communist greetings,', 'Fraternally yours', 'With Social-Democratic greetings']) expect(isClosingSaluteLine(yes), yes).toBe(true);
    expect(isClosingSaluteLine('We send our greetings to all the workers of the world who stand with us today.')).toBe(false);
    for (const yes of ['N. Lenin', 'V. I. Lenin', 'F. Engels', 'Lenin']) expect(isSignatureLine(yes), yes).toBe(true);
    for (const no of ['It is done.', 'Comrades,', 'yours truly']) expect(isSignatureLine(no), no).toBe(false);
  });
});

describe('navigation, labels and markers', () => {
  it('knows navigation lines from text', () => {
    expect(isNavigationLine('< backward \u00a0 forward >')).toBe(true);
    expect(isNavigationLine('Works Index \u00a0 | \u00a0 Volume 42 | Collected Works \u00a0 | \u00a0 L.I.A. Index')).toBe(true);
    expect(isNavigationLine('See <www.marxists.org>')).toBe(false);
    expect(isNavigationLine('We ask: which is it, war | peace, or both, here, now?')).toBe(false);
  });

  it('reads metadata labels, known and unknown, and refuses URLs and long phrases', () => {
    expect(labelLineAt('Transcription\\Markup: D. Walters')).toEqual({ label: 'Transcription\\Markup', valueStart: 22, known: true });
    expect(labelLineAt('Translated:')?.known).toBe(true);
    expect(labelLineAt('Original Language: Russian')?.known).toBe(false);
    expect(labelLineAt('http://www.marxists.org')).toBeUndefined();
    expect(labelLineAt('The question which the congress then put to itself: what next?')).toBeUndefined();
  });

  it('reads note labels and anchors, and reports malformed markers where they are', () => {
    expect(noteLabelAt('[12] The note.')).toEqual({ label: '[12]', key: '12', rest: 5 });
    expect(noteLabelAt('[sic] not a note')).toBeUndefined();
    const d = new Diagnostics('x');
    const inl = parseLiaInlines({ text: 'word[3] and [sic] and [7 and []', line: 4, column: 3 }, d);
    expect(inl.filter((n) => n.kind === 'noteAnchor').map((n) => [n.kind === 'noteAnchor' && n.key, `${n.pos.line}:${n.pos.column}`])).toEqual([['3', '4:7']]);
    expect(d.items.map((x) => `${x.code} ${x.line}:${x.column}`)).toEqual(['marker-malformed 4:25', 'marker-malformed 4:32']);
  });

  it('a letter in brackets inside a word is an editor\'s change, not an anchor; a letter anchor after a word is one', () => {
    const d = new Diagnostics('x');
    const keys = (text: string): string[] => parseLiaInlines({ text, line: 1, column: 1 }, d).flatMap((n) => (n.kind === 'noteAnchor' ? [n.key] : []));
    expect(keys("There he says '[t]hat which the government did.")).toEqual([]);
    expect(keys('the wor[l]d and “[A]ll of it”')).toEqual([]);
    expect(keys('its phlogistic form [A]. Biology [b] and the end[c], then [2]the rest, Jahrbucher [B]the practical')).toEqual(['A', 'b', 'c', '2', 'B']);
  });
});

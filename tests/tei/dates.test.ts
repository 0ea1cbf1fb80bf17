import { describe, expect, test } from 'vitest';
import { findDate, findDateTryingEveryPattern, parseDate } from '../../src/tei/dates.js';

describe('dates as printed → TEI date attributes', () => {
  test.each([
    ['March 1912', { when: '1912-03' }],
    ['1912', { when: '1912' }],
    ['March 12, 1912', { when: '1912-03-12' }],
    ['12 March 1912', { when: '1912-03-12' }],
    ['Sept. 3, 1919', { when: '1919-09-03' }],
    ['April 12-17, 1871', { notBefore: '1871-04-12', notAfter: '1871-04-17' }],
    ['12–17 April 1871', { notBefore: '1871-04-12', notAfter: '1871-04-17' }],
    ['April 28 - May 3, 1871', { notBefore: '1871-04-28', notAfter: '1871-05-03' }],
    ['March - April 1912', { notBefore: '1912-03-01', notAfter: '1912-04-30' }],
    ['1907 - 1913', { notBefore: '1907', notAfter: '1913' }],
    ['Written in April, not later than 27, 1921', { notBefore: '1921-04-01', notAfter: '1921-04-27' }],
    ['Written in February, not earlier than 20, 1920', { notBefore: '1920-02-20', notAfter: '1920-02-29' }],
    // Old Style with the New Style in brackets: TEI dates are Gregorian, so the New Style wins.
    ['Written on January 9 (22), 1905', { when: '1905-01-22' }],
    ['February 23 (March 8), 1917', { when: '1917-03-08' }],
  ])('%s', (words, attrs) => {
    expect(parseDate(words)).toEqual(attrs);
  });

  test.each([
    // between … and …, within a month, across months, across years, by day or by month
    ['Written between May 3 and 8, 1919', { notBefore: '1919-05-03', notAfter: '1919-05-08' }],
    ['Written: between May 28 and June 3, 1919', { notBefore: '1919-05-28', notAfter: '1919-06-03' }],
    ['between December 28, 1918 and January 3, 1919', { notBefore: '1918-12-28', notAfter: '1919-01-03' }],
    ['between 3 and 8 May 1919', { notBefore: '1919-05-03', notAfter: '1919-05-08' }],
    ['between 28 December 1918 and 3 January 1919', { notBefore: '1918-12-28', notAfter: '1919-01-03' }],
    ['between May and July 1919', { notBefore: '1919-05', notAfter: '1919-07' }],
    ['between November 1918 and February 1919', { notBefore: '1918-11', notAfter: '1919-02' }],
    ['written between 1913 and 1914', { notBefore: '1913', notAfter: '1914' }],
    // ranges across a year's end, with a dash
    ['December 28, 1918 – January 3, 1919', { notBefore: '1918-12-28', notAfter: '1919-01-03' }],
    ['December 1918 - February 1919', { notBefore: '1918-12-01', notAfter: '1919-02-28' }],
    // two-digit second year
    ['1913–14', { notBefore: '1913', notAfter: '1914' }],
    ['Written: 1899/1900', { notBefore: '1899', notAfter: '1900' }],
    // parts of a year or a month
    ['late 1919', { notBefore: '1919-09', notAfter: '1919-12' }],
    ['Written in early 1920', { notBefore: '1920-01', notAfter: '1920-04' }],
    ['mid-1917', { notBefore: '1917-05', notAfter: '1917-08' }],
    ['at the end of 1905', { notBefore: '1905-09', notAfter: '1905-12' }],
    ['late May 1919', { notBefore: '1919-05-21', notAfter: '1919-05-31' }],
    ['mid-June 1917', { notBefore: '1917-06-11', notAfter: '1917-06-20' }],
    ['the beginning of February 1920', { notBefore: '1920-02-01', notAfter: '1920-02-10' }],
    // seasons (northern hemisphere)
    ['Spring 1845', { notBefore: '1845-03', notAfter: '1845-05' }],
    ['Written: Summer, 1936', { notBefore: '1936-06', notAfter: '1936-08' }],
    ['in the autumn of 1917', { notBefore: '1917-09', notAfter: '1917-11' }],
    ['Fall 1938', { notBefore: '1938-09', notAfter: '1938-11' }],
    ['Winter 1905–06', { notBefore: '1905-12', notAfter: '1906-02' }],
    ['winter 1845', { notBefore: '1845-12', notAfter: '1846-02' }],
    // one bound only
    ['Written: August 2 or earlier, 1909', { notAfter: '1909-08-02' }],
    ['May 3 or later, 1919', { notBefore: '1919-05-03' }],
    // already normalised
    ['1919-05-03', { when: '1919-05-03' }],
  ])('range shape: %s', (words, attrs) => {
    expect(parseDate(words)).toEqual(attrs);
  });

  test('the date named first wins over a later, more specific one', () => {
    expect(parseDate('Spring 1845; published May 12, 1846')).toEqual({ notBefore: '1845-03', notAfter: '1845-05' });
    expect(parseDate('Written: 12 March 1912, Moscow; published 1913')).toEqual({ when: '1912-03-12' });
  });

  test('a range that ends before it starts, or a short year that goes back, is not a date', () => {
    expect(parseDate('between May 8 and 3, 1919')).toBeUndefined();
    expect(parseDate('1919–05')).toBeUndefined();
  });

  test('a day that does not exist is not a date', () => {
    expect(parseDate('February 30, 1921')).toBeUndefined();
    expect(parseDate('February 29, 1900')).toBeUndefined();
    expect(parseDate('February 29, 1904')).toEqual({ when: '1904-02-29' });
  });

  test('words without a date give nothing', () => {
    expect(parseDate('Written some time in the spring')).toBeUndefined();
  });

  test('the span of the date words is reported so the rest can stay text', () => {
    const words = 'Moscow, March 1912.';
    const found = findDate(words);
    expect(found && words.slice(found.start, found.end)).toBe('March 1912');
  });
});

/** Shapes of the patterns (slots: M month, D day, Y year), filled at random. */
const TEMPLATES = [
  'between {M} {D} and {M} {D}, {Y}', 'between {M} {D}, {Y} and {M} {D}, {Y}', 'between {M} {D} and {D}, {Y}', 'between {D} {M} and {D} {M} {Y}',
  'between {D} and {D} {M} {Y}', 'between {M} and {M}, {Y}', 'between {Y} and {Y}', 'between {M} {Y} and {M} {Y}', '{M}, not later than {D}, {Y}',
  '{M} not earlier than the {D} {Y}', '{M} {D} or earlier, {Y}', '{M} {D} - {M} {D}, {Y}', '{M} {D}-{D}, {Y}', '{D}-{D} {M} {Y}', '{M} {D} ({D}), {Y}',
  '{M} {D} ({M} {D}), {Y}', '{D} {M}, {Y}', 'late {M} {Y}', 'the end of {M}, {Y}', '{M} {Y} - {M} {Y}', '{M} to {M} {Y}', 'winter of {Y}-{D}', '{Y}-{D}', '{Y} / {Y}',
];

describe('the shortcuts of findDate (a year; the patterns tried only at the starts of words that begin like a reading) change no answer', () => {
  test('on 20,000 generated date phrases, findDate equals trying every pattern', () => {
    const words = [
      'January', 'Jan.', 'february', 'MAR', 'April', 'May', 'june', 'Jul.', 'August', 'Sept.', 'sep', 'October', 'Nov', 'DEC.', 'Dec',
      'between', 'Between', 'and', 'to', 'or', 'earlier', 'later', 'not', 'than', 'the', 'of', 'in', 'early', 'mid', 'late', 'end', 'beginning',
      'spring', 'Summer', 'autumn', 'fall', 'winter', '1', '3rd', '12', '22nd', '(22)', '31', '1905', '1917', '1921', '2001', '06', '14',
      '-', '–', '—', '/', ',', '.', 'Moscow', 'word', 'tomarch', 'Mayday', '1917-11-07', '0000',
      // "to" is a dash only in lower case where a pattern keeps case (years), in any case elsewhere
      'TO', 'To', '1917 TO 1921', '1917 to 1921', 'March TO April',
      // word starts as `\\b` reads them (ASCII only), and letters that fold to ASCII ones only under other flags
      '_1917', 'a1917', '1917a', 'x12', 'May1917', 'ſept', 'ſpring', 'İan', 'Kovember', 'é1917', 'mid-1917', 'Between1917', 'middle', 'midMay',
    ];
    let a = 12345;
    const rand = (n: number): number => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return (a >>> 8) % n;
    };
    let dated = 0;
    for (let k = 0; k < 20_000; k++) {
      const n = 1 + rand(8);
      const parts: string[] = [];
      for (let j = 0; j < n; j++) parts.push(words[rand(words.length)]!);
      const template = TEMPLATES[rand(TEMPLATES.length)]!;
      const fill = (slot: string): string => {
        const from = slot === 'M' ? words.slice(0, 15) : slot === 'D' ? ['1', '3rd', '12', '22nd', '31', '30'] : ['1905', '1917', '1921', '0000'];
        return from[rand(from.length)]!;
      };
      const phrase = k % 2 === 0 ? parts.join(rand(4) === 0 ? '' : ' ') : `${parts[0]} ${template.replace(/\{([MDY])\}/g, (_m, slot: string) => fill(slot))}`;
      const expected = findDateTryingEveryPattern(phrase);
      if (expected) dated++;
      const found = findDate(phrase);
      expect(found, phrase).toEqual(expected);
      // The same keys in the same order (the span is added to the reading's own object, not spread).
      expect(Object.keys(found ?? {}), phrase).toEqual(Object.keys(expected ?? {}));
      const attrs = parseDate(phrase);
      if (expected) {
        const { start: _s, end: _e, ...rest } = expected;
        expect(attrs && Object.entries(attrs), phrase).toEqual(Object.entries(rest));
      } else expect(attrs).toBeUndefined();
    }
    // The phrases exercise the patterns: many name a date.
    expect(dated).toBeGreaterThan(2_000);
  });
});

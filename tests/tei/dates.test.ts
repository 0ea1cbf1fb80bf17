import { describe, expect, test } from 'vitest';
import { findDate, parseDate } from '../../src/tei/dates.js';

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

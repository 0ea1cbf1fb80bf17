/**
 * A second series of notes numbered with stars ("1*.", anchors "[1*]"), as MIA prints the
 * editors' notes beside the author's "1." footnotes: read from page text as from HTML
 * (tests/readers/mia-html-fidelity.test.ts has the HTML page).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';

describe('page text: a second series numbered with stars', () => {
  const file = 'second-series-starred-numbers.txt';
  const result = convert(readFileSync(resolve(__dirname, '../fixtures/lia-text', file), 'utf8'), { file });
  expect(result.tei).toBeDefined();
  expectValidTei(result.tei!);
  const doc = parseTei(result.tei!);

  it('links "[1*]" with the note "1*." and "[1]" with the note "1."', () => {
    expect(xtext(doc, '//tei:back//tei:note[@n="1*"]')).toBe('The reference is to N.K. Mikhailovsky.');
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"][. = "[1*]"][@target = concat("#", //tei:note[@n="1*"]/@xml:id)])')).toBe('1');
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"][. = "[1]"][@target = concat("#", //tei:note[@n="1"]/@xml:id)])')).toBe('1');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

/**
 * A superscript a browser copy glues after a number and its comma: "on November 16,1 it
 * faced". It is the anchor of note 1 when smaller than the number before and a word goes
 * on; "1,000" and the list "16,17" are numbers. Small copies; each TEI validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { PRINTED_ANCHORS, printedAnchorAt } from '../../src/layout/rules.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

const glued = PRINTED_ANCHORS.find((r) => r.name === 'glued number')!;

describe('the "glued number" row after a number and its comma', () => {
  it('finds "16,1 it" and "1936,2 the"', () => {
    expect(printedAnchorAt(glued, '1', 'assembled in Tampa, Florida, on November 16,1 it faced', 0)).toEqual({ index: 'assembled in Tampa, Florida, on November 16,'.length, marker: '1' });
    expect(printedAnchorAt(glued, '2', 'in December 1936,2 the unions', 0)?.marker).toBe('2');
  });
  it('leaves "1,000", "16,17", a larger number, and a number no word follows', () => {
    expect(printedAnchorAt(glued, '0', 'some 1,000 men', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '1', 'there were 1,100 men', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '17', 'see pages 16,17 and 18', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '4', 'see pages 3,4 for that', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '1', 'the figures 16,1, 17,2', 0)).toBeUndefined();
    expect(printedAnchorAt(glued, '2', 'sections 12.5,2 of', 0)).toBeUndefined();
  });
});

function anchors(paras: string[], notes: string[]): string {
  const text = ['William Z. Foster', '', 'The A. F. of L. Convention', '', 'Source: The Communist, January 1937.', 'Transcription/Markup: A. Reader', '', ...paras.flatMap((p) => [p, '']), 'Notes', '', ...notes.flatMap((n) => [n, '']), 'William Z. Foster Archive', ''].join('\n');
  const r = convert(text, { file: 'copy.txt' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return xeval(parseTei(r.tei!), 'count(//tei:p/tei:ref[@type="noteAnchor"])');
}

describe('page text: an anchor after a number and its comma', () => {
  it('"November 16,1 it" links note 1', () => {
    expect(anchors(['When the Convention assembled in Tampa, Florida, on November 16,1 it faced a splendid opportunity.', 'The workers were flushed with victory.'], ['1. This article was written after the Convention.—Ed.'])).toBe('1');
  });
  it('"pages 16,17 and" is no anchor of note 17, nor "1,000"', () => {
    expect(anchors(['The report, pages 16,17 and 18, names the unions.', 'Some 1,000 men struck.'], ['17. A note printed without its anchor.'])).toBe('0');
  });
});

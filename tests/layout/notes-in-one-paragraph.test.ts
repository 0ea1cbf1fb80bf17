/**
 * Notes printed in one paragraph under a "Notes:" lead ("Notes: [G.Seaman]" over "1. …" and
 * "2. …" set apart by line breaks), and anchors printed as a number before the stop that
 * ends a paragraph ("upon the bureau 1."). Small browser copies; each TEI validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { PRINTED_ANCHORS, isNotesHeading, printedAnchorAt } from '../../src/layout/rules.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

const beforeStop = PRINTED_ANCHORS.find((r) => r.name === 'number before the last stop')!;

describe('rules', () => {
  it('"Notes: [G.Seaman]" is a notes heading; a bracketed remark after other words is not', () => {
    expect(isNotesHeading('Notes: [G.Seaman]')).toBe(true);
    expect(isNotesHeading('Notes')).toBe(true);
    expect(isNotesHeading('Notes on the Congress [1889]')).toBe(false);
    expect(isNotesHeading('Notes [see below] and more')).toBe(false);
  });
  it('a number before the paragraph\'s last stop, not one the word before counts', () => {
    expect(printedAnchorAt(beforeStop, '1', 'after pressure had been exercised upon the bureau 1.', 0)?.marker).toBe('1');
    expect(printedAnchorAt(beforeStop, '2', 'the difference between Morris and Keir Hardie 2.', 0)?.marker).toBe('2');
    expect(printedAnchorAt(beforeStop, '1', 'as we showed in chapter 1.', 0)).toBeUndefined();
    expect(printedAnchorAt(beforeStop, '3', 'see p. 3.', 0)).toBeUndefined();
    expect(printedAnchorAt(beforeStop, '1', 'the bureau 1. Then more words', 0)).toBeUndefined();
  });
});

function run(paras: string[]): { doc: ReturnType<typeof parseTei>; codes: string[] } {
  const text = ['Frank Kitz', '', 'The Paris Congress', '', 'Source: Freedom, September 1889.', 'Transcription/Markup: A. Reader', '', ...paras.flatMap((p) => [p, '']), 'Frank Kitz Archive', ''].join('\n');
  const r = convert(text, { file: 'copy.txt' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { doc: parseTei(r.tei!), codes: r.diagnostics.map((d) => d.code) };
}

describe('page text: notes in one paragraph under "Notes:"', () => {
  it('each labelled line is a note, linked to its anchor', () => {
    const { doc, codes } = run([
      'The English report was given by comrade Morris, after pressure upon the bureau 1.',
      'Keir Hardie gave a trades union report, translated by Liebknecht with comments of his own on Hardie 2.',
      'Notes: [G.Seaman]\n1. A note appeared in the September 14 issue of Commonweal.\n2. Liebknecht’s reply was published in the next issue.',
    ]);
    expect(xeval(doc, 'count(//tei:note)')).toBe('2');
    expect(xeval(doc, 'count(//tei:note[@target])')).toBe('2');
    expect(xeval(doc, 'count(//tei:p/tei:ref[@type="noteAnchor"])')).toBe('2');
    expect(codes).not.toContain('note-orphan');
  });
  it('a paragraph of numbered lines under no notes heading stays text', () => {
    const { doc } = run(['The demands were these:\n1. The eight-hour day.\n2. The right to organise.', 'They were carried.']);
    expect(xeval(doc, 'count(//tei:note)')).toBe('0');
    expect(xeval(doc, 'contains(string(//tei:body), "The eight-hour day")')).toBe('true');
  });
});

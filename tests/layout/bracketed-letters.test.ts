/**
 * A bracketed letter with no note of that letter is no note anchor: "“[a] well-contested
 * defeat”" is an editor's word supplied in a quotation. With a note "a" it stays the
 * anchor. Small browser copies; each TEI validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

function run(text: string): { doc: ReturnType<typeof parseTei>; codes: string[] } {
  const r = convert(text, { file: 'copy.txt' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { doc: parseTei(r.tei!), codes: r.diagnostics.map((d) => d.code) };
}

const copy = (paras: string[], notes: string[]): string =>
  ['Jane Roe', '', 'Lessons of the Strike', '', 'Source: Socialist Action, April 1983.', 'Transcription/Markup: A. Reader', '', ...paras.flatMap((p) => [p, '']), ...(notes.length ? ['Notes', '', ...notes.flatMap((n) => [n, ''])] : []), 'Jane Roe Archive', ''].join('\n');

const quote = 'We recall Marx’s notion that “[a] well-contested defeat is a fact of as much revolutionary importance as an easily won victory.”';

describe('page text: a bracketed letter without its note', () => {
  it('is the text as printed, no anchor and no orphan, beside numbered notes that are linked', () => {
    const { doc, codes } = run(copy([`${quote}[1]`, 'The party must learn.'], ['[1] Marx, Revolution and Counter-Revolution in Germany.']));
    expect(xeval(doc, 'count(//tei:ref[@type="noteAnchor"])')).toBe('1');
    expect(xeval(doc, 'count(//tei:note[@n="1"][@target])')).toBe('1');
    expect(xeval(doc, 'contains(string(//tei:body), "“[a] well-contested")')).toBe('true');
    expect(codes).not.toContain('anchor-orphan');
  });
  it('is the text as printed on a page without notes', () => {
    const { doc, codes } = run(copy([quote, 'The party must learn.'], []));
    expect(xeval(doc, 'count(//tei:ref[@type="noteAnchor"])')).toBe('0');
    expect(xeval(doc, 'contains(string(//tei:body), "“[a] well-contested")')).toBe('true');
    expect(codes).not.toContain('anchor-orphan');
  });
  it('stays the anchor of the note "a" when there is one', () => {
    const { doc } = run(copy(['The defeat was well contested.[a] The party must learn.'], ['[a] Marx’s phrase, from 1852.']));
    expect(xeval(doc, 'count(//tei:p/tei:ref[@type="noteAnchor"][.="[a]"])')).toBe('1');
    expect(xeval(doc, 'count(//tei:note[@n="a"][@target])')).toBe('1');
  });
  it('leaves a numbered orphan an anchor, reported (a note lost is not the editor\'s word)', () => {
    const { codes } = run(copy(['The defeat was well contested.[1] The party must learn.[2]'], ['[1] Marx’s phrase, from 1852.']));
    expect(codes).toContain('anchor-orphan');
  });
});

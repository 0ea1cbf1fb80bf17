/** Shared by the tests that read a page's front (title zone, author lines, information block) from HTML and its copy. */
import { expect } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei } from './tei.js';

export type Doc = ReturnType<typeof parseTei>;

/** Converts without an error, checks the TEI against the schemas, and parses it. */
export function convertedDoc(text: string, file: string): Doc {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

/** Two paragraphs of ordinary text under the front. */
export const TEXT = ['The first paragraph of the text, a sentence long enough to be text in every way.', 'The second paragraph of the text, which ends the text here.'];

/** Text escaped for an HTML page. */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

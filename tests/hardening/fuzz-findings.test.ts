/**
 * Findings of the long fuzz run of session 7 (`npm run fuzz`) and of walking issue 14's list
 * again by hand: one test each, named after what it shows.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei } from '../helpers/tei.js';

const errors = (r: { diagnostics: { code: string; severity: string }[] }) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('no words lost', () => {
  it.each(['<sup>x</sup>', '[1](#a)', '^x^', '[x](#)'])('a paragraph of a lone note anchor (%s) among short paragraphs under the title is kept, not dropped unseen', (anchor) => {
    const r = convert(`# T\n\nfirst para.\n\n${anchor}\n\nlast para.\n`, { file: 'a.md' });
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expectValidTei(r.tei!);
  });
});

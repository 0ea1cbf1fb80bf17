/**
 * The fidelity check's word tables at large sizes (issue 14): a TEI's words keep no lines
 * (12 bytes a word, not 16), and a large table grows by half, not by doubling (a 3-million-
 * word table doubled held up to three times its words while it was copied).
 */
import { describe, expect, it } from 'vitest';
import { WordSeq } from '../../src/validate/fidelity.js';

describe('fidelity word tables', () => {
  it('a sequence made without lines stores none (the TEI text words)', () => {
    const seq = new WordSeq(1000, false);
    expect(seq.line.length).toBe(0);
    expect(seq.h1.length + seq.h2.length + seq.start.length).toBe(3000);
    const withLines = new WordSeq(1000);
    expect(withLines.line.length).toBe(1000);
  });

  it('grows by doubling while small and by half once large', () => {
    const small = new WordSeq(1000);
    small.addChunk('w', 1);
    for (let i = 0; i <= 1000; i++) small.push(i, i, 1, 0);
    expect(small.capacity).toBe(2000);
    const large = new WordSeq(1 << 17, false);
    large.addChunk('w', 1);
    for (let i = 0; i <= 1 << 17; i++) large.push(i, -i, 0, 0);
    expect(large.capacity).toBe((1 << 17) + (1 << 16));
    expect(large.line.length).toBe(0);
    // The words pushed before the growth are all there.
    expect(large.h1[(1 << 17) - 1]).toBe((1 << 17) - 1);
    expect(large.h2[1 << 17]).toBe(-(1 << 17));
  });
});

/**
 * `labelLineAt` says no to most lines before running its patterns (a quick test of the
 * characters before the first colon): it must answer exactly as the patterns do, on label
 * lines, prose with a colon, long labels, astral letters, no-break spaces and tabs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelLineAt, labelLineByPattern } from '../../src/layout/info.js';

const same = (line: string): void => {
  expect(labelLineAt(line), JSON.stringify(line)).toEqual(labelLineByPattern(line));
};

describe('the quick test of a label line answers as the patterns do', () => {
  it('lines of the house styles, and lines at the edges of the rule', () => {
    const lines = [
      'Written: Written in April, not later than 27, 1921',
      'Transcription\\Markup: D. Walters',
      'Transcription/Markup:Ted Crawford',
      'Source : *Works*, Vol. 2, 1907 - 1913',
      '   \u00a0\tPublic Domain:\u00a0Marxists Internet Archive',
      'First published:Unknown',
      'Note:this is not a label',
      'http://example.org: a link',
      'At the same time: it is absolutely essential',
      'Dear Comrades:',
      'Translated:',
      'R.S.D.L.P.: the party',
      '[3] Lenin added in pencil at the end of the manuscript: “…”',
      `A${'b'.repeat(40)}: value`,
      `A${'b'.repeat(41)}: value`,
      `A${'b'.repeat(39)}${' '.repeat(500)}: value`,
      `𝐀${'𝐛'.repeat(40)}: value`,
      `𝐀${'𝐛'.repeat(41)}: value`,
      `Ä${'ö'.repeat(40)}: value`,
      'Label\t: value',
      'label: value',
      'Éditeur : Gallimard',
      "O'Brien & Sons - Publishers: Dublin",
      ':',
      '',
      '   ',
      'Source',
    ];
    for (const line of lines) same(line);
    expect(labelLineAt(`A${'b'.repeat(40)}: value`)?.label).toBe(`A${'b'.repeat(40)}`);
    expect(labelLineAt(`𝐀${'𝐛'.repeat(40)}: value`)?.label).toBe(`𝐀${'𝐛'.repeat(40)}`);
  });

  it('generated lines', () => {
    const piece = fc.constantFrom('Source', 'Written', 'Transcription', 'Markup', 'Public', 'Domain', 'source', 'A', 'é', 'É', '𝐀', '𝐛', '\ud835', ' ', '\u00a0', '\t', ':', '\\', '/', '&', "'", '-', '.', ',', '1', '(', '“', 'http://x', 'x'.repeat(20), 'README', '_', '*');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        same(parts.join(''));
      }),
      { seed: 2026, numRuns: 20000 },
    );
  });
});

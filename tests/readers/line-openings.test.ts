/**
 * The read stage's shortcuts by a line's first printed character (session 11) against the
 * patterns they spare: white space found by char code (`isSpaceCode`, `firstPrinted`,
 * `isBlank`, `firstColumn`), the markdown block patterns tried only on a line that opens with
 * block syntax (`lineShape`), the note-label rows and the prose information rows tried only
 * on a line their label can open (`NOTE_LABELS[].opens`, `INFO_SENTENCES[].opens`). Each gives the answer the long way gives, on every UTF-16
 * code unit, on generated lines, and on every line of the seeds and the corpus.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstColumn, firstPrinted, isBlank, isSpaceCode } from '../../src/layout/blocks.js';
import { INFO_OPENINGS, INFO_SENTENCE_MAX, INFO_SENTENCES, NOTE_LABELS, infoSentence, noteLabel } from '../../src/layout/rules.js';
import { BLOCK_LINE_PATTERNS, lineShape } from '../../src/readers/shared/blocks.js';
import { corpusDocuments } from '../helpers/corpus-files.js';

// ---- the long way: the patterns as they were used before the shortcuts --------------------

const referenceIsBlank = (s: string): boolean => /^[\s\u00a0]*$/.test(s);

function referenceFirstColumn(s: string): number {
  const m = /[^\s\u00a0]/.exec(s);
  return m ? m.index + 1 : 1;
}

/** noteLabel trying every row on every line. */
function referenceNoteLabel(line: string, inNotes: boolean, before?: { key: string | undefined }) {
  for (const rule of NOTE_LABELS) {
    if (!inNotes && rule.name !== 'bracketed') continue;
    if (rule.inSequence && before === undefined) continue;
    const m = rule.pattern.exec(line);
    if (!m || (rule.inSequence && !(m[2] === 'A' || (before?.key?.length === 1 && m[2]!.charCodeAt(0) === before.key.charCodeAt(0) + 1)))) continue;
    return { label: m[1]!, key: m[2]!, rest: m[0].length, rule };
  }
  return undefined;
}

/** infoSentence trying every row on a line that opens with a letter of INFO_OPENINGS. */
function referenceInfoSentence(line: string) {
  const lead = line.length - line.trimStart().length;
  if (!INFO_OPENINGS.includes(line[lead] ?? ' ')) return undefined;
  const s = line.slice(lead).trimEnd();
  if (s.length > INFO_SENTENCE_MAX) return undefined;
  for (const rule of INFO_SENTENCES) {
    const m = rule.pattern.exec(s);
    if (!m?.groups) continue;
    const value = m.groups['value']!;
    return { label: m.groups['label']!, value, valueStart: lead + s.length - value.length, rule };
  }
  return undefined;
}

// ---- the lines ------------------------------------------------------------------------------

const inputDir = resolve(import.meta.dirname, '../../input');
const seedLines = readdirSync(inputDir)
  .filter((n) => n.endsWith('.txt'))
  .flatMap((n) => readFileSync(resolve(inputDir, n), 'utf8').split('\n'));

/** Pieces that open or nearly open every kind of line the patterns know. */
const piece = fc.constantFrom(
  ' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u0085', '\u200b', '\n', '\r', '\v',
  '-', '*', '_', '<', '#', '\\', ':', '+', '>', '|', '[', ']', '(', ')', '.', '†', '‡', '“', '!',
  '1', '12', '999', 'a', 'b', 'A', 'B', 'z', 'é', 'É', 'x'.repeat(5), 'The', 'Notes',
  '<hr>', '<HR/>', '<div>', '</p>', ':::', '---', '***', '___', '\\*', '+---+', '|', '## ',
);
const lines = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

let allLines: string[] | undefined;
/** The lines of the seeds and of both corpus batches (read once for the file's tests). */
const documentLines = (): string[] => (allLines ??= [...seedLines, ...corpusDocuments().flatMap((d) => d.text.split('\n'))]);

describe('white space by char code', () => {
  it('isSpaceCode is \\s for every UTF-16 code unit', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c.toString(16));
    expect(wrong).toEqual([]);
  });

  it('isBlank, firstColumn and firstPrinted answer as the patterns', () => {
    const same = (s: string): boolean =>
      isBlank(s) === referenceIsBlank(s) && firstColumn(s) === referenceFirstColumn(s) && firstPrinted(s) === (/[^\s\u00a0]/.exec(s)?.index ?? -1);
    expect(['', ' ', '\u00a0\u00a0', '\t x', '\u3000\ufeffa', '\u0085', 'a', ...seedLines].filter((s) => !same(s))).toEqual([]);
    expect(firstColumn('\u00a0 x')).toBe(3);
    fc.assert(fc.property(lines, same), { seed: 11, numRuns: 20000 });
  });
});

describe('markdown block patterns only on lines that open with block syntax', () => {
  /** The fact lineShape relies on: a line it calls `text` or `blank` matches none of the block patterns. */
  const spares = (line: string): boolean => {
    const shape = lineShape(line);
    return (shape === 'blank') === referenceIsBlank(line) && (shape === 'syntax' || BLOCK_LINE_PATTERNS.every((p) => !p.test(line)));
  };

  it('generated lines', () => {
    fc.assert(fc.property(lines, spares), { seed: 11, numRuns: 20000 });
  });

  it('every line of the seeds and the corpus', () => {
    expect(documentLines().filter((line) => !spares(line))).toEqual([]);
  });

  it('the block lines themselves are called syntax', () => {
    for (const line of ['---', ' * * *', '___', '<hr />', '## \\* \\* \\*', '# Title', '<div class="x">', '::: note', '+---+---+', '> quoted', '   >', '\u00a0> x']) {
      expect(lineShape(line), line).toBe('syntax');
    }
  });
});

describe('note-label rows only on lines their label can open', () => {
  const BEFORE = [undefined, { key: undefined }, { key: 'A' }, { key: 'B' }, { key: '1' }];
  /** The cases where noteLabel and the long way differ on the line (none expected). */
  const differences = (line: string): string[] =>
    [false, true].flatMap((inNotes) =>
      BEFORE.flatMap((before) => {
        const got = noteLabel(line, inNotes, before);
        const want = referenceNoteLabel(line, inNotes, before);
        const same = got === want || (got !== undefined && want !== undefined && got.label === want.label && got.key === want.key && got.rest === want.rest && got.rule === want.rule);
        return same ? [] : [`${JSON.stringify(line)} ${inNotes} ${JSON.stringify(before)}`];
      }),
    );

  it('generated lines', () => {
    fc.assert(fc.property(lines, (line) => differences(line).length === 0), { seed: 11, numRuns: 5000 });
  });

  it('labels of every row, and lines at their edges', () => {
    const edges = ['[1] text', ' \u00a0\t[A] x', '[***] x', '1. The', '2.The canard', '1*. text', '39 This work', '(1) text', '(a) x', '* text', '* * *', '† x', '‡ y', 'a. text', 'A. Text', 'B. Text', 'C) x', '\u2003[1] x', '', ' ', 'text'];
    expect(edges.flatMap(differences)).toEqual([]);
    expect(noteLabel('B. Text', true, { key: 'A' })?.rule.name).toBe('capital lettered');
    expect(noteLabel(' \u00a0\t[A] x', false)?.key).toBe('A');
  });

  it('every line of the seeds and the corpus', () => {
    expect(documentLines().flatMap(differences)).toEqual([]);
  });
});

describe('prose information rows only on lines their label can open', () => {
  const same = (line: string): boolean => {
    const got = infoSentence(line);
    const want = referenceInfoSentence(line);
    return got === want || (got !== undefined && want !== undefined && got.label === want.label && got.value === want.value && got.valueStart === want.valueStart && got.rule === want.rule);
  };
  const words = fc.constantFrom(
    'Originally', 'first', 'Published', 'in', 'by', 'on', 'This', 'version', 'text', 'The', 'English', 'translation', 'is', 'taken', 'reproduced',
    'from', 'From', 'Copied', 'downloaded', 'with thanks', 'Translated', 'Transcribed', 'transcription', 'and', '&', 'marked up', 'Markup', 'HTML',
    'Corrected', 'Proofread', 'Speech', 'delivered', 'according to', 'Written', 'written', 'between', 'c.', '1921', '5 May', 'Works', '“', '(', 'x',
  );
  it('generated lines', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(words, fc.constantFrom(' ', '  ', '\u00a0', ',', '')), { maxLength: 8 }), (parts) => same(parts.map(([w, sep]) => w + sep).join(''))),
      { seed: 11, numRuns: 20000 },
    );
  });

  it('every line of the seeds and the corpus', () => {
    expect(documentLines().filter((line) => !same(line))).toEqual([]);
  });
});

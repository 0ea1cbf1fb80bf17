/**
 * The detectors' fast paths (session 9) against the code they replaced, kept here as the
 * reference: the same score on every generated text, the seeds and the corpus.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testFrom, testFromLineStart } from '../../src/readers/scan.js';
import { detectLiaText, hasMarkdownLine, MARKDOWN_LINE_PATTERN } from '../../src/readers/lia-text/detect.js';
import { detectMiaMarkdown } from '../../src/readers/mia-markdown/index.js';
import { noteLabelAt } from '../../src/readers/shared/lia-inline.js';
import { labelLineAt } from '../../src/layout/info.js';
import { isNavigationLine } from '../../src/layout/navigation.js';
import { furnitureRule } from '../../src/layout/rules.js';
import { corpusDocuments } from '../helpers/corpus-files.js';

// ---- the reference: the detectors as they were before their fast paths -------------------

const HTML_TAG = testFrom('<', /<(?:html|body|div|p|span|a|h[1-6]|sup|br|table)\b[^>]*>/i);

function firstLines(s: string, n: number): string[] {
  let end = -1;
  for (let k = 0; k < n; k++) {
    end = s.indexOf('\n', end + 1);
    if (end < 0) return s.split('\n');
  }
  return s.slice(0, end).split('\n');
}

function lastLines(s: string, n: number): string[] {
  let start = s.length;
  for (let k = 0; k < n; k++) {
    start = start === 0 ? -1 : s.lastIndexOf('\n', start - 1);
    if (start < 0) return s.split('\n');
  }
  return s.slice(start + 1).split('\n');
}

const MARKDOWN_LINE = /(?:^|\n)(?:#{1,6} \S|(?:-{3,}|\*{3,}|_{3,})[^\S\n]*(?=\n|$))/;

function referenceLiaText(text: string): number {
  const sample = text.length > 200_000 ? `${text.slice(0, 100_000)}\n${text.slice(-100_000)}` : text;
  if (HTML_TAG(sample)) return 0.02;
  const head = firstLines(sample, 40);
  const tail = lastLines(sample, 80);
  const markdown = MARKDOWN_LINE.test(sample) || (sample.includes('*') && (/\*\*\S/.test(sample) || /^\s*\*[^*\s][^*]*\*\s*$/m.test(sample)));
  let score = 0;
  const labels = head.filter((l) => l.includes(':') && labelLineAt(l)?.known === true).length;
  if (labels >= 2) score += 0.4;
  else if (labels === 1) score += 0.2;
  if (tail.some((l) => l.includes('[') && noteLabelAt(l) !== undefined)) score += 0.15;
  if (/\[\d{1,3}\]/.test(sample)) score += 0.1;
  if (tail.some((l) => /[<>|]/.test(l) && isNavigationLine(l))) score += 0.25;
  if (head.slice(0, 3).some((l) => /\S\u00a0[\s\u00a0]*\S/.test(l))) score += 0.1;
  if (!markdown) score += 0.3;
  if (head.slice(0, 3).some((l) => furnitureRule(l, 'top')?.name === 'breadcrumb') || tail.some((l) => /^(?:top of (?:the )?page|last updated\b)/i.test(l.trim()))) score += 0.2;
  if (markdown) score = Math.min(score, 0.25) - 0.1;
  return Math.max(0, Math.min(1, score));
}

function referenceMiaMarkdown(text: string): number {
  const head = text.slice(0, 20000);
  if (/^\s*(?:---\s*\n[\s\S]*?\n---|<!DOCTYPE|<html)/i.test(head)) return /^\s*</.test(head) ? 0 : 0.1;
  let score = 0;
  if (/^#{1,3} \S.*$/m.test(head)) score += 0.25;
  if (head.includes('<sup>') && /^#{1,3} .*<sup>\s*[0-9A-Za-z*]+\s*<\/sup>/m.test(head)) score += 0.15;
  if (/^-{3,}\s*$/m.test(head)) score += 0.15;
  if (head.includes(' : ') && /^[A-Z][A-Za-z/\\ ]{1,40} : \S/m.test(head)) score += 0.25;
  if (text.includes('**Notes**') && /^\*\*Notes\*\*\s*$/m.test(text)) score += 0.15;
  if (text.includes('](') && /^\[[^\]\n]+\]\([^)\n]*\)(?: \| \[[^\]\n]+\]\([^)\n]*\))*\s*$/m.test(text)) score += 0.1;
  if ((head.includes('{') || head.includes('+-')) && /\{[#.][\w-]+\}|\]\{\.info|^\s*\+-{3,}/m.test(head)) score -= 0.3;
  return Math.max(0, Math.min(1, score));
}

// ---- generated texts ----------------------------------------------------------------------

let seed = 11;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  // The high bits: the low bits of this generator repeat with short periods.
  return Math.floor((seed / 2147483648) * n);
};

/** Pieces of every clue the detectors look for, and the characters around them (line terminators of all kinds, white space). */
const PIECES = [
  '\n', '\n', '\n', '\r', '\u2028', '\u2029', ' ', '  ', '\t', '\u00a0', 'word', 'Lenin', ':', ' : ', 'Source', 'Written: 1921', 'Source : Works',
  '#', '# ', '## Title', '### ', '####### x', '-', '---', '----  ', '***', '___', '*', '**', '**Notes**', '*March 1912*', '_', '[', ']', '](', '[1]', '[12]',
  '[Next](#)', ' | ', '|', '[a](b) | [c](d)', '<', '>', '< backward   forward >', 'Works Index | Volume 42 | L.I.A. Index', '<sup>1</sup>', '<p>', '<span>',
  'top of the page', 'Top of the Page', 'Last updated', 'last updatedx', 'Publisher : FLPH', '{', '}', '{#id}', ']{.info}', '+-', '+----', 'x', 'Z', 'a',
];

function generated(count: number, maxPieces: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    const n = rand(maxPieces);
    for (let i = 0; i < n; i++) s += PIECES[rand(PIECES.length)];
    out.push(s);
  }
  return out;
}

// Long texts mix many clues; short ones (a few pieces) make each clue's neighbours decide.
const texts = [...generated(3000, 120), ...generated(6000, 6)];
const INPUT = resolve(import.meta.dirname, '../../input');
const seeds = readdirSync(INPUT).map((n) => readFileSync(resolve(INPUT, n), 'utf8'));

describe('testFromLineStart', () => {
  const patterns: Array<[string, RegExp]> = [
    ['#', /^#{1,3} \S.*$/m],
    ['-', /^-{3,}\s*$/m],
    ['*', /^\*\*Notes\*\*\s*$/m],
    ['[', /^\[[^\]\n]+\]\([^)\n]*\)(?: \| \[[^\]\n]+\]\([^)\n]*\))*\s*$/m],
    ['#', /^#{1,3} .*<sup>\s*[0-9A-Za-z*]+\s*<\/sup>/m],
  ];
  for (const [first, pattern] of patterns) {
    it(`gives the answer of ${pattern} on generated texts (every line terminator) and floods`, () => {
      const test = testFromLineStart(first, pattern);
      for (const t of [...texts, `${'\n#'.repeat(200)}\n# x`, `${'\n-'.repeat(200)}\n---`, `${'\n['.repeat(200)}\n[a](b)`, `${'\n*'.repeat(200)}\n**Notes**`]) {
        expect(test(t), JSON.stringify(t.slice(0, 80))).toBe(pattern.test(t));
      }
    });
  }

  it('refuses a pattern that is not multiline or does not open with ^', () => {
    expect(() => testFromLineStart('#', /^# x/)).toThrow();
    expect(() => testFromLineStart('#', /# x/m)).toThrow();
  });
});

describe('hasMarkdownLine', () => {
  it('gives the answer of the whole-text pattern on generated texts', () => {
    for (const t of texts) expect(hasMarkdownLine(t), JSON.stringify(t.slice(0, 80))).toBe(MARKDOWN_LINE_PATTERN.test(t));
  });
});

describe('the detectors with their fast paths', () => {
  it('score every generated text as the code before them did', () => {
    for (const t of texts) {
      expect(detectLiaText(t), JSON.stringify(t.slice(0, 80))).toBe(referenceLiaText(t));
      expect(detectMiaMarkdown(t), JSON.stringify(t.slice(0, 80))).toBe(referenceMiaMarkdown(t));
    }
  });

  it('score texts of every line count around the head and tail windows (39–41, 79–81 lines) as before', () => {
    for (const lines of [1, 2, 3, 38, 39, 40, 41, 42, 79, 80, 81, 120]) {
      for (let k = 0; k < 20; k++) {
        const body = Array.from({ length: lines }, () => generated(1, 6)[0]!.replace(/[\n\r\u2028\u2029]/g, ' ')).join('\n');
        expect(detectLiaText(body)).toBe(referenceLiaText(body));
        expect(detectMiaMarkdown(body)).toBe(referenceMiaMarkdown(body));
      }
    }
  });

  it('score the seeds as before', () => {
    for (const t of seeds) {
      expect(detectLiaText(t)).toBe(referenceLiaText(t));
      expect(detectMiaMarkdown(t)).toBe(referenceMiaMarkdown(t));
    }
  });

  const corpus = corpusDocuments();
  it.skipIf(corpus.length === 0)('score every corpus document as before (skipped without ../shared)', () => {
    for (const d of corpus) {
      expect(detectLiaText(d.text), d.name).toBe(referenceLiaText(d.text));
      expect(detectMiaMarkdown(d.text), d.name).toBe(referenceMiaMarkdown(d.text));
    }
  });
});

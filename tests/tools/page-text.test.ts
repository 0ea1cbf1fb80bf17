import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { pageText } from '../../src/tools/page-text.js';

const fixture = (name: string): string => new URL(`../fixtures/page-text/${name}`, import.meta.url).pathname;
const copyOf = (name: string): string => pageText(readFileSync(fixture(name), 'utf8'));

describe('page-text: the text a browser copy of a page gives', () => {
  const copy = copyOf('paragraphs-anchors-and-scripts.html');
  const lines = copy.split('\n');

  test('paragraphs and headings are separated by one blank line', () => {
    expect(copy).toContain('MIA > Archive > Lenin\n\nThe Attitude to Non-Party Workers[2]\n\nthe experience');
    expect(copy).toContain('proved that…\n\nSecond');
  });

  test('anchors keep their printed text, bracketed or superscript, glued as printed', () => {
    expect(copy).toContain('Workers[2]');
    expect(copy).toContain('conferences1 has fully proved');
    expect(copy).toContain('an [3] anchor.');
  });

  test('head, script, style and comments give nothing', () => {
    for (const gone of ['Not copied', 'color', 'script text', 'document.write', 'a comment']) expect(copy).not.toContain(gone);
  });

  test('white space collapses; entities are decoded; a no-break space is a kept space', () => {
    expect(lines).toContain('The Attitude to Non-Party Workers[2]');
    expect(copy).toContain('Second   paragraph with “quotes” & an');
    expect(copy).not.toMatch(/ \n|\n /);
  });

  test('<br> breaks the line inside a paragraph; a rule is its own line boundary', () => {
    expect(copy).toContain('anchor.\n\n1. A note about agitation.\nIts second line.\n');
    expect(copy.endsWith('Its second line.\n')).toBe(true);
    expect(copy.startsWith('MIA')).toBe(true);
  });

  const other = copyOf('lists-tables-and-pre.html');

  test('list items are lines of their own, without markers', () => {
    expect(other).toContain('Before the list\nfirst item\nsecond item\na bullet\n');
  });

  test('table cells are separated by tabs, rows by line breaks', () => {
    expect(other).toContain('Works Index\tVolume 42\tL.I.A. Index\nLeft\tRight\n');
  });

  test('pre keeps its white space; hidden elements give nothing; blockquote paragraphs are paragraphs', () => {
    expect(other).toContain('  kept   as\n    written\n');
    expect(other).not.toContain('hidden by');
    expect(other).toContain('\nQuoted paragraph.\n\n< backward   forward >\n');
  });

  test('the CLI prints the copy of a page (built entry, as `npm run page-text` runs it)', () => {
    const dist = new URL('../../dist/tools/page-text.js', import.meta.url).pathname;
    const out = execFileSync(process.execPath, [dist, fixture('lists-tables-and-pre.html')], { encoding: 'utf8' });
    expect(out).toBe(other);
  });
});

/**
 * Linear time and bounded memory on pathological inputs (issue 14, item 2): one test per
 * fixed finding. Never timed: each checks the algorithmic property that makes the cost
 * linear (work skipped, operations counted), so the test fails if the property is lost.
 */
import { describe, expect, it, vi } from 'vitest';
import { convert, type Stage } from '../../src/convert.js';
import { visitInlines, bodyInlineLists } from '../../src/model/walk.js';
import { Source } from '../../src/readers/shared/source.js';
import { parseInlines } from '../../src/readers/shared/inline.js';
import { anchorPastLimit } from '../../src/readers/shared/lia-inline.js';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Inline } from '../../src/model/edition.js';
import { blankComments, blankTags } from '../../src/validate/fidelity.js';
import { expectValidTei, parseTei, xeval, xpath } from '../helpers/tei.js';

describe('pathological inputs cost linear time and bounded memory', () => {
  it('a text beyond --max-anchors is refused right after reading: no transform, writer or validation runs on it', () => {
    // One anchor a paragraph: each paragraph within the limit, the text beyond it.
    const anchors = `# T\n\n${'word<sup>1</sup>\n\n'.repeat(50)}**Notes**\n\n1. The note.\n`;
    const stages: Stage[] = [];
    const r = convert(anchors, { file: 'a.md', limits: { anchors: 10 }, onStage: (s) => stages.push(s) });
    expect(r.diagnostics.filter((d) => d.code === 'input-too-many-anchors')).toHaveLength(1);
    expect(r.tei).toBeUndefined();
    expect(stages).toEqual(['detect', 'read', 'done']);
    // Note linking never ran: no anchor got an id or a target.
    let linked = 0;
    visitInlines(bodyInlineLists(r.model!), (n) => {
      if (n.kind === 'noteAnchor' && (n.id !== undefined || n.target !== undefined)) linked++;
    });
    expect(linked).toBe(0);
    // Within the limit, the same text goes through every stage.
    const all: Stage[] = [];
    expect(convert(anchors, { file: 'a.md', onStage: (s) => all.push(s) }).ok).toBe(true);
    expect(all).toContain('transform');
  });
});

describe('markdown anchors are counted while a paragraph is read', () => {
  it('a paragraph of more `<sup>n</sup>` than --max-anchors is refused at the anchor past the limit, before its model is built', () => {
    const text = `# T\n\n${'word<sup>1</sup> '.repeat(50)}\n\n**Notes**\n\n1. The note.\n`;
    const stages: Stage[] = [];
    const r = convert(text, { file: 'a.md', limits: { anchors: 10 }, onStage: (s) => stages.push(s) });
    // 'word<sup>1</sup> ' is 17 characters: the 11th anchor's `<sup>` is at column 10 × 17 + 5.
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toEqual([['input-too-many-anchors', 3, 175]]);
    expect(r.model).toBeUndefined();
    expect(stages).toEqual(['detect', 'read', 'done']);
    expect(convert(text, { file: 'a.md', limits: { anchors: 50 } }).ok).toBe(true);
  });
});

describe('markdown brackets are balanced in one pass, then found by binary search', () => {
  /** The balancing closer of every `[`, found the slow, obvious way. */
  function naive(t: string): Map<number, number> {
    const out = new Map<number, number>();
    const stack: number[] = [];
    for (let j = 0; j < t.length; j++) {
      const ch = t[j];
      if (ch === '\\') j++;
      else if (ch === '[') stack.push(j);
      else if (ch === ']') {
        const o = stack.pop();
        if (o !== undefined) out.set(o, j);
      } else if (ch === '\n' && t[j + 1] === '\n') stack.length = 0;
    }
    return out;
  }

  it('agrees with a naive matcher and costs at most log2(n) + 1 steps per lookup', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['[', ']', '\\', '\n', 'a', ' ', '^', '1'];
    for (let round = 0; round < 50; round++) {
      let t = '';
      for (let k = 0; k < 400; k++) t += alphabet[Math.floor(rnd() * alphabet.length)];
      const expected = naive(t);
      const pairs = new Source(t).matching('[', ']');
      const opens = [...t].filter((c) => c === '[').length;
      for (let j = 0; j < t.length; j++) {
        pairs.steps = 0;
        const got = pairs.get(j);
        // `[` right after a backslash is escaped: neither matcher records it.
        expect(got).toBe(expected.get(j));
        expect(pairs.steps).toBeLessThanOrEqual(Math.floor(Math.log2(opens + 1)) + 1);
      }
    }
    // A paragraph of a hundred thousand footnote references: one pass, no Map entry per bracket.
    const refs = Array.from({ length: 100_000 }, (_, i) => `word[^${i + 1}]`).join(' ');
    const pairs = new Source(refs).matching('[', ']');
    pairs.steps = 0;
    expect(pairs.get(refs.lastIndexOf('['))).toBe(refs.length - 1);
    expect(pairs.steps).toBeLessThanOrEqual(17);
  });

  it('holds one slot per opener of the text, none unbalanced lost: a run of 100,000 `[` (and one pair inside it)', () => {
    const t = `${'['.repeat(50_000)}[x]${'['.repeat(49_999)}\n\n[a [b] c]`;
    const pairs = new Source(t).matching('[', ']');
    // 100,002 openers: room for exactly that many (an array grown by doubling had 131,072).
    expect(pairs.capacity).toBe(100_002);
    expect(pairs.get(50_000)).toBe(50_002);
    expect(pairs.get(49_999)).toBeUndefined();
    expect(pairs.get(t.length - 9)).toBe(t.length - 1);
    expect(pairs.get(t.length - 6)).toBe(t.length - 4);
  });
});

describe('the fidelity check blanks markdown tags and comments in one pass', () => {
  const oldTags = (s: string) => s.replace(/<\/?[A-Za-z][^>]*>/g, (t) => t.replace(/[^\n]/g, ' '));
  const oldComments = (s: string) => s.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));

  it('blanks exactly what the regular expressions blanked', () => {
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['<', '>', '/', 'b', '!', '-', '\n', ' ', 'é', '1'];
    for (let round = 0; round < 400; round++) {
      let t = '';
      for (let k = 0; k < 60; k++) t += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(blankTags(t)).toBe(oldTags(t));
      expect(blankComments(t)).toBe(oldComments(t));
    }
    expect(blankTags('a <b>x</b> <a <i>y\n<i\nclass="z">w')).toBe(oldTags('a <b>x</b> <a <i>y\n<i\nclass="z">w'));
  });

  it('reads each character a bounded number of times, however many tags and comments are unclosed', () => {
    /** Characters the searches inside `f` read: from where each starts to where it stops. */
    const scanned = (f: () => void): number => {
      const real = String.prototype.indexOf;
      let n = 0;
      const spy = vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (this: string, search: string, from?: number) {
        const at = real.call(this, search, from);
        n += (at < 0 ? this.length : at) - (from ?? 0);
        return at;
      });
      try {
        f();
      } finally {
        spy.mockRestore();
      }
      return n;
    };
    for (const unit of ['w <b ', 'w <!-- ', 'w <i>x</i> ']) {
      const text = unit.repeat(20_000);
      // Each search is counted (the scan is made of them, so a count of 0 would mean the spy missed it).
      const tags = scanned(() => blankTags(text));
      const comments = scanned(() => blankComments(text));
      expect(tags).toBeGreaterThan(0);
      expect(comments).toBeGreaterThan(0);
      expect(tags).toBeLessThanOrEqual(3 * text.length);
      expect(comments).toBeLessThanOrEqual(3 * text.length);
    }
  });
});

describe('broken character references: one set of strings per distinct reference', () => {
  it('repeated references (and repeated unrepairable ones) are repaired alike from the shared repair', () => {
    const r = convert(`# T\n\n${'&8220;a &0; b&x2019; '.repeat(300)}\n`, { file: 'c.md' });
    expect(r.ok).toBe(true);
    const ems = r.model!.emendations.filter((e) => e.kind === 'charref');
    expect(ems).toHaveLength(600);
    expect(new Set(ems.map((e) => e.description)).size).toBe(2);
    expect(ems[0]!.description).toMatch(/^broken character reference &8220; read as .*\u201c/);
    // &0; is no character XML can hold: left as printed, every time.
    expect(r.tei!.match(/&amp;0;/g)).toHaveLength(300);
    expect(r.tei!.match(/<sic>&amp;8220;<\/sic>/g)).toHaveLength(300);
    expect(r.diagnostics.filter((d) => d.code === 'charref-repaired')).toHaveLength(600);
  });
});

describe('--max-elements bounds the memory of one document', () => {
  it('unclosed HTML formatting, reopened in every paragraph, stops at the start tag past the limit, with its line:col', () => {
    const html = `<html><head><title>T</title></head><body><h1>T</h1>\n${'<p><b><i>word\n'.repeat(3000)}`;
    const stages: Stage[] = [];
    const r = convert(html, { file: 'u.html', limits: { elements: 1000 }, onStage: (s) => stages.push(s) });
    const [d, ...more] = r.diagnostics.filter((x) => x.code === 'input-too-many-elements');
    expect(more).toHaveLength(0);
    expect(d?.message).toMatch(/more than 1000 elements \(--max-elements 1000\)/);
    // The tree stopped being built during reading: a line near the start, not the end.
    expect(d?.line).toBeGreaterThan(2);
    expect(d?.line).toBeLessThan(1000);
    expect(d?.column).toBeGreaterThan(1);
    expect(r.tei).toBeUndefined();
    expect(stages).toEqual(['detect', 'read', 'done']);
    // Under the default limit the same page converts.
    const small = convert(html.slice(0, 2000), { file: 'u.html' });
    expect(small.tei).toBeDefined();
    expectValidTei(small.tei!);
  });

  it('broken character references past the limit are left as printed, with one warning where it starts: the document is converted', () => {
    const text = `# T\n\n${'&8220;word\n'.repeat(100)}`;
    const r = convert(text, { file: 'c.md', limits: { elements: 60 } });
    const warnings = r.diagnostics.filter((d) => d.code === 'charref-repaired' && d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/left as printed \(--max-elements 60/);
    const doc = parseTei(r.tei!);
    const repaired = xpath(doc, '//tei:body//tei:choice').length;
    expect(repaired).toBeGreaterThan(0);
    expect(repaired).toBeLessThan(100);
    // Every reference is in the TEI: repaired as sic, or printed as it was.
    expect(xpath(doc, '//tei:body//tei:sic').length + (xeval(doc, 'string(//tei:body)').split('&8220;').length - 1 - repaired)).toBe(100);
    expect(warnings[0]!.line).toBe(3 + repaired);
    expect(r.diagnostics.some((d) => d.code === 'words-lost')).toBe(false);
    expectValidTei(r.tei!);
    // Without the limit every one is repaired.
    expect(xpath(parseTei(convert(text, { file: 'c.md' }).tei!), '//tei:body//tei:choice')).toHaveLength(100);
  });

  it('a model past the limit after reading is refused before the transforms, at the element past it', () => {
    const text = `# T\n\n${'**b** '.repeat(200)}\n`;
    const r = convert(text, { file: 'm.md', limits: { elements: 50 } });
    const d = r.diagnostics.find((x) => x.code === 'input-too-many-elements');
    expect(d?.line).toBe(3);
    expect(r.tei).toBeUndefined();
  });
});

describe('10,000 nested HTML elements: a clear error at the element too deep, never a stack overflow', () => {
  const nested = (open: string, n: number): string => `<html><head><title>T</title></head><body><h1>T</h1>\n${open.repeat(n)}<p>deep words</p></body></html>`;

  it.each(['<div>', '<blockquote>', '<span>', '<ul><li>'])('%s × 10,000: input-too-deep at its line:col, the same on every run', (open) => {
    const html = nested(open, 10_000);
    const first = convert(html, { file: 'deep.html' });
    const d = first.diagnostics.find((x) => x.code === 'input-too-deep');
    expect(d?.message).toMatch(/nest more than 500 levels deep here \(5 × --max-depth 100\)/);
    expect(d?.line).toBe(2);
    expect(d?.column).toBeGreaterThan(1);
    expect(first.tei).toBeUndefined();
    expect(first.diagnostics.some((x) => x.code === 'internal-error')).toBe(false);
    // Not the call stack's luck: the same result after other conversions, and again.
    convert(nested('<div>', 300), { file: 'other.html' });
    expect(convert(html, { file: 'deep.html' }).diagnostics).toEqual(first.diagnostics);
  });

  it('the parse stops at the first element too deep: the rest of the page is never built (1 MB of nested divs: 219 → 88 MB)', () => {
    // Past the depth bound, then more elements than --max-elements: a tree built whole would be
    // refused for its size; stopped while it is built, it is refused at the element too deep.
    const html = `${nested('<div>', 600)}${'<br>'.repeat(3000)}`;
    const r = convert(html, { file: 'deep.html', limits: { elements: 2000 } });
    const errors = r.diagnostics.filter((x) => x.severity === 'error');
    expect(errors.map((x) => x.code)).toEqual(['input-too-deep']);
    // html, body, then the divs: the 499th div is the element past 500 levels.
    expect(errors[0]).toMatchObject({ line: 2, column: 498 * 5 + 1 });
    expect(r.tei).toBeUndefined();
  });

  it('within the bound (300 nested divs), the page converts and its words are kept', () => {
    const r = convert(nested('<div>', 300), { file: 'deep.html' });
    expect(r.tei).toBeDefined();
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(xeval(parseTei(r.tei!), 'string(//tei:body)')).toContain('deep words');
    expectValidTei(r.tei!);
  });
});

describe('markdown text that opens no markup is gathered as source ranges', () => {
  const read = (t: string): Inline[] => parseInlines({ src: new Source(t), diagnostics: new Diagnostics('t.md') }, 0, t.length);

  it('a run of 100,000 `<` and `[` is one text node with the source text at its position', () => {
    for (const ch of ['<', '[']) {
      const t = `x ${ch.repeat(100_000)} y`;
      expect(read(t)).toEqual([{ kind: 'text', text: t, pos: { line: 1, column: 1 } }]);
    }
  });

  it('source ranges and decoded text mix in one node: escapes, references and hard breaks keep their text and columns', () => {
    expect(read('a < \\* b &amp; c  \nd [ e')).toEqual([
      { kind: 'text', text: 'a < * b &', pos: { line: 1, column: 1 } },
      { kind: 'text', text: ' c', pos: { line: 1, column: 15 } },
      { kind: 'lb', pos: { line: 1, column: 19 } },
      { kind: 'text', text: 'd [ e', pos: { line: 2, column: 1 } },
    ]);
  });
  it('blank text between code spans holding spaces is one node at the first blank\'s column, not two nodes per four bytes', () => {
    const t = `a ${'` ` '.repeat(10_000)}b`;
    const nodes = read(t);
    expect(nodes.map((n) => n.kind)).toEqual(['text', 'text', 'text']);
    expect(nodes[0]).toEqual({ kind: 'text', text: 'a ', pos: { line: 1, column: 1 } });
    // 10,000 code spans of one space and the 9,999 spaces between them.
    expect(nodes[1]).toEqual({ kind: 'text', text: ' '.repeat(19_999), pos: { line: 1, column: 4 } });
    // The text after the joined blanks keeps its own source column.
    expect(nodes[2]).toEqual({ kind: 'text', text: ' b', pos: { line: 1, column: t.length - 1 } });
  });

  it('only blanks are joined across a code span: words and no-break spaces keep their own nodes and columns', () => {
    expect(read('`a` `b`&nbsp;`c` x')).toEqual([
      { kind: 'text', text: 'a', pos: { line: 1, column: 2 } },
      { kind: 'text', text: ' ', pos: { line: 1, column: 4 } },
      { kind: 'text', text: 'b', pos: { line: 1, column: 6 } },
      { kind: 'text', text: '\u00a0', pos: { line: 1, column: 8 } },
      { kind: 'text', text: 'c', pos: { line: 1, column: 15 } },
      { kind: 'text', text: ' x', pos: { line: 1, column: 17 } },
    ]);
  });

  it('a `<` that cannot open a tag (`< b`, `<1`, `<<`) is text; the `<b>` after it still opens one', () => {
    const nodes = read('1 < b <1 <<b>x</b>');
    expect(nodes.map((n) => n.kind)).toEqual(['text', 'hi']);
    expect(nodes[0]).toEqual({ kind: 'text', text: '1 < b <1 <', pos: { line: 1, column: 1 } });
  });
});

describe('page text is held to the limits before its blocks are read', () => {
  const errors = (r: ReturnType<typeof convert>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, line: d.line, column: d.column }));

  it('more [n] anchors than --max-anchors: refused at the anchor past the limit, before the layout (no stage after reading)', () => {
    const text = `Title\n\n${'word [1] '.repeat(8)}\nmore [2] words\n\nNotes\n\n[1] The note.\n[2] Another.\n`;
    const stages: Stage[] = [];
    const r = convert(text, { file: 'a.txt', profile: 'lia-text', limits: { anchors: 8 }, onStage: (s) => stages.push(s) });
    expect(errors(r)).toEqual([{ code: 'input-too-many-anchors', line: 4, column: 6 }]);
    expect(r.model).toBeUndefined();
    expect(stages).toEqual(['detect', 'read', 'done']);
  });

  it('counted before reading as the inline reader reads them: not a note label at a line start, not a letter inside a word', () => {
    const text = "Title\n\nwo[r]d [a] '[t]hat [1]\n  [2] label\n[3]\nend [4] x[5]\n";
    // Anchors: [a] (3:8), [1] (3:20), [4] (6:5), [5] (6:10); [r] and [t] are letters in words, [2] and [3] labels.
    expect(anchorPastLimit(text, 4)).toBeUndefined();
    expect(anchorPastLimit(text, 3)).toEqual({ line: 6, column: 10 });
    expect(anchorPastLimit(text, 1)).toEqual({ line: 3, column: 20 });
    expect(anchorPastLimit(text, 0)).toEqual({ line: 3, column: 8 });
  });

  it('more paragraphs than --max-elements: refused at the first paragraph past the limit, before the layout', () => {
    const text = `Title\n\nword [1]\n\n${'Notes\n\n[1] The note.\n\n'.repeat(10)}`;
    const stages: Stage[] = [];
    const r = convert(text, { file: 'n.txt', profile: 'lia-text', limits: { elements: 12 }, onStage: (s) => stages.push(s) });
    // Paragraphs 1–12 are Title, "word [1]" and five notes headings with their notes; the 13th starts on line 25.
    expect(errors(r)).toEqual([{ code: 'input-too-many-elements', line: 25, column: 1 }]);
    expect(stages).toEqual(['detect', 'read', 'done']);
  });

  it('markdown: more paragraphs and headings than --max-elements are refused at the first block past the limit, while the blocks are split', () => {
    // Rules, blank lines and HTML lines are no element; the title and 11 paragraphs are 12, the 13th (`  word 12`) is at 29:3.
    const text = `# Title\n\n---\n\n<div>\n\n${Array.from({ length: 13 }, (_, i) => `  word ${i + 1} \`code\``).join('\n\n')}\n`;
    const stages: Stage[] = [];
    const r = convert(text, { file: 'n.md', profile: 'mia-markdown', limits: { elements: 12 }, onStage: (s) => stages.push(s) });
    expect(errors(r)).toEqual([{ code: 'input-too-many-elements', line: 29, column: 3 }]);
    expect(r.diagnostics.find((d) => d.code === 'input-too-many-elements')!.message).toContain('paragraphs and headings');
    expect(stages).toEqual(['detect', 'read', 'done']);
    // At the limit (the title and 13 paragraphs) the text is converted.
    const ok = convert(text, { file: 'n.md', profile: 'mia-markdown', limits: { elements: 14 } });
    expect(errors(ok)).toEqual([]);
    expectValidTei(ok.tei!);
  });
});

/**
 * Markdown notes linked as the other styles link them (the engine's bare-marker rule,
 * `linkBareMarkers`): `1.` notes under a notes heading with `[1]` printed in the text,
 * `3)&nbsp;` / `3) ` labels, and a marker split across inline HTML (`Party[<sup>1]</sup>`).
 * Each rule taken and left, through the model and the TEI (validated): the number of notes,
 * every anchor pointing at its note and the note back at it.
 */
import { readFileSync } from 'node:fs';
import type { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { bodyInlineLists, plainText } from '../../src/model/walk.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

interface Converted {
  ed: Edition;
  doc: XmlDocument;
  codes: string[];
}

function read(text: string): Converted {
  const r = convert(text, { file: 'page.md' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { ed: r.model as Edition, doc: parseTei(r.tei!), codes: r.diagnostics.map((d) => d.code) };
}

const count = (doc: XmlDocument, expr: string): number => Number(xeval(doc, `count(${expr})`));
const anchors = (ed: Edition): string[] => {
  const out: string[] = [];
  const visit = (list: Inline[]): void => {
    for (const n of list) {
      if (n.kind === 'noteAnchor') out.push(n.marker);
      else if ('children' in n) visit(n.children);
    }
  };
  bodyInlineLists(ed).forEach(visit);
  return out;
};
const noteCount = (ed: Edition): number => ed.notes.reduce((k, s) => k + s.notes.length, 0);

/** Every anchor of the text points at a note that points back at it; every note is pointed at. */
function expectLinkedBothWays(doc: XmlDocument, notes: number): void {
  expect(count(doc, '//tei:back//tei:note')).toBe(notes);
  expect(count(doc, '//tei:body//tei:ref[@type="noteAnchor"]')).toBe(notes);
  for (let i = 1; i <= notes; i++) {
    const id = xeval(doc, `string((//tei:body//tei:ref[@type="noteAnchor"])[${i}]/@xml:id)`);
    const target = xeval(doc, `string((//tei:body//tei:ref[@type="noteAnchor"])[${i}]/@target)`);
    expect(id).not.toBe('');
    expect(target).toMatch(/^#/);
    expect(xeval(doc, `string(//tei:note[@xml:id="${target.slice(1)}"]/@target)`).split(/\s+/)).toContain(`#${id}`);
  }
  expect(count(doc, '//tei:back//tei:note[not(@target)]')).toBe(0);
}

describe('`1.` notes under a notes heading, `[1]` printed in the text', () => {
  it('MIA markdown: the printed [1] and [2] are the anchors of notes 1 and 2; the [[3]](#n3) link syntax still links note 3', () => {
    const { ed, doc, codes } = read(fixture('mia-markdown/numbered-notes-bracketed-anchors.md'));
    expect(noteCount(ed)).toBe(3);
    expect(anchors(ed)).toEqual(['[1]', '[2]', '[3]']);
    expectLinkedBothWays(doc, 3);
    expect(codes).not.toContain('note-orphan');
    // The marker is the anchor's, not the sentence's: "third of January.[1] Within".
    expect(xeval(doc, 'string(//tei:body//tei:p[1]/tei:ref[1]/preceding-sibling::text()[1])')).toMatch(/January\.$/);
  });

  it('pandoc copy: escaped \\[1\\] and the [\\[2\\]](#n2) link are the anchors of "1\\." notes', () => {
    const { ed, doc } = read(fixture('markdown-frontmatter/pandoc-numbered-notes-bracketed-anchors.md'));
    expect(noteCount(ed)).toBe(3);
    expect(anchors(ed)).toEqual(['[1]', '[2]', '[3]']);
    expectLinkedBothWays(doc, 3);
  });

  it('a [n] with no note n stays text; a note its <sup> already links takes no second [n]', () => {
    const { ed, doc } = read('# The Strike\n\n---\n\nSource : *Works*, Vol. 2\n\n---\n\nThe strike began in May <sup>1</sup> and spread [4] to the mills; the report [1] says so.\n\nThe men held firm.\n\n**Notes**\n\n1. The first note.\n');
    expect(anchors(ed)).toEqual(['1']);
    expectLinkedBothWays(doc, 1);
    expect(xeval(doc, 'string(//tei:body//tei:p[1])')).toContain('spread [4] to the mills; the report [1] says');
  });

  it('a parenthesised number opening a line of an enumeration is not an anchor (the PRINTED_ANCHORS row)', () => {
    const { ed, doc, codes } = read('# The Demands\n\n---\n\nSource : *Works*, Vol. 2\n\n---\n\nThe workers demand: (1) the eight-hour day; and\n(2) the freedom of assembly.\n\nThe men held firm.\n\n**Notes**\n\n1. The first note.\n\n2. The second note.\n');
    expect(anchors(ed)).toEqual([]);
    expect(count(doc, '//tei:body//tei:ref')).toBe(0);
    expect(count(doc, '//tei:back//tei:note')).toBe(2);
    expect(codes.filter((c) => c === 'note-orphan')).toHaveLength(2);
  });

  it('notes printed with [1] labels: the [[1]](#n1) link syntax and a bare [2] are both anchors', () => {
    const { ed, doc } = read('# The Strike\n\n---\n\nSource : *Works*, Vol. 2\n\n---\n\nThe strike began in May [[1]](#n1) and spread to the mills [2].\n\nThe men held firm.\n\n**Notes**\n\n[1] The first note.\n\n[2] The second note.\n');
    expect(anchors(ed)).toEqual(['[1]', '[2]']);
    expectLinkedBothWays(doc, 2);
  });
});

describe('`3)` labels, with a space or a no-break space (`&nbsp;`)', () => {
  it('"1)&nbsp;The …" and "2) The …" under a notes heading are notes 1 to 3, their words without the label', () => {
    const { ed, doc } = read(fixture('mia-markdown/notes-labelled-with-parenthesis.md'));
    expect(noteCount(ed)).toBe(3);
    expect(ed.notes[0]!.notes.map((n) => n.key)).toEqual(['1', '2', '3']);
    expect(ed.notes[0]!.notes.map((n) => plainText(n.blocks[0]!.kind === 'p' ? n.blocks[0]!.children : []))).toEqual([
      'The demand was first raised by the American unions.',
      'The founding congress of the Second International, July 1889.',
      'Some 100,000 marched in Hyde Park on 4 May 1890.',
    ]);
    expectLinkedBothWays(doc, 3);
    expect(count(doc, '//tei:back//tei:div[@type="notes"]/tei:p')).toBe(0);
  });

  it('a paragraph of the text opening "1)&nbsp;" is not a note (only under a notes heading)', () => {
    const { ed, doc } = read('# The Demands\n\n---\n\nSource : *Works*, Vol. 2\n\n---\n\nThe congress put two demands.\n\n1)&nbsp;The eight-hour day for every worker.\n\n2) The freedom of assembly and of the press.\n');
    expect(noteCount(ed)).toBe(0);
    expect(count(doc, '//tei:body//tei:p')).toBe(3);
    expect(xeval(doc, 'string(//tei:body//tei:p[2])')).toBe('1)\u00a0The eight-hour day for every worker.');
  });
});

describe('a marker split across inline HTML', () => {
  it('Party[<sup>1]</sup>, <em>Diet[</em><sup>2]</sup>, curia[3<sup>]</sup>: one anchor each, "[1]" as printed, no bracket left in the text', () => {
    const { ed, doc } = read(fixture('mia-markdown/marker-split-across-inline-html.md'));
    expect(noteCount(ed)).toBe(3);
    expect(anchors(ed)).toEqual(['[1]', '[2]', '[3]']);
    expectLinkedBothWays(doc, 3);
    expect(xeval(doc, 'string(//tei:body//tei:p[1])')).toMatch(/^The Party\[1\] enters/);
    expect(xeval(doc, 'string(//tei:body//tei:p[2])')).toContain('the Diet[2] and');
    expect(count(doc, '//tei:body//tei:hi[@rend="superscript"]')).toBe(0);
  });

  it('with no note of that number the halves stay as printed, unlinked, no word lost', () => {
    const { ed, doc, codes } = read('# The Party\n\n---\n\nSource : *Works*, Vol. 2\n\n---\n\nThe Party[<sup>1]</sup> enters the elections with its own platform.\n\nThe men held firm.\n');
    expect(anchors(ed)).toEqual([]);
    expect(xeval(doc, 'string(//tei:body//tei:p[1])')).toBe('The Party[1] enters the elections with its own platform.');
    expect(count(doc, '//tei:body//tei:hi[@rend="superscript"]')).toBe(1);
    expect(codes).not.toContain('words-lost');
    expect(codes).not.toContain('anchor-orphan');
  });

  it('a <sup>1]</sup> with no bracket printed before it is read as before: an anchor of note 1', () => {
    const { ed, doc } = read('# The Party\n\n---\n\nSource : *Works*, Vol. 2\n\n---\n\nThe Party <sup>1]</sup> enters the elections with its own platform.\n\nThe men held firm.\n\n**Notes**\n\n1. The Party.\n');
    expect(anchors(ed)).toEqual(['1]']);
    expectLinkedBothWays(doc, 1);
  });
});

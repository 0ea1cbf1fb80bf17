import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { miaMarkdown } from '../../src/readers/mia-markdown/index.js';
import { convert } from '../../src/convert.js';
import { SHARED } from '../helpers/shared.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/mia-markdown/${name}`, import.meta.url), 'utf8');

function read(text: string, file = 'x.md'): { ed: Edition; d: Diagnostics } {
  const d = new Diagnostics(file);
  const ed = miaMarkdown.read(text, { file, diagnostics: d });
  const check = new Diagnostics(file);
  expect(checkModel(ed, check), check.items.map((x) => x.message).join('\n')).toBe(true);
  return { ed, d };
}

const para = (b: Block | undefined): string => (b && b.kind === 'p' ? plainText(b.children) : '');
const anchors = (list: Inline[]): Inline[] => {
  const out: Inline[] = [];
  const walk = (l: Inline[]): void => {
    for (const n of l) {
      if (n.kind === 'noteAnchor') out.push(n);
      if ('children' in n) walk(n.children);
    }
  };
  walk(list);
  return out;
};
const bodyAnchors = (ed: Edition): Inline[] => [...anchors(ed.body.head), ...ed.body.blocks.flatMap((b) => (b.kind === 'p' ? anchors(b.children) : []))];

describe('mia-markdown: an article with a full information block', () => {
  const { ed, d } = read(fixture('article-with-full-infoblock.md'));

  it('takes the title without its anchor, and keeps the anchor in the head', () => {
    expect(ed.metadata.title).toBe('On the Strike Wave');
    const a = anchors(ed.body.head);
    expect(a).toMatchObject([{ kind: 'noteAnchor', marker: '1', key: '1', pos: { line: 1, column: 22 } }]);
  });

  it('puts the italic date line into the opener as plain words', () => {
    expect(ed.body.opener?.dateline).toEqual([{ kind: 'text', text: 'June 1905', pos: { line: 3, column: 2 } }]);
  });

  it('reads every metadata line with its role, label as printed and position', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.role])).toEqual([
      ['Written', 'written'],
      ['First Published', 'firstPublished'],
      ['Transcribed', 'transcribed'],
      ['Online Version', 'onlineVersion'],
      ['Copyleft', 'licence'],
      ['Mood', 'other'],
    ]);
    const fp = ed.metadata.fields[1]!;
    expect(fp.pos).toEqual({ line: 9, column: 1 });
    expect(fp.value[0]).toMatchObject({ kind: 'hi', rend: 'italic', pos: { line: 9, column: 19 } });
    expect(plainText(fp.value)).toBe('Proletary, No. 4, June 1905');
  });

  it('keeps the unknown label and says so at its line', () => {
    const unknown = d.items.filter((x) => x.code === 'metadata-unknown-label');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ line: 17, column: 1 });
    expect(unknown[0]!.message).toContain('Mood');
  });

  it('reads the short italic line before the text as the argument', () => {
    expect(ed.body.argument.map(para)).toEqual(['An editorial written for the fourth issue.']);
  });

  it('reads bold, italic and bold italic, and anchors inside paragraphs', () => {
    const p = ed.body.blocks[0]!;
    expect(p.kind).toBe('p');
    const kids = p.kind === 'p' ? p.children : [];
    expect(kids.filter((n) => n.kind === 'hi').map((n) => (n.kind === 'hi' ? [n.rend, plainText(n.children)] : []))).toEqual([
      ['bold', 'provinces'],
      ['bold italic', 'every'],
    ]);
    expect(anchors(kids)).toMatchObject([{ key: '2', pos: { line: 23, column: 13 } }]);
  });

  it('takes the bold-italic last paragraph as signature and the line after it as a publication note', () => {
    expect(plainText(ed.body.closer?.signed ?? [])).toBe('The Editorial Board');
    expect(ed.body.publicationNotes.map((n) => plainText(n.children))).toEqual(['Published in Proletary, June 1905']);
    expect(ed.body.blocks.map(para)).not.toContain('The Editorial Board');
  });

  it('reads the notes, one of them over two paragraphs, as editorial end notes', () => {
    expect(ed.notes).toHaveLength(1);
    const s = ed.notes[0]!;
    expect(plainText(s.heading ?? [])).toBe('Notes');
    expect(s.notes.map((n) => [n.key, n.label, n.type, n.place, n.blocks.length])).toEqual([
      ['1', '1.', 'editorial', 'end', 1],
      ['2', '2.', 'editorial', 'end', 2],
      ['3', '3.', 'editorial', 'end', 1],
    ]);
    expect(para(s.notes[1]!.blocks[1])).toBe('The strike committees met daily.');
    expect(s.notes[1]!.pos).toEqual({ line: 37, column: 1 });
    expect(s.notes[0]!.blocks[0]).toMatchObject({ kind: 'p', pos: { line: 35, column: 4 } });
  });

  it('drops each footer navigation line, reports it, and takes the author from the archive link', () => {
    expect(ed.dropped.map((x) => [x.text, x.pos.line])).toEqual([
      ['[Works Index](#) | [Example Person Archive](#)', 45],
      ['[Marxists Internet Archive](#)', 46],
    ]);
    expect(d.items.filter((x) => x.code === 'furniture-dropped').map((x) => x.line)).toEqual([45, 46]);
    expect(ed.metadata.author).toMatchObject({ name: 'Example Person', from: 'footer', pos: { line: 45 } });
    expect(d.items.some((x) => x.code === 'author-from-footer' && x.line === 45)).toBe(true);
    expect(JSON.stringify(ed.body)).not.toContain('Works Index');
  });
});

describe('mia-markdown: a letter with anchors out of order', () => {
  const { ed } = read(fixture('letter-anchors-out-of-order.md'));

  it('reads the salutation into the opener and marks the text as a letter', () => {
    expect(ed.body.divType).toBe('letter');
    expect(plainText(ed.body.opener?.salute ?? [])).toBe('Dear Comrades,');
    expect(ed.body.opener?.dateline && plainText(ed.body.opener.dateline)).toBe('April 1907');
  });

  it('reads the closing salute and the signature', () => {
    expect(plainText(ed.body.closer?.salute ?? [])).toBe('With greetings,');
    expect(plainText(ed.body.closer?.signed ?? [])).toBe('A. Writer');
    expect(ed.body.blocks).toHaveLength(1);
  });

  it('keeps anchor 2 before anchor 1, each keyed to its note', () => {
    expect(bodyAnchors(ed).map((a) => (a.kind === 'noteAnchor' ? a.key : ''))).toEqual(['2', '1']);
    expect(ed.notes[0]!.notes.map((n) => n.key)).toEqual(['1', '2']);
  });

  it('has no author: no archive link names a person', () => {
    expect(ed.metadata.author).toBeUndefined();
  });
});

describe('mia-markdown: malformed markers', () => {
  const { ed, d } = read(fixture('malformed-markers.md'));

  it('keeps an unclosed <sup> and an unclosed ** as text, with warnings at line:column', () => {
    const warn = d.items.filter((x) => x.code === 'marker-malformed').map((x) => [x.line, x.column]);
    expect(warn).toEqual([
      [9, 16],
      [9, 47],
    ]);
    expect(para(ed.body.blocks[0])).toBe('The text has a <sup>4 that never closes and a **bold run that never ends.');
    expect(bodyAnchors(ed)).toEqual([]);
  });
});

describe('mia-markdown: an "Author :" line', () => {
  it('names the author from the metadata, and no footer is needed', () => {
    const { ed, d } = read(fixture('unknown-author-label.md'));
    expect(ed.metadata.author).toEqual({ name: 'Jane Roe', from: 'metadata', pos: { line: 7, column: 10 }, label: { text: 'Author', pos: { line: 7, column: 1 } } });
    expect(ed.metadata.title).toBe('Author Named in a Line');
    expect(d.items.filter((x) => x.code === 'author-missing')).toEqual([]);
  });
});

describe('mia-markdown: detection', () => {
  it('is confident for its own style and not for other markdown or HTML', () => {
    expect(miaMarkdown.detect(fixture('article-with-full-infoblock.md'))).toBeGreaterThanOrEqual(0.5);
    expect(miaMarkdown.detect('<!DOCTYPE html><html><body><p>x</p></body></html>')).toBeLessThan(0.3);
    expect(miaMarkdown.detect('---\nlayout: default\ntitle: x\n---\n# T\n')).toBeLessThan(0.3);
  });

  const seeds = resolve(SHARED, 'seeds');
  it.skipIf(!existsSync(seeds))('scores the LIA page-text seed low and reads the MIA markdown seed', () => {
    const lia = readFileSync(resolve(seeds, 'lenin-1921-attitude-to-non-party-workers.txt'), 'utf8');
    expect(miaMarkdown.detect(lia)).toBeLessThan(0.3);
    const text = readFileSync(resolve(seeds, 'stalin-1912-for-the-party.txt'), 'utf8');
    expect(miaMarkdown.detect(text)).toBeGreaterThanOrEqual(0.5);
    const { ed } = read(text);
    expect(ed.metadata.title).toBe('For the Party');
    expect(ed.body.opener?.dateline && plainText(ed.body.opener.dateline)).toBe('March 1912');
    expect(ed.metadata.fields.map((f) => f.role)).toEqual(['source', 'publisher', 'transcriptionMarkup', 'licence']);
    expect(plainText(ed.body.closer?.signed ?? [])).toBe('The Central Committee of the R.S.D.L.P.');
    expect(ed.body.publicationNotes).toHaveLength(1);
    expect(ed.notes[0]!.notes.map((n) => n.key)).toEqual(['1', '2']);
    expect(ed.metadata.author).toMatchObject({ name: 'J. V. Stalin', from: 'footer' });
    expect(ed.dropped).toHaveLength(3);
  });
});

describe('mia-markdown: a paragraph probed as a prose information line, then read for the TEI', () => {
  it('reports each repair of the paragraph once, at its place, and keeps its words', () => {
    // The engine asks whether the paragraph after the title is an information line (it is
    // not), then reads it: one reading serves both, its reports given once.
    const r = convert('# T\n\n&8220;word and more &8221; text\n', { file: 'x.md', profile: 'mia-markdown' });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.filter((x) => x.code === 'charref-repaired').map((x) => `${x.line}:${x.column}`)).toEqual(['3:1', '3:21']);
    expect(r.tei!.match(/<choice><sic>&amp;822[01];<\/sic>/g)).toHaveLength(2);
    expect(r.tei).toMatch(/<\/choice>word and more <choice>.*<\/choice> text<\/p>/);
  });

  it('still reads a prose information line inside the rules as a field', () => {
    const r = convert('# T\n\n---\n\nTranscribed by &8220;Daniel\n\n---\n\nBody text.\n', { file: 'x.md', profile: 'mia-markdown' });
    expect(r.ok).toBe(true);
    expect(r.model!.metadata.fields.map((f) => f.label)).toContain('Transcribed by');
    expect(r.diagnostics.filter((x) => x.code === 'charref-repaired').map((x) => `${x.line}:${x.column}`)).toEqual(['5:17']);
  });
});

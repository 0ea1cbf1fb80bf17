import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { markdownFrontmatter } from '../../src/readers/markdown-frontmatter/index.js';
import { miaMarkdown } from '../../src/readers/mia-markdown/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/markdown-frontmatter/${name}`, import.meta.url), 'utf8');

function read(text: string): { ed: Edition; d: Diagnostics } {
  const d = new Diagnostics('x.md');
  const ed = markdownFrontmatter.read(text, { file: 'x.md', diagnostics: d });
  const check = new Diagnostics('x.md');
  expect(checkModel(ed, check), check.items.map((x) => x.message).join('\n')).toBe(true);
  return { ed, d };
}

/** Every inline node of the body, depth first. */
function inlines(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  const walk = (l: Inline[]): void => {
    for (const n of l) {
      out.push(n);
      if ('children' in n) walk(n.children);
    }
  };
  const visit = (b: Block): void => {
    if (b.kind === 'p' || b.kind === 'heading') walk(b.children);
    else if (b.kind === 'quote') b.blocks.forEach(visit);
    else if (b.kind === 'pb') out.push({ kind: 'pb', ...(b.n ? { n: b.n } : {}), pos: b.pos });
  };
  blocks.forEach(visit);
  return out;
}

describe('markdown-frontmatter: a pandoc (Jekyll) letter', () => {
  const { ed, d } = read(fixture('pandoc-letter-with-infoblock.md'));
  const body = inlines(ed.body.blocks);

  it('takes the title from the heading (the front-matter title is empty) and the author from the heading above it', () => {
    expect(ed.metadata.title).toBe('Letter to the Editor');
    expect(ed.metadata.author).toEqual({ name: 'A. N. Writer', from: 'author-line', pos: { line: 8, column: 4 } });
    expect(ed.metadata.subtitle).toBe('(1910)');
  });

  it('reads the pandoc information block, unescaping the label and joining wrapped lines', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.role])).toEqual([
      ['Source', 'source'],
      ['Transcription\\Markup', 'transcriptionMarkup'],
      ['Public Domain', 'licence'],
    ]);
    const tm = ed.metadata.fields[1]!;
    expect(tm.pos).toEqual({ line: 17, column: 1 });
    expect(tm.value[0]).toMatchObject({ kind: 'link', href: '../volunteers/b.htm' });
    expect(plainText(ed.metadata.fields[2]!.value).replace(/\s+/g, ' ')).toBe('Example Archive (2005). You may freely copy this work.');
  });

  it('reads the place-date line, the salutation and the two-line closing', () => {
    expect(ed.body.divType).toBe('letter');
    expect(plainText(ed.body.opener?.dateline ?? [])).toBe('London, 1 May 1910');
    expect(plainText(ed.body.opener?.salute ?? [])).toBe('Dear Sir,');
    expect(plainText(ed.body.closer?.salute ?? [])).toBe('Fraternally yours,');
    expect(plainText(ed.body.closer?.signed ?? [])).toBe('A. N. Writer');
  });

  it('turns the LIA page id and the |p. 102| marker into page breaks, in order', () => {
    expect(body.filter((n) => n.kind === 'pb').map((n) => (n.kind === 'pb' ? [n.n, n.pos.line] : []))).toEqual([
      ['101', 24],
      ['102', 33],
    ]);
  });

  it('pairs both anchor styles with their notes and records their targets', () => {
    const anchors = body.filter((n) => n.kind === 'noteAnchor');
    expect(anchors).toMatchObject([
      { marker: '[1]', key: '1', target: 'n1', pos: { line: 31, column: 56 } },
      { marker: '[2]', key: '2', target: 'n2', id: 'f2', pos: { line: 32, column: 18 } },
    ]);
    expect(ed.notes[0]!.notes.map((n) => [n.key, n.label, n.blocks.length])).toEqual([
      ['1', '1.', 1],
      ['2', '2.', 2],
    ]);
  });

  it('unwraps the onmouseover span, keeps the hard break, and keeps the editorial insertion as an inline note', () => {
    const p = ed.body.blocks.find((b) => b.kind === 'p');
    expect(p && p.kind === 'p' ? plainText(p.children) : '').toMatch(/^Permit me a word on the strike/);
    expect(JSON.stringify(ed)).not.toContain('onmouseover');
    expect(body.some((n) => n.kind === 'lb')).toBe(true);
    const note = body.find((n) => n.kind === 'inlineNote');
    expect(note).toMatchObject({ kind: 'inlineNote', type: 'editorial', place: 'inline' });
    expect(note && note.kind === 'inlineNote' ? plainText(note.children) : '').toBe("[Editor's insertion.]");
  });

  it('drops the site key `layout: default`, the navigation and the page date with a diagnostic for each', () => {
    expect(ed.dropped.map((x) => x.pos.line)).toEqual([2, 5, 6, 51, 55]);
    expect(ed.dropped[0]).toMatchObject({ text: 'default', pos: { line: 2, column: 9 } });
    expect(d.items.filter((x) => x.code === 'furniture-dropped')).toHaveLength(5);
    expect(JSON.stringify(ed.body)).not.toContain('Top of the page');
  });
});

describe('markdown-frontmatter: a Hugo page with two note series', () => {
  const { ed } = read(fixture('hugo-with-two-note-series.md'));

  it('takes title and author from the front matter, with their positions', () => {
    expect(ed.metadata.title).toBe('On Two Kinds of Notes');
    expect(ed.metadata.author).toEqual({ name: 'Karl Example', from: 'front-matter', pos: { line: 5, column: 9 } });
    expect(ed.body.blocks[0]).toMatchObject({ kind: 'heading', level: 3 });
  });

  it('keeps the attributions as a source field', () => {
    const f = ed.metadata.fields.find((x) => x.label === 'attributions')!;
    expect(f).toMatchObject({ label: 'attributions', role: 'source', pos: { line: 7, column: 3 } });
    expect(plainText(f.value)).toContain('Published in 1901');
  });

  it('keeps the other front-matter keys with words as notes, in source order, without their YAML quotes', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.role, plainText(f.value)])).toEqual([
      ['works', 'other', 'Example Works'],
      ['description', 'other', 'A test document'],
      ['attributions', 'source', expect.stringContaining('This document was originally copied from the Marxist Internet Archive.')],
    ]);
    expect(ed.metadata.fields[0]!.pos).toEqual({ line: 2, column: 9 });
  });

  it('gives numbered and lettered notes their own series, on anchors and notes alike', () => {
    const anchors = inlines(ed.body.blocks).filter((n) => n.kind === 'noteAnchor');
    expect(anchors.map((a) => (a.kind === 'noteAnchor' ? [a.key, a.series, a.target] : []))).toEqual([
      ['1', 'numeric', 'note1'],
      ['A', 'alpha', 'noteA'],
    ]);
    expect(ed.notes.flatMap((s) => s.notes.map((n) => [n.key, n.series]))).toEqual([
      ['1', 'numeric'],
      ['A', 'alpha'],
    ]);
  });

  it('reads the bold-italic signature', () => {
    expect(plainText(ed.body.closer?.signed ?? [])).toBe('K. Example');
  });
});

describe('markdown-frontmatter: detection', () => {
  it('is sure of front-matter markdown, and MIA markdown is not', () => {
    for (const f of ['pandoc-letter-with-infoblock.md', 'hugo-with-two-note-series.md']) {
      expect(markdownFrontmatter.detect(fixture(f))).toBeGreaterThanOrEqual(0.7);
      expect(miaMarkdown.detect(fixture(f))).toBeLessThan(0.3);
    }
    expect(markdownFrontmatter.detect('# Title\n\n---\n\nSource : x\n')).toBe(0);
  });
});

describe('markdown-frontmatter: the front matter of a site mirror', () => {
  const page = [
    '---',
    'layout: page',
    'title: Letter to *Vorwärts*',
    'permalink: /1913/mar/22.md',
    'parent: Selected Works',
    'tags: []',
    'nav_order: 3',
    'subject: "Chinese revolution"',
    '---',
    '',
    '## V. I. Lenin',
    '',
    '### Big Achievement of the Chinese Republic {.title}',
    '',
    'We know that the great Chinese Republic was established at the cost of such sacrifice by progressive democrats among the Asian masses, and that it recently encountered very grave financial difficulties of every kind.',
    '',
  ].join('\n');
  const { ed, d } = read(page);

  it('drops the site-engine keys, one report per key at the value', () => {
    expect(ed.dropped.map((x) => [x.text, x.pos.line, x.pos.column])).toEqual([
      ['page', 2, 9],
      ['/1913/mar/22.md', 4, 12],
      ['Selected Works', 5, 9],
      ['[]', 6, 7],
      ['3', 7, 12],
    ]);
    expect(d.items.filter((x) => x.code === 'furniture-dropped' && x.line !== undefined && x.line < 9)).toHaveLength(5);
  });

  it('keeps a front-matter title that is not the page title as a note, with its italics, and an unknown key too', () => {
    expect(ed.metadata.title).toBe('Big Achievement of the Chinese Republic');
    expect(ed.metadata.fields.map((f) => [f.label, f.role, plainText(f.value)])).toEqual([
      ['title', 'other', 'Letter to Vorwärts'],
      ['subject', 'other', 'Chinese revolution'],
    ]);
    expect(ed.metadata.fields[0]!.value.some((n) => n.kind === 'hi' && n.rend === 'italic')).toBe(true);
    expect(d.items.some((x) => x.code === 'metadata-unknown-label' && x.message.includes('"subject"'))).toBe(true);
  });

  it('keeps the author line above the title above it, in the text order', () => {
    expect(ed.metadata.author).toMatchObject({ name: 'V. I. Lenin', from: 'author-line' });
    expect(ed.body.beforeHead?.map((b) => (b.kind === 'p' ? [b.rend, plainText(b.children)] : []))).toEqual([['byline', 'V. I. Lenin']]);
    expect(ed.body.argument).toEqual([]);
  });
});

describe('markdown-frontmatter: links to places in the same web page', () => {
  const page = [
    '---',
    'layout: default',
    'title: ',
    '---',
    '# Draft Theses[^\\[1\\]^](#fw01){#bk01}',
    '',
    'As was said [in the first thesis](#thesis1), the national question comes first in every programme of the party, and it is treated in full detail below in the theses, which the congress will discuss one by one before it adopts them.',
    '',
    '### Notes',
    '',
    '[\\[1\\]](#bk01){#fw01} Written in June 1920.',
    '',
  ].join('\n');
  const { ed } = read(page);

  it('reads a link to a note around a superscript marker as the note anchor itself', () => {
    expect(ed.body.head.map((n) => n.kind)).toEqual(['text', 'noteAnchor']);
    expect(ed.body.head[1]).toMatchObject({ kind: 'noteAnchor', key: '1', marker: '[1]' });
  });

  it('keeps the words of a link to an id of the web page, without the link (the TEI has no such id)', () => {
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && p.children.every((n) => n.kind === 'text')).toBe(true);
    expect(p.kind === 'p' && plainText(p.children)).toContain('As was said in the first thesis, the national question');
  });
});

describe('markdown-frontmatter: the lines under the title stay in their printed order', () => {
  const page = [
    '# History of the World Crisis',
    '',
    '## Lecture 1',
    '',
    'by',
    '',
    '**J. C. MARIATEGUI**',
    '',
    'Lima, on June 15, 1923.',
    '',
    '------------------------------------------------------------------------',
    '',
    'The world crisis is the great question of our time, and the proletariat must know it, in every one of its aspects, as it has known nothing else.',
    '',
  ].join('\n');
  const { ed } = read(page);

  it('keeps a date line printed after other argument lines in the argument, after them', () => {
    expect(ed.body.subtitle && plainText(ed.body.subtitle)).toBe('Lecture 1');
    expect(ed.body.opener).toBeUndefined();
    expect(ed.body.argument.map((b) => (b.kind === 'p' ? plainText(b.children) : ''))).toEqual(['by', 'J. C. MARIATEGUI', 'Lima, on June 15, 1923.']);
  });
});

describe('markdown-frontmatter: author lines around the title', () => {
  const body = 'The text of the speech begins here, and it goes on for long enough to be a paragraph of the text rather than a line of the title zone: two hundred characters and more are needed for that.';
  const page = (...top: string[]): string => ['---', 'layout: default', 'title: ', '---', ...top, '', '------------------------------------------------------------------------', '', body, ''].join('\n');

  it('takes a name alone on the line above the title as the author ("MN Roy")', () => {
    const { ed } = read(page('MN Roy', '', '# The Awakening of the East'));
    expect(ed.metadata.author).toMatchObject({ name: 'MN Roy', from: 'author-line', pos: { line: 5, column: 1 } });
  });

  it('takes the name set apart in a span of the heading above the title, not the book title after it', () => {
    const { ed } = read(page('#### [Rosa Luxemburg]{.small} The Mass Strike', '', '# VI. Co-operation of Organised and Unorganised Workers'));
    expect(ed.metadata.author?.name).toBe('Rosa Luxemburg');
    expect(ed.body.beforeHead?.map((b) => (b.kind === 'p' ? plainText(b.children) : ''))).toEqual(['Rosa Luxemburg The Mass Strike']);
  });

  it('takes the name after a "by" line under the title', () => {
    const { ed } = read(page('# History of the World Crisis', '', 'by', '', '**J. C. MARIATEGUI**'));
    expect(ed.metadata.author).toMatchObject({ name: 'J. C. MARIATEGUI', pos: { line: 9, column: 1 } });
  });

  it('does not take a collection line above the title for an author', () => {
    const { ed } = read(page('Marx-Engels Correspondence 1868', '', '# Karl Marx to Ludwig Kugelmann'));
    expect(ed.metadata.author).toBeUndefined();
  });
});

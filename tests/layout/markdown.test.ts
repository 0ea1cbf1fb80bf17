/**
 * The layout engine's zones on markdown: the markdown readers are syntax only (blocks,
 * hints, inlines, positions) and `layout()` finds the zones. Each zone the engine reads on
 * markdown, taken and left: a page that has it, and a page that looks close but does not.
 * Facts are read from the model and from the TEI, which is validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { markdownStream } from '../../src/readers/shared/stream.js';
import { Source } from '../../src/readers/shared/source.js';
import { expectValidTei, parseTei, xtext } from '../helpers/tei.js';

interface Converted {
  ed: Edition;
  tei: string;
  codes: string[];
}

function read(text: string): Converted {
  const r = convert(text, { file: 'page.md' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { ed: r.model as Edition, tei: r.tei!, codes: r.diagnostics.map((d) => d.code) };
}

const words = (list: Inline[] | undefined): string => plainText(list ?? []).replace(/\s+/g, ' ').trim();
const paras = (blocks: Block[]): string[] => blocks.flatMap((b) => (b.kind === 'p' ? [words(b.children)] : []));
const anchorKeys = (list: Inline[]): string[] => list.flatMap((n) => (n.kind === 'noteAnchor' ? [n.key] : 'children' in n ? anchorKeys(n.children) : []));

const INFO = '---\n\nSource : *Works*, Vol. 2\n\nTranscription/Markup : Salil Sen\n\n---\n\n';
const TEXT = 'The workers of the city are on strike again, and the strike is spreading to the mills.\n\nThey will win.\n';

describe('the markdown reader hands the engine syntax only', () => {
  it('blocks carry heading levels, rules, emphasis, quotes, link bars and source lines; no zone', () => {
    const src = new Source('# Title\n\n*March 1912*\n\n---\n\n> A quoted line\n\n[Index](../index.htm) | [Archive](../a.htm)\n');
    const stream = markdownStream(src, 0, new Diagnostics('x'), 'mia-markdown');
    expect(stream.blocks.map((b) => [b.kind, b.lines[0]!.line, b.hints])).toEqual([
      ['heading', 1, { level: 1 }],
      ['para', 3, { emphasis: 'italic' }],
      ['rule', 5, {}],
      ['quote', 7, { quoted: true }],
      ['para', 9, { linksOnly: true }],
    ]);
    expect(stream.blocks[1]!.gapBefore).toBe(1);
    expect(stream.marked).toBeDefined();
  });
});

describe('title zone', () => {
  it('takes the most important heading as the title, its <sup> as a note anchor linked to the note', () => {
    const { ed, tei } = read(`## Collected Works Volume 2\n\n# For the Party <sup>1</sup>\n\n${INFO}${TEXT}\n**Notes**\n\n1. The leaflet.\n`);
    expect(ed.metadata.title).toBe('For the Party');
    expect(anchorKeys(ed.body.head)).toEqual(['1']);
    const doc = parseTei(tei);
    expect(xtext(doc, '//tei:body//tei:head/tei:ref[@type="noteAnchor"]/@target')).toBe(`#${xtext(doc, '//tei:back//tei:note/@xml:id')}`);
    // The collection heading above is not the author (it names no person) and is kept above the title.
    expect(ed.metadata.author).toBeUndefined();
    expect(paras(ed.body.beforeHead ?? [])).toEqual(['Collected Works Volume 2']);
  });

  it('a person named in a heading above the title is the author line; a collection is not', () => {
    const { ed } = read(`## G.V. Plekhanov\n\n# On the Strike\n\n${INFO}${TEXT}`);
    expect(ed.metadata.author).toMatchObject({ name: 'G.V. Plekhanov', from: 'author-line' });
  });

  it('"by Name" or "Speech by Name" under the title names the author; a "by the way" line does not', () => {
    expect(read(`# On the Strike\n\nby Rosa Luxemburg\n\n${INFO}${TEXT}`).ed.metadata.author).toMatchObject({ name: 'Rosa Luxemburg', from: 'author-line' });
    expect(read(`# On the Strike\n\nSpeech by James Connolly\n\n${INFO}${TEXT}`).ed.metadata.author).toMatchObject({ name: 'James Connolly', from: 'author-line' });
    expect(read(`# On the Strike\n\nby the way of the mills\n\n${INFO}${TEXT}`).ed.metadata.author).toBeUndefined();
  });

  it("a letter's title names its writer; an article's title of the same shape does not", () => {
    const letter = read(`# Engels to August Bebel\n\n${INFO}Dear Bebel,\n\n${TEXT}`).ed;
    expect(letter.metadata.author).toMatchObject({ name: 'Engels', from: 'author-line' });
    expect(read(`# Engels to August Bebel\n\n${INFO}${TEXT}`).ed.metadata.author).toBeUndefined();
  });

  it('an italic date line under the title is the dateline and the date of writing', () => {
    const { ed, tei } = read(`# For the Party\n\n*March 1912*\n\n${INFO}${TEXT}`);
    expect(ed.body.opener?.dateline).toMatchObject([{ kind: 'text', text: 'March 1912' }]);
    expect(xtext(parseTei(tei), '//tei:profileDesc/tei:creation/tei:date/@when')).toBe('1912-03');
  });

  it('an italic line under the title that names an edition, not a date, is no dateline', () => {
    const { ed, tei } = read(`# Capital\n\n*Preface to the First Edition, 1884*\n\n${INFO}${TEXT}`);
    expect(ed.body.opener?.dateline).toBeUndefined();
    expect(xtext(parseTei(tei), '//tei:profileDesc/tei:creation/tei:date/@when')).toBeUndefined();
  });

  it('a second heading under the title is the subtitle', () => {
    const { ed } = read(`# The Strike\n\n## A Report from the Mills\n\n${INFO}${TEXT}`);
    expect(ed.metadata.subtitle).toBe('A Report from the Mills');
  });
});

describe('information block', () => {
  it('reads `Label : value` lines between two rules as fields, each with its role', () => {
    const { ed } = read(`# The Strike\n\n---\n\nSource : *Works*, Vol. 2\n\nTranscription/Markup : Salil Sen\n\n---\n\n${TEXT}`);
    expect(ed.metadata.fields.map((f) => [f.label, f.role, words(f.value)])).toEqual([
      ['Source', 'source', 'Works, Vol. 2'],
      ['Transcription/Markup', 'transcriptionMarkup', 'Salil Sen'],
    ]);
  });

  it('an "Author :" line alone in the block names the author', () => {
    const { ed } = read(`# The Strike\n\n---\n\nAuthor : Jane Roe\n\n---\n\n${TEXT}`);
    expect(ed.metadata.author).toMatchObject({ name: 'Jane Roe', from: 'metadata' });
  });

  it('reads prose lines between rules by the shared sentences table ("Transcribed by …"), one field per printed line', () => {
    const { ed } = read(`# The Strike\n\n---\n\nOriginally published in **Fourth International**, December 1948.\\\nTranscribed by Daniel Gaido.\\\nMarked up by [Einde O'Callaghan](../eoc.htm) for *ETOL*.\n\n---\n\n${TEXT}`);
    expect(ed.metadata.fields.map((f) => [f.label, f.role, words(f.value)])).toEqual([
      ['Originally published in', 'firstPublished', 'Fourth International, December 1948.'],
      ['Transcribed by', 'transcribed', 'Daniel Gaido.'],
      ['Marked up by', 'markup', "Einde O'Callaghan for ETOL."],
    ]);
  });

  it('leaves paragraphs between rules that hold no label in the text', () => {
    const { ed } = read(`# The Strike\n\n---\n\nThe strike went on for a week in the city.\n\n---\n\n${TEXT}`);
    expect(ed.metadata.fields).toEqual([]);
    expect(paras(ed.body.blocks)[0]).toBe('The strike went on for a week in the city.');
  });
});

describe('letter parts', () => {
  it('a salutation opens the letter; a closing salute over a bold name closes it', () => {
    const { ed } = read(`# To the Workers\n\n${INFO}Dear Comrades,\n\n${TEXT}\nWith communist greetings,\n\n**N. Lenin**\n`);
    expect(ed.body.divType).toBe('letter');
    expect(words(ed.body.opener?.salute)).toBe('Dear Comrades,');
    expect(words(ed.body.closer?.salute)).toBe('With communist greetings,');
    expect(words(ed.body.closer?.signed)).toBe('N. Lenin');
  });

  it('a text whose first words address comrades in a sentence is no letter', () => {
    const { ed } = read(`# To the Workers\n\n${INFO}Comrades, the strike is spreading to every mill of the city and the port.\n\n${TEXT}`);
    expect(ed.body.divType).toBeUndefined();
    expect(ed.body.opener?.salute).toBeUndefined();
  });
});

describe('notes', () => {
  for (const heading of ['**Notes**', '### Footnotes', "**Translator's Notes**"]) {
    it(`"${heading}" over a numbered list: the notes, linked to their anchors`, () => {
      const { ed } = read(`# The Strike\n\n${INFO}The strike <sup>1</sup> goes on.\n\nThey will win.\n\n${heading}\n\n1. It began in May.\n`);
      expect(ed.notes.flatMap((s) => s.notes.map((n) => [n.key, paras(n.blocks)[0], n.targets.length]))).toEqual([['1', 'It began in May.', 1]]);
      expect(paras(ed.body.blocks)).toEqual(['The strike goes on.', 'They will win.']);
    });
  }

  it('a numbered list in the text, with no notes heading, stays text', () => {
    const { ed } = read(`# The Strike\n\n${INFO}The demands:\n\n1. Higher wages.\n\n2. Shorter hours.\n`);
    expect(ed.notes).toEqual([]);
    expect(paras(ed.body.blocks)).toEqual(['The demands:', '1. Higher wages.', '2. Shorter hours.']);
  });

  it('markdown footnotes after the text: `[^1]` anchors linked to `[^1]:` notes, indented paragraphs with them', () => {
    const { ed, tei } = read(`# The Strike\n\n${INFO}The strike[^1] goes on.\n\nThey will win.\n\n[^1]: It began in May.\n\n    It went on until June.\n`);
    const notes = ed.notes.flatMap((s) => s.notes);
    expect(notes.map((n) => [n.key, paras(n.blocks)])).toEqual([['1', ['It began in May.', 'It went on until June.']]]);
    expect(notes[0]!.targets.length).toBe(1);
    expect(xtext(parseTei(tei), '//tei:body//tei:ref[@type="noteAnchor"]')).toBe('1');
  });

  it('a footnote definition inside the text stays text where it stands, its reference too', () => {
    const { ed } = read(`# The Strike\n\n${INFO}The strike[^1] goes on.\n\n[^1]: It began in May.\n\nThey will win.\n`);
    expect(ed.notes).toEqual([]);
    expect(paras(ed.body.blocks)).toEqual(['The strike[^1] goes on.', '[^1]: It began in May.', 'They will win.']);
  });
});

describe('furniture and the footer author', () => {
  it('drops a trailing link bar and takes the author from its archive link', () => {
    const { ed, codes } = read(`# The Strike\n\n${INFO}${TEXT}\n[Works Index](../index.htm) | [J. V. Stalin Archive](../../index.htm)\n`);
    expect(ed.dropped.map((d) => d.reason)).toEqual(['navigation']);
    expect(ed.metadata.author).toMatchObject({ name: 'J. V. Stalin', from: 'footer' });
    expect(codes).toContain('author-from-footer');
  });

  it('an archive link naming the surname alone names the author as the front prints the name, else no one', () => {
    const full = read(`# Problems of the British Revolution\n\nThis collection first appeared in 1926; New Park Publications, Problems of the British Revolution by Leon Trotsky, July 1972.\n\n${TEXT}\n[Contents](index.htm) | [Trotsky Internet Archive](../../index.htm)\n`).ed;
    expect(full.metadata.author).toMatchObject({ name: 'Leon Trotsky', from: 'footer' });
    const none = read(`# Problems of the British Revolution\n\nThis collection first appeared in 1926; New Park Publications, July 1972.\n\n${TEXT}\n[Contents](index.htm) | [Trotsky Internet Archive](../../index.htm)\n`).ed;
    expect(none.metadata.author).toBeUndefined();
  });

  it('drops a "Next: …" line at the bottom, as in page text; a last sentence opening with "Next," stays', () => {
    const { ed } = read(`# The Strike\n\n${INFO}${TEXT}\n---\n\nNext: [VII. The Role of the Mass Strike](ch07.htm)\n`);
    expect(ed.dropped.map((d) => d.text)).toEqual(['Next: [VII. The Role of the Mass Strike](ch07.htm)']);
    const kept = read(`# The Strike\n\n${INFO}${TEXT}\nNext, the workers took the factory.\n`).ed;
    expect(kept.dropped).toEqual([]);
    expect(paras(kept.body.blocks).at(-1)).toBe('Next, the workers took the factory.');
  });

  it('keeps a paragraph that only opens with a link in the text', () => {
    const { ed } = read(`# The Strike\n\n${INFO}${TEXT}\n[Marx](../marx.htm) wrote this in London, in the winter.\n`);
    expect(ed.dropped).toEqual([]);
    expect(paras(ed.body.blocks).at(-1)).toBe('Marx wrote this in London, in the winter.');
  });
});

describe('front matter', () => {
  it('a Hugo front matter gives title, author and the source field; the page headings are the text', () => {
    const { ed } = read(`---\ntitle: "The Strike"\nauthor: jane roe\nattributions: From The Militant, 1934\n---\n\n## First Part\n\n${TEXT}`);
    expect(ed.metadata.title).toBe('The Strike');
    expect(ed.metadata.author).toMatchObject({ name: 'Jane Roe', from: 'front-matter' });
    expect(ed.metadata.fields.map((f) => [f.label, f.role])).toEqual([['attributions', 'source']]);
    expect(ed.body.blocks[0]).toMatchObject({ kind: 'heading', level: 2 });
  });
});

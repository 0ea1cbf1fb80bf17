/**
 * The front-matter reader over the real MIA markdown pages of ../shared/corpus/mia.
 * Every expected value below was checked by reading the document itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { markdownFrontmatter } from '../../src/readers/markdown-frontmatter/index.js';
import { CORPUS, hasCorpus, skipMessage } from '../helpers/shared.js';

if (!hasCorpus) console.warn(skipMessage('the MIA corpus'));

function read(name: string): { ed: Edition; d: Diagnostics } {
  const d = new Diagnostics(name);
  const text = readFileSync(resolve(CORPUS, name), 'utf8').replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const ed = markdownFrontmatter.read(text, { file: name, diagnostics: d });
  return { ed, d };
}

function anchorsOf(ed: Edition): Array<Extract<Inline, { kind: 'noteAnchor' }>> {
  const out: Array<Extract<Inline, { kind: 'noteAnchor' }>> = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const n = x as { kind?: string };
      if (n.kind === 'noteAnchor') out.push(x as Extract<Inline, { kind: 'noteAnchor' }>);
      Object.values(x).forEach(walk);
    }
  };
  walk(ed.body);
  return out;
}

const noteKeys = (ed: Edition): string[] => ed.notes.flatMap((s) => s.notes.map((n) => n.key));
const text = (l: Inline[] | undefined): string => plainText(l ?? []).replace(/\s+/g, ' ').trim();

/** Every anchor names a note (same key and series) that the document has. */
function expectAnchorsPaired(ed: Edition): void {
  const keys = new Set(ed.notes.flatMap((s) => s.notes.map((n) => `${n.series ?? ''}/${n.key}`)));
  for (const a of anchorsOf(ed)) expect(keys.has(`${a.series ?? ''}/${a.key}`), `anchor ${a.marker} at ${a.pos.line}:${a.pos.column}`).toBe(true);
}

describe.skipIf(!hasCorpus)('markdown-frontmatter over the real corpus', () => {
  const files = hasCorpus ? readdirSync(CORPUS).filter((f) => f.endsWith('.md') && f !== 'README.md') : [];

  it('reads every markdown page into a model that conforms to the schema, with a title', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      const { ed, d } = read(f);
      const check = new Diagnostics(f);
      expect(checkModel(ed, check), `${f}: ${check.items.map((x) => x.message).join('; ')}`).toBe(true);
      expect(ed.metadata.title, f).not.toBe('');
      expect(d.items.filter((x) => x.code === 'title-missing'), f).toEqual([]);
      expect(markdownFrontmatter.detect(readFileSync(resolve(CORPUS, f), 'utf8')), f).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('Marx to Kugelmann, 30 January 1868 (pandoc): letter, 11 notes, closing "Salut / Yours / KM"', () => {
    const { ed } = read('marx-1868-letter-to-kugelmann-01-30.md');
    expect(ed.metadata.title).toBe('Karl Marx to Ludwig Kugelmann, 30 January 1868');
    expect(ed.body.divType).toBe('letter');
    expect(text(ed.body.opener?.salute)).toBe('Dear Kugelmann');
    expect(text(ed.body.closer?.signed)).toBe('KM');
    expect(text(ed.body.closer?.salute)).toBe('Salut Yours');
    expect(noteKeys(ed)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(anchorsOf(ed).map((a) => a.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expectAnchorsPaired(ed);
    expect(ed.metadata.fields[0]).toMatchObject({ label: 'Source', role: 'source' });
  });

  it('Connolly, How to Release Larkin: author line, 5 notes, signature in capitals, page furniture dropped', () => {
    const { ed } = read('connolly-1913-larkin.md');
    expect(ed.metadata.title).toBe('How to Release Larkin');
    expect(ed.metadata.author).toMatchObject({ name: 'James Connolly', from: 'author-line' });
    expect(noteKeys(ed)).toEqual(['1', '2', '3', '4', '5']);
    expectAnchorsPaired(ed);
    expect(text(ed.body.closer?.signed)).toBe('JAMES CONNOLLY.');
    expect(ed.dropped.map((x) => x.text)).toContain('Last updated on 6.10.2003');
    expect(ed.metadata.fields.find((f) => f.label === 'Transcription')?.role).toBe('transcribed');
  });

  it('Plekhanov to Guesde, 1912: place-date line, salutation and a closing in a grid table', () => {
    const { ed } = read('plekhanov-1912-letter-10-27.md');
    expect(ed.metadata.title).toBe('Letter to Jules Guesde');
    expect(ed.metadata.author?.name).toBe('G.V. Plekhanov');
    expect(text(ed.body.opener?.dateline)).toBe('Paris, October 27, 1912');
    expect(text(ed.body.opener?.salute)).toBe('My dear Guesde:');
    expect(text(ed.body.closer?.salute)).toBe('Cordially yours,');
    expect(text(ed.body.closer?.signed)).toBe('G. Plekhanoff');
    expect(ed.metadata.fields.map((f) => [f.label, f.role, text(f.value)])).toEqual([
      ['Source', 'source', 'le Socialisme, 2 November 1912.'],
      ['Translated', 'translated', 'for marxists.org by Mitch Abidor.'],
    ]);
    expect(ed.notes).toEqual([]);
  });

  it('Lenin, Karl Marx: Preface (Hugo): front-matter title and author, signature and date after it', () => {
    const { ed } = read('lenin-1914-karl-marx-preface-mlcom.md');
    expect(ed.metadata.title).toBe('Preface');
    expect(ed.metadata.author).toMatchObject({ name: 'Vladimir Lenin', from: 'front-matter', pos: { line: 7, column: 9 } });
    expect(text(ed.body.closer?.signed)).toBe('N. Lenin');
    expect(text(ed.body.closer?.dateline)).toBe('Moscow, May 14, 1918');
    expect(ed.body.blocks).toHaveLength(1);
    expect(ed.dropped.some((x) => x.text.includes('Table of Contents'))).toBe(true);
  });

  it('Engels to Bebel, March 1875 (Hugo): heading date line, salutation, 12 notes, anchors 2–12 paired', () => {
    const { ed } = read('engels-1875-letter-to-bebel-mlcom.md');
    expect(ed.metadata.title).toBe('Engels to August Bebel In Zwickau');
    // The page's front matter names Marx (the Gotha collection's author); the reader reports it as found.
    expect(ed.metadata.author).toMatchObject({ name: 'Karl Marx', from: 'front-matter' });
    expect(text(ed.body.opener?.dateline)).toBe('London, March 18-28, 1875');
    expect(text(ed.body.opener?.salute)).toBe('Dear Bebel,');
    expect(noteKeys(ed)).toHaveLength(12);
    expect(anchorsOf(ed).map((a) => a.key)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expectAnchorsPaired(ed);
  });

  it('German Ideology I, part 1 (Hugo): a |p. 21| page break, and numbered and lettered notes as two series', () => {
    const { ed } = read('marx-engels-1845-german-ideology-ch1-part1-mlcom.md');
    expect(ed.metadata.title).toBe('A. Idealism and Materialism');
    const pbs: Array<[string | undefined, number]> = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const n = x as { kind?: string; n?: string; pos?: { line: number } };
        if (n.kind === 'pb') pbs.push([n.n, n.pos!.line]);
        Object.values(x).forEach(walk);
      }
    };
    walk(ed.body);
    expect(pbs[0]).toEqual(['21', 24]);
    expect(ed.notes.flatMap((s) => s.notes.map((n) => [n.key, n.series]))).toEqual([
      ['1', 'numeric'],
      ['2', 'numeric'],
      ['A', 'alpha'],
    ]);
    expectAnchorsPaired(ed);
  });

  it('Lenin, Big Achievement of the Chinese Republic (pandoc): .title heading, LIA page ids 29 and 30, info block', () => {
    const { ed } = read('lenin-1913-big-achievement-chinese-republic.md');
    // The front matter's title belongs to another page; the heading marked .title wins.
    expect(ed.metadata.title).toBe('Big Achievement of the Chinese Republic');
    expect(ed.metadata.author?.name).toBe('V. I. Lenin');
    // Page 29 starts before the first paragraph, page 30 in the middle of "an alliance" (line 66).
    expect(ed.body.blocks.filter((b) => b.kind === 'pb').map((b) => [b.kind === 'pb' ? b.n : '', b.pos.line])).toEqual([['29', 30]]);
    expect(JSON.stringify(ed.body.blocks)).toMatch(/"kind":"pb","n":"30","pos":\{"line":66,"column":39\}/);
    // The mirror's front-matter title names another page: kept as printed, as a note.
    expect(ed.metadata.fields.map((f) => f.role)).toEqual(['other', 'firstPublished', 'source', 'translated', 'transcriptionMarkup', 'licence']);
    expect(ed.metadata.fields[0]).toMatchObject({ label: 'title', pos: { line: 3, column: 8 } });
    expect(text(ed.metadata.fields[0]!.value)).toBe('Letter to Vorwärts and Wiener Arbeiter-Zeitung');
    expect(ed.dropped.slice(0, 3).map((x) => x.text)).toEqual(['page', '/1913/mar/22.md', 'Marx & Engels Selected Works']);
    expect(JSON.stringify(ed)).not.toContain('onmouseover');
  });

  it('Trotsky, On l’Humanité: the level-1 heading after the collection headings is the title; 5 notes', () => {
    const { ed } = read('trotsky-1921-on-lhumanite.md');
    expect(ed.metadata.title).toBe("On l'Humanité, the Central Organ of the French Party");
    expect(ed.metadata.author?.name).toBe('Leon Trotsky');
    expect(noteKeys(ed)).toEqual(['1', '2', '3', '4', '5']);
    expectAnchorsPaired(ed);
  });

  it('Mao, Oppose Book Worship (Hugo): HTML <sup><a> anchors paired with 5 notes', () => {
    const { ed } = read('mao-1930-oppose-book-worship-mlcom.md');
    expect(ed.metadata.title).toBe('Oppose Book Worship');
    expect(ed.metadata.author).toMatchObject({ name: 'Mao Zedong', from: 'front-matter' });
    expect(noteKeys(ed)).toEqual(['1', '2', '3', '4', '5']);
    expect(anchorsOf(ed).map((a) => a.target)).toEqual(['note1', 'note2', 'note3', 'note4', 'note5']);
    expectAnchorsPaired(ed);
  });

  it('Marx to Bracke (Hugo): closing "Yours," and the <span class="signature">', () => {
    const { ed } = read('marx-1875-letter-to-bracke-mlcom.md');
    expect(text(ed.body.opener?.salute)).toBe('Dear Bracke,');
    expect(text(ed.body.opener?.dateline)).toBe('London, 5 May 1875');
    expect(text(ed.body.closer?.salute)).toBe('Yours,');
    expect(text(ed.body.closer?.signed)).toBe('Karl Marx');
  });

  it('Kollontai, International Women’s Day: a page wrapped in a block quote still has its title, info block and notes', () => {
    const { ed } = read('kollontai-1920-international-womens-day.md');
    expect(ed.metadata.title).toBe("International Women's Day");
    expect(ed.metadata.fields.map((f) => f.role)).toEqual(['firstPublished', 'translated', 'transcribed', 'proofed']);
    expect(noteKeys(ed)).toHaveLength(12);
    expectAnchorsPaired(ed);
  });
});

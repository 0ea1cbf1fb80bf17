/**
 * The mia-html reader on the real MIA pages of ../shared/corpus (skipped without it).
 * The facts checked per document were verified by reading each page's HTML by hand.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { CORPUS, hasCorpus, skipMessage } from '../helpers/shared.js';
import { anchors, fieldsByLabel, noteFor, notesOf, noteText, pageText, readPage } from './mia-html-helpers.js';

const manifestHtml = (): string[] =>
  hasCorpus
    ? [...new Set(readFileSync(resolve(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')).filter((c) => c[4] === 'html').map((c) => c[0]!))]
    : [];

const cache = new Map<string, { ed: Edition; diagnostics: Diagnostics }>();
const page = (file: string) => {
  let r = cache.get(file);
  if (!r) {
    r = readPage(pageText(resolve(CORPUS, file)), file);
    cache.set(file, r);
  }
  return r;
};
const text = (list: Inline[] | undefined): string => plainText(list ?? []);

describe.skipIf(!hasCorpus)('mia-html on the corpus HTML pages', () => {
  const files = manifestHtml();

  it('finds the 30 HTML pages of the manifest', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s: no error, a model that matches the schema, a title, every anchor paired', (file) => {
    const { ed, diagnostics } = page(file);
    expect(diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    const check = new Diagnostics(file);
    expect(checkModel(ed, check), JSON.stringify(check.items.slice(0, 3))).toBe(true);
    expect(ed.metadata.title.length).toBeGreaterThan(3);
    for (const a of anchors(ed)) expect(noteFor(ed, a), `anchor ${a.marker} at ${a.pos.line}:${a.pos.column}`).toBeDefined();
    for (const d of ed.dropped) expect(d.text).not.toBe('');
  });

  it.each(files)('%s: is detected as mia-html with confidence', async (file) => {
    const { detectMiaHtml } = await import('../../src/readers/mia-html/index.js');
    expect(detectMiaHtml(pageText(resolve(CORPUS, file)))).toBeGreaterThanOrEqual(0.75);
  });

  it('LIA letter to Vorwärts: author line, salutation, closer, page 42, one editors\u2019 endnote', () => {
    const { ed } = page('lenin-1914-letter-to-vorwaerts-wiener-az.html');
    expect(ed.metadata.title).toBe('Letter to Vorwärts and Wiener Arbeiter-Zeitung');
    expect(ed.metadata.author).toMatchObject({ name: 'V. I. Lenin', from: 'author-line' });
    expect(ed.body.divType).toBe('letter');
    expect(text(ed.body.opener?.salute)).toBe('Dear Comrades:');
    expect(text(ed.body.closer?.salute)).toBe('With Social-Democratic greetings');
    expect(ed.body.blocks[0]).toMatchObject({ kind: 'pb', n: '42' });
    expect(notesOf(ed).map((n) => [n.key, n.type])).toEqual([['1', 'editorial']]);
    expect(ed.dropped.map((d) => d.text)).toContain('README');
  });

  it('LIA Chinese Republic: two page breaks (29, 30), Published/Source/Translated/Transcription\\Markup/Public Domain', () => {
    const { ed } = page('lenin-1913-big-achievement-chinese-republic.html');
    expect(ed.metadata.title).toBe('Big Achievement of the Chinese Republic');
    expect(ed.body.blocks.filter((b) => b.kind === 'pb').map((b) => (b.kind === 'pb' ? b.n : ''))).toEqual(['29', '30']);
    expect(ed.metadata.fields.map((f) => f.role)).toEqual(['firstPublished', 'source', 'translated', 'transcriptionMarkup', 'licence']);
    expect(text(fieldsByLabel(ed).get('Translated')?.value)).toBe('The Late George Hanna');
    // The page has a "Notes" heading but no notes: the heading is template furniture.
    expect(ed.notes).toEqual([]);
    expect(ed.dropped.map((d) => d.reason)).toContain('notes heading without notes');
  });

  it('LIA Karl Marx ch. 1: twelve footnotes and one endnote [13], two series', () => {
    const { ed } = page('lenin-1914-karl-marx-ch01-life.html');
    const notes = notesOf(ed);
    expect(notes).toHaveLength(13);
    expect(notes.filter((n) => n.series === 'foot')).toHaveLength(12);
    expect(notes.filter((n) => n.series === 'end').map((n) => n.key)).toEqual(['13']);
    expect(anchors(ed).find((a) => a.marker === '[13]')?.series).toBe('end');
    expect(notes[0]?.type).toBe('editorial'); // "… is not included. —Ed."
    expect(ed.metadata.subtitle).toBe('A Brief Biographical Sketch With an Exposition of Marxism');
  });

  it('Marx to Kugelmann 12 April 1871: dateline, "Dear Kugelmann", closer Yours/KM, three Progress notes', () => {
    const { ed } = page('marx-1871-letter-to-kugelmann-04-12.html');
    expect(ed.metadata.title).toBe('Marx to Dr Kugelmann Concerning the Paris Commune');
    expect(text(ed.body.opener?.dateline)).toBe('[London] April 12, 1871');
    expect(text(ed.body.opener?.salute)).toBe('Dear Kugelmann');
    expect(text(ed.body.closer?.salute)).toBe('Yours');
    expect(text(ed.body.closer?.signed)).toBe('KM');
    expect(notesOf(ed).map((n) => [n.key, n.type])).toEqual([
      ['1', 'editorial'],
      ['2', 'editorial'],
      ['3', 'editorial'],
    ]);
  });

  it('Marx to Kugelmann 30 January 1868: eleven notes, salutation in p.fst, closer Salut/Yours/KM', () => {
    const { ed } = page('marx-1868-letter-to-kugelmann-01-30.html');
    expect(notesOf(ed)).toHaveLength(11);
    expect(anchors(ed)).toHaveLength(11);
    expect(text(ed.body.opener?.salute)).toBe('Dear Kugelmann');
    expect(text(ed.body.closer?.salute)).toBe('Salut\nYours');
    expect(text(ed.body.closer?.signed)).toBe('KM');
  });

  it('Engels to Bebel 1873: the [*] anchor goes to the * note although its link says #n2', () => {
    const { ed } = page('engels-1873-letter-to-bebel-06-20.html');
    expect(ed.metadata.title).toBe('Engels to August Bebel In Hubertsburg');
    expect(anchors(ed).map((a) => a.key)).toEqual(['1', '2', '3', '*', '4']);
    expect(noteText(notesOf(ed).find((n) => n.key === '*')!)).toMatch(/^Mühlberger, Arthur/);
    expect(text(ed.body.closer?.salute)).toBe('Sincerely yours');
    expect(text(ed.body.closer?.signed)).toBe('F Engels');
  });

  it('Engels to Boenigk: letter anchor [A], note after a rule without heading, omission', () => {
    const { ed } = page('engels-1890-letter-to-boenigk-08-21.html');
    expect(anchors(ed).map((a) => [a.marker, a.key])).toEqual([['[A]', 'A']]);
    expect(ed.notes).toHaveLength(1);
    expect(noteText(notesOf(ed)[0]!)).toMatch(/^Boenigk asked Engels/);
    expect(text(ed.body.opener?.dateline)).toBe('Folkestone, near Dover\nAugust 21, 1890');
  });

  it('Inaugural Address: (1) anchor, "— K.M." note is the author\u2019s, info block after an image', () => {
    const { ed } = page('marx-1864-inaugural-address-iwma.html');
    expect(ed.metadata.title).toBe('Inaugural Address');
    expect(anchors(ed).map((a) => [a.marker, a.key])).toEqual([['(1)', '1']]);
    expect(notesOf(ed)[0]?.type).toBe('authorial');
    expect(fieldsByLabel(ed).get('Written')?.role).toBe('written');
  });

  it('Connolly, United Irish League (2007+): author h2, date subtitle, anchor in the info block, Workers Liberty note', () => {
    const { ed } = page('connolly-1913-ui-league.html');
    expect(ed.metadata.author?.name).toBe('James Connolly');
    expect(ed.metadata.subtitle).toBe('(3 May 1913)');
    expect(text(ed.notes[0]?.heading)).toBe('Note by Workers Liberty');
    expect(notesOf(ed).map((n) => [n.key, n.type])).toEqual([['1', 'editorial']]);
    expect(text(fieldsByLabel(ed).get('From')?.value)).toMatch(/^Forward, 3 May 1913\./);
    expect(ed.dropped.map((d) => d.text)).toContain('Top of the page');
  });

  it('Plekhanov, Bourgeois of Days Gone By: six notes, "Translated by" line', () => {
    const { ed } = page('plekhanov-1893-gone-by.html');
    expect(notesOf(ed).map((n) => n.key)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(text(fieldsByLabel(ed).get('Translated by')?.value)).toBe('R. Dixon.');
  });

  it('Preface 1859 (abstract): text framed in a blockquote, information block at the foot', () => {
    const { ed } = page('marx-1859-preface-critique-political-economy-abstract.html');
    expect(ed.body.blocks.length).toBeGreaterThan(5);
    expect(fieldsByLabel(ed).get('Full text')?.role).toBe('source');
    expect(fieldsByLabel(ed).get('Markup/Abstracted by')?.role).toBe('markup');
    expect(anchors(ed).map((a) => a.marker)).toEqual(['[A]']);
  });
});

describe.skipIf(hasCorpus)('mia-html on the corpus', () => {
  it.skip(skipMessage('the MIA corpus'), () => {});
});

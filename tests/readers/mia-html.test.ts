/** The mia-html reader on small pages written for each markup era and feature. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { checkModel } from '../../src/model/check.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { bodyInlineLists, plainText, visitInlines } from '../../src/model/walk.js';
import { detectMiaHtml, miaHtmlReader } from '../../src/readers/mia-html/index.js';
import { readerNamed } from '../../src/readers/registry.js';
import { CORPUS, SHARED, hasCorpus, skipMessage } from '../helpers/shared.js';
import { anchors, fieldsByLabel, fixtureText, FIXTURES, nodesOf, noteFor, notesOf, noteText, readPage } from './mia-html-helpers.js';

const read = (name: string) => readPage(fixtureText(name), name);
const paragraphs = (ed: Edition): string[] => ed.body.blocks.filter((b): b is Extract<Block, { kind: 'p' }> => b.kind === 'p').map((b) => plainText(b.children));
const text = (list: Inline[] | undefined): string => plainText(list ?? []);

describe('mia-html: every fixture', () => {
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
  it.each(names)('%s reads with no error and a model that matches the schema', (name) => {
    const { ed, diagnostics } = read(name);
    expect(diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    const check = new Diagnostics(name);
    expect(checkModel(ed, check), JSON.stringify(check.items)).toBe(true);
    expect(ed.profile).toBe('mia-html');
  });

  it.each(names)('%s: every note anchor pairs with a note', (name) => {
    const { ed } = read(name);
    for (const a of anchors(ed)) expect(noteFor(ed, a), `anchor ${a.marker}`).toBeDefined();
  });
});

describe('mia-html: detection', () => {
  it('is registered under its profile name', () => {
    expect(readerNamed('mia-html')).toBe(miaHtmlReader);
  });

  it('is sure of every HTML page fixture', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.html'))) expect(detectMiaHtml(fixtureText(name)), name).toBeGreaterThanOrEqual(0.75);
  });

  it('stays low for plain text and markdown, even with a little inline HTML', () => {
    expect(detectMiaHtml('Lenin\nThe Attitude to Non-Party Workers\n\nWritten: 1921\n\nComrades, ...')).toBeLessThan(0.3);
    expect(detectMiaHtml('# Title\n\nSome text <span class="info">Source:</span> here.\n\n<p>x</p>\n')).toBeLessThan(0.3);
  });

  it.skipIf(!hasCorpus)('stays below 0.3 for the two seeds and the corpus markdown files', () => {
    const seeds = resolve(SHARED, 'seeds');
    const files = [...readdirSync(seeds).map((f) => resolve(seeds, f)), ...readdirSync(CORPUS).filter((f) => f.endsWith('.md')).map((f) => resolve(CORPUS, f))];
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(detectMiaHtml(readFileSync(f, 'utf8')), f).toBeLessThan(0.3);
  });
  if (!hasCorpus) it.skip(skipMessage('the MIA corpus'), () => {});
});

describe('mia-html: LIA tx2html letter (2004–05)', () => {
  const { ed, diagnostics } = read('lia-letter-with-salutation-and-endnote.html');

  it('takes the title from h3.title with its emphasis, the author from the h2 line', () => {
    expect(ed.metadata.title).toBe('Letter to the Editors');
    expect(ed.body.head.some((n) => n.kind === 'hi' && n.rend === 'italic' && text(n.children) === 'Editors')).toBe(true);
    expect(ed.metadata.author).toMatchObject({ name: 'V. I. Lenin', from: 'author-line' });
  });

  it('reads the span.info labels as printed, with their roles', () => {
    const f = fieldsByLabel(ed);
    expect(f.get('Published')?.role).toBe('firstPublished');
    expect(text(f.get('Source')?.value)).toBe('Lenin Collected Works, Volume\u00a021, page\u00a042.');
    expect(f.get('Re-Marked up by')?.role).toBe('markup');
    expect(f.get('Transcription\\Markup')?.role).toBe('transcriptionMarkup');
    expect(f.get('Public Domain')?.role).toBe('licence');
  });

  it('keeps an unknown label as `other` and says so at its line and column', () => {
    expect(fieldsByLabel(ed).get('Proof-read')?.role).toBe('other');
    const d = diagnostics.items.find((x) => x.code === 'metadata-unknown-label');
    expect(d).toMatchObject({ line: 23, column: 13 });
  });

  it('drops the README link of the licence line and the navigation table, and reports both', () => {
    expect(text(fieldsByLabel(ed).get('Public Domain')?.value)).toBe('Lenin Internet Archive (2005).');
    expect(ed.dropped.map((d) => d.text)).toEqual(expect.arrayContaining(['README', expect.stringContaining('Works Index')]));
    expect(diagnostics.items.filter((d) => d.code === 'furniture-dropped').length).toBe(ed.dropped.length);
    expect(paragraphs(ed).join(' ')).not.toMatch(/Works Index|backward/);
  });

  it('reads the salutation into the opener, the greeting into the closer, and the lia-ids page anchor as a page break', () => {
    expect(ed.body.divType).toBe('letter');
    expect(text(ed.body.opener?.salute)).toBe('Dear Comrades:');
    expect(text(ed.body.closer?.salute)).toBe('With Social-Democratic greetings');
    expect(ed.body.blocks[0]).toMatchObject({ kind: 'pb', n: '42' });
  });

  it('squashes HTML white space, decodes entities, and keeps the onmouseover words', () => {
    expect(paragraphs(ed)[0]).toBe('Some days ago, the paper published a brief item & an entirely false impression.');
  });

  it('pairs the sup.enote anchor with the p.endnote note, an editors\u2019 endnote', () => {
    const [a] = anchors(ed);
    expect(a).toMatchObject({ marker: '[1]', key: '1', pos: { line: 37, column: 14 } });
    const notes = notesOf(ed);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ key: '1', label: '[1]', type: 'editorial' });
    expect(noteText(notes[0]!)).toBe('The notes on the report were published in No. 308.');
    expect(text(ed.notes[0]?.heading)).toBe('Notes');
  });
});

describe('mia-html: LIA footnotes and endnotes (two series)', () => {
  const { ed } = read('lia-footnotes-and-endnotes-two-series.html');

  it('gives the footnote and the endnote, both printed [1], different series', () => {
    const as = anchors(ed);
    expect(as.map((a) => [a.marker, a.key, a.series])).toEqual([
      ['[1]', '1', 'foot'],
      ['[1]', '1', 'end'],
    ]);
    expect(notesOf(ed).map((n) => [n.key, n.series, n.place])).toEqual([
      ['1', 'foot', 'foot'],
      ['1', 'end', 'end'],
    ]);
  });

  it('types the "—Ed." footnote as editorial', () => {
    expect(notesOf(ed)[0]?.type).toBe('editorial');
  });

  it('reads h4.subtitle, the page anchors and a span.ednote insertion', () => {
    expect(ed.metadata.subtitle).toBe('A Brief Biographical Sketch');
    expect(ed.body.blocks.filter((b) => b.kind === 'pb').map((b) => (b.kind === 'pb' ? b.n : ''))).toEqual(['47', '48']);
    expect(ed.body.blocks.find((b) => b.kind === 'heading')).toMatchObject({ level: 2 });
    const [note] = nodesOf(ed, 'inlineNote');
    expect(note).toMatchObject({ place: 'inline', type: 'editorial' });
    expect(text(note?.children)).toBe('[in 1843]');
  });
});

describe('mia-html: Marx/Engels Archive letter (1999–2002, uppercase tags)', () => {
  const { ed } = read('mea-1999-letter-with-signature.html');

  it('prefers the h1 over the collection line in p.title, keeping its line break; the collection goes to the header', () => {
    expect(ed.metadata.title).toBe('Marx to Dr Kugelmann Concerning the Paris Commune');
    expect(ed.body.head.some((n) => n.kind === 'lb')).toBe(true);
    expect(ed.body.argument).toEqual([]);
    expect(ed.metadata.fields.filter((f) => f.role === 'collection').map((f) => text(f.value))).toEqual(['Marx-Engels Correspondence 1871']);
    expect(ed.metadata.author).toMatchObject({ name: 'Karl Marx', from: 'metadata' });
  });

  it('reads labels whose colon sits outside span.info, and "Spoken" as written', () => {
    const f = fieldsByLabel(ed);
    expect(text(f.get('Transcribed')?.value)).toBe('Zodiac;');
    expect(f.get('Spoken')?.role).toBe('written');
    expect(f.get('Sung')?.role).toBe('other');
  });

  it('finds the dateline, the salutation in p.sig, and the closer "Yours" / bold KM', () => {
    expect(ed.body.divType).toBe('letter');
    expect(text(ed.body.opener?.dateline)).toBe('[London] April 12, 1871');
    expect(text(ed.body.opener?.salute)).toBe('Dear Kugelmann');
    expect(text(ed.body.closer?.salute)).toBe('Yours');
    expect(text(ed.body.closer?.signed)).toBe('KM');
    expect(paragraphs(ed).at(-1)).toBe('Best regards to Käuzchen.');
  });

  it('closes the unclosed <P class="fst"> at the next paragraph, as HTML does', () => {
    expect(paragraphs(ed)).toContain('Our heroic Party comrades are attempting to smash it.');
  });

  it('reads p.information notes with a name anchor; "Progress Publishers" marks an editors\u2019 note', () => {
    const notes = notesOf(ed);
    expect(notes.map((n) => [n.label, n.key])).toEqual([
      ['1.', '1'],
      ['2.', '2'],
    ]);
    expect(notes[0]?.type).toBe('editorial');
    expect(noteText(notes[1]!)).toBe('Franziska Kugelmann.');
  });
});

describe('mia-html: letter anchors [A] with notes after a rule, no heading', () => {
  const { ed } = read('mea-letter-anchors-without-notes-heading.html');

  it('pairs [A] with the note that links back to it', () => {
    const [a] = anchors(ed);
    expect(a).toMatchObject({ marker: '[A]', key: 'A' });
    expect(ed.notes).toHaveLength(1);
    expect(ed.notes[0]?.heading).toBeUndefined();
    expect(noteText(notesOf(ed)[0]!)).toBe('Boenigk asked Engels whether it was possible.');
  });

  it('reads [....] as an omission and a span.context as an editorial insertion', () => {
    expect(nodesOf(ed, 'gap')).toEqual([expect.objectContaining({ reason: 'omitted', printed: '[ ....]' })]);
    expect(text(nodesOf(ed, 'inlineNote')[0]?.children)).toBe('[socialist society]');
  });

  it('takes a two-line place-date heading as the dateline; without a salutation it is no letter', () => {
    expect(text(ed.body.opener?.dateline)).toBe('Folkestone, near Dover\nAugust 21, 1890');
    expect(ed.body.divType).toBeUndefined();
  });
});

describe('mia-html: 2007+ page (Einde O\u2019Callaghan style)', () => {
  const src = fixtureText('modern-2007-article-with-page-markers.html');
  const { ed, diagnostics } = readPage(src, 'modern.html');

  it('reads author h2, title h1, date h3 and the p.info lines', () => {
    expect(ed.metadata.author?.name).toBe('James Connolly');
    expect(ed.metadata.title).toBe('The Irish Press');
    expect(ed.metadata.subtitle).toBe('(26 July 1913)');
    const f = fieldsByLabel(ed);
    expect(f.get('From')?.role).toBe('source');
    expect(f.get('Translated by')?.role).toBe('translated');
    expect(f.get('Transcription & HTML Mark-up')?.role).toBe('transcriptionMarkup');
    expect(f.get('Last updated on')).toMatchObject({ role: 'other' });
    expect(ed.metadata.language).toBe('en');
  });

  it('pairs the anchor in the information block with its note', () => {
    const [a] = anchors(ed);
    expect(a?.key).toBe('1');
    expect(notesOf(ed)[0]).toMatchObject({ label: '1.', key: '1', type: 'editorial' });
  });

  it('reads |p. 21| as a page break, <del> as a deletion, a marginal span as a margin note', () => {
    expect(paragraphs(ed)[0]).toBe('For some time past the labourers have been striking.');
    expect(nodesOf(ed, 'pb').map((p) => p.n)).toEqual(['21']);
    const [del] = nodesOf(ed, 'del');
    expect(text(del?.children)).toBe('nothing');
    expect(del?.resp).toBeUndefined();
    expect(nodesOf(ed, 'inlineNote').find((n) => n.place === 'margin')).toBeDefined();
  });

  it('reads h4 in the text as a heading, blockquote as quote, ul as list, and keeps the no-break space', () => {
    const kinds = ed.body.blocks.map((b) => b.kind);
    expect(kinds).toEqual(['p', 'p', 'heading', 'quote', 'list', 'p']);
    expect(ed.body.blocks[4]).toMatchObject({ kind: 'list', ordered: false });
    expect(paragraphs(ed).at(-1)).toBe('Labour will not wait.\u00a0Never.');
  });

  it('drops the top link line and "Top of the page", with their positions', () => {
    const lineOf = (s: string) => src.split('\n').findIndex((l) => l.includes(s)) + 1;
    expect(ed.dropped.map((d) => [d.text, d.pos.line])).toEqual([
      ['MIA > Archive > Connolly', lineOf('class="toplink"')],
      ['Top of the page', lineOf('Top of the page')],
    ]);
    expect(diagnostics.items.filter((d) => d.code === 'furniture-dropped')).toHaveLength(2);
  });

  it('gives every paragraph the line and column of its first word', () => {
    const line = src.split('\n').findIndex((l) => l.includes('For some time past')) + 1;
    const first = ed.body.blocks[0];
    expect(first?.pos).toEqual({ line, column: 1 });
    expect(first?.kind === 'p' && first.children[0]?.pos).toEqual({ line, column: 16 });
  });
});

describe('mia-html: unlinked markers', () => {
  const { ed } = read('unlinked-markers-with-notes.html');

  it('turns a printed [1] and * into anchors of the notes that have no linked anchor', () => {
    expect(anchors(ed).map((a) => [a.marker, a.key])).toEqual([
      ['[1]', '1'],
      ['*', '*'],
    ]);
    expect(paragraphs(ed)[0]).toBe('The party grew rapidly  and the press (so we are told) followed.');
  });

  it('types "—Engels" as the author\u2019s note and "—Ed." as the editors\u2019; reads p.author', () => {
    expect(notesOf(ed).map((n) => n.type)).toEqual(['authorial', 'editorial']);
    expect(ed.metadata.author).toMatchObject({ name: 'Frederick Engels', from: 'author-line' });
  });
});

describe('mia-html: bad input', () => {
  it('falls back to <title> and says when there is no heading', () => {
    const { ed, diagnostics } = readPage('<html><head><title>Only a title</title></head><body><p>Some text.</p></body></html>');
    expect(ed.metadata.title).toBe('Only a title');
    // The page prints no title: the body gets no head with words it does not print.
    expect(ed.body.head).toEqual([]);
    expect(diagnostics.items.find((d) => d.code === 'title-from-page-title')).toMatchObject({ severity: 'info', line: 1 });
    expect(diagnostics.items.some((d) => d.code === 'title-missing')).toBe(false);
    expect(diagnostics.items.some((d) => d.code === 'author-missing')).toBe(true);
  });

  it('reports a missing title as an error with a position', () => {
    const { diagnostics } = readPage('<html><body><p>Some text.</p></body></html>');
    expect(diagnostics.items.find((d) => d.code === 'title-missing')).toMatchObject({ severity: 'error', line: 1, column: 1 });
  });
});

describe('mia-html: LIA page anchors written as <a name=\'…\' />', () => {
  // HTML5 parsing leaves the `a` open over what follows and re-opens a copy of it in the
  // next paragraph: one printed page break must stay one pb.
  const page = `<html><body><h3>Title</h3>
<a name='v19pp77:29' />
<p class="fst"><a onmouseover="x">We</a> know the first page.</p>
<p>Still page 29.</p>
<a name='v19pp77:30' /> &nbsp;
<p><a onmouseover="x">The</a> second page.</p>
</body></html>`;
  const { ed } = readPage(page);
  const pbs: string[] = [];
  visitInlines(bodyInlineLists(ed), (n) => {
    if (n.kind === 'pb') pbs.push(n.n ?? '');
  });
  for (const b of ed.body.blocks) if (b.kind === 'pb') pbs.push(b.n ?? '');

  it('reads each page anchor as one page break', () => {
    expect(pbs.sort()).toEqual(['29', '30']);
  });

  it('keeps the words of the paragraphs the anchor wraps', () => {
    expect(paragraphs(ed)).toEqual(['We know the first page.', 'Still page 29.', 'The second page.']);
  });
});

/**
 * A rule of the layout engine helps every input style: the same page written as MIA
 * markdown, as page text (a browser copy) and as HTML gives the same facts.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { expectValidTei } from '../helpers/tei.js';

interface Page {
  title: string;
  heading: string;
  footer: string;
}

const markdown = (p: Page): string =>
  `# ${p.title}\n\n---\n\nSource : The Militant, 1934\n\n---\n\nThe workers are on strike again <sup>1</sup> in the city.\n\nThey will win.\n\n**${p.heading}**\n\n1. The strike began in May.\n\n[${p.footer}](../index.htm)\n`;
const pageText = (p: Page): string =>
  `${p.title}\n\nSource: The Militant, 1934\n\nThe workers are on strike again [1] in the city.\n\nThey will win.\n\n${p.heading}\n\n1. The strike began in May.\n\n${p.footer}\n`;
const html = (p: Page): string =>
  `<html><head><title>${p.title}</title></head><body>\n<h1>${p.title}</h1>\n<p class="information"><span class="info">Source:</span> The Militant, 1934</p>\n<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city.</p>\n<p>They will win.</p>\n<h3>${p.heading}</h3>\n<p><a href="#a1" name="n1">1.</a> The strike began in May.</p>\n<p class="footer">${p.footer}</p>\n</body></html>\n`;

function facts(text: string): { title: string; author: string | undefined; notes: string[]; linked: number; body: string[] } {
  const r = convert(text, { file: 'page' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  const ed = r.model as Edition;
  const notes = ed.notes.flatMap((s) => s.notes.map((n) => n.key));
  const linked = ed.notes.flatMap((s) => s.notes).filter((n) => n.targets.length > 0).length;
  const body = ed.body.blocks.flatMap((b) => (b.kind === 'p' ? [plainText(b.children).replace(/\s+/g, ' ').trim()] : []));
  return { title: ed.metadata.title, author: ed.metadata.author?.name, notes, linked, body };
}

const SPELLINGS = ['Notes', 'Footnotes', 'Endnotes', 'Editorial Notes', 'Translator’s Notes'];

describe('every reader: notes heading spellings and the archive footer', () => {
  for (const heading of SPELLINGS) {
    const page: Page = { title: 'The Strike Goes On', heading, footer: 'Leon Trotsky Internet Archive' };
    it(`"${heading}" over "1." notes, the author from the footer: the same in markdown, page text and HTML`, () => {
      const want = { title: 'The Strike Goes On', author: 'Leon Trotsky', notes: ['1'], linked: 1 };
      for (const [style, text] of [['markdown', markdown(page)], ['page text', pageText(page)], ['html', html(page)]] as const) {
        const got = facts(text);
        expect({ title: got.title, author: got.author, notes: got.notes, linked: got.linked }, style).toEqual(want);
        expect(got.body.map((b) => b.replace(/\[1\]/g, '').replace(/\s+/g, ' ')), style).toEqual(['The workers are on strike again in the city.', 'They will win.']);
      }
    });
  }
});

describe('every reader: an author line above the title, a subtitle under it', () => {
  const text = 'Leon Trotsky\n\nThe Strike Goes On\n\nA Reply to Our Critics\n\nSource: The Militant, 1934\n\nThe workers are on strike again in the city.\n\nThey will win.\n';
  const htmlPage =
    '<html><head><title>The Strike Goes On</title></head><body>\n<h2>Leon Trotsky</h2>\n<h1>The Strike Goes On</h1>\n<h3>A Reply to Our Critics</h3>\n<p class="information"><span class="info">Source:</span> The Militant, 1934</p>\n<p>The workers are on strike again in the city.</p>\n<p>They will win.</p>\n</body></html>\n';
  it('page text (lines by shape) and HTML (the engine’s hint tables) give the same author, title, subtitle and text', () => {
    const got = [text, htmlPage].map((t) => {
      const r = convert(t, { file: 'page' });
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
      expectValidTei(r.tei!);
      const ed = r.model as Edition;
      const body = ed.body.blocks.flatMap((b) => (b.kind === 'p' ? [plainText(b.children).trim()] : []));
      return { author: ed.metadata.author?.name, title: ed.metadata.title, subtitle: ed.metadata.subtitle, body };
    });
    expect(got[0]).toEqual({ author: 'Leon Trotsky', title: 'The Strike Goes On', subtitle: 'A Reply to Our Critics', body: ['The workers are on strike again in the city.', 'They will win.'] });
    expect(got[1]).toEqual(got[0]);
  });
});

/** A letter under a date line, written in each style. */
const letter = {
  markdown: `# To the Workers of Dublin\n\n*March 1912*\n\n---\n\nSource : The Militant, 1934\n\n---\n\nDear Comrades,\n\nThe workers are on strike again <sup>1</sup> in the city.\n\nThey will win.\n\nYours fraternally,\n\n**James Connolly**\n\n**Notes**\n\n1. The strike began in May.\n\n[Leon Trotsky Internet Archive](../index.htm)\n`,
  'page text': `To the Workers of Dublin\n\nMarch 1912\n\nSource: The Militant, 1934\n\nDear Comrades,\n\nThe workers are on strike again [1] in the city.\n\nThey will win.\n\nYours fraternally,\nJames Connolly\n\nNotes\n\n1. The strike began in May.\n\nLeon Trotsky Internet Archive\n`,
  html: `<html><head><title>To the Workers of Dublin</title></head><body>\n<h1>To the Workers of Dublin</h1>\n<h3>March 1912</h3>\n<p class="information"><span class="info">Source:</span> The Militant, 1934</p>\n<p>Dear Comrades,</p>\n<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city.</p>\n<p>They will win.</p>\n<p>Yours fraternally,</p>\n<p>James Connolly</p>\n<h3>Notes</h3>\n<p><a href="#a1" name="n1">1.</a> The strike began in May.</p>\n<p class="footer">Leon Trotsky Internet Archive</p>\n</body></html>\n`,
};

describe('every reader: a letter under a date line', () => {
  const read = (text: string): { ed: Edition; when: string | undefined } => {
    const r = convert(text, { file: 'page' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expectValidTei(r.tei!);
    return { ed: r.model as Edition, when: /<creation><date when="([^"]+)"/.exec(r.tei!)?.[1] };
  };
  const words = (list: Parameters<typeof plainText>[0] | undefined): string => plainText(list ?? []).replace(/\s+/g, ' ').trim();

  it('the date line is the date of writing, the salutation opens the letter: the same in markdown, page text and HTML', () => {
    for (const [style, text] of Object.entries(letter)) {
      const { ed, when } = read(text);
      expect({ title: ed.metadata.title, when, divType: ed.body.divType, salute: words(ed.body.opener?.salute), notes: ed.notes.flatMap((s) => s.notes.map((n) => n.key)) }, style).toEqual({
        title: 'To the Workers of Dublin',
        when: '1912-03',
        divType: 'letter',
        salute: 'Dear Comrades,',
        notes: ['1'],
      });
    }
  });

  // The HTML reader does not read a closer from separate paragraphs yet (it still finds its own zones).
  it('the closing salute and the signature close the letter: the same in markdown and page text', () => {
    for (const style of ['markdown', 'page text'] as const) {
      const { ed } = read(letter[style]);
      const last = ed.body.blocks.at(-1);
      expect({ salute: words(ed.body.closer?.salute), signed: words(ed.body.closer?.signed), last: last?.kind === 'p' ? words(last.children) : '' }, style).toEqual({
        salute: 'Yours fraternally,',
        signed: 'James Connolly',
        last: 'They will win.',
      });
    }
  });
});

/** The author's notes "(1)" and the editors' lettered notes, each series under its own heading. */
const twoSeries = {
  'page text': `The Third Address\n\nSource: The Civil War in France, 1871\n\nSuch is the minimum required by high scientific authority,(1) and by investiture.[A]\n\nThere it was, in the Jeu de Paume.(2) There it sat.[B]\n\nAuthors Notes\n\n(1) Professor Huxley.\n\n(2) The tennis court where the Assembly of 1789 met.\n\nEditorial Notes\n\n[A] A top-down system of appointing officials.\n\n[B] The party of the bourgeoisie.\n`,
  html: `<html><head><title>The Third Address</title></head><body>\n<h1>The Third Address</h1>\n<p class="information"><span class="info">Source:</span> The Civil War in France, 1871</p>\n<p>Such is the minimum required by high scientific authority,<sup class="anote"><a href="#1" name="1b">(1)</a></sup> and by investiture.<sup class="ednote"><a href="#A" name="Ab">[A]</a></sup></p>\n<p>There it was, in the Jeu de Paume.<sup class="anote"><a href="#2" name="2b">(2)</a></sup> There it sat.<sup class="ednote"><a href="#B" name="Bb">[B]</a></sup></p>\n<h4>Authors Notes</h4>\n<p class="information"><sup class="anote"><a href="#1b" name="1">(1)</a></sup> Professor Huxley.</p>\n<p class="information"><sup class="anote"><a href="#2b" name="2">(2)</a></sup> The tennis court where the Assembly of 1789 met.</p>\n<h4>Editorial Notes</h4>\n<p class="information"><sup class="ednote"><a href="#Ab" name="A">[A]</a></sup> A top-down system of appointing officials.</p>\n<p class="information"><sup class="ednote"><a href="#Bb" name="B">[B]</a></sup> The party of the bourgeoisie.</p>\n</body></html>\n`,
};

describe('every reader: two series of notes under two headings, anchors "(1)" and "[A]"', () => {
  it('the same notes, types and links in page text and HTML', () => {
    const got = Object.entries(twoSeries).map(([style, text]) => {
      const r = convert(text, { file: 'page' });
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), style).toEqual([]);
      expectValidTei(r.tei!);
      const ed = r.model as Edition;
      const notes = ed.notes.flatMap((s) => s.notes);
      return { notes: notes.map((n) => `${n.key}:${n.type}`), linked: notes.filter((n) => n.targets.length > 0).length, body: ed.body.blocks.length };
    });
    expect(got[0]).toEqual({ notes: ['1:authorial', '2:authorial', 'A:editorial', 'B:editorial'], linked: 4, body: 2 });
    expect(got[1]).toEqual(got[0]);
  });
});

/** Converts one text and returns its edition, with no error and valid TEI. */
function edition(text: string, style: string): { ed: Edition; tei: string } {
  const r = convert(text, { file: 'page' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), style).toEqual([]);
  expectValidTei(r.tei!);
  return { ed: r.model as Edition, tei: r.tei! };
}
const textOf = (list: Parameters<typeof plainText>[0] | undefined): string => plainText(list ?? []).replace(/\s+/g, ' ').trim();
const bodyWords = (ed: Edition): string[] => ed.body.blocks.flatMap((b) => (b.kind === 'p' ? [textOf(b.children)] : b.kind === 'heading' ? [textOf(b.children)] : []));

describe('every reader: a place over its date, two lines above the text, is the dateline', () => {
  const pageText = (place: string): string => `Engels to Otto von Boenigk\n\nSource: Marx-Engels Correspondence, 1890\n\n${place}\nAugust 21, 1890\n\nI can reply only briefly to your inquiries.\n\nThe rest follows.\n`;
  const html = `<html><head><title>Engels to Otto von Boenigk</title></head><body>\n<h1>Engels to Otto von Boenigk</h1>\n<p class="information"><span class="info">Source:</span> Marx-Engels Correspondence, 1890</p>\n<h4>Folkestone, near Dover<br>August 21, 1890</h4>\n<p>I can reply only briefly to your inquiries.</p>\n<p>The rest follows.</p>\n</body></html>\n`;
  it('page text and HTML: the dateline of two lines and the date of writing', () => {
    for (const [style, text] of [['page text', pageText('Folkestone, near Dover')], ['html', html]] as const) {
      const { ed, tei } = edition(text, style);
      expect({ dateline: textOf(ed.body.opener?.dateline), when: /<creation><date when="([^"]+)"/.exec(tei)?.[1], body: bodyWords(ed) }, style).toEqual({
        dateline: 'Folkestone, near Dover August 21, 1890',
        when: '1890-08-21',
        body: ['I can reply only briefly to your inquiries.', 'The rest follows.'],
      });
    }
  });
  it('a sentence over a date is not a place: the paragraph stays text', () => {
    const { ed } = edition(pageText('The workers met on the quay.'), 'page text');
    expect(ed.body.opener).toBeUndefined();
    expect(bodyWords(ed)[0]).toBe('The workers met on the quay. August 21, 1890');
  });
});

describe('every reader: an information paragraph inside the text, beside a part’s heading', () => {
  const info = ['Written on 12 November, 1917', 'First Published in 1933 in Lenin Miscellany XXI', 'Published according to the manuscript'];
  const pageText = `Speeches at the Congress\n\nSource: Collected Works, Volume 26\n\n1\n\nStatement to the Group\n\nWe demand an open vote on the question.\n\nLenin\n\n${info.join('\n')}\n\n2\n\nSpeech on the Land\n\nHe said that the party had suffered defeat.\n`;
  const html = `<html><head><title>Speeches at the Congress</title></head><body>\n<h1>Speeches at the Congress</h1>\n<p class="information"><span class="info">Source:</span> Collected Works, Volume 26</p>\n<h2>1</h2>\n<h3>Statement to the Group</h3>\n<p>We demand an open vote on the question.</p>\n<p class="sig">Lenin</p>\n<p class="information">${info.join('<br>')}</p>\n<h2>2</h2>\n<h3>Speech on the Land</h3>\n<p>He said that the party had suffered defeat.</p>\n</body></html>\n`;
  it('page text and HTML: its words go to the header, the text keeps its own', () => {
    for (const [style, text] of [['page text', pageText], ['html', html]] as const) {
      const { ed } = edition(text, style);
      const body = bodyWords(ed).join(' | ');
      expect(body, style).not.toContain('Written on');
      expect(body, style).toContain('We demand an open vote');
      expect(ed.metadata.fields.map((f) => textOf(f.value)).join(' | '), style).toContain('Lenin Miscellany XXI');
    }
  });
  it('a sentence that reads like one, between two paragraphs of text, stays text', () => {
    const text = 'The Book and its Readers\n\nSource: Collected Works, Volume 26\n\nThe first part of the book is about the factory, and the second about the workers who keep it going.\n\nWritten in 1845, the book waited long for a publisher.\n\nThe workers never read it, and the police did not need to forbid it at all.\n';
    expect(bodyWords(edition(text, 'page text').ed)).toContain('Written in 1845, the book waited long for a publisher.');
  });
});

describe('every reader: what stands above the title', () => {
  const facts = (text: string, style: string): { title: string; author: string | undefined; collection: string[]; body: string } => {
    const { ed, tei } = edition(text, style);
    const bodyText = /<body>([\s\S]*)<\/body>/.exec(tei)![1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    return { title: ed.metadata.title, author: ed.metadata.author?.name, collection: ed.metadata.fields.filter((f) => f.role === 'collection').map((f) => textOf(f.value)), body: bodyText };
  };
  const html = (front: string): string => `<html><head><title>Page</title></head><body>\n${front}\n<p>The memoirs open just before the barricades of July 1914.</p>\n<p>They break off on the threshold of 1917.</p>\n</body></html>\n`;

  it('the larger work’s title above the chapter’s is the collection line, in the header (page text and HTML)', () => {
    const text = 'Alexander Shlyapnikov\n\nOn the Eve of 1917\n\nRichard Chappell\n\nIntroduction\n\nThe memoirs open just before the barricades of July 1914.\n\nThey break off on the threshold of 1917.\n';
    const page = html('<h4>Alexander Shlyapnikov</h4>\n<h3>On the Eve of 1917</h3>\n<h2>Richard Chappell</h2>\n<h1>Introduction</h1>');
    for (const [style, t] of [['page text', text], ['html', page]] as const) {
      const got = facts(t, style);
      expect({ title: got.title, author: got.author, collection: got.collection }, style).toEqual({ title: 'Introduction', author: 'Alexander Shlyapnikov', collection: ['On the Eve of 1917'] });
      expect(got.body, style).toMatch(/^Richard Chappell Introduction The memoirs/);
    }
  });
  it('a heading with its date above the title is a part’s heading: it stays in the text (page text and HTML)', () => {
    const text = 'Karl Marx: The Civil War in France\n\nThe Third Address\nMay, 1871\n\n[The Paris Commune]\n\nThe memoirs open just before the barricades of July 1914.\n\nThey break off on the threshold of 1917.\n';
    const page = html('<p class="title">Karl Marx: The Civil War in France</p>\n<h2>The Third Address<br>May, 1871</h2>\n<h3>[The Paris Commune]</h3>');
    for (const [style, t] of [['page text', text], ['html', page]] as const) {
      const got = facts(t, style);
      expect(got.collection, style).toEqual(['Karl Marx: The Civil War in France']);
      expect(got.body, style).toMatch(/^The Third Address May, 1871 \[The Paris Commune\] The memoirs/);
    }
  });
  it('the author’s name printed twice (a portrait’s caption over the author line): neither is text (page text and HTML)', () => {
    const text = 'Natalia Sedova Trotsky\n\nNatalia Sedova Trotsky\n\nHow it Happened\n\nWritten: November 1940.\n\nThe memoirs open just before the barricades of July 1914.\n\nThey break off on the threshold of 1917.\n';
    const page = html('<p class="sig"><img src="n.jpg"><br>Natalia Sedova Trotsky</p>\n<h2>Natalia Sedova Trotsky</h2>\n<h1>How it Happened</h1>\n<p class="information"><span class="info">Written:</span> November 1940.</p>');
    for (const [style, t] of [['page text', text], ['html', page]] as const) {
      const got = facts(t, style);
      expect({ title: got.title, author: got.author, collection: got.collection }, style).toEqual({ title: 'How it Happened', author: 'Natalia Sedova Trotsky', collection: ['Natalia Sedova Trotsky'] });
      expect(got.body, style).toMatch(/^How it Happened The memoirs/);
    }
  });
  it('a book line of two writers ("X and Y: Work") over the chapter; in HTML as a span.title straight in the body', () => {
    const text = 'N.I. Bukharin and E. Preobrazhensky: The ABC of Communism\n\nChapter 1: The Capitalistic Social Order\n\nThe memoirs open just before the barricades of July 1914.\n\nThey break off on the threshold of 1917.\n';
    const page = html('<span class="title">N.I. Bukharin and E. Preobrazhensky: The ABC of Communism <br></span>\n<hr class="section">\n<h3>Chapter 1: The Capitalistic Social Order</h3>');
    for (const [style, t] of [['page text', text], ['html', page]] as const) {
      const got = facts(t, style);
      expect({ title: got.title, collection: got.collection }, style).toEqual({ title: 'Chapter 1: The Capitalistic Social Order', collection: ['N.I. Bukharin and E. Preobrazhensky: The ABC of Communism'] });
      expect(got.body, style).toMatch(/^Chapter 1: The Capitalistic Social Order The memoirs/);
    }
    // Loose words without that class open the text, as before.
    expect(facts(html('<span>Some words straight in the body.</span>\n<h3>Chapter 1: The Capitalistic Social Order</h3>'), 'html').body).toMatch(/^Some words straight in the body\./);
  });
});

describe('every reader: a title printed with its date and naming its speaker', () => {
  const text = 'The Death of Karl Marx\n\nFrederick Engels’ Speech at the Grave of Karl Marx\nHighgate Cemetery, London. March 17, 1883\n\nTranscribed: by Mike Lepore, 1993.\n\nOn the 14th of March the greatest living thinker ceased to think.\n\nHis name will endure through the ages.\n';
  const html = '<html><head><title>Speech</title><meta name="author" content="Engels"></head><body>\n<p class="title">The Death of Karl Marx</p>\n<h1>Frederick Engels’ Speech at the Grave of Karl Marx<br>\nHighgate Cemetery, London. March 17, 1883</h1>\n<p class="information"><span class="info">Transcribed:</span> by Mike Lepore, 1993.</p>\n<p>On the 14th of March the greatest living thinker ceased to think.</p>\n<p>His name will endure through the ages.</p>\n</body></html>\n';
  it('the heading with its date is the title (its date line out of it, the date of the text), the line above it the collection line, the speaker the author (page text and HTML)', () => {
    for (const [style, t] of [['page text', text], ['html', html]] as const) {
      const { ed } = edition(t, style);
      expect({ title: ed.metadata.title, author: ed.metadata.author?.name, collection: ed.metadata.fields.filter((f) => f.role === 'collection').map((f) => textOf(f.value)), body: bodyWords(ed) }, style).toEqual({
        title: 'Frederick Engels’ Speech at the Grave of Karl Marx',
        author: 'Frederick Engels',
        collection: ['The Death of Karl Marx'],
        body: ['On the 14th of March the greatest living thinker ceased to think.', 'His name will endure through the ages.'],
      });
    }
  });
  it('without a date under it, the first line above the information block stays the title; a title naming no speaker gives no author', () => {
    const { ed } = edition(text.replace('\nHighgate Cemetery, London. March 17, 1883', '').replace('Frederick Engels’ Speech', 'A Speech'), 'page text');
    expect(ed.metadata.title).toBe('The Death of Karl Marx');
    expect(ed.metadata.author).toBeUndefined();
  });
});

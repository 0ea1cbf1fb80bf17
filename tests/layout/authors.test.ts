/**
 * The author rules of the layout engine (src/layout/authors.ts): each rule taking and
 * leaving its examples, then through the readers that hand over that evidence (HTML: its
 * collection line, `<meta name="author">` and footer; page text: its footer).
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { authorLine, collectionAuthor, footerAuthor, fullNameIn, metadataAuthor, settleAuthor, titleAuthor } from '../../src/layout/authors.js';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { emptyEdition } from '../../src/model/walk.js';
import { expectValidTei } from '../helpers/tei.js';

const at = { line: 1, column: 1 };
const placed = (...texts: string[]) => texts.map((text, i) => ({ text, pos: { line: i + 1, column: 1 } }));

describe('author rules: each takes and leaves its examples', () => {
  it('a collection line names its author ("Works of X", "Name Year", a name alone on one printed line)', () => {
    expect(collectionAuthor('Works of Frederick Engels 1885', 1)).toBe('Frederick Engels');
    expect(collectionAuthor('Dora B. Montefiore 1917', 1)).toBe('Dora B. Montefiore');
    expect(collectionAuthor('Marx-Engels Correspondence 1873', 1)).toBeUndefined();
    expect(collectionAuthor('Capital Volume One', 1)).toBeUndefined();
  });
  it('a name printed over the book’s title (two printed lines) names the book’s author, not the page’s', () => {
    expect(collectionAuthor("Vladimir Lenin's", 1)).toBe('Vladimir Lenin');
    expect(collectionAuthor("Vladimir Lenin's", 2)).toBeUndefined();
  });
  it('an author line: the name, and what else it holds', () => {
    expect(authorLine('Leon Trotsky')).toEqual({ name: 'Leon Trotsky', rest: 'none' });
    expect(authorLine("Vladimir Lenin's")).toEqual({ name: 'Vladimir Lenin', rest: 'possessive' });
    expect(authorLine("Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx")).toEqual({ name: 'Rudolf Hilferding', rest: 'more' });
  });
  it('the metadata names a person, not an organisation or a name cut short', () => {
    expect(metadataAuthor('Karl Marx.')).toBe('Karl Marx');
    expect(metadataAuthor('Lenin, V. I. Lenin')).toBe('V. I. Lenin');
    for (const no of ['Marxists Internet Archive Editorial Board', 'Karl Marx and', '  ']) expect(metadataAuthor(no), no).toBeUndefined();
  });
  it('a title naming its speaker ("X’ Speech at …"); not a title naming no one', () => {
    expect(titleAuthor('Frederick Engels’ Speech at the Grave of Karl Marx')).toBe('Frederick Engels');
    for (const no of ['Speech at the Grave of Karl Marx', 'The Workers’ Speech', 'Engels to August Bebel']) expect(titleAuthor(no), no).toBeUndefined();
  });
  it('the footer’s archive link, on one line or over two', () => {
    expect(footerAuthor(placed('Leon Trotsky Internet Archive'))?.name).toBe('Leon Trotsky');
    expect(footerAuthor(placed('Max Shachtman', 'Archive'))).toEqual({ name: 'Max Shachtman', pos: { line: 1, column: 1 } });
    expect(footerAuthor(placed('Marxists Internet Archive', 'Top of the page'))).toBeUndefined();
    expect(footerAuthor(placed('Max Shachtman', 'Index'))).toBeUndefined();
  });
});

describe('author rules: a footer link naming the surname alone ("Trotsky Internet Archive")', () => {
  const footer = placed('Contents | Trotsky On Britain | Trotsky Internet Archive');
  const cited = 'New Park Publications, Problems of the British Revolution by Leon Trotsky, July 1972.';
  it('names the author in full when the front prints the whole name', () => {
    expect(footerAuthor(footer, ['Problems of the British Revolution', cited])).toEqual({ name: 'Leon Trotsky', pos: { line: 1, column: 1 } });
    expect(fullNameIn('Trotsky', [cited])).toBe('Leon Trotsky');
    expect(fullNameIn('Trotsky', ['L. D. Trotsky, Where is Britain Going?'])).toBe('L. D. Trotsky');
  });
  it('names the surname when the front prints only the surname', () => {
    expect(footerAuthor(footer, ['Trotsky December 1925-March 1926', 'Problems of the British Revolution'])?.name).toBe('Trotsky');
    expect(footerAuthor(footer, ['An answer to Comrade Trotsky'])?.name).toBe('Trotsky');
  });
  it('names no one when the front does not print the surname, or prints it only inside a word or after a form of address', () => {
    expect(footerAuthor(footer, ['Problems of the British Revolution'])).toBeUndefined();
    expect(footerAuthor(footer, ['The Errors of Trotskyism'])).toBeUndefined();
    expect(footerAuthor(placed('Philosophy Archive'), ['Problems of the British Revolution'])).toBeUndefined();
    expect(fullNameIn('Trotsky', ['An answer to Comrade Trotsky', 'Letter to Mr Trotsky'])).toBeUndefined();
    expect(fullNameIn('Trotsky', ['Where is Britain Going?'])).toBeUndefined();
  });
  it('a whole name in the footer wins; without the front (no evidence given) a surname names no one', () => {
    expect(footerAuthor(placed('Trotsky Internet Archive', 'Leon Trotsky Internet Archive'), [cited])?.name).toBe('Leon Trotsky');
    expect(footerAuthor(footer)).toBeUndefined();
  });
});

describe('author rules: the order of the evidence (settleAuthor)', () => {
  const settle = (printed: string | undefined, meta: string | undefined, footer: string[]): { ed: Edition; codes: string[] } => {
    const ed = emptyEdition('mia-html');
    if (printed) ed.metadata.author = { name: printed, from: 'author-line', pos: at };
    const d = new Diagnostics();
    settleAuthor(ed, { ...(meta !== undefined ? { metadata: { text: meta, pos: at } } : {}), footer: placed(...footer), missing: 'none' }, d);
    return { ed, codes: d.items.map((x) => x.code) };
  };
  it('the title’s speaker wins over the metadata’s surname', () => {
    const ed = emptyEdition('mia-html');
    settleAuthor(ed, { title: { text: 'Frederick Engels’ Speech at the Grave of Karl Marx', pos: at }, metadata: { text: 'Engels', pos: at }, footer: [], missing: 'none' }, new Diagnostics());
    expect(ed.metadata.author?.name).toBe('Frederick Engels');
  });
  it('a printed author line wins over the metadata and the footer', () => {
    expect(settle('Leon Trotsky', 'Karl Marx', ['Frederick Engels Internet Archive']).ed.metadata.author?.name).toBe('Leon Trotsky');
  });
  it('capitals are spelt as the metadata spells the same name, and only the same name', () => {
    expect(settle('KIM IL SUNG', 'Kim Il Sung', []).ed.metadata.author?.name).toBe('Kim Il Sung');
    expect(settle('KIM IL SUNG', 'Karl Marx', []).ed.metadata.author?.name).toBe('KIM IL SUNG');
  });
  it('capitals are spelt as the footer’s archive link spells the same name', () => {
    expect(settle('LEON TROTSKY', undefined, ['Leon Trotsky Internet Archive']).ed.metadata.author?.name).toBe('Leon Trotsky');
  });
  it('the metadata when nothing printed names the author; else the footer; else reported missing', () => {
    expect(settle(undefined, 'Karl Marx', ['Leon Trotsky Internet Archive']).ed.metadata.author).toMatchObject({ name: 'Karl Marx', from: 'metadata' });
    const footer = settle(undefined, 'Marxists Internet Archive Editorial Board', ['Leon Trotsky Internet Archive']);
    expect(footer.ed.metadata.author).toMatchObject({ name: 'Leon Trotsky', from: 'footer' });
    expect(footer.codes).toEqual(['author-from-footer']);
    const none = settle(undefined, undefined, ['Top of the page']);
    expect(none.ed.metadata.author).toBeUndefined();
    expect(none.codes).toEqual(['author-missing']);
  });
});

describe('author rules through the readers', () => {
  const read = (text: string): Edition => {
    const r = convert(text, { file: 'page' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expectValidTei(r.tei!);
    return r.model as Edition;
  };
  const html = (head: string, body: string): string => `<html><head><title>The Strike</title>${head}</head><body>\n${body}\n<p>The workers are on strike again.</p>\n</body></html>\n`;
  it('HTML: the meta author when no line names one; never over a printed author line', () => {
    expect(read(html('<meta name="author" content="Karl Marx.">', '<h1>The Strike</h1>')).metadata.author).toMatchObject({ name: 'Karl Marx', from: 'metadata' });
    expect(read(html('<meta name="author" content="Karl Marx">', '<h2>Leon Trotsky</h2>\n<h1>The Strike</h1>')).metadata.author?.name).toBe('Leon Trotsky');
  });
  it('HTML: a collection line names the author of its works; a book line of two printed lines does not', () => {
    expect(read(html('', '<p class="title">Works of Frederick Engels 1885</p>\n<h1>The Strike</h1>')).metadata.author?.name).toBe('Frederick Engels');
    expect(read(html('', '<p class="title">Karl Marx<br>Wage Labour and Capital</p>\n<h1>The Strike</h1>')).metadata.author?.from).not.toBe('author-line');
  });
  it('HTML and page text: the footer’s archive link names the author when nothing else does', () => {
    const viaHtml = read(html('', '<h1>The Strike</h1>').replace('</body>', '<p class="footer">Leon Trotsky Internet Archive</p>\n</body>'));
    const viaText = read('The Strike\n\nSource: The Militant, 1934\n\nThe workers are on strike again.\n\nLeon Trotsky Internet Archive\n');
    for (const ed of [viaHtml, viaText]) expect(ed.metadata.author).toMatchObject({ name: 'Leon Trotsky', from: 'footer' });
  });
  const note = (cited: string) => `This collection of articles was first brought together in book form in 1926. The present publication is the first complete English translation;\n${cited}`;
  const surnamePage = (cited: string) => ({
    html: `<html><head><title>Problems</title></head><body>\n<h1>Problems of the British Revolution</h1>\n<h3>Translator’s Note</h3>\n<p class="information">${note(cited).replace('\n', '<br>\n')}</p>\n<h3>Problems of the Labour Movement</h3>\n<p>The workers are on strike again.</p>\n<p>The strike goes on in the port.</p>\n<p class="footer"><a href="index.htm">Contents</a> | <a href="../../index.htm">Trotsky Internet Archive</a></p>\n</body></html>\n`,
    text: `Problems of the British Revolution\n\nTranslator’s Note\n\n${note(cited)}\n\nProblems of the Labour Movement\n\nThe workers are on strike again.\n\nThe strike goes on in the port.\n\nContents | Trotsky Internet Archive\n`,
  });
  it('HTML and page text: "Trotsky Internet Archive" with "by Leon Trotsky" printed in the front names Leon Trotsky', () => {
    const page = surnamePage('New Park Publications, Problems of the British Revolution by Leon Trotsky, July 1972.');
    for (const ed of [read(page.html), read(page.text)]) expect(ed.metadata.author).toMatchObject({ name: 'Leon Trotsky', from: 'footer' });
  });
  it('HTML and page text: the same footer over a front that never prints the name names no one', () => {
    const page = surnamePage('New Park Publications, Problems of the British Revolution, July 1972.');
    for (const ed of [read(page.html), read(page.text)]) expect(ed.metadata.author).toBeUndefined();
  });
});

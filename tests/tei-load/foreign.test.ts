/**
 * TEI that teiwright did not write: loaded where the model has a place for it, and every
 * element it has none for reported once, with the line and column of its first use.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { loadTei } from '../../src/tei-load/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tei-load/${name}`, import.meta.url), 'utf8');

const inlinesOf = (blocks: readonly Block[]): Inline[] =>
  blocks.flatMap((b) => (b.kind === 'p' || b.kind === 'heading' ? b.children : b.kind === 'list' ? b.items.flat() : b.kind === 'lines' ? b.lines.flat() : []));

describe('a foreign TEI letter', () => {
  const xml = fixture('foreign-letter.xml');
  const { edition, diagnostics } = loadTei(xml, { file: 'letter.xml' });
  const lineOf = (needle: string) => xml.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('loads the metadata the model holds', () => {
    expect(edition?.metadata.title).toBe('A Letter to the Editor');
    expect(edition?.metadata.author?.name).toBe('Jane Roe');
    expect(edition?.metadata.language).toBe('fr');
    const licence = edition?.metadata.fields.find((f) => f.role === 'licence');
    expect(plainText(licence!.value)).toBe('CC BY 4.0');
    const written = edition?.metadata.fields.find((f) => f.role === 'written');
    expect(plainText(written!.value)).toBe('17 March 1871');
    const source = edition?.metadata.fields.find((f) => f.role === 'source');
    expect(plainText(source!.value)).toBe('The Daily Paper, 18 March 1871, p. 4.');
  });

  it('reads the body: sections as headings, a regularised choice, inline note, del/add, verse and list', () => {
    // Two divs in the body: no single text with a head, so each div's head is a heading of the text.
    expect(edition!.body.head).toEqual([]);
    const blocks = edition!.body.blocks;
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? [b.level, plainText(b.children)] : []))).toEqual([
      [1, 'First part'],
      [2, 'A nested section'],
      [1, 'Second part'],
    ]);
    const inlines = inlinesOf(blocks);
    const choice = inlines.find((i) => i.kind === 'choice');
    expect(choice && choice.kind === 'choice' && [plainText(choice.sic), plainText(choice.corr)]).toEqual(['colour', 'color']);
    expect(inlines.some((i) => i.kind === 'inlineNote' && plainText(i.children) === 'A footnote written in place.')).toBe(true);
    expect(inlines.some((i) => i.kind === 'del')).toBe(true);
    expect(inlines.some((i) => i.kind === 'add' && i.place === 'above')).toBe(true);
    expect(blocks.some((b) => b.kind === 'lines' && b.lines.length === 2)).toBe(true);
    expect(blocks.some((b) => b.kind === 'list' && b.ordered && b.items.length === 2 && plainText(b.items[1]!) === 'two')).toBe(true);
  });

  it('keeps the text of unknown phrase markup and drops the running head, reporting both where they first occur', () => {
    const p = blocksText(edition!.body.blocks);
    expect(p).toContain('Dear Sir, the color of Paris is red');
    expect(p).not.toContain('RUNNING HEAD');
    const at = (code: string, name: string) => diagnostics.find((d) => d.code === code && d.message.startsWith(`<${name}>`));
    expect(at('tei-unwrapped', 'persName')).toMatchObject({ file: 'letter.xml', line: lineOf('<persName>Sir'), severity: 'info' });
    expect(at('tei-skipped', 'fw')).toMatchObject({ line: lineOf('<fw'), severity: 'warning' });
    expect(at('tei-skipped', 'TEI/facsimile')).toMatchObject({ line: lineOf('<facsimile>') });
    expect(at('tei-skipped', 'teiHeader/revisionDesc')).toMatchObject({ line: lineOf('<revisionDesc>') });
    expect(at('tei-skipped', 'titleStmt/author (after the first)')).toMatchObject({ line: lineOf('John Doe') });
    expect(at('tei-skipped', 'publicationStmt/publisher')).toBeDefined();
    expect(diagnostics.every((d) => d.severity !== 'error')).toBe(true);
    // The column is that of the element's "<".
    const persName = at('tei-unwrapped', 'persName')!;
    expect(xml.split('\n')[persName.line! - 1]!.slice(persName.column! - 1)).toMatch(/^<persName>/);
  });
});

function blocksText(blocks: readonly Block[]): string {
  return inlinesOf(blocks).length ? blocks.map((b) => plainText(inlinesOf([b]))).join('\n') : '';
}

describe('what is not a TEI edition', () => {
  it('reports malformed XML with the line and column of the fault', () => {
    const r = loadTei('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text><p>x</text>\n</TEI>\n', { file: 'bad.xml' });
    expect(r.edition).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'xml-malformed', file: 'bad.xml', line: 3 }]);
  });
  it('refuses a DTD (entities are never expanded)', () => {
    const r = loadTei('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x "boom">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>', { file: 'dtd.xml' });
    expect(r.edition).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'xml-unsafe', line: 2, column: 1 }]);
  });
  it('says a teiCorpus or another vocabulary is not one edition', () => {
    expect(loadTei('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"/>', { file: 'c.xml' }).diagnostics[0]).toMatchObject({ code: 'tei-not-edition', message: expect.stringContaining('teiCorpus') });
    expect(loadTei('<html xmlns="http://www.w3.org/1999/xhtml"/>', { file: 'h.xml' }).diagnostics[0]).toMatchObject({ code: 'tei-not-edition', line: 1, column: 1 });
  });
  it('decodes character references once: &amp;8220; stays "&8220;", &#x201C; is “', () => {
    const r = loadTei('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader><text><body><p>&amp;8220; &#x201C;&#8221; &lt;&gt;</p></body></text></TEI>', { file: 'e.xml' });
    expect(blocksText(r.edition!.body.blocks)).toBe('&8220; “” <>');
  });
  it('reports a document nested deeper than it can load instead of throwing', () => {
    const deep = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>${'<hi rend="italic">'.repeat(50_000)}x${'</hi>'.repeat(50_000)}</p></body></text></TEI>`;
    const r = loadTei(deep, { file: 'deep.xml' });
    expect(r.edition).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'tei-too-deep', severity: 'error', file: 'deep.xml' }]);
  });
});

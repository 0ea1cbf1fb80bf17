import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocument, compareFacts, corpusEntries, teiFacts } from '../../src/tools/corpus-check.js';

const TEI = (title: string, body: string, extra = '') =>
  `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>${title}</title><title type="sub">Sub</title><author>A. Author</author>` +
  `<respStmt><resp>transcription</resp><persName>T. Scribe</persName></respStmt><respStmt xml:id="teiwright"><resp>conversion</resp><name>teiwright</name></respStmt></titleStmt></fileDesc>` +
  `<profileDesc><creation><date notBefore="1919-05-03" notAfter="1919-05-08">x</date></creation></profileDesc></teiHeader>` +
  `<text><body><p>${body}<ref type="noteAnchor" xml:id="nref1" target="#n1">1</ref></p></body><back><note xml:id="n1">N.</note>${extra}</back></text></TEI>`;

describe('corpus check: facts and agreement', () => {
  it('reads the facts a scholar checks from the TEI by XPath', () => {
    const f = teiFacts(TEI('Title', 'Some body words'));
    expect(f).toMatchObject({ title: 'Title', author: 'A. Author', date: 'notBefore=1919-05-03 notAfter=1919-05-08', resp: 'T. Scribe', notes: 1, linkedAnchors: 1 });
    // The anchor's printed "1" is glued to the word before it, as a browser copy prints it too.
    expect(f.bodyWords).toEqual(['Some', 'body', 'words1']);
  });

  it('lists each fact on which a page and its copy differ, body words with where they part', () => {
    const d = compareFacts(teiFacts(TEI('Title', 'Some body words')), teiFacts(TEI('Other', 'Some other words', '<note>M.</note>')));
    expect(d.map((x) => x.fact)).toEqual(['title', 'notes', 'bodyWords']);
    expect(d[2]!.page).toBe('3 words, at word 2: «body words1»');
    expect(compareFacts(teiFacts(TEI('T', 'w')), teiFacts(TEI('T', 'w')))).toEqual([]);
  });

  it('parts words at a line break, as a browser copy does, but not at a break inside a word', () => {
    expect(teiFacts(TEI('T', 'Engels to J. Bloch<lb/>In Königsberg')).bodyWords).toEqual(['Engels', 'to', 'J', 'Bloch', 'In', 'Königsberg1']);
    expect(teiFacts(TEI('T', 'work<lb break="no"/>ers')).bodyWords).toEqual(['workers1']);
    expect(teiFacts(TEI('T', '</p><opener><dateline>12 April 1871</dateline><salute>Dear Kugelmann,</salute></opener><p>Text')).bodyWords).toEqual(['12', 'April', '1871', 'Dear', 'Kugelmann', 'Text1']);
  });

  it('explains a notes disagreement by the editorial insertions the page marks with a class, only when the counts match', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corpus-'));
    const page = (insertions: string) =>
      `<html><head><title>To Bracke</title><meta name="author" content="Karl Marx"></head><body><h1>To Bracke</h1><p class="information"><span class="info">Written:</span> 5 May 1875</p><p>In a Russian book ${insertions} that has recently appeared, Bakunin makes me responsible.</p></body></html>\n`;
    writeFileSync(join(dir, 'one.html'), page('<span class="inote">[<em>Statism and Anarchy</em>]</span>'));
    const one = checkDocument(dir, { file: 'one.html', format: 'html' }, undefined);
    const notes = one.disagreements.find((d) => d.fact === 'notes');
    expect(notes?.known?.quote).toBe('<span class="inote">[<em>Statism and Anarchy</em>]</span>');
    expect(notes?.known?.reason).toContain('1 editorial insertion');
    // No class in the page: the same words in brackets are text in both, nothing to explain.
    writeFileSync(join(dir, 'plain.html'), page('[<em>Statism and Anarchy</em>]'));
    expect(checkDocument(dir, { file: 'plain.html', format: 'html' }, undefined).disagreements.map((d) => d.fact)).not.toContain('notes');
    // A long insertion with markup of its own: quoted by its opening tag and first words.
    const long = '<span class="context">[The first censor of the <em>Rheinische Zeitung</em> was Police Councillor Dolleschall, who once struck out an advertisement in the paper]</span>';
    writeFileSync(join(dir, 'long.html'), page(long));
    const longNotes = checkDocument(dir, { file: 'long.html', format: 'html' }, undefined).disagreements.find((d) => d.fact === 'notes');
    expect(longNotes?.known?.quote).toBe('<span class="context">[The first censor of the ');
  });

  it('explains a linked-anchors disagreement when a note refers to another by a number the page links', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corpus-'));
    const page = (ref: string) =>
      `<html><head><title>The Labor Party</title></head><body><h1>The Labor Party</h1><p class="information"><span class="info">Written:</span> 5 May 1938</p>` +
      `<p>The leaders <a id="b1" name="b1" href="#f1">[1]</a> spoke of the party <a id="b2" name="b2" href="#f2">[2]</a> in New York.</p><h3>Notes</h3>` +
      `<p class="endnote"><a id="f1" name="f1" href="#b1">1.</a> <em>Lewis and Hillman.</em> Union presidents.</p>` +
      `<p class="endnote"><a id="f2" name="f2" href="#b2">2.</a> <em>LaGuardia.</em> Mayor of New York. See notes 1 and ${ref}.</p></body></html>\n`;
    writeFileSync(join(dir, 'linked.html'), page('<a href="#b1">1</a>'));
    const check = checkDocument(dir, { file: 'linked.html', format: 'html' }, undefined);
    const linked = check.disagreements.find((d) => d.fact === 'linkedAnchors');
    expect(check.page.facts?.noteRefs).toBe(1);
    expect(linked?.known?.quote).toBe('notes 1 and <a href="#b1">1</a>');
    // The number printed without a link: nothing to explain, nothing disagrees.
    writeFileSync(join(dir, 'plain.html'), page('1'));
    expect(checkDocument(dir, { file: 'plain.html', format: 'html' }, undefined).disagreements.map((d) => d.fact)).not.toContain('linkedAnchors');
  });

  it('explains an author disagreement when the page names its author only in <meta name="author">, never in its printed text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corpus-'));
    const page = (text: string) =>
      `<html><head><title>On Strikes</title><meta content="Karl Marx" name="author"></head><body><h1>On Strikes</h1><p class="information"><span class="info">Written:</span> 5 May 1875</p><p>${text}</p></body></html>\n`;
    writeFileSync(join(dir, 'meta.html'), page('The workers struck in the spring of that year.'));
    const author = checkDocument(dir, { file: 'meta.html', format: 'html' }, undefined).disagreements.find((d) => d.fact === 'author');
    expect(author?.known?.quote).toBe('<meta content="Karl Marx" name="author">');
    // The name is printed in the text: a copy could know it, so the disagreement stays a defect.
    writeFileSync(join(dir, 'printed.html'), page('The workers struck; Karl Marx wrote of it that spring.'));
    const printed = checkDocument(dir, { file: 'printed.html', format: 'html' }, undefined).disagreements.find((d) => d.fact === 'author');
    expect(printed).toBeDefined();
    expect(printed?.known).toBeUndefined();
  });

  it('takes the documents from the manifest, leaving out metadata sidecars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corpus-'));
    writeFileSync(join(dir, 'MANIFEST.tsv'), 'file\tsource_repo\tformat\na.html\tr\thtml\nb.md\tr\tmia-markdown\nb.metadata.json\tr\tmia-markdown-metadata\n');
    expect(corpusEntries(dir)).toEqual([
      { file: 'a.html', format: 'html' },
      { file: 'b.md', format: 'mia-markdown' },
    ]);
  });

  it('converts a page and its browser copy and compares them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiwright-corpus-'));
    writeFileSync(
      join(dir, 'page.html'),
      '<html><head><title>On Strikes</title></head><body><h2>V. I. Lenin</h2><h1>On Strikes</h1><p class="information"><span class="info">Written:</span> between May 3 and 8, 1919</p><p>The workers struck in the [18]70s.</p></body></html>\n',
    );
    const check = checkDocument(dir, { file: 'page.html', format: 'html' }, undefined);
    expect(check.page.facts?.title).toBe('On Strikes');
    expect(check.copy?.facts).toBeDefined();
    expect(check.disagreements.map((d) => d.fact)).not.toContain('bodyWords');
  });
});

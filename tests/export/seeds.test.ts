/**
 * Exports of the two example editions (input/), in every format and with every switch:
 * facts a corpus linguist checks (the reading text has the correction, the diplomatic one
 * the original; no note words when notes are omitted), and the formats agree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XmlBufferInputProvider, XmlDocument, xmlCleanupInputProvider, xmlRegisterInputProvider } from 'libxml2-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { TABLE_COLUMNS } from '../../src/export/formats/table.js';
import { FORMAT_NAMES } from '../../src/export/registry.js';
import { writeTei } from '../../src/tei/index.js';
import { VERSION } from '../../src/version.js';
import { at, edition, p, t } from '../helpers/build.js';
import { teiAllErrors } from '../helpers/tei.js';
import { cpSlice, exportTo, read, recordErrors, records, tempDir, words, writeTeiFolder } from './helpers.js';

const LENIN = 'lenin-1921-attitude-to-non-party-workers';
const STALIN = 'stalin-1912-for-the-party';
const seedTei = (stem: string): string => convert(readFileSync(new URL(`../../input/${stem}.txt`, import.meta.url), 'utf8'), { file: `${stem}.txt` }).tei!;

let dir: string;
let tei: string;
beforeAll(() => {
  dir = tempDir('export');
  tei = writeTeiFolder(dir, new Map([[`${LENIN}.xml`, seedTei(LENIN)], [`${STALIN}.xml`, seedTei(STALIN)]]));
});

describe('plain text of the Lenin seed', () => {
  it('reading: "organisation" (written above), not "agitation" (struck); diplomatic: the other way round', async () => {
    await exportTo('txt', [tei], join(dir, 'reading'), { text: 'reading' });
    await exportTo('txt', [tei], join(dir, 'diplomatic'), { text: 'diplomatic' });
    const reading = read(join(dir, 'reading', `${LENIN}.txt`));
    const diplomatic = read(join(dir, 'diplomatic', `${LENIN}.txt`));
    expect(reading).toContain('an arena for organisation[1] by the Mensheviks');
    expect(reading).not.toContain('agitation');
    expect(diplomatic).toContain('an arena for agitation[1] by the Mensheviks');
    expect(diplomatic).not.toContain('organisation[1]');
    // The notes went beside the text (--notes separate, the default), with their labels.
    expect(read(join(dir, 'reading', `${LENIN}.notes.txt`))).toMatch(/^\[1\] The word “organisation” is written above the word “agitation”/);
  });

  it('--notes omit: no word that only the notes have, and no markers', async () => {
    await exportTo('txt', [tei], join(dir, 'omit'), { notes: 'omit' });
    await exportTo('jsonl', [tei], join(dir, 'omit-jsonl'));
    const omit = read(join(dir, 'omit', `${LENIN}.txt`));
    const record = records(join(dir, 'omit-jsonl', 'corpus.jsonl')).find((r) => r.id === LENIN)!;
    const textWords = new Set(words(record.text));
    const noteOnly = [...new Set(record.notes.flatMap((n) => words(n.text)))].filter((w) => !textWords.has(w));
    expect(noteOnly.length).toBeGreaterThan(20);
    expect(noteOnly.filter((w) => words(omit).includes(w))).toEqual([]);
    expect(omit).not.toMatch(/\[\d\]/);
    expect(existsSync(join(dir, 'omit', `${LENIN}.notes.txt`))).toBe(false);
    // The words of the text are the table's words.
    expect(words(omit)).toHaveLength(record.counts.words);
  });

  it('--notes inline puts each note at its anchor; --notes end after the text; --header citation above it', async () => {
    await exportTo('txt', [tei], join(dir, 'inline'), { notes: 'inline' });
    await exportTo('txt', [tei], join(dir, 'end'), { notes: 'end', header: 'citation' });
    const inline = read(join(dir, 'inline', `${LENIN}.txt`));
    expect(inline).toContain('an arena for organisation[note 1: The word “organisation” is written above the word “agitation” in the manuscript.—Ed.] by the Mensheviks');
    const end = read(join(dir, 'end', `${LENIN}.txt`)).split('\n\n');
    expect(end[0]).toBe(
      'V. I. Lenin. Draft of a Letter of the C.C., R.C.P.(B.) on The Attitude to Non-Party Workers. 1921-04-01/1921-04-27. Lenin Collected Works, 3nd English Printing, Progress Publishers, 1977, Moscow, Volume 42, pages 298b-299a.',
    );
    const notesAt = end.indexOf('Notes');
    expect(notesAt).toBeGreaterThan(1);
    expect(end.slice(notesAt + 1).map((n) => n.slice(0, 4))).toEqual(['[1] ', '[2] ', '[3] ']);
  });

  it('the gap marker is the user\'s in the reading text', async () => {
    await exportTo('txt', [tei], join(dir, 'gap'), { gap: '<ILLEGIBLE>' });
    // Lenin's pencil addition stands at the end of the text, its illegible last word a gap.
    expect(read(join(dir, 'gap', `${LENIN}.txt`))).toContain('On therights...<ILLEGIBLE>)');
  });

  it('writes conventions.json naming every switch and the version', async () => {
    await exportTo('txt', [tei], join(dir, 'conv'), { notes: 'end', pb: 'keep' });
    const c = JSON.parse(read(join(dir, 'conv', 'conventions.json'))) as { version: string; format: string; conventions: Record<string, string> };
    expect(c).toMatchObject({ version: VERSION, format: 'txt', conventions: { text: 'reading', notes: 'end', header: 'none', pb: 'keep', hyphenation: 'keep', gap: '[…]' } });
  });
});

describe('page breaks and hyphenation', () => {
  const hyphenated = () =>
    edition((ed) => {
      ed.body.blocks = [p(t('the organi-'), { kind: 'lb', pos: at() }, t('sation of non-'), { kind: 'pb', n: '12', pos: at() }, t('Party workers'))];
    });
  it('keep/keep: the line break and the hyphen stay, the page break is [p. 12]; join/drop: one word, no marker', async () => {
    const d = tempDir('pb');
    const folder = writeTeiFolder(d, new Map([['h.xml', writeTei(hyphenated(), { version: VERSION })]]));
    await exportTo('txt', [folder], join(d, 'keep'), { pb: 'keep', hyphenation: 'keep' });
    await exportTo('txt', [folder], join(d, 'join'), { pb: 'drop', hyphenation: 'join' });
    expect(read(join(d, 'keep', 'h.txt'))).toContain('the organi-\nsation of non-[p. 12]Party workers');
    expect(read(join(d, 'join', 'h.txt'))).toContain('the organisation of non-Party workers');
  });
});

describe('JSON Lines, tables and teiCorpus of both seeds', () => {
  it('every record is valid against schema/export-record.schema.json, and its offsets point at what they say', async () => {
    await exportTo('jsonl', [tei], join(dir, 'jsonl'));
    const rs = records(join(dir, 'jsonl', 'corpus.jsonl'));
    expect(rs.map((r) => r.id)).toEqual([LENIN, STALIN]);
    for (const r of rs) expect(recordErrors(r)).toEqual([]);
    const lenin = rs[0]!;
    expect(lenin.metadata).toMatchObject({ authors: ['V. I. Lenin'], language: 'en', date: { notBefore: '1921-04-01', notAfter: '1921-04-27' } });
    expect(lenin.metadata.resp).toEqual([{ name: 'Bernard Isaacs', role: 'translation' }, { name: 'D. Walters', role: 'transcription/markup' }]);
    const subst = lenin.emendations.find((e) => e.kind === 'subst')!;
    expect(subst).toMatchObject({ in: 'text', resp: '#teiwright', reading: 'organisation', diplomatic: 'agitation' });
    expect(cpSlice(lenin.text, subst.start, subst.end)).toBe('organisation');
    // Note 1's anchor is right after the word it is about.
    const n1 = lenin.notes.find((n) => n.n === '1')!;
    expect(cpSlice(lenin.text, n1.anchors[0]! - 'organisation'.length, n1.anchors[0]!)).toBe('organisation');
    for (const para of lenin.paragraphs) expect(cpSlice(lenin.text, para.start, para.end).trim()).not.toBe('');
    expect(lenin.paragraphs[0]).toMatchObject({ kind: 'head', start: 0 });
  });

  it('TSV and CSV parse back (csv-parse) with one row per document and the counts of the JSON records', async () => {
    await exportTo('jsonl', [tei], join(dir, 'jsonl2'));
    const rs = records(join(dir, 'jsonl2', 'corpus.jsonl'));
    for (const [format, delimiter] of [['tsv', '\t'], ['csv', ',']] as const) {
      await exportTo(format, [tei], join(dir, format));
      const rows = parse(read(join(dir, format, `corpus.${format}`)), { delimiter, columns: true }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0]!)).toEqual([...TABLE_COLUMNS]);
      expect(rows.map((row) => [row.id, Number(row.words), Number(row.notes), Number(row.emendations)])).toEqual(rs.map((r) => [r.id, r.counts.words, r.counts.notes, r.counts.emendations]));
      expect(rows[1]!.licence).toContain('Please credit "Marxists Internet Archive" as your source.');
    }
  });

  it('teiCorpus: inline is valid against tei_all; XInclude names each TEI file; the header counts and summarises licences', async () => {
    await exportTo('teicorpus', [tei], join(dir, 'corpus-inline'), {}, { inline: true, corpusTitle: 'Two seeds' });
    await exportTo('teicorpus', [tei], join(dir, 'corpus-xi'), {}, { corpusTitle: 'Two seeds' });
    const inline = read(join(dir, 'corpus-inline', 'corpus.xml'));
    const errors = teiAllErrors(inline);
    if (errors) expect(errors).toEqual([]);
    expect(inline).toContain('<title>Two seeds</title>');
    expect(inline).toContain('<measure unit="documents" quantity="2">2 documents</measure>');
    expect(inline).toContain('<licence>Public Domain: 2 editions</licence>');
    expect(inline).toContain('<note type="source">Lenin Collected Works, 3nd English Printing, Progress Publishers, 1977, Moscow, Volume 42, pages 298b-299a.</note>');
    expect(inline).toContain(`xml:id="${LENIN}.n1"`);
    expect(inline).toContain(`target="#${LENIN}.n1"`);
    const xi = read(join(dir, 'corpus-xi', 'corpus.xml'));
    const hrefs = [...xi.matchAll(/<xi:include href="([^"]+)"\/>/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(2);
    for (const href of hrefs) expect(existsSync(join(dir, 'corpus-xi', href))).toBe(true);
    // Expanded by an XInclude processor, the corpus is valid against tei_all's grammar too (the
    // copies it includes have their ids prefixed: tests/export/teicorpus-ids.test.ts).
    const base = join(dir, 'corpus-xi', 'corpus.xml');
    xmlRegisterInputProvider(new XmlBufferInputProvider(Object.fromEntries(hrefs.map((h) => [join(dir, 'corpus-xi', h), readFileSync(join(dir, 'corpus-xi', h))]))));
    try {
      const expanded = XmlDocument.fromString(xi, { url: base });
      expect(expanded.processXInclude()).toBe(2);
      const grammar = teiAllErrors(expanded.toString());
      if (grammar) expect(grammar).toEqual([]);
      expanded.dispose();
    } finally {
      xmlCleanupInputProvider();
    }
  });

  it('gives the same bytes with --jobs 1 and --jobs 2, in every format', async () => {
    for (const format of FORMAT_NAMES) {
      await exportTo(format, [tei], join(dir, `j1-${format}`), {}, { jobs: 1 });
      await exportTo(format, [tei], join(dir, `j2-${format}`), {}, { jobs: 2 });
      // txt and html are one file per edition; the others one corpus file.
      const file = format === 'txt' || format === 'html' ? `${LENIN}.${format}` : format === 'teicorpus' ? 'corpus.xml' : `corpus.${format}`;
      const one = read(join(dir, `j1-${format}`, file));
      expect(one.length).toBeGreaterThan(100);
      expect(read(join(dir, `j2-${format}`, file)).replace(/j2-/g, 'j1-')).toBe(one);
    }
  });
});

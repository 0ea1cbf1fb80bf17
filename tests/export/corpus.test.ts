/**
 * The whole MIA corpus (both batches, ../shared/corpus/mia and mia-more), converted to TEI
 * and exported in every format: every JSON record valid against its schema, the TSV parsed
 * back with one row per document and the JSON records' counts, the plain text's words the
 * table's words, the notes the TEI's notes, the teiCorpus valid against tei_all; no export
 * loses a word of the TEI's text (notes sections' headings and own paragraphs included).
 * Skipped, with a message, when ../shared is absent.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { ExportRecord } from '../../src/export/formats/jsonl.js';
import { corpusDocuments, hasBothCorpora } from '../helpers/corpus-files.js';
import { skipMessage } from '../helpers/shared.js';
import { parseTei, teiAllErrors, xeval } from '../helpers/tei.js';
import { exportTo, missingWords, read, recordErrors, records, teiWords, tempDir, words } from './helpers.js';

/** TSV fields never hold tabs or line breaks: the table writes them as spaces. */
const tsvSafe = (format: string, s: string): string => (format === 'tsv' ? s.replace(/[\t\r\n]+/g, ' ') : s);

if (!hasBothCorpora) console.warn(skipMessage('The MIA corpus (../shared/corpus/mia, mia-more)'));

describe.skipIf(!hasBothCorpora)('export of the MIA corpus in every format', () => {
  let dir: string;
  let tei: string;
  let rs: ExportRecord[];
  const teiById = new Map<string, string>();
  let loadDiagnostics: string[] = [];

  beforeAll(async () => {
    dir = tempDir('export-corpus');
    tei = join(dir, 'tei');
    for (const doc of corpusDocuments()) {
      const r = convert(doc.text, { file: doc.name, verify: false });
      if (!r.tei || !r.ok) continue;
      const id = doc.name.replace(/\.[^.]+$/, '');
      mkdirSync(join(tei, id, '..'), { recursive: true });
      writeFileSync(join(tei, `${id}.xml`), r.tei);
      teiById.set(id, r.tei);
    }
    const exported = await exportTo('jsonl', [tei], join(dir, 'jsonl'), {}, { jobs: 2 });
    expect(exported.totals.failed).toBe(0);
    loadDiagnostics = exported.results.flatMap((r) => r.diagnostics.map((d) => `${r.input}:${d.line}:${d.column} ${d.code} ${d.message}`));
    rs = records(join(dir, 'jsonl', 'corpus.jsonl'));
  });

  it('exports every converted document, each record valid against its schema, none with a load diagnostic', () => {
    expect(teiById.size).toBeGreaterThan(150);
    // Input order: each folder in code-point order of its entries (mia/ before mia-more/).
    expect(rs.map((r) => r.id)).toEqual([...teiById.keys()]);
    const invalid = rs.flatMap((r) => recordErrors(r).map((e) => `${r.id}: ${e}`));
    expect(invalid).toEqual([]);
    expect(loadDiagnostics).toEqual([]);
  });

  it('counts the notes the TEI has (every note of the text), and anchors that point to them', () => {
    for (const r of rs) {
      const doc = parseTei(teiById.get(r.id)!);
      expect([r.id, r.counts.notes]).toEqual([r.id, Number(xeval(doc, 'count(//tei:text//tei:note)'))]);
      expect(r.counts.anchors).toBe(r.notes.reduce((n, note) => n + note.anchors.length, 0));
      for (const note of r.notes) for (const a of note.anchors) expect(a).toBeLessThanOrEqual(Array.from(r.text).length);
    }
  });

  it('TSV and CSV parsed back have one row per document and the counts of the JSON records', async () => {
    for (const [format, delimiter] of [['tsv', '\t'], ['csv', ',']] as const) {
      await exportTo(format, [tei], join(dir, format), {}, { jobs: 2 });
      const rows = parse(read(join(dir, format, `corpus.${format}`)), { delimiter, columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(rs.length);
      expect(rows.map((row) => [row.id, row.title, Number(row.words), Number(row.notes), Number(row.emendations), row.when, row.licence])).toEqual(
        rs.map((r) => [r.id, r.metadata.title, r.counts.words, r.counts.notes, r.counts.emendations, r.metadata.date.when ?? '', tsvSafe(format, r.metadata.licence ?? '')]),
      );
    }
  });

  it('the plain text with --notes omit has exactly the words the record counts; every other switch exports too', async () => {
    await exportTo('txt', [tei], join(dir, 'txt'), { notes: 'omit' }, { jobs: 2 });
    for (const r of rs) {
      const txt = read(join(dir, 'txt', `${r.id}.txt`));
      expect([r.id, words(txt).length]).toEqual([r.id, r.counts.words]);
      expect(existsSync(join(dir, 'txt', `${r.id}.notes.txt`))).toBe(false);
    }
    await exportTo('txt', [tei], join(dir, 'txt-diplomatic'), { text: 'diplomatic', notes: 'end', pb: 'keep', hyphenation: 'join', header: 'citation' }, { jobs: 2 });
    for (const r of rs) expect(read(join(dir, 'txt-diplomatic', `${r.id}.txt`)).length).toBeGreaterThan(0);
  });

  it('loses no word: the plain text (--notes end, reading and diplomatic) and the JSON record have every word of the TEI text', async () => {
    await exportTo('txt', [tei], join(dir, 'txt-end'), { notes: 'end' }, { jobs: 2 });
    await exportTo('txt', [tei], join(dir, 'txt-end-dipl'), { notes: 'end', text: 'diplomatic' }, { jobs: 2 });
    const lost: string[] = [];
    for (const r of rs) {
      const xml = teiById.get(r.id)!;
      for (const [folder, reading] of [['txt-end', 'reading'], ['txt-end-dipl', 'diplomatic']] as const) {
        const missing = missingWords(teiWords(xml, reading, true), words(read(join(dir, folder, `${r.id}.txt`))));
        if (missing.length > 0) lost.push(`${r.id} (txt, ${reading}): ${missing.slice(0, 8).join(' ')}`);
      }
      // The record: its text, notes and notes sections; note markers are offsets there, not words.
      const recordWords = words([r.text, ...r.notes.map((n) => n.text), ...r.sections.flatMap((s) => [s.heading ?? '', s.text])].join('\n\n'));
      const missing = missingWords(teiWords(xml, 'reading', false), recordWords);
      if (missing.length > 0) lost.push(`${r.id} (jsonl): ${missing.slice(0, 8).join(' ')}`);
    }
    expect(lost).toEqual([]);
  });

  it('teiCorpus: inline valid against tei_all, with the corpus counts; XInclude points at every TEI file', async () => {
    await exportTo('teicorpus', [tei], join(dir, 'inline'), {}, { inline: true, corpusTitle: 'MIA sample', jobs: 2 });
    const inline = read(join(dir, 'inline', 'corpus.xml'));
    const errors = teiAllErrors(inline);
    if (errors) expect(errors.slice(0, 10)).toEqual([]);
    const doc = parseTei(inline);
    expect(xeval(doc, 'count(/tei:teiCorpus/tei:TEI)')).toBe(String(rs.length));
    expect(xeval(doc, 'string(//tei:extent/tei:measure[@unit="words"]/@quantity)')).toBe(String(rs.reduce((n, r) => n + r.counts.words, 0)));
    expect(xeval(doc, 'count(/tei:teiCorpus/tei:teiHeader//tei:listBibl/tei:bibl)')).toBe(String(rs.length));
    await exportTo('teicorpus', [tei], join(dir, 'xi'), {}, { jobs: 2 });
    const hrefs = [...read(join(dir, 'xi', 'corpus.xml')).matchAll(/<xi:include href="([^"]+)"\/>/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(rs.length);
    expect(hrefs.filter((h) => !existsSync(join(dir, 'xi', h)))).toEqual([]);
  });
});

/**
 * A note written inside a line of the information block ("Source: The Militant, 1934 [a weekly
 * paper …]", an editor's note in the line) is carried as every other note is: a note of the JSON
 * Lines record (type `inline`), its anchor in that line (`anchorsElsewhere`, in=field), its words
 * in the plain text's notes. Through the HTML reader and the markdown reader.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';
import { cpSlice, exportTo, read, recordErrors, records, tempDir, writeTeiFolder } from './helpers.js';

const NOTE = '[a weekly paper of the League]';
const TEXT = '<p>The workers are on strike <sup><a href="#n2" name="a2">[2]</a></sup>.</p>\n<p>They will win.</p>\n<h3>Notes</h3>\n<p><a href="#a2" name="n2">[2]</a> In May.</p>\n';
const html = (info: string): string =>
  `<html><head><title>The Strike Goes On</title></head><body>\n<h1>The Strike Goes On</h1>\n<p class="information"><span class="info">Source:</span> ${info}</p>\n${TEXT}</body></html>\n`;
const markdown = (info: string): string =>
  `# The Strike Goes On\n\n---\n\nSource : ${info}\n\n---\n\nThe workers are on strike <sup>2</sup>.\n\nThey will win.\n\n**Notes**\n\n2. In May.\n`;

async function exported(text: string, file: string) {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  const dir = tempDir('field-notes');
  const folder = writeTeiFolder(dir, new Map([['strike.xml', r.tei!]]));
  await exportTo('jsonl', [folder], join(dir, 'jsonl'));
  await exportTo('txt', [folder], join(dir, 'txt'), { notes: 'separate' });
  return { doc: parseTei(r.tei!), record: records(join(dir, 'jsonl', 'corpus.jsonl'))[0]!, notesFile: read(join(dir, 'txt', 'strike.notes.txt')) };
}

describe('a note written inside an information line', () => {
  for (const [style, page, file] of [['HTML', html, 'page.html'], ['markdown', markdown, 'page.md']] as const) {
    it(`${style}: the JSON record has the note, its anchor in the line; the plain text's notes have its words`, async () => {
      const { doc, record, notesFile } = await exported(page(`The Militant, 1934 <span class="ednote">${NOTE}</span>`), file);
      expect(xeval(doc, 'count(//tei:sourceDesc//tei:note[@place="inline"])')).toBe('1');
      expect(recordErrors(record)).toEqual([]);
      const field = record.metadata.fields.findIndex((f) => f.role === 'source');
      expect(record.metadata.fields[field]!.value).toBe('The Militant, 1934');
      const inLine = record.notes.filter((n) => n.type === 'inline');
      expect(inLine.map((n) => n.text)).toEqual([NOTE]);
      expect(inLine[0]!.anchorsElsewhere).toEqual([{ in: 'field', index: field, at: 'The Militant, 1934'.length }]);
      expect(cpSlice(record.metadata.fields[field]!.value, 0, inLine[0]!.anchorsElsewhere[0]!.at)).toBe('The Militant, 1934');
      // The note of the text is still there, with its anchor in the text.
      expect(record.notes.find((n) => n.n === '2' && n.type !== 'inline')).toMatchObject({ text: 'In May.', section: 0 });
      expect(notesFile).toContain(NOTE);
    });
  }

  it('HTML: a line with no note in it adds no note to the record (negative)', async () => {
    const { record } = await exported(html('The Militant, 1934'), 'page.html');
    expect(recordErrors(record)).toEqual([]);
    expect(record.notes.map((n) => [n.n, n.type])).toEqual([['2', 'unknown']]);
  });
});

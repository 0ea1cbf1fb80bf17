/**
 * What the edition model carries reaches every export, read back from the TEI as an export
 * reads it (loadTei): a notes section printed inside the text (with its own paragraphs), a
 * letter's postscript, the order of opener, closer and headnote, a note on a note, block
 * content of notes, emendations in a section's own paragraphs, every information line.
 * Facts per format: the JSON record (valid against its schema), the plain text in each
 * notes mode, the teiCorpus (valid against tei_all), the reading edition's page.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { DEFAULT_CONVENTIONS } from '../../src/export/conventions.js';
import type { ExportRecord } from '../../src/export/formats/jsonl.js';
import { renderEdition } from '../../src/export/render.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { writeTei } from '../../src/tei/index.js';
import { loadTei } from '../../src/tei-load/index.js';
import { VERSION } from '../../src/version.js';
import { at, edition, p, t } from '../helpers/build.js';
import { expectValidTei, parseTei, teiAllErrors, xeval } from '../helpers/tei.js';
import { cpSlice, exportTo, read, recordErrors, records, tempDir, words, writeTeiFolder } from './helpers.js';

/** An HTML page whose notes section (with a paragraph of its own) is printed between two parts of the text. */
const PAGE =
  '<html><head><title>The Strike Goes On</title></head><body>\n<h2>Leon Trotsky</h2>\n<h1>The Strike Goes On</h1>\n' +
  '<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city.</p>\n<p>They will win.</p>\n' +
  '<h3>Notes</h3>\n<p>These notes are the editors’ own.</p>\n<p><a href="#a1" name="n1">1.</a> The strike began in May.</p>\n' +
  '<h3>Appendix</h3>\n<p>The appendix printed after the notes.</p>\n</body></html>\n';

/** Offsets of the given strings in `s`, each the first after the one before (-1 when missing or out of order). */
function inOrder(s: string, parts: readonly string[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (const part of parts) {
    const i = s.indexOf(part, from);
    out.push(i);
    if (i >= 0) from = i + part.length;
  }
  return out;
}
const allFound = (xs: number[]): boolean => xs.every((x) => x >= 0);

/** Exports of one TEI document into `dir` (one folder per format or switch). */
async function exportAll(name: string, tei: string): Promise<{ dir: string; record: ExportRecord; txt: (mode: string) => string; notesFile: () => string; html: string; corpus: string }> {
  const dir = tempDir(`features-${name}`);
  const folder = writeTeiFolder(dir, new Map([[`${name}.xml`, tei]]));
  for (const notes of ['end', 'separate', 'inline', 'omit'] as const) await exportTo('txt', [folder], join(dir, `txt-${notes}`), { notes });
  await exportTo('jsonl', [folder], join(dir, 'jsonl'));
  await exportTo('html', [folder], join(dir, 'html'));
  await exportTo('teicorpus', [folder], join(dir, 'corpus'), {}, { inline: true, corpusTitle: 'Features' });
  const record = records(join(dir, 'jsonl', 'corpus.jsonl'))[0]!;
  return {
    dir,
    record,
    txt: (mode) => read(join(dir, `txt-${mode}`, `${name}.txt`)),
    notesFile: () => read(join(dir, 'txt-separate', `${name}.notes.txt`)),
    html: read(join(dir, 'html', `${name}.html`)),
    corpus: read(join(dir, 'corpus', 'corpus.xml')),
  };
}

/** The rendering an export makes, without positions (they differ between a model and its TEI). */
function rendered(ed: Edition) {
  const r = renderEdition(ed, DEFAULT_CONVENTIONS);
  return {
    paragraphs: r.paragraphs.map((x) => [x.kind, x.text, x.anchors.map((a) => [a.at, a.marker, a.note])]),
    notes: r.notes.map((n) => [n.n, n.id, n.type, n.text, n.section, n.place]),
    sections: r.sections.map((s) => [s.heading, s.text, s.inText, s.before, s.notes]),
    emendations: r.emendations.map((e) => [e.kind, e.note, e.section, e.start, e.end, e.reading, e.diplomatic]),
  };
}

describe('a notes section printed between two parts of the text', () => {
  let tei: string;
  let model: Edition;
  let out: Awaited<ReturnType<typeof exportAll>>;

  beforeAll(async () => {
    const r = convert(PAGE, { file: 'strike.html' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    tei = r.tei!;
    model = r.model!;
    out = await exportAll('strike', tei);
  });

  it('is in the body of the TEI, its own paragraph before its note (what the exports start from)', () => {
    expectValidTei(tei);
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:body//tei:div[@type="notes"][tei:p[contains(., "editors’ own")]/following-sibling::tei:note[@n="1"]])')).toBe('1');
    expect(xeval(doc, 'count(//tei:back)')).toBe('0');
  });

  it('JSON Lines: the record lists the section in place (heading, own paragraph, where it stands) and its note with its anchor', () => {
    const r = out.record;
    expect(recordErrors(r)).toEqual([]);
    expect(r.sections).toHaveLength(1);
    const s = r.sections[0]!;
    expect(s).toMatchObject({ heading: 'Notes', text: 'These notes are the editors’ own.', place: 'text', notes: [0] });
    // It stands before the appendix: its offset is where the heading "Appendix" starts.
    expect(cpSlice(r.text, s.at!, s.at! + 'Appendix'.length)).toBe('Appendix');
    expect(cpSlice(r.text, 0, s.at!).trimEnd().endsWith('They will win.')).toBe(true);
    const note = r.notes[0]!;
    expect(note).toMatchObject({ n: '1', text: 'The strike began in May.', section: 0, place: 'end' });
    expect(note.anchors).toHaveLength(1);
    expect(cpSlice(r.text, 0, note.anchors[0]!).trimEnd().endsWith('on strike again')).toBe(true);
    // The section's own words are nowhere in the text.
    expect(r.text).not.toContain('editors');
  });

  it('plain text, --notes end: heading, own paragraph and note where the page prints them, between the two parts', () => {
    const txt = out.txt('end');
    expect(allFound(inOrder(txt, ['strike again [1]', 'They will win.', 'Notes', 'These notes are the editors’ own.', '[1] The strike began in May.', 'Appendix', 'The appendix printed after the notes.']))).toBe(true);
    // Nothing is printed twice after the text.
    expect(txt.match(/editors’ own/g)).toHaveLength(1);
    expect(txt.trimEnd().endsWith('The appendix printed after the notes.')).toBe(true);
  });

  it('plain text, --notes separate: the notes file has the section (heading, own paragraph, note); the text keeps the marker only', () => {
    expect(out.notesFile()).toBe('Notes\n\nThese notes are the editors’ own.\n\n[1] The strike began in May.\n');
    expect(out.txt('separate')).toContain('strike again [1]');
    expect(out.txt('separate')).not.toContain('editors');
  });

  it('plain text, --notes inline: the note at its anchor, the section’s own paragraph bracketed where the section stands', () => {
    const txt = out.txt('inline');
    expect(txt).toContain('strike again [note 1: The strike began in May.]');
    expect(allFound(inOrder(txt, ['They will win.', '[Notes: These notes are the editors’ own.]', 'Appendix']))).toBe(true);
  });

  it('plain text, --notes omit: no word of the section', () => {
    const txt = out.txt('omit');
    expect(txt).not.toMatch(/editors|began in May|\[1\]/);
    expect(allFound(inOrder(txt, ['They will win.', 'Appendix']))).toBe(true);
  });

  it('teiCorpus (inline): valid against tei_all; the section stays in the body, note and anchor linked under the prefixed ids', () => {
    const errors = teiAllErrors(out.corpus);
    if (errors) expect(errors).toEqual([]);
    const doc = parseTei(out.corpus);
    expect(xeval(doc, 'count(//tei:TEI//tei:body//tei:div[@type="notes"]/tei:note[@xml:id = substring-after(//tei:ref[@type="noteAnchor"]/@target, "#")][starts-with(@xml:id, "strike.")])')).toBe('1');
  });

  it('the export of the TEI read back carries what the conversion’s model carries (same rendering)', () => {
    const loaded = loadTei(tei, { file: 'strike.xml' });
    expect(loaded.edition!.notes.map((s) => [s.inText, s.blocks?.length])).toEqual([[true, 1]]);
    expect(rendered(loaded.edition!)).toEqual(rendered(model));
  });
});

// ---------------------------------------------------------------- hand-made models, through the TEI

const lb = (): Inline => ({ kind: 'lb', pos: at() });

/** A letter: a headnote above the opener, the salutation above the place-date, the place-date above the signature, a postscript. */
function letter(): Edition {
  return edition((ed) => {
    ed.metadata.fields.push({ label: 'Note', role: 'other', value: [t('Read out at the congress')], pos: at() });
    ed.body.divType = 'letter';
    ed.body.argument = [p(t('A letter smuggled out of prison.'))];
    const salute = [t('Dear Friend,')];
    const dateline = [t('London, 5 May 1890')];
    ed.body.opener = { salute, dateline, saluteFirst: true, pos: at() };
    ed.body.blocks = [p(t('The strike goes on.'))];
    const closingDate = [t('London, 12 May 1890')];
    const signed = [t('F. Engels')];
    ed.body.closer = { dateline: closingDate, signed, pos: at() };
    ed.body.postscript = { blocks: [p(t('P.S. Greetings to all the comrades.'))], pos: at() };
  });
}

describe('a letter: postscript and the order of its parts', () => {
  let out: Awaited<ReturnType<typeof exportAll>>;
  let tei: string;
  beforeAll(async () => {
    tei = writeTei(letter(), { version: VERSION });
    out = await exportAll('letter', tei);
  });

  const ORDER = ['A letter smuggled out of prison.', 'Dear Friend,', 'London, 5 May 1890', 'The strike goes on.', 'London, 12 May 1890', 'F. Engels', 'P.S. Greetings to all the comrades.'];

  it('the TEI keeps the source order, the postscript after the closer', () => {
    expectValidTei(tei);
    const doc = parseTei(tei);
    expect(xeval(doc, 'count(//tei:div[@type="letter"]/tei:argument/following-sibling::tei:opener[tei:salute/following-sibling::tei:dateline])')).toBe('1');
    expect(xeval(doc, 'count(//tei:closer[tei:dateline/following-sibling::tei:signed]/following-sibling::tei:postscript)')).toBe('1');
    // Read back (as every export reads it) and written again: the same order, the same bytes.
    const loaded = loadTei(tei, { file: 'letter.xml' }).edition!;
    expect(loaded.body.opener?.saluteFirst).toBe(true);
    expect(writeTei(loaded, { version: VERSION })).toBe(tei);
  });

  it('plain text and the JSON record read in that order; the postscript is a paragraph of kind postscript', () => {
    expect(allFound(inOrder(out.txt('end'), ORDER))).toBe(true);
    const r = out.record;
    expect(recordErrors(r)).toEqual([]);
    expect(allFound(inOrder(r.text, ORDER))).toBe(true);
    expect(r.paragraphs.map((x) => x.kind)).toEqual(['head', 'argument', 'salute', 'dateline', 'p', 'dateline', 'signed', 'postscript']);
    expect(cpSlice(r.text, r.paragraphs[7]!.start, r.paragraphs[7]!.end)).toBe('P.S. Greetings to all the comrades.');
  });

  it('the JSON record has every information line, also those no other field takes', () => {
    expect(out.record.metadata.fields).toContainEqual({ label: 'Note', role: 'other', value: 'Read out at the congress' });
  });

  it('the reading edition shows them in that order, the postscript after the closer', () => {
    const text = out.html.slice(out.html.indexOf('<section id="tw-text"'));
    expect(allFound(inOrder(text, ORDER))).toBe(true);
    expect(allFound(inOrder(text, ['<div class="closer">', '<div class="postscript">']))).toBe(true);
    expect(inOrder(text, ['<p class="salute">Dear Friend,', '<p class="dateline">London, 5 May 1890'])).not.toContain(-1);
  });

  it('without the flags, the usual order: place-date above the salutation, signature above the place-date (negative)', async () => {
    const ed = letter();
    ed.body.opener!.saluteFirst = undefined;
    delete ed.body.opener!.saluteFirst;
    // The closer's place-date now printed after the signature.
    ed.body.closer = { signed: ed.body.closer!.signed!, dateline: [t('London, 12 May 1890')], pos: at() };
    const o = await exportAll('letter2', writeTei(ed, { version: VERSION }));
    expect(allFound(inOrder(o.txt('end'), ['London, 5 May 1890', 'Dear Friend,', 'The strike goes on.', 'F. Engels', 'London, 12 May 1890', 'P.S.']))).toBe(true);
  });
});

describe('what notes and notes sections hold', () => {
  let out: Awaited<ReturnType<typeof exportAll>>;
  beforeAll(async () => {
    const ed = edition((e) => {
      e.metadata.fields.push({ label: 'Source', role: 'source', value: [t('Collected Works'), { kind: 'noteAnchor', marker: '[2]', key: '2', id: 'nref2src', target: '#n2', pos: at() }], pos: at() });
      e.body.blocks = [
        p(t('The first claim'), { kind: 'noteAnchor', marker: '[1]', key: '1', id: 'nref1', target: '#n1', pos: at() }, t(' stands.')),
        p(t('The second claim.')),
      ];
      e.notes = [
        {
          heading: [t('Translator’s Notes')],
          blocks: [p(t('Notes are by the '), { kind: 'choice', resp: '#teiwright', sic: [t('tarnslator')], corr: [t('translator')], pos: at() }, t('.'))],
          notes: [
            {
              key: '1', label: '[1]', type: 'translator', place: 'end', id: 'n1', targets: ['nref1'], pos: at(),
              blocks: [
                p(t('See the other note'), { kind: 'noteAnchor', marker: '[2]', key: '2', id: 'nref2', target: '#n2', pos: at() }, t('.')),
                { kind: 'quote', blocks: [{ kind: 'list', ordered: false, items: [[t('wages')], [t('hours')]], pos: at() }, { kind: 'lines', lines: [[t('Arise ye')], [t('prisoners')]], pos: at() }], pos: at() },
              ],
            },
            { key: '2', label: '[2]', type: 'editorial', place: 'foot', id: 'n2', targets: ['nref2', 'nref2src'], pos: at(), blocks: [p(t('The other note,'), lb(), t('on two lines.'))] },
          ],
          pos: at(),
        },
      ];
    });
    const tei = writeTei(ed, { version: VERSION });
    expectValidTei(tei);
    out = await exportAll('notes', tei);
  });

  it('JSON Lines: a note on a note is anchored in that note, a note of the information block in its line; a quote’s list and lines are in the note’s text', () => {
    const r = out.record;
    expect(recordErrors(r)).toEqual([]);
    const [n1, n2] = [r.notes[0]!, r.notes[1]!];
    expect(n1.text).toBe('See the other note.\nwages\nhours\nArise ye\nprisoners');
    expect(n2).toMatchObject({ anchors: [], place: 'foot', anchorsElsewhere: [{ in: 'note', index: 0, at: 'See the other note'.length }, { in: 'field', index: 0, at: 'Collected Works'.length }] });
    expect(r.metadata.fields[0]).toEqual({ label: 'Source', role: 'source', value: 'Collected Works' });
    expect(r.counts.anchors).toBe(1);
  });

  it('JSON Lines: the section’s heading and own paragraph, its emendation counted in its text', () => {
    const r = out.record;
    expect(r.sections).toEqual([{ heading: 'Translator’s Notes', series: null, text: 'Notes are by the translator.', place: 'back', at: null, notes: [0, 1], line: r.sections[0]!.line, column: r.sections[0]!.column }]);
    const choice = r.emendations.find((e) => e.kind === 'choice')!;
    expect(choice).toMatchObject({ in: 'section', section: 0, note: null, reading: 'translator', diplomatic: 'tarnslator' });
    expect(cpSlice(r.sections[0]!.text, choice.start, choice.end)).toBe('translator');
  });

  it('plain text, --notes end: the section under its own heading, the note on a note with its marker', () => {
    const txt = out.txt('end');
    expect(allFound(inOrder(txt, ['The second claim.', 'Translator’s Notes', 'Notes are by the translator.', '[1] See the other note[2].', 'wages', 'prisoners', '[2] The other note,\non two lines.']))).toBe(true);
    expect(txt).not.toMatch(/^Notes$/m);
  });

  it('the reading edition: the section’s own paragraph before its notes; the note on a note links to it and back', () => {
    const notes = out.html.slice(out.html.indexOf('<section class="notes"'));
    expect(allFound(inOrder(notes, ['Translator’s Notes', '<div class="notes-intro">', 'Notes are by the', '<li id="n1">', '<a class="noteref" id="nref2" href="#n2"', '<li id="n2">', '<a href="#nref2" role="doc-backlink"']))).toBe(true);
    for (const w of ['wages', 'hours', 'Arise', 'prisoners']) expect(words(notes)).toContain(w);
  });
});

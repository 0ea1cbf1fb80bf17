/**
 * Notes sections printed inside the text (issue 9): a section that text follows stays
 * where the page prints it, in the body (`div type="notes"` at its place), so the words
 * keep the page's order; a section at the end stays in `back`. Anchors and notes stay
 * linked both ways. Through the HTML reader, the model → TEI writer, and back (loadTei).
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition, SourcePos } from '../../src/model/edition.js';
import { placeNoteSections } from '../../src/layout/notes.js';
import { emptyEdition } from '../../src/model/walk.js';
import { writeTei } from '../../src/tei/index.js';
import { loadTei } from '../../src/tei-load/index.js';
import { VERSION } from '../../src/version.js';
import { expectValidTei, parseTei, xeval } from '../helpers/tei.js';

const page = (afterNotes: string, lead = ''): string =>
  '<html><head><title>The Strike Goes On</title></head><body>\n<h2>Leon Trotsky</h2>\n<h1>The Strike Goes On</h1>\n' +
  '<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city.</p>\n<p>They will win.</p>\n' +
  `<h3>Notes</h3>\n${lead}<p><a href="#a1" name="n1">1.</a> The strike began in May.</p>\n${afterNotes}</body></html>\n`;

function converted(html: string) {
  const r = convert(html, { file: 'page.html' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { tei: r.tei!, doc: parseTei(r.tei!), ed: r.model as Edition };
}

const IN_BODY = 'count(//tei:body//tei:div[@type="notes"]/tei:note)';
const IN_BACK = 'count(//tei:back//tei:note)';
const LINKED = 'count(//tei:ref[@type="noteAnchor"][@target=concat("#", //tei:note[@n="1"]/@xml:id)][concat("#", @xml:id) = //tei:note[@n="1"]/@target])';

describe('a notes section the page prints between two parts of the text', () => {
  it('text after the notes (a headed part): the section stays in the body at its place, linked both ways', () => {
    const { doc, tei } = converted(page('<h3>Appendix</h3>\n<p>The appendix printed after the notes.</p>\n'));
    expect(xeval(doc, IN_BODY)).toBe('1');
    expect(xeval(doc, IN_BACK)).toBe('0');
    expect(xeval(doc, 'count(//tei:back)')).toBe('0');
    expect(xeval(doc, LINKED)).toBe('1');
    // Source order: the notes come before the appendix heading and its paragraph.
    expect(xeval(doc, 'count(//tei:div[@type="notes"]/following::tei:p[contains(., "appendix printed after")])')).toBe('1');
    expect(xeval(doc, 'count(//tei:div[@type="notes"]/preceding::tei:p[contains(., "They will win")])')).toBe('1');
    // TEI → model → TEI: the section is read back where it stands.
    const loaded = loadTei(tei, { file: 'page.xml' });
    expect(loaded.edition!.notes.map((s) => s.inText)).toEqual([true]);
    expect(writeTei(loaded.edition!, { version: VERSION })).toBe(tei);
  });

  it('notes at the end of the text: the section stays in back (negative)', () => {
    const { doc } = converted(page(''));
    expect(xeval(doc, IN_BODY)).toBe('0');
    expect(xeval(doc, IN_BACK)).toBe('1');
    expect(xeval(doc, LINKED)).toBe('1');
  });

  it('only a wordless separator ("* * *") after the notes: no text follows, the section stays in back (negative)', () => {
    const { doc } = converted(page('<h4>* * *</h4>\n'));
    expect(xeval(doc, IN_BODY)).toBe('0');
    expect(xeval(doc, IN_BACK)).toBe('1');
  });

  it('paragraphs between a notes heading and its first note are the section’s own, before its notes', () => {
    const { doc, tei } = converted(page('', '<p>These notes are the editors’.</p>\n'));
    expect(xeval(doc, 'count(//tei:back/tei:div[@type="notes"]/tei:p[following-sibling::tei:note][contains(., "editors")])')).toBe('1');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "union")])')).toBe('0');
    expect(writeTei(loadTei(tei, { file: 'page.xml' }).edition!, { version: VERSION })).toBe(tei);
  });

  it('a notes heading without notes: its paragraphs stay text (negative)', () => {
    const html = '<html><head><title>T</title></head><body>\n<h1>The Strike</h1>\n<p>They will win.</p>\n<h3>Notes</h3>\n<p>No notes were printed with this article.</p>\n</body></html>\n';
    const { doc } = converted(html);
    expect(xeval(doc, 'count(//tei:div[@type="notes"])')).toBe('0');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "No notes were printed")])')).toBe('1');
  });
});

describe('the placement rule and the writer, on a model', () => {
  const pos = (line: number): SourcePos => ({ line, column: 1 });
  const model = (textAfter: string): Edition => {
    const ed = emptyEdition('test');
    ed.metadata.title = 'A Test';
    ed.body.head = [{ kind: 'text', text: 'A Test', pos: pos(1) }];
    ed.body.blocks = [
      { kind: 'p', children: [{ kind: 'text', text: 'Before the notes', pos: pos(2) }, { kind: 'noteAnchor', marker: '1', key: '1', id: 'nref1', target: '#n1', pos: pos(2) }], pos: pos(2) },
      { kind: 'p', children: [{ kind: 'text', text: textAfter, pos: pos(9) }], pos: pos(9) },
    ];
    ed.notes = [{ notes: [{ key: '1', label: '1.', type: 'unknown', place: 'end', blocks: [{ kind: 'p', children: [{ kind: 'text', text: 'The note.', pos: pos(5) }], pos: pos(5) }], pos: pos(5), id: 'n1', targets: ['nref1'] }], pos: pos(4) }];
    return ed;
  };

  it('a paragraph with words after the section places it in the text; the paragraph after it gets an untitled div', () => {
    const ed = model('The text goes on.');
    placeNoteSections(ed);
    expect(ed.notes[0]!.inText).toBe(true);
    const xml = writeTei(ed, { version: VERSION });
    expectValidTei(xml);
    const doc = parseTei(xml);
    expect(xeval(doc, 'count(//tei:body/tei:div/tei:div[@type="notes"]/following-sibling::tei:div[not(@type)]/tei:p[. = "The text goes on."])')).toBe('1');
    expect(xeval(doc, 'count(//tei:back)')).toBe('0');
    expect(writeTei(loadTei(xml, { file: 'x.xml' }).edition!, { version: VERSION })).toBe(xml);
  });

  it('a wordless paragraph after the section does not (negative)', () => {
    const ed = model('* * *');
    placeNoteSections(ed);
    expect(ed.notes[0]!.inText).toBeUndefined();
    const xml = writeTei(ed, { version: VERSION });
    expectValidTei(xml);
    expect(xeval(parseTei(xml), 'count(//tei:back/tei:div[@type="notes"]/tei:note)')).toBe('1');
  });
});

describe('markdown: paragraphs between a notes heading and its first note', () => {
  const md = (notes: string): string =>
    `---\ntitle: The Strike Goes On\nauthor: Leon Trotsky\n---\n\nThe workers are on strike again [[1]](#n1) in the city.\n\nThey will win.\n\n### Notes\n\n${notes}`;
  it('are the section’s own when a numbered note follows: written before its notes, no unnumbered note', () => {
    const r = convert(md('Notes are by the editors.\n\n[[1]{#n1}]{.info}. The strike began in May.\n'), { file: 'page.md' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'marker-malformed')).toEqual([]);
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    expect(xeval(doc, 'count(//tei:div[@type="notes"]/tei:p[following-sibling::tei:note][contains(., "Notes are by the editors")])')).toBe('1');
    expect(xeval(doc, 'count(//tei:note[@n=""])')).toBe('0');
    expect(xeval(doc, 'count(//tei:note[@n="1"])')).toBe('1');
  });
  it('stay an unnumbered note, reported, when no numbered note follows (negative)', () => {
    const r = convert(md('This article was a reply to another.\n'), { file: 'page.md' });
    expect(r.diagnostics.filter((d) => d.code === 'marker-malformed').length).toBe(1);
    expectValidTei(r.tei!);
    expect(xeval(parseTei(r.tei!), 'count(//tei:div[@type="notes"]/tei:p)')).toBe('0');
  });
});

describe('markdown: a part of the text printed after the notes', () => {
  const md = (after: string): string =>
    `---\ntitle: The Strike Goes On\nauthor: Leon Trotsky\n---\n\nThe workers are on strike again <sup>1</sup> in the city.\n\nThey will win.\n\n**Notes**\n\n1. The strike began in May.\n\n${after}`;
  it('a heading over paragraphs without note labels goes on in the body; the notes stay where printed', () => {
    const r = convert(md('## Appendix\n\nThe appendix printed after the notes.\n'), { file: 'page.md' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    expect(xeval(doc, IN_BODY)).toBe('1');
    expect(xeval(doc, 'count(//tei:body//tei:div[@type="notes"]/following::tei:div[tei:head = "Appendix"]/tei:p)')).toBe('1');
    expect(xeval(doc, 'count(//tei:back)')).toBe('0');
  });
  it('a heading over numbered notes is a second notes section (negative)', () => {
    const r = convert(md('## To the second chapter\n\n2. The strike ended in June.\n'), { file: 'page.md' });
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    expect(xeval(doc, IN_BODY)).toBe('0');
    expect(xeval(doc, 'count(//tei:back/tei:div[@type="notes"])')).toBe('2');
  });
});

/**
 * Page text after the notes (TEXT_AFTER_NOTES in layout/rules.ts): a browser copy prints no
 * element boundaries, so the engine ends the notes at a separator or a section heading with
 * paragraphs of words under it and no further note; the HTML reader sees the same from the
 * page's elements. Each row, both ways, through page text and HTML (markdown, whose headings
 * are marked, is tested above).
 */
describe('every reader: text the page prints after its notes', () => {
  const copy = (after: string): string =>
    `The Strike Goes On\n\nSource: The Militant, 1934\n\nThe workers are on strike again [1] in the city.\n\nThey will win.\n\nNotes\n\n[1] The strike began in May.\n\n${after}`;
  const html = (after: string): string =>
    '<html><head><title>The Strike Goes On</title></head><body>\n<h1>The Strike Goes On</h1>\n<p class="information"><span class="info">Source:</span> The Militant, 1934</p>\n' +
    '<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city.</p>\n<p>They will win.</p>\n<h3>Notes</h3>\n<p><a href="#a1" name="n1">[1]</a> The strike began in May.</p>\n' +
    `${after}</body></html>\n`;
  const both = (text: string, page: string) => [['page text', converted(text)], ['html', converted(page)]] as const;
  const afterword = 'The editors add this afterword, printed under the notes of the article.';

  for (const [row, copyLine, htmlLine] of [['separator', '* * *', '<h3>* * *</h3>'], ['section heading', 'Literature', '<h4>Literature</h4>']] as const) {
    it(`${row}: "${copyLine}" over a paragraph after the last note goes back to the text; the notes stay where printed`, () => {
      for (const [style, { doc, ed }] of both(copy(`${copyLine}\n\n${afterword}\n`), html(`${htmlLine}\n<p>${afterword}</p>\n`))) {
        expect(xeval(doc, IN_BODY), style).toBe('1');
        expect(xeval(doc, LINKED), style).toBe('1');
        expect(xeval(doc, 'count(//tei:div[@type="notes"]/following::tei:p[contains(., "afterword")])'), style).toBe('1');
        expect(xeval(doc, 'count(//tei:note[contains(., "afterword")])'), style).toBe('0');
        expect(ed.notes.flatMap((s) => s.notes).length, style).toBe(1);
      }
    });
  }

  it('a heading-like line followed by the next note is the note’s own line (negative)', () => {
    const { doc, ed } = converted(copy('Literature\n\nThe second note, on the books read.\n\n[2] The strike ended in June.\n').replace('in the city.', 'in the city [2].'));
    expect(ed.notes.flatMap((s) => s.notes.map((n) => n.key))).toEqual(['1', '2']);
    expect(xeval(doc, IN_BODY)).toBe('0');
    expect(xeval(doc, 'count(//tei:note[@n="1"][contains(., "Literature")])')).toBe('1');
  });

  it('a separator between two notes sections is no text (negative)', () => {
    const { doc, ed } = converted(copy('* * *\n\nEditorial Notes\n\n1*. The strike was called by the union.\n').replace('They will win.', 'They will win [1*].'));
    expect(ed.notes.length).toBe(2);
    expect(xeval(doc, IN_BODY)).toBe('0');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "editors")])')).toBe('0');
  });

  it('only short title lines under the notes are the footer’s links: dropped as furniture, not text (negative)', () => {
    const r = convert(copy('Preface (1891)\n\nOrigins of the Family\n'), { file: 'copy.txt' });
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    expect(xeval(doc, IN_BODY)).toBe('0');
    expect(xeval(doc, 'count(//tei:text//*[contains(., "Origins of the Family")])')).toBe('0');
    expect((r.model as Edition).dropped.map((d) => d.text)).toEqual(expect.arrayContaining(['Preface (1891)', 'Origins of the Family']));
  });
});

describe('every reader: a paragraph under the information block opened by a label that is not a field’s', () => {
  const copy = (para: string): string => `Statement on Armenia\n\nWritten: 11 November 1896.\nTranscribed by: Ted Crawford.\n\n${para}\n\n\n\nIn one of the recent Party meetings I was accused of not representing the socialist point of view.\n\nThe Turks have the same rights.\n`;
  const html = (para: string): string =>
    '<html><head><title>Statement on Armenia</title></head><body>\n<h1>Statement on Armenia</h1>\n<p class="information"><span class="info">Written:</span> 11 November 1896.<br />\n<span class="info">Transcribed by:</span> Ted Crawford.</p>\n' +
    `<p>${para}</p>\n<p>In one of the recent Party meetings I was accused of not representing the socialist point of view.</p>\n<p>The Turks have the same rights.</p>\n</body></html>\n`;
  const inBody = (doc: ReturnType<typeof parseTei>, words: string): string => xeval(doc, `count(//tei:body//*[contains(., "${words}")])`);
  const inHeader = (doc: ReturnType<typeof parseTei>, words: string): string => xeval(doc, `count(//tei:teiHeader//*[not(*)][contains(., "${words}")])`);

  for (const para of ['Note: The following article appears courtesy of the editorial board of Revolutionary History.', 'Introduction: The political context']) {
    it(`"${para.slice(0, 30)}…" opens the text, in page text as in HTML`, () => {
      for (const text of [copy(para), html(para)]) {
        const { doc } = converted(text);
        expect(Number(inBody(doc, para.slice(6, 30)))).toBeGreaterThan(0);
        expect(inHeader(doc, para.slice(6, 30))).toBe('0');
      }
    });
  }

  it('a known label in a paragraph of its own is a field of the block (negative)', () => {
    const { doc } = converted(copy('Proofread: Chris Clayton'));
    expect(inBody(doc, 'Chris Clayton')).toBe('0');
    expect(Number(inHeader(doc, 'Chris Clayton'))).toBeGreaterThan(0);
  });
});

/**
 * HTML pages of templates the first corpora did not show: an information block whose labels
 * are plain text, a notes heading set as a bold paragraph, "Last updated" after the footer,
 * and the date of writing printed in the title zone (a date on the title's last line, a
 * "Date:" label, a place over a date, a year as a heading). Each on a small page named after
 * what it shows, positive and negative, the TEI validated; the title zone's date rule also
 * through page text (the same page's browser copy).
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { titleEndsInDate } from '../../src/layout/title-date.js';
import { isPlaceOverDate } from '../../src/layout/letter.js';
import { expectValidTei, parseTei, xtext } from '../helpers/tei.js';

const page = (body: string): string => `<html><head><title>Page title</title></head><body>\n${body}\n</body></html>\n`;

function run(input: string, file = 'page.html'): { ed: Edition; doc: ReturnType<typeof parseTei> } {
  const r = convert(input, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { ed: r.model as Edition, doc: parseTei(r.tei!) };
}

const bodyText = (ed: Edition): string[] => ed.body.blocks.map((b) => (b.kind === 'p' ? plainText(b.children).replace(/\s+/g, ' ').trim() : b.kind));
const creation = (doc: ReturnType<typeof parseTei>): string | undefined => xtext(doc, '//tei:profileDesc/tei:creation/tei:date');
const when = (doc: ReturnType<typeof parseTei>): string | undefined => doc.get('//tei:profileDesc/tei:creation/tei:date/@when', { tei: 'http://www.tei-c.org/ns/1.0' })?.content;

describe('an information block whose labels are plain text', () => {
  const info = '<p class="information">First Published: in <span style="font-style: italic;">Living Marxism,</span> Volume 5, Fall 1940<br>\nSource: <a href="http://example.org/">Class Against Class</a>;<br>\nTranscribed: by <a href="../v.htm">Zdravko Saveski</a>, for marxists.org 2009;</p>';
  it('p.information opening with a known label as text (after hr.end) is read: resp and source in the header, out of the body', () => {
    const { ed, doc } = run(page(`<p class="title">Karl Korsch 1940</p>\n<h1>The Fascist Counter-revolution</h1>\n<hr class="end">\n${info}\n<hr class="end">\n<p>What hope have we revolutionary Marxists?</p>`));
    expect(bodyText(ed)).toEqual(['What hope have we revolutionary Marxists?']);
    expect(xtext(doc, '//tei:titleStmt/tei:respStmt[tei:resp="transcription"]/tei:persName')).toBe('Zdravko Saveski');
    expect(xtext(doc, '//tei:sourceDesc/tei:bibl[1]')).toContain('Class Against Class');
    expect(ed.metadata.author?.name).toBe('Karl Korsch');
  });
  it('a p.information that opens with words that are no known label stays text', () => {
    const { ed } = run(page('<h1>The Strike</h1>\n<p class="information">Comrades: the strike goes on, and we will win it.</p>\n<p>It lasted a week.</p>'));
    expect(bodyText(ed)).toEqual(['Comrades: the strike goes on, and we will win it.', 'It lasted a week.']);
  });
});

describe('a notes heading set as a paragraph in bold', () => {
  it('<p><span style="font-weight: bold;">Notes</span></p> heads the notes and leaves the body', () => {
    const { ed } = run(page('<h1>The Strike</h1>\n<p>The strike goes on.<a href="#n1">[1]</a></p>\n<hr>\n<p><span style="font-weight: bold;">Notes</span></p>\n<p><a name="n1"></a>[1] Proudhon, vol. VIII.</p>'));
    expect(bodyText(ed)).toEqual(['The strike goes on.']);
    expect(plainText(ed.notes[0]?.heading ?? [])).toBe('Notes');
    expect(ed.notes[0]?.notes).toHaveLength(1);
  });
  it('<p><b>Notes</b></p> too; a bold paragraph of other words stays text', () => {
    const { ed } = run(page('<h1>The Strike</h1>\n<p>The strike goes on.<a href="#n1">[1]</a></p>\n<p><b>The strike committee.</b></p>\n<p><b>Notes</b></p>\n<p><a name="n1"></a>[1] Proudhon, vol. VIII.</p>'));
    expect(bodyText(ed)).toEqual(['The strike goes on.', 'The strike committee.']);
    expect(plainText(ed.notes[0]?.heading ?? [])).toBe('Notes');
  });
});

describe('"Last updated" after the footer', () => {
  it('a paragraph of another class that says only "Last updated on: …" goes to the header, not the body', () => {
    const { ed } = run(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<p class="footer"><a href="../index.htm">Joseph Hansen Internet Archive</a></p>\n<p class="inline">Last updated on: 22 December 2018</p>'));
    expect(bodyText(ed)).toEqual(['The strike goes on.']);
    expect(ed.metadata.fields.some((f) => plainText(f.value).includes('22 December 2018'))).toBe(true);
  });
  it('a sentence that starts with "Last updated" stays text', () => {
    const { ed } = run(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<p>Last updated on the first day, the list of demands was long; the workers read it aloud.</p>'));
    expect(bodyText(ed)).toHaveLength(2);
  });
});

describe('the title zone: a date on the title\'s last line', () => {
  it('the rule: a month-dated last line under a title line; not a year alone, a collection line or a title of dates', () => {
    expect(titleEndsInDate(['Speech to Comintern Executive Committee on French Question', 'June 16, 1921'])).toBe(true);
    expect(titleEndsInDate(['The Third Address', 'May, 1871'])).toBe(true);
    expect(titleEndsInDate(['Speech on the French Question'])).toBe(false);
    expect(titleEndsInDate(['Marx-Engels Correspondence', '1873'])).toBe(false);
    expect(titleEndsInDate(['Chapter XLIII', 'Historical Background to Recent Times'])).toBe(false);
    expect(titleEndsInDate(['June 1921', 'July 1921'])).toBe(false);
  });
  it('HTML: <h1>…<br /><small>June 16, 1921</small></h1> — the title without the date, the date of writing from it', () => {
    const { ed, doc } = run(page('<p class="title">Leon Trotsky 1921</p>\n<h1>Speech to Comintern Executive Committee on French Question<br />\n<small>June 16, 1921</small></h1>\n<p>I asked to speak in order to comment on the policies of the French Communist Party.</p>'));
    expect(ed.metadata.title).toBe('Speech to Comintern Executive Committee on French Question');
    expect(when(doc)).toBe('1921-06-16');
    expect(bodyText(ed)).toEqual(['I asked to speak in order to comment on the policies of the French Communist Party.']);
  });
  it('page text: the same two lines of the copy give the same title and date', () => {
    const { ed, doc } = run(['Leon Trotsky 1921', '', 'Speech to Comintern Executive Committee on French Question', 'June 16, 1921', '', 'I asked to speak in order to comment on the policies of the French Communist Party.', '', 'It was a long speech.', ''].join('\n'), 'copy.txt');
    expect(ed.metadata.title).toBe('Speech to Comintern Executive Committee on French Question');
    expect(when(doc)).toBe('1921-06-16');
  });
  it('page text: over the information block, the paragraph that ends in a date is the title, not the line above it', () => {
    const { ed, doc } = run(['The Death of Karl Marx', '', 'Frederick Engels’ Speech at the Grave of Karl Marx', 'Highgate Cemetery, London. March 17, 1883', '', 'Transcribed: by Mike Lepore, 1993.', '', 'On the 14th of March, the greatest living thinker ceased to think.', '', 'An immeasurable loss has been sustained.', ''].join('\n'), 'copy.txt');
    expect(ed.metadata.title).toBe('Frederick Engels’ Speech at the Grave of Karl Marx');
    expect(when(doc)).toBe('1883-03-17');
  });
  it('HTML: a title over two lines whose last is no date stays whole', () => {
    const { ed, doc } = run(page('<h1>Chapter XLIII<br>Historical Background</h1>\n<p>The strike goes on.</p>'));
    expect(ed.metadata.title).toBe('Chapter XLIII Historical Background');
    expect(creation(doc)).toBeUndefined();
  });
});

describe('the date of writing printed in the front', () => {
  it('"<span class="info">Date:</span> November 25, 1945" is the date of writing', () => {
    const { doc } = run(page('<h1>The Coal Crisis</h1>\n<p class="information"><span class="info">Date:</span> November 25, 1945<br>\n<span class="info">Source:</span> a pamphlet.</p>\n<p>The coal situation is critical.</p>'));
    expect(when(doc)).toBe('1945-11-25');
  });
  it('"London<br>October 8, 1885" opening the text: the opener\'s dateline and the date of writing', () => {
    const { ed, doc } = run(page('<h1>On The History of the Communist League</h1>\n<p class="fst">London<br>\nOctober 8, 1885</p>\n<p>With the sentence of the Cologne Communists in 1852, the curtain falls.</p>'));
    expect(when(doc)).toBe('1885-10-08');
    expect(bodyText(ed)).toEqual(['With the sentence of the Cologne Communists in 1852, the curtain falls.']);
  });
  it('page text: "London" over "October 8, 1885" as the text\'s first paragraph too', () => {
    const { doc } = run(['Frederick Engels', '', 'On The History of the Communist League', '', 'Source: Selected Works, Volume 3', '', 'London', 'October 8, 1885', '', 'With the sentence of the Cologne Communists in 1852, the curtain falls.', '', 'The period is forgotten.', ''].join('\n'), 'copy.txt');
    expect(when(doc)).toBe('1885-10-08');
  });
  it('page text: "Moscow," over "July 7th, 1924." at the end of the text is the closer\'s dateline, the date of writing', () => {
    const { ed, doc } = run(['G. Zinoviev', '', 'Ten Years of Struggle', '', 'Source: The Communist International, 1924', '', 'Ten years ago, the leaders of the Second International came out for the war.', '', 'Get the bourgeoisie by the throat!', '', 'G. ZINOVIEV', 'Moscow,', 'July 7th, 1924.', ''].join('\n'), 'copy.txt');
    expect(when(doc)).toBe('1924-07-07');
    expect(plainText(ed.body.closer?.dateline ?? []).replace(/\s+/g, ' ')).toBe('Moscow, July 7th, 1924.');
  });
  it('the place-over-date rule leaves a sentence over a date and a date over a date', () => {
    expect(isPlaceOverDate('London', 'October 8, 1885')).toBe(true);
    expect(isPlaceOverDate('Paris,', '12 March 1871')).toBe(true);
    expect(isPlaceOverDate('Moscow,', 'July 7th, 1924.')).toBe(true);
    expect(isPlaceOverDate('We met in the morning and talked', 'October 8, 1885')).toBe(false);
    expect(isPlaceOverDate('1884', 'October 8, 1885')).toBe(false);
    expect(isPlaceOverDate('London', 'the eighth of October')).toBe(false);
  });
  it('a year alone as a heading under the title and subtitle (<h3>1969</h3>) dates the text; a section heading with a year does not', () => {
    const { ed, doc } = run(page('<h2>Bernhard Reichenbach</h2>\n<h1>The KAPD in Retrospect</h1>\n<h4>An Interview with a Member of the KAPD</h4>\n<h3>1969</h3>\n<hr>\n<h3>The German Workers\' Councils</h3>\n<p>Between 1920 and 1923, the KAPD acted as an opposition.</p>'));
    expect(when(doc)).toBe('1969');
    expect(ed.metadata.subtitle).toBe('An Interview with a Member of the KAPD');
    const section = run(page('<h1>The KAPD in Retrospect</h1>\n<p>Between 1920 and 1923, the KAPD acted as an opposition.</p>\n<h3>Moscow 1921</h3>\n<p>I went to Moscow.</p>'));
    expect(creation(section.doc)).toBeUndefined();
  });
});

/**
 * Notes in every input style (issue 9): an anchor printed as a number closed by a parenthesis
 * ("4)", raised in HTML and markdown, glued to the word in a browser copy) is one anchor, linked
 * to its note; a further notes heading ("Translator's Notes") over paragraphs of its own and
 * then its notes opens a section of its own: those paragraphs are the section's, not the last
 * words of the note before. Each through page text, markdown and HTML, every TEI validated.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';

function converted(text: string, file: string) {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return { doc: parseTei(r.tei!), ed: r.model as Edition, codes: r.diagnostics.map((d) => d.code) };
}

/** Anchors linked both ways with the note numbered `n`. */
const linked = (n: string): string =>
  `count(//tei:ref[@type="noteAnchor"][@target=concat("#", //tei:note[@n="${n}"]/@xml:id)][concat("#", @xml:id) = //tei:note[@n="${n}"]/@target])`;

describe('an anchor printed as "4)": a number closed by a parenthesis', () => {
  const html = (label: (n: number) => string): string =>
    '<html><head><title>The Strike Goes On</title></head><body>\n<h1>The Strike Goes On</h1>\n' +
    '<p>The workers are on strike again.<sup>4)</sup> They will win.</p>\n<p>They went home<sup>5)</sup> and slept, x<sup>2</sup> times over.</p>\n' +
    `<h3>Notes</h3>\n<p>${label(4)} The strike began in May.</p>\n<p>${label(5)} In the evening.</p>\n</body></html>\n`;
  const markdown = '# The Strike Goes On\n\n---\n\nSource : The Militant, 1934\n\n---\n\nThe workers are on strike again.<sup>4)</sup> They will win.\n\nThey went home<sup>5)</sup> and slept.\n\n**Notes**\n\n4) The strike began in May.\n\n5) In the evening.\n';
  const copy = (label: (n: number) => string): string =>
    `The Strike Goes On\n\nSource: The Militant, 1934\n\nThe workers are on strike again.4) They will win.\n\nThey went home5) and slept.\n\nNotes\n\n${label(4)} The strike began in May.\n\n${label(5)} In the evening.\n`;
  const labels: Array<[string, (n: number) => string]> = [
    ['"4)"', (n) => `${n})`],
    ['"4."', (n) => `${n}.`],
  ];

  for (const [name, label] of labels) {
    it(`HTML: a bare <sup>4)</sup> is the anchor of the note labelled ${name}, linked both ways`, () => {
      const { doc, codes } = converted(html(label), 'page.html');
      expect([xeval(doc, linked('4')), xeval(doc, linked('5'))]).toEqual(['1', '1']);
      expect(xtext(doc, '//tei:ref[@target="#n4"]')).toBe('4)');
      expect(codes).not.toContain('note-orphan');
    });
    it(`page text: "again.4)" is one anchor "4)" of the note labelled ${name}, no ")" left in the text`, () => {
      const { doc } = converted(copy(label), 'copy.txt');
      expect([xeval(doc, linked('4')), xeval(doc, linked('5'))]).toEqual(['1', '1']);
      expect(xpath(doc, '//tei:ref[@type="noteAnchor"]').map((n) => n.content)).toEqual(['4)', '5)']);
      expect(xtext(doc, '//tei:body//tei:p[1]')).toBe('The workers are on strike again.4) They will win.');
      expect(xeval(doc, 'count(//tei:body//tei:p/text()[starts-with(., ")")])')).toBe('0');
    });
  }

  it('markdown: <sup>4)</sup> is the anchor of the note labelled "4)"', () => {
    const { doc } = converted(markdown, 'page.md');
    expect([xeval(doc, linked('4')), xeval(doc, linked('5'))]).toEqual(['1', '1']);
  });

  it('HTML: a raised number without the parenthesis, x<sup>2</sup>, stays a superscript (negative)', () => {
    const page = html((n) => `${n})`).replace('<p>5) In the evening.</p>', '<p>5) In the evening.</p>\n<p>2) A note nothing points to.</p>');
    const { doc } = converted(page, 'page.html');
    expect(xeval(doc, 'count(//tei:body//tei:hi[@rend="superscript"][. = "2"])')).toBe('1');
    expect(xeval(doc, linked('2'))).toBe('0');
  });

  it('page text: a ")" that closes a parenthesis opened before stays text: "(see vol.3)" (negative)', () => {
    const text = 'The Strike Goes On\n\nSource: The Militant, 1934\n\nThe workers are on strike again (see vol.3) and will win.\n\nThey went home.\n\nNotes\n\n3. The strike began in May.\n';
    const { doc } = converted(text, 'copy.txt');
    expect(xtext(doc, '//tei:ref[@type="noteAnchor"]')).toBe('3');
    expect(xtext(doc, '//tei:body//tei:p[1]')).toBe('The workers are on strike again (see vol.3) and will win.');
  });
});

describe('a second notes heading over paragraphs of its own, then its notes', () => {
  const INTRO = 'The translator added these notes for the English edition.';
  const copy = (between = ''): string =>
    'The Strike Goes On\n\nSource: The Militant, 1934\n\nThe workers are on strike again [1] in the city. The bosses gave in [a].\n\nThey will win [2].\n\n' +
    `Notes\n\n[1] The strike began in May.\n\n[2] In the evening.\n\n${between}Translator’s Notes\n\n${INTRO}\n\n[a] The German word in the original.\n`;
  const markdown =
    '# The Strike Goes On\n\n---\n\nSource : The Militant, 1934\n\n---\n\nThe workers are on strike again <sup>1</sup> in the city. The bosses gave in <sup>a</sup>.\n\nThey will win <sup>2</sup>.\n\n' +
    `**Notes**\n\n1. The strike began in May.\n\n2. In the evening.\n\n**Translator’s Notes**\n\n${INTRO}\n\na. The German word in the original.\n`;
  const html =
    '<html><head><title>The Strike Goes On</title></head><body>\n<h1>The Strike Goes On</h1>\n' +
    '<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city. The bosses gave in <sup><a href="#na" name="aa">[a]</a></sup>.</p>\n' +
    '<p>They will win <sup><a href="#n2" name="a2">[2]</a></sup>.</p>\n<h3>Notes</h3>\n<p><a href="#a1" name="n1">[1]</a> The strike began in May.</p>\n' +
    `<p><a href="#a2" name="n2">[2]</a> In the evening.</p>\n<h3>Translator’s Notes</h3>\n<p>${INTRO}</p>\n<p><a href="#aa" name="na">[a]</a> The German word in the original.</p>\n</body></html>\n`;

  for (const [style, text, file] of [['page text', copy(), 'copy.txt'], ['markdown', markdown, 'page.md'], ['HTML', html, 'page.html']] as const) {
    it(`${style}: two sections; the translator's paragraph opens the second, note 2 keeps only its own words; the second section's notes are the translator's`, () => {
      const { doc, ed } = converted(text, file);
      expect(ed.notes.map((s) => s.notes.map((n) => n.key))).toEqual([['1', '2'], ['a']]);
      expect(xtext(doc, '//tei:div[@type="notes"][2]/tei:head')).toBe('Translator’s Notes');
      expect(xtext(doc, '//tei:div[@type="notes"][2]/tei:p')).toBe(INTRO);
      expect(xtext(doc, '//tei:note[@n="2"]')).toBe('In the evening.');
      expect(xeval(doc, 'count(//tei:note[@n="a"]/preceding-sibling::tei:p)')).toBe('1');
      // The heading says whose notes follow: the translator's, in every style.
      expect(xeval(doc, 'string(//tei:note[@n="a"]/@type)')).toBe('translator');
      for (const n of ['1', '2', 'a']) expect(xeval(doc, linked(n)), n).toBe('1');
    });
  }

  it('page text: a paragraph after a note with no notes heading under it is still that note’s (negative)', () => {
    const { doc, ed } = converted(copy('It rained all night.\n\n').replace(`Translator’s Notes\n\n${INTRO}\n\n`, ''), 'copy.txt');
    expect(ed.notes).toHaveLength(1);
    expect(xpath(doc, '//tei:note[@n="2"]/tei:p').map((n) => n.content)).toEqual(['In the evening.', 'It rained all night.']);
  });

  it('page text: a first notes heading over a paragraph of its own: the paragraph is the section’s, not the text’s', () => {
    const { doc } = converted(copy().replace('Notes\n\n[1]', 'Notes\n\nThe notes are the editors’.\n\n[1]'), 'copy.txt');
    expect(xtext(doc, '//tei:div[@type="notes"][1]/tei:p')).toBe('The notes are the editors’.');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "editors")])')).toBe('0');
    expect(xeval(doc, linked('1'))).toBe('1');
  });
});

describe('a notes heading over paragraphs of its own and a separator, then "1." notes', () => {
  const BIO = ['Plekhanov was the founder of the Russian social democratic movement.', 'He died in Finland in 1918.'];
  const copy =
    'The Strike Goes On\n\nSource: The Militant, 1934\n\nThe workers are on strike again [1] in the city.\n\nThey will win [2].\n\n' +
    `NOTES\n\n${BIO.join('\n\n')}\n\n* * *\n\n1. OUR DIFFERENCES: a tract of 1884.\n\n2. JODKO: a Polish socialist.\n`;
  const html =
    '<html><head><title>The Strike Goes On</title></head><body>\n<h1>The Strike Goes On</h1>\n' +
    '<p>The workers are on strike again <a id="f1" href="#n1">[1]</a> in the city.</p>\n<p>They will win <a id="f2" href="#n2">[2]</a>.</p>\n' +
    `<h3>NOTES</h3>\n${BIO.map((b) => `<p class="endnote">${b}</p>`).join('\n')}\n<h3>* * *</h3>\n` +
    '<p class="endnote"><a id="n1" href="#f1">1.</a> OUR DIFFERENCES: a tract of 1884.</p>\n<p class="endnote"><a id="n2" href="#f2">2.</a> JODKO: a Polish socialist.</p>\n</body></html>\n';

  for (const [style, text, file] of [['page text', copy, 'copy.txt'], ['HTML', html, 'page.html']] as const) {
    it(`${style}: one section under "NOTES", its own paragraphs and the separator before its notes; no "NOTES" in the text`, () => {
      const { doc } = converted(text, file);
      expect(xeval(doc, 'count(//tei:div[@type="notes"])')).toBe('1');
      expect(xtext(doc, '//tei:div[@type="notes"]/tei:head')).toBe('NOTES');
      expect(xpath(doc, '//tei:div[@type="notes"]/tei:p').map((n) => n.content)).toEqual([...BIO, '* * *']);
      expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "NOTES") or contains(., "Plekhanov")])')).toBe('0');
      for (const n of ['1', '2']) expect(xeval(doc, linked(n)), n).toBe('1');
    });
  }
});

describe('notes numbered otherwise than their anchors (page text)', () => {
  const copy = (labels: readonly string[], anchors = ['1', '2', '3']): string =>
    'The Strike Goes On\n\nSource: The Militant, 1934\n\n' +
    `The workers are on strike [${anchors[0]}] in the city, the bosses gave in [${anchors[1]}].\n\nThey will win [${anchors[2]}].\n\n` +
    `Notes\n\n${labels.map((l, i) => `${l} ${['The strike began in May.', 'After a week.', 'In the end.'][i]}`).join('\n\n')}\n`;

  it('anchors [1]–[3], notes printed "1, 2, 4" (a number skipped): each anchor links the note at its place, with a warning', () => {
    const { doc, codes } = converted(copy(['1.', '2.', '4.']), 'copy.txt');
    for (const n of ['1', '2', '4']) expect(xeval(doc, linked(n)), n).toBe('1');
    expect(xtext(doc, '//tei:ref[@target="#n4"]')).toBe('[3]');
    expect(codes.filter((c) => c === 'note-misnumbered')).toHaveLength(1);
    expect(codes).not.toContain('note-orphan');
  });

  it('notes "1, 2, 3" as the anchors: nothing changes (negative)', () => {
    const { codes } = converted(copy(['1.', '2.', '3.']), 'copy.txt');
    expect(codes).not.toContain('note-misnumbered');
  });

  it('an anchor printed twice ([1], [1], [3]) or notes out of order ("1, 4, 2"): no pairing by place (negative)', () => {
    for (const [labels, anchors] of [[['1.', '2.', '4.'], ['1', '1', '3']], [['1.', '4.', '2.'], ['1', '2', '3']]] as const) {
      const { doc, codes } = converted(copy(labels, [...anchors]), 'copy.txt');
      expect(codes).not.toContain('note-misnumbered');
      expect(xeval(doc, linked('4'))).toBe('0');
    }
  });
});

describe('a notes heading set as a paragraph of the sub-heading class (HTML `p.sub`)', () => {
  const page = (heading: string): string =>
    '<html><head><title>The Strike Goes On</title></head><body>\n<h1>The Strike Goes On</h1>\n' +
    '<p>The workers are on strike again <a id="f1" href="#b1">[1]</a> in the city.</p>\n<p>They will win.</p>\n' +
    `<p class="sub">${heading}</p>\n<p class="quote"><a id="b1" href="#f1"><strong>1.</strong></a> The strike began in May.</p>\n</body></html>\n`;
  it('"FOOTNOTES (by Tim Davenport):" heads the notes, not the text; the page text copy reads it the same', () => {
    const heading = 'FOOTNOTES (by Tim Davenport):';
    const copy = `The Strike Goes On\n\nThe workers are on strike again [1] in the city.\n\nThey will win.\n\n${heading}\n\n1. The strike began in May.\n`;
    for (const [text, file] of [[page(heading), 'page.html'], [copy, 'copy.txt']] as const) {
      const { doc } = converted(text, file);
      expect(xtext(doc, '//tei:div[@type="notes"]/tei:head'), file).toBe(heading);
      expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "FOOTNOTES")])'), file).toBe('0');
      expect(xeval(doc, linked('1')), file).toBe('1');
    }
  });
  it('a sub-heading that is no notes heading ("Notes on the War") stays in the text (negative)', () => {
    const { doc } = converted(page('Notes on the War'), 'page.html');
    expect(xeval(doc, 'count(//tei:body//tei:p[. = "Notes on the War"])')).toBe('1');
    expect(xeval(doc, 'count(//tei:div[@type="notes"]/tei:head)')).toBe('0');
  });
});

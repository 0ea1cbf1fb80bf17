/**
 * Browser copies: front matter and furniture the layout engine finds by shape (titles with a
 * remark that the page holds part of the text, an information block opened by the cited source,
 * links at the end of the text above its notes). Each case is tested both ways.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { labelLineAt } from '../../src/layout/info.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';

function tei(lines: string[]): ReturnType<typeof parseTei> {
  const r = convert(lines.join('\n'), { file: 'copy.txt' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

const body = (doc: ReturnType<typeof parseTei>): string => xeval(doc, 'normalize-space(//tei:body)');
const TEXT = ['The first paragraph of the text, a sentence long enough to be text.', '', 'The second paragraph of the text, which ends the text here.'];

describe('page text: a link at the end of the text, above its notes', () => {
  const page = (last: string): ReturnType<typeof parseTei> =>
    tei(['Karl Marx', '', 'On Things', '', 'Written: 1845', '', ...TEXT, '', '', last, '', '', 'Notes', '', '[1] A note.', '', 'Top of the page', '']);
  for (const link of ['Next: Historical Materialism', 'Part 2: Materialism', 'PART 2', 'Chapter 17', 'Marx/Engels Biography']) {
    it(`drops "${link}"`, () => {
      const doc = page(link);
      expect(body(doc).endsWith('ends the text here.'), body(doc)).toBe(true);
    });
  }
  for (const line of ['Part of the problem remains.', 'Chapter 17 tells the rest of the story, as we shall see.', 'Long live the Commune!']) {
    it(`keeps "${line}" in the text`, () => expect(body(page(line)).endsWith(line)).toBe(true));
  }
  it('drops the heading of the next chapter at the bottom of a page without notes', () => {
    const doc = tei(['Karl Marx', '', 'On Things', '', 'Written: 1845', '', ...TEXT, '', '', 'Chapter 17', '', 'Top of the page', '']);
    expect(body(doc).endsWith('ends the text here.')).toBe(true);
  });
  it('drops a footer paragraph whose last line is an archive with a "/" in its name, with the link lines above it', () => {
    const doc = tei(['Karl Marx', '', 'On Things', '', 'Written: 1845', '', ...TEXT, '', 'International Workingmen’s Association Index', 'Resolution on Working Class Political Action | Speeches by Marx', 'Marx/Engels Internet Archive', '']);
    expect(body(doc).endsWith('ends the text here.')).toBe(true);
  });
});

describe('page text: a title printed with "Abstract"', () => {
  it('"Abstract of:" over the title stays in the heading, not in the title', () => {
    const doc = tei(['Ernesto Che Guevara', '', 'Abstract of:', 'A New Old Interview', '', 'Recorded: April 18, 1959', '', ...TEXT, '']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('A New Old Interview');
    expect(xtext(doc, '//tei:body//tei:head')).toBe('Abstract of: A New Old Interview');
  });
  it('"Abstract" under the title likewise', () => {
    const doc = tei(['Frederick Engels 1887', '', 'Introduction to Borkheim', 'Abstract', '', 'Written: December 15, 1887;', '', ...TEXT, '']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Introduction to Borkheim');
  });
  it('a title that opens with the word is the title', () => {
    const doc = tei(['Karl Marx', '', 'Abstract Labour', 'and Concrete Labour', '', 'Written: 1859', '', ...TEXT, '']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Abstract Labour and Concrete Labour');
  });
});

describe('page text: an information block opened by the source it cites', () => {
  const top = ['MIA  >  Archive  >  Davitt', '', '', 'Michael Davitt', '', 'Irish Social Problem', '', '(April 1884)', ''];
  it('takes the citation over a label line into the header, with the credits', () => {
    const doc = tei([...top, 'Michael Davitt, Irish Social Problem, To-day, April 1884, pp. 241–255.', 'Transcription: Ted Crawford.', 'Marked up: Einde O’Callaghan for the Marxists’ Internet Archive.', '', ...TEXT, '']);
    expect(xtext(doc, '//tei:respStmt[1]/tei:persName')).toBe('Ted Crawford');
    expect(xeval(doc, 'string(//tei:notesStmt/tei:note[1])')).toContain('To-day, April 1884');
    expect(body(doc)).not.toContain('Ted Crawford');
  });
  it('a sentence of the text with a year and a comma, over another sentence, stays text', () => {
    const doc = tei([...top, 'In April 1884, the tenants met again, and they talked.', 'They talked until dawn.', '', ...TEXT, '']);
    expect(body(doc)).toContain('In April 1884, the tenants met again');
  });
});

describe('page text: a book line naming its author by the surname', () => {
  it('"Marx. Work year" over the title names Marx', () => {
    const doc = tei(['Marx. Value, Price and Profit 1865', '', 'Introduction', '', 'Transcribed: by Brandon Poole.', '', ...TEXT, '']);
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Marx');
  });
  it('"Engels 1894: Work" names Engels when the footer’s archive link does too, not otherwise', () => {
    const page = (footer: string): ReturnType<typeof parseTei> => tei(['Engels 1894: The Peasant Question in France and Germany', '', 'Part 1: France', '', ...TEXT, '', footer, '']);
    expect(xtext(page('Marx Engels Archive | Contents'), '//tei:titleStmt/tei:author')).toBe('Engels');
    expect(xeval(page('Contents'), 'string(//tei:titleStmt/tei:author)')).toBe('');
  });
});

describe('an author line in capitals, spelt as the footer’s archive link spells it, in page text and HTML', () => {
  const footer = 'Raya Dunayevskaya Archive';
  it('page text', () => {
    const doc = tei(['RAYA DUNAYEVSKAYA', '', 'ON THE ANNIVERSARY', '', ...TEXT, '', footer, '']);
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Raya Dunayevskaya');
  });
  it('HTML', () => {
    const html = `<html><head><title>On the Anniversary</title></head><body><h2>RAYA DUNAYEVSKAYA</h2><h1>ON THE ANNIVERSARY</h1><p>${TEXT[0]}</p><p>${TEXT[2]}</p><p class="footer"><a href="../index.htm">${footer}</a></p></body></html>`;
    const r = convert(html, { file: 'page.html' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectValidTei(r.tei!);
    expect(xtext(parseTei(r.tei!), '//tei:titleStmt/tei:author')).toBe('Raya Dunayevskaya');
  });
  it('a footer naming another archive leaves the capitals', () => {
    const doc = tei(['RAYA DUNAYEVSKAYA', '', 'ON THE ANNIVERSARY', '', ...TEXT, '', 'Leon Trotsky Internet Archive', '']);
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('RAYA DUNAYEVSKAYA');
  });
});

describe('information block: a known label with its value glued to the colon', () => {
  it('is a label line', () => {
    expect(labelLineAt('Transcription/Markup:Ted Crawford, Steve Palmer')).toEqual({ label: 'Transcription/Markup', valueStart: 21, known: true });
    expect(labelLineAt('First Published:Unknown')?.known).toBe(true);
  });
  it('an unknown word before a glued colon, a URL or a time is not', () => {
    expect(labelLineAt('Note:this is a sentence')).toBeUndefined();
    expect(labelLineAt('HTTP://example.org')).toBeUndefined();
    expect(labelLineAt('At 10:30 we met')).toBeUndefined();
  });
});

describe('page text: a link line between the credits and the footer', () => {
  const page = (above: string[]): ReturnType<typeof parseTei> =>
    tei(['Karl Marx', '', 'Preface to the First Edition', '', ...TEXT, '', ...above, '', 'Prefaces and Afterwords', '', 'Capital Volume One- Index', '']);
  it('under the credits: dropped, and the credits go to the header', () => {
    const doc = page(['Transcribed by Zodiac', 'Html Markup by Stephen Baird (1999)']);
    expect(body(doc).endsWith('ends the text here.'), body(doc)).toBe(true);
    expect(xeval(doc, 'count(//tei:respStmt[tei:persName="Zodiac"])')).toBe('1');
  });
  it('under a paragraph of text: kept', () => {
    expect(body(page(['The last words of the text, a sentence.'])).endsWith('Prefaces and Afterwords')).toBe(true);
  });
});

describe('information block: a sentence of its own under a value that ended one', () => {
  const top = ['Clara Zetkin', '', 'Social-Democracy & Woman Suffrage', '', '(1906)', ''];
  it('is a note of the block, not more of the translator’s name', () => {
    const doc = tei([...top, 'Translator: Jacques Bonhomme.', 'Many thanks to John Partington.', 'Transcribed & marked up by Einde O’Callaghan.', '', ...TEXT, '']);
    expect(xtext(doc, '//tei:respStmt[tei:resp="translation"]/tei:persName')).toBe('Jacques Bonhomme');
    expect(xeval(doc, 'count(//tei:notesStmt/tei:note[contains(., "Many thanks")])')).toBe('1');
  });
  it('a line that continues the value (no full stop above it) stays part of it', () => {
    const doc = tei([...top, 'Source: Collected Works, Volume 26,', 'Progress Publishers, Moscow 1972.', '', ...TEXT, '']);
    expect(xeval(doc, 'normalize-space(//tei:sourceDesc)')).toContain('Volume 26, Progress Publishers');
  });
});

describe('page text and HTML: a book or series line the breadcrumb or the footer repeats', () => {
  const TEXT_BODY = ['However tragic the outcome of the revolution, it may well have an effect on the movement.', '', 'Certainly the paper could not remain content for long with that answer.'];
  const copy = (crumb: string, book: string, footer: string): string[] => [crumb, '', 'Peter Fryer', '', book, '', '3. Background to October', '', ...TEXT_BODY, '', footer, 'Last updated on: 15.1.2012', ''];
  it('the line the breadcrumb ends with names the book: the chapter under it is the title', () => {
    const doc = tei(copy('MIA  >  Archive  >  Fryer  >  Hungarian Tragedy', 'Hungarian Tragedy', 'Peter Fryer Internet Archive'));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('3. Background to October');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Peter Fryer');
    expect(body(doc).startsWith('Hungarian Tragedy 3. Background to October However tragic')).toBe(true);
    expect(xtext(doc, '//tei:body//tei:head')).toBe('3. Background to October');
  });
  it('a footer line repeating it (in other capitals) does the same', () => {
    const doc = tei(copy('MIA  >  Archive  >  Fryer', 'HUNGARIAN TRAGEDY', 'Hungarian Tragedy | Peter Fryer Internet Archive'));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('3. Background to October');
  });
  it('a book line nothing repeats stays the title, as before', () => {
    const doc = tei(copy('MIA  >  Archive  >  Fryer', 'Hungarian Tragedy', 'Peter Fryer Internet Archive'));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Hungarian Tragedy');
  });
  it('a title the breadcrumb repeats, with only a date under it, stays the title', () => {
    const doc = tei(['MIA  >  Archive  >  Fryer  >  Hungarian Tragedy', '', 'Peter Fryer', '', 'Hungarian Tragedy', '', '(December 1956)', '', ...TEXT_BODY, '']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Hungarian Tragedy');
  });
  it('HTML: the h1 stays the title under a series line the footer repeats', () => {
    const html = '<html><head><title>Silhouettes</title></head><body>\n<h4>Anatoly Lunacharsky</h4>\n<h3>REVOLUTIONARY SILHOUETTES</h3>\n<h1>Plekhanov</h1>\n<p>I have few personal recollections of him, and I gladly set them down.</p>\n<p>In 1893 I left Russia for Zurich to study.</p>\n<p class="footer">Revolutionary Silhouettes</p>\n</body></html>\n';
    const r = convert(html, { file: 'page.html' });
    expect(xtext(parseTei(r.tei!), '//tei:titleStmt/tei:title')).toBe('Plekhanov');
    const text = ['Anatoly Lunacharsky', '', 'REVOLUTIONARY SILHOUETTES', '', 'Plekhanov', '', 'I have few personal recollections of him, and I gladly set them down.', '', 'In 1893 I left Russia for Zurich to study.', '', 'Revolutionary Silhouettes', 'Last updated on: 23.8.2011', ''];
    expect(xtext(tei(text), '//tei:titleStmt/tei:title')).toBe('Plekhanov');
    expect(body(tei(text)).endsWith('to study.')).toBe(true);
  });
  it('a name printed over two lines is one title, not a book line; the series line the last line repeats leaves the text', () => {
    const text = ['Anatoly Lunacharsky', '', 'REVOLUTIONARY SILHOUETTES', '', 'GEORGII VALENTINOVICH', 'PLEKHANOV', '', 'Some encounters with him', '', 'I have few personal recollections of him, and I gladly set them down.', '', 'In 1893 I left Russia for Zurich to study.', '', 'Revolutionary Silhouettes', 'Last updated on: 23.8.2011', ''];
    const doc = tei(text);
    expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]')).toBe('GEORGII VALENTINOVICH PLEKHANOV');
    expect(body(doc).endsWith('to study.')).toBe(true);
  });
  it('a last line the title zone does not print stays in the text', () => {
    const text = ['Anatoly Lunacharsky', '', 'REVOLUTIONARY SILHOUETTES', '', 'GEORGII VALENTINOVICH', 'PLEKHANOV', '', 'I have few personal recollections of him, and I gladly set them down.', '', 'In 1893 I left Russia for Zurich to study.', '', 'Long Live Plekhanov', ''];
    expect(body(tei(text)).endsWith('Long Live Plekhanov')).toBe(true);
  });
});

describe('page text and HTML: a periodical’s column over the article’s title', () => {
  const lines = (column: string): string[] => ['R. Palme Dutt', '', column, '', 'INDIAN AWAKENING', '', 'Source: The Labour Monthly, Vol. 10, June 1928', 'Transcription: Ted Crawford', '', 'The great industrial conflicts now developing in India point to a new period.', '', 'This transformation is the most important characteristic of the period.', ''];
  it('"Notes of the Month" is the column: the line under it is the title', () => {
    expect(xtext(tei(lines('Notes of the Month')), '//tei:titleStmt/tei:title')).toBe('INDIAN AWAKENING');
  });
  it('another first line above the information block stays the title', () => {
    expect(xtext(tei(lines('Notes on India')), '//tei:titleStmt/tei:title')).toBe('Notes on India');
  });
});

describe('page text and HTML: a "By X" line and a remark between the title and its date line', () => {
  const top = ['MIA  >  Archive  >  Zetkin', '', 'German Women to Their Sisters in Great Britain', '', 'By Klara Zetkin', '(International Secretary of Socialist Women)', '', '(December 1913)', '', 'From The Labour Woman, December 1913, p.111.', '', 'Dear Sisters! We write to you in a grave hour for the movement.', '', 'Socialism is International Peace!', ''];
  it('the title is above the "By" line, which names the author', () => {
    const doc = tei(top);
    expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]')).toBe('German Women to Their Sisters in Great Britain');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Klara Zetkin');
  });
  it('HTML: the same', () => {
    const html = '<html><head><title>Zetkin</title></head><body>\n<h1>German Women to Their Sisters in Great Britain</h1>\n<h2>By Klara Zetkin<br />\n(International Secretary of Socialist Women)</h2>\n<h4>(December 1913)</h4>\n<p>Dear Sisters! We write to you in a grave hour for the movement.</p>\n<p>Socialism is International Peace!</p>\n</body></html>\n';
    const r = convert(html, { file: 'page.html' });
    expect(xtext(parseTei(r.tei!), '//tei:titleStmt/tei:title[not(@type)]')).toBe('German Women to Their Sisters in Great Britain');
  });
  it('a line right above the date that is neither stays the title', () => {
    const doc = tei(top.map((l) => (l === 'By Klara Zetkin' ? 'In This Corner' : l === '(International Secretary of Socialist Women)' ? '' : l)));
    expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]')).toBe('In This Corner');
  });
});

describe('page text and HTML: an author line naming several writers', () => {
  const lines = (authors: string): string[] => [authors, '', 'On the Eve of the Indian National Congress', '', 'Source: The Labour Monthly, Vol. 20, March 1938', 'Transcription: Ted Crawford', '', 'We take this opportunity to send our heartiest greetings to the Congress.', '', 'To the Indian people the National Congress represents the National Front.', ''];
  for (const authors of ['Ben Bradley, R. Palme Dutt and Harry Pollitt', 'Ralph Miliband & Marcel Liebman']) {
    it(`"${authors}" is the author line, the line under it the title`, () => {
      const doc = tei(lines(authors));
      expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('On the Eve of the Indian National Congress');
      expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe(authors);
    });
  }
  it('a title joining two things with "and" stays the title', () => {
    const doc = tei(lines('Reform and Revolution'));
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Reform and Revolution');
  });
  it('HTML: the same names over the h1 are the author', () => {
    const html = '<html><head><title>Greetings</title></head><body>\n<h2>Ralph Miliband &amp; Marcel Liebman</h2>\n<h1>Reflections on Anti-Communism</h1>\n<p>Ever since the Bolshevik Revolution of October 1917, anti-communism has been a theme.</p>\n<p>For all its diverse forms, it rests on two contentions.</p>\n</body></html>\n';
    const doc = parseTei(convert(html, { file: 'page.html' }).tei!);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Reflections on Anti-Communism');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Ralph Miliband & Marcel Liebman');
  });
});

describe('page text and HTML: a section heading in capitals under the title and its subtitle', () => {
  const lines = (first: string, later: string): string[] => ['W. Liebknecht', '', 'No Compromise – No Political Trading', '', '(Part 2)', '', first, '', 'Pity for poverty and enthusiasm for equality are not yet socialism.', '', 'In all these appearances the real foundation is lacking.', '', later, '', 'Diversity of opinions on theoretical points is never dangerous to the party.', ''];
  it('is the first section’s heading when the text has more in capitals: not in the subtitle', () => {
    const doc = tei(lines('SOCIALISM AND ETHICS', 'WE ARE A PECULIAR PEOPLE'));
    expect(xtext(doc, '//tei:titleStmt/tei:title[@type="sub"]')).toBe('(Part 2)');
    expect(body(doc)).toContain('(Part 2) SOCIALISM AND ETHICS Pity for poverty');
  });
  it('with no other heading in capitals in the text, it stays in the subtitle', () => {
    const doc = tei(lines('SOCIALISM AND ETHICS', 'We are a peculiar people'));
    expect(xtext(doc, '//tei:titleStmt/tei:title[@type="sub"]')).toBe('(Part 2) SOCIALISM AND ETHICS');
  });
  it('HTML: the subtitle is the h3 alone', () => {
    const html = '<html><head><title>No Compromise</title></head><body>\n<h2>W. Liebknecht</h2>\n<h1>No Compromise – No Political Trading</h1>\n<h3>(Part 2)</h3>\n<h4>SOCIALISM AND ETHICS</h4>\n<p>Pity for poverty and enthusiasm for equality are not yet socialism.</p>\n<h4>WE ARE A PECULIAR PEOPLE</h4>\n<p>Diversity of opinions on theoretical points is never dangerous to the party.</p>\n</body></html>\n';
    const doc = parseTei(convert(html, { file: 'page.html' }).tei!);
    expect(xtext(doc, '//tei:titleStmt/tei:title[@type="sub"]')).toBe('(Part 2)');
  });
});

describe('page text: a quotation under the title is not a heading', () => {
  const lines = (quoted: string): string[] => ['Karl Marx', 'Critique of the Gotha Programme', '', 'Appendix', '', quoted, '', 'In no other country has the workers’ party limited itself to such a demand.', '', 'The second paragraph of the text, which ends the text here.', ''];
  for (const q of ['"2. Normal working day."', '“It is the ultimate aim of this work to lay bare the law of motion of society,”']) {
    it(`${q} opens the text`, () => {
      const doc = tei(lines(q));
      expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Appendix');
      expect(xpath(doc, '//tei:titleStmt/tei:title[@type="sub"]')).toHaveLength(0);
    });
  }
  it('a quoted title-like line without closing punctuation stays the subtitle', () => {
    const doc = tei(lines('“Normal Working Day”'));
    expect(xtext(doc, '//tei:titleStmt/tei:title[@type="sub"]')).toBe('“Normal Working Day”');
  });
});

describe('page text: a signature in brackets closing the text names its writer', () => {
  const lines = (last: string): string[] => ['MIA  >  Library  >  Tom Mann', '', 'For the Defense of Chen Du Siu', '', '(Autumn 1933)', '', 'I have read the letter addressed to me which appears in the Red Flag.', '', 'I count it my duty to continue to develop opinion till it succeeds.', '', last, '', 'Top of the page', ''];
  it('"(signed TOM MANN)" gives the author Tom Mann', () => expect(xtext(tei(lines('(signed TOM MANN)')), '//tei:titleStmt/tei:author')).toBe('Tom Mann'));
  it('a closing line naming no one gives no author', () => expect(xpath(tei(lines('(signed by the whole committee)')), '//tei:titleStmt/tei:author')).toHaveLength(0));
});

describe('page text and HTML: a link under the information block to a part printed at the foot ("Document Introduction.")', () => {
  const INTRO = 'Introduction In 1847 Engels wrote two draft programmes for the League in the form of a catechism.';
  const copy = (link: string, foot = INTRO): string[] => ['Frederick Engels 1847', '', 'The Principles of Communism', '', 'Written: October-November 1847;', 'Translated: Paul Sweezy;', '', link, '', ...TEXT, '', foot, ''];
  const html = (link: string, foot = INTRO): string =>
    `<html><head><title>x</title></head><body>\n<p class="title">Frederick Engels 1847</p>\n<h1>The Principles of Communism</h1>\n<p class="information"><span class="info">Written:</span> October-November 1847;<br>\n<span class="info">Translated:</span> Paul Sweezy;</p>\n<p class="information">${link}</p>\n<p>${TEXT[0]}</p>\n<p>${TEXT[2]}</p>\n<p>${foot}</p>\n</body></html>\n`;
  const firstParagraph = (doc: ReturnType<typeof parseTei>): string => xeval(doc, 'normalize-space((//tei:body//tei:p)[1])');
  const htmlBody = (page: string): string => {
    const r = convert(page, { file: 'page.html' });
    expectValidTei(r.tei!);
    return xeval(parseTei(r.tei!), 'normalize-space(//tei:body)');
  };
  it('the link line is furniture in the copy; the text keeps its words; HTML leaves it out of the text too', () => {
    const doc = tei(copy('Document Introduction.'));
    expect(firstParagraph(doc)).toBe(TEXT[0]);
    expect(body(doc)).toContain('Introduction In 1847');
    expect(htmlBody(html('<span class="info"><a href="#intro">Document Introduction</a></span>.'))).not.toContain('Document Introduction');
  });
  it('a heading "Introduction" under the block opens the text; a link with no such part further down stays', () => {
    expect(body(tei(copy('Introduction')))).toContain('Introduction The first paragraph');
    expect(firstParagraph(tei(copy('Document Introduction.', 'The end of the text.')))).toBe('Document Introduction.');
  });
});

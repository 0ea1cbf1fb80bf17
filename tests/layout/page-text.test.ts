/**
 * Browser copies of MIA pages (select all, copy) read through the layout engine: the facts
 * a scholar checks in the TEI. Each fixture is written here, in the shape a browser gives
 * (block elements on their own lines, a blank line between paragraphs, anchors as printed).
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';

function tei(text: string): ReturnType<typeof parseTei> {
  const r = convert(text, { file: 'copy.txt' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

const NBSP = '\u00a0';
/** The element names an XPath selects, in document order. */
const names = (doc: ReturnType<typeof parseTei>, expr: string): string[] =>
  Array.from({ length: Number(xeval(doc, `count(${expr})`)) }, (_, k) => xeval(doc, `local-name((${expr})[${k + 1}])`));

describe('page text: breadcrumb, author line, title, date line, prose information block, footer', () => {
  const doc = tei(
    [
      'MIA  >  Archive  >  Connolly',
      '',
      NBSP,
      '',
      'James Connolly',
      '',
      NBSP,
      '',
      'Labour in Dublin',
      '',
      '(October 1913)',
      '',
      'From The Irish Review (Dublin), October 1913, Vol. 3, No. 32.',
      'Transcription & HTML Mark-up: Einde O’Callaghan for the Marxists’ Internet Archive.',
      '',
      'Having been asked by the Editor to contribute a statement of the position of Labour, I do so.',
      '',
      'Ireland is a country of wonderful charity and singularly little justice.',
      '',
      NBSP,
      '',
      'Top of the page',
      '',
      'Last updated on 25 March 2022',
      '',
    ].join('\n'),
  );
  it('takes the title, not the breadcrumb, and the author line', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Labour in Dublin');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('James Connolly');
  });
  it('dates the writing from the date line under the title', () => {
    expect(xeval(doc, 'string(//tei:creation/tei:date/@when)')).toBe('1913-10');
  });
  it('reads the prose information line as the source', () => {
    expect(xtext(doc, '//tei:sourceDesc/tei:bibl')).toContain('The Irish Review');
    expect(xtext(doc, '//tei:respStmt[tei:resp="transcription/markup"]/tei:persName')).toBe('Einde O’Callaghan');
  });
  it('drops the breadcrumb and the footer: the body is the text', () => {
    expect(xpath(doc, '//tei:body//tei:p').map((n) => n.content.trim())).toEqual([
      'Having been asked by the Editor to contribute a statement of the position of Labour, I do so.',
      'Ireland is a country of wonderful charity and singularly little justice.',
    ]);
    expect(xeval(doc, 'count(//tei:text//*[contains(., "Top of the page") or contains(., "MIA")])')).toBe('0');
  });
});

describe('page text: collection line, letter, starred and numbered notes, credits and archive footer', () => {
  const doc = tei(
    [
      'Marx-Engels Correspondence 1873',
      '',
      'Engels to August Bebel',
      'In Hubertsburg',
      '',
      'Source: Marx and Engels Correspondence, International Publishers (1968);',
      'Transcribed: Sally Ryan.',
      '',
      'London, 20 June, 1873',
      '',
      'Dear Bebel',
      '',
      'It was not Hepner [1] but Yorck’s [2] letter to him which caused us to be afraid.',
      '',
      'Cordial greetings to Liebknecht.',
      '',
      'Notes',
      '',
      '* Mühlberger, Arthur. A physician, follower of Proudhon.',
      '',
      '1. Adolf Hepner (1846-1923) – German Social-Democrat.',
      '',
      '2. Theodor Yorck (?-1875) – a leading member of the movement.',
      'He died young.',
      '',
      'Transcribed by Zodiac',
      'Html Markup by Stephen Baird (1999)',
      '',
      NBSP,
      '',
      '1873 Letters | Letters Archive | Frederick Engels Internet Archive',
      '',
    ].join('\n'),
  );
  it('keeps the collection line above the title in the header, as the HTML page\'s p.title, not as the title', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Engels to August Bebel In Hubertsburg');
    expect(xtext(doc, "//tei:notesStmt/tei:note[@type='metadata'][1]")).toBe('Marx-Engels Correspondence 1873');
    expect(xtext(doc, '//tei:body')).not.toContain('Correspondence');
  });
  it('names the writer from the letter’s title', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Engels');
  });
  it('reads the opener in source order and dates the writing from it', () => {
    expect(names(doc, '//tei:opener/*')).toEqual(['dateline', 'salute']);
    expect(xeval(doc, 'string(//tei:creation/tei:date/@when)')).toBe('1873-06-20');
  });
  it('reads the starred and numbered notes under "Notes" and links the [n] anchors', () => {
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('3');
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"])')).toBe('2');
    expect(xtext(doc, '//tei:back//tei:note[@n="2"]')).toContain('He died young.');
  });
  it('takes the credits at the bottom into the header and drops the link bar', () => {
    expect(xpath(doc, '//tei:respStmt/tei:persName').map((n) => n.content)).toEqual(expect.arrayContaining(['Zodiac', 'Stephen Baird']));
    expect(xeval(doc, 'count(//tei:text//*[contains(., "Letters Archive") or contains(., "Zodiac")])')).toBe('0');
  });
});

describe('page text: a letter whose salutation comes before the place-date line', () => {
  const doc = tei(['V. I. Lenin', '', 'To the Comrades', '', 'Written: 1920', '', 'Dear Comrades,', '', 'Moscow, May 3, 1920', '', 'We write to you about the work.', '', 'It goes on well.', ''].join('\n'));
  it('keeps the salutation above the dateline, as printed', () => {
    expect(names(doc, '//tei:opener/*')).toEqual(['salute', 'dateline']);
  });
});

describe('page text: the author named only by the archive link of the footer', () => {
  const doc = tei(['The Struggle Goes On', '', 'Source: The Militant, 1934.', '', 'The workers are on strike again in the city.', '', 'They will win.', '', 'Leon Trotsky Internet Archive', ''].join('\n'));
  it('takes the author from the footer and drops the link', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Leon Trotsky');
    expect(xeval(doc, 'count(//tei:text//*[contains(., "Internet Archive")])')).toBe('0');
  });
  it('reads the link printed over two lines as one', () => {
    const two = tei(['The Struggle Goes On', '', 'Source: The Militant, 1934.', '', 'The workers are on strike again in the city.', '', 'They will win.', '', 'J. C. Mariategui', 'Internet Archive', ''].join('\n'));
    expect(xtext(two, '//tei:titleStmt/tei:author')).toBe('J. C. Mariategui');
  });
  it('a name line over another footer line is not an archive link', () => {
    const other = tei(['The Struggle Goes On', '', 'Source: The Militant, 1934.', '', 'The workers are on strike again in the city.', '', 'They will win.', '', 'J. C. Mariategui', 'Works Index', ''].join('\n'));
    expect(xpath(other, '//tei:titleStmt/tei:author')).toHaveLength(0);
  });
});

describe('page text: numbered notes without a heading', () => {
  const text = (list: string): string =>
    ['The Old Question', '', 'Source: Collected Works, 1975.', '', 'Marx wrote this in English [1] and sent it to London.', '', 'It was printed on two sheets. [2]', '', list, ''].join('\n');
  it('reads a run of "1.", "2." paragraphs at the end as the notes of the [1], [2] anchors', () => {
    const doc = tei(text('1. This phrase was written in English. – Ed.\n\n2. One sheet is 16 printed pages. – Ed.'));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('2');
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"])')).toBe('2');
  });
  it('leaves a numbered list in the text when its numbers do not run from 1', () => {
    const doc = tei(text('2. One sheet is 16 printed pages.\n\n3. And more.'));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('0');
  });
});

describe('page text: notes under a heading signed by a name ("Note by Workers Liberty")', () => {
  const doc = tei(
    [
      'The Irish Language',
      '',
      'Source: Forward, 3 May 1913.',
      '',
      'The language movement is older than the League, and it will outlive it.[1]',
      '',
      'Its work goes on in every county.',
      '',
      'Note by Workers Liberty',
      '',
      '1. This article was published in part in a pamphlet of 1975.',
      '',
    ].join('\n'),
  );
  it('reads the numbered note under the heading and links its anchor', () => {
    expect(xtext(doc, '//tei:back/tei:div[@type="notes"]/tei:head')).toBe('Note by Workers Liberty');
    expect(xtext(doc, '//tei:back//tei:note[@n="1"]')).toBe('This article was published in part in a pamphlet of 1975.');
    expect(xpath(doc, '//tei:body//tei:ref[@target="#n1"]')).toHaveLength(1);
  });
});

describe('page text: a notes heading that says whose notes follow types them', () => {
  const page = (heading: string) =>
    tei(
      [
        'Labour in Dublin',
        '',
        '(October 1913)',
        '',
        'The workers of Dublin[1] went on strike, and the employers locked them out.',
        '',
        heading,
        '',
        '[1] The transport workers of the port.',
        '',
      ].join('\n'),
    );
  it('"Translator’s Notes": the translator’s', () => {
    expect(xeval(page('Translator’s Notes'), "string(//tei:note[@n='1']/@type)")).toBe('translator');
  });
  it('"Author’s Notes": the author’s', () => {
    expect(xeval(page('Author’s Notes'), "string(//tei:note[@n='1']/@type)")).toBe('authorial');
  });
  it('"Notes" alone: the editors’, as LIA notes are by default', () => {
    expect(xeval(page('Notes'), "string(//tei:note[@n='1']/@type)")).toBe('editorial');
  });
});

describe('page text: a book line over a chapter number', () => {
  const doc = tei(
    ['Karl Marx', 'Critique of the Gotha Programme', '', 'IV', '', '', '', 'I come now to the democratic section.', '', 'First of all, according to II, the German Workers’ party strives for “the free state”.', ''].join('\n'),
  );
  it('the chapter number is the title, the book line goes to the header and names the author', () => {
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('IV');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Karl Marx');
    expect(xtext(doc, "//tei:notesStmt/tei:note[@type='metadata'][1]")).toContain('Critique of the Gotha Programme');
    expect(xtext(doc, '//tei:body')).not.toContain('Gotha');
  });
  it('without a book line above it, a number stays the opening of the text', () => {
    const plain = tei(['Labour in Dublin', '', 'IV', '', 'I come now to the democratic section.', '', 'The workers went on strike in the port.', ''].join('\n'));
    expect(xtext(plain, '//tei:titleStmt/tei:title')).toBe('Labour in Dublin');
  });
});

describe('page text: an author line in the possessive', () => {
  it('names the author without the "’s", and keeps the line’s words in the header', () => {
    const doc = tei(['Vladimir Lenin’s', '', 'The Tasks of the Youth Leagues', '', 'Written: October 2, 1920', 'Source: Collected Works, Volume 31', '', 'Comrades, today I should like to talk on the fundamental tasks of the Young Communist League.', '', 'The youth will be faced with the actual task of creating a communist society.', ''].join('\n'));
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Vladimir Lenin');
    expect(xtext(doc, "//tei:notesStmt/tei:note[@type='metadata'][1]")).toBe('Vladimir Lenin’s');
  });
});

describe('page text: a subtitle between the title and the date line', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'The workers of the port went on strike, and the employers locked them out.', '', 'The strike lasted eight months.', ''].join('\n'));
  it('the title is the first line under the author, not the subtitle right above the date line', () => {
    const doc = page(['Duncan Hallas', 'Where do we go from here?', '(An interview)', '(April 1980)']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Where do we go from here?');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Duncan Hallas');
    expect(xeval(doc, 'string(//tei:creation/tei:date/@when)')).toBe('1980-04');
  });
  it('a column’s name above the title is not the title: the line right above the date line is', () => {
    const doc = page(['Max Shachtman', 'In This Corner', 'The Hue and Cry About the Port', '(16 December 1939)']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('The Hue and Cry About the Port');
  });
  it('a title over its subtitle over the date line: the upper line is the title, the lower the subtitle', () => {
    for (const [title, subtitle] of [
      ['Four Portraits of Stalinism', 'Reviewing the Books of Duranty, Shub, Wolfe and Deutscher'],
      ['Kronstadt', 'Proletarian Spin-Off of The Russian Revolution'],
      ['Natalia Trotsky Exposes New Plot to Free Jacson', 'Bares GPU Attempts to Construct “Self-Defense” Motive as Alibi'],
      ['Politico-Economic Survey for July 1922', 'The Hague and London Conferences'],
    ] as const) {
      const doc = page(['Max Shachtman', title, subtitle, '(January 1953)']);
      expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]'), title).toBe(title);
      expect(xtext(doc, "//tei:titleStmt/tei:title[@type='sub']"), title).toBe(subtitle);
      expect(xtext(doc, '//tei:titleStmt/tei:author'), title).toBe('Max Shachtman');
      expect(xeval(doc, 'string(//tei:creation/tei:date/@when)'), title).toBe('1953-01');
    }
  });
  it('a column’s rubric over the title keeps the line above the date the title (rows COLUMN)', () => {
    for (const column of ['The Labor Movement', 'Politics', 'The Women’s Movement', 'In the International'])
      expect(xtext(page(['Alois Neurath', column, 'The Offensive of the Czech Exploiters', '(28 March 1922)']), '//tei:titleStmt/tei:title[not(@type)]'), column).toBe('The Offensive of the Czech Exploiters');
  });
  it('a title printed over two lines right above the date is the title, under whatever line', () => {
    const doc = tei(['Max Shachtman', '', 'Stalinism Today', '', 'The Hue and Cry About', '‘Poor Little Finland’', '', '(16 December 1939)', '', 'The workers of the port went on strike, and the employers locked them out.', '', 'The strike lasted eight months.', ''].join('\n'));
    expect(xtext(doc, '//tei:titleStmt/tei:title[not(@type)]')).toBe('The Hue and Cry About ‘Poor Little Finland’');
  });
});

describe('page text: the page’s book line over a chapter heading', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'The rural population to which we can address ourselves consists of quite different parts.', '', 'In the west of Germany small-scale cultivation prevails.', ''].join('\n'));
  it('the chapter heading is the title, the book line stays above it', () => {
    const doc = page(['Engels 1894: The Peasant Question in France and Germany', 'Part 1: France']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Part 1: France');
    expect(xtext(doc, '//tei:text')).toContain('The Peasant Question in France and Germany');
  });
  it('a heading that is not a chapter’s stays the subtitle', () => {
    const doc = page(['The Peasant Question in France and Germany', 'The Rural Population']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('The Peasant Question in France and Germany');
  });
  it('under an author line, the first heading stays the title (templates differ, the copy does not show which)', () => {
    const doc = page(['Karl Kautsky', 'Are the Jews a Race?', 'Chapter I', 'Race Theories']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Are the Jews a Race?');
  });
});

describe('page text: under a book line, the last heading is the title unless it only describes the text', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'Citizen Lorenzo reminds us to stick to the Rules, and Citizen Bastelica followed his example.', '', 'In both the original Statutes and the Inaugural Address we find the words.', ''].join('\n'));
  it('a "Speech by …" line under the title is not the title', () => {
    const doc = page(['The International Workingmen’s Association, 1871', 'Political action and the working class', 'Speech by Marx the London Conference of the International, September, 1871']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Political action and the working class');
  });
  it('a "Translator’s Note" heading under the title is not the title', () => {
    const doc = page(['Trotsky December 1925-March 1926', 'Problems of the British Revolution', 'Translator’s Note']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Problems of the British Revolution');
  });
  it('else the last heading under the book line is the title', () => {
    const doc = page(['Trotsky December 1925-March 1926', 'Problems of the British Revolution', 'The Labour Movement']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('The Labour Movement');
  });
});

describe('page text: a book line above the title names the author', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'What does the primitive accumulation of capital resolve itself into?', '', 'Private property, as the antithesis to social, collective property, exists only where the means of labour belong to private individuals.', ''].join('\n'));
  it('"Author. Book" and "Book by Author" over the chapter’s title', () => {
    expect(xtext(page(['Karl Marx. Capital Volume One', 'Chapter Thirty-Two: Historical Tendency of Capitalist Accumulation']), '//tei:titleStmt/tei:author')).toBe('Karl Marx');
    expect(xtext(page(['The Peasant War in Germany by Frederick Engels', 'Preface to the Second Edition (1870)']), '//tei:titleStmt/tei:author')).toBe('Frederick Engels');
  });
  it('a book line with no person’s name names no author', () => {
    expect(xpath(page(['Socialism: Utopian and Scientific', 'The Development of Utopian Socialism']), '//tei:titleStmt/tei:author')).toHaveLength(0);
  });
});

describe('page text: a "by X" line under the title names the author of this text', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'The following work appeared in the form of a series of leading articles.', '', 'It is a matter of great interest to know how the labourer is paid.', ''].join('\n'));
  it('over the author the book line names', () => {
    const doc = page(['Karl Marx\nWage Labour and Capital', 'Introduction to Karl Marx’s Wage Labour and Capital', 'by Frederick Engels']);
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Frederick Engels');
  });
  it('without it, the book line’s author stands', () => {
    const doc = page(['Karl Marx\nWage Labour and Capital', 'Introduction to Karl Marx’s Wage Labour and Capital']);
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Karl Marx');
  });
});

describe('page text: the author’s name printed twice over the title', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'The day began like any other day in the house at Coyoacán.', '', 'In the afternoon a visitor came to the gate and asked for the Old Man.', ''].join('\n'));
  it('the second name is not the title, and its words stay in the header', () => {
    const doc = page(['Natalia Sedova Trotsky', 'Natalia Sedova Trotsky', 'How it Happened']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('How it Happened');
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('Natalia Sedova Trotsky');
  });
  it('another name under the author line is still the title', () => {
    const doc = page(['Anatoly Lunacharsky', 'Yakov Mikhailovich Sverdlov']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Yakov Mikhailovich Sverdlov');
  });
});

describe('page text: a name-like line over a "by" line', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'To what degree is the situation of the republics similar to that of the semi-colonial countries?', '', 'The economic condition of these republics is, without doubt, semi-colonial.', ''].join('\n'));
  it('is the title, not the author line', () => {
    const doc = page(['ANTI-IMPERIALIST VIEWPOINT', 'by\nJ. C. MARIATEGUI\nPresented to the First Latin American Communist Conference, June 1929.']);
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('ANTI-IMPERIALIST VIEWPOINT');
  });
  it('without the "by" line, a name over the title is the author line', () => {
    const doc = page(['J. C. MARIATEGUI', 'Anti-Imperialist Viewpoint']);
    expect(xtext(doc, '//tei:titleStmt/tei:author')).toBe('J. C. MARIATEGUI');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('Anti-Imperialist Viewpoint');
  });
});

describe('page text: a letter’s title under a correspondence line names its writer', () => {
  const page = (top: string[]) =>
    tei([...top.flatMap((l) => [l, '']), 'Source: Marx and Engels Correspondence, 1968.', '', 'I can only answer your questions briefly and in general terms.', '', 'In my opinion the so-called socialist society is not anything immutable.', ''].join('\n'));
  it('without an opener', () => {
    expect(xtext(page(['Marx-Engels Correspondence 1890', 'Engels to Otto Von Boenigk In Breslau']), '//tei:titleStmt/tei:author')).toBe('Engels');
  });
  it('not under a collection line that is not correspondence', () => {
    expect(xpath(page(['Collected Works 1890', 'Engels to Otto Von Boenigk In Breslau']), '//tei:titleStmt/tei:author')).toHaveLength(0);
  });
});

describe('page text: a note without a heading whose anchor is in the title', () => {
  const text = (anchor: string): string =>
    ['Marx-Engels Correspondence 1894', '', `Engels to Borgius${anchor}`, '', 'Source: Marx and Engels Correspondence;', '', 'London, January 25, 1894', '', 'Here is the answer to your questions!', '', '(1) What we understand by the economic conditions is the method of production.', '', 'Please do not weigh each word in the above too carefully.', '', '1. This letter was first published without any mention of the addressee.', ''].join('\n');
  it('reads "1. …" at the end as the note of the title’s [1], not as text, and links it', () => {
    const doc = tei(text('[1]'));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('1');
    expect(xtext(doc, '//tei:back//tei:note[@n="1"]')).toBe('This letter was first published without any mention of the addressee.');
    expect(xeval(doc, 'count(//tei:ref[@type="noteAnchor"][@target="#n1"])')).toBe('1');
    // "(1) What we understand" opens a paragraph: an enumeration, not an anchor.
    expect(xeval(doc, 'count(//tei:body//tei:p//tei:ref[@type="noteAnchor"])')).toBe('0');
  });
  it('without the anchor, "1. …" stays the text’s last paragraph', () => {
    const doc = tei(text(''));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('0');
    expect(xtext(doc, '(//tei:body//tei:p)[last()]')).toContain('This letter was first published');
  });
});

describe('page text: anchors printed without brackets ("(1)" in a sentence, a superscript copied as a digit)', () => {
  it('links "(1)" in a sentence to the "1." note at the end, with no heading', () => {
    const doc = tei(['The Address', '', 'Source: The Bee-Hive, 1864.', '', 'It was the cotton operatives (1). But now mark! The same men spoke.', '', 'Proletarians of all countries, unite!', '', '1. We need hardly remind the reader of the elements of food.', ''].join('\n'));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('1');
    expect(xtext(doc, '//tei:body//tei:ref[@type="noteAnchor"]')).toBe('(1)');
    expect(xeval(doc, 'string(//tei:body//tei:ref[@type="noteAnchor"]/@target)')).toBe('#n1');
  });
  it('links digits glued to a stop under "Footnotes", not the enumeration before them', () => {
    const doc = tei(
      [
        'Introduction', '', 'Source: News & Letters, 1963.', '',
        'The paper prints such issues as: (1) calling for the execution of the President; (2) referring to the schools; and (3) hinting at more.', '',
        'It was the issue for a century.”1 It would have been easier to find.', '',
        'Nothing the present needs to emulate.2 It was so.', '',
        'Footnotes', '', '1 An American Dilemma, by Gunnar Myrdal, p. 469.', '', '2 “Who is Lucius Q. C. Lamar?”, News & Letters, Oct. 1962.', '',
      ].join('\n'),
    );
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('2');
    expect(xpath(doc, '//tei:body//tei:ref[@type="noteAnchor"]').map((n) => n.content)).toEqual(['1', '2']);
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"][@target])')).toBe('2');
    expect(xtext(doc, '(//tei:body//tei:p)[1]')).toContain('(1) calling');
  });
  it('links a digit set off after the last sentence of a paragraph, and leaves digits alone when no note has that number', () => {
    const withNotes = tei(['Introduction', '', 'Source: Dialectics of Nature, 1883.', '', 'It was taught in all the schools. 1', '', 'Then 2 men came.', '', 'Notes', '', '1. How tenaciously even in 1861 this view was held.', ''].join('\n'));
    expect(xeval(withNotes, 'count(//tei:body//tei:ref[@type="noteAnchor"][@target="#n1"])')).toBe('1');
    const without = tei(['Introduction', '', 'Source: Dialectics of Nature, 1883.', '', 'It was taught in all the schools. 1', '', 'Then it was.”2 And so on.', ''].join('\n'));
    expect(xeval(without, 'count(//tei:ref[@type="noteAnchor"])')).toBe('0');
  });
});

describe('page text: two series of notes, each under its heading', () => {
  const doc = tei(
    [
      'The Third Address', '', 'Source: The Civil War in France, 1871.', '',
      'Such is the minimum required by high scientific authority,(1) and by hierarchical investiture.[A]', '',
      'There it was, this Assembly, in the Jeu de Paume.(2) There it sat.[B]', '',
      'Authors Notes', '', '(1) Professor Huxley. [Note to the German edition of 1871.]', '', '(2) The tennis court where the National Assembly of 1789 met.', '',
      'Editorial Notes', '', '[A] A top-down system of appointing officials.', '', '[B] The party of the influential bourgeoisie.', '',
    ].join('\n'),
  );
  it('reads both sections, each with its heading and the type it announces', () => {
    expect(xpath(doc, '//tei:back/tei:div[@type="notes"]/tei:head').map((n) => n.content)).toEqual(['Authors Notes', 'Editorial Notes']);
    expect(xpath(doc, '//tei:back//tei:note').map((n) => n.get('@n')?.content)).toEqual(['1', '2', 'A', 'B']);
    expect(xeval(doc, "string(//tei:note[@n='1']/@type)")).toBe('authorial');
    expect(xeval(doc, "string(//tei:note[@n='A']/@type)")).toBe('editorial');
  });
  it('links the bracketed and the parenthesised anchors; no heading stays in the text', () => {
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"][@target])')).toBe('4');
    expect(xeval(doc, 'count(//tei:body//tei:p[contains(., "Notes")])')).toBe('0');
  });
});

describe('page text: lettered notes after numbered ones, and a lettered note over several paragraphs', () => {
  it('reads "A.", "B." under the heading in their order; "J. W. Draper" continues a note', () => {
    const doc = tei(
      [
        'Ludwig Feuerbach', '', 'Source: Ludwig Feuerbach, 1886.', '',
        'The volume before us (1) carries us back to a period in Germany.[A] The Jahrbucher [B] went on.', '',
        'Notes', '', '1. Ludwig Feuerbach, by K.N. Starcke, Stuttgart, 1885.', '', 'A. Engels had in mind Heine’s remarks on the revolution.', '',
        'J. W. Draper, History of the Intellectual Development of Europe.', '', 'B. The Deutsche Jahrbücher, organ of the Young Hegelians.', '',
      ].join('\n'),
    );
    expect(xpath(doc, '//tei:back//tei:note').map((n) => n.get('@n')?.content)).toEqual(['1', 'A', 'B']);
    expect(xtext(doc, "//tei:note[@n='A']")).toContain('J. W. Draper');
    expect(xeval(doc, 'count(//tei:body//tei:ref[@type="noteAnchor"][@target])')).toBe('3');
  });
  it('without a heading: "A." for the [A] anchor opens the notes, its quotation paragraphs stay in it', () => {
    const text = (anchor: string): string =>
      ['Preface', '', 'Source: A Contribution to the Critique of Political Economy, 1859.', '', `In broad outlines Asiatic${anchor}, ancient, feudal, and modern bourgeois modes of production.`, '', '[...]', '', 'A. As a second footnote to the Communist Manifesto, Engels wrote in 1888:', '', 'In 1847, the pre-history of society was all but unknown.', '', 'Thus, as the science progressed, Marx and Engels changed their descriptions.', ''].join('\n');
    const doc = tei(text('[A]'));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('1');
    expect(xeval(doc, "count(//tei:note[@n='A']/tei:p)")).toBe('3');
    const plain = tei(text(''));
    expect(xeval(plain, 'count(//tei:back//tei:note)')).toBe('0');
  });
});

describe('page text: a note no bracketed anchor points to, where the others have one', () => {
  it('stays an orphan: a number in the text ("Vol.3,") is not its anchor', () => {
    const doc = tei(['The Old Question', '', 'Source: Collected Works, 1975.', '', 'Marx wrote this [1] and sent it [2] to London, see Vol.3, p. 5.', '', 'Notes', '', '1. In English.', '', '2. By post.', '', '3. A note the text never points to.', ''].join('\n'));
    expect(xeval(doc, 'count(//tei:back//tei:note)')).toBe('3');
    expect(xpath(doc, '//tei:body//tei:ref[@type="noteAnchor"]').map((n) => n.content)).toEqual(['[1]', '[2]']);
  });
});

describe('page text: credits printed under the notes', () => {
  const text = (credits: string): string =>
    ['Preface', '', 'Source: A Contribution to the Critique of Political Economy, 1859.', '', 'In broad outlines Asiatic[A], ancient and feudal modes of production.', '', 'A. As a second footnote, Engels wrote in 1888:', '', 'In 1847, the pre-history of society was all but unknown.', '', credits, '', 'The abstracted section has been split into several paragraphs.', ''].join('\n');
  it('a paragraph of label lines after the last note goes to the header with what follows, not into the note', () => {
    const doc = tei(text('Transcription: Zodiac\nMarkup/Abstracted by: Brian Baggins\nCopyleft: Marx/Engels Internet Archive (marxists.org) 1999.'));
    expect(xeval(doc, "count(//tei:note[@n='A']/tei:p)")).toBe('2');
    expect(xpath(doc, '//tei:titleStmt/tei:respStmt/tei:persName').map((n) => n.content).sort()).toEqual(['Brian Baggins', 'Zodiac']);
  });
  it('a single "Source:" line in the last note stays the note’s text', () => {
    const doc = tei(text('Source: Marx-Engels Werke, vol. 13.'));
    expect(xeval(doc, "count(//tei:note[@n='A']/tei:p)")).toBe('4');
  });
});

describe('page text: navigation printed between two parts of the page', () => {
  const text = (nav: string[]): string =>
    [
      'MIA  >  Archive  >  Brinton',
      '',
      'Maurice Brinton',
      '',
      'The Bolsheviks and Workers’ Control',
      '',
      '1918',
      '',
      'Written: 1970',
      'Source: Solidarity, London 1970.',
      '',
      'January',
      '',
      'A new decree abolished the regional Sovnarkhozy.',
      '',
      'The glavki were to have their own subordinate organs.',
      '',
      '',
      ...nav,
      '',
      '',
      'Remarks',
      '',
      'The decree was not applied everywhere.',
      '',
      'Last updated on 1 May 2010',
      '',
    ].join('\n');

  it('"Previous: 1917 | Next: 1919" over "Table of Contents" in the middle of the page: both lines dropped, the text on both sides kept', () => {
    const r = convert(text(['Previous: 1917 | Next: 1919', 'Table of Contents']), { file: 'copy.txt' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectValidTei(r.tei!);
    const doc = parseTei(r.tei!);
    expect(xeval(doc, 'count(//tei:text//tei:p[contains(., "Previous: 1917") or contains(., "Table of Contents")])')).toBe('0');
    expect(r.diagnostics.filter((d) => d.code === 'furniture-dropped' && /Previous: 1917|Table of Contents/.test(d.message))).toHaveLength(2);
    expect(xeval(doc, 'count(//tei:text//tei:p[contains(., "not applied everywhere")])')).toBe('1');
  });

  it('"Table of Contents" with a sentence in its paragraph stays text', () => {
    const r = convert(text(['Table of Contents', 'of the decree, printed in the Izvestia, follows.']), { file: 'copy.txt' });
    expectValidTei(r.tei!);
    expect(xeval(parseTei(r.tei!), 'count(//tei:text//tei:p[contains(., "Table of Contents")])')).toBe('1');
  });
});

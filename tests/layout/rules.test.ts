/**
 * Every row of the layout engine's rule tables (src/layout/rules.ts), with wordings it must
 * take and wordings it must leave. A row with no examples fails the completeness test.
 */
import { describe, expect, it } from 'vitest';
import { FURNITURE_TAGS } from '../../src/layout/furniture.js';
import { labelRule } from '../../src/model/labels.js';
import { isAuthorsLine, signedName,
  AUTHOR,
  AUTHOR_IN_COLLECTION,
  AUTHOR_IN_BOOK_LINE,
  authorInBookLine,
  AUTHOR_LINE_FORMS,
  COLLECTION,
  COLUMN,
  isColumnLine,
  GENRE,
  isGenreLine,
  partLinked,
  SUBTITLE,
  CHAPTER,
  isChapterHeading,
  isSubtitleLine,
  FURNITURE,
  INFO_SENTENCES,
  INFO_OPENINGS,
  ARCHIVE_WORD,
  ANYWHERE_OPENINGS,
  NOTE_LABELS,
  NOTES_SECTIONS,
  TEXT_AFTER_NOTES,
  textAfterNotesRule,
  authorFrom,
  authorInCollection,
  authorLineName,
  furnitureAnywhere,
  furnitureRule,
  infoSentence,
  isFooterCompanion,
  footerSpelling,
  SURNAME_IN_BOOK_LINE,
  surnameInBookLine,
  isPartRemark,
  PART_REMARK,
  isCollectionLine,
  isBylineValue,
  isDateLine,
  isNotesHeading,
  metaAuthorName,
  isPersonName,
  noteLabel,
  notesSectionType,
  parenthesisedAnchorKeys,
  PRINTED_ANCHORS,
  printedAnchorAt,
} from '../../src/layout/rules.js';

const FURNITURE_EXAMPLES: Record<string, { yes: string[]; no: string[]; at: 'top' | 'bottom' }> = {
  breadcrumb: { at: 'top', yes: ['MIA  >  Archive  >  Connolly', 'MIA > Archive > ETOL > Trotskyist Writers > Chen Duxiu', 'MIA: Marxists: Marx & Engels: Library'], no: ['Miami, Florida', 'MIA members met in 1920.'] },
  'top of page': { at: 'bottom', yes: ['Top of the page', 'Top of page', 'Back to top of page'], no: ['The top of the page was torn off.', 'Top hats'] },
  'last updated': { at: 'bottom', yes: ['Last updated on 25 March 2022', 'Last updated: 10.1.2005', 'Last modified 2004'], no: ['Last updated, the census shows that the workers won.', 'The last update was late.'] },
  'next / previous': { at: 'bottom', yes: ['Next: Chapter Thirty-Three: The Modern Theory of Colonisation', 'Previous: Part 1'], no: ['Next, the workers took the factory.', 'Nextly: nothing'] },
  'contents links': { at: 'bottom', yes: ['Table of Contents: Manifesto of the Communist Party | Marx/Engels Library', 'Contents: Capital Volume One | Marx Library | Index'], no: ['Contents: the chapters follow in the order of the German edition.', 'Table of Contents'] },
  'index link': { at: 'bottom', yes: ['Capital Volume One Index', 'Leon Trotsky Internet Archive', 'Works Index | Volume 42 | Collected Works | L.I.A. Index', 'Frederick Engels Internet Archive', '1885 Works', 'Collected Works Table of Contents', 'Marxist Writers Archives', 'Marx/Engels Internet Archive', 'Women and Marxism - Lenin Index | Lenin Works Archive', 'Marx/Engels Biography', 'Eden & Cedar Paul Archive'], no: ['Bread & Butter & Archive & more', 'We went back to the index of prices, which had risen.', 'this is the index', 'Marx - a biography', 'He wrote the Biography'] },
  'table of contents': { at: 'bottom', yes: ['Table of Contents', 'Contents', 'Works by Date'], no: ['The contents of the letter were secret.'] },
  'link bar': { at: 'bottom', yes: ['1873 Letters | Letters Archive | Marx Engels Internet Archive', 'Home | Letters | Works'], no: ['A | B', 'one line of text'] },
  'write to the archive': { at: 'bottom', yes: ['Write Natalia Sedova Archive Administator', 'Write to the Lenin Internet Archive', 'Email the MIA Admin'], no: ['Write to the workers of Petrograd and tell them everything.', 'Write it down', 'Contact with the masses was lost'] },
  README: { at: 'top', yes: ['README'], no: ['Readme first', 'README file'] },
  'reference link': { at: 'bottom', yes: ['For Reference see while reading: Timeline of the Civil War', 'For reference, see also: Glossary of People'], no: ['For reference, the workers kept a diary of the strike.', 'For Reference'] },
  'back to': { at: 'bottom', yes: ['Back to the Daniel De Leon Internet Archive', 'Back to Peng Shuzi Archive', 'Back to Index', 'Back to the Toward A History Of The Fourth International', 'Back to the Daniel De Leon Internet Archive | As to Politics Contents Page'], no: ['Back to work, said the foreman.', 'Back to the land was their cry in 1890.', 'Back to the International Archive we went, all of us.'] },
  download: { at: 'top', yes: ['Download PDF', 'Download as ePub', 'Download the book in PDF | Download as ePub'], no: ['Download PDF files from the site, he said.', 'Downloads of PDF'] },
  'page neighbours': { at: 'top', yes: ['Previous: 1917 | Next: 1919', 'Last Chapter   |   Next Chapter', 'Back | Next'], no: ['Previous attempts failed | next time we win', 'Last year the strike failed.', 'Last Chapter'] },
  'section links': { at: 'bottom', yes: ['Next section | Top of page', 'Previous chapter | Next chapter | Contents', 'Next section'], no: ['Next, the section met in Paris.', 'The next section deals with rent.'] },
};

describe('layout rules: furniture', () => {
  it('has examples for every row', () => {
    expect(FURNITURE.map((r) => r.name).sort()).toEqual(Object.keys(FURNITURE_EXAMPLES).sort());
  });
  for (const rule of FURNITURE) {
    const ex = FURNITURE_EXAMPLES[rule.name]!;
    it(`${rule.name}: takes ${ex.yes.length} lines`, () => {
      for (const line of ex.yes) expect(furnitureRule(line, ex.at)?.name, line).toBe(rule.name);
    });
    it(`${rule.name}: leaves text`, () => {
      for (const line of ex.no) expect(rule.pattern.test(line.replace(/\s+/g, ' ').trim()), line).toBe(false);
    });
  }
  it('takes "Top of the page" and "Next section | Top of page" alone in their paragraph anywhere, and no other row', () => {
    expect(furnitureAnywhere('Top of the page')?.name).toBe('top of page');
    expect(furnitureAnywhere('Next section | Top of page')?.name).toBe('section links');
    expect(furnitureAnywhere('Last updated on 15.2.2006')).toBeUndefined();
    expect(furnitureAnywhere('Contents')).toBeUndefined();
    expect(furnitureAnywhere('Download PDF')?.name).toBe('download');
    expect(furnitureAnywhere('Previous: 1917 | Next: 1919')?.name).toBe('page neighbours');
  });
  it('takes the short title lines printed with a footer link, not a sentence or a signature', () => {
    for (const l of ['Max Shachtman', 'Collected Works Volume 26', 'Marxist Writers’']) expect(isFooterCompanion(l), l).toBe(true);
    for (const l of ['V. Ulyanov (Lenin),', 'We shall overcome.', 'yours truly']) expect(isFooterCompanion(l), l).toBe(false);
  });
  it('keeps bottom-only rows off the top of the page', () => {
    expect(furnitureRule('Next: Chapter Two', 'top')).toBeUndefined();
    expect(furnitureRule('Leon Trotsky Internet Archive', 'top')).toBeUndefined();
  });
});

const COLLECTION_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'collection word': { yes: ['Karl Marx. Capital Volume One', 'Marx-Engels Correspondence', 'Works of Frederick Engels'], no: ['Labour in Dublin', 'Engels to August Bebel'] },
  'title and year': { yes: ['Marx-Engels Correspondence 1873', 'The International Workingmen’s Association 1864', 'Marx and Engels in Neue Rheinische Zeitung June 1848', 'Trotsky December 1925-March 1926', 'The Eighteenth Brumaire of Louis Bonaparte. Karl Marx 1852'], no: ['The Year of Revolution', 'Notes from New York', 'Politico-Economic Survey for July 1922'] },
  'periodical column': { yes: ['Notes of the Month', 'NOTES OF THE WEEK', 'Review of the Quarter'], no: ['Notes on the Month of May', 'The Events of the Day Before', 'Notes'] },
};

const SUBTITLE_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  parenthesised: { yes: ['(An interview)', '(A reply to critics)'], no: ['(April 1980)', '(16 December 1939)', 'In This Corner'] },
  'speech by': { yes: ['Speech by Marx the London Conference of the International, September, 1871', 'Notes by Engels on the draft'], no: ['Speech on the Question of Free Trade', 'Address of the General Council', 'Speeches by the way'] },
  'kind of text': {
    yes: ['Interview with Paul Lafargue', 'Weekly Political Letter, No. 5', 'The First English Translation of a Marxist Classic', 'Three Discussions in Mexico City with James P. Cannon'],
    no: ['An Open Letter to Ignazio Silone', 'The Women’s Movement', 'In the International', 'Where do we go from here?'],
  },
};

describe('layout rules: subtitle lines', () => {
  it('has examples for every row', () => expect(SUBTITLE.map((r) => r.name).sort()).toEqual(Object.keys(SUBTITLE_EXAMPLES).sort()));
  for (const rule of SUBTITLE) {
    const ex = SUBTITLE_EXAMPLES[rule.name]!;
    it(rule.name, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(isSubtitleLine(line), line).toBe(false);
    });
  }
});

const COLUMN_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'place rubric': { yes: ['In This Corner', 'In the International', 'Behind the News', 'In the Colonies'], no: ['In Defence of Marxism', 'On the Jewish Question', 'Against the Stream', 'In This Corner of Europe'] },
  'movement rubric': { yes: ['The Labor Movement', 'The Women’s Movement', 'The Trade Union Movement'], no: ['The Movement of the Masses', 'Labor Movement in Spain', 'The Labor Movement in Spain'] },
  'subject rubric': { yes: ['Politics', 'Economics', 'Book Reviews'], no: ['Politics and Economics in 1922', 'Kronstadt', 'The Politics of Genoa'] },
};

describe('layout rules: a periodical’s column over the title', () => {
  it('has examples for every row', () => expect(COLUMN.map((r) => r.name).sort()).toEqual(Object.keys(COLUMN_EXAMPLES).sort()));
  for (const rule of COLUMN) {
    const ex = COLUMN_EXAMPLES[rule.name]!;
    it(rule.name, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(isColumnLine(line), line).toBe(false);
    });
  }
});

const GENRE_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'genre label': { yes: ['Book Review', 'Review', 'Reviews', 'Obituary', 'Letter', 'An Open Letter', 'Editorial', 'Film Review', 'Interview'], no: ['Review of the Month', 'A Letter to American Workers', 'Obituary of a Party', 'The Review', 'Book Reviews and Notes', 'Letters from Prison'] },
};

describe('layout rules: a genre label over or under the title (GENRE)', () => {
  it('has examples for every row', () => expect(GENRE.map((r) => r.name).sort()).toEqual(Object.keys(GENRE_EXAMPLES).sort()));
  for (const rule of GENRE) {
    const ex = GENRE_EXAMPLES[rule.name]!;
    it(rule.name, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(isGenreLine(line), line).toBe(false);
    });
  }
});

describe('layout rules: a link to a part of the page (PART_LINK)', () => {
  it('names the part when qualified or ended by a full stop; a bare heading names none', () => {
    expect(partLinked('Document Introduction.')).toBe('introduction');
    expect(partLinked('Document Introduction')).toBe('introduction');
    expect(partLinked('Preface.')).toBe('preface');
    expect(partLinked('Editor’s Glossary')).toBe('glossary');
    for (const no of ['Introduction', 'Preface', 'Document Introduction to the Reader.', 'An Introduction.', 'Introduction to Borkheim']) expect(partLinked(no), no).toBeUndefined();
  });
});

const PART_REMARK_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  abstract: { yes: ['Abstract of:', 'Abstract from the', 'Abstract', '(Excerpts)', 'Extract from'], no: ['Abstract Labour', 'Abstracts of the Congress of 1903', 'Excerpts from a Diary of the War'] },
};

describe('layout rules: a remark that the page holds part of the text', () => {
  it('has examples for every row', () => expect(PART_REMARK.map((r) => r.name).sort()).toEqual(Object.keys(PART_REMARK_EXAMPLES).sort()));
  for (const rule of PART_REMARK) {
    const ex = PART_REMARK_EXAMPLES[rule.name]!;
    it(rule.name, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(isPartRemark(line), line).toBe(false);
    });
  }
});

const CHAPTER_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'numbered division': { yes: ['Chapter XVI Karl Marx', 'Part 1: France', 'Lecture 7', 'Book One: The Person of Jesus'], no: ['Part of the Problem', 'The Chapter of Accidents', 'Lecture on Value'] },
  'front or back matter': { yes: ['INTRODUCTION [to First Edition, 1963]', '1. INTRODUCTION', 'Preface', 'Appendix'], no: ['Introduction to Borkheim', 'A Preface of Sorts', 'Preface of A Contribution to the Critique of Political Economy'] },
};

describe('layout rules: chapter headings', () => {
  it('has examples for every row', () => expect(CHAPTER.map((r) => r.name).sort()).toEqual(Object.keys(CHAPTER_EXAMPLES).sort()));
  for (const rule of CHAPTER) {
    const ex = CHAPTER_EXAMPLES[rule.name]!;
    it(rule.name, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(isChapterHeading(line), line).toBe(false);
    });
  }
});

describe('layout rules: collection lines', () => {
  it('has examples for every row', () => expect(COLLECTION.map((r) => r.name).sort()).toEqual(Object.keys(COLLECTION_EXAMPLES).sort()));
  for (const rule of COLLECTION) {
    const ex = COLLECTION_EXAMPLES[rule.name]!;
    it(`${rule.name}`, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(isCollectionLine(line), line).toBe(false);
    });
  }
});

const AUTHOR_EXAMPLES: Record<string, { yes: Array<[string, string]>; no: string[]; at: 'top' | 'bottom'; surnames?: boolean }> = {
  'name and year': { at: 'top', yes: [['Salvador Allende 1970', 'Salvador Allende'], ['Nikolai Bukharin 1922', 'Nikolai Bukharin']], no: ['Marx-Engels Correspondence 1873', 'The Peasant War 1850', "International Workingmen's Association 1868"] },
  'by X': { at: 'top', yes: [['by Frederick Engels', 'Frederick Engels'], ['By J. C. Mariategui', 'J. C. Mariategui']], no: ['by the workers of Petrograd', 'by 1920'] },
  'speech by X': { at: 'top', yes: [['Speech by Rosa Luxemburg', 'Rosa Luxemburg'], ['Article by Karl Radek.', 'Karl Radek']], no: ['Speech by the President of the Congress', 'A speech on the war'] },
  "X's speech": { at: 'top', yes: [['Frederick Engels’ Speech at the Grave of Karl Marx', 'Frederick Engels'], ["Rosa Luxemburg's Address to the Congress", 'Rosa Luxemburg']], no: ["The Workers' Speech", 'The President’s Speech to the Congress', "Lenin's Speech"] },
  'letter title': { at: 'top', yes: [['Engels to August Bebel', 'Engels'], ['Karl Marx to Ludwig Kugelmann, 30 January 1868', 'Karl Marx']], no: ['To the Workers of Petrograd', 'An answer to the critics'] },
  'archive link': { at: 'bottom', yes: [['Leon Trotsky Internet Archive', 'Leon Trotsky'], ['Works Index | James Connolly Archive', 'James Connolly']], no: ['Marxists Internet Archive', 'Letters Archive', 'Trotskyist Writers Archive'] },
  // Asked for only where the page's front can confirm the surname (layout/authors.ts, footerAuthor).
  'surname archive link': { at: 'bottom', surnames: true, yes: [['Trotsky Internet Archive', 'Trotsky'], ['Contents | Trotsky On Britain | Trotsky Internet Archive', 'Trotsky'], ['Brendel Archive | MIA', 'Brendel']], no: ['Marxists Internet Archive', 'Letters Archive', 'Subject Archive', 'Trotsky On Britain', 'Leon Trotsky Internet Archive', 'Trotskyist Writers Archive'] },
};

describe('layout rules: authors', () => {
  it('has examples for every row', () => expect(AUTHOR.map((r) => r.name).sort()).toEqual(Object.keys(AUTHOR_EXAMPLES).sort()));
  for (const rule of AUTHOR) {
    const ex = AUTHOR_EXAMPLES[rule.name]!;
    it(`${rule.name}: names the author`, () => {
      for (const [line, name] of ex.yes) expect(authorFrom(line, ex.at, ex.surnames), line).toMatchObject({ name, rule: { name: rule.name } });
    });
    it(`${rule.name}: leaves lines that name no one`, () => {
      for (const line of ex.no) expect(authorFrom(line, ex.at, ex.surnames)?.rule.name, line).not.toBe(rule.name);
    });
  }
});

describe('layout rules: notes headings and labels', () => {
  it('knows every heading spelling', () => {
    for (const h of ['Notes', 'Footnotes', 'Endnotes', 'Notes:', "Editor's Notes", 'Editors’ Notes', "Translator's Notes", 'Notes and References', 'Note', 'NOTES', 'Editorial Notes', 'Authors Notes', 'Translator’s Note', 'Notes by the Translator', 'Note by Workers Liberty', 'Notes by Engels', 'Footnote by MIA', 'Endnotes by Max Shachtman', 'Foot notes', 'End Notes', 'FOOTNOTES (by Tim Davenport):', 'Notes (by the Editor)'])
      expect(isNotesHeading(h), h).toBe(true);
    for (const h of ['Notes from New York', 'Notes on the War', 'A note', 'Foot soldiers', 'References to the war', 'Notes of a Publicist', 'Notes by the way', 'Notes by which we live on', 'Footnote by footnote', 'Notes (by the way)', 'Notes (continued)']) expect(isNotesHeading(h), h).toBe(false);
  });
  const LABELS: Record<string, { yes: Array<[string, string] | [string, string, string]>; no: string[] }> = {
    bracketed: { yes: [['[1] Adolf Hepner', '1'], ['[a] See above', 'a'], ['[*] Mühlberger', '*']], no: ['[sic] text', '[The first page is missing]'] },
    numbered: { yes: [['1. Adolf Hepner (1846-1923)', '1'], ['12) Theodor Yorck', '12'], ['3*. Plekhanov is mistaken in his reference', '3*'], ['2.The canard that the Palace was built', '2']], no: ['1.5 million workers', '1920. The year', '3**. Two stars', '2.THE', '1.A'] },
    'bare number': { yes: [['39 This work, written on the basis of a concrete analysis', '39'], ['7 “The free state”', '7']], no: ['1848 was a year of revolutions', '12 workers were killed', '1. A numbered note'] },
    parenthesised: { yes: [['(1) The volume before us', '1'], ['(a) Marx means', 'a']], no: ['(1920) was a year'] },
    starred: { yes: [['* Mühlberger, Arthur.', '*'], ['† Died 1883', '†']], no: ['*emphasis*', '* * *'] },
    lettered: { yes: [['a. The French edition', 'a'], ['b) See note 3', 'b']], no: ['a. b. c.', 'an example'] },
    // In its order only: "A." opens the series, "B." follows "A." (the key of the note before, after the line).
    'capital lettered': { yes: [['A. Engels had in mind Heine’s remarks', 'A'], ['B. The Deutsche Jahrbücher', 'B', 'A'], ['C) Satirical papers', 'C', 'B']], no: ['J. W. Draper, History of the Intellectual Development', 'C. Smith wrote the review|A', 'B. The second note|1', 'A. B. C.'] },
  };
  it('has examples for every label row', () => expect(NOTE_LABELS.map((r) => r.name).sort()).toEqual(Object.keys(LABELS).sort()));
  for (const rule of NOTE_LABELS) {
    const ex = LABELS[rule.name]!;
    it(`${rule.name} labels`, () => {
      for (const [line, key, before] of ex.yes) expect(noteLabel(line, true, { key: before }), line).toMatchObject({ key, rule: { name: rule.name } });
      for (const no of ex.no) {
        const [line, before] = no.split('|') as [string, string | undefined];
        expect(noteLabel(line, true, { key: before })?.rule.name, line).not.toBe(rule.name);
      }
    });
  }
  it('reads labels that count in their order only for callers that give the note before', () => {
    expect(noteLabel('A. Engels had in mind', true)).toBeUndefined();
    expect(noteLabel('A. Engels had in mind', true, { key: undefined })?.key).toBe('A');
  });
  it('takes only bracketed labels outside a notes section', () => {
    expect(noteLabel('1. The first point of the programme', false)).toBeUndefined();
    expect(noteLabel('[1] A note', false)?.key).toBe('1');
  });
});

const AFTER_NOTES_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  separator: { yes: ['* * *', '***', '· · ·'], no: ['* The note of the star.', '1. The first note.', '—'] },
  'section heading': { yes: ['Literature', 'Trotsky’s speech', 'Appendix', 'Preface (1891)', 'II'], no: ['This motion was rejected after a very harsh speech by Zinoviev.', 'Notes', 'Editorial Notes', '2. The second note', 'ibid., p. 73.', 'see the Collected Works, Vol. 3, and the letters of that year as well as the notes'] },
};

describe('layout rules: text after the notes', () => {
  it('has examples for every row', () => expect(TEXT_AFTER_NOTES.map((r) => r.name).sort()).toEqual(Object.keys(AFTER_NOTES_EXAMPLES).sort()));
  for (const rule of TEXT_AFTER_NOTES) {
    const ex = AFTER_NOTES_EXAMPLES[rule.name]!;
    it(`${rule.name}: hands the page back to the text`, () => {
      for (const line of ex.yes) expect(textAfterNotesRule(line)?.name, line).toBe(rule.name);
    });
    it(`${rule.name}: leaves notes and their lines`, () => {
      for (const line of ex.no) expect(textAfterNotesRule(line)?.name, line).not.toBe(rule.name);
    });
  }
});

const INFO_EXAMPLES: Record<string, { yes: Array<[string, string, string]>; no: string[] }> = {
  'originally published': { yes: [['Originally published in The Militant, 1934', 'Originally published in', 'The Militant, 1934'], ['First published in Pravda No. 5', 'First published in', 'Pravda No. 5']], no: ['Published widely, the book sold well in every town.'] },
  'this version from': { yes: [['This version from Selected Works, Vol. 2', 'This version from', 'Selected Works, Vol. 2'], ['Copied with thanks from the Workers Liberty Website.', 'Copied with thanks from', 'the Workers Liberty Website.'], ['Downloaded with thanks from Endpage.com.', 'Downloaded with thanks from', 'Endpage.com.'], ['English version and title from International Viewpoint.', 'English version and title from', 'International Viewpoint.']], no: ['This version is shorter.', 'Downloaded files from the server were lost.', 'English workers from the north went on strike.'] },
  'from a publication': { yes: [['From The Irish Review (Dublin), October 1913.', 'From', 'The Irish Review (Dublin), October 1913.'], ['From Labour Monthly, Vol. 4', 'From', 'Labour Monthly, Vol. 4'], ['From The Militant.', 'From', 'The Militant.']], no: ['From the manuscript.', 'from time to time', 'From N.E.P. to Socialism', 'From Feudalism to Capitalism'] },
  'translated by': { yes: [['Translated by Marianela D’Aprile', 'Translated by', 'Marianela D’Aprile'], ['Translation by Mike B.', 'Translation by', 'Mike B.'], ['Translated from German by Ted Crawford', 'Translated from German by', 'Ted Crawford']], no: ['Translated, the word means “council”.'] },
  'transcribed and marked up by': { yes: [['Transcription and mark-up by Einde O’Callaghan', 'Transcription and mark-up by', 'Einde O’Callaghan'], ['Transcribed & marked up by Einde O’Callaghan for the Marxists’ Internet Archive.', 'Transcribed & marked up by', 'Einde O’Callaghan for the Marxists’ Internet Archive.'], ['Transcribed/HTML markup by Zodiac', 'Transcribed/HTML markup by', 'Zodiac']], no: ['Transcribed by Zodiac', 'Transcribed & marked, the copy went to print.'] },
  'transcribed by': { yes: [['Transcribed by Zodiac', 'Transcribed by', 'Zodiac'], ['Transcription by Ted Crawford', 'Transcription by', 'Ted Crawford']], no: ['Transcribed, it fills ten pages.', 'Transcribed & marked up by Einde O’Callaghan'] },
  'marked up by': { yes: [['Html Markup by Stephen Baird (1999)', 'Html Markup by', 'Stephen Baird (1999)'], ['Corrected & marked up by Einde O’Callaghan', 'Corrected & marked up by', 'Einde O’Callaghan'], ['Marked-up by Jonas Holmgren for the Marxists Internet Archive.', 'Marked-up by', 'Jonas Holmgren for the Marxists Internet Archive.']], no: ['Marked up prices hurt the workers.', 'Marked-up prices hurt the workers.'] },
  'proofread by': { yes: [['Proofread by Chris Clayton', 'Proofread by', 'Chris Clayton']], no: ['Proofreading is slow work.'] },
  delivered: { yes: [['Delivered on 5 May 1920 in Moscow', 'Delivered on', '5 May 1920 in Moscow']], no: ['Delivered to the door by the postman.'] },
  'published according to': { yes: [['Published according to the manuscript', 'Published according to', 'the manuscript'], ['Published according to the Pravda text', 'Published according to', 'the Pravda text']], no: ['Published, according to the police, in secret.', 'It was published according to plan.'] },
  written: { yes: [['Written in April 1921', 'Written in', 'April 1921'], ['Written 12 May 1871', 'Written', '12 May 1871']], no: ['Written words matter more than speeches.', 'Written for the red funeral of Alfred Linnell, who died from injuries received from the police, November 13th, 1887.', 'Written by a friend of the family in 1921.'] },
};

describe('layout rules: prose information sentences', () => {
  it('has examples for every row', () => expect(INFO_SENTENCES.map((r) => r.name).sort()).toEqual(Object.keys(INFO_EXAMPLES).sort()));
  for (const rule of INFO_SENTENCES) {
    const ex = INFO_EXAMPLES[rule.name]!;
    it(`${rule.name}: label and value`, () => {
      for (const [line, label, value] of ex.yes) expect(infoSentence(line), line).toMatchObject({ label, value, rule: { name: rule.name, role: rule.role } });
    });
    it(`${rule.name}: leaves prose`, () => {
      for (const line of ex.no) expect(infoSentence(line)?.rule.name, line).not.toBe(rule.name);
    });
  }
});

describe('layout rules: date lines', () => {
  it('takes a date line under a title', () => {
    for (const s of ['(October 1913)', 'March 1912', 'London, 20 June, 1873', '(14-21 July, 1889)', 'January 1851']) expect(isDateLine(s), s).toBe(true);
  });
  it('leaves sentences and titles', () => {
    for (const s of ['In 1913 the workers of Dublin went on strike against the employers.', 'Labour in Dublin', 'The Year 1905 and After the Revolution of the Workers', 'Preface to the First Edition, 1884']) expect(isDateLine(s), s).toBe(false);
  });
});

const AUTHOR_LINE_EXAMPLES: Record<string, { yes: Array<[string, string]>; no: string[] }> = {
  possessive: { yes: [["Vladimir Lenin's", 'Vladimir Lenin'], ['Rosa Luxemburg’s', 'Rosa Luxemburg']], no: ["Workers' Paper", 'The Party’s'] },
  'name alone': { yes: [['Duncan Hallas', 'Duncan Hallas'], ['J. D. Bernal.', 'J. D. Bernal']], no: ['The Communist International', 'Speeches and Writings', 'Frederick Engels. Anti-Dühring'] },
  'name and year': { yes: [['Otto Bauer 1912', 'Otto Bauer'], ['Frederick Engels (1883)', 'Frederick Engels'], ['Rosa Luxemburg, 1915', 'Rosa Luxemburg']], no: ['Marx-Engels Correspondence 1873', 'The Peasant War 1850'] },
  'name: work': { yes: [["Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx", 'Rudolf Hilferding']], no: ['Note: this text is incomplete', 'Editorial Board: The Crisis of the Party'] },
};

describe('layout rules: what an author line holds besides the name', () => {
  it('has examples for every row', () => expect(AUTHOR_LINE_FORMS.map((r) => r.name).sort()).toEqual(Object.keys(AUTHOR_LINE_EXAMPLES).sort()));
  for (const rule of AUTHOR_LINE_FORMS) {
    const ex = AUTHOR_LINE_EXAMPLES[rule.name]!;
    it(`${rule.name}`, () => {
      for (const [line, name] of ex.yes) expect(authorLineName(line), line).toBe(name);
      for (const line of ex.no) expect(authorLineName(line), line).toBeUndefined();
    });
  }
});

const COLLECTION_AUTHOR_EXAMPLES: Record<string, { yes: Array<[string, string]>; no: string[] }> = {
  'works of X': { yes: [['Works of Frederick Engels 1885', 'Frederick Engels'], ['Collected Works of Karl Marx', 'Karl Marx']], no: ['Works of the Communist International 1921', 'Works by Date'] },
  'X in paper date': { yes: [['Marx and Engels in Neue Rheinische Zeitung June 1848', 'Marx and Engels'], ['Frederick Engels in The Northern Star 1847', 'Frederick Engels']], no: ['Articles in Neue Rheinische Zeitung June 1848', 'Revolution in Germany 1848', 'Lenin in Pravda May 1917'] },
  'work, X. year': {
    yes: [['The Trade Unions: Communist Theory and Practice of Trade Unionism, Lance Sharkey. 1961', 'Lance Sharkey'], ['Socialism and War, Gregory Zinoviev 1915', 'Gregory Zinoviev']],
    no: ['Selected Works, Moscow 1961', 'Speeches and Articles, Volume Two. 1961', 'History of the Party, Foreign Languages Press 1961', 'Berlin, March 1961', 'Marx. Value, Price and Profit 1865'],
  },
  'work. X (year)': { yes: [['Dialectics of Nature. Frederick Engels (1883)', 'Frederick Engels']], no: ['Marx-Engels Correspondence 1873', 'Capital. Volume One (1867)', 'Karl Marx. Capital Volume One'] },
};

describe('layout rules: a collection line that names its author', () => {
  it('has examples for every row', () => expect(AUTHOR_IN_COLLECTION.map((r) => r.name).sort()).toEqual(Object.keys(COLLECTION_AUTHOR_EXAMPLES).sort()));
  for (const rule of AUTHOR_IN_COLLECTION) {
    const ex = COLLECTION_AUTHOR_EXAMPLES[rule.name]!;
    it(`${rule.name}`, () => {
      for (const [line, name] of ex.yes) expect(authorInCollection(line), line).toMatchObject({ name, rule: { name: rule.name } });
      for (const line of ex.no) expect(authorInCollection(line), line).toBeUndefined();
    });
  }
});

const BOOK_LINE_AUTHOR_EXAMPLES: Record<string, { yes: Array<[string, string]>; no: string[] }> = {
  'work. X year': { yes: [['The Eighteenth Brumaire of Louis Bonaparte. Karl Marx 1852', 'Karl Marx']], no: ['Marx-Engels Correspondence 1873', 'Capital. Volume One 1867'] },
  'X: work': { yes: [['Karl Marx. Capital Volume One', 'Karl Marx'], ['Rudolf Hilferding: Böhm-Bawerk’s Criticism of Marx', 'Rudolf Hilferding']], no: ['Socialism: Utopian and Scientific', 'Marx. Value, Price and Profit 1865', 'The Third Address: May, 1871', 'Dora B. Montefiore 1917'] },
  'work by X': { yes: [['The Peasant War in Germany by Frederick Engels', 'Frederick Engels']], no: ['Third Letter by Jos. Wagner and the Editors', 'Killed by the Police'] },
};

describe('layout rules: a book line that names its author', () => {
  it('has examples for every row', () => expect(AUTHOR_IN_BOOK_LINE.map((r) => r.name).sort()).toEqual(Object.keys(BOOK_LINE_AUTHOR_EXAMPLES).sort()));
  for (const rule of AUTHOR_IN_BOOK_LINE) {
    const ex = BOOK_LINE_AUTHOR_EXAMPLES[rule.name]!;
    it(`${rule.name}`, () => {
      for (const [line, name] of ex.yes) expect(authorInBookLine(line), line).toMatchObject({ name, rule: { name: rule.name } });
      for (const line of ex.no) expect(authorInBookLine(line)?.rule.name, line).not.toBe(rule.name);
    });
  }
});

describe('layout rules: the author a <meta name="author"> names', () => {
  it('takes the fullest of several forms of one name', () => {
    expect(metaAuthorName('H.M. Hyndman, Henry Mayers Hyndman')).toBe('Henry Mayers Hyndman');
    expect(metaAuthorName('Karl Marx')).toBe('Karl Marx');
  });
  it('keeps two people as printed and refuses a body of people', () => {
    expect(metaAuthorName('Nikolai Bukharin, Evgenii Preobrazhensky')).toBe('Nikolai Bukharin, Evgenii Preobrazhensky');
    expect(metaAuthorName('World Peace Council')).toBeUndefined();
    expect(metaAuthorName('Communist Party of Great Britain')).toBeUndefined();
  });
  it('refuses a name cut short after "and"', () => {
    expect(metaAuthorName(' Marx and ')).toBeUndefined();
    expect(metaAuthorName('Marx & ')).toBeUndefined();
    expect(metaAuthorName('Marx and Engels')).toBe('Marx and Engels');
  });
});

describe('layout rules: bylines and the kinds of text a letter title names', () => {
  it('a date field holding "by X" and no date is a byline', () => {
    for (const v of ['by Max Eastman;', 'by Tim Davenport']) expect(isBylineValue(v), v).toBe(true);
    for (const v of ['by 1920', 'June 2, 1919', 'by the end of May 1917', 'bygone days']) expect(isBylineValue(v), v).toBe(false);
  });
  it('"Letter to Harold Macmillan" names no writer; "Engels to Bebel" does', () => {
    for (const t of ['Letter to Harold Macmillan', 'Open Letter to Ignazio Silone', 'Reply to Kautsky', 'Greetings to Comrade Zinoviev']) expect(authorFrom(t, 'top')?.rule.name, t).not.toBe('letter title');
    expect(authorFrom('Engels to Bebel', 'top')?.name).toBe('Engels');
  });
});

describe('metadata labels of a date', () => {
  it('"Recorded:", "Sent:", "Dated:", "Speech delivered:" give the date of writing', () => {
    for (const l of ['Recorded', 'Sent', 'Dated', 'Speech delivered', 'Written', 'Delivered']) expect(labelRule(l)?.role, l).toBe('written');
  });
  it('"Written by:" is a byline, not a date; "Translated by" keeps its role', () => {
    expect(labelRule('Written by')?.role).toBe('other');
    expect(labelRule('Sent by:')?.role).toBe('other');
    expect(labelRule('Translated by')?.role).toBe('translated');
    expect(labelRule('Sender')).toBeUndefined();
  });
});

describe('furniture by element', () => {
  it('<footer> and <nav> hold navigation; <p> and <section> do not', () => {
    expect(FURNITURE_TAGS.has('footer') && FURNITURE_TAGS.has('nav')).toBe(true);
    expect(FURNITURE_TAGS.has('p') || FURNITURE_TAGS.has('section')).toBe(false);
  });
});

describe('metadata labels of credits', () => {
  it('"Transcribed & marked up by", "Transcribed/HTML Markup" are transcription and markup', () => {
    for (const l of ['Transcribed & marked up by', 'Transcribed and marked up by', 'Transcribed/HTML Markup', 'Transcription/HTML Markup/Minor Editing']) expect(labelRule(l)?.role, l).toBe('transcriptionMarkup');
    expect(labelRule('Transcribed by')?.role).toBe('transcribed');
  });
  it('"Translated from German by" is a translation; "Translated from the" is not a label', () => {
    for (const l of ['Translated from German by', 'Translated from Russian by', 'Translation from French']) expect(labelRule(l)?.role, l).toBe('translated');
    expect(labelRule('Translated from the original by')).toBeUndefined();
  });
});

const NOTES_SECTION_EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  translator: { yes: ["Translator's Notes", 'Translator’s Note', 'Notes by the Translator', 'Translators’ Notes'], no: ['Notes', 'Translation of the Notes'] },
  author: { yes: ["Author's Notes", 'Authors Notes', 'Notes by the Author'], no: ['Notes', 'Notes of an Author'] },
  editor: { yes: ["Editor's Notes", 'Editorial Notes', 'Notes by the Editor', 'Publisher’s Notes', 'Notes by the Publishers'], no: ['Notes', 'Footnotes', 'Notes on the Editorial'] },
};

describe('layout rules: whose notes a notes heading announces (two series: author\'s and editors\')', () => {
  it('has examples for every row', () => expect(NOTES_SECTIONS.map((r) => r.name).sort()).toEqual(Object.keys(NOTES_SECTION_EXAMPLES).sort()));
  for (const rule of NOTES_SECTIONS) {
    const ex = NOTES_SECTION_EXAMPLES[rule.name]!;
    it(`${rule.name}`, () => {
      for (const h of ex.yes) expect(notesSectionType(h), h).toMatchObject({ name: rule.name, type: rule.type });
      for (const h of ex.no) expect(notesSectionType(h)?.name, h).not.toBe(rule.name);
    });
  }
});

const SURNAME_EXAMPLES: Record<string, { yes: Array<[string, string]>; no: Array<[string, string]> }> = {
  'Surname. work year': { yes: [['Marx. Value, Price and Profit 1865', '']], no: [['Marx. Value, Price and Profit', ''], ['Karl Marx. Capital Volume One 1867', ''], ['Letters. Selected Writings 1865', '']] },
  'Surname year: work': {
    yes: [['Engels 1894: The Peasant Question in France and Germany', 'Marx Engels Archive | Contents']],
    no: [['Germany 1848: The Revolution Begins', 'Marx Engels Archive | Contents'], ['Engels 1894: The Peasant Question in France and Germany', 'Contents'], ['Engels 1894: The Peasant Question', 'Engelsberg Archive']],
  },
};

describe('layout rules: a book line naming its author by the surname', () => {
  it('has examples for every row', () => expect(SURNAME_IN_BOOK_LINE.map((r) => r.name).sort()).toEqual(Object.keys(SURNAME_EXAMPLES).sort()));
  for (const rule of SURNAME_IN_BOOK_LINE) {
    const ex = SURNAME_EXAMPLES[rule.name]!;
    it(rule.name, () => {
      for (const [line, footer] of ex.yes) expect(surnameInBookLine(line, footer)?.rule.name, line).toBe(rule.name);
      for (const [line, footer] of ex.no) expect(surnameInBookLine(line, footer), line).toBeUndefined();
    });
  }
});

describe('layout rules: an author line in capitals, spelt as the footer spells the name', () => {
  it('takes the footer archive link\'s spelling of the same name', () => {
    expect(footerSpelling('KIM IL SUNG', ['Kim Il Sung Internet Archive  |   Marxists Internet Archive'])).toBe('Kim Il Sung');
    expect(footerSpelling('RAYA DUNAYEVSKAYA', ['Raya Dunayevskaya Archive'])).toBe('Raya Dunayevskaya');
  });
  it('leaves a name with small letters, another name, and a footer without an archive link', () => {
    expect(footerSpelling('Kim Il Sung', ['KIM IL SUNG Internet Archive'])).toBeUndefined();
    expect(footerSpelling('KIM IL SUNG', ['Raya Dunayevskaya Archive'])).toBeUndefined();
    expect(footerSpelling('KIM IL SUNG', ['Top of the page'])).toBeUndefined();
  });
});

describe('layout rules: note anchors a browser copy prints without brackets', () => {
  // [text, key, marker found] and [text, key] where the row must find nothing.
  const EXAMPLES: Record<string, { yes: Array<[string, string, string]>; no: Array<[string, string]> }> = {
    'glued number': {
      yes: [['for a century.”1 It would have been', '1', '1'], ['needs to emulate.2 It', '2', '2'], ['Education and Fine Arts.1', '1', '1'], ['the Entente1 and', '1', '1']],
      no: [['Vol.I, p.93f.', '93'], ['pi is 3.14 today', '14'], ['the CO2 level', '2'], ['in 1917 the', '7'], ['2 men', '2']],
    },
    'number before the last stop': {
      yes: [['exercised upon the bureau 1.', '1', '1'], ['between Morris and Keir Hardie 2.', '2', '2']],
      no: [['as we showed in chapter 1.', '1'], ['see p. 3.', '3'], ['the bureau 1. More text', '1'], ['1.', '1']],
    },
    'number after a sentence': {
      yes: [['taught in all the schools. 1', '1', '1'], ['as he wrote.” 3', '3', '3']],
      no: [['there were 1', '1'], ['schools. 1 More text', '1'], ['1', '1']],
    },
    parenthesised: {
      yes: [['the cotton operatives (1). But', '1', '(1)'], ['high scientific authority,(1) is', '1', '(1)'], ['the volume before us (1) carries', '1', '(1)'], ['see the French text (a).', 'a', '(a)']],
      no: [['such seditious issues as: (1) calling for', '1'], ['of bigotry; and (5) frothing', '5'], ['(1) What we understand', '1'], ['the year (1920) was', '1']],
    },
  };
  it('has examples for every row', () => expect(PRINTED_ANCHORS.map((r) => r.name).sort()).toEqual(Object.keys(EXAMPLES).sort()));
  for (const rule of PRINTED_ANCHORS) {
    it(rule.name, () => {
      const ex = EXAMPLES[rule.name]!;
      for (const [text, key, marker] of ex.yes) expect(printedAnchorAt(rule, key, text, 0)?.marker, text).toBe(marker);
      for (const [text, key] of ex.no) expect(printedAnchorAt(rule, key, text, 0), text).toBeUndefined();
    });
  }
  it('lists the parenthesised anchors of a line, not its enumeration', () => {
    expect(parenthesisedAnchorKeys('the operatives (1). But as: (2) one; and (3) two, see (a)')).toEqual(['1', 'a']);
  });
});

describe('layout rules: a person\'s name', () => {
  it('takes names, with particles and two people joined by "and"', () => {
    for (const n of ['Vladimir Lenin', 'Marx and Engels', 'Otto von Boenigk', 'Einde O’Callaghan']) expect(isPersonName(n), n).toBe(true);
  });
  it('leaves a possessive and a name cut short after "and"', () => {
    for (const n of ['Vladimir Lenin’s', "Vladimir Lenin's", 'Marx and', 'Karl Marx &']) expect(isPersonName(n), n).toBe(false);
  });
});

describe('layout rules: an author line naming several writers', () => {
  for (const yes of ['Ben Bradley, R. Palme Dutt and Harry Pollitt', 'Ralph Miliband & Marcel Liebman', 'Karl Marx and Frederick Engels']) it(`"${yes}" is one`, () => expect(isAuthorsLine(yes)).toBe(true));
  for (const no of ['Marx and Engels', 'Reform and Revolution', 'Ralph Miliband', 'War and Peace in Europe', 'Bread, Peace and Land']) it(`"${no}" is not`, () => expect(isAuthorsLine(no)).toBe(false));
});

describe('layout rules: a signature in brackets at the end of the text', () => {
  for (const [line, name] of [['(signed TOM MANN)', 'Tom Mann'], ['(Signed) Harry Pollitt', 'Harry Pollitt'], ['(signed: R. Palme Dutt)', 'R. Palme Dutt']] as const) it(`"${line}" names ${name}`, () => expect(signedName(line)).toBe(name));
  for (const line of ['(signed by the whole committee)', 'Signed and sealed', '(signed)', 'The treaty was signed in Paris.']) it(`"${line}" names no one`, () => expect(signedName(line)).toBeUndefined());
});

/**
 * `infoSentence` and `furnitureAnywhere` skip a line whose first letter opens none of their
 * rows without trying them: each row's examples, their first character replaced by every
 * character of the BMP, match only with one of the listed openings.
 */
describe('layout rules: the letters rows open with (lines are skipped by their first letter)', () => {
  const bmp = Array.from({ length: 0x10000 }, (_, c) => c)
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCharCode(c));
  const openers = (pattern: RegExp, line: string): string[] => bmp.filter((c) => pattern.test(c + line.slice(1)));
  it('INFO_SENTENCES', () => {
    for (const rule of INFO_SENTENCES) {
      for (const [line] of INFO_EXAMPLES[rule.name]!.yes) for (const c of openers(rule.pattern, line)) expect(INFO_OPENINGS, `${rule.name}: ${c}${line.slice(1)}`).toContain(c);
    }
  });
  it('each row of INFO_SENTENCES by its own letters (infoSentence tries a row only on a line opening with one)', () => {
    for (const rule of INFO_SENTENCES) {
      expect(rule.opens, rule.name).toBeDefined();
      for (const c of rule.opens!) expect(INFO_OPENINGS, rule.name).toContain(c);
      for (const [line] of INFO_EXAMPLES[rule.name]!.yes) for (const c of openers(rule.pattern, line)) expect(rule.opens, `${rule.name}: ${c}${line.slice(1)}`).toContain(c);
    }
  });
  it('the rows furniture anywhere', () => {
    for (const rule of FURNITURE.filter((r) => r.anywhere === true)) {
      for (const line of FURNITURE_EXAMPLES[rule.name]!.yes) for (const c of openers(rule.pattern, line.replace(/\s+/g, ' ').trim())) expect(ANYWHERE_OPENINGS, `${rule.name}: ${c}${line.slice(1)}`).toContain(c);
    }
  });
});

describe('layout rules: a footer line without the archive word names no author', () => {
  it('every bottom row of AUTHOR needs the word as printed', () => {
    for (const rule of AUTHOR.filter((r) => r.where !== 'top')) {
      expect(rule.where, rule.name).toBe('bottom');
      expect(rule.pattern.flags, rule.name).not.toContain('i');
      expect(rule.pattern.source, rule.name).toContain(ARCHIVE_WORD);
      // The word is a literal of the pattern, outside any alternative: a line without it fails.
      expect(rule.pattern.test('Leon Trotsky Internet Archive'.replace(ARCHIVE_WORD, 'Library')), rule.name).toBe(false);
    }
    expect(authorFrom('Leon Trotsky Internet Archive', 'bottom')?.name).toBe('Leon Trotsky');
    expect(authorFrom('Leon Trotsky Internet archive', 'bottom')).toBeUndefined();
  });
});

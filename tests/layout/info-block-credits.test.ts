/**
 * The information block and its credit lines, read the same from a page's HTML and from its
 * browser copy: prose blocks whatever their first line, labels that are not fields (a dialogue's
 * speakers, a caption), who is credited with what, and who distributes the page.
 */
import { XmlElement } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { creditsIn } from '../../src/tei/header.js';
import { xpath, xtext } from '../helpers/tei.js';
import { TEXT, convertedDoc, esc, type Doc } from '../helpers/front.js';

const doc = convertedDoc;

/** A page: its title, the lines of its information block, the text; `before` printed between the title and the block. */
function copy(info: string[], text = TEXT, before: string[] = []): string {
  return ['Robert Smillie', '', 'The Power of Jobs', '', '(March 1922)', '', ...before.flatMap((p) => [p, '']), ...info, '', ...text.flatMap((p) => [p, '']), ''].join('\n');
}
function html(info: string[], text = TEXT, before: string[] = []): string {
  return (
    '<html><head><title>The Power of Jobs</title></head><body>\n<p class="title">Robert Smillie</p>\n<h1>The Power of Jobs</h1>\n<h4>(March 1922)</h4>\n' +
    before.map((p) => `<p>${esc(p)}</p>\n`).join('') +
    `<p class="information">${info.map(esc).join('<br />\n')}</p>\n${text.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n</body></html>\n`
  );
}
const both = (info: string[], text = TEXT, before: string[] = []): Doc[] => [doc(copy(info, text, before), 'copy.txt'), doc(html(info, text, before), 'page.html')];

/** "resp: kind name" for each respStmt but the converter's own. */
function credits(d: Doc): string[] {
  const stmt = '//tei:titleStmt/tei:respStmt[not(@xml:id)]';
  return xpath(d, stmt).map((_, i) => {
    const resp = xpath(d, `${stmt}[${i + 1}]/tei:resp`)[0]?.content;
    const names = xpath(d, `${stmt}[${i + 1}]/*[self::tei:persName or self::tei:orgName]`);
    return `${resp}: ${names.map((n) => `${n instanceof XmlElement ? n.name : ''} ${n.content}`).join(', ')}`;
  });
}
const bodyParagraphs = (d: Doc): string[] => xpath(d, '//tei:body//tei:p').map((n) => n.content.replace(/\s+/g, ' ').trim());
const metadataNotes = (d: Doc): string[] => xpath(d, '//tei:notesStmt/tei:note[@type="metadata"]').map((n) => n.content.replace(/\s+/g, ' ').trim());

describe('every reader: a prose information block, whatever its first line', () => {
  it('a citation line, another publication, then the credits: all in the header, the text starts after them', () => {
    const info = ['Robert Smillie, The Power of Jobs, Labour Monthly, Vol.2 No.3, March 1922, p.15.', 'Also published as Jobs and Power, Chapter 3 in D. Widgery (ed.), The Left in Britain, Penguin 1976.', 'Transcribed by Ted Crawford.', 'Marked up by Einde O’Callaghan for the Marxists’ Internet Archive.'];
    for (const d of both(info)) {
      expect(credits(d)).toEqual(['transcription: persName Ted Crawford', 'markup: persName Einde O’Callaghan']);
      expect(bodyParagraphs(d)[0]).toBe(TEXT[0]);
    }
  });
  it('a remark and a download line open the block too', () => {
    for (const d of both(['Transcript of a meeting.', 'Transcribed by Ramsey Margolis.', 'Marked up by Einde O’Callaghan for the Marxists’ Internet Archive.'])) {
      expect(credits(d)).toEqual(['transcription: persName Ramsey Margolis', 'markup: persName Einde O’Callaghan']);
      expect(metadataNotes(d)).toContain('Transcript of a meeting.');
      expect(bodyParagraphs(d)[0]).toBe(TEXT[0]);
    }
    for (const d of both(['Downloaded with thanks from Endpage.com.', 'Marked up by Einde O’Callaghan for the Marxists’ Internet Archive.'])) {
      expect(credits(d)).toEqual(['markup: persName Einde O’Callaghan']);
      expect(xtext(d, '//tei:sourceDesc/tei:bibl')).toBe('Endpage.com.');
      expect(bodyParagraphs(d)[0]).toBe(TEXT[0]);
    }
  });
  it('lines that end with no credit (a verse under the title) stay in the text (negative)', () => {
    const verse = 'The people’s flag is deepest red,\nIt shrouded oft our martyred dead,\nAnd ere their limbs grew stiff and cold.';
    const d = doc(['The Power of Jobs', '', verse, '', ...TEXT.flatMap((p) => [p, ''])].join('\n'), 'copy.txt');
    expect(xtext(d, '//tei:titleStmt/tei:respStmt[not(@xml:id)]')).toBeUndefined();
    expect(xpath(d, '//tei:body//tei:l').length + bodyParagraphs(d).filter((p) => p.includes('deepest red')).length).toBeGreaterThan(0);
  });
  it('a block with the title zone’s lines in it ("by" / a name alone) is not read as information (negative)', () => {
    const block = ['by', 'J. C. MARIATEGUI', 'Presented to the First Latin American Communist Conference, June 1929.', 'Translation: Michael Pearlman, 1996', 'Transcription: Brian Baggins, July 28 1996'].join('\n');
    const d = doc(['ANTI-IMPERIALIST VIEWPOINT', '', block, '', ...TEXT.flatMap((p) => [p, ''])].join('\n'), 'copy.txt');
    expect(bodyParagraphs(d).join(' ')).toContain('Presented to the First Latin American Communist Conference');
  });
  it('a labelled block printed under a front notice goes to the header; the notice stays in the text', () => {
    const notice = [
      'Pamphlet issued by the Trade Union Educational League, 1924',
      'Militants Notice!',
      'Organize! Join the League. This is a system of informal committees throughout the entire union movement, organized to infuse the mass with spirit.',
      'The League is in no sense a dual union, nor is it affiliated with any such organization. It is purely an educational body of militants.',
    ];
    const block = ['Written: 1924', 'Source: Labor Herald Library pamphlet, No. 14', 'Transcription\\HTML Markup: Brian Reid', 'Proofreader: Chris Clayton'];
    const text = ['Foreword', ...TEXT];
    const d = doc(['A. Lozovsky', '', 'Lenin and the Unions', '', ...notice.flatMap((p) => [p, '']), block.join('\n'), '', ...text.flatMap((p) => [p, ''])].join('\n'), 'copy.txt');
    expect(credits(d)).toEqual(['transcription/markup: persName Brian Reid', 'proofreading: persName Chris Clayton']);
    expect(xtext(d, '//tei:sourceDesc/tei:bibl')).toBe('Labor Herald Library pamphlet, No. 14');
    const body = xpath(d, '//tei:body')[0]!.content.replace(/\s+/g, ' ');
    expect(body).toContain('Organize! Join the League.');
    expect(body).toContain('It is purely an educational body of militants.');
    expect(body).not.toContain('Chris Clayton');
  });
});

describe('every reader: labels that are not fields', () => {
  const dialogue = [
    'Bert: Ah! George, is that you? I’m glad to see you. I’ve been wanting to talk to you for a while about many things.',
    'George: Bert, what’s wrong? What have I done to deserve this?',
    'Bert: Don’t be offended, George. I’m an old man, and speaking for your own good.',
    'George: But what are you talking about? Am I not an honest worker?',
  ];
  it('a dialogue under the block is the text, each speaker’s turn a paragraph', () => {
    for (const d of both(['Published: 1884 as Fra Contadini;', 'Translation: Jean Weir;'], dialogue)) {
      expect(metadataNotes(d).filter((n) => /Bert|George/.test(n))).toEqual([]);
      expect(bodyParagraphs(d)[0]).toMatch(/^Bert: Ah! George/);
      expect(bodyParagraphs(d)).toHaveLength(4);
    }
  });
  it('an unknown label in a paragraph of its own under the block, said once, is still a field (negative)', () => {
    const d = doc(copy(['Published: 1884 as Fra Contadini;', 'Translation: Jean Weir;'], TEXT, []).replace('Translation: Jean Weir;\n', 'Translation: Jean Weir;\n\nReviewed: Tom Mann\n'), 'copy.txt');
    expect(metadataNotes(d)).toContain('Reviewed: Tom Mann');
    expect(bodyParagraphs(d)[0]).toBe(TEXT[0]);
  });
  it('a caption "Written for …, 1887." at the end of a later text is no date of writing', () => {
    const text = [...TEXT, 'Written for the red funeral of Alfred Linnell, who died from injuries received from the police, November 13th, 1887.'];
    for (const d of both(['Source: Pamphlet, 1934, Martin Lawrence, London'], text)) {
      expect(xtext(d, '//tei:profileDesc/tei:creation/tei:date/@when')).toBe('1922-03');
      expect(bodyParagraphs(d).at(-1)).toMatch(/^Written for the red funeral/);
    }
  });
  it('a credit without its colon inside the block credits the name; not glued onto the source', () => {
    for (const d of both(['Source: The Labour Monthly, Vol. 7 No. 9, pp. 561-569', 'Transcription Ted Crawford', 'HTML Markup: Brian Reid'])) {
      expect(credits(d)).toEqual(['transcription: persName Ted Crawford', 'markup: persName Brian Reid']);
      expect(xtext(d, '//tei:sourceDesc/tei:bibl')).not.toMatch(/Crawford/);
    }
  });
  it('a sentence starting with a credit word is not a credit (negative)', () => {
    const d = doc(copy(['Source: The Labour Monthly, Vol. 7 No. 9', 'Translation of the German text was difficult.']), 'copy.txt');
    expect(credits(d)).toEqual([]);
  });
});

describe('every reader: respStmt from credit lines', () => {
  it('the languages of a translation are not the name; "Unknown" and an empty credit name nobody', () => {
    for (const d of both(['Translated: from the German by Don Danemanis;', 'Transcription/Markup: Steve Palmer', 'Proofread:'])) {
      expect(credits(d)).toEqual(['translation: persName Don Danemanis', 'transcription/markup: persName Steve Palmer']);
      expect(xpath(d, '//tei:persName[not(normalize-space())]')).toHaveLength(0);
    }
    for (const d of both(['Translated: Unknown', 'Transcription/Markup: Steve Palmer'])) {
      expect(credits(d)).toEqual(['transcription/markup: persName Steve Palmer']);
      expect(metadataNotes(d)).toContain('Translated: Unknown');
    }
  });
  it('a further credit in the line has its own role; a magazine and a group are organisations', () => {
    for (const d of both(['Transcription\\HTML Markup: What’s Next magazine, additional copyediting by Martin Falhgren in 2012', 'Proofed: Class Against Class', 'Markup: InterActivist Info Exchange'])) {
      expect(credits(d)).toEqual([
        'transcription/markup: orgName What’s Next magazine',
        'copyediting: persName Martin Falhgren',
        'proofreading: orgName Class Against Class',
        'markup: orgName InterActivist Info Exchange',
      ]);
    }
  });
  it('a label of several roles credits each; "Proofreader:", "Editing:" and "Marked-up by" are credits', () => {
    for (const d of both(['Transcription/Editing/HTML Markup: 2006 by Einde O’Callaghan.', 'Proofreader: Chris Clayton', 'Editing: Tim Davenport'])) {
      expect(credits(d)).toEqual(['transcription/editing/html markup: persName Einde O’Callaghan', 'proofreading: persName Chris Clayton', 'editing: persName Tim Davenport']);
      expect(metadataNotes(d).filter((n) => /Clayton|Davenport/.test(n))).toEqual([]);
    }
    for (const d of both(['Source: The Militant, 1931', 'HTML-markup: Jonas Holmgren'])) expect(credits(d)).toEqual(['markup: persName Jonas Holmgren']);
    for (const d of both(['Source: The Militant, 1931', 'Marked-up by Jonas Holmgren for the Marxists Internet Archive.'])) {
      expect(credits(d)).toEqual(['markup: persName Jonas Holmgren']);
    }
  });
  it.each([
    ['from the Portugese by Isabel O’Sullivan;', ['Isabel O’Sullivan']],
    ['into English by Mike B.', ['Mike B.']],
    ['2006 by Einde O’Callaghan.', ['Einde O’Callaghan']],
    ['Unknown', []],
    ['', []],
    // Negative: a person's name keeps every word; "and" between two names is two people.
    ['Zodiac and Brian Baggins', ['Zodiac', 'Brian Baggins']],
  ])('the names in "%s"', (value, names) => {
    expect(creditsIn(value).map((c) => c.name)).toEqual(names);
  });
});

describe('every reader: the distributor', () => {
  const distributor = (d: Doc): string | undefined => xtext(d, '//tei:publicationStmt/tei:distributor');
  it('the Marxists’ Internet Archive with a typographic apostrophe is the Marxists Internet Archive', () => {
    for (const d of both(['Public Domain: Marxists’ Internet Archive (marxists.org) 2005. You can freely copy this work.'])) expect(distributor(d)).toBe('Marxists Internet Archive');
  });
  it('an author’s archive is a section of the Marxists Internet Archive', () => {
    for (const d of both(['Public Domain: George Novack Internet Archive 2006; This work is completely free.'])) expect(distributor(d)).toBe('Marxists Internet Archive');
  });
  it('an archive that is no person’s keeps its name (negative)', () => {
    for (const d of both(['Public Domain: Lenin Internet Archive (2003). You may freely copy this work.'])) expect(distributor(d)).toBe('Lenin Internet Archive');
  });
});

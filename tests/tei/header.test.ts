import { beforeAll, describe, expect, test } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Edition } from '../../src/model/edition.js';
import { namesIn } from '../../src/tei/header.js';
import { writeTei } from '../../src/tei/index.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';
import { edition, field, i, t, warmTeiAll } from './build.js';

beforeAll(warmTeiAll, 300_000);

/** Writes the edition, checks it is valid TEI, and parses it for XPath. */
function written(ed: Edition, diagnostics?: Diagnostics) {
  const xml = writeTei(ed, { version: '1.2.3', ...(diagnostics && { diagnostics }) });
  expectValidTei(xml);
  return parseTei(xml);
}

const H = '/tei:TEI/tei:teiHeader';

describe('titleStmt', () => {
  test('title, subtitle and author', () => {
    const doc = written(edition((ed) => (ed.metadata.subtitle = 'A Circular')));
    expect(xtext(doc, `${H}/tei:fileDesc/tei:titleStmt/tei:title[not(@type)]`)).toBe('For the Party');
    expect(xtext(doc, `${H}/tei:fileDesc/tei:titleStmt/tei:title[@type="sub"]`)).toBe('A Circular');
    expect(xtext(doc, `${H}/tei:fileDesc/tei:titleStmt/tei:author`)).toBe('J. V. Stalin');
  });

  test('one respStmt per person credited, the credit line kept verbatim when it says more', () => {
    const doc = written(
      edition((ed) => {
        ed.metadata.fields = [
          field('Translated', 'translated', 'Bernard Isaacs'),
          field('Transcription\\Markup', 'transcriptionMarkup', 'Salil Sen for MIA, 2008'),
          field('Proofed', 'proofed', 'Zodiac and Brian Baggins'),
        ];
      }),
    );
    const stmt = (name: string) => `${H}/tei:fileDesc/tei:titleStmt/tei:respStmt[tei:persName="${name}"]`;
    expect(xtext(doc, `${stmt('Bernard Isaacs')}/tei:resp`)).toBe('translation');
    expect(xeval(doc, `count(${stmt('Bernard Isaacs')}/tei:note)`)).toBe('0');
    expect(xtext(doc, `${stmt('Salil Sen')}/tei:resp`)).toBe('transcription/markup');
    expect(xtext(doc, `${stmt('Salil Sen')}/tei:note`)).toBe('Transcription\\Markup: Salil Sen for MIA, 2008');
    expect(xtext(doc, `${stmt('Zodiac')}/tei:resp`)).toBe('proofreading');
    expect(xtext(doc, `${stmt('Brian Baggins')}/tei:resp`)).toBe('proofreading');
  });

  test('initials in capitals and a party are organisations; a month is no one', () => {
    const doc = written(
      edition((ed) => {
        ed.metadata.fields = [
          field('Transcribed', 'transcribed', 'Zodiac, MEA 1993; marxists.org 1999;'),
          field('Transcription', 'transcribed', 'Socialist Party of Great Britain.'),
          field('Online Version', 'onlineVersion', 'Natalia Sedova Internet Archive, May 2016.'),
        ];
      }),
    );
    const names = (kind: string) => xpath(doc, `${H}/tei:fileDesc/tei:titleStmt/tei:respStmt/tei:${kind}`).map((n) => n.content).join('|');
    expect(names('persName')).toBe('Zodiac');
    expect(names('orgName')).toBe('MEA|Socialist Party of Great Britain|Natalia Sedova Internet Archive');
  });

  test('the converter and each editor have a respStmt their pointers resolve to', () => {
    const doc = written(edition((ed) => (ed.editors = [{ id: 'ed-jdoe', name: 'Jane Doe', role: 'corrections' }])));
    expect(xtext(doc, `//tei:respStmt[@xml:id="teiwright"]/tei:resp`)).toBe('conversion to TEI');
    expect(xtext(doc, `//tei:respStmt[@xml:id="ed-jdoe"]/tei:persName`)).toBe('Jane Doe');
  });

  test.each([
    ['Salil Sen for MIA, 2008', ['Salil Sen']],
    ['D. Walters', ['D. Walters']],
    ['Zodiac and Brian Baggins', ['Zodiac', 'Brian Baggins']],
    ['Andy Blunden, Einde O’Callaghan', ['Andy Blunden', 'Einde O’Callaghan']],
    ['Sally Ryan 1997', ['Sally Ryan']],
    ['Bernard Isaacs (1966)', ['Bernard Isaacs']],
    ['by Ted Crawford.', ['Ted Crawford']],
    ['Bysshe Shelley', ['Bysshe Shelley']],
    // A name stops at the end of its sentence; an initial's or "Mr"'s full stop is no end.
    ['Peter B. Maggs. Copyright © Peter B. Maggs. Published here by kind permission of the translator.', ['Peter B. Maggs']],
    ['Mr. Tom Mann', ['Mr. Tom Mann']],
    // A month is never a name; a date after a comma ends the names.
    ['Natalia Sedova Internet Archive, May 2016.', ['Natalia Sedova Internet Archive']],
    ['Andy Blunden, February 2005', ['Andy Blunden']],
    ['Zodiac, Mayer Smith', ['Zodiac', 'Mayer Smith']],
    // The rest of the role before the name is not the name.
    ['and corrected by Andy Blunden, February 2005.', ['Andy Blunden']],
    // An organisation's name goes on after "of"; a person's purpose does not.
    ['Socialist Party of Great Britain.', ['Socialist Party of Great Britain']],
    ['Zodiac, MEA 1993; marxists.org 1999;', ['Zodiac', 'MEA']],
  ])('names in the credit line "%s"', (line, names) => {
    expect(namesIn(line)).toEqual(names);
  });
});

describe('publicationStmt', () => {
  test('distributor first, then date, then the licence line verbatim', () => {
    const licence = 'Lenin Internet Archive (2003). You may freely copy, distribute, display and perform this work.';
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Public Domain', 'licence', licence)])));
    const stmt = `${H}/tei:fileDesc/tei:publicationStmt`;
    expect(xeval(doc, `name(${stmt}/*[1])`)).toBe('distributor');
    expect(xtext(doc, `${stmt}/tei:distributor`)).toBe('Lenin Internet Archive');
    expect(xeval(doc, `string(${stmt}/tei:date/@when)`)).toBe('2003');
    expect(xtext(doc, `${stmt}/tei:availability/tei:licence`)).toBe(`Public Domain: ${licence}`);
  });

  test('without a licence line naming an archive, the distributor is the Marxists Internet Archive', () => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Copyleft', 'licence', 'Creative Commons (Attribute & ShareAlike)')])));
    expect(xtext(doc, `${H}/tei:fileDesc/tei:publicationStmt/tei:distributor`)).toBe('Marxists Internet Archive');
    expect(xtext(doc, `//tei:licence`)).toBe('Copyleft: Creative Commons (Attribute & ShareAlike)');
  });

  test.each([
    ['J. V. Stalin Archive (2004). Permission is granted to copy.', 'J. V. Stalin Archive'],
    ['This work is in the Public Domain. Marxists Internet Archive (2005).', 'Marxists Internet Archive'],
  ])('the archive the licence line names: %s', (licence, archive) => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Public Domain', 'licence', licence)])));
    expect(xtext(doc, `${H}/tei:fileDesc/tei:publicationStmt/tei:distributor`)).toBe(archive);
  });
});

describe('notesStmt', () => {
  test('a line printed without a label (a collection line) is written as printed, with no colon', () => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('', 'collection', 'Marx-Engels Correspondence 1873')])));
    expect(xtext(doc, `${H}/tei:fileDesc/tei:notesStmt/tei:note`)).toBe('Marx-Engels Correspondence 1873');
  });

  test('unknown labels, signatures and a second date of writing are kept as notes', () => {
    const doc = written(
      edition((ed) => {
        ed.metadata.fields = [
          field('Written', 'written', 'March 1912'),
          field('Written', 'written', 'revised 1913'),
          field('Signed', 'signed', 'The Central Committee'),
          field('Audio', 'other', 'read by ', i(t('a volunteer'))),
        ];
      }),
    );
    const notes = `${H}/tei:fileDesc/tei:notesStmt/tei:note`;
    expect(xeval(doc, `count(${notes})`)).toBe('3');
    expect(xtext(doc, `${notes}[1]`)).toBe('Written: revised 1913');
    expect(xtext(doc, `${notes}[2]`)).toBe('Signed: The Central Committee');
    expect(xtext(doc, `${notes}[3]`)).toBe('Audio: read by a volunteer');
    expect(xtext(doc, `${notes}[3]/tei:hi[@rend="italic"]`)).toBe('a volunteer');
  });

  test('no notesStmt when every field has a home', () => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Translated', 'translated', 'Bernard Isaacs')])));
    expect(xeval(doc, `count(//tei:notesStmt)`)).toBe('0');
  });
});

describe('encodingDesc', () => {
  test('the application with its version, standing normalisations and each kind of emendation with who made it', () => {
    const doc = written(
      edition((ed) => {
        ed.emendations = [
          { kind: 'subst', resp: '#teiwright', description: 'agitation → organisation (note 1)', pos: { line: 9, column: 1 } },
          { kind: 'charref', resp: '#teiwright', description: '&8220; → “ (note 3)', pos: { line: 20, column: 1 } },
          { kind: 'correction', resp: '#ed-jdoe', description: 'whitch → which (note 2)', pos: { line: 18, column: 1 } },
        ];
        ed.editors = [{ id: 'ed-jdoe', name: 'Jane Doe', role: 'corrections' }];
        ed.dropped = [{ text: '< backward   forward >', reason: 'navigation', pos: { line: 30, column: 1 } }];
      }),
    );
    const app = `${H}/tei:encodingDesc/tei:appInfo/tei:application`;
    expect(xeval(doc, `string(${app}/@ident)`)).toBe('teiwright');
    expect(xeval(doc, `string(${app}/@version)`)).toBe('1.2.3');
    const decl = `${H}/tei:encodingDesc/tei:editorialDecl`;
    expect(xtext(doc, `${decl}/tei:normalization`)).toMatch(/Page furniture .* dropped: 1 piece in this transcription/);
    expect(xeval(doc, `count(${decl}/tei:correction/tei:p)`)).toBe('3');
    expect(xtext(doc, `${decl}/tei:correction/tei:p[@resp="#teiwright"][contains(., "subst")]`)).toContain('agitation → organisation');
    expect(xtext(doc, `${decl}/tei:correction/tei:p[@resp="#ed-jdoe"]`)).toContain('whitch → which');
  });
});

describe('profileDesc', () => {
  test('creation date with bounds keeps the words', () => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Written', 'written', 'Written in April, not later than 27, 1921')])));
    const date = `${H}/tei:profileDesc/tei:creation/tei:date`;
    expect(xtext(doc, date)).toBe('Written in April, not later than 27, 1921');
    expect(xeval(doc, `string(${date}/@notBefore)`)).toBe('1921-04-01');
    expect(xeval(doc, `string(${date}/@notAfter)`)).toBe('1921-04-27');
  });

  test('a precise month gives @when', () => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Written', 'written', 'March 1912')])));
    expect(xeval(doc, `string(${H}/tei:profileDesc/tei:creation/tei:date/@when)`)).toBe('1912-03');
  });

  test('a range of days gives notBefore/notAfter', () => {
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Delivered', 'written', 'April 12-17, 1871')])));
    const date = `${H}/tei:profileDesc/tei:creation/tei:date`;
    expect(xeval(doc, `concat(${date}/@notBefore, " ", ${date}/@notAfter)`)).toBe('1871-04-12 1871-04-17');
  });

  test('words without a date are kept and reported with their position', () => {
    const diagnostics = new Diagnostics('letter.txt');
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Written', 'written', 'Some time in the spring')])), diagnostics);
    expect(xtext(doc, `${H}/tei:profileDesc/tei:creation/tei:date`)).toBe('Some time in the spring');
    expect(xeval(doc, `count(${H}/tei:profileDesc/tei:creation/tei:date/@*)`)).toBe('0');
    expect(diagnostics.items).toMatchObject([{ code: 'date-unparsed', line: 3, column: 1 }]);
  });

  test('a day that does not exist is reported, not written as a date', () => {
    const diagnostics = new Diagnostics();
    const doc = written(edition((ed) => (ed.metadata.fields = [field('Written', 'written', 'February 30, 1921')])), diagnostics);
    expect(xeval(doc, `count(//tei:creation/tei:date/@when)`)).toBe('0');
    expect(diagnostics.items.map((d) => d.code)).toEqual(['date-unparsed']);
  });

  test('language and hands', () => {
    const doc = written(
      edition((ed) => {
        ed.metadata.language = 'de';
        ed.hands = [{ id: 'hand-pencil', description: 'Lenin, in pencil', medium: 'pencil' }];
      }),
    );
    expect(xeval(doc, `string(/tei:TEI/@xml:lang)`)).toBe('de');
    expect(xeval(doc, `string(${H}/tei:profileDesc/tei:langUsage/tei:language/@ident)`)).toBe('de');
    expect(xeval(doc, `string(${H}/tei:profileDesc/tei:handNotes/tei:handNote[@xml:id="hand-pencil"]/@medium)`)).toBe('pencil');
    expect(xtext(doc, `${H}/tei:profileDesc/tei:handNotes/tei:handNote`)).toBe('Lenin, in pencil');
  });
});

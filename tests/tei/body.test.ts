import { beforeAll, describe, expect, test } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { writeTei } from '../../src/tei/index.js';
import { expectValidTei, parseTei, xeval, xpath, xtext } from '../helpers/tei.js';
import { anchor, at, b, edition, field, i, note, p, t, warmTeiAll } from './build.js';

beforeAll(warmTeiAll, 300_000);

function written(ed: Edition, diagnostics?: Diagnostics) {
  const xml = writeTei(ed, { version: '0.1.0', ...(diagnostics && { diagnostics }) });
  expectValidTei(xml);
  return { xml, doc: parseTei(xml) };
}

const DIV = '/tei:TEI/tei:text/tei:body/tei:div';

describe('the document', () => {
  test('prolog, schema processing instruction and root', () => {
    const { xml } = written(edition());
    const lines = xml.split('\n');
    expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    expect(lines[1]).toBe('<?xml-model href="https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>');
    expect(lines[2]).toBe('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">');
  });

  test('same model, same bytes', () => {
    const make = () =>
      edition((ed) => {
        ed.metadata.fields = [field('Written', 'written', 'March 1912'), field('Source', 'source', 'Works, Vol. 2, Moscow, 1954')];
        ed.notes = [{ notes: [note('1', [p(t('A note.'))], { id: 'n1', targets: ['nref1'] })], pos: at }];
        ed.body.blocks = [p(t('Text'), anchor('1', 'nref1', '#n1'))];
      });
    const first = writeTei(make(), { version: '0.1.0' });
    expect(writeTei(make(), { version: '0.1.0' })).toBe(first);
    expectValidTei(first);
  });

  test('the structure is indented, the text of mixed content is exactly the model text', () => {
    const content: Inline[] = [t('The  experience '), i(t('of '), b(t('non-Party'))), t(' conferences'), anchor('[1]'), t(' has '), { kind: 'link', href: 'lenin/works.htm', children: [t('proved')], pos: at }, t('.  ')];
    const { xml, doc } = written(edition((ed) => (ed.body.blocks = [p(...content)])));
    const para = doc.get(`${DIV}/tei:p`, { tei: 'http://www.tei-c.org/ns/1.0' });
    expect(para?.content).toBe(plainText(content, { anchors: true }));
    expect(xml).toContain('\n      <div>\n        <head>For the Party</head>\n');
  });
});

describe('body', () => {
  test('a text that prints no title has no head (the header title comes from elsewhere)', () => {
    const { doc } = written(edition((ed) => (ed.body.head = [])));
    expect(xeval(doc, 'count(//tei:body//tei:head)')).toBe('0');
    expect(xtext(doc, '//tei:titleStmt/tei:title')).toBe('For the Party');
  });

  test('a letter: head with anchor, opener with dateline and salute, closer, publication note after it', () => {
    const { doc } = written(
      edition((ed) => {
        ed.body.divType = 'letter';
        ed.body.head = [t('For the Party'), anchor('1', 'nref1', '#n1')];
        ed.body.opener = { dateline: [t('Moscow, March 1912')], salute: [t('Dear Comrades,')], pos: at };
        ed.body.closer = { salute: [t('Yours,')], signed: [t('N. Lenin')], dateline: [t('April 12, 1871')], pos: at };
        ed.body.publicationNotes = [{ children: [t('Published in leaflet form in March 1912')], pos: at }];
        ed.notes = [{ notes: [note('1', [p(t('Note.'))], { id: 'n1', targets: ['nref1'] })], pos: at }];
      }),
    );
    expect(xeval(doc, `string(${DIV}/@type)`)).toBe('letter');
    expect(xtext(doc, `${DIV}/tei:head/tei:ref[@type="noteAnchor"][@xml:id="nref1"][@target="#n1"]`)).toBe('1');
    expect(xtext(doc, `${DIV}/tei:opener/tei:dateline`)).toBe('Moscow, March 1912');
    expect(xeval(doc, `string(${DIV}/tei:opener/tei:dateline/tei:date/@when)`)).toBe('1912-03');
    expect(xtext(doc, `${DIV}/tei:opener/tei:dateline/tei:date`)).toBe('March 1912');
    expect(xtext(doc, `${DIV}/tei:opener/tei:salute`)).toBe('Dear Comrades,');
    expect(xtext(doc, `${DIV}/tei:closer/tei:salute`)).toBe('Yours,');
    expect(xtext(doc, `${DIV}/tei:closer/tei:signed`)).toBe('N. Lenin');
    expect(xeval(doc, `string(${DIV}/tei:closer/tei:dateline/tei:date/@when)`)).toBe('1871-04-12');
    expect(xtext(doc, `${DIV}/tei:closer/following-sibling::tei:note[@type="publication"]`)).toBe('Published in leaflet form in March 1912');
  });

  test('a dateline printed on two lines (a place over its date) has its date tagged in the line that holds it', () => {
    const line = (text: string, l: number) => ({ kind: 'text' as const, text, pos: { line: l, column: 1 } });
    const { doc } = written(edition((ed) => (ed.body.opener = { dateline: [line('London', 4), { kind: 'lb', pos: { line: 5, column: 1 } }, line('October 8, 1885', 5)], pos: at })));
    expect(xeval(doc, `string(${DIV}/tei:opener/tei:dateline/tei:date/@when)`)).toBe('1885-10-08');
    expect(xtext(doc, `${DIV}/tei:opener/tei:dateline/tei:date`)).toBe('October 8, 1885');
    expect(xeval(doc, `count(${DIV}/tei:opener/tei:dateline/tei:date/preceding-sibling::tei:lb)`)).toBe('1');
    expect(xeval(doc, `normalize-space(${DIV}/tei:opener/tei:dateline/text()[1])`)).toBe('London');
  });

  test('a dateline without a date stays text and is reported', () => {
    const diagnostics = new Diagnostics();
    const { doc } = written(edition((ed) => (ed.body.opener = { dateline: [{ kind: 'text', text: 'Moscow', pos: { line: 4, column: 1 } }], pos: at })), diagnostics);
    expect(xtext(doc, `${DIV}/tei:opener/tei:dateline`)).toBe('Moscow');
    expect(xeval(doc, `count(${DIV}/tei:opener/tei:dateline/*)`)).toBe('0');
    expect(diagnostics.items).toMatchObject([{ code: 'date-unparsed', line: 4 }]);
  });

  test('subtitle, argument, headings as nested divs, quote, list, verse, page break', () => {
    const heading = (level: number, words: string): Block => ({ kind: 'heading', level, children: [t(words)], pos: at });
    const { doc } = written(
      edition((ed) => {
        ed.body.subtitle = [t('A Circular')];
        ed.body.argument = [p(t('A circular to the gubernia committees to be drawn up and forwarded in cipher.'))];
        ed.body.blocks = [
          p(t('Before.')),
          heading(1, 'I'),
          p(t('One.')),
          heading(2, 'I.1'),
          { kind: 'quote', blocks: [p(t('Quoted.'))], pos: at },
          heading(1, 'II'),
          { kind: 'list', ordered: true, items: [[t('first')], [t('second')]], pos: at },
          { kind: 'pb', n: '299', pos: at },
          { kind: 'lines', lines: [[t('Arise, ye prisoners')], [t('of starvation')]], pos: at },
        ];
      }),
    );
    expect(xtext(doc, `${DIV}/tei:head[@type="sub"]`)).toBe('A Circular');
    expect(xtext(doc, `${DIV}/tei:argument/tei:p`)).toBe('A circular to the gubernia committees to be drawn up and forwarded in cipher.');
    expect(xtext(doc, `${DIV}/tei:p`)).toBe('Before.');
    expect(xtext(doc, `${DIV}/tei:div[1]/tei:head`)).toBe('I');
    expect(xtext(doc, `${DIV}/tei:div[1]/tei:div/tei:head`)).toBe('I.1');
    expect(xtext(doc, `${DIV}/tei:div[1]/tei:div/tei:quote/tei:p`)).toBe('Quoted.');
    expect(xtext(doc, `${DIV}/tei:div[2]/tei:head`)).toBe('II');
    expect(xeval(doc, `count(${DIV}/tei:div[2]/tei:list[@rend="numbered"]/tei:item)`)).toBe('2');
    expect(xeval(doc, `string(${DIV}/tei:div[2]/tei:pb/@n)`)).toBe('299');
    expect(xtext(doc, `${DIV}/tei:div[2]/tei:lg/tei:l[2]`)).toBe('of starvation');
    // Indentation only between the children of element-only containers, never in mixed content.
    expect(xeval(doc, `count(//text()[normalize-space()=""][ancestor::tei:p or ancestor::tei:head or ancestor::tei:quote or ancestor::tei:item or ancestor::tei:l])`)).toBe('0');
  });

  test('containers inside mixed content are not indented', () => {
    const quoted: Block = { kind: 'quote', blocks: [p(t('Said:')), { kind: 'list', ordered: false, items: [[t('one')], [t('two')]], pos: at }], pos: at };
    const { doc } = written(edition((ed) => (ed.body.blocks = [quoted])));
    expect(xeval(doc, `string(${DIV}/tei:quote)`)).toBe('Said:onetwo');
  });

  test('every inline kind, with its attributes', () => {
    const { doc } = written(
      edition((ed) => {
        ed.hands = [{ id: 'hand-pencil', description: 'in pencil', medium: 'pencil' }];
        ed.body.blocks = [
          p(
            { kind: 'hi', rend: 'bold italic', children: [t('hi')], pos: at },
            { kind: 'link', href: 'http://example.org/a b.htm', children: [t('link')], pos: at },
            { kind: 'subst', id: 'subst1', resp: '#teiwright', del: [t('agitation')], add: [t('organisation')], place: 'above', pos: at },
            { kind: 'del', id: 'del1', resp: '#teiwright', rend: 'strikethrough', children: [t('struck')], pos: at },
            { kind: 'add', id: 'add1', resp: '#teiwright', place: 'margin', hand: '#hand-pencil', children: [t('added')], pos: at },
            { kind: 'gap', id: 'gap1', resp: '#teiwright', reason: 'illegible', unit: 'word', quantity: 1, printed: '[illegible]', pos: at },
            { kind: 'unclear', id: 'unclear1', resp: '#teiwright', reason: 'faded', children: [t('faint')], pos: at },
            { kind: 'supplied', resp: '#teiwright', children: [t('18')], pos: at },
            { kind: 'choice', id: 'choice1', resp: '#teiwright', sic: [t('&8220;')], corr: [t('“')], pos: at },
            { kind: 'sic', resp: '#teiwright', children: [t('numner')], pos: at },
            { kind: 'pb', n: '12', pos: at },
            { kind: 'lb', pos: at },
            { kind: 'inlineNote', place: 'margin', type: 'authorial', children: [t('in the margin')], pos: at },
            anchor('*'),
          ),
        ];
      }),
    );
    const P = `${DIV}/tei:p`;
    expect(xtext(doc, `${P}/tei:hi[@rend="bold italic"]`)).toBe('hi');
    expect(xeval(doc, `string(${P}/tei:ref[not(@type)]/@target)`)).toBe('http://example.org/a%20b.htm');
    expect(xtext(doc, `${P}/tei:subst[@xml:id="subst1"][@resp="#teiwright"]/tei:del`)).toBe('agitation');
    expect(xtext(doc, `${P}/tei:subst/tei:add[@place="above"]`)).toBe('organisation');
    expect(xtext(doc, `${P}/tei:del[@xml:id="del1"][@rend="strikethrough"]`)).toBe('struck');
    expect(xtext(doc, `${P}/tei:add[@place="margin"][@hand="#hand-pencil"]`)).toBe('added');
    expect(xtext(doc, `${P}/tei:gap[@reason="illegible"][@unit="word"][@quantity="1"]/tei:desc`)).toBe('[illegible]');
    expect(xtext(doc, `${P}/tei:unclear[@reason="faded"]`)).toBe('faint');
    expect(xtext(doc, `${P}/tei:supplied[@resp="#teiwright"]`)).toBe('18');
    expect(xtext(doc, `${P}/tei:choice/tei:sic`)).toBe('&8220;');
    expect(xtext(doc, `${P}/tei:choice/tei:corr[@resp="#teiwright"]`)).toBe('“');
    expect(xtext(doc, `${P}/tei:sic[@resp="#teiwright"]`)).toBe('numner');
    expect(xeval(doc, `string(${P}/tei:pb/@n)`)).toBe('12');
    expect(xeval(doc, `count(${P}/tei:lb)`)).toBe('1');
    expect(xtext(doc, `${P}/tei:note[@place="margin"][@type="authorial"]`)).toBe('in the margin');
    // An anchor without a note keeps its marker and points nowhere.
    expect(xpath(doc, `${P}/tei:ref[@type="noteAnchor"][not(@target)][not(@xml:id)]`)).toHaveLength(1);
  });
});

describe('back', () => {
  test('notes with heading, numbers, types and every target', () => {
    const { doc } = written(
      edition((ed) => {
        ed.body.blocks = [p(t('an arena for '), { kind: 'subst', id: 'subst1', resp: '#teiwright', del: [t('agitation')], add: [t('organisation')], place: 'above', pos: at }, anchor('1', 'nref1', '#n1'), t(' and again'), anchor('1', 'nref1b', '#n1'))];
        ed.notes = [
          {
            heading: [t('Notes')],
            notes: [
              note('1', [p(t('The word “organisation” is written above the word “agitation” in the manuscript.—Ed.'))], { id: 'n1', targets: ['nref1', 'nref1b', 'subst1'] }),
              note('2', [p(t('An unanchored note.—Lenin'))], { id: 'n2', type: 'authorial' }),
            ],
            pos: at,
          },
        ];
      }),
    );
    const NOTES = '/tei:TEI/tei:text/tei:back/tei:div[@type="notes"]';
    expect(xtext(doc, `${NOTES}/tei:head`)).toBe('Notes');
    expect(xeval(doc, `string(${NOTES}/tei:note[1]/@target)`)).toBe('#nref1 #nref1b #subst1');
    expect(xeval(doc, `concat(${NOTES}/tei:note[1]/@xml:id, " ", ${NOTES}/tei:note[1]/@n, " ", ${NOTES}/tei:note[1]/@place, " ", ${NOTES}/tei:note[1]/@type)`)).toBe('n1 1 end editorial');
    expect(xtext(doc, `${NOTES}/tei:note[1]/tei:p`)).toContain('written above the word “agitation”');
    expect(xeval(doc, `string(${NOTES}/tei:note[2]/@type)`)).toBe('authorial');
    expect(xeval(doc, `count(${NOTES}/tei:note[2]/@target)`)).toBe('0');
  });
});

describe('escaping (bug: xmlbuilder2 left "&copy;"-like text unescaped)', () => {
  test('ampersands that look like entity references are text, in content and in attributes', () => {
    const literal = 'AT&T; &copy; &amp; &#233; x&y';
    const { xml, doc } = written(
      edition((ed) => {
        ed.body.blocks = [p(t(literal)), { kind: 'p', children: [{ kind: 'link', href: 'https://example.org/?a=1&copy;', children: [t('link')], pos: at }], pos: at }];
      }),
    );
    expect(xtext(doc, `${DIV}/tei:p[1]`)).toBe(literal);
    expect(xeval(doc, `string(${DIV}/tei:p[2]/tei:ref/@target)`)).toBe('https://example.org/?a=1&copy;');
    expect(xml).toContain('AT&amp;T; &amp;copy; &amp;amp; &amp;#233; x&amp;y');
  });
});

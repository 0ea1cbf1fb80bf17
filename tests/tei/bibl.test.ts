import { beforeAll, describe, expect, test } from 'vitest';
import type { MetaField } from '../../src/model/edition.js';
import { writeTei } from '../../src/tei/index.js';
import { expectValidTei, parseTei, xeval, xtext } from '../helpers/tei.js';
import { edition, field, i, t, warmTeiAll } from './build.js';

beforeAll(warmTeiAll, 300_000);

function sourceDesc(fields: MetaField[]) {
  const xml = writeTei(edition((ed) => (ed.metadata.fields = fields)), { version: '0.1.0' });
  expectValidTei(xml);
  return parseTei(xml);
}

const BIBL = '/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[not(@type)]';
const FIRST = '/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type="firstPublished"]';

describe('the printed source: one bibl, words as printed, parts tagged', () => {
  test('a one-line source in the LIA style', () => {
    const line = 'Lenin Collected Works, 3nd English Printing, Progress Publishers, 1977, Moscow, Volume 42, pages 298b-299a.';
    const doc = sourceDesc([field('Source', 'source', line)]);
    expect(xeval(doc, `string(${BIBL})`)).toBe(line);
    expect(xtext(doc, `${BIBL}/tei:title`)).toBe('Lenin Collected Works');
    expect(xtext(doc, `${BIBL}/tei:edition`)).toBe('3nd English Printing');
    expect(xtext(doc, `${BIBL}/tei:publisher`)).toBe('Progress Publishers');
    expect(xtext(doc, `${BIBL}/tei:date`)).toBe('1977');
    expect(xtext(doc, `${BIBL}/tei:pubPlace`)).toBe('Moscow');
    expect(xtext(doc, `${BIBL}/tei:biblScope[@unit="volume"]`)).toBe('Volume 42');
    expect(xtext(doc, `${BIBL}/tei:biblScope[@unit="page"]`)).toBe('pages 298b-299a');
  });

  test('a markdown source in two fields, the title in italics', () => {
    const doc = sourceDesc([
      field('Source', 'source', i(t('Works')), ', Vol. 2, 1907 - 1913'),
      field('Publisher', 'publisher', 'Foreign Languages Publishing House, Moscow, 1954'),
    ]);
    expect(xeval(doc, `count(${BIBL})`)).toBe('1');
    expect(xtext(doc, `${BIBL}/tei:title`)).toBe('Works');
    expect(xtext(doc, `${BIBL}/tei:biblScope[@unit="volume"]`)).toBe('Vol. 2');
    expect(xtext(doc, `${BIBL}/tei:publisher`)).toBe('Foreign Languages Publishing House');
    expect(xtext(doc, `${BIBL}/tei:pubPlace`)).toBe('Moscow');
    expect(xtext(doc, `${BIBL}/tei:date`)).toBe('1954');
    // The years the volume covers are not its date of publication.
    expect(xeval(doc, `count(${BIBL}/tei:date)`)).toBe('1');
    // Each field's words, as printed, with a line break between the fields and nothing invented.
    expect(xeval(doc, `string(${BIBL})`)).toBe('Works, Vol. 2, 1907 - 1913Foreign Languages Publishing House, Moscow, 1954');
    expect(xeval(doc, `count(${BIBL}/tei:lb)`)).toBe('1');
  });

  test('place and year in one segment, pages abbreviated', () => {
    const doc = sourceDesc([field('Source', 'source', 'Selected Works, Lawrence & Wishart, London 1950, pp. 12-19')]);
    expect(xtext(doc, `${BIBL}/tei:title`)).toBe('Selected Works');
    expect(xtext(doc, `${BIBL}/tei:publisher`)).toBe('Lawrence & Wishart');
    expect(xtext(doc, `${BIBL}/tei:pubPlace`)).toBe('London');
    expect(xtext(doc, `${BIBL}/tei:date`)).toBe('1950');
    expect(xtext(doc, `${BIBL}/tei:biblScope[@unit="page"]`)).toBe('pp. 12-19');
  });

  test('a line in which nothing is recognised stays plain text', () => {
    const line = 'Speech at the Party Congress of the Social Democratic Party';
    const doc = sourceDesc([field('Source', 'source', line)]);
    expect(xeval(doc, `string(${BIBL})`)).toBe(line);
    expect(xeval(doc, `count(${BIBL}/*)`)).toBe('0');
  });

  test('a "First published" line is a second bibl with its year tagged', () => {
    const line = 'First published in 1932 in Lenin Miscellany XX. Printed from the manuscript.';
    const doc = sourceDesc([field('Source', 'source', 'Collected Works, Volume 42'), field('Published', 'firstPublished', line)]);
    expect(xeval(doc, `string(${FIRST})`)).toBe(line);
    expect(xeval(doc, `string(${FIRST}/tei:date/@when)`)).toBe('1932');
    expect(xeval(doc, `count(/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl)`)).toBe('2');
  });

  test('without a source line, sourceDesc says so', () => {
    const doc = sourceDesc([]);
    expect(xtext(doc, '//tei:sourceDesc/tei:p')).toBe('The transcription does not name its printed source.');
  });
});

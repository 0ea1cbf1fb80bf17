/**
 * The TEI writer after session 9's allocation work (pieces joined instead of strings
 * concatenated, element handles instead of objects, attributes one call each, the header's
 * shortcuts) must write exactly what it wrote before: the writer as it was is kept in
 * ./before/writer/, and both write every model here — the seeds, the corpus (when ../shared
 * is present), bench-style variants of the seeds, generated models with awkward characters,
 * generated headers with every metadata role, and large documents written between small
 * ones — with the same bytes and the same diagnostics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Block, Edition, EmendationKind, Inline, MetaField, MetaRole } from '../../src/model/edition.js';
import { writeTei } from '../../src/tei/index.js';
import { attr, el, startDocument, txt } from '../../src/tei/text.js';
import { escapeAttribute, escapeText, StringSink } from '../../src/tei/emit.js';
import { corpusDocuments, hasBothCorpora } from '../helpers/corpus-files.js';
import { skipMessage } from '../helpers/shared.js';
import { escapeAttribute as escapeAttributeBefore, escapeText as escapeTextBefore } from './before/writer/emit.js';
import { writeTei as writeTeiBefore } from './before/writer/index.js';
import { anchor, at, edition, note, p, t } from './build.js';
import { awkwardText, random, randomBlocks, randomEdition, randomInlines } from './random-edition.js';

const VERSION = '0.1.0';

/** Both writers on one model: the same TEI and the same diagnostics, or the same failure. */
function expectSameAsBefore(ed: Edition, what: string): void {
  const before = new Diagnostics('f');
  const now = new Diagnostics('f');
  let want: string | Error;
  let got: string | Error;
  try {
    want = writeTeiBefore(ed, { version: VERSION, diagnostics: before });
  } catch (e) {
    want = e as Error;
  }
  try {
    got = writeTei(ed, { version: VERSION, diagnostics: now });
  } catch (e) {
    got = e as Error;
  }
  if (typeof want !== 'string') {
    expect(got, what).toBeInstanceOf(Error);
    return;
  }
  expect(got, what).toBe(want);
  expect(now.items, what).toEqual(before.items);
}

const modelOf = (text: string, file: string): Edition | undefined => convert(text, { file, validate: false, verify: false }).model;

const SEEDS_DIR = new URL('../../input/', import.meta.url);
const seeds = readdirSync(SEEDS_DIR)
  .filter((f) => /\.(txt|md|html?)$/.test(f))
  .map((name) => ({ name, text: readFileSync(new URL(name, SEEDS_DIR), 'utf8') }));

describe('the writer writes what it wrote before', () => {
  test('the seeds, and 400 variants of them with words, numbers and lines changed', () => {
    expect(seeds.length).toBeGreaterThan(0);
    for (const { name, text } of seeds) expectSameAsBefore(modelOf(text, name)!, name);
    const rand = random(91);
    let written = 0;
    for (let k = 0; k < 400; k++) {
      const { name, text } = seeds[k % seeds.length]!;
      const lines = text.split('\n');
      // Change a few lines: swap two, drop one, repeat one, cut one short (metadata lines too).
      for (let c = 0; c < 3; c++) {
        const i = Math.floor(rand() * lines.length);
        const j = Math.floor(rand() * lines.length);
        const op = Math.floor(rand() * 4);
        if (op === 0) [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        else if (op === 1) lines.splice(i, 1);
        else if (op === 2) lines.splice(i, 0, lines[j]!);
        else lines[i] = lines[i]!.slice(0, Math.floor(rand() * lines[i]!.length));
      }
      const model = modelOf(lines.join('\n'), name);
      if (!model) continue;
      expectSameAsBefore(model, `${name} variant ${k}`);
      written++;
    }
    expect(written).toBeGreaterThan(300);
  });

  test.skipIf(!hasBothCorpora)(`every corpus document${hasBothCorpora ? '' : ` (${skipMessage('the MIA corpus')})`}`, () => {
    const docs = corpusDocuments();
    expect(docs.length).toBeGreaterThan(150);
    for (const doc of docs) {
      const model = modelOf(doc.text, doc.path);
      if (model) expectSameAsBefore(model, doc.name);
    }
  });

  test('500 generated models with awkward characters in every node kind', () => {
    for (let seed = 1; seed <= 500; seed++) expectSameAsBefore(randomEdition(seed), `seed ${seed}`);
  });

  test('600 generated headers: every metadata role, credits, licences, dates, emendations, hands, editors', () => {
    for (let seed = 1; seed <= 600; seed++) expectSameAsBefore(randomHeaderEdition(seed), `header seed ${seed}`);
  });

  test('large documents between small ones (the sink reuses its pieces across documents)', () => {
    const big = (n: number): Edition =>
      edition((ed) => {
        const rand = random(n);
        const blocks: Block[] = [];
        for (let k = 0; k < n; k++) blocks.push(...randomBlocks(rand, 2));
        ed.body.blocks = blocks;
      });
    for (const n of [400, 1, 2_000, 3, 40, 900]) {
      expectSameAsBefore(big(n), `large ${n}`);
      expectSameAsBefore(randomEdition(n), `small after large ${n}`);
    }
  });
});

describe('escaping asked with indexOf', () => {
  test('text and attribute values escape as before: 20,000 generated strings, and every UTF-16 code unit alone', () => {
    const rand = random(7);
    const pieces = ['&', '<', '>', '"', "'", '&amp;', ']]>', 'a', ' ', '\n', '’', '\u{1F600}', '\ud800', 'word'];
    const values: string[] = [];
    for (let c = 0; c < 0x10000; c++) values.push(String.fromCharCode(c));
    for (let k = 0; k < 20_000; k++) {
      let v = '';
      const n = Math.floor(rand() * 12);
      for (let j = 0; j < n; j++) v += pieces[Math.floor(rand() * pieces.length)]!;
      values.push(v);
    }
    for (const v of values) {
      expect(escapeText(v)).toBe(escapeTextBefore(v));
      expect(escapeAttribute(v)).toBe(escapeAttributeBefore(v));
    }
  });
});

describe('attributes one call each', () => {
  test('an attribute after the element has content, or on an element that is not the innermost, throws', () => {
    const root = startDocument(new StringSink(), 'TEI', []);
    const text = el(root, 'text');
    txt(text, 'x');
    expect(() => attr(text, 'n', '1')).toThrow(/after its content/);
    const a = el(root, 'a');
    el(a, 'b');
    expect(() => attr(a, 'n', '1')).toThrow(/after its content/);
  });
});

// ---------------------------------------------------------------- generated headers

const ROLES: MetaRole[] = [
  'written', 'delivered', 'firstPublished', 'source', 'publisher', 'translated', 'transcribed', 'markup',
  'transcriptionMarkup', 'proofed', 'onlineVersion', 'licence', 'signed', 'editor', 'other', 'collection',
];
const LABELS = ['Written', 'Delivered', 'First Published', 'Source', 'Publisher', 'Translated', 'Transcribed', 'Transcription/Markup', 'Transcription\\Markup', 'Proofed', 'Proofread', 'Online Version', 'Public Domain', 'Copyleft', 'Signed', 'Editor', 'Note', '', 'HTML Markup', 'Transcription/Editing/HTML Markup'];
/** Pieces of real header values: names, organisations, purposes, dates, archives, sources. */
const VALUES = [
  'Bernard Isaacs', 'D. Walters', 'Zodiac and Brian Baggins', 'Salil Sen for MIA, 2008', 'Andy Blunden', 'and corrected by Andy Blunden', 'by Max Eastman',
  'Unknown', 'n/a', '?', 'SPGB', 'Class Against Class', 'InterActivist Info Exchange', 'What’s Next magazine, additional copyediting by Martin Fahlgren in 2012',
  'Peter B. Maggs. Copyright © 2003', 'Einde O’Callaghan', 'Mr. Smith', 'J. V. Stalin', 'the Socialist Party of Great Britain', 'Marxists Internet Archive',
  'Lenin Internet Archive (2003)', 'Marxists’ Internet Archive (1999)', 'J. V. Stalin Archive', 'George Novack Internet Archive', 'You may freely copy, distribute, display and perform this work',
  'Public Domain: Lenin Internet Archive (2003). Please credit “Marxists Internet Archive” as your source.', 'marxists.org 2005', 'Progress Publishers',
  'Lenin Collected Works, 3nd English Printing, Progress Publishers, 1977, Moscow, Volume 42, pages 298b-299a.', 'Moscow 1977', 'London: 1902', 'Vol. IV, pp. 3-4',
  'April 1921', 'Written in April, not later than 27, 1921', 'March 12, 1912', 'between May 28 and June 3, 1919', 'late 1919', 'the winter of 1905-06', '1913–14', '1907 - 1913',
  'February 30, 1917', 'January 9 (22), 1905', 'Spring 1845', 'no date', 'circa 1880', 'in 1932 in Lenin Miscellany XX. Printed from the manuscript.', 'Pravda No. 97, May 7, 1921',
  '&', '<b>', '"quoted"', ' ', '', ', ', '; ', ' and ', ' for ', ' (2008)', ' in 2011',
];
const KINDS: EmendationKind[] = ['subst', 'del', 'add', 'gap', 'unclear', 'supplied', 'sic', 'charref', 'correction'];

function headerValue(rand: () => number): Array<Inline> {
  const pick = (): string => VALUES[Math.floor(rand() * VALUES.length)]!;
  const out: Inline[] = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) {
    const r = rand();
    if (r < 0.75) out.push(t(pick() + (rand() < 0.4 ? pick() : '')));
    else if (r < 0.85) out.push({ kind: 'hi', rend: rand() < 0.5 ? 'italic' : 'bold italic', children: [t(pick())], pos: at });
    else if (r < 0.92) out.push(anchor(`[${k + 1}]`, `a${k}`, `#n${k}`));
    else out.push(...randomInlines(rand, 0));
  }
  return out;
}

function randomHeaderEdition(seed: number): Edition {
  const rand = random(seed * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  return edition((ed) => {
    if (rand() < 0.3) ed.metadata.subtitle = pick(VALUES);
    if (rand() < 0.2) delete ed.metadata.author;
    ed.metadata.language = pick(['en', 'de', 'fr-CA', 'ru', 'xx', 'EN']);
    const fields: MetaField[] = [];
    const n = Math.floor(rand() * 9);
    for (let k = 0; k < n; k++) fields.push({ label: pick(LABELS), role: pick(ROLES), value: headerValue(rand), pos: { line: k + 2, column: 1 } });
    ed.metadata.fields = fields;
    if (rand() < 0.4) ed.body.subtitle = [t(pick(VALUES))];
    if (rand() < 0.3) ed.body.argument = [p(t(pick(['(April 1980)', 'March 1912', '1525–1848', 'A circular.', '(October 1913)'])))];
    if (rand() < 0.3) ed.body.opener = { dateline: [t(pick(VALUES))], pos: at, ...(rand() < 0.5 && { salute: [t('Dear Comrades,')], saluteFirst: rand() < 0.5 }) };
    if (rand() < 0.3) ed.body.closer = { dateline: [t(pick(VALUES))], signed: [t('N. Lenin')], pos: { line: 99, column: 1 } };
    const emendations = Math.floor(rand() * 6) + (rand() < 0.1 ? 30 : 0);
    for (let k = 0; k < emendations; k++) {
      ed.emendations.push({ kind: pick(KINDS), resp: pick(['#teiwright', '#ed1']), description: rand() < 0.5 ? 'the same repair' : awkwardText(rand, 3), pos: at });
    }
    if (rand() < 0.3) ed.editors.push({ id: 'ed1', name: pick(VALUES), role: 'correction' });
    if (rand() < 0.3) ed.hands.push({ id: 'h1', description: pick(VALUES), ...(rand() < 0.5 && { medium: 'pencil' }) });
    const dropped = Math.floor(rand() * 3);
    for (let k = 0; k < dropped; k++) ed.dropped.push({ text: 'Next', reason: 'navigation', pos: at });
    if (rand() < 0.5) {
      ed.notes = [{ series: 'n', heading: [t('Notes')], notes: [note('1', [p(t(pick(VALUES)))], { id: 'n1', targets: rand() < 0.5 ? ['a0'] : ['a0', '#subst-n1'] })], pos: at, ...(rand() < 0.3 && { inText: true }) }];
    }
  });
}

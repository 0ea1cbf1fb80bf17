/**
 * The writer's own string sink (src/tei/emit.ts) against xmlbuilder2: the same writer calls
 * made into xmlbuilder2's DOM and serialised by it, and streamed through its callback API,
 * give the same bytes — on the seeds, on hand-made models with every node kind, and on
 * generated models full of characters that need escaping or look like markup.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { StringSink, type Sink } from '../../src/tei/emit.js';
import { writeTei, writeTeiTo } from '../../src/tei/index.js';
import { el, startDocument, txt } from '../../src/tei/text.js';
import { expectValidTei } from '../helpers/tei.js';
import { anchor, at, b, edition, field, i, note, p, t, warmTeiAll } from './build.js';
import { CallbackSink, DomSink } from './oracle.js';

beforeAll(warmTeiAll, 300_000);

const options = { version: '0.1.0' };
const own = (ed: Edition): string => writeTeiTo(new StringSink(''), ed, options);
const withSink = (sink: Sink, ed: Edition): string => writeTeiTo(sink, ed, options);

function expectSameAsXmlbuilder2(ed: Edition): string {
  const mine = own(ed);
  expect(withSink(new DomSink(), ed)).toBe(mine);
  expect(withSink(new CallbackSink(), ed)).toBe(mine);
  return mine;
}

describe('the string sink and xmlbuilder2 give the same bytes', () => {
  test('on every seed transcription', () => {
    const dir = new URL('../../input/', import.meta.url);
    const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.md') || f.endsWith('.html'));
    expect(seeds.length).toBeGreaterThan(0);
    for (const name of seeds) {
      const model = convert(readFileSync(new URL(name, dir), 'utf8'), { file: name, validate: false, verify: false }).model!;
      expectSameAsXmlbuilder2(model);
    }
  });
});

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces of text that need escaping, look like markup or entities, or are white space. */
const AWKWARD = [
  '&', '<', '>', '"', "'", '&amp;', '&copy;', '&#38;', '&#x26;', 'AT&T;', '&lt;p&gt;', ']]>', '<![CDATA[x]]>', '<!-- c -->', '<?pi x?>',
  '\t', '\n', '\r', '\r\n', '  ', ' ', '\u00a0', '\u2028', '\u{1F600}', 'e\u0301', '\uFFFD', '\u0000'.slice(1), 'word', 'Ünïcødé', 'Ленин', '毛泽东', '#n1', '[1]',
];

function awkwardText(rand: () => number, max = 6): string {
  let s = '';
  const n = 1 + Math.floor(rand() * max);
  for (let k = 0; k < n; k++) s += AWKWARD[Math.floor(rand() * AWKWARD.length)]!;
  return s;
}

function randomInlines(rand: () => number, depth: number): Inline[] {
  const out: Inline[] = [];
  const n = Math.floor(rand() * 5);
  const kids = (): Inline[] => (depth > 0 ? randomInlines(rand, depth - 1) : [t(awkwardText(rand))]);
  const s = (): string => awkwardText(rand, 3);
  const opt = (): string | undefined => (rand() < 0.5 ? s() : undefined);
  for (let k = 0; k < n; k++) {
    const pick = Math.floor(rand() * 16);
    switch (pick) {
      case 0: out.push({ kind: 'hi', rend: rand() < 0.5 ? 'italic' : 'bold', children: kids(), pos: at }); break;
      case 1: out.push({ ...anchor(s(), opt(), opt()) }); break;
      case 2: out.push({ kind: 'link', href: s(), children: kids(), pos: at }); break;
      case 3: out.push({ kind: 'subst', resp: '#ed', place: s(), del: kids(), add: rand() < 0.3 ? [] : kids(), pos: at, ...(rand() < 0.5 && { id: s(), hand: '#h1' }) }); break;
      case 4: out.push({ kind: 'del', children: kids(), pos: at, ...(rand() < 0.5 && { id: s(), rend: s(), resp: '#ed' }) }); break;
      case 5: out.push({ kind: 'add', place: s(), children: kids(), pos: at, ...(rand() < 0.5 && { id: s(), hand: '#h1' }) }); break;
      case 6: out.push({ kind: 'gap', reason: s(), pos: at, ...(rand() < 0.5 && { unit: s(), quantity: Math.floor(rand() * 100) / 4, printed: rand() < 0.5 ? '' : s() }) }); break;
      case 7: out.push({ kind: 'unclear', children: kids(), pos: at, ...(rand() < 0.5 && { reason: s() }) }); break;
      case 8: out.push({ kind: 'supplied', children: rand() < 0.2 ? [] : kids(), pos: at }); break;
      case 9: out.push({ kind: 'choice', resp: '#teiwright', sic: kids(), corr: kids(), pos: at }); break;
      case 10: out.push({ kind: 'sic', children: kids(), pos: at }); break;
      case 11: out.push(rand() < 0.5 ? { kind: 'pb', pos: at } : { kind: 'pb', n: s(), pos: at }); break;
      case 12: out.push({ kind: 'lb', pos: at }); break;
      case 13: out.push({ kind: 'inlineNote', place: s(), children: kids(), pos: at, ...(rand() < 0.5 && { type: s() }) }); break;
      default: out.push(t(rand() < 0.1 ? '' : awkwardText(rand))); break;
    }
  }
  return out;
}

function randomBlocks(rand: () => number, depth: number): Block[] {
  const out: Block[] = [];
  const n = 1 + Math.floor(rand() * 6);
  const inl = (): Inline[] => randomInlines(rand, 2);
  for (let k = 0; k < n; k++) {
    const pick = Math.floor(rand() * 9);
    switch (pick) {
      case 0: out.push({ kind: 'heading', level: 1 + Math.floor(rand() * 4), children: inl(), pos: at }); break;
      case 1: if (depth > 0) out.push({ kind: 'quote', blocks: randomBlocks(rand, depth - 1), pos: at }); break;
      case 2: out.push({ kind: 'list', ordered: rand() < 0.5, items: [inl(), inl()], pos: at }); break;
      case 3: out.push({ kind: 'pb', n: awkwardText(rand, 2), pos: at }); break;
      case 4: out.push({ kind: 'lines', lines: [inl(), [], inl()], pos: at }); break;
      case 5: out.push({ kind: 'table', rows: [{ role: 'label', cells: [{ children: inl(), pos: at }], pos: at }, { cells: [{ cols: 2, children: inl(), pos: at }, { children: [], pos: at }], pos: at }], pos: at }); break;
      case 6: out.push({ kind: 'figure', url: awkwardText(rand, 2), pos: at, ...(rand() < 0.5 && { description: awkwardText(rand), head: inl() }) }); break;
      default: out.push({ kind: 'p', children: inl(), pos: at, ...(rand() < 0.3 && { rend: awkwardText(rand, 2) }) }); break;
    }
  }
  return out;
}

function randomEdition(seed: number): Edition {
  const rand = random(seed);
  return edition((ed) => {
    ed.metadata.title = awkwardText(rand);
    if (rand() < 0.5) ed.metadata.subtitle = awkwardText(rand);
    ed.metadata.language = rand() < 0.8 ? 'en' : awkwardText(rand, 2);
    ed.metadata.fields = [
      field(awkwardText(rand, 2), 'source', ...randomInlines(rand, 1)),
      field('Translated', 'translated', awkwardText(rand)),
      field(awkwardText(rand, 2), 'other', ...randomInlines(rand, 1)),
      field('Written', 'written', awkwardText(rand)),
    ];
    ed.body.head = randomInlines(rand, 1);
    ed.body.argument = rand() < 0.5 ? randomBlocks(rand, 0) : [];
    ed.body.blocks = randomBlocks(rand, 2);
    ed.body.closer = { signed: [t(awkwardText(rand))], dateline: [t(`${awkwardText(rand, 2)} May 1, 1917`)], pos: at };
    ed.notes = [{ series: 'n', heading: randomInlines(rand, 0), notes: [note('1', randomBlocks(rand, 1), { id: 'n1', targets: ['a1'] })], pos: at }];
  });
}

describe('generated models with awkward characters', () => {
  test('200 random models: the same bytes from the string sink, xmlbuilder2 DOM and xmlbuilder2 createCB', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const ed = randomEdition(seed);
      const mine = own(ed);
      expect(withSink(new DomSink(), ed), `seed ${seed}`).toBe(mine);
      expect(withSink(new CallbackSink(), ed), `seed ${seed}`).toBe(mine);
    }
  });
});

const repair = (n: number): Inline => ({
  kind: 'choice', id: `c${n}`, resp: '#teiwright', pos: at,
  sic: [{ kind: 'gap', reason: 'forbidden-character', printed: 'U+FFFE', pos: at }],
  corr: [t('\uFFFD')],
});

/** A document with every kind of container, nested, and long runs of each. */
function large(count: number): Edition {
  return edition((ed) => {
    const one: Inline[] = [];
    for (let n = 0; n < count; n++) one.push(t(`word ${n} & <more> `), repair(n), i(t('it'), b(t('bold'))));
    const blocks: Block[] = [{ kind: 'p', children: one, pos: at }];
    for (let n = 0; n < count; n++) {
      blocks.push({ kind: 'heading', level: 2 + (n % 3), children: [t(`Heading ${n}`)], pos: at });
      blocks.push(p(t(`Paragraph ${n} `), anchor(`[${n}]`, `a${n}`, `#n${n}`)));
      if (n % 5 === 0) blocks.push({ kind: 'list', ordered: n % 2 === 0, items: [[t('one')], [t('two'), i(t('three'))]], pos: at });
      if (n % 7 === 0) blocks.push({ kind: 'quote', blocks: [p(t('Quoted')), p(t('again'))], pos: at });
      if (n % 11 === 0) blocks.push({ kind: 'lines', lines: [[t('a line')], [t('another')]], pos: at });
    }
    ed.body.blocks = blocks;
    ed.notes = [{ series: 'n', heading: [t('Notes')], notes: Array.from({ length: count }, (_, n) => note(`${n}`, [p(t(`Note ${n}.`)), p(t('More.'))], { id: `n${n}`, targets: [`a${n}`] })), pos: at }];
  });
}

describe('large documents', () => {
  test('a document with every kind of container, nested, about 7,000 elements: the same bytes as xmlbuilder2, valid TEI', () => {
    const whole = expectSameAsXmlbuilder2(large(250));
    expect(whole).toContain('<choice xml:id="c249"><sic><gap reason="forbidden-character"><desc>U+FFFE</desc></gap></sic><corr resp="#teiwright">\uFFFD</corr></choice>');
    expect(whole).toMatch(/\n( +)<div>\n\1  <head>Heading 248<\/head>/);
    expectValidTei(writeTei(large(250), options));
  });

  test('a text of 300,000 characters is written exactly, escaped, in one piece', () => {
    // An astral character near 65,536, `&`, `<` and `>` on both sides of it.
    const text = `${'a'.repeat(65_535)}\u{1F600}&<>${'b & c < d > e \u{10000} '.repeat(15_000)}`;
    const ed = edition((e) => void (e.body.blocks = [p(t(text))]));
    const whole = expectSameAsXmlbuilder2(ed);
    expect(whole).toContain(`<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`);
  });
});

describe('document order', () => {
  test('an element is ended by writing into one of its ancestors; writing into it afterwards throws', () => {
    const sink = new StringSink('');
    const root = startDocument(sink, 'TEI', [['xmlns', 'urn:x'], ['n', 1]]);
    const text = el(root, 'text');
    const first = el(text, 'p');
    txt(first, 'one');
    el(text, 'p');
    expect(() => txt(first, 'late')).toThrow(/after it was ended/);
  });
});

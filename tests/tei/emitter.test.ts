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
import { anchor, at, b, edition, i, note, p, t, warmTeiAll } from './build.js';
import { randomEdition } from './random-edition.js';
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

/**
 * The writer serialises a large document in parts (a bounded DOM at any time): the bytes
 * must be those of the whole document written at once, whatever the part size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { writeTei } from '../../src/tei/index.js';
import { CHUNK, setPartSize } from '../../src/tei/text.js';
import { expectValidTei } from '../helpers/tei.js';
import { anchor, at, b, edition, i, note, p, t, warmTeiAll } from './build.js';

beforeAll(warmTeiAll, 300_000);

const write = (ed: Edition): string => writeTei(ed, { version: '0.1.0' });

/** The TEI of `ed` written with each part size. */
function writtenWith(ed: Edition, sizes: number[]): string[] {
  try {
    return sizes.map((size) => {
      setPartSize(size);
      return write(ed);
    });
  } finally {
    setPartSize(CHUNK);
  }
}

afterEach(() => void setPartSize(CHUNK));

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

describe('writing in parts', () => {
  test('a document far above the part size has the same bytes with parts of 1, 7 and the default size as in one piece', () => {
    const ed = large(400);
    const [whole, ...parts] = writtenWith(ed, [Number.POSITIVE_INFINITY, 1, 7, CHUNK]);
    for (const tei of parts) expect(tei).toBe(whole);
    expect(whole).toContain('<choice xml:id="c399"><sic><gap reason="forbidden-character"><desc>U+FFFE</desc></gap></sic><corr resp="#teiwright">\uFFFD</corr></choice>');
    expect(whole).not.toContain('\uFFFE');
    expectValidTei(whole!);
  });

  test('each seed transcription has the same bytes written in parts of 1 node as in one piece', () => {
    const dir = new URL('../../input/', import.meta.url);
    const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.md') || f.endsWith('.html'));
    expect(seeds.length).toBeGreaterThan(0);
    for (const name of seeds) {
      const model = convert(readFileSync(new URL(name, dir), 'utf8'), { file: name, validate: false, verify: false }).model!;
      const [whole, parts] = writtenWith(model, [Number.POSITIVE_INFINITY, 1]);
      expect(parts).toBe(whole);
    }
  });

  test('a text longer than a text node may be is written exactly, in parts and in one piece', () => {
    // An astral character across the first piece boundary, `&`, `<` and `>` on both sides of it, over 300,000 characters.
    const text = `${'a'.repeat(65_535)}\u{1F600}&<>${'b & c < d > e \u{10000} '.repeat(15_000)}`;
    const ed = edition((e) => void (e.body.blocks = [p(t(text))]));
    const [whole, parts] = writtenWith(ed, [Number.POSITIVE_INFINITY, 1]);
    expect(parts).toBe(whole);
    expect(whole).toContain(`<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`);
  });

  test('a write that fails after some parts were serialised leaves nothing behind for the next one', () => {
    const good = large(50);
    const before = write(good);
    const broken = large(50);
    broken.notes[0]!.notes.push(note('x', [p({ kind: 'nonsense' } as unknown as Inline)]));
    setPartSize(3);
    expect(() => write(broken)).toThrow();
    expect(write(good)).toBe(before);
  });
});

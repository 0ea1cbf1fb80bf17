/**
 * Generated edition models for the writer's tests: every inline and block kind, nested, with
 * text full of characters that need escaping, look like markup or entities, or are white
 * space. Deterministic: a model is made from its seed, so a failure can be replayed.
 */
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { anchor, at, edition, field, note, t } from './build.js';
import { prng } from '../helpers/prng.js';

/** mulberry32 (tests/helpers/prng.ts), under the name the generators here have always used. */
export const random = prng;

/** Pieces of text that need escaping, look like markup or entities, or are white space. */
const AWKWARD = [
  '&', '<', '>', '"', "'", '&amp;', '&copy;', '&#38;', '&#x26;', 'AT&T;', '&lt;p&gt;', ']]>', '<![CDATA[x]]>', '<!-- c -->', '<?pi x?>',
  '\t', '\n', '\r', '\r\n', '  ', ' ', '\u00a0', '\u2028', '\u{1F600}', 'e\u0301', '\uFFFD', '\u0000'.slice(1), 'word', 'Ünïcødé', 'Ленин', '毛泽东', '#n1', '[1]',
];

export function awkwardText(rand: () => number, max = 6): string {
  let s = '';
  const n = 1 + Math.floor(rand() * max);
  for (let k = 0; k < n; k++) s += AWKWARD[Math.floor(rand() * AWKWARD.length)]!;
  return s;
}

export function randomInlines(rand: () => number, depth: number): Inline[] {
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

export function randomBlocks(rand: () => number, depth: number): Block[] {
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

export function randomEdition(seed: number): Edition {
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


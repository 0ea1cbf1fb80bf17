/**
 * Lean text nodes (issue 14): from `LEAN_FROM` units of markdown source on, the inline scan's
 * text nodes keep their source offset and make `pos` when it is read, instead of holding a
 * position object each (16 MB of `` `code` word `` was 2.8 million nodes, a 270 MB model).
 * The model must read the same everywhere: same positions, JSON, keys, spreads, diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Block, Inline, InlineOf } from '../../src/model/edition.js';
import { bodyInlineLists, visitInlines } from '../../src/model/walk.js';
import { LEAN_FROM, Source } from '../../src/readers/shared/source.js';
import { expectValidTei } from '../helpers/tei.js';

/** Whether `node` keeps its place as an offset: `pos` is an accessor of its own, not a stored object. */
const isLean = (node: object): boolean => typeof Object.getOwnPropertyDescriptor(node, 'pos')?.get === 'function';

const textNodes = (model: Parameters<typeof bodyInlineLists>[0]): InlineOf<'text'>[] => {
  const out: InlineOf<'text'>[] = [];
  visitInlines(bodyInlineLists(model), (n: Inline) => {
    if (n.kind === 'text') out.push(n);
  });
  return out;
};

/** Paragraphs of code spans, references (one broken: a `charref-repaired` warning each) and emphasis, on lines of their own. */
function paragraphs(count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`Para ${i}: \`code ${i % 7}\` word &laquo;q&raquo; then &8220;x and *it* \`\` a\`b \`\` end\nsecond line \`c\` w.`);
  }
  return out.join('\n\n');
}

describe('lean text nodes in a large markdown text', () => {
  const head = '# Title\n\n';
  const small = `${head}${paragraphs(40)}\n`;
  // The same 40 paragraphs, then enough more to pass LEAN_FROM.
  const large = `${head}${paragraphs(Math.ceil((LEAN_FROM * 1.2) / 90))}\n`;

  it('a large text makes lean text nodes, a small one plain ones', () => {
    expect(large.length).toBeGreaterThanOrEqual(LEAN_FROM);
    expect(small.length).toBeLessThan(LEAN_FROM);
    const big = convert(large, { file: 'large.md' });
    const little = convert(small, { file: 'small.md' });
    // ok: valid against the project schema (convert validates it); the small text's TEI is checked against tei_all too.
    expect(big.ok).toBe(true);
    expectValidTei(little.tei!);
    const lean = textNodes(big.model!);
    expect(lean.length).toBeGreaterThan(10_000);
    // The code spans' texts and the words after them are lean (nodes a later stage replaced, such as
    // a paragraph's trimmed first and last text or a repaired reference, are plain copies).
    const spans = lean.filter((n) => /^(code \d|a`b|c| word «)$/.test(n.text));
    expect(spans.length).toBeGreaterThan(5_000);
    expect(spans.filter((n) => !isLean(n))).toEqual([]);
    expect(textNodes(little.model!).filter(isLean)).toEqual([]);
  });

  it('the paragraphs of a large text read exactly as the same paragraphs of a small one: positions, JSON, key order', () => {
    const big = convert(large, { file: 'same.md' }).model!;
    const little = convert(small, { file: 'same.md' }).model!;
    const first = (blocks: Block[]): Block[] => blocks.slice(0, 40);
    const a = first(big.body.blocks ?? []);
    const b = first(little.body.blocks ?? []);
    expect(textNodes(big).slice(0, 10).filter(isLean).length).toBeGreaterThanOrEqual(4);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const keys = (list: Inline[]): string[] => list.map((n) => Object.keys(n).join(','));
    expect(a.flatMap((p) => (p.kind === 'p' ? keys(p.children) : []))).toEqual(b.flatMap((p) => (p.kind === 'p' ? keys(p.children) : [])));
  });

  it("every diagnostic's line:col in a large text is the one the same place has in a small text", () => {
    const big = convert(large, { file: 'diag.md' });
    const little = convert(small, { file: 'diag.md' });
    const repaired = (ds: typeof big.diagnostics) => ds.filter((d) => d.code === 'charref-repaired').map((d) => [d.line, d.column]);
    expect(textNodes(big.model!).filter(isLean).length).toBeGreaterThan(5_000);
    const expected = repaired(little.diagnostics);
    expect(expected).toHaveLength(40);
    expect(repaired(big.diagnostics).slice(0, 40)).toEqual(expected);
    // And each points at the broken reference in the source.
    const lines = large.split('\n');
    for (const [line, column] of repaired(big.diagnostics)) expect(lines[line! - 1]!.slice(column! - 1)).toMatch(/^&8220;/);
  });

  it('a long one-line paragraph of code spans keeps exact columns to its end', () => {
    const unit = '`code` word ';
    const line = unit.repeat(Math.ceil(LEAN_FROM / unit.length) + 10);
    const r = convert(`# T\n\n${line}&8220;x.\n`, { file: 'line.md' });
    const texts = textNodes(r.model!);
    expect(texts.length).toBeGreaterThan(20_000);
    expect(texts.filter((n) => !isLean(n)).length).toBeLessThan(10);
    // Each text starts where the source has it: code texts one past a backtick, the words after the closing one.
    const plainTexts = texts.filter((n) => n.text === 'code' || n.text === ' word ');
    expect(plainTexts.length).toBeGreaterThan(20_000);
    for (const n of [...plainTexts.slice(0, 3), ...plainTexts.slice(-3)]) {
      expect(n.pos.line).toBe(3);
      expect(line.startsWith(n.text, n.pos.column - 1)).toBe(true);
    }
    expect(plainTexts.at(-1)!.pos.column).toBeGreaterThan(LEAN_FROM);
    const d = r.diagnostics.find((x) => x.code === 'charref-repaired');
    expect([d?.line, d?.column]).toEqual([3, line.length + 1]);
  });
});

describe('Source.textNode', () => {
  const big = new Source(`${'x'.repeat(LEAN_FROM)}\nsecond line\n`);

  it('a lean node reads as the plain node: pos, keys, JSON, spread, for…in', () => {
    const node = big.textNode('second', LEAN_FROM + 1);
    expect(isLean(node)).toBe(true);
    const plain = { kind: 'text', text: 'second', pos: { line: 2, column: 1 } };
    expect(node.pos).toEqual({ line: 2, column: 1 });
    expect(node).toEqual(plain);
    expect(Object.keys(node)).toEqual(['kind', 'text', 'pos']);
    expect(JSON.stringify(node)).toBe(JSON.stringify(plain));
    const copy = { ...node, text: 'other' };
    expect(copy).toEqual({ kind: 'text', text: 'other', pos: { line: 2, column: 1 } });
    expect(isLean(copy)).toBe(false);
    const keys: string[] = [];
    for (const k in node) keys.push(k);
    expect(keys).toEqual(['kind', 'text', 'pos']);
  });

  it('assigning pos makes it a plain property of that node; withText keeps a lean node lean at its place', () => {
    const a = big.textNode('second', LEAN_FROM + 1);
    const longer = big.withText(a, 'second line');
    expect(isLean(longer)).toBe(true);
    expect(longer).toEqual({ kind: 'text', text: 'second line', pos: { line: 2, column: 1 } });
    a.pos = { line: 2, column: 8 };
    expect(isLean(a)).toBe(false);
    expect(a.pos).toEqual({ line: 2, column: 8 });
    expect(Object.keys(a)).toEqual(['kind', 'text', 'pos']);
    // A moved node is no longer at its offset: a text made from it keeps the assigned place.
    expect(big.withText(a, 'line')).toEqual({ kind: 'text', text: 'line', pos: { line: 2, column: 8 } });
  });

  it('a small source makes plain nodes', () => {
    const node = new Source('one\ntwo\n').textNode('two', 4);
    expect(isLean(node)).toBe(false);
    expect(node).toEqual({ kind: 'text', text: 'two', pos: { line: 2, column: 1 } });
  });
});

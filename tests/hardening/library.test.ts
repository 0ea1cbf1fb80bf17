/**
 * One test per finding of the hardening issue (library side): hostile input gets a clear
 * diagnostic, never an exception, and never TEI the project's own checks reject.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkFidelity } from '../../src/validate/fidelity.js';
import { exceededLimit } from '../../src/model/check.js';
import { sanitizeModel, safeTarget, ncName } from '../../src/model/sanitize.js';
import { plainText, visitInlines } from '../../src/model/walk.js';
import type { Inline } from '../../src/model/edition.js';
import { seriesPrefix } from '../../src/transforms/link-notes.js';
import { expectValidTei, parseTei, xeval, xpath } from '../helpers/tei.js';
import { buildEdition } from '../transforms/build.js';

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
const html = (body: string) => `<html><head><title>T</title></head><body><h1>T</h1>${body}</body></html>`;

/** `hi` nested `depth` deep around one word. */
function nested(depth: number): Inline[] {
  let list: Inline[] = [{ kind: 'text', text: 'x', pos: { line: 1, column: 1 } }];
  for (let i = 0; i < depth; i++) list = [{ kind: 'hi', rend: 'italic', children: list, pos: { line: 1, column: 1 } }];
  return list;
}

describe('the library never throws on input', () => {
  it('a character reference beyond Unicode (&#x110000;) is kept as printed, no RangeError', () => {
    const r = convert('# T\n\n&#x110000;\n', { file: 't.md' });
    expect(codes(r)).not.toContain('internal-error');
    expect(r.ok).toBe(true);
    expectValidTei(r.tei!);
  });

  it('120 nested <b><i> pairs are refused as input-too-deep at their line, not a stack overflow', () => {
    const r = convert(html(`<p>${'<b><i>'.repeat(120)}x${'</i></b>'.repeat(120)}</p>`), { file: 'deep.html' });
    const deep = r.diagnostics.find((d) => d.code === 'input-too-deep');
    expect(deep?.line).toBe(1);
    expect(r.tei).toBeUndefined();
  });

  it('the result of deep nesting does not depend on what the process converted before', () => {
    const text = html(`<p>${'<b><i>'.repeat(120)}x${'</i></b>'.repeat(120)}</p>`);
    const fresh = JSON.stringify(convert(text, { file: 'd.html' }).diagnostics);
    for (let i = 0; i < 5; i++) convert(html(`<p>${'<b><i>'.repeat(40)}x${'</i></b>'.repeat(40)}</p>`), { file: 'w.html' });
    expect(JSON.stringify(convert(text, { file: 'd.html' }).diagnostics)).toBe(fresh);
  });

  it('markup nested within the limit converts to valid TEI (40 <b><i> pairs)', () => {
    const r = convert(html(`<p>${'<b><i>'.repeat(40)}deep${'</i></b>'.repeat(40)}</p>`), { file: 'd.html' });
    expect(r.ok).toBe(true);
    expectValidTei(r.tei!);
  });

  it('the depth and anchor limits can be set by the caller', () => {
    const text = html(`<p>${'<b><i>'.repeat(10)}x${'</i></b>'.repeat(10)}</p>`);
    expect(codes(convert(text, { file: 'd.html', limits: { depth: 5 } }))).toContain('input-too-deep');
    const anchors = `# T\n\n${'word<sup>1</sup> '.repeat(20)}\n\n**Notes**\n\n1. The note.\n`;
    expect(codes(convert(anchors, { file: 'a.md', limits: { anchors: 10 } }))).toContain('input-too-many-anchors');
    expect(convert(anchors, { file: 'a.md' }).ok).toBe(true);
  });

  it('4 MB of * on one line does not overflow a regular expression', () => {
    const r = convert(`# T\n\n${'*'.repeat(4_000_000)}\n`, { file: 'stars.md', verify: false, validate: false });
    expect(codes(r)).not.toContain('internal-error');
    expect(codes(r)).not.toContain('input-too-deep');
  });

  it('walks and measures 100,000 nested nodes with explicit stacks (no recursion)', () => {
    const list = nested(100_000);
    expect(plainText(list)).toBe('x');
    let count = 0;
    visitInlines([list], () => count++);
    expect(count).toBe(100_001);
    const ed = buildEdition({ paragraphs: ['p'] });
    const p = ed.body.blocks[0]!;
    if (p.kind === 'p') p.children = list;
    expect(exceededLimit(ed)?.what).toBe('depth');
    const d = new Diagnostics('t');
    sanitizeModel(ed, d);
    expect(d.items).toEqual([]);
  });
});

describe('character references in linear time', () => {
  it('93 KB of broken references on one line: every repair at its own column', () => {
    // Every finding kept (by default a file keeps 1,000 of one code): each one's place is checked.
    const r = convert(`# T\n\n${'&8220; '.repeat(13_000)}\n`, { file: 'refs.md', validate: false, verify: false, diagnosticsPerCode: Number.POSITIVE_INFINITY });
    const repaired = r.diagnostics.filter((d) => d.code === 'charref-repaired');
    expect(repaired.length).toBe(13_000);
    expect(repaired.at(-1)).toMatchObject({ line: 3, column: 1 + 7 * 12_999 });
  });
});

describe('never bad XML, never hostile values', () => {
  it('U+FFFE and U+FFFF in the input: reported at line:col, kept as choice/sic(gap)/corr(U+FFFD)', () => {
    const r = convert('# T\n\nab\uFFFEcd\uFFFF\n', { file: 'nc.md' });
    expect(r.diagnostics.filter((d) => d.code === 'char-forbidden').map((d) => [d.line, d.column])).toEqual([[3, 3], [3, 6]]);
    expect(r.ok).toBe(true);
    expectValidTei(r.tei!);
    expect(r.tei).toContain('ab<choice><sic><gap reason="forbidden-character"><desc>U+FFFE</desc></gap></sic><corr resp="#teiwright">\uFFFD</corr></choice>cd');
  });

  it('controls and a lone surrogate given to the library are replaced, the TEI is well-formed', () => {
    const r = convert('# T\n\nx\u0001y\uD800z\u001B\n', { file: 'c.md' });
    expect(r.diagnostics.filter((d) => d.code === 'char-forbidden')).toHaveLength(3);
    expectValidTei(r.tei!);
  });

  it('a reference to a noncharacter in HTML (&#xFFFF;) is replaced in the model', () => {
    const r = convert(html('<p>a&#xFFFF;b and more words</p>'), { file: 'nc.html' });
    expect(codes(r)).toContain('char-forbidden');
    expect(codes(r)).not.toContain('xml-malformed');
    expectValidTei(r.tei!);
  });

  it('a forbidden character in running text keeps its code point: choice, sic holding a gap (reason forbidden-character, desc U+FFFE), corr U+FFFD', () => {
    const r = convert(html('<p>first &#xFFFE; second &#1; third</p>\n<ul><li>in &#xFFFF; a list</li></ul>'), { file: 'nc.html' });
    expect(r.ok).toBe(true);
    const doc = parseTei(r.tei!);
    const choices = xpath(doc, '//tei:body//tei:choice[tei:sic/tei:gap[@reason="forbidden-character"]]');
    expect(choices).toHaveLength(3);
    expect(xpath(doc, '//tei:body//tei:choice/tei:sic/tei:gap/tei:desc').map((n) => n.content)).toEqual(['U+FFFE', 'U+0001', 'U+FFFF']);
    expect(xpath(doc, '//tei:body//tei:choice/tei:corr[@resp="#teiwright"]').map((n) => n.content)).toEqual(['\uFFFD', '\uFFFD', '\uFFFD']);
    // Where each stands, in the text around it.
    expect(xpath(doc, '//tei:body//tei:p//text()[not(ancestor::tei:sic)]').map((n) => n.content).join('')).toBe('first \uFFFD second \uFFFD third');
    // Each is reported (with its code point) and listed as an emendation; no word counted as added.
    expect(r.diagnostics.filter((d) => d.code === 'char-forbidden').map((d) => d.message.slice(0, 6))).toEqual(['U+FFFE', 'U+0001', 'U+FFFF']);
    expect(r.model!.emendations.filter((e) => e.kind === 'gap' && /U\+FFFE/.test(e.description))).toHaveLength(1);
    expect(codes(r)).not.toContain('words-lost');
    expectValidTei(r.tei!);
  });

  it('[x]() gives no @target="" : the link is dropped with a warning, its words kept', () => {
    const r = convert('# T\n\nsee [the text]() here\n', { file: 'l.md' });
    expect(r.diagnostics.find((d) => d.code === 'link-target-invalid')).toMatchObject({ severity: 'warning', line: 3 });
    const doc = parseTei(r.tei!);
    expect(xeval(doc, 'count(//tei:ref[@target=""])')).toBe('0');
    expect(xeval(doc, 'normalize-space(//tei:body)')).toContain('see the text here');
    expectValidTei(r.tei!);
  });

  it('javascript: never reaches @target', () => {
    const r = convert('# T\n\n[click](javascript:alert(1)) and [b]( JaVa\tScript:x) and [c](data:text/html,x)\n', { file: 'js.md' });
    expect(r.tei).not.toMatch(/javascript|data:/i);
    expect(r.diagnostics.filter((d) => d.code === 'link-target-invalid')).toHaveLength(3);
    expectValidTei(r.tei!);
  });

  it('targets with [, a stray % or two # are percent-encoded into a valid URI', () => {
    const r = convert('# T\n\n[x](a[b%#c#) and [y](http://e.org/100%25)\n', { file: 'u.md' });
    const doc = parseTei(r.tei!);
    expect(xpath(doc, '//tei:body//tei:ref/@target').map((a) => a.content)).toEqual(['a%5Bb%25#c%23', 'http://e.org/100%25']);
    expectValidTei(r.tei!);
  });

  it('ids are NCNames: a numbered note series gives s1-n1, and any other id is repaired with its pointers', () => {
    expect(seriesPrefix('1')).toBe('s1-');
    expect(seriesPrefix('A')).toBe('A-');
    expect(ncName('1-n1')).toBe('_1-n1');
    const ed = buildEdition({ paragraphs: ['text'] });
    ed.notes = [{ notes: [{ key: '1', label: '1.', type: 'authorial', place: 'end', blocks: [], pos: { line: 1, column: 1 }, id: '1-n1', targets: ['#1-nref1'] }], pos: { line: 1, column: 1 } }];
    const p = ed.body.blocks[0]!;
    if (p.kind === 'p') p.children.push({ kind: 'noteAnchor', marker: '1', key: '1', id: '1-nref1', target: '#1-n1', pos: { line: 1, column: 1 } });
    sanitizeModel(ed, new Diagnostics('t'));
    expect(ed.notes[0]!.notes[0]).toMatchObject({ id: '_1-n1', targets: ['#_1-nref1'] });
    expect(p.kind === 'p' && p.children.at(-1)).toMatchObject({ id: '_1-nref1', target: '#_1-n1' });
  });

  it('an HTML lang="x y" gives xml:lang="und" with a warning, not schema-invalid TEI; en_US becomes en-us', () => {
    const page = (lang: string) => `<html lang="${lang}"><head><title>T</title></head><body><h1>T</h1><p>Some words.</p></body></html>`;
    const bad = convert(page('x y'), { file: 'l.html' });
    expect(codes(bad)).toContain('language-invalid');
    expect(bad.ok).toBe(true);
    expect(xeval(parseTei(bad.tei!), 'string(/tei:TEI/@xml:lang)')).toBe('und');
    expectValidTei(bad.tei!);
    const us = convert(page('en_US'), { file: 'l.html' });
    expect(codes(us)).not.toContain('language-invalid');
    expect(xeval(parseTei(us.tei!), 'string(/tei:TEI/@xml:lang)')).toBe('en-us');
  });

  it('a duplicate id from a reader is renamed, pointers keep the first (fuzz: two <ref xml:id="n1">)', () => {
    const ed = buildEdition({ paragraphs: ['text'] });
    const p = ed.body.blocks[0]!;
    const anchor = (id: string) => ({ kind: 'noteAnchor' as const, marker: '[1]', key: '1', id, target: '1', pos: { line: 1, column: 1 } });
    if (p.kind === 'p') p.children.push(anchor('n1'), anchor('n1'));
    sanitizeModel(ed, new Diagnostics('t'));
    expect(p.kind === 'p' && p.children.slice(-2).map((c) => (c.kind === 'noteAnchor' ? c.id : ''))).toEqual(['n1', 'n1-2']);
  });

  it('a target whose host cannot parse is dropped (fuzz: https://www.[x](javascript:alert(1))marxists.org/)', () => {
    expect(safeTarget('https://www.\uFFFD[x](javascript:alert(1))marxists.org/archive/')).toEqual({ drop: "the link's target is not a well-formed address" });
    expect(safeTarget('//host:99999/x')).toHaveProperty('drop');
    expect(safeTarget('https://www.marxists.org/archive/lenin/')).toEqual({ target: 'https://www.marxists.org/archive/lenin/', changed: false });
  });

  it('an empty list, line group or quote is not written (fuzz: <list> without items was schema-invalid)', () => {
    const ed = buildEdition({ paragraphs: ['text'] });
    ed.body.blocks.push({ kind: 'list', ordered: false, items: [], pos: { line: 2, column: 1 } }, { kind: 'quote', blocks: [{ kind: 'lines', lines: [], pos: { line: 3, column: 1 } }], pos: { line: 3, column: 1 } });
    sanitizeModel(ed, new Diagnostics('t'));
    expect(ed.body.blocks.map((b) => b.kind)).toEqual(['p', 'quote']);
    const q = ed.body.blocks[1]!;
    expect(q.kind === 'quote' && q.blocks).toEqual([]);
  });

  it('safe targets are left as they are', () => {
    for (const t of ['http://x.org/a?b=c#d', 'mailto:a@b.org', '../other.htm#n1', '#n1']) expect(safeTarget(t)).toEqual({ target: t, changed: false });
  });

  it('words-lost on a one-line HTML page names the line and column of the word, not a false 1:1', () => {
    const page = '<html><body><p>The dead point is past, comrades.</p></body></html>';
    const tei = '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><title>T</title></teiHeader><text><body><p>The point is past, comrades.</p></body></text></TEI>';
    const d = new Diagnostics('page.html');
    checkFidelity(page, 'html', [], tei, d);
    const lost = d.items.filter((x) => x.code === 'words-lost');
    // «dead» stands at column 20, after `<html><body><p>The `.
    expect(lost.map((x) => [x.line, x.column])).toEqual([[1, 20]]);
  });

  it('schema findings of convert cite the generated TEI in words, not a line:col of the input', () => {
    const r = convert('# T\n\ntext\n', { file: 'x.md' });
    for (const d of r.diagnostics.filter((x) => x.code.startsWith('schema') || x.code === 'xml-malformed')) expect(d.line).toBeUndefined();
  });
});

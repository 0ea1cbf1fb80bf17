/**
 * The fidelity check against its session-7 form (tests/fidelity/oracle/fidelity-v7.ts, kept
 * as it was): the faster scanner, the TEI scanner that copies no tag, the header read only
 * when a lost word is looked up there and lost words matched by keys rather than strings
 * must give the same counts and the same diagnostics, byte for byte, on documents made to
 * differ in every way the check reports: words lost, added, moved, repeated, in the header
 * in another case (ASCII and not: "İ", "ΟΔΟΣ", the Kelvin sign), combining marks that NFC
 * composes, astral letters and astral symbols, character references, converter copies,
 * corrections, split note anchors, glued HTML words and dropped pieces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { convert } from '../../src/convert.js';
import { detectReader } from '../../src/readers/registry.js';
import { checkFidelity, type MarkupFamily, type Removed } from '../../src/validate/fidelity.js';
import { checkFidelity as oracleCheck } from './oracle/fidelity-v7.js';
import { prng } from '../helpers/prng.js';

/** Words of every kind the scanner and the lower-case lookup treat apart. */
const VOCABULARY = [
  'the', 'The', 'THE', 'party', 'Party', 'workers', 'Lenin', 'LENIN', 'non', 'Party', '1921', '27', 'x2', 'a',
  'café', 'CAFÉ', 'cafe\u0301', 'naïve', 'Straße', 'STRASSE', 'Œuvres', 'œuvres',
  'İstanbul', 'istanbul', 'i\u0307stanbul', 'ΟΔΟΣ', 'οδος', 'οδός', 'Σ', 'σ', 'ς',
  '\u212a', 'k', 'K', 'ﬁne', 'FINE', 'Ǆ', 'ǆ', 'ǅ',
  '𝔄𝔟𝔠', '𝔞𝔟𝔠', 'x𝔄y', '😀', 'a😀b', '𐐀', '𐐨',
  'Москва', 'МОСКВА', '北京', 'ا\u0644\u0639\u0631\u0628\u064a\u0629', 'e\u0301\u0301', '\u0301', 'n\u0303o',
  '½', '²', 'Ⅻ', 'ⅻ',
];
const PUNCT = [' ', ' ', ' ', ', ', '. ', ' — ', ' “', '” ', '’', '\n', '\n\n', ' (', ') ', '-', ' ‘', ' \u00a0'];

function words(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!);
}

function join2(rand: () => number, ws: readonly string[]): string {
  return ws.map((w, i) => (i === 0 ? w : PUNCT[Math.floor(rand() * PUNCT.length)]! + w)).join('');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** TEI markup around some of the words: elements the scanner acts on and others. */
function markUp(rand: () => number, ws: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = escape(ws[i]!);
    const sep = i === 0 ? '' : rand() < 0.85 ? ' ' : '\n';
    const r = rand();
    if (r < 0.05) out.push(`${sep}<hi rend="italic">${w}</hi>`);
    else if (r < 0.08) out.push(`${sep}<choice><sic>${w}</sic><corr>${w}x</corr></choice>`);
    else if (r < 0.1) out.push(`${sep}<subst><del>${w}</del><add place="above">other</add></subst>`);
    else if (r < 0.12) out.push(`${sep}${w}<del resp="#teiwright">${w} copied</del>`);
    else if (r < 0.14) out.push(`${sep}${w}<ref type="noteAnchor" target="#n${i}">${i}</ref>`);
    else if (r < 0.16) out.push(`${sep}<seg type="inserted">added words</seg>${sep}${w}`);
    else if (r < 0.17) out.push(`${sep}<gap reason="forbidden-character"><desc>U+0001</desc></gap>${w}`);
    else if (r < 0.18) out.push(`${sep}<figure><figDesc>an image</figDesc></figure>${w}`);
    else if (r < 0.19) out.push(`${sep}<!-- a comment < ${w} -->${w}`);
    else if (r < 0.2) out.push(`${sep}<?pi ${w}?>${w}`);
    else if (r < 0.22) out.push(`${sep}${w.replace(/a/g, '&#97;').replace(/é/g, '&#xE9;')}`);
    else if (r < 0.23) out.push(`${sep}<teiwright-inserted>more</teiwright-inserted>${w}`);
    else if (r < 0.24) out.push(`${sep}<lb/>${w}`);
    else if (r < 0.25) out.push(`${sep}<add>${w}</add>`);
    else if (r < 0.26) out.push(`${sep}<note place="foot" n="${i}">${w} note</note>`);
    else out.push(sep + w);
  }
  return out.join('');
}

/** The TEI's words: the source's with some lost, added, moved or changed in case. */
function mutate(rand: () => number, ws: readonly string[]): string[] {
  const out = [...ws];
  const edits = Math.floor(rand() * 6);
  for (let e = 0; e < edits && out.length > 1; e++) {
    const at = Math.floor(rand() * out.length);
    const r = rand();
    if (r < 0.3) out.splice(at, 1);
    else if (r < 0.5) out.splice(at, 0, ...words(rand, 1 + Math.floor(rand() * 3)));
    else if (r < 0.7) {
      const to = Math.floor(rand() * out.length);
      const [w] = out.splice(at, 1);
      out.splice(to, 0, w!);
    } else if (r < 0.85) out[at] = out[at]!.toUpperCase();
    else out[at] = out[at]!.toLowerCase();
  }
  return out;
}

function tei(header: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc><titleStmt><title>${header}</title></titleStmt></fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p>${body}</p>\n    </body>\n  </text>\n</TEI>\n`;
}

function html(rand: () => number, ws: readonly string[]): string {
  const parts = ws.map((w) => {
    const r = rand();
    const e = escape(w);
    if (r < 0.1) return `<b>${e.slice(0, 1)}</b>${e.slice(1)}`;
    if (r < 0.15) return `${e}<sup>1</sup>`;
    if (r < 0.2) return `<span class="x">${e}</span>`;
    if (r < 0.25) return `${e.replace(/é/g, '&eacute;')}`;
    return e;
  });
  return `<html><head><title>t</title></head><body>\n<p>${parts.join(rand() < 0.5 ? ' ' : '\n')}</p>\n</body></html>`;
}

interface Outcome {
  result: { lost: number; added: number };
  items: unknown[];
}

function both(source: string, markup: MarkupFamily, removed: readonly Removed[], teiText: string): { now: Outcome; then: Outcome } {
  const d1 = new Diagnostics('doc.txt');
  const d2 = new Diagnostics('doc.txt');
  const now = { result: checkFidelity(source, markup, removed, teiText, d1), items: d1.items };
  const then = { result: oracleCheck(source, markup, removed, teiText, d2), items: d2.items };
  return { now, then };
}

describe('fidelity: the same verdicts and diagnostics as the session-7 check', () => {
  it('on 600 generated documents (text, markdown and HTML), differing from their TEI in every way reported', () => {
    let reported = 0;
    let differing = 0;
    for (let n = 0; n < 600; n++) {
      const rand = prng(n + 1);
      const markup: MarkupFamily = n % 3 === 0 ? 'text' : n % 3 === 1 ? 'markdown' : 'html';
      const meta = words(rand, 1 + Math.floor(rand() * 6));
      const body = words(rand, 5 + Math.floor(rand() * 60));
      const label = rand() < 0.5 ? 'Source' : 'Written';
      const metaLine = `${label}: ${join2(rand, meta)}`;
      const source = markup === 'html' ? html(rand, [...meta, ...body]) : `${metaLine}\n\n${join2(rand, body)}\n`;
      // The header holds the metadata, in another case now and then.
      const headerWords = meta.map((w) => (rand() < 0.3 ? w.toUpperCase() : rand() < 0.3 ? w.toLowerCase() : w));
      const teiText = tei(markUp(rand, headerWords), markUp(rand, mutate(rand, body)));
      // Dropped pieces: a label, the body's first words; in HTML (on line 2) words of the page looked for from a column.
      const removed: Removed[] = markup === 'html' ? [{ text: meta.slice(0, 2).join(' '), pos: { line: 2, column: rand() < 0.5 ? 4 : 1 } }] : [{ text: `${label}:`, pos: { line: 1, column: 1 } }];
      if (rand() < 0.3) removed.push({ text: body.slice(0, 2).join(' '), pos: { line: markup === 'html' ? 2 : 3, column: 1 } });
      if (rand() < 0.3) removed.push({ text: body.slice(4, 5).join(' '), pos: { line: markup === 'html' ? 2 : 3, column: 1 } });
      const { now, then } = both(source, markup, removed, teiText);
      expect(now, `case ${n}`).toEqual(then);
      expect(JSON.stringify(now.items), `case ${n}`).toBe(JSON.stringify(then.items));
      reported += now.items.length;
      if (now.result.lost + now.result.added > 0) differing++;
    }
    // The cases do exercise the reports (not only agreement on silence).
    expect(differing).toBeGreaterThan(300);
    expect(reported).toBeGreaterThan(300);
  });

  it('when each word of a faithful TEI is lost, repeated or swapped with the next in turn', () => {
    const source = 'Source: Works, Vol. 2, İstanbul ΟΔΟΣ\n\nThe dead point is past, café 𝔄𝔟𝔠 naïve “Москва” a😀b e\u0301 K.\nThe end.\n';
    const body = ['The', 'dead', 'point', 'is', 'past', 'café', '𝔄𝔟𝔠', 'naïve', 'Москва', 'a😀b', 'e\u0301', '\u212a', 'The', 'end'];
    const removed: Removed[] = [{ text: 'Source:', pos: { line: 1, column: 1 } }];
    const header = 'Works, Vol. 2, istanbul οδος';
    const variants: string[][] = [body];
    for (let i = 0; i < body.length; i++) {
      variants.push(body.filter((_, k) => k !== i));
      variants.push([...body.slice(0, i + 1), body[i]!, ...body.slice(i + 1)]);
      if (i + 1 < body.length) variants.push([...body.slice(0, i), body[i + 1]!, body[i]!, ...body.slice(i + 2)]);
    }
    let reported = 0;
    for (const v of variants) {
      const { now, then } = both(source, 'text', removed, tei(header, v.map(escape).join(' ')));
      expect(JSON.stringify(now)).toBe(JSON.stringify(then));
      reported += now.items.length;
    }
    expect(reported).toBeGreaterThan(variants.length);
  });

  it('on markdown with front matter, links, pandoc attributes, page markers, tags and code spans, in the text and in dropped pieces', () => {
    const pieces = ['[Works Index](../index.htm)', '{#top .x key="a b"}', '|p. 21|', '|P. xiv|', '<b>bold</b>', '<!-- c -->', '`&laquo;`', '&eacute;t&eacute;', '[a](b (c))', 'plain words', '---'];
    let n = 0;
    for (let k = 0; k < 200; k++) {
      const rand = prng(1000 + k);
      const pick = () => pieces[Math.floor(rand() * pieces.length)]!;
      const front = rand() < 0.4 ? '---\ntitle: The Title\nauthor: karl marx\n---\n' : '';
      const lines = Array.from({ length: 6 }, () => `${pick()} ${join2(rand, words(rand, 4))} ${pick()}`);
      const source = `${front}${lines.join('\n')}\n`;
      const dropped = [pick(), `${pick()} ${pick()}`, lines[2]!];
      const teiBody = markUp(rand, mutate(rand, words(rand, 20)));
      const removed: Removed[] = dropped.map((text, i) => ({ text, pos: { line: 1 + i * 2, column: 1 } }));
      const { now, then } = both(source, 'markdown', removed, tei('The Title karl marx', teiBody));
      expect(JSON.stringify(now), `case ${k}`).toBe(JSON.stringify(then));
      n += now.items.length;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('on the seeds and the ../shared corpus converted, with their TEI text changed', () => {
    const dirs = [join(import.meta.dirname, '../../input'), join(import.meta.dirname, '../../../shared/corpus/mia')];
    const files: string[] = [];
    for (const dir of dirs) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        console.warn(`fidelity oracle test: ${dir} is absent; its documents are skipped`);
        continue;
      }
      files.push(...names.sort().slice(0, 25).map((n) => join(dir, n)));
    }
    let n = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const r = convert(text, { file, verify: false, validate: false });
      const reader = detectReader(text)?.reader;
      if (!r.tei || !r.model || !reader) continue;
      const m = r.model;
      const removed: Removed[] = [
        ...m.dropped,
        ...m.metadata.fields.map((f) => ({ text: f.label, pos: f.pos })),
        ...m.notes.flatMap((s) => s.notes.map((x) => ({ text: x.label, pos: x.pos }))),
        ...(m.metadata.author?.label ? [m.metadata.author.label] : []),
      ];
      const at = r.tei.indexOf('<text');
      const rand = prng(++n);
      // The TEI as written, then with words of its text dropped, doubled and case-changed.
      const changed = r.tei.slice(0, at) + r.tei.slice(at).replace(/>([^<]{20,})</g, (_, chars: string) => {
        const ws = chars.split(' ');
        const k = Math.floor(rand() * ws.length);
        const x = rand();
        if (x < 0.3) ws.splice(k, 1);
        else if (x < 0.6) ws.splice(k, 0, ws[k]!);
        else ws[k] = ws[k]!.toUpperCase();
        return `>${ws.join(' ')}<`;
      });
      for (const teiText of [r.tei, changed]) {
        const { now, then } = both(text, reader.markup, removed, teiText);
        expect(JSON.stringify(now), file).toBe(JSON.stringify(then));
      }
    }
    expect(n).toBeGreaterThan(0);
  });
});

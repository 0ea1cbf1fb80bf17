/**
 * The fidelity check against its form at the start of session 10 (tests/validate/oracle/
 * fidelity-v9.ts, kept word for word): the scan over code units copied once into a typed
 * array, the TEI's text nodes read where they stand (no string per node), the header's
 * words counted in lower case in the same pass that finds them, and word tables sized
 * from the text must give the same counts and the same diagnostics, byte for byte.
 *
 * Inputs: the seeds and (when ../shared is present) every corpus document converted, with
 * their TEI as written and with words removed, doubled, replaced, swapped and re-cased;
 * generated sources of the three markup families against generated TEI that differ from
 * them in every way the check reports, with astral and combining characters, character
 * references, white-space text nodes, skipped and copied elements, split note anchors,
 * comments, processing instructions and CDATA; and texts large enough that the word tables
 * grow.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { decodeInput } from '../../src/io/decode.js';
import { detectReader } from '../../src/readers/registry.js';
import { checkFidelity, type MarkupFamily, type Removed } from '../../src/validate/fidelity.js';
import { checkFidelity as oracleCheck } from './oracle/fidelity-v9.js';
import { prng } from '../helpers/prng.js';


const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** Words the scanner, NFC and the lower-case lookup treat apart (ASCII, Latin-1, astral, combining, case-changing). */
const VOCABULARY = [
  'the', 'The', 'THE', 'party', 'Party', 'workers', 'Lenin', 'LENIN', 'non', '1921', '27', 'x2', 'a', 'I', 'V',
  'café', 'CAFÉ', 'cafe\u0301', 'naïve', 'Straße', 'STRASSE', 'Œuvres', 'œuvres', 'ﬁne', 'FINE',
  'İstanbul', 'istanbul', 'i\u0307stanbul', 'ΟΔΟΣ', 'οδος', 'οδός', 'ς', '\u212a', 'k', 'K', 'Ǆ', 'ǅ',
  '𝔄𝔟𝔠', '𝔞𝔟𝔠', 'x𝔄y', 'a😀b', '𐐀', '𐐨', 'Москва', 'МОСКВА', '北京', 'العربية', 'e\u0301\u0301', 'n\u0303o', '½', 'Ⅻ',
  'word', 'words', 'a1b2', 'Sen', 'MIA',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ' — ', ' “', '” ', '’', '\n', '\n\n', ' (', ') ', '-', ' \u00a0', '\t', ' \uFFFD '];

const words = (rand: () => number, n: number): string[] => Array.from({ length: n }, () => pick(rand, VOCABULARY));
const joinWords = (rand: () => number, ws: readonly string[]): string => ws.map((w, i) => (i === 0 ? w : pick(rand, SEPARATORS) + w)).join('');
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A word as the TEI may spell it: raw, or with a character (an astral one too) written as a reference. */
function spell(rand: () => number, w: string): string {
  const e = escape(w);
  const r = rand();
  if (r < 0.06) return e.replace(/a/g, '&#97;').replace(/é/g, '&#xE9;');
  if (r < 0.09) return e.replace(/𝔄/g, '&#x1D504;').replace(/e/g, '&#101;');
  if (r < 0.1) return `${e}&#10;`;
  return e;
}

/** Marks a TEI word followed by a note anchor "7" that the source prints against it. */
const ANCHORED = '\u0007';

/** TEI markup around the words: the elements the scanner acts on, and others, pretty-printed now and then. */
function markUp(rand: () => number, ws: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (ws[i]!.endsWith(ANCHORED)) {
      // A note anchor split from the word it was printed against (the source has "word7").
      const glue = rand() < 0.2 ? ' ' : '';
      out.push(`${i === 0 ? '' : ' '}${spell(rand, ws[i]!.slice(0, -1))}${glue}<ref type="noteAnchor" target="#n${i}">${rand() < 0.3 ? '<hi rend="sup">7</hi>' : '7'}</ref>`);
      continue;
    }
    const w = spell(rand, ws[i]!);
    const sep = i === 0 ? '' : rand() < 0.8 ? ' ' : rand() < 0.5 ? '\n' : '\n        ';
    const r = rand();
    if (r < 0.04) out.push(`${sep}<hi rend="italic">${w}</hi>`);
    else if (r < 0.06) out.push(`${sep}<choice><sic>${w}</sic><corr>${w}x</corr></choice>`);
    else if (r < 0.08) out.push(`${sep}<subst><del>${w}</del><add place="above">other</add></subst>`);
    else if (r < 0.1) out.push(`${sep}${w}<del resp="#teiwright">${w} copied</del>`);
    else if (r < 0.11) out.push(`${sep}<add resp="#teiwright" place="margin">${w} copied <hi>twice</hi></add>`);
    else if (r < 0.14) out.push(`${sep}${w}<ref type="noteAnchor" target="#n${i}">${i % 7}</ref>`);
    else if (r < 0.15) out.push(`${sep}${w}<ref type="noteAnchor" target="#n${i}"><hi rend="sup">${i % 5}</hi></ref>`);
    else if (r < 0.16) out.push(`${sep}${w}<ref target="#x" type="noteAnchor"/>`);
    else if (r < 0.17) out.push(`${sep}<seg type="inserted">added words</seg>${sep}${w}`);
    else if (r < 0.18) out.push(`${sep}<gap reason="forbidden-character"><desc>U+0001</desc></gap>${w}`);
    else if (r < 0.19) out.push(`${sep}<figure><figDesc>an image of ${w}</figDesc></figure>${w}`);
    else if (r < 0.2) out.push(`${sep}<!-- a comment < ${w} -->${w}`);
    else if (r < 0.21) out.push(`${sep}<?pi ${w}?>${w}`);
    else if (r < 0.215) out.push(`${sep}<![CDATA[${w}]]>`);
    else if (r < 0.22) out.push(`${sep}<teiwright-inserted>more</teiwright-inserted>${w}`);
    else if (r < 0.23) out.push(`${sep}<lb/>${w}`);
    else if (r < 0.24) out.push(`${sep}<add>${w}</add>`);
    else if (r < 0.25) out.push(`${sep}<note place="foot" n="${i}">\n          <p>${w} note</p>\n        </note>`);
    else if (r < 0.26) out.push(`${sep}<hi rend="a>b" n='x"y'>${w}</hi>`);
    else if (r < 0.265) out.push(`${sep}<tei:hi xmlns:tei="http://www.tei-c.org/ns/1.0">${w}</tei:hi>`);
    else if (r < 0.27) out.push(`${sep}${w} < ${w}`);
    else if (r < 0.275) out.push(`${sep}<gap reason="illegible"/>${w}`);
    else out.push(sep + w);
  }
  return out.join('');
}

/** The TEI's words: the source's with some lost, added, moved, doubled or re-cased. */
function mutate(rand: () => number, ws: readonly string[]): string[] {
  const out = [...ws];
  const edits = Math.floor(rand() * 7);
  for (let e = 0; e < edits && out.length > 1; e++) {
    const at = Math.floor(rand() * out.length);
    const r = rand();
    if (r < 0.25) out.splice(at, 1 + Math.floor(rand() * 3));
    else if (r < 0.45) out.splice(at, 0, ...words(rand, 1 + Math.floor(rand() * 3)));
    else if (r < 0.6) {
      const to = Math.floor(rand() * out.length);
      const [w] = out.splice(at, 1);
      out.splice(to, 0, w!);
    } else if (r < 0.7) out.splice(at, 0, out[at]!);
    else if (r < 0.85) out[at] = out[at]!.toUpperCase();
    else out[at] = pick(rand, VOCABULARY);
  }
  return out;
}

function tei(rand: () => number, header: string, body: string): string {
  const licence = rand() < 0.5 ? '<availability><licence>You may freely copy, distribute &amp; display this work</licence></availability>' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n        <title>${header}</title>\n      </titleStmt>\n      <publicationStmt>${licence}</publicationStmt>\n    </fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p>${body}</p>\n    </body>\n  </text>\n</TEI>\n`;
}

function html(rand: () => number, ws: readonly string[]): string {
  const parts = ws.map((w) => {
    const r = rand();
    const e = escape(w);
    if (r < 0.1) return `<b>${e.slice(0, 1)}</b>${e.slice(1)}`;
    if (r < 0.15) return `${e}<sup>1</sup>`;
    if (r < 0.2) return `<span class="x">${e}</span>`;
    if (r < 0.25) return e.replace(/é/g, '&eacute;').replace(/a/g, '&#97;');
    if (r < 0.28) return `${e}<br>`;
    if (r < 0.3) return `</p>\n<p>${e}`;
    return e;
  });
  return `<html><head><title>t</title></head><body>\n<p>${parts.join(rand() < 0.5 ? ' ' : '\n')}</p>\n</body></html>`;
}

interface Outcome {
  result: { lost: number; added: number };
  items: string;
}

function both(source: string, markup: MarkupFamily, removed: readonly Removed[], teiText: string): { now: Outcome; then: Outcome } {
  const d1 = new Diagnostics('doc.txt');
  const d2 = new Diagnostics('doc.txt');
  const now = { result: checkFidelity(source, markup, removed, teiText, d1), items: JSON.stringify(d1.items) };
  const then = { result: oracleCheck(source, markup, removed, teiText, d2), items: JSON.stringify(d2.items) };
  return { now, then };
}

/** The pieces convert() hands the check besides the text: dropped furniture, metadata and note labels. */
function removedOf(model: NonNullable<ReturnType<typeof convert>['model']>): Removed[] {
  return [
    ...model.dropped,
    ...model.metadata.fields.map((f) => ({ text: f.label, pos: f.pos })),
    ...model.notes.flatMap((s) => s.notes.map((n) => ({ text: n.label, pos: n.pos }))),
    ...(model.metadata.author?.label ? [model.metadata.author.label] : []),
  ];
}

/** The TEI with words of its `text` removed, doubled, replaced, swapped or re-cased, `edits` times. */
function changeText(rand: () => number, teiText: string, edits: number): string {
  const at = teiText.indexOf('<text');
  let out = teiText.slice(at);
  for (let e = 0; e < edits; e++) {
    let seen = 0;
    const target = Math.floor(rand() * 40);
    out = out.replace(/>([^<]{12,})</g, (whole, chars: string) => {
      if (seen++ !== target) return whole;
      const ws = chars.split(' ');
      const k = Math.floor(rand() * ws.length);
      const x = rand();
      if (x < 0.25) ws.splice(k, 1);
      else if (x < 0.45) ws.splice(k, 0, ws[k]!);
      else if (x < 0.6) ws[k] = pick(rand, VOCABULARY);
      else if (x < 0.75 && k + 1 < ws.length) [ws[k], ws[k + 1]] = [ws[k + 1]!, ws[k]!];
      else ws[k] = ws[k]!.toUpperCase();
      return `>${ws.join(' ')}<`;
    });
  }
  return teiText.slice(0, at) + out;
}

/** Converts each file and compares the two checks on its TEI as written and changed; returns the number compared and those with findings. */
function compareFiles(files: readonly string[], variants: number): { compared: number; reporting: number } {
  let compared = 0;
  let reporting = 0;
  let n = 0;
  for (const file of files) {
    const decoded = decodeInput(readFileSync(file));
    if (!decoded.ok) continue;
    const text = decoded.text;
    const r = convert(text, { file, verify: false, validate: false });
    const reader = detectReader(text)?.reader;
    if (!r.tei || !r.model || !reader) continue;
    const removed = removedOf(r.model);
    const rand = prng(++n);
    const teis = [r.tei];
    for (let v = 0; v < variants; v++) teis.push(changeText(rand, r.tei, 1 + v * 3));
    for (const teiText of teis) {
      const { now, then } = both(text, reader.markup, removed, teiText);
      expect(now, file).toEqual(then);
      compared++;
      if (now.items !== '[]') reporting++;
    }
  }
  return { compared, reporting };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });

const SHARED_CORPUS = join(import.meta.dirname, '../../../shared/corpus');

describe('fidelity: the same verdicts and diagnostics as the session-9 check', () => {
  it('on the seeds, as written and with words of their TEI changed', () => {
    const { compared, reporting } = compareFiles(filesUnder(join(import.meta.dirname, '../../input')), 12);
    expect(compared).toBe(26);
    expect(reporting).toBeGreaterThanOrEqual(20);
  });

  it('on every ../shared corpus document converted, as written and with words of its TEI changed', () => {
    if (!existsSync(SHARED_CORPUS)) {
      console.warn(`fidelity differential test: ${SHARED_CORPUS} is absent; the corpus documents are skipped`);
      return;
    }
    const { compared, reporting } = compareFiles(filesUnder(SHARED_CORPUS), 2);
    expect(compared).toBeGreaterThan(300);
    expect(reporting).toBeGreaterThan(150);
  }, 240_000);

  it('on 900 generated documents (text, markdown and HTML) whose TEI differs from them in every way reported', () => {
    let reported = 0;
    let differing = 0;
    for (let n = 0; n < 900; n++) {
      const rand = prng(5000 + n);
      const markup: MarkupFamily = n % 3 === 0 ? 'text' : n % 3 === 1 ? 'markdown' : 'html';
      const meta = words(rand, 1 + Math.floor(rand() * 8));
      const body = words(rand, 3 + Math.floor(rand() * 80));
      // Some words carry a note anchor: "word7" in the source, "word<ref …>7</ref>" in the TEI.
      const teiBody = body.map((w) => w);
      for (let k = 0; k < 3; k++) {
        if (rand() < 0.5) continue;
        const at = Math.floor(rand() * body.length);
        if (body[at]!.endsWith('7')) continue;
        body[at] = `${body[at]!}7`;
        teiBody[at] = `${teiBody[at]!}${ANCHORED}`;
      }
      const label = rand() < 0.5 ? 'Source' : 'Written';
      const metaLine = `${label}: ${joinWords(rand, meta)}`;
      const source = markup === 'html' ? html(rand, [...meta, ...body]) : `${metaLine}\n\n${joinWords(rand, body)}\n`;
      const headerWords = meta.map((w) => (rand() < 0.3 ? w.toUpperCase() : rand() < 0.3 ? w.toLowerCase() : w));
      const teiText = tei(rand, markUp(rand, rand() < 0.1 ? mutate(rand, headerWords) : headerWords), markUp(rand, rand() < 0.15 ? teiBody : mutate(rand, teiBody)));
      const removed: Removed[] = markup === 'html' ? [{ text: meta.slice(0, 2).join(' '), pos: { line: 2, column: rand() < 0.5 ? 4 : 1 } }] : [{ text: `${label}:`, pos: { line: 1, column: 1 } }];
      if (rand() < 0.3) removed.push({ text: body.slice(0, 2).join(' '), pos: { line: markup === 'html' ? 2 : 3, column: 1 } });
      if (rand() < 0.3) removed.push({ text: body.slice(4, 6).join(' '), pos: { line: markup === 'html' ? 2 : 3, column: 1 } });
      const { now, then } = both(source, markup, removed, teiText);
      expect(now, `case ${n}`).toEqual(then);
      reported += JSON.parse(now.items).length;
      if (now.result.lost + now.result.added > 0) differing++;
    }
    // The cases exercise the reports, not only agreement on silence.
    expect(differing).toBeGreaterThan(450);
    expect(reported).toBeGreaterThan(600);
  });

  it('on texts large enough that the word tables grow (120,000 words), faithful and not', () => {
    const rand = prng(77);
    const body = words(rand, 120_000);
    const source = `Source: Works, Vol. 2\n\n${joinWords(rand, body)}\n`;
    const removed: Removed[] = [{ text: 'Source:', pos: { line: 1, column: 1 } }];
    for (const teiBody of [markUp(rand, body), markUp(rand, mutate(rand, body)), markUp(rand, body.slice(0, 60_000))]) {
      const { now, then } = both(source, 'text', removed, tei(rand, 'Works, Vol. 2', teiBody));
      expect(now).toEqual(then);
    }
    // Markdown and HTML, and a second run that finds the tables as the first left them.
    const md = `# T\n\n${joinWords(rand, body.slice(0, 50_000))}\n`;
    const h = html(rand, body.slice(0, 20_000));
    for (let k = 0; k < 2; k++) {
      const a = both(md, 'markdown', [], tei(rand, 'T', markUp(rand, ['T', ...body.slice(0, 50_000)])));
      expect(a.now).toEqual(a.then);
    }
    const b = both(h, 'html', [], tei(rand, 't', markUp(rand, mutate(rand, body.slice(0, 20_000)))));
    expect(b.now).toEqual(b.then);
  }, 180_000);
});

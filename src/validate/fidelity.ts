/**
 * The fidelity check: proof that a conversion lost no words. The words of the source
 * (markup syntax removed, reported page furniture removed) must equal the words of the
 * TEI: `<text>` (body and notes) in order, with metadata words found in the `teiHeader`.
 * Metadata labels ("Translated:") are markup: the element they become says it.
 * Words the converter or an editor added (`corr`, the `add` of a `subst`, anything marked
 * as inserted) do not count, the original they replace does. Any word lost, added or
 * moved is reported with the source line where it stands.
 *
 * A word is a maximal run of letters, digits and marks: punctuation and spacing are not
 * compared, since TEI encodes some of them as markup.
 */
import { parse } from 'parse5';
import type { Diagnostics } from '../diagnostics.js';
import type { Dropped } from '../model/edition.js';

export type MarkupFamily = 'html' | 'markdown' | 'text';

export interface Word {
  w: string;
  line: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function wordsOf(text: string, line: number, out: Word[]): void {
  let lineNo = line;
  let last = 0;
  for (const m of text.normalize('NFC').matchAll(WORD)) {
    for (let i = text.indexOf('\n', last); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) lineNo++;
    last = m.index;
    out.push({ w: m[0], line: lineNo });
  }
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITY[e] ?? all),
  );

/**
 * Removes markdown syntax that carries no words while keeping line structure: front
 * matter keys, HTML tags (not their text), link targets, pandoc attributes, page markers.
 */
export function stripMarkdown(text: string): string {
  let src = text;
  const fm = /^---\n[\s\S]*?\n---\n/.exec(src);
  if (fm) src = fm[0].replace(/^([ \t]*[\w-]+:)/gm, (k) => ' '.repeat(k.length)).replace(/^---$/gm, '   ') + src.slice(fm[0].length);
  return decodeEntities(
    src
      .replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '))
      .replace(/<\/?[A-Za-z][^>]*>/g, (t) => t.replace(/[^\n]/g, ' '))
      .replace(/\]\((?:[^()\n]|\([^()\n]*\))*\)/g, (l) => `]${l.slice(1).replace(/[^\n]/g, ' ')}`)
      .replace(PANDOC_ATTRS, (a) => a.replace(/[^\n]/g, ' '))
      // `|p. 21|` marks where a printed page begins: it is written as <pb n="21"/>, not as words.
      .replace(/\|p\.\s*(?:[0-9]+[a-z]?|[ivxlcdm]+)\|/gi, (m) => ' '.repeat(m.length)),
  );
}

/**
 * A pandoc attribute block: `{#id .class key="value" key=bare}`. Its items may be wrapped
 * over several lines (`{onmouseover="…"\n onmouseout="…"}`), inside a block quote too
 * (`\n> border="1"`); a quoted value may hold spaces and the other quote.
 */
const ATTR_ITEM = `(?:#[^\\s}]+|\\.[^\\s}]+|[A-Za-z_:][\\w:.-]*=(?:"[^"]*"|'[^']*'|[^\\s}"']*))`;
const ATTR_SEP = `\\s+(?:>[ \\t]*)?`;
const PANDOC_ATTRS = new RegExp(`\\{[ \\t]*${ATTR_ITEM}(?:${ATTR_SEP}${ATTR_ITEM})*[ \\t]*\\}`, 'g');

interface P5Node {
  nodeName: string;
  value?: string;
  childNodes?: P5Node[];
  content?: P5Node;
  sourceCodeLocation?: { startLine: number } | null;
}

const HTML_SKIP = new Set(['head', 'script', 'style', 'template', 'noscript']);

function htmlWords(html: string): Word[] {
  const out: Word[] = [];
  const walk = (node: P5Node) => {
    if (HTML_SKIP.has(node.nodeName)) return;
    if (node.nodeName === '#text') {
      wordsOf(node.value ?? '', node.sourceCodeLocation?.startLine ?? 1, out);
      return;
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html, { sourceCodeLocationInfo: true }) as unknown as P5Node);
  return out;
}

/** The words of the source as a reader of this markup family sees them, each with its line. */
export function sourceWords(text: string, markup: MarkupFamily): Word[] {
  if (markup === 'html') return htmlWords(text);
  const out: Word[] = [];
  wordsOf(markup === 'markdown' ? stripMarkdown(text) : text, 1, out);
  return out;
}

/** A piece of the source that is not text: dropped furniture, or a metadata label that became markup. */
export type Removed = Pick<Dropped, 'text' | 'pos'>;

/**
 * Takes the words of each removed piece out of the source words, at or after its line.
 * With `reach`, a piece is only looked for where it was reported: its first word must stand
 * within `reach` lines of its position (a front-matter label "works" must not take away
 * the word "works" of the text further down).
 */
export function removeDropped(words: Word[], dropped: readonly Removed[], reach?: number): Word[] {
  const gone = new Set<number>();
  for (const d of dropped) {
    const target: Word[] = [];
    wordsOf(d.text, d.pos.line, target);
    if (target.length === 0) continue;
    const lastStart = reach === undefined ? Infinity : d.pos.line + reach;
    let from = words.findIndex((w) => w.line >= d.pos.line);
    search: for (; from >= 0 && from <= words.length - target.length && words[from]!.line <= lastStart; from++) {
      for (let k = 0; k < target.length; k++) {
        if (gone.has(from + k) || words[from + k]!.w !== target[k]!.w) continue search;
      }
      for (let k = 0; k < target.length; k++) gone.add(from + k);
      break;
    }
  }
  return words.filter((_, i) => !gone.has(i));
}

/** Elements whose words were not in the source at that place: they are additions, not text. */
const ADDED_CONTENT = new Set(['corr', 'teiwright-inserted']);

/**
 * The words of a TEI document: the `text` element in document order, and the header as a
 * bag. A tiny linear scanner over well-formed XML (checked before this runs) keeps it fast.
 */
export function teiWords(tei: string): { text: string[]; header: Map<string, number> } {
  const text: string[] = [];
  const header = new Map<string, number>();
  const stack: string[] = [];
  let skipDepth = 0;
  let zone: 'none' | 'header' | 'text' = 'none';
  const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|([^<]+)/g;
  for (const m of tei.matchAll(TAG)) {
    const chars = m[5];
    if (chars !== undefined) {
      if (skipDepth > 0 || zone === 'none') continue;
      const ws: Word[] = [];
      wordsOf(decodeEntities(chars), 1, ws);
      if (zone === 'text') for (const w of ws) text.push(w.w);
      else for (const w of ws) header.set(w.w, (header.get(w.w) ?? 0) + 1);
      continue;
    }
    const name = m[2];
    if (name === undefined) continue;
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    if (closing) {
      stack.pop();
      if (skipDepth > 0) skipDepth--;
      if (name === 'teiHeader' || name === 'text') zone = 'none';
      continue;
    }
    if (selfClosing) continue;
    stack.push(name);
    if (name === 'teiHeader') zone = 'header';
    else if (name === 'text') zone = 'text';
    const inserted = /\btype="inserted"/.test(m[3] ?? '') || (name === 'add' && stack[stack.length - 2] === 'subst');
    if (skipDepth > 0 || ADDED_CONTENT.has(name) || inserted) skipDepth++;
  }
  return { text, header };
}

type Edit = { op: 'same' | 'lost' | 'added'; a: number; b: number };

/** Beyond this many differences the texts are too far apart to pair word by word. */
export const MAX_DIFFERENCES = 4000;

/**
 * Myers' O((N+M)·D) diff of two word sequences: fast when they are (nearly) equal, as a
 * faithful conversion makes them. Only the band of diagonals reached at each step is kept
 * (O(D²) memory), so a 10 MB text costs no more than its differences. Returns undefined
 * when there are more than `maxD` differences.
 */
export function diffWords(a: readonly string[], b: readonly string[], maxD = MAX_DIFFERENCES): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxD);
  const at = (band: Int32Array, d: number, k: number) => band[k + d]!;
  const trace: Int32Array[] = [];
  let prev = new Int32Array(1);
  let done = false;
  for (let d = 0; d <= limit; d++) {
    const v = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1))) x = at(prev, d - 1, k + 1);
      else x = at(prev, d - 1, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= n && y >= m) done = true;
    }
    trace.push(v);
    prev = v;
    if (done) break;
  }
  if (!done) return undefined;
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const band = trace[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(band, d - 1, k - 1) < at(band, d - 1, k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(band, d - 1, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) edits.push({ op: 'same', a: --x, b: --y });
    if (down) edits.push({ op: 'added', a: x, b: --y });
    else edits.push({ op: 'lost', a: --x, b: y });
  }
  while (x > 0 && y > 0) edits.push({ op: 'same', a: --x, b: --y });
  return edits.reverse();
}

const MAX_REPORTS = 10;

/** How many lines after its reported position a removed markdown piece may start (a wrapped label). */
const MARKDOWN_REACH = 1;

/** Compares source and TEI words; reports `words-lost` for every run of lost or added words. */
export function checkFidelity(source: string, markup: MarkupFamily, dropped: readonly Removed[], tei: string, diagnostics: Diagnostics): { lost: number; added: number } {
  // A dropped piece is raw source: its words are counted as the source's are (a dropped
  // markdown link `[Works Index](../index.htm)` has the words "Works Index", not "index htm").
  const removed = markup === 'markdown' ? dropped.map((d) => ({ text: stripMarkdown(d.text), pos: d.pos })) : dropped;
  // Markdown readers report every piece at the line where it stands.
  const src = removeDropped(sourceWords(source, markup), removed, markup === 'markdown' ? MARKDOWN_REACH : undefined);
  const { text, header: exact } = teiWords(tei);
  // The header may capitalise a name the source printed in lower case ("author: karl marx"
  // → <author>Karl Marx</author>): metadata words are found there whatever their case.
  const header = new Map<string, number>();
  for (const [w, n] of exact) header.set(w.toLowerCase(), (header.get(w.toLowerCase()) ?? 0) + n);
  const edits = diffWords(
    src.map((w) => w.w),
    text,
  );
  if (!edits) {
    diagnostics.report('words-lost', `the TEI and the source differ in more than ${MAX_DIFFERENCES} words; the reader probably misread this document`, { line: 1, column: 1 });
    return { lost: src.length, added: text.length };
  }
  const lost: Word[][] = [];
  const added: { words: string[]; line: number }[] = [];
  let lastLine = 1;
  for (const e of edits) {
    if (e.op === 'same') {
      lastLine = src[e.a]!.line;
      continue;
    }
    if (e.op === 'lost') {
      const word = src[e.a]!;
      const inHeader = header.get(word.w.toLowerCase()) ?? 0;
      if (inHeader > 0) {
        header.set(word.w.toLowerCase(), inHeader - 1);
        continue;
      }
      const run = lost[lost.length - 1];
      const prev = run?.[run.length - 1];
      if (run && prev && word.line - prev.line <= 1) run.push(word);
      else lost.push([word]);
      lastLine = word.line;
    } else {
      const run = added[added.length - 1];
      if (run && run.line === lastLine) run.words.push(text[e.b]!);
      else added.push({ words: [text[e.b]!], line: lastLine });
    }
  }
  const quote = (ws: string[]) => (ws.length > 12 ? `${ws.slice(0, 12).join(' ')} …` : ws.join(' '));
  let reported = 0;
  for (const run of lost) {
    if (reported++ >= MAX_REPORTS) break;
    diagnostics.report('words-lost', `${run.length} word(s) of the source are missing from the TEI: «${quote(run.map((w) => w.w))}»`, { line: run[0]!.line, column: 1 });
  }
  for (const run of added) {
    if (reported++ >= MAX_REPORTS) break;
    diagnostics.report('words-lost', `${run.words.length} word(s) in the TEI are not in the source here: «${quote(run.words)}»`, { line: run.line, column: 1 });
  }
  return { lost: lost.reduce((n, r) => n + r.length, 0), added: added.reduce((n, r) => n + r.words.length, 0) };
}

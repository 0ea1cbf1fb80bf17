/**
 * Inline markdown for every markdown house style: MIA's own (`*i*`, `**b**`, `***bi***`,
 * `<sup>1</sup>`), pandoc's (`^[\[1\]](#n1)^`, `[text]{.class}`, `\` escapes and hard
 * breaks) and the HTML left inside converted pages (`<sup><a href="#note1">[1]</a></sup>`,
 * `<span class="ednote">`). One left-to-right scan over the source offsets, so every node
 * gets its exact line:column; recursion only into the delimited content of a node.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { Inline, InlineOf, SourcePos } from '../../model/edition.js';
import type { Source } from './source.js';
import { referenceAt } from '../../model/charref.js';
import { LimitExceeded, tooManyAnchors } from '../../model/limits.js';

export interface InlineEnv {
  src: Source;
  diagnostics: Diagnostics;
  /**
   * Note labels printed without markup (`[1]`, `(1)`, `\[A\]`): in the text such a marker
   * is a note anchor only when a note with the same printed marker exists.
   */
  plainMarkers?: ReadonlySet<string>;
  /** Inside a block quote: the `> ` prefix after each line break is syntax, not text. */
  quoted?: boolean;
  /** Labels of the footnote definitions read as notes: `[^1]` is an anchor only when its note is one. */
  footnotes?: ReadonlySet<string>;
  /** Offsets of `**` runs already consumed as part of a label (`**Source: Works**`). */
  skip?: ReadonlySet<number>;
  /**
   * `--max-anchors`: a range that holds more note anchors than this is refused while it is
   * read (`LimitExceeded`), before the rest of its nodes are made (a 16 MB paragraph of
   * `<sup>1</sup>` held 1.5 million anchors before the model's count refused it).
   */
  maxAnchors?: number;
}

/** A printed note marker: `1`, `[1]`, `(12)`, `[A]`, `*`, `†`; gives the key that pairs it with its note. */
const MARKER = /^[[(]?\s*([0-9]{1,3}|[A-Za-z]|\*{1,3}|[†‡§])\s*[\])]?\.?$/;

export function markerKey(printed: string): string | undefined {
  return MARKER.exec(printed.replace(/\\/g, '').trim())?.[1];
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
/** The characters that can start markup; runs of anything else are copied in one slice. */
const SPECIAL_CHARS = '\\\n*^[(<|&`';
/** SPECIAL_CHARS by char code (all ASCII): found with a loop bounded by the scan's end, no match object per run. */
const SPECIAL = new Uint8Array(128);
for (const ch of SPECIAL_CHARS) SPECIAL[ch.charCodeAt(0)] = 1;
const isSpecial = (code: number): boolean => code < 128 && SPECIAL[code] === 1;
/** How far a closing tag is looked for: an element longer than this is taken as unclosed. */
const TAG_REACH = 20000;
/** A markdown footnote reference: `[^1]`, `[^note]`. */
const FOOTNOTE_REF = /^\[\^([\p{L}\d_-]{1,20})\]/u;
const PAGE_MARK = /^\|p\.\s*([0-9]+[a-z]?|[ivxlcdm]+)\|/i;
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*?)(\/?)>/;

const attr = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attrs)?.slice(1).find((v) => v !== undefined);

/** Only spaces, tabs and line ends (not the other white space XML or `trim` knows, such as a no-break space or U+000B). */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9) return false;
  }
  return true;
}

export function parseInlines(env: InlineEnv, start: number, end: number): Inline[] {
  return new InlineScan(env).run(start, end);
}

/**
 * The inlines of a range, and whether reading them asked the env's label sets
 * (`plainMarkers`, `footnotes`): a result that did not ask stays right when the sets grow,
 * so a caller may keep it (the markdown syntax reads each paragraph once).
 */
export function parseInlinesTracked(env: InlineEnv, start: number, end: number): { list: Inline[]; askedSets: boolean } {
  const scan = new InlineScan(env);
  const list = scan.run(start, end);
  return { list, askedSets: scan.askedSets };
}

/** The backtick runs of each source text (by run length, offsets in order), found at its first code span. */
const BACKTICK_RUNS = new WeakMap<Source, Map<number, Int32Array>>();
const NO_RUNS = new Int32Array(0);

class InlineScan {
  private readonly t: string;
  /**
   * Where a search for a closer already failed, by delimiter and range end: a later opener
   * of the same kind cannot succeed either, so unclosed markers cost linear time, not quadratic.
   */
  private readonly failedFrom = new Map<string, number>();
  /** Whether the scan asked `plainMarkers` or `footnotes` (its result depends on them). */
  askedSets = false;
  /** Note anchors this scan made (`InlineEnv.maxAnchors`). */
  private anchors = 0;
  constructor(private readonly env: InlineEnv) {
    this.t = env.src.text;
  }

  private pos(offset: number): SourcePos {
    return this.env.src.pos(offset);
  }

  run(start: number, end: number): Inline[] {
    const out: Inline[] = [];
    // Neighbouring text nodes are joined as they come (a span's words and the words after it
    // read as one run), except across a place where the text is shorter than its source (a
    // decoded character reference, a code span's backticks): there `aligned` is false, so
    // every text node's columns, counted from its start, stay the source's. Joined here, not
    // in a second pass over a list with break markers: a paragraph of 100,000 code spans
    // makes no second list.
    let aligned = true;
    // Blank texts (spaces, tabs, line ends) that follow a blank text node across such a place
    // are joined to it all the same: no column inside white space is ever reported, and a
    // run of code spans holding a space (`` ` ` ` ` ``) made two nodes per four bytes, a
    // quarter of a gigabyte per input megabyte while the paragraph was read. The pieces wait
    // in `blankParts` and are joined once (a rope of a million concatenations is larger
    // than the nodes it replaces); the joined node stays misaligned (`aligned` false), so no
    // later text is joined onto it.
    let blankParts: string[] | undefined;
    const closeBlank = (): void => {
      if (blankParts === undefined) return;
      const last = out[out.length - 1] as InlineOf<'text'>;
      out[out.length - 1] = this.env.src.withText(last, blankParts.join(''));
      blankParts = undefined;
    };
    const put = (node: Inline): void => {
      const last = out[out.length - 1];
      if (!aligned && node.kind === 'text' && last?.kind === 'text' && isBlank(node.text) && (blankParts !== undefined || isBlank(last.text))) {
        (blankParts ??= [last.text]).push(node.text);
        return;
      }
      closeBlank();
      if (aligned && node.kind === 'text' && last?.kind === 'text') out[out.length - 1] = this.env.src.withText(last, last.text + node.text);
      else out.push(node);
      aligned = true;
    };
    /**
     * `put` for a text that starts at `offset`: its node is made only when the text is not
     * joined to the last one (a large source's text node costs more to make than to join:
     * `Source.textNode`), with the same outcome as `put`.
     */
    const putText = (text: string, offset: number): void => {
      const last = out[out.length - 1];
      if (last?.kind === 'text') {
        if (!aligned && isBlank(text) && (blankParts !== undefined || isBlank(last.text))) {
          (blankParts ??= [last.text]).push(text);
          return;
        }
        if (aligned) {
          closeBlank();
          out[out.length - 1] = this.env.src.withText(last, last.text + text);
          return;
        }
      }
      put(this.env.src.textNode(text, offset));
    };
    const t = this.t;
    // The text of the node being gathered: `buf`, then the source's [pendFrom, pendTo) not yet
    // sliced. Source text that follows on is taken as a range and sliced once: a run of
    // 16 million `<` or `[` added one character at a time made a rope of 16 million
    // concatenations (32 bytes each, half a gigabyte) until the node was flattened.
    let buf = '';
    let pendFrom = start;
    let pendTo = start;
    let bufStart = start;
    // Spaces at the end of buf, counted as text is added: reading buf's end at each line end
    // would flatten the growing string every time (quadratic on a long paragraph).
    let trailingSpaces = 0;
    const gathered = (): string => {
      if (pendTo > pendFrom) {
        buf += t.slice(pendFrom, pendTo);
        pendFrom = pendTo;
      }
      return buf;
    };
    const isEmpty = (): boolean => buf === '' && pendTo === pendFrom;
    const countSpaces = (s: string, from: number, to: number): void => {
      let k = to;
      while (k > from && s.charCodeAt(k - 1) === 32) k--;
      trailingSpaces = k === from ? trailingSpaces + (to - from) : to - k;
    };
    /** Adds a string that is not the source's own text at `at` (a decoded reference, an escaped character). */
    const add = (s: string, at: number): void => {
      if (isEmpty()) bufStart = at;
      gathered();
      buf += s;
      countSpaces(s, 0, s.length);
    };
    /** Adds the source's text from..to. */
    const take = (from: number, to: number): void => {
      if (isEmpty()) bufStart = from;
      if (pendTo !== from || pendTo === pendFrom) {
        gathered();
        pendFrom = from;
      }
      pendTo = to;
      countSpaces(t, from, to);
    };
    const flush = (): void => {
      if (!isEmpty()) putText(this.env.src.intern(gathered()), bufStart);
      buf = '';
      pendFrom = pendTo;
      trailingSpaces = 0;
    };
    const push = (node: Inline): void => {
      flush();
      put(node);
    };

    let i = start;
    while (i < end) {
      const c = t[i]!;
      let stop = i;
      while (stop < end && !isSpecial(t.charCodeAt(stop))) stop++;
      if (stop > i) {
        take(i, stop);
        i = stop;
        continue;
      }
      if (c === '&') {
        // A character reference (`&laquo;`, `&#8220;`, `&#x2014;`) is the character it names.
        // It is one character but several source columns: the text after it starts a node of
        // its own, so a column counted from a node's start is the source column.
        const ref = referenceAt(t, i, end);
        if (ref) {
          add(ref.chars, i);
          flush();
          aligned = false;
          i += ref.length;
        } else {
          take(i, i + 1);
          i++;
        }
        continue;
      }
      if (c === '`') {
        const n = this.runLength(i, '`', end);
        const span = this.codeSpan(i, n, end);
        if (span) {
          flush();
          aligned = false;
          if (span.text !== '') {
            putText(this.env.src.intern(span.text), span.at);
            aligned = false;
          }
          i = span.next;
        } else {
          take(i, i + n);
          i += n;
        }
        continue;
      }
      if (c === '\\') {
        const next = t[i + 1];
        if (next === '\n' && i + 1 < end) {
          push({ kind: 'lb', pos: this.pos(i) });
          i += 2;
          continue;
        }
        if (next === '[') {
          const m = /^\\\[([^\s\]\\]{1,4})\\\]/.exec(t.slice(i, Math.min(end, i + 12)));
          if (m && this.isPlainMarker(`[${m[1]!}]`)) {
            push(this.anchor(`[${m[1]!}]`, i));
            i += m[0].length;
            continue;
          }
        }
        if (next !== undefined && i + 1 < end && ASCII_PUNCT.test(next)) {
          add(next, i);
          i += 2;
          continue;
        }
        take(i, i + 1);
        i++;
        continue;
      }
      if (c === '\n') {
        // Two trailing spaces make a hard line break (markdown); otherwise a soft one.
        if (trailingSpaces >= 2) {
          const whole = gathered();
          buf = whole.slice(0, whole.length - trailingSpaces);
          push({ kind: 'lb', pos: this.pos(i) });
        } else take(i, i + 1);
        i++;
        if (this.env.quoted) {
          const q = /^\s{0,3}(?:> ?){1,8}/.exec(t.slice(i, Math.min(end, i + 20)));
          if (q) i += q[0].length;
        }
        continue;
      }
      if (c === '*') {
        const n = this.runLength(i, '*', end);
        if (this.env.skip?.has(i)) {
          i += n;
          continue;
        }
        const consumed = this.emphasis(i, n, end);
        if (consumed) {
          push(consumed.node);
          i = consumed.next;
        } else {
          take(i, i + n);
          i += n;
        }
        continue;
      }
      if (c === '^') {
        const sup = this.caretSuperscript(i, end);
        if (sup) {
          push(sup.node);
          i = sup.next;
          continue;
        }
      }
      if (c === '[') {
        // A markdown footnote reference `[^1]` (its definition `[^1]: …` is a block of its own).
        const fn = t.charCodeAt(i + 1) === 94 ? FOOTNOTE_REF.exec(t.slice(i, Math.min(end, i + 24))) : null;
        if (fn && t[i + fn[0].length] !== ':' && this.isFootnote(fn[1]!)) {
          push(this.anchor(fn[1]!, i));
          i += fn[0].length;
          continue;
        }
        const br = this.bracket(i, end);
        if (br) {
          for (const node of br.nodes) push(node);
          i = br.next;
          continue;
        }
        const m = this.closesShortly(i, end, 93) ? /^\[([^\s\]]{1,4})\]/.exec(t.slice(i, Math.min(end, i + 8))) : null;
        if (m && this.isPlainMarker(m[0])) {
          push(this.anchor(m[0], i));
          i += m[0].length;
          continue;
        }
      }
      if (c === '(') {
        const m = this.closesShortly(i, end, 41) ? /^\(([^\s)]{1,4})\)/.exec(t.slice(i, Math.min(end, i + 8))) : null;
        if (m && this.isPlainMarker(m[0])) {
          push(this.anchor(m[0], i));
          i += m[0].length;
          continue;
        }
      }
      if (c === '<') {
        const tag = this.tag(i, end);
        if (tag) {
          for (const node of tag.nodes) push(node);
          i = tag.next;
          continue;
        }
      }
      if (c === '|') {
        const m = (t.charCodeAt(i + 1) | 32) === 112 ? PAGE_MARK.exec(t.slice(i, Math.min(end, i + 16))) : null;
        if (m) {
          push({ kind: 'pb', n: m[1]!, pos: this.pos(i) });
          i += m[0].length;
          continue;
        }
      }
      take(i, i + 1);
      i++;
    }
    flush();
    closeBlank();
    return out;
  }

  /**
   * Backtick runs of the whole text by length, in order: where a code span may close. Found
   * once per source text (BACKTICK_RUNS), not once per scan: a page of 20,000 paragraphs
   * with a code span each scanned the whole text 20,000 times (200 KB: 24 s).
   */
  private runsOfLength(n: number): Int32Array {
    let runs = BACKTICK_RUNS.get(this.env.src);
    if (!runs) {
      // Offsets in typed arrays (4 bytes each, not an 8-byte slot of an array of numbers):
      // 16 MB of code spans have 2.8 million runs, held while the text is read.
      const grown = new Map<number, { at: Int32Array; count: number }>();
      const t = this.t;
      for (let i = t.indexOf('`'); i >= 0; ) {
        let k = i;
        while (t.charCodeAt(k) === 96) k++;
        // Escapes are not looked at: a backslash is literal inside a code span, so `\` can close one.
        let list = grown.get(k - i);
        if (!list) grown.set(k - i, (list = { at: new Int32Array(16), count: 0 }));
        if (list.count === list.at.length) {
          const wider = new Int32Array(list.count * 2);
          wider.set(list.at);
          list.at = wider;
        }
        list.at[list.count++] = i;
        i = t.indexOf('`', k);
      }
      runs = new Map<number, Int32Array>();
      for (const [length, list] of grown) runs.set(length, list.at.slice(0, list.count));
      BACKTICK_RUNS.set(this.env.src, runs);
    }
    return runs.get(n) ?? NO_RUNS;
  }

  /**
   * A CommonMark code span opened by the `n` backticks at `i`: closed by the next run of
   * exactly `n` backticks before `end`; its content is literal (no markup, no anchors, no
   * escapes), line ends read as spaces, one space stripped from each side when both are
   * there and the content is not all spaces.
   */
  private codeSpan(i: number, n: number, end: number): { text: string; at: number; next: number } | undefined {
    const runs = this.runsOfLength(n);
    // First run after the opener, by binary search: many unclosed runs stay linear-logarithmic.
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]! < i + n) lo = mid + 1;
      else hi = mid;
    }
    const close = runs[lo];
    if (close === undefined || close + n > end) return undefined;
    let text = this.t.slice(i + n, close);
    if (this.env.quoted) text = text.replace(/\n[ \t]{0,3}(?:> ?){1,8}/g, '\n');
    text = text.replace(/\n/g, ' ');
    const strip = text.length >= 2 && text.startsWith(' ') && text.endsWith(' ') && /[^ ]/.test(text);
    return strip ? { text: text.slice(1, -1), at: i + n + 1, next: close + n } : { text, at: i + n, next: close + n };
  }

  /**
   * Whether the character `close` (a char code) stands 2 to 5 places after `i`, before `end`:
   * the only places a printed marker (`[12]`, `(a)`) can close. Most brackets of a text open
   * no marker, and are passed without slicing the text after them for a pattern.
   */
  private closesShortly(i: number, end: number, close: number): boolean {
    const t = this.t;
    for (let k = i + 2; k <= i + 5 && k < end; k++) if (t.charCodeAt(k) === close) return true;
    return false;
  }

  private isPlainMarker(printed: string): boolean {
    this.askedSets = true;
    return this.env.plainMarkers?.has(printed) ?? false;
  }

  private isFootnote(label: string): boolean {
    this.askedSets = true;
    return this.env.footnotes?.has(label) ?? false;
  }

  private anchor(printed: string, at: number, target?: string, id?: string): Inline {
    const max = this.env.maxAnchors;
    if (max !== undefined && ++this.anchors > max) throw new LimitExceeded('input-too-many-anchors', tooManyAnchors(max), this.pos(at));
    const marker = printed.replace(/\\/g, '').trim();
    const node: Inline = { kind: 'noteAnchor', marker, key: markerKey(marker) ?? marker, pos: this.pos(at) };
    if (target) node.target = target;
    if (id) node.id = id;
    return node;
  }

  private runLength(i: number, ch: string, end: number): number {
    let n = 0;
    while (i + n < end && this.t[i + n] === ch) n++;
    return n;
  }

  /** `*i*`, `**b**`, `***bi***`: the closing run must have the same length and follow a non-space. */
  private emphasis(i: number, n: number, end: number): { node: Inline; next: number } | undefined {
    const t = this.t;
    const open = Math.min(n, 3);
    const after = t[i + n];
    if (after === undefined || i + n >= end || /\s/.test(after)) return undefined;
    const cacheKey = `*${n}:${end}`;
    const failed = this.failedFrom.get(cacheKey);
    if (failed !== undefined && failed <= i) return this.unclosedStars(i, n);
    for (let j = i + n; j < end; ) {
      const ch = t[j]!;
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === '\n' && t[j + 1] === '\n') break;
      if (ch === '`') {
        // A code span binds tighter than emphasis: a `*` inside one cannot close it.
        const m = this.runLength(j, '`', end);
        j = this.codeSpan(j, m, end)?.next ?? j + m;
        continue;
      }
      if (ch === '*') {
        const m = this.runLength(j, '*', end);
        if (m === n && !/\s/.test(t[j - 1]!)) {
          const rend = open === 1 ? 'italic' : open === 2 ? 'bold' : 'bold italic';
          return { node: { kind: 'hi', rend, children: this.run(i + n, j), pos: this.pos(i) }, next: j + m };
        }
        j += m;
        continue;
      }
      j++;
    }
    this.failedFrom.set(cacheKey, i);
    return this.unclosedStars(i, n);
  }

  private unclosedStars(i: number, n: number): undefined {
    this.env.diagnostics.report('marker-malformed', `\`${'*'.repeat(n)}\` is never closed; kept as text`, this.pos(i));
    return undefined;
  }

  /** Pandoc superscript `^…^` (no unescaped space inside): a note anchor when it holds one. */
  private caretSuperscript(i: number, end: number): { node: Inline; next: number } | undefined {
    const t = this.t;
    for (let j = i + 1; j < end && j < i + 200; j++) {
      const ch = t[j]!;
      if (ch === '\\') {
        j++;
        continue;
      }
      if (ch === ' ' || ch === '\n') return undefined;
      if (ch === '^') {
        if (j === i + 1) return undefined;
        const children = this.run(i + 1, j);
        return { node: this.superscript(children, i, j + 1), next: j + 1 };
      }
    }
    return undefined;
  }

  /** A superscript holding only a marker (or a link to a note) is a note anchor. */
  private superscript(children: Inline[], at: number, next: number): Inline {
    const only = children.length === 1 ? children[0]! : undefined;
    if (only?.kind === 'noteAnchor') return { ...only, pos: this.pos(at) };
    if (only?.kind === 'text' && markerKey(only.text) !== undefined && !this.halfMarker(only.text, at, next)) return this.anchor(only.text, at);
    if (only?.kind === 'link' && only.href.startsWith('#')) {
      const label = only.children.length === 1 && only.children[0]!.kind === 'text' ? only.children[0].text : '';
      if (markerKey(label) !== undefined) return this.anchor(label, at, only.href.slice(1));
    }
    return { kind: 'hi', rend: 'superscript', children, pos: this.pos(at) };
  }

  /**
   * Half of a marker split across inline HTML: `1]` after a `[` printed before the
   * superscript (`Party[<sup>1]</sup>`, `<em>Diet[</em><sup>2]</sup>`), `[1` before a `]`
   * after it (`<sup>[1</sup>]`). Not an anchor by itself: the layout engine joins the two
   * halves when a note waits for that marker (`linkBareMarkers`).
   */
  private halfMarker(printed: string, at: number, next: number): boolean {
    const p = printed.trim();
    if (/^[^[\]]*\]$/.test(p)) return /\[(?:<\/[a-zA-Z]+\s*>)*$/.test(this.t.slice(Math.max(0, at - 40), at));
    if (/^\[[^\]]*$/.test(p)) return /^(?:<\/[a-zA-Z]+\s*>)*\]/.test(this.t.slice(next, next + 40));
    return false;
  }

  /** Index of the `close` that balances the `open` at `i`, skipping escapes; -1 when none. */
  private balanced(i: number, open: string, close: string, end: number): number {
    const at = this.env.src.matching(open, close).get(i);
    return at !== undefined && at < end ? at : -1;
  }

  /** Pandoc `[text](url){attrs}` links and `[text]{attrs}` spans. */
  private bracket(i: number, end: number): { nodes: Inline[]; next: number } | undefined {
    const t = this.t;
    const close = this.balanced(i, '[', ']', end);
    if (close < 0) return undefined;
    let next = close + 1;
    let href: string | undefined;
    if (t[next] === '(') {
      const paren = this.balanced(next, '(', ')', end);
      if (paren < 0) return undefined;
      href = t.slice(next + 1, paren).trim().replace(/\s+"[^"]*"$/, '').replace(/\s+/g, '');
      next = paren + 1;
    }
    let attrs: string | undefined;
    if (t[next] === '{') {
      const brace = this.balanced(next, '{', '}', end);
      if (brace > 0) {
        attrs = t.slice(next + 1, brace);
        next = brace + 1;
      }
    }
    if (href === undefined && attrs === undefined) return undefined;
    const children = this.run(i + 1, close);
    const id = attrs ? /(?:^|\s)#([\w:.-]+)/.exec(attrs)?.[1] : undefined;
    if (href !== undefined) {
      const label = plainLabel(children);
      if (href.startsWith('#') && label !== undefined && markerKey(label) !== undefined) {
        return { nodes: [this.anchor(label, i, href.slice(1), id)], next };
      }
      return { nodes: [{ kind: 'link', href, children, pos: this.pos(i) }], next };
    }
    // LIA ids on empty spans mark printed pages: `[]{#v19pp77:29}` is page 29 of volume 19.
    const page = !children.length && id ? /^v\d+pp\d+[a-z]?:(\d+)$/.exec(id) : null;
    if (page) return { nodes: [{ kind: 'pb', n: page[1]!, pos: this.pos(i) }], next };
    const classes = [...(attrs ?? '').matchAll(/(?:^|\s)\.([\w-]+)/g)].map((m) => m[1]!);
    if (classes.includes('ednote')) return { nodes: [{ kind: 'inlineNote', place: 'inline', type: 'editorial', children, pos: this.pos(i) }], next };
    // Other spans (`.info`, `{#id}`, `onmouseover=…` junk of old pages) only wrap their words.
    return { nodes: children, next };
  }

  /** HTML left inside markdown: `<sup>`, `<a>`, `<span>`, `<br>`, `<em>`/`<i>`, `<strong>`/`<b>`. */
  private tag(i: number, end: number): { nodes: Inline[]; next: number } | undefined {
    const t = this.t;
    // A tag starts `<x` or `</`: any other `<` is text, found without slicing the 600
    // characters a tag may span (a run of 16 million `<` sliced 16 million times).
    const c1 = t.charCodeAt(i + 1);
    if (i + 1 >= end || !(c1 === 47 || (c1 >= 65 && c1 <= 90) || (c1 >= 97 && c1 <= 122))) return undefined;
    const m = TAG.exec(t.slice(i, Math.min(end, i + 600)));
    if (!m) return undefined;
    const [whole, closing, rawName, attrs] = m as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    const afterOpen = i + whole.length;
    if (closing) return { nodes: [], next: afterOpen }; // a stray closing tag: markup only
    if (name === 'br') return { nodes: [{ kind: 'lb', pos: this.pos(i) }], next: afterOpen };
    const container = ['sup', 'a', 'span', 'em', 'i', 'strong', 'b', 'u', 'small'];
    if (!container.includes(name)) return { nodes: [], next: afterOpen };
    const closeAt = this.closingTag(name, afterOpen, end);
    if (closeAt < 0) {
      if (name === 'sup') {
        this.env.diagnostics.report('marker-malformed', '`<sup>` is never closed; kept as text', this.pos(i));
        return { nodes: [{ kind: 'text', text: whole, pos: this.pos(i) }], next: afterOpen };
      }
      return { nodes: [], next: afterOpen };
    }
    const next = closeAt + name.length + 3;
    const children = this.run(afterOpen, closeAt);
    const pos = this.pos(i);
    switch (name) {
      case 'sup':
        return { nodes: [this.superscript(children, i, next)], next };
      case 'a': {
        const href = attr(attrs, 'href');
        const label = plainLabel(children);
        if (href?.startsWith('#') && label !== undefined && markerKey(label) !== undefined) return { nodes: [this.anchor(label, i, href.slice(1))], next };
        if (href) return { nodes: [{ kind: 'link', href, children, pos }], next };
        return { nodes: children, next };
      }
      case 'span':
        if (/\bednote\b/.test(attr(attrs, 'class') ?? '')) return { nodes: [{ kind: 'inlineNote', place: 'inline', type: 'editorial', children, pos }], next };
        return { nodes: children, next };
      case 'em':
      case 'i':
        return { nodes: [{ kind: 'hi', rend: 'italic', children, pos }], next };
      case 'strong':
      case 'b':
        return { nodes: [{ kind: 'hi', rend: 'bold', children, pos }], next };
      case 'u':
        return { nodes: [{ kind: 'hi', rend: 'underline', children, pos }], next };
      default:
        return { nodes: [{ kind: 'hi', rend: 'smallcaps', children, pos }], next };
    }
  }

  /** Offset of the `</name>` that closes an element opened before `from` (nesting counted). */
  /** The next `</sup>` at or after `from` (-1: none), remembered so that a run of unclosed `<sup>` stays linear. */
  private supClose = { from: -1, at: -1 };
  private nextSupClose(from: number): number {
    const c = this.supClose;
    if (c.from >= 0 && c.from <= from && (c.at === -1 || c.at >= from)) return c.at;
    const re = /<\/sup\s*>/gi;
    re.lastIndex = from;
    const at = re.exec(this.t)?.index ?? -1;
    this.supClose = { from, at };
    return at;
  }

  private closingTag(name: string, from: number, end: number): number {
    if (name === 'sup') {
      const at = this.nextSupClose(from);
      return at >= 0 && at < end ? at : -1;
    }
    const cacheKey = `<${name}:${end}`;
    const failed = this.failedFrom.get(cacheKey);
    if (failed !== undefined && failed <= from) return -1;
    const limit = Math.min(end, from + TAG_REACH);
    const re = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
    const scope = this.t.slice(from, limit);
    let depth = 1;
    for (let m = re.exec(scope); m; m = re.exec(scope)) {
      if (m[1]) {
        if (--depth === 0) return from + m.index;
      } else if (name !== 'sup') depth++;
    }
    // `<sup>` does not nest, so no later `<sup>` in this range can close either.
    if (name === 'sup' && limit === end) this.failedFrom.set(cacheKey, from);
    return -1;
  }
}

/** The text of a link label made only of text (`[1]`, `1.`), else undefined. */
function plainLabel(children: readonly Inline[]): string | undefined {
  let s = '';
  for (const c of children) {
    if (c.kind !== 'text') return undefined;
    s += c.text;
  }
  return s;
}


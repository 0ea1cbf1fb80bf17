/**
 * Markdown as the layout engine's block stream: the blocks of `blocks.ts` with what their
 * syntax shows (a heading's level and attributes, a rule, a quote and its paragraphs, a
 * table's cells, a line of nothing but links, template markup, a wholly emphasised line),
 * their printed lines, and the markdown answers to the engine's syntactic questions
 * (`MarkedSyntax`: inlines, labels, a block's words without marks). Shared by the MIA
 * markdown reader and the front-matter (pandoc / Hugo) reader. No zone is decided here:
 * title, information block, letter parts, notes and furniture are the engine's
 * (`src/layout/marked.ts`).
 */
import { Diagnostics, type Diagnostic } from '../../diagnostics.js';
import type { Inline } from '../../model/edition.js';
import { plainText, squash } from '../../model/walk.js';
import type { BlockHints, BlockStream, SourceSlice, StreamBlock } from '../../layout/blocks.js';
import type { FrontMatterFacts, InfoEntry, MarkedSyntax } from '../../layout/marked.js';
import { isQuoteWrapped, splitBlocks, type RawBlock, type Range } from './blocks.js';
import { parseInlines, parseInlinesTracked, type InlineEnv } from './inline.js';
import { matchLabel, metaField, trimInlines } from './metadata.js';
import type { Source } from './source.js';
import type { Limits } from '../../model/limits.js';

/** Where a stream block's words are in the source, and how they are read. */
type Ref =
  | { kind: 'block'; raw: RawBlock }
  /** A footnote definition `[^1]: …`: its words after the label. */
  | { kind: 'footnote'; label: string; range: Range; raw: RawBlock }
  /** A paragraph of a block quote: read with its `> ` prefixes as syntax. */
  | { kind: 'quoted'; range: Range }
  /** A grid-table cell: its line segments, joined by a space (or a break after `\`). */
  | { kind: 'cell'; segments: Range[] };

const NO_REPORTS: readonly Diagnostic[] = [];

/** How many probed readings not yet read are kept at most. */
const KEPT_READINGS = 1024;

/** White space as `trim` and `\s` know it, by char code (ASCII without a regular expression). */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));

/** A markdown footnote definition: `[^1]: The strike began in May.` */
const FOOTNOTE_DEFINITION = /^\[\^([\p{L}\d_-]{1,20})\]:[ \t]*/u;
const LINK_SEPARATORS = /^[\s|•·>»«\\\-–—:]*$/;

/**
 * `trimInlines` on a list nobody else holds: the same nodes in the list itself. The blank
 * ends are cut as trimInlines cuts them; the two end nodes are then trimmed by trimInlines
 * itself (on a list of just them), so both give the same nodes.
 */
function trimInPlace(list: Inline[]): Inline[] {
  const blank = (node: Inline): boolean => node.kind === 'lb' || (node.kind === 'text' && !node.text.trim());
  let from = 0;
  let to = list.length;
  while (from < to && blank(list[from]!)) from++;
  while (to > from && blank(list[to - 1]!)) to--;
  list.length = to;
  if (from > 0) list.splice(0, from);
  const last = list.length - 1;
  if (last < 0) return list;
  const ends = trimInlines(last === 0 ? [list[0]!] : [list[0]!, list[last]!]);
  list[0] = ends[0]!;
  if (last > 0) list[last] = ends[1]!;
  return list;
}

/** The markdown of `src` from `firstLine` as a block stream for the layout engine. */
export function markdownStream(src: Source, firstLine: number, diagnostics: Diagnostics, profile: string, front?: FrontMatterFacts, limits?: Limits): BlockStream {
  const wrapped = isQuoteWrapped(src, firstLine);
  const plainMarkers = new Set<string>();
  const footnotes = new Set<string>();
  const env: InlineEnv = { src, diagnostics, plainMarkers, footnotes, quoted: wrapped, ...(limits && { maxAnchors: limits.anchors }) };
  const syntax = new MarkdownSyntax(src, env, plainMarkers, footnotes);
  const blocks: StreamBlock[] = [];
  let lastLine = firstLine; // 1-based line of the previous block's end (0: none)
  let footnote: string | undefined; // the footnote an indented paragraph continues
  for (const raw of splitBlocks(src, firstLine, wrapped, limits?.elements)) {
    const endLine = src.pos(Math.max(raw.start, raw.end - 1)).line;
    const block = syntax.add(raw, lastLine);
    if (block.hints.footnote !== undefined) footnote = block.hints.footnote;
    else if (footnote !== undefined && raw.kind === 'para' && /^(?: {4}|\t)/.test(src.line(raw.line - 1))) block.hints.footnote = footnote;
    else footnote = undefined;
    blocks.push(block);
    lastLine = endLine;
  }
  const stream: BlockStream = {
    profile,
    blocks,
    marked: syntax,
    syntax: { inlines: (slice, diags, out = []) => syntax.slice(slice, diags, out) },
  };
  if (front) stream.front = front;
  return stream;
}

/**
 * One reading of a range of the source, kept so that a paragraph is parsed once: the
 * engine asks about a paragraph's words several times (furniture? a note label? its
 * inlines for the TEI). Its diagnostics are recorded and reported when the words are read
 * for the TEI (as a fresh parse would have reported them, in that order), when the reading
 * is also dropped.
 */
interface Parsed {
  end: number;
  quoted: boolean;
  list: Inline[];
  reports: readonly Diagnostic[];
  /** The reading asked the label sets, at this `version` of them. */
  askedSets: boolean;
  version: number;
  /** Its plain words, squashed, once asked for. */
  words?: string;
}

class MarkdownSyntax implements MarkedSyntax {
  private readonly refs = new Map<StreamBlock, Ref>();
  private readonly probeEnv: InlineEnv;
  /** Readings by start offset (see `Parsed`). */
  private readonly parsed = new Map<number, Parsed>();
  /** Bumped when a label set grows: readings that asked the sets are then read again. */
  private version = 0;
  /** Where a reading's diagnostics wait (emptied into its `reports`), and the envs that report there. */
  private readonly recorder = new Diagnostics();
  private readonly record: InlineEnv;
  private readonly recordQuoted: InlineEnv;

  constructor(
    private readonly src: Source,
    private readonly env: InlineEnv,
    /** The plain labels (`[1]`) the engine found notes printed with: `env` reads them as anchors. */
    private readonly plainMarkers: Set<string>,
    /** The footnote definitions the engine reads as notes (the others stay text, label and all). */
    private readonly footnotes: Set<string>,
  ) {
    this.probeEnv = { ...env, diagnostics: new Diagnostics() };
    this.record = { ...env, diagnostics: this.recorder, quoted: env.quoted === true };
    this.recordQuoted = { ...env, diagnostics: this.recorder, quoted: true };
  }

  /** The stream block of one raw block (its parts registered too). */
  add(raw: RawBlock, prevEnd: number): StreamBlock {
    const block: StreamBlock = {
      kind: raw.kind === 'html' ? 'para' : raw.kind,
      lines: this.printed(raw.line, raw.end),
      gapBefore: Math.max(0, raw.line - prevEnd - 1),
      hints: this.hints(raw),
    };
    const definition = raw.kind === 'para' ? FOOTNOTE_DEFINITION.exec(this.text(raw)) : null;
    if (definition) {
      block.hints.footnote = definition[1]!;
      this.refs.set(block, { kind: 'footnote', label: definition[1]!, range: { start: raw.start + definition[0].length, end: raw.end }, raw });
    } else this.refs.set(block, { kind: 'block', raw });
    if (raw.kind === 'quote') block.parts = raw.paras.map((p) => this.part({ kind: 'quoted', range: p }, p.line, p.end, { quoted: true }));
    if (raw.kind === 'table') block.parts = raw.cells.map((cell) => this.part({ kind: 'cell', segments: cell }, this.src.pos(cell[0]!.start).line, cell[cell.length - 1]!.end, {}));
    return block;
  }

  private part(ref: Ref, line: number, end: number, hints: BlockHints): StreamBlock {
    const block: StreamBlock = { kind: 'para', lines: this.printed(line, end), gapBefore: 0, hints };
    this.refs.set(block, ref);
    return block;
  }

  /** The source lines from 1-based `line` to the one holding offset `end`. */
  private printed(line: number, end: number): StreamBlock['lines'] {
    const last = Math.max(line, this.src.pos(Math.max(0, end - 1)).line);
    // One line (most blocks of a page of short paragraphs) in an array literal: grown by
    // `push` from `[]`, it would reserve 17 slots.
    const out: StreamBlock['lines'] = [{ text: this.src.line(line - 1), line }];
    for (let l = line + 1; l <= last; l++) out.push({ text: this.src.line(l - 1), line: l });
    return out;
  }

  /** What the syntax shows about a block. */
  private hints(raw: RawBlock): BlockHints {
    const text = this.text(raw).trim();
    switch (raw.kind) {
      case 'heading': {
        const classes = [...raw.attrs.matchAll(/(?:^|\s)\.([\w-]+)/g)].map((m) => m[1]!);
        return classes.length ? { level: raw.level, classes } : { level: raw.level };
      }
      case 'html':
        return { markup: true };
      case 'quote':
        return { quoted: true };
      case 'para': {
        const hints: BlockHints = {};
        if (this.isNavigation(raw, text)) hints.linksOnly = true;
        // `<span class="signature">` marks the signature in converted pages.
        if (/^<span\s+class="signature"/.test(text)) hints.classes = ['signature'];
        const emphasis = /^(\*{1,3}|_)(?=[^*_\s])[^\n]*[^*_\s]\1$/.exec(text);
        if (emphasis) hints.emphasis = emphasis[1] === '*' || emphasis[1] === '_' ? 'italic' : 'bold';
        return hints;
      }
      default:
        return {};
    }
  }

  /**
   * A paragraph that is navigation by its syntax: it starts with a link, a list bullet, a
   * separator or markup, and holds nothing but links and separators (or is an image, a
   * site-engine shortcode, a stray list item).
   */
  private isNavigation(raw: RawBlock, text: string): boolean {
    if (!/^[[<!\\|•>-]/.test(text)) return false;
    if (/^!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?$/.test(text.replace(/\n>?\s*/g, ' '))) return true; // an image: not text
    if (/\{\{</.test(text) || /^<\/?(?:li|ul)\b/i.test(text)) return true;
    let links = 0;
    for (const n of this.read(raw.start, raw.end, this.env.quoted === true, true).list) {
      if (n.kind === 'link') links++;
      else if (n.kind === 'lb') continue;
      else if (n.kind === 'text' && LINK_SEPARATORS.test(n.text)) continue;
      else return false;
    }
    return links > 0;
  }

  private ref(b: StreamBlock): Ref {
    const ref = this.refs.get(b);
    if (!ref) throw new Error('a block the markdown reader did not make');
    return ref;
  }

  private text(r: Range): string {
    return this.src.text.slice(r.start, r.end);
  }

  private range(b: StreamBlock): Range {
    const ref = this.ref(b);
    if (ref.kind === 'footnote') return this.footnotes.has(ref.label) ? ref.range : ref.raw;
    return ref.kind === 'block' ? ref.raw : ref.kind === 'quoted' ? ref.range : { start: ref.segments[0]!.start, end: ref.segments[ref.segments.length - 1]!.end };
  }

  inlines(b: StreamBlock, probe = false): Inline[] {
    const ref = this.ref(b);
    if (ref.kind === 'cell') return this.cellInlines(probe ? this.probeEnv : this.env, ref.segments);
    const r = this.range(b);
    const list = this.read(r.start, r.end, ref.kind === 'quoted' || this.env.quoted === true, probe).list;
    // The words for the TEI take the reading itself (it is forgotten, see `read`): trimmed in
    // place, not copied, so a paragraph of millions of nodes is not held twice while it is read.
    return probe ? trimInlines(list) : trimInPlace(list);
  }

  plainWords(b: StreamBlock): string {
    const ref = this.ref(b);
    if (ref.kind === 'cell') return squash(plainText(this.inlines(b, true)));
    const r = this.range(b);
    const p = this.read(r.start, r.end, ref.kind === 'quoted' || this.env.quoted === true, true);
    // Trimming the ends changes nothing `squash` keeps.
    p.words ??= squash(plainText(p.list));
    return p.words;
  }

  mayOpenWithLink(b: StreamBlock): boolean {
    const ref = this.ref(b);
    if (ref.kind === 'cell') return true;
    // A linked anchor comes from `[…](#…)`, `<a href>`/`<sup>` or `^…^`; blank text before it
    // (`&nbsp;`, a `\` break, a code span of spaces) is trimmed away. Any other opening
    // character starts a word, an emphasis, a parenthesis or a page mark, none of them a link.
    const { start, end } = this.range(b);
    const t = this.src.text;
    let i = start;
    while (i < end && isSpace(t.charCodeAt(i))) i++;
    if (ref.kind === 'quoted' || this.env.quoted) return true;
    return i >= end || '[<^&`\\'.includes(t[i]!);
  }

  /**
   * The inlines of `start..end`, parsed once (see `Parsed`): a probe only looks at them, so
   * it may share a kept reading; the words for the TEI take the kept reading once, with its
   * diagnostics reported then.
   */
  private read(start: number, end: number, quoted: boolean, probe: boolean): Parsed {
    let p = this.parsed.get(start);
    if (p === undefined || p.end !== end || p.quoted !== quoted || (p.askedSets && p.version !== this.version)) {
      const env = quoted ? this.recordQuoted : this.record;
      const { list, askedSets } = parseInlinesTracked(env, start, end);
      const items = this.recorder.items;
      p = { end, quoted, list, reports: items.length ? items.splice(0) : NO_REPORTS, askedSets, version: this.version };
      // Kept up to a bound: a page of 100,000 short paragraphs, all probed before any is
      // read (a title zone of the whole page), holds no more (a short one is cheap to read again).
      if (probe && this.parsed.size < KEPT_READINGS) this.parsed.set(start, p);
    }
    if (!probe) {
      // Handed out for the TEI: forgotten, so the edition's nodes are never shared with a
      // later reading, and a page of many paragraphs keeps no reading it has used.
      this.parsed.delete(start);
      for (const d of p.reports) this.env.diagnostics.report(d.code, d.message, d.line === undefined ? undefined : { line: d.line, column: d.column! }, d.severity);
    }
    return p;
  }

  private cellInlines(env: InlineEnv, cell: Range[]): Inline[] {
    const out: Inline[] = [];
    cell.forEach((seg, n) => {
      let end = seg.end;
      const hard = this.src.text[end - 1] === '\\';
      if (hard) end--;
      out.push(...parseInlines(env, seg.start, end));
      if (n + 1 < cell.length) out.push(hard ? { kind: 'lb', pos: this.src.pos(end) } : { kind: 'text', text: ' ', pos: this.src.pos(end) });
    });
    return trimInlines(out);
  }

  /** A slice of the source as inlines (the engine's `InlineSyntax`). */
  slice(s: SourceSlice, diagnostics: Diagnostics, out: Inline[]): Inline[] {
    const start = this.src.lineStart(s.line - 1) + s.column - 1;
    out.push(...parseInlines({ ...this.env, diagnostics }, start, start + s.text.length));
    return out;
  }

  pos(b: StreamBlock) {
    return this.src.pos(this.range(b).start);
  }

  printedLines(b: StreamBlock): Array<{ text: string; pos: ReturnType<Source['pos']> }> {
    const text = this.src.text;
    const { start, end } = this.range(b);
    const out: Array<{ text: string; pos: ReturnType<Source['pos']> }> = [];
    let s = start;
    while (s < end) {
      let e = text.indexOf('\n', s);
      if (e < 0 || e > end) e = end;
      const printed = text.slice(s, e);
      const line = printed.trim();
      if (line) out.push({ text: line, pos: this.src.pos(s + (printed.length - printed.trimStart().length)) });
      s = e + 1;
    }
    return out;
  }

  size(b: StreamBlock): number {
    const { start, end } = this.range(b);
    return end - start;
  }

  bareText(b: StreamBlock): string {
    return this.text(this.range(b)).replace(/[*_#]/g, '').replace(/\{[^}]*\}/g, '').trim();
  }

  shortBareText(b: StreamBlock, max: number): string | undefined {
    // What `bareText` keeps, scanned until it is certainly longer than `max`: the marks
    // `*_#` are dropped, a `{` starts an attribute group up to the next `}` (none: a `{` as
    // printed), and white space counts only between the first and the last kept word character.
    const t = this.src.text;
    const { start, end } = this.range(b);
    let kept = 0;
    let first = -1;
    for (let i = start; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === 42 || c === 95 || c === 35) continue; // * _ #
      if (c === 123) {
        const close = t.indexOf('}', i + 1);
        if (close >= 0 && close < end) {
          i = close;
          continue;
        }
      }
      if (!isSpace(c)) {
        if (first < 0) first = kept;
        else if (kept - first + 1 > max) return undefined;
      }
      kept++;
    }
    const bare = this.bareText(b);
    return bare.length <= max ? bare : undefined;
  }

  leadingSpan(b: StreamBlock): string | undefined {
    return /^\[([^\]\n]{3,60})\]\{[^}\n]*\}/.exec(this.text(this.range(b)).trim())?.[1];
  }

  labelled(b: StreamBlock): boolean {
    return this.lineStarts(this.range(b)).some((s) => matchLabel(this.src.text, s, true));
  }

  fields(b: StreamBlock, probe = false): InfoEntry[] {
    const p = this.range(b);
    const env = probe ? this.probeEnv : this.env;
    const text = this.src.text;
    const fieldStarts: number[] = [];
    let prevHard = true;
    for (const lineStart of this.lineStarts(p)) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > p.end) lineEnd = p.end;
      const line = text.slice(lineStart, lineEnd);
      if (prevHard || matchLabel(text, lineStart, true)) fieldStarts.push(lineStart);
      prevHard = /\\$|\s{2,}$/.test(line);
    }
    return fieldStarts.map((s, f) => {
      let e = f + 1 < fieldStarts.length ? text.lastIndexOf('\n', fieldStarts[f + 1]!) : p.end;
      if (text[e - 1] === '\\') e--;
      const match = matchLabel(text, s, false);
      const pos = this.src.pos(s);
      if (!match) {
        // A probe shares the kept reading (see `read`): the engine asks whether a paragraph
        // after the title is a prose information line, then reads that paragraph for the TEI,
        // and a 16 MB paragraph parsed twice was half of the garbage of reading it.
        const value = (): Inline[] => trimInlines(probe ? this.read(s, e, this.env.quoted === true, true).list : parseInlines(env, s, e));
        return { pos, valuePos: pos, value, field: () => ({ label: '', role: 'other', value: value(), pos }) };
      }
      return {
        label: match.label,
        pos,
        valuePos: this.src.pos(match.valueStart),
        value: () => parseInlines(env, match.valueStart, e),
        field: () => metaField(env, s, match, e),
      };
    });
  }

  footnotesKept(labels: Iterable<string>): void {
    for (const l of labels) this.grow(this.footnotes, l);
  }

  notesPrintedWith(labels: Iterable<string>): void {
    for (const l of labels) this.grow(this.plainMarkers, l);
  }

  private grow(set: Set<string>, label: string): void {
    if (set.has(label)) return;
    set.add(label);
    this.version++;
  }

  /** Offsets where the range's lines start (after the `> ` of a page wrapped in a quote). */
  private lineStarts(p: Range): number[] {
    const text = this.src.text;
    const out = [p.start];
    for (let k = text.indexOf('\n', p.start); k >= 0 && k < p.end; k = text.indexOf('\n', k + 1)) out.push(this.skipQuote(k + 1));
    return out;
  }

  private skipQuote(at: number): number {
    if (!this.env.quoted) return at;
    const m = /^\s{0,3}> ?/.exec(this.src.text.slice(at, at + 6));
    return m ? at + m[0].length : at;
  }
}

/**
 * An edition's text as plain text, per the conventions: paragraphs (with the TEI position
 * of each), the notes (with the offsets of their anchors), the emendations (with their
 * offsets and who made them), and the word count. Every derivative (txt, JSON Lines, the
 * corpus table) is made from this one rendering, so their texts and counts agree.
 */
import type { Block, Edition, Inline, MetaRole, Note, NoteSection, SourcePos } from '../model/edition.js';
import type { Conventions } from './conventions.js';
import { isBefore } from '../tei/text.js';

export type ParagraphKind = 'front' | 'head' | 'subtitle' | 'dateline' | 'salute' | 'argument' | 'p' | 'heading' | 'quote' | 'item' | 'lines' | 'pb' | 'signed' | 'postscript';

/** An anchor in a text (a paragraph, a note, a notes section's own paragraphs): UTF-16 offset, marker, the index of its note in `notes`. */
export interface RenderedAnchor {
  at: number;
  marker: string;
  note: number | undefined;
  target?: string;
}

export interface Paragraph {
  kind: ParagraphKind;
  text: string;
  pos: SourcePos;
  /** Anchors in `text` (UTF-16 offsets): a note's id, or the index of an inline note in `notes`. */
  anchors: RenderedAnchor[];
}

export type EmendationKind = 'subst' | 'del' | 'add' | 'gap' | 'unclear' | 'supplied' | 'choice' | 'sic';

export interface RenderedEmendation {
  kind: EmendationKind;
  resp: string | null;
  id: string | null;
  /** Where: in the text (`note` and `section` null), in the note with this index in `notes`, or in the own paragraphs of the section with this index in `sections`. */
  note: number | null;
  section: number | null;
  /** UTF-16 offsets in the paragraph (text) or the note text, before the paragraphs are joined. */
  paragraph: number;
  start: number;
  end: number;
  reading: string;
  diplomatic: string;
  pos: SourcePos;
}

export interface RenderedNote {
  n: string;
  id: string | null;
  /** editorial, authorial, translator, unknown; `publication` for a publication line; `inline` for a note written in the text. */
  type: string;
  label: string;
  text: string;
  pos: SourcePos;
  /** The notes section it belongs to (index in `sections`); null for publication lines and notes written in the text. */
  section: number | null;
  series: string | null;
  /** end or foot, as the TEI's `@place`; null for publication lines and notes written in the text. */
  place: 'end' | 'foot' | null;
  /** Anchors printed in the note's own text (a note on a note), offsets in `text`. */
  anchors: RenderedAnchor[];
}

/**
 * A notes section: its heading, its own paragraphs (printed before its first note: what the
 * notes are, where they come from) and its notes; where the edition prints it.
 */
export interface RenderedSection {
  heading: string | null;
  series: string | null;
  /** The section's own paragraphs, separated by a blank line ('' when it has none). */
  text: string;
  /** Anchors printed in `text`. */
  anchors: RenderedAnchor[];
  /** Printed between two parts of the text (TEI: `div type="notes"` in the body), not after it. */
  inText: boolean;
  /** The index in `paragraphs` of the first paragraph after the section (`paragraphs.length`: after the last). */
  before: number;
  /** Its notes, as indices in `notes`. */
  notes: number[];
  pos: SourcePos;
}

/** A line of the information block: its label as printed, what it is, its value as text with the anchors printed in it. */
export interface RenderedField {
  label: string;
  role: MetaRole;
  text: string;
  anchors: RenderedAnchor[];
}

export interface Rendered {
  /** Every line of the information block, in its order. */
  fields: RenderedField[];
  paragraphs: Paragraph[];
  notes: RenderedNote[];
  /** The notes sections in reading order: those printed in the text first, where they stand, then those after the text. */
  sections: RenderedSection[];
  emendations: RenderedEmendation[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
export const countWords = (s: string): number => {
  let n = 0;
  for (const _ of s.matchAll(WORD)) n++;
  return n;
};

/** A line of output being built, and where its anchors and emendations are. */
class Builder {
  s = '';
  anchors: Paragraph['anchors'] = [];
  /** A line break in join mode after a hyphenated word: resolved by the next text. */
  private hyphenPending = false;
  constructor(private readonly join: boolean) {}

  append(text: string): void {
    let t = this.join ? text.replace(/\u00ad/g, '') : text;
    if (this.hyphenPending && t !== '') {
      this.hyphenPending = false;
      // "organi-⏎sation" → "organisation"; "non-⏎Party" keeps its hyphen.
      if (/^\p{Ll}/u.test(t)) this.s = this.s.slice(0, -1);
      t = t.replace(/^[ \t]+/, '');
    }
    this.s += t;
  }

  lineBreak(): void {
    if (this.join && /\p{L}-$/u.test(this.s)) this.hyphenPending = true;
    else this.s += '\n';
  }
}

interface Context {
  c: Conventions;
  notes: RenderedNote[];
  emendations: RenderedEmendation[];
  /** Where emendations are recorded: the paragraph index, the note index or the section index; undefined: not recorded. */
  where: { paragraph: number; note: number | null; section?: number } | undefined;
}

function flat(list: readonly Inline[], c: Conventions, text: Conventions['text']): string {
  const b = new Builder(c.hyphenation === 'join');
  inlines(list, b, { c: { ...c, text }, notes: [], emendations: [], where: undefined });
  return b.s;
}

function record(kind: EmendationKind, node: Inline & { pos: SourcePos }, b: Builder, start: number, ctx: Context, reading: string, diplomatic: string, resp?: string, id?: string): void {
  if (!ctx.where) return;
  ctx.emendations.push({ kind, resp: resp ?? null, id: id ?? null, note: ctx.where.note, section: ctx.where.section ?? null, paragraph: ctx.where.paragraph, start, end: b.s.length, reading, diplomatic, pos: node.pos });
}

function inlines(list: readonly Inline[], b: Builder, ctx: Context): void {
  for (const node of list) inline(node, b, ctx);
}

function inline(node: Inline, b: Builder, ctx: Context): void {
  const reading = ctx.c.text === 'reading';
  const start = b.s.length;
  const both = (r: readonly Inline[], d: readonly Inline[]): [string, string] => [flat(r, ctx.c, 'reading'), flat(d, ctx.c, 'diplomatic')];
  switch (node.kind) {
    case 'text':
      b.append(node.text);
      return;
    case 'hi':
    case 'link':
      inlines(node.children, b, ctx);
      return;
    case 'noteAnchor':
      b.anchors.push({ at: b.s.length, marker: node.marker, note: undefined, ...(node.target !== undefined && { target: node.target }) });
      return;
    case 'subst':
      inlines(reading ? node.add : node.del, b, ctx);
      record('subst', node, b, start, ctx, ...both(node.add, node.del), node.resp, node.id);
      return;
    case 'del':
      if (!reading) inlines(node.children, b, ctx);
      record('del', node, b, start, ctx, '', flat(node.children, ctx.c, 'diplomatic'), node.resp, node.id);
      return;
    case 'add':
    case 'supplied':
      if (reading) inlines(node.children, b, ctx);
      record(node.kind, node, b, start, ctx, flat(node.children, ctx.c, 'reading'), '', node.resp, node.kind === 'add' ? node.id : undefined);
      return;
    case 'gap': {
      const sign = reading ? ctx.c.gap : (node.printed ?? ctx.c.gap);
      b.append(sign);
      record('gap', node, b, start, ctx, ctx.c.gap, node.printed ?? ctx.c.gap, node.resp, node.id);
      return;
    }
    case 'unclear':
      inlines(node.children, b, ctx);
      record('unclear', node, b, start, ctx, ...both(node.children, node.children), node.resp, node.id);
      return;
    case 'choice':
      inlines(reading ? node.corr : node.sic, b, ctx);
      record('choice', node, b, start, ctx, ...both(node.corr, node.sic), node.resp, node.id);
      return;
    case 'sic':
      // A sic without a correction is the only reading there is: in both texts.
      inlines(node.children, b, ctx);
      record('sic', node, b, start, ctx, ...both(node.children, node.children), node.resp);
      return;
    case 'pb':
      if (ctx.c.pb === 'keep') b.append(`[p. ${node.n ?? ''}]`.replace(' ]', ']'));
      else if (ctx.c.hyphenation === 'join') b.lineBreak();
      return;
    case 'lb':
      b.lineBreak();
      return;
    case 'inlineNote': {
      const index = ctx.notes.length;
      ctx.notes.push({ n: String(index + 1), id: null, type: 'inline', label: '*', text: '', pos: node.pos, section: null, series: null, place: null, anchors: [] });
      const nb = new Builder(ctx.c.hyphenation === 'join');
      inlines(node.children, nb, { ...ctx, where: ctx.where ? { paragraph: 0, note: index } : undefined });
      const trimmed = trimText(nb.s, ctx.emendations, (e) => e.note === index, nb.anchors);
      ctx.notes[index]!.text = trimmed.text;
      ctx.notes[index]!.anchors = trimmed.anchors;
      b.anchors.push({ at: b.s.length, marker: '', note: index });
      return;
    }
  }
}

/** Inside an emendation its parts are not emendations of their own (a del inside a subst). */

// ---------------------------------------------------------------- blocks


/** A table row as one line of inlines, its cells apart by a tab. */
const rowLine = (row: Extract<Block, { kind: 'table' }>['rows'][number]): Inline[] =>
  row.cells.flatMap((cell, i) => (i === 0 ? cell.children : [{ kind: 'text', text: '\t', pos: cell.pos } as Inline, ...cell.children]));

/** The inline lists of a block in reading order: a paragraph, each item, each line; a quote's blocks in turn. */
function blockLists(block: Block): Inline[][] {
  switch (block.kind) {
    case 'p':
    case 'heading':
      return [block.children];
    case 'list':
      return block.items;
    case 'lines':
      return block.lines;
    case 'table':
      return block.rows.flatMap((r) => r.cells.map((c) => c.children));
    case 'figure':
      return block.head ? [block.head] : [];
    case 'quote':
      return block.blocks.flatMap(blockLists);
    case 'pb':
      return [[{ kind: 'pb', ...(block.n !== undefined && { n: block.n }), pos: block.pos }]];
  }
}

export function renderEdition(ed: Edition, c: Conventions): Rendered {
  const paragraphs: Paragraph[] = [];
  const notes: RenderedNote[] = [];
  const sections: RenderedSection[] = [];
  const emendations: RenderedEmendation[] = [];
  const join = c.hyphenation === 'join';

  /** One paragraph from inline content; a line group (`lines`) gives its lines, one per printed line. */
  const para = (kind: ParagraphKind, list: readonly Inline[], pos: SourcePos, lines: readonly (readonly Inline[])[] = [list]): void => {
    const b = new Builder(join);
    const ctx: Context = { c, notes, emendations, where: { paragraph: paragraphs.length, note: null } };
    lines.forEach((l, i) => {
      if (i > 0) b.s += '\n';
      inlines(l, b, ctx);
    });
    const { text: trimmed, shift } = trimmedWithMap(b.s);
    const here = (e: RenderedEmendation): boolean => e.note === null && e.section === null && e.paragraph === paragraphs.length;
    if (trimmed === '' && b.anchors.length === 0) {
      // Nothing to read: its emendations (a gap rendered as nothing) go with it.
      while (emendations.length > 0 && here(emendations[emendations.length - 1]!)) emendations.pop();
      return;
    }
    for (const e of emendations) if (here(e)) {
      e.start = shift(e.start);
      e.end = shift(e.end);
    }
    paragraphs.push({ kind, text: trimmed, pos, anchors: b.anchors.map((a) => ({ ...a, at: shift(a.at) })) });
  };

  const block = (bl: Block, kind: ParagraphKind): void => {
    switch (bl.kind) {
      case 'p':
        para(kind, bl.children, bl.pos);
        break;
      case 'heading':
        para(kind === 'p' ? 'heading' : kind, bl.children, bl.pos);
        break;
      case 'quote':
        blocks(bl.blocks, kind === 'p' ? 'quote' : kind);
        break;
      case 'list':
        for (const item of bl.items) para(kind === 'p' || kind === 'quote' ? 'item' : kind, item, item[0]?.pos ?? bl.pos);
        break;
      case 'lines':
        para(kind === 'p' || kind === 'quote' ? 'lines' : kind, [], bl.pos, bl.lines);
        break;
      case 'table':
        // A table's rows are its lines, its cells apart by a tab (what a spreadsheet reads back).
        para(kind === 'p' || kind === 'quote' ? 'lines' : kind, [], bl.pos, bl.rows.map(rowLine));
        break;
      case 'figure':
        // The caption the page prints is text; the image's description (alt) is not, and is left out as the page's copy leaves it.
        if (bl.head) para(kind, bl.head, bl.pos);
        break;
      case 'pb':
        if (c.pb === 'keep') para('pb', [{ kind: 'pb', ...(bl.n !== undefined && { n: bl.n }), pos: bl.pos }], bl.pos);
        break;
    }
  };
  const blocks = (list: readonly Block[], kind: ParagraphKind = 'p'): void => {
    for (const bl of list) block(bl, kind);
  };

  /**
   * Block content of a note or a notes section as one text: blocks (and the items and lines
   * of each) separated by `separator`; its anchors and emendations recorded at `where`.
   */
  const blockText = (list: readonly Block[], where: NonNullable<Context['where']>, separator: string): { text: string; anchors: RenderedAnchor[] } => {
    const b = new Builder(join);
    const ctx: Context = { c, notes, emendations, where };
    let firstBlock = true;
    for (const bl of list) {
      if (bl.kind === 'pb' && c.pb !== 'keep') continue;
      blockLists(bl).forEach((l, i) => {
        // Blocks apart by the separator; the items and lines of one block by a line break.
        if (!firstBlock) b.s += i === 0 ? separator : '\n';
        firstBlock = false;
        inlines(l, b, ctx);
      });
    }
    const inHere = where.section !== undefined ? (e: RenderedEmendation) => e.section === where.section : (e: RenderedEmendation) => e.note === where.note;
    return trimText(b.s, emendations, inHere, b.anchors);
  };

  // The notes sections in reading order: those printed in the text where they stand.
  const inText = ed.notes.filter((s) => s.inText === true).sort((a, b) => (isBefore(a.pos, b.pos) ? -1 : isBefore(b.pos, a.pos) ? 1 : 0));
  let nextInText = 0;
  const section = (s: NoteSection): void => {
    const index = sections.length;
    const heading = s.heading ? trimText(flat(s.heading, c, c.text), [], () => false, []).text : null;
    const rs: RenderedSection = { heading: heading === '' ? null : heading, series: s.series ?? null, text: '', anchors: [], inText: s.inText === true, before: paragraphs.length, notes: [], pos: s.pos };
    sections.push(rs);
    if (s.blocks && s.blocks.length > 0) Object.assign(rs, blockText(s.blocks, { paragraph: 0, note: null, section: index }, PARAGRAPH_BREAK));
    for (const n of s.notes) rs.notes.push(noteOf(n, index));
  };
  const noteOf = (n: Note, sectionIndex: number): number => {
    const index = notes.length;
    notes.push({ n: n.key, id: n.id ?? null, type: n.type, label: n.label, text: '', pos: n.pos, section: sectionIndex, series: n.series ?? null, place: n.place, anchors: [] });
    Object.assign(notes[index]!, blockText(n.blocks, { paragraph: 0, note: index }, '\n'));
    return index;
  };
  /** In-text sections that stand before `pos` (all that are left when `pos` is undefined). */
  const flushSections = (pos: SourcePos | undefined): void => {
    while (nextInText < inText.length && (pos === undefined || isBefore(inText[nextInText]!.pos, pos))) section(inText[nextInText++]!);
  };

  const body = ed.body;
  blocks(body.beforeHead ?? [], 'front');
  para('head', body.head, body.head[0]?.pos ?? { line: 1, column: 1 });
  if (body.subtitle) para('subtitle', body.subtitle, body.subtitle[0]?.pos ?? { line: 1, column: 1 });
  // The order the TEI writer keeps: a headnote printed above the opener stays above it; a salutation above the place-date line too.
  const opener = body.opener;
  const argumentFirst = body.argument.length > 0 && opener !== undefined && isBefore(body.argument[0]!.pos, opener.pos);
  if (argumentFirst) blocks(body.argument, 'argument');
  if (opener?.salute && opener.saluteFirst) para('salute', opener.salute, opener.pos);
  if (opener?.dateline) para('dateline', opener.dateline, opener.pos);
  if (opener?.salute && !opener.saluteFirst) para('salute', opener.salute, opener.pos);
  if (!argumentFirst) blocks(body.argument, 'argument');
  for (const bl of body.blocks) {
    flushSections(bl.pos);
    block(bl, 'p');
  }
  flushSections(undefined);
  const closer = body.closer;
  const datelineFirst = closer?.dateline?.[0] !== undefined && [closer.salute?.[0], closer.signed?.[0]].some((n) => n !== undefined && isBefore(closer.dateline![0]!.pos, n.pos));
  if (closer?.dateline && datelineFirst) para('dateline', closer.dateline, closer.pos);
  if (closer?.salute) para('salute', closer.salute, closer.pos);
  if (closer?.signed) para('signed', closer.signed, closer.pos);
  if (closer?.dateline && !datelineFirst) para('dateline', closer.dateline, closer.pos);
  // A letter's postscript, after the signature.
  blocks(body.postscript?.blocks ?? [], 'postscript');

  // The sections after the text, in their order; then publication lines.
  for (const s of ed.notes) if (s.inText !== true) section(s);
  for (const pub of body.publicationNotes) {
    const index = notes.length;
    notes.push({ n: String(index + 1), id: null, type: 'publication', label: '', text: '', pos: pub.pos, section: null, series: null, place: null, anchors: [] });
    Object.assign(notes[index]!, blockText([{ kind: 'p', children: pub.children, pos: pub.pos }], { paragraph: 0, note: index }, '\n'));
  }
  // Anchors get the index of their note.
  const noteIndex = new Map<string, number>();
  notes.forEach((n, i) => {
    if (n.id !== null && !noteIndex.has(n.id)) noteIndex.set(n.id, i);
  });
  const resolve = (list: RenderedAnchor[]): void => {
    for (const a of list) {
      if (a.note === undefined && a.target !== undefined) {
        const i = noteIndex.get(a.target.replace(/^#/, ''));
        if (i !== undefined) a.note = i;
      }
    }
  };
  // The information block: its lines' words (the header's, not the text's), with the anchors printed in them.
  const fields = ed.metadata.fields.map((f): RenderedField => {
    const b = new Builder(join);
    inlines(f.value, b, { c, notes: [], emendations: [], where: undefined });
    // Anchors of notes of the edition only (a note written inside an information line is not one of them).
    return { label: f.label, role: f.role, ...trimText(b.s, [], () => false, b.anchors.filter((a) => a.note === undefined)) };
  });
  for (const f of fields) resolve(f.anchors);
  for (const p of paragraphs) resolve(p.anchors);
  for (const n of notes) resolve(n.anchors);
  for (const s of sections) resolve(s.anchors);
  // Nested emendations (a gap inside an add) end first; list them by where they start: text, notes, sections.
  const at = (e: RenderedEmendation): [number, number, number] => (e.note !== null ? [1, e.note, e.start] : e.section !== null ? [2, e.section, e.start] : [0, e.paragraph, e.start]);
  emendations.sort((a, b) => {
    const [x, y] = [at(a), at(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return { fields, paragraphs, notes, sections, emendations };
}

/** Between two paragraphs of a notes section's own text. */
const PARAGRAPH_BREAK = '\n\n';

/**
 * A text trimmed (blanks at the end of each line, space at the start and the end), and a
 * map of offsets in the untrimmed text to offsets in the trimmed one.
 */
function trimmedWithMap(text: string): { text: string; shift: (at: number) => number } {
  // The removed ranges, in order: leading space, blanks before each line break, trailing space.
  const removed: Array<[number, number]> = [];
  const lead = /^\s+/.exec(text);
  if (lead) removed.push([0, lead[0].length]);
  for (const m of text.matchAll(/[ \t]+(?=\n)/g)) if (m.index >= (lead?.[0].length ?? 0)) removed.push([m.index, m.index + m[0].length]);
  const tail = /\s+$/.exec(text);
  if (tail && tail.index >= (lead?.[0].length ?? 0)) {
    while (removed.length > 0 && removed[removed.length - 1]![0] >= tail.index) removed.pop();
    removed.push([tail.index, text.length]);
  }
  if (removed.length === 0) return { text, shift: (at) => at };
  let out = '';
  let from = 0;
  for (const [a, b] of removed) {
    if (a < from) continue;
    out += text.slice(from, a);
    from = b;
  }
  out += text.slice(from);
  const shift = (at: number): number => {
    let gone = 0;
    for (const [a, b] of removed) {
      if (at <= a) break;
      gone += Math.min(at, b) - a;
    }
    return Math.min(Math.max(0, at - gone), out.length);
  };
  return { text: out, shift };
}

/** A text trimmed, the offsets of its emendations (those `inHere` picks) and anchors moved with it. */
function trimText(text: string, emendations: RenderedEmendation[], inHere: (e: RenderedEmendation) => boolean, anchors: readonly RenderedAnchor[]): { text: string; anchors: RenderedAnchor[] } {
  const { text: trimmed, shift } = trimmedWithMap(text);
  for (const e of emendations) if (inHere(e)) {
    e.start = shift(e.start);
    e.end = shift(e.end);
  }
  return { text: trimmed, anchors: anchors.map((a) => ({ ...a, at: shift(a.at) })) };
}

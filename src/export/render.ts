/**
 * An edition's text as plain text, per the conventions: paragraphs (with the TEI position
 * of each), the notes (with the offsets of their anchors), the emendations (with their
 * offsets and who made them), and the word count. Every derivative (txt, JSON Lines, the
 * corpus table) is made from this one rendering, so their texts and counts agree.
 */
import type { Block, Edition, Inline, Note, SourcePos } from '../model/edition.js';
import type { Conventions } from './conventions.js';

export type ParagraphKind = 'front' | 'head' | 'subtitle' | 'dateline' | 'salute' | 'argument' | 'p' | 'heading' | 'quote' | 'item' | 'lines' | 'pb' | 'signed';

export interface Paragraph {
  kind: ParagraphKind;
  text: string;
  pos: SourcePos;
  /** Anchors in `text` (UTF-16 offsets): a note's id, or the index of an inline note in `notes`. */
  anchors: Array<{ at: number; marker: string; note: number | undefined; target?: string }>;
}

export type EmendationKind = 'subst' | 'del' | 'add' | 'gap' | 'unclear' | 'supplied' | 'choice' | 'sic';

export interface RenderedEmendation {
  kind: EmendationKind;
  resp: string | null;
  id: string | null;
  /** Where: in the text (`null`), or in the note with this index in `notes`. */
  note: number | null;
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
}

export interface Rendered {
  paragraphs: Paragraph[];
  notes: RenderedNote[];
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
  /** Where emendations are recorded: the paragraph index, or the note index; undefined: not recorded. */
  where: { paragraph: number; note: number | null } | undefined;
}

function flat(list: readonly Inline[], c: Conventions, text: Conventions['text']): string {
  const b = new Builder(c.hyphenation === 'join');
  inlines(list, b, { c: { ...c, text }, notes: [], emendations: [], where: undefined });
  return b.s;
}

function record(kind: EmendationKind, node: Inline & { pos: SourcePos }, b: Builder, start: number, ctx: Context, reading: string, diplomatic: string, resp?: string, id?: string): void {
  if (!ctx.where) return;
  ctx.emendations.push({ kind, resp: resp ?? null, id: id ?? null, note: ctx.where.note, paragraph: ctx.where.paragraph, start, end: b.s.length, reading, diplomatic, pos: node.pos });
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
      ctx.notes.push({ n: String(index + 1), id: null, type: 'inline', label: '*', text: '', pos: node.pos });
      const nb = new Builder(ctx.c.hyphenation === 'join');
      inlines(node.children, nb, { ...ctx, where: ctx.where ? { paragraph: 0, note: index } : undefined });
      ctx.notes[index]!.text = nb.s.trim();
      b.anchors.push({ at: b.s.length, marker: '', note: index });
      return;
    }
  }
}

/** Inside an emendation its parts are not emendations of their own (a del inside a subst). */

// ---------------------------------------------------------------- blocks

export function renderEdition(ed: Edition, c: Conventions): Rendered {
  const paragraphs: Paragraph[] = [];
  const notes: RenderedNote[] = [];
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
    const text = b.s.replace(/[ \t]+$/gm, '');
    const lead = text.length - text.replace(/^\s+/, '').length;
    const trimmed = text.trim();
    if (trimmed === '' && b.anchors.length === 0) {
      // Nothing to read: its emendations (a gap rendered as nothing) go with it.
      while (emendations.length > 0 && emendations[emendations.length - 1]!.paragraph === paragraphs.length && emendations[emendations.length - 1]!.note === null) emendations.pop();
      return;
    }
    const shift = (at: number) => Math.min(Math.max(0, at - lead), trimmed.length);
    for (const e of emendations) if (e.note === null && e.paragraph === paragraphs.length) {
      e.start = shift(e.start);
      e.end = shift(e.end);
    }
    paragraphs.push({ kind, text: trimmed, pos, anchors: b.anchors.map((a) => ({ ...a, at: shift(a.at) })) });
  };

  const blocks = (list: readonly Block[], kind: ParagraphKind = 'p'): void => {
    for (const block of list) {
      switch (block.kind) {
        case 'p':
          para(kind, block.children, block.pos);
          break;
        case 'heading':
          para(kind === 'p' ? 'heading' : kind, block.children, block.pos);
          break;
        case 'quote':
          blocks(block.blocks, 'quote');
          break;
        case 'list':
          for (const item of block.items) para('item', item, item[0]?.pos ?? block.pos);
          break;
        case 'lines':
          para('lines', [], block.pos, block.lines);
          break;
        case 'pb':
          if (c.pb === 'keep') para('pb', [{ kind: 'pb', ...(block.n !== undefined && { n: block.n }), pos: block.pos }], block.pos);
          break;
      }
    }
  };

  const body = ed.body;
  blocks(body.beforeHead ?? [], 'front');
  para('head', body.head, body.head[0]?.pos ?? { line: 1, column: 1 });
  if (body.subtitle) para('subtitle', body.subtitle, body.subtitle[0]?.pos ?? { line: 1, column: 1 });
  if (body.opener?.dateline) para('dateline', body.opener.dateline, body.opener.pos);
  if (body.opener?.salute) para('salute', body.opener.salute, body.opener.pos);
  blocks(body.argument, 'argument');
  blocks(body.blocks);
  if (body.closer?.salute) para('salute', body.closer.salute, body.closer.pos);
  if (body.closer?.signed) para('signed', body.closer.signed, body.closer.pos);
  if (body.closer?.dateline) para('dateline', body.closer.dateline, body.closer.pos);
  // A letter's postscript, after the signature.
  blocks(body.postscript?.blocks ?? []);

  // The notes of the edition: endnotes in their order, then publication lines.
  const noteIndex = new Map<string, number>();
  const noteText = (n: Note, index: number): string => {
    const b = new Builder(join);
    const ctx: Context = { c, notes, emendations, where: { paragraph: 0, note: index } };
    n.blocks.forEach((block, i) => {
      if (i > 0) b.s += '\n';
      const lists: Inline[][] = block.kind === 'p' || block.kind === 'heading' ? [block.children] : block.kind === 'list' ? block.items : block.kind === 'lines' ? block.lines : block.kind === 'quote' ? block.blocks.flatMap((q) => (q.kind === 'p' ? [q.children] : [])) : [];
      lists.forEach((l, j) => {
        if (j > 0) b.s += '\n';
        inlines(l, b, ctx);
      });
    });
    return b.s;
  };
  for (const section of ed.notes) {
    for (const n of section.notes) {
      const index = notes.length;
      notes.push({ n: n.key, id: n.id ?? null, type: n.type, label: n.label, text: '', pos: n.pos });
      if (n.id !== undefined) noteIndex.set(n.id, index);
      notes[index]!.text = trimNote(noteText(n, index), emendations, index);
    }
  }
  for (const pub of body.publicationNotes) {
    const index = notes.length;
    notes.push({ n: String(index + 1), id: null, type: 'publication', label: '', text: '', pos: pub.pos });
    const b = new Builder(join);
    inlines(pub.children, b, { c, notes, emendations, where: { paragraph: 0, note: index } });
    notes[index]!.text = trimNote(b.s, emendations, index);
  }
  // Anchors get the index of their note.
  for (const p of paragraphs) {
    for (const a of p.anchors) {
      if (a.note === undefined && a.target !== undefined) {
        const i = noteIndex.get(a.target.replace(/^#/, ''));
        if (i !== undefined) a.note = i;
      }
    }
  }
  // Nested emendations (a gap inside an add) end first; list them by where they start.
  const at = (e: RenderedEmendation): [number, number, number] => (e.note === null ? [0, e.paragraph, e.start] : [1, e.note, e.start]);
  emendations.sort((a, b) => {
    const [x, y] = [at(a), at(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return { paragraphs, notes, emendations };
}

/** A note's text trimmed, its emendations' offsets moved with it. */
function trimNote(text: string, emendations: RenderedEmendation[], index: number): string {
  const cleaned = text.replace(/[ \t]+$/gm, '');
  const lead = cleaned.length - cleaned.replace(/^\s+/, '').length;
  const trimmed = cleaned.trim();
  for (const e of emendations) if (e.note === index) {
    e.start = Math.min(Math.max(0, e.start - lead), trimmed.length);
    e.end = Math.min(Math.max(0, e.end - lead), trimmed.length);
  }
  return trimmed;
}

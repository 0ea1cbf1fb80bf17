/**
 * Phrase-level HTML → model inlines: emphasis, links, note anchors in every MIA style,
 * editorial spans, deletions, page markers. White space is squashed as a browser would
 * (the no-break space is content and stays).
 */
import type { Inline, InlineOf, SourcePos } from '../../model/edition.js';
import { attr, classes, isElement, isText, posOf, squashedText, squashHtml, textStartPos, type Element, type Node } from './dom.js';

/** What the inline pass learns about anchors, for pairing them with their notes later. */
export interface AnchorInfo {
  node: InlineOf<'noteAnchor'>;
  /** The fragment the anchor links to (`n1` for `href="#n1"`). */
  href?: string;
  /** The anchor's own `name`/`id`, which a note may link back to. */
  name?: string;
}

export interface InlineContext {
  anchors: AnchorInfo[];
  /** Names of the LIA page anchors already read as page breaks (see `collectItems`). */
  pagesSeen: Set<string>;
  /** Records dropped furniture (and reports it). */
  drop(text: string, reason: string, pos: SourcePos): void;
  /** Reports an image inside a line of text, which the model has no inline place for. */
  image?(img: Element): void;
}

export { isMarker, markerKey } from '../../layout/note-pairing.js';
import { isMarker, markerKey } from '../../layout/note-pairing.js';

/** LIA page anchors (`v19pp77:29`): volume file and page number of the printed edition. */
const LIA_PAGE = /^v\d+pp\d+[a-z]?:(\d+)$/;
export function liaPageNumber(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const m = LIA_PAGE.exec(name);
  return m ? String(Number(m[1])) : undefined;
}

/** `|p. 21|`, the MIA marker of a page break in the printed source. */
const PAGE_MARK = /\|\s*p\.\s*(\d+[a-z]?)\s*\|/g;

const EDITORIAL_SPAN = new Set(['ednote', 'context', 'updat', 'inote']);
const INITIAL_SPAN = new Set(['cap', 'dropcap', 'drop-cap', 'initial']);
const MARGINAL_SPAN = new Set(['margin', 'marginal', 'marginalia', 'marginnote']);
/** An omission the editor marked: `[....]`, `[ ....]`, `...`. */
const OMISSION = /^\[?\s*(?:\.\s*){3,}\]?$/;

function fragment(href: string | undefined): string | undefined {
  return href?.startsWith('#') ? href.slice(1) : undefined;
}

function textInlines(t: { value: string }, pos: SourcePos): Inline[] {
  const value = squashHtml(t.value);
  if (!value.includes('|')) return [{ kind: 'text', text: value, pos }];
  const out: Inline[] = [];
  let last = 0;
  for (const m of value.matchAll(PAGE_MARK)) {
    if (m.index > last) out.push({ kind: 'text', text: value.slice(last, m.index), pos });
    out.push({ kind: 'pb', n: m[1]!, pos });
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ kind: 'text', text: value.slice(last), pos });
  return out;
}

const significant = (list: Inline[]): Inline[] => list.filter((n) => !(n.kind === 'text' && n.text.trim() === ''));

/** A wrapper (`sup`, `span.enote`, `strong`) around nothing but a note anchor is the anchor. */
function soleAnchor(list: Inline[]): Inline | undefined {
  const sig = significant(list);
  return sig.length === 1 && sig[0]!.kind === 'noteAnchor' ? sig[0] : undefined;
}

function isReadmeLink(el: Element): boolean {
  return /readme\.html?$/i.test(attr(el, 'href') ?? '') && /^readme$/i.test(squashedText(el));
}

function anchorElement(el: Element, pos: SourcePos, ctx: InlineContext): Inline[] {
  const href = attr(el, 'href');
  const name = attr(el, 'name') ?? attr(el, 'id');
  const label = squashedText(el);
  const target = fragment(href);
  if (target !== undefined && target !== 'top' && isMarker(label)) {
    const node: InlineOf<'noteAnchor'> = { kind: 'noteAnchor', marker: label, key: markerKey(label), pos };
    const info: AnchorInfo = { node, href: target };
    if (name) info.name = name;
    ctx.anchors.push(info);
    return [node];
  }
  const page = href === undefined ? liaPageNumber(name) : undefined;
  const children = inlinesOf(el.childNodes, ctx, pos);
  if (page !== undefined) {
    // The parser's copy of a page anchor re-opened inside the next paragraph is the same break.
    if (ctx.pagesSeen.has(name!)) return children;
    ctx.pagesSeen.add(name!);
    return [{ kind: 'pb', n: page, pos }, ...children];
  }
  if (isReadmeLink(el)) {
    ctx.drop(label, 'README link of the licence line', pos);
    return [];
  }
  if (href && target === undefined && !/^(javascript|mailto):/i.test(href)) return [{ kind: 'link', href, children, pos }];
  return children;
}

function spanElement(el: Element, pos: SourcePos, ctx: InlineContext): Inline[] {
  const cls = classes(el);
  const children = inlinesOf(el.childNodes, ctx, pos);
  const anchor = soleAnchor(children);
  if (anchor) return [anchor];
  if (cls.some((c) => MARGINAL_SPAN.has(c))) return [{ kind: 'inlineNote', place: 'margin', type: 'editorial', children, pos }];
  if (cls.some((c) => EDITORIAL_SPAN.has(c))) {
    const printed = squashedText(el);
    if (OMISSION.test(printed)) return [{ kind: 'gap', reason: 'omitted', printed, pos }];
    if (printed === '') return children;
    return [{ kind: 'inlineNote', place: 'inline', type: 'editorial', children, pos }];
  }
  if (cls.includes('supplied')) return [{ kind: 'supplied', children, pos }];
  // A drop capital (`<span class="cap">T</span>he`): kept as a rendition of the first letter, not dissolved.
  if (cls.some((c) => INITIAL_SPAN.has(c)) && significant(children).length > 0) return [{ kind: 'hi', rend: 'initial', children, pos }];
  if (/line-through/i.test(attr(el, 'style') ?? '')) return [{ kind: 'del', children, pos }];
  return children;
}

function hi(rend: InlineOf<'hi'>['rend'], el: Element, pos: SourcePos, ctx: InlineContext): Inline[] {
  const children = inlinesOf(el.childNodes, ctx, pos);
  const anchor = soleAnchor(children);
  if (anchor) return [anchor];
  if (significant(children).length === 0) return children;
  return [{ kind: 'hi', rend, children, pos }];
}

function elementInlines(el: Element, ctx: InlineContext): Inline[] {
  const pos = posOf(el);
  switch (el.tagName) {
    case 'em':
    case 'i':
    case 'cite':
    case 'var':
    case 'dfn':
      return hi('italic', el, pos, ctx);
    case 'b':
    case 'strong':
      return hi('bold', el, pos, ctx);
    case 'u':
      return hi('underline', el, pos, ctx);
    case 'sup':
      return hi('superscript', el, pos, ctx);
    case 'br':
      return [{ kind: 'lb', pos }];
    case 'a':
      return anchorElement(el, pos, ctx);
    case 'span':
    case 'font':
      return spanElement(el, pos, ctx);
    case 'del':
    case 's':
    case 'strike':
      return [{ kind: 'del', children: inlinesOf(el.childNodes, ctx, pos), pos }];
    case 'ins':
      return [{ kind: 'add', place: 'inline', children: inlinesOf(el.childNodes, ctx, pos), pos }];
    case 'img':
      ctx.image?.(el);
      return [];
    case 'script':
    case 'style':
      return [];
    default:
      return inlinesOf(el.childNodes, ctx, pos);
  }
}

/** Converts child nodes; white space is squashed later, over the whole block (see `tidy`). */
export function inlinesOf(nodes: readonly Node[], ctx: InlineContext, parentPos: SourcePos): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (isText(n)) out.push(...textInlines(n, textStartPos(n, parentPos)));
    else if (isElement(n)) out.push(...elementInlines(n, ctx));
  }
  return out;
}

/**
 * HTML white-space rules over a block's inline tree: one space between words across
 * element boundaries, none at the start, the end or after a line break; empty text removed.
 */
export function tidy(list: Inline[]): Inline[] {
  const state = { space: true };
  const walk = (nodes: Inline[]): Inline[] => {
    const out: Inline[] = [];
    for (const n of nodes) {
      if (n.kind === 'text') {
        let t = n.text;
        if (state.space) t = t.replace(/^ +/, '');
        if (t === '') continue;
        state.space = t.endsWith(' ');
        out.push({ ...n, text: t });
      } else if (n.kind === 'lb') {
        trimEnd(out);
        out.push(n);
        state.space = true;
      } else if ('children' in n) {
        out.push({ ...n, children: walk(n.children) } as Inline);
      } else {
        out.push(n);
        // A note anchor prints its marker: the space after it ("struck [3] in") separates words.
        if (n.kind === 'noteAnchor') state.space = false;
      }
    }
    return out;
  };
  const result = walk(list);
  trimEnd(result);
  // Line breaks at the edges of a block carry nothing.
  while (result[0]?.kind === 'lb') result.shift();
  while (result.at(-1)?.kind === 'lb') result.pop();
  return result;
}

/** Drops trailing spaces at the end of an inline list, descending into its last element. */
function trimEnd(list: Inline[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const n = list[i]!;
    if (n.kind === 'text') {
      const t = n.text.replace(/ +$/, '');
      if (t === '') {
        list.splice(i, 1);
        continue;
      }
      list[i] = { ...n, text: t };
      return;
    }
    if ('children' in n && n.kind !== 'inlineNote') {
      trimEnd(n.children);
      if (n.children.length === 0 && n.kind === 'hi') {
        list.splice(i, 1);
        continue;
      }
      return;
    }
    return;
  }
}

/**
 * Flattens the `<body>` into a sequence of block-level items. MIA pages nest their text in
 * `div`s, `center`s and, after HTML5 error recovery of `<a name='…' />`, even inside `a`
 * elements; the reader wants the paragraphs and headings in order, whatever wraps them.
 */
import type { SourcePos } from '../../model/edition.js';
import { attr, classes, findAll, isElement, isText, posOf, squashHtml, textContent, type Element, type Node } from './dom.js';
import { liaPageNumber } from './inlines.js';

export type Item =
  | { kind: 'block'; el: Element; pos: SourcePos }
  /** A run of phrase content sitting directly in the body or a div, outside any paragraph. */
  | { kind: 'loose'; nodes: Node[]; pos: SourcePos }
  | { kind: 'rule'; cls: string[]; pos: SourcePos }
  | { kind: 'pb'; n: string; pos: SourcePos }
  /** An empty `<a name="…">` between blocks: a target notes and anchors link to. */
  | { kind: 'target'; name: string; pos: SourcePos }
  /**
   * An image standing as a block of the page (in the body, a `div`, a table's cell), with
   * the caption printed beside it in the same frame table (`FIGURE_CAPTION`), if any.
   */
  | { kind: 'figure'; img: Element; caption?: Element; pos: SourcePos };

import { FOOTER_INNER_CLASSES, FURNITURE_TAGS } from '../../layout/furniture.js';

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'pre', 'address']);
const CONTAINER = new Set(['div', 'center', 'section', 'article', 'main', 'body', 'form', 'span', 'font', 'a', 'b', 'i', 'em', 'strong', 'small', 'big']);
const SKIP = new Set(['script', 'style', 'noscript', 'map', 'iframe', 'object']);

/**
 * An element HTML does not know: a misspelt tag (`<hr="end">` parses as an element named
 * `hr="end"`, not a rule, and holds the rest of the page) or an invented one. A browser
 * still sets the blocks inside it on lines of their own, so it is read as a container.
 */
const KNOWN_PHRASE = /^(?:abbr|acronym|b|bdi|bdo|big|br|cite|code|data|del|dfn|em|font|i|ins|kbd|label|mark|nobr|q|rp|rt|ruby|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr|a|img|li|dd|dt|td|th|tr|tbody|thead|tfoot|caption|option|select|textarea|button|input|svg|math)$/;
const isUnknown = (tag: string): boolean => !KNOWN_PHRASE.test(tag) && !BLOCK.has(tag) && !CONTAINER.has(tag) && !SKIP.has(tag) && !/^(?:hr|div|header|footer|nav|aside|figure|figcaption|hgroup|details|summary|dir|menu)$/.test(tag);
const isContainer = (tag: string): boolean => CONTAINER.has(tag) || isUnknown(tag);

function containsBlock(el: Element): boolean {
  for (const c of el.childNodes) {
    if (!isElement(c)) continue;
    if (BLOCK.has(c.tagName) || c.tagName === 'hr' || c.tagName === 'div') return true;
    if (isContainer(c.tagName) && containsBlock(c)) return true;
  }
  return false;
}

/**
 * A layout table: one that holds a title-level heading (h1–h3: the page's title set in a
 * centred cell), and not the template's footer (that table is furniture as a whole:
 * `layout/furniture.ts`). A table with only minor headings (h4–h6) is kept whole: a
 * reproduced poster or handbill is not a section of the text.
 */
const isLayoutTable = (table: Element): boolean =>
  findAll(table, (e) => /^h[1-3]$/.test(e.tagName)).length > 0 && findAll(table, (e) => classes(e).some((c) => FOOTER_INNER_CLASSES.has(c))).length === 0;

/** A link to another page (not a note anchor or a target on this page): navigation, not a frame's words. */
const linksAway = (el: Element): boolean => findAll(el, (e) => e.tagName === 'a' && (attr(e, 'href') ?? '#').trim().charAt(0) !== '#' && attr(e, 'href') !== undefined).length > 0;

/** The rows of a table and the cells of each (not those of a table nested in a cell). */
export function tableRows(table: Element): Element[][] {
  const rows: Element[][] = [];
  const walk = (el: Element): void => {
    for (const c of el.childNodes) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') rows.push(c.childNodes.filter(isElement).filter((x) => x.tagName === 'td' || x.tagName === 'th'));
      else if (c.tagName === 'tbody' || c.tagName === 'thead' || c.tagName === 'tfoot') walk(c);
    }
  };
  walk(table);
  return rows.filter((r) => r.length > 0);
}

/**
 * A frame table: one that only sets its content apart on the page, not a grid of data: one
 * cell (a boxed headnote), one row (a signature beside its place and date), or one column
 * (figures over their captions). Its content is read as ordinary blocks. A table with links
 * to other pages is left whole (a row of navigation buttons is furniture as a whole).
 */
export function isFrameTable(table: Element): boolean {
  const rows = tableRows(table);
  // A heading in a cell (a handbill, a poster reproduced in a box) would open a section of the text: the table stays whole.
  if (rows.length === 0 || linksAway(table) || findAll(table, (e) => /^h[1-6]$/.test(e.tagName)).length > 0) return false;
  if (rows.every((r) => r.length === 1)) return true;
  // One row of several cells is a frame when its cells hold paragraphs or images (a date beside a signature), not bare data ("1917 | Petrograd").
  return rows.length === 1 && rows[0]!.every((cell) => textContent(cell).replace(/[\s\u00a0]+/g, '') === '' || findAll(cell, (e) => /^(?:p|div|img)$/.test(e.tagName)).length > 0);
}

/** An element holding nothing but one image (a `center`, a `span` around it), no words: the image. */
function soleImage(el: Element): Element | undefined {
  if (el.tagName === 'img') return el;
  if (textContent(el).replace(/[\s\u00a0]+/g, '') !== '' || (el.tagName === 'a' && attr(el, 'href') !== undefined)) return undefined;
  const imgs = findAll(el, (e) => e.tagName === 'img');
  return imgs.length === 1 && findAll(el, (e) => e.tagName === 'a' && attr(e, 'href') !== undefined).length === 0 ? imgs[0] : undefined;
}

/**
 * A figure's caption as printed: "Figure 1: …", "Fig. 2", "Diagram 12", "Table V", "Chart 3",
 * "Map 1", "Plate IV", "Illustration 2" — a label and its number opening a short paragraph.
 */
export const FIGURE_CAPTION = /^(?:fig(?:ure)?\.?|diagram|chart|graph|table|map|plate|illustration|photo(?:graph)?)\s*(?:\d+[a-z]?|[IVXLC]+)\b/i;
const CAPTION_MAX = 400;

function isCaption(it: Item | undefined): it is Extract<Item, { kind: 'block' }> {
  if (it?.kind !== 'block' || !/^(?:p|div|h[3-6])$/.test(it.el.tagName)) return false;
  const t = squashHtml(textContent(it.el)).replace(/\u00a0/g, ' ').trim();
  return t.length <= CAPTION_MAX && FIGURE_CAPTION.test(t);
}

/**
 * The captions of the figures a frame table holds, from its items (`from` on): the
 * paragraph right before an image, else the one right after it, when it opens as a caption.
 */
function attachCaptions(items: Item[], from: number): void {
  for (let i = from; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind !== 'figure' || it.caption) continue;
    const before = i > from ? items[i - 1] : undefined;
    const after = items[i + 1];
    if (isCaption(before)) {
      items[i] = { ...it, caption: before.el, pos: before.pos };
      items.splice(i - 1, 1);
      i--;
    } else if (isCaption(after)) {
      items[i] = { ...it, caption: after.el };
      items.splice(i + 1, 1);
    }
  }
}

function isBlank(n: Node): boolean {
  return isText(n) && n.value.trim() === '';
}

/**
 * `pagesSeen` holds the names of the LIA page anchors already read as page breaks: HTML5
 * parsing wraps what follows `<a name='v19pp77:29' />` in that `a` and re-opens a copy of it
 * inside the next paragraph, and the copy is the same page break, not another one.
 */
export function collectItems(root: Element, pagesSeen: Set<string> = new Set()): Item[] {
  const items: Item[] = [];
  let loose: Node[] = [];
  const flush = () => {
    if (loose.some((n) => textContent(n).replace(/\u00a0/g, ' ').trim() !== '')) items.push({ kind: 'loose', nodes: loose, pos: posOf(loose.find((n) => !isBlank(n))!) });
    loose = [];
  };
  const visit = (parent: Element) => {
    for (const c of parent.childNodes) {
      if (isText(c)) {
        loose.push(c);
        continue;
      }
      if (!isElement(c) || SKIP.has(c.tagName)) continue;
      const pos = posOf(c);
      if (c.tagName === 'hr') {
        flush();
        items.push({ kind: 'rule', cls: classes(c), pos });
      } else if (c.tagName === 'a' && attr(c, 'href') === undefined && (attr(c, 'name') ?? attr(c, 'id'))) {
        // A named anchor between blocks: a page break of the printed edition or a link target.
        flush();
        const name = (attr(c, 'name') ?? attr(c, 'id'))!;
        const page = liaPageNumber(name);
        if (page === undefined) items.push({ kind: 'target', name, pos });
        else if (!pagesSeen.has(name)) {
          pagesSeen.add(name);
          items.push({ kind: 'pb', n: page, pos });
        }
        visit(c);
      } else if (c.tagName === 'blockquote' && findAll(c, (e) => /^h[1-6]$|^hr$/.test(e.tagName)).length > 0) {
        // A page set wholly inside <blockquote> (a frame, not a quotation): read what it holds.
        flush();
        visit(c);
      } else if (c.tagName === 'table' && isLayoutTable(c)) {
        // A table that sets out the page (its title and text in cells), not a table of data.
        flush();
        visitCells(c);
      } else if (c.tagName === 'table' && isFrameTable(c)) {
        flush();
        const from = items.length;
        visitCells(c);
        attachCaptions(items, from);
      } else if (c.tagName === 'img' || (!BLOCK.has(c.tagName) && !FURNITURE_TAGS.has(c.tagName) && soleImage(c) !== undefined)) {
        flush();
        items.push({ kind: 'figure', img: soleImage(c)!, pos });
      } else if (BLOCK.has(c.tagName) || FURNITURE_TAGS.has(c.tagName)) {
        // A <footer> or <nav> is one block, dropped whole as navigation by the reader.
        flush();
        items.push({ kind: 'block', el: c, pos });
      } else if (c.tagName === 'div' || (isContainer(c.tagName) && containsBlock(c))) {
        flush();
        if (c.tagName === 'div' && !containsBlock(c) && c.childNodes.some((n) => !isBlank(n))) {
          items.push({ kind: 'block', el: c, pos });
        } else {
          visit(c);
        }
      } else {
        loose.push(c);
      }
    }
  };
  const visitCells = (el: Element): void => {
    for (const c of el.childNodes) {
      if (!isElement(c)) continue;
      if (c.tagName === 'td' || c.tagName === 'th') {
        visit(c);
        flush();
      } else if (c.tagName === 'tbody' || c.tagName === 'thead' || c.tagName === 'tfoot' || c.tagName === 'tr') visitCells(c);
    }
  };
  visit(root);
  flush();
  return items;
}

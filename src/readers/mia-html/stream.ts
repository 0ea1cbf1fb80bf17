/**
 * The HTML page as the layout engine's block stream (`layout/blocks.ts`): one block per
 * item of `items.ts`, in the same order (the reader keeps the elements beside it to build
 * each block's inlines), each with what the markup shows: its kind (paragraph, heading,
 * rule, quotation, list, table, pre, a `mark` for a link target or page break), heading
 * level, class names, alignment, whole-block emphasis, a line of nothing but links, a
 * leading `span.info` label, the classes inside a layout table. No zone is decided here.
 */
import type { BlockKind, BlockHints, StreamBlock } from '../../layout/blocks.js';
import { FURNITURE_TAGS } from '../../layout/furniture.js';
import { attr, classes, findAll, isElement, isText, squashedText, squashHtml, textContent, type Element, type Node } from './dom.js';
import { isMarker } from '../../layout/note-pairing.js';
import { labelLineAt } from '../../layout/info.js';
import type { Item } from './items.js';

const KIND: Readonly<Record<string, BlockKind>> = {
  blockquote: 'quote',
  ul: 'list',
  ol: 'list',
  dl: 'lines',
  table: 'table',
  pre: 'pre',
};

const HEADING = /^h([1-6])$/;

/** Text all of which sits inside links (a navigation line), ignoring separators like `|`. */
function onlyLinks(el: Element): boolean {
  let outside = '';
  const walk = (n: Node): void => {
    if (isText(n)) outside += n.value;
    else if (isElement(n) && n.tagName !== 'a') n.childNodes.forEach(walk);
  };
  el.childNodes.forEach(walk);
  return outside.replace(/[\s\u00a0|•·<>&;:,.\-–—]+/g, '') === '' && findAll(el, (e) => e.tagName === 'a' && attr(e, 'href') !== undefined).length > 0;
}

/** The element's children that are not white space. */
const wordChildren = (el: Element): Node[] => el.childNodes.filter((n) => !(isText(n) && n.value.trim() === ''));

/** `p.information` opening with `span.info` "Source:" (not a note number such as "1."). */
function opensWithLabel(el: Element): boolean {
  const first = wordChildren(el)[0];
  if (first === undefined || !isElement(first)) return false;
  const t = squashedText(first);
  // `<strong>Written:</strong>` as the label, as the field reader (`metadata.ts`) reads it.
  if (['strong', 'b'].includes(first.tagName)) return /^\p{Lu}[\p{L} &/\\'-]{1,40}:\s*$/u.test(t);
  if (!classes(first).includes('info')) return false;
  return t !== '' && !isMarker(t);
}

/** The whole block set in one `i`/`em` or `b`/`strong`. */
function emphasisOf(el: Element): BlockHints['emphasis'] {
  const kids = wordChildren(el);
  const only = kids.length === 1 ? kids[0] : undefined;
  if (only === undefined || !isElement(only)) return undefined;
  if (only.tagName === 'i' || only.tagName === 'em') return 'italic';
  if (only.tagName === 'b' || only.tagName === 'strong') return 'bold';
  // `<span style="font-weight: bold;">Notes</span>`: emphasis set by the style attribute (pages made with an HTML editor).
  const style = only.tagName === 'span' ? (attr(only, 'style') ?? '').toLowerCase() : '';
  if (/font-weight\s*:\s*(?:bold|[6-9]00)\b/.test(style)) return 'bold';
  if (/font-style\s*:\s*italic\b/.test(style)) return 'italic';
  return undefined;
}

function alignOf(el: Element): BlockHints['align'] {
  const a = (attr(el, 'align') ?? /text-align\s*:\s*(\w+)/i.exec(attr(el, 'style') ?? '')?.[1] ?? '').toLowerCase();
  return a === 'center' || a === 'right' ? a : undefined;
}

function blockHints(el: Element): BlockHints {
  const hints: BlockHints = {};
  const cls = classes(el);
  if (cls.length > 0) hints.classes = cls;
  const level = HEADING.exec(el.tagName);
  if (level) hints.level = Number(level[1]);
  const align = alignOf(el);
  if (align) hints.align = align;
  const emphasis = emphasisOf(el);
  if (emphasis) hints.emphasis = emphasis;
  if (el.tagName === 'blockquote' || cls.some((c) => c === 'indentb' || c === 'quote' || c === 'quoteb')) hints.quoted = true;
  // A label as plain text ("First Published: in …") counts when the label is a known one.
  if (cls.includes('information') && (opensWithLabel(el) || labelLineAt(squashedText(el))?.known === true)) hints.labelled = true;
  if (FURNITURE_TAGS.has(el.tagName)) hints.element = el.tagName;
  if (el.tagName === 'table') hints.innerClasses = [...new Set(findAll(el, (e) => classes(e).length > 0).flatMap(classes))];
  // Finding the links walks the block: done only when a rule asks (furniture rules ask last).
  let links: boolean | undefined;
  Object.defineProperty(hints, 'linksOnly', { enumerable: true, get: () => (links ??= onlyLinks(el)) });
  return hints;
}

/** The stream block of one item; its line is the element's words, white space squashed. */
function streamBlock(it: Item): StreamBlock {
  const at = { line: it.pos.line, column: it.pos.column };
  switch (it.kind) {
    case 'block': {
      const el = it.el;
      const kind: BlockKind = HEADING.test(el.tagName) ? 'heading' : (KIND[el.tagName] ?? 'para');
      return { kind, lines: [{ text: squashedText(el), ...at }], gapBefore: 0, hints: blockHints(el) };
    }
    case 'loose': {
      // Words straight in the body; when one element holds them, its classes (a `span.title` over the heading).
      const words = it.nodes.filter((n) => !isText(n) || n.value.trim() !== '');
      const only = words.length === 1 && isElement(words[0]!) ? classes(words[0]) : [];
      return { kind: 'para', lines: [{ text: squashHtml(it.nodes.map(textContent).join('')), ...at }], gapBefore: 0, hints: { loose: true, ...(only.length > 0 ? { classes: only } : {}) } };
    }
    case 'rule':
      return { kind: 'rule', lines: [{ text: '', ...at }], gapBefore: 0, hints: it.cls.length > 0 ? { classes: it.cls } : {} };
    case 'target':
      return { kind: 'mark', lines: [{ text: '', ...at }], gapBefore: 0, hints: { target: it.name } };
    case 'pb':
      return { kind: 'mark', lines: [{ text: '', ...at }], gapBefore: 0, hints: { page: it.n } };
    case 'figure':
      // An image: no words of the page's text (its caption, if any, is read with it), a point between blocks.
      return { kind: 'mark', lines: [{ text: '', ...at }], gapBefore: 0, hints: {} };
  }
}

/** The items of a page as the engine's stream, index for index. */
export const htmlStream = (items: readonly Item[]): StreamBlock[] => items.map(streamBlock);

/**
 * Small helpers over the parse5 tree: tag names, classes, attributes, text content and
 * source positions. The reader never looks at tags with regular expressions; it walks
 * the tree parse5 builds (HTML5 error recovery included, so the 1999 uppercase pages and
 * the 2004 XHTML pages come out as the same tree).
 */
import type { DefaultTreeAdapterMap, ParserError, defaultTreeAdapter } from 'parse5';
import type { Diagnostics } from '../../diagnostics.js';
import type { SourcePos } from '../../model/edition.js';
import { LimitExceeded, tooManyElements, type Limits } from '../../model/limits.js';
import { SourceText } from '../../model/source-text.js';
import { parse5 } from './parse5.js';

export type Node = DefaultTreeAdapterMap['childNode'];
export type Element = DefaultTreeAdapterMap['element'];
export type TextNode = DefaultTreeAdapterMap['textNode'];
export type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** A parse5 location's places, as offsets and as line:col. */
interface Located {
  startLine: number;
  startCol: number;
  startOffset: number;
  endLine?: number;
  endCol?: number;
  endOffset?: number;
}

/**
 * parse5 8 counts a line end twice when it follows a bare `&` (`<td>&⏎</td>`): every line
 * after it was one too many (a diagnostic on line 11 of a page of 10 lines), while its offsets
 * stay right. Where the text has such a `&`, each location's line:col is made from its
 * offsets (its attributes' and tags' too). Other texts are left to parse5's counting.
 */
export function linesFromOffsets<A extends typeof defaultTreeAdapter>(adapter: A, text: string): A {
  if (!text.includes('&\n')) return adapter;
  const source = new SourceText(text);
  const fix = (loc: Located | null | undefined): void => {
    if (!loc || typeof loc.startOffset !== 'number') return;
    const start = source.posOf(loc.startOffset);
    loc.startLine = start.line;
    loc.startCol = start.column;
    if (typeof loc.endOffset === 'number' && loc.endLine !== undefined) {
      const end = source.posOf(loc.endOffset);
      loc.endLine = end.line;
      loc.endCol = end.column;
    }
  };
  const fixAll = (loc: unknown): void => {
    if (!loc || typeof loc !== 'object') return;
    const l = loc as Located & { startTag?: Located; endTag?: Located; attrs?: Record<string, Located> };
    fix(l);
    fix(l.startTag);
    fix(l.endTag);
    if (l.attrs) for (const a of Object.values(l.attrs)) fix(a);
  };
  return {
    ...adapter,
    setNodeSourceCodeLocation(node, location) {
      fixAll(location);
      adapter.setNodeSourceCodeLocation(node, location);
    },
    updateNodeSourceCodeLocation(node, endLocation) {
      fixAll(endLocation);
      adapter.updateNodeSourceCodeLocation(node, endLocation);
    },
  };
}

/**
 * `adapter` with a count of the elements parse5 creates, stopping the parse with
 * `LimitExceeded` (at the start tag that goes past `max`) once there are more. HTML's error
 * recovery reopens every unclosed formatting element in each new paragraph, so a few bytes
 * of hostile markup can make many elements: the count bounds the tree's memory while it is
 * built, before the reader sees it.
 */
export function limitElements(adapter: typeof defaultTreeAdapter, max: number): typeof defaultTreeAdapter {
  if (!Number.isFinite(max)) return adapter;
  let count = 0;
  let over = false;
  return {
    ...adapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++count > max) {
        // Stopped where parse5 gives the position, right after; stopped here at the latest.
        if (over) throw new LimitExceeded('input-too-many-elements', tooManyElements(max, 'HTML page'), undefined);
        over = true;
      }
      return adapter.createElement(tagName, namespaceURI, attrs);
    },
    setNodeSourceCodeLocation(node, location) {
      if (over && location) {
        throw new LimitExceeded('input-too-many-elements', tooManyElements(max, 'HTML page'), { line: location.startLine, column: location.startCol });
      }
      adapter.setNodeSourceCodeLocation(node, location);
    },
  };
}

/**
 * `adapter` stopping the parse with `LimitExceeded` (at the start tag of the element) once an
 * element is put deeper than `max` in the tree being built: 1 MB of nested `<div>`s made a
 * tree of 95,000 levels (about 130 MB) before the depth was measured. The depth is counted
 * up the new element's ancestors, at most `max` of them. HTML's error recovery may later move
 * an element up (the adoption agency), never its ancestors' chain out of the tree, so a tree
 * that was this deep while it was built stays so.
 */
function limitDepth(adapter: typeof defaultTreeAdapter, max: number, message: string): typeof defaultTreeAdapter {
  // parse5 gives an element its source location before it puts it in the tree.
  const check = (parent: ParentNode, child: Node): void => {
    if (!('tagName' in child)) return;
    let depth = 1;
    for (let n: ParentNode | null = parent; 'parentNode' in n && n.parentNode; n = n.parentNode) {
      if (++depth > max) throw new LimitExceeded('input-too-deep', message, posOf(child));
    }
  };
  return {
    ...adapter,
    appendChild(parent, child) {
      check(parent, child);
      adapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      check(parent, child);
      adapter.insertBefore(parent, child, reference);
    },
  };
}

/**
 * How many times deeper than the model an HTML tree may nest: the DOM has wrappers the model
 * drops (html, body, layout divs and tables), and the reader's walks recurse over the DOM,
 * so the bound keeps them far from the end of the call stack whatever the input.
 */
export const DOM_DEPTH_FACTOR = 5;

/**
 * The page's tree, built by parse5 within the limits: at most `limits.elements` elements
 * (stopped while parsing), nested at most `DOM_DEPTH_FACTOR × limits.depth` deep (measured
 * with an explicit stack, at the first element too deep). Past either, `LimitExceeded`.
 */
export function parseWithin(text: string, adapter: typeof defaultTreeAdapter, limits: Limits | undefined, diagnostics?: Diagnostics): DefaultTreeAdapterMap['document'] {
  const reported = { n: 0 };
  const offsetsNeeded = text.includes('&\n') ? new SourceText(text) : undefined;
  const within = limitElements(linesFromOffsets(adapter, text), limits?.elements ?? Number.POSITIVE_INFINITY);
  const doc = parse5().parse(text, {
    sourceCodeLocationInfo: true,
    treeAdapter: limits ? limitDepth(within, DOM_DEPTH_FACTOR * limits.depth, tooDeepMessage(limits)) : within,
    ...(diagnostics && { onParseError: (e: ParserError) => reportReference(text, e, diagnostics, reported, offsetsNeeded) }),
  });
  if (diagnostics && reported.n > MAX_REFERENCES_REPORTED) {
    diagnostics.report('charref-invalid', `${reported.n - MAX_REFERENCES_REPORTED} more numeric references that name no character were read as U+FFFD`);
  }
  if (limits) {
    const max = DOM_DEPTH_FACTOR * limits.depth;
    const stack: { node: ParentNode; depth: number }[] = [{ node: doc, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > max) {
        throw new LimitExceeded('input-too-deep', tooDeepMessage(limits), posOf(node));
      }
      for (const c of node.childNodes) if ('childNodes' in c) stack.push({ node: c, depth: depth + 1 });
      // A <template>'s content is a tree of its own.
      if ('content' in node && node.content) stack.push({ node: node.content as ParentNode, depth: depth + 1 });
    }
  }
  return doc;
}

const tooDeepMessage = (limits: Limits): string =>
  `the HTML elements nest more than ${DOM_DEPTH_FACTOR * limits.depth} levels deep here (${DOM_DEPTH_FACTOR} × --max-depth ${limits.depth}); the file was not converted`;

/** Beyond this many, a page's references that name no character are counted, not listed (as char-forbidden). */
const MAX_REFERENCES_REPORTED = 100;

/** What HTML makes of the numeric references that name no character: U+FFFD, silently unless reported. */
const NO_CHARACTER: Record<string, string> = {
  'character-reference-outside-unicode-range': 'names no character (beyond U+10FFFF)',
  'surrogate-character-reference': 'names a surrogate, which is no character',
  'null-character-reference': 'names NUL, which HTML does not allow',
};

/**
 * A parse5 error for a numeric reference HTML reads as U+FFFD: reported at its `&` (parse5
 * gives the place after the `;`). Other parse errors are HTML's recovery, read as browsers do.
 */
function reportReference(text: string, e: ParserError, diagnostics: Diagnostics, reported: { n: number }, source: SourceText | undefined): void {
  const why = NO_CHARACTER[e.code];
  if (why === undefined || ++reported.n > MAX_REFERENCES_REPORTED) return;
  const amp = text.lastIndexOf('&', e.startOffset - 1);
  const ok = amp >= 0 && e.startOffset - amp <= 40 && !text.slice(amp, e.startOffset).includes('\n');
  const printed = ok ? text.slice(amp, e.startOffset) : 'a numeric character reference';
  // Placed by its offset where parse5's line count is off (after a bare `&` at a line end: see linesFromOffsets).
  const at = source ? source.posOf(ok ? amp : e.startOffset) : { line: e.startLine, column: ok ? e.startCol - (e.startOffset - amp) : e.startCol };
  diagnostics.report('charref-invalid', `${printed} ${why}; read as U+FFFD, as HTML does`, at);
}

export const isElement = (n: Node | ParentNode): n is Element => 'tagName' in n;
export const isText = (n: Node): n is TextNode => n.nodeName === '#text';

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The element's classes, lower-cased (the 1999 pages write `class="FST"` too). */
export function classes(el: Element): string[] {
  return (attr(el, 'class') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export const hasClass = (el: Element, name: string): boolean => classes(el).includes(name);

/** 1-based position of a node's start tag or text; the parent's position when parse5 gave none. */
export function posOf(n: Node | ParentNode, fallback: SourcePos = { line: 1, column: 1 }): SourcePos {
  const loc = (n as { sourceCodeLocation?: { startLine: number; startCol: number } | null }).sourceCodeLocation;
  return loc ? { line: loc.startLine, column: loc.startCol } : fallback;
}

/** Position of the first non-blank character of a text node (HTML white space is not content). */
export function textStartPos(t: TextNode, fallback: SourcePos): SourcePos {
  const start = posOf(t, fallback);
  let { line, column } = start;
  for (const ch of t.value) {
    if (ch === '\n') {
      line++;
      column = 1;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      column++;
    } else {
      break;
    }
  }
  return { line, column };
}

/**
 * The text content of a node, as the browser would give it (no squashing), with a `<br>`
 * as a space: a line break is a word boundary ("Max Bedacht Archive<br />The Communist
 * Index" is two lines of words, not "ArchiveThe"), as a browser copy and the fidelity
 * check see it.
 */
export function textContent(n: Node | ParentNode): string {
  if (isText(n as Node)) return (n as TextNode).value;
  if (isElement(n) && n.tagName === 'br') return ' ';
  if (!('childNodes' in n)) return '';
  let out = '';
  for (const c of n.childNodes) out += textContent(c);
  return out;
}

/** HTML white space (not the no-break space, which is content) collapsed to one space. */
export const squashHtml = (s: string): string => s.replace(/[ \t\n\r\f]+/g, ' ');

const squashedCache = new WeakMap<object, string>();

/** The squashed text of a node; cached, since classification asks for it more than once per block. */
export function squashedText(n: Node | ParentNode): string {
  let t = squashedCache.get(n);
  if (t === undefined) {
    t = squashHtml(textContent(n)).trim();
    squashedCache.set(n, t);
  }
  return t;
}

/**
 * The printed lines of an element: its text split where a `<br>` breaks the line, each
 * line's white space squashed, with the position of its first text; blank lines left out.
 */
export function printedLines(el: Element): { text: string; pos: SourcePos }[] {
  const lines: { text: string; pos: SourcePos }[] = [];
  let text = '';
  let pos: SourcePos | undefined;
  const end = (): void => {
    const t = squashHtml(text).trim();
    if (t !== '') lines.push({ text: t, pos: pos ?? posOf(el) });
    text = '';
    pos = undefined;
  };
  const walk = (n: Node): void => {
    if (isText(n)) {
      if (pos === undefined && n.value.trim() !== '') pos = textStartPos(n, posOf(el));
      text += n.value;
    } else if (isElement(n)) {
      if (n.tagName === 'br') end();
      else n.childNodes.forEach(walk);
    }
  };
  el.childNodes.forEach(walk);
  end();
  return lines;
}

/** The first descendant element with the tag, depth first. */
export function findFirst(root: ParentNode, tag: string): Element | undefined {
  for (const c of root.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === tag) return c;
    const inner = findFirst(c, tag);
    if (inner) return inner;
  }
  return undefined;
}

/** Every descendant element matching the predicate, in document order. */
export function findAll(root: ParentNode, pred: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const c of root.childNodes) {
    if (!isElement(c)) continue;
    if (pred(c)) out.push(c);
    findAll(c, pred, out);
  }
  return out;
}

/**
 * Inline and block content → TEI elements. One handler per inline kind, in a table typed
 * over every kind of the model: a new node kind does not compile until it has a handler.
 * Handlers write text exactly as the model holds it; white space is never added here.
 */
import { builder } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Block, Inline, InlineKind, InlineOf, SourcePos } from '../model/edition.js';
import { writeFigure, writeTable } from './table.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** xmlbuilder2's DOM document and elements (its builder's `node`s). */
type DomDocument = NonNullable<XMLBuilder['node']['ownerDocument']>;
/**
 * A TEI element being written: an element of xmlbuilder2's DOM, appended to directly.
 * Every element is TEI's, so it is written without a namespace (writeTei adds the root's
 * `xmlns` to the serialised text; `xml:` attributes are plain names): the document then
 * has no namespaced nodes, and xmlbuilder2 serialises it with its plain serialiser instead
 * of the namespace-tracking one (a prefix map per element) — the same bytes, for less CPU;
 * the builder's per-call work (argument parsing, namespace lookups, a wrapper per node) is
 * skipped too.
 */
export type TeiElement = ReturnType<DomDocument['createElement']>;

/** Attributes in the order they are written; undefined values are left out. */
export type Attrs = ReadonlyArray<readonly [string, string | number | undefined]>;

/**
 * Elements whose content model has no text: white space between their children is not
 * content, so they are the only ones indented. Everything else (p, head, note, opener…)
 * is mixed content and is written exactly, and so is everything inside it.
 */
export const ELEMENT_ONLY: ReadonlySet<string> = new Set([
  'TEI', 'teiHeader', 'fileDesc', 'titleStmt', 'respStmt', 'publicationStmt', 'availability', 'notesStmt',
  'sourceDesc', 'encodingDesc', 'appInfo', 'application', 'editorialDecl', 'normalization', 'correction',
  'profileDesc', 'langUsage', 'handNotes', 'text', 'body', 'back', 'div', 'argument', 'list', 'lg', 'postscript',
  'table', 'row', 'figure',
]);

/**
 * Indentation is added while the tree is built (appending is cheap; inserting white space
 * afterwards is quadratic in xmlbuilder2's DOM). Each element that is not inside mixed
 * content has a layout: its indentation level and the list, shared by its document, of the
 * indented containers that get a closing line break in `finishLayout`.
 */
interface Layout {
  level: number;
  containers: Set<TeiElement>;
}
/**
 * The layouts of the document being written (writing is synchronous: one at a time). A
 * plain Map, dropped by `finishLayout`: cheaper than a WeakMap over short-lived nodes.
 */
let layouts = new Map<object, Layout>();
const pad = (level: number): string => '\n' + '  '.repeat(level);

/** Makes `root` the top of an indented tree. */
export function startLayout(root: TeiElement): void {
  layouts = new Map();
  layouts.set(root, { level: 0, containers: new Set() });
  parts = new Map();
  nextPart = 0;
  created = 0;
}

/** Closing line breaks of the indented containers that have children. */
export function finishLayout(root: TeiElement): void {
  for (const container of layouts.get(root)?.containers ?? []) appendText(container, pad(layouts.get(container)?.level ?? 0));
  layouts = new Map();
}

// ---------------------------------------------------------------- writing in parts

/**
 * A large document is not held as one DOM: xmlbuilder2's nodes cost about half a kilobyte
 * each, so 50,000 repairs in one paragraph held ~200 MB until the end. Every `CHUNK` nodes,
 * the finished children of the element being filled are serialised by xmlbuilder2 (the same
 * serialiser, the same document, so the same bytes), kept as a string, and replaced in the
 * DOM by a placeholder text node `U+FFFE n U+FFFF`; `resolveParts` puts the strings back in
 * the serialised text. U+FFFE is a character XML forbids and the model holds none
 * (`sanitizeModel`), so in the serialised text it can only be a placeholder. A document
 * below `CHUNK` nodes (every seed-sized one) is written exactly as before, in one DOM.
 */
export const CHUNK = 4096;
/** Characters of text that count as one node towards a part (a part: ≤ ~1 MB of text). */
const TEXT_WEIGHT_BITS = 8;
/**
 * A longer text is appended as several text nodes of at most this many characters (the same
 * bytes: text nodes are serialised one after the other), so that a megabyte-long run of text
 * can be written in parts and is never copied whole by the escaping.
 */
const TEXT_PIECE = 65_536;
let partSize = CHUNK;

/** Sets how many nodes are written between serialised parts (tests compare sizes: the bytes must not change); returns the previous size. */
export function setPartSize(nodes: number): number {
  const previous = partSize;
  partSize = nodes;
  return previous;
}
const MARK = '\uFFFE';
const PLACEHOLDER = /\uFFFE(\d+)\uFFFF/g;
/** The serialised parts not yet put back, by number. */
let parts = new Map<number, string>();
let nextPart = 0;
/** Nodes (elements and text) created in the document being written. */
let created = 0;

/** How many nodes the document being written has had so far (a flush point compares it with the count at its last flush). */
export const nodesCreated = (): number => created;

/**
 * At a flush point: when `CHUNK` nodes (the part size) were created since `since`, serialises the children of
 * `parent` (all finished: nothing is written into them any more) and returns the new count;
 * else returns `since`.
 */
export function flushDue(parent: TeiElement, since: number): number {
  if (created - since < partSize) return since;
  flushChildren(parent);
  return created;
}

/**
 * Serialises the children of `parent` written since its last placeholder into a part, and
 * puts a placeholder in their place (earlier placeholders stay: each part is serialised once).
 */
function flushChildren(parent: TeiElement): void {
  let first = parent.lastChild;
  if (first === null || isPlaceholder(first)) return;
  while (first.previousSibling !== null && !isPlaceholder(first.previousSibling)) first = first.previousSibling;
  const document = parent.ownerDocument!;
  const scratch = document.createElement('x');
  for (let child: ChildOf<TeiElement> | null = first, next; child !== null; child = next) {
    next = child.nextSibling;
    closeLayouts(child);
    scratch.appendChild(child);
  }
  const xml = builder(scratch).toString({ prettyPrint: false });
  // `<x>…</x>`: the children's own serialisation.
  if (!xml.startsWith('<x>') || !xml.endsWith('</x>')) throw new Error(`the TEI writer could not serialise a part: ${xml.slice(0, 20)}`);
  const id = nextPart++;
  parts.set(id, resolveParts(xml.slice(3, -4)));
  parent.appendChild(document.createTextNode(`${MARK}${id}\uFFFF`));
}

const isPlaceholder = (node: ChildOf<TeiElement>): boolean => node.nodeType === 3 && (node as unknown as { data: string }).data.startsWith(MARK);

/**
 * The closing line breaks of the indented containers in a finished subtree (what
 * `finishLayout` would add at the end), and their layouts dropped: only elements with a
 * layout can hold elements with one, so the walk never enters mixed content.
 */
function closeLayouts(node: ChildOf<TeiElement>): void {
  const stack: Array<ChildOf<TeiElement>> = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const layout = layouts.get(n);
    if (layout === undefined) continue;
    for (let c = n.firstChild; c !== null; c = c.nextSibling) stack.push(c);
    if (layout.containers.delete(n as TeiElement)) appendText(n as TeiElement, pad(layout.level));
    layouts.delete(n);
  }
}

type ChildOf<E extends TeiElement> = NonNullable<E['firstChild']>;

/** The serialised text with every placeholder replaced by its part (each part is used once). */
export function resolveParts(xml: string): string {
  // Without parts pending there is no placeholder (a nested part's were replaced when it was serialised).
  if (parts.size === 0 || !xml.includes(MARK)) return xml;
  return xml.replace(PLACEHOLDER, (_m, n: string) => {
    const part = parts.get(Number(n));
    if (part === undefined) throw new Error(`the TEI writer lost part ${n} of the document`);
    parts.delete(Number(n));
    return part;
  });
}

/** True when every serialised part was put back (the writer checks it at the end). */
export const allPartsResolved = (): boolean => parts.size === 0;

function appendText(parent: TeiElement, value: string): void {
  // A text counts as one node per 2^TEXT_WEIGHT_BITS (256) characters too: a part holds at most
  // about CHUNK × 256 characters of text, however few nodes they are in.
  created += 1 + (value.length >>> TEXT_WEIGHT_BITS);
  parent.appendChild(parent.ownerDocument!.createTextNode(value));
}

/** Starts the document's root element (of the document `create()` made). */
export function rootElement(doc: XMLBuilder, name: string): TeiElement {
  const document = doc.node as DomDocument;
  const root = document.createElement(name);
  document.appendChild(root);
  return root;
}

/** Sets attributes in a fixed order (same model, same bytes); undefined values are left out. */
export function setAttrs(element: TeiElement, attrs: Attrs): void {
  for (const [key, value] of attrs) if (value !== undefined) element.setAttribute(key, escapeAmpersands(String(value)));
}

/** Adds a child element with its attributes in a fixed order (same model, same bytes). */
export function el(parent: TeiElement, name: string, attrs: Attrs = []): TeiElement {
  const layout = layouts.get(parent);
  const indented = layout !== undefined && ELEMENT_ONLY.has(parent.nodeName);
  if (indented) {
    if (!parent.hasChildNodes()) layout.containers.add(parent);
    appendText(parent, pad(layout.level + 1));
  }
  created++;
  const child = parent.ownerDocument!.createElement(name);
  parent.appendChild(child);
  if (indented) layouts.set(child, { level: layout.level + 1, containers: layout.containers });
  setAttrs(child, attrs);
  return child;
}

/**
 * xmlbuilder2 leaves an `&` unescaped when it looks like an entity reference (`&copy;`,
 * `&amp;`), so a transcription's literal "AT&T;" or "&amp;" would come out as markup.
 * Escaping every `&` first makes each one `&amp;`, which xmlbuilder2 then leaves alone.
 */
export const escapeAmpersands = (value: string): string => (value.includes('&') ? value.replace(/&/g, '&amp;') : value);

/** Appends text; an empty string writes nothing (xmlbuilder2 would add an empty node). */
export function txt(parent: TeiElement, value: string): void {
  if (value.length <= TEXT_PIECE) {
    if (value !== '') appendText(parent, escapeAmpersands(value));
    return;
  }
  let since = created;
  for (let start = 0; start < value.length; ) {
    let end = Math.min(start + TEXT_PIECE, value.length);
    // Never between the two halves of a surrogate pair.
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end--;
    appendText(parent, escapeAmpersands(value.slice(start, end)));
    start = end;
    // Everything in `parent` so far is finished: text is only ever appended at its end.
    since = flushDue(parent, since);
  }
}

type Handler<K extends InlineKind> = (parent: TeiElement, node: InlineOf<K>) => void;

/** A link target as a URI: white space would split a pointer list, so it is escaped. */
const uri = (href: string): string => href.trim().replace(/\s/g, (c) => encodeURIComponent(c));

const HANDLERS: { [K in InlineKind]: Handler<K> } = {
  text: (p, n) => txt(p, n.text),
  hi: (p, n) => writeInlines(el(p, 'hi', [['rend', n.rend]]), n.children),
  noteAnchor: (p, n) => txt(el(p, 'ref', [['type', 'noteAnchor'], ['xml:id', n.id], ['target', n.target]]), n.marker),
  link: (p, n) => writeInlines(el(p, 'ref', [['target', uri(n.href)]]), n.children),
  subst: (p, n) => {
    const subst = el(p, 'subst', [['xml:id', n.id], ['resp', n.resp]]);
    writeInlines(el(subst, 'del'), n.del);
    writeInlines(el(subst, 'add', [['place', n.place], ['hand', n.hand]]), n.add);
  },
  del: (p, n) => writeInlines(el(p, 'del', [['xml:id', n.id], ['resp', n.resp], ['rend', n.rend]]), n.children),
  add: (p, n) => writeInlines(el(p, 'add', [['xml:id', n.id], ['resp', n.resp], ['place', n.place], ['hand', n.hand]]), n.children),
  gap: (p, n) => {
    const gap = el(p, 'gap', [['xml:id', n.id], ['resp', n.resp], ['reason', n.reason], ['unit', n.unit], ['quantity', n.quantity]]);
    // The printed sign of the gap ("[illegible]", "[....]") is kept as its description.
    if (n.printed !== undefined && n.printed !== '') txt(el(gap, 'desc'), n.printed);
  },
  unclear: (p, n) => writeInlines(el(p, 'unclear', [['xml:id', n.id], ['resp', n.resp], ['reason', n.reason]]), n.children),
  supplied: (p, n) => writeInlines(el(p, 'supplied', [['resp', n.resp]]), n.children),
  choice: (p, n) => {
    const choice = el(p, 'choice', [['xml:id', n.id]]);
    writeInlines(el(choice, 'sic'), n.sic);
    writeInlines(el(choice, 'corr', [['resp', n.resp]]), n.corr);
  },
  sic: (p, n) => writeInlines(el(p, 'sic', [['resp', n.resp]]), n.children),
  pb: (p, n) => void el(p, 'pb', [['n', n.n]]),
  lb: (p) => void el(p, 'lb'),
  inlineNote: (p, n) => writeInlines(el(p, 'note', [['place', n.place], ['type', n.type]]), n.children),
};

function writeInline<K extends InlineKind>(parent: TeiElement, node: InlineOf<K>): void {
  (HANDLERS[node.kind] as Handler<K>)(parent, node);
}

/** Writes inline content into a mixed-content element, text exactly as in the model. */
export function writeInlines(parent: TeiElement, inlines: readonly Inline[]): TeiElement {
  // Neighbouring text nodes (the model keeps them apart where source columns need it: around
  // a code span or a decoded reference) are one DOM text node: the same bytes, and a
  // paragraph of 100,000 code spans does not cost 200,000 DOM nodes.
  let since = created;
  for (let i = 0; i < inlines.length; i++) {
    const node = inlines[i]!;
    if (node.kind === 'text' && inlines[i + 1]?.kind === 'text') {
      const texts = [node.text];
      while (inlines[i + 1]?.kind === 'text') texts.push((inlines[++i] as InlineOf<'text'>).text);
      txt(parent, texts.join(''));
    } else writeInline(parent, node);
    since = flushDue(parent, since);
  }
  return parent;
}

/** Writes inlines as the content of a new child element. */
export function mixed(parent: TeiElement, name: string, inlines: readonly Inline[], attrs: Attrs = []): TeiElement {
  return writeInlines(el(parent, name, attrs), inlines);
}

/**
 * Writes blocks into a container. A `heading` opens a nested `div` (a head may not follow
 * a paragraph in the same div); a deeper heading nests inside it, a shallower one closes
 * divs back to its level.
 */
export function writeBlocks(container: TeiElement, blocks: readonly Block[], options: BlockOptions = { headings: 'div' }): void {
  const stack: Array<{ level: number; div: TeiElement }> = [];
  const current = (): TeiElement => stack[stack.length - 1]?.div ?? container;
  const inserts = options.inserts ?? [];
  let next = 0;
  // The container whose last child is an inserted div: text after it needs a div of its own.
  let closed: TeiElement | undefined;
  let since = created;
  const flush = (before: SourcePos | undefined): void => {
    while (next < inserts.length && (before === undefined || isBefore(inserts[next]!.pos, before))) {
      inserts[next++]!.write(current());
      closed = current();
    }
  };
  for (const block of blocks) {
    flush(block.pos);
    if (block.kind === 'heading' && options.headings === 'div') {
      while ((stack[stack.length - 1]?.level ?? 0) >= block.level) stack.pop();
      // The divs closed above are finished: the parent of the new one may be written in part.
      since = flushDue(current(), since);
      const div = el(current(), 'div');
      mixed(div, 'head', block.children);
      stack.push({ level: block.level, div });
      closed = undefined;
      continue;
    }
    if (closed !== undefined && closed === current()) {
      // A div may not hold text after a div: the text printed after the insert gets an untitled div,
      // which any heading of the same level or above closes.
      stack.push({ level: (stack[stack.length - 1]?.level ?? 0) + 0.5, div: el(current(), 'div') });
    }
    closed = undefined;
    writeBlock(current(), block);
    since = flushDue(current(), since);
  }
  flush(undefined);
}

export interface BlockOptions {
  headings: 'div' | 'p';
  /**
   * Divs printed between the blocks (a notes section the page prints inside the text), each
   * written before the first block printed after its `pos`, inside the div open there.
   */
  inserts?: ReadonlyArray<{ pos: SourcePos; write: (parent: TeiElement) => void }>;
}

/** `a` stands before `b` in the source. */
export const isBefore = (a: SourcePos, b: SourcePos): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

function writeBlock(parent: TeiElement, block: Block): void {
  switch (block.kind) {
    case 'p':
      mixed(parent, 'p', block.children, [['rend', block.rend]]);
      return;
    case 'heading':
      // Where no div may open (argument, notes), a heading stays a paragraph marked as one.
      mixed(parent, 'p', block.children, [['rend', `heading${block.level}`]]);
      return;
    case 'quote': {
      const quote = el(parent, 'quote');
      let since = created;
      for (const inner of block.blocks) {
        writeBlock(quote, inner);
        since = flushDue(quote, since);
      }
      return;
    }
    case 'list': {
      const list = el(parent, 'list', [['rend', block.ordered ? 'numbered' : 'bulleted']]);
      let since = created;
      for (const item of block.items) {
        mixed(list, 'item', item);
        since = flushDue(list, since);
      }
      return;
    }
    case 'pb':
      el(parent, 'pb', [['n', block.n]]);
      return;
    case 'lines': {
      const lg = el(parent, 'lg');
      let since = created;
      for (const line of block.lines) {
        mixed(lg, 'l', line);
        since = flushDue(lg, since);
      }
      return;
    }
    case 'table':
      writeTable(parent, block);
      return;
    case 'figure':
      writeFigure(parent, block);
      return;
  }
}

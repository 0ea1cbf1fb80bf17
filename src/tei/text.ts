/**
 * Inline and block content → TEI elements. One handler per inline kind, in a table typed
 * over every kind of the model: a new node kind does not compile until it has a handler.
 * Handlers write text exactly as the model holds it; white space is never added here.
 */
import type { Block, Inline, InlineKind, InlineOf, SourcePos } from '../model/edition.js';
import { StringSink, type Attrs, type Sink } from './emit.js';
import { writeFigure, writeTable } from './table.js';

export type { Attrs };

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

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
 * A TEI element being written: a handle (its number in document order), not an object, so
 * that writing an element allocates nothing. The document is written straight to a `Sink`
 * in document order, without a tree: an element is open from its start tag until something
 * is written into one of its ancestors (or the document ends), which ends it and everything
 * inside it. Writing into an element that was already ended is a bug of the writer, and throws.
 */
export type TeiElement = number & { readonly __teiElement: never };

/** The sink and the open elements of the document being written (writing is synchronous: one at a time). */
let sink: Sink = new StringSink();
/**
 * The open elements, from the root (0) to the innermost (`top`), in parallel arrays that
 * keep their size from one document to the next: each one's handle, name, the indentation
 * level of its own line (-1 inside mixed content: no indentation) and its state (FLAGS).
 */
const handles: number[] = [];
const names: string[] = [];
const levels: number[] = [];
const states: number[] = [];
let top = -1;
/** The next element's handle; handles grow up the stack, which `depthOf` relies on. */
let nextHandle = 0;

/** Nothing written into it yet: its start tag is unfinished (it may still end as `<x/>`, or take attributes). */
const EMPTY = 1;
/** Its children go on lines of their own (an element-only container outside mixed content). */
const INDENTS = 2;
/** Its end tag goes on a line of its own (its first child was an indented element). */
const END_ON_NEW_LINE = 4;

const PADS: string[] = [];
/** A line break and the indentation of `level`. */
const pad = (level: number): string => (PADS[level] ??= '\n' + '  '.repeat(level));

/** Ends the innermost open element. */
function endTop(): void {
  const state = states[top]!;
  const name = names[top]!;
  const level = levels[top]!;
  top--;
  if (state & EMPTY) sink.endEmpty();
  else {
    if (state & END_ON_NEW_LINE) sink.layout(pad(level));
    sink.endTag(name);
  }
}

/**
 * Where `element` is in the stack of open elements, or -1 when it was ended. Handles grow
 * up the stack, so the search stops at the first smaller one; the elements it passes are
 * the ones writing into `element` ends.
 */
function depthOf(element: TeiElement): number {
  let depth = top;
  while (depth >= 0 && handles[depth]! > element) depth--;
  return depth >= 0 && handles[depth] === element ? depth : -1;
}

/** Makes `parent` the innermost open element, ready for content; returns its depth and whether it was empty. */
function enter(parent: TeiElement): number {
  const depth = depthOf(parent);
  if (depth < 0) throw new Error(`the TEI writer wrote into an element (number ${parent} of the document) after it was ended`);
  while (top > depth) endTop();
  return depth;
}

/** Opens an element at `top + 1` (its start tag, without attributes). */
function push(name: string, level: number): TeiElement {
  const handle = nextHandle++;
  const depth = ++top;
  handles[depth] = handle;
  names[depth] = name;
  levels[depth] = level;
  states[depth] = level >= 0 && ELEMENT_ONLY.has(name) ? EMPTY | INDENTS : EMPTY;
  sink.startTag(name);
  return handle as TeiElement;
}

/** Writes attributes (in their order; undefined values are left out) on the element just started. */
function attributes(attrs: Attrs): void {
  for (let i = 0; i < attrs.length; i++) {
    const pair = attrs[i]!;
    const value = pair[1];
    if (value !== undefined) sink.attribute(pair[0], typeof value === 'string' ? value : String(value));
  }
}

/**
 * Starts a document on `target`: its root element with its attributes (in a fixed order;
 * undefined values are left out). The root's children are indented.
 */
export function startDocument(target: Sink, name: string, attrs: Attrs): TeiElement {
  sink = target;
  top = -1;
  nextHandle = 0;
  const root = push(name, 0);
  attributes(attrs);
  return root;
}

/** Ends every open element and returns the document the sink made. */
export function finishDocument(): string {
  while (top >= 0) endTop();
  return sink.finish();
}

/** Forgets the document being written (after a failure part way). */
export function dropDocument(): void {
  top = -1;
  sink = new StringSink();
}

const NO_ATTRS: Attrs = [];

/** Adds a child element with its attributes in a fixed order (same model, same bytes); `attr` adds more. */
export function el(parent: TeiElement, name: string, attrs: Attrs = NO_ATTRS): TeiElement {
  const depth = enter(parent);
  const state = states[depth]!;
  let level = -1;
  if (state & EMPTY) {
    sink.endStart();
    // The first child of an indenting element: the end tag goes on a line of its own.
    states[depth] = state & INDENTS ? INDENTS | END_ON_NEW_LINE : state & ~EMPTY;
  }
  if (state & INDENTS) {
    level = levels[depth]! + 1;
    sink.layout(pad(level));
  }
  const child = push(name, level);
  if (attrs.length > 0) attributes(attrs);
  return child;
}

/**
 * An attribute of `element`, which must be the element just started, before anything is
 * written into it (attributes go in the order of the calls); an undefined value is left out.
 */
export function attr(element: TeiElement, key: string, value: string | number | undefined): void {
  if (top < 0 || handles[top] !== element || !(states[top]! & EMPTY)) throw new Error(`the TEI writer gave <${names[top] ?? '?'}> the attribute ${key} after its content`);
  if (value !== undefined) sink.attribute(key, typeof value === 'string' ? value : String(value));
}

/** Appends text, exactly as the model holds it; an empty string writes nothing. */
export function txt(parent: TeiElement, value: string): void {
  if (value === '') return;
  const depth = enter(parent);
  const state = states[depth]!;
  if (state & EMPTY) {
    sink.endStart();
    states[depth] = state & ~EMPTY;
  }
  sink.text(value);
}

type Handler<K extends InlineKind> = (parent: TeiElement, node: InlineOf<K>) => void;

/** A link target as a URI: white space would split a pointer list, so it is escaped. */
const uri = (href: string): string => href.trim().replace(/\s/g, (c) => encodeURIComponent(c));

// Attributes are given with `attr`, one call each, rather than as a list: a list literal was
// an array (and an array per pair) allocated for every element of the body.
const HANDLERS: { [K in InlineKind]: Handler<K> } = {
  text: (p, n) => txt(p, n.text),
  hi: (p, n) => {
    const hi = el(p, 'hi');
    attr(hi, 'rend', n.rend);
    writeInlines(hi, n.children);
  },
  noteAnchor: (p, n) => {
    const ref = el(p, 'ref');
    attr(ref, 'type', 'noteAnchor');
    attr(ref, 'xml:id', n.id);
    attr(ref, 'target', n.target);
    txt(ref, n.marker);
  },
  link: (p, n) => {
    const ref = el(p, 'ref');
    attr(ref, 'target', uri(n.href));
    writeInlines(ref, n.children);
  },
  subst: (p, n) => {
    const subst = el(p, 'subst');
    attr(subst, 'xml:id', n.id);
    attr(subst, 'resp', n.resp);
    writeInlines(el(subst, 'del'), n.del);
    const add = el(subst, 'add');
    attr(add, 'place', n.place);
    attr(add, 'hand', n.hand);
    writeInlines(add, n.add);
  },
  del: (p, n) => {
    const del = el(p, 'del');
    attr(del, 'xml:id', n.id);
    attr(del, 'resp', n.resp);
    attr(del, 'rend', n.rend);
    writeInlines(del, n.children);
  },
  add: (p, n) => {
    const add = el(p, 'add');
    attr(add, 'xml:id', n.id);
    attr(add, 'resp', n.resp);
    attr(add, 'place', n.place);
    attr(add, 'hand', n.hand);
    writeInlines(add, n.children);
  },
  gap: (p, n) => {
    const gap = el(p, 'gap');
    attr(gap, 'xml:id', n.id);
    attr(gap, 'resp', n.resp);
    attr(gap, 'reason', n.reason);
    attr(gap, 'unit', n.unit);
    attr(gap, 'quantity', n.quantity);
    // The printed sign of the gap ("[illegible]", "[....]") is kept as its description.
    if (n.printed !== undefined && n.printed !== '') txt(el(gap, 'desc'), n.printed);
  },
  unclear: (p, n) => {
    const unclear = el(p, 'unclear');
    attr(unclear, 'xml:id', n.id);
    attr(unclear, 'resp', n.resp);
    attr(unclear, 'reason', n.reason);
    writeInlines(unclear, n.children);
  },
  supplied: (p, n) => {
    const supplied = el(p, 'supplied');
    attr(supplied, 'resp', n.resp);
    writeInlines(supplied, n.children);
  },
  choice: (p, n) => {
    const choice = el(p, 'choice');
    attr(choice, 'xml:id', n.id);
    writeInlines(el(choice, 'sic'), n.sic);
    const corr = el(choice, 'corr');
    attr(corr, 'resp', n.resp);
    writeInlines(corr, n.corr);
  },
  sic: (p, n) => {
    const sic = el(p, 'sic');
    attr(sic, 'resp', n.resp);
    writeInlines(sic, n.children);
  },
  pb: (p, n) => attr(el(p, 'pb'), 'n', n.n),
  lb: (p) => void el(p, 'lb'),
  inlineNote: (p, n) => {
    const note = el(p, 'note');
    attr(note, 'place', n.place);
    attr(note, 'type', n.type);
    writeInlines(note, n.children);
  },
};

function writeInline<K extends InlineKind>(parent: TeiElement, node: InlineOf<K>): void {
  (HANDLERS[node.kind] as Handler<K>)(parent, node);
}

/** Writes inline content into a mixed-content element, text exactly as in the model. */
export function writeInlines(parent: TeiElement, inlines: readonly Inline[]): TeiElement {
  for (let i = 0; i < inlines.length; i++) writeInline(parent, inlines[i]!);
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
    case 'p': {
      const p = el(parent, 'p');
      attr(p, 'rend', block.rend);
      writeInlines(p, block.children);
      return;
    }
    case 'heading': {
      // Where no div may open (argument, notes), a heading stays a paragraph marked as one.
      const p = el(parent, 'p');
      attr(p, 'rend', `heading${block.level}`);
      writeInlines(p, block.children);
      return;
    }
    case 'quote': {
      const quote = el(parent, 'quote');
      for (const inner of block.blocks) writeBlock(quote, inner);
      return;
    }
    case 'list': {
      const list = el(parent, 'list');
      attr(list, 'rend', block.ordered ? 'numbered' : 'bulleted');
      for (const item of block.items) mixed(list, 'item', item);
      return;
    }
    case 'pb':
      attr(el(parent, 'pb'), 'n', block.n);
      return;
    case 'lines': {
      const lg = el(parent, 'lg');
      for (const line of block.lines) mixed(lg, 'l', line);
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

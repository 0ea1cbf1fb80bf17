// The TEI writer as it was before session 9's allocation work (src/tei/text.ts at 5352320, verbatim but for
// import paths): the reference tests/tei/writer-before.test.ts holds the new writer to.
/**
 * Inline and block content → TEI elements. One handler per inline kind, in a table typed
 * over every kind of the model: a new node kind does not compile until it has a handler.
 * Handlers write text exactly as the model holds it; white space is never added here.
 */
import type { Block, Inline, InlineKind, InlineOf, SourcePos } from '../../../../src/model/edition.js';
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
 * A TEI element being written. The document is written straight to a `Sink` in document
 * order, without a tree: an element is open from its start tag until something is written
 * into one of its ancestors (or the document ends), which ends it and everything inside
 * it. Writing into an element that was already ended is a bug of the writer, and throws.
 */
export interface TeiElement {
  readonly name: string;
  /** Its place in the stack of open elements (the root's is 0). */
  readonly depth: number;
  /** The indentation level of its own line; -1 inside mixed content (no indentation). */
  readonly level: number;
  /** Its children go on lines of their own (an element-only container outside mixed content). */
  readonly indents: boolean;
  /** Nothing written into it yet: its start tag is unfinished (it may still end as `<x/>`). */
  empty: boolean;
  /** Its end tag goes on a line of its own (its first child was an indented element). */
  endOnNewLine: boolean;
}

/** The sink and the open elements of the document being written (writing is synchronous: one at a time). */
let sink: Sink = new StringSink('');
let open: TeiElement[] = [];

const PADS: string[] = [];
/** A line break and the indentation of `level`. */
const pad = (level: number): string => (PADS[level] ??= '\n' + '  '.repeat(level));

/** Ends the innermost open element. */
function endTop(): void {
  const element = open.pop()!;
  if (element.empty) sink.endEmpty();
  else {
    if (element.endOnNewLine) sink.text(pad(element.level));
    sink.endTag(element.name);
  }
}

/** Makes `parent` the innermost open element, ready for content. */
function enter(parent: TeiElement): void {
  if (open[parent.depth] !== parent) throw new Error(`the TEI writer wrote into <${parent.name}> after it was ended`);
  while (open.length > parent.depth + 1) endTop();
  if (parent.empty) {
    parent.empty = false;
    sink.endStart();
  }
}

/**
 * Starts a document on `target`: its root element with its attributes (in a fixed order;
 * undefined values are left out). The root's children are indented.
 */
export function startDocument(target: Sink, name: string, attrs: Attrs): TeiElement {
  sink = target;
  const root: TeiElement = { name, depth: 0, level: 0, indents: ELEMENT_ONLY.has(name), empty: true, endOnNewLine: false };
  open = [root];
  sink.startTag(name, attrs);
  return root;
}

/** Ends every open element and returns the document the sink made. */
export function finishDocument(): string {
  while (open.length > 0) endTop();
  return sink.finish();
}

/** Forgets the document being written (after a failure part way). */
export function dropDocument(): void {
  open = [];
  sink = new StringSink('');
}

/** Adds a child element with its attributes in a fixed order (same model, same bytes). */
export function el(parent: TeiElement, name: string, attrs: Attrs = []): TeiElement {
  const first = parent.empty;
  enter(parent);
  let level = -1;
  if (parent.indents) {
    if (first) parent.endOnNewLine = true;
    level = parent.level + 1;
    sink.text(pad(level));
  }
  const child: TeiElement = { name, depth: parent.depth + 1, level, indents: level >= 0 && ELEMENT_ONLY.has(name), empty: true, endOnNewLine: false };
  sink.startTag(name, attrs);
  open.push(child);
  return child;
}

/** Appends text, exactly as the model holds it; an empty string writes nothing. */
export function txt(parent: TeiElement, value: string): void {
  if (value === '') return;
  enter(parent);
  sink.text(value);
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
    case 'p':
      mixed(parent, 'p', block.children, [['rend', block.rend]]);
      return;
    case 'heading':
      // Where no div may open (argument, notes), a heading stays a paragraph marked as one.
      mixed(parent, 'p', block.children, [['rend', `heading${block.level}`]]);
      return;
    case 'quote': {
      const quote = el(parent, 'quote');
      for (const inner of block.blocks) writeBlock(quote, inner);
      return;
    }
    case 'list': {
      const list = el(parent, 'list', [['rend', block.ordered ? 'numbered' : 'bulleted']]);
      for (const item of block.items) mixed(list, 'item', item);
      return;
    }
    case 'pb':
      el(parent, 'pb', [['n', block.n]]);
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

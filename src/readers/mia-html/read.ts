/**
 * Reads an original MIA HTML page (LIA `tx2html` XHTML 2004–05, Marx/Engels Internet
 * Archive HTML 1999–2002, the 2007+ style) into the edition model.
 *
 * The page is parsed by parse5 (HTML5 rules, positions on), flattened into block items and
 * handed to the layout engine as its block stream (`stream.ts`): the engine plans the
 * front (title, collection line, author, subtitle, information block) and says which
 * blocks of the text are furniture, foot information or notes headings
 * (`layout/hinted.ts`). The reader gives the engine syntax facts only: a block's first
 * words and whether a label element or a link sets them apart (the engine says whether
 * they open a note, `layout/note-kinds.ts`), each anchor's link and name and each note's
 * names (the engine pairs them and links bare markers, `layout/note-pairing.ts`), an
 * information block's printed lines and markup labels (the engine splits label and value,
 * `layout/info.ts`); the letter frame and postscript are the engine's (`layout/letter-frame.ts`),
 * and so is who wrote the page (`layout/authors.ts`): the reader hands over the author and
 * collection lines, the `<meta name="author">` as written and the dropped footer.
 * Navigation furniture is dropped into `edition.dropped`, never silently.
 */
import { authorLine, collectionAuthor, frontTexts, settleAuthor, type PlacedLine } from '../../layout/authors.js';
import type { StreamBlock } from '../../layout/blocks.js';
import { planFront, textRole } from '../../layout/hinted.js';
import type { DefaultTreeAdapterMap, defaultTreeAdapter } from 'parse5';

type Document = DefaultTreeAdapterMap['document'];
import type { Block, Edition, Inline, MetaField, Note, NoteSection, SourcePos } from '../../model/edition.js';
import { emptyEdition, plainText, squash } from '../../model/walk.js';
import type { ReaderContext } from '../reader.js';
import { attr, classes, findAll, findFirst, isElement, isText, parseWithin, posOf, printedLines, squashedText, textContent, type Element, type Node } from './dom.js';
import { inlinesOf, tidy, type InlineContext } from './inlines.js';
import { dropLabelSpace, dropLeadingLabel, isMarker, linkBareMarkers, markerKey, pairAnchors, settleLinkedNotes } from '../../layout/note-pairing.js';
import { collectItems, tableRows, type Item } from './items.js';
import { readFieldLines } from './metadata.js';
import { lastUpdatedField } from '../../layout/info.js';
import { shapeLetter, type BodyEntry } from '../../layout/letter-frame.js';
import { noteOpening } from '../../layout/note-kinds.js';
import { isNotesHeading as isNotesHeadingLine } from '../../layout/rules.js';
import { htmlStream } from './stream.js';
import { parse5 } from './parse5.js';
import { titleEndsInDate } from '../../layout/title-date.js';

/**
 * parse5's default adapter copies a text node's location object each time the text grows
 * (once per character run); the location objects are the parser's own, fresh per node, so
 * updating them in place gives the same tree, faster.
 */
function fastLocations(): typeof defaultTreeAdapter {
  const adapter = parse5().defaultTreeAdapter;
  return {
    ...adapter,
    updateNodeSourceCodeLocation(node, endLocation) {
      if (node.sourceCodeLocation) Object.assign(node.sourceCodeLocation, endLocation);
      else adapter.updateNodeSourceCodeLocation(node, endLocation);
    },
  };
}

/** Made when a page is first read (parse5 is loaded then: parse5.ts). */
let FAST_LOCATIONS: typeof defaultTreeAdapter | undefined;

const HEADING = /^h([1-6])$/;

interface Pending {
  names: string[];
}

function headingLevel(el: Element): number | undefined {
  const m = HEADING.exec(el.tagName);
  return m ? Number(m[1]) : undefined;
}

/** The leading note label of a block: `[1]`, `1.`, `(1)`, `[A]` in a link, a `span.info`, or plain text in a notes section. */
interface NoteStart {
  label: string;
  /** The wrapper that holds only the label, left out of the note's text. */
  labelEl?: Element;
  names: string[];
  backHref?: string;
}

/** The first words of a block, the elements that wrap them, and the empty `<a name>`s before them. */
function leadingText(el: Element): { text: string; chain: Element[]; names: string[] } | undefined {
  const chain: Element[] = [];
  const names: string[] = [];
  const walk = (n: Node): string | undefined => {
    if (isText(n)) return n.value.trim() === '' ? undefined : n.value;
    if (!isElement(n) || n.tagName === 'br') return undefined;
    chain.push(n);
    for (const c of n.childNodes) {
      const t = walk(c);
      if (t !== undefined) return t;
    }
    chain.pop();
    const name = n.tagName === 'a' ? (attr(n, 'name') ?? attr(n, 'id')) : undefined;
    if (name) names.push(name);
    return undefined;
  };
  for (const c of el.childNodes) {
    const t = walk(c);
    if (t !== undefined) return { text: t, chain, names };
  }
  return undefined;
}

/**
 * The syntax of a block's first words (its label element, its links by `<a name>`), and
 * the engine's decision whether they open a note (`layout/note-kinds.ts`, NOTE_OPENINGS).
 */
function noteStart(el: Element, inNotes: boolean, targets: Set<string>, anchorNames: Set<string>, pending: Pending): NoteStart | undefined {
  const lead = leadingText(el);
  if (!lead) return undefined;
  const link = lead.chain.find((e) => e.tagName === 'a');
  const label = squash(lead.text);
  const labelEl = isMarker(label) ? lead.chain.find((e) => squashedText(e) === label) : undefined;
  const own = link ? (attr(link, 'name') ?? attr(link, 'id')) : undefined;
  const names = [...pending.names, ...lead.names, ...(own ? [own] : [])];
  const href = link && attr(link, 'href')?.startsWith('#') ? attr(link, 'href')!.slice(1) : undefined;
  const linked = names.some((n) => targets.has(n)) || (href !== undefined && anchorNames.has(href));
  const opening = noteOpening({ text: lead.text, labelElement: labelEl !== undefined, wrapped: lead.chain.length > 0, linked, inNotes });
  if (!opening) return undefined;
  if (opening.row.name === 'printed label') return { label: opening.label, names };
  const start: NoteStart = { label: opening.label, names };
  if (labelEl) start.labelEl = labelEl;
  if (href !== undefined) start.backHref = href;
  return start;
}

export class HtmlReading {
  readonly ed: Edition = emptyEdition('mia-html');
  private readonly ictx: InlineContext;
  private readonly body: BodyEntry[] = [];
  private section: NoteSection | undefined;
  private note: Note | undefined;
  /** Body blocks read under the open notes heading before its first note. */
  private sectionLead: BodyEntry[] = [];
  /** The heading element's level (undefined: a bold or `sub` paragraph) and hints, per notes section opened by a heading. */
  private readonly sectionHeads = new Map<NoteSection, { level: number | undefined; hints: StreamBlock['hints'] }>();
  /** The page's `<meta name="author">`, handed to the layout engine's author rules (`layout/authors.ts`). */
  private metaAuthor: PlacedLine | undefined;
  private readonly noteNames = new Map<Note, { names: string[]; backHref?: string }>();
  private readonly pending: Pending = { names: [] };
  private targets = new Set<string>();
  private anchorNames = new Set<string>();
  /** An information block was read after the text (at the foot of the page). */
  private footInfo = false;

  constructor(private readonly text: string, private readonly ctx: ReaderContext) {
    this.ictx = {
      anchors: [],
      pagesSeen: new Set(),
      drop: (text, reason, pos) => this.drop(text, reason, pos),
      image: (img) => this.ctx.diagnostics.report('image-not-encoded', `an image inside a line of text is not in the TEI: ${describeImage(img)}`, posOf(img)),
    };
  }

  private inl(el: Element | Node[], pos: SourcePos, skip?: Element): Inline[] {
    const nodes = Array.isArray(el) ? el : el.childNodes.filter((c) => c !== skip);
    return tidy(inlinesOf(nodes, this.ictx, pos));
  }

  private drop(text: string, reason: string, pos: SourcePos): void {
    this.ed.dropped.push({ text, reason, pos });
    this.ctx.diagnostics.report('furniture-dropped', `${reason}: "${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`, pos);
  }

  read(): Edition {
    const doc = parseWithin(this.text, (FAST_LOCATIONS ??= fastLocations()), this.ctx.limits, this.ctx.diagnostics);
    const html = doc.childNodes.find(isElement);
    const bodyEl = findFirst(doc, 'body');
    const lang = html && attr(html, 'lang') ? attr(html, 'lang')! : html ? attr(html, 'xml:lang') : undefined;
    if (lang) this.ed.metadata.language = lang.toLowerCase().split('-')[0]!;
    if (!bodyEl) {
      this.ctx.diagnostics.report('title-missing', 'the page has no <body>', { line: 1, column: 1 });
      return this.ed;
    }
    this.collectAnchorTargets(bodyEl);
    const items = collectItems(bodyEl, this.ictx.pagesSeen);
    const stream = htmlStream(items);
    const frontEnd = this.readFront(items, stream, doc);
    this.readText(items.slice(frontEnd), stream.slice(frontEnd));
    this.finish();
    return this.ed;
  }

  /** Every fragment a note anchor links to, and every name a note links back to. */
  private collectAnchorTargets(bodyEl: Element): void {
    for (const a of findAll(bodyEl, (e) => e.tagName === 'a')) {
      const href = attr(a, 'href');
      if (!href?.startsWith('#') || !isMarker(squashedText(a))) continue;
      this.targets.add(href.slice(1));
      const name = attr(a, 'name') ?? attr(a, 'id');
      if (name) this.anchorNames.add(name);
    }
  }

  // ---------------------------------------------------------------- front matter

  /**
   * Title, collection line, author, subtitle and information block, as the layout engine
   * plans them from the stream's hints (`layout/hinted.ts`); returns where the text starts.
   */
  private readFront(items: Item[], stream: readonly StreamBlock[], doc: Document): number {
    const plan = planFront(stream);
    plan.roles.forEach((role, i) => {
      const it = items[i]!;
      // An image in the front (a portrait beside the title): a figure at the start of the text, never dropped.
      if (it.kind === 'figure') return this.pushFigure(it);
      // Loose words the engine puts in the front: a `span.title` straight in the body, the collection line.
      if (it.kind === 'loose' && role === 'collection') return this.setLooseCollection(it.nodes, it.pos);
      if (it.kind !== 'block') return;
      const { el, pos } = it;
      switch (role) {
        case 'title':
          return this.setTitle(el, pos, plan.roles.includes('subtitle'));
        case 'collection':
          return this.setCollection(el, pos);
        case 'furniture':
          return this.dropBlock(el, pos, 'navigation links');
        case 'info':
          return this.readInfo(el, pos);
        case 'author':
          return this.setAuthor(el, pos, i < plan.titleAt);
        case 'subtitle':
          return this.setSubtitle(el, pos);
        case 'beforeHead':
          // A heading or line printed above the title ("<h3>Collected Works</h3>" over the <h1>) stays above it.
          (this.ed.body.beforeHead ??= []).push({ kind: 'p', children: this.inl(el, pos), pos });
          return;
        case 'argument':
          this.ed.body.argument.push({ kind: 'p', children: this.inl(el, pos), pos });
          return;
        case 'skip':
          // A block without words may hold an image (`<p><img …></p>` beside the title): a figure, never dropped silently.
          if (holdsImage(el)) for (const b of this.blocksOf(el, pos)) this.pushBlock(b);
          return;
      }
    });
    if (plan.titleAt < 0) this.titleFromHead(doc);
    const meta = findAll(doc, (e) => e.tagName === 'meta' && (attr(e, 'name') ?? '').toLowerCase() === 'author')[0];
    if (meta) this.metaAuthor = { text: attr(meta, 'content') ?? '', pos: posOf(meta) };
    return plan.end;
  }

  private setTitle(el: Element, pos: SourcePos, subtitled: boolean): void {
    // "…French Question<br /><small>June 16, 1921</small>" (no subtitle under it): the date is a date line under the title (layout/title-date.ts).
    const brAt = el.childNodes.findLastIndex((c) => isElement(c) && c.tagName === 'br');
    const after = brAt >= 0 ? el.childNodes.slice(brAt + 1) : [];
    const lines = printedLines(el);
    if (!subtitled && brAt >= 0 && titleEndsInDate(lines.map((l) => l.text)) && squash(after.map(textContent).join('')) === lines.at(-1)!.text) {
      this.ed.body.head = this.inl(el.childNodes.slice(0, brAt), pos);
      this.ed.body.argument.push({ kind: 'p', children: this.inl(after, lines.at(-1)!.pos), pos: lines.at(-1)!.pos });
    } else this.ed.body.head = this.inl(el, pos);
    this.ed.metadata.title = squash(plainText(this.ed.body.head));
  }

  /**
   * A `p.title` printed above the title names the collection or the larger work the page
   * belongs to ("Marx-Engels Correspondence 1873", "Karl Marx. Capital Volume One"): it
   * describes the page rather than being part of its text, so it goes to the header.
   */
  private setCollection(el: Element, pos: SourcePos): void {
    const value = this.inl(el, pos);
    if (value.length) this.ed.metadata.fields.push({ label: '', role: 'collection', value, pos });
    // The author it names, by the layout engine's rules ("Works of Frederick Engels 1885"); its printed lines are syntax.
    const named = collectionAuthor(squashedText(el), findAll(el, (e) => e.tagName === 'br').length + 1);
    if (named !== undefined && !this.ed.metadata.author) this.ed.metadata.author = { name: named, from: 'author-line', pos };
  }

  private setLooseCollection(nodes: Node[], pos: SourcePos): void {
    const value = this.inl(nodes, pos);
    if (value.length) this.ed.metadata.fields.push({ label: '', role: 'collection', value, pos });
    const named = collectionAuthor(squash(plainText(value)), 1 + nodes.reduce((n, c) => n + (isElement(c) ? findAll(c, (e) => e.tagName === 'br').length : 0), 0));
    if (named !== undefined && !this.ed.metadata.author) this.ed.metadata.author = { name: named, from: 'author-line', pos };
  }

  private setSubtitle(el: Element, pos: SourcePos): void {
    this.ed.body.subtitle = this.inl(el, pos);
    this.ed.metadata.subtitle = squash(plainText(this.ed.body.subtitle));
  }

  /**
   * The author line's name goes to the header. A line that says more than the name (a
   * year aside) is kept whole, so none of its words is lost: above the title it names the
   * larger work ("Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx"), a collection line in
   * the header; under the title it stays where it is printed.
   */
  private setAuthor(el: Element, pos: SourcePos, aboveTitle: boolean): void {
    const named = authorLine(squashedText(el));
    if (!named) return;
    this.ed.metadata.author = { name: named.name, from: 'author-line', pos };
    // "Vladimir Lenin's": the name's possessive over the title; the line as printed goes to the header, as page text has it.
    if (named.rest === 'possessive') {
      this.ed.metadata.fields.push({ label: '', role: 'collection', value: this.inl(el, pos), pos });
      return;
    }
    if (named.rest === 'more') {
      // Above the title, the line names the larger work too ("Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx"): the collection line, in the header.
      if (aboveTitle) this.ed.metadata.fields.push({ label: '', role: 'collection', value: this.inl(el, pos), pos });
      else this.ed.body.argument.push({ kind: 'p', children: this.inl(el, pos), pos });
    }
  }

  private titleFromHead(doc: Document): void {
    const t = findFirst(doc, 'title');
    const title = t ? squash(squashedText(t)) : '';
    if (t && title) {
      // The <title> names the page in the browser's tab, not in the text: a scholar finds it
      // in the header, and the body gets no head, since it prints none.
      this.ed.metadata.title = title;
      this.ctx.diagnostics.report('title-from-page-title', `the page prints no title; the header title "${title}" is the page's <title>`, posOf(t));
      return;
    }
    this.ctx.diagnostics.report('title-missing', 'the page has no heading and no <title>', { line: 1, column: 1 });
  }

  private readInfo(el: Element, pos: SourcePos): void {
    for (const field of readFieldLines(el, pos, this.ictx)) this.addField(field);
  }

  private addField(field: MetaField): void {
    this.ed.metadata.fields.push(field);
    if (field.role === 'other') {
      this.ctx.diagnostics.report('metadata-unknown-label', field.label ? `the metadata label "${field.label}" is unknown; kept as a note` : 'a metadata line has no label; kept as a note', field.pos);
    }
  }

  /** A dropped block goes one printed line a piece (a `<br>` ends a line, as in the page's text): "Max Bedacht Archive" is a line of its own. */
  private dropBlock(el: Element, pos: SourcePos, reason: string): void {
    const lines = printedLines(el);
    for (const [i, line] of lines.entries()) this.drop(squash(line.text), reason, i === 0 ? pos : line.pos);
  }

  // ---------------------------------------------------------------- text and notes

  private readText(items: Item[], stream: readonly StreamBlock[]): void {
    for (const [i, it] of items.entries()) {
      switch (it.kind) {
        case 'rule':
          break;
        case 'target':
          this.pending.names.push(it.name);
          break;
        case 'pb':
          this.pushBlock({ kind: 'pb', n: it.n, pos: it.pos });
          break;
        case 'figure':
          this.pushFigure(it);
          break;
        case 'loose': {
          const children = this.inl(it.nodes, it.pos);
          if (children.length) this.pushBlock({ kind: 'p', children, pos: it.pos });
          break;
        }
        case 'block':
          this.readBlock(it.el, it.pos, stream[i]!);
          this.pending.names = [];
          break;
      }
    }
  }

  /** A block of the text goes to the open note, if any, else to the body. */
  private pushBlock(block: Block, hints: StreamBlock['hints'] = {}): void {
    if (this.note) this.note.blocks.push(block);
    else {
      const entry = { block, hints };
      this.body.push(entry);
      // Under a notes heading, before its first note: the section's own paragraph if a note follows.
      if (this.section) this.sectionLead.push(entry);
    }
  }

  /** A block of the text: what the engine says its hints show (`textRole`), else text or a note. */
  private readBlock(el: Element, pos: SourcePos, block: StreamBlock): void {
    switch (textRole(block, this.footInfo)) {
      case 'furniture':
        return this.dropBlock(el, pos, 'navigation links');
      case 'skip':
        // A block without words may hold an image (`<p><img …></p>`): its figure.
        if (holdsImage(el)) break;
        return;
      case 'updated':
        return this.lastUpdated(el, pos);
      case 'info':
        // An information block printed after the text (1999–2002 pages put it at the foot).
        this.closeSection();
        this.footInfo = true;
        return this.readInfo(el, pos);
      case 'headerNote': {
        const value = this.inl(el, pos);
        if (value.length) this.addField({ label: '', role: 'other', value, pos });
        return;
      }
      case 'notesHeading':
        return this.openSection(el, pos, block.hints);
      case undefined:
        break;
    }
    const level = headingLevel(el);
    // A separator set as a heading ("<h3>* * *</h3>") under a notes heading, before its first
    // note: it parts the section's own paragraphs from its notes, it does not close the section.
    if (level !== undefined && this.section && !this.note && !/[\p{L}\p{N}]/u.test(squashedText(el))) {
      const children = this.inl(el, pos);
      if (children.length) this.pushBlock({ kind: 'p', children, pos }, block.hints);
      return;
    }
    if (level !== undefined) {
      this.closeSection();
      return this.pushBlock({ kind: 'heading', level, children: this.inl(el, pos), pos }, block.hints);
    }
    if (el.tagName === 'p' && this.notesInLines(el, pos)) return;
    if (el.tagName === 'p' || el.tagName === 'div') {
      const start = noteStart(el, this.section !== undefined, this.targets, this.anchorNames, this.pending);
      if (start) return this.openNote(el, pos, start);
    }
    for (const b of this.blocksOf(el, pos)) this.pushBlock(b, block.hints);
  }

  /**
   * `<p>Notes: [G.Seaman]<br/>1. …<br/>2. …</p>`: a paragraph whose first line is a notes
   * heading and whose lines after it open with note labels is a notes section, each labelled
   * line (and the lines under it, up to the next label) a note. Returns whether it was one.
   */
  private notesInLines(el: Element, pos: SourcePos): boolean {
    const lines: Node[][] = [[]];
    for (const c of el.childNodes) {
      if (isElement(c) && c.tagName === 'br') lines.push([]);
      lines[lines.length - 1]!.push(c);
    }
    if (lines.length < 2) return false;
    const part = (nodes: Node[]): Element => ({ ...el, childNodes: nodes, sourceCodeLocation: (nodes.find((n) => posOf(n, { line: 0, column: 0 }).line > 0) as Element | undefined)?.sourceCodeLocation ?? el.sourceCodeLocation });
    const heading = part(lines[0]!);
    if (!isNotesHeadingLine(squash(squashedText(heading)))) return false;
    const notes: Array<{ el: Element; start: NoteStart }> = [];
    for (const line of lines.slice(1)) {
      // A line's leading `<br>` belongs to the line before: the note's own line breaks stay inside it.
      const words = line.filter((n) => !(isElement(n) && n.tagName === 'br'));
      const start = words.length > 0 ? noteStart(part(words), true, this.targets, this.anchorNames, { names: [] }) : undefined;
      if (start) notes.push({ el: part(words), start });
      else if (notes.length > 0) notes[notes.length - 1]!.el.childNodes.push(...line);
      else if (squash(words.map((n) => textContent(n)).join('')) !== '') return false;
    }
    if (notes.length === 0) return false;
    this.openSection(heading, posOf(heading, pos));
    for (const n of notes) this.openNote(n.el, posOf(n.el, pos), n.start);
    return true;
  }

  /** An image standing as a block: a figure, its caption read as its head; an image without a file is reported, not dropped silently. */
  private pushFigure(it: Extract<Item, { kind: 'figure' }>): void {
    const figure = this.figureOf(it.img, it.pos, it.caption);
    if (figure) this.pushBlock(figure);
  }

  private figureOf(img: Element, pos: SourcePos, caption?: Element): Block | undefined {
    const url = imageUrl(img);
    const head = caption ? this.inl(caption, posOf(caption, pos)) : undefined;
    if (url === undefined) {
      this.ctx.diagnostics.report('image-without-source', `an image names no file: ${describeImage(img)}`, posOf(img, pos));
      // Its caption is the page's text all the same.
      return head && head.length > 0 ? { kind: 'p', children: head, pos } : undefined;
    }
    const figure: Block = { kind: 'figure', url, pos };
    const alt = xmlSafe(squash(attr(img, 'alt') ?? ''));
    if (alt !== '') figure.description = alt;
    if (head && head.length > 0) figure.head = head;
    return figure;
  }

  /** A data table: its rows and cells; a row of header cells (`th`) is a label row, a cell's `colspan` its `cols`. */
  private tableOf(el: Element, pos: SourcePos): Block {
    const rows = tableRows(el).map((cells) => {
      const rowPos = posOf(cells[0]!.parentNode as Element, pos);
      const row: Extract<Block, { kind: 'table' }>['rows'][number] = {
        cells: cells.map((cell) => {
          const span = Number(attr(cell, 'colspan') ?? '1');
          const c: Extract<Block, { kind: 'table' }>['rows'][number]['cells'][number] = { children: this.cellInlines(cell, posOf(cell, rowPos)), pos: posOf(cell, rowPos) };
          if (Number.isInteger(span) && span >= 2) c.cols = span;
          return c;
        }),
        pos: rowPos,
      };
      if (cells.every((c) => c.tagName === 'th')) row.role = 'label';
      return row;
    });
    return { kind: 'table', rows, pos };
  }

  /** A cell's words: its paragraphs one after the other, a line break between two (a cell holds no paragraphs in TEI's table as written here). */
  private cellInlines(cell: Element, pos: SourcePos): Inline[] {
    const out: Inline[] = [];
    for (const it of collectItems(cell, this.ictx.pagesSeen)) {
      let children: Inline[] = [];
      if (it.kind === 'block') children = this.inl(it.el, it.pos);
      else if (it.kind === 'loose') children = this.inl(it.nodes, it.pos);
      else if (it.kind === 'figure') this.ctx.diagnostics.report('image-not-encoded', `an image inside a table's cell is not in the TEI: ${describeImage(it.img)}`, it.pos);
      if (children.length === 0) continue;
      if (out.length > 0) out.push({ kind: 'lb', pos: it.pos });
      out.push(...children);
    }
    return out;
  }

  private lastUpdated(el: Element, pos: SourcePos): void {
    this.addField(lastUpdatedField(this.inl(el, pos), pos));
  }

  /** Block-level HTML → model blocks (paragraphs, quotations, lists, line groups). */
  private blocksOf(el: Element, pos: SourcePos): Block[] {
    switch (el.tagName) {
      case 'blockquote':
        return [{ kind: 'quote', blocks: this.childBlocks(el, pos), pos }];
      case 'ul':
      case 'ol':
        return [{ kind: 'list', ordered: el.tagName === 'ol', items: el.childNodes.filter(isElement).map((li) => this.inl(li, posOf(li, pos))), pos }];
      case 'table':
        return tableRows(el).length > 0 ? [this.tableOf(el, pos)] : [];
      case 'dl':
      case 'pre':
        return [{ kind: 'lines', lines: this.lines(el, pos), pos }];
      default: {
        // A paragraph that holds only images (`<p><img …></p>`): the figures, not an empty paragraph.
        const images = findAll(el, (e) => e.tagName === 'img');
        if (images.length > 0 && squashedText(el).replace(/\u00a0/g, ' ').trim() === '' && findAll(el, (e) => e.tagName === 'a' && attr(e, 'href') !== undefined).length === 0) {
          return images.flatMap((img) => this.figureOf(img, posOf(img, pos)) ?? []);
        }
        const children = this.inl(el, pos);
        if (children.length === 0) return [];
        const p: Block = { kind: 'p', children, pos };
        const cls = classes(el);
        // `p.indentb`, `p.quote`, `p.quoteb`: the MIA classes of a block quotation.
        if (cls.some((c) => c === 'indentb' || c === 'quote' || c === 'quoteb')) return [{ kind: 'quote', blocks: [p], pos }];
        return [p];
      }
    }
  }

  private childBlocks(el: Element, pos: SourcePos): Block[] {
    const out: Block[] = [];
    for (const it of collectItems(el, this.ictx.pagesSeen)) {
      if (it.kind === 'block') out.push(...this.blocksOf(it.el, it.pos));
      else if (it.kind === 'loose') {
        const children = this.inl(it.nodes, it.pos);
        if (children.length) out.push({ kind: 'p', children, pos: it.pos });
      } else if (it.kind === 'pb') out.push({ kind: 'pb', n: it.n, pos: it.pos });
    }
    return out.length ? out : [{ kind: 'p', children: [], pos }];
  }

  /** Rows of a table, items of a definition list, lines of a `pre`: one printed line each. */
  private lines(el: Element, pos: SourcePos): Inline[][] {
    if (el.tagName === 'pre') {
      const out: Inline[][] = [[]];
      for (const n of inlinesOf(el.childNodes, this.ictx, pos)) {
        if (n.kind === 'lb') out.push([]);
        else out.at(-1)!.push(n);
      }
      return out.map(tidy).filter((l) => l.length);
    }
    const rows = findAll(el, (e) => e.tagName === 'tr' || e.tagName === 'dt' || e.tagName === 'dd');
    const lines = rows.map((r) => this.inl(r.tagName === 'tr' ? r.childNodes.flatMap((c) => [c, { nodeName: '#text', value: ' ', parentNode: null } as Node]) : r, posOf(r, pos)));
    return lines.filter((l) => l.length);
  }

  private openSection(el: Element, pos: SourcePos, hints: StreamBlock['hints'] = {}): void {
    this.closeSection();
    this.section = { heading: this.inl(el, pos), notes: [], pos };
    this.sectionHeads.set(this.section, { level: headingLevel(el), hints });
    this.ed.notes.push(this.section);
  }

  private closeSection(): void {
    this.headingOverProse();
    this.section = undefined;
    this.note = undefined;
    this.sectionLead = [];
  }

  /**
   * A notes heading over paragraphs of prose and no note ("Publisher's Note" over a front
   * section) heads a section of the text: it goes to
   * the body where it is printed, as page text keeps it, not dropped as an empty notes heading.
   */
  private headingOverProse(): void {
    const s = this.section;
    const head = s ? this.sectionHeads.get(s) : undefined;
    if (!s || !head || !s.heading || s.notes.length > 0 || !this.sectionLead.some((e) => e.block.kind === 'p')) return;
    const at = this.body.indexOf(this.sectionLead[0]!);
    if (at < 0) return;
    const block: Block = head.level !== undefined ? { kind: 'heading', level: head.level, children: s.heading, pos: s.pos } : { kind: 'p', children: s.heading, pos: s.pos };
    this.body.splice(at, 0, { block, hints: head.hints });
    this.ed.notes = this.ed.notes.filter((x) => x !== s);
  }

  private openNote(el: Element, pos: SourcePos, start: NoteStart): void {
    if (!this.section) {
      // Notes after the text without a heading (a rule, then `[A] …`): an unheaded section.
      this.section = { notes: [], pos };
      this.ed.notes.push(this.section);
    }
    if (this.sectionLead.length > 0 && this.section.notes.length === 0) {
      // Paragraphs printed between a notes heading and its first note belong to the section.
      const lead = new Set(this.sectionLead);
      this.section.blocks = this.sectionLead.map((e) => e.block);
      this.body.splice(0, this.body.length, ...this.body.filter((e) => !lead.has(e)));
    }
    this.sectionLead = [];
    const children = this.inl(el, pos, start.labelEl);
    let label = start.label;
    if (!start.labelEl) dropLeadingLabel(children, start.label);
    else {
      // `<a name="n1">1</a>. Text`: the stop that closes the label printed after its element.
      const first = children[0];
      const stop = first?.kind === 'text' && /^\d{1,3}$/.test(label) ? /^[.)](?=[\s\u00a0])/.exec(first.text) : null;
      if (stop && first?.kind === 'text') {
        label += stop[0];
        children[0] = { ...first, text: first.text.slice(1) };
      }
      dropLabelSpace(children);
    }
    const note: Note = { key: markerKey(start.label), label, type: 'unknown', place: 'end', blocks: [], pos, targets: [] };
    if (children.length) note.blocks.push({ kind: 'p', children, pos });
    this.section.notes.push(note);
    const link: { names: string[]; backHref?: string } = { names: start.names };
    if (start.backHref !== undefined) link.backHref = start.backHref;
    this.noteNames.set(note, link);
    this.note = note;
  }

  // ---------------------------------------------------------------- the engine's notes and letter frame

  private finish(): void {
    this.closeSection();
    // The author from the page's metadata or the footer's archive link, when no printed line names one (layout/authors.ts).
    const missing = 'no author line (h2, p.author), no <meta name="author"> and no archive link';
    const head = this.ed.body.head[0];
    const title = head ? { title: { text: this.ed.metadata.title, pos: head.pos } } : {};
    // What the page prints before its text proper, where a surname the footer names is found in full ("by Leon Trotsky").
    // Built only when a footer link names a surname alone; the first three paragraphs' text only.
    const front = (): string[] => {
      const firstParagraphs: string[] = [];
      for (const b of [...this.ed.body.argument, ...this.body.map((e) => e.block)]) {
        if (firstParagraphs.length === 3) break;
        if (b.kind === 'p') firstParagraphs.push(plainText(b.children));
      }
      return frontTexts(this.ed, firstParagraphs);
    };
    settleAuthor(this.ed, { ...title, ...(this.metaAuthor ? { metadata: this.metaAuthor } : {}), footer: this.ed.dropped, front, missing }, this.ctx.diagnostics);
    settleLinkedNotes(this.ed, this.noteNames, (text, reason, pos) => this.drop(text, reason, pos));
    const paired = pairAnchors(this.noteNames, this.ictx.anchors);
    const shaped = shapeLetter(this.body);
    this.ed.body.blocks = shaped.blocks;
    if (shaped.opener) this.ed.body.opener = shaped.opener;
    // The addressee over the salutation: a line before the opener, as the lines under the title are.
    if (shaped.addressee) this.ed.body.argument.push(shaped.addressee);
    if (shaped.closer) this.ed.body.closer = shaped.closer;
    if (shaped.postscript) this.ed.body.postscript = { blocks: shaped.postscript, pos: shaped.postscript[0]!.pos };
    if (shaped.letter) this.ed.body.divType = 'letter';
    linkBareMarkers(this.ed, paired);
  }
}

const holdsImage = (el: Element): boolean => findAll(el, (e) => e.tagName === 'img').length > 0;

/** The image's file as the page names it, white space escaped (a URL has none); undefined when it names none. */
function imageUrl(img: Element): string | undefined {
  const src = (attr(img, 'src') ?? '').trim();
  return src === '' ? undefined : xmlSafe(src.replace(/\s/g, (c) => encodeURIComponent(c)));
}

/** An attribute's words as XML can hold them: a character XML forbids (a control, a lone surrogate) becomes U+FFFD. */
const xmlSafe = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, '\uFFFD');

/** "diagram12.jpg ("[Diagram 12: …]")": an image named in a diagnostic. */
function describeImage(img: Element): string {
  const alt = squash(attr(img, 'alt') ?? '');
  const src = attr(img, 'src') ?? '';
  return `${src === '' ? '(no src)' : src}${alt !== '' ? ` ("${alt.length > 60 ? `${alt.slice(0, 57)}…` : alt}")` : ''}`;
}

export function readMiaHtml(text: string, ctx: ReaderContext): Edition {
  return new HtmlReading(text, ctx).read();
}

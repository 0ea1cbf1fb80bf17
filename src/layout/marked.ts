/**
 * The layout engine's reading of a marked-up stream (markdown: MIA's own house style and
 * the pandoc/Hugo copies). The syntax says what page text cannot: heading levels, rules,
 * quotes, tables, a labelled line, a link bar; the zones are still the engine's:
 *
 *   furniture          link bars, template markup, "Last updated", the breadcrumb rows of `rules.ts`
 *   title zone         headings (and short lines) above the first rule or the first long paragraph;
 *                      the most important heading is the title ("# For the Party <sup>1</sup>"),
 *                      a name or "Name 1922" above it the author line, a date line under it
 *                      the dateline ("*March 1912*"), a second heading the subtitle
 *   information block  paragraphs of labelled lines between two rules ("Source : …")
 *   opener, closer     salutation (and place-date) at the top; signature, salute, date line
 *                      and publication lines at the bottom
 *   notes              a notes heading (the `rules.ts` table) or the first linked note label
 *   author             a front matter, an author line, an "Author :" field, the footer's archive link
 *
 * Every syntactic question (what a label looks like, which marks a block's words carry,
 * where a block starts) goes to the reader's `MarkedSyntax`; nothing here parses markdown.
 * Linear in the size of the text: a constant number of passes over the blocks.
 */
import { advance } from '../model/source-text.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Block, Edition, Inline, MetaField, Note, NoteSection, SourcePos } from '../model/edition.js';
import { editionInlineLists, bodyInlineLists, emptyEdition, noteInlineLists, plainText, squash, visitInlines } from '../model/walk.js';
import { linkBareMarkers } from './note-pairing.js';
import { noteType } from './notes.js';
import type { BlockStream, StreamBlock } from './blocks.js';
import { isClosingSaluteLine, isSalutationLine, mayOpenPostscript, postscriptStart } from './letter.js';
import { NAME_PARTS_MAX, SHAPES, isNameOrSurname } from './shapes.js';
import { PRINTED_ANCHORS, printedAnchorAt, noteLabel as noteLabelRule, authorFrom, furnitureRule, infoSentence, INFO_SENTENCE_MAX, isDateLine as isDateLineRule, isNotesHeading as isNotesHeadingText, notesSectionType } from './rules.js';
import { footerAuthor, frontTexts } from './authors.js';

/** One field of an information-block paragraph, as the syntax splits and labels it. */
export interface InfoEntry {
  /** The label as printed (without its colon), when the line has one. */
  label?: string;
  pos: SourcePos;
  /** Where the value starts. */
  valuePos: SourcePos;
  /** The value's inlines (without the label). */
  value(): Inline[];
  /** The whole entry as a metadata field (role from the label table; reports an unknown label). */
  field(): MetaField;
}

/** What the engine asks a markup syntax about its blocks. */
export interface MarkedSyntax {
  /** The block's inlines, whole and trimmed; `probe` parses without reporting (a shape test). */
  inlines(b: StreamBlock, probe?: boolean): Inline[];
  /** `squash(plainText(inlines(b, true)))`: the block's words as a probe reads them. */
  plainWords(b: StreamBlock): string;
  /** False when the block's first inline cannot be a link (it opens with a word): no need to read it. */
  mayOpenWithLink(b: StreamBlock): boolean;
  /** Where the block's words start (after a heading's `#`s). */
  pos(b: StreamBlock): SourcePos;
  /** The block's printed lines, trimmed, each with its position (for furniture the engine drops). */
  printedLines(b: StreamBlock): Array<{ text: string; pos: SourcePos }>;
  /** The block's characters as printed, markup included (how long a paragraph is). */
  size(b: StreamBlock): number;
  /** The words of a short block with its emphasis marks and attributes left out ("**Notes**" → "Notes"). */
  bareText(b: StreamBlock): string;
  /** `bareText(b)` when it is at most `max` characters long, else undefined (only a long block's opening is read). */
  shortBareText(b: StreamBlock, max: number): string | undefined;
  /** A heading that opens with a set-apart span ("[Rosa Luxemburg]{.small} The Mass Strike"): the span's words. */
  leadingSpan(b: StreamBlock): string | undefined;
  /** Some line of the paragraph opens with a label (`Source : …`, `[Source:]{.info}`, `**Source:**`). */
  labelled(b: StreamBlock): boolean;
  /** The paragraph's fields: one at each labelled line and after each hard line break; `probe` reports nothing. */
  fields(b: StreamBlock, probe?: boolean): InfoEntry[];
  /** The footnote definitions (`[^1]: …`) read as notes: references to them are anchors, the others text. */
  footnotesKept(labels: Iterable<string>): void;
  /** Notes printed with these plain labels (`[1]`, `(1)`): the same marks in the text are anchors. */
  notesPrintedWith(labels: Iterable<string>): void;
}

/** What a front matter already says; the engine places it. */
export interface FrontMatterFacts {
  /** The title given by the front matter, and whether it wins over the page's headings (Hugo). */
  title?: { text: string; pos: SourcePos };
  titleWins?: boolean;
  /** The front matter's title as a field, kept when the page's title heading says otherwise. */
  titleField?: MetaField;
  author?: { name: string; pos: SourcePos };
  fields: MetaField[];
}


interface Ctx {
  syntax: MarkedSyntax;
  diagnostics: Diagnostics;
  ed: Edition;
  /** `isNotesHeading` of the blocks asked so far. */
  notesHeadings: Map<StreamBlock, boolean>;
  /** `isFurniture` of the blocks asked so far (the zones ask a block more than once; its rows run regular expressions over its words). */
  furniture: Map<StreamBlock, boolean>;
}

type Heading = StreamBlock & { kind: 'heading' };
const isHeading = (b: StreamBlock): b is Heading => b.kind === 'heading';
const level = (b: StreamBlock): number => b.hints.level ?? 1;

/** Lays out a marked-up stream (see the file header). */
export function layoutMarked(stream: BlockStream & { marked: MarkedSyntax }, diagnostics: Diagnostics): Edition {
  const ed = emptyEdition(stream.profile);
  const front = stream.front;
  const ctx: Ctx = { syntax: stream.marked, diagnostics, ed, notesHeadings: new Map(), furniture: new Map() };
  const footnotes = trailingFootnotes(ctx, stream.blocks);
  const definitions = new Set(footnotes);
  const blocks = footnotes.length ? stream.blocks.filter((b) => !definitions.has(b)) : stream.blocks;
  const titleFromFront = front?.titleWins === true && front.title?.text !== undefined && front.title.text !== '';

  const notesAt = findNotes(ctx, blocks);
  const footerAt = findFooter(ctx, blocks, notesAt);
  const textEnd = notesAt ?? footerAt;

  // Title zone: everything before the first rule or the first real paragraph.
  let i = 0;
  const zone: StreamBlock[] = [];
  while (i < textEnd) {
    const b = blocks[i]!;
    if (b.kind === 'rule') break;
    // A block quote or a table is the text's: the title zone holds only lines and headings.
    if (b.kind === 'quote' || b.kind === 'table') break;
    if (b.kind === 'para' && !isFurniture(ctx, b) && ctx.syntax.size(b) > 200) break;
    // With the title in the front matter, headings in the text are the text's own (or its date line).
    if (titleFromFront && !isFurniture(ctx, b)) break;
    zone.push(b);
    i++;
  }
  // A more important heading right after the first rule is the work's title (the headings
  // above it named the collection): "## The First Five Years…", rule, "# On l'Humanité".
  if (blocks[i]?.kind === 'rule' && !titleFromFront) {
    let k = i;
    const extra: StreamBlock[] = [];
    while (k < textEnd && (blocks[k]!.kind === 'rule' || blocks[k]!.kind === 'heading')) if (blocks[k++]!.kind === 'heading') extra.push(blocks[k - 1]!);
    const levels = zone.flatMap((b) => (isHeading(b) ? [level(b)] : []));
    const top = Math.min(...levels);
    if (extra.some((h) => isHeading(h) && level(h) < top)) {
      zone.push(...extra);
      i = k;
    }
  }
  readTitleZone(ctx, zone, front, titleFromFront);

  // Information block: paragraphs of labelled lines between two rules.
  i = readInfoBlock(ctx, blocks, i, textEnd);
  const frontFields = [...(front?.fields ?? [])];
  // A front-matter title that is not the page's title (a mirror's copying slip) is kept, as printed.
  const frontTitle = front?.titleField;
  if (frontTitle && squash(plainText(frontTitle.value)) !== ed.metadata.title && !titleFromFront) {
    const after = frontFields.findIndex((f) => f.pos.line > frontTitle.pos.line);
    frontFields.splice(after < 0 ? frontFields.length : after, 0, frontTitle);
  }
  ed.metadata.fields.unshift(...frontFields);

  const body: Block[] = [];
  for (; i < textEnd; i++) {
    const b = blocks[i]!;
    if (isFurniture(ctx, b)) drop(ctx, b);
    else body.push(...toBlocks(ctx, b));
  }
  shapeBody(ctx, body);

  if (notesAt !== undefined) readNotes(ctx, blocks, notesAt, footerAt);
  if (footnotes.length) readFootnotes(ctx, footnotes);
  dropEmptyNoteSections(ctx);
  unwrapPageLinks(ed);
  linkPrintedMarkers(ed);
  for (let k = footerAt; k < blocks.length; k++) if (blocks[k]!.kind !== 'rule' && !blocks[k]!.hints.markup) drop(ctx, blocks[k]!);
  assignSeries(ed);

  if (!ed.metadata.title) diagnostics.report('title-missing', 'no title heading or front-matter title was found', { line: 1, column: 1 });
  if (!ed.metadata.author) authorFromLetterTitle(ed);
  if (!ed.metadata.author) authorFromFooter(ctx);
  typeNotes(ed);
  return ed;
}

/**
 * Who wrote each note, as in page text (`noteType`): its signature dash ("—Trans.", "—Ed.",
 * the author's name), else what its section's heading says ("Translator's Notes").
 */
function typeNotes(ed: Edition): void {
  const surname = ed.metadata.author?.name.split(' ').pop();
  for (const s of ed.notes) {
    const byHeading = notesSectionType(squash(plainText(s.heading ?? [])))?.type;
    for (const n of s.notes) n.type = noteType(n, surname, byHeading);
  }
}

// ---------------------------------------------------------------------------------------
// furniture

/** Template markup, a line of nothing but links, a breadcrumb row, "Last updated". */
function isFurniture(ctx: Ctx, b: StreamBlock): boolean {
  if (b.hints.markup) return true;
  if (b.kind !== 'para') return false;
  let known = ctx.furniture.get(b);
  if (known === undefined) {
    known = isFurniturePara(ctx, b);
    ctx.furniture.set(b, known);
  }
  return known;
}

/** `isFurniture` of a paragraph that is not template markup. */
function isFurniturePara(ctx: Ctx, b: StreamBlock): boolean {
  // The furniture rows that hold anywhere on a page: a breadcrumb, "Top of the page".
  if (b.lines.length === 1 && ctx.syntax.size(b) <= 300) {
    const row = furnitureRule(ctx.syntax.plainWords(b), 'top');
    if (row && row.name !== 'table of contents') return true;
  }
  if (/^last (?:updated|modified)\b/i.test(b.lines[0]!.text.trim())) return true;
  return b.hints.linksOnly === true;
}

/** Drops page furniture, one entry per printed line, each reported with its position. */
function drop(ctx: Ctx, b: StreamBlock): void {
  for (const { text, pos } of ctx.syntax.printedLines(b)) {
    const reason = b.hints.markup ? 'page markup' : /^last (?:updated|modified)/i.test(text) ? 'page date' : 'navigation';
    ctx.ed.dropped.push({ text, reason, pos });
    ctx.diagnostics.report('furniture-dropped', `${reason} dropped: ${squash(text).slice(0, 60)}`, pos);
  }
}

/** The first block of the trailing run of rules, furniture and markup. */
function findFooter(ctx: Ctx, blocks: readonly StreamBlock[], notesAt: number | undefined): number {
  let k = blocks.length;
  const floor = notesAt ?? 0;
  while (k > floor) {
    const b = blocks[k - 1]!;
    if (b.kind === 'rule' || isFurniture(ctx, b) || isFooterLine(ctx, b)) k--;
    else break;
  }
  return k;
}

/** A one-line paragraph at the bottom that a furniture row of the page's bottom names ("Next: …", "… Index"). */
function isFooterLine(ctx: Ctx, b: StreamBlock): boolean {
  if (b.kind !== 'para' || b.lines.length !== 1 || ctx.syntax.size(b) > 300) return false;
  const row = furnitureRule(ctx.syntax.plainWords(b), 'bottom');
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------
// title zone

/** Removes one wrapping `hi` (the italics of a date line is house style, not emphasis). */
function unwrapHi(list: Inline[]): Inline[] {
  return list.length === 1 && list[0]!.kind === 'hi' ? list[0].children : list;
}

const isDateLine = isDateLineRule;

/** Two to five capitalised words or initials: "G.V. Plekhanov", "Nikolai Bukharin", "James Connolly". */

function readTitleZone(ctx: Ctx, zone: StreamBlock[], front: FrontMatterFacts | undefined, titleFromFront: boolean): void {
  const { ed, syntax } = ctx;
  const headings = zone.filter(isHeading);
  let title: Heading | undefined;
  if (!titleFromFront) {
    title = headings.find((h) => h.hints.classes?.includes('title'));
    if (!title) for (const h of headings) if (!title || level(h) < level(title)) title = h;
  }
  if (title) {
    ed.body.head = syntax.inlines(title);
    ed.metadata.title = squash(plainText(ed.body.head));
  } else if (front?.title?.text) {
    ed.body.head = [{ kind: 'text', text: front.title.text, pos: front.title.pos }];
    ed.metadata.title = squash(front.title.text);
  }
  if (front?.author) ed.metadata.author = { name: front.author.name, from: 'front-matter', pos: front.author.pos };
  const titleLine = title?.lines[0]!.line;
  const seenTitle = (b: StreamBlock): boolean => titleLine === undefined || b.lines[0]!.line > titleLine;
  for (const b of zone) {
    if (b === title) continue;
    if (isFurniture(ctx, b)) {
      drop(ctx, b);
      continue;
    }
    const inl = b.kind === 'para' || b.kind === 'heading' ? syntax.inlines(b) : [];
    const words = squash(plainText(inl));
    if (!words) {
      // No words, but a note anchor (`<sup>1</sup>` alone): kept where it stands, not dropped unseen.
      if (inl.some((n) => n.kind === 'noteAnchor')) (seenTitle(b) ? ed.body.argument : beforeHead(ed)).push({ kind: 'p', children: inl, pos: syntax.pos(b) });
      continue;
    }
    const byline = SHAPES.nameAndYear.pattern.exec(words);
    if (!seenTitle(b) && !ed.metadata.author && (b.kind === 'heading' || !byline || !SHAPES.collection.pattern.test(words))) {
      // A heading, a name alone or a "Name 1922" line above the title names the author
      // ("## G.V. Plekhanov", "MN Roy", "Nikolai Bukharin 1922").
      // "#### [Rosa Luxemburg]{.small} The Mass Strike": the name is the span set apart, the rest names the book.
      const span = b.kind === 'heading' ? syntax.leadingSpan(b) : undefined;
      const name = span && isNameOrSurname(squash(span)) ? squash(span) : b.kind === 'heading' || !byline ? words : byline.groups!['name']!;
      if (isNameOrSurname(name)) {
        ed.metadata.author = { name, from: 'author-line', pos: syntax.pos(b) };
        beforeHead(ed).push({ kind: 'p', rend: 'byline', children: inl, pos: syntax.pos(b) });
        continue;
      }
    }
    // "by Name", "Speech by Name" under the title (the shared AUTHOR rows).
    if (seenTitle(b) && !ed.metadata.author) {
      const by = authorFrom(words, 'top');
      if (by && (by.rule.name === 'by X' || by.rule.name === 'speech by X')) ed.metadata.author = { name: by.name, from: 'author-line', pos: syntax.pos(b) };
    }
    // "by" on a line of its own, then the name: "by / **J. C. MARIATEGUI**".
    if (seenTitle(b) && !ed.metadata.author && /^by$/i.test(words)) {
      const next = zone[zone.indexOf(b) + 1];
      const name = next && next.kind === 'para' ? squash(plainText(syntax.inlines(next))) : '';
      if (name && isNameOrSurname(name)) ed.metadata.author = { name, from: 'author-line', pos: syntax.pos(next!) };
    }
    // The TEI writes head, subtitle, opener, argument in that order: a date line or a
    // subheading printed after lines of the argument stays in the argument, where it stands.
    if (b.kind === 'para' && seenTitle(b) && isDateLine(words) && !ed.body.opener?.dateline && !ed.body.argument.length) {
      ed.body.opener = { ...ed.body.opener, dateline: unwrapHi(inl), pos: ed.body.opener?.pos ?? syntax.pos(b) };
      continue;
    }
    if (b.kind === 'heading' && seenTitle(b) && !ed.body.subtitle && !ed.body.opener && !ed.body.argument.length) {
      ed.body.subtitle = inl;
      ed.metadata.subtitle = words;
      continue;
    }
    (seenTitle(b) ? ed.body.argument : beforeHead(ed)).push({ kind: 'p', children: inl, pos: syntax.pos(b) });
  }
}

/** The lines printed above the title, kept above it in the TEI. */
function beforeHead(ed: Edition): Block[] {
  ed.body.beforeHead ??= [];
  return ed.body.beforeHead;
}

// ---------------------------------------------------------------------------------------
// information block

/** Reads `rule, labelled paragraphs…, rule` at `i`; returns the index after it (or `i`). */
function readInfoBlock(ctx: Ctx, blocks: readonly StreamBlock[], i: number, end: number): number {
  let k = i;
  while (k < end && blocks[k]!.kind === 'rule') k++;
  const start = k;
  const paras: StreamBlock[] = [];
  while (k < end && blocks[k]!.kind === 'para' && !blocks[k]!.hints.markup) {
    paras.push(blocks[k]!);
    k++;
  }
  const closed = k < end && blocks[k]!.kind === 'rule';
  const labelled = paras.some((p) => ctx.syntax.labelled(p) || ctx.syntax.fields(p, true).some((e) => e.label === undefined && proseInfo(e.value()) !== undefined));
  if (!paras.length || !labelled || (!closed && paras.length > 6)) return start === i ? i : start;
  for (const p of paras) readInfoParagraph(ctx, p);
  return closed ? k + 1 : k;
}

/** A paragraph's fields: "Author : Jane Roe" names the author, a line without a label is kept as `other`. */
function readInfoParagraph(ctx: Ctx, p: StreamBlock): void {
  const { ed } = ctx;
  for (const entry of ctx.syntax.fields(p)) {
    if (entry.label !== undefined && /^(?:author|by)$/i.test(entry.label.trim()) && !ed.metadata.author) {
      // It goes to the header's author, not to a note.
      const name = squash(plainText(entry.value()));
      if (name) ed.metadata.author = { name, from: 'metadata', pos: entry.valuePos, label: { text: entry.label, pos: entry.pos } };
      continue;
    }
    if (entry.label !== undefined) ed.metadata.fields.push(entry.field());
    else if (proseInfo(entry.value())) {
      // A prose line of the block ("Transcribed by Daniel Gaido."): a field with its words as label.
      const value = entry.value();
      const prose = proseInfo(value)!;
      ed.metadata.fields.push({ label: prose.label, role: prose.rule.role, value: withoutLead(value, prose.label.length), pos: entry.pos });
    } else {
      ctx.diagnostics.report('metadata-unknown-label', 'an information-block line has no label; kept with role other', entry.pos);
      ed.metadata.fields.push({ label: '', role: 'other', value: entry.value(), pos: entry.pos });
    }
  }
}

/** The prose information row a field's words match ("Originally published in …"), from the shared table. */
const proseInfo = (value: Inline[]): ReturnType<typeof infoSentence> => {
  const first = value[0];
  // The label's words must stand in the first text node, so the value can be cut after them.
  if (first?.kind !== 'text') return undefined;
  // A prose row is at most 400 characters long (`infoSentence`): a longer value's words are
  // never built whole, a prefix longer than that says no.
  const prose = infoSentence(leadText(value, INFO_SENTENCE_MAX));
  return prose && prose.label.length <= first.text.length ? prose : undefined;
};

/** The inlines without the first `n` characters of their first text node (the label words). */
function withoutLead(value: Inline[], n: number): Inline[] {
  const first = value[0];
  if (first?.kind !== 'text') return value;
  const rest = first.text.slice(n);
  const lead = rest.length - rest.trimStart().length;
  return trimInlines([{ ...first, text: rest, pos: advance(first.pos, first.text, n + lead) }, ...value.slice(1)]);
}

// ---------------------------------------------------------------------------------------
// body

function toBlocks(ctx: Ctx, b: StreamBlock): Block[] {
  const pos = ctx.syntax.pos(b);
  switch (b.kind) {
    case 'para': {
      const children = ctx.syntax.inlines(b);
      if (!children.length) return [];
      if (children.every((n) => n.kind === 'pb')) return children.map((n) => ({ kind: 'pb', ...(n.kind === 'pb' && n.n ? { n: n.n } : {}), pos: n.pos }));
      // A signature the syntax marks as such (`<span class="signature">` in converted pages).
      return [b.hints.classes?.includes('signature') ? { kind: 'p', rend: 'signature', children, pos } : { kind: 'p', children, pos }];
    }
    case 'heading':
      return [{ kind: 'heading', level: level(b), children: ctx.syntax.inlines(b), pos }];
    case 'quote': {
      const blocks: Block[] = (b.parts ?? []).map((q) => ({ kind: 'p', children: ctx.syntax.inlines(q), pos: ctx.syntax.pos(q) }));
      return blocks.length ? [{ kind: 'quote', blocks, pos }] : [];
    }
    case 'table':
      return (b.parts ?? []).map((cell) => ({ kind: 'p', children: ctx.syntax.inlines(cell), pos: ctx.syntax.pos(cell) }));
    default:
      return [];
  }
}

/** Trims white space and line breaks at both ends of a run of inlines. */
export function trimInlines(list: Inline[]): Inline[] {
  // Indices found first, one slice after: shifting one blank node at a time was quadratic
  // on a paragraph of many blank nodes (a run of code spans holding spaces).
  const blank = (n: Inline): boolean => n.kind === 'lb' || (n.kind === 'text' && !n.text.trim());
  let from = 0;
  let to = list.length;
  while (from < to && blank(list[from]!)) from++;
  while (to > from && blank(list[to - 1]!)) to--;
  const out = list.slice(from, to);
  const first = out[0];
  if (first?.kind === 'text') {
    const lead = first.text.length - first.text.trimStart().length;
    out[0] = { ...first, text: first.text.trimStart(), pos: advance(first.pos, first.text, lead) };
  }
  const last = out[out.length - 1];
  if (last?.kind === 'text') out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out;
}

const words = (b: Block | undefined): string => (b && (b.kind === 'p' || b.kind === 'heading') ? squash(plainText(b.children)) : '');

/**
 * `words(b)` for a caller that looks at no more than `limit` characters of them (a date
 * line, a salutation, a postscript's opening): the same string when it is that short, else
 * a longer prefix of it. Only the opening of a long paragraph is squashed (the letter
 * rules ask every paragraph; squashing each whole was a tenth of reading).
 */
function leadWords(b: Block | undefined, limit: number): string {
  return b && (b.kind === 'p' || b.kind === 'heading') ? leadText(b.children, limit) : '';
}

/** `leadWords` of a run of inlines: `squash(plainText(list))` when at most `limit` long, else a prefix of it longer than `limit`. */
function leadText(list: readonly Inline[], limit: number): string {
  // The opening first (a long paragraph's text is not built whole): a prefix longer than the
  // first check, or the whole text when it is shorter.
  const first = 2 * limit + 2;
  const head = plainText(list, { upTo: first + 1 });
  if (head.length <= first) return squash(head);
  const opening = squash(head.slice(0, first));
  if (opening.length > limit) return opening;
  const text = plainText(list);
  for (let check = 2 * limit + 2; check < text.length; check *= 2) {
    // A prefix of the text squashes to a prefix of its squashed whole.
    const lead = squash(text.slice(0, check));
    if (lead.length > limit) return lead;
  }
  return squash(text);
}

/** How much of a paragraph's opening is read before its whole words are built to test it as a name. */
const NAME_OPENING = 100;

/**
 * `isNameOrSurname(words(b))`, the whole words built only when the opening allows a name: a
 * name's parts hold no white space and there are at most NAME_PARTS_MAX of them, so an
 * opening (a prefix of the words) with as many spaces as that is no name.
 */
function isNameBlock(b: Block): boolean {
  const lead = leadWords(b, NAME_OPENING);
  if (lead.length <= NAME_OPENING) return isNameOrSurname(lead);
  let spaces = 0;
  for (let i = lead.indexOf(' '); i >= 0; i = lead.indexOf(' ', i + 1)) if (++spaces >= NAME_PARTS_MAX) return false;
  return isNameOrSurname(words(b));
}

/** A signature: a short paragraph entirely bold (or bold italic), or a short name in capitals. */
function isSignature(b: Block | undefined): boolean {
  if (!b || b.kind !== 'p') return false;
  if (b.rend === 'signature') return true;
  const w = leadWords(b, 100);
  if (!w || w.length > 100) return false;
  const c = b.children.filter((n) => !(n.kind === 'text' && !n.text.trim()));
  if (c.length === 1 && c[0]!.kind === 'hi' && (c[0].rend === 'bold' || c[0].rend === 'bold italic')) return true;
  return SHAPES.capitals.pattern.test(w);
}

/** Splits a paragraph at its last line break (`Cordially yours,` + `G. Plekhanoff`). */
function splitAtBreak(list: Inline[]): [Inline[], Inline[]] | undefined {
  let k = -1;
  list.forEach((n, x) => {
    if (n.kind === 'lb') k = x;
  });
  return k < 0 ? undefined : [trimInlines(list.slice(0, k)), trimInlines(list.slice(k + 1))];
}

function shapeBody(ctx: Ctx, all: Block[]): void {
  const { body } = ctx.ed;
  // Page breaks before the first words stay at the head of the body; the opener comes after them.
  let lead = 0;
  while (all[lead]?.kind === 'pb') lead++;
  const leadingBreaks = all.slice(0, lead);
  // "P.S. …" after the signature: the closer is read before it, the postscript is the rest (layout/letter.ts).
  const ps = postscriptStart(all.slice(lead), (b) => (b.kind === 'p' && mayOpenPostscript(b.children) ? leadWords(b, 200) : undefined));
  const blocks = ps > 0 ? all.slice(lead, lead + ps) : all.slice(lead);
  const afterSignature = ps > 0 ? all.slice(lead + ps) : [];
  let first = 0;
  // Opener: an optional place-date line, then a salutation.
  const dateFirst = isDateLine(leadWords(blocks[0], 80)) && isSalutationLine(leadWords(blocks[1], 60)) ? 1 : 0;
  const salute = leadWords(blocks[dateFirst], 80);
  if (isSalutationLine(salute) && salute.length < 80) {
    const pos = blocks[0]!.pos;
    const opener = body.opener ?? { pos };
    const get = (b: Block): Inline[] => (b.kind === 'p' || b.kind === 'heading' ? b.children : []);
    if (dateFirst && opener.dateline) body.argument.push(blocks[0]!); // two date lines: keep the second as printed
    else if (dateFirst) opener.dateline = unwrapHi(get(blocks[0]!));
    opener.salute = get(blocks[dateFirst]!);
    body.opener = opener;
    body.divType = 'letter';
    first = dateFirst + 1;
  } else {
    // A short, wholly italic line before the text is an editorial argument.
    const b = blocks[0];
    if (b?.kind === 'p' && blocks.length > 1 && b.children.length === 1 && b.children[0]!.kind === 'hi' && b.children[0].rend === 'italic' && leadWords(b, 300).length < 300) {
      body.argument.push(b);
      first = 1;
    }
  }

  // Closer, from the end: publication notes and a date line after a signature, the salute before it.
  let last = blocks.length;
  const tail: Block[] = [];
  while (last > first && tail.length < 3) {
    const w = leadWords(blocks[last - 1], 200);
    if (blocks[last - 1]!.kind === 'p' && w && (SHAPES.publication.pattern.test(w) || isDateLine(w)) && w.length < 200) tail.unshift(blocks[--last]!);
    else break;
  }
  let closer: NonNullable<typeof body.closer> | undefined;
  const sig = blocks[last - 1];
  const split = sig?.kind === 'p' ? splitAtBreak(sig.children) : undefined;
  const nameAfterSalute = sig?.kind === 'p' && isClosingSaluteLine(leadWords(blocks[last - 2], 60)) && isNameBlock(sig);
  if (sig && last - 1 > first && (isSignature(sig) || nameAfterSalute)) {
    closer = { signed: (sig as Extract<Block, { kind: 'p' }>).children, pos: sig.pos };
    last--;
  } else if (sig?.kind === 'p' && split && isClosingSaluteLine(leadText(split[0], 60)) && leadText(split[1], 60).length < 60 && leadText(split[0], 60).length < 60 && last - 1 > first) {
    closer = { salute: split[0], signed: split[1], pos: sig.pos };
    last--;
  }
  if (closer) {
    const prev = blocks[last - 1];
    if (!closer.salute && prev && last - 1 > first && isClosingSaluteLine(leadWords(prev, 60)) && leadWords(prev, 60).length < 60 && prev.kind === 'p') {
      closer.salute = prev.children;
      closer.pos = prev.pos;
      last--;
    }
    for (const t of tail) {
      if (t.kind !== 'p') continue;
      if (SHAPES.publication.pattern.test(words(t))) body.publicationNotes.push({ children: t.children, pos: t.pos });
      else if (!closer.dateline) closer.dateline = t.children;
      else body.publicationNotes.push({ children: t.children, pos: t.pos });
    }
    body.closer = closer;
  } else last += tail.length;
  body.blocks = [...leadingBreaks, ...blocks.slice(first, last)];
  if (afterSignature.length > 0 && closer) {
    body.postscript = { blocks: afterSignature, pos: afterSignature[0]!.pos };
  } else body.blocks.push(...afterSignature);
}

// ---------------------------------------------------------------------------------------
// notes

function isNotesHeading(ctx: Ctx, b: StreamBlock): boolean {
  if ((b.kind !== 'heading' && b.kind !== 'para') || b.hints.markup) return false;
  // Asked of a block several times (finding the notes, their sections, the text after them):
  // its printed words do not change, so the answer is kept.
  let known = ctx.notesHeadings.get(b);
  if (known === undefined) {
    // A notes heading is never longer than the rule reads (60 characters).
    const text = ctx.syntax.shortBareText(b, 60);
    known = text !== undefined && isNotesHeadingText(text);
    ctx.notesHeadings.set(b, known);
  }
  return known;
}

/** The note label at the start of a paragraph: a link back to the text (`[1.](#f1)`) or a printed label. */
function noteLabel(list: Inline[]): { label: string; key: string; rest: Inline[]; linked: boolean } | undefined {
  const first = list[0];
  if (first?.kind === 'noteAnchor') return { label: first.marker, key: first.key, rest: trimInlines(list.slice(1)), linked: !!first.target };
  if (first?.kind !== 'text') return undefined;
  // The label may run over the first text node: a decoded reference ends a node
  // (`3)&nbsp;The …` reads as "3)\u00a0" and "The …"), so the leading text nodes are read as one.
  let lead = first.text;
  let nodes = 1;
  while (lead.length < 40 && list[nodes]?.kind === 'text') lead += (list[nodes++] as Extract<Inline, { kind: 'text' }>).text;
  const m = noteLabelRule(lead, true);
  if (!m) return undefined;
  // Cut after the label: whole nodes it took are dropped, the node it ends in is sliced.
  let cut = m.rest;
  let k = 0;
  while (k < nodes - 1 && cut >= (list[k] as Extract<Inline, { kind: 'text' }>).text.length) cut -= (list[k++] as Extract<Inline, { kind: 'text' }>).text.length;
  const at = list[k] as Extract<Inline, { kind: 'text' }>;
  const rest = [{ ...at, text: at.text.slice(cut), pos: advance(at.pos, at.text, cut) }, ...list.slice(k + 1)];
  return { label: m.label, key: m.key, rest: trimInlines(rest), linked: false };
}

/** Index of the notes section: a "Notes" heading, or the first paragraph opening with a linked note label. */
function findNotes(ctx: Ctx, blocks: readonly StreamBlock[]): number | undefined {
  let at: number | undefined;
  for (let k = 0; k < blocks.length; k++) if (isNotesHeading(ctx, blocks[k]!)) at = k;
  // Two notes sections ("Notes", then "Translator's Notes"): the notes open at the first
  // heading that has a note under it, not at the last heading.
  for (let k = 0; at !== undefined && k < at; k++) {
    if (isNotesHeading(ctx, blocks[k]!) && labelUnderHeading(ctx, blocks, k)) {
      at = k;
      break;
    }
  }
  if (at === undefined) {
    for (let k = 1; k < blocks.length; k++) {
      const b = blocks[k]!;
      if (b.kind !== 'para' || b.hints.markup || !ctx.syntax.mayOpenWithLink(b)) continue;
      const l = noteLabel(ctx.syntax.inlines(b, true));
      if (l?.linked && /\.$|^\[.*\]$/.test(l.label) && b.lines[0]!.line > 1) {
        at = k;
        break;
      }
    }
  }
  if (at === undefined) return undefined;
  // Notes printed with a plain label (`[1] …`, `(1) …`) make the same marker in the text an anchor.
  const plain: string[] = [];
  for (let k = at; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.kind !== 'para' || b.hints.markup) continue;
    const l = noteLabel(ctx.syntax.inlines(b, true));
    if (l && !l.linked && /^[[(]/.test(l.label)) plain.push(l.label);
  }
  ctx.syntax.notesPrintedWith(plain);
  return at;
}

/** How many paragraphs of its own a notes heading may have over its first note. */
const SECTION_HEADNOTE_MAX = 3;

/** A paragraph opening with a note label under the notes heading at `k`, after at most SECTION_HEADNOTE_MAX paragraphs of the section's own. */
function labelUnderHeading(ctx: Ctx, blocks: readonly StreamBlock[], k: number): boolean {
  let paragraphs = 0;
  for (let j = k + 1; j < blocks.length && paragraphs <= SECTION_HEADNOTE_MAX; j++) {
    const b = blocks[j]!;
    if (b.kind === 'rule') continue;
    if (b.kind !== 'para' || isNotesHeading(ctx, b)) return false;
    if (noteLabel(ctx.syntax.inlines(b, true))) return true;
    paragraphs++;
  }
  return false;
}

function readNotes(ctx: Ctx, blocks: readonly StreamBlock[], from: number, to: number): void {
  const { ed, syntax } = ctx;
  let section: NoteSection | undefined;
  let note: Note | undefined;
  // Words between the notes heading and the first note, kept as an unnumbered note until a
  // numbered note shows they are the section's own paragraphs ("Notes are by the editors.").
  let lead: { note: Note; pos: SourcePos } | undefined;
  const settleLead = (): void => {
    if (lead) ctx.diagnostics.report('marker-malformed', 'a paragraph in the notes section has no note number; kept as an unnumbered note', lead.pos);
    lead = undefined;
  };
  const newSection = (pos: SourcePos, heading?: Inline[]): NoteSection => {
    settleLead();
    const s: NoteSection = { notes: [], pos };
    if (heading) s.heading = heading;
    ed.notes.push(s);
    return s;
  };
  for (let k = from; k < to; k++) {
    const b = blocks[k]!;
    const pos = syntax.pos(b);
    // The first notes heading, and every further one ("**Translator's Notes**" after "**Notes**"): a section each.
    if (isNotesHeading(ctx, b)) {
      section = newSection(pos, [{ kind: 'text', text: squash(syntax.bareText(b)), pos }]);
      note = undefined;
      continue;
    }
    if (b.kind === 'rule') continue;
    if (isFurniture(ctx, b)) {
      drop(ctx, b);
      continue;
    }
    if (b.kind === 'heading') {
      const text = textAfterNotes(ctx, blocks, k, to);
      if (text > k) {
        // A part of the text printed after the notes: it goes on in the body, the notes stay where printed.
        settleLead();
        for (let j = k; j < text; j++) if (!isFurniture(ctx, blocks[j]!)) ed.body.blocks.push(...toBlocks(ctx, blocks[j]!));
        for (let j = k; j < text; j++) if (isFurniture(ctx, blocks[j]!)) drop(ctx, blocks[j]!);
        section = undefined;
        note = undefined;
        k = text - 1;
        continue;
      }
      section = newSection(pos, syntax.inlines(b));
      note = undefined;
      continue;
    }
    section ??= newSection(pos);
    const list = b.kind === 'para' ? syntax.inlines(b) : [];
    const l = b.kind === 'para' ? noteLabel(list) : undefined;
    if (l) {
      if (lead && section.notes.length === 1 && section.notes[0] === lead.note) {
        section.blocks = lead.note.blocks;
        section.notes = [];
        lead = undefined;
      }
      note = { key: l.key, label: l.label, type: 'editorial', place: 'end', blocks: [], pos, targets: [] };
      if (l.rest.length) note.blocks.push({ kind: 'p', children: l.rest, pos: l.rest[0]!.pos });
      section.notes.push(note);
      continue;
    }
    const more = toBlocks(ctx, b);
    if (note) note.blocks.push(...more);
    else if (more.length) {
      // Words between the notes heading and the first note: an unnumbered note, so nothing is lost.
      note = { key: '', label: '', type: 'editorial', place: 'end', blocks: more, pos, targets: [] };
      section.notes.push(note);
      lead = section.notes.length === 1 ? { note, pos } : undefined;
      if (!lead) ctx.diagnostics.report('marker-malformed', 'a paragraph in the notes section has no note number; kept as an unnumbered note', pos);
    }
  }
  settleLead();
}

/**
 * A heading among the notes that opens a part of the text printed after them ("Appendix"
 * over paragraphs): not a notes heading, and no note label in any paragraph up to the next
 * heading, some of them with words. Returns where that part ends, or `at` when the heading
 * is not one. In a letter with a closer the notes stay as they are (the closer ends the text).
 */
function textAfterNotes(ctx: Ctx, blocks: readonly StreamBlock[], at: number, to: number): number {
  if (ctx.ed.body.closer || isNotesHeading(ctx, blocks[at]!)) return at;
  let end = at + 1;
  let words = false;
  for (; end < to; end++) {
    const b = blocks[end]!;
    if (b.kind === 'heading') break;
    if (b.kind !== 'para' || isFurniture(ctx, b)) continue;
    if (noteLabel(ctx.syntax.inlines(b, true))) return at;
    if (/[\p{L}\p{N}]/u.test(ctx.syntax.bareText(b))) words = true;
  }
  return words ? end : at;
}

/**
 * The footnote definitions after the text (among rules and furniture only): the notes. A
 * definition in the middle of the text stays where it is, as text, its references too:
 * the notes are read in the order the source prints them.
 */
function trailingFootnotes(ctx: Ctx, blocks: readonly StreamBlock[]): StreamBlock[] {
  let k = blocks.length;
  while (k > 0) {
    const b = blocks[k - 1]!;
    if (b.hints.footnote !== undefined || b.kind === 'rule' || isFurniture(ctx, b)) k--;
    else break;
  }
  const notes = blocks.slice(k).filter((b) => b.hints.footnote !== undefined);
  ctx.syntax.footnotesKept(notes.map((b) => b.hints.footnote!));
  return notes;
}

/**
 * Markdown footnotes (`[^1]: …`), one note each, its indented paragraphs with it; after
 * the notes printed under a heading, as their own section.
 */
function readFootnotes(ctx: Ctx, blocks: readonly StreamBlock[]): void {
  const section: NoteSection = { notes: [], pos: ctx.syntax.pos(blocks[0]!) };
  let note: Note | undefined;
  for (const b of blocks) {
    const pos = ctx.syntax.pos(b);
    const children = ctx.syntax.inlines(b);
    const label = b.hints.footnote!;
    if (!note || note.label !== label || isFootnoteStart(b)) {
      note = { key: label, label, type: 'editorial', place: 'end', blocks: [], pos, targets: [] };
      section.notes.push(note);
    }
    if (children.length) note.blocks.push({ kind: 'p', children, pos });
  }
  ctx.ed.notes.push(section);
}

/** The first paragraph of a footnote (its definition), not an indented one continuing it. */
const isFootnoteStart = (b: StreamBlock): boolean => !/^(?: {4}|\t)/.test(b.lines[0]!.text);

/** A "Notes" heading with no note under it is page furniture of the converted page. */
function dropEmptyNoteSections(ctx: Ctx): void {
  for (const s of ctx.ed.notes.filter((x) => !x.notes.length)) {
    const text = squash(plainText(s.heading ?? []));
    if (!text) continue;
    ctx.ed.dropped.push({ text, reason: 'empty notes heading', pos: s.pos });
    ctx.diagnostics.report('furniture-dropped', `a "${text}" heading with no notes under it was dropped`, s.pos);
  }
  ctx.ed.notes = ctx.ed.notes.filter((x) => x.notes.length);
}

/**
 * Notes no anchor of the syntax points to (`1.` notes under a notes heading, the text
 * printing `[1]`; a marker split across inline HTML, `Party[<sup>1]</sup>`): the first
 * marker printed without a link in the text is the note's anchor, by the engine's rule for
 * every style (`linkBareMarkers`). A note whose key an anchor already has is paired.
 */
function linkPrintedMarkers(ed: Edition): void {
  if (!ed.notes.length) return;
  const keys = new Set<string>();
  visitInlines(editionInlineLists(ed), (n) => {
    if (n.kind === 'noteAnchor') keys.add(n.key);
  });
  // Every note paired (the common case): nothing waits for a printed marker.
  if (ed.notes.every((s) => s.notes.every((n) => keys.has(n.key)))) return;
  // A key whose first bare marker is a parenthesised number the PRINTED_ANCHORS row does not
  // take ("…; and\n(2) the forces": an enumeration) is left alone, as page text leaves it.
  const firstBare = new Map<string, boolean>();
  const parenthesised = PRINTED_ANCHORS.find((r) => r.name === 'parenthesised')!;
  visitInlines(bodyInlineLists(ed), (n) => {
    if (n.kind !== 'text') return;
    for (const m of n.text.matchAll(/\[([0-9A-Za-z*]{1,3})\]|\(([0-9]{1,2})\)|(\*{1,3})/g)) {
      const key = m[1] ?? m[2] ?? m[3]!;
      if (firstBare.has(key)) continue;
      firstBare.set(key, m[2] === undefined || printedAnchorAt(parenthesised, key, n.text, m.index)?.index === m.index);
    }
  });
  const paired = new Set(ed.notes.flatMap((s) => s.notes.filter((n) => keys.has(n.key) || firstBare.get(n.key) === false)));
  linkBareMarkers(ed, paired);
}

/** Two series of notes (numbers and letters or symbols) in one document get a `series` each. */
function assignSeries(ed: Edition): void {
  const style = (key: string): string => (/^[0-9]+$/.test(key) ? 'numeric' : /^[A-Za-z]$/.test(key) ? 'alpha' : 'symbol');
  const styles = new Set(ed.notes.flatMap((s) => s.notes.filter((n) => n.key).map((n) => style(n.key))));
  if (styles.size < 2) return;
  for (const s of ed.notes) {
    for (const n of s.notes) if (n.key) n.series = style(n.key);
    const one = new Set(s.notes.map((n) => n.series));
    if (one.size === 1) s.series = [...one][0]!;
  }
  const visit = (list: Inline[]): void => {
    for (const n of list) {
      if (n.kind === 'noteAnchor') n.series = style(n.key);
      if ('children' in n && Array.isArray(n.children)) visit(n.children);
    }
  };
  const lists: Inline[][] = [];
  const collect = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.kind === 'p' || b.kind === 'heading') lists.push(b.children);
      else if (b.kind === 'quote') collect(b.blocks);
      else if (b.kind === 'list') lists.push(...b.items);
      else if (b.kind === 'lines') lists.push(...b.lines);
      else if (b.kind === 'table') for (const r of b.rows) lists.push(...r.cells.map((c) => c.children));
      else if (b.kind === 'figure' && b.head) lists.push(b.head);
    }
  };
  collect(ed.body.blocks);
  collect(ed.body.beforeHead ?? []);
  collect(ed.body.argument);
  lists.push(ed.body.head);
  for (const s of ed.notes) for (const n of s.notes) collect(n.blocks);
  lists.forEach(visit);
}

// ---------------------------------------------------------------------------------------
// links inside the page

/**
 * A link to a place in the same page (`[see above](#sec2)`, `[^\\[1\\]^](#fw01)` around a
 * note anchor) points at an id of the web page, which the TEI does not keep: a `ref` to it
 * would be a broken pointer. Its words stay, as text; note anchors are linked by key later.
 */
function unwrapPageLinks(ed: Edition): void {
  const unwrap = (list: Inline[]): void => {
    for (let k = 0; k < list.length; k++) {
      const n = list[k]!;
      if (n.kind === 'link' && n.href.startsWith('#')) {
        list.splice(k, 1, ...n.children);
        k--;
      } else if ('children' in n) unwrap(n.children);
      else if (n.kind === 'subst') {
        unwrap(n.del);
        unwrap(n.add);
      } else if (n.kind === 'choice') {
        unwrap(n.sic);
        unwrap(n.corr);
      }
    }
  };
  for (const list of bodyInlineLists(ed)) unwrap(list);
  for (const list of noteInlineLists(ed)) unwrap(list);
  for (const s of ed.notes) if (s.heading) unwrap(s.heading);
  for (const f of ed.metadata.fields) unwrap(f.value);
}

// ---------------------------------------------------------------------------------------
// author

/** A letter's title names its writer ("Engels to August Bebel"), as in every style. */
function authorFromLetterTitle(ed: Edition): void {
  const title = ed.body.head[0];
  if (!title || !(ed.body.divType === 'letter' || ed.body.opener?.salute)) return;
  const named = authorFrom(ed.metadata.title, 'top');
  if (named?.rule.name === 'letter title') ed.metadata.author = { name: named.name, from: 'author-line', pos: title.pos };
}

/** The archive link of the dropped footer names the author when nothing else does ("J. V. Stalin Archive"). */
function authorFromFooter(ctx: Ctx): void {
  // Any other archive link of the footer, as the layout engine reads it ("Leon Trotsky Internet Archive"); a
  // surname alone ("Trotsky Internet Archive") as the front prints it (layout/authors.ts).
  // Without a bracket a line has no link markup to take out.
  const lines = ctx.ed.dropped.map((d) => ({ text: d.text.includes('[') || d.text.includes(']') ? d.text.replace(/\]\([^)\n]*\)/g, '').replace(/[[\]]/g, '') : d.text, pos: d.pos }));
  // The first three paragraphs only (the plain text of every paragraph was built to keep three), when a link names a surname alone.
  const firstParagraphs = (): string[] => {
    const texts: string[] = [];
    for (const b of [ctx.ed.body.argument, ctx.ed.body.blocks].flat()) {
      if (texts.length === 3) break;
      if (b.kind === 'p') texts.push(plainText(b.children));
    }
    return texts;
  };
  const named = footerAuthor(lines, () => frontTexts(ctx.ed, firstParagraphs()));
  if (named) {
    ctx.ed.metadata.author = { name: named.name, from: 'footer', pos: named.pos };
    ctx.diagnostics.report('author-from-footer', `author "${named.name}" taken from the archive link in the navigation footer`, named.pos);
    return;
  }
  ctx.diagnostics.report('author-missing', 'no author line, front matter or archive link names the author', { line: 1, column: 1 });
}

/**
 * From raw markdown blocks to the edition model: title zone, information block, body
 * (opener, argument, closer), notes and page furniture. Shared by the MIA markdown reader
 * and the front-matter (pandoc / Hugo) reader, which differ only in where the title and
 * author come from and in a few syntax details the inline scanner already knows.
 */
import { authorFrom, furnitureRule, isNotesHeading as isLayoutNotesHeading } from '../../layout/rules.js';
import { Diagnostics } from '../../diagnostics.js';
import type { Block, Edition, Inline, MetaField, Note, NoteSection, SourcePos } from '../../model/edition.js';
import { bodyInlineLists, emptyEdition, noteInlineLists, plainText, squash } from '../../model/walk.js';
import type { ReaderContext } from '../reader.js';
import { isQuoteWrapped, splitBlocks, type RawBlock } from './blocks.js';
import { markerKey, parseInlines, type InlineEnv } from './inline.js';
import { matchLabel, metaField, trimInlines } from './metadata.js';
import type { Source } from './source.js';

export interface DocumentOptions {
  profile: string;
  /** First line (0-based) after a front matter. */
  firstLine: number;
  /** Title given by a front matter; preferred over a heading when `titleFromFront`. */
  frontTitle?: { text: string; pos: SourcePos };
  titleFromFront?: boolean;
  /** The front matter's title as a field, kept as a note when the title heading says otherwise. */
  frontTitleField?: MetaField;
  frontAuthor?: { name: string; pos: SourcePos };
  /** Metadata fields read from the front matter. */
  frontFields?: MetaField[];
}

/** A notes heading: the layout engine's table (every spelling any style showed). */
const NOTES_HEADING = { test: (s: string): boolean => isLayoutNotesHeading(s) };
const NOTE_LABEL = /^\s*(\[([0-9]{1,3}|[A-Za-z]|\*{1,3})\]|\(([0-9]{1,3})\)|([0-9]{1,3}|[A-Z])\.|(\*{1,3}|[†‡]))(?=\s)/;
const SALUTE = /^(?:my\s+)?(?:dear(?:est)?|comrades?|citizens?|sirs?|gentlemen|friends?|madam|brothers?|sisters?)\b[^.?]{0,60}$/i;
const CLOSING_SALUTE = /^(?:yours|your|with|cordially|fraternally|sincerely|greetings|ever|faithfully|best|salut|regards)\b[\s\S]{0,50}$/i;
const PUBLICATION = /^(?:first\s+)?(?:published|printed|written|reprinted)\b/i;
const YEAR = /\b1[5-9][0-9]{2}\b|\b20[0-9]{2}\b/;
const BYLINE = /^(.{3,60}?)\s+(1[5-9][0-9]{2}|20[0-9]{2})$/;
const COLLECTION = /\b(?:correspondence|works|collected|letters|writings|archive|selected|volume|chapter|index)\b/i;
const LINK_SEPARATORS = /^[\s|•·>»«\\\-–—:]*$/;

interface Ctx {
  src: Source;
  env: InlineEnv;
  diagnostics: Diagnostics;
  ed: Edition;
}

export function readMarkdownDocument(src: Source, rctx: ReaderContext, opts: DocumentOptions): Edition {
  const ed = emptyEdition(opts.profile);
  const diagnostics = rctx.diagnostics;
  const wrapped = isQuoteWrapped(src, opts.firstLine);
  const blocks = splitBlocks(src, opts.firstLine, wrapped);
  const plainMarkers = new Set<string>();
  const ctx: Ctx = { src, env: { src, diagnostics, plainMarkers, quoted: wrapped }, diagnostics, ed };

  const notesAt = findNotes(ctx, blocks, plainMarkers);
  const footerAt = findFooter(ctx, blocks, notesAt);
  const textEnd = notesAt ?? footerAt;

  // Title zone: everything before the first rule or the first real paragraph.
  let i = 0;
  const zone: RawBlock[] = [];
  while (i < textEnd) {
    const b = blocks[i]!;
    if (b.kind === 'rule') break;
    // A block quote or a table is the text's: the title zone holds only lines and headings.
    if (b.kind === 'quote' || b.kind === 'table') break;
    if (b.kind === 'para' && !isFurniture(ctx, b) && src.text.slice(b.start, b.end).length > 200) break;
    // With the title in the front matter, headings in the text are the text's own (or its date line).
    if (opts.titleFromFront && opts.frontTitle?.text && !isFurniture(ctx, b)) break;
    zone.push(b);
    i++;
  }
  // A more important heading right after the first rule is the work's title (the headings
  // above it named the collection): "## The First Five Years…", rule, "# On l'Humanité".
  if (blocks[i]?.kind === 'rule' && !(opts.titleFromFront && opts.frontTitle?.text)) {
    let k = i;
    const extra: RawBlock[] = [];
    while (k < textEnd && (blocks[k]!.kind === 'rule' || blocks[k]!.kind === 'heading')) if (blocks[k++]!.kind === 'heading') extra.push(blocks[k - 1]!);
    const levels = zone.flatMap((b) => (b.kind === 'heading' ? [b.level] : []));
    const top = Math.min(...levels);
    if (extra.some((h) => h.kind === 'heading' && h.level < top)) {
      zone.push(...extra);
      i = k;
    }
  }
  readTitleZone(ctx, zone, opts);

  // Information block: paragraphs of labelled lines between two rules.
  i = readInfoBlock(ctx, blocks, i, textEnd);
  const front = [...(opts.frontFields ?? [])];
  // A front-matter title that is not the page's title (a mirror's copying slip) is kept, as printed.
  const frontTitle = opts.frontTitleField;
  if (frontTitle && squash(plainText(frontTitle.value)) !== ed.metadata.title && !(opts.titleFromFront && opts.frontTitle?.text)) {
    const after = front.findIndex((f) => f.pos.line > frontTitle.pos.line);
    front.splice(after < 0 ? front.length : after, 0, frontTitle);
  }
  ed.metadata.fields.unshift(...front);

  const body: Block[] = [];
  for (; i < textEnd; i++) {
    const b = blocks[i]!;
    if (isFurniture(ctx, b)) drop(ctx, b);
    else body.push(...toBlocks(ctx, b));
  }
  shapeBody(ctx, body);

  if (notesAt !== undefined) readNotes(ctx, blocks, notesAt, footerAt);
  dropEmptyNoteSections(ctx);
  unwrapPageLinks(ed);
  for (let k = footerAt; k < blocks.length; k++) if (blocks[k]!.kind !== 'rule' && blocks[k]!.kind !== 'html') drop(ctx, blocks[k]!);
  assignSeries(ed);

  if (!ed.metadata.title) diagnostics.report('title-missing', 'no title heading or front-matter title was found', src.pos(0));
  if (!ed.metadata.author) authorFromFooter(ctx);
  return ed;
}

// ---------------------------------------------------------------------------------------
// furniture

function rawText(ctx: Ctx, b: { start: number; end: number }): string {
  return ctx.src.text.slice(b.start, b.end);
}

/** A paragraph made only of links and separators (navigation), or "Last updated" lines. */
function isFurniture(ctx: Ctx, b: RawBlock): boolean {
  if (b.kind === 'html') return true;
  if (b.kind !== 'para') return false;
  const raw = rawText(ctx, b).trim();
  // The layout engine's furniture rows that hold anywhere on a page: a breadcrumb, "Top of the page".
  if (raw.length <= 300 && !raw.includes('\n')) {
    const row = furnitureRule(squash(raw.replace(/\]\([^)\n]*\)/g, '').replace(/[[\]*_]/g, '')), 'top');
    if (row && row.name !== 'table of contents') return true;
  }
  // Navigation starts with a link, a list bullet, a separator or markup; anything else is text.
  if (!/^(?:[[<!\\|•>-]|last\b)/i.test(raw)) return false;
  if (/^!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?$/.test(raw.replace(/\n>?\s*/g, ' '))) return true; // an image: not text
  if (/^last (?:updated|modified)\b/i.test(raw) || /\{\{</.test(raw) || /^<\/?(?:li|ul)\b/i.test(raw)) return true;
  const inl = parseInlines({ ...ctx.env, diagnostics: new Diagnostics() }, b.start, b.end);
  let links = 0;
  for (const n of inl) {
    if (n.kind === 'link') links++;
    else if (n.kind === 'lb') continue;
    else if (n.kind === 'text' && LINK_SEPARATORS.test(n.text)) continue;
    else return false;
  }
  return links > 0;
}

/** Drops page furniture, one entry per printed line, each reported with its position. */
function drop(ctx: Ctx, b: RawBlock): void {
  const text = ctx.src.text;
  let s = b.start;
  while (s < b.end) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > b.end) e = b.end;
    const line = text.slice(s, e).trim();
    if (line) {
      const pos = ctx.src.pos(s + (text.slice(s, e).length - text.slice(s, e).trimStart().length));
      const reason = b.kind === 'html' ? 'page markup' : /^last (?:updated|modified)/i.test(line) ? 'page date' : 'navigation';
      ctx.ed.dropped.push({ text: line, reason, pos });
      ctx.diagnostics.report('furniture-dropped', `${reason} dropped: ${squash(line).slice(0, 60)}`, pos);
    }
    s = e + 1;
  }
}

/** The first block of the trailing run of rules, furniture and markup. */
function findFooter(ctx: Ctx, blocks: RawBlock[], notesAt: number | undefined): number {
  let k = blocks.length;
  const floor = notesAt ?? 0;
  while (k > floor) {
    const b = blocks[k - 1]!;
    if (b.kind === 'rule' || isFurniture(ctx, b) || (b.kind === 'para' && !rawText(ctx, b).replace(/[\s\u00a0]/g, ''))) k--;
    else break;
  }
  return k;
}

// ---------------------------------------------------------------------------------------
// title zone

function inlinesOf(ctx: Ctx, b: { start: number; end: number }, quoted = false): Inline[] {
  return trimInlines(parseInlines(quoted ? { ...ctx.env, quoted } : ctx.env, b.start, b.end));
}

/** Removes one wrapping `hi` (the italics of a date line is house style, not emphasis). */
function unwrapHi(list: Inline[]): Inline[] {
  return list.length === 1 && list[0]!.kind === 'hi' ? list[0].children : list;
}

function isDateLine(text: string): boolean {
  return text.length < 80 && YEAR.test(text) && !/[.!?]\s+\S/.test(text);
}

/** Two to five capitalised words or initials: "G.V. Plekhanov", "Nikolai Bukharin", "James Connolly". */
function isPersonName(s: string): boolean {
  const parts = s.split(/\s+/);
  return parts.length >= 1 && parts.length <= 5 && parts.every((w) => /^(?:[A-Z][\p{L}'’.-]*|de|von|van|la|le|du)$/u.test(w)) && !COLLECTION.test(s);
}

function readTitleZone(ctx: Ctx, zone: RawBlock[], opts: DocumentOptions): void {
  const { ed } = ctx;
  const headings = zone.filter((b): b is Extract<RawBlock, { kind: 'heading' }> => b.kind === 'heading');
  let title: Extract<RawBlock, { kind: 'heading' }> | undefined;
  if (!(opts.titleFromFront && opts.frontTitle?.text)) {
    title = headings.find((h) => /(?:^|\s)\.title\b/.test(h.attrs));
    if (!title) for (const h of headings) if (!title || h.level < title.level) title = h;
  }
  if (title) {
    ed.body.head = inlinesOf(ctx, title);
    ed.metadata.title = squash(plainText(ed.body.head));
  } else if (opts.frontTitle?.text) {
    ed.body.head = [{ kind: 'text', text: opts.frontTitle.text, pos: opts.frontTitle.pos }];
    ed.metadata.title = squash(opts.frontTitle.text);
  }
  if (opts.frontAuthor) ed.metadata.author = { name: opts.frontAuthor.name, from: 'front-matter', pos: opts.frontAuthor.pos };
  const seenTitle = (b: RawBlock): boolean => !title || b.line > title.line;
  for (const b of zone) {
    if (b === title) continue;
    if (isFurniture(ctx, b)) {
      drop(ctx, b);
      continue;
    }
    const inl = b.kind === 'para' || b.kind === 'heading' ? inlinesOf(ctx, b) : [];
    const words = squash(plainText(inl));
    if (!words) continue;
    const byline = BYLINE.exec(words);
    if (!seenTitle(b) && !ed.metadata.author && (b.kind === 'heading' || !byline || !COLLECTION.test(words))) {
      // A heading, a name alone or a "Name 1922" line above the title names the author
      // ("## G.V. Plekhanov", "MN Roy", "Nikolai Bukharin 1922").
      // "#### [Rosa Luxemburg]{.small} The Mass Strike": the name is the span set apart, the rest names the book.
      const span = b.kind === 'heading' ? /^\[([^\]\n]{3,60})\]\{[^}\n]*\}/.exec(rawText(ctx, b).trim()) : null;
      const name = span && isPersonName(squash(span[1]!)) ? squash(span[1]!) : b.kind === 'heading' || !byline ? words : byline[1]!;
      if (isPersonName(name)) {
        ed.metadata.author = { name, from: 'author-line', pos: ctx.src.pos(b.start) };
        beforeHead(ed).push({ kind: 'p', rend: 'byline', children: inl, pos: ctx.src.pos(b.start) });
        continue;
      }
    }
    // "by" on a line of its own, then the name: "by / **J. C. MARIATEGUI**".
    if (seenTitle(b) && !ed.metadata.author && /^by$/i.test(words)) {
      const next = zone[zone.indexOf(b) + 1];
      const name = next && next.kind === 'para' ? squash(plainText(inlinesOf(ctx, next))) : '';
      if (name && isPersonName(name)) ed.metadata.author = { name, from: 'author-line', pos: ctx.src.pos(next!.start) };
    }
    // The TEI writes head, subtitle, opener, argument in that order: a date line or a
    // subheading printed after lines of the argument stays in the argument, where it stands.
    if (b.kind === 'para' && seenTitle(b) && isDateLine(words) && !ed.body.opener?.dateline && !ed.body.argument.length) {
      ed.body.opener = { ...ed.body.opener, dateline: unwrapHi(inl), pos: ed.body.opener?.pos ?? ctx.src.pos(b.start) };
      continue;
    }
    if (b.kind === 'heading' && seenTitle(b) && !ed.body.subtitle && !ed.body.opener && !ed.body.argument.length) {
      ed.body.subtitle = inl;
      ed.metadata.subtitle = words;
      continue;
    }
    (seenTitle(b) ? ed.body.argument : beforeHead(ed)).push({ kind: 'p', children: inl, pos: ctx.src.pos(b.start) });
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
function readInfoBlock(ctx: Ctx, blocks: RawBlock[], i: number, end: number): number {
  let k = i;
  while (k < end && blocks[k]!.kind === 'rule') k++;
  const start = k;
  const paras: Array<Extract<RawBlock, { kind: 'para' }>> = [];
  while (k < end && blocks[k]!.kind === 'para') {
    paras.push(blocks[k] as Extract<RawBlock, { kind: 'para' }>);
    k++;
  }
  const closed = k < end && blocks[k]!.kind === 'rule';
  const labelled = paras.some((p) => lineStarts(ctx, p).some((s) => matchLabel(ctx.src.text, s, true)));
  if (!paras.length || !labelled || (!closed && paras.length > 6)) return start === i ? i : start;
  for (const p of paras) readInfoParagraph(ctx, p);
  return closed ? k + 1 : k;
}

function lineStarts(ctx: Ctx, p: { start: number; end: number }): number[] {
  const out = [p.start];
  for (let k = ctx.src.text.indexOf('\n', p.start); k >= 0 && k < p.end; k = ctx.src.text.indexOf('\n', k + 1)) out.push(skipQuote(ctx, k + 1));
  return out;
}

/** In a page wrapped in a block quote, a line's text starts after its `> `. */
function skipQuote(ctx: Ctx, at: number): number {
  if (!ctx.env.quoted) return at;
  const m = /^\s{0,3}> ?/.exec(ctx.src.text.slice(at, at + 6));
  return m ? at + m[0].length : at;
}

/** Splits a paragraph into fields: a field starts at a labelled line or after a hard break. */
function readInfoParagraph(ctx: Ctx, p: { start: number; end: number }): void {
  const { src } = ctx;
  const text = src.text;
  const fieldStarts: number[] = [];
  let prevHard = true;
  for (const lineStart of lineStarts(ctx, p)) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > p.end) lineEnd = p.end;
    const line = text.slice(lineStart, lineEnd);
    if (prevHard || matchLabel(text, lineStart, true)) fieldStarts.push(lineStart);
    prevHard = /\\$|\s{2,}$/.test(line);
  }
  for (let f = 0; f < fieldStarts.length; f++) {
    const s = fieldStarts[f]!;
    let e = f + 1 < fieldStarts.length ? text.lastIndexOf('\n', fieldStarts[f + 1]!) : p.end;
    if (text[e - 1] === '\\') e--;
    const match = matchLabel(text, s, false);
    if (match && /^(?:author|by)$/i.test(match.label.trim()) && !ctx.ed.metadata.author) {
      // "Author : Jane Roe" names the author: it goes to the header's author, not to a note.
      const name = squash(plainText(parseInlines(ctx.env, match.valueStart, e)));
      if (name) ctx.ed.metadata.author = { name, from: 'metadata', pos: src.pos(match.valueStart) };
      continue;
    }
    if (match) ctx.ed.metadata.fields.push(metaField(ctx.env, s, match, e));
    else {
      const pos = src.pos(s);
      ctx.diagnostics.report('metadata-unknown-label', 'an information-block line has no label; kept with role other', pos);
      ctx.ed.metadata.fields.push({ label: '', role: 'other', value: inlinesOf(ctx, { start: s, end: e }), pos });
    }
  }
}

// ---------------------------------------------------------------------------------------
// body

function toBlocks(ctx: Ctx, b: RawBlock): Block[] {
  const pos = ctx.src.pos(b.start);
  switch (b.kind) {
    case 'para': {
      const children = inlinesOf(ctx, b);
      if (!children.length) return [];
      if (children.every((n) => n.kind === 'pb')) return children.map((n) => ({ kind: 'pb', ...(n.kind === 'pb' && n.n ? { n: n.n } : {}), pos: n.pos }));
      // `<span class="signature">` marks the signature in converted pages.
      return [/^<span\s+class="signature"/.test(rawText(ctx, b).trim()) ? { kind: 'p', rend: 'signature', children, pos } : { kind: 'p', children, pos }];
    }
    case 'heading':
      return [{ kind: 'heading', level: b.level, children: inlinesOf(ctx, b), pos }];
    case 'quote': {
      const blocks: Block[] = b.paras.map((q) => ({ kind: 'p', children: inlinesOf(ctx, q, true), pos: ctx.src.pos(q.start) }));
      return blocks.length ? [{ kind: 'quote', blocks, pos }] : [];
    }
    case 'table':
      return b.cells.map((cell) => ({ kind: 'p', children: cellInlines(ctx, cell), pos: ctx.src.pos(cell[0]!.start) }));
    case 'rule':
    case 'html':
      return [];
  }
}

function cellInlines(ctx: Ctx, cell: Array<{ start: number; end: number }>): Inline[] {
  const out: Inline[] = [];
  cell.forEach((seg, n) => {
    let end = seg.end;
    const hard = ctx.src.text[end - 1] === '\\';
    if (hard) end--;
    out.push(...parseInlines(ctx.env, seg.start, end));
    if (n + 1 < cell.length) out.push(hard ? { kind: 'lb', pos: ctx.src.pos(end) } : { kind: 'text', text: ' ', pos: ctx.src.pos(end) });
  });
  return trimInlines(out);
}

const words = (b: Block | undefined): string => (b && (b.kind === 'p' || b.kind === 'heading') ? squash(plainText(b.children)) : '');

/** A signature: a short paragraph entirely bold (or bold italic), or a short name in capitals. */
function isSignature(b: Block | undefined): boolean {
  if (!b || b.kind !== 'p') return false;
  if (b.rend === 'signature') return true;
  const w = words(b);
  if (!w || w.length > 100) return false;
  const c = b.children.filter((n) => !(n.kind === 'text' && !n.text.trim()));
  if (c.length === 1 && c[0]!.kind === 'hi' && (c[0].rend === 'bold' || c[0].rend === 'bold italic')) return true;
  return w.length <= 60 && /^[A-Z][A-Z .,'’-]+$/.test(w) && /[A-Z]{2}/.test(w);
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
  const blocks = all.slice(lead);
  let first = 0;
  // Opener: an optional place-date line, then a salutation.
  const dateFirst = isDateLine(words(blocks[0])) && SALUTE.test(words(blocks[1])) ? 1 : 0;
  if (SALUTE.test(words(blocks[dateFirst])) && words(blocks[dateFirst]).length < 80) {
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
    if (b?.kind === 'p' && blocks.length > 1 && b.children.length === 1 && b.children[0]!.kind === 'hi' && b.children[0].rend === 'italic' && words(b).length < 300) {
      body.argument.push(b);
      first = 1;
    }
  }

  // Closer, from the end: publication notes and a date line after a signature, the salute before it.
  let last = blocks.length;
  const tail: Block[] = [];
  while (last > first && tail.length < 3) {
    const w = words(blocks[last - 1]);
    if (blocks[last - 1]!.kind === 'p' && w && (PUBLICATION.test(w) || isDateLine(w)) && w.length < 200) tail.unshift(blocks[--last]!);
    else break;
  }
  let closer: NonNullable<typeof body.closer> | undefined;
  const sig = blocks[last - 1];
  const split = sig?.kind === 'p' ? splitAtBreak(sig.children) : undefined;
  const nameAfterSalute = sig?.kind === 'p' && isPersonName(words(sig)) && CLOSING_SALUTE.test(words(blocks[last - 2]));
  if (sig && last - 1 > first && (isSignature(sig) || nameAfterSalute)) {
    closer = { signed: (sig as Extract<Block, { kind: 'p' }>).children, pos: sig.pos };
    last--;
  } else if (sig?.kind === 'p' && split && CLOSING_SALUTE.test(squash(plainText(split[0]))) && squash(plainText(split[1])).length < 60 && squash(plainText(split[0])).length < 60 && last - 1 > first) {
    closer = { salute: split[0], signed: split[1], pos: sig.pos };
    last--;
  }
  if (closer) {
    const prev = blocks[last - 1];
    if (!closer.salute && prev && last - 1 > first && CLOSING_SALUTE.test(words(prev)) && words(prev).length < 60 && prev.kind === 'p') {
      closer.salute = prev.children;
      closer.pos = prev.pos;
      last--;
    }
    for (const t of tail) {
      if (t.kind !== 'p') continue;
      if (PUBLICATION.test(words(t))) body.publicationNotes.push({ children: t.children, pos: t.pos });
      else if (!closer.dateline) closer.dateline = t.children;
      else body.publicationNotes.push({ children: t.children, pos: t.pos });
    }
    body.closer = closer;
  } else last += tail.length;
  body.blocks = [...leadingBreaks, ...blocks.slice(first, last)];
}

// ---------------------------------------------------------------------------------------
// notes

function isNotesHeading(ctx: Ctx, b: RawBlock): boolean {
  if (b.kind !== 'heading' && b.kind !== 'para') return false;
  const raw = rawText(ctx, b).replace(/[*_#]/g, '').replace(/\{[^}]*\}/g, '').trim();
  return NOTES_HEADING.test(raw);
}

/** The note label at the start of a paragraph: a link back to the text (`[1.](#f1)`) or a printed label. */
function noteLabel(list: Inline[]): { label: string; key: string; rest: Inline[]; linked: boolean } | undefined {
  const first = list[0];
  if (first?.kind === 'noteAnchor') return { label: first.marker, key: first.key, rest: trimInlines(list.slice(1)), linked: !!first.target };
  if (first?.kind !== 'text') return undefined;
  const m = NOTE_LABEL.exec(first.text);
  if (!m) return undefined;
  const label = m[1]!;
  const key = markerKey(label) ?? label;
  const cut = m[0].length;
  const rest = [{ ...first, text: first.text.slice(cut), pos: { line: first.pos.line, column: first.pos.column + cut } }, ...list.slice(1)];
  return { label, key, rest: trimInlines(rest), linked: false };
}

/** Index of the notes section: a "Notes" heading, or the first paragraph opening with a linked note label. */
function findNotes(ctx: Ctx, blocks: RawBlock[], plainMarkers: Set<string>): number | undefined {
  const probe: InlineEnv = { ...ctx.env, diagnostics: new Diagnostics() };
  let at: number | undefined;
  for (let k = 0; k < blocks.length; k++) if (isNotesHeading(ctx, blocks[k]!)) at = k;
  if (at === undefined) {
    for (let k = 1; k < blocks.length; k++) {
      const b = blocks[k]!;
      if (b.kind !== 'para') continue;
      const l = noteLabel(trimInlines(parseInlines(probe, b.start, b.end)));
      if (l?.linked && /\.$|^\[.*\]$/.test(l.label) && (b.line > 1)) {
        at = k;
        break;
      }
    }
  }
  if (at === undefined) return undefined;
  // Notes printed with a plain label (`[1] …`, `(1) …`) make the same marker in the text an anchor.
  for (let k = at; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.kind !== 'para') continue;
    const l = noteLabel(trimInlines(parseInlines(probe, b.start, b.end)));
    if (l && !l.linked && /^[[(]/.test(l.label)) plainMarkers.add(l.label);
  }
  return at;
}

function readNotes(ctx: Ctx, blocks: RawBlock[], from: number, to: number): void {
  const { ed, src } = ctx;
  let section: NoteSection | undefined;
  let note: Note | undefined;
  const newSection = (pos: SourcePos, heading?: Inline[]): NoteSection => {
    const s: NoteSection = { notes: [], pos };
    if (heading) s.heading = heading;
    ed.notes.push(s);
    return s;
  };
  for (let k = from; k < to; k++) {
    const b = blocks[k]!;
    const pos = src.pos(b.start);
    if (k === from && isNotesHeading(ctx, b)) {
      section = newSection(pos, [{ kind: 'text', text: squash(rawText(ctx, b).replace(/[*_#]/g, '').replace(/\{[^}]*\}/g, '')), pos: src.pos(b.start) }]);
      continue;
    }
    if (b.kind === 'rule') continue;
    if (isFurniture(ctx, b)) {
      drop(ctx, b);
      continue;
    }
    if (b.kind === 'heading') {
      section = newSection(pos, inlinesOf(ctx, b));
      note = undefined;
      continue;
    }
    section ??= newSection(pos);
    const list = b.kind === 'para' ? inlinesOf(ctx, b) : [];
    const l = b.kind === 'para' ? noteLabel(list) : undefined;
    if (l) {
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
      ctx.diagnostics.report('marker-malformed', 'a paragraph in the notes section has no note number; kept as an unnumbered note', pos);
    }
  }
}

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

/** "J. V. Stalin Archive" in the dropped navigation names the author when nothing else does. */
function authorFromFooter(ctx: Ctx): void {
  for (const d of ctx.ed.dropped) {
    for (const m of d.text.matchAll(/\[([^\]\n]{2,60}?)\s+Archive\]/g)) {
      const name = m[1]!.trim();
      const parts = name.split(/\s+/);
      if (/internet|marxists?|letters|works|subject|reference|history/i.test(name)) continue;
      if (parts.length < 2 || !parts.every((w) => /^[A-Z]/.test(w))) continue;
      ctx.ed.metadata.author = { name, from: 'footer', pos: d.pos };
      ctx.diagnostics.report('author-from-footer', `author "${name}" taken from the archive link in the navigation footer`, d.pos);
      return;
    }
  }
  // Any other archive link of the footer, as the layout engine reads it ("Leon Trotsky Internet Archive").
  for (const d of ctx.ed.dropped) {
    const named = authorFrom(d.text.replace(/\]\([^)\n]*\)/g, '').replace(/[[\]]/g, ''), 'bottom');
    if (!named) continue;
    ctx.ed.metadata.author = { name: named.name, from: 'footer', pos: d.pos };
    ctx.diagnostics.report('author-from-footer', `author "${named.name}" taken from the archive link in the navigation footer`, d.pos);
    return;
  }
  ctx.diagnostics.report('author-missing', 'no author line, front matter or archive link names the author', ctx.src.pos(0));
}

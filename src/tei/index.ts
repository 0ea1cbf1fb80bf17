/**
 * The TEI writer: edition model → TEI P5 XML (see ../shared/docs/encoding.md).
 *
 * Written in one pass, in document order, straight to XML text (emit.ts: no tree is built;
 * the tests check the bytes against xmlbuilder2's serialiser). `el` (text.ts) adds line
 * breaks only between the children of element-only containers (teiHeader, div, list…), so
 * the text of p, head, note, bibl… is exactly the model's text.
 * Same model, same bytes: no timestamps, attributes in a fixed order, ids from the model.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Body, Edition, Inline, Note, NoteSection, SourcePos } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';
import { findDate } from './dates.js';
import { writeHeader } from './header.js';
import { StringSink, type Sink } from './emit.js';
import { attr, dropDocument, el, finishDocument, isBefore, mixed, startDocument, TEI_NS, txt, writeBlocks, writeInlines, type TeiElement } from './text.js';

export interface WriteOptions {
  /** teiwright's version, written into `appInfo/application`. */
  version: string;
  /** Where the writer reports what it could not normalise (e.g. `date-unparsed`). */
  diagnostics?: Diagnostics;
}

export { TEI_NS };

const PROLOG =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<?xml-model href="https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n';

// ---------------------------------------------------------------- body

/** A dateline: the date it names is tagged with its normalised value, the rest stays text. */
function writeDateline(parent: TeiElement, inlines: readonly Inline[], diagnostics: Diagnostics | undefined, pos: { line: number; column: number }): void {
  const dateline = el(parent, 'dateline');
  // The date is tagged inside the one text piece that holds it: a dateline of one line, or of
  // lines of plain text ("London" <lb/> "October 8, 1885"); the last such piece, where a
  // place-date puts its date. Within other markup the dateline stays as printed.
  const plain = inlines.every((n) => n.kind === 'text' || n.kind === 'lb');
  let at = -1;
  let found: ReturnType<typeof findDate>;
  for (let i = plain ? inlines.length - 1 : -1; i >= 0 && !found; i--) {
    const n = inlines[i]!;
    if (n.kind === 'text' && (found = findDate(n.text))) at = i;
  }
  const piece = inlines[at];
  if (!found || piece?.kind !== 'text') {
    if (!findDate(plainText(inlines))) {
      diagnostics?.report('date-unparsed', `no date could be derived from the dateline "${squash(plainText(inlines))}"; kept as text`, inlines[0]?.pos ?? pos);
    }
    writeInlines(dateline, inlines);
    return;
  }
  writeInlines(dateline, inlines.slice(0, at));
  txt(dateline, piece.text.slice(0, found.start));
  txt(el(dateline, 'date', [['when', found.when], ['notBefore', found.notBefore], ['notAfter', found.notAfter]]), piece.text.slice(found.start, found.end));
  txt(dateline, piece.text.slice(found.end));
  writeInlines(dateline, inlines.slice(at + 1));
}

function writeBody(text: TeiElement, body: Body, sections: readonly NoteSection[], diagnostics: Diagnostics | undefined): void {
  const div = el(el(text, 'body'), 'div', [['type', body.divType]]);
  // What the source prints above the title stays above it (model.divTop allows any order).
  if (body.beforeHead && body.beforeHead.length > 0) writeBlocks(el(div, 'argument'), body.beforeHead, { headings: 'p' });
  // A text that prints no title has no head: the header's title then comes from elsewhere (an HTML <title>).
  if (body.head.length > 0) mixed(div, 'head', body.head);
  if (body.subtitle) mixed(div, 'head', body.subtitle, [['type', 'sub']]);
  // Source order: a headnote printed above a letter's opening stays above it (divTop allows any order).
  const argumentFirst = body.argument.length > 0 && body.opener !== undefined && isBefore(body.argument[0]!.pos, body.opener.pos);
  if (argumentFirst) writeBlocks(el(div, 'argument'), body.argument, { headings: 'p' });
  if (body.opener && (body.opener.dateline || body.opener.salute)) {
    const opener = el(div, 'opener');
    // Source order: a salutation printed above the place-date line stays above it.
    if (body.opener.salute && body.opener.saluteFirst) mixed(opener, 'salute', body.opener.salute);
    if (body.opener.dateline) writeDateline(opener, body.opener.dateline, diagnostics, body.opener.pos);
    if (body.opener.salute && !body.opener.saluteFirst) mixed(opener, 'salute', body.opener.salute);
  }
  if (body.argument.length > 0 && !argumentFirst) writeBlocks(el(div, 'argument'), body.argument, { headings: 'p' });
  // A notes section the page prints between two parts of the text is written where it is printed.
  const inserts = sections.filter((s) => s.inText).map((s) => ({ pos: s.pos, write: (parent: TeiElement) => writeSection(parent, s) }));
  writeBlocks(div, body.blocks, inserts.length > 0 ? { headings: 'div', inserts } : undefined);
  const closer = body.closer;
  if (closer && (closer.salute || closer.signed || closer.dateline)) {
    const el_ = el(div, 'closer');
    // Source order: a place-date printed above the signature stays above it (closer's content is in any order).
    const datelineFirst = closer.dateline !== undefined && closer.dateline[0] !== undefined && [closer.salute?.[0], closer.signed?.[0]].some((n) => n !== undefined && isBefore(closer.dateline![0]!.pos, n.pos));
    if (closer.dateline && datelineFirst) writeDateline(el_, closer.dateline, diagnostics, closer.pos);
    if (closer.salute) mixed(el_, 'salute', closer.salute);
    if (closer.signed) mixed(el_, 'signed', closer.signed);
    if (closer.dateline && !datelineFirst) writeDateline(el_, closer.dateline, diagnostics, closer.pos);
  }
  // A letter's postscript comes after the closer (model.divBottom).
  if (body.postscript && body.postscript.blocks.length > 0) writeBlocks(el(div, 'postscript'), body.postscript.blocks, { headings: 'p' });
  // After the closer a div allows only model.global, where note belongs.
  for (const pub of body.publicationNotes) {
    mixed(div, 'note', pub.children, [['type', 'publication']]);
  }
}

// ---------------------------------------------------------------- back

function writeNote(parent: TeiElement, note: Note): void {
  const n = el(parent, 'note');
  attr(n, 'xml:id', note.id);
  attr(n, 'n', note.key);
  attr(n, 'place', note.place);
  attr(n, 'type', note.type === 'unknown' ? undefined : note.type);
  if (note.targets.length > 0) attr(n, 'target', pointers(note.targets));
  writeBlocks(n, note.blocks, { headings: 'p' });
}

/** A note's targets as a pointer list: "#a #b" (an id given with its '#' keeps it). */
function pointers(targets: readonly string[]): string {
  let list = '';
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    list += (i > 0 ? ' ' : '') + (t.startsWith('#') ? t : '#' + t);
  }
  return list;
}

/** A notes section: its heading, the paragraphs it prints before its first note, its notes. */
function writeSection(parent: TeiElement, section: NoteSection): void {
  const div = el(parent, 'div', [['type', 'notes'], ['n', section.series]]);
  if (section.heading) mixed(div, 'head', section.heading);
  if (section.blocks) writeBlocks(div, section.blocks, { headings: 'p' });
  for (const note of section.notes) {
    writeNote(div, note);
  }
}

function writeBack(text: TeiElement, sections: readonly NoteSection[]): void {
  const atEnd = sections.filter((s) => !s.inText);
  if (atEnd.length === 0) return;
  const back = el(text, 'back');
  for (const section of atEnd) {
    writeSection(back, section);
  }
}

/** The TEI document of an edition, as a UTF-8 string with its prolog. */
export function writeTei(edition: Edition, options: WriteOptions): string {
  return writeTeiTo(SINK.reset(PROLOG, '\n'), edition, options);
}

/** The writer's sink, one per thread: its array of pieces is reused from one document to the next. */
const SINK = new StringSink();

/**
 * The TEI document of an edition, written to `sink` (which adds any prolog): the
 * writer's own is a `StringSink`; the tests give an xmlbuilder2 one, to compare the bytes.
 */
export function writeTeiTo(sink: Sink, edition: Edition, options: WriteOptions): string {
  const tei = startDocument(sink, 'TEI', [['xmlns', TEI_NS], ['xml:lang', edition.metadata.language]]);
  try {
    writeHeader(tei, edition, { version: options.version, ...(options.diagnostics && { diagnostics: options.diagnostics }) });
    const text = el(tei, 'text');
    writeBody(text, edition.body, edition.notes, options.diagnostics);
    writeBack(text, edition.notes);
    return finishDocument();
  } catch (e) {
    dropDocument();
    throw e;
  }
}

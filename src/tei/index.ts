/**
 * The TEI writer: edition model → TEI P5 XML (see ../shared/docs/encoding.md).
 *
 * Built with xmlbuilder2 (escaping, namespaces) and serialised without its pretty-printer,
 * which would put the text of mixed content on lines of its own. Instead `el` (text.ts)
 * adds line breaks only between the children of element-only containers (teiHeader, div,
 * list…), so the text of p, head, note, bibl… is exactly the model's text.
 * Same model, same bytes: no timestamps, attributes in a fixed order, ids from the model.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Body, Edition, Inline, Note, NoteSection, SourcePos } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';
import { findDate } from './dates.js';
import { writeHeader } from './header.js';
import { allPartsResolved, el, finishLayout, flushDue, isBefore, mixed, nodesCreated, resolveParts, rootElement, setAttrs, startLayout, TEI_NS, txt, writeBlocks, writeInlines, type TeiElement } from './text.js';

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

const ROOT_START = '<TEI';

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
  let since = nodesCreated();
  for (const pub of body.publicationNotes) {
    mixed(div, 'note', pub.children, [['type', 'publication']]);
    since = flushDue(div, since);
  }
}

// ---------------------------------------------------------------- back

function writeNote(parent: TeiElement, note: Note): void {
  const n = el(parent, 'note', [
    ['xml:id', note.id],
    ['n', note.key],
    ['place', note.place],
    ['type', note.type === 'unknown' ? undefined : note.type],
    ['target', note.targets.length > 0 ? note.targets.map((t) => (t.startsWith('#') ? t : `#${t}`)).join(' ') : undefined],
  ]);
  writeBlocks(n, note.blocks, { headings: 'p' });
}

/** A notes section: its heading, the paragraphs it prints before its first note, its notes. */
function writeSection(parent: TeiElement, section: NoteSection): void {
  const div = el(parent, 'div', [['type', 'notes'], ['n', section.series]]);
  if (section.heading) mixed(div, 'head', section.heading);
  if (section.blocks) writeBlocks(div, section.blocks, { headings: 'p' });
  let since = nodesCreated();
  for (const note of section.notes) {
    writeNote(div, note);
    since = flushDue(div, since);
  }
}

function writeBack(text: TeiElement, sections: readonly NoteSection[]): void {
  const atEnd = sections.filter((s) => !s.inText);
  if (atEnd.length === 0) return;
  const back = el(text, 'back');
  let since = nodesCreated();
  for (const section of atEnd) {
    writeSection(back, section);
    since = flushDue(back, since);
  }
}

/**
 * One empty xmlbuilder2 document per thread, reused: each TEI is built as its root element
 * and taken out again once serialised (making a document cost ~0.06 ms, a sixth of the
 * writer's time on a seed-sized edition). Writing is synchronous, so one document at a time.
 */
let reusable: XMLBuilder | undefined;

/** The TEI document of an edition, as a UTF-8 string with its prolog. */
export function writeTei(edition: Edition, options: WriteOptions): string {
  reusable ??= create();
  const doc = reusable;
  const tei = rootElement(doc, 'TEI');
  try {
    return writeDocument(doc, tei, edition, options);
  } finally {
    doc.node.removeChild(tei);
  }
}

function writeDocument(doc: XMLBuilder, tei: TeiElement, edition: Edition, options: WriteOptions): string {
  setAttrs(tei, [['xml:lang', edition.metadata.language]]);
  startLayout(tei);
  writeHeader(tei, edition, { version: options.version, ...(options.diagnostics && { diagnostics: options.diagnostics }) });
  const text = el(tei, 'text');
  writeBody(text, edition.body, edition.notes, options.diagnostics);
  writeBack(text, edition.notes);
  finishLayout(tei);
  // The namespace declaration is written here, not as an attribute of the DOM: an `xmlns`
  // attribute would make xmlbuilder2 take its namespace-tracking serialiser (see TeiElement).
  const xml = doc.end({ headless: true, prettyPrint: false });
  if (!xml.startsWith(ROOT_START)) throw new Error(`the TEI writer's root element is not <TEI>: ${xml.slice(0, 20)}`);
  // The parts go in last, so that the document is built as one string in one pass.
  const whole = resolveParts(`${PROLOG}${ROOT_START} xmlns="${TEI_NS}"${xml.slice(ROOT_START.length)}\n`);
  if (!allPartsResolved()) throw new Error('the TEI writer left a part of the document out');
  return whole;
}

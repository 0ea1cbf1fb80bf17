/**
 * TEI → the edition model (`loadTei`), the inverse of the TEI writer: teiwright's own TEI
 * loads completely (writing the loaded model gives the same bytes, see
 * tests/tei-load), any other TEI where it can, each element the model has no place for
 * reported as data (`tei-unwrapped`: markup dropped, text kept; `tei-skipped`: left out)
 * with its line and column. Positions in the loaded model are those of the TEI file.
 *
 * Used by `teiwright export` and the HTML views: they work from TEI files, so what they
 * show is what the edition says, whoever wrote it.
 */
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { checkModel } from '../model/check.js';
import type { Edition } from '../model/edition.js';
import { LoadContext } from './context.js';
import { loadHeader } from './header.js';
import { loadBody, loadNoteSections, registerNotes } from './text.js';
import { child, elements, parseXml, TEI_NS, type XElement } from './xml.js';

export interface LoadOptions {
  /** The path shown in diagnostics. */
  file: string;
}

export interface LoadResult {
  /** The edition, or undefined when the text is not (well-formed) TEI. */
  edition?: Edition;
  diagnostics: Diagnostic[];
}

const DROPPED_REASON = 'page furniture the converter dropped (the TEI records only how many pieces)';

/** Reads a TEI document into the edition model. Never throws on bad input. */
export function loadTei(xml: string, options: LoadOptions): LoadResult {
  const diagnostics = new Diagnostics(options.file);
  try {
    return load(xml, diagnostics);
  } catch (e) {
    // A document nested deeper than the parser or the stack allows, or a bug: a diagnostic, never an exception.
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError || /nested/i.test(message)) diagnostics.report('tei-too-deep', `the document nests elements too deeply to load (${message})`);
    else diagnostics.report('internal-error', `loading failed: ${message}`);
    return { diagnostics: diagnostics.items };
  }
}

function load(xml: string, diagnostics: Diagnostics): LoadResult {
  const root = parseXml(xml, diagnostics);
  if (!root) return { diagnostics: diagnostics.items };
  if (root.name !== 'TEI' || (root.ns !== TEI_NS && root.ns !== undefined)) {
    const what = root.name === 'teiCorpus' ? 'a teiCorpus (export the TEI files it includes instead)' : `<${root.name}>${root.ns ? ` in ${root.ns}` : ''}`;
    diagnostics.report('tei-not-edition', `the root element is ${what}, not TEI in the TEI namespace`, root.pos);
    return { diagnostics: diagnostics.items };
  }
  const ctx = new LoadContext(diagnostics);
  const header = child(root, 'teiHeader');
  const text = child(root, 'text');
  for (const other of elements(root).filter((e) => e.name !== 'teiHeader' && e.name !== 'text')) ctx.skip(other, `TEI/${other.name}`);
  // Notes first, so that the anchors in the body get their keys.
  const backNotes = loadNoteSections(child(text, 'back'), ctx);
  registerBodyNotes(child(text, 'body'), ctx);
  const body = loadBody(child(text, 'body'), child(text, 'front'), ctx);
  // Notes sections printed inside the text come first: the page prints them before those at the end.
  const notes = [...ctx.bodyNoteSections, ...backNotes];
  if (text) for (const other of elements(text).filter((e) => !['front', 'body', 'back'].includes(e.name))) ctx.skip(other, `text/${other.name}`);
  const loaded = loadHeader(root, header, ctx);
  const edition: Edition = {
    profile: loaded.profile,
    metadata: loaded.metadata,
    body,
    notes,
    emendations: loaded.emendations,
    editors: loaded.editors,
    hands: loaded.hands,
    dropped: Array.from({ length: loaded.droppedCount }, () => ({ text: '', reason: DROPPED_REASON, pos: header?.pos ?? root.pos })),
  };
  // Anchors' labels: a note's label is what its first anchor prints.
  labelNotes(edition);
  ctx.flush();
  if (!checkModel(edition, diagnostics)) return { diagnostics: diagnostics.items };
  return { edition, diagnostics: diagnostics.items };
}

import { bodyInlineLists, metadataInlineLists, noteInlineLists, visitInlines } from '../model/walk.js';

/** The TEI does not keep a note's printed label; the marker of its first anchor is the best witness. */
function labelNotes(ed: Edition): void {
  const markers = new Map<string, string>();
  visitInlines([...metadataInlineLists(ed), ...bodyInlineLists(ed), ...noteInlineLists(ed)], (node) => {
    if (node.kind === 'noteAnchor' && node.target !== undefined && !markers.has(node.target)) markers.set(node.target.replace(/^#/, ''), node.marker);
  });
  for (const section of ed.notes) for (const note of section.notes) {
    const marker = note.id !== undefined ? markers.get(note.id) : undefined;
    if (marker !== undefined) note.label = marker;
  }
}

/** The notes of the body's notes sections (`div type="notes"`), by id, before the body's anchors are loaded. */
function registerBodyNotes(body: XElement | undefined, ctx: LoadContext): void {
  if (!body) return;
  for (const c of elements(body)) {
    if (c.name === 'div' && c.attrs.get('type') === 'notes') registerNotes(c, undefined, ctx);
    else if (c.name === 'div') registerBodyNotes(c, ctx);
  }
}

/**
 * Note labels and the pairing of anchors with notes, for readers whose syntax links them
 * (HTML: `<a href="#n1">` in the text, `<a name="n1">` at the note). Part of the layout
 * engine: the reader gives the facts (each anchor's link and name, each note's names and
 * back link); the engine says what a printed marker is, which key it has, which note each
 * anchor belongs to, and which markers printed without a link are anchors.
 */
import type { Edition, Inline, InlineOf, Note, SourcePos } from '../model/edition.js';
import { bodyInlineLists, plainText, squash } from '../model/walk.js';
import { assignSeries, noteWriter } from './note-kinds.js';

/**
 * A note marker as printed: `[1]`, `(1)`, `[A]`, `[*]`, `*`, `1.`, `A.`, `[a]`, and `1*.`
 * (the starred numbers of a second series, the editors' notes beside the author's `1.`).
 */
const MARKER = /^(?:\[[0-9A-Za-z*†]{1,4}\]|\([0-9A-Za-z*]{1,4}\)|\*{1,3}|†|[0-9]{1,3}\*?\.?|[A-Za-z]\.)$/;

export const isMarker = (s: string): boolean => MARKER.test(s);

/** The key that pairs a marker with its note: `[1]`, `(1)`, `1.` → `1`. */
export function markerKey(marker: string): string {
  const inner = marker.replace(/^[[(]/, '').replace(/[\])]$/, '').replace(/\.$/, '');
  return inner === '' ? marker : inner;
}

/** Removes the plain-text label ("1. ") that starts a note's first paragraph. */
export function dropLeadingLabel(list: Inline[], label: string): void {
  const first = list[0];
  if (first?.kind === 'text' && first.text.startsWith(label)) {
    const rest = first.text.slice(label.length).replace(/^\s+/, '');
    if (rest === '') list.shift();
    else list[0] = { ...first, text: rest };
  }
}

/** An anchor of the text as the syntax links it. */
export interface AnchorLink {
  node: InlineOf<'noteAnchor'>;
  /** The fragment the anchor links to (`n1` for `href="#n1"`). */
  href?: string;
  /** The anchor's own name, which a note may link back to. */
  name?: string;
}

/** A note as the syntax links it: its names (`<a name>`s at its start), and the anchor its label links back to. */
export interface NoteLink {
  names: string[];
  backHref?: string;
}

/**
 * Gives every anchor the key and series of the note it links to (`href="#n1"` → `name="n1"`,
 * or the note's back link → the anchor's name); returns the notes some anchor was paired with.
 * A link that points at the wrong note (`[*]` → `#n2`): the printed marker is what the reader follows.
 */
export function pairAnchors(notes: ReadonlyMap<Note, NoteLink>, anchors: readonly AnchorLink[]): Set<Note> {
  const paired = new Set<Note>();
  const byName = new Map<string, Note>();
  const byBack = new Map<string, Note>();
  for (const [note, link] of notes) {
    for (const n of link.names) if (!byName.has(n)) byName.set(n, note);
    if (link.backHref !== undefined && !byBack.has(link.backHref)) byBack.set(link.backHref, note);
  }
  const byKey = new Map<string, Note>();
  for (const n of notes.keys()) if (n.series === undefined && !byKey.has(n.key)) byKey.set(n.key, n);
  for (const a of anchors) {
    let note = (a.href !== undefined ? byName.get(a.href) : undefined) ?? (a.name !== undefined ? byBack.get(a.name) : undefined);
    const printed = byKey.get(markerKey(a.node.marker));
    if (note && printed && note.key !== printed.key && note.series === undefined) note = printed;
    if (!note) continue;
    paired.add(note);
    a.node.key = note.key;
    if (note.series !== undefined) a.node.series = note.series;
  }
  return paired;
}

/** Markers printed without a link in the text: `[1]`, `(1)`, `*`. */
const BARE = /\[([0-9A-Za-z*]{1,3})\]|\(([0-9]{1,2})\)|(\*{1,3})/g;

/**
 * Markers printed without a link (`[1]`, `(1)`, `*` in the text) whose note no linked
 * anchor points to: the first such marker in the text becomes that note's anchor. Two
 * unpaired notes with one key are ambiguous: both are left alone.
 */
export function linkBareMarkers(ed: Edition, paired: ReadonlySet<Note>): void {
  const waiting = new Map<string, Note>();
  for (const n of ed.notes.flatMap((s) => s.notes)) {
    if (paired.has(n)) continue;
    if (waiting.has(n.key)) waiting.delete(n.key);
    else waiting.set(n.key, n);
  }
  if (waiting.size === 0) return;
  const split = (node: Extract<Inline, { kind: 'text' }>): Inline[] => {
    const out: Inline[] = [];
    let last = 0;
    for (const m of node.text.matchAll(BARE)) {
      const key = m[1] ?? m[2] ?? m[3]!;
      const note = waiting.get(key);
      if (!note) continue;
      waiting.delete(key);
      if (m.index > last) out.push({ ...node, text: node.text.slice(last, m.index) });
      const anchor: Inline = { kind: 'noteAnchor', marker: m[0], key: note.key, pos: node.pos };
      if (note.series !== undefined) anchor.series = note.series;
      out.push(anchor);
      last = m.index + m[0].length;
    }
    if (last === 0) return [node];
    if (last < node.text.length) out.push({ ...node, text: node.text.slice(last) });
    return out;
  };
  const walk = (list: Inline[]): void => {
    const next: Inline[] = [];
    for (const n of list) {
      if (n.kind === 'text' && waiting.size) next.push(...split(n));
      else {
        if ('children' in n && n.kind !== 'inlineNote') walk(n.children);
        next.push(n);
      }
    }
    list.splice(0, list.length, ...next);
  };
  bodyInlineLists(ed).forEach(walk);
}

/**
 * The notes a reader linked by their syntax, settled: a notes heading with no note under it
 * is template furniture (LIA pages print "Notes" even when the text has none) and is dropped;
 * each note gets its series (two numberings on one page) and its writer (NOTE_WRITERS).
 */
export function settleLinkedNotes(ed: Edition, links: ReadonlyMap<Note, NoteLink>, drop: (text: string, reason: string, pos: SourcePos) => void): void {
  for (const s of ed.notes.filter((x) => x.notes.length === 0)) drop(squash(plainText(s.heading ?? [])) || 'notes', 'notes heading without notes', s.pos);
  ed.notes = ed.notes.filter((x) => x.notes.length > 0);
  assignSeries(ed.notes, (n) => links.get(n)?.names ?? []);
  for (const section of ed.notes) {
    for (const note of section.notes) {
      const ids = links.get(note)?.names ?? [];
      note.type = noteWriter({ text: note.blocks.map((b) => (b.kind === 'p' ? plainText(b.children) : '')).join(' '), heading: squash(plainText(section.heading ?? [])), ids });
    }
  }
}

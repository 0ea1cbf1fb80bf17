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
 * (the starred numbers of a second series, the editors' notes beside the author's `1.`),
 * `1)` (a number closed by a parenthesis, as the markdown reader reads it too).
 */
const MARKER = /^(?:\[[0-9A-Za-z*†]{1,4}\]|\([0-9A-Za-z*]{1,4}\)|\*{1,3}|†|[0-9]{1,3}\*?\.?|[0-9]{1,3}\)|[A-Za-z]\.)$/;

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

/**
 * Removes the space printed between a note's label and its words when the label was an
 * element of its own (`<a>1.</a>&#160;Text`): a no-break space there separates, it is not text.
 */
export function dropLabelSpace(list: Inline[]): void {
  const first = list[0];
  if (first?.kind !== 'text') return;
  const rest = first.text.replace(/^[\s\u00a0]+/, '');
  if (rest === first.text) return;
  if (rest === '') list.shift();
  else list[0] = { ...first, text: rest };
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
 * A superscript printed as a note marker without a link: a number closed by a parenthesis
 * (`<sup>4)</sup>`, the notes labelled "4)" or "4."), a bracketed key, a symbol. A bare
 * number in a superscript is left alone: `x<sup>2</sup>` is an exponent.
 */
const SUPERSCRIPT_MARKER = /^(?:\d{1,3}\)|\[[0-9A-Za-z*]{1,3}\]|\([0-9A-Za-z*]{1,3}\)|\*{1,3}|[†‡§])$/;

/** The waiting note a superscript's marker (`<sup>4)</sup>`) points to, taken off the waiting list. */
function superscriptMarker(n: Inline, waiting: Map<string, Note>): Inline | undefined {
  if (n.kind !== 'hi' || n.rend !== 'superscript') return undefined;
  const marker = plainText(n.children).replace(/[\s\u00a0]+/g, '');
  if (!SUPERSCRIPT_MARKER.test(marker)) return undefined;
  const note = waiting.get(markerKey(marker));
  if (!note) return undefined;
  waiting.delete(note.key);
  const anchor: Inline = { kind: 'noteAnchor', marker, key: note.key, pos: n.pos };
  if (note.series !== undefined) anchor.series = note.series;
  return anchor;
}

/** The text run at one edge of an inline (itself, or the first/last text of its phrase children). */
function edgeText(n: Inline, end: 'first' | 'last'): Extract<Inline, { kind: 'text' }> | undefined {
  if (n.kind === 'text') return n;
  if (!('children' in n) || n.kind === 'inlineNote' || n.children.length === 0) return undefined;
  return edgeText(end === 'first' ? n.children[0]! : n.children[n.children.length - 1]!, end);
}

/** A phrase element whose words were all taken into a marker (`<sup>1]</sup>` once `1]` went to `[1]`). */
const isEmptied = (n: Inline): boolean =>
  (n.kind === 'text' && n.text === '') || (n.kind === 'hi' && n.children.length > 0 && n.children.every((c) => c.kind === 'text' && c.text === ''));

/**
 * A bare marker split across two inlines as printed (`[<sup>1]</sup>`, `<em>Diet[</em><sup>2]</sup>`,
 * `<sup>[1</sup>]`): the text before ends inside the brackets, the text after closes them. When
 * the key is one of a waiting note, the two pieces are taken out of their runs and the anchor
 * is returned, to stand between the two inlines.
 */
function joinSplitMarker(before: Inline, after: Inline, waiting: Map<string, Note>): Inline | undefined {
  const left = edgeText(before, 'last');
  const right = edgeText(after, 'first');
  if (!left || !right) return undefined;
  const open = /\[([0-9A-Za-z*]{0,3})$/.exec(left.text);
  const close = /^([0-9A-Za-z*]{0,3})\]/.exec(right.text);
  if (!open || !close) return undefined;
  const key = open[1]! + close[1]!;
  const note = waiting.get(key);
  if (key === '' || key.length > 3 || !note) return undefined;
  waiting.delete(key);
  left.text = left.text.slice(0, open.index);
  right.text = right.text.slice(close[0].length);
  const anchor: Inline = { kind: 'noteAnchor', marker: `[${key}]`, key: note.key, pos: left.pos };
  if (note.series !== undefined) anchor.series = note.series;
  return anchor;
}

/**
 * Markers printed without a link (`[1]`, `(1)`, `*` in the text, `<sup>4)</sup>`) whose note no
 * linked anchor points to: the first such marker in the text becomes that note's anchor, also when
 * its brackets and key are printed across two inlines (`joinSplitMarker`). Two
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
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (isEmptied(n)) continue;
      const raised = waiting.size ? superscriptMarker(n, waiting) : undefined;
      if (raised) next.push(raised);
      else if (n.kind === 'text' && waiting.size) next.push(...split(n));
      else {
        if ('children' in n && n.kind !== 'inlineNote') walk(n.children);
        next.push(n);
      }
      const before = next[next.length - 1];
      const after = list[i + 1];
      if (before && after && waiting.size) {
        const anchor = joinSplitMarker(before, after, waiting);
        if (anchor) next.push(anchor);
      }
    }
    list.splice(0, list.length, ...next.filter((n) => !isEmptied(n)));
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

/**
 * Notes misnumbered as printed: the text's anchors are 1 … n in order, each once, and there are
 * n notes of one series numbered upwards in order, but some of their numbers are not the
 * anchors' ("1, 2, 3, 5, 6" under anchors [1]–[5]: a number skipped or printed wrong). The page's
 * links pair them by place (HTML), a copy keeps only the numbers: each anchor goes to the note
 * at its place in the order. Returns the anchors given another note's key (none when the
 * numbers agree, or anything else differs: a missing anchor, a note more, two series).
 */
export function pairMisnumberedNotes(ed: Edition): Array<{ anchor: InlineOf<'noteAnchor'>; note: Note }> {
  const notes = ed.notes.flatMap((s) => s.notes);
  if (notes.length < 2 || notes.some((n) => n.series !== undefined || !/^\d{1,3}$/.test(n.key))) return [];
  if (notes.some((n, i) => i > 0 && Number(n.key) <= Number(notes[i - 1]!.key))) return [];
  const anchors: Array<InlineOf<'noteAnchor'>> = [];
  const walk = (list: readonly Inline[]): void => {
    for (const n of list) {
      if (n.kind === 'noteAnchor') anchors.push(n);
      else if ('children' in n && n.kind !== 'inlineNote') walk(n.children);
    }
  };
  bodyInlineLists(ed).forEach(walk);
  if (anchors.length !== notes.length || anchors.some((a, i) => a.key !== String(i + 1))) return [];
  const changed: Array<{ anchor: InlineOf<'noteAnchor'>; note: Note }> = [];
  anchors.forEach((a, i) => {
    const note = notes[i]!;
    if (a.key === note.key) return;
    a.key = note.key;
    changed.push({ anchor: a, note });
  });
  return changed;
}

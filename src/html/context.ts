/**
 * What the handlers need to know beyond the node in hand: which note an emendation came
 * from, which anchors point to a note, who an `@resp` or `@hand` is. Built once per page.
 */
import type { Agent, Edition, HandNote, Inline, Note } from '../model/edition.js';
import { bodyInlineLists, metadataInlineLists, noteInlineLists, plainText, squash, visitInlines } from '../model/walk.js';

export interface RenderContext {
  /** The note that names an anchor or emendation among its targets, by that id (no '#'). */
  noteByTarget: ReadonlyMap<string, Note>;
  /** The ids of the anchors that point to each note, in text order, by note id. */
  anchorsByNote: ReadonlyMap<string, readonly string[]>;
  editors: ReadonlyMap<string, Agent>;
  hands: ReadonlyMap<string, HandNote>;
  /** Descriptions of emendations, in page order; `tw-tip-N` is the id of the N-th (from 1). */
  tips: string[];
}

const bare = (ref: string): string => (ref.startsWith('#') ? ref.slice(1) : ref);

export function makeContext(ed: Edition): RenderContext {
  const noteByTarget = new Map<string, Note>();
  for (const section of ed.notes) {
    for (const note of section.notes) for (const t of note.targets) if (!noteByTarget.has(bare(t))) noteByTarget.set(bare(t), note);
  }
  const anchorsByNote = new Map<string, string[]>();
  const lists: Inline[][] = [...metadataInlineLists(ed), ...bodyInlineLists(ed), ...noteInlineLists(ed)];
  visitInlines(lists, (node) => {
    if (node.kind !== 'noteAnchor' || node.id === undefined || node.target === undefined) return;
    const noteId = bare(node.target);
    const list = anchorsByNote.get(noteId) ?? [];
    if (!list.includes(node.id)) list.push(node.id);
    anchorsByNote.set(noteId, list);
  });
  return {
    noteByTarget,
    anchorsByNote,
    editors: new Map(ed.editors.map((a) => [a.id, a])),
    hands: new Map(ed.hands.map((h) => [h.id, h])),
    tips: [],
  };
}

/** "teiwright (the converter)", "Jane Roe (corrections)", or the bare id when nobody is declared. */
export function whoDecided(ctx: RenderContext, resp: string | undefined): string {
  if (resp === undefined) return 'the source’s editors';
  const id = bare(resp);
  if (id === 'teiwright') return 'teiwright (the converter)';
  const agent = ctx.editors.get(id);
  return agent ? `${agent.name} (${agent.role})` : id;
}

/** A hand by its medium ("pencil") or description, for the label of an addition. */
export function handName(ctx: RenderContext, hand: string | undefined): string | undefined {
  if (hand === undefined) return undefined;
  const h = ctx.hands.get(bare(hand));
  return h ? (h.medium ?? h.description) : bare(hand);
}

const MAX_NOTE_CHARS = 240;

/** The note an emendation came from, quoted (shortened) for a tooltip. */
export function sourceNote(ctx: RenderContext, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const note = ctx.noteByTarget.get(id);
  if (!note) return undefined;
  const words = squash(note.blocks.map((b) => (b.kind === 'p' || b.kind === 'heading' ? plainText(b.children) : '')).join(' '));
  const quoted = words.length > MAX_NOTE_CHARS ? `${words.slice(0, MAX_NOTE_CHARS).trimEnd()}…` : words;
  return `from the editors’ note ${note.label}: “${quoted}”`;
}

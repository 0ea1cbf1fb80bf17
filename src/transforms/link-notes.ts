/**
 * Links every note anchor to its note and back (TEI Guidelines 3.9): the anchor becomes
 * `ref xml:id="nref1" target="#n1"`, the note `note xml:id="n1" target="#nref1"`.
 * Anchors without a note and notes without an anchor are kept and reported, never dropped.
 * Ids come from the printed keys, so the same text always gets the same ids.
 */
import type { Edition, InlineOf, Note } from '../model/edition.js';
import { editionInlineLists, visitInlines } from '../model/walk.js';
import type { Transform, TransformContext } from './index.js';
import { suppliedFromUnmatchedAnchors } from './sigla/index.js';

/** Names for note signs that are not letters or digits, so ids stay readable NCNames. */
const SIGN_NAMES: Record<string, string> = { '*': 'star', '†': 'dagger', '‡': 'ddagger', '§': 'sect', '¶': 'para', '#': 'hash', '+': 'plus' };

/** An NCName-safe form of a note key: "1" → "1", "A" → "A", "**" → "starstar". */
export function keyToken(key: string): string {
  let out = '';
  for (const ch of key) out += /[A-Za-z0-9]/.test(ch) ? ch : (SIGN_NAMES[ch] ?? `u${ch.codePointAt(0)!.toString(16)}`);
  return out || 'x';
}

/** The id prefix of a note series: an NCName must not start with a digit ("1-n1"), so "s1-". */
export function seriesPrefix(series: string | undefined): string {
  if (!series) return '';
  const token = keyToken(series);
  return /^[A-Za-z_]/.test(token) ? `${token}-` : `s${token}-`;
}

const pairKey = (series: string | undefined, key: string) => `${series ?? ''}\u0000${key}`;

/**
 * Hands out ids that are unique in the document: the second "n1" becomes "n1-2". The next
 * suffix of each base is remembered, so 10,000 anchors to one note stay linear.
 */
class IdPool {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();
  take(base: string): string {
    let i = this.next.get(base) ?? 1;
    let id = i === 1 ? base : `${base}-${i}`;
    while (this.used.has(id)) id = `${base}-${++i}`;
    this.next.set(base, i + 1);
    this.used.add(id);
    return id;
  }
}

function assignNoteIds(ed: Edition, ids: IdPool, ctx: TransformContext): Map<string, Note> {
  const byKey = new Map<string, Note>();
  for (const section of ed.notes) {
    for (const note of section.notes) {
      const series = note.series ?? section.series;
      const prefix = seriesPrefix(series);
      note.id = ids.take(`${prefix}n${keyToken(note.key)}`);
      const k = pairKey(series, note.key);
      const first = byKey.get(k);
      if (first) {
        ctx.diagnostics.report('note-duplicate', `note ${note.label} has the same number as the note at line ${first.pos.line}; anchors link to the first`, note.pos);
      } else {
        byKey.set(k, note);
      }
    }
  }
  return byKey;
}

function linkAnchor(anchor: InlineOf<'noteAnchor'>, note: Note | undefined, ids: IdPool, ctx: TransformContext): void {
  if (!note?.id) {
    ctx.diagnostics.report('anchor-orphan', `note anchor ${anchor.marker} has no note${anchor.series ? ` in series ${anchor.series}` : ''}; kept as printed, unlinked`, anchor.pos);
    // Unlinked: the id the source pointed to (`[x](#a)`, no note "a") is no target in the TEI,
    // where "a" would read as the address of another document.
    delete anchor.target;
    return;
  }
  const prefix = seriesPrefix(anchor.series);
  anchor.id = ids.take(`${prefix}nref${keyToken(anchor.key)}`);
  anchor.target = `#${note.id}`;
  note.targets.push(`#${anchor.id}`);
}

export const linkNotes: Transform = {
  name: 'link-notes',
  apply(ed, ctx) {
    const ids = new IdPool();
    const byKey = assignNoteIds(ed, ids, ctx);
    // `[18]70s` with no note 18: the editor's supplied digits, not an anchor.
    suppliedFromUnmatchedAnchors(ed, ctx, (series, key) => byKey.has(pairKey(series, key)));
    // In document order: the information block (it becomes the header), the text, then
    // anchors inside notes (a note may refer to another note).
    visitInlines(editionInlineLists(ed), (node) => {
      if (node.kind === 'noteAnchor') linkAnchor(node, byKey.get(pairKey(node.series, node.key)), ids, ctx);
    });
    for (const section of ed.notes) {
      for (const note of section.notes) {
        if (note.targets.length === 0) ctx.diagnostics.report('note-orphan', `note ${note.label} has no anchor in the text; kept in the notes, unlinked`, note.pos);
      }
    }
  },
};

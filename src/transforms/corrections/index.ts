/**
 * The editor's corrections applied to the model: each becomes `choice/sic/corr` with the
 * editor's `@resp`, inside the text node where the words are (split around them), in the
 * text, the notes or a metadata field. A correction that matches nothing, or more often
 * than it says, changes nothing and is an error naming the line of the corrections file.
 *
 * Limit: a find is matched inside one text node, so words split by markup (an italic
 * word in the middle) cannot be corrected together.
 */
import type { Edition, Inline, InlineOf, SourcePos } from '../../model/edition.js';
import type { SourceCursor, SourceText } from '../../model/source-text.js';
import { bodyInlineLists, noteInlineLists, blockInlines } from '../../model/walk.js';
import type { Transform, TransformContext } from '../index.js';
import { posAt, quoted, recordEmendation, slice } from '../emendations/record.js';
import { allInlineLists, metadataInlineLists, visitRunningText } from '../emendations/scope.js';
import { correctionsFor, type Correction, type CorrectionSet } from './load.js';

export type { Correction, CorrectionSet } from './load.js';
export { loadCorrections, correctionsFor } from './load.js';

/** The inline lists a correction's `in` names. */
export function scopeLists(edition: Edition, scope: string): Inline[][] {
  const note = /^note (\S+)$/.exec(scope);
  if (note) {
    return edition.notes.flatMap((s) => s.notes.filter((n) => n.key === note[1]).flatMap((n) => n.blocks.flatMap(blockInlines)));
  }
  switch (scope) {
    case 'any':
      return allInlineLists(edition);
    case 'text':
      return bodyInlineLists(edition);
    case 'title':
      return [edition.body.head];
    case 'notes':
      return noteInlineLists(edition);
    case 'metadata':
      return metadataInlineLists(edition);
    default:
      return edition.metadata.fields.filter((f) => f.role === scope).map((f) => f.value);
  }
}

/** The find as a pattern: any white space between words; whole words at its word-character ends. */
export function findPattern(find: string): RegExp {
  const parts = find.trim().split(/[\s\u00a0]+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const start = /^[\p{L}\p{N}]/u.test(find.trim()) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /[\p{L}\p{N}]$/u.test(find.trim()) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${start}${parts.join('[\\s\\u00a0]+')}${end}`, 'gu');
}

interface Match {
  node: InlineOf<'text'>;
  list: Inline[];
  start: number;
  end: number;
}

function findMatches(lists: Inline[][], pattern: RegExp): Match[] {
  const matches: Match[] = [];
  visitRunningText(lists, (node, list) => {
    for (const m of node.text.matchAll(pattern)) matches.push({ node, list, start: m.index, end: m.index + m[0].length });
  });
  return matches;
}

/** Which matches a correction means: the n-th (`occurrence`), or all of an expected `count` (default 1). */
function chooseMatches(c: Correction, matches: Match[]): Match[] | 'unmatched' | 'ambiguous' {
  if (c.occurrence !== undefined) {
    const m = matches[c.occurrence - 1];
    return m ? [m] : 'unmatched';
  }
  const expected = c.count ?? 1;
  if (matches.length === 0 || matches.length < expected) return 'unmatched';
  if (matches.length > expected) return 'ambiguous';
  return matches;
}

/**
 * Where a match stands in the source. Counted over a text the reader changed (HTML white
 * space), the place may be another line's: the source is searched for the match's first word.
 */
function placeOf(m: Match, cursor: SourceCursor | undefined): SourcePos {
  const counted = posAt(m.node.pos, m.node.text, m.start);
  const word = /^\S+/.exec(m.node.text.slice(m.start, m.end))?.[0];
  return cursor && word ? cursor.find((t, i) => t.indexOf(word, i), (t, i) => t.startsWith(word, i), counted) : counted;
}

/** Splits each node around its matches and puts `choice` in the middle. */
function applyMatches(c: Correction, matches: Match[], source: SourceText | undefined): SourcePos[] {
  const byNode = new Map<InlineOf<'text'>, Match[]>();
  for (const m of matches) byNode.set(m.node, [...(byNode.get(m.node) ?? []), m]);
  const positions: SourcePos[] = [];
  for (const [node, ms] of byNode) {
    const pieces: Inline[] = [];
    let done = 0;
    const cursor = source?.from(node.pos);
    for (const m of ms) {
      const pos = placeOf(m, cursor);
      positions.push(pos);
      pieces.push(...slice(node, done, m.start), {
        kind: 'choice', resp: `#${c.editor}`, pos,
        sic: slice(node, m.start, m.end),
        corr: [{ kind: 'text', text: c.replace, pos }],
      });
      done = m.end;
    }
    pieces.push(...slice(node, done, node.text.length));
    const list = ms[0]!.list;
    list.splice(list.indexOf(node), 1, ...pieces);
  }
  return positions;
}

function applyCorrection(edition: Edition, ctx: TransformContext, set: CorrectionSet, c: Correction): void {
  const at = `${set.sidecar}:${c.pos.line}:${c.pos.column}`;
  // What goes into the TEI names the file alone: no path of the editor's machine.
  const atInTei = `${set.sidecar.split(/[\\/]/).pop() ?? set.sidecar}:${c.pos.line}:${c.pos.column}`;
  const pattern = findPattern(c.find);
  const matches = findMatches(scopeLists(edition, c.in), pattern);
  const chosen = chooseMatches(c, matches);
  if (chosen === 'unmatched') {
    const times = c.occurrence ?? c.count ?? 1;
    ctx.diagnostics.report('correction-unmatched', `${at}: ${quoted(c.find)} (in ${c.in}) is found ${matches.length} time(s), ${c.occurrence ? `no occurrence ${times}` : `expected ${times}`}; nothing was corrected`);
    return;
  }
  if (chosen === 'ambiguous') {
    const places = matches.map((m) => placeOf(m, ctx.source?.from(m.node.pos)));
    const where = places.map((p) => `${p.line}:${p.column}`).join(', ');
    ctx.diagnostics.report('correction-ambiguous', `${at}: ${quoted(c.find)} (in ${c.in}) is found ${matches.length} times (at ${where}), expected ${c.count ?? 1}; say "occurrence" or "count"; nothing was corrected`, places[0]);
    return;
  }
  const inTitle = chosen.some((m) => edition.body.head.includes(m.node));
  const positions = applyMatches(c, chosen, ctx.source);
  // The header's title is plain text: it gets the corrected reading; `head` keeps both.
  if (inTitle) edition.metadata.title = edition.metadata.title.replace(pattern, c.replace);
  const editor = set.editors.find((e) => e.id === c.editor);
  if (editor && !edition.editors.some((e) => e.id === editor.id)) edition.editors.push({ id: editor.id, name: editor.name, role: 'correction' });
  for (const pos of positions) {
    recordEmendation(edition, ctx.diagnostics, {
      kind: 'correction', resp: `#${c.editor}`, pos,
      description: `${quoted(c.find)} corrected to ${quoted(c.replace)} by ${editor?.name ?? c.editor}${c.reason ? ` (${c.reason})` : ''} [${atInTei}]`,
    });
  }
}

/** Applies the corrections of `set` that are keyed to `file`. */
export function applyCorrections(edition: Edition, ctx: TransformContext, set: CorrectionSet, file: string | undefined): void {
  for (const c of correctionsFor(set, file)) applyCorrection(edition, ctx, set, c);
}

/** Reads the corrections from the context (`ConvertOptions.corrections`), keyed by the input's name. */
export const correctionsTransform: Transform = {
  name: 'corrections',
  apply(edition, ctx) {
    if (ctx.corrections) applyCorrections(edition, ctx, ctx.corrections, ctx.file);
  },
};

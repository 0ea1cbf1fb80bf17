/**
 * Editorial brackets printed in the text by the source's editors: `[18]70s` (letters or
 * digits they supplied), `[illegible]`, `[....]` (an omission), `[sic]`.
 *
 * Responsibility: the brackets are the print editor's decision, not teiwright's, so the
 * `supplied`, `gap` and `sic` nodes carry no `@resp` (TEI: responsibility as for the
 * surrounding text, i.e. the edition transcribed). The record in `edition.emendations`
 * is the converter's (`#teiwright`): it says that teiwright encoded the printed siglum.
 *
 * Nothing printed is lost: a gap keeps its siglum in `printed`; `[sic]` stays as text after
 * the word it marks; a supplied passage loses only its brackets, which `supplied` means.
 * Brackets holding anything else (`[i.e. the Duma]`, `[Statism and Anarchy]`, a lone `[12]`)
 * are the editor's words and stay text.
 */
import type { Edition, Inline, InlineOf, SourcePos } from '../../model/edition.js';
import type { SourceCursor, SourceText } from '../../model/source-text.js';
import type { Transform, TransformContext } from '../index.js';
import { posAt, quoted, recordEmendation, replaceNode, slice, TEIWRIGHT } from '../emendations/record.js';
import { visitRunningText } from '../emendations/scope.js';
import { bodyInlineLists, noteInlineLists } from '../../model/walk.js';

/** Candidate brackets: short, on one line, not nested. */
const BRACKET = /\[([^[\]\n]{1,40})\]/g;
const LETTER = /\p{L}/u;

interface Around {
  /** The character before `[` and after `]` (empty at the node's edges). */
  before: string;
  after: string;
}

/** What a siglum means; `null` when the bracket is an editor's gloss and stays text. */
type Siglum =
  | { kind: 'supplied'; content: string }
  | { kind: 'gap'; reason: string; unit?: string }
  | { kind: 'sic' };

interface SiglumRule {
  name: string;
  test(content: string, around: Around): Siglum | null;
}

/** The table of sigla, most specific first; each row is tested in tests/transforms/sigla.test.ts. */
export const SIGLUM_RULES: readonly SiglumRule[] = [
  {
    name: 'omission: [....], [ ....], […]',
    test: (c) => (/^\s*(?:(?:\.\s*){3,}|…\s*)$/u.test(c) ? { kind: 'gap', reason: 'omitted' } : null),
  },
  {
    name: 'illegible: [illegible], [illegible word], [two words illegible]',
    test: (c) => {
      const m = /^\s*(?:(?:an?|one|two|three|several|\d+)\s+)?(words?|letters?|lines?)?\s*illegible(?:\s+(words?|letters?|lines?))?\s*$/iu.exec(c);
      if (!m) return null;
      const unit = (m[1] ?? m[2])?.toLowerCase().replace(/s$/, '');
      return unit ? { kind: 'gap', reason: 'illegible', unit } : { kind: 'gap', reason: 'illegible' };
    },
  },
  { name: 'sic: [sic], [sic!]', test: (c) => (/^\s*sic!?\s*$/iu.test(c) ? { kind: 'sic' } : null) },
  {
    // `[18]70s`, `[Bol]sheviks`, `[T]he`: a bracketed part glued to the rest of its word. Digits
    // must run on into digits and letters into lower-case letters: `[1]The` is a note marker
    // glued to the next word, which the reader left as text, not a supplied "1".
    name: 'supplied start of a word',
    test: (c, a) =>
      (/^\p{N}+$/u.test(c) && /\p{N}/u.test(a.after)) || (/^\p{L}+$/u.test(c) && /\p{Ll}/u.test(a.after))
        ? { kind: 'supplied', content: c }
        : null,
  },
  {
    // `Gov[ernment]`: a lower-case ending glued to the word before (never digits: `word[12]` is an anchor).
    name: 'supplied end of a word',
    test: (c, a) => (/^\p{Ll}{2,}$/u.test(c) && LETTER.test(a.before) ? { kind: 'supplied', content: c } : null),
  },
];

export function classifySiglum(content: string, around: Around): Siglum | null {
  for (const rule of SIGLUM_RULES) {
    const s = rule.test(content, around);
    if (s) return s;
  }
  return null;
}

/** The word right before `end` in `value` (letters, digits, apostrophes, hyphens), with its start. */
function wordBefore(value: string, end: number): { start: number; end: number } | undefined {
  let e = end;
  while (e > 0 && /\s/u.test(value[e - 1]!)) e--;
  let s = e;
  while (s > 0 && /[\p{L}\p{N}’'-]/u.test(value[s - 1]!)) s--;
  return s < e ? { start: s, end: e } : undefined;
}

/** The place of `word` right before the siglum at `siglum` in the source (white space between), else the siglum's. */
function wordBeforeIn(source: SourceText, siglum: SourcePos, word: string): SourcePos {
  const at = source.offsetOf(siglum);
  if (at === undefined) return siglum;
  let end = at;
  while (end > 0 && /\s/u.test(source.text[end - 1]!)) end--;
  return source.text.slice(end - word.length, end) === word ? source.posOf(end - word.length) : siglum;
}

function encodeNode(node: InlineOf<'text'>, list: Inline[], edition: Edition, ctx: TransformContext): void {
  if (!node.text.includes('[')) return;
  const pieces: Inline[] = [];
  let done = 0;
  const note = (kind: 'supplied' | 'gap' | 'sic', description: string, pos: SourcePos): void =>
    recordEmendation(edition, ctx.diagnostics, { kind, resp: TEIWRIGHT, description, pos });
  // Made at the first siglum: most brackets are no siglum, and the first cursor builds the source's line table.
  let source: SourceCursor | undefined;
  for (const m of node.text.matchAll(BRACKET)) {
    const at = m.index;
    const end = at + m[0].length;
    const siglum = classifySiglum(m[1]!, { before: node.text[at - 1] ?? '', after: node.text[end] ?? '' });
    if (!siglum) continue;
    const counted = posAt(node.pos, node.text, at);
    // Counted over the node's text, the place is wrong where the reader changed the text before it (HTML white space): the source says.
    if (ctx.source) source ??= ctx.source.from(node.pos);
    const pos = source ? source.find((t, i) => t.indexOf(m[0], i), (t, i) => t.startsWith(m[0], i), counted) : counted;
    if (siglum.kind === 'supplied') {
      pieces.push(...slice(node, done, at), { kind: 'supplied', pos, children: [{ kind: 'text', text: siglum.content, pos: posAt(node.pos, node.text, at + 1) }] });
      note('supplied', `${m[0]}: the source editor's brackets encoded as supplied ${quoted(siglum.content)}`, pos);
      done = end;
    } else if (siglum.kind === 'gap') {
      pieces.push(...slice(node, done, at), { kind: 'gap', pos, reason: siglum.reason, ...(siglum.unit && { unit: siglum.unit }), printed: m[0] });
      note('gap', `${m[0]}: the source editor's siglum encoded as gap reason="${siglum.reason}"`, pos);
      done = end;
    } else {
      const word = wordBefore(node.text, at);
      if (!word || word.start < done) continue; // nothing of this node to mark: the siglum stays text
      // Counted over a text the reader changed, the word's place may be another; then the siglum's, right after it.
      const wordCounted = posAt(node.pos, node.text, word.start);
      const wordPos = !ctx.source || ctx.source.has(wordCounted, node.text.slice(word.start, word.end)) ? wordCounted : wordBeforeIn(ctx.source, pos, node.text.slice(word.start, word.end));
      pieces.push(...slice(node, done, word.start), { kind: 'sic', pos: wordPos, children: slice(node, word.start, word.end) });
      note('sic', `${m[0]}: ${quoted(node.text.slice(word.start, word.end))} marked as sic as the source editor says (the siglum is kept)`, wordPos);
      done = word.end;
    }
  }
  if (done === 0) return;
  pieces.push(...slice(node, done, node.text.length));
  replaceNode(list, node, pieces);
}

/**
 * `[18]70s` in a document with numbered notes: the reader took `[18]` for a note anchor,
 * since it looks like one. When no note has that number and the bracket is glued to the
 * digits after it, it is the editor's supplied part of a word, as in a document without
 * notes (the same rule of SIGLUM_RULES decides). Runs before notes are linked, so such a
 * bracket is never reported as an orphan anchor. `hasNote(series, key)` says whether a
 * note exists for an anchor.
 */
export function suppliedFromUnmatchedAnchors(edition: Edition, ctx: TransformContext, hasNote: (series: string | undefined, key: string) => boolean): void {
  const walk = (list: Inline[]): void => {
    for (let i = 0; i < list.length; i++) {
      const node = list[i]!;
      if (node.kind === 'hi' || node.kind === 'link') walk(node.children);
      if (node.kind !== 'noteAnchor' || hasNote(node.series, node.key)) continue;
      const m = /^\[(\p{N}+)\]$/u.exec(node.marker);
      const next = list[i + 1];
      if (!m || next?.kind !== 'text') continue;
      const prev = list[i - 1];
      const before = prev?.kind === 'text' ? (prev.text.at(-1) ?? '') : '';
      const siglum = classifySiglum(m[1]!, { before, after: next.text[0] ?? '' });
      if (siglum?.kind !== 'supplied') continue;
      const textPos = { line: node.pos.line, column: node.pos.column + 1 };
      list.splice(i, 1, { kind: 'supplied', pos: node.pos, children: [{ kind: 'text', text: siglum.content, pos: textPos }] });
      recordEmendation(edition, ctx.diagnostics, {
        kind: 'supplied',
        resp: TEIWRIGHT,
        description: `${node.marker}: no note has this number and the bracket is glued to the word after it: the source editor's brackets encoded as supplied ${quoted(siglum.content)}`,
        pos: node.pos,
      });
    }
  };
  noteInlineLists(edition, bodyInlineLists(edition)).forEach(walk);
}

export const siglaTransform: Transform = {
  name: 'sigla',
  apply(edition, ctx) {
    visitRunningText(noteInlineLists(edition, bodyInlineLists(edition)), (node, list) => encodeNode(node, list, edition, ctx));
  },
};

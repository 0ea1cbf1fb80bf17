/**
 * Editors' notes about the manuscript ("The word “organisation” is written above the word
 * “agitation” in the manuscript.—Ed.") encoded in the text where the manuscript has them;
 * the note stays and also points at what was made from it.
 *
 * Where the words go. When the note's words are the text right before the anchor, that text
 * is wrapped (`subst`, `del`, `add`, `unclear`). When they are only in the note — the usual
 * case for crossed-out words and for additions the printed edition relegated to a note —
 * they are copied into the text (docs/encoding.md): at the note's anchor, or at the end of
 * the text for an addition "at the end of the manuscript". The copy is a `del` or `add`
 * with `@resp="#teiwright"`, so a reader (and the fidelity check) can tell it from the
 * transcription; the note keeps its words as printed and points at the copy. "The last
 * word is illegible" after a quotation puts the gap at the end of the copy; otherwise gaps
 * go at the anchor. A reading the note only guesses ("illegible, probably “X”") becomes
 * `unclear` when the text prints it before the anchor, else a gap at the anchor (the guess
 * stays in the note).
 */
import type { Edition, Inline, InlineOf, Note, SourcePos } from '../../model/edition.js';
import { bodyInlineLists, plainText, squash } from '../../model/walk.js';
import type { Transform, TransformContext } from '../index.js';
import { recogniseNote, type Hand, type NoteAction } from './phrasings.js';
import { pointNoteAt, posAt, quoted, recordEmendation, slice, TEIWRIGHT } from './record.js';
import { visitRunningText } from './scope.js';
import { blockInlines } from '../../model/walk.js';

interface AnchorSite {
  anchor: InlineOf<'noteAnchor'>;
  list: Inline[];
}

/** The first anchor in the text for each note pointer (`#n1`). */
function anchorSites(edition: Edition): Map<string, AnchorSite> {
  const sites = new Map<string, AnchorSite>();
  const walk = (list: Inline[]): void => {
    for (const node of list) {
      if (node.kind === 'noteAnchor' && node.target && !sites.has(node.target)) sites.set(node.target, { anchor: node, list });
      if (node.kind === 'hi' || node.kind === 'link') walk(node.children);
    }
  };
  bodyInlineLists(edition).forEach(walk);
  return sites;
}

/** Only editors' notes (or notes whose author is unknown) can describe the manuscript. */
const mayDescribeManuscript = (note: Note): boolean => note.type === 'editorial' || note.type === 'unknown';

/** A character a pattern reads as syntax, and all of them (to escape). */
const SYNTAX = /[.*+?^${}()|[\]\\]/;
const SYNTAX_ALL = new RegExp(SYNTAX.source, 'g');

/**
 * `words` (squashed) as the body of a pattern matching them with any white space between.
 * Escaped as a whole, then split: escaping adds no space, so this is each word escaped in
 * turn; most words have nothing to escape and are not rebuilt at all.
 */
export function wordsPatternBody(words: string): string {
  const squashed = squash(words);
  return (SYNTAX.test(squashed) ? squashed.replace(SYNTAX_ALL, '\\$&') : squashed).split(' ').join('[\\s\\u00a0]+');
}

/** `words` as a pattern that matches them with any white space between, at the end of a text (punctuation may follow). */
function endingPattern(words: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(${wordsPatternBody(words)})([\\s\\u00a0\\p{P}]*)$`, 'u');
}

interface Before {
  node: InlineOf<'text'>;
  /** The list that holds `node`: the anchor's, or an italic/bold word's right before the anchor. */
  list: Inline[];
  /** Offsets of the words in the node's text. */
  start: number;
  end: number;
}

/** The text node that ends right before the anchor: its sibling, or the last text inside a `hi` sibling. */
function textBeforeAnchor(site: AnchorSite): { node: InlineOf<'text'>; list: Inline[] } | undefined {
  let list = site.list;
  let prev = list[list.indexOf(site.anchor) - 1];
  while (prev?.kind === 'hi') {
    list = prev.children;
    prev = list.at(-1);
  }
  return prev?.kind === 'text' ? { node: prev, list } : undefined;
}

/** Finds `words` at the end of the text right before the anchor. */
function wordsBeforeAnchor(site: AnchorSite, words: string): Before | undefined {
  const prev = textBeforeAnchor(site);
  if (!prev) return undefined;
  const m = endingPattern(words).exec(prev.node.text);
  if (!m) return undefined;
  return { ...prev, start: m.index, end: m.index + m[1]!.length };
}

const OPENING_QUOTE = /[“"«‘]\s*$/u;

/**
 * Where the note quotes `words`: in one of its text nodes, preferably right after an opening
 * quotation mark or at the start of a node (the mark may be a repaired `&8220;` just before).
 */
function quotationInNote(note: Note, words: string): Before | undefined {
  const pattern = new RegExp(wordsPatternBody(words), 'gu');
  let fallback: Before | undefined;
  let best: Before | undefined;
  visitRunningText(note.blocks.flatMap(blockInlines), (node, list) => {
    if (best) return;
    for (const m of node.text.matchAll(pattern)) {
      const found = { node, list, start: m.index, end: m.index + m[0].length };
      if (m.index === 0 || OPENING_QUOTE.test(node.text.slice(0, m.index))) {
        best = found;
        return;
      }
      fallback ??= found;
    }
  });
  return best ?? fallback;
}

class NoteEncoder {
  private readonly used = new Map<string, number>();
  /** The last element made from a quotation, for "the last word is illegible". */
  private lastQuoted: { children: Inline[]; description: string } | undefined;

  constructor(
    private readonly edition: Edition,
    private readonly ctx: TransformContext,
    private readonly note: Note & { id: string },
    private readonly site: AnchorSite,
  ) {}

  private get pos(): SourcePos {
    return this.site.anchor.pos;
  }

  /** `subst-n1`, then `subst-n1-2` for a second of the same kind. */
  private idFor(kind: string): string {
    const n = (this.used.get(kind) ?? 0) + 1;
    this.used.set(kind, n);
    const id = n === 1 ? `${kind}-${this.note.id}` : `${kind}-${this.note.id}-${n}`;
    pointNoteAt(this.note, id);
    return id;
  }

  private declareHand(hand: Hand | undefined): string | undefined {
    if (!hand) return undefined;
    if (!this.edition.hands.some((h) => h.id === hand.id)) {
      this.edition.hands.push({ id: hand.id, description: hand.description, ...(hand.medium && { medium: hand.medium }) });
    }
    return `#${hand.id}`;
  }

  private record(kind: 'subst' | 'del' | 'add' | 'gap' | 'unclear', description: string): void {
    recordEmendation(this.edition, this.ctx.diagnostics, { kind, resp: TEIWRIGHT, description: `note ${this.note.label.trim() || this.note.key}: ${description}`, pos: this.pos });
  }

  /** Puts an element (a gap, a copy) right before the anchor. */
  private insertBeforeAnchor(node: Inline): void {
    this.site.list.splice(this.site.list.indexOf(this.site.anchor), 0, node);
  }

  /** Replaces the found words with `make(words)`, keeping the text around them. */
  private wrap(before: Before, make: (children: Inline[]) => Inline): Inline {
    const { node, list } = before;
    const made = make(slice(node, before.start, before.end));
    list.splice(list.indexOf(node), 1, ...slice(node, 0, before.start), made, ...slice(node, before.end, node.text.length));
    return made;
  }

  apply(action: NoteAction): void {
    switch (action.op) {
      case 'subst':
        return this.subst(action.del, action.add, action.place);
      case 'del':
      case 'add':
      case 'unclear':
        return this.quotedWords(action);
      case 'gap':
        return this.gapAtAnchor(action.reason, action.unit, action.quantity);
      case 'lastWordIllegible':
        return this.lastWordIllegible();
    }
  }

  private subst(del: string, add: string, place: string): void {
    const before = wordsBeforeAnchor(this.site, del);
    if (!before) {
      this.ctx.diagnostics.report(
        'emendation-mismatch',
        `note ${this.note.key} says ${quoted(add)} is written ${place} ${quoted(del)}, but the text before its anchor does not end with ${quoted(del)}; the text was left alone`,
        this.pos,
      );
      return;
    }
    const id = this.idFor('subst');
    this.wrap(before, (children) => ({
      kind: 'subst', id, resp: TEIWRIGHT, pos: children[0]?.pos ?? this.pos, place,
      del: children,
      // subst.add is the content of the writer's <add place="…">; the words come from the note.
      add: [{ kind: 'text', text: add, pos: this.pos }],
    }));
    this.record('subst', `${quoted(del)} replaced by ${quoted(add)} written ${place} it (subst)`);
  }

  private quotedWords(action: Extract<NoteAction, { op: 'del' | 'add' | 'unclear' }>): void {
    const kind = action.op;
    const inText = wordsBeforeAnchor(this.site, action.words);
    // A reading the editors only guess at, not printed in the text: the text has a gap there;
    // the guess stays in the note, which points at the gap.
    if (kind === 'unclear' && !inText) return this.gapAtAnchor('illegible', 'word', 1, `the reading ${quoted(action.words)} the note suggests stays in the note`);
    const quotation = inText ? undefined : quotationInNote(this.note, action.words);
    if (!inText && !quotation) {
      this.ctx.diagnostics.report(
        'emendation-mismatch',
        `note ${this.note.key} quotes ${quoted(action.words)}, but neither the text before its anchor nor the note's own text holds those words in one piece; nothing was encoded`,
        this.pos,
      );
      return;
    }
    const id = this.idFor(kind);
    // TEI's del could carry @hand too, but the model's del has no hand: a deletion's medium stays in the note.
    const hand = action.op === 'add' ? this.declareHand(action.hand) : undefined;
    const place = action.op === 'add' ? action.place : '';
    const make = (children: Inline[]): Inline => {
      const pos = children[0]?.pos ?? this.pos;
      if (kind === 'del') return { kind, id, resp: TEIWRIGHT, pos, children };
      if (kind === 'add') return { kind, id, resp: TEIWRIGHT, pos, place, ...(hand && { hand }), children };
      return { kind, id, resp: TEIWRIGHT, pos, reason: 'illegible', children };
    };
    let made: Inline;
    let where: string;
    if (inText) {
      made = this.wrap(inText, make);
      where = 'the text before the anchor';
    } else {
      // Only the note has the words: a copy goes into the text, the note keeps its own.
      const q = quotation!;
      made = make(slice(q.node, q.start, q.end));
      where = this.insertCopy(made, place) ? 'copied from the note to the end of the text' : 'copied from the note to the anchor';
    }
    const what = kind === 'del' ? 'crossed out (del)' : kind === 'add' ? `added, place "${place}"${hand ? `, hand ${hand}` : ''} (add)` : 'uncertain reading (unclear)';
    const description = `${quoted(action.words)} ${what}: ${where}`;
    this.record(kind, description);
    this.lastQuoted = { children: (made as { children: Inline[] }).children, description };
  }

  /**
   * Puts a copy made from the note where the manuscript has it: for an addition "at the
   * end" of the manuscript, after the last words of the body; else right before the anchor.
   * Returns true when it went to the end.
   */
  private insertCopy(copy: Inline, place: string): boolean {
    if (place === 'end') {
      const last = bodyInlineLists(this.edition).filter((l) => l.length > 0).at(-1);
      if (last) {
        last.push(copy);
        return true;
      }
    }
    this.insertBeforeAnchor(copy);
    return false;
  }

  private makeGap(reason: string, unit: string | undefined, quantity: number | undefined, pos: SourcePos): InlineOf<'gap'> {
    return { kind: 'gap', id: this.idFor('gap'), resp: TEIWRIGHT, pos, reason, ...(unit && { unit }), ...(quantity !== undefined && { quantity }) };
  }

  private gapAtAnchor(reason: string, unit?: string, quantity?: number, more?: string): void {
    this.insertBeforeAnchor(this.makeGap(reason, unit, quantity, this.pos));
    this.record('gap', `gap reason="${reason}"${unit ? ` (${quantity ?? ''} ${unit})`.replace('( ', '(') : ''} at the anchor${more ? `; ${more}` : ''}`);
  }

  /** The gap goes after the last word of the quotation (and the dots that stand for the illegible one). */
  private lastWordIllegible(): void {
    const target = this.lastQuoted;
    const last = target?.children.at(-1);
    if (!target || last?.kind !== 'text') return this.gapAtAnchor('illegible', 'word', 1);
    const m = /[\p{L}\p{N}](?:\s*(?:\.{2,}|…))?(?=[^\p{L}\p{N}]*$)/u.exec(last.text);
    const at = m ? m.index + m[0].length : last.text.length;
    const gap = this.makeGap('illegible', 'word', 1, posAt(last.pos, last.text, at));
    target.children.splice(target.children.length - 1, 1, ...slice(last, 0, at), gap, ...slice(last, at, last.text.length));
    this.record('gap', `the quotation's last word is illegible: gap reason="illegible" at its end`);
  }
}

function encodeNote(edition: Edition, ctx: TransformContext, note: Note & { id: string }, site: AnchorSite): void {
  const noteText = squash(note.blocks.flatMap(blockInlines).map((l) => plainText(l)).join(' '));
  const actions = recogniseNote(noteText);
  if (actions.length === 0) return;
  const encoder = new NoteEncoder(edition, ctx, note, site);
  for (const found of actions) encoder.apply(found.action);
}

export const editorialNotesTransform: Transform = {
  name: 'editorial-notes',
  apply(edition, ctx) {
    const sites = anchorSites(edition);
    for (const section of edition.notes) {
      for (const note of section.notes) {
        if (note.id === undefined || !mayDescribeManuscript(note)) continue;
        const site = sites.get(`#${note.id}`);
        if (site) encodeNote(edition, ctx, note as Note & { id: string }, site);
      }
    }
  },
};

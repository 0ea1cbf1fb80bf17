/**
 * Note anchors a browser copy prints without brackets. The HTML printed the anchor as a
 * superscript or in parentheses; the copy keeps its digits ("for a century.”1 It", "the
 * cotton operatives (1). But"), and only the notes say these digits are anchors. For the
 * notes of a page-text section that no `[n]` anchor points to, the engine looks for their
 * keys, in the notes' order, in one printed style (the rows of `PRINTED_ANCHORS`): the style
 * that finds the most of them, the first row on a tie. A key is looked for after the anchor
 * of the note before it, so an enumeration "(1) … (2) …" before the text's anchors or a
 * number in a date is not taken for a later note's anchor.
 */
import { advance } from '../model/source-text.js';
import type { Inline, NoteSection, SourcePos } from '../model/edition.js';
import { PRINTED_ANCHORS, type PrintedAnchorRule, printedAnchorAt } from './rules.js';

type Text = Extract<Inline, { kind: 'text' }>;

interface Found {
  list: Inline[];
  node: Text;
  index: number;
  marker: string;
  key: string;
}

/** The text nodes of the lists in reading order (inside `hi` too, not inside links or notes). */
function textNodes(lists: readonly Inline[][]): Array<{ list: Inline[]; node: Text }> {
  const out: Array<{ list: Inline[]; node: Text }> = [];
  const walk = (list: Inline[]): void => {
    for (const n of list) {
      if (n.kind === 'text') out.push({ list, node: n });
      else if (n.kind === 'hi') walk(n.children);
    }
  };
  lists.forEach(walk);
  return out;
}

/** The anchors one row finds for `keys`, each after the one before. */
function findInOrder(rule: PrintedAnchorRule, keys: readonly string[], nodes: ReturnType<typeof textNodes>): Found[] {
  const found: Found[] = [];
  let at = 0;
  let from = 0;
  for (const key of keys) {
    for (let k = at; k < nodes.length; k++) {
      const { list, node } = nodes[k]!;
      const hit = printedAnchorAt(rule, key, node.text, k === at ? from : 0);
      if (!hit) continue;
      found.push({ list, node, index: hit.index, marker: hit.marker, key });
      at = k;
      from = hit.index + hit.marker.length;
      break;
    }
  }
  return found;
}

/** The keys of `noteAnchor` nodes already in the lists. */
function anchoredKeys(lists: readonly Inline[][]): Set<string> {
  const keys = new Set<string>();
  const walk = (list: readonly Inline[]): void => {
    for (const n of list) {
      if (n.kind === 'noteAnchor') keys.add(n.key);
      else if ('children' in n) walk(n.children);
    }
  };
  lists.forEach(walk);
  return keys;
}

/**
 * Turns the printed anchors of notes that have none into `noteAnchor` nodes, in place.
 * `lists` are the text's inline lists (title, paragraphs) in reading order. Returns how
 * many anchors were found.
 */
export function anchorPrintedNotes(lists: readonly Inline[][], sections: readonly NoteSection[]): number {
  const anchored = anchoredKeys(lists);
  const all = sections.flatMap((s) => s.notes.map((n) => n.key));
  // A key two notes share (two series) cannot say which note a bare number points to; and
  // where the text printed other numbers (or letters) in brackets, a note of that kind
  // without one is an orphan, its number in the text no anchor ("Vol.3"). A symbol is a kind
  // of its own: "[*]" printed in brackets says nothing of how "†" is printed.
  const kind = (k: string): string => (/^\d/.test(k) ? 'number' : /^\p{L}/u.test(k) ? 'other' : k);
  const bracketedKinds = new Set([...anchored].map(kind));
  // Counted once (indexOf and lastIndexOf per key were quadratic in the number of notes).
  const uses = new Map<string, number>();
  for (const k of all) uses.set(k, (uses.get(k) ?? 0) + 1);
  const keys = all.filter((k) => !anchored.has(k) && !bracketedKinds.has(kind(k)) && uses.get(k) === 1);
  if (keys.length === 0) return 0;
  const nodes = textNodes(lists);
  let best: Found[] = [];
  for (const rule of PRINTED_ANCHORS) {
    const found = findInOrder(rule, keys, nodes);
    if (found.length > best.length) best = found;
  }
  // Split each text node at its anchors, the last first so earlier offsets stay right.
  const byNode = new Map<Text, Found[]>();
  for (const f of best) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f]);
  for (const [node, hits] of byNode) {
    const list = hits[0]!.list;
    const parts: Inline[] = [];
    let start = 0;
    // Places counted forward from the last one (a line end in the text moves to the next line).
    let counted = 0;
    let countedPos = node.pos;
    const at = (offset: number): SourcePos => {
      countedPos = advance(countedPos, node.text.slice(counted, offset), offset - counted);
      counted = offset;
      return countedPos;
    };
    for (const h of hits.sort((a, b) => a.index - b.index)) {
      if (h.index > start) parts.push({ kind: 'text', text: node.text.slice(start, h.index), pos: at(start) });
      parts.push({ kind: 'noteAnchor', marker: h.marker, key: h.key, pos: at(h.index) });
      start = h.index + h.marker.length;
    }
    if (start < node.text.length) parts.push({ kind: 'text', text: node.text.slice(start), pos: at(start) });
    list.splice(list.indexOf(node), 1, ...parts);
  }
  return best.length;
}

/**
 * A bracketed letter the text prints where no note has that letter: "“[a] well-contested
 * defeat”", an editor's word supplied inside a quotation, not a note's anchor. Such anchors go
 * back to the text as printed, in place (neighbouring text joined), before the printed
 * anchors are looked for, so they do not say how the page prints its lettered anchors.
 * Numbers and symbols are left to the linker (an orphan "[3]" is a note lost, reported).
 * Returns how many were put back.
 */
export function unanchorBracketedLetters(lists: readonly Inline[][], sections: readonly NoteSection[]): number {
  const keys = new Set(sections.flatMap((s) => s.notes.map((n) => n.key)));
  let count = 0;
  const walk = (list: Inline[]): void => {
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (n.kind === 'hi') walk(n.children);
      if (n.kind !== 'noteAnchor' || keys.has(n.key) || !/^\[\p{L}{1,3}\]$/u.test(n.marker)) continue;
      count++;
      const prev = list[i - 1];
      const next = list[i + 1];
      const text: Text = prev?.kind === 'text' ? prev : { kind: 'text', text: '', pos: n.pos };
      text.text += n.marker;
      let removed = 1;
      if (next?.kind === 'text') {
        text.text += next.text;
        removed = 2;
      }
      if (prev?.kind === 'text') {
        list.splice(i, removed);
        i--;
      } else {
        list.splice(i, removed, text);
      }
    }
  };
  lists.forEach(walk);
  return count;
}

/**
 * Gives back the room the model's arrays hold beyond their length. An array that grew by
 * `push` from `[]` reserves 17 slots (152 bytes) for its first element, and most lists of a
 * model hold one or two: a note's blocks, a section's notes, a note's targets, a paragraph
 * made of one text. A page of 50,000 one-line notes held 30 MB of empty slots, a third of
 * its model, through the writer, the validation and the fidelity check.
 *
 * Every short array is replaced by an exact copy (`slice`); an array reached from two places
 * is replaced by one copy in both, so the model's shape (and what a later change to one of
 * them would do) stays the same. Objects are never copied. An explicit stack: the model
 * nests as deep as the input.
 */
import type { Edition } from './edition.js';

/**
 * Arrays up to this length are copied: past it the slack is at most half the array (V8 grows
 * by half plus 16), and copying a list of millions would cost the memory it frees, at the peak.
 */
const COPIED_LENGTH = 256;

/**
 * Inputs shorter than this (UTF-16 units) are not compacted: their model's spare room is at
 * most a few hundred kilobytes and lives for one document, while the walk and the copies
 * cost a seed-sized document about a tenth of its transforms stage (and the young
 * generation the copies fill). Floods, the models this is for, are megabytes.
 */
export const COMPACT_FROM = 1 << 17;

/**
 * `compactModel` for a model read from `sourceLength` units of input, when that is at least
 * `COMPACT_FROM`; says whether it ran. The model means the same either way (see the tests).
 */
export function compactLargeModel(edition: Edition, sourceLength: number): boolean {
  if (sourceLength < COMPACT_FROM) return false;
  compactModel(edition);
  return true;
}

export function compactModel(edition: Edition): void {
  // Weak: an array replaced everywhere it was held can go while the walk goes on (a map would
  // keep every replaced array until the end, the model's lists twice at once).
  const copies = new WeakMap<unknown[], unknown[]>();
  const copyOf = (a: unknown[]): unknown[] => {
    if (a.length > COPIED_LENGTH) return a;
    let c = copies.get(a);
    if (c === undefined) {
      c = a.slice();
      copies.set(a, c);
    }
    return c;
  };
  // The model is a tree of plain objects and arrays (JSON data); an object reached twice is
  // only walked twice. Arrays are read in place (a frame and an index), objects by their
  // keys; positions hold no arrays and are not walked.
  const lists: unknown[][] = [];
  const next: number[] = [];
  const objects: Record<string, unknown>[] = [edition as unknown as Record<string, unknown>];
  const visit = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null) return item;
    if (Array.isArray(item)) {
      const c = copyOf(item);
      lists.push(c);
      next.push(0);
      return c;
    }
    objects.push(item as Record<string, unknown>);
    return item;
  };
  while (objects.length > 0 || lists.length > 0) {
    const obj = objects.pop();
    if (obj !== undefined) {
      for (const key in obj) {
        if (key === 'pos') continue;
        const item = obj[key];
        if (typeof item !== 'object' || item === null) continue;
        const c = visit(item);
        if (c !== item) obj[key] = c;
      }
      continue;
    }
    const top = lists.length - 1;
    const list = lists[top]!;
    const i = next[top]!;
    if (i >= list.length) {
      lists.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const item = list[i];
    const c = visit(item);
    if (c !== item) list[i] = c;
  }
}

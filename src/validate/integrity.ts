/**
 * Checks a RELAX NG schema cannot make: every xml:id unique, every local `#` pointer
 * resolving to an xml:id, every endnote pointed to. All findings of a document are
 * reported, each at the line:column of the attribute or element concerned.
 */
import type { Diagnostics } from '../diagnostics.js';
import { XML_NS, attr, type ElementRecord } from './scan.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** Attributes whose values are space-separated lists of URI references (TEI's teidata.pointer). */
export const POINTER_ATTRIBUTES = ['target', 'corresp', 'resp', 'hand', 'who', 'ref'] as const;

const where = (e: ElementRecord): string => `${e.pos.line}:${e.pos.column}`;

export function checkIntegrity(elements: readonly ElementRecord[], diagnostics: Diagnostics): void {
  const ids = collectIds(elements, diagnostics);
  const pointedTo = checkPointers(elements, ids, diagnostics);
  checkNotesReferenced(elements, pointedTo, diagnostics);
}

/** Map xml:id → index of the first element carrying it; later ones are duplicates. */
function collectIds(elements: readonly ElementRecord[], diagnostics: Diagnostics): Map<string, number> {
  const ids = new Map<string, number>();
  elements.forEach((e, index) => {
    const id = attr(e, 'id', XML_NS);
    if (!id) return;
    const first = ids.get(id.value);
    if (first === undefined) {
      ids.set(id.value, index);
      return;
    }
    const other = elements[first]!;
    diagnostics.report('id-duplicate', `<${e.qname}> has xml:id="${id.value}", already used by <${other.qname}> at ${where(other)}`, id.pos);
  });
  return ids;
}

/**
 * Reports `#id` references that match no xml:id; returns, for each id, the elements that
 * point to it. References that are not local (`http://…`, `other.xml#x`) are not checked.
 */
function checkPointers(elements: readonly ElementRecord[], ids: ReadonlyMap<string, number>, diagnostics: Diagnostics): Map<string, Set<number>> {
  const pointedTo = new Map<string, Set<number>>();
  elements.forEach((e, index) => {
    for (const a of e.attrs) {
      if (a.ns !== '' || !(POINTER_ATTRIBUTES as readonly string[]).includes(a.local)) continue;
      for (const token of a.value.split(' ')) {
        if (!token.startsWith('#')) continue;
        const id = token.slice(1);
        if (ids.has(id)) {
          const from = pointedTo.get(id) ?? new Set<number>();
          from.add(index);
          pointedTo.set(id, from);
        } else {
          diagnostics.report('pointer-broken', `<${e.qname}> @${a.qname} points to "${token}", but no element has xml:id="${id}"`, a.pos);
        }
      }
    }
  });
  return pointedTo;
}

/** Is the element inside a TEI <back>? */
function inBack(elements: readonly ElementRecord[], e: ElementRecord): boolean {
  for (let p = e.parent; p >= 0; p = elements[p]!.parent) {
    const ancestor = elements[p]!;
    if (ancestor.local === 'back' && ancestor.ns === TEI_NS) return true;
  }
  return false;
}

/** An endnote (note[@xml:id] in back) that nothing else points to cannot be reached from the text. */
function checkNotesReferenced(elements: readonly ElementRecord[], pointedTo: ReadonlyMap<string, Set<number>>, diagnostics: Diagnostics): void {
  elements.forEach((e, index) => {
    if (e.local !== 'note' || e.ns !== TEI_NS) return;
    const id = attr(e, 'id', XML_NS);
    if (!id || !inBack(elements, e)) return;
    const from = pointedTo.get(id.value);
    const byOthers = from !== undefined && [...from].some((i) => i !== index);
    if (!byOthers) {
      const n = attr(e, 'n');
      const label = n ? ` (n="${n.value}")` : '';
      diagnostics.report('note-unreferenced', `<note xml:id="${id.value}">${label} in <back>: nothing points to it (no target="#${id.value}")`, e.pos);
    }
  });
}

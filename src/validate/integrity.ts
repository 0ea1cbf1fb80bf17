/**
 * Checks a RELAX NG schema cannot make: every xml:id unique, every local `#` pointer
 * resolving to an xml:id, every endnote pointed to. All findings of a document are
 * reported, each at the line:column of the attribute or element concerned.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { SourcePos } from '../model/edition.js';
import { XML_NS, attr, type AttrRecord, type ElementRecord } from './scan.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** Attributes whose values are space-separated lists of URI references (TEI's teidata.pointer). */
export const POINTER_ATTRIBUTES = ['target', 'corresp', 'resp', 'hand', 'who', 'ref'] as const;
const POINTER_NAMES: ReadonlySet<string> = new Set(POINTER_ATTRIBUTES);

/** How a finding names another element's position: `line:column`, or, in a document expanded from several files, `file:line:column`. */
export type Place = (pos: SourcePos) => string;
const lineColumn: Place = (pos) => `${pos.line}:${pos.column}`;

export function checkIntegrity(elements: readonly ElementRecord[], diagnostics: Diagnostics, includedIds?: ReadonlySet<string>, place: Place = lineColumn): void {
  const own = ownElements(elements);
  const found = collectIds(elements, own, diagnostics, place);
  const pointedTo = checkPointers(elements, found, diagnostics, includedIds);
  checkNotesReferenced(elements, found.notes, pointedTo, diagnostics);
}

/** Inside a TEI example (`egXML`): quoted markup of another document. */
const EXAMPLE = 0;
/** The document's own TEI (and its root's namespace). */
const OWN = 1;
/** Markup of another vocabulary embedded in the document (SVG, MathML…): its ids are targets, its attributes are not TEI's. */
const EMBEDDED = 2;

const EXAMPLES_NS = 'http://www.tei-c.org/ns/Examples';

/**
 * What each element is to the checks. A TEI example (`egXML`, in the Examples namespace)
 * quotes another document, with that document's ids and pointers: neither is checked
 * against the document's. Markup of another vocabulary embedded in the document (an SVG
 * figure) is the document's: its `id`s are pointer targets, but its attributes are not
 * TEI pointers.
 */
function ownElements(elements: readonly ElementRecord[]): Uint8Array {
  const kind = kindScratch(elements.length);
  const rootNs = elements[0]?.ns ?? '';
  // The elements of a document share a few namespace strings (one object per declaration):
  // the last one classified is kept, so most elements cost one identity test.
  let lastNs: string | undefined;
  let lastOwn = OWN;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    const parent = e.parent < 0 ? OWN : kind[e.parent]!;
    if (parent === EXAMPLE) {
      kind[i] = EXAMPLE;
      continue;
    }
    if (e.ns !== lastNs) {
      lastNs = e.ns;
      lastOwn = e.ns === EXAMPLES_NS ? EXAMPLE : e.ns === TEI_NS || e.ns === rootNs ? OWN : EMBEDDED;
    }
    kind[i] = lastOwn;
  }
  return kind;
}

/**
 * Room for the kinds of `n` elements, reused from one document to the next (a typed array
 * per document cost more to allocate than the checks that read it); every slot below `n`
 * is written before it is read. Not kept when large.
 */
let kinds = new Uint8Array(1 << 12);
function kindScratch(n: number): Uint8Array {
  if (n > KEEP_KINDS) return new Uint8Array(n);
  if (kinds.length < n) kinds = new Uint8Array(Math.min(KEEP_KINDS, Math.max(n, kinds.length * 2)));
  return kinds;
}
const KEEP_KINDS = 1 << 16;

interface PrefixDef {
  match: RegExp;
  replacement: string;
}

/**
 * The private URI schemes a document declares (`<prefixDef ident="psn"
 * matchPattern="([a-z]+)" replacementPattern="#$1"/>`): `psn:smith` stands for `#smith`.
 * Added to `defs` in document order.
 */
function addPrefixDef(e: ElementRecord, defs: Map<string, PrefixDef[]>): void {
  const ident = attr(e, 'ident')?.value;
  const pattern = attr(e, 'matchPattern')?.value;
  const replacement = attr(e, 'replacementPattern')?.value;
  if (!ident || pattern === undefined || replacement === undefined) return;
  let match: RegExp;
  try {
    // XML Schema patterns match the whole string.
    match = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return;
  }
  const list = defs.get(ident) ?? [];
  list.push({ match, replacement });
  defs.set(ident, list);
}

/** A pointer with its private scheme expanded (the first prefixDef that matches), else as written. */
function expandPrefix(token: string, defs: ReadonlyMap<string, PrefixDef[]>): string {
  const colon = token.indexOf(':');
  if (colon <= 0) return token;
  for (const def of defs.get(token.slice(0, colon)) ?? []) {
    const rest = token.slice(colon + 1);
    if (def.match.test(rest)) return rest.replace(def.match, def.replacement);
  }
  return token;
}

/** The element's attribute `local` in namespace `ns` (as `attr`, without a closure per call). */
function attrOf(e: ElementRecord, local: string, ns: string): AttrRecord | undefined {
  const attrs = e.attrs;
  for (let k = 0; k < attrs.length; k++) {
    const a = attrs[k]!;
    if (a.local === local && a.ns === ns) return a;
  }
  return undefined;
}

/** What the one pass over the elements found for the later checks. */
interface Found {
  /** xml:id → index of the first element carrying it; later ones are duplicates. */
  ids: Map<string, number>;
  defs: Map<string, PrefixDef[]>;
  /** The document's own elements with an unprefixed attribute named as a pointer, in order. */
  pointing: number[];
  /** TEI notes with an xml:id, in order (the endnotes among them must be pointed to). */
  notes: number[];
}

/**
 * One pass: every xml:id (duplicates reported), the private URI schemes, and which
 * elements the pointer and note checks will look at.
 */
function collectIds(elements: readonly ElementRecord[], own: Uint8Array, diagnostics: Diagnostics, place: Place): Found {
  const found: Found = { ids: new Map(), defs: new Map(), pointing: [], notes: [] };
  const ids = found.ids;
  for (let index = 0; index < elements.length; index++) {
    const e = elements[index]!;
    const kind = own[index];
    // Notes are checked whatever their kind (as they always were).
    if (e.local === 'note' && e.ns === TEI_NS && attrOf(e, 'id', XML_NS)) found.notes.push(index);
    if (kind === EXAMPLE) continue;
    if (kind === EMBEDDED) {
      // SVG and HTML name their elements with a plain `id`; a TEI pointer may target them.
      const id = attrOf(e, 'id', XML_NS) ?? attrOf(e, 'id', '');
      if (id && !ids.has(id.value)) ids.set(id.value, index);
      continue;
    }
    const attrs = e.attrs;
    let id: AttrRecord | undefined;
    let pointing = false;
    for (let k = 0; k < attrs.length; k++) {
      const a = attrs[k]!;
      if (a.ns === '') pointing ||= POINTER_NAMES.has(a.local);
      else if (id === undefined && a.local === 'id' && a.ns === XML_NS) id = a;
    }
    if (pointing) found.pointing.push(index);
    if (e.local === 'prefixDef' && e.ns === TEI_NS) addPrefixDef(e, found.defs);
    if (!id) continue;
    const first = ids.get(id.value);
    if (first === undefined) {
      ids.set(id.value, index);
      continue;
    }
    const other = elements[first]!;
    diagnostics.report('id-duplicate', `<${e.qname}> has xml:id="${id.value}", already used by <${other.qname}> at ${place(other.pos)}`, id.pos);
  }
  return found;
}

/** Who points to an id: the one element that does, or MANY when several do. */
const MANY = -2;

/**
 * Reports `#id` references that match no xml:id; returns, for each id, who points to it
 * (only when there are notes to ask about it). References that are not local (`http://…`,
 * `other.xml#x`) are not checked.
 */
function checkPointers(elements: readonly ElementRecord[], found: Found, diagnostics: Diagnostics, includedIds?: ReadonlySet<string>): Map<string, number> {
  const pointedTo = new Map<string, number>();
  const { ids, defs } = found;
  const record = found.notes.length > 0;
  for (const index of found.pointing) {
    const e = elements[index]!;
    for (const a of e.attrs) {
      if (a.ns !== '' || !POINTER_NAMES.has(a.local)) continue;
      const value = a.value;
      // The value's tokens, split at each space (as `split(' ')`: empty ones included).
      for (let from = 0; from <= value.length; ) {
        let to = value.indexOf(' ', from);
        if (to < 0) to = value.length;
        const written = from === 0 && to === value.length ? value : value.slice(from, to);
        from = to + 1;
        const token = expandPrefix(written, defs);
        // Only same-document pointers are checked; `other.xml#id` needs the other file.
        if (!token.startsWith('#')) continue;
        const id = token.slice(1);
        if (id === '') {
          diagnostics.report('pointer-malformed', `<${e.qname}> @${a.qname} is "#": a pointer to no element (name an xml:id after the #, or remove the pointer)`, a.pos);
        } else if (ids.has(id)) {
          if (record) {
            const by = pointedTo.get(id);
            if (by === undefined) pointedTo.set(id, index);
            else if (by !== index && by !== MANY) pointedTo.set(id, MANY);
          }
        } else if (!includedIds?.has(id)) {
          const shown = token === written ? `"${written}"` : `"${written}" (= "${token}")`;
          diagnostics.report('pointer-broken', `<${e.qname}> @${a.qname} points to ${shown}, but no element has xml:id="${id}"`, a.pos);
        }
      }
    }
  }
  return pointedTo;
}

/**
 * Where an endnote stands: in a TEI `<back>`, or in a notes section printed inside the text
 * (`<div type="notes">` in the body, where a page prints its notes between two parts of the
 * text); undefined for a note elsewhere (an inline note, a margin note).
 */
function endnotePlace(elements: readonly ElementRecord[], e: ElementRecord): 'in <back>' | 'in a notes section' | undefined {
  let place: 'in <back>' | 'in a notes section' | undefined;
  for (let p = e.parent; p >= 0; p = elements[p]!.parent) {
    const ancestor = elements[p]!;
    if (ancestor.ns !== TEI_NS) continue;
    if (ancestor.local === 'back') return 'in <back>';
    if (ancestor.local === 'div' && attrOf(ancestor, 'type', '')?.value === 'notes') place ??= 'in a notes section';
  }
  return place;
}

/** An endnote (note[@xml:id] in back, or in a notes section inside the text) that nothing else points to cannot be reached from the text. */
function checkNotesReferenced(elements: readonly ElementRecord[], notes: readonly number[], pointedTo: ReadonlyMap<string, number>, diagnostics: Diagnostics): void {
  for (const index of notes) {
    const e = elements[index]!;
    const id = attrOf(e, 'id', XML_NS)!;
    const place = endnotePlace(elements, e);
    if (!place) continue;
    const by = pointedTo.get(id.value);
    const byOthers = by !== undefined && by !== index;
    if (!byOthers) {
      const n = attrOf(e, 'n', '');
      const label = n ? ` (n="${n.value}")` : '';
      diagnostics.report('note-unreferenced', `<note xml:id="${id.value}">${label} ${place}: nothing points to it (no target="#${id.value}")`, e.pos);
    }
  }
}

/**
 * What integrity needs of a document in which every element is in the TEI namespace, with
 * unprefixed names and attributes unprefixed or `xml:` (TEI teiwright wrote), gathered in
 * the one walk of the fast RELAX NG check (rng/index.ts) instead of from scan.ts's records.
 * Attribute values are as scan.ts gives them (`attributeValue`); offsets are into the text.
 */
export interface IntegrityFacts {
  /** An `appInfo/application[@ident="teiwright"]` was met (`writtenByTeiwright`). */
  written: boolean;
  /** Something the facts do not follow was met (a `prefixDef`, an xml:id given twice): `reportIntegrityFacts` then leaves the document to `checkIntegrity`. */
  unsupported: boolean;
  /** Every xml:id. */
  ids: Set<string>;
  /**
   * The values of the pointer attributes (POINTER_ATTRIBUTES), in document order; for each,
   * the number of the element (in document order) carrying it, that element's name, the
   * attribute's name and the offset where the attribute's name starts.
   */
  pointers: string[];
  pointerOwners: number[];
  pointerElements: string[];
  pointerNames: string[];
  pointerOffsets: number[];
  /**
   * The endnotes with an xml:id (a `note` inside `back` or inside a `div type="notes"`): their
   * ids, element numbers, the offsets of their start tags, their `n` (undefined when they
   * have none), and whether they stand in `back`.
   */
  endnoteIds: string[];
  endnoteIndexes: number[];
  endnoteOffsets: number[];
  endnoteLabels: (string | undefined)[];
  endnoteInBack: boolean[];
}

/**
 * Positions of increasing offsets in `text`: a line cursor that only moves forward, so a
 * document's findings cost one pass over its text at most, and nothing when there are none.
 */
function forwardPositions(text: string): (offset: number) => SourcePos {
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < offset; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/**
 * What `checkIntegrity` reports on the document the facts describe, in the same order and
 * words, from the facts alone: the document needs no scan.ts records (on a 7 MB TEI of
 * 190,000 elements those held 74 MB through the check). False, reporting nothing, when the
 * facts are not enough (`unsupported`: an id given twice, a private URI scheme).
 */
export function reportIntegrityFacts(facts: IntegrityFacts, xml: string, diagnostics: Diagnostics): boolean {
  if (facts.unsupported) return false;
  const { ids, pointers, pointerOwners, endnoteIds } = facts;
  const pointerPos = forwardPositions(xml);
  // Who points to each endnote: the one element that does, or MANY (as checkPointers records it).
  const pointedTo = endnoteIds.length > 0 ? new Map<string, number>() : undefined;
  for (let k = 0; k < pointers.length; k++) {
    const value = pointers[k]!;
    // The value's tokens, split at each space (as checkPointers splits them).
    for (let from = 0; from <= value.length; ) {
      let to = value.indexOf(' ', from);
      if (to < 0) to = value.length;
      if (value.charCodeAt(from) === 0x23) {
        const id = value.slice(from + 1, to);
        if (id === '') {
          diagnostics.report('pointer-malformed', `<${facts.pointerElements[k]}> @${facts.pointerNames[k]} is "#": a pointer to no element (name an xml:id after the #, or remove the pointer)`, pointerPos(facts.pointerOffsets[k]!));
        } else if (ids.has(id)) {
          if (pointedTo) {
            const owner = pointerOwners[k]!;
            const by = pointedTo.get(id);
            if (by === undefined) pointedTo.set(id, owner);
            else if (by !== owner && by !== MANY) pointedTo.set(id, MANY);
          }
        } else {
          diagnostics.report('pointer-broken', `<${facts.pointerElements[k]}> @${facts.pointerNames[k]} points to "#${id}", but no element has xml:id="${id}"`, pointerPos(facts.pointerOffsets[k]!));
        }
      }
      from = to + 1;
    }
  }
  const notePos = forwardPositions(xml);
  for (let k = 0; k < endnoteIds.length; k++) {
    const by = pointedTo!.get(endnoteIds[k]!);
    if (by !== undefined && by !== facts.endnoteIndexes[k]) continue;
    const id = endnoteIds[k]!;
    const n = facts.endnoteLabels[k];
    const label = n !== undefined ? ` (n="${n}")` : '';
    diagnostics.report('note-unreferenced', `<note xml:id="${id}">${label} ${facts.endnoteInBack[k] ? 'in <back>' : 'in a notes section'}: nothing points to it (no target="#${id}")`, notePos(facts.endnoteOffsets[k]!));
  }
  return true;
}

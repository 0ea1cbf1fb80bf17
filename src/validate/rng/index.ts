/**
 * A verdict on TEI that teiwright wrote, without libxml2: a strict well-formedness check
 * of the text and a RELAX NG check against the project schema (pattern.ts, compile.ts),
 * in one pass over the text.
 *
 * Only "valid" is trusted: the caller then skips libxml2 for the document. "invalid" and
 * "unsure" both send it to libxml2 as before, so every message, position and verdict
 * about a faulty document is libxml2's. For that the check is conservative throughout:
 * - the text must be XML of a narrow, plain form (what teiwright's writer emits): UTF-8
 *   XML 1.0 declaration or none, no DOCTYPE, no CDATA, no carriage return, element names
 *   without prefix, the TEI namespace declared on the root only, attributes unprefixed or
 *   `xml:`, ASCII names, only the five predefined entities, character references to
 *   characters XML allows, no `]]>`, nesting at most MAX_DEPTH deep. Anything else is
 *   "unsure" (the text may be fine; libxml2 says so).
 * - datatypes (datatypes.ts) accept only values libxml2 certainly accepts; ids must be
 *   unique in the document.
 * - a schema the compiler does not fully follow is never used.
 */
import { readFileSync } from 'node:fs';
import { attributeValue } from '../scan.js';
import { POINTER_ATTRIBUTES, type IntegrityFacts } from '../integrity.js';
import { compileRng, type CompiledRng } from './compile.js';
import { UnsupportedSchema } from './datatypes.js';
import { Kind, nameKey, type Pattern } from './pattern.js';

export type Verdict = 'valid' | 'invalid' | 'unsure';

let enabled = true;

/** Turns the fast check on or off in this thread (off: every document goes to libxml2; tests compare the two ways). */
export function useFastCheck(on: boolean): void {
  enabled = on;
}

/** How many documents each verdict was given in this thread (tests and benchmarks read it). */
export const fastVerdicts = { valid: 0, invalid: 0, unsure: 0 };

const TEI_NS = 'http://www.tei-c.org/ns/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Deeper documents are "unsure". The walk keeps its own stack (no recursion on the document); tested valid and invalid to 9,000 levels (tests/validate/deep-nesting.test.ts). */
export const MAX_DEPTH = 10_000;
/** Patterns the table may hold before it is made afresh (between documents) or the document is left to libxml2 (within one). */
const MAX_PATTERNS = 200_000;

const compiled = new Map<string, CompiledRng | null>();

function schemaOf(path: string): CompiledRng | undefined {
  let c = compiled.get(path);
  if (c === undefined || (c !== null && c.patterns.size > MAX_PATTERNS)) {
    try {
      c = compileRng(readFileSync(path, 'utf8'));
    } catch (e) {
      if (!(e instanceof UnsupportedSchema)) throw e;
      c = null;
    }
    compiled.set(path, c);
  }
  return c ?? undefined;
}

/** Characters XML 1.0 forbids, and carriage returns (whose normalisation the check does not follow). */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]/;
/** The same, and any surrogate (one regular expression over the text; pairs are then looked at closer). */
const FORBIDDEN_OR_SURROGATE = /[\x00-\x08\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const XML_DECL = /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.0\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])(?:UTF|utf)-8\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>/y;
const PI_TARGET = /[A-Za-z_][A-Za-z0-9._-]*/y;
const REF = /&(?:#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6})|(lt|gt|amp|quot|apos));/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Whether the name `nameEnd` last read has a prefix. */
let nameHadColon = false;

/** The end of an ASCII qualified name starting at `i` (a name, optionally `prefix:name`); -1 when none starts there. */
function nameEnd(xml: string, i: number): number {
  let colon = false;
  nameHadColon = false;
  let c = xml.charCodeAt(i);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return -1;
  for (i++; ; i++) {
    c = xml.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e) continue;
    if (c === 0x3a && !colon) {
      colon = true;
      nameHadColon = true;
      c = xml.charCodeAt(i + 1);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return -1;
      continue;
    }
    return i;
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09;
const allowedChar = (c: number): boolean => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

const wellFormedUnicode = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

class Unsure extends Error {}
const unsure = new Unsure();

/** The code point of the reference REF just matched (`m`); throws Unsure when XML does not allow it. */
function referenced(m: RegExpExecArray): number {
  if (m[3] !== undefined) return PREDEFINED[m[3]]!.charCodeAt(0);
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  if (!allowedChar(code)) throw unsure;
  return code;
}

/**
 * Pieces of decoded text joined this many at a time: a long text of references (16 MB of
 * `&lt;`) built by `+=` was a chain of 16 million concatenations (about 470 MB) before it was read.
 */
const DECODED_PIECES = 4096;
const decodedPieces: string[] = [];

/**
 * Text from `from` to `to` with its references resolved (`normalize`: literal tabs and line
 * ends as spaces, as in an attribute value); throws Unsure for anything else after `&`.
 */
function references(xml: string, from: number, to: number, normalize = false): string {
  let out = '';
  let count = 0;
  const put = (piece: string): void => {
    decodedPieces[count++] = piece;
    if (count === DECODED_PIECES) {
      out += decodedPieces.join('');
      count = 0;
    }
  };
  const raw = (a: number, b: number): string => (normalize ? xml.slice(a, b).replace(/[\t\n]/g, ' ') : xml.slice(a, b));
  let i = xml.indexOf('&', from);
  let last = from;
  while (i >= 0 && i < to) {
    REF.lastIndex = i;
    const m = REF.exec(xml);
    if (!m || REF.lastIndex > to) throw unsure;
    if (i > last) put(raw(last, i));
    put(m[3] !== undefined ? PREDEFINED[m[3]]! : String.fromCodePoint(referenced(m)));
    last = REF.lastIndex;
    i = xml.indexOf('&', last);
  }
  if (to > last) put(raw(last, to));
  decodedPieces.length = count;
  out += decodedPieces.join('');
  decodedPieces.length = 0;
  return out;
}

/** The offset after `&lt;`, `&gt;` or `&amp;` at `i` (an `&`); -1 when none of them is there. */
function predefinedEnd(xml: string, i: number): number {
  const c = xml.charCodeAt(i + 1);
  if ((c === 0x6c || c === 0x67) && xml.charCodeAt(i + 2) === 0x74 && xml.charCodeAt(i + 3) === 0x3b) return i + 4;
  if (c === 0x61 && xml.charCodeAt(i + 2) === 0x6d && xml.charCodeAt(i + 3) === 0x70 && xml.charCodeAt(i + 4) === 0x3b) return i + 5;
  return -1;
}

/**
 * Whether the text from `from` to `to` holds anything but white space once its references
 * are resolved (a reference to a space is white space), without building that text; throws
 * Unsure for anything after `&` but a reference to a character XML allows. `firstAmp`: the
 * first `&` at or after `from` (-1: none), which the caller knows.
 */
function holdsWord(xml: string, from: number, to: number, firstAmp: number): boolean {
  let word = false;
  let last = from;
  let i = firstAmp;
  for (;;) {
    const stop = i >= 0 && i < to ? i : to;
    for (let k = last; !word && k < stop; k++) if (!isSpace(xml.charCodeAt(k))) word = true;
    if (stop === to) return word;
    // `&lt;`, `&gt;` and `&amp;` (the writer's escapes) without the pattern: a word each.
    last = predefinedEnd(xml, i);
    if (last > 0 && last <= to) word = true;
    else {
      REF.lastIndex = i;
      const m = REF.exec(xml);
      if (!m || REF.lastIndex > to) throw unsure;
      const code = referenced(m);
      if (!word && code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) word = true;
      last = REF.lastIndex;
    }
    i = xml.indexOf('&', last);
  }
}

/** A comment or processing instruction at `i` (`<!--` or `<?`): the offset after it; throws Unsure when it is not a plain one. */
function skipMisc(xml: string, i: number): number {
  if (xml.startsWith('<!--', i)) {
    const end = xml.indexOf('--', i + 4);
    if (end < 0 || xml.charCodeAt(end + 2) !== 0x3e) throw unsure;
    return end + 3;
  }
  PI_TARGET.lastIndex = i + 2;
  const m = PI_TARGET.exec(xml);
  if (!m) throw unsure;
  const target = m[0];
  if (/^xml/i.test(target) && target !== 'xml-model' && target !== 'xml-stylesheet') throw unsure;
  const after = PI_TARGET.lastIndex;
  if (xml.startsWith('?>', after)) return after + 2;
  if (!isSpace(xml.charCodeAt(after))) throw unsure;
  const end = xml.indexOf('?>', after);
  if (end < 0) throw unsure;
  return end + 2;
}

/** Misc (white space, comments, PIs) from `i`: the offset of the next other thing. */
function skipProlog(xml: string, i: number): number {
  for (;;) {
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    if (xml.startsWith('<!--', i) || xml.startsWith('<?', i)) i = skipMisc(xml, i);
    else return i;
  }
}

/** What the walk keeps of each open element, in arrays indexed by depth (no object per element). */
const HAD_CHILD = 1;
/** Text not yet given to the validator holds something other than white space. */
const PENDING_WORD = 2;
/** The element is a `back`, or a `div type="notes"` (for the endnotes' place, see IntegrityFacts). */
const IS_BACK = 4;
const IS_NOTES_DIV = 8;

/** The open elements: qualified names as written (the end tag must repeat them), flags, and text not yet given to the validator (only when the pattern needs it). */
const openNames: string[] = [];
let openFlags = new Uint8Array(64);
const openPending: string[] = [];

/** The attribute names read so far in the current start tag (to refuse one given twice). */
const tagAttributes: string[] = [];

/** What the integrity checks read an attribute for (AttributeInfo.role). */
const ROLE_NONE = 0;
const ROLE_XML_ID = 1;
const ROLE_POINTER = 2;
const ROLE_IDENT = 3;
const ROLE_TYPE = 4;
const ROLE_N = 5;

const POINTER_NAMES: ReadonlySet<string> = new Set(POINTER_ATTRIBUTES);

function roleOf(qname: string): number {
  if (qname === 'xml:id') return ROLE_XML_ID;
  if (qname === 'ident') return ROLE_IDENT;
  if (qname === 'type') return ROLE_TYPE;
  if (qname === 'n') return ROLE_N;
  return POINTER_NAMES.has(qname) ? ROLE_POINTER : ROLE_NONE;
}

/** The element names the integrity facts look at. */
const NAME_OTHER = 0;
const NAME_NOTE = 1;
const NAME_BACK = 2;
const NAME_DIV = 3;
const NAME_APPLICATION = 4;

function nameKind(qname: string): number {
  switch (qname) {
    case 'note':
      return NAME_NOTE;
    case 'back':
      return NAME_BACK;
    case 'div':
      return NAME_DIV;
    case 'application':
      return NAME_APPLICATION;
    default:
      return NAME_OTHER;
  }
}

/**
 * What the last walk learnt for the integrity checks (integrity.ts's `certainlyIntact`),
 * meaningful when its verdict was "valid": then every element is in the TEI namespace,
 * unprefixed, with attributes unprefixed or `xml:`, and the walk met them in the order
 * scan.ts lists them. Reused from one document to the next.
 */
export const walkFacts: IntegrityFacts = { written: false, unsupported: false, ids: new Set(), pointers: [], pointerOwners: [], pointerElements: [], pointerNames: [], pointerOffsets: [], endnoteIds: [], endnoteIndexes: [], endnoteOffsets: [], endnoteLabels: [], endnoteInBack: [] };

function resetFacts(f: IntegrityFacts): void {
  f.written = false;
  f.unsupported = false;
  f.ids.clear();
  f.pointers.length = 0;
  f.pointerOwners.length = 0;
  f.pointerElements.length = 0;
  f.pointerNames.length = 0;
  f.pointerOffsets.length = 0;
  f.endnoteIds.length = 0;
  f.endnoteIndexes.length = 0;
  f.endnoteOffsets.length = 0;
  f.endnoteLabels.length = 0;
  f.endnoteInBack.length = 0;
}

/**
 * The fast verdict on `xml` against the RELAX NG schema at `path` (see above). Never
 * throws for a document; "unsure" also when the schema cannot be compiled here.
 * `known`: the verdict `walkOwn` gave on the same text and schema (counted here, not walked again).
 */
export function fastVerdict(path: string, xml: string, known?: Verdict): Verdict {
  if (!enabled) return 'unsure';
  const v = known ?? verdictOf(path, xml);
  fastVerdicts[v]++;
  return v;
}

/**
 * The walk alone, its verdict not counted: `walkFacts` then holds what it learnt. For the
 * caller that decides from the facts whether the verdict is used (and counts it with
 * `fastVerdict(path, xml, verdict)`); undefined when the fast check is off.
 */
export function walkOwn(path: string, xml: string): Verdict | undefined {
  return enabled ? verdictOf(path, xml) : undefined;
}

function verdictOf(path: string, xml: string): Verdict {
  resetFacts(walkFacts);
  const schema = schemaOf(path);
  if (!schema) return 'unsure';
  // (DOCTYPE and CDATA stop the walk: `<!` opens nothing else it reads.)
  if ((FORBIDDEN_OR_SURROGATE.test(xml) && (FORBIDDEN.test(xml) || !wellFormedUnicode(xml))) || xml.includes(']]>')) return 'unsure';
  try {
    return walk(schema, xml, walkFacts);
  } catch (e) {
    if (e instanceof Unsure) return 'unsure';
    // A fault of the check itself: libxml2 decides.
    return 'unsure';
  } finally {
    // The open elements' texts are not kept past the document.
    openPending.fill('', 0, Math.min(openPending.length, MAX_DEPTH));
    if (openNames.length > 1024) {
      openNames.length = 0;
      openPending.length = 0;
      openFlags = new Uint8Array(64);
    }
  }
}

function walk(schema: CompiledRng, xml: string, facts: IntegrityFacts): Verdict {
  const P = schema.patterns;
  const limit = P.size + MAX_PATTERNS;
  let i = 0;
  XML_DECL.lastIndex = 0;
  if (xml.startsWith('<?xml', 0) && /^<\?xml[ \t\n?]/.test(xml)) {
    if (!XML_DECL.test(xml)) throw unsure;
    i = XML_DECL.lastIndex;
  }
  i = skipProlog(xml, i);
  if (xml.charCodeAt(i) !== 0x3c) throw unsure;
  let p: Pattern = schema.start;
  /** How many elements are open: openNames[0..depth) and their flags. */
  let depth = 0;
  const ids = new Set<string>();
  let rootDone = false;
  // The next '&' at or after the text being read (-1: none left): found once, not searched for again at each text.
  let nextAmp = xml.indexOf('&');
  const attributeKeys = schema.attributeKeys;
  const defaultNs = schema.defaultNs;
  /** Elements met so far (their start tags, in document order, as scan.ts numbers them). */
  let elements = 0;
  /** Open `back` elements and open `div type="notes"` elements. */
  let backs = 0;
  let notesDivs = 0;

  /** Gives the pending text of open element `d` to the validator, before a child or the end tag. */
  const flush = (d: number, ending: boolean): void => {
    const f = openFlags[d]!;
    if ((f & PENDING_WORD) !== 0) p = P.text(p, openPending[d]!);
    else if (ending && (f & HAD_CHILD) === 0) p = P.blankText(p, openPending[d]!);
    // White space between or around children is ignored.
    openFlags[d] = f & ~PENDING_WORD;
    openPending[d] = '';
  };

  while (!rootDone) {
    // At a '<' inside or at the root.
    const next = xml.charCodeAt(i + 1);
    if (next === 0x2f) {
      // An end tag.
      if (depth === 0) throw unsure;
      depth--;
      const qname = openNames[depth]!;
      let j = nameEnd(xml, i + 2);
      if (j < 0 || j - i - 2 !== qname.length || !xml.startsWith(qname, i + 2)) throw unsure;
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 0x3e) throw unsure;
      flush(depth, true);
      const f = openFlags[depth]!;
      if ((f & IS_BACK) !== 0) backs--;
      if ((f & IS_NOTES_DIV) !== 0) notesDivs--;
      p = P.endTag(p);
      i = j + 1;
      if (depth === 0) {
        rootDone = true;
        break;
      }
    } else if ((next === 0x21 && xml.startsWith('<!--', i)) || next === 0x3f) {
      if (depth === 0) throw unsure;
      i = skipMisc(xml, i);
    } else {
      const nameTo = nameEnd(xml, i + 1);
      if (nameTo < 0 || nameHadColon) throw unsure;
      const qname = xml.slice(i + 1, nameTo);
      if (depth >= MAX_DEPTH) throw unsure;
      if (depth > 0) {
        flush(depth - 1, false);
        openFlags[depth - 1]! |= HAD_CHILD;
      }
      const index = elements++;
      const kind = nameKind(qname);
      if (qname === 'prefixDef') facts.unsupported = true;
      // Every element is in the TEI namespace (the root must declare it, below; nothing else may).
      p = P.startTagOpen(p, nameKey(TEI_NS, qname, defaultNs));
      let j = nameTo;
      let declared: string | undefined;
      let idValue: string | undefined;
      let ident = false;
      let notesType = false;
      let label: string | undefined;
      let attributes = 0;
      // Each attribute as it is read (the order of derivatives is the document's).
      for (;;) {
        const before = j;
        while (isSpace(xml.charCodeAt(j))) j++;
        const c = xml.charCodeAt(j);
        if (c === 0x3e || (c === 0x2f && xml.charCodeAt(j + 1) === 0x3e)) break;
        if (j === before) throw unsure;
        const to = nameEnd(xml, j);
        if (to < 0) throw unsure;
        const aname = xml.slice(j, to);
        const nameFrom = j;
        j = to;
        while (isSpace(xml.charCodeAt(j))) j++;
        if (xml.charCodeAt(j) !== 0x3d) throw unsure;
        j++;
        while (isSpace(xml.charCodeAt(j))) j++;
        const q = xml.charCodeAt(j);
        if (q !== 0x22 && q !== 0x27) throw unsure;
        const end = xml.indexOf(q === 0x22 ? '"' : "'", j + 1);
        if (end < 0) throw unsure;
        for (let k = 0; k < attributes; k++) if (tagAttributes[k] === aname) throw unsure;
        tagAttributes[attributes++] = aname;
        // One look at the raw value: no '<'; references and literal tabs or line ends to resolve.
        let amp = false;
        let space = false;
        for (let k = j + 1; k < end; k++) {
          const ch = xml.charCodeAt(k);
          if (ch === 0x3c) throw unsure;
          if (ch === 0x26) amp = true;
          else if (ch === 0x09 || ch === 0x0a) space = true;
        }
        let value: string;
        if (amp) value = references(xml, j + 1, end, true);
        // Literal tabs and line ends in a value become spaces (XML 1.0 §3.3.3); written as references they stay.
        else if (space) value = xml.slice(j + 1, end).replace(/[\t\n]/g, ' ');
        else value = xml.slice(j + 1, end);
        const rawFrom = j + 1;
        j = end + 1;
        if (aname === 'xmlns') {
          if (value !== TEI_NS || depth > 0 || declared !== undefined) throw unsure;
          declared = value;
          continue;
        }
        if (aname.startsWith('xmlns:')) throw unsure;
        let info = attributeKeys.get(aname);
        if (info === undefined) {
          const colon = aname.indexOf(':');
          let key: string;
          if (colon < 0) key = nameKey('', aname, defaultNs);
          else if (aname.slice(0, colon) === 'xml') key = nameKey(XML_NS, aname.slice(colon + 1), defaultNs);
          else throw unsure;
          info = { key, id: schema.idAttributes.has(key), role: roleOf(aname) };
          if (attributeKeys.size < 1000) attributeKeys.set(aname, info);
        }
        if (info.id) {
          if (ids.has(value)) throw unsure;
          ids.add(value);
        }
        p = P.attribute_(p, info.key, value);
        if (info.role !== ROLE_NONE) {
          // The value as scan.ts gives it to the integrity checks (the same string; computed
          // by its own rule where references make the two ways differ in form).
          const exact = amp ? attributeValue(xml.slice(rawFrom, end)) : value;
          switch (info.role) {
            case ROLE_XML_ID:
              idValue = exact;
              break;
            case ROLE_POINTER:
              facts.pointers.push(exact);
              facts.pointerOwners.push(index);
              facts.pointerElements.push(qname);
              facts.pointerNames.push(aname);
              facts.pointerOffsets.push(nameFrom);
              break;
            case ROLE_IDENT:
              ident = exact === 'teiwright';
              break;
            case ROLE_TYPE:
              notesType = exact === 'notes';
              break;
            case ROLE_N:
              if (kind === NAME_NOTE) label = exact;
              break;
            default:
          }
        }
      }
      if (depth === 0 && declared !== TEI_NS) throw unsure;
      if (idValue !== undefined) {
        // A second element with an id: integrity reports it (the walk goes on; the facts are not used).
        if (facts.ids.has(idValue)) facts.unsupported = true;
        else facts.ids.add(idValue);
        if (kind === NAME_NOTE && (backs > 0 || notesDivs > 0)) {
          facts.endnoteIds.push(idValue);
          facts.endnoteIndexes.push(index);
          facts.endnoteOffsets.push(i);
          facts.endnoteLabels.push(label);
          facts.endnoteInBack.push(backs > 0);
        }
      }
      if (kind === NAME_APPLICATION && ident && depth > 0 && openNames[depth - 1] === 'appInfo') facts.written = true;
      const selfClosing = xml.charCodeAt(j) === 0x2f;
      i = j + (selfClosing ? 2 : 1);
      p = P.startTagClose(p);
      if (selfClosing) {
        // An empty element: its (empty) content, then its end.
        p = P.blankText(p, '');
        p = P.endTag(p);
        if (depth === 0) {
          rootDone = true;
          break;
        }
      } else {
        if (depth >= openFlags.length) {
          const wider = new Uint8Array(Math.min(MAX_DEPTH, openFlags.length * 2));
          wider.set(openFlags);
          openFlags = wider;
        }
        openNames[depth] = qname;
        openPending[depth] = '';
        let f = 0;
        if (kind === NAME_BACK) {
          f = IS_BACK;
          backs++;
        } else if (kind === NAME_DIV && notesType) {
          f = IS_NOTES_DIV;
          notesDivs++;
        }
        openFlags[depth] = f;
        depth++;
      }
    }
    // Past a fault the verdict is not "valid": libxml2 says the rest.
    if (p.kind === Kind.NotAllowed) return 'invalid';
    if (P.size > limit) throw unsure;
    // Text up to the next '<'.
    const lt = xml.indexOf('<', i);
    if (lt < 0) throw unsure;
    if (lt > i) {
      const top = depth - 1;
      if (nextAmp >= 0 && nextAmp < i) nextAmp = xml.indexOf('&', i);
      const amp = nextAmp;
      // With references, the text as the parser gives it: resolved only where the pattern
      // reads the text (a value); elsewhere only whether it holds a word is asked.
      const withReferences = amp >= 0 && amp < lt;
      const word = holdsWord(xml, i, lt, amp);
      if (P.textValued(p)) openPending[top] += withReferences ? references(xml, i, lt) : xml.slice(i, lt);
      if (word) openFlags[top]! |= PENDING_WORD;
    }
    i = lt;
  }
  // After the root: white space, comments and PIs only.
  if (skipProlog(xml, i) !== xml.length) throw unsure;
  if (p.kind === Kind.NotAllowed) return 'invalid';
  return p.nullable ? 'valid' : 'invalid';
}

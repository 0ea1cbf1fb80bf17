/**
 * ORACLE: the walk of the fast RELAX NG check as session 8 left it (src/validate/rng/index.ts
 * at 5352320), kept unchanged but for its imports and for `attributeKeys`, which it now keeps
 * itself (the compiled schema's table has other values). tests/validate/own-fast-path.test.ts
 * compares the current walk's verdicts with it.
 *
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
import { compileRng, type CompiledRng } from '../../../src/validate/rng/compile.js';
import { UnsupportedSchema } from '../../../src/validate/rng/datatypes.js';
import { Kind, nameKey, type Pattern } from '../../../src/validate/rng/pattern.js';

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
const oracleAttributeKeys = new WeakMap<CompiledRng, Map<string, string>>();
function keysOf(schema: CompiledRng): Map<string, string> {
  let keys = oracleAttributeKeys.get(schema);
  if (!keys) oracleAttributeKeys.set(schema, (keys = new Map()));
  return keys;
}

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

/** The end of an ASCII qualified name starting at `i` (a name, optionally `prefix:name`); -1 when none starts there. */
function nameEnd(xml: string, i: number): number {
  let colon = false;
  let c = xml.charCodeAt(i);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return -1;
  for (i++; ; i++) {
    c = xml.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e) continue;
    if (c === 0x3a && !colon) {
      colon = true;
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

/**
 * Text from `from` to `to` with its references resolved, or the check that they are all
 * allowed (`decode` false): throws Unsure for anything else after `&`.
 */
function references(xml: string, from: number, to: number, decode: boolean, normalize = false): string {
  let out = '';
  const raw = (a: number, b: number): string => (normalize ? xml.slice(a, b).replace(/[\t\n]/g, ' ') : xml.slice(a, b));
  let i = xml.indexOf('&', from);
  let last = from;
  while (i >= 0 && i < to) {
    REF.lastIndex = i;
    const m = REF.exec(xml);
    if (!m || REF.lastIndex > to) throw unsure;
    let ch: string;
    if (m[3] !== undefined) ch = PREDEFINED[m[3]]!;
    else {
      const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
      if (!allowedChar(code)) throw unsure;
      ch = String.fromCodePoint(code);
    }
    if (decode) out += raw(last, i) + ch;
    last = REF.lastIndex;
    i = xml.indexOf('&', last);
  }
  return decode ? out + raw(last, to) : '';
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

interface Open {
  /** The qualified name as written (the end tag must repeat it). */
  qname: string;
  /** Whether an element child was met. */
  hadChild: boolean;
  /** Text not yet given to the validator: whether any of it is not white space, and the text (only when the pattern needs it). */
  pendingWord: boolean;
  pending: string;
}

/**
 * The fast verdict on `xml` against the RELAX NG schema at `path` (see above). Never
 * throws for a document; "unsure" also when the schema cannot be compiled here.
 */
export function fastVerdict(path: string, xml: string): Verdict {
  if (!enabled) return 'unsure';
  const v = verdictOf(path, xml);
  fastVerdicts[v]++;
  return v;
}

function verdictOf(path: string, xml: string): Verdict {
  const schema = schemaOf(path);
  if (!schema) return 'unsure';
  // (DOCTYPE and CDATA stop the walk: `<!` opens nothing else it reads.)
  if ((FORBIDDEN_OR_SURROGATE.test(xml) && (FORBIDDEN.test(xml) || !wellFormedUnicode(xml))) || xml.includes(']]>')) return 'unsure';
  try {
    return walk(schema, xml);
  } catch (e) {
    if (e instanceof Unsure) return 'unsure';
    // A fault of the check itself: libxml2 decides.
    return 'unsure';
  }
}

function walk(schema: CompiledRng, xml: string): Verdict {
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
  const stack: Open[] = [];
  const ids = new Set<string>();
  let rootDone = false;
  // The next '&' at or after the text being read (-1: none left): found once, not searched for again at each text.
  let nextAmp = xml.indexOf('&');
  const attributeKeys = keysOf(schema);

  /** Gives the pending text of the innermost open element to the validator, before a child or the end tag. */
  const flush = (top: Open, ending: boolean): void => {
    if (top.pendingWord) p = P.text(p, top.pending);
    else if (ending && !top.hadChild) p = P.blankText(p, top.pending);
    // White space between or around children is ignored.
    top.pendingWord = false;
    top.pending = '';
  };

  while (!rootDone) {
    // At a '<' inside or at the root.
    if (xml.startsWith('</', i)) {
      const top = stack.pop();
      let j = nameEnd(xml, i + 2);
      if (j < 0 || !top || j - i - 2 !== top.qname.length || !xml.startsWith(top.qname, i + 2)) throw unsure;
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 0x3e) throw unsure;
      flush(top, true);
      p = P.endTag(p);
      i = j + 1;
      if (stack.length === 0) {
        rootDone = true;
        break;
      }
    } else if (xml.startsWith('<!--', i) || xml.startsWith('<?', i)) {
      if (stack.length === 0) throw unsure;
      i = skipMisc(xml, i);
    } else {
      const nameTo = nameEnd(xml, i + 1);
      if (nameTo < 0) throw unsure;
      const qname = xml.slice(i + 1, nameTo);
      if (qname.includes(':')) throw unsure;
      if (stack.length >= MAX_DEPTH) throw unsure;
      const parent = stack[stack.length - 1];
      if (parent) {
        flush(parent, false);
        parent.hadChild = true;
      }
      let j = nameTo;
      // The attributes: read all first (namespace declarations come first in meaning).
      let declared: string | undefined;
      const attrs: { qname: string; key: string; value: string }[] = [];
      for (;;) {
        const before = j;
        while (isSpace(xml.charCodeAt(j))) j++;
        const c = xml.charCodeAt(j);
        if (c === 0x3e || (c === 0x2f && xml.charCodeAt(j + 1) === 0x3e)) break;
        if (j === before) throw unsure;
        const to = nameEnd(xml, j);
        if (to < 0) throw unsure;
        const aname = xml.slice(j, to);
        j = to;
        while (isSpace(xml.charCodeAt(j))) j++;
        if (xml.charCodeAt(j) !== 0x3d) throw unsure;
        j++;
        while (isSpace(xml.charCodeAt(j))) j++;
        const q = xml.charCodeAt(j);
        if (q !== 0x22 && q !== 0x27) throw unsure;
        const end = xml.indexOf(q === 0x22 ? '"' : "'", j + 1);
        if (end < 0) throw unsure;
        for (const seen of attrs) if (seen.qname === aname) throw unsure;
        let value = xml.slice(j + 1, end);
        if (value.includes('<')) throw unsure;
        if (value.includes('&')) value = references(xml, j + 1, end, true, true);
        // Literal tabs and line ends in a value become spaces (XML 1.0 §3.3.3); written as references they stay.
        else if (/[\t\n]/.test(value)) value = value.replace(/[\t\n]/g, ' ');
        j = end + 1;
        if (aname === 'xmlns') {
          if (value !== TEI_NS || stack.length > 0 || declared !== undefined) throw unsure;
          declared = value;
        } else if (aname.startsWith('xmlns:')) throw unsure;
        else {
          let key = attributeKeys.get(aname);
          if (key === undefined) {
            const colon = aname.indexOf(':');
            if (colon < 0) key = nameKey('', aname, schema.defaultNs);
            else if (aname.slice(0, colon) === 'xml') key = nameKey(XML_NS, aname.slice(colon + 1), schema.defaultNs);
            else throw unsure;
            if (attributeKeys.size < 1000) attributeKeys.set(aname, key);
          }
          attrs.push({ qname: aname, key, value });
        }
      }
      if (stack.length === 0 && declared !== TEI_NS) throw unsure;
      const selfClosing = xml.charCodeAt(j) === 0x2f;
      i = j + (selfClosing ? 2 : 1);
      p = P.startTagOpen(p, nameKey(TEI_NS, qname, schema.defaultNs));
      for (const a of attrs) {
        if (schema.idAttributes.has(a.key)) {
          if (ids.has(a.value)) throw unsure;
          ids.add(a.value);
        }
        p = P.attribute_(p, a.key, a.value);
      }
      p = P.startTagClose(p);
      const open: Open = { qname, hadChild: false, pendingWord: false, pending: '' };
      if (selfClosing) {
        flush(open, true);
        p = P.endTag(p);
        if (stack.length === 0) {
          rootDone = true;
          break;
        }
      } else stack.push(open);
    }
    // Past a fault the verdict is not "valid": libxml2 says the rest.
    if (p.kind === Kind.NotAllowed) return 'invalid';
    if (P.size > limit) throw unsure;
    // Text up to the next '<'.
    const lt = xml.indexOf('<', i);
    if (lt < 0) throw unsure;
    if (lt > i) {
      const top = stack[stack.length - 1]!;
      if (nextAmp >= 0 && nextAmp < i) nextAmp = xml.indexOf('&', i);
      const amp = nextAmp;
      // With references, the text as the parser gives it (a reference to a space is white space).
      const segment = amp >= 0 && amp < lt ? references(xml, i, lt, true) : undefined;
      let word = false;
      if (segment === undefined) {
        let k = i;
        while (k < lt && isSpace(xml.charCodeAt(k))) k++;
        word = k < lt;
      } else word = !/^[ \t\n\r]*$/.test(segment);
      if (P.textValued(p)) top.pending += segment ?? xml.slice(i, lt);
      if (word) top.pendingWord = true;
    }
    i = lt;
  }
  // After the root: white space, comments and PIs only.
  if (skipProlog(xml, i) !== xml.length) throw unsure;
  if (p.kind === Kind.NotAllowed) return 'invalid';
  return p.nullable ? 'valid' : 'invalid';
}

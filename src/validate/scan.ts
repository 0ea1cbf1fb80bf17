/**
 * A linear scan of an XML document's markup that keeps what libxml2 does not give back:
 * the column of every start tag and attribute. The integrity checks and the positions of
 * schema errors are built on it.
 *
 * It also finds the one thing teiwright refuses before any parser sees the text: a
 * document type declaration (`<!DOCTYPE`, and with it `<!ENTITY`). TEI needs no DTD, and
 * a DTD is how external files and entity bombs get in.
 *
 * The scan trusts libxml2 for well-formedness: its records are only used once libxml2 has
 * parsed the same text without error. On malformed text it still ends, without throwing.
 */
import type { SourcePos } from '../model/edition.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface AttrRecord {
  /** The name as written (`xml:id`, `target`). */
  qname: string;
  /** Namespace URI; '' for unprefixed attributes. */
  ns: string;
  local: string;
  /** The value with character and entity references resolved and white space normalised to spaces. */
  value: string;
  pos: SourcePos;
}

export interface ElementRecord {
  qname: string;
  local: string;
  prefix: string;
  /** Namespace URI; '' when the element is in no namespace. */
  ns: string;
  pos: SourcePos;
  attrs: AttrRecord[];
  /** Index of the parent record; -1 for the root. */
  parent: number;
  /** Indexes of the element children, in document order. */
  children: number[];
}

export type ScanResult =
  | { ok: true; elements: ElementRecord[]; lineStarts: number[] }
  | { ok: false; unsafe: { what: string; pos: SourcePos } };

/** Offsets where lines start, for turning offsets into line:column in O(log n). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function posAt(lineStarts: readonly number[], offset: number): SourcePos {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Attribute-value normalisation (XML 1.0 §3.3.3, CDATA): references resolved, white space characters become spaces. */
export function attributeValue(raw: string): string {
  if (raw.indexOf('&') < 0 && !/[\t\n\r]/.test(raw)) return raw;
  return raw.replace(/[\t\n\r]/g, ' ').replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    // A reference past U+10FFFF is left as written: libxml2 rejects the document anyway.
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

const NAME = /[^\s/>=<]+/y;
const ATTR = /\s*([^\s/>=<]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/**
 * The attribute or child list of every element without any: one shared array, frozen
 * (readers only read the lists; scanXml gives an element its own list at its first child).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Scans the markup of `text`: every element with its namespace, attributes and position. */
export function scanXml(text: string): ScanResult {
  const lineStarts = lineStartsOf(text);
  // Positions are asked for in increasing offset order (tags, then their attributes), so a
  // line cursor that only moves forward gives what posAt would, without a search each time.
  let lineIndex = 0;
  const posOf = (offset: number): SourcePos => {
    while (lineIndex + 1 < lineStarts.length && lineStarts[lineIndex + 1]! <= offset) lineIndex++;
    return { line: lineIndex + 1, column: offset - lineStarts[lineIndex]! + 1 };
  };
  const elements: ElementRecord[] = [];
  // Each element name kept once (a TEI has a few dozen names and up to millions of
  // elements): the records are live through the whole check.
  const names = new Map<string, string>();
  const keep = (name: string): string => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  // Open elements (indexes into `elements`) and their in-scope namespace bindings.
  const open: number[] = [];
  const scopes: Map<string, string>[] = [new Map([['xml', XML_NS], ['', '']])];
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) break;
      i = text.indexOf('<', end + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) break;
      i = text.indexOf('<', end + 3);
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) break;
      i = text.indexOf('<', end + 2);
    } else if (text.startsWith('<!', i)) {
      // <!DOCTYPE, <!ENTITY, <!ELEMENT…: declarations are refused, wherever they stand.
      const what = /^<!([A-Za-z]*)/.exec(text.slice(i, i + 12))?.[1] ?? '';
      return { ok: false, unsafe: { what: what === '' ? '<!' : `<!${what}`, pos: posOf(i) } };
    } else if (text.startsWith('</', i)) {
      // An end tag with nothing open (malformed text) leaves the root scope in place.
      if (open.length > 0) {
        open.pop();
        scopes.pop();
      }
      i = text.indexOf('<', i + 2);
    } else {
      NAME.lastIndex = i + 1;
      const found = NAME.exec(text)?.[0];
      if (found === undefined) {
        i = text.indexOf('<', i + 1);
        continue;
      }
      const name = keep(found);
      let at = i + 1 + name.length;
      const attrs: { qname: string; raw: string; offset: number }[] = [];
      for (;;) {
        ATTR.lastIndex = at;
        const m = ATTR.exec(text);
        if (!m) break;
        const qname = m[1]!;
        attrs.push({ qname, raw: m[2] ?? m[3] ?? '', offset: m.index + m[0].indexOf(qname) });
        at = ATTR.lastIndex;
      }
      const close = text.indexOf('>', at);
      if (close < 0) break;
      const selfClosing = text[close - 1] === '/';
      // Namespace declarations of this element open a new scope.
      let scope = scopes[scopes.length - 1]!;
      for (const a of attrs) {
        if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
          if (scope === scopes[scopes.length - 1]) scope = new Map(scope);
          scope.set(a.qname === 'xmlns' ? '' : a.qname.slice(6), attributeValue(a.raw));
        }
      }
      const colon = name.indexOf(':');
      const prefix = colon < 0 ? '' : name.slice(0, colon);
      const parent = open.length > 0 ? open[open.length - 1]! : -1;
      // Arrays made at their size (a pushed-to empty array reserves 17 slots, 150 bytes,
      // for the one or two most elements have): an attribute list is filled in place, and
      // a child list starts as a literal of the first child.
      let kept = 0;
      for (const a of attrs) if (!(a.qname === 'xmlns' || a.qname.startsWith('xmlns:'))) kept++;
      const record: ElementRecord = {
        qname: name,
        local: colon < 0 ? name : keep(name.slice(colon + 1)),
        prefix,
        ns: scope.get(prefix) ?? '',
        pos: posOf(i),
        attrs: kept === 0 ? NONE : new Array<AttrRecord>(kept),
        parent,
        children: NONE,
      };
      let k = 0;
      for (const a of attrs) {
        if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) continue;
        const c = a.qname.indexOf(':');
        record.attrs[k++] = {
          qname: keep(a.qname),
          local: c < 0 ? keep(a.qname) : keep(a.qname.slice(c + 1)),
          ns: c < 0 ? '' : (scope.get(a.qname.slice(0, c)) ?? ''),
          value: attributeValue(a.raw),
          pos: posOf(a.offset),
        };
      }
      const index = elements.push(record) - 1;
      if (parent >= 0) {
        const siblings = elements[parent]!.children;
        if (siblings === NONE) elements[parent]!.children = [index];
        else siblings.push(index);
      }
      if (!selfClosing) {
        open.push(index);
        scopes.push(scope);
      }
      i = text.indexOf('<', close + 1);
    }
  }
  return { ok: true, elements, lineStarts };
}

export function attr(element: ElementRecord, local: string, ns = ''): AttrRecord | undefined {
  return element.attrs.find((a) => a.local === local && a.ns === ns);
}

/**
 * The element at a path libxml2 gives in its error reports (xmlGetNodePath): `*` for an
 * element in a default namespace, counted among all element siblings; the name
 * otherwise, counted among siblings of the same name; `[n]` only when there are several.
 * Resolved step by step from the root, so nothing is computed for documents without errors.
 */
export function elementAtLibxmlPath(elements: readonly ElementRecord[], path: string): number | undefined {
  const steps = path.split('/').slice(1);
  let candidates: readonly number[] = elements.length > 0 ? [0] : [];
  let found: number | undefined;
  for (const step of steps) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(step);
    if (!m) return undefined;
    const name = m[1]!;
    const nth = m[2] === undefined ? 1 : Number(m[2]);
    const matching = name === '*' ? candidates : candidates.filter((c) => elements[c]!.qname === name);
    found = matching[nth - 1];
    if (found === undefined) return undefined;
    candidates = elements[found]!.children;
  }
  return found;
}

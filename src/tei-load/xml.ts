/**
 * TEI text → a small typed XML tree with source positions, parsed with fast-xml-parser
 * (preserveOrder, so mixed content keeps its order). Entities are decoded here, in one
 * pass, so that `&amp;8220;` stays the five characters `&8220;` and numeric references
 * become their characters; a DTD is refused (nothing is ever read from one).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostics } from '../diagnostics.js';
import type { SourcePos } from '../model/edition.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XText {
  type: 'text';
  text: string;
  pos: SourcePos;
}

export interface XElement {
  type: 'element';
  /** The local name (a `tei:` or other prefix removed). */
  name: string;
  /** The namespace the element is in (from its prefix or the default namespace in scope). */
  ns: string | undefined;
  /** Attributes by their qualified name as written (`xml:id`, `rend`), values decoded. */
  attrs: ReadonlyMap<string, string>;
  children: XNode[];
  pos: SourcePos;
}

export type XNode = XText | XElement;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d+)|#x([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));/g;

/** The XML predefined entities and character references, decoded in one left-to-right pass. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return ENTITIES[name] ?? whole;
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/** Line:column of a string index, by binary search in the line starts. */
function positioner(xml: string): (index: number) => SourcePos {
  const starts = [0];
  for (let i = xml.indexOf('\n'); i >= 0; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - starts[lo]! + 1 };
  };
}

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  captureMetaData: true,
});
/** fast-xml-parser types it as the `Symbol` wrapper; it is a symbol. */
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type RawNode = Record<string, unknown>;

interface Scope {
  /** prefix → namespace URI; '' is the default namespace. */
  readonly ns: ReadonlyMap<string, string>;
}

function toTree(raw: readonly RawNode[], scope: Scope, parentPos: SourcePos, at: (i: number) => SourcePos): XNode[] {
  const out: XNode[] = [];
  let lastPos = parentPos;
  for (const node of raw) {
    if ('#text' in node) {
      out.push({ type: 'text', text: decodeXml(String(node['#text'])), pos: lastPos });
      continue;
    }
    if ('#cdata' in node) {
      const parts = node['#cdata'] as RawNode[];
      out.push({ type: 'text', text: parts.map((p) => String(p['#text'] ?? '')).join(''), pos: lastPos });
      continue;
    }
    const qname = Object.keys(node).find((k) => k !== ':@');
    if (qname === undefined) continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    const pos = meta?.startIndex !== undefined ? at(meta.startIndex) : lastPos;
    const attrs = new Map<string, string>();
    let nsMap: Map<string, string> | undefined;
    for (const [key, value] of Object.entries(rawAttrs)) {
      const v = decodeXml(String(value));
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        nsMap ??= new Map(scope.ns);
        nsMap.set(key === 'xmlns' ? '' : key.slice(6), v);
      } else attrs.set(key, v);
    }
    const inner: Scope = nsMap ? { ns: nsMap } : scope;
    const colon = qname.indexOf(':');
    const prefix = colon >= 0 ? qname.slice(0, colon) : '';
    const name = colon >= 0 ? qname.slice(colon + 1) : qname;
    const children = toTree((node[qname] ?? []) as RawNode[], inner, pos, at);
    out.push({ type: 'element', name, ns: inner.ns.get(prefix), attrs, children, pos });
    lastPos = pos;
  }
  return out;
}

/**
 * The root element of an XML document, or undefined after reporting why not:
 * `xml-malformed` (with the parser's line and column) or `xml-unsafe` (a DTD).
 */
export function parseXml(xml: string, diagnostics: Diagnostics): XElement | undefined {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    const pos = positioner(text)(doctype.index);
    diagnostics.report('xml-unsafe', 'the document declares a DTD; teiwright reads no DTD or entity declaration (remove the DOCTYPE)', pos);
    return undefined;
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    diagnostics.report('xml-malformed', `the XML is not well-formed: ${valid.err.msg}`, { line: Math.max(1, valid.err.line), column: Math.max(1, valid.err.col) });
    return undefined;
  }
  const at = positioner(text);
  const tree = toTree(PARSER.parse(text) as RawNode[], { ns: new Map([['xml', XML_NS]]) }, { line: 1, column: 1 }, at);
  const root = tree.find((n): n is XElement => n.type === 'element');
  if (!root) diagnostics.report('xml-malformed', 'the document has no root element', { line: 1, column: 1 });
  return root;
}

// ---------------------------------------------------------------- tree helpers

export const isElement = (n: XNode | undefined): n is XElement => n?.type === 'element';

/** Element children in the TEI namespace (or in no namespace, for TEI written without one). */
export const elements = (e: XElement, name?: string): XElement[] =>
  e.children.filter((c): c is XElement => c.type === 'element' && (name === undefined || c.name === name));

export const child = (e: XElement | undefined, name: string): XElement | undefined =>
  e?.children.find((c): c is XElement => c.type === 'element' && c.name === name);

/** The text content of an element, all descendants. */
export function textContent(e: XNode): string {
  if (e.type === 'text') return e.text;
  let out = '';
  for (const c of e.children) out += textContent(c);
  return out;
}

export const isBlank = (n: XNode): boolean => n.type === 'text' && /^\s*$/.test(n.text);

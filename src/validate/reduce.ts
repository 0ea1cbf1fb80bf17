/**
 * A large RELAX NG schema (tei_all: 594 elements, 1 MB) reduced to the names one document
 * uses, so libxml2 compiles it in a fraction of a second instead of 10–26 s.
 *
 * Why the verdict cannot change: an `<element name="x">` pattern can only match an
 * element named x. In a document with no element x, no derivation of the document uses
 * that pattern, so replacing it with `<notAllowed/>` removes only alternatives the
 * document cannot take; every derivation the document has is still there, and no new one
 * appears (notAllowed matches nothing). The same holds for `<attribute name="a">` in a
 * document with no attribute a. Patterns with a name class (`<anyName>`, `<nsName>`, a
 * `<name>` child) are kept whole. So the document is valid against the reduced schema
 * exactly when it is valid against the full one.
 *
 * Messages need more than the verdict: libxml2 names the element it expected only when
 * that element is still in the schema. For an invalid document the caller reduces again,
 * keeping every other element by name only (`shallow`: content `<empty/>`, never used
 * since the document has no such element), and takes the messages from that second pass.
 *
 * Schemas that pull in other files (`include`, `externalRef`) or nest grammars are not
 * reduced (`reducible: false`): they are compiled whole.
 */
import { XMLParser } from 'fast-xml-parser';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** One node of fast-xml-parser's `preserveOrder` tree. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

interface RngNode {
  /** Local name for RELAX NG elements; the qualified name as written for others. */
  tag: string;
  rng: boolean;
  attrs: Record<string, string>;
  /** Raw text (entities as written) for text nodes. */
  text?: string;
  children: RngNode[];
  /** For element/attribute patterns with a name attribute: `ns local`. */
  key?: string;
}

export interface ParsedRng {
  root: RngNode;
  reducible: boolean;
  /** define name → its bodies (several when combined). */
  defines: Map<string, RngNode[]>;
  /** `ns local` of an element → its element patterns. */
  elementPatterns: Map<string, RngNode[]>;
  /** The document's `start` patterns, when they are not simply those in `root` (a schema read from several files, rng-files.ts). */
  starts?: RngNode[];
}

/** A set of names, each `namespace-uri local-name`. */
export type NameSet = ReadonlySet<string>;

export const nameKey = (ns: string, local: string): string => `${ns} ${local}`;

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function tagOf(n: OrderedNode): string | undefined {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return undefined;
}

/** Parses the schema's text once; the result is reused for every document. */
export function parseRng(text: string): ParsedRng {
  const top = PARSER.parse(text) as OrderedNode[];
  const parsed: ParsedRng = { root: { tag: '#root', rng: false, attrs: {}, children: [] }, reducible: true, defines: new Map(), elementPatterns: new Map() };
  // Explicit stack (schemas can nest deeply): [ordered children, parent node, ns, prefixes, inside foreign markup].
  type Frame = { list: OrderedNode[]; parent: RngNode; ns: string; prefixes: Map<string, string>; foreign: boolean };
  const stack: Frame[] = [{ list: top, parent: parsed.root, ns: '', prefixes: new Map([['xml', XML_NS], ['', '']]), foreign: false }];
  let grammars = 0;
  while (stack.length > 0) {
    const { list, parent, ns, prefixes, foreign } = stack.pop()!;
    for (const n of list) {
      const tag = tagOf(n);
      if (tag === undefined) continue;
      if (tag === '#text') {
        parent.children.push({ tag, rng: false, attrs: {}, text: String(n[tag]), children: [] });
        continue;
      }
      const attrs = n[':@'] ?? {};
      let scope = prefixes;
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (scope === prefixes) scope = new Map(prefixes);
          scope.set(k === 'xmlns' ? '' : k.slice(6), v);
        }
      }
      const colon = tag.indexOf(':');
      const elementNs = scope.get(colon < 0 ? '' : tag.slice(0, colon)) ?? '';
      const rng = !foreign && elementNs === RNG_NS;
      const node: RngNode = { tag: rng ? tag.slice(colon + 1) : tag, rng, attrs, children: [] };
      parent.children.push(node);
      const myNs = rng && attrs.ns !== undefined ? attrs.ns : ns;
      if (rng) {
        if (node.tag === 'include' || node.tag === 'externalRef' || node.tag === 'parentRef') parsed.reducible = false;
        if (node.tag === 'grammar' && ++grammars > 1) parsed.reducible = false;
        if ((node.tag === 'element' || node.tag === 'attribute') && attrs.name !== undefined) {
          const name = attrs.name.trim();
          const c = name.indexOf(':');
          let nameNs = node.tag === 'element' ? myNs : (attrs.ns ?? '');
          if (c >= 0) nameNs = scope.get(name.slice(0, c)) ?? '\u0000unbound';
          node.key = nameKey(nameNs, c >= 0 ? name.slice(c + 1) : name);
          if (node.tag === 'element') {
            const list2 = parsed.elementPatterns.get(node.key) ?? [];
            list2.push(node);
            parsed.elementPatterns.set(node.key, list2);
          }
        }
        if (node.tag === 'define' && attrs.name !== undefined) {
          const list2 = parsed.defines.get(attrs.name) ?? [];
          list2.push(node);
          parsed.defines.set(attrs.name, list2);
        }
      }
      const children = n[tag];
      if (Array.isArray(children)) stack.push({ list: children as OrderedNode[], parent: node, ns: myNs, prefixes: scope, foreign: foreign || !rng });
    }
  }
  // The stack visits siblings in order but children are appended as their frames pop,
  // so every node's children are already in document order (one frame per parent).
  return parsed;
}

const escapeAttr = (raw: string): string => raw.replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The schema as text, with every named element or attribute pattern whose name is not in
 * `elements` / `attributes` replaced by `<notAllowed/>`. Annotations (documentation,
 * embedded Schematron) are left out: libxml2 ignores them.
 */
export function reducedRngText(parsed: ParsedRng, elements: NameSet, attributes: NameSet, shallow: NameSet = new Set()): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  // Explicit stack of nodes to open and closing tags to write.
  const stack: (RngNode | string)[] = [...parsed.root.children].reverse();
  let root = true;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (item.text !== undefined) {
      out.push(item.text);
      continue;
    }
    if (!item.rng) continue;
    if (item.key !== undefined && !(item.tag === 'element' ? elements : attributes).has(item.key)) {
      if (item.tag === 'element' && shallow.has(item.key)) {
        // Not in the document, so its content is never used: kept by name only, for the messages.
        const space = item.key.indexOf(' ');
        out.push(`<element><name ns="${escapeAttr(item.key.slice(0, space))}">${item.key.slice(space + 1)}</name><empty/></element>`);
      } else out.push('<notAllowed/>');
      continue;
    }
    let attrs = '';
    for (const [k, v] of Object.entries(item.attrs)) if (k !== 'xmlns') attrs += ` ${k}="${escapeAttr(v)}"`;
    if (root) {
      // The RELAX NG namespace itself must be declared on the root whatever prefix the source used.
      attrs += ` xmlns="${RNG_NS}"`;
      root = false;
    }
    out.push(`<${item.tag}${attrs}>`);
    stack.push(`</${item.tag}>`);
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
  }
  return out.join('');
}

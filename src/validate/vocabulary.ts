/**
 * The vocabulary of a RELAX NG schema (XML syntax): which elements it declares, and for
 * each element which attributes and child elements its content model can reach. Read
 * from the project schema at run time (what is in the teiwright subset) and, by
 * `emit-tei-vocabulary.ts`, from tei_all.rng (what is TEI at all).
 */
import { TEI_NS } from './integrity.js';
import { XML_NS, attr, scanXml, type ElementRecord } from './scan.js';

const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

export interface Vocabulary {
  /** Element names (TEI namespace) declared by the schema. */
  elements: Set<string>;
  /** Attribute names per element: `type`, `xml:id`, … */
  attributes: Map<string, Set<string>>;
  /** Child element names per element, ignoring order and repetition. */
  children: Map<string, Set<string>>;
}

/** The namespace an rng:element or rng:attribute uses: its own @ns, else the nearest ancestor's. */
function nsOf(elements: readonly ElementRecord[], e: ElementRecord, inherit: boolean): string {
  const own = attr(e, 'ns');
  if (own) return own.value;
  if (!inherit) return '';
  for (let p = e.parent; p >= 0; p = elements[p]!.parent) {
    const ns = attr(elements[p]!, 'ns');
    if (ns) return ns.value;
  }
  return '';
}

function attributeName(elements: readonly ElementRecord[], e: ElementRecord): string | undefined {
  const name = attr(e, 'name')?.value;
  if (name === undefined) return undefined;
  if (name.includes(':')) return name;
  const ns = nsOf(elements, e, false);
  return ns === XML_NS ? `xml:${name}` : ns === '' ? name : `{${ns}}${name}`;
}

export function rngVocabulary(rngText: string): Vocabulary {
  const scan = scanXml(rngText);
  if (!scan.ok) throw new Error(`the schema holds ${scan.unsafe.what} at ${scan.unsafe.pos.line}:${scan.unsafe.pos.column}`);
  const all = scan.elements;
  const isRng = (e: ElementRecord, local: string): boolean => e.ns === RNG_NS && e.local === local;
  const defines = new Map<string, number[]>();
  all.forEach((e, i) => {
    const name = isRng(e, 'define') ? attr(e, 'name')?.value : undefined;
    if (name !== undefined) defines.set(name, [...(defines.get(name) ?? []), i]);
  });

  /** Attributes and elements reachable from `start` without entering another element. */
  const reach = (start: number, attrs: Set<string>, kids: Set<string>): void => {
    const seen = new Set<string>();
    const stack = [...all[start]!.children];
    while (stack.length > 0) {
      const e = all[stack.pop()!]!;
      if (e.ns !== RNG_NS) continue;
      if (e.local === 'element') {
        const name = attr(e, 'name')?.value;
        if (name !== undefined) kids.add(name);
      } else if (e.local === 'attribute') {
        const name = attributeName(all, e);
        if (name !== undefined) attrs.add(name);
      } else if (e.local === 'ref' || e.local === 'parentRef') {
        const name = attr(e, 'name')?.value;
        if (name === undefined || seen.has(name)) continue;
        seen.add(name);
        for (const d of defines.get(name) ?? []) stack.push(...all[d]!.children);
      } else {
        stack.push(...e.children);
      }
    }
  };

  const vocabulary: Vocabulary = { elements: new Set(), attributes: new Map(), children: new Map() };
  all.forEach((e, i) => {
    if (!isRng(e, 'element')) return;
    const name = attr(e, 'name')?.value;
    if (name === undefined || nsOf(all, e, true) !== TEI_NS) return;
    vocabulary.elements.add(name);
    const attrs = vocabulary.attributes.get(name) ?? new Set<string>();
    const kids = vocabulary.children.get(name) ?? new Set<string>();
    reach(i, attrs, kids);
    vocabulary.attributes.set(name, attrs);
    vocabulary.children.set(name, kids);
  });
  return vocabulary;
}

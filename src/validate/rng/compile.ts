/**
 * A RELAX NG schema (XML syntax, one file) compiled into derivative patterns (pattern.ts),
 * with the simplification of the RELAX NG specification (section 4) done on the way:
 * datatypeLibrary and ns inherited, names resolved, optional / zeroOrMore / several
 * children rewritten to choice, oneOrMore and group, refs resolved (element contents
 * lazily, so recursion through elements is fine).
 *
 * What it does not follow throws UnsupportedSchema, and the fast check is then not used
 * for that schema: include, externalRef, parentRef, nested grammars, div, combine,
 * interleave, mixed, name classes (anyName, nsName, choice of names), except, and
 * datatypes or params datatypes.ts does not know.
 */
import { attr, scanXml, type ElementRecord } from '../scan.js';
import { ID_TYPES, REFERENCE_TYPES, UnsupportedSchema, XSD, dataTest, valueTest } from './datatypes.js';
import { Kind, Patterns, nameKey, type Pattern } from './pattern.js';

const RNG_NS = 'http://relaxng.org/ns/structure/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface CompiledRng {
  patterns: Patterns;
  start: Pattern;
  /** The namespace whose element names are keyed by local name alone (the grammar's ns). */
  defaultNs: string;
  /** Keys of attributes some of whose values are of an ID type: unique in a document, or no verdict. */
  idAttributes: ReadonlySet<string>;
  /** Attribute names as written → what the walk needs to know of them (filled as documents are read). */
  attributeKeys: Map<string, AttributeInfo>;
}

/** What the walk needs to know of an attribute name (kept per compiled schema in CompiledRng.attributeKeys). */
export interface AttributeInfo {
  /** The expanded name's key (pattern.ts's nameKey). */
  key: string;
  /** Whether some of its values are of an ID type (unique in a document, or no verdict). */
  id: boolean;
  /** What the integrity checks read it for (rng/index.ts's ROLE_*). */
  role: number;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) return String.fromCodePoint(ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10));
    const c = PREDEFINED[ref];
    if (c === undefined) throw new UnsupportedSchema(`entity ${whole}`);
    return c;
  });
}

export function compileRng(text: string): CompiledRng {
  const scan = scanXml(text);
  if (!scan.ok || scan.elements.length === 0) throw new UnsupportedSchema('not a readable schema');
  const els = scan.elements;
  const offsetOf = (e: ElementRecord): number => scan.lineStarts[e.pos.line - 1]! + e.pos.column - 1;
  /** The text content of an element with no markup inside. */
  const textOf = (e: ElementRecord): string => {
    const close = text.indexOf('>', offsetOf(e));
    if (text[close - 1] === '/') return '';
    const end = text.indexOf('<', close + 1);
    if (text.startsWith('<!', end) || text.startsWith('<?', end) || !text.startsWith(`</${e.qname}`, end)) throw new UnsupportedSchema(`markup inside ${e.local}`);
    return decodeText(text.slice(close + 1, end));
  };
  // The xmlns declarations of each element are not in the scan's records; prefixes of names are resolved from the text.
  const prefixNs = (e: ElementRecord, prefix: string): string => {
    if (prefix === 'xml') return XML_NS;
    for (let i: number = els.indexOf(e); i >= 0; i = els[i]!.parent) {
      const open = text.slice(offsetOf(els[i]!), text.indexOf('>', offsetOf(els[i]!)));
      const m = new RegExp(`\\sxmlns:${prefix}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(open);
      if (m) return m[1] ?? m[2] ?? '';
    }
    throw new UnsupportedSchema(`undeclared prefix ${prefix}`);
  };
  const rngKids = (e: ElementRecord): ElementRecord[] => e.children.map((c) => els[c]!).filter((c) => c.ns === RNG_NS);
  const inherited = (e: ElementRecord, name: string): string | undefined => {
    for (let x: ElementRecord | undefined = e; x; x = x.parent >= 0 ? els[x.parent] : undefined) {
      const a = attr(x, name);
      if (a !== undefined) return a.value;
    }
    return undefined;
  };

  const root = els[0]!;
  if (root.ns !== RNG_NS || root.local !== 'grammar') throw new UnsupportedSchema('the root is not a grammar');
  const defaultNs = inherited(root, 'ns') ?? '';
  const patterns = new Patterns();
  const idAttributes = new Set<string>();
  const defines = new Map<string, ElementRecord>();
  let startEl: ElementRecord | undefined;
  for (const c of rngKids(root)) {
    if (c.local === 'define') {
      const name = attr(c, 'name')?.value ?? '';
      if (defines.has(name) || attr(c, 'combine') !== undefined) throw new UnsupportedSchema(`define ${name} combined`);
      defines.set(name, c);
    } else if (c.local === 'start') {
      if (startEl || attr(c, 'combine') !== undefined) throw new UnsupportedSchema('start combined');
      startEl = c;
    } else throw new UnsupportedSchema(c.local);
  }
  if (!startEl) throw new UnsupportedSchema('no start');

  const compiledDefines = new Map<string, Pattern | null>();
  const ref = (name: string): Pattern => {
    const done = compiledDefines.get(name);
    if (done === null) throw new UnsupportedSchema(`define ${name} refers to itself outside an element`);
    if (done) return done;
    const d = defines.get(name);
    if (!d) throw new UnsupportedSchema(`no define ${name}`);
    compiledDefines.set(name, null);
    const p = group(rngKids(d), undefined);
    compiledDefines.set(name, p);
    return p;
  };

  /** The group of some patterns; `attribute`: the key of the attribute they are the value of, if any. */
  const group = (kids: readonly ElementRecord[], attribute: string | undefined): Pattern => {
    if (kids.length === 0) throw new UnsupportedSchema('an empty pattern list');
    let p = compile(kids[kids.length - 1]!, attribute);
    for (let i = kids.length - 2; i >= 0; i--) p = patterns.group(compile(kids[i]!, attribute), p);
    return p;
  };
  const choice = (kids: readonly ElementRecord[], attribute: string | undefined): Pattern => {
    if (kids.length === 0) throw new UnsupportedSchema('an empty choice');
    let p = compile(kids[0]!, attribute);
    for (let i = 1; i < kids.length; i++) p = patterns.choice(p, compile(kids[i]!, attribute));
    return p;
  };

  const qualified = (e: ElementRecord, isAttribute: boolean): string => {
    const name = attr(e, 'name')?.value;
    if (name === undefined) throw new UnsupportedSchema(`${e.local} with a name class`);
    const trimmed = name.trim();
    const colon = trimmed.indexOf(':');
    if (colon >= 0) return nameKey(prefixNs(e, trimmed.slice(0, colon)), trimmed.slice(colon + 1), defaultNs);
    const own = attr(e, 'ns')?.value;
    const ns = isAttribute ? (own ?? '') : (inherited(e, 'ns') ?? '');
    return nameKey(ns, trimmed, defaultNs);
  };

  const datatype = (e: ElementRecord): { library: string; type: string } => {
    const type = attr(e, 'type')?.value.trim();
    if (e.local === 'value' && type === undefined) return { library: '', type: 'token' };
    return { library: inherited(e, 'datatypeLibrary') ?? '', type: type ?? '' };
  };

  const compile = (e: ElementRecord, attribute: string | undefined): Pattern => {
    switch (e.local) {
      case 'empty':
        return patterns.empty;
      case 'notAllowed':
        return patterns.notAllowed;
      case 'text':
        return patterns.textP;
      case 'group':
        return group(rngKids(e), attribute);
      case 'choice':
        return choice(rngKids(e), attribute);
      case 'optional':
        return patterns.choice(group(rngKids(e), attribute), patterns.empty);
      case 'oneOrMore':
        return patterns.oneOrMore(group(rngKids(e), attribute));
      case 'zeroOrMore':
        return patterns.choice(patterns.oneOrMore(group(rngKids(e), attribute)), patterns.empty);
      case 'list':
        return patterns.list(group(rngKids(e), attribute));
      case 'ref':
        return ref(attr(e, 'name')?.value.trim() ?? '');
      case 'data': {
        const { library, type } = datatype(e);
        const kids = rngKids(e);
        if (kids.some((k) => k.local !== 'param')) throw new UnsupportedSchema('data with except');
        if (library === XSD && REFERENCE_TYPES.has(type)) throw new UnsupportedSchema(`datatype ${type}`);
        if (library === XSD && ID_TYPES.has(type)) {
          if (attribute === undefined) throw new UnsupportedSchema('an id outside an attribute');
          idAttributes.add(attribute);
        }
        return patterns.data(dataTest(library, type, kids.map((k) => ({ name: attr(k, 'name')?.value.trim() ?? '', value: textOf(k) }))));
      }
      case 'value': {
        const { library, type } = datatype(e);
        return patterns.value(valueTest(library, type, textOf(e)));
      }
      case 'attribute': {
        const name = qualified(e, true);
        const kids = rngKids(e);
        return patterns.attribute(name, kids.length === 0 ? patterns.textP : group(kids, name));
      }
      case 'element': {
        const el = patterns.element(qualified(e, false));
        const kids = rngKids(e);
        el.content = () => group(kids, undefined);
        return el;
      }
      default:
        throw new UnsupportedSchema(e.local);
    }
  };

  const start = group(rngKids(startEl), undefined);
  // Every element's content compiled now: a schema fault shows here, not in the middle of a document.
  const pending: Pattern[] = [start];
  const seen = new Set<Pattern>();
  while (pending.length > 0) {
    const p = pending.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.kind === Kind.Element) {
      if (typeof p.content === 'function') p.content = p.content();
      if (p.content) pending.push(p.content);
    }
    if (p.p1) pending.push(p.p1);
    if (p.p2) pending.push(p.p2);
  }
  return { patterns, start, defaultNs, idAttributes, attributeKeys: new Map() };
}

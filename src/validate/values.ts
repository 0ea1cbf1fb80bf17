/**
 * Every bad value of a kind at once. libxml2 stops checking an element's content at its
 * first fault, so a document with hundreds of bad values of one attribute (`@when` on
 * `<date>`) needed one more run over the whole document per value (index.ts, the passes),
 * and a cap on the runs left most of them unreported where jing reports them all.
 *
 * When libxml2 reports a bad value of attribute `a` on element `e`, every other `a` on an
 * `e` of the document is checked here against the attribute patterns the grammar has for
 * it where that `e` stands (expected.ts, attributePatterns): a tiny grammar whose start is
 * one element holding a choice of those attribute patterns (copied, with the datatype
 * library in effect where they stand, and the defines they refer to), compiled once, and a
 * one-element document per distinct value. A value none of the patterns take is a fault
 * jing reports ("value of attribute "a" is invalid"); it is reported as libxml2 would
 * have reported it, and blanked out with the others before the next run. So the runs grow
 * with the kinds of faults and their nesting, not with their count.
 */
import { RelaxNGValidator, XmlDocument, XmlValidateError, type ErrorDetail } from 'libxml2-wasm';
import type { ExpectedNames, RngNode } from './expected.js';
import { elementAtPath, libxmlPathOf } from './misplaced.js';
import { nameKey, RNG_NS, writeReduced, type ParsedRng } from './reduce.js';
import { SAFE_PARSE, expectedNamesOf, wholeGrammarOf } from './schema.js';
import { XML_NS, type AttrRecord, type ElementRecord } from './scan.js';

/** The namespace of the one element of a value check (a name no schema uses). */
const CHECK_NS = 'urn:teiwright:value-check';
/** At most this many distinct values remembered per kind (a document's values repeat: dates, languages). */
const MAX_REMEMBERED = 10_000;

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** One kind of value: the attribute patterns it is checked against, compiled. */
interface Kind {
  validator: RelaxNGValidator | undefined;
  verdicts: Map<string, boolean>;
}

/** The defines `nodes` refer to, directly or through other defines (element patterns are not followed: a value holds none). */
function definesReached(grammar: ParsedRng, nodes: readonly RngNode[]): string[] {
  const found = new Set<string>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!n.rng) continue;
    if (n.tag === 'element') continue;
    if (n.tag === 'ref') {
      const name = (n.attrs.name ?? '').trim();
      if (!found.has(name)) {
        found.add(name);
        stack.push(...(grammar.defines.get(name) ?? []));
      }
      continue;
    }
    stack.push(...n.children);
  }
  return [...found];
}

/** The grammar of one value check: an element of CHECK_NS "v" with one attribute, one of `patterns`. */
function checkGrammar(grammar: ParsedRng, patterns: readonly { node: RngNode; datatypeLibrary: string }[]): string {
  const defines = definesReached(grammar, patterns.map((p) => p.node));
  const rename = new Map(defines.map((name, i) => [name, `teiwright.v${i}`] as const));
  const none = new Set<string>();
  const names = { elements: none, attributes: none, shallow: none, rename };
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<grammar xmlns="${RNG_NS}"><start><element name="v" ns="${CHECK_NS}"><choice>`];
  for (const { node, datatypeLibrary } of patterns) {
    const space = node.key!.indexOf(' ');
    out.push(`<attribute datatypeLibrary="${escapeAttr(datatypeLibrary)}"><name ns="${escapeAttr(node.key!.slice(0, space))}">${node.key!.slice(space + 1)}</name>`);
    // A named attribute's children are its value; without a name attribute the first is its name class.
    const value = node.attrs.name === undefined ? node.children.filter((c) => c.rng).slice(1) : node.children;
    writeReduced(out, value, names, false);
    out.push('</attribute>');
  }
  out.push('</choice></element></start>');
  for (const name of defines) {
    for (const body of grammar.defines.get(name) ?? []) {
      const context = body.context ?? { ns: '', datatypeLibrary: '' };
      const combine = body.attrs.combine === undefined ? '' : ` combine="${escapeAttr(body.attrs.combine.trim())}"`;
      out.push(`<define name="${rename.get(name)!}"${combine} ns="${escapeAttr(context.ns)}" datatypeLibrary="${escapeAttr(body.attrs.datatypeLibrary ?? context.datatypeLibrary)}">`);
      writeReduced(out, body.children, names, false);
      out.push('</define>');
    }
  }
  out.push('</grammar>');
  return out.join('');
}

/** The one-element document that carries `value` in attribute `key` (`ns local`). */
function checkDocument(key: string, value: string): string {
  const space = key.indexOf(' ');
  const ns = key.slice(0, space);
  const local = key.slice(space + 1);
  const attribute = ns === '' ? local : ns === XML_NS ? `xml:${local}` : `xmlns:a="${escapeAttr(ns)}" a:${local}`;
  return `<v xmlns="${CHECK_NS}" ${attribute}="${escapeAttr(value)}"/>`;
}

const patternIds = new WeakMap<RngNode, number>();
let nextPatternId = 0;
const idOf = (n: RngNode): number => {
  let id = patternIds.get(n);
  if (id === undefined) {
    id = nextPatternId++;
    patternIds.set(n, id);
  }
  return id;
};

/**
 * Checks attribute values against a schema's grammar, one compiled check per kind (the
 * attribute patterns of one place), kept for the life of the process.
 */
export class ValueChecker {
  private readonly kinds = new Map<string, Kind>();
  /** The kind of each place an attribute was met (null: the grammar cannot say). */
  private readonly places = new Map<string, string | null>();

  /** The check of values against the attribute patterns `found`: a grammar of them alone, compiled. */
  private compile(found: readonly { node: RngNode; datatypeLibrary: string }[]): Kind {
    let validator: RelaxNGValidator | undefined;
    try {
      const rng = XmlDocument.fromString(checkGrammar(this.grammar, found), { option: SAFE_PARSE });
      try {
        validator = RelaxNGValidator.fromDoc(rng);
      } finally {
        rng.dispose();
      }
    } catch {
      validator = undefined;
    }
    return { validator, verdicts: new Map() };
  }

  constructor(
    private readonly grammar: ParsedRng,
    private readonly expected: ExpectedNames,
  ) {}

  /**
   * Whether the grammar refuses the value of `attribute` on `element` where it stands
   * (`patterns`: the element patterns it matches there); undefined when it cannot say.
   */
  refuses(element: ElementRecord, attribute: AttrRecord, patterns: readonly RngNode[]): boolean | undefined {
    const key = nameKey(attribute.ns, attribute.local);
    // The kind of each place: an element name, an attribute name and the element patterns there.
    const place = `${nameKey(element.ns, element.local)}\u0000${key}\u0000${patterns.map(idOf).join(',')}`;
    let id = this.places.get(place);
    if (id === undefined) {
      const found = this.expected.attributePatterns(nameKey(element.ns, element.local), key, patterns);
      id = found ? `${key}\u0000${found.map((p) => `${idOf(p.node)}:${p.datatypeLibrary}`).join(',')}` : null;
      if (found && !this.kinds.has(id!)) this.kinds.set(id!, this.compile(found));
      this.places.set(place, id);
    }
    if (id === null) return undefined;
    const kind = this.kinds.get(id)!;
    if (!kind.validator) return undefined;
    const known = kind.verdicts.get(attribute.value);
    if (known !== undefined) return !known;
    let ok: boolean;
    const doc = XmlDocument.fromString(checkDocument(key, attribute.value), { option: SAFE_PARSE });
    try {
      kind.validator.validate(doc);
      ok = true;
    } catch (e) {
      // Only libxml2's verdict counts; anything else says nothing of the value.
      if (!(e instanceof XmlValidateError)) return undefined;
      ok = false;
    } finally {
      doc.dispose();
    }
    if (kind.verdicts.size < MAX_REMEMBERED) kind.verdicts.set(attribute.value, ok);
    return !ok;
  }
}

/**
 * The faults of a run of libxml2 (`details`, over `elements`) that are bad values, and every
 * other value of the same attribute on an element of the same name that the grammar refuses
 * where that element stands (`context`: its element patterns; elements it cannot place are
 * left to the runs), reported as libxml2 reports a bad value. Only those not in `details`.
 */
export function sameValueFaults(details: readonly ErrorDetail[], elements: readonly ElementRecord[], checker: ValueChecker, context: (element: ElementRecord) => readonly RngNode[] | undefined): ErrorDetail[] {
  // `element-key attribute-key` of the values libxml2 found bad, and the attributes it named.
  const kinds = new Set<string>();
  const named = new Set<AttrRecord>();
  for (const d of details) {
    if (d.xpath === undefined) continue;
    const m = /^(?:Invalid attribute (\S+) for element \S+|Type \S+ doesn't allow value '(.*)')$/.exec(d.message.trim());
    if (!m) continue;
    const index = elementAtPath(elements, d.xpath);
    if (index === undefined) continue;
    const e = elements[index]!;
    const attrs = m[1] !== undefined ? e.attrs.filter((a) => a.local === m[1]) : e.attrs.filter((a) => a.value === m[2]);
    for (const a of attrs) {
      named.add(a);
      const patterns = context(e);
      // An attribute the element may not have at all is not a bad value (the grammar sweep says where those are).
      if (patterns && checker.refuses(e, a, patterns) === true) kinds.add(`${nameKey(e.ns, e.local)}\u0000${nameKey(a.ns, a.local)}`);
    }
  }
  // An element libxml2 blames whole (out of place, extra content) may hold a bad value it
  // never named: its attributes and those inside it are checked too, each a kind if bad.
  for (const d of details) {
    if (d.xpath === undefined) continue;
    const m = /^(?:Element \S+ has extra content: (\S+)|Did not expect element (\S+) there|Expecting element \S+, got (\S+))$/.exec(d.message.trim());
    const index = m ? elementAtPath(elements, d.xpath) : undefined;
    if (index === undefined || elements[index]!.local !== (m![1] ?? m![2] ?? m![3])) continue;
    const stack = [index];
    while (stack.length > 0) {
      const e = elements[stack.pop()!]!;
      stack.push(...e.children);
      const patterns = e.attrs.length > 0 ? context(e) : undefined;
      if (!patterns) continue;
      for (const a of e.attrs) if (checker.refuses(e, a, patterns) === true) kinds.add(`${nameKey(e.ns, e.local)}\u0000${nameKey(a.ns, a.local)}`);
    }
  }
  if (kinds.size === 0) return [];
  const out: ErrorDetail[] = [];
  elements.forEach((e, i) => {
    for (const a of e.attrs) {
      if (named.has(a) || !kinds.has(`${nameKey(e.ns, e.local)}\u0000${nameKey(a.ns, a.local)}`)) continue;
      const patterns = context(e);
      if (!patterns || checker.refuses(e, a, patterns) !== true) continue;
      out.push({ message: `Invalid attribute ${a.local} for element ${e.local}`, level: 2, line: e.pos.line, col: 0, xpath: libxmlPathOf(elements, i) });
    }
  });
  return out;
}

const checkers = new Map<string, ValueChecker | null>();

/** The value checker of the schema at `path` (its grammar read whole), kept for the process; undefined when the grammar cannot be read. */
export function valueCheckerOf(path: string): ValueChecker | undefined {
  let c = checkers.get(path);
  if (c === undefined) {
    const grammar = wholeGrammarOf(path);
    const expected = expectedNamesOf(path);
    c = grammar && expected ? new ValueChecker(grammar, expected) : null;
    checkers.set(path, c);
  }
  return c ?? undefined;
}

/**
 * What the grammar alone says is at fault in the document as written, reported as libxml2
 * reports it so that the next run goes past every one (libxml2 leaves an element's content
 * at its first fault, one per run): attributes where none of their name may stand, and
 * children where their parent's content takes none of their name at their place (jing's
 * "not allowed here"). `context` gives each element's patterns where it stands.
 */
export function grammarFaults(details: readonly ErrorDetail[], elements: readonly ElementRecord[], expected: ExpectedNames, context: (element: ElementRecord) => readonly RngNode[] | undefined): ErrorDetail[] {
  const told = new Set(details.map((d) => `${d.xpath ?? ''}\u0000${d.message.trim()}`));
  const out: ErrorDetail[] = [];
  const add = (message: string, index: number): void => {
    const xpath = libxmlPathOf(elements, index);
    if (!told.has(`${xpath}\u0000${message}`)) out.push({ message, level: 2, line: elements[index]!.pos.line, col: 0, xpath });
  };
  elements.forEach((e, i) => {
    if (e.attrs.length > 0) {
      const names = expected.attributeNames(nameKey(e.ns, e.local), context(e));
      if (names) {
        const allowed = new Set(names);
        for (const a of e.attrs) if (!allowed.has(nameKey(a.ns, a.local))) add(`Invalid attribute ${a.local} for element ${e.local}`, i);
      }
    }
    if (e.children.length > 0) {
      const walked = expected.walk(nameKey(e.ns, e.local), e.children.map((c) => nameKey(elements[c]!.ns, elements[c]!.local)), context(e));
      walked?.verdicts.forEach((v, k) => {
        if (v === 'here') add(`Did not expect element ${elements[e.children[k]!]!.local} there`, e.children[k]!);
      });
    }
  });
  return out;
}

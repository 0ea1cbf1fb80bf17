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
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';

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
  /** Its pattern children (patternChildren), once asked for. */
  patterns?: RngNode[];
  /** For element, define and start patterns: the `ns` and `datatypeLibrary` in effect there (inherited from ancestors). */
  context?: { ns: string; datatypeLibrary: string };
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

let parser: XMLParser | undefined;

/**
 * Made, and fast-xml-parser loaded, when a schema is first parsed here: a thread that
 * converts text and checks its TEI gets its verdicts from the check in TypeScript (rng/,
 * which reads the project schema with its own scanner) and never comes here, and loading
 * the package cost each worker ~50 ms of CPU and ~8 MB.
 */
function rngParser(): XMLParser {
  if (!parser) {
    const { XMLParser: Parser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
    parser = new Parser({
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
  }
  return parser;
}

function tagOf(n: OrderedNode): string | undefined {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return undefined;
}

/** Parses the schema's text once; the result is reused for every document. */
export function parseRng(text: string): ParsedRng {
  const top = rngParser().parse(text) as OrderedNode[];
  const parsed: ParsedRng = { root: { tag: '#root', rng: false, attrs: {}, children: [] }, reducible: true, defines: new Map(), elementPatterns: new Map() };
  // Explicit stack (schemas can nest deeply): [ordered children, parent node, ns, prefixes, inside foreign markup].
  type Frame = { list: OrderedNode[]; parent: RngNode; ns: string; datatypeLibrary: string; prefixes: Map<string, string>; foreign: boolean };
  const stack: Frame[] = [{ list: top, parent: parsed.root, ns: '', datatypeLibrary: '', prefixes: new Map([['xml', XML_NS], ['', '']]), foreign: false }];
  let grammars = 0;
  while (stack.length > 0) {
    const { list, parent, ns, datatypeLibrary, prefixes, foreign } = stack.pop()!;
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
      const myLibrary = rng && attrs.datatypeLibrary !== undefined ? attrs.datatypeLibrary : datatypeLibrary;
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
            node.context = { ns: myNs, datatypeLibrary: myLibrary };
            const list2 = parsed.elementPatterns.get(node.key) ?? [];
            list2.push(node);
            parsed.elementPatterns.set(node.key, list2);
          }
        }
        // A define or start keeps its context too: a grammar read from several files is written out as one (misplacedRngText).
        if (node.tag === 'define' || node.tag === 'start') node.context = { ns: myNs, datatypeLibrary: myLibrary };
        if (node.tag === 'define' && attrs.name !== undefined) {
          const list2 = parsed.defines.get(attrs.name) ?? [];
          list2.push(node);
          parsed.defines.set(attrs.name, list2);
        }
      }
      const children = n[tag];
      if (Array.isArray(children)) stack.push({ list: children as OrderedNode[], parent: node, ns: myNs, datatypeLibrary: myLibrary, prefixes: scope, foreign: foreign || !rng });
    }
  }
  // The stack visits siblings in order but children are appended as their frames pop,
  // so every node's children are already in document order (one frame per parent).
  return parsed;
}

const escapeAttr = (raw: string): string => raw.replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The schema as text, with every named element or attribute pattern whose name is not in
 * `elements` / `attributes` removed. Annotations (documentation, embedded Schematron) are
 * left out: libxml2 ignores them.
 *
 * For the verdict (`shallow` empty) the removal is done as RELAX NG's own simplification
 * does it (spec section 4.20), not by writing `<notAllowed/>` in place: libxml2 compiles a
 * content model to a deterministic automaton only when it holds no notAllowed, and
 * otherwise backtracks through every branch at every level, exponential in the document's
 * nesting (a fault inside `<hi>` nested 18 deep: 14 s against the reduced tei_all; see
 * unusedPatterns). For the messages (`shallow` given) the old form is kept: libxml2 words
 * its messages from the patterns it has (an element whose required attribute the
 * document lacks must still be there to be named).
 */
export function reducedRngText(parsed: ParsedRng, elements: NameSet, attributes: NameSet, shallow: NameSet = new Set()): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const unused = shallow.size === 0 ? unusedPatterns(parsed, elements, attributes) : undefined;
  writeReduced(out, parsed.root.children, { elements, attributes, shallow, ...(unused && { unused }) }, true);
  return out.join('');
}

/** What a reduction removes: the patterns that can match nothing, and those left matching only the empty sequence, in a document with only the given names. */
export interface UnusedPatterns {
  /** Every pattern node that matches nothing (as `<notAllowed/>` would), defines and starts included. */
  dead: ReadonlySet<RngNode>;
  /** Every pattern node (not dead) that matches only the empty sequence (as `<empty/>`), e.g. an optional attribute the document never has. */
  empty: ReadonlySet<RngNode>;
  /** Define names whose (combined) body matches nothing / only the empty sequence: left out, every ref to them gone or written as empty. */
  deadDefines: ReadonlySet<string>;
  emptyDefines: ReadonlySet<string>;
  /** True when the grammar's start matches nothing (or only no element): no document with these names is valid. */
  start: boolean;
}

/** A define's or ref's name as RELAX NG reads it (attribute values of `name` are whitespace-stripped, spec section 4.2). */
const refName = (n: RngNode): string | undefined => n.attrs.name?.trim();

/** The defines by name (bodies of the same name after stripping merged) and, for each, the define names whose bodies refer to it; computed once per grammar. */
const defineIndex = new WeakMap<ParsedRng, { bodies: Map<string, RngNode[]>; referrers: Map<string, string[]> }>();

function defineIndexOf(parsed: ParsedRng): { bodies: Map<string, RngNode[]>; referrers: Map<string, string[]> } {
  let index = defineIndex.get(parsed);
  if (index) return index;
  const bodies = new Map<string, RngNode[]>();
  for (const [raw, list] of parsed.defines) {
    const name = raw.trim();
    bodies.set(name, [...(bodies.get(name) ?? []), ...list]);
  }
  const referrers = new Map<string, string[]>();
  for (const [name, list] of bodies) {
    const seen = new Set<string>();
    const stack = [...list];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const target = n.rng && n.tag === 'ref' ? refName(n) : undefined;
      if (target !== undefined && !seen.has(target)) {
        seen.add(target);
        referrers.set(target, [...(referrers.get(target) ?? []), name]);
      }
      for (const c of n.children) if (c.rng) stack.push(c);
    }
  }
  index = { bodies, referrers };
  defineIndex.set(parsed, index);
  return index;
}

/** The pattern children of a RELAX NG node (an unnamed element's or attribute's first child is its name class); kept on the node, the tree being read-only once parsed. */
function patternChildren(n: RngNode): RngNode[] {
  if (n.patterns) return n.patterns;
  const kids = n.children.filter((c) => c.rng);
  n.patterns = (n.tag === 'element' || n.tag === 'attribute') && n.attrs.name === undefined ? kids.slice(1) : kids;
  return n.patterns;
}

/** Patterns whose children form a sequence (an implicit or explicit group): notAllowed when any child is. */
const SEQUENCE = new Set(['element', 'attribute', 'group', 'interleave', 'oneOrMore', 'zeroOrMore', 'optional', 'list', 'mixed', 'define', 'start']);
/** Of those, the ones that match only the empty sequence when all their children do (an element or attribute never does; a list or mixed still matches text). */
const EMPTY_WHEN_ALL = new Set(['group', 'interleave', 'oneOrMore', 'zeroOrMore', 'optional', 'define', 'start']);

/** Visits `top`'s pattern subtree children first (explicit stack: schemas can nest deeply). */
function postOrder(top: RngNode, visit: (node: RngNode, kids: readonly RngNode[]) => void): void {
  const stack: { node: RngNode; kids: RngNode[]; next: number }[] = [{ node: top, kids: patternChildren(top), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.kids.length) {
      const child = frame.kids[frame.next++]!;
      stack.push({ node: child, kids: patternChildren(child), next: 0 });
      continue;
    }
    stack.pop();
    visit(frame.node, frame.kids);
  }
}

/**
 * Marks `top`'s subtree: `dead` gets every node that matches nothing, `empty` every other
 * node that matches only the empty sequence, given the defines known to be so. The rules
 * are those of RELAX NG's simplification (section 4.20), with `notAllowed` standing for a
 * pattern whose name the document does not use: a group, interleave, oneOrMore, list,
 * mixed, attribute or element with a notAllowed part is notAllowed (an element whose
 * content can match nothing matches no element); a choice is notAllowed when all its
 * alternatives are, and an except that excepts only notAllowed excepts nothing; optional
 * and zeroOrMore of notAllowed are empty; a sequence of empties is empty.
 */
function mark(top: RngNode, deadDefines: ReadonlySet<string>, emptyDefines: ReadonlySet<string>, elements: NameSet, attributes: NameSet, dead: Set<RngNode>, empty: Set<RngNode>): void {
  postOrder(top, (node, kids) => {
    const tag = node.tag;
    let verdict: 'dead' | 'empty' | undefined;
    if (tag === 'notAllowed') verdict = 'dead';
    else if (tag === 'empty') verdict = 'empty';
    else if (tag === 'ref') {
      const name = refName(node);
      if (name !== undefined) verdict = deadDefines.has(name) ? 'dead' : emptyDefines.has(name) ? 'empty' : undefined;
    } else if (node.key !== undefined && !(tag === 'element' ? elements : attributes).has(node.key)) verdict = 'dead';
    else if (SEQUENCE.has(tag)) {
      if (kids.some((k) => dead.has(k))) verdict = tag === 'optional' || tag === 'zeroOrMore' ? 'empty' : 'dead';
      else if (EMPTY_WHEN_ALL.has(tag) && kids.length > 0 && kids.every((k) => empty.has(k))) verdict = 'empty';
    } else if (tag === 'choice' || tag === 'except') {
      const live = kids.filter((k) => !dead.has(k));
      if (live.length === 0 && kids.length > 0) verdict = 'dead';
      else if (tag === 'choice' && live.length > 0 && live.every((k) => empty.has(k))) verdict = 'empty';
    }
    // Marked again when a define it refers to changes: only ever towards empty, then dead.
    if (verdict === 'dead') {
      dead.add(node);
      empty.delete(node);
    } else if (verdict === 'empty') empty.add(node);
  });
}

/** A define's or start's verdict from its bodies': several are combined by choice (all must hold) or interleave (one is enough to be dead; all to be empty). */
function combined(bodies: readonly RngNode[], dead: ReadonlySet<RngNode>, empty: ReadonlySet<RngNode>): 'dead' | 'empty' | 'live' {
  if (bodies.length === 0) return 'live';
  const interleave = bodies.find((b) => b.attrs.combine !== undefined)?.attrs.combine?.trim() === 'interleave';
  if (interleave ? bodies.some((b) => dead.has(b)) : bodies.every((b) => dead.has(b))) return 'dead';
  // By choice, an empty body beside a dead one leaves the define empty; beside a live one, optional.
  return bodies.every((b) => empty.has(b) || (!interleave && dead.has(b))) ? 'empty' : 'live';
}

/**
 * The patterns of `parsed` that match nothing, or only the empty sequence, in a document
 * that uses only the names in `elements` and `attributes`, propagated through defines and
 * refs to a fixpoint: a define whose body matches nothing makes every ref to it match
 * nothing, which may make the defines holding those refs match nothing, and so on. Only
 * what certainly matches nothing is marked (a define is assumed usable until shown
 * otherwise), so every derivation the document has against the full schema is still there.
 */
export function unusedPatterns(parsed: ParsedRng, elements: NameSet, attributes: NameSet): UnusedPatterns {
  const deadDefines = new Set<string>();
  const emptyDefines = new Set<string>();
  // One mark per node for the whole schema: a define's body is marked again when a define it
  // refers to changes, so once the defines are settled every body's marks are final.
  const dead = new Set<RngNode>();
  const empty = new Set<RngNode>();
  const { bodies: defines, referrers: back } = defineIndexOf(parsed);
  const queue = [...defines.keys()];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const name = queue.pop()!;
    queued.delete(name);
    if (deadDefines.has(name)) continue;
    const bodies = defines.get(name)!;
    for (const b of bodies) mark(b, deadDefines, emptyDefines, elements, attributes, dead, empty);
    const verdict = combined(bodies, dead, empty);
    if (verdict === 'live' || (verdict === 'empty' && emptyDefines.has(name))) continue;
    if (verdict === 'dead') {
      deadDefines.add(name);
      emptyDefines.delete(name);
    } else emptyDefines.add(name);
    for (const r of back.get(name) ?? []) {
      if (!deadDefines.has(r) && !queued.has(r)) {
        queue.push(r);
        queued.add(r);
      }
    }
  }
  const starts: RngNode[] = [];
  const stack = [parsed.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.rng && n.tag === 'start') {
      mark(n, deadDefines, emptyDefines, elements, attributes, dead, empty);
      starts.push(n);
      continue;
    }
    if (n.rng && n.tag === 'define') continue;
    for (const c of n.children) if (c.rng) stack.push(c);
  }
  return { dead, empty, deadDefines, emptyDefines, start: combined(starts, dead, empty) !== 'live' };
}

/**
 * A grammar for checking an element that stands where the schema does not allow it, as
 * jing does: jing goes on inside such an element and checks its content against every
 * pattern of its name in the schema. The text checked holds the element and only its
 * ancestors' tags (misplaced.ts): the start here is a chain of `depth` elements of any name
 * with any attributes, each holding the next, the last holding the element `key` matched
 * by one of the schema's patterns for that name (copied, with the `ns` and
 * `datatypeLibrary` in effect where it stands; `variant` picks which one: libxml2 reports a
 * choice of them poorly, so the caller checks each and compares). No choice anywhere
 * above the element, so libxml2 reports the faults inside it as it would in place.
 * Everything else as in reducedRngText. For a grammar in one file (`reducible`), or one
 * read from several files (rng-files.ts: `starts` set), written out here as one grammar:
 * its defines (include overrides applied, externalRef scopes renamed apart), each with the
 * `ns` and `datatypeLibrary` in effect where it stood.
 */
export function misplacedRngText(parsed: ParsedRng, key: string, depth: number, elements: NameSet, attributes: NameSet, shallow: NameSet = new Set(), variant = 0): string | undefined {
  const flat = parsed.starts !== undefined;
  // Defines of several files: renamed to plain names (externalRef scopes are not NCNames).
  const rename = flat ? new Map([...parsed.defines.keys()].map((n, i) => [n, `teiwright.d${i}`] as const)) : undefined;
  const names = { elements, attributes, shallow, skipStart: true, ...(rename && { rename }) };
  const grammar = flat ? undefined : parsed.root.children.find((n) => n.rng && n.tag === 'grammar');
  const patterns = parsed.elementPatterns.get(key) ?? [];
  const pattern = patterns[Math.min(variant, patterns.length - 1)];
  if ((!flat && !grammar) || !pattern || depth < 1) return undefined;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  let attrs = '';
  if (grammar) for (const [k, v] of Object.entries(grammar.attrs)) if (k !== 'xmlns') attrs += ` ${k}="${escapeAttr(v)}"`;
  if (flat) for (const [k, v] of prefixesOf(parsed.root)) attrs += ` ${k}="${escapeAttr(v)}"`;
  out.push(`<grammar${attrs} xmlns="${RNG_NS}">`);
  const level = (d: number): string => `teiwright.misplaced.${d}`;
  // A pattern that is a define's whole body (as in ODD-generated schemas) is referred to, not copied.
  let defined: string | undefined;
  for (const [name, bodies] of parsed.defines) {
    if (bodies.length === 1 && bodies[0]!.attrs.combine === undefined && bodies[0]!.children.filter((c) => c.rng).length === 1 && bodies[0]!.children.find((c) => c.rng) === pattern) defined = rename?.get(name) ?? name;
  }
  out.push(`<start><ref name="${level(0)}"/></start>`);
  for (let d = 0; d < depth; d++) {
    out.push(`<define name="${level(d)}"><element><anyName/><zeroOrMore><attribute><anyName/></attribute></zeroOrMore>`);
    if (d < depth - 1) out.push(`<ref name="${level(d + 1)}"/>`);
    else if (defined !== undefined) out.push(`<ref name="${escapeAttr(defined)}"/>`);
    else {
      const context = pattern.context ?? { ns: '', datatypeLibrary: '' };
      const copy: RngNode = { ...pattern, attrs: { ...pattern.attrs, ns: pattern.attrs.ns ?? context.ns, datatypeLibrary: pattern.attrs.datatypeLibrary ?? context.datatypeLibrary } };
      writeReduced(out, [copy], names, false);
    }
    out.push('</element></define>');
  }
  if (grammar) writeReduced(out, grammar.children, names, false);
  else {
    for (const [name, bodies] of parsed.defines) {
      for (const body of bodies) {
        const context = body.context ?? { ns: '', datatypeLibrary: '' };
        const combine = body.attrs.combine === undefined ? '' : ` combine="${escapeAttr(body.attrs.combine.trim())}"`;
        out.push(`<define name="${escapeAttr(rename!.get(name)!)}"${combine} ns="${escapeAttr(context.ns)}" datatypeLibrary="${escapeAttr(context.datatypeLibrary)}">`);
        writeReduced(out, body.children, names, false);
        out.push('</define>');
      }
    }
  }
  out.push('</grammar>');
  return out.join('');
}

/** The namespace prefixes the grammars of a schema's files declare (the first file to declare one wins). */
function prefixesOf(root: RngNode): Map<string, string> {
  const found = new Map<string, string>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.rng && n.tag === 'grammar') for (const [k, v] of Object.entries(n.attrs)) if (k.startsWith('xmlns:') && !found.has(k)) found.set(k, v);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return found;
}

/** Writes `nodes` reduced (see reducedRngText); `root`: the first RELAX NG element written declares the namespace. */
export function writeReduced(
  out: string[],
  nodes: readonly RngNode[],
  { elements, attributes, shallow, skipStart = false, rename, unused }: { elements: NameSet; attributes: NameSet; shallow: NameSet; skipStart?: boolean; rename?: ReadonlyMap<string, string>; unused?: UnusedPatterns },
  root: boolean,
): void {
  let startWritten = false;
  // Explicit stack of nodes to open and closing tags to write.
  const stack: (RngNode | string)[] = [...nodes].reverse();
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
    if (!item.rng || (skipStart && item.tag === 'start')) continue;
    if (unused && (item.tag === 'define' || item.tag === 'start')) {
      const name = refName(item);
      const gone = item.tag === 'define' ? name !== undefined && (unused.deadDefines.has(name) || unused.emptyDefines.has(name)) : unused.start;
      if (gone) {
        // A define that matches nothing or only the empty sequence is left out (every ref to it
        // is gone or written as empty); when the start does, no document can be valid, and the
        // grammar says so with a start that takes no element. Not `<start><notAllowed/></start>`:
        // libxml2 fails a document against that with no error at all, which reads as valid.
        if (item.tag === 'start' && !startWritten) out.push('<start><choice><notAllowed/></choice></start>');
        startWritten ||= item.tag === 'start';
        continue;
      }
      // One body of several combined by choice that matches nothing is left out; one that matches only the empty sequence stays, as empty.
      if (unused.dead.has(item)) continue;
    }
    if (unused && item.tag !== 'define' && item.tag !== 'start' && (unused.dead.has(item) || unused.empty.has(item))) {
      // Reached only where the parent keeps it (see below): an alternative that is empty.
      out.push(unused.dead.has(item) ? '<notAllowed/>' : '<empty/>');
      continue;
    }
    if (!unused && item.key !== undefined && !(item.tag === 'element' ? elements : attributes).has(item.key)) {
      if (item.tag === 'element' && shallow.has(item.key)) {
        // Not in the document, so its content is never used: kept by name only, for the messages.
        const space = item.key.indexOf(' ');
        out.push(`<element><name ns="${escapeAttr(item.key.slice(0, space))}">${item.key.slice(space + 1)}</name><empty/></element>`);
      } else out.push('<notAllowed/>');
      continue;
    }
    // A choice (or except) drops its alternatives that match nothing (data an except that
    // excepts nothing); a sequence drops its parts that match only the empty sequence, and
    // is written with content empty when nothing else is left (an element, list or mixed).
    const sequence = SEQUENCE.has(item.tag);
    const kids = item.children;
    const keep = (c: RngNode): boolean => !unused || !c.rng || !(sequence ? unused.empty.has(c) : (item.tag === 'choice' || item.tag === 'except' || (item.tag === 'data' && c.tag === 'except')) && unused.dead.has(c));
    const kept = unused ? kids.filter(keep) : kids;
    // A group, interleave or choice left with one part is that part (libxml2 refuses an
    // interleave of one: "Element or text conflicts in interleave"), unless it sets the
    // namespace or datatype library for what is inside.
    if (unused && !root && (item.tag === 'group' || item.tag === 'interleave' || item.tag === 'choice') && item.attrs.ns === undefined && item.attrs.datatypeLibrary === undefined && kept.filter((c) => c.rng).length === 1) {
      stack.push(kept.find((c) => c.rng)!);
      continue;
    }
    let attrs = '';
    for (const [k, v] of Object.entries(item.attrs)) {
      if (k === 'xmlns') continue;
      const value = rename && k === 'name' && (item.tag === 'ref' || item.tag === 'define') ? (rename.get(v) ?? v) : v;
      attrs += ` ${k}="${escapeAttr(value)}"`;
    }
    if (root) {
      // The RELAX NG namespace itself must be declared on the root whatever prefix the source used.
      attrs += ` xmlns="${RNG_NS}"`;
      root = false;
    }
    out.push(`<${item.tag}${attrs}>`);
    stack.push(`</${item.tag}>`);
    const pattern = unused && sequence ? new Set(patternChildren(item)) : undefined;
    if (unused && pattern && pattern.size > 0 && [...pattern].every((c) => unused.empty.has(c))) {
      // Only the name class (an unnamed element or attribute) stays before it.
      for (let i = kids.length - 1; i >= 0; i--) if (!pattern.has(kids[i]!) && kids[i]!.rng) stack.push(kids[i]!);
      stack.splice(stack.length - kids.filter((c) => c.rng && !pattern.has(c)).length, 0, '<empty/>');
      continue;
    }
    for (let i = kept.length - 1; i >= 0; i--) stack.push(kept[i]!);
  }
}

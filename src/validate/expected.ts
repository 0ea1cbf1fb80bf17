/**
 * What a RELAX NG grammar expects at one place in an element's content, named as jing
 * names it ("expected element "ab", "p" or "publisher""): the element's content pattern is
 * taken through its children before that place (Brzozowski derivatives, one child name at
 * a time, each child taken as valid), and the names that can come next are read off what
 * is left. libxml2 names at most one expected element; this names them all.
 *
 * Only element names are followed (attributes and data count as nothing); text is kept as
 * a pattern that matches no element but says whether character data may stand at a place
 * (jing's "expected the element end-tag, text or element …").
 */
import { nameKey, type ParsedRng } from './reduce.js';

type RngNode = ParsedRng['root'];

type Pattern =
  | { t: 'empty' }
  | { t: 'none' }
  | { t: 'el'; key: string | undefined; nc?: RngNode; node: RngNode }
  | { t: 'text' }
  | { t: 'choice'; a: Pattern; b: Pattern }
  | { t: 'group'; a: Pattern; b: Pattern }
  | { t: 'interleave'; a: Pattern; b: Pattern }
  | { t: 'more'; p: Pattern }
  | { t: 'ref'; name: string };

const EMPTY: Pattern = { t: 'empty' };
const NONE: Pattern = { t: 'none' };
const TEXT: Pattern = { t: 'text' };

const choice = (a: Pattern, b: Pattern): Pattern => (a.t === 'none' ? b : b.t === 'none' ? a : a.t === 'empty' && b.t === 'empty' ? a : { t: 'choice', a, b });
const group = (a: Pattern, b: Pattern): Pattern => (a.t === 'none' || b.t === 'none' ? NONE : a.t === 'empty' ? b : b.t === 'empty' ? a : { t: 'group', a, b });
const interleave = (a: Pattern, b: Pattern): Pattern => (a.t === 'none' || b.t === 'none' ? NONE : a.t === 'empty' ? b : b.t === 'empty' ? a : { t: 'interleave', a, b });

export class ExpectedNames {
  private readonly defines = new Map<string, Pattern>();
  private readonly resolving = new Set<string>();
  /** Whether a define may match nothing, once known (computed outside any cycle). */
  private readonly nullables = new Map<string, boolean>();
  /** The last walks (a document's faults ask about the same parent again and again). */
  private readonly walks = new Map<string, Walk>();

  constructor(private readonly rng: ParsedRng) {}

  private fold(nodes: readonly RngNode[], join: (a: Pattern, b: Pattern) => Pattern): Pattern {
    const parts = nodes.filter((n) => n.rng).map((n) => this.pattern(n));
    if (parts.length === 0) return EMPTY;
    return parts.reduce((acc, p) => join(acc, p));
  }

  private pattern(n: RngNode): Pattern {
    const kids = n.children.filter((c) => c.rng);
    switch (n.tag) {
      case 'element':
        return n.key !== undefined ? { t: 'el', key: n.key, node: n } : { t: 'el', key: undefined, nc: kids[0], node: n };
      case 'ref':
        return { t: 'ref', name: (n.attrs.name ?? '').trim() };
      case 'choice':
        return kids.length === 0 ? NONE : kids.map((k) => this.pattern(k)).reduce((a, b) => choice(a, b));
      case 'interleave':
        return this.fold(kids, interleave);
      case 'mixed':
        return interleave(TEXT, this.fold(kids, group));
      case 'text':
        return TEXT;
      case 'group':
      case 'define':
      case 'start':
        return this.fold(kids, group);
      case 'optional':
        return choice(this.fold(kids, group), EMPTY);
      case 'zeroOrMore':
        return choice({ t: 'more', p: this.fold(kids, group) }, EMPTY);
      case 'oneOrMore':
        return { t: 'more', p: this.fold(kids, group) };
      case 'notAllowed':
        return NONE;
      default:
        // attribute, data, value, list, empty: no element child.
        return EMPTY;
    }
  }

  private body(name: string): Pattern {
    let p = this.defines.get(name);
    if (p) return p;
    const defs = this.rng.defines.get(name) ?? [];
    const interleaved = defs.some((d) => d.attrs.combine === 'interleave');
    p = defs.length === 0 ? NONE : defs.map((d) => this.pattern(d)).reduce((a, b) => (interleaved ? interleave(a, b) : choice(a, b)));
    this.defines.set(name, p);
    return p;
  }

  private nullable(p: Pattern): boolean {
    switch (p.t) {
      case 'empty':
      case 'text':
        return true;
      case 'none':
      case 'el':
        return false;
      case 'choice':
        return this.nullable(p.a) || this.nullable(p.b);
      case 'group':
      case 'interleave':
        return this.nullable(p.a) && this.nullable(p.b);
      case 'more':
        return this.nullable(p.p);
      case 'ref': {
        const known = this.nullables.get(p.name);
        if (known !== undefined) return known;
        if (this.resolving.has(p.name)) return false;
        this.resolving.add(p.name);
        try {
          const r = this.nullable(this.body(p.name));
          if (this.resolving.size === 1) this.nullables.set(p.name, r);
          return r;
        } finally {
          this.resolving.delete(p.name);
        }
      }
    }
  }

  /**
   * The derivative of `p` by an element `key`. With `recover`, as jing recovers from an
   * element that is "not allowed yet": a required part before it may be skipped.
   */
  private deriv(p: Pattern, key: string, recover = false, depth = 0, hits?: Set<RngNode>): Pattern {
    if (depth > 200) return NONE;
    const d = (q: Pattern): Pattern => this.deriv(q, key, recover, depth + 1, hits);
    switch (p.t) {
      case 'empty':
      case 'none':
      case 'text':
        return NONE;
      case 'el': {
        const match = p.key === undefined ? p.nc === undefined || matchesNameClass(p.nc, key) : p.key === key;
        if (match) hits?.add(p.node);
        return match ? EMPTY : NONE;
      }
      case 'choice':
        return choice(d(p.a), d(p.b));
      case 'group': {
        const first = group(d(p.a), p.b);
        return recover || this.nullable(p.a) ? choice(first, d(p.b)) : first;
      }
      case 'interleave':
        return choice(interleave(d(p.a), p.b), interleave(p.a, d(p.b)));
      case 'more':
        return group(d(p.p), choice(p, EMPTY));
      case 'ref':
        return d(this.body(p.name));
    }
  }

  private firsts(p: Pattern, out: Set<string>, seen: Set<string>): void {
    switch (p.t) {
      case 'el':
        if (p.key !== undefined) out.add(p.key);
        return;
      case 'choice':
      case 'interleave':
        this.firsts(p.a, out, seen);
        this.firsts(p.b, out, seen);
        return;
      case 'group':
        this.firsts(p.a, out, seen);
        if (this.nullable(p.a)) this.firsts(p.b, out, seen);
        return;
      case 'more':
        this.firsts(p.p, out, seen);
        return;
      case 'ref':
        if (seen.has(p.name)) return;
        seen.add(p.name);
        this.firsts(this.body(p.name), out, seen);
        return;
      default:
        return;
    }
  }

  /** Whether character data may stand where `p` starts (a `text` pattern can come first). */
  private textFirst(p: Pattern, seen: Set<string>): boolean {
    switch (p.t) {
      case 'text':
        return true;
      case 'choice':
      case 'interleave':
        return this.textFirst(p.a, seen) || this.textFirst(p.b, seen);
      case 'group':
        return this.textFirst(p.a, seen) || (this.nullable(p.a) && this.textFirst(p.b, seen));
      case 'more':
        return this.textFirst(p.p, seen);
      case 'ref':
        if (seen.has(p.name)) return false;
        seen.add(p.name);
        return this.textFirst(this.body(p.name), seen);
      default:
        return false;
    }
  }

  /** Element patterns with a name class (`anyName`, `nsName`, a `name` child) rather than a name. */
  private unnamed: RngNode[] | undefined;

  private unnamedPatterns(): RngNode[] {
    if (this.unnamed) return this.unnamed;
    const found: RngNode[] = [];
    const stack = [this.rng.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.rng && n.tag === 'element' && n.key === undefined) found.push(n);
      for (const c of n.children) if (c.rng) stack.push(c);
    }
    this.unnamed = found;
    return found;
  }

  /** The elements the grammar's `start` allows as the document's root (`ns local` keys, sorted). */
  atStart(): string[] {
    const starts = this.startNodes();
    const names = new Set<string>();
    for (const st of starts) this.firsts(this.pattern(st), names, new Set());
    return [...names].sort(byName);
  }

  /** Every element name an element `ns local` may hold as a child, wherever (undefined: no pattern for it, or one taking any name). `patterns`: the element patterns it matches where it stands (contexts), by default every one of its name. */
  childNames(element: string, patterns?: readonly RngNode[]): Set<string> | undefined {
    const p = this.content(element, patterns);
    if (p === undefined) return undefined;
    const out = new Set<string>();
    let open = false;
    const seen = new Set<string>();
    const stack: Pattern[] = [p];
    while (stack.length > 0) {
      const q = stack.pop()!;
      switch (q.t) {
        case 'el':
          if (q.key !== undefined) out.add(q.key);
          else open = true;
          break;
        case 'choice':
        case 'group':
        case 'interleave':
          stack.push(q.a, q.b);
          break;
        case 'more':
          stack.push(q.p);
          break;
        case 'ref':
          if (!seen.has(q.name)) {
            seen.add(q.name);
            stack.push(this.body(q.name));
          }
          break;
        default:
          break;
      }
    }
    return open ? undefined : out;
  }

  /**
   * The attributes an element `ns local` may have (`ns local` keys), from the element
   * patterns `patterns` (by default every one of its name): the attribute patterns of its
   * content, not those of its children. Undefined when there is no pattern, or one takes
   * an attribute of any name.
   */
  attributeNames(element: string, patterns?: readonly RngNode[]): string[] | undefined {
    // Asked of every element of a document with attributes: once per name and place.
    const key = `${element}\u0001${patterns?.map((n) => this.idOf(n)).join(',') ?? ''}`;
    if (this.attributeLists.has(key)) return this.attributeLists.get(key);
    const names = this.findAttributeNames(element, patterns);
    this.attributeLists.set(key, names);
    return names;
  }

  private readonly attributeLists = new Map<string, string[] | undefined>();

  private findAttributeNames(element: string, patterns?: readonly RngNode[]): string[] | undefined {
    const chosen = patterns !== undefined && patterns.length > 0 ? patterns : this.patternsNamed(element);
    if (chosen.length === 0) return undefined;
    const out = new Set<string>();
    const seen = new Set<string>();
    const stack: RngNode[] = [];
    for (const e of chosen) stack.push(...(e.attrs.name === undefined ? e.children.filter((c) => c.rng).slice(1) : e.children.filter((c) => c.rng)));
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (!n.rng) continue;
      if (n.tag === 'attribute') {
        if (n.key === undefined) return undefined;
        out.add(n.key);
        continue;
      }
      if (n.tag === 'element' || n.tag === 'notAllowed') continue;
      if (n.tag === 'ref') {
        const name = (n.attrs.name ?? '').trim();
        if (!seen.has(name)) {
          seen.add(name);
          stack.push(...(this.rng.defines.get(name) ?? []));
        }
        continue;
      }
      stack.push(...n.children);
    }
    return [...out].sort((a, b) => (shownAttribute(a) < shownAttribute(b) ? -1 : shownAttribute(a) > shownAttribute(b) ? 1 : 0));
  }

  /**
   * The attribute patterns named `attribute` (an `ns local` key) in the element patterns
   * `patterns` (by default every one of the element's name), each with the datatype
   * library in effect where it stands: what the value of such an attribute is checked
   * against (values.ts). Undefined when there is none, or a pattern with a name class
   * (`anyName`, `nsName`) could take the attribute too, or a `parentRef` is in the way.
   */
  attributePatterns(element: string, attribute: string, patterns?: readonly RngNode[]): { node: RngNode; datatypeLibrary: string }[] | undefined {
    const chosen = patterns !== undefined && patterns.length > 0 ? patterns : this.patternsNamed(element);
    if (chosen.length === 0) return undefined;
    const out: { node: RngNode; datatypeLibrary: string }[] = [];
    const seen = new Set<string>();
    const stack: { n: RngNode; lib: string }[] = [];
    for (const e of chosen) {
      const lib = e.attrs.datatypeLibrary ?? e.context?.datatypeLibrary ?? '';
      for (const c of e.attrs.name === undefined ? e.children.filter((k) => k.rng).slice(1) : e.children.filter((k) => k.rng)) stack.push({ n: c, lib });
    }
    while (stack.length > 0) {
      const { n, lib: outer } = stack.pop()!;
      if (!n.rng) continue;
      const lib = n.attrs.datatypeLibrary ?? outer;
      if (n.tag === 'attribute') {
        if (n.key === undefined) return undefined;
        if (n.key === attribute) out.push({ node: n, datatypeLibrary: lib });
        continue;
      }
      if (n.tag === 'parentRef' || n.tag === 'externalRef') return undefined;
      if (n.tag === 'element' || n.tag === 'notAllowed') continue;
      if (n.tag === 'ref') {
        const name = (n.attrs.name ?? '').trim();
        if (!seen.has(name)) {
          seen.add(name);
          for (const d of this.rng.defines.get(name) ?? []) stack.push({ n: d, lib: d.attrs.datatypeLibrary ?? d.context?.datatypeLibrary ?? '' });
        }
        continue;
      }
      for (const c of n.children) stack.push({ n: c, lib });
    }
    return out.length > 0 ? out : undefined;
  }

  /**
   * Whether the content of the element patterns `patterns` (by default every one of the
   * element's name) has a `data`, `value` or `list` pattern outside its attributes and
   * children: character data may stand there, checked as a value (the derivatives here
   * count such content as nothing). True when it cannot be told.
   */
  takesData(element: string, patterns?: readonly RngNode[]): boolean {
    const key = `${element}\u0001${patterns?.map((n) => this.idOf(n)).join(',') ?? ''}`;
    let known = this.dataContent.get(key);
    if (known === undefined) {
      known = this.findsData(element, patterns);
      this.dataContent.set(key, known);
    }
    return known;
  }

  private readonly dataContent = new Map<string, boolean>();

  private findsData(element: string, patterns?: readonly RngNode[]): boolean {
    const chosen = patterns !== undefined && patterns.length > 0 ? patterns : this.patternsNamed(element);
    const seen = new Set<string>();
    const stack: RngNode[] = [];
    for (const e of chosen) stack.push(...(e.attrs.name === undefined ? e.children.filter((c) => c.rng).slice(1) : e.children.filter((c) => c.rng)));
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (!n.rng || n.tag === 'element' || n.tag === 'attribute' || n.tag === 'notAllowed') continue;
      if (n.tag === 'data' || n.tag === 'value' || n.tag === 'list' || n.tag === 'parentRef' || n.tag === 'externalRef') return true;
      if (n.tag === 'ref') {
        const name = (n.attrs.name ?? '').trim();
        if (!seen.has(name)) {
          seen.add(name);
          stack.push(...(this.rng.defines.get(name) ?? []));
        }
        continue;
      }
      stack.push(...n.children);
    }
    return false;
  }

  /** Whether some pattern names the element `ns local`. */
  names(element: string): boolean {
    return this.rng.elementPatterns.has(element);
  }

  /** An element `ns local` that no pattern names, but a name class (`anyName`, `nsName`) takes. */
  byNameClassOnly(element: string): boolean {
    return !this.rng.elementPatterns.has(element) && this.content(element) !== undefined;
  }

  /** Every element pattern an element `ns local` matches: patterns by its name and patterns whose name class takes it. */
  private patternsNamed(element: string): RngNode[] {
    return [...(this.rng.elementPatterns.get(element) ?? []), ...this.unnamedPatterns().filter((e) => { const nc = e.children.find((c) => c.rng); return nc !== undefined && matchesNameClass(nc, element); })];
  }

  /**
   * The content of the element patterns `patterns` as one choice; by default every pattern
   * an element `ns local` matches (what jing checks an element against when it stands
   * where it is not allowed). Undefined when there is none.
   */
  content(element: string, patterns?: readonly RngNode[]): Pattern | undefined {
    const chosen = patterns !== undefined && patterns.length > 0 ? patterns : this.patternsNamed(element);
    if (chosen.length === 0) return undefined;
    return chosen
      .map((e) => {
        const content = e.attrs.name === undefined ? e.children.filter((c) => c.rng).slice(1) : e.children.filter((c) => c.rng);
        return this.fold(content, group);
      })
      .reduce((a, b) => choice(a, b));
  }

  /**
   * The children of an element `ns local` (each `ns local`) taken as jing takes them: a
   * child the content allows is `ok`; one it allows only once a required part before it
   * is skipped is `yet` (jing: "not allowed yet; missing required element"), and the
   * content goes on as if that part were there; one it does not allow there is `here`, and
   * the content goes on as if the child were not there. Undefined when the grammar has no
   * pattern for the element. `state` is what may come after the children; `complete`,
   * whether the element may end there (jing: "element … incomplete" when not).
   * `patterns`: the element patterns it matches where it stands (see `contexts`).
   */
  walk(element: string, children: readonly string[], patterns?: readonly RngNode[]): { verdicts: ('ok' | 'yet' | 'here')[]; state: Pattern; complete: boolean } | undefined {
    const w = this.walkStates(element, children, patterns);
    if (w === undefined) return undefined;
    const state = w.states[children.length]!;
    return { verdicts: w.verdicts, state, complete: this.nullable(state) };
  }

  private readonly patternIds = new Map<RngNode, number>();
  private idOf(n: RngNode): number {
    let id = this.patternIds.get(n);
    if (id === undefined) {
      id = this.patternIds.size;
      this.patternIds.set(n, id);
    }
    return id;
  }

  /** The walk's verdicts, the state before each child (and after the last), and the element patterns each child matched, cached for the last few parents. */
  private walkStates(element: string, children: readonly string[], patterns?: readonly RngNode[]): Walk | undefined {
    const narrowed = patterns !== undefined && patterns.length > 0;
    const key = `${element}\u0001${children.join('\u0002')}\u0001${narrowed ? patterns.map((n) => this.idOf(n)).join(',') : ''}`;
    const cached = this.walks.get(key);
    if (cached) return cached;
    let p = this.content(element, narrowed ? patterns : undefined);
    if (p === undefined) return undefined;
    const verdicts: ('ok' | 'yet' | 'here')[] = [];
    const states: Pattern[] = [p];
    const matched: RngNode[][] = [];
    for (const child of children) {
      const hits = new Set<RngNode>();
      const next = this.deriv(p, child, false, 0, hits);
      if (next.t !== 'none') {
        verdicts.push('ok');
        p = next;
        matched.push([...hits]);
      } else {
        const again = new Set<RngNode>();
        const recovered = this.deriv(p, child, true, 0, again);
        if (recovered.t !== 'none') {
          verdicts.push('yet');
          p = recovered;
          matched.push([...again]);
        } else {
          verdicts.push('here');
          matched.push([]);
        }
      }
      states.push(p);
    }
    if (this.walks.size >= 64) this.walks.clear();
    const walked = { verdicts, states, matched };
    this.walks.set(key, walked);
    return walked;
  }

  /**
   * What may come before child `index` of an element `ns local` whose children are
   * `children` (all of them: one walk serves every fault of the parent); `index` equal to
   * the number of children asks about the element's end. `patterns` as for `walk`.
   */
  /** Whether character data may stand before child `index` (as atChild's `text`, without naming anything). */
  textAt(element: string, children: readonly string[], index: number, patterns?: readonly RngNode[]): boolean | undefined {
    const w = this.walkStates(element, children, patterns);
    return w === undefined ? undefined : this.textFirst(w.states[index]!, new Set());
  }

  atChild(element: string, children: readonly string[], index: number, patterns?: readonly RngNode[]): { names: string[]; mayEnd: boolean; text: boolean } | undefined {
    const w = this.walkStates(element, children, patterns);
    return w === undefined ? undefined : this.described(w.states[index]!);
  }

  private described(p: Pattern): { names: string[]; mayEnd: boolean; text: boolean } {
    const names = new Set<string>();
    this.firsts(p, names, new Set());
    return { names: [...names].sort(byName), mayEnd: this.nullable(p), text: this.textFirst(p, new Set()) };
  }

  /**
   * After the children `before` (each `ns local`) of an element `ns local`: the element
   * names that may come next (`ns local` keys, sorted), whether the element may end there,
   * and whether text may come there. Children out of place before it are taken as jing
   * takes them (see `walk`). Undefined when the grammar has no pattern for the element.
   */
  at(element: string, before: readonly string[]): { names: string[]; mayEnd: boolean; text: boolean } | undefined {
    return this.atChild(element, before, before.length);
  }

  /** The grammar's `start` elements (those parsed with it, else found under its root). */
  private startNodes(): RngNode[] {
    const starts: RngNode[] = [...(this.rng.starts ?? [])];
    const stack = this.rng.starts ? [] : [this.rng.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.rng && n.tag === 'start') starts.push(n);
      // A start inside an element pattern belongs to a nested grammar, not to the document.
      else for (const c of n.children) if (!c.rng || (c.tag !== 'element' && c.tag !== 'define')) stack.push(c);
    }
    return starts;
  }

  /** The document's start as one pattern (the choice of its `start`s). */
  private startPattern(): Pattern {
    const starts = this.startNodes();
    const interleaved = starts.some((s) => s.attrs.combine === 'interleave');
    return starts.length === 0 ? NONE : starts.map((s) => this.pattern(s)).reduce((a, b) => (interleaved ? interleave(a, b) : choice(a, b)));
  }

  /**
   * The element patterns each element of a document matches where it stands, as jing
   * narrows them: an element of a name with several patterns (an `item` of a list and of a
   * table row) is checked against those its parent's content allows at its place, not
   * against all of them. From the root down, each parent walked once (see `walk`); an
   * element out of place there matches every pattern of its name (jing checks it against
   * all of them), given as undefined, as is an element of a document the walk cannot follow.
   */
  contexts(elements: readonly DocElement[]): (index: number) => readonly RngNode[] | undefined {
    const known = new Map<number, readonly RngNode[] | undefined>();
    const of = (i: number): readonly RngNode[] | undefined => {
      if (known.has(i)) return known.get(i);
      // The ancestors not yet known, outermost first.
      const chain: number[] = [];
      for (let a = i; a >= 0 && !known.has(a); a = elements[a]!.parent) chain.unshift(a);
      for (const a of chain) {
        const e = elements[a]!;
        if (e.parent < 0) {
          const hits = new Set<RngNode>();
          this.deriv(this.startPattern(), nameKey(e.ns, e.local), false, 0, hits);
          known.set(a, hits.size > 0 ? [...hits] : undefined);
          continue;
        }
        const p = elements[e.parent]!;
        const w = this.walkStates(nameKey(p.ns, p.local), p.children.map((c) => nameKey(elements[c]!.ns, elements[c]!.local)), known.get(e.parent));
        p.children.forEach((c, k) => {
          const m = w?.matched[k];
          known.set(c, m !== undefined && m.length > 0 ? m : undefined);
        });
        if (!known.has(a)) known.set(a, undefined);
      }
      return known.get(i);
    };
    return of;
  }
}

/** What `contexts` needs of a document's element (scan.ts, ElementRecord). */
export interface DocElement {
  ns: string;
  local: string;
  parent: number;
  children: readonly number[];
}

/** A parent's walk (see ExpectedNames.walk). */
interface Walk {
  verdicts: ('ok' | 'yet' | 'here')[];
  states: Pattern[];
  /** For each child, the element patterns it matched there (none when out of place). */
  matched: RngNode[][];
}

export type { RngNode };

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
/** An attribute key as messages write it: `xml:lang`, `type`, `{ns}local`. */
export function shownAttribute(key: string): string {
  const space = key.indexOf(' ');
  const ns = key.slice(0, space);
  const local = key.slice(space + 1);
  return ns === XML_NAMESPACE ? `xml:${local}` : ns === '' ? local : `{${ns}}${local}`;
}

const localOf = (key: string): string => key.slice(key.indexOf(' ') + 1);
/** Sorted by code point, as jing sorts them ("TEI" before "facsimile"). */
const byName = (a: string, b: string): number => (localOf(a) < localOf(b) ? -1 : localOf(a) > localOf(b) ? 1 : a < b ? -1 : a > b ? 1 : 0);

/** Whether a RELAX NG name class (`anyName`, `nsName`, `name`, `choice`, with `except`) takes the name `ns local`. */
function matchesNameClass(nc: RngNode, key: string): boolean {
  const space = key.indexOf(' ');
  const ns = key.slice(0, space);
  const local = key.slice(space + 1);
  const kids = nc.children.filter((c) => c.rng);
  const excepted = (): boolean => kids.some((c) => c.tag === 'except' && c.children.some((x) => x.rng && matchesNameClass(x, key)));
  switch (nc.tag) {
    case 'anyName':
      return !excepted();
    case 'nsName':
      return (nc.attrs.ns ?? '') === ns && !excepted();
    case 'name': {
      const text = nc.children.map((c) => c.text ?? '').join('').trim();
      const name = text.includes(':') ? text.slice(text.indexOf(':') + 1) : text;
      return name === local && (nc.attrs.ns === undefined || nc.attrs.ns === ns);
    }
    case 'choice':
      return kids.some((c) => matchesNameClass(c, key));
    default:
      return false;
  }
}

export { nameKey };

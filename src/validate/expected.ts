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
  | { t: 'el'; key: string | undefined }
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
        return { t: 'el', key: n.key };
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
        if (this.resolving.has(p.name)) return false;
        this.resolving.add(p.name);
        try {
          return this.nullable(this.body(p.name));
        } finally {
          this.resolving.delete(p.name);
        }
      }
    }
  }

  private deriv(p: Pattern, key: string, depth = 0): Pattern {
    if (depth > 200) return NONE;
    switch (p.t) {
      case 'empty':
      case 'none':
      case 'text':
        return NONE;
      case 'el':
        return p.key === undefined || p.key === key ? EMPTY : NONE;
      case 'choice':
        return choice(this.deriv(p.a, key, depth + 1), this.deriv(p.b, key, depth + 1));
      case 'group': {
        const first = group(this.deriv(p.a, key, depth + 1), p.b);
        return this.nullable(p.a) ? choice(first, this.deriv(p.b, key, depth + 1)) : first;
      }
      case 'interleave':
        return choice(interleave(this.deriv(p.a, key, depth + 1), p.b), interleave(p.a, this.deriv(p.b, key, depth + 1)));
      case 'more':
        return group(this.deriv(p.p, key, depth + 1), choice(p, EMPTY));
      case 'ref':
        return this.deriv(this.body(p.name), key, depth + 1);
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

  /**
   * After the children `before` (each `ns local`) of an element `ns local`: the element
   * names that may come next (`ns local` keys, sorted) and whether the element may end
   * there, and whether text may come there; undefined when the grammar has no single answer (no pattern for the element,
   * or a child before this place that its content does not allow).
   */
  at(element: string, before: readonly string[]): { names: string[]; mayEnd: boolean; text: boolean } | undefined {
    const patterns = this.rng.elementPatterns.get(element);
    if (!patterns || patterns.length === 0) return undefined;
    let p = patterns
      .map((e) => {
        const content = e.attrs.name === undefined ? e.children.filter((c) => c.rng).slice(1) : e.children.filter((c) => c.rng);
        return this.fold(content, group);
      })
      .reduce((a, b) => choice(a, b));
    for (const child of before) {
      p = this.deriv(p, child);
      if (p.t === 'none') return undefined;
    }
    const names = new Set<string>();
    this.firsts(p, names, new Set());
    // Sorted by code point, as jing sorts them ("TEI" before "facsimile").
    const byName = (a: string, b: string): number => (localOf(a) < localOf(b) ? -1 : localOf(a) > localOf(b) ? 1 : a < b ? -1 : a > b ? 1 : 0);
    return { names: [...names].sort(byName), mayEnd: this.nullable(p), text: this.textFirst(p, new Set()) };
  }
}

const localOf = (key: string): string => key.slice(key.indexOf(' ') + 1);

export { nameKey };

/**
 * RELAX NG patterns and their derivatives, after James Clark, "An algorithm for RELAX NG
 * validation" (2002). A document is checked by taking the derivative of the schema's
 * pattern by each event of the document (a start tag, an attribute, the end of the start
 * tag, text, an end tag); it is valid when the last pattern is nullable.
 *
 * Patterns are hash-consed (one object per distinct pattern, in a Patterns table), so the
 * derivative of a pattern by an event is computed once and then looked up: each pattern
 * keeps its own small caches. A table belongs to one compiled schema and one thread.
 *
 * Supported: empty, notAllowed, text, choice, group, oneOrMore, list, data, value,
 * attribute and element with a plain name. Not supported (the schema compiler refuses it):
 * interleave, mixed, name classes, `except`.
 */
import type { ValueTest } from './datatypes.js';

export const enum Kind {
  NotAllowed,
  Empty,
  Text,
  Choice,
  Group,
  OneOrMore,
  List,
  Data,
  Value,
  Attribute,
  Element,
  After,
}

export class Pattern {
  /** Derivative caches (see Patterns). */
  open: Map<string, Pattern> | undefined = undefined;
  attTargets: Map<string, Pattern[]> | undefined = undefined;
  att: Map<string, Pattern> | undefined = undefined;
  /** The same by attribute name, then by which of its value patterns take the value (bits, for up to 30 of them). */
  attBits: Map<string, Map<number, Pattern>> | undefined = undefined;
  attOne: Map<string, Pattern> | undefined = undefined;
  /** A direct test of an attribute value against this pattern; null when there is none (see valueMatches). */
  matcher: ValueTest | null | undefined = undefined;
  close: Pattern | undefined = undefined;
  end: Pattern | undefined = undefined;
  text: Pattern | undefined = undefined;
  blank: Pattern | undefined = undefined;
  /** Whether textDeriv depends on the text itself (data, value or list reachable in text position); undefined until asked. */
  textValued: boolean | undefined = undefined;

  constructor(
    readonly id: number,
    readonly kind: Kind,
    readonly nullable: boolean,
    readonly p1: Pattern | undefined,
    readonly p2: Pattern | undefined,
    /** Attribute and Element: the expanded name (see nameKey). */
    readonly name: string,
    /** Data and Value: the test of a value. */
    readonly test: ValueTest | undefined,
  ) {}

  /** Element: its content, compiled on first use (content may refer back to the element). */
  content: (() => Pattern) | Pattern | undefined = undefined;
}

/** The key of an expanded name: the local name alone in `defaultNs`, else namespace and local name. */
export const nameKey = (ns: string, local: string, defaultNs: string): string => (ns === defaultNs ? local : `{${ns}}${local}`);

const isBlank = (s: string): boolean => /^[ \t\n\r]*$/.test(s);

/** A value's tokens as RELAX NG's `list` splits it. */
const tokens = (s: string): string[] => s.split(/[ \t\n\r]+/).filter((t) => t !== '');

/**
 * Whether `s` has a token and `test` passes every one (in order, stopping at the first that
 * fails), as `tokens(s).length > 0 && tokens(s).every(test)` says, with no array: a value of
 * one token (most) is tested as it is, without a copy.
 */
function everyToken(s: string, test: ValueTest): boolean {
  const n = s.length;
  let from = 0;
  let any = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 0x20;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (i > from) {
      any = true;
      if (!test(from === 0 && i === n ? s : s.slice(from, i))) return false;
    }
    from = i + 1;
  }
  return any;
}

export class Patterns {
  private readonly table = new Map<string, Pattern>();
  private nextId = 0;
  readonly notAllowed: Pattern;
  readonly empty: Pattern;
  readonly textP: Pattern;

  constructor() {
    this.notAllowed = this.make(Kind.NotAllowed, false);
    this.empty = this.make(Kind.Empty, true);
    this.textP = this.make(Kind.Text, true);
  }

  /** How many patterns the table holds (the caller bounds it). */
  get size(): number {
    return this.nextId;
  }

  private make(kind: Kind, nullable: boolean, p1?: Pattern, p2?: Pattern, name = '', test?: ValueTest): Pattern {
    return new Pattern(this.nextId++, kind, nullable, p1, p2, name, test);
  }

  private interned(kind: Kind, p1: Pattern, p2: Pattern | undefined, nullable: boolean): Pattern {
    const key = p2 === undefined ? `${kind}:${p1.id}` : `${kind}:${p1.id}:${p2.id}`;
    let p = this.table.get(key);
    if (!p) {
      p = this.make(kind, nullable, p1, p2);
      this.table.set(key, p);
    }
    return p;
  }

  data(test: ValueTest): Pattern {
    return this.make(Kind.Data, false, undefined, undefined, '', test);
  }

  value(test: ValueTest): Pattern {
    return this.make(Kind.Value, false, undefined, undefined, '', test);
  }

  element(name: string): Pattern {
    return this.make(Kind.Element, false, undefined, undefined, name);
  }

  attribute(name: string, value: Pattern): Pattern {
    if (value.kind === Kind.NotAllowed) return this.notAllowed;
    const key = `${Kind.Attribute}:${name}:${value.id}`;
    let p = this.table.get(key);
    if (!p) {
      p = this.make(Kind.Attribute, false, value, undefined, name);
      this.table.set(key, p);
    }
    return p;
  }

  list(p: Pattern): Pattern {
    return p.kind === Kind.NotAllowed ? p : this.interned(Kind.List, p, undefined, false);
  }

  oneOrMore(p: Pattern): Pattern {
    if (p.kind === Kind.NotAllowed || p.kind === Kind.Empty) return p;
    return this.interned(Kind.OneOrMore, p, undefined, p.nullable);
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || b.kind === Kind.NotAllowed) return this.notAllowed;
    if (a.kind === Kind.Empty) return b;
    if (b.kind === Kind.Empty) return a;
    return this.interned(Kind.Group, a, b, a.nullable && b.nullable);
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || b.kind === Kind.NotAllowed) return this.notAllowed;
    return this.interned(Kind.After, a, b, false);
  }

  /** A choice as a set: nested choices flattened, duplicates dropped, members in id order. */
  choice(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || a === b) return b;
    if (b.kind === Kind.NotAllowed) return a;
    if (a.kind !== Kind.Choice && b.kind !== Kind.Choice) return a.id < b.id ? this.interned(Kind.Choice, a, b, a.nullable || b.nullable) : this.interned(Kind.Choice, b, a, a.nullable || b.nullable);
    const members: Pattern[] = [];
    const collect = (p: Pattern): void => {
      if (p.kind === Kind.Choice) {
        collect(p.p1!);
        collect(p.p2!);
      } else members.push(p);
    };
    collect(a);
    collect(b);
    members.sort((x, y) => x.id - y.id);
    let out: Pattern | undefined;
    for (let i = members.length - 1; i >= 0; i--) {
      const m = members[i]!;
      if (out === undefined) out = m;
      else if (m !== members[i + 1]) out = this.interned(Kind.Choice, m, out, m.nullable || out.nullable);
    }
    return out!;
  }

  private contentOf(e: Pattern): Pattern {
    let c = e.content;
    if (typeof c === 'function') {
      c = c();
      e.content = c;
    }
    return c ?? this.notAllowed;
  }

  /** x ↦ group(x, q) or x ↦ after(x, q), applied to the second half of each After in p. */
  private applyAfter(p: Pattern, q: Pattern, asGroup: boolean): Pattern {
    switch (p.kind) {
      case Kind.After:
        return this.after(p.p1!, asGroup ? this.group(p.p2!, q) : this.after(p.p2!, q));
      case Kind.Choice:
        return this.choice(this.applyAfter(p.p1!, q, asGroup), this.applyAfter(p.p2!, q, asGroup));
      default:
        return this.notAllowed;
    }
  }

  startTagOpen(p: Pattern, name: string): Pattern {
    let memo = p.open;
    if (memo === undefined) p.open = memo = new Map();
    let d = memo.get(name);
    if (d === undefined) {
      d = this.startTagOpenRaw(p, name);
      memo.set(name, d);
    }
    return d;
  }

  private startTagOpenRaw(p: Pattern, name: string): Pattern {
    switch (p.kind) {
      case Kind.Choice:
        return this.choice(this.startTagOpen(p.p1!, name), this.startTagOpen(p.p2!, name));
      case Kind.Element:
        return p.name === name ? this.after(this.contentOf(p), this.empty) : this.notAllowed;
      case Kind.OneOrMore:
        return this.applyAfter(this.startTagOpen(p.p1!, name), this.choice(p, this.empty), true);
      case Kind.Group: {
        const x = this.applyAfter(this.startTagOpen(p.p1!, name), p.p2!, true);
        return p.p1!.nullable ? this.choice(x, this.startTagOpen(p.p2!, name)) : x;
      }
      case Kind.After:
        return this.applyAfter(this.startTagOpen(p.p1!, name), p.p2!, false);
      default:
        return this.notAllowed;
    }
  }

  /** The value patterns of the attributes named `name` that p could take now (distinct, in a fixed order). */
  private attTargets(p: Pattern, name: string): Pattern[] {
    let memo = p.attTargets;
    if (memo === undefined) p.attTargets = memo = new Map();
    let t = memo.get(name);
    if (t === undefined) {
      const found = new Set<Pattern>();
      const seen = new Set<Pattern>();
      const walk = (q: Pattern): void => {
        if (seen.has(q)) return;
        seen.add(q);
        switch (q.kind) {
          case Kind.Attribute:
            if (q.name === name) found.add(q.p1!);
            return;
          case Kind.Choice:
          case Kind.Group:
            walk(q.p1!);
            walk(q.p2!);
            return;
          case Kind.OneOrMore:
          case Kind.After:
            walk(q.p1!);
            return;
          default:
        }
      };
      walk(p);
      t = [...found].sort((a, b) => a.id - b.id);
      memo.set(name, t);
    }
    return t;
  }

  /** The derivative of p by the attribute `name="value"`. */
  attribute_(p: Pattern, name: string, value: string): Pattern {
    const targets = this.attTargets(p, name);
    if (targets.length === 0) return this.notAllowed;
    if (targets.length === 1) {
      // The common case: one pattern for the name, and the value matches it (else: nothing does).
      if (!this.valueMatches(targets[0]!, value)) return this.attDeriv(p, name, new Set());
      let memo = p.attOne;
      if (memo === undefined) p.attOne = memo = new Map();
      let d = memo.get(name);
      if (d === undefined) {
        d = this.attDeriv(p, name, new Set(targets));
        memo.set(name, d);
      }
      return d;
    }
    // Which of the value patterns take this value: the only thing the derivative depends on.
    if (targets.length <= 30) {
      // As bits of a number (no string or set made unless the derivative is new).
      let bits = 0;
      for (let k = 0; k < targets.length; k++) if (this.valueMatches(targets[k]!, value)) bits |= 1 << k;
      let byName = p.attBits;
      if (byName === undefined) p.attBits = byName = new Map();
      let memo = byName.get(name);
      if (memo === undefined) byName.set(name, (memo = new Map()));
      let d = memo.get(bits);
      if (d === undefined) {
        d = this.attDeriv(p, name, new Set(targets.filter((_, k) => (bits & (1 << k)) !== 0)));
        memo.set(bits, d);
      }
      return d;
    }
    const matching = new Set<Pattern>();
    let mask = '';
    for (const t of targets) {
      const ok = this.valueMatches(t, value);
      if (ok) matching.add(t);
      mask += ok ? '1' : '0';
    }
    const key = `${name}\u0000${mask}`;
    let memo = p.att;
    if (memo === undefined) p.att = memo = new Map();
    let d = memo.get(key);
    if (d === undefined) {
      d = this.attDeriv(p, name, matching);
      memo.set(key, d);
    }
    return d;
  }

  private attDeriv(p: Pattern, name: string, matching: ReadonlySet<Pattern>): Pattern {
    switch (p.kind) {
      case Kind.After:
        return this.after(this.attDeriv(p.p1!, name, matching), p.p2!);
      case Kind.Choice:
        return this.choice(this.attDeriv(p.p1!, name, matching), this.attDeriv(p.p2!, name, matching));
      case Kind.Group:
        return this.choice(this.group(this.attDeriv(p.p1!, name, matching), p.p2!), this.group(p.p1!, this.attDeriv(p.p2!, name, matching)));
      case Kind.OneOrMore:
        return this.group(this.attDeriv(p.p1!, name, matching), this.choice(p, this.empty));
      case Kind.Attribute:
        return p.name === name && matching.has(p.p1!) ? this.empty : this.notAllowed;
      default:
        return this.notAllowed;
    }
  }

  /** Does an attribute's value match its value pattern (certainly)? */
  valueMatches(p: Pattern, value: string): boolean {
    let m = p.matcher;
    if (m === undefined) p.matcher = m = this.matcherOf(p) ?? null;
    if (m !== null) return m(value);
    return (p.nullable && isBlank(value)) || this.textDeriv(p, value).nullable;
  }

  /**
   * A direct test for the usual value patterns (a datatype, a choice of them, a list of
   * one or more of one datatype), the same answer as the derivative without building
   * patterns; undefined for the others.
   */
  private matcherOf(p: Pattern): ValueTest | undefined {
    switch (p.kind) {
      case Kind.Data:
      case Kind.Value:
        return p.test;
      case Kind.Text:
        return () => true;
      case Kind.Choice: {
        const a = this.matcherOf(p.p1!);
        const b = this.matcherOf(p.p2!);
        return a && b && !p.p1!.nullable && !p.p2!.nullable ? (v) => a(v) || b(v) : undefined;
      }
      case Kind.List: {
        const item = p.p1!;
        if (item.kind !== Kind.OneOrMore) return undefined;
        const one = item.p1!;
        if (one.kind !== Kind.Data && one.kind !== Kind.Value) return undefined;
        const test = one.test!;
        return (v) => everyToken(v, test);
      }
      default:
        return undefined;
    }
  }

  startTagClose(p: Pattern): Pattern {
    let d = p.close;
    if (d === undefined) {
      switch (p.kind) {
        case Kind.After:
          d = this.after(this.startTagClose(p.p1!), p.p2!);
          break;
        case Kind.Choice:
          d = this.choice(this.startTagClose(p.p1!), this.startTagClose(p.p2!));
          break;
        case Kind.Group:
          d = this.group(this.startTagClose(p.p1!), this.startTagClose(p.p2!));
          break;
        case Kind.OneOrMore:
          d = this.oneOrMore(this.startTagClose(p.p1!));
          break;
        case Kind.Attribute:
          d = this.notAllowed;
          break;
        default:
          d = p;
      }
      p.close = d;
    }
    return d;
  }

  endTag(p: Pattern): Pattern {
    let d = p.end;
    if (d === undefined) {
      switch (p.kind) {
        case Kind.Choice:
          d = this.choice(this.endTag(p.p1!), this.endTag(p.p2!));
          break;
        case Kind.After:
          d = p.p1!.nullable ? p.p2! : this.notAllowed;
          break;
        default:
          d = this.notAllowed;
      }
      p.end = d;
    }
    return d;
  }

  /** Whether textDeriv(p, s) depends on s (data, value or list where text may stand). */
  textValued(p: Pattern): boolean {
    let v = p.textValued;
    if (v === undefined) {
      p.textValued = false; // cycles cannot occur (elements and attributes stop the walk); a guard all the same
      switch (p.kind) {
        case Kind.Data:
        case Kind.Value:
        case Kind.List:
          v = true;
          break;
        case Kind.Choice:
        case Kind.Group:
          v = this.textValued(p.p1!) || this.textValued(p.p2!);
          break;
        case Kind.OneOrMore:
        case Kind.After:
          v = this.textValued(p.p1!);
          break;
        default:
          v = false;
      }
      p.textValued = v;
    }
    return v;
  }

  /** The derivative by a text node that is not all white space (cached when it does not depend on the text). */
  text(p: Pattern, s: string): Pattern {
    if (this.textValued(p)) return this.textDeriv(p, s);
    let d = p.text;
    if (d === undefined) p.text = d = this.textDeriv(p, s);
    return d;
  }

  /** The derivative by a text node of white space only (or an element's empty content): it may also be ignored. */
  blankText(p: Pattern, s: string): Pattern {
    if (this.textValued(p)) return this.choice(p, this.textDeriv(p, s));
    let d = p.blank;
    if (d === undefined) p.blank = d = this.choice(p, this.textDeriv(p, s));
    return d;
  }

  textDeriv(p: Pattern, s: string): Pattern {
    switch (p.kind) {
      case Kind.Choice:
        return this.choice(this.textDeriv(p.p1!, s), this.textDeriv(p.p2!, s));
      case Kind.Group: {
        const x = this.group(this.textDeriv(p.p1!, s), p.p2!);
        return p.p1!.nullable ? this.choice(x, this.textDeriv(p.p2!, s)) : x;
      }
      case Kind.After:
        return this.after(this.textDeriv(p.p1!, s), p.p2!);
      case Kind.OneOrMore:
        return this.group(this.textDeriv(p.p1!, s), this.choice(p, this.empty));
      case Kind.Text:
        return p;
      case Kind.Value:
      case Kind.Data:
        return p.test!(s) ? this.empty : this.notAllowed;
      case Kind.List: {
        let q = p.p1!;
        for (const t of tokens(s)) {
          q = this.textDeriv(q, t);
          if (q.kind === Kind.NotAllowed) break;
        }
        return q.nullable ? this.empty : this.notAllowed;
      }
      default:
        return this.notAllowed;
    }
  }
}

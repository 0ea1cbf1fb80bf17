/** A normalised source text with a line table, so any offset maps to a 1-based line:column. */
import type { InlineOf, SourcePos } from '../../model/edition.js';

/** Texts up to this length are shared by value (`Source.intern`). */
const INTERN_LENGTH = 24;
/** At most this many distinct texts are shared. */
const INTERN_COUNT = 4096;

export class Source {
  /**
   * Offsets where lines start, in a typed array of exactly one entry per line (counted
   * first): a list of numbers grown by `push` holds 8 bytes and up to half as much spare room
   * per line, and a page of short lines has a line every few bytes.
   */
  readonly lineStarts: Int32Array;
  constructor(readonly text: string) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    this.lineStarts = new Int32Array(lines);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts[n++] = i + 1;
  }

  /** The 1-based position of `offset` (binary search in the line table: O(log n)). */
  pos(offset: number): SourcePos {
    return posIn(this.lineStarts, offset);
  }

  /** Makes the lean text nodes of this source (`textNode`), when it is long enough to have them. */
  private leanText: LeanTextClass | undefined;

  /**
   * A text node for `text`, which starts at `offset`. From `LEAN_FROM` units of source on,
   * a lean one (`leanTextClass`): the same node to every reader of it, without a position
   * object of its own.
   */
  textNode(text: string, offset: number): InlineOf<'text'> {
    if (this.text.length < LEAN_FROM) return { kind: 'text', text, pos: this.pos(offset) };
    this.leanText ??= leanTextClass(this.lineStarts);
    return new this.leanText(text, offset);
  }

  /** The node `node` with the text `text` (a lean node stays lean, at the same place). */
  withText(node: InlineOf<'text'>, text: string): InlineOf<'text'> {
    const offset = this.leanText?.offsetOf(node);
    return offset === undefined ? { ...node, text } : new this.leanText!(text, offset);
  }

  /** Offset of the start of 0-based line `i` and of its end (before the LF). */
  lineStart(i: number): number {
    return this.lineStarts[i] ?? this.text.length;
  }
  lineEnd(i: number): number {
    const next = this.lineStarts[i + 1];
    return next === undefined ? this.text.length : next - 1;
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
  line(i: number): string {
    return this.text.slice(this.lineStart(i), this.lineEnd(i));
  }

  private readonly pairs = new Map<string, BracketPairs>();

  /** Short texts already made, by value (see `intern`). */
  private readonly interned = new Map<string, string>();

  /**
   * One string for each short text of the source: the inline scan makes a text node per
   * run between two code spans or character references, and a flood of them repeats the
   * same few words (16 MB of `` `code` word `` made 2.8 million copies of "code" and
   * " word ", 24 bytes each). Texts longer than `INTERN_LENGTH` (rarely repeated, and sliced
   * strings that share the source's characters) and texts past `INTERN_COUNT` distinct ones
   * are kept as they are, so a text of all-different words holds no table of them.
   */
  intern(s: string): string {
    if (s.length > INTERN_LENGTH) return s;
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    if (this.interned.size < INTERN_COUNT) this.interned.set(s, s);
    return s;
  }

  /**
   * For every `open` bracket, the offset of the `close` that balances it (escapes skipped,
   * a blank line ends all open brackets). One linear pass per bracket kind, then lookups:
   * the balance of a bracket depends only on the text after it, so any sub-range can use it.
   */
  matching(open: string, close: string): BracketPairs {
    const key = open + close;
    let table = this.pairs.get(key);
    if (table) return table;
    table = new BracketPairs(this.text, open, close);
    this.pairs.set(key, table);
    return table;
  }
}

/** The 1-based position of `offset` in a text whose lines start at `lineStarts`. */
function posIn(lineStarts: Int32Array, offset: number): SourcePos {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/**
 * Sources at least this long (UTF-16 units) make lean text nodes. A shorter one's nodes are
 * plain objects: its model is small and lives for one document, while a lean node costs
 * more to make (about 0.1 µs) and to read the place of (a position object each time).
 */
export const LEAN_FROM = 1 << 17;

interface LeanTextClass {
  new (text: string, offset: number): InlineOf<'text'>;
  /** The source offset of `node` when it is one of this class's and its `pos` was not assigned, else undefined. */
  offsetOf(node: object): number | undefined;
}

/**
 * Text nodes of one source that keep their offset (a private field, 8 bytes) instead of a
 * `{ line, column }` object (40 bytes): `pos` is an accessor of each node, enumerable, that
 * makes the position from the offset and the line table when it is read. A flood of short
 * texts is millions of nodes, each 96 bytes with its slot in a list (48 the node, 40 its
 * position): 16 MB of `` `code` word `` made 2.8 million, a 270 MB model, live through the
 * writer, the validation and the fidelity check. A lean node is 56.
 *
 * Every reader sees the same node: `pos` is an own, enumerable property, so `for…in`,
 * `Object.keys`, spreads (`{ ...node, text }` copies the position as a plain object), JSON,
 * the schema check and `toEqual` find it as before, in the same key order (kind, text,
 * pos). Assigning `pos` makes it a plain data property of that node. Each read gives a new
 * object: nothing in the pipeline changes a position in place.
 *
 * The accessor is one pair of functions for every node of the class, so the nodes share one
 * hidden class (V8 keeps an accessor in the hidden class, not in the object). The class
 * holds the line table, not the Source (which holds the backtick runs and the interned
 * texts: nothing of the reading is kept alive by the model).
 */
function leanTextClass(lineStarts: Int32Array): LeanTextClass {
  const ACCESSOR: PropertyDescriptor = {
    get(this: LeanText): SourcePos {
      return posIn(lineStarts, LeanText.offsetOf(this)!);
    },
    set(this: LeanText, pos: SourcePos): void {
      LeanText.moved(this);
      Object.defineProperty(this, 'pos', { value: pos, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  };
  class LeanText {
    readonly kind = 'text' as const;
    text: string;
    /** -1 once `pos` was assigned (the node is no longer at its offset). */
    #offset: number;
    declare pos: SourcePos;
    constructor(text: string, offset: number) {
      this.text = text;
      this.#offset = offset;
      Object.defineProperty(this, 'pos', ACCESSOR);
    }
    static offsetOf(node: object): number | undefined {
      return #offset in node && node.#offset >= 0 ? node.#offset : undefined;
    }
    static moved(node: LeanText): void {
      node.#offset = -1;
    }
  }
  return LeanText;
}

/**
 * The balanced pairs of one bracket kind, in two typed arrays rather than a Map: a 16 MB
 * paragraph of `[^1]` holds a million brackets, and a Map entry each (plus the garbage
 * collector walking them) was most of the cost of reading it. Openers are met in text order,
 * so their offsets are sorted and a lookup is a binary search.
 *
 * The arrays are made at their final size (the openers are counted first), and the openers
 * still waiting for their closer are a stack threaded through `closes` (each holds the index
 * of the opener open before it), not a list of numbers: a line of 16 million `[` held a
 * 16-million-slot list (128 MB) and two arrays doubled as they filled, 400 MB at the peak of
 * the read.
 */
export class BracketPairs {
  /** Offsets of the openers, ascending. */
  private readonly opens: Int32Array;
  /** The offset of each opener's closer, -1 when unbalanced (while it is open: its link in the stack, see `linkOf`). */
  private readonly closes: Int32Array;
  private count = 0;
  /** Binary-search steps taken by `get`, for tests of the lookup's cost. */
  steps = 0;

  constructor(t: string, open: string, close: string) {
    let openers = 0;
    for (let i = t.indexOf(open); i !== -1; i = t.indexOf(open, i + 1)) openers++;
    this.opens = new Int32Array(openers);
    this.closes = new Int32Array(openers);
    // The innermost open opener (an index into `opens`), -1 when none; each open opener's
    // `closes` slot holds the one open before it, encoded by `linkOf` (always below -1).
    let top = -1;
    const unwind = (): void => {
      while (top >= 0) {
        const below = fromLink(this.closes[top]!);
        this.closes[top] = -1;
        top = below;
      }
    };
    const esc = (c: string): string => '\\' + c;
    // A blank line is matched as two line ends (its second one looked at again, as the first
    // line end of the next blank line): a single line end is no match, so a text of many
    // short lines makes no match object per line.
    const re = new RegExp(`[\\\\${esc(open)}${esc(close)}]|\\n\\n`, 'g');
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const j = m.index;
      const ch = t[j];
      if (ch === '\\') re.lastIndex = j + 2;
      else if (ch === open) {
        const k = this.count++;
        this.opens[k] = j;
        this.closes[k] = linkOf(top);
        top = k;
      } else if (ch === close) {
        if (top >= 0) {
          const below = fromLink(this.closes[top]!);
          this.closes[top] = j;
          top = below;
        }
      } else {
        unwind();
        re.lastIndex = j + 1;
      }
    }
    unwind();
  }

  /** Openers the table has room for (for tests of its memory: one slot per opener of the text). */
  get capacity(): number {
    return this.opens.length;
  }

  /** The offset of the closer balancing the opener at `offset`, or undefined. */
  get(offset: number): number | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      this.steps++;
      const mid = (lo + hi) >> 1;
      const at = this.opens[mid]!;
      if (at === offset) {
        const c = this.closes[mid]!;
        return c < 0 ? undefined : c;
      }
      if (at < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

/** An open opener's link to the one below it on the stack (`-1`, none, is -2): below -1, so never a closer's offset or "unbalanced". */
const linkOf = (below: number): number => -3 - below;
const fromLink = (link: number): number => -3 - link;

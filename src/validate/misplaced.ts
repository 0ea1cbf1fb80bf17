/**
 * The content of an element that stands where the schema does not allow it, checked as jing
 * checks it. libxml2 stops at such an element and teiwright blanks it out to go on (explain.ts,
 * repairsOf), so what is inside it was never checked. jing goes on inside it and checks its
 * content against every pattern of its name in the schema (an `<item>` of a list and an
 * `<item>` of a table: content that either allows is fine; content that neither allows is an
 * error, with what the patterns still alive there expect).
 *
 * How: a text that keeps these elements whole and only the tags of their ancestors (every
 * other character becomes a space or goes, keeping line breaks, lines and columns), checked
 * against the schema with its start replaced by "any element, holding such elements or one
 * of these names by any of its patterns" (reduce.ts, misplacedRngText). A grammar split over
 * files (`include`, `externalRef`) is read whole (rng-files.ts) and written out as one.
 */
import type { ErrorDetail, RelaxNGValidator, XmlDocument } from 'libxml2-wasm';
import type { SourcePos } from '../model/edition.js';
import { elementEnd } from './blank.js';
import { misplacedRngText, nameKey } from './reduce.js';
import { compileRngText, errorsOf, wholeGrammarOf } from './schema.js';
import type { ElementRecord } from './scan.js';

const offsetOf = (lineStarts: readonly number[], pos: SourcePos): number => lineStarts[pos.line - 1]! + pos.column - 1;
const START_TAG = /<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?\/?>/y;

/** `text` with the elements `keep` whole and only the tags of their ancestors; the rest blanked (see gap), lines and columns kept. */
export function keepOnly(text: string, lineStarts: readonly number[], elements: readonly ElementRecord[], keep: readonly number[], ends?: Map<number, number>): string {
  const ranges: [number, number][] = [];
  // Where an element ends (`ends`: remembered from one call to the next, for ancestors shared by many).
  const endOf = (i: number, start: number): number => {
    let end = ends?.get(i);
    if (end === undefined) {
      end = elementEnd(text, start);
      ends?.set(i, end);
    }
    return end;
  };
  const ancestors = new Set<number>();
  for (const i of keep) {
    const start = offsetOf(lineStarts, elements[i]!.pos);
    ranges.push([start, elementEnd(text, start)]);
    for (let p = elements[i]!.parent; p >= 0; p = elements[p]!.parent) ancestors.add(p);
  }
  for (const a of ancestors) {
    const start = offsetOf(lineStarts, elements[a]!.pos);
    START_TAG.lastIndex = start;
    const tag = START_TAG.exec(text);
    if (!tag) continue;
    ranges.push([start, start + tag[0].length]);
    const end = endOf(a, start);
    const close = text.lastIndexOf('</', end - 1);
    if (close >= start + tag[0].length) ranges.push([close, end]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    out += gap(lineStarts, at, from) + text.slice(Math.max(from, at), to);
    at = to;
  }
  return out + gap(lineStarts, at, text.length);
}

/**
 * What stands for the characters from `from` to `to` that are blanked: their line breaks
 * and, after the last, as many spaces as characters, so that what follows keeps its line
 * and column; without the rest of their spaces, so that a check of one element in a large
 * document costs its lines, not its characters (thousands of such checks in one document).
 */
function gap(lineStarts: readonly number[], from: number, to: number): string {
  if (to <= from) return '';
  // The first line start after `from` and the last at or before `to`.
  const firstAfter = upperBound(lineStarts, from);
  const lastUpTo = upperBound(lineStarts, to) - 1;
  if (firstAfter > lastUpTo) return ' '.repeat(to - from);
  return '\n'.repeat(lastUpTo - firstAfter + 1) + ' '.repeat(to - lineStarts[lastUpTo]!);
}

/** The index of the first element of the sorted `xs` greater than `x`. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Most elements out of place whose content is checked in one document (each is one more parse of a text with the document's lines; index.ts also bounds their characters). */
const MAX_CHECKED = 20_000;

/**
 * Per parent, the step of each child in a path (by child index), computed once per document
 * (its element array): a path costs its depth, not the number of siblings on the way (a
 * body of 5,000 paragraphs).
 */
export function childStepsOf(cache: WeakMap<readonly ElementRecord[], Map<number, Map<number, string>>>, elements: readonly ElementRecord[], parent: number, steps: (children: readonly number[]) => string[]): Map<number, string> {
  let byParent = cache.get(elements);
  if (!byParent) {
    byParent = new Map();
    cache.set(elements, byParent);
  }
  let found = byParent.get(parent);
  if (!found) {
    const children = elements[parent]!.children;
    const named = steps(children);
    found = new Map(children.map((c, k) => [c, named[k]!] as const));
    byParent.set(parent, found);
  }
  return found;
}

/** `name`, or `name[n]` when several siblings share what `group` says of them. */
export function numbered(names: readonly string[], groups: readonly string[]): string[] {
  const total = new Map<string, number>();
  for (const g of groups) total.set(g, (total.get(g) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((name, k) => {
    const g = groups[k]!;
    const n = (seen.get(g) ?? 0) + 1;
    seen.set(g, n);
    return total.get(g)! > 1 ? `${name}[${n}]` : name;
  });
}

const libxmlSteps = new WeakMap<readonly ElementRecord[], Map<number, Map<number, string>>>();

/** The path libxml2 gives an element in its reports (scan.ts, elementAtLibxmlPath, reads it back). */
export function libxmlPathOf(elements: readonly ElementRecord[], index: number): string {
  // An element in a default namespace is `*`, numbered among all its siblings; any other by its name among those of its name (not `*`).
  const star = (e: ElementRecord): boolean => e.prefix === '' && e.ns !== '';
  const steps = (children: readonly number[]): string[] => {
    const kids = children.map((c) => elements[c]!);
    return numbered(kids.map((e) => (star(e) ? '*' : e.qname)), kids.map((e) => (star(e) ? '\u0000*' : e.qname))).map((step, k) => (star(kids[k]!) ? (children.length > 1 ? `*[${k + 1}]` : '*') : step));
  };
  const out: string[] = [];
  for (let i = index; i >= 0; i = elements[i]!.parent) {
    const e = elements[i]!;
    out.push(e.parent < 0 ? (star(e) ? '*' : e.qname) : childStepsOf(libxmlSteps, elements, e.parent, steps).get(i)!);
  }
  return `/${out.reverse().join('/')}`;
}

const childSteps = new WeakMap<readonly ElementRecord[], Map<number, Map<string, number>>>();
/**
 * The element at a path libxml2 gives (as scan.ts's elementAtLibxmlPath reads it: `name[n]`
 * the n-th child of that name, `*[n]` the n-th child), each parent's children looked up
 * once per document: a document's faults ask about thousands of siblings.
 */
export function elementAtPath(elements: readonly ElementRecord[], path: string): number | undefined {
  let byParent = childSteps.get(elements);
  if (!byParent) {
    byParent = new Map();
    childSteps.set(elements, byParent);
  }
  const steps = path.split('/').slice(1);
  let parent = -1;
  let found: number | undefined;
  for (const step of steps) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(step);
    if (!m) return undefined;
    const key = `${m[1]!}[${m[2] ?? '1'}]`;
    if (parent < 0) {
      found = elements.length > 0 && (m[1] === '*' || elements[0]!.qname === m[1]) && (m[2] ?? '1') === '1' ? 0 : undefined;
    } else {
      let named = byParent.get(parent);
      if (!named) {
        named = new Map();
        const counts = new Map<string, number>();
        elements[parent]!.children.forEach((c, k) => {
          const q = elements[c]!.qname;
          const n = (counts.get(q) ?? 0) + 1;
          counts.set(q, n);
          named!.set(`${q}[${n}]`, c);
          named!.set(`*[${k + 1}]`, c);
        });
        byParent.set(parent, named);
      }
      found = named.get(key);
    }
    if (found === undefined) return undefined;
    parent = found;
  }
  return found;
}

export interface MisplacedChecker {
  /** The elements to check (indexes into the document's elements): the outermost of those given. */
  elements: number[];
  /** How many grammars to try for `element`: a name with several patterns is checked against each (`errors`). */
  variants: (element: number) => number;
  /** The text to check for `element` (see keepOnly). */
  text: (element: number) => string;
  /** The RELAX NG errors of `doc` (the text of `element`) against grammar `variant`. */
  errors: (element: number, variant: number, doc: XmlDocument) => ErrorDetail[];
  dispose: () => void;
}

/**
 * The check of what is inside the elements `misplaced` (indexes into `elements`, the
 * document `xml`) against the schema at `path`, or undefined when there is nothing to check:
 * no element of a name the grammar has patterns for, or a grammar that cannot be read whole.
 */
export function misplacedChecker(path: string, xml: string, lineStarts: readonly number[], elements: readonly ElementRecord[], misplaced: readonly number[]): MisplacedChecker | undefined {
  const grammar = wholeGrammarOf(path);
  // One file: its grammar is rewritten; several: they are written out as one (reduce.ts, misplacedRngText).
  if (!grammar || (grammar.starts === undefined && !grammar.root.children.some((n) => n.rng && n.tag === 'grammar'))) return undefined;
  const keyOf = (i: number): string => nameKey(elements[i]!.ns, elements[i]!.local);
  const named = new Set(misplaced.filter((i) => grammar.elementPatterns.has(keyOf(i))));
  // Only the outermost: an element out of place inside another is judged with its content.
  const outermost = [...named]
    .filter((i) => {
      for (let p = elements[i]!.parent; p >= 0; p = elements[p]!.parent) if (named.has(p)) return false;
      return true;
    })
    .slice(0, MAX_CHECKED);
  if (outermost.length === 0) return undefined;
  const names = { elements: new Set<string>(), attributes: new Set<string>() };
  for (const e of elements) {
    names.elements.add(nameKey(e.ns, e.local));
    for (const a of e.attrs) names.attributes.add(nameKey(a.ns, a.local));
  }
  const depthOf = (i: number): number => {
    let d = 0;
    for (let p = elements[i]!.parent; p >= 0; p = elements[p]!.parent) d++;
    return d;
  };
  // Where the ancestors of the elements checked end, found once.
  const ends = new Map<number, number>();
  // Every other element kept by name, so that libxml2 can name what it expected.
  const shallow = new Set(grammar.elementPatterns.keys());
  // One grammar per name, depth and pattern: elements of the same name at the same depth share it.
  const validators = new Map<string, RelaxNGValidator | null>();
  const validator = (element: number, variant: number): RelaxNGValidator | undefined => {
    const id = `${keyOf(element)}\u0000${depthOf(element)}\u0000${variant}`;
    let v = validators.get(id);
    if (v === undefined) {
      const text = misplacedRngText(grammar, keyOf(element), depthOf(element), names.elements, names.attributes, shallow, variant);
      v = text === undefined ? null : compileRngText(text, path);
      validators.set(id, v);
    }
    return v ?? undefined;
  };
  return {
    elements: outermost,
    variants: (element) => grammar.elementPatterns.get(keyOf(element))!.length,
    text: (element) => keepOnly(xml, lineStarts, elements, [element], ends),
    errors: (element, variant, doc) => {
      const v = validator(element, variant);
      return v ? errorsOf(v, doc) : [];
    },
    dispose: () => {
      for (const v of validators.values()) v?.dispose();
    },
  };
}

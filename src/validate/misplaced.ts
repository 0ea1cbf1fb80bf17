/**
 * The content of an element that stands where the schema does not allow it, checked as jing
 * checks it. libxml2 stops at such an element and teiwright blanks it out to go on (explain.ts,
 * repairsOf), so what is inside it was never checked. jing goes on inside it and checks its
 * content against every pattern of its name in the schema (an `<item>` of a list and an
 * `<item>` of a table: content that either allows is fine; content that neither allows is an
 * error, with what the patterns still alive there expect).
 *
 * How: a text that keeps these elements whole and only the tags of their ancestors (every
 * other character but line breaks becomes a space, so lines and columns stay), checked
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
const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');
const START_TAG = /<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?\/?>/y;

/** `text` with the elements `keep` whole and only the tags of their ancestors; the rest blanked, lines and columns kept. */
export function keepOnly(text: string, lineStarts: readonly number[], elements: readonly ElementRecord[], keep: readonly number[]): string {
  const ranges: [number, number][] = [];
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
    const end = elementEnd(text, start);
    const close = text.lastIndexOf('</', end - 1);
    if (close >= start + tag[0].length) ranges.push([close, end]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    out += blank(text.slice(at, from)) + text.slice(Math.max(from, at), to);
    at = to;
  }
  return out + blank(text.slice(at));
}

/** Most elements out of place whose content is checked in one document (each is one more parse of the document). */
const MAX_CHECKED = 200;

/** The path libxml2 gives an element in its reports (scan.ts, elementAtLibxmlPath, reads it back). */
export function libxmlPathOf(elements: readonly ElementRecord[], index: number): string {
  const steps: string[] = [];
  for (let i = index; i >= 0; i = elements[i]!.parent) {
    const e = elements[i]!;
    const byStar = e.prefix === '' && e.ns !== '';
    const siblings = e.parent < 0 ? [i] : elements[e.parent]!.children.filter((c) => (byStar ? true : elements[c]!.qname === e.qname && !(elements[c]!.prefix === '' && elements[c]!.ns !== '')));
    const name = byStar ? '*' : e.qname;
    steps.unshift(siblings.length > 1 ? `${name}[${siblings.indexOf(i) + 1}]` : name);
  }
  return `/${steps.join('/')}`;
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
    text: (element) => keepOnly(xml, lineStarts, elements, [element]),
    errors: (element, variant, doc) => {
      const v = validator(element, variant);
      return v ? errorsOf(v, doc) : [];
    },
    dispose: () => {
      for (const v of validators.values()) v?.dispose();
    },
  };
}

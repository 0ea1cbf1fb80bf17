/**
 * A faster verdict of the project schema on TEI that teiwright wrote, the same verdict.
 *
 * libxml2 checks a `<param name="pattern">` of a datatype by compiling its regular
 * expression again for every value it checks: on the documents teiwright writes, that is
 * about 40% of the RELAX NG validation. So the project schema is also compiled without its
 * pattern params (a schema that accepts a superset), and a document is checked against
 * that one when every attribute value such a pattern could be applied to visibly matches
 * it (a conservative test in JavaScript, below). Then both schemas give the same verdict:
 * libxml2 applies a datatype's params after its type check, one by one, and nothing else
 * depends on them, so where every pattern would match, the validation takes the same
 * course with or without them. Anything else (a value the test cannot vouch for, a
 * document the reduced schema refuses, a schema this module does not understand) goes to
 * the whole schema, which then gives the verdict and the messages exactly as before.
 *
 * Which attributes a pattern applies to is read from the schema itself: every `data` with
 * a pattern must stand inside an `attribute` with a plain name (through `ref`s), else the
 * reduced schema is not used at all. Attributes are matched by local name, whatever their
 * element or namespace (more values checked than needed, never fewer).
 */
import { readFileSync } from 'node:fs';
import type { RelaxNGValidator, XmlDocument } from 'libxml2-wasm';
import { attr, attributeValue, scanXml, type ElementRecord } from './scan.js';
import { compileRngText, errorsOf } from './schema.js';

const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

/**
 * Values that certainly match each pattern the project schema uses, keyed by the pattern
 * as the schema writes it (XML Schema regular expressions). Each test accepts a subset of
 * what the pattern matches, in plain ASCII with no white space, so neither the datatype's
 * white-space normalisation nor the Unicode tables of libxml2 can make a difference. A
 * pattern not listed here turns the reduced schema off.
 */
const CERTAINLY_MATCHES: Record<string, RegExp> = {
  // teidata.word: no control, format, separator or space character.
  '[^\\p{C}\\p{Z}]+': /^[\x21-\x7e]+$/,
  // a URI reference of one or more non-space characters.
  '\\S+': /^[\x21-\x7e]+$/,
  // teidata.versionNumber (\d is any Unicode digit there; ASCII digits are some of them).
  '[\\d]+[a-z]*[\\d]*(\\.[\\d]+[a-z]*[\\d]*){0,3}': /^[0-9]+[a-z]*[0-9]*(\.[0-9]+[a-z]*[0-9]*){0,3}$/,
};

/** What an attribute's value must pass: tests of the whole value, and tests of each item of a list. */
interface AttributeTests {
  whole: RegExp[];
  items: RegExp[];
}

export interface ReducedProjectSchema {
  validator: RelaxNGValidator;
  /** By attribute local name. */
  tests: Map<string, AttributeTests>;
}

class Unsupported extends Error {}

/**
 * The schema text without its pattern params, and the tests each attribute's values must
 * pass for it to give the whole schema's verdict; undefined when the schema uses what this
 * analysis does not follow. The schema is read with the markup scan (scan.ts): it is
 * well-formed, libxml2 has compiled it.
 */
export function analyseSchema(rngText: string): { reduced: string; tests: Map<string, AttributeTests> } | undefined {
  const scan = scanXml(rngText);
  if (!scan.ok || scan.elements.length === 0) return undefined;
  const els = scan.elements;
  const rng = (i: number): ElementRecord[] => els[i]!.children.map((c) => els[c]!).filter((c) => c.ns === RNG_NS);
  const nameOf = (e: ElementRecord): string | undefined => attr(e, 'name')?.value;
  /** The text of a param element (a pattern has no markup inside). */
  const textOf = (e: ElementRecord): string => {
    const at = scan.lineStarts[e.pos.line - 1]! + e.pos.column - 1;
    const from = rngText.indexOf('>', at) + 1;
    return attributeValue(rngText.slice(from, rngText.indexOf('<', from)));
  };
  const root = els[0]!;
  if (root.ns !== RNG_NS || root.local !== 'grammar') return undefined;
  const defines = new Map<string, ElementRecord[]>();
  const start: ElementRecord[] = [];
  try {
    for (const c of rng(0)) {
      if (c.local === 'define') {
        const name = nameOf(c) ?? '';
        defines.set(name, [...(defines.get(name) ?? []), c]);
      } else if (c.local === 'start') start.push(c);
      // div, include: defines or starts the walk below would not see.
      else throw new Unsupported(c.local);
    }
    const index = new Map(els.map((e, i) => [e, i]));
    const kids = (e: ElementRecord): ElementRecord[] => rng(index.get(e)!);
    const tests = new Map<string, AttributeTests>();
    const seen = new Set<string>();
    // context: the attribute's local name ('' outside any attribute); list: inside a <list>.
    const walk = (e: ElementRecord, context: string, list: boolean): void => {
      switch (e.local) {
        case 'include':
        case 'externalRef':
        case 'parentRef':
        case 'grammar':
          throw new Unsupported(e.local);
        case 'ref': {
          const name = nameOf(e) ?? '';
          const key = `${name}\u0000${context}\u0000${list}`;
          if (seen.has(key)) return;
          seen.add(key);
          const found = defines.get(name);
          if (!found) throw new Unsupported(`ref ${name}`);
          for (const d of found) for (const c of kids(d)) walk(c, context, list);
          return;
        }
        case 'element':
          for (const c of kids(e)) walk(c, '', false);
          return;
        case 'attribute': {
          const name = nameOf(e);
          // A name class rather than a name: a pattern inside is not followed.
          const local = name === undefined ? '*' : name.slice(name.indexOf(':') + 1);
          for (const c of kids(e)) walk(c, local, false);
          return;
        }
        case 'list':
          for (const c of kids(e)) walk(c, context, true);
          return;
        case 'data': {
          for (const p of kids(e)) {
            if (p.local !== 'param') {
              walk(p, context, list); // an except
              continue;
            }
            if (nameOf(p) !== 'pattern') continue;
            const pattern = textOf(p);
            const test = Object.hasOwn(CERTAINLY_MATCHES, pattern) ? CERTAINLY_MATCHES[pattern] : undefined;
            if (!test || context === '' || context === '*') throw new Unsupported(`pattern ${pattern} in ${context || 'text'}`);
            let t = tests.get(context);
            if (!t) tests.set(context, (t = { whole: [], items: [] }));
            const into = list ? t.items : t.whole;
            if (!into.includes(test)) into.push(test);
          }
          return;
        }
        default:
          for (const c of kids(e)) walk(c, context, list);
      }
    };
    for (const s of start) for (const c of kids(s)) walk(c, '', false);
    return { reduced: withoutPatterns(rngText), tests };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** The schema's text with every `<param name="pattern">…</param>` taken out. */
function withoutPatterns(rngText: string): string {
  return rngText.replace(/<param\s+name\s*=\s*(["'])pattern\1\s*>[^<]*<\/param\s*>/g, '');
}

/** The reduced project schema, made on first use; null when it cannot be used. */
const reducedSchemas = new Map<string, ReducedProjectSchema | null>();

export function reducedProjectSchema(path: string): ReducedProjectSchema | undefined {
  let r = reducedSchemas.get(path);
  if (r === undefined) {
    r = null;
    try {
      const text = readFileSync(path, 'utf8');
      const analysed = analyseSchema(text);
      // Patterns removed: nothing to gain when the schema had none, and the text must have lost them all.
      if (analysed && analysed.tests.size > 0 && !/<param\s+name\s*=\s*["']pattern/.test(analysed.reduced)) {
        r = { validator: compileRngText(analysed.reduced, path), tests: analysed.tests };
      }
    } catch {
      r = null;
    }
    reducedSchemas.set(path, r);
  }
  return r ?? undefined;
}

/** Does every attribute value a pattern of the schema could apply to certainly match it? */
export function patternsCertainlyMatch(tests: ReadonlyMap<string, AttributeTests>, elements: readonly ElementRecord[]): boolean {
  for (const e of elements) {
    for (const a of e.attrs) {
      const t = tests.get(a.local);
      if (!t) continue;
      for (const re of t.whole) if (!re.test(a.value)) return false;
      if (t.items.length > 0) {
        const items = a.value.split(/[ \t\n\r]+/).filter((x) => x !== '');
        if (items.length === 0) return false;
        for (const re of t.items) for (const item of items) if (!re.test(item)) return false;
      }
    }
  }
  return true;
}

/** Documents checked in this thread before the reduced schema is made. */
export const REDUCE_AFTER = 100;
let reduceAfter = REDUCE_AFTER;
let checked = 0;

/** From the next document on, the reduced schema is used after `n` more documents (tests compare the two ways). */
export function useReducedSchemaAfter(n: number): void {
  reduceAfter = n;
  checked = 0;
}

/**
 * True when the document is certainly valid against the project schema at `path` by the
 * reduced schema's verdict (see above); false when that cannot be said this way (the
 * caller then validates against the whole schema).
 */
export function validByReducedSchema(path: string, doc: XmlDocument, elements: readonly ElementRecord[]): boolean {
  // Made once a thread has checked a few documents: the analysis and second compile (some
  // 40 ms of CPU) pay for themselves over hundreds of documents, not over one.
  if (++checked <= reduceAfter) return false;
  const r = reducedProjectSchema(path);
  if (!r || !patternsCertainlyMatch(r.tests, elements)) return false;
  try {
    return errorsOf(r.validator, doc).length === 0;
  } catch {
    // Out of stack on a deeply nested document, or any other trouble: the whole schema says.
    return false;
  }
}

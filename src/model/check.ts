/**
 * Checks an edition against its JSON Schema with ajv: with the validators `npm run build`
 * precompiled (ajv's standalone code) when they were made from the current schema, else
 * compiled once per thread (under vitest, which runs src/, or after editing the schema).
 * The fast validator gives the verdict; the full one says what is wrong with a refused model.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import type { Diagnostics } from '../diagnostics.js';
import type { SourcePos } from './edition.js';
import { DEFAULT_LIMITS, tooManyElements, type Limits } from './limits.js';
import { PRECOMPILED_FAST_FILE, PRECOMPILED_FILE, validatorSourceHash } from './validator-source-hash.js';

interface EditionValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The build's validator in `file`, when there is one and it was generated from the schema
 * this code defines. Told by the hash of the schema's sources (validator-source-hash.ts),
 * not by the fingerprint of the schemas themselves: building those loads TypeBox, which a
 * worker would otherwise load only for this comparison.
 */
async function precompiled(file: string): Promise<EditionValidator | undefined> {
  const url = new URL(`./${file}`, import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(url)) return undefined;
  const mod = (await import(url.href)) as { sourceHash?: unknown; validate?: unknown };
  if (typeof mod.sourceHash !== 'string' || mod.sourceHash !== validatorSourceHash() || typeof mod.validate !== 'function') return undefined;
  return mod.validate as EditionValidator;
}

// Both loaded with the module (checkModel is synchronous); V8 compiles a function of the
// full one only if a model is ever refused.
let validator: EditionValidator | undefined = await precompiled(PRECOMPILED_FILE);
let fastValidator: EditionValidator | undefined = await precompiled(PRECOMPILED_FAST_FILE);
const fromBuild = validator !== undefined && fastValidator !== undefined;
/** The schemas and options, loaded (with TypeBox) only when a validator has to be compiled. */
const source = fromBuild ? undefined : await import('./edition-validator-source.js');

type AjvClass = typeof Ajv;
/** Loaded only when needed: with the precompiled validators, a worker never loads ajv's compiler. */
const ajvClass = (): AjvClass => (createRequire(import.meta.url)('ajv') as { Ajv: AjvClass }).Ajv;

function schemaSource(): NonNullable<typeof source> {
  if (!source) throw new Error('the edition schema was not loaded, yet a validator is missing');
  return source;
}

/** The full validator: every error of a refused model, for the diagnostics. */
function editionValidator(): EditionValidator {
  if (!validator) {
    const { AJV_OPTIONS, VALIDATOR_SCHEMAS } = schemaSource();
    validator = new (ajvClass())({ ...AJV_OPTIONS }).addSchema(VALIDATOR_SCHEMAS.refs).compile(VALIDATOR_SCHEMAS.root);
  }
  return validator;
}

/** The fast validator: the same verdict as the full one, at a fraction of its cost (edition-validator-source.ts). */
export function fastEditionValidator(): EditionValidator {
  if (!fastValidator) {
    const { FAST_AJV_OPTIONS, fastValidatorSchemas } = schemaSource();
    const schemas = fastValidatorSchemas();
    fastValidator = new (ajvClass())({ ...FAST_AJV_OPTIONS }).addSchema(schemas.refs).compile(schemas.root);
  }
  return fastValidator;
}

/** True when this thread checks models with the build's precompiled validators (for tests and the bench). */
export function usesPrecompiledValidator(): boolean {
  return fromBuild;
}

const isPos = (v: unknown): v is SourcePos =>
  typeof v === 'object' && v !== null && typeof (v as SourcePos).line === 'number' && typeof (v as SourcePos).column === 'number';

export interface Excess {
  what: 'depth' | 'anchors' | 'elements';
  found: number;
  pos: SourcePos | undefined;
}

/**
 * A model's nodes counted against the limits as a walk meets them, keeping the first excess.
 * `exceededLimit` walks with it; so does the sanitizer, which visits every node of the model
 * it leaves in the same order, so that `checkModel` needs no walk of its own after it.
 */
export class LimitCount {
  private anchors = 0;
  private elements = 0;
  /** The first limit the nodes met so far go beyond. */
  excess: Excess | undefined;

  constructor(private readonly limits: Limits) {}

  /**
   * Counts `record`, held at `depth`; returns the depth of what it holds. Depth counts nodes
   * (objects with a `kind`) on the way down, so arrays and records around them do not count.
   */
  node(record: Record<string, unknown>, depth: number): number {
    const kind = record.kind;
    if (typeof kind !== 'string') return depth;
    const inner = depth + 1;
    if (this.excess !== undefined) return inner;
    const limits = this.limits;
    if (inner > limits.depth) this.excess = { what: 'depth', found: inner, pos: posOf(record) };
    else if (kind === 'noteAnchor' && ++this.anchors > limits.anchors) this.excess = { what: 'anchors', found: this.anchors, pos: posOf(record) };
    // Runs of text are not elements; everything else with a kind becomes one in the TEI.
    else if (kind !== 'text' && ++this.elements > limits.elements) this.excess = { what: 'elements', found: this.elements, pos: posOf(record) };
    return inner;
  }
}

/**
 * The first limit the model goes beyond, found with an explicit stack (never recursion: a
 * model too deep for the call stack must still be measured).
 */
/** The most entries the last `exceededLimit` walk held on its stack at once (for tests of its memory). */
export const limitWalk = { peakEntries: 0 };

export function exceededLimit(edition: unknown, limits: Limits = DEFAULT_LIMITS): Excess | undefined {
  const count = new LimitCount(limits);
  let peak = 0;
  // Two parallel stacks rather than an object per entry: it runs over every node of the
  // model, and the entries were most of what it allocated. Only objects
  // are pushed (nothing else can hold a node), and keys are walked with `for…in` (the
  // same order as Object.keys on the model's plain objects, without an array per node;
  // own keys only, should anything have made a property of Object.prototype enumerable).
  const inherited = inheritedKeys();
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof edition === 'object' && edition !== null) {
    values.push(edition);
    depths.push(0);
  }
  // A list is one entry whose items are taken in order (`nexts` holds the next index; -1 for
  // a single value), not one entry per item: a paragraph of two million text nodes (16 MB of
  // `&laquo;`) would otherwise put them all on the stack at once.
  const nexts: number[] = [];
  if (values.length) nexts.push(-1);
  while (values.length > 0) {
    if (values.length > peak) peak = values.length;
    const top = values.length - 1;
    const next = nexts[top]!;
    let value: object;
    const depth = depths[top]!;
    if (next >= 0) {
      const list = values[top] as unknown[];
      let k = next;
      while (k < list.length && (typeof list[k] !== 'object' || list[k] === null)) k++;
      if (k >= list.length) { values.pop(); depths.pop(); nexts.pop(); continue; }
      value = list[k] as object;
      if (k + 1 < list.length) nexts[top] = k + 1; else { values.pop(); depths.pop(); nexts.pop(); }
    } else { value = values.pop()!; depths.pop(); nexts.pop(); }
    if (Array.isArray(value)) {
      if (value.length) { values.push(value); depths.push(depth); nexts.push(0); }
      continue;
    }
    const record = value as Record<string, unknown>;
    const inner = count.node(record, depth);
    if (count.excess !== undefined) return count.excess;
    for (const key in record) {
      // A position holds no node: not read (a large source's text node makes its position when it is read).
      if (key === 'pos' || (inherited && !Object.hasOwn(record, key))) continue;
      const v = record[key];
      if (typeof v === 'object' && v !== null) {
        values.push(v);
        depths.push(inner);
        nexts.push(-1);
      }
    }
  }
  limitWalk.peakEntries = peak;
  return undefined;
}

/** True when plain objects inherit an enumerable key (`for…in` would see it; Object.keys would not). */
export function inheritedKeys(): boolean {
  for (const _ in {}) return true;
  return false;
}

/** The record's position, read once. */
function posOf(record: Record<string, unknown>): SourcePos | undefined {
  const pos = record.pos;
  return isPos(pos) ? pos : undefined;
}

/**
 * Reports every place where the model breaks its schema; returns true when it conforms.
 * A model beyond the limits is refused first, with its position: ajv's checks recurse
 * as deep as the model, so they only run on a model of bounded depth. `measured`: the
 * model's nodes counted against the same limits by a walk over the model as it is now
 * (`sanitizeModel`'s, the last change to it); without it, the model is walked here.
 */
export function checkModel(edition: unknown, diagnostics: Diagnostics, limits: Limits = DEFAULT_LIMITS, measured?: LimitCount): boolean {
  if (!(measured ? reportExcess(measured.excess, diagnostics, limits) : withinLimits(edition, diagnostics, limits))) return false;
  if (fastEditionValidator()(edition)) return true;
  const validate = editionValidator();
  if (validate(edition)) return true;
  // A node that fits no branch of a union yields one error per branch: report one per place.
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (seen.has(e.instancePath)) continue;
    seen.add(e.instancePath);
    diagnostics.report('model-invalid', `model${e.instancePath || '/'} ${e.message ?? 'is invalid'} (a bug in teiwright's reader; please report it)`);
  }
  return false;
}

/**
 * Reports the first limit the model goes beyond (`input-too-deep`, `input-too-many-anchors`);
 * true when it keeps within them. `convert()` asks right after reading, so a text beyond the
 * limits is refused before the transforms (note linking: ids and targets for every anchor)
 * and the writer spend time and memory on it.
 */
export function withinLimits(edition: unknown, diagnostics: Diagnostics, limits: Limits = DEFAULT_LIMITS): boolean {
  return reportExcess(exceededLimit(edition, limits), diagnostics, limits);
}

/** Reports `excess` (the first limit a model goes beyond), if any; true when there is none. */
function reportExcess(excess: Excess | undefined, diagnostics: Diagnostics, limits: Limits): boolean {
  if (excess?.what === 'depth') {
    diagnostics.report('input-too-deep', `the markup nests more than ${limits.depth} levels deep here (--max-depth ${limits.depth}); the file was not converted`, excess.pos);
    return false;
  }
  if (excess?.what === 'anchors') {
    diagnostics.report('input-too-many-anchors', `the text has more than ${limits.anchors} note anchors (--max-anchors ${limits.anchors}); the file was not converted`, excess.pos);
    return false;
  }
  if (excess?.what === 'elements') {
    diagnostics.report('input-too-many-elements', tooManyElements(limits.elements, 'document'), excess.pos);
    return false;
  }
  return true;
}

/** How many elements the model has (nodes with a kind other than text), counted without recursion. */
export function countElements(edition: unknown): number {
  let elements = 0;
  const inherited = inheritedKeys();
  const stack: unknown[] = [edition];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object' && v !== null) stack.push(v);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && record.kind !== 'text') elements++;
    for (const key in record) {
      if (key === 'pos' || (inherited && !Object.hasOwn(record, key))) continue;
      const v = record[key];
      if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return elements;
}

/**
 * The edition model's validators, defined once: the ajv options and the schemas (TypeBox, in
 * edition.ts — the single source), and the fingerprint that ties a precompiled validator to
 * them. `check.ts` uses validators precompiled at build time (emit-validator.ts) when they
 * were made from this code (validator-source-hash.ts: comparing fingerprints would load
 * this module, and TypeBox, in every thread), else compiles them: compiling cost each
 * worker ~0.2 s of start-up.
 *
 * Two validators of the same schema: the fast one (`fastValidatorSchemas`) gives the verdict
 * for every model; only a model it refuses (a bug in a reader: none in the corpus) goes to
 * the full one, whose `allErrors` messages are the diagnostics. The full one as ajv writes
 * it is three functions of 100 KB: V8 spent 0.6–1.9 s of background compiling on them per
 * thread, again after each deoptimisation — more than a thousand documents' worth of checks.
 */
import { createHash } from 'node:crypto';
import { Block, Edition, Inline } from './edition.js';

export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

/** The schemas as ajv gets them: the two recursive parts added, the edition compiled. */
export const VALIDATOR_SCHEMAS = { refs: [Inline, Block], root: Edition };

/**
 * The fast validator's options: it stops at the first error, a union of node kinds looks at
 * `kind` only for the one branch it names (`discriminator`), and every part of the schema
 * stays its own small function (`inlineRefs: false`; see fastValidatorSchemas).
 */
export const FAST_AJV_OPTIONS = { allErrors: false, strict: true, allowUnionTypes: true, discriminator: true, inlineRefs: false } as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values of these keywords are data, not schemas: copied as they are. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'required', 'default', 'examples']);

/** A copy of `schema` with only its own enumerable keys (TypeBox's symbol keys dropped), through `child` for each sub-schema. */
function mapSchema(schema: Json, child: (s: Json) => Json): Json {
  if (Array.isArray(schema)) return schema.map(child);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) out[key] = DATA_KEYWORDS.has(key) ? value : child(value);
  return out;
}

const isStringConst = (b: Json): boolean => isObject(b) && typeof b.const === 'string' && b.type === 'string' && Object.keys(b).length === 2;

/** The `kind` a branch of a union of nodes requires, when it requires one constant. */
function kindOf(b: Json): string | undefined {
  if (!isObject(b) || !Array.isArray(b.required) || !b.required.includes('kind') || !isObject(b.properties)) return undefined;
  const kind = b.properties.kind;
  return isObject(kind) && typeof kind.const === 'string' ? kind.const : undefined;
}

/**
 * The same constraints, said in the forms ajv checks fastest; a model is valid under one
 * exactly when it is valid under the other (tests/model/precompiled-validator.test.ts
 * holds them to it on broken models):
 * - a union of string constants is an `enum`;
 * - a union of nodes, each requiring its own constant `kind`, is a `oneOf` with a
 *   discriminator: a node valid for some branch is valid for the one its kind names, and
 *   for no other, since the other branches require another kind;
 * - each object schema with properties (a node, a record, a position) is moved into its own
 *   schema, referenced where it stood (identical ones once): ajv writes a function for each,
 *   which V8 compiles quickly and alone rather than as part of one huge function.
 */
function fastForm(schema: Json): Json {
  const out = mapSchema(schema, fastForm);
  if (!isObject(out) || !Array.isArray(out.anyOf)) return out;
  const branches = out.anyOf;
  if (branches.every(isStringConst)) {
    const { anyOf: _, ...rest } = out;
    return { ...rest, type: 'string', enum: branches.map((b) => (b as JsonObject).const!) };
  }
  const kinds = branches.map(kindOf);
  if (kinds.every((k) => k !== undefined) && new Set(kinds).size === kinds.length) {
    const { anyOf: _, ...rest } = out;
    return { ...rest, type: 'object', discriminator: { propertyName: 'kind' }, oneOf: branches };
  }
  return out;
}

function splitOut(schema: Json, parts: Map<string, string>, top: boolean): Json {
  const out = mapSchema(schema, (s) => splitOut(s, parts, false));
  if (top || !isObject(out) || out.type !== 'object' || !isObject(out.properties) || out.$id !== undefined) return out;
  const key = JSON.stringify(out);
  let id = parts.get(key);
  if (id === undefined) {
    id = `https://teiwright.dev/schema/fast/part-${parts.size}.json`;
    parts.set(key, id);
  }
  return { $ref: id };
}

/** The schemas of the fast validator (see fastForm): the referenced schemas and the root. */
export function fastValidatorSchemas(): { refs: JsonObject[]; root: JsonObject } {
  const parts = new Map<string, string>();
  const refs = VALIDATOR_SCHEMAS.refs.map((r) => splitOut(fastForm(r as unknown as Json), parts, true) as JsonObject);
  const root = splitOut(fastForm(VALIDATOR_SCHEMAS.root as unknown as Json), parts, true) as JsonObject;
  const split = [...parts].map(([json, id]) => ({ $id: id, ...(JSON.parse(json) as JsonObject) }));
  return { refs: [...refs, ...split], root };
}

/** A hash of the schemas and the options: a precompiled validator is used only when it matches. */
export function validatorFingerprint(): string {
  return createHash('sha256').update(JSON.stringify([AJV_OPTIONS, VALIDATOR_SCHEMAS.refs, VALIDATOR_SCHEMAS.root, FAST_AJV_OPTIONS, fastValidatorSchemas()])).digest('hex');
}

export { PRECOMPILED_FAST_FILE, PRECOMPILED_FILE } from './validator-source-hash.js';

/**
 * RELAX NG validation in-process with libxml2-wasm. A schema is compiled once per process
 * and kept (by absolute path) for every later document: tei_all takes ~20 s to compile,
 * the project schema a fraction of a second.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParseOption, RelaxNGValidator, XmlDocument, XmlValidateError, type ErrorDetail } from 'libxml2-wasm';

/** The project's schema: the TEI subset teiwright writes. */
export const PROJECT_SCHEMA = fileURLToPath(new URL('../../schema/teiwright.rng', import.meta.url));

/**
 * How every XML text is parsed, documents and schemas alike: no network, no external
 * entities or DTDs (NO_XXE), no entity substitution (no NOENT), no DTD loading (no
 * DTDLOAD). IDs are left to the checks (SKIP_IDS) so that a duplicate xml:id is a finding
 * with a position, not a parse failure; BIG_LINES keeps line numbers right past 65535.
 */
export const SAFE_PARSE =
  ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_SKIP_IDS | ParseOption.XML_PARSE_BIG_LINES | ParseOption.XML_PARSE_NO_SYS_CATALOG;

export interface CompiledSchema {
  path: string;
  validator: RelaxNGValidator;
  /** Wall-clock time of the compile (parse of the .rng + RELAX NG compile). */
  compileMs: number;
}

const compiled = new Map<string, CompiledSchema>();

function compileUncached(path: string): CompiledSchema {
  const started = performance.now();
  const rng = XmlDocument.fromBuffer(readFileSync(path), { url: `file://${path}`, option: SAFE_PARSE });
  try {
    const validator = RelaxNGValidator.fromDoc(rng);
    return { path, validator, compileMs: performance.now() - started };
  } finally {
    rng.dispose();
  }
}

/** The compiled schema at `path`, compiled on first use and reused for the life of the process. */
export function compileSchema(path: string): CompiledSchema {
  const key = resolve(path);
  let schema = compiled.get(key);
  if (!schema) {
    schema = compileUncached(key);
    compiled.set(key, schema);
  }
  return schema;
}

/** Milliseconds to compile the schema at `path` from scratch (not cached; for the bench). */
export function schemaCompileMs(path: string): number {
  const schema = compileUncached(resolve(path));
  schema.validator.dispose();
  return schema.compileMs;
}

/** The schema errors libxml2 reports for `doc`; empty when valid. */
export function relaxNgErrors(schema: CompiledSchema, doc: XmlDocument): ErrorDetail[] {
  try {
    schema.validator.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details;
    throw e;
  }
}

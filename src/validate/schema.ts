/**
 * RELAX NG validation in-process with libxml2-wasm. A schema is compiled once per process
 * and kept (by absolute path) for every later document: tei_all takes ~20 s to compile,
 * the project schema a fraction of a second.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParseOption, RelaxNGValidator, XmlDocument, XmlError, XmlValidateError, xmlRegisterInputProvider, type ErrorDetail } from 'libxml2-wasm';
import { fsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { nameKey, parseRng, reducedRngText, type ParsedRng } from './reduce.js';
import type { ElementRecord } from './scan.js';
import { ExpectedNames } from './expected.js';
import { parseRngFiles } from './rng-files.js';

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

/** A schema that cannot be used at all: the same for every document, so said once, as a usage error. */
export class SchemaUnusable extends Error {}

/**
 * libxml2 reads local files only (a schema's include and externalRef, XInclude), never
 * the network, through an input provider of ours. libxml2's provider table is global to
 * the process and anyone sharing the libxml2-wasm module (a library user, a test) can
 * empty it with xmlCleanupInputProvider(), which removes ours too; libxml2 then cannot
 * read any file, and an xi:include with a fallback silently takes the fallback. So before
 * each use the provider is checked, with a probe that only our provider answers, and
 * registered again when it is gone.
 */
const PROBE_HREF = 'teiwright-probe:provider';
const PROBE_XML = `<probe xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="${PROBE_HREF}" parse="text"/></probe>`;
let probeAnswered = false;
let providerRegistered = false;

function registerLocalFiles(): void {
  const local = (name: string): boolean => !/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith('file:');
  providerRegistered = xmlRegisterInputProvider({
    match: (name) => {
      if (name === PROBE_HREF) {
        probeAnswered = true;
        return false;
      }
      return local(name) && fsInputProviders.match(name);
    },
    open: (name) => fsInputProviders.open(name),
    read: (fd, buf) => fsInputProviders.read(fd, buf),
    close: (fd) => fsInputProviders.close(fd),
  });
}

/** Whether our provider is still in libxml2's table: libxml2 asks it about the probe's include. */
function providerLive(): boolean {
  probeAnswered = false;
  const probe = XmlDocument.fromString(PROBE_XML, { option: SAFE_PARSE });
  try {
    probe.processXInclude();
  } catch {
    // The probe's include never loads; only whether our provider was asked matters.
  } finally {
    probe.dispose();
  }
  return probeAnswered;
}

/** Makes sure libxml2 can read local files (and only those) for the next call. */
export function allowLocalFiles(): void {
  if (providerRegistered && providerLive()) return;
  registerLocalFiles();
}
/**
 * Checks the schema file before any document: it exists, is a file, declares no DTD
 * (which could pull in files or expand without bound), is XML in the RELAX NG namespace.
 * Throws SchemaUnusable with a one-line reason.
 */
export function checkSchemaFile(path: string): void {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new SchemaUnusable(`${path} is a folder, not a RELAX NG schema file`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof SchemaUnusable) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new SchemaUnusable(code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? String(e)})`);
  }
  if (/<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/.test(text)) throw new SchemaUnusable(`${path} declares a DTD or entities, which teiwright does not read (a RELAX NG schema needs none)`);
  const root = /<(?:([A-Za-z_][\w.-]*):)?(grammar|element)\b[^>]*>/.exec(text);
  if (!root || !/xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/relaxng\.org\/ns\/structure\/1\.0["']/.test(root[0])) {
    throw new SchemaUnusable(`${path} is not a RELAX NG schema in XML syntax (no <grammar> or <element> in the RELAX NG namespace; a compact-syntax .rnc or a DTD cannot be used)`);
  }
}

export interface CompiledSchema {
  path: string;
  validator: RelaxNGValidator;
  /** Wall-clock time of the compile (parse of the .rng + RELAX NG compile). */
  compileMs: number;
}

const compiled = new Map<string, CompiledSchema>();

/** libxml2's reason, one line, for a schema it could not read or compile. */
function unusable(path: string, e: unknown): SchemaUnusable {
  const details = e instanceof XmlError && 'details' in e && Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [];
  const first = details.find((d) => d.level >= 2) ?? details[0];
  const where = first ? `${first.file ? first.file.replace(/^file:\/\//, '') : path}:${first.line}: ` : '';
  const reason = (first?.message ?? (e instanceof Error ? e.message : String(e))).replace(/\s+/g, ' ').trim();
  return new SchemaUnusable(`${path} cannot be used as a RELAX NG schema: ${where}${reason}`);
}

function compileUncached(path: string): CompiledSchema {
  checkSchemaFile(path);
  allowLocalFiles();
  try {
    return compileChecked(path);
  } catch (e) {
    throw unusable(path, e);
  }
}

function compileChecked(path: string): CompiledSchema {
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

const grammars = new Map<string, ExpectedNames | null>();
const wholeGrammars = new Map<string, ParsedRng | null>();

/** The grammar of the schema at `path` with the files it includes (rng-files.ts), read once; undefined when it cannot be read whole. */
export function wholeGrammarOf(path: string): ParsedRng | undefined {
  const key = resolve(path);
  let g = wholeGrammars.get(key);
  if (g === undefined) {
    // A schema split over files is read whole, its includes found as the validator finds them.
    g = oneFileGrammarOf(key) ?? parseRngFiles(key) ?? null;
    wholeGrammars.set(key, g);
  }
  return g ?? undefined;
}

/** The grammar of the schema at `path` (with the files it includes), for naming what it expects (expected.ts); undefined when it cannot be read whole. */
export function expectedNamesOf(path: string): ExpectedNames | undefined {
  const key = resolve(path);
  let g = grammars.get(key);
  if (g === undefined) {
    const whole = wholeGrammarOf(key);
    g = whole ? new ExpectedNames(whole) : null;
    grammars.set(key, g);
  }
  return g ?? undefined;
}

/** Schemas larger than this are reduced to each document's names (reduce.ts) rather than compiled whole. */
const REDUCE_ABOVE_BYTES = 200_000;
/** A verdict schema grows with the names of the documents it serves, up to this many element names. */
const MAX_SHARED_ELEMENTS = 400;

interface ReducedValidator {
  validator: RelaxNGValidator;
  elements: Set<string>;
  attributes: Set<string>;
}

interface ReducedSchema {
  parsed: ParsedRng;
  /** For verdicts: every element and attribute the documents do not use is notAllowed. */
  verdict?: ReducedValidator;
  /** For messages: the elements the documents do not use are kept by name (shallow), so libxml2 can name them. */
  explain?: ReducedValidator;
}

const reduced = new Map<string, ReducedSchema | null>();

function reducedSchemaOf(path: string): ReducedSchema | undefined {
  const key = resolve(path);
  let r = reduced.get(key);
  if (r === undefined) {
    r = null;
    checkSchemaFile(key);
    if (key !== PROJECT_SCHEMA && statSync(key).size > REDUCE_ABOVE_BYTES) {
      const parsed = parseRng(readFileSync(key, 'utf8'));
      if (parsed.reducible) r = { parsed };
    }
    reduced.set(key, r);
  }
  return r ?? undefined;
}

function compileText(text: string, path: string): RelaxNGValidator {
  try {
    const rng = XmlDocument.fromString(text, { url: `file://${path}`, option: SAFE_PARSE });
    try {
      return RelaxNGValidator.fromDoc(rng);
    } finally {
      rng.dispose();
    }
  } catch (e) {
    throw unusable(path, e);
  }
}

const parsedGrammars = new Map<string, ParsedRng | null>();

/** The grammar of the schema at `path` when it is in one file (reduce.ts can rewrite it), else undefined. */
export function oneFileGrammarOf(path: string): ParsedRng | undefined {
  const key = resolve(path);
  let g = parsedGrammars.get(key);
  if (g === undefined) {
    const parsed = reducedSchemaOf(key)?.parsed ?? parseRng(readFileSync(key, 'utf8'));
    g = parsed.reducible ? parsed : null;
    parsedGrammars.set(key, g);
  }
  return g ?? undefined;
}

/** Compiles a schema written here (reduce.ts) for the schema at `path` (its base for messages); the caller disposes it. */
export function compileRngText(text: string, path: string): RelaxNGValidator {
  return compileText(text, resolve(path));
}

/** The RELAX NG errors of `doc` against `validator`; empty when valid. */
export function errorsOf(validator: RelaxNGValidator, doc: XmlDocument): ErrorDetail[] {
  try {
    validator.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details;
    throw e;
  }
}

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  for (const x of a) if (!b.has(x)) return false;
  return true;
};

/** The names of a document, as reduce.ts keys them. */
function namesOf(elements: readonly ElementRecord[]): { elements: Set<string>; attributes: Set<string> } {
  const names = { elements: new Set<string>(), attributes: new Set<string>() };
  for (const e of elements) {
    names.elements.add(nameKey(e.ns, e.local));
    for (const a of e.attrs) names.attributes.add(nameKey(a.ns, a.local));
  }
  return names;
}

/**
 * The RELAX NG errors of `doc` against the schema at `path`. Small schemas are compiled
 * whole, once. Large ones (tei_all) are reduced to the document's names: the verdict is
 * the same (see reduce.ts), and the compile takes a fraction of a second. A reduced
 * validator is kept and reused for every later document whose names it covers; for an
 * invalid document the errors come from a second reduction that also keeps what the
 * failing elements may contain, so libxml2 can name what it expected.
 */
export function schemaErrors(path: string, doc: XmlDocument, elements: readonly ElementRecord[]): ErrorDetail[] {
  const r = reducedSchemaOf(path);
  if (!r) return relaxNgErrors(compileSchema(path), doc);
  const names = namesOf(elements);
  r.verdict = covering(r, r.verdict, names, false, path);
  const first = errorsOf(r.verdict.validator, doc);
  if (first.length === 0) return first;
  // An invalid document: libxml2's messages are only as good as its schema; with every
  // other element kept by name they match those of the whole schema (checked on the
  // schema oracle's fixtures), at about a tenth of its compile time.
  r.explain = covering(r, r.explain, names, true, path);
  const second = errorsOf(r.explain.validator, doc);
  return second.length > 0 ? second : first;
}

/** A reduced validator that keeps at least `names`: `current` when it does, else a new one (grown from it while small). */
function covering(r: ReducedSchema, current: ReducedValidator | undefined, names: { elements: Set<string>; attributes: Set<string> }, shallow: boolean, path: string): ReducedValidator {
  if (current && subset(names.elements, current.elements) && subset(names.attributes, current.attributes)) return current;
  // Only the verdict schema grows: its compile stays cheap with more names; the message
  // schema (every element kept by name) gets slower with each content model kept whole.
  const grow = !shallow && current !== undefined && current.elements.size + names.elements.size <= MAX_SHARED_ELEMENTS;
  const keep = grow ? { elements: new Set([...current.elements, ...names.elements]), attributes: new Set([...current.attributes, ...names.attributes]) } : names;
  current?.validator.dispose();
  const byName = shallow ? new Set(r.parsed.elementPatterns.keys()) : new Set<string>();
  return { validator: compileText(reducedRngText(r.parsed, keep.elements, keep.attributes, byName), resolve(path)), ...keep };
}

/**
 * Checks that the schema at `path` can be used, before any document, and throws
 * SchemaUnusable when not: a large reducible schema is read (compiled with the first
 * document), any other schema compiled whole (and kept for the documents).
 */
export function prepareSchema(path: string): void {
  const r = reducedSchemaOf(path);
  if (!r) {
    compileSchema(path);
    return;
  }
  // The grammar is read (parseRng); libxml2 compiles it reduced with the first document.
}

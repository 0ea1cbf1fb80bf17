/**
 * Checks on TEI documents: safe parsing and well-formedness, integrity (ids, pointers,
 * notes), and RELAX NG validity against the project schema, another .rng, or none.
 *
 * Order of the checks, and why:
 * 1. A document with a DTD (`<!DOCTYPE`, `<!ENTITY`) is refused before any parser reads
 *    it: TEI needs no DTD, and a DTD is how external files (XXE) and entity bombs get in.
 * 2. libxml2 parses it with no network, no external entities, no entity substitution.
 *    Malformed XML stops here (nothing else can be said reliably).
 * 3. Integrity checks and the schema run on the same text; all their findings are
 *    reported, in document order.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XmlDocument, XmlParseError, type ErrorDetail } from 'libxml2-wasm';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { reportSchemaErrors } from './explain.js';
import { checkIntegrity } from './integrity.js';
import { XML_NS, attr, scanXml, type ElementRecord } from './scan.js';
import { PROJECT_SCHEMA, SAFE_PARSE, schemaErrors } from './schema.js';
import { rngVocabulary, type Vocabulary } from './vocabulary.js';

export { PROJECT_SCHEMA, compileSchema, prepareSchema, schemaCompileMs, type CompiledSchema } from './schema.js';

export interface ValidateOptions {
  /** The path shown in diagnostics. */
  file?: string;
  /** `project` (default): the project's TEI subset schema; `none`: integrity checks only; or a path to a .rng file. */
  schema?: 'project' | 'none' | string;
}

export interface ValidateFileOptions extends ValidateOptions {
  /** Refuse files larger than this many bytes (`input-too-large`). */
  maxBytes?: number;
}

const vocabularies = new Map<string, Vocabulary>();

/** The element and attribute names of a schema, read once per schema (for the messages). */
function vocabularyOf(path: string): Vocabulary {
  let v = vocabularies.get(path);
  if (!v) {
    v = rngVocabulary(readFileSync(path, 'utf8'));
    vocabularies.set(path, v);
  }
  return v;
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * libxml2 reads UTF-8 bytes. Buffer.from encodes natively, several times faster than the
 * wasm module's own string copy (fromString). Text with surrogates (rare; a lone one must
 * reach libxml2 as the module encodes it, to be rejected) and the empty text keep the
 * module's path, so libxml2 says the same about them as before.
 */
function readXml(xml: string): XmlDocument {
  const options = { option: SAFE_PARSE, encoding: 'utf-8' } as const;
  return xml === '' || SURROGATE.test(xml) ? XmlDocument.fromString(xml, options) : XmlDocument.fromBuffer(Buffer.from(xml, 'utf8'), options);
}

/** Parses with libxml2 under SAFE_PARSE; reports the parser's first error as xml-malformed. */
function parseSafely(xml: string, diagnostics: Diagnostics): XmlDocument | undefined {
  try {
    return readXml(xml);
  } catch (e) {
    if (!(e instanceof XmlParseError)) throw e;
    const first: ErrorDetail | undefined = e.details.find((d) => d.level >= 2) ?? e.details[0];
    const message = first?.message.trim() ?? 'the XML could not be parsed';
    diagnostics.report('xml-malformed', message, { line: Math.max(1, first?.line ?? 1), column: Math.max(1, first?.col ?? 1) });
    return undefined;
  }
}

function duplicateIds(elements: readonly ElementRecord[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const e of elements) {
    const id = attr(e, 'id', XML_NS)?.value;
    if (id === undefined) continue;
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  return twice;
}

const byPosition = (a: Diagnostic, b: Diagnostic): number => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/**
 * All findings on one TEI document, in document order. Never throws on a bad document;
 * throws (XmlError) when `options.schema` names a file that is not a readable RELAX NG
 * schema, which is the same for every document and for the caller to report once.
 */
export function validateTei(xml: string, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics = new Diagnostics(options.file);
  const scan = scanXml(xml);
  if (!scan.ok) {
    diagnostics.report('xml-unsafe', `${scan.unsafe.what} declaration: TEI needs no DTD, and teiwright reads no DTD or entity declarations (they can fetch files or expand without bound); remove it`, scan.unsafe.pos);
    return diagnostics.items;
  }
  const doc = parseSafely(xml, diagnostics);
  if (!doc) return diagnostics.items;
  try {
    checkIntegrity(scan.elements, diagnostics);
    const schema = options.schema ?? 'project';
    if (schema !== 'none') {
      const path = schema === 'project' ? PROJECT_SCHEMA : schema;
      const errors = schemaErrors(path, doc, scan.elements);
      if (errors.length > 0) {
        reportSchemaErrors(
          errors,
          {
            elements: scan.elements,
            vocabulary: vocabularyOf(resolve(path)),
            classify: schema === 'project',
            duplicateIds: duplicateIds(scan.elements),
          },
          diagnostics,
        );
      }
    }
  } finally {
    doc.dispose();
  }
  return [...diagnostics.items].sort(byPosition);
}

/** Reads and checks one file: refuses binary and non-UTF-8 files first (src/io/decode.ts). */
export function validateFile(path: string, options: ValidateFileOptions = {}): Diagnostic[] {
  const file = options.file ?? path;
  const diagnostics = new Diagnostics(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    diagnostics.report('input-unreadable', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return diagnostics.items;
  }
  const decoded = decodeInput(bytes, options.maxBytes);
  if (!decoded.ok) {
    diagnostics.report(decoded.code, decoded.message, decoded.pos);
    return diagnostics.items;
  }
  return validateTei(decoded.text, { ...options, file });
}

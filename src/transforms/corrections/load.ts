/**
 * Loading the editor's corrections file (a JSON sidecar, schema/corrections.schema.json):
 * parse with positions, check against the schema with ajv, then check what a schema cannot
 * (every correction names a declared editor). Every problem is a `corrections-invalid`
 * diagnostic with the sidecar's line:col and the JSON path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import { CODES, type Diagnostic } from '../../diagnostics.js';
import type { SourcePos } from '../../model/edition.js';
import { JsonRefusedError, JsonSyntaxError, pointerPart, readJsonWithPositions } from './json-positions.js';

export interface CorrectionEditor {
  id: string;
  name: string;
}

export interface Correction {
  find: string;
  replace: string;
  /** any, text, title, notes, metadata, `note <key>`, or a metadata role. */
  in: string;
  editor: string;
  reason?: string;
  occurrence?: number;
  count?: number;
  /** Where the correction is written in the sidecar, and its JSON Pointer there. */
  pos: SourcePos;
  path: string;
}

export interface CorrectionSet {
  /** The sidecar's path, named in diagnostics. */
  sidecar: string;
  editors: CorrectionEditor[];
  /** Keyed by file name or stem, as written. */
  files: Map<string, Correction[]>;
}

interface RawFile {
  editors: CorrectionEditor[];
  files: Record<string, (Omit<Correction, 'pos' | 'path' | 'in'> & { in?: string })[]>;
}

let validator: ReturnType<Ajv['compile']> | undefined;

function schemaValidator(): ReturnType<Ajv['compile']> {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('../../../schema/corrections.schema.json', import.meta.url), 'utf8')) as object;
    // Loaded only here: most runs have no corrections file, and ajv's compiler is a sizeable
    // share of a worker's start-up (the edition model has a precompiled validator).
    const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as { Ajv: typeof Ajv };
    // strictRequired off: "not: {required: [occurrence, count]}" names properties defined one level up.
    validator = new AjvClass({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  }
  return validator;
}

/** What an ajv error means, in words an editor understands. */
function plainMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown property "${String(p.additionalProperty)}"`;
    case 'type':
      return `must be ${p.type === 'object' || p.type === 'array' || p.type === 'integer' ? 'an' : 'a'} ${String(p.type)}`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `must list at least ${String(p.limit)} entry`;
    case 'minimum':
      return `must be ${String(p.limit)} or more`;
    case 'pattern':
      return e.instancePath.endsWith('/in')
        ? 'must be any, text, title, notes, metadata, "note <number>" or a metadata role such as source'
        : 'must be an id: a letter or "_", then letters, digits, ".", "_" or "-"';
    case 'not':
      return e.instancePath.endsWith('/id') ? '"teiwright" is the converter\'s own id; choose another' : 'give "occurrence" or "count", not both';
    default:
      return e.message ?? 'is invalid';
  }
}

/** The largest corrections file read (characters); real ones are a few kilobytes. */
export const MAX_CORRECTIONS_SIZE = 8 * 1024 * 1024;

/** Characters XML forbids: in a name or a replacement they would end in the TEI. */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

/** The JSON Pointer of the first string of `value` holding a character XML forbids. */
function forbiddenCharAt(value: unknown): string | undefined {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (FORBIDDEN.test(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}/${i}` });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i]![1], path: `${path}/${pointerPart(entries[i]![0])}` });
    }
  }
  return undefined;
}

/**
 * Reads a corrections file. Never throws: every problem, including one inside teiwright,
 * is a `corrections-invalid` diagnostic at the sidecar's line:col.
 */
export function loadCorrections(jsonText: string, sidecarPath: string): { corrections: CorrectionSet | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (message: string, pos: SourcePos | undefined): void => {
    diagnostics.push({ code: 'corrections-invalid', severity: CODES['corrections-invalid'].severity, message, file: sidecarPath, ...(pos && { line: pos.line, column: pos.column }) });
  };
  if (jsonText.length > MAX_CORRECTIONS_SIZE) {
    report(`the corrections file has ${jsonText.length} characters, more than the limit of ${MAX_CORRECTIONS_SIZE}`, undefined);
    return { corrections: undefined, diagnostics };
  }
  try {
    return loadChecked(jsonText, sidecarPath, diagnostics, report);
  } catch (e) {
    report(`cannot read the corrections: ${e instanceof Error ? e.message : String(e)}`, undefined);
    return { corrections: undefined, diagnostics };
  }
}

function loadChecked(
  jsonText: string,
  sidecarPath: string,
  diagnostics: Diagnostic[],
  report: (message: string, pos: SourcePos | undefined) => void,
): { corrections: CorrectionSet | undefined; diagnostics: Diagnostic[] } {
  let read;
  try {
    read = readJsonWithPositions(jsonText);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    report(err instanceof JsonRefusedError ? err.message : `not JSON: ${err.message}`, err.pos);
    return { corrections: undefined, diagnostics };
  }
  const { value, positions } = read;
  const where = (path: string): SourcePos | undefined => positions.get(path) ?? positions.get('');
  const validate = schemaValidator();
  if (!validate(value)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const path = e.keyword === 'additionalProperties' ? `${e.instancePath}/${pointerPart(String((e.params as { additionalProperty: string }).additionalProperty))}` : e.instancePath;
      const message = `${path || '/'}: ${plainMessage(e)}`;
      if (seen.has(message)) continue;
      seen.add(message);
      report(message, e.keyword === 'additionalProperties' ? (positions.get(`${path}#key`) ?? where(path)) : where(path));
    }
    return { corrections: undefined, diagnostics };
  }
  const bad = forbiddenCharAt(value);
  if (bad !== undefined) {
    report(`${bad || '/'}: holds a control character or another character XML forbids`, where(bad));
    return { corrections: undefined, diagnostics };
  }
  const raw = value as RawFile;
  const editorIds = new Set<string>();
  raw.editors.forEach((ed, i) => {
    if (editorIds.has(ed.id)) report(`/editors/${i}/id: "${ed.id}" is declared twice`, where(`/editors/${i}/id`));
    editorIds.add(ed.id);
  });
  const files = new Map<string, Correction[]>();
  for (const [key, list] of Object.entries(raw.files)) {
    const base = `/files/${pointerPart(key)}`;
    files.set(
      key,
      list.map((c, i) => {
        const path = `${base}/${i}`;
        if (!editorIds.has(c.editor)) report(`${path}/editor: "${c.editor}" is not one of the editors (${[...editorIds].join(', ')})`, where(`${path}/editor`));
        return { ...c, in: c.in ?? 'any', pos: where(path) ?? { line: 1, column: 1 }, path };
      }),
    );
  }
  if (diagnostics.length > 0) return { corrections: undefined, diagnostics };
  return { corrections: { sidecar: sidecarPath, editors: raw.editors, files }, diagnostics };
}

/** The corrections for one input file: keyed by its name, its name without extension, or its path. */
export function correctionsFor(set: CorrectionSet, file: string | undefined): Correction[] {
  if (file === undefined) return [];
  const name = file.split(/[\\/]/).pop() ?? file;
  const stem = name.replace(/\.[^.]+$/, '');
  return set.files.get(file) ?? set.files.get(name) ?? set.files.get(stem) ?? [];
}

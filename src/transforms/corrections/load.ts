/**
 * Loading the editor's corrections file (a JSON sidecar, schema/corrections.schema.json):
 * parse with positions, check against the schema with ajv, then check what a schema cannot
 * (every correction names a declared editor). Every problem is a `corrections-invalid`
 * diagnostic with the sidecar's line:col and the JSON path.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { CODES, type Diagnostic } from '../../diagnostics.js';
import type { SourcePos } from '../../model/edition.js';
import { JsonSyntaxError, pointerPart, readJsonWithPositions } from './json-positions.js';

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
    // strictRequired off: "not: {required: [occurrence, count]}" names properties defined one level up.
    validator = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
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

export function loadCorrections(jsonText: string, sidecarPath: string): { corrections: CorrectionSet | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (message: string, pos: SourcePos | undefined): void => {
    diagnostics.push({ code: 'corrections-invalid', severity: CODES['corrections-invalid'].severity, message, file: sidecarPath, ...(pos && { line: pos.line, column: pos.column }) });
  };
  let read;
  try {
    read = readJsonWithPositions(jsonText);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    report(`not JSON: ${err.message}`, err.pos);
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

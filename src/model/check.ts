/** Checks an edition against its JSON Schema with ajv, compiled once per process. */
import { Ajv } from 'ajv';
import type { Diagnostics } from '../diagnostics.js';
import { Block, Edition, Inline } from './edition.js';

let compiled: ReturnType<Ajv['compile']> | undefined;

function editionValidator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).addSchema([Inline, Block]).compile(Edition);
  return compiled;
}

/** Reports every place where the model breaks its schema; returns true when it conforms. */
export function checkModel(edition: unknown, diagnostics: Diagnostics): boolean {
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

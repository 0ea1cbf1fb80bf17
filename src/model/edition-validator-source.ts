/**
 * The edition model's validator, defined once: the ajv options and the schemas (TypeBox, in
 * edition.ts — the single source), and the fingerprint that ties a precompiled validator to
 * them. `check.ts` uses a validator precompiled at build time (emit-validator.ts) when its
 * fingerprint matches, else compiles one: compiling cost each worker ~0.2 s of start-up.
 */
import { createHash } from 'node:crypto';
import { Block, Edition, Inline } from './edition.js';

export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

/** The schemas as ajv gets them: the two recursive parts added, the edition compiled. */
export const VALIDATOR_SCHEMAS = { refs: [Inline, Block], root: Edition };

/** A hash of the schemas and the options: a precompiled validator is used only when it matches. */
export function validatorFingerprint(): string {
  return createHash('sha256').update(JSON.stringify([AJV_OPTIONS, VALIDATOR_SCHEMAS.refs, VALIDATOR_SCHEMAS.root])).digest('hex');
}

/** The file `npm run build` writes beside check.js. */
export const PRECOMPILED_FILE = 'edition-validator.generated.js';

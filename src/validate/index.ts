/** Checks on TEI documents: well-formedness, ids, pointers, RELAX NG. Placeholder until validation lands. */
import type { Diagnostic } from '../diagnostics.js';

export interface ValidateOptions {
  /** The path shown in diagnostics. */
  file?: string;
  /** `project` (default): the project's TEI subset schema; `none`: integrity checks only; or a path to a .rng file. */
  schema?: 'project' | 'none' | string;
}

export function validateTei(_xml: string, _options: ValidateOptions = {}): Diagnostic[] {
  return [];
}

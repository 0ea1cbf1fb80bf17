/**
 * Transforms run in this order on the model a reader produced. Each is a small function
 * over the edition; together they link notes and encode what the editors' notes describe.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition } from '../model/edition.js';
import type { Limits } from '../model/limits.js';
import type { SourceText } from '../model/source-text.js';
import { charrefTransform } from './charref/index.js';
import { classifyNotes } from './classify-notes.js';
import { correctionsTransform } from './corrections/index.js';
import type { CorrectionSet } from './corrections/load.js';
import { editorialNotesTransform } from './emendations/index.js';
import { linkNotes } from './link-notes.js';
import { siglaTransform } from './sigla/index.js';

export interface TransformContext {
  diagnostics: Diagnostics;
  /** The input's path or name, used to pick the entries of a corrections file. */
  file?: string;
  /** The editor's corrections (`--corrections`), if any. */
  corrections?: CorrectionSet;
  /** The document's limits: a transform that adds elements keeps within `elements`. */
  limits?: Limits;
  /** The input text, to place a finding inside a text node the reader changed (see model/source-text.ts). */
  source?: SourceText;
}

export interface Transform {
  name: string;
  apply(edition: Edition, ctx: TransformContext): void;
}

export const TRANSFORMS: readonly Transform[] = [
  classifyNotes,
  // Linking must come before the emendation transforms: they work at the linked anchors.
  linkNotes,
  // Repair character references first: notes are read as text by the later transforms.
  charrefTransform,
  siglaTransform,
  // The editor's corrections before the notes are read, so a corrected note reads as corrected.
  correctionsTransform,
  editorialNotesTransform,
];

export function applyTransforms(edition: Edition, ctx: TransformContext): void {
  for (const t of TRANSFORMS) t.apply(edition, ctx);
}

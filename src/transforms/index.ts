/**
 * Transforms run in this order on the model a reader produced. Each is a small function
 * over the edition; together they link notes and encode what the editors' notes describe.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition } from '../model/edition.js';
import { classifyNotes } from './classify-notes.js';
import { linkNotes } from './link-notes.js';

export interface TransformContext {
  diagnostics: Diagnostics;
}

export interface Transform {
  name: string;
  apply(edition: Edition, ctx: TransformContext): void;
}

export const TRANSFORMS: readonly Transform[] = [
  classifyNotes,
  // Linking must come before the emendation transforms: they work at the linked anchors.
  linkNotes,
];

export function applyTransforms(edition: Edition, ctx: TransformContext): void {
  for (const t of TRANSFORMS) t.apply(edition, ctx);
}

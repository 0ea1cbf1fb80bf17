/** The real converter for the batch engine: `convert()` plus the counts the report shows. */
import { convert, type ConvertOptions } from '../convert.js';
import type { Edition } from '../model/edition.js';
import { bodyInlineLists, noteInlineLists, visitInlines } from '../model/walk.js';
import type { ConvertJobResult } from './types.js';

/** Notes, anchors (and how many point to their note) and emendations of an edition. */
export function editionStats(edition: Edition): NonNullable<ConvertJobResult['stats']> {
  let anchors = 0;
  let linked = 0;
  visitInlines([...bodyInlineLists(edition), ...noteInlineLists(edition)], (node) => {
    if (node.kind !== 'noteAnchor') return;
    anchors++;
    if (node.target !== undefined) linked++;
  });
  const notes = edition.notes.reduce((n, section) => n + section.notes.length, 0);
  return { notes, anchors, linked, emendations: edition.emendations.length };
}

export function convertJob(text: string, options: ConvertOptions): ConvertJobResult {
  const r = convert(text, options);
  const out: ConvertJobResult = { tei: r.tei, diagnostics: r.diagnostics };
  if (r.model) {
    out.profile = r.model.profile;
    out.stats = editionStats(r.model);
  }
  return out;
}

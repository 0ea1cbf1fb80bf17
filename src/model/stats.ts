/** Counts an editor checks first: notes, anchors, how many are linked, emendations made. */
import type { Edition } from './edition.js';
import { editionInlineLists, visitInlines } from './walk.js';

export interface EditionStats {
  notes: number;
  anchors: number;
  linked: number;
  emendations: number;
}

export function editionStats(ed: Edition): EditionStats {
  let anchors = 0;
  let linked = 0;
  visitInlines(editionInlineLists(ed), (node) => {
    if (node.kind !== 'noteAnchor') return;
    anchors++;
    if (node.target !== undefined) linked++;
  });
  return {
    notes: ed.notes.reduce((n, s) => n + s.notes.length, 0),
    anchors,
    linked,
    emendations: ed.emendations.length,
  };
}

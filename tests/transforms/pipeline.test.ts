import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { applyTransforms, TRANSFORMS } from '../../src/transforms/index.js';
import { loadCorrections } from '../../src/transforms/corrections/index.js';
import { explainEmendations } from '../../src/transforms/emendations/explain.js';
import { buildEdition, modelProblems, show } from './build.js';

/** A hand-built model mirroring the Lenin draft letter of 1921: anchor 2 in the title, notes 1 and 3 about the manuscript. */
function draftLetter() {
  return buildEdition({
    title: 'On The Attitude to Non-Party Workers{2}',
    source: 'Lenin Collected Works, 3nd English Printing, Progress Publishers, 1977',
    paragraphs: [
      'the experience of non-Party conferences has fully proved that they have become an arena for agitation{1} by the Mensheviks;',
      'and on fighting the Mensheviks and Socialist-Revolutionaries, who are acting under the guise of non-Party people, etc.{3}',
    ],
    notes: [
      { key: '1', text: 'The word “organisation” is written above the word “agitation” in the manuscript.—Ed.' },
      { key: '2', text: 'This document formed the basis of the draft letter to whitch Lenin made a numner ot amendments.' },
      { key: '3', text: 'Lenin added in pencil at the end of the manuscript: &8220;(pamphlet on the Socialist-Revolutionaries and Mensheviks. On therights...) .” The last word is illegible Apparently Lenin meant the rights of general meetings.' },
    ],
  });
}

const CORRECTIONS = `{
  "editors": [{ "id": "ed-jdoe", "name": "Jane Doe" }],
  "files": { "lenin-draft": [
    { "find": "whitch", "replace": "which", "in": "note 2", "editor": "ed-jdoe" },
    { "find": "3nd", "replace": "3rd", "in": "source", "editor": "ed-jdoe" }
  ] }
}`;

/** This suite's transforms (the note linking before them is tested and measured on its own). */
const EMENDATION_TRANSFORMS = TRANSFORMS.filter((t) => ['charref', 'sigla', 'corrections', 'editorial-notes'].includes(t.name));

describe('the emendation transforms together', () => {
  it('are registered after note linking, in an order where character references are repaired before notes are read', () => {
    const names = TRANSFORMS.map((t) => t.name);
    expect(EMENDATION_TRANSFORMS).toHaveLength(4);
    if (names.includes('link-notes')) expect(names.indexOf('link-notes')).toBeLessThan(names.indexOf('charref'));
    expect(names.indexOf('charref')).toBeLessThan(names.indexOf('editorial-notes'));
    expect(names.indexOf('corrections')).toBeLessThan(names.indexOf('editorial-notes'));
  });

  it('encode the draft letter: subst at anchor 1, pencil addition at anchor 3, corrections, and explain each change by line', () => {
    const ed = draftLetter();
    const d = new Diagnostics('lenin-draft.txt');
    const { corrections } = loadCorrections(CORRECTIONS, 'corr.json');
    applyTransforms(ed, { diagnostics: d, file: 'lenin-draft.txt', corrections: corrections! });
    expect(modelProblems(ed)).toEqual([]);
    const [p1, p2] = ed.body.blocks.map((b) => (b.kind === 'p' ? show(b.children) : ''));
    expect(p1).toContain('arena for <subst subst-n1><del>agitation</del><add above>organisation</add></subst><ref nref1> by');
    expect(p2).toContain('etc.<ref nref3><add end #h-pencil>(pamphlet');
    const note3 = ed.notes[0]!.notes[2]!.blocks[0]!;
    expect(note3.kind === 'p' && show(note3.children)).not.toContain('<add');
    expect(ed.editors.map((e) => e.id)).toEqual(['ed-jdoe']);
    expect(ed.hands.map((h) => h.id)).toEqual(['h-pencil']);
    expect(d.hasErrors).toBe(false);
    const lines = explainEmendations(ed);
    expect(lines).toEqual([
      // Columns: the Source value starts at column 9; the note changes are reported at their anchors.
      '2:32 correction #ed-jdoe: “3nd” corrected to “3rd” by Jane Doe [corr.json:5:5]',
      '4:102 subst #teiwright: note [1]: “agitation” replaced by “organisation” written above it (subst)',
      '5:119 add #teiwright: note [3]: “(pamphlet on the Socialist-Revolutionaries and Mensheviks…” added, place "end", hand #h-pencil (add): copied from the note to the end of the text',
      '5:119 gap #teiwright: note [3]: the quotation\'s last word is illegible: gap reason="illegible" at its end',
      '11:59 correction #ed-jdoe: “whitch” corrected to “which” by Jane Doe [corr.json:4:5]',
      '13:57 charref #teiwright: broken character reference &8220; read as ““” (choice/sic/corr)',
    ]);
  });
});

/**
 * loadTei is the inverse of the TEI writer: convert → TEI → loadTei → TEI gives the same
 * bytes. Exactly for the seeds; on the corpus, the one known difference is the writer's
 * tagging of a printed source (`tagSource`), which works per text node of the model: a
 * reader that split one run of text ("…, pages " + "15-28" + ".") gets less tagged than
 * the same words as one run, and TEI keeps no trace of the split. So on the corpus the
 * loaded model must write exactly what the original model writes once its adjacent text
 * nodes are merged — and most documents are byte-identical without that.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { bodyInlineLists, inlineChildren, metadataInlineLists, noteInlineLists } from '../../src/model/walk.js';
import { writeTei } from '../../src/tei/index.js';
import { loadTei } from '../../src/tei-load/index.js';
import { VERSION } from '../../src/version.js';
import { corpusDocuments, hasBothCorpora } from '../helpers/corpus-files.js';
import { skipMessage } from '../helpers/shared.js';

const seed = (name: string) => readFileSync(new URL(`../../input/${name}`, import.meta.url), 'utf8');
const SEEDS = ['lenin-1921-attitude-to-non-party-workers.txt', 'stalin-1912-for-the-party.txt'];

/** Merges adjacent text nodes in every inline list, recursively (what a TEI text run is). */
function mergeTexts(lists: Inline[][]): void {
  for (const list of lists) {
    for (let i = list.length - 1; i > 0; i--) {
      const a = list[i - 1]!;
      const b = list[i]!;
      if (a.kind === 'text' && b.kind === 'text') {
        a.text += b.text;
        list.splice(i, 1);
      }
    }
    for (const node of list) mergeTexts(inlineChildren(node));
  }
}
function merged(ed: Edition): Edition {
  const copy = structuredClone(ed);
  mergeTexts([...metadataInlineLists(copy), ...bodyInlineLists(copy), ...noteInlineLists(copy)]);
  return copy;
}

describe('loadTei on the seeds', () => {
  for (const name of SEEDS) {
    it(`${name}: TEI → model → TEI gives the same bytes, with no diagnostic`, () => {
      const { tei } = convert(seed(name), { file: name });
      const loaded = loadTei(tei!, { file: 'x.xml' });
      expect(loaded.diagnostics).toEqual([]);
      expect(writeTei(loaded.edition!, { version: VERSION })).toBe(tei);
    });
  }

  it('loads the Lenin seed as a scholar reads it: title, author, date words, the subst, linked notes', () => {
    const { tei } = convert(seed(SEEDS[0]!), { file: 'lenin.txt' });
    const ed = loadTei(tei!, { file: 'lenin.xml' }).edition!;
    expect(ed.metadata.title).toBe('Draft of a Letter of the C.C., R.C.P.(B.) on The Attitude to Non-Party Workers');
    expect(ed.metadata.author?.name).toBe('V. I. Lenin');
    expect(ed.profile).toBe('lia-text');
    const json = JSON.stringify(ed.body.blocks);
    expect(json).toContain('"kind":"subst"');
    expect(ed.notes[0]!.notes.map((n) => [n.key, n.id, n.label])).toEqual([['1', 'n1', '[1]'], ['2', 'n2', '[2]'], ['3', 'n3', '[3]']]);
    expect(ed.emendations.map((e) => e.kind)).toEqual(['charref', 'subst', 'add', 'gap']);
    // Positions are those of the TEI file: the subst is on the line where the TEI has it.
    const line = tei!.split('\n').findIndex((l) => l.includes('<subst')) + 1;
    const subst = ed.body.blocks.flatMap((b) => (b.kind === 'p' ? b.children : [])).find((c) => c.kind === 'subst');
    expect(subst?.pos.line).toBe(line);
  });
});

describe('loadTei on the MIA corpus (both batches)', () => {
  if (!hasBothCorpora) console.warn(skipMessage('The MIA corpus (../shared/corpus/mia, mia-more)'));
  it.skipIf(!hasBothCorpora)('writes back what the original model writes, adjacent text runs merged; byte-identical for most', () => {
    let identical = 0;
    let documents = 0;
    const failures: string[] = [];
    for (const doc of corpusDocuments()) {
      const r = convert(doc.text, { file: doc.name, validate: false, verify: false });
      if (!r.tei || !r.model) continue;
      documents++;
      const loaded = loadTei(r.tei, { file: doc.name });
      if (loaded.diagnostics.length > 0 || !loaded.edition) {
        failures.push(`${doc.name}: ${loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('; ')}`);
        continue;
      }
      const again = writeTei(loaded.edition, { version: VERSION });
      if (again === r.tei) identical++;
      else if (again !== writeTei(merged(r.model), { version: VERSION })) failures.push(`${doc.name}: differs`);
    }
    expect(failures).toEqual([]);
    expect(documents).toBeGreaterThan(150);
    console.info(`loadTei round trip: ${identical} of ${documents} corpus documents byte-identical; the rest differ only by bibl tagging of merged text runs`);
    expect(identical / documents).toBeGreaterThan(0.9);
  });
});

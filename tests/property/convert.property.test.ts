/**
 * Property tests over generated and mutated transcriptions (fuzz/inputs.ts): convert never
 * throws, never writes TEI its own checks reject, says why when it writes none, and gives
 * the same result twice. A fixed seed, so a failure here fails the same way on every run;
 * `npm run fuzz -- --runs 100000` runs the same properties for long, and the shrunk
 * counterexamples it finds are replayed below from tests/property/fixtures/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { checkInput, pipelineOf, type Pipeline } from '../../fuzz/check.js';
import { anyInput, charsetLie, emendationText, frontMatterText, layoutText, lineEndsText, oddNotesText, pathological, realDocuments, styledText, withCorrections } from '../../fuzz/inputs.js';
import { convert } from '../../src/convert.js';
import { decodeInput } from '../../src/io/decode.js';
import { loadCorrections } from '../../src/transforms/corrections/load.js';
import { validateTei } from '../../src/validate/index.js';
import { hasCorpus, PROJECT_ROOT, SHARED } from '../helpers/shared.js';

export const pipeline: Pipeline = pipelineOf({
  decode: (bytes) => decodeInput(Buffer.from(bytes)),
  convert,
  loadCorrections,
  validate: validateTei,
  wellFormedError(xml) {
    try {
      XmlDocument.fromString(xml).dispose();
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  },
});

const SEED = 20261130;
const FIXTURES = join(PROJECT_ROOT, 'tests/property/fixtures');

const holds = (bytes: Uint8Array, twice: boolean): string[] => checkInput(pipeline, { bytes, shape: '' }, { twice });

describe('convert on generated input (fast-check, fixed seed)', () => {
  const docs = realDocuments(PROJECT_ROOT, hasCorpus ? SHARED : undefined);
  if (!hasCorpus) console.warn('../shared is absent: only the seeds in input/ are mutated (the MIA corpus is skipped)');

  it('transcriptions of every style with hostile characters: never throws, never bad TEI, deterministic', () => {
    fc.assert(
      fc.property(styledText, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), true)).toEqual([]);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });

  it('mutated seeds and corpus documents (flips, lines deleted/duplicated/shuffled, truncation, CR, BOM, UTF-16, Latin-1)', () => {
    fc.assert(
      fc.property(anyInput(docs), (input) => {
        expect(checkInput(pipeline, input, { twice: false })).toEqual([]);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('layout shapes (tables with colspan/th, images with or without src/alt, letters, information blocks and credits, notes headings of every kind)', () => {
    fc.assert(
      fc.property(layoutText, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), false)).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('pathological markup (deep nesting, unclosed tags, runs of * [ <, references, anchors, notes headings)', () => {
    fc.assert(
      fc.property(pathological, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), false)).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('pandoc/Hugo front matter (YAML, TOML, pandoc title blocks; hostile values, unclosed, twice)', () => {
    fc.assert(
      fc.property(frontMatterText, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), false)).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('editors\' notes about the manuscript (written above, crossed out, added, illegible, sic) with hostile X and Y', () => {
    fc.assert(
      fc.property(emendationText, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), false)).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('notes sections in odd places (top, middle, twice, in a quote or list) and tables or headings inside notes', () => {
    fc.assert(
      fc.property(oddNotesText, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), false)).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('line ends mixed inside one paragraph, and very long single lines', () => {
    fc.assert(
      fc.property(lineEndsText, ({ text }) => {
        expect(holds(new TextEncoder().encode(text), false)).toEqual([]);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('HTML pages whose charset lies (meta charset, http-equiv, XML declaration) and stray windows-1252 bytes in UTF-8', () => {
    fc.assert(
      fc.property(charsetLie, (input) => {
        expect(checkInput(pipeline, input, { twice: false })).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('hostile corrections files (wrong types, __proto__, deep nesting, truncated, control characters) with generated texts', () => {
    fc.assert(
      fc.property(withCorrections, (input) => {
        expect(checkInput(pipeline, input, { twice: false })).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('replays every counterexample the long fuzz run saved', () => {
    let names: string[] = [];
    try {
      names = readdirSync(FIXTURES).filter((n) => n.endsWith('.bin')).sort();
    } catch {
      names = [];
    }
    for (const name of names) {
      const corrections = join(FIXTURES, name.replace(/\.bin$/, '.corrections.json'));
      const input = {
        bytes: new Uint8Array(readFileSync(join(FIXTURES, name))),
        shape: name,
        ...(name.includes('-wordskept-') && { wordsKept: true }),
        ...(existsSync(corrections) && { corrections: readFileSync(corrections, 'utf8') }),
      };
      expect([name, checkInput(pipeline, input, { twice: true })]).toEqual([name, []]);
    }
  });
});

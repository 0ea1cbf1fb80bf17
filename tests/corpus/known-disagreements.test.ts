/**
 * The table of page/copy disagreements explained by the source: each entry names a page of
 * the corpus, a fact the agreement table compares, and a quotation found verbatim in that
 * page (npm run corpus accepts an entry only then). Skipped without ../shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/io/decode.js';
import { FACT_NAMES } from '../../src/tools/corpus-check.js';
import { KNOWN_DISAGREEMENTS } from '../../src/tools/known-disagreements.js';
import { CORPUS, CORPUS_MORE, hasCorpus, hasCorpusMore, skipMessage } from '../helpers/shared.js';

if (!hasCorpus || !hasCorpusMore) console.warn(skipMessage('The MIA corpora (../shared/corpus)'));

describe.skipIf(!hasCorpus || !hasCorpusMore)('known page/copy disagreements', () => {
  it.each(KNOWN_DISAGREEMENTS.map((k) => [k.file, k.fact, k] as const))('%s %s: the quotation is in the page', (file, fact, k) => {
    expect(FACT_NAMES).toContain(fact);
    const path = [CORPUS, CORPUS_MORE].map((d) => resolve(d, file)).find((p) => existsSync(p));
    expect(path, `${file} is in a corpus folder`).toBeDefined();
    const decoded = decodeInput(readFileSync(path!));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.text).toContain(k.quote);
    expect(k.reason.length).toBeGreaterThan(20);
  });
});

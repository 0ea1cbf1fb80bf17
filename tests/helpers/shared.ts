/**
 * `../shared` (the MIA corpus, TEI's official schemas) sits beside the project for the
 * developers and CI only. Tests that need it skip with this message when it is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED = resolve(process.env.TEIWRIGHT_SHARED ?? resolve(PROJECT_ROOT, '../shared'));
export const TEI_ALL = resolve(SHARED, 'schema-oracle/tei_all.rng');
export const CORPUS = resolve(SHARED, 'corpus/mia');
export const CORPUS_MORE = resolve(SHARED, 'corpus/mia-more');
export const ORACLE_FIXTURES = resolve(SHARED, 'schema-oracle/fixtures');

export const hasTeiAll = existsSync(TEI_ALL);
export const hasCorpus = existsSync(resolve(CORPUS, 'MANIFEST.tsv'));
export const hasCorpusMore = existsSync(resolve(CORPUS_MORE, 'MANIFEST.tsv'));

export function skipMessage(what: string): string {
  return `${what} is not available (../shared is absent, as in a user's clone): skipped`;
}

/**
 * Inside a `describe`: the tests in it find TEI All at `../shared`'s copy through
 * `TEIWRIGHT_TEI_ALL` (as a user's cache would give it), and the variable is put back after.
 */
export function useSharedTeiAll(hooks: { beforeAll: (fn: () => void) => void; afterAll: (fn: () => void) => void }): void {
  const saved = process.env.TEIWRIGHT_TEI_ALL;
  hooks.beforeAll(() => {
    process.env.TEIWRIGHT_TEI_ALL = TEI_ALL;
  });
  hooks.afterAll(() => {
    if (saved === undefined) delete process.env.TEIWRIGHT_TEI_ALL;
    else process.env.TEIWRIGHT_TEI_ALL = saved;
  });
}

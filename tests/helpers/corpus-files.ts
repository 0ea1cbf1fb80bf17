/**
 * The documents of both MIA corpus batches (../shared/corpus/mia and mia-more), as the
 * CLI would take them from the folders (transcription extensions only), decoded as the
 * CLI decodes them. Empty when ../shared is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isTranscriptionName } from '../../src/batch/plan.js';
import { decodeInput } from '../../src/io/decode.js';
import { SHARED } from './shared.js';

export const CORPUS_DIRS = ['corpus/mia', 'corpus/mia-more'].map((d) => resolve(SHARED, d));
export const hasBothCorpora = CORPUS_DIRS.every((d) => existsSync(resolve(d, 'MANIFEST.tsv')));

export interface CorpusDocument {
  /** `mia/<file>` or `mia-more/<file>`. */
  name: string;
  path: string;
  text: string;
}

export function corpusDocuments(): CorpusDocument[] {
  if (!hasBothCorpora) return [];
  const out: CorpusDocument[] = [];
  for (const dir of CORPUS_DIRS) {
    for (const file of readdirSync(dir).filter(isTranscriptionName).sort()) {
      if (file === 'README.md') continue;
      const decoded = decodeInput(readFileSync(resolve(dir, file)));
      if (!decoded.ok) continue;
      out.push({ name: `${dir.split('/').pop()}/${file}`, path: resolve(dir, file), text: decoded.text });
    }
  }
  return out;
}

/**
 * The reading edition as a derivative writer of `teiwright export --format html` and
 * `convert --also html`: a page per document, and `index.html` as the "corpus file",
 * written whole once every document is known (its rows are sorted by date, so it is all head).
 */
import type { DerivativeWriter, DocumentSummary } from '../export/registry.js';
import { renderIndex, type IndexEntry } from './index-page.js';
import { renderPageOf } from './site.js';
import type { EditionSummary } from './summary.js';
import { VERSION } from '../version.js';

const pagePath = (id: string): string => `${id}.html`;

function entryOf(s: DocumentSummary): IndexEntry {
  const dateSort = s.date.when ?? s.date.notBefore ?? s.date.notAfter;
  const summary: EditionSummary = {
    title: s.title,
    ...(s.authors.length > 0 && { author: s.authors.join('; ') }),
    ...(s.date.text !== null && s.date.text !== '' && { dateWords: s.date.text }),
    ...(dateSort !== null && { dateSort }),
    notes: s.counts.notes,
    emendations: s.counts.emendations,
  };
  return { href: pagePath(s.id), summary };
}

export const htmlWriter: DerivativeWriter = {
  name: 'html',
  describe: 'a self-contained HTML reading edition per document (notes, reading/diplomatic views) and index.html',
  files: ({ doc, options }) => {
    const teiPath = options.hrefOf?.(doc);
    const page = renderPageOf(
      { edition: doc.edition, path: pagePath(doc.id), sourceName: doc.file.split('/').pop() ?? doc.file, ...(teiPath !== undefined && { teiPath }) },
      VERSION,
    );
    return [{ path: page.path, content: page.html }];
  },
  corpus: {
    name: 'index.html',
    head: (summaries) => renderIndex(summaries.map(entryOf), { version: VERSION }),
  },
};

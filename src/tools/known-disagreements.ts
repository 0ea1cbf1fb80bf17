/**
 * Page/copy disagreements whose reason is in the page itself: a fact the page gives only in
 * markup that a browser copy does not carry (the HTML `<title>`, a link's target, an
 * image's alt text …). Each entry quotes the source; `npm run corpus` accepts an entry only
 * when its quote is found in the page, so an entry cannot outlive the page it explains.
 * A disagreement without an entry here is a defect of the converter, not of the corpus.
 */
import type { FactName } from './corpus-check.js';

export interface KnownDisagreement {
  /** The page, as named in the corpus manifest. */
  file: string;
  fact: FactName;
  /** Why the copy cannot give the same fact, in a sentence. */
  reason: string;
  /** Words of the HTML source that show the reason (found verbatim in the decoded page). */
  quote: string;
}

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  {
    file: 'bukharin-preobrazhensky-1920-abc-of-communism-ch01.html',
    fact: 'author',
    reason: 'the page names its authors, with their dates, only in a <meta name="author"> of the HTML head, which a browser does not show or copy',
    quote: 'CONTENT="Nikolai Bukharin (1888-1938), Evgenii Preobrazhensky (1886-1937)"',
  },
];

/**
 * A credit line whose words say more than its label ("Proofed: and corrected by X") gets the
 * fuller `resp` ("proofreading and correction"), and loadTei maps that phrase back to the
 * line's role: TEI → model → TEI gives the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { writeTei } from '../../src/tei/index.js';
import { loadTei } from '../../src/tei-load/index.js';
import { VERSION } from '../../src/version.js';
import { expectValidTei, parseTei, xpath } from '../helpers/tei.js';

const page = (credit: string): string => `The Power of Jobs\n\nSource: The Militant, 1934\n${credit}\n\nThe first paragraph of the text, a sentence long enough.\n\nThe second paragraph of the text.\n`;

describe('the resp of a proofreading credit', () => {
  for (const [credit, resp] of [
    ['Proofed: and corrected by Andy Blunden, February 2005.', 'proofreading and correction'],
    ['Proofread and corrected by: Andy Blunden', 'proofreading and correction'],
    ['Proofed: Andy Blunden', 'proofreading'],
  ] as const) {
    it(`"${credit}" → ${resp}; loadTei gives the same TEI back`, () => {
      const { tei } = convert(page(credit), { file: 'copy.txt' });
      expectValidTei(tei!);
      expect(xpath(parseTei(tei!), '//tei:respStmt[not(@xml:id)]/tei:resp').map((n) => n.content)).toEqual([resp]);
      const loaded = loadTei(tei!, { file: 'x.xml' });
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.edition!.metadata.fields.find((f) => f.role === 'proofed')).toBeDefined();
      expect(writeTei(loaded.edition!, { version: VERSION })).toBe(tei);
    });
  }
});

/**
 * validate() on mutated TEI never throws: every problem of a stranger's file is a
 * diagnostic. Kept in its own file: src/validate is hardened by the validate helper, and
 * this is the property that shows what remains.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outsideText } from '../../fuzz/check.js';
import { mutatedTei } from '../../fuzz/inputs.js';
import { convert } from '../../src/convert.js';
import { validateTei } from '../../src/validate/index.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/shared.js';

const SEED = 20261130;

function seedTeis(): string[] {
  const dir = join(PROJECT_ROOT, 'input');
  return readdirSync(dir).sort().flatMap((name) => {
    const tei = convert(readFileSync(join(dir, name), 'utf8'), { file: name }).tei;
    return tei === undefined ? [] : [tei];
  });
}

describe('validate on mutated TEI (fast-check, fixed seed)', () => {
  const teis = seedTeis();

  it('never throws; every finding is a diagnostic with a code and a message, at a place inside the file', () => {
    expect(teis.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(mutatedTei(teis), ({ xml }) => {
        const findings = validateTei(xml, { file: 'mutated.xml' });
        for (const f of findings) expect(typeof f.code === 'string' && f.message.length > 0).toBe(true);
        // Every place is inside the file (lines end at LF, as libxml2 counts them; a CR is a character of its line).
        expect(findings.map((f) => outsideText(f, xml)).filter((x) => x !== undefined)).toEqual([]);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('replays the mutated TEI the long fuzz run saved (validate-*.xml.txt): no throw, every place inside the file', () => {
    const dir = join(PROJECT_ROOT, 'tests/property/fixtures');
    for (const name of readdirSync(dir).filter((n) => n.startsWith('validate-') && n.endsWith('.xml.txt')).sort()) {
      const xml = readFileSync(join(dir, name), 'utf8');
      const findings = validateTei(xml, { file: name });
      expect([name, findings.map((f) => outsideText(f, xml)).filter((x) => x !== undefined)]).toEqual([name, []]);
    }
  });
});

/**
 * Every row of the line shapes the engine reads a marked-up stream by (src/layout/shapes.ts),
 * with lines it must take and lines it must leave. A row with no examples fails.
 */
import { describe, expect, it } from 'vitest';
import { SHAPES, SHAPE_ROWS, isNameOrSurname } from '../../src/layout/shapes.js';

const EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'name or surname': { yes: ['Plekhanov', 'G.V. Plekhanov', 'Nikolai Bukharin', 'Karl von Clausewitz', 'J. C. MARIATEGUI'], no: ['the workers', 'Dear Comrades,', 'One Two Three Four Five Six', 'Karl and Fred'] },
  'name and year': { yes: ['Nikolai Bukharin 1922', 'Plekhanov 1899', 'Selected Works 1922'], no: ['Nikolai Bukharin', '1922', 'In 1922 the strike'] },
  'collection word': { yes: ['Selected Works 1922', 'Marx-Engels Correspondence', 'Collected Writings', 'Volume Two'], no: ['Nikolai Bukharin', 'The Strike', 'Working Men'] },
  'publication line': { yes: ['Published in leaflet form in March 1912', 'First published in Pravda No. 1', 'Printed from the manuscript', 'Written in exile'], no: ['The publishers refused it.', 'Unpublished', 'The leaflet was published'] },
  'signature in capitals': { yes: ['THE CENTRAL COMMITTEE', 'J. STALIN', 'N. LENIN'], no: ['The Central Committee', 'J', 'A. B', 'THE CENTRAL COMMITTEE OF THE RUSSIAN SOCIAL-DEMOCRATIC LABOUR PARTY, IN ITS FULL NAME'] },
};

describe('marked-up stream shapes', () => {
  it('has examples for every row', () => expect(SHAPE_ROWS.map((r) => r.name).sort()).toEqual(Object.keys(EXAMPLES).sort()));
  for (const rule of SHAPE_ROWS) {
    const ex = EXAMPLES[rule.name]!;
    it(`${rule.name}: takes ${ex.yes.length} lines and leaves ${ex.no.length}`, () => {
      for (const line of ex.yes) expect(rule.pattern.test(line), line).toBe(true);
      for (const line of ex.no) expect(rule.pattern.test(line), line).toBe(false);
    });
  }

  it('a name is not a collection: "Selected Works" has the shape of a name and is refused', () => {
    expect(SHAPES.name.pattern.test('Selected Works')).toBe(true);
    expect(isNameOrSurname('Selected Works')).toBe(false);
    expect(isNameOrSurname('Rosa Luxemburg')).toBe(true);
  });
});

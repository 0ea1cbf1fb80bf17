/**
 * A document with hundreds of faults gets every one of them, as jing reports them: libxml2
 * stops at the first fault of a content model, and teiwright used to find the next one by
 * running it again over the document with the first blanked out, at most 40 times (a TEI
 * Lite file with 450 bad values got 41 errors, jing 450). Now a bad value is checked on
 * every attribute of its kind at once (values.ts), and incomplete elements and text where
 * none may stand are found by the grammar over the whole document, so the count of errors
 * does not depend on how many runs there are.
 *
 * The document is made here: a valid TEI Lite document whose body holds N blocks, each
 * with one fault of one of seven kinds, on its own line, so where each error belongs is
 * known by construction. jing 20151127 was run once on the document of N = 490 (on the
 * developers' machine, TEI Lite from ../shared): it reported 560 errors, exactly those
 * counted in FAULTS below (one on each block's line, two on each `<titleStmt>` line: "not
 * allowed here" and "incomplete"), none in the header; teiwright must say the same.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { validateTei } from '../../src/validate/index.js';
import { ValueChecker } from '../../src/validate/values.js';
import { expectedNamesOf, wholeGrammarOf } from '../../src/validate/schema.js';
import { scanXml } from '../../src/validate/scan.js';
import { SHARED, skipMessage } from '../helpers/shared.js';

const TEI_LITE = resolve(SHARED, 'schema-oracle/tei_lite.rng');
const present = existsSync(TEI_LITE);
if (!present) console.warn(skipMessage('TEI Lite (../shared/schema-oracle/tei_lite.rng)'));

/** The seven kinds of fault: the block's markup, how many errors jing gives it, and what teiwright's message says. */
const FAULTS: { block: (i: number) => string; errors: number; says: RegExp[] }[] = [
  { block: (i) => `<p>Paragraph ${i} written <date when="1912-13-${String((i % 28) + 1).padStart(2, '0')}">then</date>.</p>`, errors: 1, says: [/^@when="1912-13-\d\d" on <date> is not a valid value/] },
  { block: (i) => `<p xml:lang="not a tag ${i}">Paragraph ${i}.</p>`, errors: 1, says: [/^@xml:lang="not a tag \d+" on <p> is not a valid value/] },
  { block: (i) => `<p>Word <gap quantity="many${i}"/>.</p>`, errors: 1, says: [/^@quantity="many\d+" on <gap> is not a valid value/] },
  { block: (i) => `<list type="x${i}"></list>`, errors: 1, says: [/^<list> is incomplete; expected .*<item>/] },
  { block: (i) => `<list>text ${i}<item>x</item></list>`, errors: 1, says: [/^<list> cannot contain text \(only elements\); expected .*<item>/] },
  { block: (i) => `<p>Paragraph ${i} <titleStmt/> here.</p>`, errors: 2, says: [/^<titleStmt> is not allowed inside <p>; expected the end of <p>, text, /, /^<titleStmt> is incomplete; expected <title>$/] },
  { block: (i) => `<p bogus="${i}">Paragraph ${i}.</p>`, errors: 1, says: [/^<p> has no attribute @bogus in this schema; expected /] },
];

const HEADER_LINES = 17;

/** The document and, for each line of the body, the kind of fault on it. */
function manyFaults(n: number): { xml: string; kindAt: Map<number, number> } {
  const kindAt = new Map<number, number>();
  const blocks: string[] = [];
  for (let i = 0; i < n; i++) {
    kindAt.set(HEADER_LINES + 1 + i, i % FAULTS.length);
    blocks.push(`      ${FAULTS[i % FAULTS.length]!.block(i)}`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Many faults</title>
      </titleStmt>
      <publicationStmt>
        <p>Test</p>
      </publicationStmt>
      <sourceDesc>
        <p>Generated.</p>
      </sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
${blocks.join('\n')}
    </body>
  </text>
</TEI>
`;
  return { xml, kindAt };
}

describe.skipIf(!present)('a document with hundreds of faults', () => {
  const N = 490;
  const { xml, kindAt } = manyFaults(N);
  let errors: Diagnostic[] = [];
  beforeAll(() => {
    errors = validateTei(xml, { schema: TEI_LITE, schematron: 'none' }).filter((d) => d.severity === 'error');
  });

  it('is valid without its faults (the header and the blocks without the fault kinds)', () => {
    const clean = validateTei(manyFaults(0).xml.replace('<body>\n', '<body>\n      <p>Nothing wrong.</p>\n'), { schema: TEI_LITE, schematron: 'none' });
    expect(clean.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it("gets jing's 560 errors: as many on each line as jing, none elsewhere, each once", () => {
    const expected = [...kindAt.values()].reduce((sum, k) => sum + FAULTS[k]!.errors, 0);
    expect(expected).toBe(560);
    expect(errors.length).toBe(expected);
    const perLine = new Map<number, number>();
    for (const d of errors) perLine.set(d.line!, (perLine.get(d.line!) ?? 0) + 1);
    for (const [line, k] of kindAt) expect(perLine.get(line), `line ${line}`).toBe(FAULTS[k]!.errors);
    expect([...perLine.keys()].filter((l) => !kindAt.has(l))).toEqual([]);
    expect(new Set(errors.map((d) => `${d.line}:${d.column}:${d.message}`)).size).toBe(errors.length);
  });

  it('says what each fault is, at its place, with its XPath', () => {
    for (const d of errors) {
      const k = kindAt.get(d.line!)!;
      expect(FAULTS[k]!.says.some((re) => re.test(d.message)), `${d.line}: ${d.message}`).toBe(true);
      expect(d.xpath).toMatch(/^\/TEI\/text\/body\/(p|list)\[\d+\]/);
    }
    // The last block of each kind too (the cap on runs stopped at the 41st).
    for (let k = 0; k < FAULTS.length; k++) {
      const last = Math.max(...[...kindAt].filter(([, kind]) => kind === k).map(([line]) => line));
      expect(errors.filter((d) => d.line === last).length, `kind ${k}`).toBe(FAULTS[k]!.errors);
    }
  });

  it('names no valid parent: nothing about <body>, <text> or <TEI>', () => {
    expect(errors.filter((d) => /^<(body|text|TEI)>/.test(d.message))).toEqual([]);
  });
});

describe.skipIf(!present)('a value checked against the attribute patterns of its place (values.ts)', () => {
  it('takes what TEI Lite takes for @when and @quantity, and refuses the rest', () => {
    const checker = new ValueChecker(wholeGrammarOf(TEI_LITE)!, expectedNamesOf(TEI_LITE)!);
    const scan = scanXml('<TEI xmlns="http://www.tei-c.org/ns/1.0"><date when="1912-03-04"/><date when="1912-13-01"/><date when="--03-04"/><gap quantity="1/2"/><gap quantity="many"/></TEI>');
    if (!scan.ok) throw new Error('not scanned');
    const grammar = wholeGrammarOf(TEI_LITE)!;
    const verdicts = scan.elements.slice(1).map((e) => checker.refuses(e, e.attrs[0]!, grammar.elementPatterns.get(`http://www.tei-c.org/ns/1.0 ${e.local}`)!));
    expect(verdicts).toEqual([false, true, false, false, true]);
  });
});

/**
 * schema/teiwright.rng: the TEI subset teiwright writes. It must be a true subset of
 * tei_all (what it accepts, tei_all accepts), keep TEI's order rules, and a document that
 * is valid TEI but uses more than the subset must be called exactly that.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { teiVersion, teiVocabularySource } from '../../src/validate/emit-tei-vocabulary.js';
import { PROJECT_SCHEMA, compileSchema, schemaCompileMs, validateTei } from '../../src/validate/index.js';
import { NAME_SETS, TEI_ATTRIBUTES, TEI_CHILDREN, TEI_ELEMENTS } from '../../src/validate/tei-vocabulary.js';
import { rngVocabulary } from '../../src/validate/vocabulary.js';
import { TEI_ALL, hasTeiAll, skipMessage } from '../helpers/shared.js';

const EDITION = readFileSync(new URL('../fixtures/validate/letter-edition.xml', import.meta.url), 'utf8');
const SUBSET = rngVocabulary(readFileSync(PROJECT_SCHEMA, 'utf8'));

// tei_all takes 20 s or more to compile: once, before the tests that use it.
beforeAll(() => {
  if (hasTeiAll) compileSchema(TEI_ALL);
}, 300_000);

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => d.code);
/** Schema verdicts only (the integrity checks are tested elsewhere). */
const schemaFindings = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code.startsWith('schema-'));

/** The edition with one replacement, which must apply. */
function variant(from: string, to: string): string {
  expect(EDITION).toContain(from);
  return EDITION.replace(from, to);
}

/** tei_all's findings, or undefined (with one warning) when ../shared is absent. */
function teiAll(xml: string): Diagnostic[] | undefined {
  if (!hasTeiAll) {
    console.warn(skipMessage('tei_all.rng'));
    return undefined;
  }
  return schemaFindings(validateTei(xml, { schema: TEI_ALL }));
}

describe('the elements and attributes of the subset', () => {
  it('are the ones teiwright writes (encoding.md), and nothing else', () => {
    const written = `TEI teiHeader fileDesc titleStmt title author respStmt resp persName name publicationStmt publisher
      distributor authority date availability licence p sourceDesc bibl edition pubPlace biblScope notesStmt note
      encodingDesc appInfo application label editorialDecl correction normalization profileDesc creation langUsage
      language handNotes handNote text body back div head opener closer dateline salute signed argument postscript
      trailer hi ref subst del add gap desc unclear supplied choice sic corr pb lb quote list item lg l orgName
      table row cell figure graphic figDesc`.split(/\s+/);
    expect([...SUBSET.elements].sort()).toEqual([...new Set(written)].sort());
  });

  it('are all TEI: each element, each attribute it allows and each child it allows is allowed by tei_all', () => {
    const tei = new Set(TEI_ELEMENTS);
    for (const element of SUBSET.elements) {
      expect(tei.has(element), element).toBe(true);
      const attributes = new Set(NAME_SETS[TEI_ATTRIBUTES[element]!]);
      const children = new Set(NAME_SETS[TEI_CHILDREN[element]!]);
      for (const a of SUBSET.attributes.get(element)!) expect(attributes.has(a), `@${a} on <${element}>`).toBe(true);
      for (const c of SUBSET.children.get(element)!) expect(children.has(c), `<${c}> in <${element}>`).toBe(true);
    }
  });

  it.skipIf(!hasTeiAll)('tei-vocabulary.ts is generated from the tei_all.rng in use', () => {
    const text = readFileSync(TEI_ALL, 'utf8');
    const expected = teiVocabularySource(rngVocabulary(text), SUBSET.elements, teiVersion(text));
    const actual = readFileSync(new URL('../../src/validate/tei-vocabulary.ts', import.meta.url), 'utf8');
    expect(actual, 'run: node dist/validate/emit-tei-vocabulary.js ../shared/schema-oracle/tei_all.rng').toBe(expected);
  });
});

describe('a complete edition in the house encoding', () => {
  it('is valid against the project schema', () => {
    expect(validateTei(EDITION)).toEqual([]);
  });

  it.skipIf(!hasTeiAll)('is valid against tei_all', () => {
    const official = teiAll(EDITION);
    if (official) expect(official).toEqual([]);
  });
});

describe("TEI's order rules are kept", () => {
  const broken: [string, string, string, RegExp][] = [
    ['titleStmt after publicationStmt', '</publicationStmt>', '</publicationStmt><titleStmt><title>Late</title></titleStmt>', /<titleStmt>/],
    ['head after p', '<quote><p>A quoted', '<head>Late</head><quote><p>A quoted', /<head>/],
    ['p after closer', '<note type="publication">', '<p>After the closer.</p><note type="publication">', /<p>/],
    ['opener after the text', '<quote><p>A quoted', '<opener><salute>Late</salute></opener><quote><p>A quoted', /<opener>/],
    ['availability without a licence or p', '<licence target="https://creativecommons.org/licenses/by-sa/2.0/">Creative Commons (Attribute &amp; ShareAlike) marxists.org 2008</licence>', '', /availability/],
  ];
  it.each(broken)('%s is invalid against the project schema, naming the element', (_, from, to, names) => {
    const ds = schemaFindings(validateTei(variant(from, to)));
    expect(codes(ds)).toContain('schema-invalid');
    expect(codes(ds)).not.toContain('schema-outside-subset');
    expect(ds.map((d) => d.message).join('\n')).toMatch(names);
    expect(ds.every((d) => d.line! > 0 && d.column! >= 1)).toBe(true);
  });
  it.skipIf(!hasTeiAll).each(broken)('%s is invalid against tei_all as well', (_, from, to) => {
    const official = teiAll(variant(from, to));
    if (official) expect(codes(official)).toContain('schema-invalid');
  });
});

describe('valid TEI outside the subset', () => {
  const outside: [string, string, string, RegExp][] = [
    ['an element teiwright does not write', '<hi rend="italic">branch</hi>', '<foreign xml:lang="de">Zweig</foreign>', /<foreign> inside <p> is a TEI element/],
    ['an attribute teiwright does not write', '<closer>', '<closer rend="right">', /@rend on <closer> is a TEI attribute/],
    ['a date form TEI allows but teiwright does not write (gMonth)', '<date when="1912-03">March 1912</date></dateline>', '<date when="--03">March</date></dateline>', /@when="--03" on <date>/],
    ['a fraction as @quantity', 'quantity="1"', 'quantity="1/2"', /@quantity="1\/2" on <gap>/],
    ['a TEI element the subset leaves out, inside a subset element', '<salute>Comrades,</salute></opener>', '<salute>Comrades,</salute><byline>by J. S.</byline></opener>', /<byline>/],
  ];
  it.each(outside)('%s: schema-outside-subset, not schema-invalid', (_, from, to, message) => {
    const ds = schemaFindings(validateTei(variant(from, to)));
    expect(codes(ds)).toEqual(['schema-outside-subset']);
    expect(ds[0]!.message).toMatch(message);
    expect(ds[0]!.message).toMatch(/valid TEI, but outside the teiwright subset/);
  });
  it.skipIf(!hasTeiAll).each(outside)('%s: tei_all accepts it', (_, from, to) => {
    const official = teiAll(variant(from, to));
    if (official) expect(official).toEqual([]);
  });

  it('an element that is not TEI at all is invalid, not outside the subset', () => {
    const ds = schemaFindings(validateTei(variant('<hi rend="italic">branch</hi>', '<frobnicate>branch</frobnicate>')));
    expect(codes(ds)).toEqual(['schema-invalid']);
    expect(ds[0]!.message).toMatch(/<frobnicate> inside <p> is not a TEI element/);
  });

  it('an attribute TEI does not have is invalid', () => {
    const ds = schemaFindings(validateTei(variant('<closer>', '<closer colour="red">')));
    expect(codes(ds)).toEqual(['schema-invalid']);
    expect(ds[0]!.message).toMatch(/<closer> has no attribute @colour in TEI/);
  });

  it('a value TEI refuses too is invalid (Feb 30th)', () => {
    const ds = schemaFindings(validateTei(variant('notAfter="1912-03-31"', 'notAfter="1912-02-30"')));
    expect(codes(ds)).toEqual(['schema-invalid']);
    expect(ds[0]!.message).toMatch(/@notAfter="1912-02-30" on <date>/);
  });
});

describe('what the messages say', () => {
  const cases: [string, string, string, RegExp][] = [
    ['text loose in a div', '<quote><p>A quoted', 'loose words<quote><p>A quoted', /^<div> cannot contain text/],
    ['text in an empty element', '<pb n="2"/>', '<pb n="2">2</pb>', /^<pb> must be empty$/],
    ['a required attribute missing', ' version="0.1.0"', '', /attributes of <application>.*required attribute/],
    ['a required child missing', '<label>teiwright</label>', '', /<application> is incomplete/],
    ['an element in another namespace', '<quote><p>A quoted', '<p xmlns="http://example.org/x">x</p><quote><p>A quoted', /<p> inside <div> is in namespace "http:\/\/example.org\/x"/],
  ];
  it.each(cases)('%s: one finding that says so', (_, from, to, message) => {
    const ds = schemaFindings(validateTei(variant(from, to)));
    expect(ds.map((d) => [d.code, d.message])).toEqual([['schema-invalid', expect.stringMatching(message)]]);
  });
});

describe('compiling', () => {
  it('compiles the project schema fast, once per process', () => {
    expect(schemaCompileMs(PROJECT_SCHEMA)).toBeLessThan(3000);
    expect(compileSchema(PROJECT_SCHEMA)).toBe(compileSchema(PROJECT_SCHEMA));
  });
});

/**
 * The reduced project schema (src/validate/own-schema.ts) gives TEI that teiwright wrote
 * the verdict of the whole project schema: checked on the seeds' TEI and on variants of it
 * with good and bad attribute values, missing and extra elements. And validateTei says
 * exactly the same about each of them once the reduced schema is in use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument, ParseOption } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { validateTei } from '../../src/validate/index.js';
import { REDUCE_AFTER, analyseSchema, patternsCertainlyMatch, reducedProjectSchema, useReducedSchemaAfter } from '../../src/validate/own-schema.js';
import { scanXml } from '../../src/validate/scan.js';
import { PROJECT_SCHEMA, SAFE_PARSE, compileSchema, relaxNgErrors, errorsOf } from '../../src/validate/schema.js';

const INPUT = join(import.meta.dirname, '../../input');
const seeds = readdirSync(INPUT)
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => convert(readFileSync(join(INPUT, n), 'utf8'), { file: n }).tei!);

/** Variants of a TEI: each replaces the first match of a pattern (a variant whose pattern is not found is the TEI itself). */
const EDITS: [RegExp, string][] = [
  [/ type="([^"]*)"/, ' type="two words"'],
  [/ type="([^"]*)"/, ' type="typé"'],
  [/ type="([^"]*)"/, ' type=""'],
  [/ type="([^"]*)"/, ' type="a&#9;b"'],
  [/ unit="([^"]*)"/, ' unit="vol\u00a0ume"'],
  [/(<application[^>]* version=")[^"]*"/, '$11.x"'],
  [/(<application[^>]* version=")[^"]*"/, '$1١٢"'],
  [/(<application[^>]* version=")[^"]*"/, '$12.0b3"'],
  [/ target="([^"]*)"/, ' target="#a  #b"'],
  [/ target="([^"]*)"/, ' target=""'],
  [/ target="([^"]*)"/, ' target="#sé"'],
  [/ target="([^"]*)"/, ' target="http://example.org/a b"'],
  [/ place="([^"]*)"/, ' place="above below"'],
  [/ place="([^"]*)"/, ' place=" "'],
  [/ hand="([^"]*)"/, ' hand="#a b"'],
  [/ hand="([^"]*)"/, ' hand=""'],
  [/ medium="([^"]*)"/, ' medium="pencil ink"'],
  [/ reason="([^"]*)"/, ' reason="il\u2028legible"'],
  [/ when="([^"]*)"/, ' when="1912-13"'],
  [/ quantity="([^"]*)"/, ' quantity="-1"'],
  [/<p>/, '<p rend="x y" type="z">'],
  [/<p>/, '<p bogus="1">'],
  [/<\/titleStmt>/, '<foo/></titleStmt>'],
  [/<author>[^<]*<\/author>/, ''],
  [/<title>/, '<title type="main  sub">'],
];

const variants = seeds.flatMap((tei) => [tei, ...EDITS.map(([re, to]) => tei.replace(re, to))]);

const parse = (xml: string) => XmlDocument.fromString(xml, { option: SAFE_PARSE | ParseOption.XML_PARSE_HUGE });

describe('the reduced project schema', () => {
  it('is made from the project schema, with a test for each attribute a pattern applies to', () => {
    const r = reducedProjectSchema(PROJECT_SCHEMA);
    expect(r).toBeDefined();
    expect([...r!.tests.keys()].sort()).toEqual(expect.arrayContaining(['hand', 'rend', 'target', 'type', 'version']));
  });

  it('is not made from a schema whose patterns it cannot follow', () => {
    const grammar = (body: string) => `<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><start><element name="a">${body}</element></start></grammar>`;
    expect(analyseSchema(grammar('<attribute name="x"><data type="token"><param name="pattern">\\S+</param></data></attribute>'))).toBeDefined();
    // A pattern on element text, an unknown pattern, an attribute named by a name class.
    expect(analyseSchema(grammar('<data type="token"><param name="pattern">\\S+</param></data>'))).toBeUndefined();
    expect(analyseSchema(grammar('<attribute name="x"><data type="token"><param name="pattern">[a-z]+</param></data></attribute>'))).toBeUndefined();
    expect(analyseSchema(grammar('<attribute><anyName/><data type="token"><param name="pattern">\\S+</param></data></attribute>'))).toBeUndefined();
    expect(analyseSchema(grammar('<externalRef href="x.rng"/>'))).toBeUndefined();
  });

  it('gives the verdict of the whole schema wherever its test passes', () => {
    const r = reducedProjectSchema(PROJECT_SCHEMA)!;
    const whole = compileSchema(PROJECT_SCHEMA);
    let fast = 0;
    let declined = 0;
    let invalid = 0;
    for (const xml of variants) {
      const doc = parse(xml);
      try {
        const valid = relaxNgErrors(whole, doc).length === 0;
        const reducedValid = errorsOf(r.validator, doc).length === 0;
        // The reduced schema accepts more, never less.
        if (valid) expect(reducedValid).toBe(true);
        const scan = scanXml(xml);
        if (scan.ok && patternsCertainlyMatch(r.tests, scan.elements)) {
          fast++;
          expect(reducedValid).toBe(valid);
        } else declined++;
        if (!valid) invalid++;
      } finally {
        doc.dispose();
      }
    }
    // Both kinds were seen, and invalid documents among them.
    expect(fast).toBeGreaterThan(seeds.length);
    expect(declined).toBeGreaterThan(10);
    expect(invalid).toBeGreaterThan(10);
  });

  it('leaves what validateTei says unchanged', () => {
    try {
      useReducedSchemaAfter(Number.POSITIVE_INFINITY);
      const before = variants.map((xml) => validateTei(xml, { file: 'v.xml', schema: 'project' }));
      useReducedSchemaAfter(0);
      const after = variants.map((xml) => validateTei(xml, { file: 'v.xml', schema: 'project' }));
      expect(after).toEqual(before);
      expect(before.filter((d) => d.some((x) => x.code === 'schema-invalid' || x.code === 'schema-outside-subset')).length).toBeGreaterThan(10);
    } finally {
      useReducedSchemaAfter(REDUCE_AFTER);
    }
  });
});

/**
 * What the tests ask of a TEI document: XPath facts, and validity. Every TEI output of
 * the suite goes through `expectValidTei`: no error from teiwright's own checks (project
 * schema, ids, pointers) and, when ../shared is present, valid against TEI's tei_all.rng.
 */
import { XmlDocument, type XmlNode } from 'libxml2-wasm';
import { expect } from 'vitest';
import { validateTei } from '../../src/validate/index.js';
import { TEI_ALL, hasTeiAll, skipMessage } from './shared.js';

export const NS = { tei: 'http://www.tei-c.org/ns/1.0', xml: 'http://www.w3.org/XML/1998/namespace' };

export function parseTei(xml: string): XmlDocument {
  return XmlDocument.fromString(xml);
}

/** The nodes an XPath (with the `tei:` prefix) selects. */
export function xpath(doc: XmlDocument, expr: string): XmlNode[] {
  return doc.find(expr, NS);
}

/** The text content of the first node an XPath selects, white space squashed; undefined when none. */
export function xtext(doc: XmlDocument, expr: string): string | undefined {
  const node = doc.get(expr, NS);
  return node === null ? undefined : node.content.replace(/\s+/g, ' ').trim();
}

/** The value of an XPath expression that returns a string or number, e.g. `count(//tei:note)`. */
export function xeval(doc: XmlDocument, expr: string): string {
  return String(doc.eval(expr, NS));
}

let warned = false;

/**
 * Errors of `xml` against tei_all.rng; undefined when ../shared is absent. The compiled
 * schema is cached by src/validate (one compile per process, and the suite is one process).
 */
export function teiAllErrors(xml: string): string[] | undefined {
  if (!hasTeiAll) {
    if (!warned) console.warn(skipMessage('tei_all.rng'));
    warned = true;
    return undefined;
  }
  return validateTei(xml, { schema: TEI_ALL })
    // tei_all's embedded Schematron runs too: its failed assertions (not its warnings) count.
    .filter((d) => d.code === 'schema-invalid' || d.code === 'schema-outside-subset' || d.code === 'xml-malformed' || (d.code === 'schematron-failed' && d.severity === 'error'))
    .map((d) => `${d.line}:${d.column}: ${d.message}`);
}

export function expectValidTei(xml: string): void {
  const own = validateTei(xml).filter((d) => d.severity === 'error');
  expect(own.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([]);
  const official = teiAllErrors(xml);
  if (official) expect(official).toEqual([]);
}

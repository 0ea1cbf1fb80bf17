/**
 * What the tests ask of a TEI document: XPath facts, and validity. Every TEI output of
 * the suite goes through `expectValidTei`: no error from teiwright's own checks (project
 * schema, ids, pointers) and, when ../shared is present, valid against TEI's tei_all.rng.
 */
import { readFileSync } from 'node:fs';
import { RelaxNGValidator, XmlDocument, XmlValidateError, type XmlNode } from 'libxml2-wasm';
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

let teiAll: RelaxNGValidator | undefined;
let warned = false;

/** Errors of `xml` against tei_all.rng; undefined when ../shared is absent. */
export function teiAllErrors(xml: string): string[] | undefined {
  if (!hasTeiAll) {
    if (!warned) console.warn(skipMessage('tei_all.rng'));
    warned = true;
    return undefined;
  }
  teiAll ??= RelaxNGValidator.fromDoc(XmlDocument.fromBuffer(readFileSync(TEI_ALL), { url: `file://${TEI_ALL}` }));
  const doc = XmlDocument.fromString(xml);
  try {
    teiAll.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details.map((d) => `${d.line}:${d.col}: ${d.message.trim()}`);
    throw e;
  } finally {
    doc.dispose();
  }
}

export function expectValidTei(xml: string): void {
  const own = validateTei(xml).filter((d) => d.severity === 'error');
  expect(own.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([]);
  const official = teiAllErrors(xml);
  if (official) expect(official).toEqual([]);
}

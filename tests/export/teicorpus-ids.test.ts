/**
 * A teiCorpus is one TEI document: the ids of the editions it gathers must stay unique in it
 * (every teiwright edition has `xml:id="teiwright"`, notes `n1`, …). Each edition's ids are
 * prefixed with an NCName made from its document id and its pointers rewritten to match, both
 * inline and XIncluded (from prefixed copies), so that each pointer still names an element of
 * its own edition and every word stays.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlBufferInputProvider, XmlDocument, xmlCleanupInputProvider, xmlRegisterInputProvider, } from 'libxml2-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { idPrefix, inlineEdition } from '../../src/export/formats/teicorpus.js';
import { loadTei } from '../../src/tei-load/index.js';
import { validateFile, validateTei } from '../../src/validate/index.js';
import { parseTei, teiAllErrors, xeval, xpath } from '../helpers/tei.js';
import { exportTo, read, tempDir, writeTeiFolder } from './helpers.js';

const LENIN = 'lenin-1921-attitude-to-non-party-workers';
const STALIN = 'stalin-1912-for-the-party';
const seedTei = (stem: string): string => convert(readFileSync(new URL(`../../input/${stem}.txt`, import.meta.url), 'utf8'), { file: `${stem}.txt` }).tei!;

/** Three editions whose ids collide: the Lenin seed twice (in a subfolder too) and the Stalin seed. */
const EDITIONS = new Map([
  ['lenin.xml', () => seedTei(LENIN)],
  ['sub/lenin.xml', () => seedTei(LENIN)],
  ['stalin.xml', () => seedTei(STALIN)],
]);

let dir: string;
let tei: string;
const sources = new Map<string, string>();
beforeAll(() => {
  dir = tempDir('teicorpus-ids');
  for (const [name, make] of EDITIONS) sources.set(name.replace(/\.xml$/, ''), make());
  mkdirSync(join(dir, 'tei', 'sub'), { recursive: true });
  tei = writeTeiFolder(dir, new Map([...sources].map(([id, xml]) => [`${id}.xml`, xml])));
});

/** Every `#id` token of an attribute of `root`'s subtree that names no xml:id of that same subtree. */
function foreignPointers(doc: XmlDocument, root: string): string[] {
  const ids = new Set(xpath(doc, `${root}//@xml:id`).map((a) => a.content));
  const out: string[] = [];
  for (const a of xpath(doc, `${root}//@*[starts-with(normalize-space(.), "#")]`)) {
    for (const token of a.content.split(/\s+/)) if (token.startsWith('#') && !ids.has(token.slice(1))) out.push(token);
  }
  return out;
}

/** The checks every teiCorpus must pass, on the corpus as one (expanded) document. */
function expectOneValidCorpus(xml: string, own: ReturnType<typeof validateTei>): void {
  const codes = own.map((d) => d.code);
  expect(codes.filter((c) => c === 'id-duplicate' || c === 'pointer-broken' || c === 'pointer-malformed')).toEqual([]);
  const official = teiAllErrors(xml);
  if (official) expect(official).toEqual([]);
  const doc = parseTei(xml);
  try {
    expect(xeval(doc, 'count(/tei:teiCorpus/tei:TEI)')).toBe(String(EDITIONS.size));
    const editions = [...sources.keys()].sort().map((_, i) => ({ path: `/tei:teiCorpus/tei:TEI[${i + 1}]` }));
    const allIds = xpath(doc, '//@xml:id').map((a) => a.content);
    expect(allIds.length).toBeGreaterThan(EDITIONS.size * 3);
    expect(allIds.filter((id, i) => allIds.indexOf(id) !== i)).toEqual([]);
    const prefixes: string[] = [];
    for (const [i, edition] of editions.entries()) {
      const id = [...sources.keys()].sort()[i]!;
      const prefix = idPrefix(id);
      prefixes.push(prefix);
      // Every id of the edition carries its prefix; every pointer names an element of the same edition.
      expect(xpath(doc, `${edition.path}//@xml:id`).filter((a) => !a.content.startsWith(`${prefix}.`))).toEqual([]);
      expect(foreignPointers(doc, edition.path)).toEqual([]);
      // Every word of the edition is there, in order.
      const source = parseTei(sources.get(id)!);
      expect(xeval(doc, `string(${edition.path}/tei:text)`)).toBe(xeval(source, 'string(/tei:TEI/tei:text)'));
      source.dispose();
    }
    // A note's anchor points at that same edition's note (the Lenin seed has one, with an emendation).
    const lenin = editions[0]!;
    const p = idPrefix('lenin');
    const anchors = xpath(doc, `${lenin.path}//tei:ref[@type="noteAnchor"]/@target`).map((a) => a.content);
    expect(anchors.length).toBeGreaterThan(0);
    for (const target of anchors) {
      expect(target).toMatch(new RegExp(`^#${p}\\.n`));
      expect(xeval(doc, `count(${lenin.path}//tei:note[@xml:id = "${target.slice(1)}"])`)).toBe('1');
    }
    // A pointer with several values has each rewritten (the note on the emendation points at both).
    const targets = xeval(doc, `string(${lenin.path}//tei:note[contains(@target, " ")]/@target)`).split(' ');
    expect(targets.length).toBeGreaterThan(1);
    expect(targets.every((t) => t.startsWith(`#${p}.`))).toBe(true);
    expect(xeval(doc, `count(${lenin.path}//tei:subst[@xml:id = "${targets[1]!.slice(1)}"])`)).toBe('1');
    // @resp="#teiwright" goes to the edition's own respStmt, not to another edition's.
    expect(xeval(doc, `count(${lenin.path}//@resp[. = "#${p}.teiwright"])`)).not.toBe('0');
    expect(new Set(prefixes).size).toBe(prefixes.length);
  } finally {
    doc.dispose();
  }
}

describe('teiCorpus ids', () => {
  it('inline: one document with unique ids, each pointer in its own edition, every word kept, valid (teiwright and tei_all)', async () => {
    await exportTo('teicorpus', [tei], join(dir, 'inline'), {}, { inline: true });
    const path = join(dir, 'inline', 'corpus.xml');
    expectOneValidCorpus(read(path), validateFile(path));
  });

  it('XIncluded: the copies it includes have prefixed ids, so the expanded corpus is valid too', async () => {
    await exportTo('teicorpus', [tei], join(dir, 'xi'), {}, { jobs: 2 });
    const base = join(dir, 'xi', 'corpus.xml');
    const xi = read(base);
    const hrefs = [...xi.matchAll(/<xi:include href="([^"]+)"\/>/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(EDITIONS.size);
    // Each copy is a TEI of its own, valid by itself.
    for (const href of hrefs) expect(validateFile(join(dir, 'xi', href)).filter((d) => d.severity === 'error')).toEqual([]);
    xmlRegisterInputProvider(new XmlBufferInputProvider(Object.fromEntries(hrefs.map((h) => [join(dir, 'xi', h), readFileSync(join(dir, 'xi', h))]))));
    let expanded: string;
    try {
      const doc = XmlDocument.fromString(xi, { url: base });
      expect(doc.processXInclude()).toBe(EDITIONS.size);
      expanded = doc.toString();
      doc.dispose();
    } finally {
      xmlCleanupInputProvider();
    }
    expectOneValidCorpus(expanded, validateFile(base));
  });

  it('a teiCorpus read back is refused with a clear message (export its TEI files instead)', async () => {
    await exportTo('teicorpus', [tei], join(dir, 'again'), {}, { inline: true });
    const loaded = loadTei(read(join(dir, 'again', 'corpus.xml')), { file: 'corpus.xml' });
    expect(loaded.edition).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.message).join('\n')).toContain('teiCorpus');
  });

  it('prefixes are NCNames, one per document id (names that a simple replacement would merge stay apart)', () => {
    const ids = ['a/b', 'a.b', 'a_b', 'a-b', '1921', '-x', 'é', '_-1921', 'sub/lenin-1921'];
    const prefixes = ids.map(idPrefix);
    expect(new Set(prefixes).size).toBe(ids.length);
    for (const p of prefixes) expect(p).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  });

  it('rewrites only pointers to the edition’s own ids, in either quote, one value or several', () => {
    const xml = `<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p xml:id='p1' corresp="#p1 #elsewhere http://x/#p1" n="#p1">#p1</p><note target="#p1" xml:id="n1"/></body></text></TEI>`;
    expect(inlineEdition(xml, 'd')).toBe(
      `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p xml:id='d.p1' corresp="#d.p1 #elsewhere http://x/#p1" n="#p1">#p1</p><note target="#d.p1" xml:id="d.n1"/></body></text></TEI>`,
    );
  });
});


/**
 * The integrity check against its session-7 form (tests/fidelity/oracle/integrity-v7.ts,
 * kept as it was): ids, pointers, private URI schemes and endnotes found in one pass must
 * give the same diagnostics, in the same order, on documents made with every kind of
 * finding (duplicate ids, broken and empty pointers, lists with doubled spaces, prefixDef
 * schemes, TEI examples, embedded SVG ids, endnotes pointed to by themselves, by others or
 * by nobody, ids an XInclude brought in) and on the TEI of the seeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkIntegrity } from '../../src/validate/integrity.js';
import { scanXml, type ElementRecord } from '../../src/validate/scan.js';
import { checkIntegrity as oracleCheck } from './oracle/integrity-v7.js';
import { prng } from '../helpers/prng.js';

const TEI_NS = 'http://www.tei-c.org/ns/1.0';
const IDS = ['a', 'b', 'n1', 'n2', 'n3', 'x', 'smith', 'fig'];

function elementsOf(xml: string): ElementRecord[] {
  const scan = scanXml(xml);
  if (!scan.ok) throw new Error('unsafe test document');
  return scan.elements;
}

function same(elements: readonly ElementRecord[], included?: ReadonlySet<string>): number {
  const now = new Diagnostics('doc.xml');
  const then = new Diagnostics('doc.xml');
  checkIntegrity(elements, now, included);
  oracleCheck(elements, then, included);
  expect(JSON.stringify(now.items)).toBe(JSON.stringify(then.items));
  return now.items.length;
}

/** A document with pointers, ids and notes drawn at random. */
function document(rand: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const id = () => (rand() < 0.6 ? ` xml:id="${pick(IDS)}"` : '');
  const pointer = () => {
    const tokens = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(['#a', '#n1', '#n2', '#n3', '#x', '#missing', '#', 'psn:smith', 'psn:Nobody', 'other.xml#a', 'http://example.org/#b', '']));
    return ` ${pick(['target', 'corresp', 'resp', 'hand', 'who', 'ref', 'n', 'xml:base'])}="${tokens.join(rand() < 0.2 ? '  ' : ' ')}"`;
  };
  const parts: string[] = [];
  for (let k = 0; k < 12; k++) {
    const r = rand();
    if (r < 0.3) parts.push(`<p${id()}${pointer()}>text <ref${pointer()}>1</ref></p>`);
    else if (r < 0.4) parts.push(`<note${id()}${rand() < 0.5 ? ` n="${k}"` : ''}${rand() < 0.3 ? pointer() : ''}>a note</note>`);
    else if (r < 0.5) parts.push(`<div type="notes"><note xml:id="${pick(IDS)}" n="${k}"${rand() < 0.3 ? ' target="#' + pick(IDS) + '"' : ''}>an endnote</note></div>`);
    else if (r < 0.6) parts.push(`<egXML xmlns="http://www.tei-c.org/ns/Examples"><p xml:id="${pick(IDS)}" target="#nowhere">quoted</p><note xml:id="n9">q</note></egXML>`);
    else if (r < 0.7) parts.push(`<figure><svg xmlns="http://www.w3.org/2000/svg"><g id="${pick(IDS)}" target="#none"/><g xml:id="${pick(IDS)}"/></svg></figure>`);
    else if (r < 0.8) parts.push(`<ab${id()}><seg${id()}${pointer()}/></ab>`);
    else parts.push(`<p${id()}><persName ref="${pick(['#smith', 'psn:smith', 'psn:x y', '#fig'])}">S</persName></p>`);
  }
  const back = Array.from({ length: Math.floor(rand() * 4) }, (_, k) => `<note xml:id="${pick(IDS)}"${rand() < 0.5 ? ` n="${k}"` : ''}${rand() < 0.3 ? ` target="#${pick(IDS)}"` : ''}>end</note>`).join('');
  const prefix = rand() < 0.5 ? '<listPrefixDef><prefixDef ident="psn" matchPattern="([a-z]+)" replacementPattern="#$1"/><prefixDef ident="psn" matchPattern="(" replacementPattern="#bad"/></listPrefixDef>' : '';
  // A TEI note quoted inside an example in <back>: checked as a note whatever the example.
  const quoted = rand() < 0.3 ? `<egXML xmlns="http://www.tei-c.org/ns/Examples"><note xmlns="${TEI_NS}" xml:id="q${Math.floor(rand() * 3)}">quoted</note></egXML>` : '';
  return `<TEI xmlns="${TEI_NS}"><teiHeader><encodingDesc>${prefix}</encodingDesc></teiHeader><text><body>${parts.join('')}</body><back>${back}${quoted}</back></text></TEI>`;
}

describe('integrity: the same diagnostics as the session-7 check', () => {
  it('on 800 generated documents with every kind of finding', () => {
    let reported = 0;
    const codes = new Set<string>();
    for (let n = 0; n < 800; n++) {
      const rand = prng(n + 7);
      const elements = elementsOf(document(rand));
      reported += same(elements, n % 5 === 0 ? new Set(['missing']) : undefined);
      const d = new Diagnostics('doc.xml');
      checkIntegrity(elements, d);
      for (const x of d.items) codes.add(x.code);
    }
    expect([...codes].sort()).toEqual(['id-duplicate', 'note-unreferenced', 'pointer-broken', 'pointer-malformed']);
    expect(reported).toBeGreaterThan(800);
  });

  it('on the TEI of the seeds, as written and with its pointers and ids broken', () => {
    const dir = join(import.meta.dirname, '../../input');
    let n = 0;
    for (const name of readdirSync(dir).sort()) {
      const tei = convert(readFileSync(join(dir, name), 'utf8'), { file: name }).tei;
      if (!tei) continue;
      n++;
      expect(same(elementsOf(tei))).toBe(0);
      const broken = tei.replace(/target="#n(\d)/g, 'target="#m$1').replace(/xml:id="nref1"/, 'xml:id="n1"');
      expect(same(elementsOf(broken))).toBeGreaterThan(0);
    }
    expect(n).toBeGreaterThan(0);
  });
});

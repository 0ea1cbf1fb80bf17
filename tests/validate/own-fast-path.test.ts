/**
 * TEI teiwright wrote is checked in one walk (src/validate/index.ts, checkText): the fast
 * RELAX NG check (rng/index.ts) reads the text and gathers, on the way, what the integrity
 * checks need (ids, pointers, endnotes, whether teiwright wrote it); when the walk finds it
 * valid and its facts are enough (no id given twice, no private URI scheme), that is the
 * answer, integrity's findings made from the facts, without scanXml's records. Two
 * differential tests against the code as it was:
 * - the walk's verdict, rewritten to keep no object per element or attribute, against the
 *   session-8 walk (tests/validate/oracle/rng-walk-v8.ts);
 * - every finding of `validateTei` with the one walk against the way before it (scanXml,
 *   writtenByTeiwright, fastVerdict, checkIntegrity: still the code that runs when the walk
 *   is not sure), on the seeds' TEI, the corpus's, and thousands of mutations of them, among
 *   them mutations aimed at what integrity reports (pointers to nothing, "#" alone, ids
 *   given twice or taken away, endnotes nothing points to, notes sections, character
 *   references in pointers, a document that does not say teiwright wrote it).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { useOneWalk, validateTei } from '../../src/validate/index.js';
import { fastVerdicts, walkFacts, walkOwn } from '../../src/validate/rng/index.js';
import { PROJECT_SCHEMA } from '../../src/validate/schema.js';
import { corpusDocuments, hasBothCorpora } from '../helpers/corpus-files.js';
import { mutate, pick, random, spansOf } from '../helpers/tei-mutations.js';
import { skipMessage } from '../helpers/shared.js';
import { fastVerdict as oracleVerdict } from './oracle/rng-walk-v8.js';

function seedTei(): string[] {
  const dir = new URL('../../input/', import.meta.url);
  return ['lenin-1921-attitude-to-non-party-workers.txt', 'stalin-1912-for-the-party.txt'].map((name) => {
    const tei = convert(readFileSync(new URL(name, dir), 'utf8'), { file: name }).tei;
    if (tei === undefined) throw new Error(`${name} did not convert`);
    return tei;
  });
}

/** All findings of validateTei (with a file name, as convert gives it), the one walk on or off. */
function findings(xml: string, one: boolean): string[] {
  useOneWalk(one);
  try {
    return validateTei(xml, { file: 'doc.xml' }).map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
  } finally {
    useOneWalk(true);
  }
}

/** Pointer values of every kind integrity treats apart. */
const POINTERS = ['#', '# ', ' #', '#nope', '#n1', '#n1 #n2', '#n1  #n2', ' #n1', '#n1 ', '#n1 #', '##n1', 'n1', 'http://example.org/#n1', 'other.xml#n1', '#teiwright', '#nref1', '&#35;n1', '#&#110;1', '#n1&#32;#n2', '#n1&#9;#n2', '#n1\t#n2', '#n1\n#n2', 'psn:x', '#x:y'];

/** Values of a note's @n (the note-unreferenced message quotes it): plain, with references, with white space to normalise, empty. */
const LABELS = ['2', 'a&amp;b', '&#49;', '1\t2', '1\n2', '', ' x '];

/** One change aimed at what integrity reports; the schema may or may not allow it. */
function integrityMutate(xml: string, r: () => number): string {
  const ids = [...xml.matchAll(/ xml:id="([^"]*)"/g)].map((m) => m[1]!);
  const pointers = [...xml.matchAll(/ (target|resp|corresp|hand|who|ref)="([^"]*)"/g)];
  const id = ids.length > 0 ? pick(r, ids) : 'x';
  const spans = spansOf(xml);
  const t = pick(r, spans);
  const cut = t.open - (xml[t.open - 2] === '/' ? 2 : 1);
  switch (Math.floor(r() * 10)) {
    case 0: {
      // A pointer changed: to another id, to nothing, to several, written with references.
      if (pointers.length === 0) return xml;
      const m = pick(r, pointers);
      const value = r() < 0.4 ? `#${pick(r, ids)}` : r() < 0.3 ? `#${pick(r, ids)} #${pick(r, ids)}` : pick(r, POINTERS);
      return xml.slice(0, m.index!) + ` ${m[1]}="${value}"` + xml.slice(m.index! + m[0].length);
    }
    case 1: {
      // An xml:id taken away (what pointed to it points to nothing; a note drops out of the endnotes).
      const at = xml.indexOf(` xml:id="${id}"`);
      return at < 0 ? xml : xml.slice(0, at) + xml.slice(at + ` xml:id="${id}"`.length);
    }
    case 2: {
      // An xml:id renamed, or given to another element too.
      const at = xml.indexOf(` xml:id="${id}"`);
      if (r() < 0.5) return at < 0 ? xml : xml.slice(0, at) + ` xml:id="${id}x"` + xml.slice(at + ` xml:id="${id}"`.length);
      return xml.slice(0, cut) + ` xml:id="${id}"` + xml.slice(cut);
    }
    case 3:
      // A pointer attribute added to some element.
      return xml.slice(0, cut) + ` ${pick(r, ['target', 'resp', 'corresp', 'hand', 'who', 'ref'])}="${r() < 0.5 ? `#${id}` : pick(r, POINTERS)}"` + xml.slice(cut);
    case 4: {
      // A note made to point to itself only, or every pointer to one note taken away.
      const notes = [...xml.matchAll(/<note [^>]*xml:id="([^"]*)"[^>]*>/g)];
      if (notes.length === 0) return xml;
      const note = pick(r, notes);
      if (r() < 0.5) return xml.replace(new RegExp(` (target|corresp)="#${note[1]}"`, 'g'), '');
      const own = note[0].replace(/ target="[^"]*"/, '').replace(/>$/, ` target="#${note[1]}">`).replace(/\/ target/, ' target');
      return xml.slice(0, note.index!) + own + xml.slice(note.index! + note[0].length);
    }
    case 5: {
      // A notes section made, or unmade: the endnotes inside are then (not) reported.
      if (r() < 0.5) return xml.replace(/<div type="notes"/, '<div type="other"');
      const divs = [...xml.matchAll(/<div(?= |>)/g)];
      if (divs.length === 0) return xml;
      const d = pick(r, divs);
      return xml.slice(0, d.index!) + '<div type="notes"' + xml.slice(d.index! + 4).replace(/^ type="[^"]*"/, '');
    }
    case 6: {
      // The back taken away around the endnotes, or a note moved out of it.
      if (r() < 0.5) return xml.replace('<back>', '').replace('</back>', '');
      const notes = spans.filter((s) => s.name === 'note' && xml.slice(s.start, s.open).includes('xml:id'));
      if (notes.length === 0) return xml;
      const n = pick(r, notes);
      const piece = xml.slice(n.start, n.end);
      const rest = xml.slice(0, n.start) + xml.slice(n.end);
      const at = rest.indexOf('</p>');
      return at < 0 ? rest : rest.slice(0, at) + piece + rest.slice(at);
    }
    case 8: {
      // A note's @n changed or taken away (what a note nothing points to is called).
      const notes = [...xml.matchAll(/<note [^>]*>/g)];
      if (notes.length === 0) return xml;
      const note = pick(r, notes);
      const changed = r() < 0.3 ? note[0].replace(/ n="[^"]*"/, '') : note[0].replace(/ n="[^"]*"/, ` n="${pick(r, LABELS)}"`);
      return xml.slice(0, note.index!) + changed + xml.slice(note.index! + note[0].length);
    }
    case 7:
      // Not said to be written by teiwright (its ident, or the appInfo around it).
      return r() < 0.5 ? xml.replace('ident="teiwright"', `ident="${pick(r, ['other', 'teiwrigh', '&#116;eiwright'])}"`) : xml.replace(/<appInfo>/, '<appInfo><application ident="x" version="1"><label>x</label></application>');
    default:
      // A private URI scheme declared (integrity then expands pointers by it).
      return xml.replace('<encodingDesc>', '<encodingDesc><listPrefixDef><prefixDef ident="psn" matchPattern="([a-z]+)" replacementPattern="#$1"/></listPrefixDef>');
  }
}

interface Tally {
  documents: number;
  /** Answered by the one walk alone. */
  answered: number;
  /** Answered by the one walk, with findings of integrity (made from the walk's facts). */
  faulty: number;
  verdicts: Record<string, number>;
}

/** Mutations of each base, `rounds` of one to three changes each; every one checked both ways. */
function differential(bases: readonly string[], rounds: number, seed: number, aimed: number): Tally {
  const tally: Tally = { documents: 0, answered: 0, faulty: 0, verdicts: { valid: 0, invalid: 0, unsure: 0 } };
  const r = random(seed);
  for (const base of bases) {
    for (let k = 0; k < rounds; k++) {
      let xml = base;
      const changes = 1 + Math.floor(r() * 3);
      for (let c = 0; c < changes; c++) {
        try {
          xml = r() < aimed ? integrityMutate(xml, r) : mutate(xml, r);
        } catch {
          // A mutation that found no place to act (broken markup from an earlier one): keep what there is.
        }
      }
      tally.documents++;
      const verdict = walkOwn(PROJECT_SCHEMA, xml)!;
      expect(verdict, xml).toBe(oracleVerdict(PROJECT_SCHEMA, xml));
      tally.verdicts[verdict]!++;
      const answered = verdict === 'valid' && walkFacts.written && !walkFacts.unsupported;
      if (answered) tally.answered++;
      const before = findings(xml, false);
      if (answered && before.some((f) => /pointer-|note-unreferenced/.test(f))) tally.faulty++;
      expect(findings(xml, true), xml).toEqual(before);
    }
  }
  return tally;
}

afterEach(() => useOneWalk(true));

describe('TEI teiwright wrote, checked in one walk', () => {
  const seeds = seedTei();

  it('answers for the seeds with no finding, counting the fast verdict once each', () => {
    const counted = fastVerdicts.valid;
    for (const tei of seeds) expect(validateTei(tei)).toEqual([]);
    expect(fastVerdicts.valid - counted).toBe(seeds.length);
    for (const tei of seeds) {
      expect(walkOwn(PROJECT_SCHEMA, tei)).toBe('valid');
      expect(walkFacts.written).toBe(true);
      expect(walkFacts.ids.size).toBeGreaterThan(3);
      expect(walkFacts.pointers.length).toBeGreaterThan(3);
      expect(walkFacts.endnoteIds.length).toBeGreaterThan(0);
      expect(walkFacts.unsupported).toBe(false);
      expect(findings(tei, true)).toEqual([]);
    }
  });

  it('says what the way before says: pointers, ids and endnotes, on the seeds', () => {
    const tei = seeds[1]!;
    const cases = [
      tei.replace('target="#n1"', 'target="#nope"'),
      tei.replace('target="#n1"', 'target="#"'),
      tei.replace('target="#n1"', 'target="#n1 #"'),
      tei.replace(/<ref type="noteAnchor" xml:id="nref1" target="#n1">1<\/ref>/, ''),
      tei.replace('xml:id="nref2"', 'xml:id="nref1"'),
      tei.replace('ident="teiwright"', 'ident="someone"'),
    ];
    for (const xml of cases) {
      expect(xml).not.toBe(tei);
      const found = findings(xml, true);
      expect(found).toEqual(findings(xml, false));
      expect(found.length).toBeGreaterThan(0);
    }
  });

  it('gives every finding the way before gives: thousands of mutations of the seeds', () => {
    const tally = differential(seeds, 1500, 20, 0.5);
    console.info(`one walk on ${tally.documents} mutated seed documents: ${tally.answered} answered by it, ${tally.faulty} valid but with integrity findings, verdicts ${JSON.stringify(tally.verdicts)}`);
    // Both ways must be reached, and every verdict, else this test proves nothing.
    expect(tally.answered).toBeGreaterThan(300);
    expect(tally.faulty).toBeGreaterThan(200);
    expect(tally.verdicts.invalid).toBeGreaterThan(300);
    expect(tally.verdicts.unsure).toBeGreaterThan(100);
  }, 900_000);

  it('gives every finding the way before gives on the corpus TEI and mutations of it', (ctx) => {
    if (!hasBothCorpora) {
      console.warn(skipMessage('the MIA corpus'));
      ctx.skip();
      return;
    }
    const outputs: string[] = [];
    for (const d of corpusDocuments()) {
      const tei = convert(d.text, { file: d.path }).tei;
      if (tei !== undefined) outputs.push(tei);
    }
    let answered = 0;
    for (const tei of outputs) {
      if (walkOwn(PROJECT_SCHEMA, tei) === 'valid' && walkFacts.written && !walkFacts.unsupported) answered++;
      expect(findings(tei, true)).toEqual(findings(tei, false));
    }
    // teiwright's own outputs are what the one walk is for.
    expect(answered).toBeGreaterThan(outputs.length * 0.9);
    const tally = differential(outputs.filter((_, i) => i % 6 === 0), 20, 21, 0.5);
    console.info(`one walk on ${outputs.length} corpus TEI (${answered} answered by it) and ${tally.documents} mutations: ${tally.answered} answered, ${tally.faulty} valid with integrity findings, verdicts ${JSON.stringify(tally.verdicts)}`);
    expect(tally.answered).toBeGreaterThan(20);
    expect(tally.faulty).toBeGreaterThan(20);
  }, 900_000);
});

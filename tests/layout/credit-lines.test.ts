/**
 * Credit lines of the information block, read the same from a page's HTML and from its
 * browser copy: who is credited with what, and where a name ends.
 */
import { XmlElement } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { expectValidTei, parseTei, xpath } from '../helpers/tei.js';

function doc(text: string, file: string): ReturnType<typeof parseTei> {
  const r = convert(text, { file });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectValidTei(r.tei!);
  return parseTei(r.tei!);
}

const TEXT = ['The first paragraph of the text, a sentence long enough to be text.', 'The second paragraph of the text, which ends the text here.'];
const copy = (info: string[]): string => ['The Power of Jobs', '', ...info, '', ...TEXT.flatMap((p) => [p, '']), ''].join('\n');
const html = (info: string[]): string =>
  '<html><head><title>The Power of Jobs</title></head><body>\n<h1>The Power of Jobs</h1>\n' +
  `<p class="information">${info.join('<br />\n')}</p>\n${TEXT.map((p) => `<p>${p}</p>`).join('\n')}\n</body></html>\n`;

/** "resp: kind name" for each respStmt but the converter's own. */
function credits(d: ReturnType<typeof parseTei>): string[] {
  const stmt = '//tei:titleStmt/tei:respStmt[not(@xml:id)]';
  return xpath(d, stmt).map((_, i) => {
    const resp = xpath(d, `${stmt}[${i + 1}]/tei:resp`)[0]?.content;
    const names = xpath(d, `${stmt}[${i + 1}]/*[self::tei:persName or self::tei:orgName]`);
    return `${resp}: ${names.map((n) => `${n instanceof XmlElement ? n.name : ""} ${n.content}`).join(', ')}`;
  });
}

const both = (info: string[]): string[][] => [credits(doc(copy(info), 'copy.txt')), credits(doc(html(info), 'page.html'))];

describe('every reader: credit lines of the information block', () => {
  it('"Transcribed & marked up by X" credits the transcription and the markup', () => {
    for (const c of both(['Transcribed & marked up by Einde O’Callaghan for the Marxists’ Internet Archive.'])) {
      expect(c).toEqual(['transcription/markup: persName Einde O’Callaghan']);
    }
  });
  it('"Transcribed by X" credits the transcription only (negative)', () => {
    for (const c of both(['Transcribed by Einde O’Callaghan for the Marxists’ Internet Archive.'])) {
      expect(c).toEqual(['transcription: persName Einde O’Callaghan']);
    }
  });
  it('a name stops at the end of its sentence', () => {
    for (const c of both(['Translated by Peter B. Maggs. Copyright © Peter B. Maggs. Published here by kind permission of the translator.'])) {
      expect(c).toEqual(['translation: persName Peter B. Maggs']);
    }
  });
  it('a month is no name, an archive an organisation', () => {
    for (const c of both(['Online Version: Natalia Sedova Internet Archive, May 2016.'])) {
      expect(c).toEqual(['online version: orgName Natalia Sedova Internet Archive']);
    }
  });
  it('the rest of the role is not the name; an organisation keeps its whole name', () => {
    for (const c of both(['Proofed: and corrected by Andy Blunden, February 2005.', 'Transcription: Socialist Party of Great Britain.'])) {
      expect(c).toEqual(['proofreading and correction: persName Andy Blunden', 'transcription: orgName Socialist Party of Great Britain']);
    }
  });
  it('"Proofread and corrected by X" credits proofreading and correction; "Proofed: X" proofreading only (negative)', () => {
    for (const c of both(['Proofread and corrected by Andy Blunden.'])) expect(c).toEqual(['proofreading and correction: persName Andy Blunden']);
    for (const c of both(['Proofed: Andy Blunden, February 2005.'])) expect(c).toEqual(['proofreading: persName Andy Blunden']);
  });
});

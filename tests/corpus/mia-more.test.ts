/**
 * The second batch of real MIA pages (../shared/corpus/mia-more: 109 pages, 60 authors,
 * every template, broken charsets) through the whole pipeline, as the CLI reads them: each
 * page converts with no error, no word lost, valid against tei_all. Then facts checked by
 * hand on 35 pages: read from each page's HTML source (title, author, date of writing,
 * number of notes, a piece of page furniture that must not be in the body), checked by
 * XPath on the TEI.
 *
 * What today's converter gets wrong is kept, marked `pending` with its reason: the test
 * reports it (a warning) instead of failing, and reports too when a pending fact has come
 * right, so it can be switched on. Pages that do not yet convert cleanly are listed the
 * same way. Skipped, with a message, when ../shared is absent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../../src/convert.js';
import { decodeInput } from '../../src/io/decode.js';
import { corpusEntries, teiFacts, type TeiFacts } from '../../src/tools/corpus-check.js';
import { CORPUS_MORE, hasCorpusMore, skipMessage } from '../helpers/shared.js';
import { parseTei, teiAllErrors, xeval } from '../helpers/tei.js';
import { validateTei } from '../../src/validate/index.js';

if (!hasCorpusMore) console.warn(skipMessage('The second MIA corpus (../shared/corpus/mia-more)'));

const pages = hasCorpusMore ? corpusEntries(CORPUS_MORE).filter((e) => e.format === 'html').map((e) => e.file) : [];

const cache = new Map<string, ConvertResult>();
function conversion(file: string): ConvertResult {
  let r = cache.get(file);
  if (!r) {
    const decoded = decodeInput(readFileSync(resolve(CORPUS_MORE, file)));
    if (!decoded.ok) throw new Error(`${file}: ${decoded.message}`);
    r = convert(decoded.text, { file });
    cache.set(file, r);
  }
  return r;
}

/**
 * Pages that do not convert cleanly today, each with the cause found: the reader moves or
 * drops words the fidelity check then misses (the layout engine's work, issue 9 item 1).
 * The TEI is still written (never lose a document); the test reports these, and fails for
 * any other page.
 */
const PENDING_PAGES: Readonly<Record<string, string>> = {};

function problems(file: string): string[] {
  const r = conversion(file);
  const out = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
  if (r.tei === undefined) return [...out, 'no TEI'];
  out.push(...validateTei(r.tei).filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`));
  out.push(...(teiAllErrors(r.tei) ?? []).map((e) => `tei_all ${e}`));
  return out;
}

describe.skipIf(!hasCorpusMore)('mia-more: every page through the whole pipeline', () => {
  it('the manifest lists the 109 HTML pages', () => expect(pages.length).toBe(109));

  it.each(pages)('%s: no error, no word lost, valid TEI (project schema and tei_all)', (file) => {
    const found = problems(file);
    const pending = PENDING_PAGES[file];
    if (pending !== undefined) {
      // A page that converts cleanly now must come off the list, so the list never hides a page.
      expect(found, `${file} converts cleanly now: take it off PENDING_PAGES`).not.toEqual([]);
      console.warn(`${file}: pending, ${pending}: ${found[0]}`);
      return;
    }
    expect(found).toEqual([]);
  });
});

type Fact = 'title' | 'author' | 'date' | 'notes' | 'furniture' | 'bodyHas';

/** Facts read by hand from a page's HTML; `date` in the form `when=…` / `notBefore=… notAfter=…`. */
interface HandChecked {
  file: string;
  title: string;
  author?: string;
  date?: string;
  notes?: number;
  /** Page furniture printed on the page that must not be in the body of the TEI. */
  furniture?: string;
  /** Words of the page that must be in the body as printed (decoding checks). */
  bodyHas?: string;
  /** Facts the converter gets wrong today, with the reason: reported, not failed. */
  pending?: Partial<Record<Fact, string>>;
}


const HAND_CHECKED: readonly HandChecked[] = [
  { file: 'allende-1970-first-speech-parliament.html', title: 'First speech to the Chilean parliament after his election', author: 'Salvador Allende', notes: 0, furniture: 'Back to Index' },
  { file: 'allende-1970-victory-speech.html', title: 'Victory Speech', author: 'Salvador Allende', date: 'when=1970-09-05', notes: 0, furniture: 'Salvador Allende Archive' },
  { file: 'bauer-1912-buried-hopes.html', title: 'Buried Hopes', author: 'Otto Bauer', date: 'when=1912', notes: 2, furniture: 'Last updated on' },
  { file: 'bernal-1960s-letter-to-macmillan.html', title: 'Letter to Harold Macmillan', author: 'J. D. Bernal', date: 'when=1960-01-06', notes: 0, furniture: 'J. D. Bernal Archive' },
  { file: 'bukharin-1920-organisation-of-army.html', title: 'The Organisation of the Army and the Structure of Society', author: 'N. Bukharin', notes: 0, furniture: 'The Call Index' },
  { file: 'cannon-1954-letter-to-goonewardene.html', title: 'Letter to Leslie Goonewardene', author: 'James P. Cannon', date: 'when=1954-02-23', notes: 0, furniture: 'Back to Marxist Writers Archive' },
  { file: 'chen-duxiu-1931-unification-chinese-opposition.html', title: 'The Unification of the Chinese Opposition', author: 'Tchen Du-Siu', date: 'when=1931-05', notes: 0, furniture: 'Last updated on' },
  { file: 'connolly-1907-notes-from-new-york.html', title: 'Notes from New York', author: 'James Connolly', date: 'when=1907-12-07', notes: 0, furniture: 'Top of the page' },
  { file: 'connolly-1913-labour-in-dublin.html', title: 'Labour in Dublin', author: 'James Connolly', date: 'when=1913-10', notes: 0, furniture: 'Last updated on 25 March 2022' },
  { file: 'davitt-1884-irish-social-problem.html', title: 'Irish Social Problem', author: 'Michael Davitt', date: 'when=1884-04', notes: 1, furniture: 'Top of the page' },
  // Declares windows-1251 but its one non-ASCII byte is a Latin-1 é: decoded as Latin, not Cyrillic.
  { file: 'deleon-1907-as-to-politics-letter-3-wagner-vasilio.html', title: 'Third Letter by Jos. Wagner and Leon Vasilio', notes: 0, furniture: 'Back to the Daniel De Leon Internet Archive', bodyHas: 'séances' },
  { file: 'deleon-1909-syndicalism.html', title: '“Syndicalism”', author: 'Daniel De Leon', date: 'notAfter=1909-08-02', notes: 0, furniture: 'Back to the Daniel De Leon Internet Archive' },
  { file: 'draper-1956-open-letter-to-silone.html', title: 'An Open Letter to Ignazio Silone', author: 'Hal Draper', date: 'when=1956-02', notes: 0, furniture: 'Top of the page' },
  { file: 'dunayevskaya-1961-state-capitalist-theory-anniversary.html', title: 'ON THE 20TH ANNIVERSARY OF THE STATE-CAPITALIST TENDENCY', author: 'Raya Dunayevskaya', date: 'when=1961-06-21', notes: 0, furniture: 'Raya Dunayevskaya Archive' },
  { file: 'dunayevskaya-1963-american-civilization-on-trial-intro01.html', title: 'INTRODUCTION [to First Edition, 1963]', author: 'Raya Dunayevskaya', notes: 5, furniture: 'Raya Dunayevskaya Archive' },
  { file: 'eastman-1919-letter-to-robert-minor.html', title: 'Letter to Robert Minor in Paris from Max Eastman in New York City, June 2, 1919', author: 'Max Eastman', date: 'when=1919-06-02', notes: 0, furniture: 'Max Eastman Archive' },
  { file: 'eccarius-1851-last-stage-bourgeois-society.html', title: 'The Last Stage of Bourgeois Society', author: 'Johann Georg Eccarius', date: 'when=1851-01', notes: 0, furniture: 'Eccarius Archive' },
  { file: 'engels-1850-peasant-war-germany-preface.html', title: 'Preface to the Second Edition (1870)', author: 'Frederick Engels', notes: 0, furniture: 'Last updated on 15 July 2020' },
  { file: 'engels-1880-socialism-utopian-scientific-ch02.html', title: 'II [Dialectics]', author: 'Frederick Engels', notes: 2, furniture: 'Table of Contents' },
  { file: 'engels-1883-dialectics-of-nature-introduction.html', title: '1. INTRODUCTION', author: 'Frederick Engels', notes: 3, furniture: 'next section' },
  { file: 'engels-1885-england-in-1845-and-1885.html', title: 'England in 1845 and in 1885', author: 'Frederick Engels', notes: 0, furniture: '1885 Works' },
  { file: 'engels-1885-preface-eighteenth-brumaire.html', title: 'Preface to the Third German Edition of The Eighteenth Brumaire of Louis Bonaparte', author: 'Frederick Engels', notes: 4, furniture: '1885 Works' },
  { file: 'engels-1886-ludwig-feuerbach-ch01.html', title: 'Part 1: Hegel', author: 'Frederick Engels', notes: 6 },
  { file: 'engels-1887-introduction-to-borkheim.html', title: 'Introduction to Borkheim', author: 'Frederick Engels', date: 'when=1887-12-15' },
  // One footnote ("1. “By classical political economy …”", its source line "(Karl Marx, Capital …)"
  // a paragraph of the same note) and three editor's insertions marked <span class="context">
  // ("[Tsarist troops invaded Hungary …]", "[Spontaneous uprisings …]", "[Engels is referring to
  // the May Day celebrations of 1891]"), inline notes: 4.
  { file: 'engels-1891-wage-labour-capital-introduction.html', title: 'Introduction to Karl Marx’s Wage Labour and Capital', author: 'Frederick Engels', notes: 4, furniture: 'Wage Labour and Capital Index' },
  { file: 'foot-1984-united-in-battle.html', title: 'United in battle for the class', author: 'Paul Foot', date: 'when=1984-05-26', notes: 0, furniture: 'Last updated on 5 October 2019' },
  { file: 'glass-1957-china-and-russia.html', title: 'Chinese and Russian Relations', author: 'John Liang', date: 'notBefore=1957-09 notAfter=1957-11', notes: 0, furniture: 'Top of the page' },
  { file: 'guevara-1959-new-old-interview-abstract.html', title: 'A New Old Interview', author: 'Ernesto Che Guevara', date: 'when=1959-04-18', furniture: 'Ernesto Che Guevara Archive' },
  { file: 'hallas-1980-where-do-we-go-from-here.html', title: 'Where do we go from here?', author: 'Duncan Hallas', date: 'when=1980-04', notes: 0, furniture: 'Top of the page' },
  { file: 'hilferding-1904-bohm-bawerk-criticism-preface.html', title: 'PREFACE', author: 'Rudolf Hilferding', notes: 2, furniture: 'Political Economy Archive' },
  { file: 'hyndman-1911-record-adventurous-life-ch16.html', title: 'Chapter XVI Karl Marx', author: 'Henry Mayers Hyndman', notes: 0, furniture: 'Hyndman Archive' },
  { file: 'james-1947-one-tenth-of-the-nation.html', title: 'One Tenth of the Nation', author: 'J.R. Johnston', date: 'when=1947-02-24', notes: 0, furniture: 'Last updated on 28 November 2020' },
  { file: 'kamenev-1924-leninism-or-trotskyism.html', title: 'Leninism or Trotskyism?', author: 'Lev Kamenev', notes: 1, furniture: 'Kamenev Archive' },
  { file: 'katayama-1922-appeal-to-proletariat.html', title: 'An Appeal to the Proletariat of the World!', author: 'Sen Katayama', date: 'when=1922-05', notes: 0, furniture: 'Top of the page' },
  { file: 'kautsky-1914-ultra-imperialism.html', title: 'Ultra-imperialism', author: 'Karl Kautsky', date: 'when=1914-09', notes: 0, furniture: 'Last updated on 30.6.2004' },
];

/** Today's value of each fact, read by XPath from the TEI. */
function actual(facts: TeiFacts, tei: string, fact: Fact, expected: HandChecked): string | number | boolean {
  switch (fact) {
    case 'title':
      return facts.title;
    case 'author':
      return facts.author;
    case 'date':
      return facts.date;
    case 'notes':
      return facts.notes;
    case 'furniture':
    case 'bodyHas': {
      const doc = parseTei(tei);
      try {
        const needle = (fact === 'furniture' ? expected.furniture : expected.bodyHas)!.replace(/"/g, '');
        return xeval(doc, `boolean(//tei:text/tei:body[contains(normalize-space(.), "${needle}")])`) === 'true';
      } finally {
        doc.dispose();
      }
    }
  }
}

const wanted = (h: HandChecked, fact: Fact): string | number | boolean | undefined =>
  fact === 'furniture' ? (h.furniture === undefined ? undefined : false) : fact === 'bodyHas' ? (h.bodyHas === undefined ? undefined : true) : h[fact];

describe.skipIf(!hasCorpusMore)('mia-more: facts read by hand from 35 pages, checked by XPath on the TEI', () => {
  it('checks at least 30 pages, each a page of the corpus', () => {
    expect(HAND_CHECKED.length).toBeGreaterThanOrEqual(30);
    for (const h of HAND_CHECKED) expect(pages).toContain(h.file);
  });

  it.each(HAND_CHECKED.map((h) => [h.file, h] as const))('%s', (_file, h) => {
    const r = conversion(h.file);
    expect(r.tei, 'a TEI is written').toBeDefined();
    const facts = teiFacts(r.tei!);
    for (const fact of ['title', 'author', 'date', 'notes', 'furniture', 'bodyHas'] as const) {
      const want = wanted(h, fact);
      if (want === undefined) continue;
      const got = actual(facts, r.tei!, fact, h);
      const reason = h.pending?.[fact];
      if (reason === undefined) {
        expect(got, `${fact} of ${h.file}`).toEqual(want);
      } else if (got === want) {
        console.warn(`${h.file}: ${fact} is right now (${JSON.stringify(want)}): switch it on (remove pending)`);
      } else {
        console.warn(`${h.file}: pending ${fact}: want ${JSON.stringify(want)}, TEI has ${JSON.stringify(got)} — ${reason}`);
      }
    }
  });
});

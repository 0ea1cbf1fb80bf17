/**
 * The self-checking corpus: each document converts with no error, is valid against
 * tei_all, loses no word; and each HTML page's TEI agrees with the TEI of its browser copy
 * (`pageText`) on the facts a scholar checks first. Used by `npm run corpus` and the tests.
 * The facts are read from the TEI by XPath, as a reader of the edition would find them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument } from 'libxml2-wasm';
import { convert, type ConvertResult } from '../convert.js';
import { countBySeverity, formatDiagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { decodeReferences } from '../model/charref.js';
import { editionStats } from '../model/stats.js';
import { validateTei } from '../validate/index.js';
import { KNOWN_DISAGREEMENTS, type KnownDisagreement } from './known-disagreements.js';
import { pageText } from './page-text.js';

const NS = { tei: 'http://www.tei-c.org/ns/1.0' };

/** One corpus entry: a file and its format column (`html`, `mia-markdown`, …). */
export interface CorpusEntry {
  file: string;
  format: string;
}

/** Documents to convert: the manifest's rows (metadata sidecars are not documents), or the folder's transcriptions. */
export function corpusEntries(dir: string): CorpusEntry[] {
  const manifest = join(dir, 'MANIFEST.tsv');
  if (existsSync(manifest)) {
    const [head = '', ...rows] = readFileSync(manifest, 'utf8').split('\n');
    const formatAt = head.split('\t').indexOf('format');
    return rows
      .map((l) => l.split('\t'))
      .filter((cols) => (cols[0] ?? '') !== '')
      .map((cols) => ({ file: cols[0]!, format: (formatAt >= 0 ? cols[formatAt] : undefined) ?? formatOf(cols[0]!) }))
      .filter((e) => !e.format.endsWith('-metadata'));
  }
  return readdirSync(dir)
    .filter((f) => /\.(md|html?|txt)$/.test(f))
    .sort()
    .map((file) => ({ file, format: formatOf(file) }));
}

const formatOf = (file: string): string => (/\.html?$/i.test(file) ? 'html' : 'text');

/** What a scholar checks first in an edition, read from its TEI. */
export interface TeiFacts {
  /** The main title (a subtitle, `title[@type="sub"]`, left out). */
  title: string;
  author: string;
  /** `profileDesc/creation/date` as its normalised attributes (or its words when it has none). */
  date: string;
  /** The names in `titleStmt/respStmt` (translators, transcribers …), sorted; teiwright's own is left out. */
  resp: string;
  notes: number;
  linkedAnchors: number;
  bodyWords: string[];
  /** Of `notes`, those the page prints inside its text (`note[@place='inline']`): editorial insertions. */
  inlineNotes?: number;
  /** Of `linkedAnchors`, those inside a note: a note referring to another ("See notes 11 and 14"). */
  noteRefs?: number;
}

export type FactName = Exclude<keyof TeiFacts, 'bodyWords' | 'inlineNotes' | 'noteRefs'> | 'bodyWords';
export const FACT_NAMES: readonly FactName[] = ['title', 'author', 'date', 'resp', 'notes', 'linkedAnchors', 'bodyWords'];

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const WORD = /[\p{L}\p{N}]+/gu;

export function teiFacts(tei: string): TeiFacts {
  // A line break (`<lb/>` without break="no") parts words as a printed line does; XPath's
  // string() would glue "Bloch<lb/>In" into one word that a browser copy shows as two.
  // Parts of a letter's opener and closer (dateline, salute, signed) are lines of their own too.
  const doc = XmlDocument.fromString(tei.replace(/<lb(?![^>]*\bbreak="no")(\s[^>]*)?\/>/g, ' <lb$1/>').replace(/<(dateline|salute|signed|head|p|item|argument|cell)([\s>])/g, ' <$1$2'));
  try {
    const texts = (expr: string): string[] => doc.find(expr, NS).map((n) => squash(n.content));
    const dateNode = doc.get('//tei:profileDesc/tei:creation/tei:date', NS);
    let date = '';
    if (dateNode) {
      const attrs = ['when', 'notBefore', 'notAfter'].map((a) => [a, String(doc.eval(`string(//tei:profileDesc/tei:creation/tei:date/@${a})`, NS))] as const).filter(([, v]) => v !== '');
      date = attrs.length > 0 ? attrs.map(([a, v]) => `${a}=${v}`).join(' ') : `"${squash(dateNode.content)}"`;
    }
    return {
      title: texts("(//tei:titleStmt/tei:title[not(@type='sub')])[1]").join(''),
      author: texts('//tei:titleStmt/tei:author').join('; '),
      date,
      resp: texts("//tei:titleStmt/tei:respStmt[not(@xml:id='teiwright')]/*[self::tei:persName or self::tei:name or self::tei:orgName]").sort().join('; '),
      notes: Number(doc.eval('count(//tei:text//tei:note)', NS)),
      inlineNotes: Number(doc.eval("count(//tei:text//tei:note[@place='inline'])", NS)),
      linkedAnchors: Number(doc.eval("count(//tei:text//tei:ref[@type='noteAnchor'][@target])", NS)),
      noteRefs: Number(doc.eval("count(//tei:text//tei:note//tei:ref[@type='noteAnchor'][@target])", NS)),
      // An image's description (figDesc, the page's alt text) is no word of the text: a browser copy does not print it.
      bodyWords: doc.find('//tei:text/tei:body//text()[not(ancestor::tei:figDesc)]', NS).map((n) => n.content).join('').match(WORD) ?? [],
    };
  } finally {
    doc.dispose();
  }
}

/** The outcome of converting one text (a page, or its copy). */
export interface Conversion {
  profile: string;
  notes: number;
  anchors: number;
  linked: number;
  emendations: number;
  warnings: number;
  errors: number;
  teiAll: 'yes' | 'no' | 'n/a';
  wordsLost: number;
  firstError?: string;
  /** Set when the bytes were not UTF-8 (the charset read). */
  charset?: string;
  facts?: TeiFacts;
}

function conversionOf(result: ConvertResult, file: string, teiAll: string | undefined): Conversion {
  const c = countBySeverity(result.diagnostics);
  const row: Conversion = {
    profile: result.model?.profile ?? '-',
    ...(result.model ? editionStats(result.model) : { notes: 0, anchors: 0, linked: 0, emendations: 0 }),
    warnings: c.warning,
    errors: c.error,
    teiAll: 'n/a',
    wordsLost: result.diagnostics.filter((d) => d.code === 'words-lost').length,
  };
  const firstError = result.diagnostics.find((d) => d.severity === 'error');
  if (firstError) row.firstError = formatDiagnostic(firstError);
  if (result.tei) {
    if (teiAll) row.teiAll = validateTei(result.tei, { file, schema: teiAll }).some((d) => d.severity === 'error') ? 'no' : 'yes';
    try {
      row.facts = teiFacts(result.tei);
    } catch {
      // Not well-formed: the error is already among the diagnostics.
    }
  }
  return row;
}

/** A fact on which a page's TEI and its copy's TEI differ. */
export interface Disagreement {
  fact: FactName;
  page: string;
  copy: string;
  /** The reason found in the source, when the table of known reasons has one whose quote is in the page. */
  known?: KnownDisagreement;
}

export interface DocumentCheck {
  file: string;
  format: string;
  page: Conversion;
  /** For HTML pages: the conversion of the page's browser copy. */
  copy?: Conversion;
  disagreements: Disagreement[];
}

function failedConversion(message: string): Conversion {
  return { profile: '-', notes: 0, anchors: 0, linked: 0, emendations: 0, warnings: 0, errors: 1, teiAll: 'n/a', wordsLost: 0, firstError: message };
}

/** Where two word sequences part, with a few words of each from there. */
function firstWordDifference(a: readonly string[], b: readonly string[]): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (w: readonly string[]) => `${w.length} words${i < w.length ? `, at word ${i + 1}: «${w.slice(i, i + 6).join(' ')}${i + 6 < w.length ? ' …' : ''}»` : ', ends there'}`;
  return [show(a), show(b)];
}

export function compareFacts(page: TeiFacts, copy: TeiFacts): Array<Omit<Disagreement, 'known'>> {
  const out: Array<Omit<Disagreement, 'known'>> = [];
  for (const fact of FACT_NAMES) {
    if (fact === 'bodyWords') {
      if (page.bodyWords.join(' ') !== copy.bodyWords.join(' ')) {
        const [p, c] = firstWordDifference(page.bodyWords, copy.bodyWords);
        out.push({ fact, page: p, copy: c });
      }
      continue;
    }
    const p = String(page[fact]);
    const c = String(copy[fact]);
    if (p !== c) out.push({ fact, page: p, copy: c });
  }
  return out;
}

/**
 * The HTML classes of MIA pages that mark an editor's words inside the text ("[Statism and
 * Anarchy]"), the classes the HTML reader reads as inline notes. Quoted whole when short;
 * a long one (a sentence with its own markup) by its opening tag and first words.
 */
const EDITORIAL_INSERTION = /<span\s+class\s*=\s*["']?(?:inote|ednote|context|updat)["']?\s*>(?:[\s\S]{0,120}?<\/span>|[^<]{1,80})/i;

/**
 * A notes disagreement the page itself explains: the page marks editorial insertions in its
 * text with a class (`<span class="inote">[…]</span>`), which the converter reads as inline
 * notes; a browser copy shows only the bracketed words, so its TEI has that many notes fewer.
 * Explained only when the counts match exactly and the markup is found in the page (quoted).
 */
function editorialInsertions(file: string, fact: FactName, page: TeiFacts, copy: TeiFacts, source: string): KnownDisagreement | undefined {
  if (fact !== 'notes') return undefined;
  const inline = page.inlineNotes ?? 0;
  const quote = EDITORIAL_INSERTION.exec(source)?.[0];
  if (inline === 0 || quote === undefined || page.notes - inline !== copy.notes - (copy.inlineNotes ?? 0)) return undefined;
  return {
    file,
    fact,
    reason: `the page marks ${inline} editorial insertion(s) in its text with an HTML class, read as inline notes; a browser copy shows only their words`,
    quote,
  };
}

/** A note's reference to another note by number, the number a link in the page's markup ("See notes 11 and <a href="#b14">14</a>"). */
const NOTE_CROSS_REFERENCE = /\bnotes?\s+(?:\d{1,3}\s*(?:,|and)\s*)*<a\s[^>]*href\s*=\s*["']#[^"']*["'][^>]*>\s*\d{1,3}\s*<\/a>/i;

/**
 * A linked-anchors disagreement the page explains: a note refers to another note by its
 * number, and the page makes that number a link; the converter reads the link as an anchor
 * inside the note. A browser copy shows the number only ("See notes 11 and 14"), as it
 * shows an unlinked one. Explained only when the counts match without such anchors.
 */
function noteCrossReferences(file: string, fact: FactName, page: TeiFacts, copy: TeiFacts, source: string): KnownDisagreement | undefined {
  if (fact !== 'linkedAnchors') return undefined;
  const refs = page.noteRefs ?? 0;
  const quote = NOTE_CROSS_REFERENCE.exec(source)?.[0];
  if (refs === 0 || quote === undefined || page.linkedAnchors - refs !== copy.linkedAnchors - (copy.noteRefs ?? 0)) return undefined;
  return { file, fact, reason: `${refs} note(s) refer to another note by a number the page links in its markup, read as an anchor inside the note; a browser copy shows the number only`, quote };
}

/** The `<meta name="author" content="…">` of a page, as written in its source (attributes in any order). */
function metaAuthorTag(source: string): { tag: string; content: string } | undefined {
  for (const m of source.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\bname\s*=\s*["']?author["'\s/>]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    if (content) return { tag, content: content[1] ?? content[2] ?? '' };
  }
  return undefined;
}

/**
 * An author disagreement the page explains: the page's TEI names the author its
 * `<meta name="author">` gives, and that name is printed nowhere on the page (not in the
 * browser copy's text), so a copy cannot know it. The meta tag is quoted.
 */
function authorOnlyInMeta(file: string, fact: FactName, page: TeiFacts, source: string, copyText: string): KnownDisagreement | undefined {
  if (fact !== 'author' || page.author === '') return undefined;
  const meta = metaAuthorTag(source);
  if (!meta || !squash(meta.content).includes(page.author)) return undefined;
  if (squash(copyText).toLowerCase().includes(page.author.toLowerCase())) return undefined;
  return { file, fact, reason: `the page names its author "${page.author}" only in the <meta name="author"> of the HTML head, which a browser does not show or copy`, quote: meta.tag };
}

/** The heading elements of a page's source: level, words (tags dropped, references decoded, white space squashed), the element as written. */
function headingsOf(source: string): Array<{ level: number; words: string; element: string }> {
  const out: Array<{ level: number; words: string; element: string }> = [];
  for (const m of source.matchAll(/<h([1-6])\b[^>]*>([\s\S]{0,600}?)<\/h\1\s*>/gi)) {
    out.push({ level: Number(m[1]), words: squash(decodeReferences(m[2]!.replace(/<[^>]*>/g, ' '))), element: m[0] });
  }
  return out;
}

/**
 * A title disagreement the page explains: the page's title and the copy's are the words of two
 * headings of the page, of different levels, and no other mark tells them apart (an author line, a
 * book's title and a chapter's heading above each other). A browser copy prints every heading as
 * a line alike, so which one is the title only the levels show. Both elements are quoted.
 */
export function titleByHeadingLevels(file: string, fact: FactName, page: TeiFacts, copy: TeiFacts, source: string): KnownDisagreement | undefined {
  if (fact !== 'title' || page.title === '' || copy.title === '') return undefined;
  const headings = headingsOf(source);
  const ofPage = headings.find((h) => h.words === squash(page.title));
  const ofCopy = headings.find((h) => h.words === squash(copy.title));
  if (!ofPage || !ofCopy || ofPage === ofCopy || ofPage.level === ofCopy.level) return undefined;
  const quote = (h: { element: string }): string => squash(h.element).slice(0, 160);
  return {
    file,
    fact,
    reason: `the page's title and the copy's are two headings of the page, an h${ofPage.level} and an h${ofCopy.level}: a browser copy prints both as lines alike, and only their levels say which is the title`,
    quote: `${quote(ofPage)} … ${quote(ofCopy)}`,
  };
}

/** Converts one corpus document (and, for a page, its browser copy) and compares them. */
export function checkDocument(dir: string, entry: CorpusEntry, teiAll: string | undefined, withCopy = true): DocumentCheck {
  const { file, format } = entry;
  const decoded = decodeInput(readFileSync(join(dir, file)));
  if (!decoded.ok) return { file, format, page: failedConversion(`${file}: ${decoded.message}`), disagreements: [] };
  const page = conversionOf(convert(decoded.text, { file }), file, teiAll);
  if (decoded.charset) page.charset = decoded.charset;
  const check: DocumentCheck = { file, format, page, disagreements: [] };
  if (!withCopy || format !== 'html') return check;
  const copyName = `${file.replace(/\.html?$/i, '')}.copy.txt`;
  const copyText = pageText(decoded.text);
  const copy = conversionOf(convert(copyText, { file: copyName }), copyName, teiAll);
  check.copy = copy;
  if (page.facts && copy.facts) {
    const pageFacts = page.facts;
    const copyFacts = copy.facts;
    check.disagreements = compareFacts(pageFacts, copyFacts).map((d) => {
      const known = KNOWN_DISAGREEMENTS.find((k) => k.file === file && k.fact === d.fact && decoded.text.includes(k.quote)) ?? editorialInsertions(file, d.fact, pageFacts, copyFacts, decoded.text) ?? noteCrossReferences(file, d.fact, pageFacts, copyFacts, decoded.text) ?? authorOnlyInMeta(file, d.fact, pageFacts, decoded.text, copyText) ?? titleByHeadingLevels(file, d.fact, pageFacts, copyFacts, decoded.text);
      return known ? { ...d, known } : d;
    });
  }
  return check;
}

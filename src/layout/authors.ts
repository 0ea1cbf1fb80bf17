/**
 * Who wrote the page, from the evidence a reader hands over as syntax: the lines printed
 * above or under the title, the collection line, the page's metadata (an HTML
 * `<meta name="author">`) and the footer's archive link. Part of the layout engine: the
 * readers pass the lines and the metadata as they are; these rules decide, with the rows of
 * `rules.ts` (AUTHOR, AUTHOR_IN_COLLECTION, AUTHOR_LINE_FORMS), in this order:
 *
 *   1. an author line (above or under the title) names the author; a collection line names
 *      one only when no author line does ("Works of Frederick Engels 1885", "Dora B.
 *      Montefiore 1917");
 *   1b. else the title names its speaker ("Frederick Engels’ Speech at the Grave of Karl Marx");
 *   2. the page's metadata names the author when no printed line does; an author line in
 *      capitals ("KIM IL SUNG") is spelt as the metadata spells the same name;
 *   3. else the footer's archive link ("Leon Trotsky Internet Archive", "Max Shachtman" /
 *      "Archive" on two lines); else the author is reported missing;
 *   4. an author line in capitals is spelt as the footer's archive link spells it.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition, SourcePos } from '../model/edition.js';
import { authorFrom, authorInCollection, authorLineName as personInLine, footerSpelling, isPersonName, metaAuthorName } from './rules.js';
import { plainText, squash } from '../model/walk.js';
import { authorLineName } from './hinted.js';

/** A printed line with where it stands. */
export interface PlacedLine {
  text: string;
  pos: SourcePos;
}

/**
 * The author a collection line above the title names: "Works of Frederick Engels 1885"
 * (AUTHOR_IN_COLLECTION), "Dora B. Montefiore 1917" (a name and a year), or a line that is
 * an author line's form ("Vladimir Lenin's"). A line printed over two lines ("Karl Marx" /
 * "Wage Labour and Capital") names a book and its author, not the page's: only the rows apply.
 */
export function collectionAuthor(line: string, printedLines: number): string | undefined {
  const byYear = authorFrom(line, 'top');
  const printed = printedLines === 1 ? personInLine(line) : undefined;
  return authorInCollection(line)?.name ?? (byYear?.rule.name === 'name and year' ? byYear.name : printed);
}

/**
 * What an author line holds besides the author's name: `possessive` for "Vladimir Lenin's"
 * (the line as printed goes to the header), `more` when other words stand in it ("Rudolf
 * Hilferding: Böhm-Bawerk's Criticism of Marx": the line also stays where it is printed, so
 * none of its words is lost), `none` for the name alone. Undefined: the line names no one.
 */
export function authorLine(line: string): { name: string; rest: 'possessive' | 'more' | 'none' } | undefined {
  const s = squash(line);
  const name = authorLineName(s);
  if (!name) return undefined;
  const rest = s.replace(name, '');
  return { name, rest: /^[’']s$/.test(rest.trim()) ? 'possessive' : /\p{L}/u.test(rest) ? 'more' : 'none' };
}

/** The name a page's metadata gives (`<meta name="author">`): a trailing full stop after a word dropped, its forms of one name the fullest, an organisation none. */
export function metadataAuthor(content: string): string | undefined {
  const s = squash(content).replace(/([a-z]{3})\.$/, '$1');
  return metaAuthorName(s) || undefined;
}

/** The speaker a title names ("Frederick Engels’ Speech at the Grave of Karl Marx", the AUTHOR row "X's speech"). */
export function titleAuthor(title: string): string | undefined {
  const named = authorFrom(title, 'top');
  return named?.rule.name === "X's speech" ? named.name : undefined;
}

/**
 * The archive link of the footer names the author ("Leon Trotsky Internet Archive"; "Max
 * Shachtman" over "Archive"). With `front` (what the page prints above and at the start of its
 * text, `frontTexts`), a link naming the surname alone ("Trotsky Internet Archive") names the
 * author too, when no link names a whole name: by the whole name the front prints ending in
 * that surname ("… by Leon Trotsky"), else by the surname when the front prints it ("Trotsky
 * December 1925-March 1926"); a link the front never echoes ("Philosophy Archive" on a page
 * that does not print "Philosophy") names no one.
 */
export function footerAuthor(lines: readonly PlacedLine[], front?: Front): { name: string; pos: SourcePos } | undefined {
  // The front's texts are built only when a link names a surname alone (most footers name no one so).
  let texts: readonly string[] | undefined;
  const frontOf = (): readonly string[] => (texts ??= typeof front === 'function' ? front() : (front ?? []));
  for (const surnames of front ? [false, true] : [false]) {
    for (const [k, l] of lines.entries()) {
      const next = lines[k + 1];
      const named = authorFrom(l.text, 'bottom', surnames) ?? (next && /^\s*(?:Internet\s+)?Archive\s*$/i.test(next.text) ? authorFrom(`${squashed(l.text)} ${squashed(next.text)}`, 'bottom', surnames) : undefined);
      if (!named) continue;
      if (named.rule.name !== 'surname archive link') return { name: named.name, pos: l.pos };
      const name = fullNameIn(named.name, frontOf()) ?? (frontOf().some((t) => wordIn(named.name, t)) ? named.name : undefined);
      if (name) return { name, pos: l.pos };
    }
  }
  return undefined;
}

/** What the page prints before its text proper (`frontTexts`), or how to get it when it is needed. */
export type Front = readonly string[] | (() => readonly string[]);

/** Forms of address that stand before a surname without being a given name. */
const ADDRESS = /^(?:comrade|citizen|mr|mrs|ms|miss|dr|herr|frau|monsieur|madame|professor|prof|general|president|mister|sir|lord|lady|saint|st)\.?$/i;

const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The surname printed as a word of the text (not inside another: "Trotskyism" is not "Trotsky"). */
const wordIn = (surname: string, text: string): boolean => new RegExp(`(?<![\\p{L}])${escaped(surname)}(?![\\p{L}])`, 'u').test(text);

/**
 * The whole name a text prints that ends in this surname: at the start of the text, after
 * "by", or after a comma, colon, semicolon or bracket ("Problems of the British Revolution by
 * Leon Trotsky", "Leon Trotsky, Where is Britain Going?"); given names or initials ("Leon",
 * "L. D."), not a form of address ("Comrade Trotsky").
 */
export function fullNameIn(surname: string, texts: readonly string[]): string | undefined {
  const name = new RegExp(`(?:^|\\bby\\s+|[,;:(]\\s*)((?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,4})${escaped(surname)}(?![\\p{L}])`, 'gu');
  for (const text of texts) {
    for (const m of squashed(text).matchAll(name)) {
      const given = m[1]!.trim().split(' ');
      if (given.some((w) => ADDRESS.test(w))) continue;
      const full = `${given.join(' ')} ${surname}`;
      if (isPersonName(full)) return full;
    }
  }
  return undefined;
}

/** How many of the text's first paragraphs count as its front (a headnote, a translator's note). */
const FRONT_PARAGRAPHS = 3;

/**
 * What the page prints about its text before the text proper: the title, the subtitle, the
 * header's lines (collection line, information block) and the text's first paragraphs (a
 * translator's note). Where a surname is looked for in full.
 */
export function frontTexts(ed: Edition, firstParagraphs: readonly string[]): string[] {
  return [ed.metadata.title, ed.metadata.subtitle ?? '', ...ed.metadata.fields.map((f) => plainText(f.value)), ...firstParagraphs.slice(0, FRONT_PARAGRAPHS)].map(squashed).filter((t) => t !== '');
}

const squashed = squash;

/**
 * Rules 2 and 3: the page's metadata, then the footer, when no printed line named the
 * author; the capitals of a printed name spelt as the metadata spells it. Reports where the
 * author came from when it is the footer, and a missing author.
 */
export function settleAuthor(ed: Edition, evidence: { title?: PlacedLine; metadata?: PlacedLine; footer: readonly PlacedLine[]; front?: Front; missing: string }, diagnostics: Diagnostics): void {
  const speaker = !ed.metadata.author && evidence.title ? titleAuthor(evidence.title.text) : undefined;
  if (speaker !== undefined && evidence.title) ed.metadata.author = { name: speaker, from: 'author-line', pos: evidence.title.pos };
  const content = evidence.metadata ? metadataAuthor(evidence.metadata.text) ?? '' : '';
  const printed = ed.metadata.author;
  if (printed) {
    if (content && printed.name === printed.name.toUpperCase() && content.toUpperCase() === printed.name) printed.name = content;
  } else if (evidence.metadata && content) {
    ed.metadata.author = { name: content, from: 'metadata', pos: evidence.metadata.pos };
  } else {
    const named = footerAuthor(evidence.footer, evidence.front);
    if (named) {
      ed.metadata.author = { name: named.name, from: 'footer', pos: named.pos };
      diagnostics.report('author-from-footer', `author "${named.name}" taken from the archive link in the footer`, named.pos);
    } else diagnostics.report('author-missing', evidence.missing, { line: 1, column: 1 });
  }
  // Rule 4: an author line in capitals, spelt as the footer's archive link spells the name.
  const author = ed.metadata.author;
  const spelt = author?.from === 'author-line' ? footerSpelling(author.name, evidence.footer.map((l) => l.text)) : undefined;
  if (author && spelt !== undefined) author.name = spelt;
}

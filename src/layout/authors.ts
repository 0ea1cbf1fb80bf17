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
import { authorFrom, authorInCollection, authorLineName as personInLine, footerSpelling, metaAuthorName } from './rules.js';
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
  const s = line.replace(/[\s\u00a0]+/g, ' ').trim();
  const name = authorLineName(s);
  if (!name) return undefined;
  const rest = s.replace(name, '');
  return { name, rest: /^[’']s$/.test(rest.trim()) ? 'possessive' : /\p{L}/u.test(rest) ? 'more' : 'none' };
}

/** The name a page's metadata gives (`<meta name="author">`): a trailing full stop after a word dropped, its forms of one name the fullest, an organisation none. */
export function metadataAuthor(content: string): string | undefined {
  const s = content.replace(/[\s\u00a0]+/g, ' ').trim().replace(/([a-z]{3})\.$/, '$1');
  return metaAuthorName(s) || undefined;
}

/** The speaker a title names ("Frederick Engels’ Speech at the Grave of Karl Marx", the AUTHOR row "X's speech"). */
export function titleAuthor(title: string): string | undefined {
  const named = authorFrom(title, 'top');
  return named?.rule.name === "X's speech" ? named.name : undefined;
}

/** The archive link of the footer names the author ("Leon Trotsky Internet Archive"; "Max Shachtman" over "Archive"). */
export function footerAuthor(lines: readonly PlacedLine[]): { name: string; pos: SourcePos } | undefined {
  for (const [k, l] of lines.entries()) {
    const next = lines[k + 1];
    const named = authorFrom(l.text, 'bottom') ?? (next && /^\s*(?:Internet\s+)?Archive\s*$/i.test(next.text) ? authorFrom(`${squashed(l.text)} ${squashed(next.text)}`, 'bottom') : undefined);
    if (named) return { name: named.name, pos: l.pos };
  }
  return undefined;
}

const squashed = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * Rules 2 and 3: the page's metadata, then the footer, when no printed line named the
 * author; the capitals of a printed name spelt as the metadata spells it. Reports where the
 * author came from when it is the footer, and a missing author.
 */
export function settleAuthor(ed: Edition, evidence: { title?: PlacedLine; metadata?: PlacedLine; footer: readonly PlacedLine[]; missing: string }, diagnostics: Diagnostics): void {
  const speaker = !ed.metadata.author && evidence.title ? titleAuthor(evidence.title.text) : undefined;
  if (speaker !== undefined && evidence.title) ed.metadata.author = { name: speaker, from: 'author-line', pos: evidence.title.pos };
  const content = evidence.metadata ? metadataAuthor(evidence.metadata.text) ?? '' : '';
  const printed = ed.metadata.author;
  if (printed) {
    if (content && printed.name === printed.name.toUpperCase() && content.toUpperCase() === printed.name) printed.name = content;
  } else if (evidence.metadata && content) {
    ed.metadata.author = { name: content, from: 'metadata', pos: evidence.metadata.pos };
  } else {
    const named = footerAuthor(evidence.footer);
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

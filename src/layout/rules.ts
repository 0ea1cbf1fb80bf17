/**
 * The layout engine's rules, as data: one row per fact about how MIA pages are laid out,
 * each with its pattern, the zone it decides and why. Every row is tested with wordings
 * it must take and wordings it must leave (tests/layout/rules.test.ts). The rules look at
 * one line (or one short paragraph) of words, white space squashed, whatever the input
 * style: page text, markdown or HTML all reach them as the same words.
 */
import type { MetaRole } from '../model/edition.js';
import { squash } from '../model/walk.js';

/** Where on the page a row may fire: the top (above the text), the bottom (after it), or both. */
export type Where = 'top' | 'bottom' | 'both';

export interface LineRule {
  name: string;
  pattern: RegExp;
  where: Where;
  /** Why a line that matches is what the row says (shown in the diagnostic). */
  why: string;
  /** A line alone in its paragraph is furniture anywhere on the page, not only at its ends ("Top of the page" before the notes). */
  anywhere?: boolean;
}

/** Page furniture: navigation and page template lines, dropped with one diagnostic each. */
/**
 * A serial's remark, printed by the periodical that carried the text ("[Continued in next
 * issue]", "(To be concluded)", "Continued in the next number"): the publication's words, kept
 * as text in every style even when a page links it to its next part (not navigation).
 */
export const SERIAL_REMARK = /^[[(]?\s*(?:to be )?(?:continued|concluded)(?:\s+(?:in|from|on)\s+(?:the |our |a )?(?:next|following|later|last|previous|preceding)\s+(?:issue|number|instal+ment|part|article)s?)?\s*[.!]?\s*[\])]?$/i;
export const isSerialRemark = (s: string): boolean => SERIAL_REMARK.test(squash(s));

export const FURNITURE: readonly LineRule[] = [
  { name: 'breadcrumb', pattern: /^MIA\s*(?:>|»|:)\s*\S/, where: 'top', why: 'the breadcrumb of the MIA page ("MIA > Archive > …")' },
  { name: 'top of page', pattern: /^(?:back to )?(?:the )?top of (?:the )?page\.?$|^top$/i, where: 'both', why: 'a "Top of the page" link', anywhere: true },
  { name: 'last updated', pattern: /^last (?:updated|modified)(?:\s+on)?\s*:?\s+[\p{L}\d][^,;]{0,58}$/iu, where: 'both', why: 'the date the page was last updated' },
  { name: 'next / previous', pattern: /^(?:next|previous|prev|back|forward)\s*(?::|»|>|\|)\s*\S.{0,150}$/i, where: 'bottom', why: 'a link to the next or previous page' },
  { name: 'table of contents', pattern: /^(?:table of )?contents$|^works by (?:date|subject|title)$|^(?:main )?index$/i, where: 'both', why: 'a link to a table of contents' },
  { name: 'index link', pattern: /^(?:[\p{Lu}\d][\p{L}\d.,'’&/-]*\s+(?:(?:of|the|de|and|&|[-–—])\s+)?){0,8}(?:Index|Contents|Archives?|Library|Bibliography|Biography|Works)(?:\s*[|•·]\s*.{0,200})?$/u, where: 'bottom', why: 'a link to an index, archive or biography page ("Marx/Engels Internet Archive", "Eden & Cedar Paul Archive", "Women and Marxism - Lenin Index | …")' },
  { name: 'write to the archive', pattern: /^(?:write|e-?mail|contact)(?: to)?(?: the)? (?:[\p{Lu}\d][\p{L}\d.'’&/-]*\s+){0,6}(?:administ\p{L}*|admin|webmaster|archive)$/iu, where: 'bottom', why: 'a mail link to the archive\'s keeper ("Write Natalia Sedova Archive Administator", misspelt as printed)' },
  { name: 'back to', pattern: /^back to (?:the )?(?:index|top|contents|\p{Lu}.{0,100}?(?:Archive|Index|Contents|Library|International|Works))\.?(?:\s+\|\s+.{1,150})?$/iu, where: 'bottom', why: 'a "Back to … Archive" link, alone or first in a bar of links' },
  { name: 'download', pattern: /^download(?: (?:as|the|this))?(?: (?:text|book|work|file))?(?: (?:in|as))? (?:pdf|epub|mobi|e-?book|rtf|doc|zip)(?: (?:file|version|format))?(?:\s*[|•·]\s*.{0,100})?$/i, where: 'both', why: 'a "Download PDF" link to another file of the page', anywhere: true },
  { name: 'section links', pattern: /^(?:(?:next|previous|prev) (?:section|chapter|part|page)|top of (?:the )?page|back to top)(?:\s*\|\s*(?:(?:next|previous|prev) (?:section|chapter|part|page)|top of (?:the )?page|back to top|(?:table of )?contents|index))*$/i, where: 'both', why: '"Next section | Top of page": links to the page\'s neighbours', anywhere: true },
  { name: 'page neighbours', pattern: /^(?:[Pp]revious|PREVIOUS|[Pp]rev|[Ll]ast|LAST|[Bb]ack|BACK)\s*(?::|»|>)?(?:\s+[\p{Lu}\d][^\s|]*){0,3}\s+\|\s+(?:[Nn]ext|NEXT)\s*(?::|»|>)?(?:\s+[\p{Lu}\d][^\s|]*){0,3}$/u, where: 'both', why: 'links to the previous and the next page on one line ("Previous: 1917 | Next: 1919", "Last Chapter | Next Chapter")', anywhere: true },
  { name: 'contents links', pattern: /^(?:table of )?contents\s*:\s*[^|:]{1,80}(?:\s\|\s[^|]{1,80})+$/i, where: 'bottom', why: 'the book\'s contents and library links ("Table of Contents: Manifesto of the Communist Party | Marx/Engels Library")' },
  { name: 'link bar', pattern: /^[^|]{1,60}(?:\s\|\s[^|]{1,60}){2,12}$/, where: 'bottom', why: 'a bar of links between "|"' },
  { name: 'README', pattern: /^README$/, where: 'both', why: 'the "README" link of LIA pages' },
  { name: 'reference link', pattern: /^for reference,? (?:see|read)(?: (?:also|while reading))?\s*:\s*\S.{0,100}$/i, where: 'bottom', why: 'a footer link to a reference page ("For Reference see while reading: Timeline of the Civil War")' },
];

/**
 * A line printed with a footer's link in one paragraph of a browser copy: short, a name or a
 * title ("Max Shachtman", "Collected Works Volume 26"), not a sentence or a signature's
 * closing ("V. Ulyanov (Lenin),"). Dropped only together with a furniture line under it.
 */
export const isFooterCompanion = (line: string): boolean => {
  const s = squash(line);
  return s.length > 0 && s.length <= 90 && /^[\p{Lu}\d]/u.test(s) && !/[.,;:!?)]$/.test(s);
};

/**
 * The letters the rows furniture anywhere (`anywhere: true`) open with, either case: "top",
 * "back to", "the top", "download", "next", "previous", "prev", "last" (the rows' words are
 * ASCII and matched without `u`, so no other letter folds to them).
 */
export const ANYWHERE_OPENINGS = 'bdlnptBDLNPT';

/** A line alone in its paragraph that is furniture wherever it stands. */
export function furnitureAnywhere(line: string): LineRule | undefined {
  // A line whose first printed letter opens no row is none (most lines): not squashed.
  const first = line.trimStart()[0];
  if (first === undefined || !ANYWHERE_OPENINGS.includes(first)) return undefined;
  const s = squash(line);
  return FURNITURE.find((r) => r.anywhere === true && r.pattern.test(s));
}

/** The furniture row a line matches at this place of the page, if any. */
export function furnitureRule(line: string, at: 'top' | 'bottom'): LineRule | undefined {
  const s = squash(line);
  if (s === '' || s.length > 300) return undefined;
  return FURNITURE.find((r) => (r.where === 'both' || r.where === at) && r.pattern.test(s));
}

/**
 * The collection a page belongs to, printed above its title: "Marx-Engels Correspondence
 * 1873", "Works of Frederick Engels 1877", "Karl Marx. Capital Volume One".
 */
export const COLLECTION: readonly LineRule[] = [
  { name: 'collection word', pattern: /\b(?:correspondence|collected|selected|works|archive|volume|vol\.|library|index|internet)\b/i, where: 'top', why: 'names a collection, not one text' },
  { name: 'periodical column', pattern: /^(?:notes|news|review|events|topics|comments?) of the (?:month|week|day|quarter)$/i, where: 'top', why: '"Notes of the Month": a periodical\'s standing column over the article\'s own title' },
  { name: 'title and year', pattern: /^.{3,80}\s(?<!\b(?:for|of|in|on) (?:January|February|March|April|May|June|July|August|September|October|November|December),? )(?:1[5-9]\d\d|20\d\d)(?:-\d{2,4})?$/, where: 'top', why: 'a heading with a year after it names the year\'s collection; "for July 1922" (a month after "for", "of", "in", "on") dates the text instead' },
];

/**
 * The parts of the page's furniture lines (breadcrumb "MIA > Archive > Fryer > Hungarian
 * Tragedy", footer "Contents | Revolutionary Silhouettes"), lower-cased: a title-zone line equal
 * to one of them names the book or the series the page belongs to, not the page's text.
 */
export function furnitureSegments(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (const part of l.split(/\s[>|¦»]\s|[|¦]/)) {
    const k = squashed(part).toLowerCase();
    if (k.length >= 4) out.add(k);
  }
  return out;
}

export const repeatsFurniture = (s: string, segments: ReadonlySet<string>): boolean => segments.has(squashed(s).toLowerCase());

export const isCollectionLine = (s: string): boolean => s.length <= 120 && COLLECTION.some((r) => r.pattern.test(s));

/**
 * A line under the title that says what kind of text it is ("(An interview)", "Interview with
 * Paul Lafargue", "Weekly Political Letter, No. 5"): a subtitle, never the title, even right
 * above the date line. "An Open Letter to …" names its addressee: that is a letter's title.
 */
export const SUBTITLE: readonly LineRule[] = [
  { name: 'parenthesised', pattern: /^\((?![^)]*\b(?:1[5-9]\d\d|20\d\d)\b)[^()]{3,60}\)$/, where: 'top', why: 'a remark in brackets under the title: "(An interview)"' },
  { name: 'speech by', pattern: /^(?:an? )?(?:speech|address|article|report|lecture|statement|notes)\s+by\s+\p{Lu}/iu, where: 'top', why: '"Speech by Marx the London Conference …": who gave it and where, under the title' },
  { name: 'kind of text', pattern: /^(?:\S+\s+){0,3}(?:interviews?|discussions?|conversations?|translation|letter(?!\s+to\b))\b/i, where: 'top', why: 'names the kind of text: "Interview with …", "Weekly Political Letter, No. 5"' },
];

export const isSubtitleLine = (s: string): boolean => s.length <= 120 && SUBTITLE.some((r) => r.pattern.test(s));

/**
 * A line under the information block that links to a part of the page printed further down
 * ("Document Introduction." where the page's foot holds "Introduction …"): the page's own
 * table of contents, furniture. It names the part with a qualifier ("Document", "Editor's") or
 * ends in a full stop, as no heading does; the engine also asks that a later paragraph open
 * with the part's name, so the heading of the text's first section ("Introduction") stays.
 */
export const PART_LINK: readonly LineRule[] = [
  { name: 'link to a part of the page', pattern: /^(?:(?<qualifier>document|editor[’']?s|editorial|translator[’']?s|publisher[’']?s|mia)\s+)?(?<part>introduction|preface|foreword|afterword|glossary|appendix|chronology)(?<stop>\.)?$/i, where: 'top', why: 'a link to a part of the page printed further down ("Document Introduction."), the page\'s table of contents' },
];

/** The part of the page a line links to ("introduction" for "Document Introduction."), if it is such a link line. */
export function partLinked(line: string): string | undefined {
  const m = PART_LINK[0]!.pattern.exec(squash(line));
  return m?.groups && (m.groups['qualifier'] || m.groups['stop']) ? m.groups['part']!.toLowerCase() : undefined;
}

/**
 * A periodical's standing column (its rubric) printed over an article's title: "In This
 * Corner", "In the International", "The Labor Movement", "Politics". Over the title and its
 * date line, such a line is the column and the line under it the title; any other line there
 * is the title, and the line under it its subtitle ("Four Portraits of Stalinism" over
 * "Reviewing the Books of …" over "(January 1953)"). "Notes of the Month" is a COLLECTION row.
 */
export const COLUMN: readonly LineRule[] = [
  { name: 'place rubric', pattern: /^(?:[Ii]n|[Oo]n|[Ff]rom|[Aa]t|[Aa]round|[Bb]ehind|[Aa]cross|[Ii]nside|[Uu]nder) (?:[Tt]his|[Tt]he|[Oo]ur) \p{Lu}[\p{L}’'-]+$/u, where: 'top', why: '"In This Corner", "In the International", "Behind the News": where the column stands, a preposition and one noun' },
  { name: 'movement rubric', pattern: /^the (?:[\p{L}’'-]+ ){1,3}movement$/iu, where: 'top', why: '"The Labor Movement", "The Women’s Movement": the movement a periodical\'s column reports on' },
  { name: 'subject rubric', pattern: /^(?:politics|economics|economy|culture|science|literature|books|reviews|book reviews|correspondence|discussion|editorials?|agitprop)$/i, where: 'top', why: '"Politics", "Economics", "Book Reviews": a periodical\'s section, one subject' },
];

export const isColumnLine = (s: string): boolean => s.length <= 60 && COLUMN.some((r) => r.pattern.test(squash(s)));

/**
 * A line that names only the kind of text the page holds ("Book Review", "Obituary", "Letter",
 * "Editorial"), printed over or under its title: a genre label, never the title itself, wherever
 * it stands in the title zone. "A Letter to American Workers" and "Review of the Month" say
 * more than the genre: they are titles (or a COLLECTION row).
 */
export const GENRE: readonly LineRule[] = [
  { name: 'genre label', pattern: /^(?:an? )?(?:(?:book|film|theatre|theater|short) )?(?:reviews?|obituary|obituaries|letters?|open letter|editorial|leaflet|poem|interview|speech|review article)\.?$/i, where: 'top', why: '"Book Review", "Obituary", "Letter": what kind of text it is, not its name' },
];

export const isGenreLine = (s: string): boolean => s.length <= 40 && GENRE.some((r) => r.pattern.test(squash(s)));

/**
 * A line of the title that says the page holds only part of the text ("Abstract of:",
 * "Abstract from the", "Abstract", "(Excerpts)"): a remark on the text, printed with its title;
 * not a word of the title (the HTML marks it as an editor's insertion in the heading).
 */
export const PART_REMARK: readonly LineRule[] = [
  { name: 'abstract', pattern: /^\(?(?:an? )?(?:abstracts?|excerpts?|extracts?)(?: (?:of|from)(?: the| an?)?)?:?\)?$/i, where: 'top', why: '"Abstract of:" over the title, "Abstract" under it: the page prints part of the text' },
];

export const isPartRemark = (s: string): boolean => {
  const t = squash(s);
  return t.length <= 40 && PART_REMARK.some((r) => r.pattern.test(t));
};

/**
 * A chapter's heading: a numbered division of a book ("Chapter XVI", "Part 1: France",
 * "Lecture 7") or its front or back matter ("INTRODUCTION [to First Edition, 1963]",
 * "1. Introduction"). Under another heading line, that line names the book and this one is
 * the page's title. "Introduction to Borkheim" is a work's own title.
 */
export const CHAPTER: readonly LineRule[] = [
  { name: 'numbered division', pattern: /^(?:chapter|part|book|lecture|section)\s+(?:[IVXLC]+|\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third)\b/i, where: 'top', why: '"Chapter XVI", "Part 1: France": a numbered division of a book' },
  { name: 'front or back matter', pattern: /^(?:(?:\d{1,3}|[IVXLC]+)\.\s+)?(?:introduction|preface|foreword|afterword|appendix|epilogue|prologue|postscript)\b(?!\s+(?:to|of|on|and)\b)/i, where: 'top', why: '"Introduction [to First Edition]", "1. Introduction": a book\'s front or back matter' },
];

export const isChapterHeading = (s: string): boolean => s.length <= 160 && CHAPTER.some((r) => r.pattern.test(s));

/** Words that name a body of people or a collection, never one person. */
const ORGANISATION = /\b(?:association|international|congress|conference|party|committee|union|league|council|society|institute|press|publishers?|correspondence|board|bureau|executive|editorial|editors|paper|review|journal|newspaper|magazine|bulletin|gazette|zeitung|herald|tribune|workers?[’']?)(?![\p{L}])/iu;
/** Words that name writings, not a writer: "Speeches and Writings". */
const WRITINGS = /\b(?:speeches|writings|essays|articles|letters|documents|pamphlets|texts|poems)\b/i;

/** A person's name: two to six capitalised words, initials or particles. */
export function isPersonName(s: string): boolean {
  const parts = s.trim().split(/\s+/);
  return (
    parts.length >= 2 &&
    parts.length <= 6 &&
    parts.every((w) => /^(?:[\p{Lu}][\p{L}'’.-]*|de|von|van|der|la|le|du|and|&)$/u.test(w)) &&
    !/^(?:and|&)$/.test(parts[0]!) &&
    // "Marx and": a name cut short; "Vladimir Lenin's": the name's possessive, over the title of his work.
    !/^(?:and|&)$/.test(parts[parts.length - 1]!) &&
    !/[’']s$/.test(parts[parts.length - 1]!) &&
    !/\b(?:of|the|on|in|to|for)\b/i.test(s) &&
    !ORGANISATION.test(s) &&
    !WRITINGS.test(s) &&
    !isCollectionLine(s)
  );
}

/**
 * An author line naming two or more writers, each by a full name: "Ben Bradley, R. Palme Dutt
 * and Harry Pollitt", "Ralph Miliband & Marcel Liebman". "Marx and Engels" (surnames) is not one.
 */
export function isAuthorsLine(s: string): boolean {
  const t = squashed(s);
  if (t.length > 120) return false;
  const names = t.split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+/);
  return names.length >= 2 && names.every((n) => isPersonName(n) && !/\s(?:and|&)\s/.test(n));
}

/**
 * A signature printed in brackets at the end of the text ("(signed TOM MANN)", "(Signed) Tom
 * Mann"): the name, in capitals only when the source has no lower-case letter in it, written
 * as a name ("Tom Mann").
 */
export function signedName(line: string): string | undefined {
  const m = /^\(?\s*signed\)?:?\s+(?<name>[^()]{3,60}?)\s*\)?\.?$/i.exec(squashed(line));
  const name = m?.groups?.name;
  if (!name || !isPersonName(name)) return undefined;
  return /\p{Ll}/u.test(name) ? name : name.replace(/\p{Lu}+/gu, (w) => (w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w));
}

export interface AuthorRule {
  name: string;
  pattern: RegExp;
  /** `top`: a line above or below the title; `bottom`: the archive link of the footer. */
  where: Where;
  why: string;
}

/** Lines that name the author; the `name` group is the name. */
export const AUTHOR: readonly AuthorRule[] = [
  { name: 'name and year', pattern: /^(?<name>.{3,60}?)\s+(?:1[5-9]\d\d|20\d\d)$/u, where: 'top', why: 'a "Name 1922" line above the title' },
  { name: 'by X', pattern: /^by\s+(?<name>.{3,60})$/iu, where: 'top', why: 'a "by Name" line under the title' },
  { name: 'speech by X', pattern: /^(?:a )?(?:speech|address|letter|article|report|lecture|statement) (?:by|of)\s+(?<name>.{3,60}?)\.?$/iu, where: 'top', why: '"Speech by Name"' },
  { name: "X's speech", pattern: /^(?<name>[\p{Lu}][\p{L}.'’ -]{2,40}?)(?:[’']s?)\s+(?:speech|address|letter|report|reply|article|lecture|statement|message)\b/iu, where: 'top', why: '"Frederick Engels’ Speech at the Grave of Karl Marx": the title names its speaker' },
  // Applied only to the title of a letter (a text with a salutation): "Answer to Critics" names no one.
  { name: 'letter title', pattern: /^(?<name>[\p{Lu}][\p{L}.'’ -]{1,40}?) to (?:(?:Dr|Mr|Mrs|Comrade|Citizen)\.? )?[\p{Lu}]/u, where: 'top', why: 'a letter\'s title "Engels to August Bebel" names its writer' },
  { name: 'archive link', pattern: /(?:^|\|\s*)(?<name>[\p{Lu}][\p{L}.'’ -]{2,60}?)\s+(?:Internet\s+)?Archive\s*(?:\||$)/u, where: 'bottom', why: 'the footer links to the author\'s archive ("Leon Trotsky Internet Archive")' },
  // Read only when no row above names a whole name; the surname is the author only when the page prints it
  // (in full, "by Leon Trotsky", or alone): layout/authors.ts, footerAuthor.
  { name: 'surname archive link', pattern: /(?:^|[|¦]\s*)(?<name>\p{Lu}\p{Ll}{2,24})\s+(?:Internet\s+)?Archive\s*(?:[|¦]|$)/u, where: 'bottom', why: 'the footer links to the archive of an author it names by the surname ("Trotsky Internet Archive")' },
];

/** The word every bottom row of AUTHOR holds as printed (case-sensitive; a test holds the rows to it). */
export const ARCHIVE_WORD = 'Archive';

/** Archives named in footers that are not one author's. */
const NOT_AN_AUTHOR = /\b(?:marxists?|internet|letters|works|subject|reference|history|encyclopedia|library|trotskyist|writers|etol|mia)\b/i;

/**
 * The author a line names by one of the rows at this place, if any. The footer's surname
 * alone ("Trotsky Internet Archive") only when asked for (`surnames`): it names the author only
 * with more evidence from the page (layout/authors.ts).
 */
export function authorFrom(line: string, at: 'top' | 'bottom', surnames = false): { name: string; rule: AuthorRule } | undefined {
  // Every row of the bottom names an archive, spelt so: a footer line without the word names no one (most don't).
  if (at === 'bottom' && !line.includes(ARCHIVE_WORD)) return undefined;
  const s = squash(line);
  if (s.length > 300) return undefined;
  for (const rule of AUTHOR) {
    if (rule.where !== 'both' && rule.where !== at) continue;
    if (rule.name === 'surname archive link' && !surnames) continue;
    const name = rule.pattern.exec(s)?.groups?.['name']?.trim();
    if (name === undefined) continue;
    if (rule.name === 'archive link') {
      if (NOT_AN_AUTHOR.test(name.replace(/\s+Internet$/, '')) || !isPersonName(name)) continue;
    } else if (rule.name === 'surname archive link') {
      if (NOT_AN_AUTHOR.test(name) || ORGANISATION.test(name) || WRITINGS.test(name) || TEXT_KIND.test(name)) continue;
    } else if (rule.name === 'letter title') {
      if (!name.split(' ').every((w) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w)) || name.split(' ').length > 4 || TEXT_KIND.test(name)) continue;
    } else if (!isPersonName(name)) continue;
    return { name, rule };
  }
  return undefined;
}

/**
 * An author line set in capitals ("KIM IL SUNG", "RAYA DUNAYEVSKAYA") names the author as the
 * footer's archive link spells the same name ("Kim Il Sung Internet Archive"): the capitals
 * are the page's type, not the name. Undefined when the name has small letters or no footer
 * line spells it.
 */
export function footerSpelling(name: string, footer: readonly string[]): string | undefined {
  if (/\p{Ll}/u.test(name)) return undefined;
  for (const line of footer) {
    const named = authorFrom(line, 'bottom');
    if (named && named.name !== name && named.name.toUpperCase() === name.toUpperCase()) return named.name;
  }
  return undefined;
}

/**
 * What an author line printed above or below the title holds besides the name: the year
 * ("Otto Bauer 1912", "Frederick Engels (1883)") or the work after a colon ("Rudolf
 * Hilferding: Böhm-Bawerk's Criticism of Marx"). The `name` group is the author as printed.
 */
export const AUTHOR_LINE_FORMS: readonly AuthorRule[] = [
  { name: 'possessive', pattern: /^(?<name>[^:()\d]{3,60}?)[’']s$/u, where: 'top', why: '"Vladimir Lenin\'s" over the title of his work' },
  { name: 'name alone', pattern: /^(?<name>[^:()\d]{3,60}?)[.,]?$/u, where: 'top', why: 'the author line is the name' },
  { name: 'name and year', pattern: /^(?<name>[^:()\d]{3,60}?)[.,]?\s+\(?(?:1[5-9]\d\d|20\d\d)(?:[-–]\d{2,4})?\)?\.?$/u, where: 'top', why: '"Otto Bauer 1912": the year the collection is of, not part of the name' },
  { name: 'name: work', pattern: /^(?<name>[^:()\d]{3,60}?)\s*:\s+\S.{1,200}$/u, where: 'top', why: '"Rudolf Hilferding: Böhm-Bawerk\'s Criticism of Marx": the work after the colon' },
];

/** The name an author line prints, without its year or the work it names; undefined when the line names no person. */
export function authorLineName(line: string): string | undefined {
  const s = squash(line);
  if (s.length > 300) return undefined;
  for (const rule of AUTHOR_LINE_FORMS) {
    const name = rule.pattern.exec(s)?.groups?.['name']?.trim();
    // "Frederick Engels. Anti-Dühring": a full stop after a word (not an initial) ends the name.
    if (name !== undefined && isPersonName(name) && !/\p{L}{3,}\.\s/u.test(name)) return name;
  }
  return undefined;
}

/**
 * A collection line above the title that names the author of the works it collects:
 * "Works of Frederick Engels 1885", "Dialectics of Nature. Frederick Engels (1883)".
 * "Marx-Engels Correspondence 1873" names two correspondents, not the author of the letter.
 */
export const AUTHOR_IN_COLLECTION: readonly AuthorRule[] = [
  { name: 'works of X', pattern: /^(?:(?:collected|selected|complete|the) )?(?:works|writings) of (?<name>[^:()\d]{3,60}?)[.,]?(?:\s+\(?(?:1[5-9]\d\d|20\d\d)(?:[-–]\d{2,4})?\)?)?\.?$/iu, where: 'top', why: '"Works of Frederick Engels 1885": the collected works of one person' },
  { name: 'X in paper date', pattern: /^(?<name>[^:()\d]{3,60}?) in (?:the )?\p{Lu}[^:()\d]{2,80}?\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:1[5-9]\d\d|20\d\d)\.?$/iu, where: 'top', why: '"Marx and Engels in Neue Rheinische Zeitung June 1848": the writers of the articles a paper printed then' },
  { name: 'work, X. year', pattern: /^[^()]{3,150}?,\s+(?<name>\p{Lu}(?:\.|[\p{L}'’-]+)(?:\s+\p{Lu}(?:\.|[\p{L}'’-]+)){1,4})\.?\s+(?:1[5-9]\d\d|20\d\d)\.?$/u, where: 'top', why: '"The Trade Unions: Communist Theory and Practice of Trade Unionism, Lance Sharkey. 1961": the book, its author (capitalised words only: "Marx. Value, Price and Profit 1865" names a work) and year' },
  { name: 'work. X (year)', pattern: /^[^()]{3,100}?[.:]\s+(?<name>\p{Lu}[^.:()\d]{2,60}?)\s*\((?:1[5-9]\d\d|20\d\d)(?:[-–]\d{2,4})?\)\.?$/u, where: 'top', why: '"Dialectics of Nature. Frederick Engels (1883)": the work, its author and year' },
];

/** The first row of `rules` whose `name` group, in a line of at most 200 characters, is a person's name. */
function personByRows(line: string, rules: readonly AuthorRule[]): { name: string; rule: AuthorRule } | undefined {
  const s = squash(line);
  if (s.length > 200) return undefined;
  for (const rule of rules) {
    const name = rule.pattern.exec(s)?.groups?.['name']?.trim();
    if (name !== undefined && isPersonName(name)) return { name, rule };
  }
  return undefined;
}

/** The author a collection line names, if it names one person. */
export function authorInCollection(line: string): { name: string; rule: AuthorRule } | undefined {
  return personByRows(line, AUTHOR_IN_COLLECTION);
}

/**
 * A book line of a page's text above the chapter's title, naming the book's author: read by
 * the layout engine only for text lines (an HTML page's heading names its author by its
 * markup). "Karl Marx. Capital Volume One", "The Peasant War in Germany by Frederick Engels".
 */
export const AUTHOR_IN_BOOK_LINE: readonly AuthorRule[] = [
  { name: 'work. X year', pattern: /^[^()]{3,100}?[.:]\s+(?<name>\p{Lu}[^.:()\d]{2,60}?)\s+(?:1[5-9]\d\d|20\d\d)\.?$/u, where: 'top', why: '"The Eighteenth Brumaire of Louis Bonaparte. Karl Marx 1852": the work, its author and year' },
  { name: 'X: work', pattern: /^(?<name>\p{Lu}[^.:()\d]{2,40}?)(?<!\s\p{Lu})[.:]\s+\p{Lu}.{2,150}$/u, where: 'top', why: '"Karl Marx. Capital Volume One", "Rudolf Hilferding: Böhm-Bawerk\'s Criticism of Marx": the author, then the book' },
  { name: 'work by X', pattern: /^.{3,120}?\sby\s+(?<name>\p{Lu}[^:()\d]{2,60}?)\.?$/u, where: 'top', why: '"The Peasant War in Germany by Frederick Engels": the book, then its author' },
];

/**
 * A book line that names its author by the surname alone: "Marx. Value, Price and Profit
 * 1865", "Engels 1894: The Peasant Question in France and Germany". One word is a person's
 * name only by the line's shape (a full stop after one word, then a work and its year), or,
 * for "Word year: work" (which a title can be: "Germany 1848: …"), when the footer's archive
 * link names the same word.
 */
export interface SurnameRule extends AuthorRule {
  /** The surname must be a word of the footer's archive link too. */
  inFooter: boolean;
}

export const SURNAME_IN_BOOK_LINE: readonly SurnameRule[] = [
  { name: 'Surname. work year', pattern: /^(?<name>\p{Lu}\p{Ll}{2,20})\.\s+\p{Lu}.{2,150}?\s(?:1[5-9]\d\d|20\d\d)$/u, where: 'top', inFooter: false, why: '"Marx. Value, Price and Profit 1865": the surname, then the work and its year' },
  { name: 'Surname year: work', pattern: /^(?<name>\p{Lu}\p{Ll}{2,20})\s+(?:1[5-9]\d\d|20\d\d)\s*:\s+\p{Lu}.{2,150}$/u, where: 'top', inFooter: true, why: '"Engels 1894: The Peasant Question …", the surname also in the footer\'s archive link' },
];

/** The surname a book line names, given the words of the page's footer. */
export function surnameInBookLine(line: string, footer: string): { name: string; rule: SurnameRule } | undefined {
  const s = squash(line);
  if (s.length > 200) return undefined;
  for (const rule of SURNAME_IN_BOOK_LINE) {
    const name = rule.pattern.exec(s)?.groups?.['name'];
    if (name === undefined || ORGANISATION.test(name) || WRITINGS.test(name) || TEXT_KIND.test(name) || isCollectionLine(name)) continue;
    if (rule.inFooter && !new RegExp(`(?:^|[^\\p{L}])${name}(?![\\p{L}])[^|]*\\bArchive\\b`, 'u').test(footer)) continue;
    return { name, rule };
  }
  return undefined;
}

/** The author a book line names: a collection line's forms first, then a book line's. */
export function authorInBookLine(line: string): { name: string; rule: AuthorRule } | undefined {
  return authorInCollection(line) ?? personByRows(line, AUTHOR_IN_BOOK_LINE);
}

/** Words for a kind of text, not a person: "Letter to Harold Macmillan", "Reply to Kautsky". */
const TEXT_KIND = /^(?:an? |the |open |first |second |last )*(?:letter|letters|reply|answer|address|appeal|message|telegram|note|notes|speech|report|statement|greetings?|preface|introduction|foreword|postscript|declaration|resolution|manifesto|instructions?|circular)$/i;

/**
 * The author a page's `<meta name="author">` names. Several forms of one name
 * ("H.M. Hyndman, Henry Mayers Hyndman": the same surname) are one person, the fullest form;
 * a body ("World Peace Council") is not an author. Undefined when no person is named.
 */
export function metaAuthorName(content: string): string | undefined {
  const s = squash(content);
  // "Marx and": a name cut short is no author (the page's printed lines may name them whole).
  if (s === '' || ORGANISATION.test(s) || /(?:^|\s)(?:and|&|und|et)$/i.test(s)) return undefined;
  const forms = s.split(/\s*[,;]\s*/).filter((f) => f !== '');
  const surname = (f: string) => f.split(/[\s.]+/).filter((w) => w !== '').at(-1)?.toLowerCase();
  if (forms.length > 1 && forms.every((f) => surname(f) === surname(forms[0]!) && !/\d/.test(f))) {
    return forms.reduce((a, b) => (b.replace(/\./g, '').length > a.replace(/\./g, '').length ? b : a));
  }
  return s;
}

/**
 * A value of a date field that is a byline: "Written: by Max Eastman;" names the writer and
 * no date, so it is not the date of writing (the field is kept, as a note).
 */
export const BYLINE_VALUE = /^by\s+\p{Lu}[^\d]{1,120}$/u;
export const isBylineValue = (value: string): boolean => BYLINE_VALUE.test(squash(value));

/** The headings of a notes section, every spelling seen on MIA pages. */
export const NOTES_HEADING =
  /^(?:(?:editor|editors|editorial|translator|translators|author|authors|publisher|transcriber)[’']?s?[’']?\s+)?(?:(?:foot|end) ?)?notes?(?:\s+(?:and references|(?:by|of) the (?:editor|translator|author|publisher)s?))?:?$/i;
/** "Note by Workers Liberty", "Notes by Engels", "Footnote by MIA", "FOOTNOTES (by Tim Davenport):": notes signed by a name (capitalised: "Notes by the way" is a title). */
const NOTES_BY = /^(?:(?:[Ff]oot|[Ee]nd)?[Nn]otes?|(?:FOOT|END)?NOTES?) (?:(?:by|BY) (?:the )?\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,4}|\((?:by|BY) (?:the )?\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,4}\)):?$/u;

export const isNotesHeading = (s: string): boolean => {
  if (s.length > 60) return false;
  // "Notes: [G.Seaman]": the heading and, in brackets, who wrote the notes.
  const t = squash(s).replace(/(:) ?\[\p{Lu}[\p{L}. '’-]{1,40}\]$/u, '$1');
  return NOTES_HEADING.test(t) || NOTES_BY.test(t);
};

export interface NotesSectionRule {
  name: string;
  pattern: RegExp;
  /** Who wrote the notes of a section under such a heading (a note's own signature still wins). */
  type: 'authorial' | 'editorial' | 'translator';
  why: string;
}

/**
 * Whose notes a notes heading announces. Pages with two series print them under two
 * headings ("Author's Notes" and "Editor's Notes"): each section's notes take its type.
 */
export const NOTES_SECTIONS: readonly NotesSectionRule[] = [
  { name: 'translator', pattern: /\btranslator[’']?s?[’']?\b|\bby the translator\b/i, type: 'translator', why: '"Translator\'s Notes", "Notes by the Translator"' },
  { name: 'author', pattern: /\bauthor[’']?s?[’']?\b|\bby the author\b/i, type: 'authorial', why: '"Author\'s Notes": the author\'s own footnotes' },
  { name: 'editor', pattern: /\b(?:editor[’']?s?[’']?|editorial|publisher[’']?s?[’']?|transcriber[’']?s?[’']?)\b|\bby the (?:editor|publisher)s?\b/i, type: 'editorial', why: '"Editor\'s Notes", "Editorial Notes", "Notes by the Publisher"' },
];

/** The type a notes heading gives its notes, when it says whose they are ("Notes" alone says nothing). */
export function notesSectionType(heading: string): NotesSectionRule | undefined {
  const t = squash(heading);
  if (!isNotesHeading(t)) return undefined;
  return NOTES_SECTIONS.find((r) => r.pattern.test(t));
}

export interface NoteLabelRule {
  name: string;
  pattern: RegExp;
  why: string;
  /**
   * A label that is a note only in its series' order: "A." opens the series, "B." follows
   * "A." (a note may open with an initial: "J. W. Draper, History …"). Read only by callers
   * that pass the key of the note before.
   */
  inSequence?: boolean;
  /**
   * Whether the label can open with this character (a char code), after the line's spaces,
   * tabs and no-break spaces: a row whose label cannot is not tried on the line.
   */
  opens: (c: number) => boolean;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLowerAscii = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isUpperAscii = (c: number): boolean => c >= 0x41 && c <= 0x5a;

/** A note's label at the start of its first line; group 1 is the label, group 2 the key. */
export const NOTE_LABELS: readonly NoteLabelRule[] = [
  { name: 'bracketed', pattern: /^[ \u00a0\t]*(\[(\d{1,3}|[A-Za-z]|\*{1,3})\])[ \u00a0\t]*/, opens: (c) => c === 0x5b, why: '"[1] text": the label printed as its anchor' },
  { name: 'numbered', pattern: /^[ \u00a0\t]*((\d{1,3}\*?)[.)])(?:[ \u00a0\t]+(?=\S)|(?=[\p{Lu}“"‘][\p{Ll}\s]))/u, opens: isDigit, why: '"1. text" under a notes heading ("2.The canard", the space left out); "1*. text", the starred numbers of a second series (the editors\' notes)' },
  { name: 'bare number', pattern: /^[ \u00a0\t]*((\d{1,3}))[ \u00a0\t]+(?=[\p{Lu}“"‘(])/u, opens: isDigit, why: '"39 This work, …": a note number without a stop, under a notes heading (the HTML printed it as a link)' },
  { name: 'parenthesised', pattern: /^[ \u00a0\t]*(\((\d{1,3}|[a-z])\))[ \u00a0\t]+(?=\S)/, opens: (c) => c === 0x28, why: '"(1) text"' },
  { name: 'starred', pattern: /^[ \u00a0\t]*((\*{1,3}|[†‡]))[ \u00a0\t]+(?=\S)(?![\s*]*$)/, opens: (c) => c === 0x2a || c === 0x2020 || c === 0x2021, why: '"* text": a starred note (not "* * *", a separator)' },
  { name: 'lettered', pattern: /^[ \u00a0\t]*(([a-z])[.)])[ \u00a0\t]+(?=[\p{L}\d“"‘(][\p{L}\d])/u, opens: isLowerAscii, why: '"a. text": a lettered note' },
  { name: 'capital lettered', pattern: /^[ \u00a0\t]*(([A-Z])[.)])[ \u00a0\t]+(?=[\p{L}\d“"‘(][\p{L}\d])/u, opens: isUpperAscii, why: '"A. text", "B. text": the editors\' lettered notes beside the author\'s numbered ones, in their order', inSequence: true },
];

/** The char code of the first character of `line` after its spaces, tabs and no-break spaces (NaN: none), where every label of NOTE_LABELS opens. */
function labelOpening(line: string): number {
  let i = 0;
  for (let c = line.charCodeAt(0); c === 0x20 || c === 0xa0 || c === 0x09; c = line.charCodeAt(++i));
  return line.charCodeAt(i);
}

/**
 * The note label at the start of a line. `bracketed` labels count anywhere; the others only
 * inside a notes section (under its heading), where a line starting "1." is a note.
 */
export function noteLabel(line: string, inNotes: boolean, before?: { key: string | undefined }): { label: string; key: string; rest: number; rule: NoteLabelRule } | undefined {
  // Most lines open with a letter: only the rows whose label can open with it are tried.
  const opening = labelOpening(line);
  for (const rule of NOTE_LABELS) {
    if (!inNotes && rule.name !== 'bracketed') continue;
    if (rule.inSequence && before === undefined) continue;
    if (!rule.opens(opening)) continue;
    const m = rule.pattern.exec(line);
    if (!m || (rule.inSequence && !followsInSequence(before?.key, m[2]!))) continue;
    return { label: m[1]!, key: m[2]!, rest: m[0].length, rule };
  }
  return undefined;
}

/** In a row that counts in sequence, "A" opens the series anywhere, any other letter only right after the one before it. */
function followsInSequence(previous: string | undefined, key: string): boolean {
  if (key === 'A') return true;
  return previous !== undefined && previous.length === 1 && key.charCodeAt(0) === previous.charCodeAt(0) + 1;
}

export interface TextAfterNotesRule {
  name: string;
  /** The paragraph (its one line, white space squashed) after the last note that hands the page back to the text. */
  test: (line: string) => boolean;
  why: string;
}

/** A short capitalised line that ends like no sentence: a section's heading, not a note's last line. */
const SECTION_HEADING = /^[\p{Lu}§“"‘'][^.,;:!?]{0,78}[^\s.,;:!?]$|^\p{Lu}$/u;

/**
 * After the notes, the page may go on with its text ("* * *" over an afterword of the editors,
 * "Literature" over a reading list, "Trotsky’s speech" over the speech after its introduction's
 * notes): an unlabelled one-line paragraph of these shapes, after the last note, with
 * paragraphs of words under it and no note of the series after it, ends the notes section.
 * What follows is text again (the section is then printed inside the text), as the HTML
 * reader reads it from the page's elements.
 */
export const TEXT_AFTER_NOTES: readonly TextAfterNotesRule[] = [
  { name: 'separator', test: (s) => /^(?:[*·•~#][ \u00a0]*){3,}$/.test(s), why: '"* * *": a separator under the last note, over more text' },
  { name: 'section heading', test: (s) => s.length <= 80 && s.split(' ').length <= 10 && SECTION_HEADING.test(s) && !isNotesHeading(s), why: '"Literature", "Trotsky’s speech": a heading under the last note, over more text' },
];

/** The row of `TEXT_AFTER_NOTES` a line after the last note matches, if any. */
export const textAfterNotesRule = (line: string): TextAfterNotesRule | undefined => {
  const s = squash(line);
  return noteLabel(s, true, { key: undefined }) ? undefined : TEXT_AFTER_NOTES.find((r) => r.test(s));
};

export interface PrintedAnchorRule {
  name: string;
  /** The pattern of an anchor whose key matches the regular expression source `key`; group 1 is the marker as printed. */
  source: (key: string) => string;
  /** Keys the row can print: numbers only (a letter glued to a word is a word). */
  keys: RegExp;
  why: string;
  /**
   * A ")" right after the number is part of the anchor when it closes no parenthesis opened
   * before it ("again.4) They", the superscript "4)"; not "(see vol.3)").
   */
  closedByParenthesis?: true;
  /** A further test of a match at `index` (the marker's start) that the pattern cannot say. */
  accept?: (text: string, index: number, key: string) => boolean;
}

/**
 * "November 16,1 it": a number glued after a number and its comma is an anchor only when it
 * is smaller than the number before (a list goes up: "pages 16,17"; "1,000" has three digits
 * after its comma and nothing after them may be a word).
 */
const smallerThanNumberBefore = (text: string, index: number, key: string): boolean => {
  if (text[index - 1] !== ',' || !/\d/.test(text[index - 2] ?? '')) return true;
  const before = /(\d{1,4}),$/.exec(text.slice(Math.max(0, index - 6), index));
  return before !== null && Number(key) < Number(before[1]);
};

/** What may stand right after an anchor: a space, punctuation, a closing quote or the line's end. */
const AFTER_ANCHOR = String.raw`(?=[\s.,;:!?’”")\]]|$)`;

/**
 * Note anchors a browser copy prints without brackets, for pages whose notes have no `[n]`
 * anchor in the text: the superscript the HTML printed comes out as a plain number glued to
 * the word or the stop before it ("for a century.”1 It", "Fine Arts.1"), or set off by a
 * space at the end of a paragraph ("schools. 1"); or as a parenthesised number in the
 * sentence ("the cotton operatives (1). But"). Never at the start of a line, nor after ":",
 * ";" or "and" (an enumeration: "as: (1) calling for …; and (5) frothing").
 */
export const PRINTED_ANCHORS: readonly PrintedAnchorRule[] = [
  {
    name: 'glued number',
    // After a small letter or a stop; after a Roman numeral only at the end of the line ("British Industry—VI1", a series title's part and its anchor).
    source: (k) => String.raw`(?:(?<=[\p{Ll}’”"')\]]|[\p{L}’”"')\]][.,;:!?])|(?<=\b[IVXLC]+)(?=(?:${k})\n?$)|(?<=(?<![\d,.])\d{1,4},)(?=(?:${k})[ \u00a0]\p{Ll}))(${k})${AFTER_ANCHOR}`,
    keys: /^(?:\d{1,3}|[*†‡§¶]{1,3})$/,
    why: '"for a century.”1 It", "yesterday* to", "again.4) They", "on November 16,1 it": a superscript number or a note\'s symbol, glued to the word or stop before it (after a number and its comma only when smaller than that number and a word goes on)',
    closedByParenthesis: true,
    accept: smallerThanNumberBefore,
  },
  { name: 'number after a sentence', source: (k) => String.raw`(?<=[\p{Ll}’”"')\]][.!?’”"]?[.!?’”"][ \u00a0])(${k})(?=\)?\n?$)`, keys: /^\d{1,3}$/, why: '"… in all the schools. 1": a superscript number after the last sentence of a paragraph', closedByParenthesis: true },
  {
    name: 'number before the last stop',
    source: (k) => String.raw`(?<=[\p{L}’”"')][ \u00a0])(?<!\b(?:[Cc]hapter|[Pp]ages?|[Pp]p?\.?|[Vv]ol(?:ume)?\.?|[Nn]o\.?|[Ss]ection|[Pp]art|[Aa]rticle|[Pp]oint|[Pp]aragraph|[Ff]ig(?:ure)?\.?|[Tt]able|[Nn]otes?|[Ll]ine|[Bb]ook|[Ii]ssue|[Nn]umber|[Cc]lause|[Ss]tep|[Pp]hase|[Ll]evel|[Gg]rade|[Rr]oom|[Dd]ay|[Yy]ear|[Tt]ype|[Cc]lass|[Ss]eries|[Ee]dition|[Cc]ase|[Rr]ule|[Ll]aw|[Nn]o|[Aa]nd|[Oo]r|[Oo]f|[Tt]o|[Ff]or|[Ii]n|[Ss]ee)[ \u00a0])(${k})(?=[.!?]\n?$)`,
    keys: /^\d{1,3}$/,
    why: '"upon the bureau 1.": a superscript set off by a space before the stop that ends the paragraph (not "see chapter 1.", a number the words before it count)',
  },
  { name: 'parenthesised', source: (k) => String.raw`(?<![:;][ \u00a0]?|[:;,]?[ \u00a0](?:and|or)[ \u00a0])(?<=[\p{L}\p{N}.,!?’”"')\]][ \u00a0]?)(\((?:${k})\))${AFTER_ANCHOR}`, keys: /^(?:\d{1,3}|[A-Za-z])$/, why: '"the cotton operatives (1). But": a parenthesised number in the sentence' },
];

const escapeKey = (key: string): string => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Each row's pattern for one key, compiled once: a document asks for the same few keys line
 * after line (the keys a row accepts are few: numbers up to 999 and note symbols). Used only
 * through `exec` from a `lastIndex` set just before, so sharing the global pattern is safe.
 */
const anchorPatterns = new WeakMap<PrintedAnchorRule, Map<string, RegExp>>();
function anchorPattern(rule: PrintedAnchorRule, key: string): RegExp {
  let byKey = anchorPatterns.get(rule);
  if (!byKey) anchorPatterns.set(rule, (byKey = new Map()));
  let re = byKey.get(key);
  if (!re) byKey.set(key, (re = new RegExp(rule.source(escapeKey(key)), 'gu')));
  return re;
}

/** Where the anchor of the note keyed `key` is printed in `text` by the row, from `from` on. */
export function printedAnchorAt(rule: PrintedAnchorRule, key: string, text: string, from: number): { index: number; marker: string } | undefined {
  if (!rule.keys.test(key)) return undefined;
  const re = anchorPattern(rule, key);
  re.lastIndex = from;
  let m = re.exec(text);
  while (m && rule.accept && !rule.accept(text, m.index, key)) m = re.exec(text);
  if (!m) return undefined;
  const end = m.index + m[1]!.length;
  if (rule.closedByParenthesis && /^\d/.test(key) && text[end] === ')' && !openParenthesis(text, m.index)) return { index: m.index, marker: `${m[1]!})` };
  return { index: m.index, marker: m[1]! };
}

/** A "(" before `at` in the text that no ")" closed yet. */
function openParenthesis(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

/** Keys printed as parenthesised anchors in a line ("operatives (1). But"), not as an enumeration. */
export function parenthesisedAnchorKeys(line: string): string[] {
  if (!line.includes('(')) return [];
  const re = (PARENTHESISED_ANY ??= new RegExp(PRINTED_ANCHORS.find((r) => r.name === 'parenthesised')!.source(String.raw`\d{1,3}|[A-Za-z]`), 'gu'));
  const keys: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) keys.push(m[1]!.slice(1, -1));
  return keys;
}

/** The parenthesised row's pattern for any key, compiled at its first use. */
let PARENTHESISED_ANY: RegExp | undefined;

export interface InfoSentence {
  name: string;
  /** `label` group: the words that say what the line is; `value`: the rest. */
  pattern: RegExp;
  role: MetaRole;
  why: string;
  /** The letters the row's label opens with, either case (a test holds the row to them): a line opening with another is not tried on it. */
  opens?: string;
}

/**
 * Information-block lines written as prose, not as `Label: value`. The label words are
 * kept as the field's label (markup: the TEI element says what they said).
 */
export const INFO_SENTENCES: readonly InfoSentence[] = [
  { name: 'originally published', pattern: /^(?<label>(?:originally|first) published(?: (?:in|as|by|on))?|published (?:in|as|by|on))\s+(?<value>\S.*)$/i, opens: 'ofpOFP', role: 'firstPublished', why: '"Originally published in …"' },
  { name: 'this version from', pattern: /^(?<label>(?:this version|this text|the text|text|english (?:version|translation|text)(?: and title)?) (?:is )?(?:taken |reproduced |transcribed )?from|taken from|reproduced from|(?:copied|downloaded)(?: with thanks)? from)\s+(?<value>\S.*)$/i, opens: 'tecdrTECDR', role: 'source', why: '"This version from …", "Downloaded with thanks from Endpage.com.", "English version and title from International Viewpoint."' },
  // "From the manuscript." is a headnote; "From The Irish Review (Dublin), …" names a publication.
  { name: 'from a publication', pattern: /^(?<label>From)\s+(?<value>[\p{Lu}\d“"‘](?=.*(?:\d|[,.;]\s*$))(?!(?:[^,(\d]*?\s(?!(?:of|the|and|for|in|on|at|to|a|an|de|des|du|la|le|der|die|das|und)\s)\p{Ll}[\p{L}’'-]*(?=[\s.])){2}).*)$/u, opens: 'F', role: 'source', why: '"From The Irish Review …": a publication, capitalised, with its date or number or as a sentence ("From N.E.P. to Socialism" is a title; "From Germany in revolution Communists send …", two lower-case words of a sentence before any comma or number, is text)' },
  { name: 'translated by', pattern: /^(?<label>(?:english )?translat(?:ed|ion)(?: from [\p{L}]+)?(?: into english)? by)\s+(?<value>\S.*)$/iu, opens: 'etET', role: 'translated', why: '"Translated by …"' },
  { name: 'transcribed and marked up by', pattern: /^(?<label>transcri(?:bed|ption)(?: and| &| ?\/)? ?(?:html )?(?:mark-?up(?:ed)?|marked up) by)\s+(?<value>\S.*)$/i, opens: 'tT', role: 'transcriptionMarkup', why: '"Transcribed & marked up by …": the transcription and the markup, as the label "Transcription/Markup:" says' },
  { name: 'transcribed by', pattern: /^(?<label>transcri(?:bed|ption) by)\s+(?<value>\S.*)$/i, opens: 'tT', role: 'transcribed', why: '"Transcribed by …"' },
  { name: 'marked up by', pattern: /^(?<label>(?:corrected (?:and|&) )?(?:html )?(?:mark-?up|marked[- ]up|markup)(?: and proofread)? by)\s+(?<value>\S.*)$/i, opens: 'chmCHM', role: 'markup', why: '"Corrected & marked up by …", "Html Markup by …"' },
  { name: 'proofread by', pattern: /^(?<label>proof-?(?:read|ed)(?: and corrected)? by)\s+(?<value>\S.*)$/i, opens: 'pP', role: 'proofed', why: '"Proofread by …"' },
  { name: 'delivered', pattern: /^(?<label>(?:speech )?delivered(?: on| at| in)?)\s+(?<value>\S.*\b1[5-9]\d\d\b.*)$/i, opens: 'sdSD', role: 'delivered', why: '"Delivered on 5 May 1920 …": when the text was spoken' },
  { name: 'published according to', pattern: /^(?<label>published according to)\s+(?<value>\S.*)$/i, opens: 'pP', role: 'source', why: '"Published according to the manuscript": the text an edition followed (Lenin\'s Collected Works)' },
  // "Written for the red funeral of …, 1887." (a poem's caption) says what for, not when: the value starts with the date or place.
  { name: 'written', pattern: /^(?<label>[Ww]ritten(?: in| on| at| between| during| about| around| c\.)?)\s+(?<value>[\p{Lu}\d(\[].*\b1[5-9]\d\d\b.*)$/u, opens: 'wW', role: 'written', why: '"Written in 1921", "Written 12 May 1871": the date of writing (not "Written for the red funeral …, 1887.": a caption saying what for)' },
];

/**
 * A credit printed without its colon inside the information block ("Transcription Ted
 * Crawford" between "Source: …" and "HTML Markup: …"): a credit label, then a name and
 * nothing else. Read only on a line of a block already open (a title "Translation Problems"
 * or "Markup Language Basics" opens none); the `label` group is a label of model/labels.ts.
 */
export const CREDIT_WITHOUT_COLON: readonly InfoSentence[] = [
  {
    name: 'credit label and name',
    pattern: /^(?<label>(?:html )?(?:transcription|transcribed|translation|translated|mark-?up|proofread(?:ing)?|proofreader|proofed|editing|copy-?editing))\s+(?<value>(?!(?:Of|The|And|In|On|To|For|From|By)\s)\p{Lu}[\p{L}'’.-]*(?:\s+(?!(?:Of|The|And|In|On|To|For|From|By)\b)\p{Lu}[\p{L}'’.-]*){1,4}\.?)$/iu,
    role: 'other',
    why: '"Transcription Ted Crawford": a credit whose colon was left out, the label and a name alone on the line',
  },
];

/** The credit a line of an open information block prints without a colon, if it is one. */
export function creditWithoutColon(line: string): { label: string; value: string; valueStart: number; rule: InfoSentence } | undefined {
  // trimStart and trimEnd take the white space `[\s\u00a0]` is, without a pattern tried at every position.
  const lead = line.length - line.trimStart().length;
  const s = line.slice(lead).trimEnd();
  if (s.length > 120) return undefined;
  for (const rule of CREDIT_WITHOUT_COLON) {
    const m = rule.pattern.exec(s);
    if (!m?.groups) continue;
    const value = m.groups['value']!;
    return { label: m.groups['label']!, value, valueStart: lead + s.length - value.length, rule };
  }
  return undefined;
}

/**
 * The letters the rows of INFO_SENTENCES open with, either case ("originally", "first",
 * "published", "this", "the", "text", "taken", "reproduced", "copied", "downloaded", "From",
 * "english", "translated", "transcribed", "corrected", "html", "markup", "proofread",
 * "speech", "delivered", "written"; a test holds every row to them). Only the "translated
 * by" row folds case with `u`, and no letter other than these folds to its "e" or "t".
 */
export const INFO_OPENINGS = 'cdefhmoprstwCDEFHMOPRSTW';

/** The longest line (white space trimmed) a prose information row is read in. */
export const INFO_SENTENCE_MAX = 400;

/** The prose information row a line matches (short lines only: a paragraph of text is not one). */
export function infoSentence(line: string): { label: string; value: string; valueStart: number; rule: InfoSentence } | undefined {
  // trimStart and trimEnd take the white space `[\s\u00a0]` is, without a pattern tried at every position.
  const lead = line.length - line.trimStart().length;
  // A line whose first letter opens no row is none, without trying each (most lines are text).
  if (!INFO_OPENINGS.includes(line[lead] ?? ' ')) return undefined;
  const s = line.slice(lead).trimEnd();
  if (s.length > INFO_SENTENCE_MAX) return undefined;
  for (const rule of INFO_SENTENCES) {
    if (rule.opens !== undefined && !rule.opens.includes(s[0]!)) continue;
    const m = rule.pattern.exec(s);
    if (!m?.groups) continue;
    const label = m.groups['label']!;
    const value = m.groups['value']!;
    return { label, value, valueStart: lead + s.length - value.length, rule };
  }
  return undefined;
}

/** A date line under a title: "(October 1913)", "March 1912", "London, 20 June 1873". */
export const DATE_LINE = /^[([]?[\p{L}\d ,.–-]{0,40}\b(?:1[5-9]\d\d|20\d\d)\b[\p{L}\d ,.–-]{0,30}[)\]]?\.?$/u;
const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=[\s,.)\d]|$)/i;
/** A date line names a month, or stands in brackets, or is a year alone: "Preface to the First Edition, 1884" is a title. */
export const isDateLine = (s: string): boolean => {
  const t = squash(s);
  return t.length <= 80 && DATE_LINE.test(t) && (MONTH.test(t) || /^[([].*[)\]]\.?$/.test(t) || /^[\d\s–-]+$/.test(t));
};

const squashed = squash;

/**
 * A line that names a book or collection rather than one text: "Frederick Engels" over the
 * book's title, "Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx", "The Peasant War in
 * Germany by Frederick Engels", "Dialectics of Nature. Frederick Engels (1883)". Above the
 * title it names the larger work the page belongs to: the collection line, in the header
 * (page text: `engine.ts` readTop; HTML: `hinted.ts` planFront).
 */
export function isBookLine(p: { readonly lines: ReadonlyArray<{ readonly text: string }> }): boolean {
  const t = p.lines.map((l) => squashed(l.text)).join(' ');
  // "The Third Address / May, 1871": a heading with its date on a line of its own, not a year's collection.
  const last = squashed(p.lines[p.lines.length - 1]!.text);
  const datedHeading = p.lines.length > 1 && isDateLine(last) && /\p{L}/u.test(last) && !isCollectionLine(squashed(p.lines[0]!.text));
  if (isCollectionLine(t) && !datedHeading) return true;
  // "Frederick Engels" over the book's title; not a name printed over two lines ("GEORGII VALENTINOVICH" / "PLEKHANOV").
  if (p.lines.length > 1 && isPersonName(squashed(p.lines[0]!.text)) && !(p.lines.length === 2 && !/\s/.test(squashed(p.lines[1]!.text)) && isPersonName(t))) return true;
  const named = /^(.{3,60}?)(?:\s+\(?(?:1[5-9]\d\d|20\d\d)\)?)?\s*[:.]\s+\S/.exec(t);
  if (named && isPersonName(named[1]!)) return true;
  // "N.I. Bukharin and E. Preobrazhensky: The ABC of Communism": the names of two writers before the colon, each a person's.
  const writers = /^([^:]{3,80}?)\s*:\s+\S/.exec(t)?.[1]?.split(/\s+(?:and|&)\s+/);
  if (writers && writers.length > 1 && writers.every((n) => isPersonName(n))) return true;
  const by = /\sby\s+(.{3,60})$/.exec(t);
  return by !== null && isPersonName(by[1]!);
}

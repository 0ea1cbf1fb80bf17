/**
 * The layout engine: one reading of a page's zones for every input style. It takes the
 * block stream a reader made of its syntax (`blocks.ts`) and decides, by position and shape
 * and the rule tables of `rules.ts`, never by the words of a particular page:
 *
 *   furniture          navigation lines, breadcrumb, "Top of the page", link bars (top and bottom)
 *   author line        "V. I.   Lenin", "Salvador Allende 1970", "by X" under the title
 *   collection line    "Marx-Engels Correspondence 1873" above the title (kept, before `head`)
 *   title, subtitle    the short heading-like blocks above the information block or the text
 *   information block  `Label: value` lines and prose sentences ("Transcribed by …"), also
 *                      as credits at the bottom of the page
 *   headnote           short editorial blocks, set apart by a wider gap before the text
 *   opener, closer     a letter's place-date line and salutation; salute, signature, dateline
 *   notes              under a notes heading (every spelling) or from the first `[n]` label
 *   author             else from a letter's title or the footer's archive link
 *
 * Everything it leaves out of the model goes to `edition.dropped` with a
 * `furniture-dropped` diagnostic, so the fidelity check can account for it.
 *
 * Order of the decisions (each one narrows what the next sees):
 *   1. navigation lines off the bottom and the top (`navigation.ts`, the FURNITURE table);
 *   2. the information block: the first block, among the first few, that opens with a
 *      label line and holds a known label; what is above it is author line, title, subtitle;
 *   3. the notes: from the first later block that opens with `[n]` to the end;
 *   4. the headnote: up to three short blocks followed by two or more blank lines.
 *      Without that wider gap a short first block stays text: a headnote cannot be told
 *      from a short opening sentence by length alone, and a missed headnote loses nothing;
 *   5. the letter frame: opener lines at the top, closer lines at the bottom (line by line,
 *      so a closing that shares a block with the last sentence is found too).
 * Linear in the size of the text: a constant number of passes over the blocks. The engine
 * does not link anchors to notes, repair `&8220;` or date the metadata: the transforms do.
 *
 * Which readers go through it: `lia-text` (page text); the markdown readers
 * (`mia-markdown`, `markdown-frontmatter`), whose stream carries a `MarkedSyntax`: a
 * marked-up stream is read by `marked.ts` (headings, rules and labels say what page text
 * leaves to shape), with the same rule tables; and `mia-html`, through the hint tables of
 * `hinted.ts` (front, hinted roles in the text), `letter-frame.ts` and `note-kinds.ts`, on
 * the same block stream (README, "The layout engine").
 */
import { advance } from '../model/source-text.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Block, Closer, Edition, Inline, Opener } from '../model/edition.js';
import { emptyEdition, plainText, squash } from '../model/walk.js';
import { isAddresseeLine, isClosingSaluteLine, isPlaceDateLine, isPlaceDateOverLines, isPlaceLine, isPlaceOverDate, isSalutationLine, isSignatureLine, isSignatureUnderDate, isSignedValediction, postscriptStart } from './letter.js';
import { labelLineAt, readFields, startsWithLabel } from './info.js';
import { breakLine, isNotesHeading, readNotes, startsWithNoteLabel } from './notes.js';
import { pairMisnumberedNotes } from './note-pairing.js';
import { isNavigationLine } from './navigation.js';
import { furnitureByHints } from './furniture.js';
import { layoutMarked } from './marked.js';
import { authorFrom, isGenreLine, authorInBookLine, furnitureSegments, isColumnLine, partLinked, PART_LINK, isAuthorsLine, signedName, repeatsFurniture, isBookLine, authorInCollection, authorLineName, footerSpelling, furnitureAnywhere, furnitureRule, isFooterCompanion, infoSentence, isCollectionLine, isChapterHeading, isDateLine, isPartRemark, isPersonName, isSubtitleLine, isNotesHeading as isNotesHeadingLine, noteLabel, parenthesisedAnchorKeys, surnameInBookLine, textAfterNotesRule } from './rules.js';
import { anchorPrintedNotes, unanchorBracketedLetters } from './printed-anchors.js';
import { titleWithoutAnchors } from './title-anchors.js';
import { titleEndsInDate } from './title-date.js';
import { type Front, footerAuthor, frontTexts, titleAuthor } from './authors.js';
import { type BlockStream, type InlineSyntax, type StreamBlock, type StreamLine, blockText, firstColumn, squashLine, squashShort } from './blocks.js';
import { isCreditLine } from './info.js';

/**
 * A block with a letter or a digit (`/[\p{L}\p{N}]/u` on `blockText(p)`): asked of its lines
 * as printed, since squashing white space and joining lines adds or takes no letter.
 */
const hasWordChar = (p: StreamBlock): boolean => p.lines.some((l) => /[\p{L}\p{N}]/u.test(l.text));

/** What every zone reader needs: where to report, and the reader's inline syntax. */
interface Reading {
  diagnostics: Diagnostics;
  syntax: InlineSyntax;
}

/** A "[n]" label at the start of a line (outside a notes section, only this style counts). */
const bracketedLabel = (text: string): ReturnType<typeof noteLabel> => noteLabel(text, false);

/** How far down the information block may start (author, title over a few paragraphs). */
const MAX_TOP_PARAGRAPHS = 6;
/** A headnote is short: at most this many characters per paragraph, and few paragraphs. */
const HEADNOTE_MAX_CHARS = 300;
const HEADNOTE_MAX_PARAGRAPHS = 3;

type P = Extract<Block, { kind: 'p' }>;

/** One source line as inlines: `squash` for the title, as printed for the text. */
const lineInlines = (l: StreamLine, rd: Reading, out: Inline[], squashIt = false): Inline[] => {
  const col = squashIt ? firstColumn(l.text) : 1;
  const text = squashIt ? l.text.slice(col - 1).trimEnd() : l.text;
  return rd.syntax.inlines({ text, line: l.line, column: col }, rd.diagnostics, out, { squash: squashIt });
};

/** A paragraph of the text as a `p`, its printed line breaks kept as newlines. */
function paragraphBlock(p: StreamBlock, rd: Reading): P {
  const lines = p.lines;
  const first = lines[0]!;
  const block: P = { kind: 'p', children: [], pos: { line: first.line, column: firstColumn(first.text) } };
  lines.forEach((l, i) => {
    if (i > 0) breakLine(block.children);
    lineInlines(l, rd, block.children);
  });
  return block;
}

/** Title (or subtitle) lines as one run of inlines, lines joined by a single space. */
function titleInlines(paragraphs: readonly StreamBlock[], rd: Reading): Inline[] {
  const out: Inline[] = [];
  for (const l of paragraphs.flatMap((p) => p.lines)) {
    if (out.length > 0) {
      const last = out[out.length - 1]!;
      if (last.kind === 'text') last.text += ' ';
      else out.push({ kind: 'text', text: ' ', pos: { line: l.line, column: 1 } });
    }
    lineInlines(l, rd, out, true);
  }
  return out;
}

/**
 * The author line: one line of at most four capitalised words or initials above the title.
 * Title words such as "of", "and", "the" rule it out ("State and Revolution" is a title);
 * name particles ("von", "de") do not.
 */
const isAuthorLine = (p: Pick<StreamBlock, 'lines'>): boolean => {
  if (p.lines.length !== 1) return false;
  const s = squashShort(p.lines[0]!.text, 80);
  return (isSignatureLine(s) && s.split(' ').length <= 4 && !/\b(?:of|and|the|on|in|to|for)\b/i.test(s)) || isAuthorsLine(s);
};

/**
 * A paragraph of the information block written as prose or labelled lines: every line is a
 * `Label: value` line, a prose information sentence ("Transcribed by …") or continues the
 * line above, and at least one line is a known label or a prose sentence.
 */
const isInfoParagraph = (p: StreamBlock): boolean =>
  p.lines.length <= 12 && infoSentence(p.lines[0]!.text) !== undefined && p.lines.every((l) => l.text.length <= 400);

const opensInfoBlock = (p: StreamBlock): boolean => (startsWithLabel(p, false) && p.lines.some((l) => labelLineAt(l.text)?.known)) || isInfoParagraph(p) || isCitedInfoParagraph(p) || isCreditedParagraph(p);

/**
 * An information block printed as one paragraph of lines that ends with the page's credits,
 * whatever its first lines say: the printed source cited ("Peter Sedgwick, The Two New Lefts,
 * International Socialism …" / "Also published as …"), a remark ("Transcript of a meeting. [1]"),
 * a download ("Downloaded with thanks from Endpage.com."); then "Transcribed by …" / "Marked up
 * by … for the Marxists’ Internet Archive.". A poem or a letter's lines end with no credit.
 */
const isCreditedParagraph = (p: StreamBlock): boolean =>
  p.lines.length >= 2 && p.lines.length <= 12 && p.lines.every((l) => l.text.length <= 400 && !isTitleZoneLine(l.text)) && isCreditLine(p.lines[p.lines.length - 1]!.text);

/** A line of one or two words ("by", "J. C. MARIATEGUI" over the credits): the title zone's, printed in the same block; then the block is not read as information. */
const isTitleZoneLine = (text: string): boolean => {
  // Fewer than two words of two letters in a row ("by" is one word: no test of its own is needed).
  // The words of the squashed line are the runs of non-space of the line as printed; counting stops at two.
  let words = 0;
  for (let m = PRINTED_WORD.exec(text); m; m = PRINTED_WORD.exec(text)) {
    if (TWO_LETTERS.test(m[0]) && ++words === 2) {
      PRINTED_WORD.lastIndex = 0;
      return false;
    }
  }
  return true;
};
const PRINTED_WORD = /\S+/g;
const TWO_LETTERS = /\p{L}{2}/u;

/**
 * The information block opened by the printed source cited in a line ("Clara Zetkin, Social
 * Democracy & Woman Suffrage, [no publisher], London 1906.") over a known label line or a prose
 * information sentence ("Translator: …", "Transcription: …"): the citation, a year in it, is the
 * block's first field.
 */
const isCitedInfoParagraph = (p: StreamBlock): boolean => {
  if (p.lines.length < 2 || p.lines.length > 12) return false;
  const first = squashLine(p.lines[0]!.text);
  const second = p.lines[1]!.text;
  return first.length <= 300 && /,/.test(first) && /\b(?:1[5-9]\d\d|20\d\d)\b/.test(first) && !labelLineAt(first) && (labelLineAt(second)?.known === true || infoSentence(second) !== undefined);
};

/** A short one-line paragraph: what a title, a collection line or a date line is. */
const isShortLine = (p: StreamBlock | undefined): boolean => p !== undefined && p.lines.length <= 3 && blockText(p).length <= 160;

/**
 * A paragraph that can stand in the title zone: short, one or two lines, not ending like a
 * sentence or a salutation, and not a bare section number (which opens the text's first
 * section). A date line always can.
 */
function isHeadingLike(p: StreamBlock): boolean {
  if (!isShortLine(p)) return false;
  const t = blockText(p);
  if (isDateLine(t)) return true;
  if (/^(?:[IVXLC]+|\d{1,3}|§\s*\d+)\.?$/.test(t)) return false;
  // A quotation ending like a sentence inside its quote marks ("“It is the ultimate aim … society,”",
  // "\"2. Normal working day.\"") is an epigraph or the text's first quoted clause, not a heading.
  const bare = t.replace(/[”"’»]+$/u, '');
  if (bare !== t && /[.!?,;:]$/.test(bare)) return false;
  return !/[.!?,;:]$/.test(t) || /(?:^|\s)\p{Lu}\.$/u.test(t);
}

/** A heading in capitals ("SOCIALISM AND ETHICS"): at least two words, no lower-case letter. */
const isCapitalsHeading = (p: StreamBlock): boolean => {
  const t = blockText(p);
  return isShortLine(p) && /\p{Lu}{2,}.*\s.*\p{Lu}{2,}/u.test(t) && !/\p{Ll}/u.test(t) && !isDateLine(t);
};

/**
 * Under a title not in capitals, a heading in capitals that the text repeats further down in
 * that shape ("SOCIALISM AND ETHICS" … "WE ARE A PECULIAR PEOPLE") opens the text's first
 * section: it ends the title zone, it is not more of the subtitle.
 */
const opensFirstSection = (paragraphs: readonly StreamBlock[], titleAt: number, k: number): boolean =>
  k > titleAt + 1 && isCapitalsHeading(paragraphs[k]!) && /\p{Ll}/u.test(blockText(paragraphs[titleAt]!)) && paragraphs.slice(k + 1).some((p) => isCapitalsHeading(p));

/**
 * A date line standing as a paragraph: one line ("(October 1913)"), or lines that are each
 * part of the date ("London, / May 30, 1871"). "The Third Address / May, 1871" is a heading with its date under it.
 */
const isDateParagraph = (p: StreamBlock): boolean =>
  isDateLine(blockText(p)) && (p.lines.length === 1 || isDateLine(squashLine(p.lines[0]!.text)) || p.lines.slice(0, -1).every((l) => /,$/.test(squashLine(l.text))));

/**
 * Which paragraph of the title zone [from, to) is the title. The one right above a date
 * line ("Labour in Dublin" over "(October 1913)"), or above its subtitle ("(An interview)");
 * else, above an information block, the
 * first that is not a collection line ("Marx-Engels Correspondence 1873" over the letter's
 * title, "Abstract" under it); else, above the text, the last one (a book's title over its
 * chapter's: "Capital Volume One" over "Chapter Thirty-Two").
 */
function chooseTitle(paragraphs: readonly StreamBlock[], from: number, to: number, beforeInfo: boolean, repeated: (p: StreamBlock) => boolean): number {
  // Nothing left above the text (the page was all furniture): no title to choose; readTop reports it missing.
  if (paragraphs[from] === undefined) return from;
  // A line the page's breadcrumb or footer repeats ("Hungarian Tragedy" under "MIA > Archive >
  // Fryer > Hungarian Tragedy", "Revolutionary Silhouettes" in the footer) names the book or the
  // series the page belongs to: the title is under it.
  // A genre label ("Book Review", "Obituary", rules GENRE) or a date alone ("1975") over the title is never the title.
  while (from + 1 < to && (repeated(paragraphs[from]!) || notTitleAtTop(paragraphs[from]!)) && !isDateParagraph(paragraphs[from + 1]!)) from++;
  for (let k = from + 1; k < to; k++) {
    if (!isDateParagraph(paragraphs[k]!)) continue;
    // Right above the date line, unless the lines there say what kind of text it is or who wrote
    // it ("Where do we go from here?" over "(An interview)" over "(April 1980)"; "German Women to
    // Their Sisters …" over "By Klara Zetkin" over "(International Secretary …)" over "(December
    // 1913)"): then the one above them. A column's name over the title ("In This Corner" over
    // "The Hue and Cry About the Port") and a title over its subtitle ("Four Portraits of
    // Stalinism" over "Reviewing the Books of …") print alike: the line above the date is kept.
    let t = k - 1;
    while (t - 1 >= from && isUnderTitle(paragraphs[t]!)) t--;
    if (t === k - 1 && t - 1 >= from && isTitleOverSubtitle(paragraphs[t - 1]!, paragraphs[t]!, repeated)) t--;
    return t;
  }
  if (!beforeInfo) {
    // The page's first line over a chapter heading ("Engels 1894: The Peasant Question in
    // France and Germany" over "Part 1: France"): the book line, and the chapter is the title.
    // Under an author line, templates differ (the book's title or the chapter's is the main
    // heading), and the copy does not show which: the rules below keep the first.
    if (from === 0 && 1 < to && isChapterHeading(blockText(paragraphs[1]!)) && !isChapterHeading(blockText(paragraphs[0]!))) return 1;
    // A chapter's heading printed as its number over its name ("CHAPTER XVI" / "The Economics of
    // Technology") under the book's title and a part's heading: the chapter is the page's title,
    // as its heading is the page's main one; the lines above name the book and the part.
    for (let k = to - 1; k > from; k--) if (isNamedDivision(paragraphs[k]!) && !isChapterHeading(blockText(paragraphs[from]!))) return k;
    if (!isBookLine(paragraphs[from]!)) return from;
    let last = to - 1;
    // A "by Name" line, a subtitle ("Speech by Marx the London Conference …") or a notes
    // heading ("Translator's Note") under the title is not the title.
    const notTitle = (p: StreamBlock): boolean => authorFrom(blockText(p), 'top')?.rule.name === 'by X' || isSubtitleLine(blockText(p)) || isNotesHeading(p);
    while (last > from && notTitle(paragraphs[last]!)) last--;
    return Math.max(from, last);
  }
  // Above the information block, a heading printed with its date on its last line ("Frederick Engels’
  // Speech at the Grave of Karl Marx" / "Highgate Cemetery, London. March 17, 1883") is the text's title.
  for (let d = to - 1; d > from; d--) if (isHeadingWithDate(paragraphs[d]!)) return d;
  // Over the information block, its last paragraph ending in a date line ("Frederick Engels’ Speech at the Grave of Karl
  // Marx" / "Highgate Cemetery, London. March 17, 1883") is the title, with its date under it (layout/title-date.ts).
  if (to - 1 > from && titleEndsInDate(paragraphs[to - 1]!.lines.map((l) => l.text))) return to - 1;
  let k = from;
  while (k + 1 < to && (isCollectionLine(blockText(paragraphs[k]!)) || notTitleAtTop(paragraphs[k]!))) k++;
  return k;
}

/** A one-line paragraph that is never the title at the top of the zone: a genre label ("Book Review") or a date alone ("1975"). */
const notTitleAtTop = (p: StreamBlock): boolean => p.lines.length === 1 && (isGenreLine(blockText(p)) || isDateAlone(blockText(p)));

/** A numbered division with its name on the line under its number ("CHAPTER XVI" / "The Economics of Technology"). */
const isNamedDivision = (p: StreamBlock): boolean =>
  p.lines.length === 2 && isChapterHeading(squashLine(p.lines[0]!.text)) && /^(?:chapter|part|book|lecture|section)\s+\S+\.?$/i.test(squashLine(p.lines[0]!.text)) && /\p{L}/u.test(p.lines[1]!.text);

/**
 * Two heading lines over the date line: the upper is the title and the lower its subtitle
 * ("Four Portraits of Stalinism" over "Reviewing the Books of Duranty, …"; "Kronstadt" over
 * "Proletarian Spin-Off of The Russian Revolution"), unless the upper names the column, the
 * book or the series the article belongs to ("In This Corner" over "The Hue and Cry About the
 * Port", rows COLUMN and COLLECTION, a line the breadcrumb or footer repeats) or a chapter's
 * division ("Chapter I" over "Race Theories"). A subtitle is one printed line and never a
 * column's name; a title printed over two lines ("The Hue and Cry About" / "‘Poor Little
 * Finland’") is the title.
 */
function isTitleOverSubtitle(upper: StreamBlock, lower: StreamBlock, repeated: (p: StreamBlock) => boolean): boolean {
  if (upper.lines.length > 2 || lower.lines.length !== 1) return false;
  const u = blockText(upper);
  const l = blockText(lower);
  if (isColumnLine(u) || isColumnLine(l) || isGenreLine(u) || isGenreLine(l) || isCollectionLine(u) || repeated(upper) || isChapterHeading(u) || isChapterHeading(l)) return false;
  // A person's name over the title is the author line, not a title ("Max Shachtman" when the reader left it in the zone).
  // A date alone ("(1922)", "January 1851") is no title; a title may name a month ("Politico-Economic Survey for July 1922").
  return !isDateAlone(u) && authorLineName(u) === undefined && !isAuthorsLine(u) && !isPartRemark(u) && !isPartRemark(l);
}

/** A line that is a date and nothing else: "(August 1922)", "1971", "January 1851", "Moscow, May 1, 1921". */
const isDateAlone = (t: string): boolean => isDateLine(t) && (/^[([].*[)\]]\.?$/.test(t) || /^[\d\s–-]+$/.test(t) || isPlaceDateLine(t));

/** A line under a title that is not one: a subtitle saying what kind of text it is, or a "by Name" line. */
const isUnderTitle = (p: StreamBlock): boolean => isSubtitleLine(blockText(p)) || byLine(p) !== undefined || (p.lines.length === 1 && isGenreLine(blockText(p)));

/** The name a "By Name" line gives, that line alone or the first of its paragraph ("By Klara Zetkin" / "(International Secretary …)"). */
function byLine(p: StreamBlock): string | undefined {
  for (const s of [blockText(p), squashLine(p.lines[0]!.text)]) {
    const a = authorFrom(s, 'top');
    if (a?.rule.name === 'by X' && isPersonName(a.name)) return a.name;
  }
  return undefined;
}

/** A heading of two or more lines whose last is a date line with words ("The Third Address" / "May, 1871"), not a collection's. */
const isHeadingWithDate = (p: StreamBlock): boolean => {
  const last = squashLine(p.lines[p.lines.length - 1]!.text);
  return p.lines.length > 1 && isDateLine(last) && /\p{L}/u.test(last) && !isCollectionLine(squashLine(p.lines[0]!.text));
};

/**
 * "IV" right under a book line ("Karl Marx / Critique of the Gotha Programme"): the chapter's
 * number is the page's title, as the page's heading prints it, not the opening of its text.
 */
function isChapterUnderBook(paragraphs: readonly StreamBlock[], from: number, k: number): boolean {
  if (k !== from + 1 || !isBookLine(paragraphs[from]!)) return false;
  const p = paragraphs[k]!;
  return p.lines.length === 1 && /^(?:[IVXLC]+|\d{1,3})\.?$/.test(blockText(p));
}

/** Splits the text's top into author, title and subtitle paragraphs; returns where the rest starts. */
function readTop(paragraphs: readonly StreamBlock[], ed: Edition, rd: Reading, footerText: string, furniture: ReadonlySet<string>, repeatsUsed: string[]): number {
  // The block opens with a label line; one known label in it is enough (it may open with
  // an unknown one), or with a prose information sentence.
  // Not under a paragraph of prose: a block printed after a front notice ("Militants Notice!" and its
  // paragraphs) leaves the notice in the text (takeInfoInText reads the block there).
  const prose = paragraphs.slice(0, MAX_TOP_PARAGRAPHS).findIndex((p) => isProseParagraph(p) && !opensInfoBlock(p));
  const metaAt = paragraphs.slice(0, prose >= 0 ? prose : MAX_TOP_PARAGRAPHS).findIndex((p) => opensInfoBlock(p));
  // Where a missing author or title is reported: the first line of the page that is left.
  const firstLine = paragraphs[0]?.lines[0];
  const start = firstLine ? { line: firstLine.line, column: firstColumn(firstLine.text) } : { line: 1, column: 1 };
  let i = 0;
  const end = metaAt >= 0 ? metaAt : paragraphs.length;
  // A year alone over the author line ("1975" / "Vitaly Vygodsky" / the title): printed above the heading, the author line under it.
  const yearFirst = paragraphs.length > 2 && paragraphs[0]!.lines.length === 1 && YEAR_LINE.test(squashLine(paragraphs[0]!.lines[0]!.text)) && isAuthorLine(paragraphs[1]!) && !/^by\b/i.test(squashLine(paragraphs[2]!.lines[0]!.text));
  const a = yearFirst ? 1 : 0;
  // Room for an author line: something after it to be the title (and the text, without an information block).
  const room = metaAt >= 0 ? metaAt >= 2 + a : paragraphs.length > 2 + a;
  // The author line: "V. I. Lenin", or "Salvador Allende 1970" (kept above the title, for its year).
  // A name-like line over a "by" line is the title ("ANTI-IMPERIALIST VIEWPOINT" over "by / J. C. MARIATEGUI").
  const byUnder = paragraphs.length > a + 1 && /^by\b/i.test(squashLine(paragraphs[a + 1]!.lines[0]!.text));
  if (room && !byUnder && isAuthorLine(paragraphs[a]!)) {
    if (yearFirst) (ed.body.beforeHead ??= []).push(paragraphBlock(paragraphs[0]!, rd));
    const l = paragraphs[a]!.lines[0]!;
    // "John Reed Internet Archive" over the title: the archive's owner is the author.
    const name = authorLineName(l.text) ?? archiveOwner(l.text) ?? squashLine(l.text);
    const pos = { line: l.line, column: firstColumn(l.text) };
    ed.metadata.author = { name, from: 'author-line', pos };
    // "Vladimir Lenin's": the line as printed stays in the header, so no word of it is lost.
    if (name !== squashLine(l.text)) ed.metadata.fields.push({ label: '', role: 'collection', value: lineInlines(l, rd, [], true), pos });
    i = a + 1;
    // The name printed twice (a portrait's caption over the author's heading): the second
    // is not the title; its words stay in the header.
    const again = paragraphs[a + 1]!;
    if (again.lines.length === 1 && squashLine(again.lines[0]!.text) === squashLine(l.text) && (metaAt >= 0 ? metaAt >= a + 3 : paragraphs.length > a + 3)) {
      const l2 = again.lines[0]!;
      ed.metadata.fields.push({ label: '', role: 'collection', value: lineInlines(l2, rd, [], true), pos: { line: l2.line, column: firstColumn(l2.text) } });
      i = a + 2;
    }
  } else if (room && paragraphs[0]!.lines.length === 1) {
    const named = authorFrom(paragraphs[0]!.lines[0]!.text, 'top');
    if (named?.rule.name === 'name and year') {
      const l = paragraphs[0]!.lines[0]!;
      const pos = { line: l.line, column: firstColumn(l.text) };
      ed.metadata.author = { name: named.name, from: 'author-line', pos };
      // Printed over the title like an HTML page's `p.title`: the collection line, in the header.
      ed.metadata.fields.push({ label: '', role: 'collection', value: lineInlines(l, rd, [], true), pos });
      i = 1;
    }
  }
  // The title zone: every paragraph up to the information block; without one, the short
  // heading-like paragraphs before the text (at least one, and the text keeps one).
  let zoneEnd = end;
  if (metaAt < 0) {
    zoneEnd = i + 1;
    // A date line under the title closes the zone: what follows it is the text ("January 1851"
    // over "The Friend of the People. No.4, 4 January 1851", the text's source line).
    const datedAbove = (k: number): boolean => k - 1 > i && isDateParagraph(paragraphs[k - 1]!);
    while (zoneEnd < Math.min(paragraphs.length - 1, i + MAX_TOP_PARAGRAPHS) && !datedAbove(zoneEnd) && !opensFirstSection(paragraphs, i, zoneEnd) && (isHeadingLike(paragraphs[zoneEnd]!) || isChapterUnderBook(paragraphs, i, zoneEnd))) zoneEnd++;
  }
  const repeated = (p: StreamBlock): boolean => p.lines.length === 1 && repeatsFurniture(blockText(p), furniture);
  const titleAt = chooseTitle(paragraphs, i, zoneEnd, metaAt >= 0, repeated);
  // What stands above the title names the book or the collection: kept above it; a first
  // line that is a person's name ("Frederick Engels" over the book's title) names the author.
  // Set when the author is taken from the book line: a "by X" line under the title names the
  // author of this text ("Introduction to Karl Marx's Wage Labour and Capital" / "by Frederick Engels").
  let authorFromBook = false;
  for (let k = i; k < titleAt; k++) {
    const p = paragraphs[k]!;
    const l = p.lines[0]!;
    if (!ed.metadata.author && k === i && p.lines.length > 1 && isAuthorLine({ lines: [l] })) {
      ed.metadata.author = { name: squashLine(l.text), from: 'author-line', pos: { line: l.line, column: firstColumn(l.text) } };
      authorFromBook = true;
    }
    // "Marx-Engels Correspondence 1873", "Karl Marx. Capital Volume One": the collection the
    // page belongs to describes the page, as the HTML reader's `p.title` does: to the header.
    // The page's first line may name the author by the surname ("Marx. Value, Price and Profit 1865").
    const inCollection = authorInBookLine(blockText(p)) ?? (k === 0 && p.lines.length === 1 ? surnameInBookLine(blockText(p), footerText) : undefined);
    if (!ed.metadata.author && inCollection) {
      ed.metadata.author = { name: inCollection.name, from: 'author-line', pos: { line: l.line, column: firstColumn(l.text) } };
      authorFromBook = true;
    }
    // Over a heading with its date above the information block, a line names what the text belongs to.
    const overDatedTitle = metaAt >= 0 && paragraphs[titleAt] !== undefined && isHeadingWithDate(paragraphs[titleAt]!);
    // A part's heading over the chapter's ("PART FIVE" / "Unemployment, Technology, and Capitalism") is a heading of the text, above the title as the HTML prints it.
    const division = isChapterHeading(squashLine(l.text));
    if (!division && ((p.lines.length === 1 && isCollectionLine(blockText(p))) || inCollection || isBookLine(p) || overDatedTitle)) {
      ed.metadata.fields.push({ label: '', role: 'collection', value: titleInlines([p], rd), pos: { line: l.line, column: firstColumn(l.text) } });
      continue;
    }
    // A line the breadcrumb or footer repeats: above the heading, as the HTML page prints it.
    if (repeated(p)) repeatsUsed.push(blockText(p));
    (ed.body.beforeHead ??= []).push({ ...paragraphBlock(p, rd), children: titleInlines([p], rd) });
  }
  i = titleAt;
  const title = paragraphs[i];
  if (!title || i >= end) {
    rd.diagnostics.report('title-missing', 'no title before the information block', start);
    return Math.max(i, metaAt >= 0 ? readInfo(paragraphs, metaAt, ed, rd) : i);
  }
  // "… on French Question" over "June 16, 1921" (no subtitle under it): the date is a date line under the title (layout/title-date.ts).
  const datedTitle = zoneEnd === i + 1 && titleEndsInDate(title.lines.map((l) => l.text));
  const titleBlock = datedTitle ? { ...title, lines: title.lines.slice(0, -1) } : title;
  ed.body.head = titleInlines([titleBlock], rd);
  // "Abstract of:" printed over the title's line: kept in the heading, not a word of the title.
  ed.metadata.title = withoutPartRemark(titleBlock, squash(plainText(ed.body.head)));
  if (datedTitle) ed.body.argument.unshift(paragraphBlock({ ...title, lines: title.lines.slice(-1) }, rd));
  const topEnd = zoneEnd;
  const subtitle = paragraphs.slice(i + 1, topEnd);
  // A date line under a subtitle ("Three Discussions in Mexico City with …" over "(April–June
  // 1938)") is not more of the subtitle: it dates the text, printed between the title and it.
  while (subtitle.length > 1 && isDateParagraph(subtitle[subtitle.length - 1]!)) ed.body.argument.unshift(paragraphBlock(subtitle.pop()!, rd));
  // "by Ernest Mandel" under the title names the author, no subtitle: printed where it stands, before the text.
  const lastSub = subtitle[subtitle.length - 1];
  const byUnderTitle = lastSub && lastSub.lines.length === 1 ? byLine(lastSub) : undefined;
  if (lastSub && byUnderTitle !== undefined) {
    subtitle.pop();
    ed.body.argument.unshift(paragraphBlock(lastSub, rd));
    if (!ed.metadata.author || authorFromBook) ed.metadata.author = { name: byUnderTitle, from: 'author-line', pos: { line: lastSub.lines[0]!.line, column: firstColumn(lastSub.lines[0]!.text) } };
  }
  if (subtitle.length > 0) {
    ed.body.subtitle = titleInlines(subtitle, rd);
    ed.metadata.subtitle = squash(plainText(ed.body.subtitle));
    if (!ed.metadata.author || authorFromBook) {
      const by = subtitle.map((p) => { const n = byLine(p); return n ? { name: n } : authorFrom(blockText(p), 'top'); }).find((a) => a && (!('rule' in a) || (a.rule.name !== 'name and year' && a.rule.name !== 'letter title')));
      const l = subtitle[0]!.lines[0]!;
      if (by) ed.metadata.author = { name: by.name, from: 'author-line', pos: { line: l.line, column: firstColumn(l.text) } };
    }
  }
  if (metaAt < 0) return topEnd;
  return readInfo(paragraphs, metaAt, ed, rd);
}

/** The title's words without a first or last line that is a remark on the text ("Abstract of:"). */
function withoutPartRemark(title: StreamBlock, words: string): string {
  if (title.lines.length < 2) return words;
  const first = squashLine(title.lines[0]!.text);
  const last = squashLine(title.lines[title.lines.length - 1]!.text);
  if (isPartRemark(first) && words.startsWith(`${first} `)) return words.slice(first.length + 1);
  if (isPartRemark(last) && words.endsWith(` ${last}`)) return words.slice(0, -last.length - 1);
  return words;
}

/**
 * A paragraph of its own under the information block, opened by a label that is not a field's:
 * an editor's headnote ("Note: The following article … appears courtesy of …", a notes
 * heading's word as the label) or the first section's heading ("Introduction: The political
 * context"). The text starts there, as the HTML reader reads it from the page's elements.
 */
const opensText = (p: StreamBlock): boolean => {
  const l = labelLineAt(p.lines[0]!.text);
  if (!l || l.known) return false;
  return isNotesHeadingLine(l.label) || (p.lines.length === 1 && isChapterHeading(squashLine(p.lines[0]!.text)));
};

/**
 * A paragraph opened by a speaker's name, not a field's label: the label is unknown and opens
 * one of the next paragraphs too ("Bert: Ah! George, is that you? …" / "George: …" / "Bert: …",
 * a dialogue; "Q: …" / "A: …" / "Q: …", an interview), or its value is prose of three
 * sentences or more. The text starts there.
 */
function isSpeakerTurn(paragraphs: readonly StreamBlock[], k: number): boolean {
  const first = paragraphs[k]!.lines[0]!.text;
  const l = labelLineAt(first);
  if (!l || l.known) return false;
  const again = paragraphs.slice(k + 1, k + 5).some((p) => labelLineAt(p.lines[0]!.text)?.label === l.label);
  const value = first.slice(l.valueStart);
  return again || (value.length > 200 && (value.match(/[.!?]["”’]?\s+\p{Lu}/gu)?.length ?? 0) >= 2);
}

/** A paragraph of prose: one line of two sentences or more, long as no title or date line is. */
const isProseParagraph = (p: StreamBlock): boolean => {
  if (p.lines.length !== 1) return false;
  const t = squashLine(p.lines[0]!.text);
  return t.length > 120 && (t.match(/[.!?]["”’]?\s+\p{Lu}/gu)?.length ?? 0) >= 1 && /[.!?]["”’)]?$/u.test(t);
};

/** How far into the text a paragraph of credits alone is still the page's information (under a headnote). */
const TOP_CREDITS = 3;

/** A year alone on its line: "1975", "(1918)". */
const YEAR_LINE = /^[([]?(?:1[5-9]\d\d|20\d\d)[)\]]?\.?$/;

/** The owner of an archive a line names ("John Reed Internet Archive" → John Reed): the AUTHOR row "archive link". */
function archiveOwner(line: string): string | undefined {
  const named = authorFrom(line, 'bottom');
  return named?.rule.name === 'archive link' ? named.name : undefined;
}

/** Reads the information block from `metaAt`; returns where the text starts. */
function readInfo(paragraphs: readonly StreamBlock[], metaAt: number, ed: Edition, rd: Reading): number {
  let end = metaAt + 1;
  while (end < paragraphs.length && (startsWithLabel(paragraphs[end]!, false) || isInfoParagraph(paragraphs[end]!)) && !startsWithNoteLabel(paragraphs[end]!) && !opensText(paragraphs[end]!) && !isSpeakerTurn(paragraphs, end)) end++;
  ed.metadata.fields.push(...readFields(paragraphs.slice(metaAt, end), rd.diagnostics, ed.dropped, (l) => lineInlines(l, rd, [], true)));
  // "Document Introduction." under the block, the introduction printed at the page's foot: a link, furniture (rules PART_LINK).
  const link = paragraphs[end];
  const part = link && link.lines.length === 1 ? partLinked(link.lines[0]!.text) : undefined;
  if (link && part && paragraphs.slice(end + 2).some((p) => squashLine(p.lines[0]!.text).toLowerCase().startsWith(part))) {
    dropNavigation(link.lines[0]!, PART_LINK[0]!.why, ed, rd);
    return end + 1;
  }
  return end;
}

/** A section's bare number ("2", "IV", "§ 3"): where a part of the text starts. */
const isSectionNumber = (p: StreamBlock): boolean => p.lines.length === 1 && /^(?:[IVXLC]+|\d{1,3}|§\s*\d+)\.?$/.test(blockText(p));

/**
 * An information paragraph printed inside the text: its first line a prose information sentence
 * ("Written on 12 November, 1917", "First published on January 1, 1919 in …", "From The Socialist
 * Standard, December 1904."), every line such a sentence, a known label line or a date line.
 */
const isInfoInText = (p: StreamBlock): boolean =>
  (p.lines.length <= 4 &&
    infoSentence(p.lines[0]!.text) !== undefined &&
    p.lines.every((l) => l.text.length <= 300 && (infoSentence(l.text) !== undefined || labelLineAt(l.text)?.known === true || isDateLine(squashLine(l.text))))) ||
  isLabelledBlock(p);

/**
 * A labelled information block printed under a front notice of the pamphlet ("Militants
 * Notice!" and its paragraphs, then "Written: 1924" / "Source: …" / "Transcription\HTML Markup:
 * …" / "Proofreader: …" / "Public Domain: …"): every line a known label's, two or more of them.
 */
const isLabelledBlock = (p: StreamBlock): boolean =>
  p.lines.length >= 2 && p.lines.length <= 12 && p.lines.every((l) => l.text.length <= 400 && labelLineAt(l.text)?.known === true);

/** A part's heading, its bare number or a signature (a short line that does not end like a sentence), or either end of the text. */
const isPartBoundary = (p: StreamBlock | undefined): boolean => p === undefined || (isShortLine(p) && (isHeadingLike(p) || isSectionNumber(p)));

/**
 * Information paragraphs inside the text, each under a part's heading or where a part ends
 * (a heading, a section number or a signature beside it, or the text's first or last paragraph): a collection of speeches prints
 * where and when each part was written and first published. Their words go to the header, as
 * the information block's do (the HTML reader reads such a `p.information` by its class).
 */
function takeInfoInText(body: StreamBlock[], ed: Edition, rd: Reading): void {
  const kept: StreamBlock[] = [];
  body.forEach((p, k) => {
    // Credits alone near the top ("Marked-up by Jonas Holmgren for the Marxists Internet Archive." under a headnote) go too.
    const credits = k < TOP_CREDITS && p.lines.every((l) => isCreditLine(l.text));
    if (isInfoInText(p) && (credits || isPartBoundary(body[k - 1]) || isPartBoundary(body[k + 1]))) ed.metadata.fields.push(...readFields([p], rd.diagnostics, ed.dropped));
    else kept.push(p);
  });
  if (kept.length < body.length) body.splice(0, body.length, ...kept);
}

/** Every line of the paragraph is a credit: a prose information sentence or a known label line. */
const isCreditsParagraph = (p: StreamBlock): boolean => p.lines.every((l) => infoSentence(l.text) !== undefined || labelLineAt(l.text)?.known);

/**
 * A short link line alone in its paragraph between the page's credits and its footer ("Prefaces
 * and Afterwords" under "Transcribed by Zodiac / Html Markup by …"): the footer's link to the
 * book's section, not text (the text ends above the credits).
 */
function dropLinkUnderCredits(paragraphs: StreamBlock[], ed: Edition, rd: Reading): void {
  const last = paragraphs[paragraphs.length - 1];
  const above = paragraphs[paragraphs.length - 2];
  if (paragraphs.length <= 3 || !last || !above || last.lines.length !== 1 || !isFooterCompanion(last.lines[0]!.text) || !isCreditsParagraph(above)) return;
  paragraphs.pop();
  dropNavigation(last.lines[0]!, 'a link of the footer, under the page\'s credits', ed, rd);
}

/**
 * Credits printed at the bottom of the page, after the text and its notes ("Transcribed by
 * Zodiac", "Html Markup by Stephen Baird (1999)"): taken off the end into the header.
 */
function trailingCredits(paragraphs: StreamBlock[]): StreamBlock[] {
  const out: StreamBlock[] = [];
  while (paragraphs.length > 2) {
    const last = paragraphs[paragraphs.length - 1]!;
    if (!isCreditsParagraph(last)) break;
    out.unshift(last);
    paragraphs.pop();
  }
  return out;
}

/**
 * Credits printed under the notes, before a last remark of the transcriber: a paragraph of
 * two or more `Label: value` lines ("Transcription: Zodiac" / "Markup/Abstracted by: Brian
 * Baggins" / "Copyleft: …"), after the last note label. It is not the last note's text: it
 * and what follows are taken off into the header (`trailingCredits` takes them when they end
 * the page).
 */
function creditsInNotes(paragraphs: StreamBlock[], notesAt: number): StreamBlock[] {
  let lastLabel = -1;
  for (let k = notesAt; k < paragraphs.length; k++) if (noteLabel(paragraphs[k]!.lines[0]!.text, true, { key: undefined })) lastLabel = k;
  if (lastLabel < 0) return [];
  for (let k = lastLabel + 1; k < paragraphs.length; k++) {
    const lines = paragraphs[k]!.lines;
    const known = lines.filter((l) => labelLineAt(l.text)?.known || infoSentence(l.text) !== undefined).length;
    if (lines.length >= 2 && known >= 2 && lines.every((l) => labelLineAt(l.text) !== undefined || infoSentence(l.text) !== undefined)) return paragraphs.splice(k);
  }
  return [];
}

/** Takes navigation lines off the end of the text, recording each as dropped furniture. */
function dropFooter(paragraphs: StreamBlock[], ed: Edition, rd: Reading): StreamLine[] {
  const found: StreamLine[] = [];
  const reasons = new Map<StreamLine, string>();
  for (;;) {
    const last = paragraphs[paragraphs.length - 1];
    const line = last?.lines[last.lines.length - 1];
    if (!last || !line) break;
    // A block the syntax marks as navigation (a footer class, a line of links) goes whole.
    const hinted = hintedFurniture(last);
    if (hinted) {
      for (const l of [...last.lines].reverse()) {
        found.push(l);
        reasons.set(l, hinted.why);
      }
      paragraphs.pop();
      continue;
    }
    // Asked once per line (it squashes and splits the line): a navigation line has no furniture row.
    const navigation = isNavigationLine(line.text);
    const rule = navigation ? undefined : furnitureRule(line.text, 'bottom');
    if (!rule && !navigation) {
      // "Critique of the Gotha Programme" alone under "Marx/Engels Works Archive": the footer's
      // link to the book, printed in a paragraph of its own under the archive's link.
      const above = paragraphs[paragraphs.length - 2];
      const aboveLine = above?.lines[above.lines.length - 1];
      if (last.lines.length !== 1 || !isFooterCompanion(line.text) || !aboveLine || paragraphs.length <= 3 || (furnitureRule(aboveLine.text, 'bottom') === undefined && hintedFurniture(above) === undefined)) break;
      found.push(line);
      reasons.set(line, 'a link of the footer, under its archive or index link');
      paragraphs.pop();
      continue;
    }
    found.push(line);
    if (rule) reasons.set(line, rule.why);
    last.lines.pop();
    // The footer's links printed as one paragraph ("Max Shachtman / Archive"): the short
    // title lines above a furniture line go with it when the whole paragraph is such lines.
    if (last.lines.length > 0 && last.lines.every((l) => isFooterCompanion(l.text))) {
      for (const l of [...last.lines].reverse()) {
        found.push(l);
        reasons.set(l, 'a link of the footer, printed with its archive or index link');
      }
      last.lines.length = 0;
    }
    if (last.lines.length === 0) paragraphs.pop();
  }
  // Reported top to bottom, as an editor reads the page.
  for (const line of found.reverse()) dropNavigation(line, reasons.get(line) ?? 'navigation footer', ed, rd);
  return found;
}

/**
 * A letter's title names its writer by the surname ("Marx to W. Bracke"); the signature under
 * the letter gives the whole name ("Karl Marx"): the author is the name as signed.
 */
function authorSignedInFull(ed: Edition): void {
  const author = ed.metadata.author;
  const signed = ed.body.closer?.signed;
  if (!author || !signed || /\s/.test(author.name)) return;
  const name = squash(plainText(signed)).replace(/[.,]$/, '');
  const words = name.split(' ');
  // Given names written out ("Karl Marx"): initials ("F. Engels") say no more than the surname.
  if (isPersonName(name) && words.at(-1) === author.name && words.slice(0, -1).every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) ed.metadata.author = { ...author, name };
}

/**
 * Without an author line: a letter's title names its writer ("Engels to August Bebel"),
 * else the footer's archive link; else the author is reported missing.
 */
function findAuthor(paragraphs: readonly StreamBlock[], text: readonly StreamBlock[], footer: readonly StreamLine[], ed: Edition, rd: Reading): void {
  if (ed.metadata.author) return;
  const title = ed.body.head[0];
  // A letter's title under its collection line ("Marx-Engels Correspondence 1890" over "Engels
  // to Otto Von Boenigk"), even when the letter has no opener, names its writer.
  const inCorrespondence = ed.metadata.fields.some((f) => f.role === 'collection' && /\b(?:correspondence|letters)\b/i.test(plainText(f.value)));
  if ((ed.body.divType === 'letter' || ed.body.opener || inCorrespondence) && title) {
    const named = authorFrom(ed.metadata.title, 'top');
    if (named?.rule.name === 'letter title') {
      ed.metadata.author = { name: named.name, from: 'author-line', pos: title.pos };
      return;
    }
  }
  // "Frederick Engels’ Speech at the Grave of Karl Marx": the title names its speaker (layout/authors.ts).
  const speaker = title ? titleAuthor(ed.metadata.title) : undefined;
  if (speaker !== undefined && title) {
    ed.metadata.author = { name: speaker, from: 'author-line', pos: title.pos };
    return;
  }
  // "(signed TOM MANN)" closing the text names its writer.
  for (const p of text.slice(-3).reverse()) {
    const l = p.lines[p.lines.length - 1]!;
    const name = signedName(l.text);
    if (name) {
      ed.metadata.author = { name, from: 'author-line', pos: { line: l.line, column: firstColumn(l.text) } };
      return;
    }
  }
  const firstParagraphs = (): string[] => [...ed.body.argument.flatMap((b) => (b.kind === 'p' ? [plainText(b.children)] : [])), ...text.slice(0, 3).map(blockText)];
  if (authorFromFooter(footer, () => frontTexts(ed, firstParagraphs()), ed, rd)) return;
  const firstLine = paragraphs[0]?.lines[0];
  rd.diagnostics.report('author-missing', 'no author line above the title', firstLine ? { line: firstLine.line, column: firstColumn(firstLine.text) } : { line: 1, column: 1 });
}

/**
 * An author line set in capitals ("KIM IL SUNG") names the author as the footer's archive link
 * spells the name ("Kim Il Sung Internet Archive"): the capitals are the page's type, not the
 * name. The line as printed stays in the header, so no word of it is lost.
 */
function authorSpelledByFooter(footer: readonly StreamLine[], ed: Edition, rd: Reading): void {
  const author = ed.metadata.author;
  const spelt = author?.from === 'author-line' ? footerSpelling(author.name, footer.map((l) => l.text)) : undefined;
  if (!author || spelt === undefined) return;
  const printed = { text: author.name, line: author.pos.line, column: author.pos.column };
  ed.metadata.fields.push({ label: '', role: 'collection', value: rd.syntax.inlines(printed, rd.diagnostics, [], { squash: true }), pos: author.pos });
  ed.metadata.author = { ...author, name: spelt };
}

/** The archive link of the footer names the author when the top of the page does not ("Leon Trotsky Internet Archive"). */
function authorFromFooter(lines: readonly StreamLine[], front: Front, ed: Edition, rd: Reading): boolean {
  // The link printed over two lines ("J. C. Mariategui" / "Internet Archive") reads as one; a
  // surname alone ("Trotsky Internet Archive") as the front prints it (layout/authors.ts).
  const named = footerAuthor(lines.map((l) => ({ text: l.text, pos: { line: l.line, column: firstColumn(l.text) } })), front);
  if (!named) return false;
  ed.metadata.author = { name: named.name, from: 'footer', pos: named.pos };
  rd.diagnostics.report('author-from-footer', `author "${named.name}" taken from the archive link in the footer`, named.pos);
  return true;
}

/**
 * Takes navigation lines off the top of the text (a copied page may start with its
 * "< backward | forward >" bar). Stricter than the footer: a title may hold one "|",
 * so a bar of segments needs two.
 */
function dropHeader(paragraphs: StreamBlock[], ed: Edition, rd: Reading): void {
  for (;;) {
    const first = paragraphs[0];
    const line = first?.lines[0];
    if (!first || !line) break;
    const hinted = hintedFurniture(first);
    if (hinted) {
      for (const l of first.lines) dropNavigation(l, hinted.why, ed, rd);
      paragraphs.shift();
      continue;
    }
    const rule = furnitureRule(line.text, 'top');
    if (!rule) {
      if (!isNavigationLine(line.text)) break;
      if (!/^[ \u00a0\t]*</.test(line.text) && !/>[ \u00a0\t]*$/.test(line.text) && line.text.split('|').length < 3) break;
    }
    dropNavigation(line, rule?.why ?? 'navigation header', ed, rd);
    first.lines.shift();
    if (first.lines.length === 0) paragraphs.shift();
  }
}

/** The last line of the page, if short and not a sentence (a link's words). */
function shortLastLine(paragraphs: readonly StreamBlock[]): StreamLine | undefined {
  const p = paragraphs[paragraphs.length - 1];
  const l = p?.lines[p.lines.length - 1];
  if (!l) return undefined;
  const t = squashLine(l.text);
  return t.length >= 4 && t.length <= 60 && t.split(' ').length <= 6 && !/[.,;:!?”"’)]$/.test(t) ? l : undefined;
}

/** The hint row that makes a block furniture (page text has no hints: no cost there). */
const hintedFurniture = (b: StreamBlock): ReturnType<typeof furnitureByHints> =>
  b.hints.classes !== undefined || b.hints.linksOnly !== undefined || b.hints.innerClasses !== undefined ? furnitureByHints(blockText(b), b.hints) : undefined;

function dropNavigation(l: StreamLine, reason: string, ed: Edition, rd: Reading): void {
  const pos = { line: l.line, column: firstColumn(l.text) };
  const t = l.text.trim();
  ed.dropped.push({ text: t, reason, pos });
  rd.diagnostics.report('furniture-dropped', `dropped navigation line "${squashLine(t)}"`, pos);
}

/** "Top of the page" alone in its paragraph, wherever it stands (before the notes, between parts). */
function dropFurnitureAnywhere(paragraphs: StreamBlock[], ed: Edition, rd: Reading): void {
  for (let k = paragraphs.length - 1; k >= 0; k--) {
    const p = paragraphs[k]!;
    if (p.lines.length === 0 || p.lines.length > 3) continue;
    // A paragraph of up to three lines, one of them furniture anywhere ("Previous: 1917 | Next: 1919"), the
    // others furniture of a page's end ("Table of Contents"): the navigation printed between two parts of the page.
    const anywhere = p.lines.map((l) => furnitureAnywhere(l.text)?.why);
    if (anywhere.every((w) => w === undefined)) continue;
    const whys = p.lines.map((l, i) => anywhere[i] ?? furnitureRule(l.text, 'bottom')?.why);
    if (whys.some((w) => w === undefined)) continue;
    paragraphs.splice(k, 1);
    p.lines.forEach((l, i) => dropNavigation(l, whys[i]!, ed, rd));
  }
}

/**
 * The end of the text, above its notes or at the bottom of the page: a line alone in its
 * paragraph that a footer row takes ("Next: Historical Materialism", "Marx/Engels Biography")
 * or the heading of the next division with no text under it ("Part 2: Materialism",
 * "Chapter 17"), a link to the next page. Returns where the notes now begin.
 */
function dropBodyEnd(paragraphs: StreamBlock[], bodyStart: number, notesAt: number, ed: Edition, rd: Reading): number {
  let at = notesAt;
  // The text keeps at least one paragraph.
  while (at - 1 > bodyStart) {
    const p = paragraphs[at - 1]!;
    // "Chapter 1: [The Beginning …]" over "For Reference see while reading: …": the footer's
    // links printed as one paragraph, every line of it furniture.
    const whys = p.lines.map((l) => furnitureRule(l.text, 'bottom')?.why ?? (isNextDivisionLink(l.text) ? NEXT_DIVISION_WHY : undefined));
    if (p.lines.length === 0 || p.lines.length > 3 || whys.some((w) => w === undefined)) break;
    paragraphs.splice(at - 1, 1);
    p.lines.forEach((l, k) => dropNavigation(l, whys[k]!, ed, rd));
    at--;
  }
  return at;
}

const NEXT_DIVISION_WHY = 'the heading of the next division with no text under it: a link to the next page';

/** "Chapter 17", "PART 2", "Part 2: Materialism": a numbered division's heading, short. */
const isNextDivisionLink = (line: string): boolean => {
  const s = squashLine(line);
  return s.length <= 60 && isChapterHeading(s) && /^(?:chapter|part|book|lecture|section)\b/i.test(s) && !/[.!?,;]$/.test(s);
};

/**
 * A "Notes" heading with no note under it, at the very end of the text, is left over from
 * the page template (LIA pages print it even when a text has no notes): furniture.
 */
function dropEmptyNotesHeading(paragraphs: StreamBlock[], bodyStart: number, ed: Edition, rd: Reading): void {
  const last = paragraphs[paragraphs.length - 1];
  if (paragraphs.length - 1 <= bodyStart || !last || !isNotesHeading(last)) return;
  const l = last.lines[0]!;
  const pos = { line: l.line, column: firstColumn(l.text) };
  ed.dropped.push({ text: l.text.trim(), reason: 'notes heading without notes', pos });
  rd.diagnostics.report('furniture-dropped', `dropped the heading "${squashLine(l.text)}": no note follows it`, pos);
  paragraphs.pop();
}

/**
 * "Notes: [G.Seaman]" over "1. A note …" and "2. …" in one paragraph (the page set the notes
 * apart by line breaks, not paragraphs): the heading line becomes a paragraph of its own, and
 * each line under it that opens with a note label a paragraph of its own, so the notes are
 * read as the notes of a heading. Only a paragraph whose first line is a notes heading and
 * whose second line opens with a label; the lines of a note between labels stay with it.
 */
function splitNotesHeadingLines(paragraphs: StreamBlock[], bodyStart: number): void {
  for (let i = bodyStart + 1; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.inlines !== undefined || p.parts !== undefined || p.lines.length < 2) continue;
    if (!isNotesHeadingLine(squashShort(p.lines[0]!.text, 60)) || !noteLabel(p.lines[1]!.text, true, { key: undefined })) continue;
    const parts: StreamBlock[] = [{ ...p, lines: [p.lines[0]!] }];
    let key: string | undefined;
    for (const line of p.lines.slice(1)) {
      const label = noteLabel(line.text, true, { key });
      if (label) {
        key = label.key;
        parts.push({ ...p, lines: [line], gapBefore: 1 });
      } else parts[parts.length - 1]!.lines.push(line);
    }
    paragraphs.splice(i, 1, ...parts);
    i += parts.length - 1;
  }
}

/**
 * Where the notes begin (their heading, when they have one), or `paragraphs.length`.
 * The notes open with the first paragraph labelled `[n]` whose `n` was already used as an
 * anchor above it (in the title or the text): a text paragraph that happens to open with
 * an anchor is not taken for the notes. When no label qualifies (all notes orphans), the
 * first labelled paragraph opens them. A notes heading over notes of another style ("(1)",
 * "1.", "*") before that opens them there (two series: the author's notes, then the editors'
 * "[A]" notes under their own heading).
 */
function notesStart(paragraphs: readonly StreamBlock[], from: number, titleKeys: Iterable<string>): number {
  const seen = new Set(titleKeys);
  let firstLabelled = -1;
  let seenLabelled = -1;
  // The first body paragraph is never a note: a text needs at least one paragraph.
  for (let i = from; i < paragraphs.length && seenLabelled < 0; i++) {
    const p = paragraphs[i]!;
    if (i > from) {
      const label = bracketedLabel(p.lines[0]!.text);
      if (label) {
        if (firstLabelled < 0) firstLabelled = i;
        if (seen.has(label.key)) seenLabelled = i;
      }
    }
    for (const l of p.lines) if (l.text.includes('[')) for (const m of l.text.matchAll(ANCHOR_KEYS)) seen.add(m[1]!);
  }
  const opening = seenLabelled >= 0 ? seenLabelled : firstLabelled;
  const bracketed = opening < 0 ? paragraphs.length : withHeading(paragraphs, from, opening);
  // A notes heading over "1. …", "* …", "(a) …" or "A. …" notes opens the notes too, when it comes first.
  for (let i = from + 1; i + 1 < Math.min(bracketed, paragraphs.length); i++) {
    if (isNotesHeading(paragraphs[i]!) && noteLabel(paragraphs[i + 1]!.lines[0]!.text, true, { key: undefined })) return i;
  }
  // Bracketed notes the text anchors: a run of notes of another series right above them
  // ("(1) Among savages …" over "[A] Phlogistic Theory …", no heading) opens the notes; a run
  // keyed as the bracketed notes are is a numbered list of the text.
  const bracketedKeys = new Set<string>();
  if (seenLabelled >= 0) {
    for (let i = bracketed; i < paragraphs.length; i++) {
      const label = bracketedLabel(paragraphs[i]!.lines[0]!.text);
      if (label) bracketedKeys.add(label.key);
    }
  }
  // Without a heading: a run of "1. …", "2. …" paragraphs to the end of the page, numbered
  // from 1, for anchors "[1]" (or "(1)" in a sentence) the text or title printed (a numbered
  // list in the text has no anchors).
  const anchors = new Set<string>(titleKeys);
  for (let i = from; i < Math.min(bracketed, paragraphs.length); i++) {
    const p = paragraphs[i]!;
    const label = i > from ? noteLabel(p.lines[0]!.text, true, { key: undefined }) : undefined;
    if (label && anchors.has(label.key) && !bracketedKeys.has(label.key) && labelledToEnd(paragraphs, i, bracketed, anchors)) return withHeading(paragraphs, from, i);
    for (const l of p.lines) {
      if (l.text.includes('[')) for (const m of l.text.matchAll(ANCHOR_KEYS)) anchors.add(m[1]!);
      for (const k of parenthesisedAnchorKeys(l.text)) anchors.add(k);
    }
  }
  return bracketed;
}

/**
 * Where the text goes on after the notes (`TEXT_AFTER_NOTES`), or `paragraphs.length`: the
 * first unlabelled one-line paragraph after a note that is a separator or a section heading,
 * with a paragraph of words under it, when no later paragraph opens with the note that would
 * come next in the series (a note's own heading-like line is followed by the next note), and
 * no notes heading with a labelled paragraph under it (a separator between two notes sections).
 */
function textAfterNotes(paragraphs: readonly StreamBlock[], notesAt: number): number {
  let last: ReturnType<typeof noteLabel>;
  for (let i = notesAt; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const label = noteLabel(p.lines[0]!.text, true, { key: last?.key });
    if (label) {
      last = label;
      continue;
    }
    if (!last || p.lines.length !== 1 || isNotesHeading(p) || !textAfterNotesRule(p.lines[0]!.text)) continue;
    const words = paragraphs.slice(i + 1).some(hasWordChar);
    const next = /^\d+$|^[A-Za-z]$/.test(last.key) ? nextKey(last.key) : last.key;
    const goesOn = paragraphs.slice(i + 1).some((q, k, rest) => {
      if (isNotesHeading(q) && rest.slice(k + 1).some((r) => noteLabel(r.lines[0]!.text, true, { key: undefined }))) return true;
      const l = noteLabel(q.lines[0]!.text, true, { key: last!.key });
      return l !== undefined && l.rule.name === last!.rule.name && l.key === next;
    });
    if (words && !goesOn) return i;
  }
  return paragraphs.length;
}

/**
 * What follows the notes when it is only short title lines ("Preface (1891)" over "Origins of
 * the Family"): the links of the page's footer to the next page and the book, no text.
 * Dropped as furniture, as the HTML reader drops its `p.next` and `p.footer`.
 */
function dropLinksUnderNotes(paragraphs: StreamBlock[], notesEnd: number, ed: Edition, rd: Reading): void {
  const rest = paragraphs.slice(notesEnd);
  if (rest.length === 0 || rest.length > 3 || !rest.every((p) => p.lines.length === 1 && (isFooterCompanion(p.lines[0]!.text) || textAfterNotesRule(p.lines[0]!.text) !== undefined))) return;
  for (const p of paragraphs.splice(notesEnd)) dropNavigation(p.lines[0]!, 'a link of the footer, under the notes', ed, rd);
}

/** The label styles a run of notes without a heading can have, and the key that opens each. */
const RUN_OPENS: Readonly<Record<string, string>> = { numbered: '1', parenthesised: '1', 'capital lettered': 'A', lettered: 'a' };

/** The key after `key` in its series: "2" after "1", "B" after "A". */
const nextKey = (key: string): string => (/^\d+$/.test(key) ? String(Number(key) + 1) : String.fromCharCode(key.charCodeAt(0) + 1));

/**
 * From `i` to `end`, a run of notes: labels of one style, from its first key ("1.", "A.")
 * on, each the next. Either every paragraph is labelled, or every label's key was printed as
 * an anchor above (`anchors`): then a note may run over unlabelled paragraphs (a quotation).
 */
function labelledToEnd(paragraphs: readonly StreamBlock[], i: number, end: number, anchors: ReadonlySet<string>): boolean {
  let key: string | undefined;
  let rule: string | undefined;
  let allLabelled = true;
  let allAnchored = true;
  for (let k = i; k < Math.min(end, paragraphs.length); k++) {
    const label = noteLabel(paragraphs[k]!.lines[0]!.text, true, { key });
    if (label && (key === undefined ? RUN_OPENS[label.rule.name] === label.key : label.rule.name === rule && label.key === nextKey(key))) {
      key = label.key;
      rule = label.rule.name;
      if (!anchors.has(key)) allAnchored = false;
      continue;
    }
    // A label of another style ("1." after "(1) …") says the run was an enumeration.
    if (key === undefined || label?.rule.name === rule) return false;
    if (label && label.rule.name !== 'bracketed') return false;
    allLabelled = false;
  }
  return key !== undefined && (allLabelled || allAnchored);
}

/** Anchor keys anywhere in a line, to know which notes the text has pointed to. */
const ANCHOR_KEYS = /\[(\d{1,3}|[A-Za-z]|\*{1,3})\]/g;

/**
 * The notes heading over the first note at `i`, right above it or over a few paragraphs of
 * the section's own ("Notes" / "The notes are the editors'." / "[1] …"), else `i`.
 */
function withHeading(paragraphs: readonly StreamBlock[], from: number, i: number): number {
  let own = 0;
  for (let k = i - 1; k > from && own <= SECTION_HEADNOTE_MAX; k--) {
    const p = paragraphs[k]!;
    if (isNotesHeading(p)) return k;
    if (noteLabel(p.lines[0]!.text, true, { key: undefined })) break;
    // A separator ("* * *") between the section's own paragraphs and its notes is no paragraph of words.
    if (hasWordChar(p)) own++;
  }
  return i;
}

/**
 * The headnote: a few short paragraphs right after the information block, set apart from
 * the text by a wider gap (two or more blank lines). Returns how many paragraphs it has.
 */
function headnoteLength(body: readonly StreamBlock[]): number {
  for (let n = 1; n <= HEADNOTE_MAX_PARAGRAPHS && n < body.length; n++) {
    const p = body[n - 1]!;
    if (p.lines.reduce((sum, l) => sum + l.text.length, 0) > 2 * HEADNOTE_MAX_CHARS) return 0;
    const t = blockText(p);
    if (t.length > HEADNOTE_MAX_CHARS || isSalutationLine(t) || isPlaceDateLine(t)) return 0;
    if (body[n]!.gapBefore >= 2) return n;
  }
  return 0;
}

/**
 * A letter's opening: a place-date line and/or a salutation, the first lines of the text,
 * whether they stand as paragraphs of their own or open the first paragraph.
 */
function readOpener(body: StreamBlock[], ed: Edition, rd: Reading): void {
  const opener: Partial<Opener> = {};
  const used = new Set<StreamLine>();
  let first: StreamLine | undefined;
  let saluteFirst = false;
  // A place over its date, the text's first two lines ("Folkestone, near Dover" / "August 21, 1890"):
  // the dateline of two lines, as a page's heading of two lines gives it (letter-frame.ts).
  const top = body[0];
  if (top && top.lines.length === 2 && isPlaceLine(squashShort(top.lines[0]!.text)) && isPlaceDateLine(squashShort(top.lines[1]!.text))) {
    const [place, date] = top.lines as [StreamLine, StreamLine];
    opener.dateline = [...lineInlines(place, rd, [], true), { kind: 'lb', pos: { line: date.line, column: firstColumn(date.text) } }, ...lineInlines(date, rd, [], true)];
    first = place;
    used.add(place).add(date);
  }
  // "(To the Members of the Labor Committee)" over "Dear Comrade": the addressee stays above the opener (letter-frame.ts reads it so).
  let addressee: StreamBlock | undefined;
  const lead = body[opener.dateline ? 1 : 0];
  const after = body[opener.dateline ? 2 : 1];
  if (lead && after && lead.lines.length === 1 && isAddresseeLine(squashShort(lead.lines[0]!.text)) && isSalutationLine(squashShort(after.lines[0]!.text))) addressee = lead;
  let skip: StreamLine | undefined;
  scan: for (const p of body.slice(opener.dateline ? 1 : 0, 2 + (addressee ? 1 : 0))) {
    if (p === addressee) continue;
    for (const [k, l] of p.lines.entries()) {
      if (l === skip) continue;
      const s = squashShort(l.text);
      const next = p.lines[k + 1];
      if (!opener.salute && isSalutationLine(s)) {
        opener.salute = lineInlines(l, rd, [], true);
        saluteFirst = !opener.dateline;
      }
      else if (!opener.dateline && isPlaceDateLine(s)) opener.dateline = lineInlines(l, rd, [], true);
      // "London" over "October 8, 1885": the place-date line on two lines of one paragraph.
      else if (!opener.dateline && next !== undefined && isPlaceOverDate(s, squashShort(next.text))) {
        opener.dateline = [...lineInlines(l, rd, [], true), { kind: 'lb', pos: { line: next.line, column: firstColumn(next.text) } }, ...lineInlines(next, rd, [], true)];
        used.add(next);
        skip = next;
      }
      else break scan;
      first ??= l;
      used.add(l);
    }
  }
  const rest = withoutLines(body, used).filter((p) => p !== addressee || !opener.salute);
  // A text that is all opening is not a letter: keep it as text.
  if (!first || rest.length === 0) return;
  if (addressee && opener.salute) ed.body.argument.push(paragraphBlock(addressee, rd));
  if (saluteFirst && opener.dateline) opener.saluteFirst = true;
  ed.body.opener = { ...opener, pos: { line: first.line, column: firstColumn(first.text) } };
  if (opener.salute) ed.body.divType = 'letter';
  body.splice(0, body.length, ...rest);
}

/** The paragraphs without the given lines (a paragraph left with no line goes). */
function withoutLines(body: readonly StreamBlock[], lines: ReadonlySet<StreamLine>): StreamBlock[] {
  if (lines.size === 0) return [...body];
  const out: StreamBlock[] = [];
  for (const p of body) {
    const kept = p.lines.filter((l) => !lines.has(l));
    if (kept.length > 0) out.push(kept.length === p.lines.length ? p : { ...p, lines: kept });
  }
  return out;
}

/**
 * A closing at the bottom of the text: "Yours, N. Lenin", "With communist greetings," over
 * a name, and/or a place-date line. Read line by line from the end, so a closing that
 * shares a paragraph with the last sentence is found too. A bare signature counts only in
 * a letter; a salute or dateline counts anywhere.
 */
function readCloser(body: StreamBlock[], ed: Edition, rd: Reading): void {
  const tail: StreamLine[] = [];
  // The last four lines of the text, however they are split into paragraphs.
  for (let i = body.length - 1; i >= 0 && tail.length < 4; i--) {
    const lines = body[i]!.lines;
    for (let j = lines.length - 1; j >= 0 && tail.length < 4; j--) tail.unshift(lines[j]!);
  }
  let k = tail.length;
  const at = (j: number): string => squashShort(tail[j]?.text ?? '');
  const closer: Partial<Closer> = {};
  const pos = (l: StreamLine): { line: number; column: number } => ({ line: l.line, column: firstColumn(l.text) });
  // "Athens, November 12, 1931" over "P.P.": where and when, then who signed (as letter-frame.ts reads a signature table).
  let signedUnderDate: StreamLine | undefined;
  if (k > 2 && isSignatureUnderDate(at(k - 1)) && isPlaceDateLine(at(k - 2))) {
    signedUnderDate = tail[--k]!;
    closer.signed = lineInlines(signedUnderDate, rd, [], true);
  }
  // "London, on the 20th anniversary" / "of the Paris Commune, March 18, 1891.": the text's last
  // paragraph, a place-date line printed over its lines (layout/letter.ts), as the HTML reads it.
  const lastLines = body[body.length - 1]?.lines ?? [];
  const overLines = !signedUnderDate && lastLines.length >= 2 && lastLines.length <= 3 && lastLines.length < tail.length && isPlaceDateOverLines(lastLines.map((l) => squashShort(l.text)));
  if (signedUnderDate) closer.dateline = lineInlines(tail[--k]!, rd, [], true);
  else if (overLines) {
    const placed = tail.slice(k - lastLines.length, k);
    k -= lastLines.length;
    closer.dateline = placed.flatMap((l, j) => [...(j > 0 ? [{ kind: 'lb' as const, pos: pos(l) }] : []), ...lineInlines(l, rd, [], true)]);
  } else if (k > 1 && isPlaceOverDate(at(k - 2), at(k - 1))) {
    // "Moscow," over "July 7th, 1924.": the place-date line on two lines.
    const date = tail[--k]!;
    const place = tail[--k]!;
    closer.dateline = [...lineInlines(place, rd, [], true), { kind: 'lb', pos: pos(date) }, ...lineInlines(date, rd, [], true)];
  } else if (k > 0 && isPlaceDateLine(at(k - 1))) closer.dateline = lineInlines(tail[--k]!, rd, [], true);
  let top: StreamLine | undefined = closer.dateline ? tail[k] : undefined;
  // "Yours, N. Lenin" on one line: salute and signature split at the comma.
  const combined = k > 0 ? /^(.{1,60}?,)[ \u00a0]+(\S.*)$/.exec(at(k - 1)) : null;
  if (combined && isClosingSaluteLine(combined[1]!) && isSignatureLine(combined[2]!)) {
    const l = tail[--k]!;
    const inl = lineInlines(l, rd, [], true);
    splitSaluteSigned(inl, combined[1]!.length, closer);
    top = l;
  } else if (!signedUnderDate) {
    if (k > 0 && (isSignatureLine(at(k - 1)) || isSignedValediction(at(k - 1))) && (isClosingSaluteLine(at(k - 2)) || ed.body.divType === 'letter')) {
      closer.signed = lineInlines(tail[--k]!, rd, [], true);
      top = tail[k];
    }
    if (k > 0 && isClosingSaluteLine(at(k - 1))) {
      closer.salute = lineInlines(tail[--k]!, rd, [], true);
      top = tail[k];
    }
  }
  if (!top || !(closer.salute || closer.dateline || closer.signed)) return;
  // Leave at least one paragraph of text: a page that is all closing is not a closing.
  const remaining = withoutLines(body, new Set(tail.slice(k)));
  if (remaining.length === 0) return;
  ed.body.closer = { ...closer, pos: pos(top) };
  body.splice(0, body.length, ...remaining);
}

/**
 * In a letter, a closing paragraph that is not the last ("Your A. Joffe." over "Moscow,
 * November 16th, 1927": two to four short lines ending in a place-date line) in the second
 * half of the text: what follows it is a postscript, though it opens with no "P.S." (as
 * letter-frame.ts reads it). Returns where the postscript starts, or -1.
 */
function postscriptAfterClosing(body: readonly StreamBlock[]): number {
  for (let c = body.length - 2; c >= 1 && c >= body.length / 2; c--) {
    const ls = body[c]!.lines.map((l) => squashShort(l.text));
    if (ls.length >= 2 && ls.length <= 4 && ls.every((l) => l !== '' && l.length <= 60) && isPlaceDateLine(ls[ls.length - 1]!)) return c + 1;
  }
  return -1;
}

/** "Yours, N. Lenin" read as one line: the text node is cut after the salute's comma. */
function splitSaluteSigned(inl: Inline[], cut: number, closer: Partial<Closer>): void {
  const first = inl[0];
  if (first?.kind !== 'text' || first.text.length <= cut) {
    closer.signed = inl;
    return;
  }
  const sal = first.text.slice(0, cut);
  const restRaw = first.text.slice(cut);
  const lead = restRaw.length - restRaw.trimStart().length;
  closer.salute = [{ kind: 'text', text: sal, pos: first.pos }];
  closer.signed = [{ kind: 'text', text: restRaw.trimStart(), pos: advance(first.pos, first.text, cut + lead) }, ...inl.slice(1)];
}

/** How many unlabelled paragraphs a further notes heading may have over its first note (what the notes are, whose they are). */
const SECTION_HEADNOTE_MAX = 3;

/** A labelled paragraph under the notes heading at `i`, after at most SECTION_HEADNOTE_MAX paragraphs of the section's own. */
function notesUnderHeading(paragraphs: readonly StreamBlock[], i: number): boolean {
  let own = 0;
  for (let k = i + 1; k < paragraphs.length && own <= SECTION_HEADNOTE_MAX; k++) {
    const p = paragraphs[k]!;
    if (noteLabel(p.lines[0]!.text, true, { key: undefined })) return true;
    if (isNotesHeading(p)) return false;
    if (hasWordChar(p)) own++;
  }
  return false;
}

/**
 * The notes cut into sections at each further notes heading over a labelled paragraph:
 * "Author's Notes" over "(1) …", then "Editorial Notes" over "[A] …" are two sections. The
 * heading may stand over a few paragraphs of its own before its first note ("Translator's
 * Notes" over "The translator added these notes …" over "[a] …"): those open the section, they
 * are not the last words of the note before.
 */
function notesSections(paragraphs: readonly StreamBlock[]): StreamBlock[][] {
  const out: StreamBlock[][] = [];
  let start = 0;
  for (let i = 1; i + 1 < paragraphs.length; i++) {
    if (!isNotesHeading(paragraphs[i]!) || !notesUnderHeading(paragraphs, i)) continue;
    out.push(paragraphs.slice(start, i));
    start = i;
  }
  out.push(paragraphs.slice(start));
  return out.filter((part) => part.length > 0);
}

const inlinesOf = (b: Block): Inline[][] => (b.kind === 'p' ? [b.children] : []);

/** The author's surname (last word of the author line), to recognise "—Lenin" in notes. */
const surname = (ed: Edition): string | undefined => ed.metadata.author?.name.split(' ').pop();

/**
 * Lays out a reader's block stream: finds every zone of the page and builds the edition.
 * The same rules run whatever the input style; the reader only cut its syntax into blocks.
 */
export function layout(stream: BlockStream, diagnostics: Diagnostics): Edition {
  if (stream.marked) return layoutMarked({ ...stream, marked: stream.marked }, diagnostics);
  const rd: Reading = { diagnostics, syntax: stream.syntax };
  const ed = emptyEdition(stream.profile);
  const paragraphs = [...stream.blocks];
  dropHeader(paragraphs, ed, rd);
  const footer = dropFooter(paragraphs, ed, rd);
  dropFurnitureAnywhere(paragraphs, ed, rd);
  dropLinkUnderCredits(paragraphs, ed, rd);
  const credits = trailingCredits(paragraphs);
  // The page's last line, when short: a link back to the book ("Revolutionary Silhouettes" over
  // "Last updated …") when the title zone prints the same words over the title.
  const lastLine = shortLastLine(paragraphs);
  const furniture = furnitureSegments([...ed.dropped.map((d) => d.text), ...footer.map((l) => l.text), ...(lastLine ? [lastLine.text] : [])]);
  const repeatsUsed: string[] = [];
  const bodyStart = readTop(paragraphs, ed, rd, footer.map((l) => squashLine(l.text)).join(' | '), furniture, repeatsUsed);
  if (lastLine && repeatsUsed.some((t) => repeatsFurniture(t, furnitureSegments([lastLine.text])))) {
    const p = paragraphs[paragraphs.length - 1]!;
    if (paragraphs.length - 1 > bodyStart) {
      dropNavigation(p.lines[p.lines.length - 1]!, 'the book or series over the title, linked again at the foot of the page', ed, rd);
      p.lines.pop();
      if (p.lines.length === 0) paragraphs.pop();
    }
  }
  if (credits.length > 0) ed.metadata.fields.push(...readFields(credits, rd.diagnostics, ed.dropped));
  dropEmptyNotesHeading(paragraphs, bodyStart, ed, rd);
  splitNotesHeadingLines(paragraphs, bodyStart);
  const titleKeys = [...ed.body.head, ...(ed.body.subtitle ?? [])].flatMap((n) => (n.kind === 'noteAnchor' ? [n.key] : []));
  const notesAt = dropBodyEnd(paragraphs, bodyStart, notesStart(paragraphs, bodyStart, titleKeys), ed, rd);
  const lateCredits = creditsInNotes(paragraphs, notesAt);
  if (lateCredits.length > 0) ed.metadata.fields.push(...readFields(lateCredits, rd.diagnostics, ed.dropped));
  // Text printed after the notes goes back to the text, after them (the section is then inside the text).
  const notesEnd = textAfterNotes(paragraphs, notesAt);
  dropLinksUnderNotes(paragraphs, notesEnd, ed, rd);
  const body = [...paragraphs.slice(bodyStart, notesAt), ...paragraphs.slice(notesEnd)];
  takeInfoInText(body, ed, rd);
  const argument = headnoteLength(body);
  // After a date line the title zone left there (readTop).
  ed.body.argument.push(...body.splice(0, argument).map((p) => paragraphBlock(p, rd)));
  readOpener(body, ed, rd);
  findAuthor(paragraphs, body, footer, ed, rd);
  authorSpelledByFooter(footer, ed, rd);
  // "P.S. …" after the signature: the closer is read before it, the postscript is the rest (layout/letter.ts).
  let ps = postscriptStart(body, (p) => p.lines[0]?.text);
  if (ps < 0 && ed.body.divType === 'letter') ps = postscriptAfterClosing(body);
  const letterPart = ps > 0 ? body.slice(0, ps) : body;
  readCloser(letterPart, ed, rd);
  const postscript = ps > 0 && ed.body.closer ? body.slice(ps) : [];
  if (ps > 0) body.splice(0, body.length, ...letterPart, ...(ed.body.closer ? [] : body.slice(ps)));
  authorSignedInFull(ed);
  ed.body.blocks = body.map((p) => paragraphBlock(p, rd));
  if (postscript.length > 0) ed.body.postscript = { blocks: postscript.map((p) => paragraphBlock(p, rd)), pos: { line: postscript[0]!.lines[0]!.line, column: firstColumn(postscript[0]!.lines[0]!.text) } };
  for (const part of notesSections(paragraphs.slice(notesAt, notesEnd))) {
    const notes = readNotes(part, rd.syntax, rd.diagnostics, surname(ed));
    if (notes) ed.notes.push(notes);
  }
  const textLists = [ed.body.head, ...(ed.body.subtitle ? [ed.body.subtitle] : []), ...ed.body.argument.flatMap(inlinesOf), ...ed.body.blocks.flatMap(inlinesOf), ...(ed.body.postscript?.blocks ?? []).flatMap(inlinesOf)];
  // "“[a] well-contested defeat”": a bracketed letter no note has is the editor's word, no anchor.
  unanchorBracketedLetters(textLists, ed.notes);
  // Notes no "[n]" points to: their anchors as the copy printed them ("century.”1", "(1)").
  anchorPrintedNotes(textLists, ed.notes);
  for (const { anchor, note } of pairMisnumberedNotes(ed)) {
    rd.diagnostics.report('note-misnumbered', `anchor ${anchor.marker} linked to the note printed "${note.label}", the note at its place in the order (the notes skip or misprint a number)`, anchor.pos);
  }
  titleWithoutAnchors(ed);
  // Furniture in reading order (the footer was taken off before the README was found).
  ed.dropped.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  return ed;
}

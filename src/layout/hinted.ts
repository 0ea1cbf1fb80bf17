/**
 * The zones of a page whose syntax says what its blocks are: heading levels and class
 * names (HTML), heading levels (markdown). Part of the layout engine, beside `engine.ts`
 * (which reads the zones of page text by shape): same stream (`blocks.ts`), same rule
 * tables (`rules.ts`, `furniture.ts`), and these hint tables:
 *
 *   TITLE_ORDER   which heading is the title: a heading with the class "title", else the
 *                 first h1, h3, h2, h4, else a paragraph of class "title";
 *   FRONT_HINTS   what the syntax shows of the front: the information block (`p.info`,
 *                 `p.information` opening with a label, the block after `hr.infotop`), the
 *                 author line (`.author`), the subtitle (`.subtitle`), "last updated"
 *                 (`.updat`), a collection line (a `p.title` above the title).
 *
 * `planFront` decides, for the top of the page, which block is the title, the collection
 * line above it, the author line, the subtitle, the information block, furniture, and
 * where the text starts; `textRole` what a block of the text is when its hints alone say
 * so. The reader then builds the model of each block with its own syntax (the inlines).
 * One pass over the blocks, and a second over the front (a few blocks).
 */
import { squash } from '../model/walk.js';
import { type StreamBlock, isBlank } from './blocks.js';
import { type HintRule, furnitureByHints } from './furniture.js';
import { isCreditLine } from './info.js';
import { FURNITURE, authorFrom, authorInBookLine, authorLineName as personInLine, infoSentence, isBookLine, isNotesHeading, isPersonName } from './rules.js';

/** A row of a hint table: a name, why it holds, and the test on a block's hints. */
export interface BlockHintRow extends HintRule {
  test: (b: StreamBlock, context: { afterInfoRule: boolean }) => boolean;
}

const has = (b: StreamBlock, cls: string): boolean => b.hints.classes?.includes(cls) === true;
const isPara = (b: StreamBlock): boolean => b.kind === 'para';

/** The title, in order of preference: the first block a row takes is the title. */
export const TITLE_ORDER: readonly BlockHintRow[] = [
  { name: 'title heading', why: 'a heading the template marks as the title (`h1.title`, `h3.title`)', test: (b) => b.kind === 'heading' && has(b, 'title') },
  { name: 'h1', why: 'the first top-level heading', test: (b) => b.kind === 'heading' && b.hints.level === 1 },
  { name: 'h3', why: 'MIA pages of 1999–2004 print the title as h3 under an h2 author line', test: (b) => b.kind === 'heading' && b.hints.level === 3 },
  { name: 'h2', why: 'a page with no h1 or h3: its h2', test: (b) => b.kind === 'heading' && b.hints.level === 2 },
  { name: 'h4', why: 'a page whose largest heading is h4', test: (b) => b.kind === 'heading' && b.hints.level === 4 },
  { name: 'title paragraph', why: 'a paragraph of class "title" when no heading is the title', test: (b) => isPara(b) && has(b, 'title') },
];

/** The words-only row of a "Last updated on …" line (page text drops it as furniture). */
const LAST_UPDATED = FURNITURE.find((r) => r.name === 'last updated')!;

/** What the hints of a block in the front show. */
export const FRONT_HINTS: readonly BlockHintRow[] = [
  {
    name: 'information block',
    why: 'the 2007+ `p.info`, the block after `hr.infotop`, or a `p.information` that opens with a label (`span.info`, `strong`) or a prose row of the INFO_SENTENCES table ("Speech delivered on …")',
    // Or a `p.information` of lines that ends with a credit, whatever its first line says ("Transcript of a meeting." / "Transcribed by …").
    test: (b, c) => isPara(b) && (has(b, 'info') || c.afterInfoRule || (has(b, 'information') && (b.hints.labelled === true || infoSentence(rawText(b).trim()) !== undefined || creditAfterFirstSentence(rawText(b))))),
  },
  { name: 'author line', why: 'a block of class "author" (an h2 above the title too, when it names a person: `authorName`)', test: (b) => has(b, 'author') },
  { name: 'subtitle', why: 'a paragraph or heading of class "subtitle"', test: (b) => (isPara(b) || b.kind === 'heading') && has(b, 'subtitle') },
  { name: 'last updated', why: 'the template\'s "Last updated" line (`p.updat`)', test: (b) => has(b, 'updat') },
  { name: 'page note', why: 'a note on the online edition (`p.pagenote`, `p.pagenoteb`)', test: (b) => has(b, 'pagenote') || has(b, 'pagenoteb') },
  { name: 'front paragraph', why: 'a paragraph of class "title", "author", "subtitle" or "updat" is never the first line of the text', test: (b) => isPara(b) && ['title', 'author', 'subtitle', 'updat'].some((c) => has(b, c)) },
];

const row = (name: string): BlockHintRow => FRONT_HINTS.find((r) => r.name === name)!;

/** A short block whose first sentence is followed by a credit ("Transcript of a meeting. [1] Transcribed by …"): the `<br>` lines of an information block, as the stream joins them. */
function creditAfterFirstSentence(text: string): boolean {
  if (text.length > 1000) return false;
  for (const m of text.matchAll(/[.!?;\]]["”’]?\s+(?=\p{Lu})/gu)) if (isCreditLine(text.slice(m.index + m[0].length))) return true;
  return false;
}
const INFO = row('information block');
const AUTHOR = row('author line');
const SUBTITLE = row('subtitle');
const UPDATED = row('last updated');
const FRONT_PARAGRAPH = row('front paragraph');
const PAGE_NOTE = row('page note');

/** A heading's lines as the stream gives them, a `<br>` without a space glued ("The Third AddressMay, 1871"): parted again. */
const unglued = (s: string): string => s.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');

const squashed = squash;

/** The block's words as the syntax gave them (white space squashed by the reader, not trimmed). */
const rawText = (b: StreamBlock): string => (b.lines.length === 1 ? b.lines[0]!.text : b.lines.map((l) => l.text).join(' '));

/** No words (white space, no-break spaces, an image): nothing to encode. */
export const isEmptyBlock = (b: StreamBlock): boolean => b.kind !== 'mark' && b.kind !== 'rule' && b.lines.every((l) => isBlank(l.text));

/** A block the syntax marks as navigation (a furniture class, a line of links, a footer table). */
export const hintedFurniture = (b: StreamBlock): HintRule | undefined => (b.kind === 'rule' || b.kind === 'mark' ? undefined : furnitureByHints(rawText(b), b.hints));

/** How far below a name the title may stand (blocks). */
const MAX_FRONT = 6;

/** A block of words the syntax gives whole (a paragraph, heading, list …), not a rule or a mark. */
const isWordBlock = (b: StreamBlock): boolean => b.kind !== 'rule' && b.kind !== 'mark';

/**
 * A heading that is a date line ("March 12, 1912"): not a subtitle. Kept as the reader had
 * it (a month name and a year in at most 80 characters), so the port changes no output.
 */
const isDatedHeading = (t: string): boolean => t.length <= 80 && /\b(1[5-9]\d\d|20\d\d)\b/.test(t) && /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(t);

/**
 * Notes-heading spellings for the subtitle test only: the shared table also takes
 * "Translator’s Note" (curly apostrophe), which on a page where it heads a prose note (not
 * numbered notes) stands under the title as its subtitle. To go when a headnote under such
 * a heading is a zone of its own.
 */
const SUBTITLE_NOT_NOTES = /^(?:(?:foot|end|editor'?s?|editorial|translator'?s?|author'?s?)\s*)?notes?(?:\s+(?:by|of)\b.*)?\s*:?$/i;

export type FrontRole = 'title' | 'collection' | 'furniture' | 'info' | 'author' | 'subtitle' | 'beforeHead' | 'argument' | 'skip';

export interface FrontPlan {
  /** The role of each block of the front, by index; `end` blocks long. */
  roles: FrontRole[];
  /** The title's index, or -1 (the reader may then name the page by its document title). */
  titleAt: number;
  /** Where the text starts. */
  end: number;
  /** For each block, whether it follows an `hr.infotop` (the information block below it). */
  afterInfoRule: ReadonlySet<number>;
}

/** Whether block `i` is an information block, given the rules before it. */
const isInfo = (blocks: readonly StreamBlock[], i: number, afterInfoRule: ReadonlySet<number>): boolean => INFO.test(blocks[i]!, { afterInfoRule: afterInfoRule.has(i) });

/** The first block that opens the text: words that are not a heading, furniture, the information block or a front paragraph. */
function firstTextBlock(blocks: readonly StreamBlock[], afterInfoRule: ReadonlySet<number>): number {
  let seenHeading = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'heading') seenHeading = true;
    if (!isWordBlock(b) || b.kind === 'heading' || isEmptyBlock(b)) continue;
    // Loose words open the text, unless their element is marked as the front's (a `span.title` over the heading).
    if (b.hints.loose === true && !has(b, 'title')) return i;
    if (hintedFurniture(b) || isInfo(blocks, i, afterInfoRule) || FRONT_PARAGRAPH.test(b, { afterInfoRule: false })) continue;
    // A name alone above the first heading (a portrait's caption, an author line as a paragraph) is front, not text.
    if (!seenHeading && isPersonName(squash(rawText(b))) && blocks.slice(i + 1, i + 1 + MAX_FRONT).some((x) => x.kind === 'heading')) continue;
    return i;
  }
  return blocks.length;
}

/** The title among the blocks before the text: the first row of TITLE_ORDER that takes one. */
export function chooseTitle(front: readonly StreamBlock[]): number {
  for (const r of TITLE_ORDER) {
    const i = front.findIndex((b) => !b.hints.loose && isWordBlock(b) && !isEmptyBlock(b) && r.test(b, { afterInfoRule: false }));
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * The front of a page whose syntax marks headings and classes: title, collection line,
 * author line, subtitle, information block, furniture; and where the text starts.
 */
export function planFront(blocks: readonly StreamBlock[]): FrontPlan {
  const afterInfoRule = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.kind === 'rule' && has(b, 'infotop') && i + 1 < blocks.length) afterInfoRule.add(i + 1);
  });
  const firstText = firstTextBlock(blocks, afterInfoRule);
  let lastInfo = -1;
  for (let i = 0; i < firstText; i++) if (isWordBlock(blocks[i]!) && !blocks[i]!.hints.loose && isInfo(blocks, i, afterInfoRule)) lastInfo = i;
  const titleAt = chooseTitle(blocks.slice(0, firstText));
  let end = lastInfo >= 0 ? lastInfo + 1 : titleAt >= 0 ? titleAt + 1 : 0;
  // An author or subtitle paragraph, blank paragraphs and rules right after the title still belong to the front.
  const filler = (b: StreamBlock | undefined): boolean =>
    b !== undefined && (b.kind === 'rule' || (isWordBlock(b) && !b.hints.loose && (isEmptyBlock(b) || AUTHOR.test(b, { afterInfoRule: false }) || (isPara(b) && SUBTITLE.test(b, { afterInfoRule: false })))));
  if (lastInfo < 0) while (end < blocks.length && filler(blocks[end])) end++;
  const roles: FrontRole[] = [];
  let subtitleTaken = false;
  let authorTaken = false;
  /** The author line's words, to know the name printed twice (a portrait's caption over the author's heading). */
  let authorWords: string | undefined;
  // Words already above: only the first line of the page can be an author line by its shape.
  let seenWords = false;
  for (let i = 0; i < end; i++) {
    const b = blocks[i]!;
    let role: FrontRole;
    if (!isWordBlock(b) || (b.hints.loose && !(i < titleAt && has(b, 'title')))) role = 'skip';
    else if (i === titleAt) role = 'title';
    else if (i < titleAt && isPara(b) && has(b, 'title')) role = 'collection';
    else if (hintedFurniture(b)) role = 'furniture';
    else if (isEmptyBlock(b)) role = 'skip';
    else if (isInfo(blocks, i, afterInfoRule)) role = 'info';
    else if (AUTHOR.test(b, { afterInfoRule: false }) || (b.kind === 'heading' && b.hints.level === 2 && i < titleAt && !authorTaken && authorName(rawText(b)) !== undefined)) role = 'author';
    else if (i < titleAt && !authorTaken && !seenWords && !isDateLineText(b) && authorName(rawText(b)) !== undefined) role = 'author';
    // "by Ernest Mandel" under the title names the author; it is no subtitle (printed where it stands, before the text).
    // What follows it is printed under it, before the text: no subtitle either ("(January 1982)").
    else if (i > titleAt && isByLine(rawText(b))) {
      role = authorTaken ? 'argument' : 'author';
      subtitleTaken = true;
    }
    else if (i > titleAt && !subtitleTaken && (b.kind === 'heading' || SUBTITLE.test(b, { afterInfoRule: false }))) {
      subtitleTaken = true;
      role = 'subtitle';
    } else if (i < titleAt && (((isBookLine(b) || authorInBookLine(squashed(rawText(b))) !== undefined) && !isDatedHeading(unglued(rawText(b)))) || squashed(rawText(b)) === authorWords)) {
      // The larger work above the title ("On the Eve of 1917", "From N.E.P. to Socialism"), or the
      // author's name printed again: the collection line, in the header, as page text reads them.
      // A heading with its date ("The Third Address / May, 1871") is a part's heading, not a collection's.
      role = 'collection';
    } else if (i < titleAt) role = 'beforeHead';
    else role = 'argument';
    if (role === 'author' && !authorTaken) authorWords = squashed(rawText(b));
    if (role === 'author') authorTaken = true;
    if (role !== 'skip' && role !== 'furniture') seenWords = true;
    roles.push(role);
  }
  // Without an information block, one subtitle heading right after the title still belongs to the front.
  if (lastInfo < 0 && titleAt >= 0) {
    const next = blocks[end];
    if (next && isWordBlock(next) && !next.hints.loose && (SUBTITLE.test(next, { afterInfoRule: false }) || (next.kind === 'heading' && !SUBTITLE_NOT_NOTES.test(rawText(next)) && end < firstText && !isDatedHeading(rawText(next))))) {
      roles.push('subtitle');
      end++;
    }
  }
  // A year alone as a heading under the title and subtitle ("<h3>1969</h3>", "<h3>(1918)</h3>") dates the text: a date line between the title and the text, as page text reads it.
  if (lastInfo < 0 && titleAt >= 0) {
    const next = blocks[end];
    if (next?.kind === 'heading' && end < firstText && YEAR_ALONE.test(squash(rawText(next)))) {
      roles.push('argument');
      end++;
    }
  }
  return { roles, titleAt, end, afterInfoRule };
}

/** "by Ernest Mandel": the AUTHOR row "by X", a person's name after "by". */
export const isByLine = (line: string): boolean => authorFrom(line, 'top')?.rule.name === 'by X';

/** "1969", "(1918)", "[1921]": a year alone on its line. */
const YEAR_ALONE = /^[([]?(?:1[5-9]\d\d|20\d\d)[)\]]?\.?$/;

/**
 * The author a line above the title names, by the shared rows (`rules.ts` AUTHOR: "Otto
 * Bauer 1912", "by X", "Speech by X") or as a person's name alone ("Anatoly Lunacharsky").
 */
export function authorName(line: string): string | undefined {
  const s = squash(line);
  // The AUTHOR_LINE_FORMS table first: "Lenin's …", "Otto Bauer 1912", "Name: Work".
  const formed = personInLine(s);
  if (formed !== undefined) return formed;
  const named = authorFrom(s, 'top');
  if (named && named.rule.name !== 'letter title') return named.name;
  if (isPersonName(s)) return s;
  // "Rudolf Hilferding: Böhm-Bawerk's Criticism of Marx": the name before the work's title.
  const before = NAME_COLON_WORK.exec(s)?.[1];
  return before !== undefined && isPersonName(before) ? before : undefined;
}

/** "Name: Title of the work". */
const NAME_COLON_WORK = /^(.{3,60}?)\s*:\s*\S/;

/** The name an author line gives: without its year ("Otto Bauer 1912") or "by"; else the line as printed. */
export function authorLineName(line: string): string {
  const s = squash(line);
  const named = authorFrom(s, 'top');
  if (named && named.rule.name !== 'letter title') return named.name;
  const before = NAME_COLON_WORK.exec(s)?.[1];
  if (before !== undefined && isPersonName(before)) return before;
  // Else the AUTHOR_LINE_FORMS table ("Lenin's …"); life dates "(1888-1938)" stay with the name as printed.
  const formed = isPersonName(s.replace(/\s*\(\d{4}\s*[-–]\s*\d{4}\)$/, '')) ? undefined : personInLine(s);
  return formed ?? s;
}

const isDateLineText = (b: StreamBlock): boolean => /\b(?:1[5-9]\d\d|20\d\d)\b/.test(rawText(b)) && isDatedHeading(rawText(b));

export type TextRole = 'furniture' | 'skip' | 'updated' | 'info' | 'headerNote' | 'notesHeading';

/**
 * What a block of the text is when its hints say so: furniture, an empty block, the "last
 * updated" line, an information block printed after the text (1999–2002 pages put it at
 * the foot), a page note under such a foot block (it speaks of the online edition, as the
 * block above it does: a header note), a notes heading. Else undefined: text, or a note
 * (the reader knows its labels).
 */
export function textRole(b: StreamBlock, afterFootInfo = false): TextRole | undefined {
  if (!isWordBlock(b) || b.hints.loose) return undefined;
  if (hintedFurniture(b)) return 'furniture';
  if (isEmptyBlock(b)) return 'skip';
  // `p.updat`, or a paragraph of another class that says only that ("Last updated on: 22 December 2018": the words row of page text).
  if (UPDATED.test(b, { afterInfoRule: false }) || (isPara(b) && LAST_UPDATED.pattern.test(squash(rawText(b))))) return 'updated';
  if (INFO.test(b, { afterInfoRule: false })) return 'info';
  if (afterFootInfo && PAGE_NOTE.test(b, { afterInfoRule: false })) return 'headerNote';
  // A notes heading printed as a paragraph set whole in bold ("<p><b>Notes</b></p>") or of the
  // template's sub-heading class ("<p class="sub">FOOTNOTES (by Tim Davenport):</p>") is one too.
  if ((b.kind === 'heading' || (isPara(b) && (b.hints.emphasis === 'bold' || has(b, 'sub')))) && isNotesHeading(rawText(b))) return 'notesHeading';
  return undefined;
}

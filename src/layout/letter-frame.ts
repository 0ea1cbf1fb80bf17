/**
 * The letter frame of a text whose blocks come with their inlines whole (HTML): the
 * place-date line and the salutation at the top (`opener`), the valediction and signature
 * at the end (`closer`). Part of the layout engine: page text reads the same zones line
 * by line in `engine.ts` (readOpener, readCloser). The syntax may mark the parts by class
 * (LETTER_CLASSES: MIA's `p.sig`, `p.salutation`, `p.placedate`), else their words show
 * them (LETTER_PHRASES: "Dear Kugelmann", "Yours"), or a name set apart in bold ("KM").
 */
import type { Block, Closer, Inline, Opener } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';
import type { BlockHints } from './blocks.js';
import { isAddresseeLine, isPlaceDateLine, isPlaceOverDate, isSalutationLine, isSignatureUnderDate, mayOpenPostscript, postscriptStart } from './letter.js';

/** A block of the text, its inlines given whole, with the hints of the block it came from. */
export interface BodyEntry {
  block: Block;
  hints: Pick<BlockHints, 'classes'>;
}

/** Class names by which a page template marks a letter's parts. */
export const LETTER_CLASSES = {
  /** The opener's place-date line. */
  openerDateline: ['placedate', 'date'],
  /** The opener's salutation. */
  salute: ['salutation'],
  /** A block of the closer (salute, signature, place-date). */
  closer: ['sig', 'placedate', 'signed'],
} as const;

export interface PhraseRow {
  name: string;
  pattern: RegExp;
}

/** Whole lines that open or close a letter by their words. */
export const LETTER_PHRASES: readonly PhraseRow[] = [
  { name: 'salutation', pattern: /^(?:my\s+)?(?:dear(?:est)?|respected|esteemed)\b|^(?:comrades?|citizens?|gentlemen|sir|madam|friends?)\s*[,:!]?$/i },
  /** A whole line that is a closing formula ("Yours,", "With Social-Democratic greetings", "Adieu!"), not a sentence that starts like one. */
  {
    name: 'valediction',
    pattern:
      /^(?:(?:ever|sincerely|faithfully|cordially|truly|affectionately|very truly)\s+)?yours(?:\s+(?:sincerely|faithfully|truly|ever))?[,.!]?$|^your\s+[\w-]+[,.!]?$|^with\b[^.]*\b(?:greetings|regards|wishes)[,.!]?$|^(?:salut|adieu|fraternally|greetings|best (?:regards|wishes)|sincerely|faithfully)[,.!]?$/i,
  },
];

const hasAny = (e: BodyEntry, names: readonly string[]): boolean => e.hints.classes?.some((c) => names.includes(c)) === true;
const hasClass = (e: BodyEntry, name: string): boolean => e.hints.classes?.includes(name) === true;

export interface Shaped {
  blocks: Block[];
  opener?: Opener;
  closer?: Closer;
  /** A postscript after the signature (`postscriptStart`, or the text after a closing block in a letter). */
  postscript?: Block[];
  /** The line naming whom the letter is addressed to, above its salutation: it stays above the opener. */
  addressee?: Block;
  letter: boolean;
}

const SALUTATION = LETTER_PHRASES[0]!.pattern;
const VALEDICTION = LETTER_PHRASES[1]!.pattern;
const YEAR = /\b(1[5-9]\d\d|20\d\d)\b/;
const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i;

const textOf = (list: Inline[]): string => squash(plainText(list));
const inlinesOfBlock = (b: Block): Inline[] | undefined => (b.kind === 'p' || b.kind === 'heading' ? b.children : undefined);
const isDateline = (t: string): boolean => t.length <= 60 && YEAR.test(t) && MONTH.test(t);

/** Splits inline content at its line breaks. */
function lines(list: Inline[]): Inline[][] {
  const out: Inline[][] = [[]];
  for (const n of list) {
    if (n.kind === 'lb') out.push([]);
    else out.at(-1)!.push(n);
  }
  return out.filter((l) => l.length);
}

function joinLines(parts: Inline[][], pos: Inline['pos']): Inline[] {
  return parts.flatMap((p, i) => (i === 0 ? p : [{ kind: 'lb', pos } as Inline, ...p]));
}

/** Everything in bold (or italic): a signature like **KM** set apart from the text. */
function isSetApartName(list: Inline[]): boolean {
  const sig = list.filter((n) => !(n.kind === 'text' && n.text.trim() === ''));
  return sig.length > 0 && sig.every((n) => n.kind === 'hi') && textOf(list).length <= 40;
}

/**
 * A paragraph that is only a date ("June 2, 1919."), then an inside address (a block of short
 * lines: "Robert Minor / Hotel des Etas Unis / … / Paris, France."), then the salutation: the
 * letter's dateline, as page text reads its first line.
 */
function datelineOverAddress(entries: readonly BodyEntry[]): boolean {
  const [first, address, salute] = entries;
  if (first?.block.kind !== 'p' || address?.block.kind !== 'p' || salute?.block.kind !== 'p') return false;
  const date = textOf(first.block.children);
  if (!isDateline(date) || !/^[\p{L}\d ,.–-]+\b(?:1[5-9]\d\d|20\d\d)\.?$/u.test(date)) return false;
  const addressLines = lines(address.block.children).map(textOf);
  const greeting = textOf(salute.block.children);
  return addressLines.length >= 2 && addressLines.length <= 6 && addressLines.every((l) => l.length <= 60) && greeting.length <= 60 && SALUTATION.test(greeting);
}

/**
 * A heading that is a place-date line, whole ("[London] April 12, 1871") or on its last line
 * ("Folkestone, near Dover / August 21, 1890"), or a date in brackets ("(August 1934)").
 */
function isDatelineHeading(inl: Inline[]): boolean {
  const whole = textOf(inl);
  const ls = lines(inl).map(textOf);
  // "[London] April 12, 1871": the place an editor supplied, in brackets.
  const placeSupplied = whole.replace(/^\[([^\]]{1,40})\]\s*/, '$1, ');
  return isPlaceDateLine(placeSupplied) || /^[([].*[)\]]\.?$/.test(whole) || (ls.length > 1 && isPlaceDateLine(ls[ls.length - 1]!));
}

/**
 * A paragraph of two lines, the place over the date (`<p>London<br>October 8, 1885</p>`): a
 * place-date line, as page text reads the text's first lines. (A date alone over the text
 * is not one: `datelineOverAddress`.)
 */
function isPlaceDateParagraph(inl: Inline[]): boolean {
  const ls = lines(inl).map(textOf);
  return ls.length === 2 && isPlaceOverDate(ls[0]!, ls[1]!);
}

/**
 * The opener's parts, read from the top of `entries`. `entries` may be changed: a paragraph
 * whose first line is the salutation ("My dear Leo Davidovitch,<br>I have all my life…")
 * gives that line to the opener and keeps the rest. An addressee line above the salutation
 * ("(To the Members of the Labor Committee)") is returned apart: it stays above the opener.
 */
function readOpener(entries: BodyEntry[]): { opener?: Opener; used: number; letter: boolean; addressee?: Block } {
  let i = 0;
  let dateline: Inline[] | undefined;
  let salute: Inline[] | undefined;
  let pos: Inline['pos'] | undefined;
  const first = entries[0];
  const firstInl = first ? inlinesOfBlock(first.block) : undefined;
  // A heading is the dateline only when it is a place-date line as page text reads one ("March 12, 1912",
  // "Moscow, December 17, 1918") or a date in brackets ("(August 1934)"), not a section's heading that names a month ("Discussion on April, 1938").
  if (first && firstInl && (hasAny(first, LETTER_CLASSES.openerDateline) || (first.block.kind === 'heading' && isDateline(textOf(firstInl)) && isDatelineHeading(firstInl)) || (first.block.kind === 'p' && isPlaceDateParagraph(firstInl)) || datelineOverAddress(entries))) {
    dateline = firstInl;
    pos = first.block.pos;
    i++;
  }
  // "(To the Members of the Labor Committee)" over "Dear Comrade": the addressee, then the salutation.
  let addressee: Block | undefined;
  const wholeSalute = (e: BodyEntry | undefined): boolean => {
    const inl = e?.block.kind === 'p' ? e.block.children : undefined;
    if (!e || !inl) return false;
    const t = textOf(inl);
    return hasAny(e, LETTER_CLASSES.salute) || (t.length <= 60 && (SALUTATION.test(t) || (hasClass(e, 'sig') && /[,:!]$|^dear/i.test(t))));
  };
  const top = entries[i];
  if (top?.block.kind === 'p' && lines(top.block.children).length === 1 && isAddresseeLine(textOf(top.block.children)) && wholeSalute(entries[i + 1])) {
    addressee = top.block;
    i++;
  }
  const next = entries[i];
  const nextInl = next?.block.kind === 'p' ? next.block.children : undefined;
  if (next && nextInl) {
    const firstLine = lines(nextInl);
    if (wholeSalute(next)) {
      salute = nextInl;
      pos ??= next.block.pos;
      i++;
    } else if (next.block.kind === 'p' && firstLine.length > 1 && isSalutationLine(textOf(firstLine[0]!))) {
      // "My dear Leo Davidovitch,<br>I have all my life…": the salutation is the paragraph's first line, the text goes on under it.
      const cut = nextInl.findIndex((n) => n.kind === 'lb');
      salute = nextInl.slice(0, cut);
      const rest = nextInl.slice(cut + 1);
      pos ??= next.block.pos;
      entries[i] = { ...next, block: { ...next.block, children: rest, pos: rest[0]?.pos ?? next.block.pos } };
    }
  }
  if (!pos) return { used: 0, letter: false };
  const opener: Opener = { pos };
  if (dateline) opener.dateline = dateline;
  if (salute) opener.salute = salute;
  return { opener, used: i, letter: salute !== undefined, ...(addressee && salute ? { addressee } : {}) };
}

function isCloserCandidate(e: BodyEntry): boolean {
  if (e.block.kind !== 'p') return false;
  if (hasAny(e, LETTER_CLASSES.closer)) return true;
  const t = textOf(e.block.children);
  return t.length <= 40 && (VALEDICTION.test(t) || isSetApartName(e.block.children));
}

/**
 * The words of a paragraph, or of a quote of one paragraph: a template may indent the closing
 * lines as it indents a quotation (MIA's `p.indentb`), and a browser copy shows them as lines alike.
 */
function closingChildren(b: Block): Inline[] | undefined {
  if (b.kind === 'p') return b.children;
  if (b.kind === 'quote' && b.blocks.length === 1 && b.blocks[0]!.kind === 'p') return b.blocks[0]!.children;
  return undefined;
}

/**
 * The text's last block (a paragraph, or a quote of one paragraph), a few short lines ending in a date ("Moscow / December 17, 1918",
 * "Karl Marx / London / July 25, 1867"): where and when the text was signed, as page text
 * reads its last lines.
 */
function isClosingDateBlock(e: BodyEntry): boolean {
  const children = closingChildren(e.block);
  if (!children) return false;
  const ls = lines(children).map(textOf);
  const last = ls[ls.length - 1] ?? '';
  return ls.length >= 1 && ls.length <= 4 && ls.every((l) => l.length <= 60) && isDateline(last) && /^[\p{L}\d ,.–-]+\b(?:1[5-9]\d\d|20\d\d)\.?$/u.test(last);
}

/**
 * The text's last two blocks are a place-date line ("Athens, November 12, 1931") and under it
 * a signature (initials or a name, set apart or not: "P.P.", "N. Lenin"): where, when and by
 * whom the text was signed, as a template prints it in a table of one row (the frame's cells
 * read as blocks). A dateline alone, or a name alone, is not enough.
 */
function isDatedSignature(entries: readonly BodyEntry[]): boolean {
  const n = entries.length;
  if (n < 3) return false;
  const sig = closingChildren(entries[n - 1]!.block);
  const date = closingChildren(entries[n - 2]!.block);
  if (!sig || !date) return false;
  // A no-break space over the name (`<p>&#160;<br><em>P.P.</em></p>`, to align it with the date) is no line.
  const sigLines = lines(sig).map(textOf).filter((l) => l !== '');
  const dateLines = lines(date).map(textOf).filter((l) => l !== '');
  const sigText = sigLines.join(' ');
  return sigLines.length === 1 && sigText.length <= 40 && (isSetApartName(lines(sig).find((l) => textOf(l) !== '') ?? sig) || isSignatureUnderDate(sigText)) && dateLines.length >= 1 && dateLines.length <= 2 && isPlaceDateLine(dateLines[dateLines.length - 1]!);
}

/**
 * The text's last block is one paragraph of two lines, a place-date line over a signature
 * ("Berlin-Lichterfelde, April 1919" / "Julian Borchardt", a template's table cell with a
 * `<br>`): where, when and by whom the text was signed, as page text reads the two lines.
 * A date over a sentence, or a name under a line that is no place-date, is not one.
 */
function isPlaceDateOverSignature(e: BodyEntry): boolean {
  const children = closingChildren(e.block);
  if (!children) return false;
  const ls = lines(children).filter((l) => textOf(l) !== '');
  if (ls.length !== 2) return false;
  const sig = textOf(ls[1]!);
  return isPlaceDateLine(textOf(ls[0]!)) && sig.length <= 40 && (isSetApartName(ls[1]!) || isSignatureUnderDate(sig));
}

function readCloser(entries: BodyEntry[]): { closer?: Closer; used: number } {
  let start = entries.length;
  const signedDate = isDatedSignature(entries);
  const dated = !signedDate && start > 1 && (isClosingDateBlock(entries[start - 1]!) || isPlaceDateOverSignature(entries[start - 1]!));
  if (dated) start--;
  if (signedDate) start -= 2;
  while (start > 0 && isCloserCandidate(entries[start - 1]!)) start--;
  const tail = entries.slice(start);
  const marked = dated || signedDate || tail.some((e) => hasAny(e, LETTER_CLASSES.closer) || (e.block.kind === 'p' && VALEDICTION.test(textOf(e.block.children))));
  if (!tail.length || !marked) return { used: 0 };
  const salute: Inline[][] = [];
  const signed: Inline[][] = [];
  const dateline: Inline[][] = [];
  for (const e of tail) {
    const children = (e === entries[entries.length - 1] && dated) || (signedDate && entries.indexOf(e) >= entries.length - 2) ? closingChildren(e.block) : e.block.kind === 'p' ? e.block.children : undefined;
    if (!children) continue;
    for (const line of lines(children)) {
      const t = textOf(line);
      if (t === '') continue;
      if (hasClass(e, 'placedate') || isDateline(t)) dateline.push(line);
      else if (VALEDICTION.test(t) && signed.length === 0) salute.push(line);
      else signed.push(line);
    }
  }
  const pos = tail[0]!.block.pos;
  const closer: Closer = { pos };
  if (salute.length) closer.salute = joinLines(salute, pos);
  if (signed.length) closer.signed = joinLines(signed, pos);
  if (dateline.length) closer.dateline = joinLines(dateline, pos);
  return { closer, used: tail.length };
}

/**
 * In a letter, a closing block that is not the last (the signature over the place-date line,
 * "Your A. Joffe. / Moscow, November 16th, 1927") in the second half of the text: what
 * follows it is a postscript, though it opens with no "P.S.". Returns where the postscript
 * starts, or -1.
 */
function postscriptAfterClosing(entries: readonly BodyEntry[]): number {
  for (let c = entries.length - 2; c >= 1 && c >= entries.length / 2; c--) {
    const children = closingChildren(entries[c]!.block);
    if (children && lines(children).length >= 2 && isClosingDateBlock(entries[c]!)) return c + 1;
  }
  return -1;
}

/** The opener at the top and the closer at the bottom of a text whose blocks have their inlines. */
export function shapeLetter(all: BodyEntry[]): Shaped {
  // A page break or an image printed before the salutation stays in the text, ahead of the letter's first paragraph.
  let lead = 0;
  while (all[lead]?.block.kind === 'pb' || all[lead]?.block.kind === 'figure') lead++;
  const entries = all.slice(lead);
  const { opener, used, letter, addressee } = readOpener(entries);
  const all_ = [...all.slice(0, lead), ...entries.slice(used)];
  // "P.S. …" after the signature: the closer is read before it, the postscript is the rest.
  let ps = postscriptStart(all_, (e) => (e.block.kind === 'p' && mayOpenPostscript(e.block.children) ? textOf(e.block.children) : undefined));
  if (ps < 0 && letter) ps = postscriptAfterClosing(all_);
  const withImages = ps > 0 ? all_.slice(0, ps) : all_;
  // Images printed under the signature (a page of the manuscript) without a caption: the closer is read above them, and they
  // stand before it (a figure without a caption has no words whose order could change).
  let images = withImages.length;
  while (images > 0 && withImages[images - 1]!.block.kind === 'figure' && !(withImages[images - 1]!.block as Extract<Block, { kind: 'figure' }>).head) images--;
  const rest = withImages.slice(0, images);
  const { closer, used: tailUsed } = rest.length > 1 ? readCloser(rest) : { used: 0 };
  const postscript = ps > 0 && closer ? all_.slice(ps).map((e) => e.block) : undefined;
  const trailing = withImages.slice(images);
  const blocks = [...rest.slice(0, rest.length - tailUsed), ...trailing, ...(ps > 0 && !closer ? all_.slice(ps) : [])].map((e) => e.block);
  const shaped: Shaped = { blocks, letter };
  if (addressee) shaped.addressee = addressee;
  if (opener) shaped.opener = opener;
  if (closer) shaped.closer = closer;
  if (postscript) shaped.postscript = postscript;
  return shaped;
}

/**
 * Shapes of the lines that frame a letter in MIA/LIA page text: the place-date line, the
 * salutation, the closing salute and the signature. Each test looks at one squashed line
 * and is deliberately conservative: a false "letter" is worse than a missed one, because
 * the words stay in the text either way.
 */
import { plainText, squash } from '../model/walk.js';
import type { Inline } from '../model/edition.js';

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|' +
  'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const MONTH_DAY = new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b`, 'i');
const MONTH_YEAR = new RegExp(`\\b(?:${MONTHS})\\.?,?\\s+\\d{4}\\b`, 'i');
const NUMERIC_DATE = /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/;

/** A line that opens with the date itself: a month name or a day number. */
const DATE_FIRST = new RegExp(`^(?:(?:${MONTHS})\\.?\\s|\\d{1,2}(?:st|nd|rd|th)?[\\s./-])`, 'i');

const words = (line: string): string[] => line.split(' ').filter((w) => w !== '');

/**
 * "Moscow, May 1, 1921", "Zurich, 12 November 1914", "London, March 18-28, 1875",
 * "May 1, 1921": a short line that is a date, optionally after a place and a comma.
 * "Last updated on 3 March 2022" is not one: what comes before the date must be a place
 * (capitalised words ending in a comma), not a phrase.
 */
export function isPlaceDateLine(line: string): boolean {
  if (line.length > 60 || words(line).length > 8) return false;
  if (!(MONTH_DAY.test(line) || MONTH_YEAR.test(line) || NUMERIC_DATE.test(line))) return false;
  if (DATE_FIRST.test(line)) return true;
  const comma = line.indexOf(',');
  if (comma < 1) return false;
  const place = words(line.slice(0, comma));
  return place.length <= 4 && place.every((w) => /^[\p{Lu}]/u.test(w) || /^(?:am|an|on|de|la|le|sur|upon)$/.test(w)) && DATE_FIRST.test(line.slice(comma + 1).trim());
}

/**
 * "London" over "October 8, 1885": a place-date line printed on two lines, the place (no
 * digit; a comma after it or not) on the first, the date on the second; read as the one
 * line "London, October 8, 1885" is.
 */
export function isPlaceOverDate(place: string, date: string): boolean {
  const p = place.replace(/,\s*$/, '').trim();
  return p !== '' && !/\d/.test(p) && DATE_FIRST.test(date) && isPlaceDateLine(`${p}, ${date}`);
}

/**
 * "London, on the 20th anniversary" / "of the Paris Commune, March 18, 1891.": a place-date
 * line printed over two or three short lines, as a text is signed at its end. The first line
 * opens with a place and a comma, the last ends in a full date (month and year, "March 18,
 * 1891."); no line before the last ends a sentence, and the last is not a place-date line
 * by itself ("Yours, N. Lenin" / "Gorki, October 3, 1922"). A sentence that ends in a date ("The
 * Commune fell" / "on May 28, 1871.") does not open with a place and a comma.
 */
export function isPlaceDateOverLines(lines: readonly string[]): boolean {
  if (lines.length < 2 || lines.length > 3 || lines.some((l) => l.length > 60 || l === '')) return false;
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  if (!/^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,2}, \S/u.test(first) || MONTH_DAY.test(first) || MONTH_YEAR.test(first)) return false;
  if (lines.slice(0, -1).some((l) => /[.!?;:]$/.test(l))) return false;
  // "Yours, N. Lenin" over "Gorki, October 3, 1922": the last line is the whole place-date line, the closing is above it.
  if ((isPlaceDateLine(last) && !DATE_FIRST.test(last)) || isClosingSaluteLine(first)) return false;
  return (MONTH_DAY.test(last) || MONTH_YEAR.test(last)) && /\b(?:1[5-9]\d\d|20\d\d)\.?$/.test(last);
}

/**
 * "Folkestone, near Dover", "Moscow", "London, W.": a place alone on its line, the line a
 * place-date's date may stand under. Capitalised words (a "near", "bei", "upon" between
 * them), commas inside, no sentence's or salutation's end; at most five words.
 */
export function isPlaceLine(line: string): boolean {
  // The length first: a paragraph is not split into words only to be found too long.
  if (line.length > 40) return false;
  const w = words(line);
  if (w.length === 0 || w.length > 5 || /[.!?:;,]$/.test(line.replace(/(?:^|\s)\p{Lu}\.$/u, '')) || isSalutationLine(line)) return false;
  if (MONTH_DAY.test(line) || MONTH_YEAR.test(line) || /\d/.test(line)) return false;
  return /^\p{Lu}/u.test(w[0]!) && w.every((x) => /^\p{Lu}[\p{L}'’.-]*,?$/u.test(x) || /^(?:near|bei|am|an|on|upon|sur|de|la|le|near,)$/.test(x));
}

/** "Dear Comrade,", "Comrades!", "Dear Comrade Gorky:", "Werter Genosse!" */
export function isSalutationLine(line: string): boolean {
  if (line.length > 60) return false;
  const w = words(line);
  if (w.length === 0 || w.length > 6) return false;
  // "Dear Bebel" stands alone on its line, with or without a comma.
  if (/^(?:my\s+)?dear(?:est)?\s+\p{Lu}/iu.test(line) && !/[.?]$/.test(line)) return true;
  if (!/[,!:]$/.test(line)) return false;
  if (/^(?:my\s+)?dear\b/i.test(line)) return true;
  // Without "Dear", every word must be capitalised (a form of address, not a clause).
  return w.every((x) => /^[\p{Lu}]/u.test(x) || /^(?:and|of|the|und|et)$/.test(x));
}

/**
 * "(To the Members of the Labor Committee)", "To the Central Committee:": a line naming whom
 * a letter is addressed to, printed above its salutation. One short line, "To" (or "An", "À")
 * and a capitalised name, in parentheses or not.
 */
export function isAddresseeLine(line: string): boolean {
  if (line.length > 80 || words(line).length > 12) return false;
  return /^\(?(?:[Tt]o|[Aa]n|[àÀ])\s+(?:the\s+|all\s+)?\p{Lu}[^.!?]*?\)?[.:]?$/u.test(line) && (line.startsWith('(') === line.replace(/[.:]$/, '').endsWith(')'));
}

/**
 * "Your A. Joffe.", "Yours N. Lenin", "Ever yours, Fred": the valediction and the signature on
 * one line, no comma needed: "Your" or "Yours" and then a name of capitalised words or initials.
 */
export function isSignedValediction(line: string): boolean {
  if (line.length > 50) return false;
  return /^(?:(?:[Ee]ver|[Aa]lways)\s+)?[Yy]ours?,?\s+(?:\p{Lu}[\p{L}'’-]*\.?\s*){1,4}$/u.test(line);
}

/** "Yours,", "With communist greetings,", "Fraternally yours". */
export function isClosingSaluteLine(line: string): boolean {
  if (line.length > 60) return false;
  const w = words(line);
  if (w.length === 0 || w.length > 8) return false;
  if (/\b(?:yours|greetings|regards|fraternally|sincerely|salutations|gruss|grüssen|grüßen|salut)\b/i.test(line)) return true;
  return false;
}

/**
 * "N. Lenin", "V. Ulyanov", "Lenin", "The Central Committee": a short run of capitalised
 * words or initials, without a sentence's final punctuation.
 */
export function isSignatureLine(line: string): boolean {
  if (line.length > 50) return false;
  const w = words(line);
  if (w.length === 0 || w.length > 6) return false;
  if (/[,;:!?]$/.test(line)) return false;
  if (/\.$/.test(line) && !/(?:^|\s)\p{Lu}\.$/u.test(line)) return false;
  return w.every((x) => /^[\p{Lu}(]/u.test(x) || /^(?:of|the|and|von|de|du|der)$/.test(x));
}

/**
 * A signature under a place-date line at the end of a text: a signature line, or initials
 * alone ("P.P.", "J.A.H.", which `isSignatureLine` leaves: above a title they are no author line).
 */
export const isSignatureUnderDate = (line: string): boolean => isSignatureLine(line) || /^(?:\p{Lu}\.){1,4}$/u.test(line);

/** A row of a table of line openings: its pattern, and why a line that opens so is what the row says. */
export interface OpeningRule {
  name: string;
  pattern: RegExp;
  why: string;
}

/**
 * How a letter's postscript opens, after the signature: "P.S.", "P.P.S.", "PS:", "Postscript",
 * "Post-scriptum", "Nachschrift". Letters in capitals only ("P.S." is not "p.s." in a sentence),
 * and the label must end where a word would ("P. Struve", "Psychology", "Postscripts" do not open one).
 */
export const POSTSCRIPT: readonly OpeningRule[] = [
  { name: 'P.S.', pattern: /^(?:P\.?[ \u00a0]?){1,2}S\.?(?=$|[\s\u00a0:,;—–-])/u, why: '"P.S.", "P.P.S.", "PS:" open a postscript' },
  { name: 'postscript', pattern: /^(?:postscript|post[- ]?scriptum|nachschrift)(?![\p{L}\d])/iu, why: '"Postscript", "Post-scriptum", "Nachschrift" name a postscript' },
];

/** The postscript row a line opens with, if any (white space squashed first). */
export function postscriptOpening(line: string): OpeningRule | undefined {
  // Every part of a letter's text is asked, so only its opening is looked at: the rows match
  // at the start and need a few characters (squashing a whole paragraph was ~9% of reading).
  const head = line.trimStart().slice(0, 200);
  if (!/^[PpNn]/.test(head)) return undefined;
  const squashed = squash(head);
  return POSTSCRIPT.find((r) => r.pattern.test(squashed));
}

/** How much of a part's opening `mayOpenPostscript` builds to find its first printed character. */
const POSTSCRIPT_LOOK = 32;

/**
 * False when a run of inlines cannot open a postscript: its first printed character is not
 * one a POSTSCRIPT row opens with ("P", "N"). Every part of a letter's text is asked, so this
 * looks at a short opening only, before a caller builds and squashes the part's words.
 */
export function mayOpenPostscript(list: readonly Inline[]): boolean {
  const head = plainText(list, { upTo: POSTSCRIPT_LOOK }).trimStart();
  // An opening of white space only: the first character is further on (asked in full).
  if (head === '') return true;
  const c = head.charCodeAt(0);
  return c === 0x50 || c === 0x70 || c === 0x4e || c === 0x6e;
}

/**
 * Where a letter's postscript starts among its parts after the first: the first part that
 * opens as a postscript; -1 when none does. The frame takes it only when a closer (the
 * signature) stands right before it.
 */
export function postscriptStart<T>(parts: readonly T[], text: (part: T) => string | undefined): number {
  for (let k = 1; k < parts.length; k++) {
    const t = text(parts[k]!);
    if (t !== undefined && postscriptOpening(t)) return k;
  }
  return -1;
}

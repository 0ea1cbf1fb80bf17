/**
 * A title printed over two or more lines whose last line is a date ("Speech to Comintern
 * Executive Committee on French Question" / "June 16, 1921", an HTML heading with `<br>` or a
 * browser copy's two lines): the date dates the text, it is not the title's. The layout
 * engine (page text) and the HTML reader take it off the title and keep it where it is
 * printed, as a date line between the title and the text (`argument`), whence the header's
 * date of writing.
 */
import { isCollectionLine, isDateLine } from './rules.js';

const squash = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * Whether the title's printed `lines` end in a date line: a month and a year ("June 16,
 * 1921", "May, 1871"), under lines that are no date and no collection line ("Marx-Engels
 * Correspondence" over "1873" names a year's volume).
 */
export function titleEndsInDate(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const last = squash(lines[lines.length - 1]!);
  const above = lines.slice(0, -1).map(squash);
  return isDateLine(last) && /\p{L}/u.test(last) && !above.some((l) => isDateLine(l) || /^\d/.test(l)) && !isCollectionLine(above[0]!);
}

/** The navigation footer of LIA/MIA pages, which is page furniture, not text. */
import { squashShort } from './blocks.js';

/**
 * Navigation lines of the page footer: "< backward   forward >" (a line opening with "<"
 * or closing with ">") and index bars of short segments between "|".
 */
export function isNavigationLine(raw: string): boolean {
  // An arrow ("<", ">") or a bar ("|") is in every navigation line: a line with none is text, not squashed.
  if (!raw.includes('|') && !raw.includes('<') && !raw.includes('>')) return false;
  const s = squashShort(raw, 400);
  if (s.length === 0 || s.length > 160) return false;
  // "<word>" without spaces is a tag or an autolink in the text, not an arrow.
  if (/^<\s*\p{L}/u.test(s) || /\p{L}\s*>$/u.test(s)) return s.split(' ').length <= 8 && !/<[^\s<>]+>/.test(s);
  const parts = s.split('|').map((x) => x.trim());
  return parts.length >= 2 && parts.every((x) => x.length <= 40 && x.split(' ').length <= 5 && !/[,;:!?]$/.test(x));
}


/**
 * Furniture that a block's syntax shows rather than its words: an HTML class the MIA
 * templates give their navigation ("footer", "toplink" …), or a short line that is nothing
 * but links and names a navigation target ("Works Index | Letters | Home"). The words-only
 * rows are in `rules.ts` (FURNITURE); these rows read the block's hints (`blocks.ts`), so
 * any reader that sets the hints gets them.
 */
import type { BlockHints } from './blocks.js';
import { isSerialRemark } from './rules.js';
import { squash } from '../model/walk.js';

export interface HintRule {
  name: string;
  why: string;
}

/** Class names of navigation furniture in the three eras of the MIA templates. */
export const FURNITURE_CLASSES: ReadonlySet<string> = new Set(['footer', 'toplink', 'link', 'skip', 'margin-bottom', 't2h-foot', 'next', 'prev', 'previous', 'nav', 'navigation', 'index']);

/** HTML5 elements that hold a page's navigation, never its text ("<footer>", "<nav>"). */
export const FURNITURE_TAGS: ReadonlySet<string> = new Set(['footer', 'nav']);

/** Words a navigation link names. */
export const NAV_WORDS = /\b(index|archive|backward|forward|top of (the )?page|contents|collected works|next|previous|letters|home)\b/i;

/** Navigation lines are short; longer blocks are text even when they link a lot. */
export const NAV_MAX = 300;

export const HINT_FURNITURE: readonly HintRule[] = [
  { name: 'furniture class', why: 'a class the page template gives its navigation ("footer", "toplink", "next" …)' },
  { name: 'navigation links', why: 'a short block of nothing but links, naming an index, archive, contents, next or previous page' },
  { name: 'template footer table', why: 'a layout table that holds the page template\'s footer ("footer", "t2h-foot" inside it)' },
  { name: 'navigation element', why: 'an HTML5 element that holds navigation, never text ("<footer>", "<nav>")' },
  { name: 'bar of links', why: 'a short block of nothing but links, three or more between "|": the page\'s other versions or neighbours ("Deutsch | 1938 translation | …")' },
];

/** Three to thirteen short segments between " | " (the `link bar` shape of the FURNITURE table, by words). */
const LINK_BAR = /^[^|]{1,60}(?:\s\|\s[^|]{1,60}){2,12}$/;

/** Classes of the template's footer that make a whole layout table around them furniture. */
export const FOOTER_INNER_CLASSES: ReadonlySet<string> = new Set(['footer', 't2h-foot']);

/**
 * The hint row that makes a block furniture, if any. `text` is the block's words, squashed;
 * `linksOnly` may be a getter (it is read last: finding the links costs most).
 */
export function furnitureByHints(text: string, hints: Pick<BlockHints, 'classes' | 'linksOnly' | 'innerClasses' | 'element'>): HintRule | undefined {
  if (hints.classes?.some((c) => FURNITURE_CLASSES.has(c))) return HINT_FURNITURE[0];
  if (hints.element !== undefined && FURNITURE_TAGS.has(hints.element)) return HINT_FURNITURE[3];
  if (hints.innerClasses?.some((c) => FOOTER_INNER_CLASSES.has(c))) return HINT_FURNITURE[2];
  // "[Continued in next issue]" linked to the next part is the periodical's remark, printed text.
  if (text.length <= NAV_MAX && NAV_WORDS.test(text) && !isSerialRemark(text) && hints.linksOnly === true) return HINT_FURNITURE[1];
  if (text.length <= NAV_MAX && LINK_BAR.test(squash(text)) && hints.linksOnly === true) return HINT_FURNITURE[4];
  return undefined;
}

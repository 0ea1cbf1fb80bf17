/**
 * Line shapes the engine reads a marked-up stream by (`marked.ts`), as data: one row per
 * shape, each tested with lines it must take and lines it must leave
 * (tests/layout/shapes.test.ts). Like the rows of `rules.ts` they look at one squashed line
 * of words, whatever the syntax around them; they stand apart because only the marked-up
 * reading uses them yet (page text reads author lines and closers by `rules.ts` and
 * `letter.ts`), so a row moved into those tables helps both readings.
 */
import type { LineRule } from './rules.js';

/** A name part: a capitalised word or initials, or a particle ("de", "von"). */
const PART = String.raw`(?:[A-Z][\p{L}'’.-]*|de|von|van|la|le|du)`;

/** The most parts a name has ("Vladimir Ilyich Ulyanov", at most five): at most this many less one spaces. */
export const NAME_PARTS_MAX = 5;

export const SHAPES = {
  /** One to five capitalised words: a person's name, or a surname alone ("Plekhanov 1899"). */
  name: { name: 'name or surname', pattern: new RegExp(`^${PART}(?:\\s+${PART}){0,${NAME_PARTS_MAX - 1}}$`, 'u'), where: 'top', why: 'a name above the title: the author line' },
  /** A name and a year above the title; the `name` group is the name. */
  nameAndYear: { name: 'name and year', pattern: /^(?<name>.{3,60}?)\s+(?:1[5-9][0-9]{2}|20[0-9]{2})$/, where: 'top', why: '"Nikolai Bukharin 1922" above the title: the author, and the year of the collection' },
  /** A word that names a collection, never a person. */
  collection: { name: 'collection word', pattern: /\b(?:correspondence|works|collected|letters|writings|archive|selected|volume|chapter|index)\b/i, where: 'top', why: 'names a collection ("Selected Works 1922"), not an author' },
  /** A publication line after the signature: kept as a publication note of the closer. */
  publication: { name: 'publication line', pattern: /^(?:first\s+)?(?:published|printed|written|reprinted)\b/i, where: 'bottom', why: '"Published in leaflet form in March 1912" under the signature' },
  /** A signature in capitals: "THE CENTRAL COMMITTEE", "J. STALIN". */
  capitals: { name: 'signature in capitals', pattern: /^(?=.*[A-Z]{2})[A-Z][A-Z .,'’-]{1,59}$/, where: 'bottom', why: 'a short line in capitals at the end of the text: the signature' },
} as const satisfies Record<string, LineRule>;

export const SHAPE_ROWS: readonly LineRule[] = Object.values(SHAPES);

/** A person's name or a surname alone, not a collection. */
export const isNameOrSurname = (s: string): boolean => SHAPES.name.pattern.test(s) && !SHAPES.collection.pattern.test(s);

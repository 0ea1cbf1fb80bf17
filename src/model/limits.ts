/**
 * Limits on what one input may ask of the converter, so a hostile or broken file gets a
 * clear error instead of exhausting the stack or the memory. Users can raise them
 * (`--max-depth`, `--max-anchors`); the defaults are far above any real transcription.
 */
export interface Limits {
  /** How deep markup may nest in the edition model (inline in inline, quote in quote). */
  depth: number;
  /** How many note anchors one document may have. */
  anchors: number;
  /**
   * How many elements (nodes of the edition model, and elements of an HTML page's DOM) one
   * document may have. Memory follows elements, not bytes: every element is held as model
   * node, TEI element, DOM node while writing and libxml2 node while validating, about 3–4 KB
   * at the peak, so this bounds a document's memory whatever its size.
   */
  elements: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  // Real pages nest a handful of levels; the whole pipeline (ajv, writer, libxml2) is
  // checked to handle this depth with room to spare on the smallest (main-thread) stack.
  depth: 100,
  // The largest real documents have a few thousand notes.
  anchors: 100_000,
  // The largest real pages (a whole book on one page) have a few tens of thousands; at about
  // 4 KB per element at the peak this keeps one document under about half a gigabyte.
  elements: 100_000,
};

/**
 * Thrown from inside a stage that cannot report and stop on its own (the HTML parser's tree
 * building); `convert()` turns it into its diagnostic. Carries the input position.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly code: 'input-too-many-elements' | 'input-too-deep' | 'input-too-many-anchors',
    message: string,
    readonly pos: { line: number; column: number } | undefined,
  ) {
    super(message);
  }
}

/** The message for a document beyond `--max-elements`. */
export const tooManyElements = (limit: number, where: string): string =>
  `the ${where} has more than ${limit} elements (--max-elements ${limit}); the file was not converted`;

/** The message for a document beyond `--max-anchors`. */
export const tooManyAnchors = (limit: number): string =>
  `the text has more than ${limit} note anchors (--max-anchors ${limit}); the file was not converted`;

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
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  // Real pages nest a handful of levels; the whole pipeline (ajv, writer, libxml2) is
  // checked to handle this depth with room to spare on the smallest (main-thread) stack.
  depth: 100,
  // The largest real documents have a few thousand notes.
  anchors: 100_000,
};

/**
 * The contract every input profile implements. A reader turns the text of one
 * transcription into the edition model, reporting what it could not place; it does not
 * link notes or encode emendations (that is `transforms/`), so readers stay about syntax.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition } from '../model/edition.js';
import type { Limits } from '../model/limits.js';

export interface ReaderContext {
  /** The path shown in diagnostics. */
  file: string;
  diagnostics: Diagnostics;
  /** The document's limits, for a reader that must stop early (the HTML tree's elements). */
  limits?: Limits;
}

export interface Reader {
  /** The profile name, as given to `--profile`. */
  name: string;
  /** One line for `--help` and the README. */
  description: string;
  /**
   * The markup family of the source, so the fidelity check knows what is syntax and what
   * is text: `html` (tags, entities), `markdown` (emphasis marks, link targets, attributes,
   * front matter keys) or `text` (everything is text).
   */
  markup: 'html' | 'markdown' | 'text';
  /**
   * How sure the reader is that `text` is in its house style, from 0 (not at all) to 1.
   * Detection looks at the content, never at the file name.
   */
  detect(text: string): number;
  /** Reads normalised text (LF line ends, no BOM) into an edition. */
  read(text: string, ctx: ReaderContext): Edition;
}

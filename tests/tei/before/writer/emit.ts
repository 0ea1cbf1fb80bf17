// The TEI writer as it was before session 9's allocation work (src/tei/emit.ts at 5352320, verbatim but for
// import paths): the reference tests/tei/writer-before.test.ts holds the new writer to.
/**
 * Where the TEI writer's markup goes: a `Sink` receives start tags, text and end tags in
 * document order and makes them XML. `StringSink` is the writer's own: it writes the text
 * of the document straight away, without building a tree (xmlbuilder2's DOM cost ~70% of
 * the writer's time). The tests hold a second sink that builds the same calls into
 * xmlbuilder2's DOM and serialises it with xmlbuilder2: both must give the same bytes
 * (tests/tei/emitter.test.ts), so the escaping here is xmlbuilder2's, byte for byte.
 */

/** Attributes in the order they are written; undefined values are left out. */
export type Attrs = ReadonlyArray<readonly [string, string | number | undefined]>;

export interface Sink {
  /** `<name` and its attributes (the start tag is finished by `endStart` or `endEmpty`). */
  startTag(name: string, attrs: Attrs): void;
  /** The element just started gets content: its start tag ends (`>`). */
  endStart(): void;
  /** The element just started ends with no content (`/>`). */
  endEmpty(): void;
  /** Text content, written exactly (escaped); never empty. */
  text(value: string): void;
  /** The end tag of the innermost open element. */
  endTag(name: string): void;
  /** The document written: every element was ended. */
  finish(): string;
}

const TEXT_SPECIAL = /[&<>]/;
const TEXT_SPECIALS = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"]/;
const ATTR_SPECIALS = /[&<>"]/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const entity = (c: string): string => ENTITY[c]!;

/**
 * Text as xmlbuilder2 4 serialises a text node whose every `&` is literal: `&`, `<` and `>`
 * escaped, nothing else (a line break or tab is written as it is).
 */
export const escapeText = (value: string): string => (TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIALS, entity) : value);

/** An attribute value as xmlbuilder2 4 serialises it: `&`, `<`, `>` and `"` escaped. */
export const escapeAttribute = (value: string): string => (ATTR_SPECIAL.test(value) ? value.replace(ATTR_SPECIALS, entity) : value);

/**
 * Pieces joined into one flat string every so often: the document is built once, in
 * one pass, and a large one is never held as millions of small strings or a deep rope.
 */
const PIECES = 2048;

/** The writer's sink: XML text, built once. */
export class StringSink implements Sink {
  private readonly pieces: string[] = [];
  private readonly chunks: string[] = [];
  /** The text written since the last piece was pushed (short concatenations are cheap). */
  private current = '';

  /** `prolog` goes before the root element, `epilog` after it. */
  constructor(
    prolog: string,
    private readonly epilog = '',
  ) {
    this.current = prolog;
  }

  private push(): void {
    if (this.pieces.push(this.current) >= PIECES) {
      this.chunks.push(this.pieces.join(''));
      this.pieces.length = 0;
    }
    this.current = '';
  }

  startTag(name: string, attrs: Attrs): void {
    let tag = this.current + '<' + name;
    for (let i = 0; i < attrs.length; i++) {
      const [key, value] = attrs[i]!;
      if (value !== undefined) tag += ' ' + key + '="' + escapeAttribute(typeof value === 'string' ? value : String(value)) + '"';
    }
    this.current = tag;
    if (tag.length > 256) this.push();
  }

  endStart(): void {
    this.current += '>';
  }

  endEmpty(): void {
    this.current += '/>';
  }

  text(value: string): void {
    const escaped = escapeText(value);
    if (escaped.length > 256) {
      this.push();
      this.current = escaped;
      this.push();
    } else {
      this.current += escaped;
      if (this.current.length > 256) this.push();
    }
  }

  endTag(name: string): void {
    this.current += '</' + name + '>';
    if (this.current.length > 256) this.push();
  }

  finish(): string {
    this.current += this.epilog;
    this.push();
    this.chunks.push(this.pieces.join(''));
    this.pieces.length = 0;
    const whole = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks.length = 0;
    return whole;
  }
}

/**
 * Where the TEI writer's markup goes: a `Sink` receives start tags, attributes, text and end
 * tags in document order and makes them XML. `StringSink` is the writer's own: it writes the
 * text of the document straight away, without building a tree (xmlbuilder2's DOM cost ~70%
 * of the writer's time). The tests hold a second sink that builds the same calls into
 * xmlbuilder2's DOM and serialises it with xmlbuilder2: both must give the same bytes
 * (tests/tei/emitter.test.ts), so the escaping here is xmlbuilder2's, byte for byte.
 */

/** Attributes in the order they are written; undefined values are left out. */
export type Attrs = ReadonlyArray<readonly [string, string | number | undefined]>;

export interface Sink {
  /** `<name` (the start tag gets its attributes, then is finished by `endStart` or `endEmpty`). */
  startTag(name: string): void;
  /** An attribute of the element just started (before `endStart` or `endEmpty`). */
  attribute(key: string, value: string): void;
  /** The element just started gets content: its start tag ends (`>`). */
  endStart(): void;
  /** The element just started ends with no content (`/>`). */
  endEmpty(): void;
  /** Text content, written exactly (escaped); never empty. */
  text(value: string): void;
  /** White space between elements (a line break and spaces): text with nothing to escape. */
  layout(value: string): void;
  /** The end tag of the innermost open element. */
  endTag(name: string): void;
  /** The document written: every element was ended. */
  finish(): string;
}

// Whether a value holds a character to escape, asked with one indexOf per character (a
// search V8 does with memchr): several times faster than a character-class pattern on the
// long texts the writer writes, most of which hold none.
const holdsTextSpecial = (value: string): boolean => value.indexOf('&') >= 0 || value.indexOf('<') >= 0 || value.indexOf('>') >= 0;

/**
 * Text as xmlbuilder2 4 serialises a text node whose every `&` is literal: `&`, `<` and `>`
 * escaped, nothing else (a line break or tab is written as it is). One `replaceAll` of a
 * string per character (`&` first): no function called per match, as a character class
 * with a replacer did (2–4 times slower on text full of them, 16 MB of `<`: 16 million calls).
 */
export const escapeText = (value: string): string => (holdsTextSpecial(value) ? value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;') : value);

/** An attribute value as xmlbuilder2 4 serialises it: `&`, `<`, `>` and `"` escaped. */
export const escapeAttribute = (value: string): string =>
  holdsTextSpecial(value) || value.indexOf('"') >= 0 ? escapeText(value).replaceAll('"', '&quot;') : value;

/**
 * Pieces joined into one flat string at a time: a large document is never held as millions
 * of small strings, and the array of pieces keeps its size from one document to the next.
 */
const PIECES = 4096;

/** Characters of a long text or attribute value escaped at a time (see `putEscapedInParts`). */
export const ESCAPE_PART = 1 << 16;

/** A name's tags, made once per name (the writer's names are a small fixed set). */
interface Tags {
  /** `<name`: a start tag that takes attributes. */
  start: string;
  /** `<name>`: a start tag without attributes, finished. */
  open: string;
  /** `<name/>`: an empty element without attributes. */
  empty: string;
  /** `</name>`. */
  end: string;
}
const TAGS = new Map<string, Tags>();
function tagsOf(name: string): Tags {
  let tags = TAGS.get(name);
  if (tags === undefined) TAGS.set(name, (tags = { start: '<' + name, open: '<' + name + '>', empty: '<' + name + '/>', end: '</' + name + '>' }));
  return tags;
}
/** ` key="`, made once per attribute name. */
const ATTRIBUTE = new Map<string, string>();
function attributeOf(key: string): string {
  let open = ATTRIBUTE.get(key);
  if (open === undefined) ATTRIBUTE.set(key, (open = ' ' + key + '="'));
  return open;
}

/** What the last piece is, when the next may take its place finished (`<p` → `<p>`, `"` → `">`). */
const OTHER = 0;
const START_TAG = 1;
const QUOTE = 2;

/**
 * The writer's sink: XML text, built once. The markup and text go into an array of pieces,
 * each piece a string the writer already has (a name's tag, a model's text, an escaped copy
 * only where something needed escaping), joined once per PIECES: no string is built by
 * concatenation on the way (each `a + b` was a new string object, most of what the writer
 * allocated). One sink can write document after document (`reset`), reusing its array.
 */
export class StringSink implements Sink {
  private readonly pieces: string[] = [];
  /** How many of `pieces` belong to the document being written (the rest are ''). */
  private count = 0;
  private readonly chunks: string[] = [];
  private epilog = '';
  /** What the last piece is (OTHER, START_TAG, QUOTE), and the tags of the element last started. */
  private tail = OTHER;
  private tags: Tags = tagsOf('TEI');

  /** `prolog` goes before the root element, `epilog` after it. */
  constructor(prolog = '', epilog = '') {
    this.reset(prolog, epilog);
  }

  /** Starts a new document (whatever was written before is forgotten). */
  reset(prolog: string, epilog: string): this {
    // A document dropped part way may have left pieces behind.
    if (this.count > 0 || this.chunks.length > 0) this.pieces.fill('');
    this.count = 0;
    this.chunks.length = 0;
    this.epilog = epilog;
    this.tail = OTHER;
    if (prolog !== '') this.put(prolog);
    return this;
  }

  protected put(piece: string): void {
    const at = this.count;
    this.pieces[at] = piece;
    this.count = at + 1;
    this.tail = OTHER;
    if (at + 1 === PIECES) {
      // Every slot is filled: the whole array is this chunk.
      this.chunks.push(this.pieces.join(''));
      this.count = 0;
    }
  }

  startTag(name: string): void {
    const tags = tagsOf(name);
    this.tags = tags;
    this.put(tags.start);
    // (A piece that began a new chunk cannot be taken back.)
    if (this.count > 0) this.tail = START_TAG;
  }

  attribute(key: string, value: string): void {
    this.put(attributeOf(key));
    if (value.length > ESCAPE_PART && (holdsTextSpecial(value) || value.indexOf('"') >= 0)) this.putEscapedInParts(value, escapeAttribute);
    else this.put(escapeAttribute(value));
    this.put('"');
    if (this.count > 0) this.tail = QUOTE;
  }

  // `>` and `/>` finish the last piece where they can (one piece fewer to join: `<p>`, `">`).
  endStart(): void {
    if (this.tail === START_TAG) this.pieces[this.count - 1] = this.tags.open;
    else if (this.tail === QUOTE) this.pieces[this.count - 1] = '">';
    else this.put('>');
    this.tail = OTHER;
  }

  endEmpty(): void {
    if (this.tail === START_TAG) this.pieces[this.count - 1] = this.tags.empty;
    else if (this.tail === QUOTE) this.pieces[this.count - 1] = '"/>';
    else this.put('/>');
    this.tail = OTHER;
  }

  text(value: string): void {
    if (value.length > ESCAPE_PART && holdsTextSpecial(value)) this.putEscapedInParts(value, escapeText);
    else this.put(escapeText(value));
  }

  /**
   * A long value with characters to escape, escaped and put a part at a time: `replace` with
   * a function keeps a record of every match until it builds the result, so one call on 16 MB
   * of `<` held about 700 MB at once (16 million matches); a part's records are a few hundred
   * KB. The characters escaped are ASCII, so a part boundary never splits one (nor changes a byte).
   */
  protected putEscapedInParts(value: string, escape: (part: string) => string): void {
    for (let at = 0; at < value.length; at += ESCAPE_PART) this.put(escape(value.slice(at, at + ESCAPE_PART)));
  }

  layout(value: string): void {
    this.put(value);
  }

  endTag(name: string): void {
    this.put(tagsOf(name).end);
  }

  finish(): string {
    if (this.epilog !== '') this.put(this.epilog);
    const pieces = this.pieces;
    const count = this.count;
    // Slots past this document's pieces are '' already (or hold a previous chunk's, cleared here).
    if (this.chunks.length > 0) pieces.fill('', count);
    const last = pieces.join('');
    // Nothing of this document stays referenced from the sink once it is returned.
    pieces.fill('', 0, this.chunks.length > 0 ? pieces.length : count);
    this.count = 0;
    if (this.chunks.length === 0) return last;
    this.chunks.push(last);
    const whole = this.chunks.join('');
    this.chunks.length = 0;
    return whole;
  }
}

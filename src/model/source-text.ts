/**
 * Where a piece of a model text stands in the source. A text node keeps the line:col of its
 * start; a position inside it cannot be counted from the node's text when the reader changed
 * it (HTML collapses white space — a line end inside a paragraph becomes a space — and
 * decodes references: `&amp;` is one character), so a forbidden character or a broken
 * reference late in such a node was reported past the end of its line, or on a line the input
 * does not have. The source is searched instead, forward from the node's start, for the
 * characters as the source has them.
 */
import type { SourcePos } from './edition.js';

/** How far past a node's start (or its last match) the source is searched, in UTF-16 units: bounds the work of a miss. */
const WINDOW = 1 << 20;

export class SourceText {
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offsets where each line starts (built once, when first asked). */
  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }

  /** The offset of `pos`, or undefined when the source has no such place (a column may be one past the line's end). */
  offsetOf(pos: SourcePos): number | undefined {
    const starts = this.starts();
    if (pos.line < 1 || pos.line > starts.length || pos.column < 1) return undefined;
    const start = starts[pos.line - 1]!;
    const end = pos.line < starts.length ? starts[pos.line]! - 1 : this.text.length;
    return pos.column - 1 <= end - start ? start + pos.column - 1 : undefined;
  }

  /** The line:col of `offset` (1-based; columns in UTF-16 code units). */
  posOf(offset: number): SourcePos {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** Whether `piece` stands in the source at `pos`. */
  has(pos: SourcePos, piece: string): boolean {
    const at = this.offsetOf(pos);
    return at !== undefined && this.text.startsWith(piece, at);
  }

  /**
   * A cursor over the source from a text node's start: finds the node's pieces in order. A
   * start past the end of its line (a node cut from a text whose line ends the reader had
   * made spaces, its place counted over them) is searched from the end of that line.
   */
  from(start: SourcePos): SourceCursor {
    return new SourceCursor(this, this.offsetOf(start) ?? this.endOfLine(start.line), start);
  }

  /** The offset of the end of line `line`, or undefined when the source has no such line. */
  private endOfLine(line: number): number | undefined {
    const starts = this.starts();
    if (line < 1 || line > starts.length) return undefined;
    return line < starts.length ? starts[line]! - 1 : this.text.length;
  }
}

export class SourceCursor {
  constructor(
    private readonly source: SourceText,
    private offset: number | undefined,
    private readonly start: SourcePos,
  ) {}

  /**
   * The place of the next piece: `next(i)` gives the first candidate offset at or after `i`
   * (or -1), `isAt(i)` whether the piece stands there. Past a match the cursor moves on, so
   * the pieces of one node are found in order. When the source has none (or the node's start
   * is not in it), `fallback` if it is a place of the source, else the node's start.
   */
  find(next: (text: string, from: number) => number, isAt: (text: string, at: number) => boolean, fallback: SourcePos): SourcePos {
    const { text } = this.source;
    if (this.offset !== undefined) {
      const limit = this.offset + WINDOW;
      for (let i = next(text, this.offset); i >= 0 && i < limit; i = next(text, i + 1)) {
        if (isAt(text, i)) {
          this.offset = i + 1;
          return this.source.posOf(i);
        }
      }
    }
    return this.source.offsetOf(fallback) !== undefined ? fallback : this.start;
  }
}

/** A numeric character reference (`&#1;`, `&#x1F;`, with or without `;`) at `at` that stands for `codePoint`. */
export function referenceAt(text: string, at: number, codePoint: number): boolean {
  if (text.charCodeAt(at) !== 38 || text.charCodeAt(at + 1) !== 35) return false;
  const m = /^[xX]([0-9A-Fa-f]{1,8})|^([0-9]{1,10})/.exec(text.slice(at + 2, at + 14));
  if (!m) return false;
  return (m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2]!, 10)) === codePoint;
}

/**
 * The place `n` characters into `text`, which starts at `start`: a line end inside it moves to
 * the next line (cutting a label or leading white space off a node must not leave it on the
 * label's line when what follows is on the next).
 */
export function advance(start: SourcePos, text: string, n: number): SourcePos {
  let line = start.line;
  let column = start.column;
  const end = Math.min(n, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    column = 1 - (i + 1);
  }
  return line === start.line ? { line, column: start.column + end } : { line, column: column + end };
}

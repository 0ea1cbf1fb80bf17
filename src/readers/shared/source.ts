/** A normalised source text with a line table, so any offset maps to a 1-based line:column. */
import type { SourcePos } from '../../model/edition.js';

export class Source {
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The 1-based position of `offset` (binary search in the line table: O(log n)). */
  pos(offset: number): SourcePos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /** Offset of the start of 0-based line `i` and of its end (before the LF). */
  lineStart(i: number): number {
    return this.lineStarts[i] ?? this.text.length;
  }
  lineEnd(i: number): number {
    const next = this.lineStarts[i + 1];
    return next === undefined ? this.text.length : next - 1;
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
  line(i: number): string {
    return this.text.slice(this.lineStart(i), this.lineEnd(i));
  }

  private readonly pairs = new Map<string, Map<number, number>>();

  /**
   * For every `open` bracket, the offset of the `close` that balances it (escapes skipped,
   * a blank line ends all open brackets). One linear pass per bracket kind, then lookups:
   * the balance of a bracket depends only on the text after it, so any sub-range can use it.
   */
  matching(open: string, close: string): Map<number, number> {
    const key = open + close;
    let table = this.pairs.get(key);
    if (table) return table;
    table = new Map();
    const stack: number[] = [];
    const t = this.text;
    const esc = (c: string): string => '\\' + c;
    const re = new RegExp(`[\\\\${esc(open)}${esc(close)}\\n]`, 'g');
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const j = m.index;
      const ch = t[j];
      if (ch === '\\') re.lastIndex = j + 2;
      else if (ch === open) stack.push(j);
      else if (ch === close) {
        const o = stack.pop();
        if (o !== undefined) table.set(o, j);
      } else if (t[j + 1] === '\n') stack.length = 0;
    }
    this.pairs.set(key, table);
    return table;
  }
}

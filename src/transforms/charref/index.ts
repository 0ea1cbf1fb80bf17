/**
 * Broken character references: `&8220;` (the `#` of `&#8220;` lost somewhere between the
 * print edition and the web page). The reference is kept as printed and the character it
 * meant is supplied: `choice/sic/corr` with `resp="#teiwright"`.
 *
 * Linear in the text: positions are advanced from the previous match (never recomputed from
 * the start of a node), and each inline list is rebuilt once, not spliced once per match;
 * nested lists are walked with an explicit stack, so deep markup cannot overflow the stack.
 */
import type { Edition, Inline, InlineOf, SourcePos } from '../../model/edition.js';
import type { SourceCursor } from '../../model/source-text.js';
import type { Transform, TransformContext } from '../index.js';
import { quoted, TEIWRIGHT } from '../emendations/record.js';
import { allInlineLists } from '../emendations/scope.js';
import { countElements } from '../../model/check.js';
import { charForReference } from '../../model/charref.js';

export { charForReference };

/** `&` + decimal digits (or `x` + hex digits) + `;` without the `#`. */
const BROKEN_CHARREF = /&(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});/g;

/** Walks forward through one text, turning offsets into line:column without going back. */
class PosCursor {
  private offset = 0;
  private line: number;
  private column: number;
  constructor(private readonly value: string, start: SourcePos) {
    this.line = start.line;
    this.column = start.column;
  }
  /** The position at `offset`, which must not be before the last one asked for. */
  at(offset: number): SourcePos {
    const { value } = this;
    for (let i = this.offset; i < offset && i < value.length; i++) {
      if (value.charCodeAt(i) === 10) {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
    if (offset > this.offset) this.offset = Math.min(offset, value.length);
    return { line: this.line, column: this.column };
  }
}

/** The pieces `node` becomes, or undefined when it holds no broken reference. */
/** One broken reference as printed, the character it stands for and what the repair says. */
interface Repair {
  ref: string;
  char: string;
  description: string;
}

/**
 * The repairs met so far, by reference as printed: a text of a million `&8220;` holds a
 * handful of distinct references, so each gets one set of strings (printed form, character,
 * description shared by its emendations and diagnostics) instead of three new ones per match.
 */
type Repairs = Map<string, Repair | null>;

/**
 * How many more repairs the document may take: each adds two elements to the model (the
 * `choice` and its emendation record). Past it, references are left as printed and one
 * warning says so: the document is converted, never refused for its broken references.
 */
interface Budget {
  /** Counted at the first repair (undefined until then): most documents have none, and counting walks the whole model. */
  left: number | undefined;
  warned: boolean;
  limit: number;
}

function repairOf(printed: string, number: string, repairs: Repairs): Repair | undefined {
  let r = repairs.get(printed);
  if (r === undefined) {
    const char = charForReference(number);
    r = char === undefined ? null : { ref: printed, char, description: `broken character reference ${printed} read as ${quoted(char)} (choice/sic/corr)` };
    repairs.set(printed, r);
  }
  return r ?? undefined;
}

function repairText(node: InlineOf<'text'>, edition: Edition, ctx: TransformContext, repairs: Repairs, budget: Budget): Inline[] | undefined {
  if (!node.text.includes('&')) return undefined;
  const pieces: Inline[] = [];
  const cursor = new PosCursor(node.text, node.pos);
  // Made at the first repair: most texts holding `&` hold no broken reference, and the first cursor builds the source's line table.
  let source: SourceCursor | undefined;
  const piece = (from: number, to: number): void => {
    if (to > from) pieces.push({ kind: 'text', text: node.text.slice(from, to), pos: cursor.at(from) });
  };
  let done = 0;
  for (const m of node.text.matchAll(BROKEN_CHARREF)) {
    const repair = repairOf(m[0], m[1]!, repairs);
    if (repair === undefined) continue; // not a character XML can hold: left as printed text
    const at = m.index;
    // Nothing is changed before the first repair, so the model counted here is the one this transform started from.
    budget.left ??= Number.isFinite(budget.limit) ? Math.floor((budget.limit - countElements(edition)) / 2) : budget.limit;
    if (budget.left <= 0) {
      if (!budget.warned) {
        budget.warned = true;
        // The text before this reference as one piece, so the cursor reaches `at` in order.
        piece(done, at);
        done = at;
        ctx.diagnostics.report('charref-repaired', `too many broken character references: from here on they are left as printed (--max-elements ${budget.limit} bounds the elements of one document)`, cursor.at(at), 'warning');
      }
      break;
    }
    budget.left--;
    const { ref, char, description } = repair;
    piece(done, at);
    const counted = cursor.at(at);
    // Counted over the node's text, the place is wrong where the reader changed the text before it (HTML white space): the source says.
    if (ctx.source) source ??= ctx.source.from(node.pos);
    const pos = source ? source.find((t, i) => t.indexOf(ref, i), (t, i) => t.startsWith(ref, i), counted) : counted;
    pieces.push({
      kind: 'choice', resp: TEIWRIGHT, pos,
      sic: [{ kind: 'text', text: ref, pos }],
      corr: [{ kind: 'text', text: char, pos }],
    });
    done = at + ref.length;
    edition.emendations.push({ kind: 'charref', resp: TEIWRIGHT, description, pos });
    ctx.diagnostics.report('charref-repaired', description, pos);
  }
  if (done === 0) return undefined;
  piece(done, node.text.length);
  return pieces;
}

/**
 * Repairs the running text of `lists` in document order — not inside `sic`, `del`, a `choice`
 * or another emendation, whose words are already accounted for.
 */
function repairLists(lists: Inline[][], edition: Edition, ctx: TransformContext): void {
  const repairs: Repairs = new Map();
  const limit = ctx.limits?.elements ?? Number.POSITIVE_INFINITY;
  const budget: Budget = { left: undefined, warned: false, limit };
  interface Frame { list: Inline[]; index: number; rebuilt: Inline[] | undefined }
  for (const top of lists) {
    const stack: Frame[] = [{ list: top, index: 0, rebuilt: undefined }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.index >= frame.list.length) {
        stack.pop();
        if (frame.rebuilt) {
          frame.list.length = 0;
          for (const n of frame.rebuilt) frame.list.push(n);
        }
        continue;
      }
      const i = frame.index++;
      const node = frame.list[i]!;
      if (node.kind === 'text') {
        const pieces = repairText(node, edition, ctx, repairs, budget);
        if (pieces) {
          frame.rebuilt ??= frame.list.slice(0, i);
          for (const p of pieces) frame.rebuilt.push(p);
          continue;
        }
      }
      frame.rebuilt?.push(node);
      if (node.kind === 'hi' || node.kind === 'link' || node.kind === 'inlineNote') {
        stack.push({ list: node.children, index: 0, rebuilt: undefined });
      }
    }
  }
}

export const charrefTransform: Transform = {
  name: 'charref',
  apply(edition, ctx) {
    repairLists(allInlineLists(edition), edition, ctx);
    // The header's title is plain text: it gets the character; `head` keeps the reference as sic.
    edition.metadata.title = edition.metadata.title.replace(BROKEN_CHARREF, (ref, n: string) => charForReference(n) ?? ref);
  },
};

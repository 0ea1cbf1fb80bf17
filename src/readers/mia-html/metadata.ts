/**
 * The information block of an MIA page (`p.information` with `span.info` labels, or the
 * 2007+ `p.info` with "Label: value" lines) → metadata fields, one per `<br>`-separated line.
 */
import type { MetaField, SourcePos } from '../../model/edition.js';
import { infoLineField, labelledInfoField } from '../../layout/info.js';
import { hasClass, isElement, isText, posOf, squashedText, textStartPos, type Element, type Node } from './dom.js';
import { inlinesOf, tidy, type InlineContext } from './inlines.js';

/** Splits an element's children into printed lines at its `<br>`s. */
function lineGroups(el: Element): Node[][] {
  const groups: Node[][] = [[]];
  for (const c of el.childNodes) {
    if (isElement(c) && c.tagName === 'br') groups.push([]);
    else groups.at(-1)!.push(c);
  }
  return groups.filter((g) => g.some((n) => !(isText(n) && n.value.trim() === '')));
}

function firstPos(nodes: Node[], fallback: SourcePos): SourcePos {
  for (const n of nodes) {
    if (isText(n)) {
      if (n.value.trim() !== '') return textStartPos(n, fallback);
    } else return posOf(n, fallback);
  }
  return fallback;
}

/**
 * The syntax of the block: its printed lines (at `<br>`), a label set apart by markup; the
 * layout engine reads each line's label and value (`layout/info.ts`).
 */
export function readFieldLines(el: Element, pos: SourcePos, ictx: InlineContext): MetaField[] {
  const fields: MetaField[] = [];
  for (const group of lineGroups(el)) {
    const linePos = firstPos(group, pos);
    const first = group.find((n) => !(isText(n) && n.value.trim() === ''));
    // `<span class="info">Source:</span>`, `<span class="info">Source</span>:`, `<strong>Source:</strong>`.
    // `<strong>Transcribed</strong>: by …`: the colon right after the bold label.
    const afterFirst = first ? group[group.indexOf(first) + 1] : undefined;
    const colonAfter = afterFirst !== undefined && isText(afterFirst) && /^\s*:/.test(afterFirst.value);
    if (first && isElement(first) && (hasClass(first, 'info') || (['strong', 'b'].includes(first.tagName) && (/:\s*$/.test(squashedText(first)) || (colonAfter && /^[\p{L} /&-]{2,40}$/u.test(squashedText(first).trim())))))) {
      const value = tidy(inlinesOf(group.slice(group.indexOf(first) + 1), ictx, linePos));
      fields.push(labelledInfoField(squashedText(first), value, posOf(first, linePos)));
      continue;
    }
    fields.push(infoLineField(tidy(inlinesOf(group, ictx, linePos)), linePos));
  }
  return fields;
}

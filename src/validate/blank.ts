/**
 * The document's text with some elements and attributes blanked out: every character of
 * theirs but line breaks becomes a space, so the rest keeps its line, column and offset.
 * Used to run libxml2 again past the faults it already reported (explain.ts, repairsOf).
 */
import type { AttrRecord, ElementRecord } from './scan.js';
import type { SourcePos } from '../model/edition.js';

const offsetOf = (lineStarts: readonly number[], pos: SourcePos): number => lineStarts[pos.line - 1]! + pos.column - 1;

/** Offset just past the element whose start tag begins at `start` (its end tag, or its empty tag's ">"). */
export function elementEnd(text: string, start: number): number {
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1] === undefined) continue;
    if (m[1] === '/') depth--;
    else if (m[2] !== '/') depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  return text.length;
}

/** Offset just past an attribute (`name = "value"`) that begins at `start`. */
function attributeEnd(text: string, start: number): number {
  const m = /[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*')/y;
  m.lastIndex = start;
  return m.exec(text) ? m.lastIndex : start;
}

const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');

/**
 * `cut.tags`: elements whose tags and text only are blanked, so that their child elements
 * stand in their parent's place and are checked again.
 */
export function blankOut(text: string, lineStarts: readonly number[], elements: readonly ElementRecord[], cut: { elements: readonly number[]; attributes: readonly AttrRecord[]; tags?: readonly number[] }): string {
  const ranges: [number, number][] = [];
  for (const i of cut.tags ?? []) {
    // Everything of the element but its child elements: its tags and its own text.
    let at = offsetOf(lineStarts, elements[i]!.pos);
    const end = elementEnd(text, at);
    for (const c of elements[i]!.children) {
      const from = offsetOf(lineStarts, elements[c]!.pos);
      ranges.push([at, from]);
      at = elementEnd(text, from);
    }
    ranges.push([at, end]);
  }
  for (const i of cut.elements) {
    const start = offsetOf(lineStarts, elements[i]!.pos);
    ranges.push([start, elementEnd(text, start)]);
  }
  for (const a of cut.attributes) {
    const start = offsetOf(lineStarts, a.pos);
    ranges.push([start, attributeEnd(text, start)]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    const s = Math.max(from, at);
    out += text.slice(at, s) + blank(text.slice(s, to));
    at = to;
  }
  return out + text.slice(at);
}

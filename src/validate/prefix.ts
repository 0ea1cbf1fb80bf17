/**
 * A document that is not well-formed, checked against the schema as far as it can be read.
 * jing checks a document as it reads it: it reports the schema errors it met before the point
 * where the XML breaks, then the break. libxml2 checks a parsed tree, and there is none. So
 * teiwright takes the text before the break (cut at the start of the tag, or the text, where
 * the parser stopped), ends the elements still open there with end tags of their names, and
 * checks that. Every finding that the text before the break settles is jing's too: where an
 * element stands, its attributes, text where none may stand, whether a closed element is
 * complete (all settled by what comes before, as jing's derivatives are). What the added end
 * tags would say (an element still open lacks what was to come) is not known, and is not
 * reported (explain.ts, saysIncomplete), nor is anything at or after the break.
 */
import { XmlDocument } from 'libxml2-wasm';
import type { SourcePos } from '../model/edition.js';
import { SAFE_PARSE } from './schema.js';
import { posAt } from './scan.js';

export interface ReadablePrefix {
  /** The text before the break (every offset, line and column as in the document), with end tags for what is open there. */
  text: string;
  /** Where the text before the break ends: findings from here on are not reported. */
  end: SourcePos;
  /** The start tags of the elements open at the break (their content was not read to its end: whether it is complete is not known). */
  open: SourcePos[];
}

/** Tries at most this many cut points before the break (each is one parse of the prefix). */
const MAX_TRIES = 4;

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([^\s/>!?]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** The elements open at the end of `text` (start offsets and names), or undefined when its markup cannot be followed. */
function openElements(text: string): { at: number; name: string }[] | undefined {
  const open: { at: number; name: string }[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    // Markup the pattern skipped over is a '<' it could not read: not followed.
    if (text.slice(last, m.index).includes('<')) return undefined;
    last = m.index + m[0].length;
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      if (open.pop()?.name !== m[2]) return undefined;
    } else if (m[3] !== '/') open.push({ at: m.index, name: m[2] });
  }
  return text.slice(last).includes('<') ? undefined : open;
}

/**
 * The readable text of `xml` before the parser's first error at `at`, or undefined when there
 * is none (the break comes before the root element, or no cut before it parses).
 */
export function readablePrefix(xml: string, at: SourcePos, lineStarts: readonly number[]): ReadablePrefix | undefined {
  const breakOffset = Math.min(xml.length, (lineStarts[at.line - 1] ?? xml.length) + at.column - 1);
  // Where the parser stopped (the end of the data), else before the reference or the markup it stopped in, or earlier markup.
  const markup = xml.lastIndexOf('<', breakOffset);
  const reference = xml.lastIndexOf('&', breakOffset - 1);
  const cuts = [breakOffset, ...(reference > markup ? [reference] : [])];
  for (let at = markup; at > 0 && cuts.length < MAX_TRIES; at = xml.lastIndexOf('<', at - 1)) if (at < cuts[cuts.length - 1]!) cuts.push(at);
  for (const cut of cuts) {
    const before = xml.slice(0, cut);
    const open = openElements(before);
    if (open === undefined || (open.length === 0 && !/<[^\s/!?]/.test(before))) continue;
    const text = before + open.map((e) => `</${e.name}>`).reverse().join('');
    try {
      XmlDocument.fromString(text, { option: SAFE_PARSE }).dispose();
    } catch {
      continue;
    }
    return { text, end: posAt(lineStarts, cut), open: open.map((e) => posAt(lineStarts, e.at)) };
  }
  return undefined;
}

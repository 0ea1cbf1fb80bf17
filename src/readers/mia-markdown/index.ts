/**
 * MIA's own markdown house style: `# Title <sup>1</sup>`, an italic date line, an
 * information block of `Label : value` lines between `---` rules, `**Notes**` with
 * `1.`-numbered notes, and a navigation footer of `[…](#)` links. Syntax only: the
 * markdown becomes the engine's block stream (`shared/stream.ts`); the zones are the
 * layout engine's.
 */
import type { Edition } from '../../model/edition.js';
import type { Reader, ReaderContext } from '../reader.js';
import { layout } from '../../layout/engine.js';
import { markdownStream } from '../shared/stream.js';
import { Source } from '../shared/source.js';
import { testFromLineStart } from '../scan.js';

// The line clues, each tried only where a line opens with its first character (`scan.ts`).
const HEADING = testFromLineStart('#', /^#{1,3} \S.*$/m);
const HEADING_WITH_ANCHOR = testFromLineStart('#', /^#{1,3} .*<sup>\s*[0-9A-Za-z*]+\s*<\/sup>/m);
const RULE = testFromLineStart('-', /^-{3,}\s*$/m);
const NOTES_HEADING = testFromLineStart('*', /^\*\*Notes\*\*\s*$/m);
const LINK_BAR = testFromLineStart('[', /^\[[^\]\n]+\]\([^)\n]*\)(?: \| \[[^\]\n]+\]\([^)\n]*\))*\s*$/m);

/**
 * `s.includes(' : ')`, looked for from the colons: a search for a string that opens with a
 * space stops at every space of the text (a microsecond per page), a colon is rare.
 */
function hasSpacedColon(s: string): boolean {
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) if (s.charCodeAt(i - 1) === 32 && s.charCodeAt(i + 1) === 32) return true;
  return false;
}

/** Content clues, each weighted; the sum is clipped to 1. */
export function detectMiaMarkdown(text: string): number {
  const head = text.slice(0, 20000);
  if (/^\s*(?:---\s*\n[\s\S]*?\n---|<!DOCTYPE|<html)/i.test(head)) return /^\s*</.test(head) ? 0 : 0.1; // front matter or HTML
  let score = 0;
  // Each clue has a literal part (`<sup>`, ` : `, `**Notes**`, `](`, `{`, `+-`) looked for first:
  // a text without it is not scanned line by line.
  if (HEADING(head)) score += 0.25;
  if (head.includes('<sup>') && HEADING_WITH_ANCHOR(head)) score += 0.15;
  if (RULE(head)) score += 0.15;
  if (hasSpacedColon(head) && /^[A-Z][A-Za-z/\\ ]{1,40} : \S/m.test(head)) score += 0.25;
  if (text.includes('**Notes**') && NOTES_HEADING(text)) score += 0.15;
  if (text.includes('](') && LINK_BAR(text)) score += 0.1;
  if ((head.includes('{') || head.includes('+-')) && /\{[#.][\w-]+\}|\]\{\.info|^\s*\+-{3,}/m.test(head)) score -= 0.3; // pandoc's syntax
  return Math.max(0, Math.min(1, score));
}

export const miaMarkdown: Reader = {
  name: 'mia-markdown',
  description: 'MIA markdown: "# Title <sup>1</sup>", "Label : value" lines between --- rules, **Notes**',
  markup: 'markdown',
  detect: detectMiaMarkdown,
  read(text: string, ctx: ReaderContext): Edition {
    return layout(markdownStream(new Source(text), 0, ctx.diagnostics, 'mia-markdown', undefined, ctx.limits), ctx.diagnostics);
  },
};

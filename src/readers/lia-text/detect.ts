/**
 * How much a text looks like LIA page text, from its content only. Evidence for: known
 * `Label:` lines near the top, `[n]` note labels at the bottom, `[n]` anchors, the
 * "< backward / forward >" footer, runs of no-break spaces in the author line. Evidence
 * against, decisive: HTML tags, and the marks of markdown (`#` headings, `---` rules,
 * `**bold**`, `<sup>`), which the other readers handle.
 */
import { noteLabelAt } from '../shared/lia-inline.js';
import { labelLineAt } from '../../layout/info.js';
import { isNavigationLine } from '../../layout/navigation.js';
import { furnitureRule } from '../../layout/rules.js';
import { testFrom } from '../scan.js';

/** An HTML tag: decisive evidence against page text. */
const HTML_TAG = testFrom('<', /<(?:html|body|div|p|span|a|h[1-6]|sup|br|table)\b[^>]*>/i);

/** Only the head and the tail of a text are looked at, so detection is cheap on big files. */
const HEAD_LINES = 40;
const TAIL_LINES = 80;

/** The first `n` lines of `s` (as `s.split('\n').slice(0, n)`), without splitting the rest. */
function firstLines(s: string, n: number): string[] {
  let end = -1;
  for (let k = 0; k < n; k++) {
    end = s.indexOf('\n', end + 1);
    if (end < 0) return s.split('\n');
  }
  return s.slice(0, end).split('\n');
}

/** The last `n` lines of `s` (as `s.split('\n').slice(-n)`), without splitting the rest. */
function lastLines(s: string, n: number): string[] {
  let start = s.length;
  for (let k = 0; k < n; k++) {
    start = start === 0 ? -1 : s.lastIndexOf('\n', start - 1);
    if (start < 0) return s.split('\n');
  }
  return s.slice(start + 1).split('\n');
}

/**
 * A line of the text that is a markdown heading (`# Title`) or rule (`---`, `***`, `___`):
 * one scan of the text, for a test of each line (`^#{1,6} \S`, `^(?:-{3,}|\*{3,}|_{3,})\s*$`).
 */
const MARKDOWN_LINE = /(?:^|\n)(?:#{1,6} \S|(?:-{3,}|\*{3,}|_{3,})[^\S\n]*(?=\n|$))/;

/** `MARKDOWN_LINE` after its `(?:^|\n)`, tried where a line opens (sticky). */
const MARKDOWN_LINE_BODY = /(?:#{1,6} \S|(?:-{3,}|\*{3,}|_{3,})[^\S\n]*(?=\n|$))/y;

/**
 * `MARKDOWN_LINE.test(s)`, the pattern tried only at the start of the text and after each
 * line feed, where the line opens with `#`, `-`, `*` or `_` (V8 would try it at every position).
 */
export function hasMarkdownLine(s: string): boolean {
  for (let at = 0; at >= 0; ) {
    const c = s.charCodeAt(at);
    if (c === 0x23 || c === 0x2d || c === 0x2a || c === 0x5f) {
      MARKDOWN_LINE_BODY.lastIndex = at;
      if (MARKDOWN_LINE_BODY.test(s)) return true;
    }
    const lf = s.indexOf('\n', at);
    at = lf < 0 ? -1 : lf + 1;
  }
  return false;
}

/** The pattern `hasMarkdownLine` stands for (exported for the test that holds the two equal). */
export const MARKDOWN_LINE_PATTERN = MARKDOWN_LINE;

/** "Top of the page", "Last updated …" opening a line (after white space: the test of the trimmed line, without trimming it). */
const FOOT_OF_PAGE = /^\s*(?:top of (?:the )?page|last updated\b)/i;

export function detectLiaText(text: string): number {
  const sample = text.length > 200_000 ? `${text.slice(0, 100_000)}\n${text.slice(-100_000)}` : text;
  if (HTML_TAG(sample)) return 0.02;
  const head = firstLines(sample, HEAD_LINES);
  // A text of fewer lines than the head has no more than the head: the tail is the same lines (not split again).
  const tail = head.length < HEAD_LINES ? head : lastLines(sample, TAIL_LINES);
  // Both star patterns need a `*`: a text without one is not scanned for them.
  const markdown = hasMarkdownLine(sample) || (sample.includes('*') && (/\*\*\S/.test(sample) || /^\s*\*[^*\s][^*]*\*\s*$/m.test(sample)));
  let score = 0;
  // A label line has a colon, a note label a `[`: the cheap test first.
  const labels = head.filter((l) => {
    if (!l.includes(':')) return false;
    // `known`: the label has a rule (labelRule).
    return labelLineAt(l)?.known === true;
  }).length;
  if (labels >= 2) score += 0.4;
  else if (labels === 1) score += 0.2;
  if (tail.some((l) => l.includes('[') && noteLabelAt(l) !== undefined)) score += 0.15;
  if (/\[\d{1,3}\]/.test(sample)) score += 0.1;
  // isNavigationLine says no at once to a line without `<`, `>` or `|`.
  if (tail.some((l) => isNavigationLine(l))) score += 0.25;
  if (head.slice(0, 3).some((l) => /\S\u00a0[\s\u00a0]*\S/.test(l))) score += 0.1;
  // A text with no markup at all is page text (a browser copy), whatever else it shows;
  // the page template's furniture (breadcrumb, "Top of the page", "Last updated") says so too.
  if (!markdown) score += 0.3;
  if (head.slice(0, 3).some((l) => furnitureRule(l, 'top')?.name === 'breadcrumb') || tail.some((l) => FOOT_OF_PAGE.test(l))) score += 0.2;
  if (markdown) score = Math.min(score, 0.25) - 0.1;
  return Math.max(0, Math.min(1, score));
}

/**
 * The input profiles. Adding one is a new folder under `readers/` plus one line here.
 * Order matters only for ties in detection: earlier wins.
 */
import { liaTextReader } from './lia-text/index.js';
import type { Reader } from './reader.js';
import { markdownFrontmatter } from './markdown-frontmatter/index.js';
import { miaHtmlReader } from './mia-html/index.js';
import { miaMarkdown } from './mia-markdown/index.js';

export const READERS: readonly Reader[] = [
  miaMarkdown,
  markdownFrontmatter,
  liaTextReader,
  miaHtmlReader,
];

export function readerNamed(name: string): Reader | undefined {
  return READERS.find((r) => r.name === name);
}

/** Below this confidence the best reader is still used, with a `profile-guessed` warning. */
export const CONFIDENT = 0.5;

/** The reader most confident that `text` is in its style, with its score. */
export function detectReader(text: string): { reader: Reader; score: number } | undefined {
  let best: { reader: Reader; score: number } | undefined;
  for (const reader of READERS) {
    const score = reader.detect(text);
    if (!best || score > best.score) best = { reader, score };
  }
  return best;
}

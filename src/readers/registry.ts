/**
 * The input profiles. Adding one is a new folder under `readers/` plus one line here.
 * Order matters only for ties in detection: earlier wins.
 */
import type { Reader } from './reader.js';
import { miaHtmlReader } from './mia-html/index.js';

export const READERS: readonly Reader[] = [
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

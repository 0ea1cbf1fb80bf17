/**
 * The syntax of page text: the text as blocks of non-blank lines, each line with its
 * number, and how many blank lines came before each block. The gaps matter: LIA pages set
 * the headnote and the notes apart with wider spacing. Page text has no other syntax; the
 * layout engine finds titles, information blocks, letters and notes by shape.
 */
import { type StreamBlock, isBlank } from '../../layout/blocks.js';

/** Splits normalised text (LF line ends) into `para` blocks, in one linear scan. */
export function splitParagraphs(text: string): StreamBlock[] {
  const paragraphs: StreamBlock[] = [];
  let current: StreamBlock | undefined;
  let gap = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    if (isBlank(line)) {
      current = undefined;
      gap++;
    } else {
      if (!current) {
        current = { kind: 'para', lines: [], gapBefore: gap, hints: {} };
        paragraphs.push(current);
        gap = 0;
      }
      current.lines.push({ text: line, line: lineNo });
    }
    start = end + 1;
  }
  return paragraphs;
}

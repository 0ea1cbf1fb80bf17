/**
 * The syntax of page text: the text as blocks of non-blank lines, each line with its
 * number, and how many blank lines came before each block. The gaps matter: LIA pages set
 * the headnote and the notes apart with wider spacing. Page text has no other syntax; the
 * layout engine finds titles, information blocks, letters and notes by shape.
 */
import { type StreamBlock, isBlank } from '../../layout/blocks.js';
import { LimitExceeded } from '../../model/limits.js';

/**
 * Splits normalised text (LF line ends) into `para` blocks, in one linear scan. Every
 * paragraph becomes at least one element of the edition (a paragraph, a heading, a note, a
 * field), so a text of more than `maxBlocks` paragraphs is refused here, at the first one past
 * the limit (`--max-elements`), before the layout holds a block and a model node for each
 * (a page of 1.5 million "Notes" headings and notes reached 1.8 GB before the model's count).
 */
export function splitParagraphs(text: string, maxBlocks = Number.POSITIVE_INFINITY): StreamBlock[] {
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
        if (paragraphs.length >= maxBlocks) {
          throw new LimitExceeded('input-too-many-elements', `the text has more than ${maxBlocks} paragraphs, each at least one element (--max-elements ${maxBlocks}); the file was not converted`, { line: lineNo, column: 1 });
        }
        // The first line in the array literal: an array grown by `push` from `[]` reserves
        // 17 slots, and a page of one-line paragraphs (notes, headings) holds many of them.
        current = { kind: 'para', lines: [{ text: line, line: lineNo }], gapBefore: gap, hints: {} };
        paragraphs.push(current);
        gap = 0;
      } else current.lines.push({ text: line, line: lineNo });
    }
    start = end + 1;
  }
  return paragraphs;
}

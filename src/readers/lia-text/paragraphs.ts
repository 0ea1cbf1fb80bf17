/**
 * The first pass of the `lia-text` reader: the text as paragraphs (runs of non-blank
 * lines), each line with its number, and how many blank lines came before each paragraph.
 * The gaps matter: LIA pages set the headnote and the notes apart with wider spacing.
 */

export interface SourceLine {
  /** The line as printed (no LF). */
  text: string;
  /** 1-based line number. */
  line: number;
}

export interface Paragraph {
  lines: SourceLine[];
  /** Blank lines between this paragraph and the previous one (or the start of the text). */
  gapBefore: number;
}

/** A line with nothing but white space, no-break spaces included, is blank. */
export const isBlank = (s: string): boolean => /^[\s\u00a0]*$/.test(s);

/** Collapses runs of white space (no-break spaces included) and trims. */
export const squashLine = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * The squashed line when it is short enough to be a heading, salutation, signature or
 * dateline, else ''. Shape tests run on many lines; squashing a long paragraph only to
 * find it is long would cost most of the reading time.
 */
export const squashShort = (s: string, limit = 200): string => (s.length > limit ? '' : squashLine(s));

/** 1-based column of the first character that is not white space (1 for a blank line). */
export const firstColumn = (s: string): number => {
  const m = /[^\s\u00a0]/.exec(s);
  return m ? m.index + 1 : 1;
};

/** Splits normalised text (LF line ends) into paragraphs, in one linear scan. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
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
        current = { lines: [], gapBefore: gap };
        paragraphs.push(current);
        gap = 0;
      }
      current.lines.push({ text: line, line: lineNo });
    }
    start = end + 1;
  }
  return paragraphs;
}

/** The paragraph's lines squashed and joined with one space (for shape tests, not output). */
export const paragraphText = (p: Paragraph): string => p.lines.map((l) => squashLine(l.text)).join(' ');

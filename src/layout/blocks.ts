/**
 * The common block stream: what a reader hands the layout engine. A reader knows its
 * syntax only (text lines, markdown blocks, the HTML DOM); it cuts the source into blocks,
 * says what the syntax itself shows about each (a heading's level, a centred paragraph, a
 * rule, a line of links …) and leaves every decision about zones (title, information
 * block, letter parts, notes, furniture) to the engine (`engine.ts`), which reads the
 * stream the same way whatever the input style was.
 *
 * Inlines: a block's words are turned into the model's Inline nodes by the reader's inline
 * syntax (`InlineSyntax`), called by the engine when it places a line, because how a line
 * is read depends on its zone: a title line is read with its white space squashed, a note's
 * first line without its label, a text line as printed. Readers whose syntax gives the
 * inlines whole (HTML, markdown) may set `inlines` on the block.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Inline, SourcePos } from '../model/edition.js';
import { squash } from '../model/walk.js';
import type { FrontMatterFacts, MarkedSyntax } from './marked.js';

/** One printed line of a block, as in the source, with its 1-based line number. */
export interface StreamLine {
  /** The line as printed (no LF); its first character is at column 1 of the source line. */
  text: string;
  line: number;
  /** The source column `text[0]` stands at, when the reader does not keep the line's indentation (HTML); else 1. */
  column?: number;
}

/**
 * What the syntax says a block is. Page text has only `para` (the engine finds the rest by
 * shape). `mark` is a point between blocks with no words of its own: an HTML `<a name>`
 * target notes link to, or a page break of the printed edition (hints `target`, `page`).
 */
export type BlockKind = 'para' | 'heading' | 'rule' | 'quote' | 'list' | 'lines' | 'table' | 'pre' | 'mark';

/** What the syntax shows about a block beyond its words: the engine's hints. */
export interface BlockHints {
  /** A heading's level, 1–6. */
  level?: number;
  /** The whole block is emphasised (`*March 1912*`, `<i>…</i>`). */
  emphasis?: 'italic' | 'bold';
  align?: 'center' | 'right';
  /** The block is nothing but links (a navigation bar). */
  linksOnly?: boolean;
  /** HTML class names of the block's element, where the syntax has any. */
  classes?: readonly string[];
  /** The block is quoted (`>` in markdown, `blockquote` in HTML). */
  quoted?: boolean;
  /** The block opens with a label the syntax marks as one (HTML `span.info` "Source:"), not a note number. */
  labelled?: boolean;
  /** Class names of elements inside the block (a layout table holding the template's footer). */
  innerClasses?: readonly string[];
  /** The HTML element's name, where the syntax has one (`footer`, `nav`: navigation by name). */
  element?: string;
  /** A `mark`: the name notes and anchors link to. */
  target?: string;
  /** A `mark`: the printed edition's page number. */
  page?: string;
  /** Words the syntax prints outside any paragraph (HTML text straight in `body` or a `div`): always text. */
  loose?: boolean;
  /** The block is template markup, not text (a stray `<div>` line or `:::` fence in markdown). */
  markup?: boolean;
  /**
   * The syntax itself makes the block (part of) the note with this label: a markdown
   * footnote definition `[^1]: …` and the indented paragraphs that continue it.
   */
  footnote?: string;
}

export interface StreamBlock {
  kind: BlockKind;
  /** The block's printed lines, in source order; never empty. */
  lines: StreamLine[];
  /** Blank lines between this block and the one before it (page text sets zones apart by wider gaps). */
  gapBefore: number;
  hints: BlockHints;
  /** The block's inlines when the syntax gives them whole; else the engine asks `InlineSyntax`. */
  inlines?: Inline[];
  /** A quote's paragraphs, a table's cells: blocks inside this one, in source order. */
  parts?: StreamBlock[];
}

/** A slice of a source line: its text, line number and the column `text[0]` stands at. */
export interface SourceSlice {
  text: string;
  line: number;
  column: number;
}

export interface InlineOptions {
  /** Collapse runs of white space (titles, metadata); body text keeps its no-break spaces. */
  squash?: boolean;
}

/** The reader's inline syntax: one slice of a line → Inline nodes, appended to `out`. */
export interface InlineSyntax {
  inlines(slice: SourceSlice, diagnostics: Diagnostics, out?: Inline[], options?: InlineOptions): Inline[];
}

/** What a reader gives the engine: the blocks, its inline syntax and its profile name. */
export interface BlockStream {
  profile: string;
  blocks: StreamBlock[];
  syntax: InlineSyntax;
  /**
   * A markup syntax's own reading of its marks (markdown: labels as `Source :` or
   * `[Source:]{.info}`, the words of a block without its marks, note labels that make plain
   * `[1]` marks anchors); readers of plain text have none (`marked.ts`).
   */
  marked?: MarkedSyntax;
  /** What a front matter already says (title, author, fields), for styles that have one. */
  front?: FrontMatterFacts;
}

/**
 * White space as a pattern's `\s` and `trim` know it (the no-break space included), by char
 * code: ASCII and Latin-1 answered by comparisons, the rest by the pattern.
 */
export const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0xff && /\s/.test(String.fromCharCode(c)));

/**
 * Index of the first character of `s` that is not white space (`isSpaceCode`), -1 when
 * there is none. A loop that stops at the first printed character: most lines open with
 * one, and a pattern (`/^[\s\u00a0]*$/`) costs a call into the engine for each line.
 */
export function firstPrinted(s: string): number {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return i;
  return -1;
}

/** A line with nothing but white space, no-break spaces included, is blank (as `/^[\s\u00a0]*$/` says). */
export const isBlank = (s: string): boolean => firstPrinted(s) < 0;

/** Collapses runs of white space (no-break spaces included) and trims. */
export const squashLine = (s: string): string => squash(s);

/**
 * The squashed line when it is short enough to be a heading, salutation, signature or
 * dateline, else ''. Shape tests run on many lines; squashing a long paragraph only to
 * find it is long would cost most of the reading time.
 */
export const squashShort = (s: string, limit = 200): string => (s.length > limit ? '' : squashLine(s));

/** 1-based column of the first character that is not white space (1 for a blank line). */
export const firstColumn = (s: string): number => {
  const i = firstPrinted(s);
  return i < 0 ? 1 : i + 1;
};

/** The block's plain text: its lines squashed and joined with one space (for shape tests, not output). */
export const blockText = (b: Pick<StreamBlock, 'lines'>): string => b.lines.map((l) => squashLine(l.text)).join(' ');

/** Where the block starts in the source (its first printed character). */
export const blockPos = (b: Pick<StreamBlock, 'lines'>): SourcePos => {
  const l = b.lines[0]!;
  return { line: l.line, column: l.column ?? firstColumn(l.text) };
};

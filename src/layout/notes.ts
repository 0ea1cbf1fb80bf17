/**
 * The notes at the bottom of an LIA page: `[n] text` blocks, in the order printed. A note
 * runs over as many paragraphs as follow it, until the next `[n]` label.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Block, Edition, Inline, Note, NoteSection, NoteType, SourcePos } from '../model/edition.js';
import { plainText } from '../model/walk.js';
import { isNotesHeading as isLayoutNotesHeading, noteLabel, notesSectionType } from './rules.js';
import { type InlineSyntax, type StreamBlock, firstColumn, squashLine, squashShort } from './blocks.js';

/** A one-line heading over the notes: "Notes", "Footnotes", "Editor's Notes" (the layout engine's table). */
export const isNotesHeading = (p: StreamBlock): boolean => p.lines.length === 1 && isLayoutNotesHeading(squashShort(p.lines[0]!.text, 60));

/** True when the paragraph opens with a note label (`[1] …`). */
export const startsWithNoteLabel = (p: StreamBlock): boolean => p.lines[0] !== undefined && noteLabel(p.lines[0].text, false) !== undefined;

/**
 * Who wrote a note, from its signature dash: "—Ed." editors, "—Trans." translator,
 * "—Author" or the author's own name the author. LIA notes are the editors' by default.
 */
export function noteType(note: Note, authorSurname: string | undefined, byHeading?: NoteType): NoteType {
  const last = note.blocks[note.blocks.length - 1];
  // Only the end of the note can hold its signature dash.
  const tail = last?.kind === 'p' ? squashLine(plainText(last.children).slice(-80)) : '';
  const sign = /[—–-][ \u00a0]*([\p{L}.]+)\.?[ \u00a0]*\]?$/u.exec(tail)?.[1]?.replace(/\.$/, '').toLowerCase();
  if (sign === undefined) return byHeading ?? 'editorial';
  if (/^(?:tr|trans|translator)$/.test(sign)) return 'translator';
  if (sign === 'author' || (authorSurname !== undefined && sign === authorSurname.toLowerCase())) return 'authorial';
  return 'editorial';
}

/** Reads the notes section (its paragraphs, the heading first when there is one). */
export function readNotes(paragraphs: readonly StreamBlock[], syntax: InlineSyntax, diagnostics: Diagnostics, authorSurname: string | undefined): NoteSection | undefined {
  const first = paragraphs[0];
  if (!first) return undefined;
  const section: NoteSection = { notes: [], pos: { line: first.lines[0]!.line, column: firstColumn(first.lines[0]!.text) } };
  let rest = paragraphs;
  // Under a heading, or a run of "1." (or "A.") notes without one (the engine checked the run).
  const firstLabel = noteLabel(first.lines[0]!.text, true, { key: undefined });
  const headed = isNotesHeading(first) || (firstLabel !== undefined && firstLabel.rule.name !== 'bracketed');
  // Under a notes heading every label style is a note ("1.", "(1)", "*", "a.", "A." in its
  // order); without one only "[1]".
  let note: Note | undefined;
  const labelAt = (text: string): { label: string; key: string; rest: number } | undefined => noteLabel(text, headed, { key: note?.key });
  if (isNotesHeading(first)) {
    const l = first.lines[0]!;
    section.heading = syntax.inlines({ text: l.text.trim(), line: l.line, column: firstColumn(l.text) }, diagnostics, [], { squash: true });
    rest = paragraphs.slice(1);
  }
  let block: Extract<Block, { kind: 'p' }> | undefined;
  for (const p of rest) {
    block = undefined;
    for (const { text, line } of p.lines) {
      const label = labelAt(text);
      let from = 0;
      if (label) {
        note = { key: label.key, label: label.label, type: 'editorial', place: 'end', blocks: [], pos: { line, column: firstColumn(text) }, targets: [] };
        section.notes.push(note);
        block = undefined;
        from = label.rest;
        if (from >= text.length) continue; // "[1]" alone: the note's words follow
      }
      if (!block) {
        block = { kind: 'p', children: [], pos: { line, column: from + 1 + Math.max(text.slice(from).search(/[^ \u00a0\t]/), 0) } };
        // Paragraphs under the heading before the first note are the section's own ("These notes are the translator's.").
        if (note) note.blocks.push(block);
        else (section.blocks ??= []).push(block);
      } else {
        breakLine(block.children);
      }
      syntax.inlines({ text: text.slice(from), line, column: from + 1 }, diagnostics, block.children);
    }
  }
  // A heading that says whose notes follow ("Translator's Notes") types the unsigned ones.
  const byHeading = isNotesHeading(first) ? notesSectionType(squashLine(first.lines[0]!.text))?.type : undefined;
  for (const n of section.notes) n.type = noteType(n, authorSurname, byHeading);
  trimLists(section);
  return section;
}

/**
 * The lists this reading filled, copied at their length: a list grown by `push` from `[]`
 * reserves 17 slots for its first item, and a section's lists mostly hold one or two (its
 * notes, a note's blocks, a paragraph's inlines). Trimmed as each section is read, not once
 * the page is (convert's compactLargeModel): a page of 47,660 one-note sections (a megabyte
 * of "Notes" headings) held 23 MB of empty slots while the rest of it was read, and its peak
 * resident memory was ~12 MB higher.
 */
function trimLists(section: NoteSection): void {
  section.notes = section.notes.slice();
  if (section.heading) section.heading = section.heading.slice();
  if (section.blocks) section.blocks = trimBlocks(section.blocks);
  for (const note of section.notes) note.blocks = trimBlocks(note.blocks);
}

function trimBlocks(blocks: Block[]): Block[] {
  for (const block of blocks) if (block.kind === 'p') block.children = block.children.slice();
  return blocks.slice();
}

/** Keeps a printed line break inside a paragraph as a newline at the end of the line before. */
export function breakLine(children: Inline[]): void {
  const last = children[children.length - 1];
  if (last?.kind === 'text') last.text += '\n';
  else if (last) children.push({ kind: 'text', text: '\n', pos: last.pos });
}

/** A letter or a digit: a word. */
const WORDY = /[\p{L}\p{N}]/u;
/** How much of a text's opening is looked at for a word before its whole text is built. */
const WORDS_OPENING = 256;

/**
 * A block with words (letters or digits): "* * *" between two notes sections is no text. A
 * word in the opening is a word of the whole, so a long paragraph's text is built whole only
 * when its opening has none.
 */
const hasWords = (inlines: readonly Inline[]): boolean => {
  const head = plainText(inlines, { upTo: WORDS_OPENING });
  if (WORDY.test(head)) return true;
  return head.length >= WORDS_OPENING && WORDY.test(plainText(inlines));
};
const blockHasWords = (block: Block): boolean => {
  switch (block.kind) {
    case 'p':
    case 'heading':
      return hasWords(block.children);
    case 'quote':
      return block.blocks.some(blockHasWords);
    case 'list':
      return block.items.some(hasWords);
    case 'lines':
      return block.lines.some(hasWords);
    case 'table':
      return block.rows.some((r) => r.cells.some((c) => hasWords(c.children)));
    case 'figure':
      return block.head !== undefined && hasWords(block.head);
    case 'pb':
      return false;
  }
};
const after = (a: SourcePos, b: SourcePos): boolean => a.line > b.line || (a.line === b.line && a.column > b.column);

/**
 * Notes sections printed inside the text: a section that text of the body follows (a block
 * with words, or the closer) is printed between two parts of the text, and stays there
 * (`inText`: the writer puts it in the body at its place, not in `back`), so the TEI keeps
 * the words in the order of the page. Every reader's edition goes through this one rule.
 */
export function placeNoteSections(ed: Edition): void {
  if (!ed.notes.some((s) => s.notes.length > 0)) return;
  // Text follows a section when the last words of the body stand after it: the last block
  // with words is found from the end (blocks in source order, as they nearly always are), so
  // the blocks before the notes are never read for their words.
  let last: SourcePos | undefined;
  const later = (p: SourcePos): void => {
    if (last === undefined || after(p, last)) last = p;
  };
  const blocks = ed.body.blocks;
  const order = blocks.every((b, k) => k === 0 || !after(blocks[k - 1]!.pos, b.pos)) ? undefined : blocks.map((_, k) => k).sort((a, b) => (after(blocks[a]!.pos, blocks[b]!.pos) ? 1 : after(blocks[b]!.pos, blocks[a]!.pos) ? -1 : a - b));
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[order ? order[k]! : k]!;
    if (blockHasWords(b)) {
      later(b.pos);
      break;
    }
  }
  const closer = ed.body.closer;
  for (const part of [closer?.salute, closer?.signed, closer?.dateline]) if (part?.[0] !== undefined && hasWords(part)) later(part[0].pos);
  for (const section of ed.notes) {
    if (section.notes.length > 0 && last !== undefined && after(last, section.pos)) section.inText = true;
  }
}

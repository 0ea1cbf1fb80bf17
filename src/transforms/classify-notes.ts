/**
 * Tells editors' notes from the author's own by their attribution (encoding.md, "Notes"):
 * a note ending "—Ed." or naming the publisher's editors is editorial; one ending with the
 * author's name ("—Lenin", "—*Engels*") or "Author's note" is authorial; "—Trans." the
 * translator's. The attribution words stay in the note; a reader's own guess (e.g. from an
 * editors' "Notes" apparatus) stands when the note carries no attribution.
 */
import type { Edition, Note, NoteType } from '../model/edition.js';
import { blockInlines, plainText, squash } from '../model/walk.js';
import type { Transform } from './index.js';

/** The attribution at the end of a note: "—Ed.", "– Ed.", "— Lenin", "-Progress Publishers". */
const ATTRIBUTION = /(?:[—–]|--|\s-)\s*([\p{L}][\p{L}.\s'’]{0,40}?)\.?\s*\)?\s*$/u;

const EDITORIAL = /^(?:ed|eds|editor|editors|the editors|progress publishers|mia|marxists internet archive|transcriber|publisher)$/i;
const TRANSLATOR = /^(?:trans|tr|translator|translators)$/i;
const AUTHOR_SIGNS = /^(?:author|the author)$/i;

function noteText(note: Note): string {
  return squash(note.blocks.flatMap(blockInlines).map((l) => plainText(l)).join(' '));
}

/** Last name of the author ("V. I. Lenin" → "lenin"), to recognise "—Lenin". */
function authorSurname(ed: Edition): string | undefined {
  const name = ed.metadata.author?.name.trim();
  return name ? name.split(/\s+/).pop()?.replace(/[.,]$/, '').toLowerCase() : undefined;
}

export function classifyNote(text: string, surname: string | undefined): NoteType | undefined {
  if (/^author['’]s note\b/i.test(text) || /\(author['’]s note\)\.?$/i.test(text)) return 'authorial';
  const m = ATTRIBUTION.exec(text);
  if (!m) return undefined;
  const who = squash(m[1]!).replace(/\.$/, '');
  if (EDITORIAL.test(who)) return 'editorial';
  if (TRANSLATOR.test(who)) return 'translator';
  if (AUTHOR_SIGNS.test(who)) return 'authorial';
  if (surname && who.toLowerCase().split(/\s+/).includes(surname)) return 'authorial';
  return undefined;
}

export const classifyNotes: Transform = {
  name: 'classify-notes',
  apply(ed) {
    const surname = authorSurname(ed);
    for (const section of ed.notes) {
      for (const note of section.notes) {
        note.type = classifyNote(noteText(note), surname) ?? note.type;
      }
    }
  },
};

/** What the index of editions shows for one edition, and what it sorts by. */
import type { Edition, MetaField } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';
import { parseDate } from '../tei/dates.js';

export interface EditionSummary {
  title: string;
  author?: string;
  /** The date of writing as printed ("Written in April, not later than 27, 1921"). */
  dateWords?: string;
  /** Its normalised value for sorting (`1921-04`, the start of a range), when one could be derived. */
  dateSort?: string;
  /** The date as precise as the words allow: `1921-04` for "April, not later than 27, 1921". */
  dateCited?: string;
  notes: number;
  emendations: number;
  /** The language of the text, when known. */
  language?: string;
}

/** The field that dates the writing: the first "Written" line, else the first "Delivered" one (as the TEI header's `creation`). */
export function writingField(ed: Edition): MetaField | undefined {
  return ed.metadata.fields.find((f) => f.role === 'written') ?? ed.metadata.fields.find((f) => f.role === 'delivered');
}

/**
 * The date of writing as printed: the metadata field, else the dateline of the opener or
 * the closer (a letter's or a leaflet's date is where it was written), when it names a date.
 */
export function writingDate(ed: Edition): { words: string; from: 'field' | 'dateline' } | undefined {
  const field = writingField(ed);
  if (field) return { words: squash(plainText(field.value)), from: 'field' };
  for (const dateline of [ed.body.opener?.dateline, ed.body.closer?.dateline]) {
    const words = dateline ? squash(plainText(dateline)) : '';
    if (words !== '' && parseDate(words)) return { words, from: 'dateline' };
  }
  return undefined;
}

/** What two ISO dates share, by whole components: 1921-04-01 and 1921-04-27 → 1921-04. */
function commonDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const x = a.split('-');
  const y = b.split('-');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n === 0 ? undefined : x.slice(0, n).join('-');
}

export function summarise(ed: Edition): EditionSummary {
  const dateWords = writingDate(ed)?.words;
  const parsed = dateWords !== undefined ? parseDate(dateWords) : undefined;
  const dateSort = parsed?.when ?? parsed?.notBefore ?? parsed?.notAfter;
  const dateCited = parsed?.when ?? commonDate(parsed?.notBefore, parsed?.notAfter);
  const title = ed.metadata.title !== '' ? ed.metadata.title : squash(plainText(ed.body.head));
  return {
    title: title !== '' ? title : 'Untitled',
    ...(ed.metadata.author && { author: ed.metadata.author.name }),
    ...(dateWords !== undefined && dateWords !== '' && { dateWords }),
    ...(dateSort !== undefined && { dateSort }),
    ...(dateCited !== undefined && { dateCited }),
    notes: ed.notes.reduce((n, s) => n + s.notes.length, 0),
    emendations: ed.emendations.length,
    language: ed.metadata.language,
  };
}

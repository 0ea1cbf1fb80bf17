/** The metadata of an edition as a corpus table or a JSON record wants it: plain strings, normalised dates. */
import type { Edition, MetaField, MetaRole } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';
import { parseDate } from '../tei/dates.js';
import { namesIn, RESP_BY_ROLE } from '../tei/header.js';

export interface Person {
  name: string;
  /** What they did, as the TEI's `resp` says it: translation, transcription/markup, … */
  role: string;
}

export interface DocumentMetadata {
  title: string;
  subtitle: string | null;
  authors: string[];
  resp: Person[];
  /** The date of writing as printed, and normalised (ISO 8601, the precision the words give). */
  date: { text: string | null; when: string | null; notBefore: string | null; notAfter: string | null };
  /** ISO 639 code. */
  language: string;
  /** The printed source, as one line. */
  source: string | null;
  firstPublished: string | null;
  /** The licence line as printed ("Public Domain: Marxists Internet Archive (2008). …"). */
  licence: string | null;
}

const fields = (ed: Edition, ...roles: MetaRole[]): MetaField[] => ed.metadata.fields.filter((f) => roles.includes(f.role));
const line = (f: MetaField): string => squash(plainText(f.value));
const joined = (fs: MetaField[], sep: string): string | null => (fs.length === 0 ? null : fs.map(line).filter((s) => s !== '').join(sep) || null);

export function documentMetadata(ed: Edition): DocumentMetadata {
  const written = fields(ed, 'written')[0] ?? fields(ed, 'delivered')[0];
  const dateText = written ? line(written) : null;
  const date = dateText ? parseDate(dateText) : undefined;
  const resp: Person[] = [];
  for (const f of ed.metadata.fields) {
    const role = RESP_BY_ROLE[f.role];
    if (role === undefined) continue;
    const value = squash(plainText(f.value, { anchors: true }));
    const names = namesIn(value);
    for (const name of names.length > 0 ? names : [value]) resp.push({ name, role });
  }
  for (const editor of ed.editors) resp.push({ name: editor.name, role: editor.role });
  const licence = fields(ed, 'licence')
    .map((f) => squash(`${f.label === '' ? '' : `${f.label}: `}${plainText(f.value)}`))
    .join(' ');
  return {
    title: ed.metadata.title,
    subtitle: ed.metadata.subtitle ?? null,
    authors: ed.metadata.author ? [ed.metadata.author.name] : [],
    resp,
    date: { text: dateText, when: date?.when ?? null, notBefore: date?.notBefore ?? null, notAfter: date?.notAfter ?? null },
    language: ed.metadata.language,
    source: joined(fields(ed, 'source', 'publisher'), '; '),
    firstPublished: joined(fields(ed, 'firstPublished'), '; '),
    licence: licence === '' ? null : licence,
  };
}

/** "Public Domain", "Copyleft", "CC BY-SA 4.0": the kind of licence, for a corpus summary. */
export function licenceKind(licence: string | null): string {
  if (licence === null) return 'no licence stated';
  const cc = /\bCC[- ]BY(?:[- ](?:SA|NC|ND))*(?:[- ]\d\.\d)?|creative\s+commons[^.;,]*/i.exec(licence);
  if (cc) return squash(cc[0]).replace(/^creative/i, 'Creative');
  if (/public\s+domain/i.test(licence)) return 'Public Domain';
  if (/copyleft/i.test(licence)) return 'Copyleft';
  if (/copyright|©/i.test(licence)) return 'Copyright';
  const label = /^([^:]{1,40}):/.exec(licence);
  return label ? squash(label[1]!) : 'other';
}

/** A one-line citation: author. title. date. source. */
export function citation(meta: DocumentMetadata): string {
  const date = meta.date.when ?? (meta.date.notBefore && meta.date.notAfter ? `${meta.date.notBefore}/${meta.date.notAfter}` : meta.date.text);
  const parts = [meta.authors.join('; '), meta.title + (meta.subtitle ? `: ${meta.subtitle}` : ''), date, meta.source].filter((p): p is string => p !== null && p !== '');
  return parts.map((p) => p.replace(/[.\s]+$/, '')).join('. ') + '.';
}

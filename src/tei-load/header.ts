/**
 * `teiHeader` → the model's metadata, editors, hands and emendation records: the inverse
 * of src/tei/header.ts. Where the writer derives an element from the model (the
 * distributor, the publication year, the date attributes, the tagging of a bibl) the
 * loader keeps only what it was derived from, so writing the loaded model again gives
 * the same header. Labels the header does not keep ("Translated" vs "Translation") come
 * back in one canonical spelling of their role.
 */
import type { Agent, Emendation, EmendationKind, HandNote, Inline, MetaField, MetaRole, Metadata, SourcePos } from '../model/edition.js';
import { labelRule } from '../model/labels.js';
import { plainText, squash } from '../model/walk.js';
import { EMENDATION_TEXT, namesIn, RESP_BY_ROLE, RESP_BY_WORDS } from '../tei/header.js';
import type { LoadContext } from './context.js';
import { loadInlines } from './text.js';
import { child, elements, textContent, type XElement, type XNode } from './xml.js';

export interface LoadedHeader {
  metadata: Metadata;
  editors: Agent[];
  hands: HandNote[];
  emendations: Emendation[];
  profile: string;
  /** Pieces of page furniture the converter says it dropped (only their number is in the TEI). */
  droppedCount: number;
}

const ROLE_BY_RESP = new Map<string, MetaRole>([
  ...Object.entries(RESP_BY_ROLE).map(([role, resp]) => [resp, role as MetaRole] as const),
  ...RESP_BY_WORDS.map((r) => [r.resp, r.role] as const),
]);

/** The label a role is given back when the header kept only the role. */
const CANONICAL_LABEL: Partial<Record<MetaRole, string>> = {
  translated: 'Translated',
  transcribed: 'Transcribed',
  markup: 'Markup',
  transcriptionMarkup: 'Transcription/Markup',
  proofed: 'Proofed',
  onlineVersion: 'Online Version',
  editor: 'Editor',
  written: 'Written',
  source: 'Source',
  firstPublished: 'First Published',
};

/** Roles the writer places outside notesStmt: a notesStmt note with such a label was not placed by it. */
const HOMED = new Set<MetaRole>(['firstPublished', 'source', 'publisher', 'licence', ...(Object.keys(RESP_BY_ROLE) as MetaRole[])]);

const field = (label: string, role: MetaRole, value: Inline[], pos: SourcePos): MetaField => ({ label, role, value, pos });

/** "Label: value" as the writer prints a field → label and value; no label when there is no ": ". */
function splitLabel(value: Inline[]): { label: string; value: Inline[] } {
  const first = value[0];
  if (first?.kind !== 'text') return { label: '', value };
  const at = first.text.indexOf(': ');
  if (at < 0) return { label: '', value };
  const rest = first.text.slice(at + 2);
  return { label: first.text.slice(0, at), value: rest === '' ? value.slice(1) : [{ ...first, text: rest }, ...value.slice(1)] };
}

const text = (value: string, pos: SourcePos): Inline[] => (value === '' ? [] : [{ kind: 'text', text: value, pos }]);

// ---------------------------------------------------------------- titleStmt

function loadRespStmts(titleStmt: XElement, ctx: LoadContext, fields: MetaField[], editors: Agent[]): void {
  const stmts = elements(titleStmt, 'respStmt');
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i]!;
    const id = stmt.attrs.get('xml:id');
    const resp = squash(textContent(child(stmt, 'resp') ?? stmt));
    const nameEl = child(stmt, 'persName') ?? child(stmt, 'orgName') ?? child(stmt, 'name');
    const name = nameEl ? squash(textContent(nameEl)) : '';
    if (id === 'teiwright') continue;
    if (id !== undefined) {
      editors.push({ id, name, role: resp });
      continue;
    }
    const role = ROLE_BY_RESP.get(resp) ?? labelRule(resp)?.role;
    const note = child(stmt, 'note');
    if (role === undefined || !RESP_BY_ROLE[role]) {
      // A responsibility the model has no role for: kept as a labelled field (written to notesStmt).
      fields.push(field(resp, 'other', text(elements(stmt).filter((e) => e.name !== 'resp').map((e) => squash(textContent(e))).join(', '), stmt.pos), stmt.pos));
      continue;
    }
    if (!note) {
      const label = RESP_BY_WORDS.find((r) => r.resp === resp)?.label ?? CANONICAL_LABEL[role] ?? resp;
      fields.push(field(label, role, text(name, nameEl?.pos ?? stmt.pos), stmt.pos));
      continue;
    }
    // The credit line verbatim; the writer gave each name it found in it a respStmt of its own.
    const { label, value } = splitLabel(loadInlines(note.children, ctx));
    fields.push(field(label, role, value, stmt.pos));
    const names = namesIn(squash(plainText(value, { anchors: true })));
    i += Math.max(1, names.length) - 1;
  }
}

// ---------------------------------------------------------------- sourceDesc

const BIBL_QUIET = new Set(['title', 'edition', 'publisher', 'pubPlace', 'date', 'biblScope', 'author', 'editor']);

/** A title with `@rend` in a bibl is the italic title of the source (written from a `hi`). */
function titlesAsHi(nodes: readonly XNode[]): XNode[] {
  return nodes.map((n) => (n.type === 'element' && n.name === 'title' && n.attrs.has('rend') ? { ...n, name: 'hi' } : n));
}

function loadSourceDesc(sourceDesc: XElement | undefined, ctx: LoadContext): { source: MetaField[]; first: MetaField[] } {
  const source: MetaField[] = [];
  const first: MetaField[] = [];
  for (const c of sourceDesc ? elements(sourceDesc) : []) {
    if (c.name === 'bibl' && c.attrs.get('type') === 'firstPublished') {
      first.push(field('First Published', 'firstPublished', loadInlines(titlesAsHi(c.children), ctx, { quiet: BIBL_QUIET }), c.pos));
    } else if (c.name === 'bibl' && source.length === 0) {
      // Fields of the source were separate lines, written with lb between them.
      let part: XNode[] = [];
      const flush = (pos: SourcePos): void => {
        source.push(field('Source', 'source', loadInlines(titlesAsHi(part), ctx, { quiet: BIBL_QUIET }), pos));
        part = [];
      };
      let pos = c.pos;
      for (const n of c.children) {
        if (n.type === 'element' && n.name === 'lb') {
          flush(pos);
          pos = n.pos;
        } else part.push(n);
      }
      flush(pos);
    } else if (c.name === 'p' && squash(textContent(c)) === 'The transcription does not name its printed source.') {
      continue;
    } else {
      if (c.name !== 'bibl' && c.name !== 'p') ctx.unwrap(c, `sourceDesc/${c.name}`);
      const value = c.name === 'bibl' || c.name === 'p' ? loadInlines(titlesAsHi(c.children), ctx, { quiet: BIBL_QUIET }) : text(squash(textContent(c)), c.pos);
      source.push(field('Source', 'source', value, c.pos));
    }
  }
  return { source, first };
}

// ---------------------------------------------------------------- encodingDesc

const KIND_BY_TEXT = (Object.entries(EMENDATION_TEXT) as Array<[EmendationKind, string]>).sort((a, b) => b[1].length - a[1].length);

/** "Substitutions … (2): note [1]: …; note [4]: …." → two records. */
function loadCorrection(p: XElement): Emendation[] {
  const words = textContent(p);
  const found = KIND_BY_TEXT.find(([, t]) => words.startsWith(`${t} (`));
  const resp = p.attrs.get('resp');
  if (!found || resp === undefined || !/^#[A-Za-z_][A-Za-z0-9._-]*$/.test(resp)) return [];
  const [kind, lead] = found;
  const m = /^ \((\d+)\): ([\s\S]*)\.$/.exec(words.slice(lead.length));
  if (!m) return [];
  const count = Number(m[1]);
  const pieces = m[2]!.split('; ');
  // A description holding "; " itself: the pieces beyond the count belong to the last one.
  const descriptions = pieces.length > count && count > 0 ? [...pieces.slice(0, count - 1), pieces.slice(count - 1).join('; ')] : pieces;
  return descriptions.map((description) => ({ kind, resp, description, pos: p.pos }));
}

function loadEncodingDesc(encodingDesc: XElement | undefined, ctx: LoadContext): { profile: string; emendations: Emendation[]; droppedCount: number } {
  const out = { profile: 'tei', emendations: [] as Emendation[], droppedCount: 0 };
  if (!encodingDesc) return out;
  const application = elements(child(encodingDesc, 'appInfo') ?? encodingDesc, 'application').find((a) => a.attrs.get('ident') === 'teiwright');
  const ours = application !== undefined;
  if (application) {
    const m = /read as (\S+?)\.?$/.exec(squash(textContent(child(application, 'p') ?? application)));
    if (m) out.profile = m[1]!;
  }
  for (const c of elements(encodingDesc)) {
    if (c.name === 'appInfo') continue;
    if (c.name !== 'editorialDecl' || !ours) {
      ctx.skip(c, `teiHeader/encodingDesc/${c.name}`);
      continue;
    }
    for (const d of elements(c)) {
      if (d.name === 'normalization') {
        for (const p of elements(d, 'p')) {
          const m = /: (\d+) pieces? in this transcription;/.exec(textContent(p));
          if (m) out.droppedCount = Number(m[1]);
        }
      } else if (d.name === 'correction') {
        for (const p of elements(d, 'p')) out.emendations.push(...loadCorrection(p));
      } else ctx.skip(d, `teiHeader/encodingDesc/editorialDecl/${d.name}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- the header

export function loadHeader(tei: XElement, header: XElement | undefined, ctx: LoadContext): LoadedHeader {
  const fileDesc = child(header, 'fileDesc');
  const titleStmt = child(fileDesc, 'titleStmt');
  const titles = titleStmt ? elements(titleStmt, 'title') : [];
  const main = titles.find((t) => !t.attrs.has('type') || t.attrs.get('type') === 'main') ?? titles.find((t) => t.attrs.get('type') !== 'sub');
  const sub = titles.find((t) => t.attrs.get('type') === 'sub');
  const plain = (e: XElement): string => {
    const s = textContent(e);
    return /[\n\t]|\s{2}/.test(s) ? squash(s) : s;
  };
  const metadata: Metadata = { title: main ? plain(main) : '', fields: [], language: 'und' };
  if (!main) ctx.diagnostics.report('title-missing', 'the TEI header has no titleStmt/title', (titleStmt ?? header ?? tei).pos, 'warning');
  if (sub) metadata.subtitle = plain(sub);
  const authors = titleStmt ? elements(titleStmt, 'author') : [];
  if (authors[0]) metadata.author = { name: squash(textContent(authors[0])), from: 'author-line', pos: authors[0].pos };
  for (const extra of authors.slice(1)) ctx.skip(extra, 'titleStmt/author (after the first)');
  for (const t of titles) if (t !== main && t !== sub) ctx.skip(t, 'titleStmt/title (a third title)');
  for (const other of titleStmt ? elements(titleStmt).filter((e) => !['title', 'author', 'respStmt'].includes(e.name)) : []) ctx.skip(other, `titleStmt/${other.name}`);

  const resp: MetaField[] = [];
  const editors: Agent[] = [];
  if (titleStmt) loadRespStmts(titleStmt, ctx, resp, editors);

  const licences: MetaField[] = [];
  const publicationStmt = child(fileDesc, 'publicationStmt');
  for (const c of publicationStmt ? elements(publicationStmt) : []) {
    if (c.name === 'availability') {
      for (const l of elements(c)) {
        if (l.name !== 'licence' && l.name !== 'p') {
          ctx.skip(l, `availability/${l.name}`);
          continue;
        }
        const { label, value } = splitLabel(loadInlines(l.children, ctx));
        licences.push(field(label, 'licence', value, l.pos));
      }
    } else if (c.name !== 'distributor' && c.name !== 'date') ctx.skip(c, `publicationStmt/${c.name}`);
  }

  const notes: MetaField[] = [];
  for (const n of elements(child(fileDesc, 'notesStmt') ?? tei, 'note')) {
    const { label, value } = splitLabel(loadInlines(n.children, ctx));
    const role = labelRule(label)?.role;
    notes.push(field(label, role !== undefined && !HOMED.has(role) ? role : 'other', value, n.pos));
  }
  const { source, first } = loadSourceDesc(child(fileDesc, 'sourceDesc'), ctx);
  for (const other of fileDesc ? elements(fileDesc).filter((e) => !['titleStmt', 'publicationStmt', 'notesStmt', 'sourceDesc'].includes(e.name)) : []) {
    ctx.skip(other, `fileDesc/${other.name}`);
  }

  const profileDesc = child(header, 'profileDesc');
  const written: MetaField[] = [];
  const creation = child(profileDesc, 'creation');
  if (creation) {
    const date = child(creation, 'date');
    written.push(field('Written', 'written', loadInlines((date ?? creation).children, ctx, { quiet: new Set(['date']) }), (date ?? creation).pos));
  }
  const language = child(child(profileDesc, 'langUsage'), 'language')?.attrs.get('ident') ?? tei.attrs.get('xml:lang') ?? 'und';
  metadata.language = language;
  const hands: HandNote[] = [];
  for (const h of elements(child(profileDesc, 'handNotes') ?? tei, 'handNote')) {
    const id = h.attrs.get('xml:id');
    if (id === undefined) {
      ctx.skip(h, 'handNote without xml:id');
      continue;
    }
    const medium = h.attrs.get('medium');
    hands.push({ id, description: textContent(h), ...(medium !== undefined && { medium }) });
  }
  for (const other of profileDesc ? elements(profileDesc).filter((e) => !['creation', 'langUsage', 'handNotes'].includes(e.name)) : []) {
    ctx.skip(other, `profileDesc/${other.name}`);
  }
  for (const other of header ? elements(header).filter((e) => !['fileDesc', 'encodingDesc', 'profileDesc'].includes(e.name)) : []) {
    ctx.skip(other, `teiHeader/${other.name}`);
  }
  const encoding = loadEncodingDesc(child(header, 'encodingDesc'), ctx);

  // The writer takes each group by role, in model order: any order of groups writes the same header.
  metadata.fields = [...resp, ...licences, ...written, ...notes, ...source, ...first];
  return { metadata, editors, hands, emendations: encoding.emendations, profile: encoding.profile, droppedCount: encoding.droppedCount };
}

/**
 * The teiHeader from the edition's metadata (Guidelines ch. 2; see docs/encoding.md).
 * Every metadata field lands somewhere: people in `respStmt`, the licence in `licence`,
 * the printed source in `sourceDesc/bibl`, the date of writing in `creation`, and any
 * field without a better home as a `note` in `notesStmt`.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition, EmendationKind, Inline, MetaField, MetaRole } from '../model/edition.js';
import { plainText, squash, visitInlines } from '../model/walk.js';
import { tagFirstPublished, tagSource, type BiblPiece, type BiblPartKind } from './bibl.js';
import { findDate, type DateAttrs } from './dates.js';
import { authorFrom, isBylineValue, isDateLine } from '../layout/rules.js';
import { labelRule } from '../model/labels.js';
import { el, mixed, txt, writeInlines, type Attrs, type TeiElement } from './text.js';

export interface HeaderContext {
  version: string;
  diagnostics?: Diagnostics;
}

const fieldsWith = (ed: Edition, ...roles: MetaRole[]): MetaField[] => ed.metadata.fields.filter((f) => roles.includes(f.role));

/**
 * `plainText` of a field's value (with anchors' markers when asked): a value of one run of
 * text, as most are, is that text, with no walk.
 */
function textOf(list: readonly Inline[], anchors = false): string {
  const only = list.length === 1 ? list[0]! : undefined;
  return only?.kind === 'text' ? only.text : plainText(list, { anchors });
}

/** A field as printed: "Label: value" (the label is printed without its colon in the model). */
function writeField(parent: TeiElement, f: MetaField): void {
  // A field printed without a label (a collection line) is written as printed, with no stray colon.
  if (f.label !== '') txt(parent, `${f.label}: `);
  writeInlines(parent, f.value);
}

// ---------------------------------------------------------------- titleStmt

const ORG_WORDS = /\b(?:archive|institute|publishers?|press|committee|party|society|library|university|league|union|marxists\.org|mia|magazine|journal|review|newspaper|exchange|collective|group|network|project|website|editions)\b/i;
/**
 * "Class Against Class", "InterActivist Info Exchange": a name no person bears, one with a
 * capitalised preposition or conjunction inside it ("Against", "For", "With") or a word with a
 * capital inside it ("InterActivist"; not "McDonald", "O’Callaghan", "DeLeon": a capital after
 * a short prefix).
 */
const ORG_SHAPE = /\s(?:Against|For|With|Without|Of|And|In|On|To|Versus)\s|\p{Lu}\p{Ll}{3,}\p{Lu}/u;
/** "MEA", "SPGB": a name in capitals only, an archive's or a party's initials, is an organisation's. */
const INITIALS = /^\p{Lu}{2,6}$/u;
const isOrganisation = (name: string): boolean => ORG_WORDS.test(name) || INITIALS.test(name) || ORG_SHAPE.test(name);

const MONTHS = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** Organisations whose name goes on after "of": "Socialist Party of Great Britain". */
const ORG_OF = '(?<!\\b(?:Party|Union|League|Society|Institute|Committee|University|Library|Archive|Council|Association|Congress|Federation|College|Museum)s?)';
/**
 * Where the names of a credit line end: a purpose or place ("for MIA", "in 2008"), a bracket,
 * a semicolon or colon, a date after a comma ("…, 2008", "…, May 2016": a month is never a
 * name), a year, and the end of a sentence ("Peter B. Maggs. Copyright © …": a full stop
 * after a word, not after an initial nor "Mr").
 */
const NAMES_END = new RegExp(
  String.raw`\s+(?:for|from|at|in|on|with|via)\s+(?=\S)|${ORG_OF}\s+of\s+(?=\S)|\s*[(\[]|\s*[;:]\s*|,\s*(?=(?:\d|c\.|ca\.|circa|${MONTHS}(?![\p{L}])))|\s+(?=\d{4}\b)|(?<=\p{L}\p{Ll})(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr))\.\s+(?=\S)`,
  'u',
);

/** A month's name alone: "May", "Sept." (not a name). */
const MONTH_ALONE = new RegExp(`^${MONTHS}$`, 'u');

/** A credit that names nobody: "Translated: Unknown", "Proofread: n/a". */
const NOBODY = /^(?:unknown|not known|anonymous|n\/?a|none|\?+)$/i;

/**
 * What a credit line says before its names, which is not a name: "by" (a byline), the rest of
 * the role ("and corrected by"), the year ("2006 by"), the languages ("from the German by",
 * "into English by").
 */
const BEFORE_NAMES = /^(?:(?:in\s+)?\d{4},?\s+)?(?:(?:and|&)\s+\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*)?\s+)?(?:from\s+(?:the\s+)?\p{L}+\s+)?(?:(?:in)?to\s+(?:the\s+)?\p{L}+\s+)?by\s+(?=\p{Lu})/u;

/** "additional copyediting by Martin Fahlgren": a further credit in the line, its role in small letters before "by". */
const ROLE_BY = /^(?:(?:additional|further|extra|some|minor|final|more)\s+)?(?<resp>\p{Ll}[\p{Ll}-]*(?:\s+(?:and|&)\s+\p{Ll}[\p{Ll}-]*)?)\s+by\s+(?<name>\p{Lu}.*)$/u;

export interface Credit {
  name: string;
  /** The role the line gives this name itself ("additional copyediting by …"), when it is not the label's. */
  resp?: string;
}

/**
 * The people a credit line names, each with the role the line gives it when that is not the
 * label's: "Salil Sen for MIA, 2008" → Salil Sen; "Zodiac and Brian Baggins" → two; "What’s
 * Next magazine, additional copyediting by Martin Fahlgren in 2012" → the magazine, and Martin
 * Fahlgren for the copyediting. Trailing purposes, places and years are not names, nor the
 * rest of the role ("Proofed: and corrected by Andy Blunden"), nor "Unknown".
 */
export function creditsIn(value: string): Credit[] {
  const head = value.replace(BEFORE_NAMES, '').split(NAMES_END)[0] ?? '';
  return head
    .split(/\s*,\s*|\s+(?:and|&)\s+(?!\p{Ll}[\p{Ll}-]*\s+by\s)/u)
    .map((n) => n.replace(/[.\s]+$/, (m) => (/\b\p{Lu}\.$/u.test(n) ? m.trimEnd() : '')).trim())
    .filter((n) => /\p{L}/u.test(n) && !MONTH_ALONE.test(n) && !NOBODY.test(n))
    .map((n) => {
      const by = ROLE_BY.exec(n)?.groups;
      return by ? { name: by['name']!, resp: by['resp']! } : { name: n };
    });
}

/** The names of a credit line (see `creditsIn`). */
export function namesIn(value: string): string[] {
  return creditsIn(value).map((c) => c.name);
}

/** The `resp` phrase of the roles that credit people (as in model/labels.ts). */
export const RESP_BY_ROLE: Partial<Record<MetaRole, string>> = {
  translated: 'translation',
  transcribed: 'transcription',
  markup: 'markup',
  transcriptionMarkup: 'transcription/markup',
  proofed: 'proofreading',
  onlineVersion: 'online version',
  editor: 'editing',
};

/**
 * Credit lines whose words name more than their role's `resp`: "Proofed: and corrected by X",
 * "Proofread and corrected by X" credit proofreading and correction (label and value read as one).
 */
export const RESP_BY_WORDS: ReadonlyArray<{ role: MetaRole; pattern: RegExp; resp: string; label: string }> = [
  { role: 'proofed', pattern: /^proof-?(?:read|ed|ing)\s*:?\s*(?:and|&)\s+correct(?:ed|ion)\b/i, resp: 'proofreading and correction', label: 'Proofed and corrected' },
];

/** The credits of a field whose role credits people; none when it names nobody ("Translated: Unknown", an empty "Proofread:"). */
interface Credited {
  resp: string;
  credits: Credit[];
  value: string;
}

/** The credits of each field, worked out once per document (the titleStmt and the notesStmt both ask). */
type CreditsOf = (f: MetaField) => Credited | undefined;

function creditsOnce(): CreditsOf {
  const known = new Map<MetaField, Credited | undefined>();
  return (f) => {
    if (known.has(f)) return known.get(f);
    const credited = fieldCredits(f);
    known.set(f, credited);
    return credited;
  };
}

function fieldCredits(f: MetaField): Credited | undefined {
  const resp = RESP_BY_ROLE[f.role];
  if (resp === undefined) return undefined;
  const value = squash(textOf(f.value, true));
  // A fuller phrase the line's words give (RESP_BY_WORDS), else the label's own phrase
  // ("Transcription/Editing/HTML Markup" says every role it credits), else the role's.
  const line = `${squash(f.label)} ${value}`.trim();
  const byWords = RESP_BY_WORDS.find((r) => r.role === f.role && r.pattern.test(line))?.resp;
  return { resp: byWords ?? labelRule(f.label)?.resp ?? resp, credits: creditsIn(value), value };
}

/** Whether a field's words hold a note anchor (at any depth). */
function holdsAnchor(f: MetaField): boolean {
  let found = false;
  visitInlines([f.value], (node) => {
    if (node.kind === 'noteAnchor') found = true;
  });
  return found;
}

function writeRespStmts(titleStmt: TeiElement, ed: Edition, creditsOf: CreditsOf): void {
  for (const f of ed.metadata.fields) {
    const credited = creditsOf(f);
    if (!credited || credited.credits.length === 0) continue;
    const { resp, credits, value } = credited;
    // The credit line verbatim when the names alone do not say all of it (year, "for MIA"),
    // or when it holds a note anchor: the note points at the anchor's id, which only the verbatim line writes.
    const verbatim = credits.length !== 1 || credits[0]!.name !== value || holdsAnchor(f);
    credits.forEach(({ name, resp: own }, i) => {
      const stmt = el(titleStmt, 'respStmt');
      txt(el(stmt, 'resp'), own ?? resp);
      txt(el(stmt, isOrganisation(name) ? 'orgName' : 'persName'), name);
      if (verbatim && i === 0) writeField(el(stmt, 'note'), f);
    });
  }
  for (const editor of ed.editors) {
    const stmt = el(titleStmt, 'respStmt', [['xml:id', editor.id]]);
    txt(el(stmt, 'resp'), editor.role);
    txt(el(stmt, 'persName'), editor.name);
  }
  const self = el(titleStmt, 'respStmt', [['xml:id', 'teiwright']]);
  txt(el(self, 'resp'), 'conversion to TEI');
  txt(el(self, 'name', [['type', 'software']]), 'teiwright');
}

function writeTitleStmt(fileDesc: TeiElement, ed: Edition, creditsOf: CreditsOf): void {
  const titleStmt = el(fileDesc, 'titleStmt');
  txt(el(titleStmt, 'title'), ed.metadata.title);
  if (ed.metadata.subtitle !== undefined) txt(el(titleStmt, 'title', [['type', 'sub']]), ed.metadata.subtitle);
  if (ed.metadata.author) txt(el(titleStmt, 'author'), ed.metadata.author.name);
  writeRespStmts(titleStmt, ed, creditsOf);
}

// ---------------------------------------------------------------- publicationStmt

/** "Lenin Internet Archive", "J. V. Stalin Archive", "Marxists Internet Archive", "Marxists’ Internet Archive". */
const ARCHIVE = /((?:\p{Lu}(?:\.|[\p{L}'’-]*)\s+){0,4}(?:Internet\s+)?Archive)\b/u;
/** The spellings of the Marxists Internet Archive's name: "Marxists’ Internet Archive", "Marxist Internet Archive". */
const MIA_NAME = /^Marxists?['’]?\s+Internet\s+Archive$/u;

/**
 * Who distributes the transcription: the first archive the licence or online-version line
 * names, else the Marxists Internet Archive, whose house styles are the only inputs teiwright
 * reads. An author's archive ("George Novack Internet Archive", "John Reed Internet Archive":
 * a person's full name) is a section of the Marxists Internet Archive, which distributes it.
 */
function distributorOf(texts: readonly string[]): string {
  for (const text of texts) {
    // ARCHIVE cannot match without the word.
    const m = text.includes('Archive') ? ARCHIVE.exec(text) : null;
    if (!m) continue;
    const name = squash(m[1]!);
    if (MIA_NAME.test(name) || (/\sInternet\s+Archive$/.test(name) && authorFrom(name, 'bottom')?.rule.name === 'archive link')) return 'Marxists Internet Archive';
    return name;
  }
  return 'Marxists Internet Archive';
}

/** The year of the online publication, when the licence line gives one: "Lenin Internet Archive (2003)". */
function publicationYear(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const m = text.includes('(') ? /\((\d{4})\)/.exec(text) : null;
    if (m) return m[1];
  }
  return undefined;
}

function writePublicationStmt(fileDesc: TeiElement, ed: Edition): void {
  const stmt = el(fileDesc, 'publicationStmt');
  // The licence and online-version lines, as text once for both questions.
  const texts = fieldsWith(ed, 'licence', 'onlineVersion').map((f) => textOf(f.value));
  txt(el(stmt, 'distributor'), distributorOf(texts));
  const year = publicationYear(texts);
  if (year !== undefined) txt(el(stmt, 'date', [['when', year]]), year);
  const licences = fieldsWith(ed, 'licence');
  if (licences.length > 0) {
    const availability = el(stmt, 'availability');
    for (const f of licences) writeField(el(availability, 'licence'), f);
  }
}

// ---------------------------------------------------------------- notesStmt, sourceDesc

const BIBL_ELEMENT: Record<BiblPartKind, readonly [string, Attrs]> = {
  title: ['title', []],
  edition: ['edition', []],
  publisher: ['publisher', []],
  pubPlace: ['pubPlace', []],
  date: ['date', []],
  volume: ['biblScope', [['unit', 'volume']]],
  page: ['biblScope', [['unit', 'page']]],
};

const dateAttrs = (d: DateAttrs | undefined): Attrs => [['when', d?.when], ['notBefore', d?.notBefore], ['notAfter', d?.notAfter]];

function writeBiblPieces(bibl: TeiElement, pieces: readonly BiblPiece[]): void {
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        txt(bibl, piece.text);
        break;
      case 'part': {
        const [name, attrs] = BIBL_ELEMENT[piece.part];
        txt(el(bibl, name, piece.part === 'date' ? dateAttrs(piece.date) : attrs), piece.text);
        break;
      }
      case 'titleNode':
        writeInlines(el(bibl, 'title', [['rend', piece.node.rend]]), piece.node.children);
        break;
      case 'inline':
        writeInlines(bibl, [piece.node]);
        break;
      case 'break':
        // The fields of the source were separate lines; no punctuation is invented between them.
        el(bibl, 'lb');
        break;
    }
  }
}

function writeSourceDesc(fileDesc: TeiElement, ed: Edition): void {
  const sourceDesc = el(fileDesc, 'sourceDesc');
  const source = fieldsWith(ed, 'source', 'publisher');
  const first = fieldsWith(ed, 'firstPublished');
  if (source.length > 0) writeBiblPieces(el(sourceDesc, 'bibl'), tagSource(source.map((f) => f.value)));
  for (const f of first) writeBiblPieces(el(sourceDesc, 'bibl', [['type', 'firstPublished']]), tagFirstPublished(f.value));
  if (source.length === 0 && first.length === 0) {
    txt(el(sourceDesc, 'p'), 'The transcription does not name its printed source.');
  }
}

/** Fields with no better home than a note: unknown labels, signatures, extra dates of writing. */
function notesStmtFields(ed: Edition, creditsOf: CreditsOf, written: MetaField | undefined): MetaField[] {
  // A credit naming nobody ("Translated: Unknown", an empty "Proofread:") has no respStmt: its words are a note.
  const nobody = (f: MetaField) => creditsOf(f)?.credits.length === 0;
  return ed.metadata.fields.filter((f) => !HOMED_ROLES.has(f.role) || ((f.role === 'written' || f.role === 'delivered') && f !== written) || nobody(f));
}

/** Roles written elsewhere in the header; every other field goes to notesStmt. */
const HOMED_ROLES = new Set<MetaRole>(['written', 'delivered', 'firstPublished', 'source', 'publisher', 'licence', ...(Object.keys(RESP_BY_ROLE) as MetaRole[])]);

function writeNotesStmt(fileDesc: TeiElement, ed: Edition, creditsOf: CreditsOf, written: MetaField | undefined): void {
  const fields = notesStmtFields(ed, creditsOf, written);
  if (fields.length === 0) return;
  const notesStmt = el(fileDesc, 'notesStmt');
  for (const f of fields) writeField(el(notesStmt, 'note', [['type', 'metadata']]), f);
}

// ---------------------------------------------------------------- encodingDesc

export const EMENDATION_TEXT: Record<EmendationKind, string> = {
  subst: 'Substitutions described in the editors’ notes are encoded with subst, del and add at the anchor; the notes are kept',
  del: 'Deletions described in the editors’ notes are encoded with del',
  add: 'Additions described in the editors’ notes are encoded with add, with their place and hand',
  gap: 'Omissions and illegible passages are encoded with gap and their reason; the printed sign is kept in desc',
  unclear: 'Unclear readings are encoded with unclear',
  supplied: 'Letters or words the editors supplied in brackets are encoded with supplied',
  sic: 'Errors of the source marked as such are encoded with sic',
  charref: 'Broken character references are repaired with choice, keeping the broken form in sic and the character in corr',
  correction: 'Corrections from the editor’s corrections file are encoded with choice, keeping the original in sic',
};

/** A description repeated more often than this is listed once, with its count. */
const REPEATS_LISTED = 10;

/**
 * The descriptions of one paragraph in model order; one that repeats more than
 * REPEATS_LISTED times (50,000 repairs of one broken reference) is listed once, at its first
 * place, as `description (×N)`, so the header says what was done without a line per repair.
 */
function listed(descriptions: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const d of descriptions) counts.set(d, (counts.get(d) ?? 0) + 1);
  if (counts.size === descriptions.length) return [...descriptions];
  const out: string[] = [];
  const done = new Set<string>();
  for (const d of descriptions) {
    const n = counts.get(d)!;
    if (n <= REPEATS_LISTED) out.push(d);
    else if (!done.has(d)) {
      done.add(d);
      out.push(`${d} (×${n})`);
    }
  }
  return out;
}

function writeEditorialDecl(encodingDesc: TeiElement, ed: Edition): void {
  const decl = el(encodingDesc, 'editorialDecl');
  const normalization = el(decl, 'normalization', [['method', 'silent']]);
  txt(
    el(normalization, 'p'),
    'Line ends are normalised to LF and a byte order mark is removed. Text is otherwise kept as transcribed, including its spelling and typing errors.',
  );
  const dropped = ed.dropped.length;
  txt(
    el(normalization, 'p'),
    `Page furniture of the web page (navigation links, index links, a "README" link) is dropped${dropped > 0 ? `: ${dropped} ${dropped === 1 ? 'piece' : 'pieces'} in this transcription` : ''}; each drop is reported as a diagnostic.`,
  );
  // One paragraph per kind of emendation and per party responsible, in model order.
  const groups = new Map<string, { kind: EmendationKind; resp: string; descriptions: string[] }>();
  for (const e of ed.emendations) {
    const key = `${e.kind}\u0000${e.resp}`;
    const group = groups.get(key) ?? { kind: e.kind, resp: e.resp, descriptions: [] };
    group.descriptions.push(e.description);
    groups.set(key, group);
  }
  if (groups.size === 0) return;
  const correction = el(decl, 'correction', [['method', 'markup']]);
  for (const g of groups.values()) {
    txt(el(correction, 'p', [['resp', g.resp]]), `${EMENDATION_TEXT[g.kind]} (${g.descriptions.length}): ${listed(g.descriptions).join('; ')}.`);
  }
}

function writeEncodingDesc(header: TeiElement, ed: Edition, ctx: HeaderContext): void {
  const encodingDesc = el(header, 'encodingDesc');
  const application = el(el(encodingDesc, 'appInfo'), 'application', [['ident', 'teiwright'], ['version', ctx.version]]);
  txt(el(application, 'label'), 'teiwright');
  txt(el(application, 'p'), `Converted from a plain-text transcription read as ${ed.profile}.`);
  writeEditorialDecl(encodingDesc, ed);
}

// ---------------------------------------------------------------- profileDesc

/** The field that dates the writing: the first "Written" line, else the first "Delivered" one. */
function creationField(ed: Edition): MetaField | undefined {
  // "Written: by Max Eastman" is a byline, not a date: the date is looked for elsewhere.
  const dated = (f: MetaField) => !isBylineValue(textOf(f.value));
  return fieldsWith(ed, 'written').find(dated) ?? fieldsWith(ed, 'delivered').find(dated);
}

/**
 * Without a "Written" or "Delivered" field, the date of writing is the date the text itself
 * prints: a letter's dateline (opener, then closer), else a date line under the title
 * ("(October 1913)", "March 1912"). Only the date's own words go into `creation/date`.
 */
function printedDateOfWriting(ed: Edition): { words: string; found: NonNullable<ReturnType<typeof findDate>> } | undefined {
  const { body } = ed;
  // A date line printed between the title and the text ("(April 1980)" under a subtitle) counts too.
  const dateLines = body.argument.flatMap((b) => (b.kind === 'p' && isDateLine(plainText(b.children)) ? [b.children] : []));
  const candidates = [body.opener?.dateline, body.closer?.dateline, body.subtitle, ...dateLines];
  for (const inl of candidates) {
    if (!inl) continue;
    const words = squash(plainText(inl));
    // A subtitle counts only when it is a date line, not a sentence that names a year.
    if (inl === body.subtitle && (words.length > 60 || /[.!?]\s+\S/.test(words))) continue;
    const found = findDate(words);
    // A span of whole years under a title ("1525–1848", "1912-1914") is the period a chapter covers.
    if (found && inl !== body.opener?.dateline && inl !== body.closer?.dateline && found.notBefore !== undefined && /^\d{4}$/.test(found.notBefore)) continue;
    if (found) return { words, found };
  }
  return undefined;
}

function writeCreation(profileDesc: TeiElement, ed: Edition, ctx: HeaderContext, f: MetaField | undefined): void {
  if (!f) {
    const printed = printedDateOfWriting(ed);
    if (!printed) return;
    // dateAttrs reads the attributes alone (not the span).
    txt(el(el(profileDesc, 'creation'), 'date', dateAttrs(printed.found)), printed.words.slice(printed.found.start, printed.found.end));
    return;
  }
  const words = textOf(f.value);
  const found = findDate(words);
  if (!found) ctx.diagnostics?.report('date-unparsed', `no date could be derived from "${squash(words)}"; the words are kept in creation/date without @when`, f.pos);
  mixed(el(profileDesc, 'creation'), 'date', f.value, dateAttrs(found));
}

function writeProfileDesc(header: TeiElement, ed: Edition, ctx: HeaderContext, written: MetaField | undefined): void {
  const profileDesc = el(header, 'profileDesc');
  writeCreation(profileDesc, ed, ctx, written);
  txt(el(el(profileDesc, 'langUsage'), 'language', [['ident', ed.metadata.language]]), languageName(ed.metadata.language));
  if (ed.hands.length > 0) {
    const handNotes = el(profileDesc, 'handNotes');
    for (const hand of ed.hands) txt(el(handNotes, 'handNote', [['xml:id', hand.id], ['medium', hand.medium]]), hand.description);
  }
}

const LANGUAGES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', ru: 'Russian', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', sv: 'Swedish', zh: 'Chinese' };
const languageName = (code: string): string => LANGUAGES[code.toLowerCase().split('-')[0] ?? ''] ?? code;

export function writeHeader(tei: TeiElement, ed: Edition, ctx: HeaderContext): void {
  const header = el(tei, 'teiHeader');
  const fileDesc = el(header, 'fileDesc');
  const creditsOf = creditsOnce();
  // The field that dates the writing: the notesStmt leaves it out, profileDesc writes it.
  const written = creationField(ed);
  writeTitleStmt(fileDesc, ed, creditsOf);
  writePublicationStmt(fileDesc, ed);
  writeNotesStmt(fileDesc, ed, creditsOf, written);
  writeSourceDesc(fileDesc, ed);
  writeEncodingDesc(header, ed, ctx);
  writeProfileDesc(header, ed, ctx, written);
}

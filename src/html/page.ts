/**
 * One edition → one self-contained HTML page: the citation block, the text with its
 * structure, the endnotes with links back to every anchor, the editorial changes. Inline
 * CSS and script, a Content-Security-Policy that allows only those two (pinned by hash), so
 * the page loads nothing from the network and runs nothing it does not carry.
 */
import { createHash } from 'node:crypto';
import type { Body, Edition, MetaField, Note, NoteSection, SourcePos } from '../model/edition.js';
import { plainText, squash } from '../model/walk.js';
import { PAGE_CSS, PAGE_SCRIPT } from './assets.js';
import { makeContext, whoDecided, type RenderContext } from './context.js';
import { esc } from './escape.js';
import { renderBlocks, renderInlines } from './inline.js';
import { summarise, writingDate, writingField } from './summary.js';
import { isBefore } from '../tei/text.js';

export interface PageOptions {
  /** teiwright's version, named in the footer and the generator meta. */
  version: string;
  /** A link back to the list of editions ("index.html"), when the page is one of a set. */
  indexHref?: string;
  /** The TEI file the page was made from, named in the footer. */
  sourceName?: string;
  /** A link from the page to that TEI file (relative), offered as "TEI source". */
  teiHref?: string;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

/** The policy that keeps a page offline and inert: only its own style and script run. */
export function contentSecurityPolicy(css: string, script: string): string {
  return `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(script)}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function head(title: string, language: string, css: string, script: string, version: string, meta = ''): string {
  return (
    `<!DOCTYPE html>\n<html lang="${esc(language)}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(css, script))}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="teiwright ${esc(version)}">\n${meta}` +
    `<title>${esc(title)}</title>\n<style>${css}</style>\n</head>\n`
  );
}

/** A field's label as printed; a field printed without one is named by its role. */
const ROLE_LABEL: Record<MetaField['role'], string> = {
  written: 'Written', delivered: 'Delivered', firstPublished: 'First published', source: 'Source', publisher: 'Publisher',
  translated: 'Translated', transcribed: 'Transcribed', markup: 'Markup', transcriptionMarkup: 'Transcription/Markup',
  proofed: 'Proofread', onlineVersion: 'Online version', licence: 'Licence', signed: 'Signed', editor: 'Editor',
  other: 'Note', collection: 'Collection',
};
/**
 * The order of the citation block, whatever order the source or the TEI header gave:
 * when, where from, who, and the licence last.
 */
const ROLE_ORDER: readonly MetaField['role'][] = [
  'written', 'delivered', 'firstPublished', 'source', 'publisher', 'translated', 'transcribed', 'transcriptionMarkup', 'markup',
  'proofed', 'editor', 'onlineVersion', 'signed', 'other', 'collection', 'licence',
];
const byRole = (a: MetaField, b: MetaField): number => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role);

const fieldLabel = (f: MetaField): string => (f.label.trim() !== '' ? f.label : ROLE_LABEL[f.role]);

/** The citation block: who wrote what when, from which source, who translated and transcribed it, under which licence (verbatim). */
function citation(ed: Edition, ctx: RenderContext): string {
  const s = summarise(ed);
  const rows: string[] = [];
  if (ed.metadata.author) rows.push(`<div><dt>Author</dt><dd class="cite-author">${esc(ed.metadata.author.name)}</dd></div>`);
  rows.push(`<div><dt>Title</dt><dd class="cite-title">${esc(s.title)}${ed.metadata.subtitle ? `: ${esc(ed.metadata.subtitle)}` : ''}</dd></div>`);
  const written = writingField(ed);
  const date = writingDate(ed);
  if (date?.from === 'dateline') rows.push(`<div><dt>Date (from the dateline)</dt><dd class="cite-date">${esc(date.words)}</dd></div>`);
  for (const f of [...ed.metadata.fields].sort(byRole)) {
    if (f.role === 'collection') continue;
    const cls = f === written ? ' class="cite-date"' : f.role === 'licence' ? ' class="cite-licence"' : '';
    rows.push(`<div><dt>${esc(fieldLabel(f))}</dt><dd${cls}>${renderInlines(f.value, ctx)}</dd></div>`);
  }
  const source = ed.metadata.fields.find((f) => f.role === 'source') ?? ed.metadata.fields.find((f) => f.role === 'firstPublished');
  // The parts without the punctuation they end with in the source ("1871;"), joined by full stops.
  const citeAs = [s.author, `“${s.title}”`, s.dateWords, source ? squash(plainText(source.value)) : undefined]
    .map((x) => x?.replace(/[\s.,;:]+$/, ''))
    .filter((x): x is string => x !== undefined && x !== '');
  return (
    `<section class="citation" aria-labelledby="tw-citation-h">\n<h2 id="tw-citation-h">About this text</h2>\n<dl>\n${rows.join('\n')}\n</dl>\n` +
    `<p class="cite-as"><strong>Cite as:</strong> ${esc(citeAs.join('. '))}.</p>\n</section>\n`
  );
}

function titleZone(ed: Edition, ctx: RenderContext): string {
  let out = '';
  for (const f of ed.metadata.fields) if (f.role === 'collection') out += `<p class="collection">${renderInlines(f.value, ctx)}</p>\n`;
  const b = ed.body;
  if (b.beforeHead && b.beforeHead.length > 0) out += `<div class="before-head">\n${renderBlocks(b.beforeHead, ctx, { headings: 'p' })}</div>\n`;
  // The title as printed, with its note anchors; the model's title when the text prints none.
  out += `<h1 id="tw-title">${b.head.length > 0 ? renderInlines(b.head, ctx) : esc(summarise(ed).title)}</h1>\n`;
  if (b.subtitle) out += `<p class="subtitle">${renderInlines(b.subtitle, ctx)}</p>\n`;
  else if (ed.metadata.subtitle) out += `<p class="subtitle">${esc(ed.metadata.subtitle)}</p>\n`;
  if (ed.metadata.author && !(b.beforeHead ?? []).some((bl) => bl.kind === 'p' && squash(plainText(bl.children)) === squash(ed.metadata.author?.name ?? ''))) {
    out += `<p class="byline">${esc(ed.metadata.author.name)}</p>\n`;
  }
  return out;
}

function toolbar(hasEmendations: boolean): string {
  // Hidden until the script runs: without JavaScript the button could do nothing.
  if (!hasEmendations) return '';
  return (
    '<div class="toolbar" hidden>\n<button type="button" id="tw-view-switch" aria-pressed="false">Diplomatic view</button>\n' +
    '<span id="tw-view-status" class="view-status" role="status">Showing the reading text.</span>\n</div>\n'
  );
}


/**
 * The text in the order the TEI keeps: a headnote printed above the opener stays above it, a
 * salutation printed above the place-date line too, a place-date above the signature as well;
 * a notes section printed between two parts of the text stands there.
 */
/** The id of the heading of the `i`-th notes section printed in the text. */
const inTextId = (i: number): string => `tw-notes-in-text-${i + 1}`;

/** `inText`: the notes sections printed in the text, in source order. */
function text(b: Body, inText: readonly NoteSection[], ctx: RenderContext, notes: NoteNumbers): string {
  let out = `<section id="tw-text" class="text${b.divType ? ` ${esc(b.divType)}` : ''}" aria-label="Text">\n`;
  const argument = b.argument.length > 0 ? `<div class="argument">\n${renderBlocks(b.argument, ctx, { headings: 'p' })}</div>\n` : '';
  const argumentFirst = argument !== '' && b.opener !== undefined && isBefore(b.argument[0]!.pos, b.opener.pos);
  if (argumentFirst) out += argument;
  if (b.opener && (b.opener.dateline || b.opener.salute)) {
    out += '<div class="opener">\n';
    const salute = b.opener.salute ? `<p class="salute">${renderInlines(b.opener.salute, ctx)}</p>\n` : '';
    if (b.opener.saluteFirst) out += salute;
    if (b.opener.dateline) out += `<p class="dateline">${renderInlines(b.opener.dateline, ctx)}</p>\n`;
    if (!b.opener.saluteFirst) out += salute;
    out += '</div>\n';
  }
  if (!argumentFirst) out += argument;
  const inserts = inText.map((section, i) => ({ pos: section.pos, html: () => notesInText(section, inTextId(i), ctx, notes) }));
  out += renderBlocks(b.blocks, ctx, { headings: 'h', offset: 1, inserts });
  const c = b.closer;
  if (c && (c.salute || c.signed || c.dateline)) {
    out += '<div class="closer">\n';
    const dateline = c.dateline ? `<p class="dateline">${renderInlines(c.dateline, ctx)}</p>\n` : '';
    const datelineFirst = c.dateline?.[0] !== undefined && [c.salute?.[0], c.signed?.[0]].some((n) => n !== undefined && isBefore(c.dateline![0]!.pos, n.pos));
    if (datelineFirst) out += dateline;
    if (c.salute) out += `<p class="salute">${renderInlines(c.salute, ctx)}</p>\n`;
    if (c.signed) out += `<p class="signed">${renderInlines(c.signed, ctx)}</p>\n`;
    if (!datelineFirst) out += dateline;
    out += '</div>\n';
  }
  if (b.postscript) out += `<div class="postscript">\n${renderBlocks(b.postscript.blocks, ctx, { headings: 'p' })}</div>\n`;
  for (const pub of b.publicationNotes) out += `<p class="publication-note">${renderInlines(pub.children, ctx)}</p>\n`;
  return `${out}</section>\n`;
}

const NOTE_TYPE: Record<Note['type'], string> = { editorial: 'editors’ note', authorial: 'author’s note', translator: 'translator’s note', unknown: '' };

/** Each note's place among all the notes of the edition (from 1), for the id of a note that has none. */
type NoteNumbers = ReadonlyMap<Note, number>;

function note(n: Note, numbers: NoteNumbers, ctx: RenderContext): string {
  const id = n.id ?? `note-${numbers.get(n) ?? 0}`;
  const anchors = ctx.anchorsByNote.get(id) ?? [];
  const back =
    anchors.length === 0
      ? ''
      : `<span class="backlinks">${anchors
          .map((a, i) => `<a href="#${esc(a)}" role="doc-backlink" aria-label="Back to the text${anchors.length > 1 ? `, anchor ${i + 1} of ${anchors.length}` : ''}">↩${anchors.length > 1 ? `<sup>${i + 1}</sup>` : ''}</a>`)
          .join(' ')}</span>`;
  const type = NOTE_TYPE[n.type];
  return (
    `<li id="${esc(id)}"><span class="note-label">${esc(n.label)}</span>` +
    `<span class="note-body">${renderBlocks(n.blocks, ctx, { headings: 'p' }).trimEnd()}</span>` +
    `${type !== '' ? ` <span class="note-type">(${type})</span>` : ''}${back}</li>\n`
  );
}

/** A section's own paragraphs (what its notes are), then its notes. */
const sectionBody = (section: NoteSection, ctx: RenderContext, numbers: NoteNumbers): string =>
  (section.blocks ? `<div class="notes-intro">\n${renderBlocks(section.blocks, ctx, { headings: 'p' })}</div>\n` : '') +
  (section.notes.length > 0 ? `<ol>\n${section.notes.map((n) => note(n, numbers, ctx)).join('')}</ol>\n` : '');

/** The notes sections printed after the text, under one "Notes" heading. */
function notes(sections: readonly NoteSection[], ctx: RenderContext, numbers: NoteNumbers): string {
  if (sections.length === 0) return '';
  let out = '<section class="notes" role="doc-endnotes" aria-labelledby="tw-notes-h">\n<h2 id="tw-notes-h">Notes</h2>\n';
  for (const section of sections) {
    if (section.heading) out += `<h3>${renderInlines(section.heading, ctx)}</h3>\n`;
    out += sectionBody(section, ctx, numbers);
  }
  return `${out}</section>\n`;
}

/** A notes section the edition prints between two parts of the text, where it stands, under its own heading. */
function notesInText(section: NoteSection, id: string, ctx: RenderContext, numbers: NoteNumbers): string {
  const heading = section.heading ? renderInlines(section.heading, ctx) : 'Notes';
  return `<section class="notes notes-in-text" role="doc-endnotes" aria-labelledby="${id}">\n<h3 id="${id}">${heading}</h3>\n${sectionBody(section, ctx, numbers)}</section>\n`;
}

/** The emendations recorded for the edition, with who made each: what `editorialDecl` says, for a reader. */
function editorialChanges(ed: Edition, ctx: RenderContext): string {
  if (ed.emendations.length === 0) return '';
  const items = ed.emendations.map((e) => `<li>${esc(e.description)} <span class="note-type">(${esc(whoDecided(ctx, e.resp))})</span></li>`).join('\n');
  return `<section class="about" aria-labelledby="tw-changes-h">\n<h2 id="tw-changes-h">Editorial changes</h2>\n<ul class="editorial-changes">\n${items}\n</ul>\n</section>\n`;
}

/** The descriptions the emendations point to with aria-describedby; never shown as such. */
const tipList = (ctx: RenderContext): string =>
  ctx.tips.length === 0 ? '' : `<div hidden>\n${ctx.tips.map((t, i) => `<span id="tw-tip-${i + 1}">${esc(t)}</span>`).join('\n')}\n</div>\n`;

/**
 * What citation managers (Zotero, Google Scholar: the Highwire tags) and Dublin Core
 * readers pick up: title, author, date of writing, licence.
 */
function citationMeta(ed: Edition): string {
  const s = summarise(ed);
  const licence = ed.metadata.fields.find((f) => f.role === 'licence');
  const tags: Array<[string, string | undefined]> = [
    ['citation_title', s.title],
    ['citation_author', s.author],
    ['citation_date', s.dateCited],
    ['DC.title', s.title],
    ['DC.creator', s.author],
    ['DC.date', s.dateCited],
    ['DC.rights', licence ? squash(plainText(licence.value)) : undefined],
    ['DC.language', ed.metadata.language],
  ];
  return tags
    .filter((t): t is [string, string] => t[1] !== undefined && t[1] !== '')
    .map(([name, content]) => `<meta name="${name}" content="${esc(content)}">\n`)
    .join('');
}

/** A relative path as an href: each segment percent-encoded, so a file name can be neither a scheme nor markup. */
export const relativeHref = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

export function renderPage(ed: Edition, options: PageOptions): string {
  const ctx = makeContext(ed);
  const s = summarise(ed);
  // Rendered first: the handlers collect the tooltips that the page lists at its end.
  const zone = titleZone(ed, ctx);
  const cite = citation(ed, ctx);
  const numbers = new Map<Note, number>();
  for (const section of ed.notes) for (const n of section.notes) numbers.set(n, numbers.size + 1);
  const inText = ed.notes.filter((section) => section.inText === true).sort((x, y) => (isBefore(x.pos, y.pos) ? -1 : isBefore(y.pos, x.pos) ? 1 : 0));
  const body = text(ed.body, inText, ctx, numbers);
  const endnotes = notes(ed.notes.filter((section) => section.inText !== true), ctx, numbers);
  const firstNotes = inText.length > 0 ? inTextId(0) : endnotes !== '' ? 'tw-notes-h' : undefined;
  const hasEmendations = ctx.tips.length > 0;
  const nav = [
    options.indexHref !== undefined ? `<li><a href="${esc(options.indexHref)}">All editions</a></li>` : '',
    '<li><a href="#tw-text">Text</a></li>',
    firstNotes !== undefined ? `<li><a href="#${firstNotes}">Notes</a></li>` : '',
    options.teiHref !== undefined ? `<li><a href="${esc(relativeHref(options.teiHref))}" type="application/tei+xml">TEI source</a></li>` : '',
  ].join('');
  return (
    head(s.author ? `${s.title} — ${s.author}` : s.title, ed.metadata.language, PAGE_CSS, PAGE_SCRIPT, options.version, citationMeta(ed)) +
    '<body>\n<a class="skip" href="#tw-text">Skip to the text</a>\n' +
    `<header class="site"><span>Reading edition</span><nav aria-label="Page"><ul>${nav}</ul></nav></header>\n` +
    `<main id="tw-main">\n<article aria-labelledby="tw-title">\n<header>\n${zone}</header>\n${cite}${toolbar(hasEmendations)}${body}${endnotes}${editorialChanges(ed, ctx)}</article>\n${tipList(ctx)}</main>\n` +
    `<footer class="page"><p>Made with teiwright ${esc(options.version)}${options.sourceName !== undefined ? ` from ${esc(options.sourceName)}` : ''}. ` +
    'The reading text shows the editors’ emendations; the diplomatic view shows the source as transcribed.</p></footer>\n' +
    `<script>${PAGE_SCRIPT}</script>\n</body>\n</html>\n`
  );
}

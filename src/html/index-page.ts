/**
 * `index.html`: every edition of a run with its title, author, date of writing and counts
 * of notes and emendations. Sorted by date, then author, then title in the file itself
 * (so it reads in order without JavaScript); the script lets a reader sort by any column.
 */
import { INDEX_SCRIPT, PAGE_CSS } from './assets.js';
import { esc } from './escape.js';
import { head } from './page.js';
import type { EditionSummary } from './summary.js';

export interface IndexEntry {
  /** The page's path relative to index.html ("lenin/1921.html"). */
  href: string;
  summary: EditionSummary;
}

const compare = (a: string | undefined, b: string | undefined): number =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;

export function sortEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  return [...entries].sort(
    (x, y) =>
      compare(x.summary.dateSort, y.summary.dateSort) ||
      compare(x.summary.author, y.summary.author) ||
      compare(x.summary.title, y.summary.title) ||
      compare(x.href, y.href),
  );
}

/** A relative link made of path segments, each percent-encoded: a file name cannot become a scheme or markup. */
const pageHref = (href: string): string => href.split('/').map(encodeURIComponent).join('/');

export function renderIndex(entries: readonly IndexEntry[], options: { version: string; title?: string }): string {
  const title = options.title ?? 'Editions';
  const rows = sortEntries(entries)
    .map(({ href, summary: s }) => {
      const attrs = `data-date="${esc(s.dateSort ?? '')}" data-author="${esc(s.author ?? '')}" data-title="${esc(s.title)}" data-notes="${s.notes}"`;
      return (
        `<tr ${attrs}><td><a href="${esc(pageHref(href))}"${s.language !== undefined ? ` lang="${esc(s.language)}"` : ''}>${esc(s.title)}</a></td>` +
        `<td>${esc(s.author ?? '')}</td><td>${esc(s.dateWords ?? '')}</td><td class="num">${s.notes}</td><td class="num">${s.emendations}</td></tr>`
      );
    })
    .join('\n');
  return (
    head(title, 'en', PAGE_CSS, INDEX_SCRIPT, options.version) +
    `<body>\n<a class="skip" href="#tw-main">Skip to the list</a>\n<header class="site"><span>Reading editions</span></header>\n` +
    `<main id="tw-main">\n<h1>${esc(title)}</h1>\n<p>${entries.length} ${entries.length === 1 ? 'edition' : 'editions'}, by date of writing.</p>\n` +
    '<table class="editions">\n<caption class="visually-hidden">Editions: title, author, date of writing, notes and emendations</caption>\n' +
    '<thead><tr><th scope="col" data-key="title">Title</th><th scope="col" data-key="author">Author</th><th scope="col" data-key="date" aria-sort="ascending">Date of writing</th>' +
    '<th scope="col" class="num" data-key="notes">Notes</th><th scope="col" class="num">Emendations</th></tr></thead>\n' +
    `<tbody>\n${rows}\n</tbody>\n</table>\n</main>\n` +
    `<footer class="page"><p>Made with teiwright ${esc(options.version)}.</p></footer>\n<script>${INDEX_SCRIPT}</script>\n</body>\n</html>\n`
  );
}

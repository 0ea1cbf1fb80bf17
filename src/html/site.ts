/** A set of editions → their pages and the index that lists them (paths relative to the output folder). */
import type { Edition } from '../model/edition.js';
import { renderIndex, type IndexEntry } from './index-page.js';
import { renderPage } from './page.js';
import { summarise } from './summary.js';

export interface SiteItem {
  edition: Edition;
  /** The page's path relative to the output folder, with `/` separators ("lenin/1921.html"). */
  path: string;
  /** The file the edition was read from, named in the page's footer. */
  sourceName?: string;
  /** That file's path relative to the output folder (`/`-separated), linked from the page as "TEI source". */
  teiPath?: string;
}

export interface SitePage {
  path: string;
  html: string;
}

/** How a page links to the index: up as many folders as the page is deep. */
const indexHrefFor = (path: string): string => `${'../'.repeat(path.split('/').length - 1)}index.html`;

/** `to` (relative to the output folder) as seen from the page at `page`. */
function fromPage(page: string, to: string): string {
  const from = page.split('/').slice(0, -1);
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

export function renderPageOf(item: SiteItem, version: string): SitePage {
  return {
    path: item.path,
    html: renderPage(item.edition, {
      version,
      indexHref: indexHrefFor(item.path),
      ...(item.sourceName !== undefined && { sourceName: item.sourceName }),
      ...(item.teiPath !== undefined && { teiHref: fromPage(item.path, item.teiPath) }),
    }),
  };
}

export function indexEntryOf(item: SiteItem): IndexEntry {
  return { href: item.path, summary: summarise(item.edition) };
}

/** The index page of a set of entries. */
export function renderSiteIndex(entries: readonly IndexEntry[], version: string): SitePage {
  return { path: 'index.html', html: renderIndex(entries, { version }) };
}

/** The HTML reading edition: `renderPage` for one edition, `renderIndex` for the list of editions. */
export { renderPage, type PageOptions } from './page.js';
export { renderIndex, type IndexEntry } from './index-page.js';
export { summarise, type EditionSummary } from './summary.js';
export { safeHref, esc } from './escape.js';
export { renderPageOf, indexEntryOf, renderSiteIndex, type SiteItem, type SitePage } from './site.js';

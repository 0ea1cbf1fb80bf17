// The TEI writer as it was before session 9's allocation work (src/tei/table.ts at 5352320, verbatim but for
// import paths): the reference tests/tei/writer-before.test.ts holds the new writer to.
/**
 * Tables and figures → TEI (Guidelines 14 "Tables, Formulæ, Graphics"): a table of data as
 * `table/row/cell` (a header row `role="label"`, a cell over several columns `@cols`), an
 * image as `figure` with its caption as `head`, `graphic@url` as the page names the image
 * (relative, as written) and the image's own description (`alt`) as `figDesc`.
 */
import type { Block } from '../../../../src/model/edition.js';
import { el, mixed, txt, type TeiElement } from './text.js';

export function writeTable(parent: TeiElement, block: Extract<Block, { kind: 'table' }>): void {
  const table = el(parent, 'table');
  for (const row of block.rows) {
    const r = el(table, 'row', [['role', row.role]]);
    for (const cell of row.cells) mixed(r, 'cell', cell.children, [['cols', cell.cols]]);
  }
}

export function writeFigure(parent: TeiElement, block: Extract<Block, { kind: 'figure' }>): void {
  const figure = el(parent, 'figure');
  if (block.head) mixed(figure, 'head', block.head);
  el(figure, 'graphic', [['url', block.url]]);
  if (block.description !== undefined && block.description !== '') txt(el(figure, 'figDesc'), block.description);
}

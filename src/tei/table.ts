/**
 * Tables and figures → TEI (Guidelines 14 "Tables, Formulæ, Graphics"): a table of data as
 * `table/row/cell` (a header row `role="label"`, a cell over several columns `@cols`), an
 * image as `figure` with its caption as `head`, `graphic@url` as the page names the image
 * (relative, as written) and the image's own description (`alt`) as `figDesc`.
 */
import type { Block } from '../model/edition.js';
import { attr, el, mixed, txt, writeInlines, type TeiElement } from './text.js';

export function writeTable(parent: TeiElement, block: Extract<Block, { kind: 'table' }>): void {
  const table = el(parent, 'table');
  for (const row of block.rows) {
    const r = el(table, 'row');
    attr(r, 'role', row.role);
    for (const cell of row.cells) {
      const c = el(r, 'cell');
      attr(c, 'cols', cell.cols);
      writeInlines(c, cell.children);
    }
  }
}

export function writeFigure(parent: TeiElement, block: Extract<Block, { kind: 'figure' }>): void {
  const figure = el(parent, 'figure');
  if (block.head) mixed(figure, 'head', block.head);
  attr(el(figure, 'graphic'), 'url', block.url);
  if (block.description !== undefined && block.description !== '') txt(el(figure, 'figDesc'), block.description);
}

/**
 * The text a browser gives for an HTML page when a reader selects all and copies it: the
 * plain-text input style whose original is the Lenin seed. Modelled on Chromium's plain-text
 * copy (its TextIterator, close to the `innerText` algorithm of the HTML standard):
 *
 * - block elements (p, div, headings, list items, table rows, blockquote, hr …) start and
 *   end a line; paragraphs and headings are followed by a blank line (Chromium adds one
 *   after a `p` or `h1`–`h6` with a bottom margin, which the default style gives them);
 * - `<br>` breaks the line; table cells are separated by a tab;
 * - inline markup goes, its text stays: anchors as printed (`[1]`, a superscript `1`),
 *   list items without their markers (Chromium copies no `1.` or bullet);
 * - white space collapses as CSS `white-space: normal` does (runs become one space, none at
 *   a line's ends); `pre` keeps its own; a no-break space is copied as a plain space and
 *   never collapsed (so "&lt; backward&nbsp;&nbsp; forward &gt;" keeps its three spaces);
 * - character references are decoded by the HTML parser; `head`, `script`, `style`,
 *   `noscript`, `template` and comments give nothing.
 *
 * Out of scope: what style sheets hide or reorder (`display:none` from a class, floats,
 * generated `::before` text); only the `hidden` attribute and an inline
 * `style="display:none"` are honoured. Images give nothing (no alt text, as in a copy).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { decodeInput } from '../io/decode.js';

type ChildNode = DefaultTreeAdapterMap['childNode'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'select', 'datalist', 'svg', 'math']);

/** Elements that the default style sheet displays as blocks: each starts and ends a line. */
const BLOCK = new Set([
  'html', 'body', 'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'legend', 'li', 'listing', 'main', 'menu',
  'nav', 'ol', 'p', 'plaintext', 'pre', 'section', 'summary', 'ul', 'xmp', 'table', 'caption', 'tr', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6',
]);

/** Blocks followed by a blank line in a copy (Chromium: paragraphs and headings with a bottom margin). */
const SPACED = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const PRESERVING = new Set(['pre', 'listing', 'xmp', 'plaintext', 'textarea']);

const isElement = (n: ChildNode | ParentNode): n is Element => 'tagName' in n;

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function hidden(el: Element): boolean {
  if (attr(el, 'hidden') !== undefined) return true;
  return /(?:^|;)\s*display\s*:\s*none\b/i.test(attr(el, 'style') ?? '');
}

/**
 * The copy is built as a run of text pieces and line-break requests; adjacent requests
 * merge to the largest (a `p` inside a `div` gives one blank line, not three), and requests
 * at the very start or end give nothing — the `innerText` rule.
 */
class CopyBuilder {
  private out = '';
  /** Line breaks requested since the last text, not yet written. */
  private pendingBreaks = 0;
  /** A collapsible space seen since the last text, written only if more text follows on the line. */
  private pendingSpace = false;

  breaks(n: number): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, n);
    this.pendingSpace = false;
  }

  /** Text whose white space collapses. */
  text(raw: string): void {
    const parts = raw.split(/[ \t\n\r\f]+/);
    parts.forEach((part, i) => {
      if (i > 0) this.pendingSpace = true;
      if (part !== '') this.emit(part);
    });
  }

  /** Text whose white space is kept (pre); a no-break space is copied as a space. */
  preserved(raw: string): void {
    if (raw !== '') this.emit(raw.replace(/\r\n?/g, '\n'));
  }

  /** A literal line break (`<br>`): unlike a block boundary it is never merged away. */
  lineBreak(): void {
    this.flushBreaks();
    this.out += '\n';
    this.pendingSpace = false;
    this.atLineStart = true;
  }

  tab(): void {
    this.emit('\t', true);
  }

  private atLineStart = true;

  private flushBreaks(): void {
    if (this.pendingBreaks > 0 && this.out !== '') {
      // A `<br>` already ended the line: the block's breaks count from there.
      const trailing = /\n*$/.exec(this.out)?.[0].length ?? 0;
      this.out += '\n'.repeat(Math.max(0, this.pendingBreaks - trailing));
      this.atLineStart = true;
    }
    this.pendingBreaks = 0;
  }

  private emit(s: string, literal = false): void {
    this.flushBreaks();
    if (this.pendingSpace && !this.atLineStart && !literal) this.out += ' ';
    this.pendingSpace = false;
    this.out += s.replace(/\u00a0/g, ' ');
    this.atLineStart = s.endsWith('\n');
  }

  result(): string {
    const text = this.out.replace(/[ \t]+$/gm, '');
    return text === '' ? '' : `${text.replace(/\n+$/, '')}\n`;
  }
}

function walk(node: ParentNode, b: CopyBuilder, preserve: boolean): void {
  for (const child of node.childNodes) {
    if (child.nodeName === '#text' && 'value' in child) {
      if (preserve) b.preserved(child.value);
      else b.text(child.value);
      continue;
    }
    if (!isElement(child)) continue; // comments, doctype
    const tag = child.tagName.toLowerCase();
    if (SKIPPED.has(tag) || hidden(child)) continue;
    if (tag === 'br') {
      b.lineBreak();
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) b.breaks(SPACED.has(tag) ? 2 : 1);
    const isCell = tag === 'td' || tag === 'th';
    walk(child, b, preserve || PRESERVING.has(tag));
    if (isCell && hasNextCell(child)) b.tab();
    if (block) b.breaks(SPACED.has(tag) ? 2 : 1);
  }
}

function hasNextCell(cell: Element): boolean {
  const parent = cell.parentNode;
  if (!parent) return false;
  const siblings = parent.childNodes;
  for (let i = siblings.indexOf(cell) + 1; i < siblings.length; i++) {
    const s = siblings[i]!;
    if (isElement(s) && (s.tagName === 'td' || s.tagName === 'th')) return true;
  }
  return false;
}

/** The text a browser's select-all and copy gives for this HTML (LF line ends, one final newline). */
export function pageText(html: string): string {
  const doc = parse(html);
  const b = new CopyBuilder();
  walk(doc, b, false);
  return b.result();
}

/** `npm run page-text -- page.html [more.html …]`: prints each page's browser copy. */
function main(args: string[]): number {
  if (args.length === 0 || args.includes('--help')) {
    process.stdout.write('usage: npm run page-text -- PAGE.html [PAGE.html …]\nPrints the text a browser gives when all of the page is selected and copied.\n');
    return args.length === 0 ? 1 : 0;
  }
  let status = 0;
  for (const file of args) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      process.stderr.write(`${file}: error input-unreadable: cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      status = 1;
      continue;
    }
    const decoded = decodeInput(bytes);
    if (!decoded.ok) {
      const where = decoded.pos ? `${file}:${decoded.pos.line}:${decoded.pos.column}` : file;
      process.stderr.write(`${where}: error ${decoded.code}: ${decoded.message}\n`);
      status = 1;
      continue;
    }
    if (decoded.warning) {
      const p = decoded.warning.pos;
      process.stderr.write(`${file}${p ? `:${p.line}:${p.column}` : ''}: warning ${decoded.warning.code}: ${decoded.warning.message}\n`);
    }
    process.stdout.write(pageText(decoded.text));
  }
  return status;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));

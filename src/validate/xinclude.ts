/**
 * XInclude expanded in the text, with a map back to where every character came from.
 *
 * libxml2's own XInclude (xmlXIncludeProcess) expands the parsed tree: the errors found
 * afterwards carry libxml2's line numbers of the expanded tree, and teiwright's scan (the
 * columns, XPaths, expected names, later passes and integrity checks are built on it) no
 * longer matches the tree. Expanding the text instead lets every check run on one text as
 * for any other document; each finding is then moved back to the file and line:column where
 * its element really is (the including document or the included file).
 *
 * What is expanded here: `xi:include` with a local `href` (relative to the file that holds
 * it, or absolute), `parse="xml"` (the default) or `parse="text"` (UTF-8), no `xpointer`;
 * an `xi:fallback` stands in for a file that cannot be read. Anything else is left to libxml2's
 * XInclude, as before (`unsupported`). A URL with a scheme (the network), a missing or
 * unreadable file and a loop are refused with `xinclude-failed` at the `xi:include`.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { readInputSync } from '../io/read.js';
import type { SourcePos } from '../model/edition.js';
import { attr, posAt, scanXml, type ElementRecord } from './scan.js';

export const XINCLUDE_NS = 'http://www.w3.org/2001/XInclude';

/** A run of the expanded text: copied from `origin` in a file, or written here (`synthetic`). */
interface Segment {
  /** Offset in the expanded text where the run starts. */
  start: number;
  source: Source;
  /** Offset in the source file of the run's first character (for synthetic text: the position it stands for). */
  origin: number;
  synthetic: boolean;
}

interface Source {
  /** The file as shown in findings (relative to the shown name of the including file). */
  shown: string;
  lineStarts: number[];
}

export type Expansion =
  | { kind: 'expanded'; text: string; map: PositionMap }
  | { kind: 'unsupported' }
  | { kind: 'failed'; message: string; shown: string; pos: SourcePos };

class Refused extends Error {
  constructor(
    message: string,
    readonly shown: string,
    readonly pos: SourcePos,
  ) {
    super(message);
  }
}
class Unsupported extends Error {}

/** Lines of `text`, as scan.ts counts them. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const offsetOf = (lineStarts: readonly number[], pos: SourcePos): number => (lineStarts[pos.line - 1] ?? 0) + pos.column - 1;

const NAME = /[^\s/>=<]+/y;
const ATTR = /\s*([^\s/>=<]+)\s*=\s*(?:"[^"]*"|'[^']*')/y;

/** The start tag at `start`: its name, the attribute names written, and where it ends (after `>`). */
function startTag(text: string, start: number): { name: string; attrs: string[]; end: number; selfClosing: boolean } | undefined {
  NAME.lastIndex = start + 1;
  const name = NAME.exec(text)?.[0];
  if (name === undefined) return undefined;
  let at = start + 1 + name.length;
  const attrs: string[] = [];
  for (;;) {
    ATTR.lastIndex = at;
    const m = ATTR.exec(text);
    if (!m) break;
    attrs.push(m[1]!);
    at = ATTR.lastIndex;
  }
  const close = text.indexOf('>', at);
  if (close < 0) return undefined;
  return { name, attrs, end: close + 1, selfClosing: text[close - 1] === '/' };
}

const XML_DECL = /^\uFEFF?<\?xml\s[^?]*\?>/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

class Builder {
  readonly parts: string[] = [];
  readonly segments: Segment[] = [];
  length = 0;

  copy(text: string, from: number, to: number, source: Source): void {
    if (to <= from) return;
    this.segments.push({ start: this.length, source, origin: from, synthetic: false });
    this.parts.push(text.slice(from, to));
    this.length += to - from;
  }

  write(s: string, source: Source, at: number): void {
    this.segments.push({ start: this.length, source, origin: at, synthetic: true });
    this.parts.push(s);
    this.length += s.length;
  }
}

/** Where a position of the expanded text really is. */
export class PositionMap {
  private readonly lineStarts: number[];
  constructor(
    text: string,
    private readonly segments: readonly Segment[],
  ) {
    this.lineStarts = lineStartsOf(text);
  }

  locate(pos: SourcePos): { shown: string; pos: SourcePos } {
    const offset = offsetOf(this.lineStarts, pos);
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = this.segments[lo];
    // Nothing was copied (an empty expansion): the position stays as it is.
    if (!s) return { shown: '', pos };
    const origin = s.synthetic ? s.origin : s.origin + Math.max(0, offset - s.start);
    return { shown: s.source.shown, pos: posAt(s.source.lineStarts, origin) };
  }

  /** Moves each finding to its file and line:column (findings without a position stay as they are). */
  relocate(items: Diagnostic[]): void {
    for (const d of items) {
      if (d.line === undefined) continue;
      const at = this.locate({ line: d.line, column: d.column ?? 1 });
      if (at.shown === '') continue;
      d.file = at.shown;
      d.line = at.pos.line;
      d.column = at.pos.column;
    }
  }
}

/**
 * Expands the `xi:include`s of `xml` (the document `file`, shown as `shown`), the included
 * files' own included files too; each included file at most `maxBytes` long.
 */
export function expandXIncludeText(xml: string, file: string, shown: string, maxBytes = Number.POSITIVE_INFINITY): Expansion {
  const out = new Builder();
  try {
    expandInto(out, xml, resolve(file), shown, [], false, maxBytes);
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'unsupported' };
    if (e instanceof Refused) return { kind: 'failed', message: e.message, shown: e.shown, pos: e.pos };
    throw e;
  }
  const text = out.parts.join('');
  return { kind: 'expanded', text, map: new PositionMap(text, out.segments) };
}

function expandInto(out: Builder, text: string, path: string, shown: string, stack: readonly string[], included: boolean, maxBytes: number): void {
  const source: Source = { shown, lineStarts: lineStartsOf(text) };
  // An included document's XML declaration is not content.
  let at = included ? (XML_DECL.exec(text)?.[0].length ?? 0) : 0;
  const scan = scanXml(text);
  // A declaration (DTD) in an included file: copied as it is, for the check of the expanded
  // text to refuse it there (and say in which file).
  if (!scan.ok) {
    out.copy(text, at, text.length, source);
    return;
  }
  const root = scan.elements[0];
  if (included && root) {
    // The included element keeps its own namespace: without a default namespace declaration
    // of its own it is in no namespace, not in the including element's.
    const rootAt = offsetOf(scan.lineStarts, root.pos);
    const tag = startTag(text, rootAt);
    if (tag && root.prefix === '' && !tag.attrs.includes('xmlns')) {
      const after = rootAt + 1 + tag.name.length;
      out.copy(text, at, after, source);
      out.write(' xmlns=""', source, after);
      at = after;
    }
  }
  const file: OpenFile = { text, elements: scan.elements, lineStarts: scan.lineStarts, source, path, shown, stack, maxBytes };
  expandRange(out, file, at, text.length);
}

interface OpenFile {
  text: string;
  elements: readonly ElementRecord[];
  lineStarts: number[];
  source: Source;
  path: string;
  shown: string;
  stack: readonly string[];
  maxBytes: number;
}

/** The offset just after the end tag that closes the element whose start tag ends at `from` (same name, nesting counted). */
function endTagAfter(text: string, from: number, name: string): { start: number; end: number } | undefined {
  const re = new RegExp(`<(/?)${name.replace(/[.]/g, '\\.')}(?=[\\s/>])[^>]*>`, 'g');
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === '/') depth--;
    else if (!m[0].endsWith('/>')) depth++;
    if (depth === 0) return { start: m.index, end: re.lastIndex };
  }
  return undefined;
}

/**
 * Copies `file.text` from `from` to `to` into `out`, each `xi:include` starting in that range
 * replaced by what it includes (or by its `xi:fallback`'s content when the file cannot be
 * read).
 */
function expandRange(out: Builder, file: OpenFile, from: number, to: number): void {
  const { text, source, shown, path, stack } = file;
  let at = from;
  for (const el of file.elements) {
    if (el.ns !== XINCLUDE_NS) continue;
    const start = offsetOf(file.lineStarts, el.pos);
    // Before the range, or inside an include already replaced (its fallback), or past the range.
    if (start < at) continue;
    if (start >= to) break;
    if (el.local !== 'include') throw new Unsupported();
    const tag = startTag(text, start);
    if (!tag) throw new Unsupported();
    const fallbacks = el.children.map((c) => file.elements[c]!);
    if (fallbacks.length > 1 || fallbacks.some((c) => c.ns !== XINCLUDE_NS || c.local !== 'fallback')) throw new Unsupported();
    let end = tag.end;
    if (!tag.selfClosing) {
      const close = endTagAfter(text, tag.end, tag.name);
      if (!close) throw new Unsupported();
      end = close.end;
    }
    const href = attr(el, 'href')?.value;
    const parse = attr(el, 'parse')?.value ?? 'xml';
    const encoding = attr(el, 'encoding')?.value;
    if (href === undefined || href === '' || href.includes('#') || (parse !== 'xml' && parse !== 'text') || attr(el, 'xpointer') !== undefined) throw new Unsupported();
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) throw new Unsupported();
    out.copy(text, at, start, source);
    at = end;
    let target: string;
    let decoded: string;
    try {
      if (SCHEME.test(href) && !href.startsWith('file:')) throw new Refused(`${href} is not a local file: teiwright reads no URL (only files relative to the document)`, shown, el.pos);
      try {
        target = fileURLToPath(new URL(href, pathToFileURL(path)));
      } catch {
        throw new Refused(`${href} is not a usable file reference`, shown, el.pos);
      }
      let bytes: Uint8Array;
      try {
        // Devices and FIFOs refused by name, the size bounded as for the document itself (--max-size).
        const read = readInputSync(target, file.maxBytes);
        if ('notFile' in read) throw new Refused(`${href} is ${read.notFile}, not a file`, shown, el.pos);
        if ('tooLarge' in read) throw new Refused(`${href} has more than ${file.maxBytes} bytes, the limit (--max-size)`, shown, el.pos);
        bytes = read.bytes;
      } catch (e) {
        if (e instanceof Refused) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new Refused(`${href} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(e)})`}`, shown, el.pos);
      }
      const read = decodeInput(bytes, undefined, { rules: 'xml' });
      if (!read.ok) throw new Refused(`${href}: ${read.message}`, shown, el.pos);
      decoded = read.text;
    } catch (e) {
      const fallback = fallbacks[0];
      if (!(e instanceof Refused) || !fallback) throw e;
      // A resource that cannot be had: the fallback's content stands in its place (XInclude 1.0, 4.4).
      const fbStart = offsetOf(file.lineStarts, fallback.pos);
      const fbTag = startTag(text, fbStart);
      if (!fbTag) throw new Unsupported();
      if (fbTag.selfClosing) continue;
      const fbClose = endTagAfter(text, fbTag.end, fbTag.name);
      if (!fbClose) throw new Unsupported();
      expandRange(out, file, fbTag.end, fbClose.start);
      continue;
    }
    // A loop is a fatal error, not a missing resource: no fallback for it.
    if (parse === 'xml' && (target === path || stack.includes(target))) throw new Refused(`including ${href} makes a loop (it includes, directly or not, the file that includes it)`, shown, el.pos);
    // parse="text": the file's characters, as text (findings there stand at the xi:include).
    if (parse === 'text') out.write(decoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), source, start);
    else expandInto(out, decoded, target, join(dirname(shown), relative(dirname(path), target)), [...stack, path], true, file.maxBytes);
  }
  out.copy(text, at, to, source);
}

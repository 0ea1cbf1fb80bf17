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
 * it, or absolute), `parse="xml"` (the default; the included file's own encoding
 * declaration) or `parse="text"` (UTF-8, or the `encoding` the include names), and an
 * `xpointer` in the forms XInclude requires (XInclude 1.0, 3.1): a shorthand pointer (the
 * element whose `xml:id` it is) and the `element()` scheme (`element(id/2/1)`,
 * `element(/1/3)`); other schemes are skipped, as XPointer says. An `xi:fallback` stands in
 * for a resource that cannot be had (a file that cannot be read, a pointer that selects
 * nothing). Each included element gets `xml:base` (XInclude 4.5.5, the base URI fixup) and,
 * when its language differs from that of the place it goes to, `xml:lang` (4.5.6, the
 * language fixup), unless the caller checks against a schema without them (the project
 * subset: `xml:lang` on its root only, no `xml:base`), and keeps the
 * namespaces it had in its own file. A URL with a scheme (the network), a missing or
 * unreadable file, a loop and every fatal error of XInclude 1.0 (a fragment in `href`, an
 * unknown `parse`, two fallbacks, a fallback outside an include, …) are refused with
 * `xinclude-failed` at the `xi:include`.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XmlDocument, XmlParseError } from 'libxml2-wasm';
import type { Diagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { readInputSync } from '../io/read.js';
import type { SourcePos } from '../model/edition.js';
import { SAFE_PARSE } from './schema.js';
import { XML_NS, attr, attributeValue, posAt, scanXml, type ElementRecord } from './scan.js';

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
/** A fatal error of XInclude: an xi:fallback does not stand in for it. */
class Fatal extends Refused {}
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

/** How the expansion is done. */
export interface ExpandOptions {
  /** Each included file at most this many bytes long (--max-size). */
  maxBytes?: number;
  /** Give each included element its `xml:base` (XInclude's base URI fixup); default true. */
  base?: boolean;
  /** Give each included element whose language differs from its new place's its `xml:lang` (XInclude's language fixup); default true. */
  lang?: boolean;
}

/**
 * Expands the `xi:include`s of `xml` (the document `file`, shown as `shown`), the included
 * files' own included files too.
 */
export function expandXIncludeText(xml: string, file: string, shown: string, options: ExpandOptions = {}): Expansion {
  const out = new Builder();
  const path = resolve(file);
  const settings: Settings = { maxBytes: options.maxBytes ?? Number.POSITIVE_INFINITY, base: options.base ?? true, lang: options.lang ?? true };
  try {
    const scan = scanXml(xml);
    if (!scan.ok) throw new Unsupported();
    const source: Source = { shown, lineStarts: scan.lineStarts };
    const doc: OpenFile = { text: xml, elements: scan.elements, lineStarts: scan.lineStarts, source, path, shown, stack: [], settings };
    expandRange(out, doc, 0, xml.length);
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'unsupported' };
    if (e instanceof Refused) return { kind: 'failed', message: e.message, shown: e.shown, pos: e.pos };
    throw e;
  }
  const text = out.parts.join('');
  return { kind: 'expanded', text, map: new PositionMap(text, out.segments) };
}

interface Settings {
  maxBytes: number;
  base: boolean;
  lang: boolean;
}

interface OpenFile {
  text: string;
  elements: readonly ElementRecord[];
  lineStarts: number[];
  source: Source;
  path: string;
  shown: string;
  stack: readonly string[];
  settings: Settings;
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

/** Where the element starting at `start` ends (after its end tag, or after `/>`). */
function elementEnd(text: string, start: number): number | undefined {
  const tag = startTag(text, start);
  if (!tag) return undefined;
  if (tag.selfClosing) return tag.end;
  return endTagAfter(text, tag.end, tag.name)?.end;
}

const NS_DECL = /\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The namespace declarations written on the start tag at `start` (prefix '' for the default). */
function namespaceDecls(text: string, start: number): Map<string, string> {
  const decls = new Map<string, string>();
  const tag = startTag(text, start);
  if (!tag) return decls;
  const written = text.slice(start, tag.end);
  for (const m of written.matchAll(NS_DECL)) decls.set(m[1] ?? '', attributeValue(m[2] ?? m[3] ?? ''));
  return decls;
}

/**
 * The element an XPointer selects in `elements` (XPointer Framework: the pointer parts
 * left to right, the first that selects something wins; schemes other than `element()`
 * select nothing here, as for a processor that does not know them), or undefined.
 */
export function pointedElement(pointer: string, elements: readonly ElementRecord[]): number | undefined {
  const byId = (id: string): number | undefined => {
    const i = elements.findIndex((e) => attr(e, 'id', XML_NS)?.value === id);
    return i < 0 ? undefined : i;
  };
  const trimmed = pointer.trim();
  // A shorthand pointer: an NCName, the element with that ID (xml:id: no DTD is read).
  if (/^[^\s()/:^]+$/.test(trimmed)) return byId(trimmed);
  const PART = /\s*([^\s(]+)\(((?:[^()^]|\^[()^])*)\)/y;
  for (let at = 0; at < trimmed.length; ) {
    PART.lastIndex = at;
    const m = PART.exec(trimmed);
    // Not a pointer of the XPointer syntax: it selects nothing.
    if (!m) return undefined;
    at = PART.lastIndex;
    if (m[1] !== 'element') continue;
    const data = m[2]!.replace(/\^([()^])/g, '$1');
    const steps = data.split('/');
    let current: number | undefined;
    if (steps[0] !== '') current = byId(steps[0]!);
    const child = steps.slice(1);
    if (steps[0] === '') {
      // element(/1/…): the first step is the document element.
      if (child[0] !== '1' || elements.length === 0) continue;
      current = 0;
      child.shift();
    }
    for (const step of child) {
      if (current === undefined || !/^[1-9][0-9]*$/.test(step)) {
        current = undefined;
        break;
      }
      current = elements[current]!.children[Number(step) - 1];
    }
    if (current !== undefined) return current;
  }
  return undefined;
}

/** The base URI of `element` in `file` (its own and its ancestors' `xml:base`, against the file's URL). */
function baseOf(file: { path: string; elements: readonly ElementRecord[] }, element: number): URL {
  const chain: string[] = [];
  for (let i = element; i >= 0; i = file.elements[i]!.parent) {
    const b = attr(file.elements[i]!, 'base', XML_NS)?.value;
    if (b !== undefined) chain.unshift(b);
  }
  let url = pathToFileURL(file.path);
  for (const b of chain) {
    try {
      url = new URL(b, url);
    } catch {
      // A base that is no URI leaves the one before it.
    }
  }
  return url;
}

/** `target` written relative to `from` when both are files, else as it is. */
function relativeUrl(target: URL, from: URL): string {
  if (target.protocol !== 'file:' || from.protocol !== 'file:') return target.href;
  const rel = relative(dirname(fileURLToPath(from)), fileURLToPath(target)).split(/[\\/]/).map(encodeURIComponent).join('/');
  if (rel === '') return target.href;
  // A folder (`images/`) stays one: path.relative drops the slash.
  return target.pathname.endsWith('/') ? `${rel}/` : rel;
}

/** Where the value of the attribute written at `pos` starts and ends (without its quotes). */
function attributeValueSpan(text: string, lineStarts: readonly number[], pos: SourcePos): { start: number; end: number } | undefined {
  const at = offsetOf(lineStarts, pos);
  const m = /^[^\s=]+\s*=\s*(["'])/.exec(text.slice(at, at + 200));
  if (!m) return undefined;
  const start = at + m[0].length;
  const end = text.indexOf(m[1]!, start);
  return end < 0 ? undefined : { start, end };
}

/**
 * Copies the element `index` of the included `file` into `out`: its start tag with the
 * namespaces in scope there that it does not declare itself, and its `xml:base` (relative
 * to `parentBase`, the base URI of the xi:include's parent); its content expanded.
 */
function includeElement(out: Builder, file: OpenFile, index: number, parentBase: URL, parentLang: string): void {
  const { text, source } = file;
  const el = file.elements[index]!;
  const start = offsetOf(file.lineStarts, el.pos);
  const tag = startTag(text, start);
  const end = elementEnd(text, start);
  if (!tag || end === undefined) throw new Unsupported();
  const after = start + 1 + tag.name.length;
  out.copy(text, start, after, source);
  // Namespaces: what the element had in its own file, not what the including element has.
  const own = namespaceDecls(text, start);
  const inherited = new Map<string, string>();
  for (let p = el.parent; p >= 0; p = file.elements[p]!.parent) {
    for (const [prefix, uri] of namespaceDecls(text, offsetOf(file.lineStarts, file.elements[p]!.pos))) if (!inherited.has(prefix)) inherited.set(prefix, uri);
  }
  let extra = '';
  if (!own.has('')) extra += ` xmlns="${escapeAttr(inherited.get('') ?? '')}"`;
  for (const [prefix, uri] of inherited) if (prefix !== '' && !own.has(prefix)) extra += ` xmlns:${prefix}="${escapeAttr(uri)}"`;
  let at = after;
  if (file.settings.base) {
    const value = escapeAttr(relativeUrl(baseOf(file, index), parentBase));
    const written = attr(el, 'base', XML_NS);
    const span = written && attributeValueSpan(text, file.lineStarts, written.pos);
    if (span) {
      // The element's own xml:base, resolved: it now stands in another file.
      if (extra !== '') out.write(extra, source, after);
      out.copy(text, after, span.start, source);
      out.write(value, source, span.start);
      at = span.end;
      extra = '';
    } else extra += ` xml:base="${value}"`;
  }
  // XInclude 4.5.6, the language fixup: an element whose language differs from the place it
  // goes to says its own (xml:lang="" for none); as jing (Xerces) does, case does not count.
  if (file.settings.lang && attr(el, 'lang', XML_NS) === undefined) {
    const lang = languageOf(file, index);
    if (lang.toLowerCase() !== parentLang.toLowerCase()) extra += ` xml:lang="${escapeAttr(lang)}"`;
  }
  if (extra !== '') out.write(extra, source, after);
  expandRange(out, file, at, end);
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Characters XML 1.0 does not allow in a document (parse="text" brings them in as text). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The characters of a file included with parse="text", read in `encoding` (UTF-8 when none is given). */
function textOf(bytes: Uint8Array, encoding: string | undefined, href: string, shown: string, pos: SourcePos): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding ?? 'utf-8', { fatal: true });
  } catch {
    throw new Refused(`encoding="${encoding}" is not an encoding teiwright knows (for ${href})`, shown, pos);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new Refused(`${href} is not ${encoding ?? 'UTF-8'} text${encoding === undefined ? ' (say its encoding with encoding="…")' : ''}`, shown, pos);
  }
  const bad = NOT_XML.exec(text);
  if (bad) throw new Refused(`${href} holds a character XML does not allow (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`, shown, pos);
  return text;
}

/** The language of `element` in `file`: its own or its nearest ancestor's `xml:lang` ('' when none says one). */
function languageOf(file: { elements: readonly ElementRecord[] }, element: number): string {
  for (let i = element; i >= 0; i = file.elements[i]!.parent) {
    const lang = attr(file.elements[i]!, 'lang', XML_NS)?.value;
    if (lang !== undefined) return lang.trim();
  }
  return '';
}

/** The base URI of the parent of element `index` in `file` (where an include's result is placed). */
function parentBaseOf(file: OpenFile, index: number): URL {
  const parent = file.elements[index]!.parent;
  return parent >= 0 ? baseOf(file, parent) : pathToFileURL(file.path);
}

/**
 * Copies `file.text` from `from` to `to` into `out`, each `xi:include` starting in that range
 * replaced by what it includes (or by its `xi:fallback`'s content when the resource cannot be
 * had).
 */
function expandRange(out: Builder, file: OpenFile, from: number, to: number): void {
  const { text, source, shown, path, stack } = file;
  let at = from;
  for (let index = 0; index < file.elements.length; index++) {
    const el = file.elements[index]!;
    if (el.ns !== XINCLUDE_NS) continue;
    const start = offsetOf(file.lineStarts, el.pos);
    // Before the range, or inside an include already replaced (its fallback), or past the range.
    if (start < at) continue;
    if (start >= to) break;
    if (el.local === 'fallback') throw new Refused('xi:fallback stands outside an xi:include (XInclude allows it only as a child of one)', shown, el.pos);
    // Another name of the XInclude namespace is no instruction: an element like any other, for the schema to judge.
    if (el.local !== 'include') continue;
    const tag = startTag(text, start);
    const end = elementEnd(text, start);
    if (!tag || end === undefined) throw new Unsupported();
    // XInclude 1.0, 3.1 and 4.x: the fatal errors, refused whatever the files hold (no fallback for them).
    const own = el.children.map((c) => file.elements[c]!).filter((c) => c.ns === XINCLUDE_NS);
    const strange = own.find((c) => c.local !== 'fallback');
    if (strange) throw new Refused(`xi:${strange.local} inside xi:include: only xi:fallback may stand there`, shown, strange.pos);
    if (own.length > 1) throw new Refused('xi:include has more than one xi:fallback', shown, own[1]!.pos);
    const fallback = own[0];
    const href = attr(el, 'href')?.value ?? '';
    const parse = attr(el, 'parse')?.value ?? 'xml';
    const encoding = attr(el, 'encoding')?.value;
    const xpointer = attr(el, 'xpointer')?.value;
    if (parse !== 'xml' && parse !== 'text') throw new Refused(`parse="${parse}": XInclude knows only "xml" and "text"`, shown, el.pos);
    if (href.includes('#')) throw new Refused(`href="${href}" has a fragment identifier (#…), which XInclude does not allow: name the part with xpointer="…"`, shown, el.pos);
    if (href === '' && xpointer === undefined) throw new Refused('xi:include names no file (href) and no part (xpointer)', shown, el.pos);
    if (parse === 'text' && xpointer !== undefined) throw new Refused('xpointer cannot be used with parse="text"', shown, el.pos);
    if (href === '') throw new Refused('an xpointer into the document itself (no href) is not expanded by teiwright (nor by jing): put the part in a file of its own', shown, el.pos);
    out.copy(text, at, start, source);
    at = end;
    let target: string;
    let included: { text: string; elements: readonly ElementRecord[]; lineStarts: number[]; select: number } | undefined;
    let asText = '';
    try {
      if (SCHEME.test(href) && !href.startsWith('file:')) throw new Refused(`${href} is not a local file: teiwright reads no URL (only files relative to the document)`, shown, el.pos);
      try {
        target = fileURLToPath(new URL(href, baseOf(file, index)));
      } catch {
        throw new Refused(`${href} is not a usable file reference`, shown, el.pos);
      }
      let bytes: Uint8Array;
      try {
        // Devices and FIFOs refused by name, the size bounded as for the document itself (--max-size).
        const read = readInputSync(target, file.settings.maxBytes);
        if ('notFile' in read) throw new Refused(`${href} is ${read.notFile}, not a file`, shown, el.pos);
        if ('tooLarge' in read) throw new Refused(`${href} has more than ${file.settings.maxBytes} bytes, the limit (--max-size)`, shown, el.pos);
        bytes = read.bytes;
      } catch (e) {
        if (e instanceof Refused) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new Refused(`${href} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(e)})`}`, shown, el.pos);
      }
      if (parse === 'text') asText = textOf(bytes, encoding, href, shown, el.pos);
      else {
        const read = decodeInput(bytes, undefined, { rules: 'xml' });
        if (!read.ok) throw new Refused(`${href}: ${read.message}`, shown, el.pos);
        const scan = scanXml(read.text);
        if (!scan.ok) {
          // A declaration (DTD) in an included file: copied as it is, for the check of the
          // expanded text to refuse it there (and say in which file).
          included = { text: read.text, elements: [], lineStarts: [], select: -1 };
        } else if (xpointer === undefined) {
          included = { text: read.text, elements: scan.elements, lineStarts: scan.lineStarts, select: scan.elements.length > 0 ? 0 : -1 };
        } else {
          // Only a part is copied: the whole file must still be well-formed (XInclude 4.2).
          wellFormed(read.text, href, join(dirname(shown), relative(dirname(path), target)));
          const select = pointedElement(xpointer, scan.elements);
          // A pointer that selects nothing is a resource error: the fallback, if any (XInclude 4.2).
          if (select === undefined) throw new Refused(`xpointer="${xpointer}" selects nothing in ${href} (teiwright knows ids as xml:id, the element() scheme and shorthand pointers)`, shown, el.pos);
          included = { text: read.text, elements: scan.elements, lineStarts: scan.lineStarts, select };
        }
      }
    } catch (e) {
      if (!(e instanceof Refused) || !fallback || e instanceof Fatal) throw e;
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
    // parse="text": the file's characters, as text (findings there stand at the xi:include).
    if (included === undefined) {
      out.write(escapeText(asText), source, start);
      continue;
    }
    // A loop is a fatal error, not a missing resource: no fallback for it.
    if (target === path || stack.includes(target)) throw new Refused(`including ${href} makes a loop (it includes, directly or not, the file that includes it)`, shown, el.pos);
    const inner: OpenFile = {
      text: included.text,
      elements: included.elements,
      lineStarts: included.lineStarts.length > 0 ? included.lineStarts : lineStartsOf(included.text),
      source: { shown: join(dirname(shown), relative(dirname(path), target)), lineStarts: included.lineStarts.length > 0 ? included.lineStarts : lineStartsOf(included.text) },
      path: target,
      shown: join(dirname(shown), relative(dirname(path), target)),
      stack: [...stack, path],
      settings: file.settings,
    };
    const parent = file.elements[index]!.parent;
    includeDocument(out, inner, included.select, xpointer !== undefined, parentBaseOf(file, index), parent >= 0 ? languageOf(file, parent) : '');
  }
  out.copy(text, at, to, source);
}

/**
 * The included document (or the element `select` of it, for an xpointer): what comes before
 * and after the element in the file (comments, processing instructions; not the XML
 * declaration) is included too when the whole document is.
 */
function includeDocument(out: Builder, file: OpenFile, select: number, part: boolean, parentBase: URL, parentLang: string): void {
  const { text, source } = file;
  if (select < 0) {
    // No element (or a declaration the check will refuse): the text as it is.
    out.copy(text, XML_DECL.exec(text)?.[0].length ?? 0, text.length, source);
    return;
  }
  const start = offsetOf(file.lineStarts, file.elements[select]!.pos);
  const end = elementEnd(text, start);
  if (end === undefined) throw new Unsupported();
  if (!part) expandRange(out, file, XML_DECL.exec(text)?.[0].length ?? 0, start);
  includeElement(out, file, select, parentBase, parentLang);
  if (!part) expandRange(out, file, end, text.length);
}

/** Refuses an included file that is not well-formed XML, at its own line:column. */
function wellFormed(text: string, href: string, shown: string): void {
  try {
    XmlDocument.fromString(text, { option: SAFE_PARSE }).dispose();
  } catch (e) {
    if (!(e instanceof XmlParseError)) throw e;
    const first = e.details.find((d) => d.level >= 2) ?? e.details[0];
    throw new Fatal(`${href} is not well-formed XML: ${(first?.message ?? e.message).trim()}`, shown, { line: Math.max(1, first?.line ?? 1), column: Math.max(1, first?.col ?? 1) });
  }
}

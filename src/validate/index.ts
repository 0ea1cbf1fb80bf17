/**
 * Checks on TEI documents: safe parsing and well-formedness, integrity (ids, pointers,
 * notes), and RELAX NG validity against the project schema, another .rng, or none.
 *
 * Order of the checks, and why:
 * 1. A document with a DTD (`<!DOCTYPE`, `<!ENTITY`) is refused before any parser reads
 *    it: TEI needs no DTD, and a DTD is how external files (XXE) and entity bombs get in.
 * 2. libxml2 parses it with no network, no external entities, no entity substitution.
 *    Malformed XML stops here, but for the schema's findings that the text before the
 *    break settles (prefix.ts), as jing reports what it met before the break.
 * 3. Integrity checks and the schema run on the same text; all their findings are
 *    reported, in document order.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParseOption, XmlDocument, XmlParseError, type ErrorDetail, type XmlAttribute } from 'libxml2-wasm';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { readInputSync } from '../io/read.js';
import { contextsOf, faultReach, isPlacementFault, repairsOf, reportSchemaPasses, saysIncomplete, type ExplainContext, type SchemaPass } from './explain.js';
import { elementAtPath, libxmlPathOf, misplacedChecker } from './misplaced.js';
import { nameKey } from './reduce.js';
import { blankOut } from './blank.js';
import { TEI_NS, checkIntegrity, reportIntegrityFacts, type Place } from './integrity.js';
import { chooseSchema } from './choose.js';
import { runSchematron, schematronOf } from './schematron.js';
import { XML_NS, attr, scanXml, type ElementRecord } from './scan.js';
import { PROJECT_SCHEMA, SAFE_PARSE, SchemaUnusable, allowLocalFiles, expectedNamesOf, schemaErrors } from './schema.js';
import { rngVocabulary, type Vocabulary } from './vocabulary.js';
import { XINCLUDE_NS, expandXIncludeText } from './xinclude.js';
import { readablePrefix } from './prefix.js';
import { validByReducedSchema } from './own-schema.js';
import { fastVerdict, walkFacts, walkOwn, type Verdict } from './rng/index.js';
import { grammarFaults, sameValueFaults, valueCheckerOf } from './values.js';
import type { ExpectedNames } from './expected.js';

export { PROJECT_SCHEMA, SchemaUnusable, compileSchema, prepareSchema, schemaCompileMs, type CompiledSchema } from './schema.js';
export { chooseSchema, findTeiAll } from './choose.js';

export interface ValidateOptions {
  /** The path shown in diagnostics; also where a relative `<?xml-model?>` schema is looked for. */
  file?: string;
  /**
   * `auto` (default): TEI that teiwright wrote (its appInfo says so) against the project
   * subset, any other TEI against the local schema its `<?xml-model?>` names, else
   * tei_all (see tei-all.ts), else the subset with a note saying so;
   * `project`: the teiwright subset; `tei_all`: TEI All (an error when it cannot be
   * found); `none`: integrity checks only; or a path to a .rng file.
   */
  schema?: 'auto' | 'project' | 'tei_all' | 'none' | string;
  /**
   * Lift libxml2's safety limits (nesting depth 256, 10 MB text nodes). Always done for
   * TEI teiwright wrote; for other files only when asked (`--huge`).
   */
  huge?: boolean;
  /**
   * Expand `xi:include` before the checks (default true): local files only, relative to
   * `file`; no network; loops refused. Expanded in the text (xinclude.ts), so findings name
   * the file and line:column where they are; forms it does not expand (xpointer, other
   * parse values) go to libxml2's XInclude, whose findings carry the expanded tree's lines.
   */
  xinclude?: boolean;
  /**
   * Schematron: `embedded` (default) runs the constraints the chosen RELAX NG schema
   * embeds (tei_all has 96 rules; the project schema none); `none` runs none; a path to a
   * `.sch` file runs that file's as well as the embedded ones.
   */
  schematron?: 'embedded' | 'none' | string;
}

export interface ValidateFileOptions extends ValidateOptions {
  /** Refuse files larger than this many bytes (`input-too-large`). */
  maxBytes?: number;
}

const vocabularies = new Map<string, Vocabulary>();

/** The element and attribute names of a schema, read once per schema (for the messages). */
function vocabularyOf(path: string): Vocabulary {
  let v = vocabularies.get(path);
  if (!v) {
    v = rngVocabulary(readFileSync(path, 'utf8'));
    vocabularies.set(path, v);
  }
  return v;
}

/**
 * No lone surrogate in `s` (String.prototype.isWellFormed, in Node since 20; typed here as
 * the project's ES2023 library does not know it): a native scan, a quarter of the cost of
 * testing a regular expression over a document.
 */
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * libxml2 reads UTF-8 bytes. Buffer.from encodes natively, several times faster than the
 * wasm module's own string copy (fromString). Text with a lone surrogate (rare; it must
 * reach libxml2 as the module encodes it, to be rejected) and the empty text keep the
 * module's path, so libxml2 says the same about them as before; a surrogate pair is the
 * same four UTF-8 bytes either way.
 */
function readXml(xml: string, huge: boolean, file: string | undefined): XmlDocument {
  // The document's URL is what relative xi:include hrefs resolve against.
  const options = { option: huge ? SAFE_PARSE | ParseOption.XML_PARSE_HUGE : SAFE_PARSE, encoding: 'utf-8', ...(file !== undefined && { url: pathToFileURL(resolve(file)).href }) } as const;
  return xml === '' || !wellFormed(xml) ? XmlDocument.fromString(xml, options) : XmlDocument.fromBuffer(utf8(xml), options);
}

/**
 * The UTF-8 bytes of `xml`, in a buffer reused from one document to the next: libxml2-wasm
 * copies them into its own memory, so the buffer is free again as soon as the parse
 * returns. A fresh buffer per document is memory outside the JS heap that only a full
 * collection gives back: a worker converting thousands of files piled up tens of megabytes
 * of them. A buffer grown past a few megabytes (a large document) is not kept.
 */
let scratch = Buffer.allocUnsafe(1 << 16);
const KEEP_BYTES = 4 << 20;

function utf8(xml: string): Buffer {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8.
  const most = xml.length * 3;
  if (most > KEEP_BYTES) return Buffer.from(xml, 'utf8');
  if (scratch.length < most) scratch = Buffer.allocUnsafe(Math.min(KEEP_BYTES, Math.max(most, scratch.length * 2)));
  return scratch.subarray(0, scratch.write(xml, 0, 'utf8'));
}

/** libxml2's messages when a safety limit (not the XML) stops the parse. */
const LIMIT = /XML_PARSE_HUGE|huge text node|Excessive depth/i;

/** Parses with libxml2 under SAFE_PARSE; reports the parser's first error as xml-malformed. */
function parseSafely(xml: string, huge: boolean, diagnostics: Diagnostics): XmlDocument | undefined {
  try {
    return readXml(xml, huge, diagnostics.file);
  } catch (e) {
    if (!(e instanceof XmlParseError)) throw e;
    const first: ErrorDetail | undefined = e.details.find((d) => d.level >= 2) ?? e.details[0];
    const pos = { line: Math.max(1, first?.line ?? 1), column: Math.max(1, first?.col ?? 1) };
    const message = first?.message.trim() ?? 'the XML could not be parsed';
    if (LIMIT.test(message)) {
      const lifted = huge ? 'even with the limits lifted (nesting 2048 deep at most)' : 'nesting 256 deep, text nodes of 10 MB';
      diagnostics.report('xml-limit', `the document goes past a safety limit of the XML parser (${lifted}): ${message.replace(/,? ?use XML_PARSE_HUGE option/, '')}${huge ? '' : '; for a file you trust, run again with --huge (TEI that teiwright wrote is always read without these limits)'}`, pos);
    } else diagnostics.report('xml-malformed', message, pos);
    return undefined;
  }
}


/** Expands xi:include in place; the number expanded, or -1 after reporting why it failed. */
function expandXIncludes(doc: XmlDocument, elements: readonly ElementRecord[], diagnostics: Diagnostics): number {
  allowLocalFiles();
  try {
    const count = doc.processXInclude();
    // libxml2 marks each included root with xml:base="<href>" (the XInclude "base URI
    // fixup"); the file itself did not say that, and the project subset has no xml:base.
    const hrefs = new Set(elements.filter((e) => e.ns === XINCLUDE_NS).map((e) => attr(e, 'href')?.value));
    for (const a of doc.find('//@xml:base') as XmlAttribute[]) if (hrefs.has(a.value)) a.remove();
    return count;
  } catch (e) {
    const details = e instanceof XmlParseError ? e.details : [];
    const first = details.find((d) => d.level >= 2) ?? details[0];
    const reason = (first?.message ?? (e instanceof Error ? e.message : String(e))).replace(/\s+/g, ' ').trim();
    diagnostics.report('xinclude-failed', `xi:include could not be expanded (only local files relative to the document are read, never the network): ${reason}; the document was not checked against the schema (--no-xinclude checks it as written)`, first ? { line: Math.max(1, first.line), column: Math.max(1, first.col) } : undefined);
    return -1;
  }
}

/**
 * The deepest nesting libxml2's RELAX NG validation (and XInclude) is run on. Its validator
 * recurses on the C stack of the wasm module, which lies in linear memory below nothing
 * that checks it: measured in fresh processes (libxml2-wasm 0.7.2, valid TEI with
 * `<hi>` nested in a `<p>`), the project schema faults with "memory access out of bounds"
 * from about 370 levels (and may corrupt the module's memory before, so later documents
 * fail too); tei_all runs out of JS stack from about 200. Parsing alone is iterative
 * (libxml2 refuses past 2048 levels, past 256 without --huge). Well below both: real TEI
 * nests a few dozen levels at most; TEI that teiwright wrote is checked without libxml2 at
 * any depth up to rng/'s MAX_DEPTH when the fast check finds it valid.
 */
export const LIBXML_MAX_DEPTH = 150;

/** The first element (in document order) nested deeper than LIBXML_MAX_DEPTH, and the document's deepest nesting; undefined when none is that deep. */
export function firstTooDeep(elements: readonly ElementRecord[]): { element: number; depth: number } | undefined {
  // Parents come before their children in the scan, so one pass gives every depth.
  const depths = new Int32Array(elements.length);
  for (let i = 0; i < elements.length; i++) {
    const parent = elements[i]!.parent;
    depths[i] = parent >= 0 ? depths[parent]! + 1 : 1;
  }
  const first = depths.findIndex((d) => d > LIBXML_MAX_DEPTH);
  return first < 0 ? undefined : { element: first, depth: depths.reduce((a, b) => Math.max(a, b), 0) };
}

/**
 * The schema errors, or a finding saying why there are none: libxml2's RELAX NG validator
 * recurses, and a document nested deep enough against a large schema exhausts the stack.
 */
function schemaErrorsWithin(path: string, doc: XmlDocument, scan: { elements: ElementRecord[] }, diagnostics: Diagnostics): ErrorDetail[] {
  try {
    return schemaErrors(path, doc, scan.elements);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Parents come before their children in the scan, so one pass gives every depth.
    const depths = new Int32Array(scan.elements.length);
    let depth = 0;
    scan.elements.forEach((el, i) => {
      depths[i] = el.parent >= 0 ? depths[el.parent]! + 1 : 1;
      depth = Math.max(depth, depths[i]!);
    });
    diagnostics.report('xml-limit', `the document nests elements ${depth} deep, too deep for the RELAX NG validator with this schema (it ran out of stack); it was not checked against the schema`);
    return [];
  }
}

/**
 * At most this many extra runs of libxml2 per document, fewer for large documents (about
 * 4 MB checked in all), so the cost stays bounded and the output deterministic.
 */
const MAX_PASSES = 40;
const PASS_BUDGET_CHARS = 4_000_000;

/**
 * libxml2 stops checking an element's content at its first fault, where jing (and an
 * editor) wants every fault of the document. So the faults found are blanked out of the
 * text (blank.ts: same lines and columns) and the rest checked again, until a run finds
 * nothing new; each run's errors are a pass for reportSchemaPasses.
 */
function laterPasses(errorsOf: (doc: XmlDocument, elements: readonly ElementRecord[]) => ErrorDetail[], xml: string, first: SchemaPass, huge: boolean, expected: ExpectedNames | undefined, more?: (pass: SchemaPass, n: number) => ErrorDetail[]): SchemaPass[] {
  const passes: SchemaPass[] = [first];
  const limit = Math.min(MAX_PASSES, Math.max(1, Math.floor(PASS_BUDGET_CHARS / Math.max(1, xml.length))));
  let text = xml;
  let pass = first;
  for (let n = 0; n < limit; n++) {
    // Faults of the same kind as those found, elsewhere in the document (values.ts): reported and blanked with them.
    if (more) {
      const found = more(pass, n);
      pass.details = [...pass.details, ...found];
      pass.sure = new Set(found);
    }
    const cut = repairsOf(pass.details, pass.elements, expected, pass.sure);
    if (cut.elements.length === 0 && cut.attributes.length === 0 && cut.tags.length === 0) break;
    const scanned = scanXml(text);
    if (!scanned.ok) break;
    text = blankOut(text, scanned.lineStarts, pass.elements, cut);
    const rescan = scanXml(text);
    if (!rescan.ok) break;
    let doc: XmlDocument;
    try {
      doc = readXml(text, huge, undefined);
    } catch {
      break;
    }
    try {
      const details = errorsOf(doc, rescan.elements);
      pass.rechecked = true;
      if (details.length === 0) break;
      pass = { details, elements: rescan.elements };
      passes.push(pass);
    } catch {
      break;
    } finally {
      doc.dispose();
    }
  }
  return passes;
}

const findingKey = (d: Diagnostic): string => `${d.code}:${d.line}:${d.column}:${d.message}`;

/**
 * At most this many characters of text checked inside misplaced elements in one document
 * (each text has the document's lines: thousands of elements out of place in a long
 * document would cost their number times its lines).
 */
const MISPLACED_BUDGET_CHARS = 64_000_000;

/** Rounds of checking inside misplaced elements (each round goes one misplaced element deeper). */
const MISPLACED_ROUNDS = 8;

/**
 * What is inside the elements reported out of place, checked against every pattern of
 * their names as jing does (misplaced.ts), and the same for elements out of place found
 * there, one level deeper each round.
 */
function checkMisplaced(path: string, xml: string, scan: { elements: ElementRecord[]; lineStarts: number[] }, misplaced: readonly number[], huge: boolean, ctx: ExplainContext, diagnostics: Diagnostics): void {
  const done = new Set<number>();
  let next = [...misplaced];
  // The keys of the findings so far (up to saidUpTo), grown as findings come.
  const said = new Set<string>();
  let saidUpTo = 0;
  let checked = 0;
  for (let round = 0; round < MISPLACED_ROUNDS && next.length > 0; round++) {
    next.forEach((i) => done.add(i));
    const checker = misplacedChecker(path, xml, scan.lineStarts, scan.elements, next);
    if (!checker) return;
    const found: number[] = [];
    try {
      for (const element of checker.elements) {
        const text = checker.text(element);
        checked += text.length;
        if (checked > MISPLACED_BUDGET_CHARS) break;
        const rescan = scanXml(text);
        if (!rescan.ok) continue;
        const at = scan.elements[element]!.pos;
        // Where the element itself stands is said already: libxml2 also blames the wrapper for it when its content fails.
        // Faults of its ancestors only follow from a fault inside it (their patterns here take anything).
        // libxml2 lost its place in the element and nothing inside it stands out of place: the fault is deeper (set by errorsOf).
        let deeper = false;
        const errorsOf = (variant: number, doc: XmlDocument, els: readonly ElementRecord[]): ErrorDetail[] => {
          const own = els.findIndex((e) => e.pos.line === at.line && e.pos.column === at.column);
          const inside = (e: number): boolean => {
            for (let p = els[e]!.parent; p >= 0; p = els[p]!.parent) if (p === own) return true;
            return false;
          };
          const raw = checker.errors(element, variant, doc);
          const kept = raw.filter((d) => {
            const e = d.xpath === undefined ? undefined : elementAtPath(els, d.xpath);
            return e !== undefined && (inside(e) || (e === own && !isPlacementFault(d)));
          });
          // "Element x has extra content: text": libxml2 lost its place in the element's
          // (mixed) content at a child that may not stand there and says no more; the
          // grammar says which children those are, as jing does.
          if (kept.length > 0 || !raw.some((d) => / has extra content: text$/.test(d.message.trim()) && d.xpath !== undefined && elementAtPath(els, d.xpath) === own)) return kept;
          // The fault may be deeper than its children: every element inside it is walked,
          // down to (not into) the children that may not stand where they are.
          const outOfPlace: number[] = [];
          const stack = [own];
          while (stack.length > 0) {
            const x = els[stack.pop()!]!;
            const walked = ctx.expected?.walk(nameKey(x.ns, x.local), x.children.map((c) => nameKey(els[c]!.ns, els[c]!.local)), x === els[own] ? undefined : ctx.context?.(x));
            x.children.forEach((c, k) => (walked && walked.verdicts[k] !== 'ok' ? outOfPlace.push(c) : stack.push(c)));
          }
          if (outOfPlace.length === 0) deeper = true;
          return outOfPlace
            .sort((a, b) => a - b)
            .map((c) => ({ message: `Did not expect element ${els[c]!.local} there`, level: 2, line: els[c]!.pos.line, col: 0, xpath: libxmlPathOf(els, c) }));
        };
        const run = (variant: number): ErrorDetail[] | undefined => {
          let doc: XmlDocument;
          try {
            doc = readXml(text, huge, undefined);
          } catch {
            return undefined;
          }
          try {
            return errorsOf(variant, doc, rescan.elements);
          } finally {
            doc.dispose();
          }
        };
        // One pattern of the name that takes the content: no error (jing's choice). Else
        // the errors of the pattern that went furthest, where jing's last alternative died.
        let best: { variant: number; details: ErrorDetail[]; reach: number } | undefined;
        // Every pattern lost its place in the element with nothing inside out of place: an
        // attribute or text of an element inside is at fault, so its children are checked
        // each on its own in the next round (jing names a bad value deep inside).
        let lost = false;
        for (let v = 0; v < checker.variants(element); v++) {
          deeper = false;
          const details = run(v);
          if (details !== undefined && details.length === 0 && deeper) {
            lost = true;
            continue;
          }
          if (details === undefined || details.length === 0) {
            best = undefined;
            lost = false;
            break;
          }
          const reach = Math.min(...details.map((d) => faultReach(d, rescan.elements, text, rescan.lineStarts)));
          if (!best || reach > best.reach || (reach === best.reach && details.length < best.details.length)) best = { variant: v, details, reach };
        }
        if (!best) {
          if (lost) found.push(...scan.elements[element]!.children);
          continue;
        }
        const variant = best.variant;
        deeper = false;
        const passes = laterPasses((d, els) => errorsOf(variant, d, els), text, { details: best.details, elements: rescan.elements }, huge, ctx.expected);
        const before = diagnostics.items.length;
        found.push(...reportSchemaPasses(passes, { ...ctx, elements: rescan.elements }, diagnostics, scan.elements));
        // Past the faults found libxml2 still lost its place with nothing out of place, or all
        // it said the grammar contradicts: the fault is deeper, as above.
        if (deeper || diagnostics.items.length === before) found.push(...scan.elements[element]!.children);
        // Said already (an element inside a foreign one, judged when that was unwrapped): once.
        for (let k = saidUpTo; k < before; k++) said.add(findingKey(diagnostics.items[k]!));
        const added = diagnostics.items.splice(before).filter((d) => !said.has(findingKey(d)));
        diagnostics.items.push(...added);
        saidUpTo = before;
      }
    } finally {
      checker.dispose();
    }
    next = found.filter((i) => !done.has(i));
  }
}

/** Did teiwright write this TEI? Its `appInfo/application[@ident="teiwright"]` says so. */
export function writtenByTeiwright(elements: readonly ElementRecord[]): boolean {
  return elements.some((e) => e.local === 'application' && e.ns === TEI_NS && attr(e, 'ident')?.value === 'teiwright' && e.parent >= 0 && elements[e.parent]!.local === 'appInfo');
}

function duplicateIds(elements: readonly ElementRecord[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const e of elements) {
    const id = attr(e, 'id', XML_NS)?.value;
    if (id === undefined) continue;
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  return twice;
}

let oneWalk = true;

/** Turns the one-walk answer for TEI teiwright wrote (checkText) on or off in this thread; off, such TEI goes the way it went before (tests compare the two). */
export function useOneWalk(on: boolean): void {
  oneWalk = on;
}

const byPosition = (a: Diagnostic, b: Diagnostic): number => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/**
 * All findings on one TEI document, in document order. Never throws on a bad document;
 * throws (XmlError) when `options.schema` names a file that is not a readable RELAX NG
 * schema, which is the same for every document and for the caller to report once.
 */
export function validateTei(xml: string, options: ValidateFileOptions = {}): Diagnostic[] {
  const diagnostics = new Diagnostics(options.file);
  try {
    return checkDocument(xml, options, diagnostics);
  } catch (e) {
    if (e instanceof SchemaUnusable) throw e;
    // A fault of teiwright, not of the document: one finding, no stack (the caller goes on).
    diagnostics.report('internal-error', `teiwright failed while checking this document (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}); please report it`);
    return diagnostics.items;
  }
}

/**
 * Expands xi:include in the text first (xinclude.ts) when it can, so that every check runs
 * on the expanded document as on any other, then moves each finding to the file and
 * line:column where it really is. Other forms of XInclude go to libxml2's (checkText).
 */
function checkDocument(xml: string, options: ValidateFileOptions, diagnostics: Diagnostics): Diagnostic[] {
  if (options.xinclude === false || options.file === undefined || !xml.includes(XINCLUDE_NS)) return checkText(xml, options, diagnostics);
  const scan = scanXml(xml);
  if (!scan.ok || !scan.elements.some((e) => e.ns === XINCLUDE_NS)) return checkText(xml, options, diagnostics);
  // Well-formedness of the including document first: its own errors at its own lines.
  // Whose TEI it is (the default schema, the parser's limits) is the including document's to say.
  const own = writtenByTeiwright(scan.elements);
  const doc = parseSafely(xml, own || options.huge === true, diagnostics);
  if (!doc) return diagnostics.items;
  doc.dispose();
  // XInclude's base URI fixup writes xml:base on each included element, its language fixup
  // xml:lang where the language changes; the project subset has no xml:base and xml:lang on
  // the root only (TEI that teiwright wrote gathers its editions with xi:include), so both
  // are left out when the document is checked against the subset.
  const schema = chooseSchema(options.schema ?? 'auto', { own, xml, file: options.file });
  const expansion = expandXIncludeText(xml, options.file, options.file, { base: schema.path !== PROJECT_SCHEMA, lang: schema.path !== PROJECT_SCHEMA, ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }) });
  if (expansion.kind === 'unsupported') return checkText(xml, options, diagnostics);
  if (expansion.kind === 'failed') {
    const d = diagnostics.report('xinclude-failed', `xi:include could not be expanded: ${expansion.message}; the document was not checked against the schema (--no-xinclude checks it as written)`, expansion.pos);
    d.file = expansion.shown;
    return diagnostics.items;
  }
  const map = expansion.map;
  const items = checkText(expansion.text, options, diagnostics, own, (pos) => {
    const at = map.locate(pos);
    return `${at.shown}:${at.pos.line}:${at.pos.column}`;
  });
  map.relocate(items);
  return items;
}

/**
 * `ownAs`: whether teiwright wrote the document, when the including document of an expanded
 * one said so (else read from `xml`); `place` names another element's position in a
 * finding's message (the files of an expanded document).
 */
function checkText(xml: string, options: ValidateOptions, diagnostics: Diagnostics, ownAs?: boolean, place?: Place): Diagnostic[] {
  const asked = options.schema ?? 'auto';
  const projectAsked = asked === 'auto' || asked === 'project';
  // TEI teiwright wrote (the usual case: every file `convert` writes is checked so), in one
  // walk: the check in TypeScript (rng/) reads it, and what integrity needs with it. When the
  // walk finds it written by teiwright and certainly valid against the project schema, and its
  // facts are enough for integrity, that is the whole answer, as the way below would give it
  // (scanXml, writtenByTeiwright, fastVerdict, checkIntegrity), without scanXml's records;
  // anything else goes that way.
  let walked: Verdict | undefined;
  if (oneWalk && ownAs === undefined && place === undefined && projectAsked) {
    walked = walkOwn(PROJECT_SCHEMA, xml);
    if (walked === 'valid' && walkFacts.written && reportIntegrityFacts(walkFacts, xml, diagnostics)) {
      fastVerdict(PROJECT_SCHEMA, xml, walked);
      schematrons(PROJECT_SCHEMA, xml, options, diagnostics);
      return [...diagnostics.items].sort(byPosition);
    }
  }
  const scan = scanXml(xml);
  if (!scan.ok) {
    diagnostics.report('xml-unsafe', `${scan.unsafe.what} declaration: TEI needs no DTD, and teiwright reads no DTD or entity declarations (they can fetch files or expand without bound); remove it`, scan.unsafe.pos);
    return diagnostics.items;
  }
  const own = ownAs ?? writtenByTeiwright(scan.elements);
  // TEI teiwright wrote, checked against the project schema as written: when the check in
  // TypeScript (rng/) finds it certainly well-formed and valid, libxml2 is not needed. Any
  // other verdict of that check goes the libxml2 way below, which says what is wrong.
  if (own && place === undefined && projectAsked && !scan.elements.some((e) => e.ns === XINCLUDE_NS) && fastVerdict(PROJECT_SCHEMA, xml, walked) === 'valid') {
    checkIntegrity(scan.elements, diagnostics, undefined, place);
    schematrons(PROJECT_SCHEMA, xml, options, diagnostics);
    return [...diagnostics.items].sort(byPosition);
  }
  // Too deep for libxml2's validators (see LIBXML_MAX_DEPTH): well-formedness and the
  // integrity checks only, and a finding saying where the limit was passed.
  const deep = firstTooDeep(scan.elements);
  if (deep !== undefined) {
    const parsed = parseSafely(xml, own || options.huge === true, diagnostics);
    if (!parsed) return [...diagnostics.items].sort(byPosition);
    parsed.dispose();
    checkIntegrity(scan.elements, diagnostics, undefined, place);
    diagnostics.report('xml-limit', `elements nest ${deep.depth} deep, past ${LIBXML_MAX_DEPTH} from here on, the deepest the RELAX NG validator is run on (it recurses and would overflow its stack): the document was checked for well-formedness and integrity only, not against the schema or its Schematron rules, and xi:include was not expanded`, scan.elements[deep.element]!.pos);
    return [...diagnostics.items].sort(byPosition);
  }
  const doc = parseSafely(xml, own || options.huge === true, diagnostics);
  if (!doc) {
    checkBeforeBreak(xml, scan.lineStarts, options, diagnostics, own, place);
    return [...diagnostics.items].sort(byPosition);
  }
  try {
    const included = options.xinclude !== false && scan.elements.some((e) => e.ns === XINCLUDE_NS) ? expandXIncludes(doc, scan.elements, diagnostics) : 0;
    if (included < 0) return diagnostics.items;
    // ids that xi:include brought in are the document's too: pointers to them resolve.
    const extraIds = included > 0 ? new Set((doc.find('//@xml:id') as XmlAttribute[]).map((a) => a.value)) : undefined;
    checkIntegrity(scan.elements, diagnostics, extraIds, place);
    const choice = chooseSchema(options.schema ?? 'auto', { own, xml, ...(options.file !== undefined && { file: options.file }) });
    if (choice.note) diagnostics.report('schema-fallback', choice.note);
    if (choice.path !== undefined) {
      // TEI teiwright wrote, as written (nothing included): the reduced project schema's verdict when it can give it (own-schema.ts).
      const certainlyValid = own && included === 0 && choice.path === PROJECT_SCHEMA && validByReducedSchema(choice.path, doc, scan.elements);
      const errors = certainlyValid ? [] : schemaErrorsWithin(choice.path, doc, scan, diagnostics);
      if (errors.length > 0) {
        const ctx = {
          // After an expansion the tree is no longer the text: findings take libxml2's lines.
          elements: included > 0 ? [] : scan.elements,
          vocabulary: vocabularyOf(resolve(choice.path)),
          classify: choice.path === PROJECT_SCHEMA,
          duplicateIds: duplicateIds(scan.elements),
          expected: expectedNamesOf(choice.path),
        };
        const narrowed: ExplainContext = { ...ctx, ...(ctx.expected && ctx.elements.length > 0 && { context: contextsOf(ctx.expected, ctx.elements), source: { text: xml, lineStarts: scan.lineStarts, elements: scan.elements } }) };
        const huge = own || options.huge === true;
        const schemaPath = choice.path;
        const values = narrowed.context ? valueCheckerOf(schemaPath) : undefined;
        // Faults the grammar confirms, blanked with libxml2's so that a run goes past them all
        // (values.ts): values of a kind found bad, and on the document as written, attributes and
        // children where none of their name may stand.
        const sameKind = values && narrowed.context && ctx.expected ? (pass: SchemaPass, n: number): ErrorDetail[] => [...sameValueFaults(pass.details, pass.elements, values, narrowed.context!), ...(n === 0 ? grammarFaults(pass.details, pass.elements, ctx.expected!, narrowed.context!) : [])] : undefined;
        const passes = included > 0 ? [{ details: errors, elements: ctx.elements }] : laterPasses((d, els) => schemaErrors(schemaPath, d, els), xml, { details: errors, elements: scan.elements }, huge, ctx.expected, sameKind);
        const misplaced = reportSchemaPasses(passes, narrowed, diagnostics);
        if (included === 0) checkMisplaced(schemaPath, xml, scan, misplaced, huge, narrowed, diagnostics);
      }
    }
    schematrons(choice.path, xml, options, diagnostics);
  } finally {
    doc.dispose();
  }
  return [...diagnostics.items].sort(byPosition);
}

/** The Schematron constraints the schema embeds, and those of a `.sch` file asked for. */
function schematrons(schemaPath: string | undefined, xml: string, options: ValidateOptions, diagnostics: Diagnostics): void {
  if (options.schematron === 'none') return;
  const extra = options.schematron !== undefined && options.schematron !== 'embedded' ? [options.schematron] : [];
  for (const source of [...(schemaPath !== undefined ? [schemaPath] : []), ...extra]) {
    const sch = schematronOf(source);
    if (sch) runSchematron(sch, xml, diagnostics);
  }
}

/** What the text before a break settles: the schema's findings, and ids given twice there. */
const SCHEMA_FINDINGS = new Set<string>(['schema-invalid', 'schema-outside-subset', 'id-duplicate']);

/**
 * A document that is not well-formed: its text before the break checked against the schema,
 * as jing reports the schema errors it met before the break (prefix.ts says which findings
 * that text settles), and ids given twice there. Not for a document that includes others
 * (their lines are another file's); no pointer check (what a pointer names may be past the break).
 */
function checkBeforeBreak(xml: string, lineStarts: readonly number[], options: ValidateOptions, diagnostics: Diagnostics, own: boolean, place?: Place): void {
  const broken = diagnostics.items[diagnostics.items.length - 1];
  if (broken?.code !== 'xml-malformed' || broken.line === undefined || broken.column === undefined || options.schema === 'none') return;
  const prefix = readablePrefix(xml, { line: broken.line, column: broken.column }, lineStarts);
  if (!prefix || prefix.text.includes(XINCLUDE_NS)) return;
  const inner = new Diagnostics(diagnostics.file);
  checkText(prefix.text, { ...options, xinclude: false, schematron: 'none' }, inner, own, place);
  const { end } = prefix;
  const open = new Set(prefix.open.map((p) => `${p.line}:${p.column}`));
  const settled = inner.items.filter((d) => {
    if (!SCHEMA_FINDINGS.has(d.code) || d.line === undefined || d.column === undefined) return false;
    return (d.line < end.line || (d.line === end.line && d.column < end.column)) && !(open.has(`${d.line}:${d.column}`) && saysIncomplete(d.message));
  });
  // Which schema said so, when it was not the one asked for.
  if (settled.length > 0) diagnostics.items.push(...inner.items.filter((d) => d.code === 'schema-fallback'), ...settled);
}

/** Reads and checks one file: refuses binary and non-UTF-8 files first (src/io/decode.ts). */
export function validateFile(path: string, options: ValidateFileOptions = {}): Diagnostic[] {
  const file = options.file ?? path;
  const diagnostics = new Diagnostics(file);
  let bytes: Uint8Array;
  try {
    // Bounded while reading, devices and FIFOs refused by name (`validate /dev/zero` grew to GBs).
    const read = readInputSync(path, options.maxBytes ?? Number.POSITIVE_INFINITY);
    if ('notFile' in read) {
      diagnostics.report('input-not-file', `${read.notFile}: teiwright reads regular files only (use - for stdin)`);
      return diagnostics.items;
    }
    if ('tooLarge' in read) {
      diagnostics.report('input-too-large', `the file has more than ${options.maxBytes} bytes, the limit (--max-size)`);
      return diagnostics.items;
    }
    bytes = read.bytes;
  } catch (e) {
    diagnostics.report('input-unreadable', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return diagnostics.items;
  }
  const decoded = decodeInput(bytes, options.maxBytes, { rules: 'xml' });
  if (!decoded.ok) {
    diagnostics.report(decoded.code, decoded.message, decoded.pos);
    return diagnostics.items;
  }
  return validateTei(decoded.text, { ...options, file });
}

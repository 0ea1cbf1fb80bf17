/**
 * Turns libxml2's RELAX NG errors into diagnostics an editor can act on: at the
 * line:column of the element or attribute (libxml2 gives the line only), naming the
 * element, the attribute and its value, one finding per fault (libxml2 repeats itself).
 *
 * Against the project schema, errors are also classified: an element or attribute that
 * TEI has but the teiwright subset does not (or a value TEI accepts but the subset's
 * tighter datatype does not) is `schema-outside-subset`, "valid TEI, but outside the
 * teiwright subset"; everything else is `schema-invalid`. TEI's names come from
 * tei-vocabulary.ts (generated from tei_all.rng), so no tei_all is needed at run time.
 * The classification looks at one fault at a time: an element TEI allows in its parent
 * but at another position is still called "outside the subset".
 */
import type { ErrorDetail } from 'libxml2-wasm';
import type { Diagnostics } from '../diagnostics.js';
import type { SourcePos } from '../model/edition.js';
import { elementEnd } from './blank.js';
import { TEI_NS } from './integrity.js';
import { XML_NS, type AttrRecord, type ElementRecord } from './scan.js';
import { childStepsOf, elementAtPath, numbered } from './misplaced.js';
import { NAME_SETS, TEI_ATTRIBUTES, TEI_CHILDREN, TEI_ELEMENTS } from './tei-vocabulary.js';
import type { Vocabulary } from './vocabulary.js';
import { shownAttribute, type ExpectedNames, type RngNode } from './expected.js';
import { nameKey } from './reduce.js';

type Fault =
  | { kind: 'element'; name: string; expected?: string }
  | { kind: 'attribute'; name: string }
  | { kind: 'namespace'; expected: string }
  | { kind: 'missing'; name: string }
  | { kind: 'text' }
  | { kind: 'empty' }
  | { kind: 'datatype'; type: string; value: string }
  | { kind: 'duplicate-id'; id: string }
  | { kind: 'generic'; part: string }
  | { kind: 'other'; message: string };

/** The fault a libxml2 RELAX NG message describes (see xmlRelaxNGGetErrorString in relaxng.c). */
function parseMessage(message: string): Fault {
  const m = message.trim();
  let r: RegExpExecArray | null;
  if ((r = /^Did not expect element (\S+) there$/.exec(m))) return { kind: 'element', name: r[1]! };
  if ((r = /^Element \S+ has extra content: (\S+)$/.exec(m))) return { kind: 'element', name: r[1]! };
  if ((r = /^Expecting element (\S+), got (\S+)$/.exec(m))) return { kind: 'element', name: r[2]!, expected: r[1]! };
  if ((r = /^Invalid attribute (\S+) for element \S+$/.exec(m))) return { kind: 'attribute', name: r[1]! };
  if ((r = /^Element \S+ has wrong namespace: expecting (\S+)$/.exec(m))) return { kind: 'namespace', expected: r[1]! };
  if ((r = /^Expecting an element (\S*), got nothing$/.exec(m))) return { kind: 'missing', name: r[1]! };
  if (/^Did not expect text in element \S+ content$/.test(m) || /^Expecting an element got text$/.test(m)) return { kind: 'text' };
  if (/^Expecting element \S+ to be empty$/.test(m)) return { kind: 'empty' };
  if ((r = /^Type (\S+) doesn't allow value '(.*)'$/.exec(m))) return { kind: 'datatype', type: r[1]!, value: r[2]! };
  if ((r = /^ID (\S+) redefined$/.exec(m))) return { kind: 'duplicate-id', id: r[1]! };
  if ((r = /^Element \S+ failed to validate (attributes|content)$/.exec(m))) return { kind: 'generic', part: r[1]! };
  return { kind: 'other', message: m };
}

/** What an attribute's value must look like, for the message. */
const EXPECTED_VALUE: Record<string, string> = {
  when: 'a real calendar date such as 1912-03-04, 1912-03 or 1912',
  notBefore: 'a real calendar date such as 1912-03-04, 1912-03 or 1912',
  notAfter: 'a real calendar date such as 1912-03-04, 1912-03 or 1912',
  quantity: 'a non-negative number',
  'xml:lang': 'a language tag such as "en" or "de-AT"',
  'xml:id': 'a name (NCName): a letter or "_" first, no spaces or colons',
  version: 'a version number such as "1.2.0"',
  status: '"free", "unknown" or "restricted"',
  target: 'URI references separated by spaces',
  resp: 'URI references separated by spaces',
  hand: 'one URI reference',
};

/** The same where TEI's own datatypes apply (any schema but the project subset, which narrows these): tei_all takes more. */
const EXPECTED_TEI_VALUE: Record<string, string> = {
  when: 'a date or time in ISO form such as 1912-03-04, 1912-03, 1912, --03-04 or 1912-03-04T12:00:00',
  notBefore: 'a date or time in ISO form such as 1912-03-04, 1912-03, 1912, --03-04 or 1912-03-04T12:00:00',
  notAfter: 'a date or time in ISO form such as 1912-03-04, 1912-03, 1912, --03-04 or 1912-03-04T12:00:00',
  quantity: 'a number such as 3, -2.5 or 1/2',
  'xml:lang': 'a language tag such as "en" or "de-AT", or ""',
};

/** What an attribute's value must look like against the schema of `ctx`, or undefined (the hints say what TEI takes: for TEI's elements only). */
const valueHint = (ctx: ExplainContext, aname: string, element: ElementRecord): string | undefined => (element.ns !== TEI_NS ? undefined : (ctx.classify ? undefined : EXPECTED_TEI_VALUE[aname]) ?? EXPECTED_VALUE[aname]);

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function realDate(y: number, m: number, d: number): boolean {
  const days = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1]!;
}
const TZ = '(?:Z|[+-]\\d{2}:\\d{2})?';
const TIME = '\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?';

/**
 * The values TEI (tei_all) accepts for the attributes whose datatype the subset narrows;
 * a value accepted here but refused by the project schema is outside the subset.
 */
const TEI_LOOSER_VALUE: Record<string, (value: string) => boolean> = {
  when: teiTemporal,
  notBefore: teiTemporal,
  notAfter: teiTemporal,
  // TEI: xsd:double | fraction | xsd:decimal.
  quantity: (v) => /^-?\d+\/-?\d+$/.test(v) || /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) || /^(-?INF|NaN)$/.test(v),
  // TEI: a language tag or the empty string.
  'xml:lang': (v) => v === '',
  'language@ident': (v) => v === '',
};

/** TEI's teidata.temporal.w3c forms that the subset leaves out: gMonth, gDay, gMonthDay, time, dateTime. */
function teiTemporal(v: string): boolean {
  if (new RegExp(`^--(0[1-9]|1[0-2])${TZ}$`).test(v)) return true;
  if (new RegExp(`^---(0[1-9]|[12]\\d|3[01])${TZ}$`).test(v)) return true;
  const md = new RegExp(`^--(\\d{2})-(\\d{2})${TZ}$`).exec(v);
  if (md) return realDate(2000, Number(md[1]), Number(md[2]));
  if (new RegExp(`^([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?${TZ}$`).test(v)) return true;
  const dt = new RegExp(`^-?(\\d{4,})-(\\d{2})-(\\d{2})T${TIME}${TZ}$`).exec(v);
  return dt !== null && realDate(Number(dt[1]), Number(dt[2]), Number(dt[3]));
}

/** `xml:id`, `target`, `{ns}name`: the name as the vocabularies spell it. */
function attributeName(a: AttrRecord): string {
  return a.ns === XML_NS ? `xml:${a.local}` : a.ns === '' ? a.local : `{${a.ns}}${a.local}`;
}

const teiSet = (table: Readonly<Record<string, number>>, element: string): ReadonlySet<string> | undefined => {
  const i = table[element];
  return i === undefined ? undefined : new Set(NAME_SETS[i]);
};
const TEI_ELEMENT_SET = new Set(TEI_ELEMENTS);

export interface ExplainContext {
  elements: readonly ElementRecord[];
  /** The vocabulary of the schema used (to tell an unknown attribute from a bad value). */
  vocabulary: Vocabulary;
  /** Classify against TEI (project schema only). */
  classify: boolean;
  /** xml:id values used more than once (reported as id-duplicate already). */
  duplicateIds: ReadonlySet<string>;
  /** The schema's grammar, to name what it expects where a fault is. */
  expected?: ExpectedNames;
  /** The document as written (its elements, text and line starts), to say where text that may not stand in an element is. */
  source?: { text: string; lineStarts: readonly number[]; elements: readonly ElementRecord[] };
  /** The element patterns an element matches where it stands in the document as written (see contextsOf); undefined: every pattern of its name. */
  context?: (element: ElementRecord) => readonly RngNode[] | undefined;
}

/**
 * The element patterns each element of `written` matches where it stands (ExpectedNames.contexts),
 * found by position: the passes over blanked texts keep the positions of the document as written.
 */
export function contextsOf(expected: ExpectedNames, written: readonly ElementRecord[]): (element: ElementRecord) => readonly RngNode[] | undefined {
  const byPos = new Map(written.map((e, i) => [`${e.pos.line}:${e.pos.column}`, i] as const));
  const of = expected.contexts(written);
  return (element) => {
    const i = byPos.get(`${element.pos.line}:${element.pos.column}`);
    return i === undefined ? undefined : of(i);
  };
}

/** At most this many names in a message; the rest are counted. */
const MAX_NAMES = 25;

/**
 * "expected <a>, <b> or <c>" (and "the end of <p>" when it may end there) after the
 * children of `parent` before `upTo` (all of them when undefined); '' when unknown.
 */
function expectedText(ctx: ExplainContext, parent: ElementRecord, upTo: number | undefined): string {
  if (!ctx.expected) return '';
  const children = parent.children;
  const keys = children.map((i) => nameKey(ctx.elements[i]!.ns, ctx.elements[i]!.local));
  const at = ctx.expected.atChild(nameKey(parent.ns, parent.local), keys, upTo === undefined ? keys.length : children.indexOf(upTo), ctx.context?.(parent));
  if (!at || (at.names.length === 0 && !at.mayEnd && !at.text)) return '';
  const items = at.names.slice(0, MAX_NAMES).map((k) => `<${k.slice(k.indexOf(' ') + 1)}>`);
  if (at.names.length > MAX_NAMES) items.push(`${at.names.length - MAX_NAMES} more`);
  // In jing's order: "the element end-tag, text or element …".
  if (at.text) items.unshift('text');
  if (at.mayEnd) items.unshift(`the end of <${parent.qname}>`);
  const list = items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`;
  return `; expected ${list}`;
}

/** "; expected <TEI> or <teiCorpus>": what the grammar allows as the root element; '' when unknown. */
function rootText(ctx: ExplainContext): string {
  const names = ctx.expected?.atStart() ?? [];
  if (names.length === 0) return '';
  const items = names.slice(0, MAX_NAMES).map((k) => `<${k.slice(k.indexOf(' ') + 1)}>`);
  if (names.length > MAX_NAMES) items.push(`${names.length - MAX_NAMES} more`);
  return `; expected ${items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`}`;
}

interface Finding {
  code: 'schema-invalid' | 'schema-outside-subset';
  message: string;
  pos: SourcePos;
  /** For schema-outside-subset: what the finding is about (an element name, an attribute), reported once. */
  group?: string;
  xpath?: string;
  /** The element's index in the first pass's scan (the document as written). */
  at?: number;
  /** The finding says where the element stands is wrong (not its attributes or content). */
  placement?: boolean;
  /** libxml2 called the element out of place where the grammar allows it: it lost its place after an earlier fault. */
  allowedHere?: boolean;
}

type Verdict = 'ok' | 'yet' | 'here';

/**
 * jing's verdict on each child of the parents it is asked about (expected.ts, `walk`):
 * libxml2 loses its place in a parent's content after a fault, jing does not.
 */
function jingOrder(ctx: ExplainContext, elements: readonly ElementRecord[]): { verdictOf: (index: number) => Verdict | undefined; incomplete: (parent: number) => boolean; complete: (parent: number) => boolean } {
  const walked = new Map<number, { verdicts: Verdict[]; complete: boolean } | undefined>();
  const walk = (parent: number): { verdicts: Verdict[]; complete: boolean } | undefined => {
    if (!ctx.expected) return undefined;
    if (!walked.has(parent)) {
      const p = elements[parent]!;
      walked.set(parent, ctx.expected.walk(nameKey(p.ns, p.local), p.children.map((i) => nameKey(elements[i]!.ns, elements[i]!.local)), ctx.context?.(p)));
    }
    return walked.get(parent);
  };
  return {
    verdictOf: (index) => {
      const parent = elements[index]!.parent;
      return parent < 0 ? undefined : walk(parent)?.verdicts[elements[parent]!.children.indexOf(index)];
    },
    incomplete: (parent) => walk(parent)?.complete === false,
    complete: (parent) => walk(parent)?.complete === true,
  };
}

/**
 * Findings that only follow from another: an element libxml2 called out of place where
 * the grammar allows it, when another fault stands inside the same parent (in a sibling
 * before it, inside it, or a sibling after it that libxml2 blamed on it). libxml2 loses
 * its place in the parent's content at such a fault; jing does not.
 */
function dropCascades(findings: readonly Finding[], elements: readonly ElementRecord[]): Finding[] {
  const real = findings.filter((f) => !f.allowedHere && f.at !== undefined).map((f) => f.at!);
  const within = (j: number, root: number): boolean => {
    for (let a = j; a >= 0; a = elements[a]!.parent) if (a === root) return true;
    return false;
  };
  return findings.filter((f) => {
    if (!f.allowedHere || f.at === undefined) return true;
    const parent = elements[f.at]!.parent;
    return !real.some((j) => j !== parent && within(j, parent));
  });
}

const xpathSteps = new WeakMap<readonly ElementRecord[], Map<number, Map<number, string>>>();

/** The XPath of an element by its names as written, with a position where siblings share its name: `/TEI/text/body/div[2]/p`. */
export function xpathOf(elements: readonly ElementRecord[], index: number): string {
  const steps: string[] = [];
  const named = (children: readonly number[]): string[] => {
    const names = children.map((c) => elements[c]!.qname);
    return numbered(names, names);
  };
  for (let i = index; i >= 0; i = elements[i]!.parent) {
    const e = elements[i]!;
    steps.push(e.parent < 0 ? e.qname : childStepsOf(xpathSteps, elements, e.parent, named).get(i)!);
  }
  return `/${steps.reverse().join('/')}`;
}

/**
 * One run of libxml2 over the document, or over the document with the faults of earlier
 * runs blanked out (see `repairsOf`): its errors and the scan of the text it ran on (the
 * blanked text keeps every offset, so positions are the original's).
 */
export interface SchemaPass {
  details: readonly ErrorDetail[];
  elements: readonly ElementRecord[];
  /** libxml2 ran again with this pass's faults blanked out (so a fault that follows from another was checked again). */
  rechecked?: boolean;
  /** Faults of this pass that the grammar confirms (values.ts), not libxml2's: never a cascade of another. */
  sure?: ReadonlySet<ErrorDetail>;
}

/**
 * The faults of a pass that may only follow from another: an element called out of place
 * that has a fault inside it, or comes after a sibling (or something inside one) at fault. libxml2 loses its place in
 * the parent's content after a fault and calls the next sibling out of place; blanked out,
 * the first fault no longer throws it off, and the next pass says again whether the
 * sibling is really out of place.
 */
function cascades(details: readonly ErrorDetail[], elements: readonly ElementRecord[], sure?: ReadonlySet<ErrorDetail>): Set<ErrorDetail> {
  const located = details.map((d) => ({ d, index: d.xpath === undefined ? undefined : elementAtPath(elements, d.xpath), kind: parseMessage(d.message).kind }));
  // For each parent, the first child position holding (or enclosing) a fault.
  const firstFaultyChild = new Map<number, number>();
  // Elements with a fault somewhere inside them.
  const enclosing = new Set<number>();
  for (const { index } of located) {
    if (index === undefined) continue;
    for (let a = index; elements[a]!.parent >= 0; a = elements[a]!.parent) {
      enclosing.add(elements[a]!.parent);
      const parent = elements[a]!.parent;
      const at = elements[parent]!.children.indexOf(a);
      const known = firstFaultyChild.get(parent);
      if (known === undefined || at < known) firstFaultyChild.set(parent, at);
    }
  }
  const out = new Set<ErrorDetail>();
  for (const { d, index, kind } of located) {
    if (index === undefined || kind !== 'element' || elements[index]!.parent < 0 || sure?.has(d)) continue;
    const parent = elements[index]!.parent;
    const first = firstFaultyChild.get(parent);
    if (enclosing.has(index) || (first !== undefined && first < elements[parent]!.children.indexOf(index))) out.add(d);
  }
  return out;
}

export function reportSchemaErrors(details: readonly ErrorDetail[], ctx: ExplainContext, diagnostics: Diagnostics): void {
  reportSchemaPasses([{ details, elements: ctx.elements }], ctx, diagnostics);
}

const posKey = (p: SourcePos): string => `${p.line}:${p.column}`;

/**
 * The findings of every pass, each fault once. A later pass's fault about an element that
 * encloses a blanked one is left out: blanking may have taken a child the element needs,
 * and its real faults were reported by the pass that saw it whole.
 * `document`: the elements of the document as written, when the passes are of another text
 * with the same positions (misplaced.ts); by default the first pass's. Returns the elements
 * (indexes into `document`) whose content libxml2 did not check: those reported as standing
 * where they may not, then those blanked out whole without being reported (libxml2 blamed
 * them for a fault inside: against TEI Lite it blamed a valid `<head>` for a bad `@when` on
 * the `<date>` in it, which jing reports).
 */
export function reportSchemaPasses(passes: readonly SchemaPass[], ctx: ExplainContext, diagnostics: Diagnostics, document?: readonly ElementRecord[]): number[] {
  const seen = new Set<string>();
  // schema-outside-subset: one summary per element or attribute name, at its first occurrence.
  const outsideGroups = new Map<string, { finding: Finding; count: number }>();
  /** A finding of a group already kept counts in that one; any other is kept. */
  const keepGrouped = (finding: Finding): void => {
    const g = finding.group === undefined ? undefined : outsideGroups.get(finding.group);
    if (g) g.count++;
    else {
      if (finding.group !== undefined) outsideGroups.set(finding.group, { finding, count: 1 });
      findings.push(finding);
    }
  };
  const findings: Finding[] = [];
  const enclosing = new Set<string>();
  // Parents of what was blanked out (a grandchild's loss does not change a parent's order).
  const lostChild = new Set<string>();
  // Blanked passes keep positions, not indexes: a finding is placed in the document as written by its position.
  const written = document ?? passes[0]?.elements ?? [];
  const originalIndex = positionsOf(written);
  const { verdictOf, incomplete, complete } = jingOrder(ctx, written);
  // Parents where libxml2 found a child out of place: jing's verdict on all their children is added below.
  const orderChecked = new Set<number>();
  // Foreign elements whose tags only were blanked: their children are judged against what the grammar says of them.
  const unwrapped = new Set<number>();
  // Elements already said to stand where they may not; elements already said to be incomplete.
  const placed = new Set<number | undefined>();
  const toldIncomplete = new Set<number | undefined>();
  const textFaulted = new Set<number>();
  // Elements blanked out whole (their content unchecked past libxml2's first fault there).
  const cutWhole = new Set<number>();
  passes.forEach((pass, n) => {
    const passCtx = { ...ctx, elements: pass.elements };
    const deferred = pass.rechecked ? cascades(pass.details, pass.elements, pass.sure) : new Set<ErrorDetail>();
    const faults = pass.details.filter((d) => !deferred.has(d)).map((d) => ({ detail: d, fault: parseMessage(d.message), index: d.xpath === undefined ? undefined : elementAtPath(pass.elements, d.xpath) }));
    const specific = faults.some((f) => f.fault.kind !== 'generic');
    const attributeFaultAt = new Set(faults.filter((f) => f.fault.kind === 'attribute').map((f) => f.detail.xpath));
    const valueFaultAt = new Set(faults.filter((f) => f.fault.kind === 'attribute' || f.fault.kind === 'datatype').map((f) => f.detail.xpath));
    const textFaultAt = new Set(faults.filter((f) => f.fault.kind === 'text' || f.fault.kind === 'empty').map((f) => f.detail.xpath));
    for (const { detail, fault, index } of faults) {
      // "Element p failed to validate content" only repeats a more specific error.
      if (fault.kind === 'generic' && specific) continue;
      // "Type ID doesn't allow value" comes with "Invalid attribute id" for the same element.
      if (fault.kind === 'datatype' && attributeFaultAt.has(detail.xpath)) continue;
      // Text where none may stand also makes libxml2 say the element is out of place.
      if (fault.kind === 'element' && textFaultAt.has(detail.xpath)) continue;
      const element = index === undefined ? undefined : pass.elements[index];
      if (n > 0 && (element === undefined || (fault.kind !== 'attribute' && fault.kind !== 'datatype' && enclosing.has(posKey(element.pos))))) continue;
      // An element out of order in a parent that lost a child to blanking: the order may be
      // off only because that child is gone. (One its parent may not hold at all is kept.)
      if (n > 0 && fault.kind === 'element' && element !== undefined && element.parent >= 0) {
        const parent = pass.elements[element.parent]!;
        if (lostChild.has(posKey(parent.pos)) && (ctx.vocabulary.children.get(parent.local)?.has(element.local) ?? false)) continue;
      }
      // A child of an unwrapped foreign element: whether it may stand there is said below, from the grammar.
      const original = element === undefined ? undefined : originalIndex.get(posKey(element.pos));
      // Past a bad attribute libxml2 tries the element's other alternatives and says one lacks
      // a child (TEI Lite's <gap quantity="one">: "Expecting an element desc"): the grammar says
      // whether its children are complete; jing reports the attribute only.
      if (fault.kind === 'missing' && original !== undefined && valueFaultAt.has(detail.xpath) && complete(original)) continue;
      if ((fault.kind === 'element' || fault.kind === 'namespace') && original !== undefined && written[original]!.parent >= 0 && unwrapped.has(written[original]!.parent)) continue;
      const finding = explain(fault, element, detail, passCtx);
      if (!finding) continue;
      if (index !== undefined) {
        finding.xpath = xpathOf(written, original ?? index);
        finding.at = original;
        finding.placement = fault.kind === 'element' || fault.kind === 'namespace';
        if (fault.kind === 'missing' || fault.kind === 'generic') toldIncomplete.add(original);
        // Text where none may stand: jing goes past it and still says when a required child is missing.
        if ((fault.kind === 'text' || fault.kind === 'empty') && original !== undefined) textFaulted.add(original);
        if (fault.kind === 'element' && finding.at !== undefined) {
          finding.allowedHere = verdictOf(finding.at) === 'ok';
          if (written[finding.at]!.parent >= 0) orderChecked.add(written[finding.at]!.parent);
        }
      }
      if (finding.placement) placed.add(finding.at);
      const key = `${finding.pos.line}:${finding.pos.column}:${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (finding.group !== undefined) {
        const g = outsideGroups.get(finding.group);
        if (g) {
          g.count++;
          continue;
        }
        outsideGroups.set(finding.group, { finding, count: 1 });
      }
      findings.push(finding);
    }
    // The elements enclosing what the next pass will not see.
    const repairs = repairsOf(pass.details, pass.elements, ctx.expected, pass.sure);
    for (const cut of repairs.elements) {
      const original = originalIndex.get(posKey(pass.elements[cut]!.pos));
      if (original !== undefined) cutWhole.add(original);
      const parent = pass.elements[cut]!.parent;
      if (parent >= 0) lostChild.add(posKey(pass.elements[parent]!.pos));
      for (let i = pass.elements[cut]!.parent; i >= 0; i = pass.elements[i]!.parent) enclosing.add(posKey(pass.elements[i]!.pos));
    }
    for (const t of repairs.tags) {
      const parent = pass.elements[t]!.parent;
      if (parent >= 0) lostChild.add(posKey(pass.elements[parent]!.pos));
      const original = originalIndex.get(posKey(pass.elements[t]!.pos));
      if (original !== undefined) unwrapped.add(original);
    }
  });
  // libxml2 stops at an element's first fault and sometimes blames an ancestor for it
  // (an attribute the schema does not allow makes it call the element's parent out of
  // place); jing goes on everywhere. So, once the document is known to be invalid, the
  // grammar says (expected.ts) which attributes stand where none of their name may, and
  // which children where they may not, in the whole document (the document as written;
  // not for the partial texts of misplaced.ts, whose document is given).
  const sweep = document === undefined && ctx.expected !== undefined && written.length > 0 && findings.length > 0;
  if (sweep) {
    written.forEach((e, i) => {
      if (e.attrs.length === 0) return;
      const names = ctx.expected!.attributeNames(nameKey(e.ns, e.local), ctx.context?.(e));
      if (!names) return;
      const allowed = new Set(names);
      for (const a of e.attrs) {
        if (allowed.has(nameKey(a.ns, a.local))) continue;
        const finding = explain({ kind: 'attribute', name: a.local }, e, { message: '', level: 2, line: a.pos.line, col: a.pos.column }, { ...ctx, elements: written });
        if (!finding) continue;
        const key = `${finding.pos.line}:${finding.pos.column}:${finding.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        finding.xpath = xpathOf(written, i);
        finding.at = i;
        keepGrouped(finding);
      }
    });
  }
  // A child jing calls out of place that libxml2, having lost its place, never reached.
  for (const parent of sweep ? written.keys() : [...orderChecked, ...unwrapped]) {
    for (const child of written[parent]!.children) {
      if (placed.has(child) || verdictOf(child) === 'ok' || verdictOf(child) === undefined) continue;
      placed.add(child);
      const e = written[child]!;
      const finding = explain({ kind: 'element', name: e.local }, e, { message: '', level: 2, line: e.pos.line, col: e.pos.column }, { ...ctx, elements: written });
      if (!finding) continue;
      finding.xpath = xpathOf(written, child);
      finding.at = child;
      finding.placement = true;
      keepGrouped(finding);
    }
  }
  // Text where none may stand, in the whole document: libxml2 says so of the first such
  // element only (it leaves its parent there), jing of every one.
  if (sweep && ctx.source) {
    written.forEach((e, i) => {
      if (textFaulted.has(i) || placed.has(i)) return;
      if (!textRefused(ctx, written, i)) return;
      const finding = explain({ kind: 'text' }, e, { message: '', level: 2, line: e.pos.line, col: e.pos.column }, { ...ctx, elements: written });
      if (!finding) return;
      const key = `${finding.pos.line}:${finding.pos.column}:${finding.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      finding.xpath = xpathOf(written, i);
      finding.at = i;
      textFaulted.add(i);
      keepGrouped(finding);
    });
  }
  // jing goes past a child out of place and still says when its parent lacks something at
  // its end; once the document is invalid, of every element the grammar finds incomplete
  // (libxml2 stops at the first and leaves its parent there).
  for (const parent of sweep ? written.keys() : new Set([...orderChecked, ...textFaulted])) {
    if (toldIncomplete.has(parent) || !incomplete(parent)) continue;
    const e = written[parent]!;
    const finding = explain({ kind: 'missing', name: '' }, e, { message: '', level: 2, line: e.pos.line, col: e.pos.column }, { ...ctx, elements: written });
    if (!finding) continue;
    finding.xpath = xpathOf(written, parent);
    finding.at = parent;
    findings.push(finding);
  }
  findings.sort((x, y) => x.pos.line - y.pos.line || x.pos.column - y.pos.column);
  const misplaced: number[] = [];
  // An element libxml2 called out of place where the grammar allows it, when the document
  // has a fault the grammar confirms: libxml2 blamed the element for that fault. Inside an
  // element checked on its own (`document` given) the document is known to be invalid already.
  const dropBlamed = document !== undefined || (sweep && findings.some((f) => !f.allowedHere));
  for (const f of dropCascades(findings, written).filter((f) => !(dropBlamed && f.allowedHere))) {
    const count = f.group === undefined ? 1 : outsideGroups.get(f.group)!.count;
    const d = diagnostics.report(f.code, count > 1 ? `${f.message} (${count} times in this document; shown at the first)` : f.message, f.pos);
    if (f.xpath !== undefined) d.xpath = f.xpath;
    if (f.placement && f.at !== undefined) misplaced.push(f.at);
  }
  // An element blanked out whole that is not reported out of place (libxml2 blamed it for a
  // fault inside it, or lost its place before it): what is inside it is still to be checked.
  const told = new Set(misplaced);
  return [...misplaced, ...[...cutWhole].filter((i) => !told.has(i))];
}

/**
 * Whether a finding (its message, as `explain` writes it) says an element lacks content at
 * its end: incomplete, missing a required child, content that does not match. Only its end
 * tag settles that (prefix.ts: not for an element still open where a document breaks).
 */
export function saysIncomplete(message: string): boolean {
  return /^<[^>]+> is (?:incomplete|missing a required )|^the content of <[^>]+> does not match the schema/.test(message);
}

/** Whether libxml2's error says an element stands where it may not. */
export function isPlacementFault(detail: ErrorDetail): boolean {
  const kind = parseMessage(detail.message).kind;
  return kind === 'element' || kind === 'namespace';
}

/**
 * How far into `text` libxml2 got before the fault `detail` (an offset), to compare the
 * faults of alternatives as jing's choice would: an element out of place at its start, text
 * where none may stand at its first character, a missing child at the end of its parent.
 */
export function faultReach(detail: ErrorDetail, elements: readonly ElementRecord[], text: string, lineStarts: readonly number[]): number {
  const index = detail.xpath === undefined ? undefined : elementAtPath(elements, detail.xpath);
  const offsetAt = (p: SourcePos): number => (lineStarts[p.line - 1] ?? 0) + p.column - 1;
  if (index === undefined) return lineStarts[Math.max(0, detail.line - 1)] ?? 0;
  const element = elements[index]!;
  const start = offsetAt(element.pos);
  const fault = parseMessage(detail.message);
  if (fault.kind === 'missing' || fault.kind === 'generic') return elementEnd(text, start);
  // An attribute is inside the start tag: past the element's own place.
  if (fault.kind === 'attribute' || fault.kind === 'datatype') return start + 1;
  if (fault.kind !== 'text' && fault.kind !== 'empty') return start;
  // The element's own text: between its tags, without its children.
  const end = elementEnd(text, start);
  let at = text.indexOf('>', start) + 1;
  for (const c of element.children) {
    const from = offsetAt(elements[c]!.pos);
    const m = /\S/.exec(text.slice(at, from));
    if (m) return at + m.index;
    at = elementEnd(text, from);
  }
  const m = /\S/.exec(text.slice(at, text.lastIndexOf('</', end - 1)));
  return m ? at + m.index : end;
}

/**
 * What to blank out of the text so that libxml2, run again, goes past the faults it
 * reported: libxml2 stops checking an element's content at its first fault (jing goes on),
 * so a document's later faults only show once the earlier ones are out of the way. An
 * element out of place (or in a foreign namespace) goes whole, as jing skips it and
 * carries on in the same state; a bad attribute goes alone. An incomplete element stays:
 * without it its parent would lack it, a fault that is not in the document. Faults
 * libxml2 reports without an element (text, generic) are left too.
 */
export function repairsOf(details: readonly ErrorDetail[], elements: readonly ElementRecord[], expected?: ExpectedNames, sure?: ReadonlySet<ErrorDetail>): { elements: number[]; attributes: AttrRecord[]; tags: number[] } {
  const cut = new Set<number>();
  const tags = new Set<number>();
  const attributes: AttrRecord[] = [];
  const deferred = cascades(details, elements, sure);
  for (const d of details) {
    if (deferred.has(d)) continue;
    if (d.xpath === undefined) continue;
    const index = elementAtPath(elements, d.xpath);
    if (index === undefined || elements[index]!.parent < 0) continue;
    const fault = parseMessage(d.message);
    if (fault.kind === 'element' || fault.kind === 'namespace') (unwrappable(expected, elements[index]!) ? tags : cut).add(index);
    else if (fault.kind === 'attribute') {
      const a = findAttribute(elements[index], fault.name);
      if (a) attributes.push(a);
    } else if (fault.kind === 'datatype') {
      const a = elements[index]!.attrs.find((x) => x.value === fault.value);
      if (a) attributes.push(a);
    }
  }
  // An element inside one already cut goes with it.
  const inCut = (i: number): boolean => {
    for (let p = elements[i]!.parent; p >= 0; p = elements[p]!.parent) if (cut.has(p)) return true;
    return false;
  };
  return { elements: [...cut].filter((i) => !inCut(i)), attributes: attributes.filter((a) => ![...cut].some((c) => elements[c]!.attrs.includes(a))), tags: [...tags].filter((i) => !inCut(i)) };
}

/**
 * An element out of place that only a name class of the grammar takes (a foreign element
 * matched by `anyName`, as in TEI's xenoData or egXML content): jing checks what is inside
 * it against that pattern, so only its tags are blanked and its children are checked again.
 */
export function unwrappable(expected: ExpectedNames | undefined, element: ElementRecord): boolean {
  return expected !== undefined && element.ns !== TEI_NS && expected.byNameClassOnly(nameKey(element.ns, element.local));
}

function explain(fault: Fault, element: ElementRecord | undefined, detail: ErrorDetail, ctx: ExplainContext): Finding | undefined {
  const fallback: SourcePos = { line: Math.max(1, detail.line), column: Math.max(1, detail.col) };
  const pos = element?.pos ?? fallback;
  const parent = element && element.parent >= 0 ? ctx.elements[element.parent] : undefined;
  const name = element ? `<${element.qname}>` : 'element';
  const inside = parent ? ` inside <${parent.qname}>` : '';
  const invalid = (message: string, at: SourcePos = pos): Finding => ({ code: 'schema-invalid', message, pos: at });
  const outside = (message: string, at: SourcePos = pos, group = message): Finding => ({ code: 'schema-outside-subset', message: `${message}: valid TEI, but outside the teiwright subset`, pos: at, group });

  switch (fault.kind) {
    case 'element': {
      if (!element) return invalid(`<${fault.name}> is not allowed here`, fallback);
      // The namespace is the fault when TEI has an element of that name (or the grammar cannot say).
      if (element.ns !== TEI_NS && (!ctx.expected || ctx.expected.names(nameKey(TEI_NS, element.local)))) {
        const ns = element.ns === '' ? 'no namespace' : `namespace "${element.ns}"`;
        const named = parent ? expectedText(ctx, parent, ctx.elements.indexOf(element)) : rootText(ctx);
        return invalid(`${name}${inside} is in ${ns}; TEI elements are in "${TEI_NS}"${named}`);
      }
      if (ctx.classify && !ctx.vocabulary.elements.has(element.local)) {
        if (!TEI_ELEMENT_SET.has(element.local)) return invalid(`${name}${inside} is not a TEI element`);
        const teiChildren = parent ? teiSet(TEI_CHILDREN, parent.local) : undefined;
        if (teiChildren && !teiChildren.has(element.local)) return invalid(`${name} is not allowed${inside}, in TEI either`);
        return outside(`${name}${inside} is a TEI element`, pos, `<${element.qname}>`);
      }
      const index = ctx.elements.indexOf(element);
      const named = parent ? expectedText(ctx, parent, index) : '';
      // Not allowed anywhere inside the parent, or only not at this position: the grammar says, else the schema's vocabulary.
      const childNames = parent ? ctx.expected?.childNames(nameKey(parent.ns, parent.local), ctx.context?.(parent)) : undefined;
      const somewhere = childNames ? childNames.has(nameKey(element.ns, element.local)) : parent ? (ctx.vocabulary.children.get(parent.local)?.has(element.local) ?? true) : true;
      if (parent && !somewhere) {
        return invalid(`${name} is not allowed inside <${parent.qname}>${named}`);
      }
      const expected = named !== '' ? named : fault.expected ? ` (expected <${fault.expected}>)` : ' (out of order, or is something missing before it?)';
      return invalid(`${name} is not allowed at this position${inside}${expected}`);
    }
    case 'attribute': {
      const a = findAttribute(element, fault.name);
      if (!element || !a) return invalid(`${name} has an invalid attribute @${fault.name}`);
      const aname = attributeName(a);
      if (aname === 'xml:id' && ctx.duplicateIds.has(a.value)) return undefined;
      // The schema has the attribute (so its value is at fault): its vocabulary says (TEI's namespace), else its grammar.
      const known = (ctx.vocabulary.attributes.get(element.local)?.has(aname) ?? false) || (ctx.expected?.attributeNames(nameKey(element.ns, element.local), ctx.context?.(element))?.includes(nameKey(a.ns, a.local)) ?? false);
      if (known) {
        const value = a.value.trim();
        const looser = TEI_LOOSER_VALUE[aname === 'ident' ? `${element.local}@ident` : aname];
        if (ctx.classify && looser?.(value)) return outside(`@${aname}="${a.value}" on ${name} is a value TEI allows`, a.pos, `@${aname} value on ${name}`);
        const hint = valueHint(ctx, aname, element);
        return invalid(`@${aname}="${a.value}" on ${name} is not a valid value${hint ? `: expected ${hint}` : ''}`, a.pos);
      }
      if (ctx.classify) {
        const teiAttributes = teiSet(TEI_ATTRIBUTES, element.local);
        if (teiAttributes?.has(aname)) return outside(`@${aname} on ${name} is a TEI attribute`, a.pos, `@${aname} on ${name}`);
        if (teiAttributes) return invalid(`${name} has no attribute @${a.qname} in TEI${attributesExpected(ctx, element)}`, a.pos);
      }
      return invalid(`${name} has no attribute @${a.qname} in this schema${attributesExpected(ctx, element)}`, a.pos);
    }
    case 'namespace': {
      const named = parent ? expectedText(ctx, parent, ctx.elements.indexOf(element!)) : rootText(ctx);
      return invalid(`${name} is in ${element?.ns ? `namespace "${element.ns}"` : 'no namespace'}; expected namespace "${fault.expected}"${named}`);
    }
    case 'missing':
    {
      const named = element ? expectedText(ctx, element, undefined) : '';
      if (named !== '') return invalid(`${name} is incomplete${named}`);
      return invalid(fault.name === '' ? `${name} is incomplete: a required child element is missing` : `${name} is missing a required <${fault.name}>`);
    }
    case 'text': {
      const empty = element && ctx.vocabulary.children.get(element.local)?.size === 0;
      return invalid(empty ? `${name} must be empty` : `${name} cannot contain text (only elements)${element ? textExpected(ctx, element) : ''}`);
    }
    case 'empty':
      return invalid(`${name} must be empty`);
    case 'datatype': {
      const a = element?.attrs.find((x) => x.value === fault.value);
      if (a && element) {
        const aname = attributeName(a);
        if (aname === 'xml:id' && ctx.duplicateIds.has(a.value)) return undefined;
        const hint = valueHint(ctx, aname, element);
        return invalid(`@${aname}="${a.value}" on ${name} is not a valid value${hint ? `: expected ${hint}` : ` (${fault.type})`}`, a.pos);
      }
      return invalid(`"${fault.value}" in ${name} is not a valid ${fault.type}`);
    }
    case 'duplicate-id':
      return ctx.duplicateIds.has(fault.id) ? undefined : invalid(`xml:id "${fault.id}" on ${name} is used twice`);
    case 'generic':
      return fault.part === 'attributes'
        ? invalid(`the attributes of ${name} do not match the schema (is a required attribute missing?)`)
        : invalid(`the content of ${name} does not match the schema`);
    case 'other':
      return invalid(`${name}: ${fault.message}`);
  }
}

/**
 * "; expected @a, @b or @c": the attributes the grammar allows `element` that it does not
 * have yet (as jing: "attribute "type" not allowed here; expected attribute "ana", …"); ''
 * when the grammar cannot say.
 */
function attributesExpected(ctx: ExplainContext, element: ElementRecord): string {
  const names = ctx.expected?.attributeNames(nameKey(element.ns, element.local), ctx.context?.(element));
  if (!names) return '';
  const present = new Set(element.attrs.map((a) => nameKey(a.ns, a.local)));
  const left = names.filter((k) => !present.has(k));
  if (left.length === 0) return '';
  const items = left.slice(0, MAX_NAMES).map((k) => `@${shownAttribute(k)}`);
  if (left.length > MAX_NAMES) items.push(`${left.length - MAX_NAMES} more`);
  return `; expected ${items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`}`;
}

/** Comments, processing instructions and tags: what is not character data between an element's children. */
const NOT_TEXT = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(?!!\[CDATA\[)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * "; expected …" at the first text of `element` (what jing names where it finds text that
 * may not stand there: "text not allowed here; expected element "title""); '' when the
 * document as written is not at hand or has no such text.
 */
function textExpected(ctx: ExplainContext, element: ElementRecord): string {
  const src = ctx.source;
  if (!src) return '';
  const index = writtenIndex(src.elements, element);
  if (index < 0) return '';
  const written = src.elements[index]!;
  const offsetAt = (p: SourcePos): number => (src.lineStarts[p.line - 1] ?? 0) + p.column - 1;
  const start = offsetAt(written.pos);
  const end = elementEnd(src.text, start);
  const hasText = (from: number, to: number): boolean => /\S/.test(src.text.slice(from, to).replace(NOT_TEXT, ''));
  let at = src.text.indexOf('>', start) + 1;
  for (const c of written.children) {
    const from = offsetAt(src.elements[c]!.pos);
    if (hasText(at, from)) return expectedText({ ...ctx, elements: src.elements }, written, c);
    at = elementEnd(src.text, from);
  }
  return hasText(at, src.text.lastIndexOf('</', end - 1)) ? expectedText({ ...ctx, elements: src.elements }, written, undefined) : '';
}

const START_TAG = /<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?\/?>/y;

/** Each element of a document as written by its position, kept per document (asked of many faults, and of each element checked on its own). */
const indexByPos = new WeakMap<readonly ElementRecord[], Map<string, number>>();
function positionsOf(elements: readonly ElementRecord[]): Map<string, number> {
  let m = indexByPos.get(elements);
  if (!m) {
    m = new Map(elements.map((e, i) => [posKey(e.pos), i] as const));
    indexByPos.set(elements, m);
  }
  return m;
}
const writtenIndex = (elements: readonly ElementRecord[], element: ElementRecord): number => positionsOf(elements).get(posKey(element.pos)) ?? -1;

/**
 * Whether the first character data of element `index` of the document as written (ctx.source)
 * stands where its grammar allows none (jing: "text not allowed here").
 */
function textRefused(ctx: ExplainContext, written: readonly ElementRecord[], index: number): boolean {
  const src = ctx.source;
  if (!src || !ctx.expected || src.elements.length !== written.length) return false;
  const e = written[index]!;
  const offsetAt = (p: SourcePos): number => (src.lineStarts[p.line - 1] ?? 0) + p.column - 1;
  const start = offsetAt(e.pos);
  START_TAG.lastIndex = start;
  const tag = START_TAG.exec(src.text);
  // An empty-element tag holds no text.
  if (!tag || tag[0].endsWith('/>')) return false;
  const open = start + tag[0].length;
  const hasText = (from: number, to: number): boolean => /\S/.test(src.text.slice(from, to).replace(NOT_TEXT, ''));
  const keys = e.children.map((c) => nameKey(written[c]!.ns, written[c]!.local));
  // Content checked as a value (a datatype) counts as no text here: its faults are libxml2's to say.
  const refusedAt = (k: number): boolean => ctx.expected!.textAt(nameKey(e.ns, e.local), keys, k, ctx.context?.(e)) === false && !ctx.expected!.takesData(nameKey(e.ns, e.local), ctx.context?.(e));
  let at = open;
  for (let k = 0; k < e.children.length; k++) {
    const from = offsetAt(written[e.children[k]!]!.pos);
    if (hasText(at, from)) return refusedAt(k);
    at = elementEnd(src.text, from);
  }
  const end = elementEnd(src.text, start);
  return hasText(at, src.text.lastIndexOf('</', end - 1)) && refusedAt(e.children.length);
}

/** The attribute libxml2 names by its local name ("id" for xml:id, "lang" for xml:lang). */
function findAttribute(element: ElementRecord | undefined, local: string): AttrRecord | undefined {
  if (!element) return undefined;
  const matches = element.attrs.filter((a) => a.local === local);
  return matches.find((a) => a.ns === XML_NS) ?? matches[0];
}

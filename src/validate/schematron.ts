/**
 * Schematron: the constraints a RELAX NG schema embeds (`sch:pattern` in tei_all and in
 * ODD-generated schemas) and those of a standalone `.sch` file, run on a document.
 * XPath is fontoxpath's (XPath 3.1) over a slimdom DOM; nothing of XPath is written here.
 *
 * What is supported, as ISO Schematron says: patterns, rules (a node is matched by the
 * first rule of a pattern whose context matches it), assert and report, let (rule and
 * schema level), name and value-of in messages, ns declarations, @role (warning,
 * nonfatal, info… give warnings). Abstract patterns and rules, phases and includes are
 * not. A rule whose XPath fontoxpath cannot run is skipped and counted, never guessed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import type { Document, Element, Node } from 'slimdom';
import type { Diagnostics } from '../diagnostics.js';

/**
 * fontoxpath and slimdom-sax-parser are loaded on first use, not with the module: most
 * schemas (the project's among them) embed no Schematron, and loading fontoxpath alone
 * cost ~0.1 s of CPU at every start of a worker or of the command. Both are CommonJS
 * packages, so `require` loads them synchronously where a check needs them.
 */
const require = createRequire(import.meta.url);
type FontoXPath = typeof import('fontoxpath');
let fontoxpath: FontoXPath | undefined;
const xpath = (): FontoXPath => (fontoxpath ??= require('fontoxpath') as FontoXPath);
type SlimdomSax = typeof import('slimdom-sax-parser');
let slimdomSax: SlimdomSax | undefined;
const parseSlimdom: SlimdomSax['sync'] = (xml, options) => (slimdomSax ??= require('slimdom-sax-parser') as SlimdomSax).sync(xml, options);

const SCH_NS = 'http://purl.oclc.org/dsdl/schematron';

interface Check {
  kind: 'assert' | 'report';
  test: string;
  role: string | undefined;
  /** The message as child nodes (text, sch:name, sch:value-of). */
  message: Element;
}

interface Let {
  name: string;
  value: string;
}

interface Rule {
  context: string;
  lets: Let[];
  checks: Check[];
}

interface Pattern {
  id: string;
  rules: Rule[];
}

export interface SchematronSchema {
  patterns: Pattern[];
  lets: Let[];
  namespaces: Map<string, string>;
}

const cache = new Map<string, SchematronSchema | null>();
/** The same, by the path as given, for absolute paths only (a relative one depends on the working folder). */
const byGivenPath = new Map<string, SchematronSchema | null>();

/** The Schematron of a schema file (embedded in RELAX NG, or a .sch); null when it has none. Read once per path. */
export function schematronOf(path: string): SchematronSchema | null {
  // Asked once per document, most often with the same path: found by the path as given
  // before it is resolved (a resolve per document cost more than the answer).
  const known = byGivenPath.get(path);
  if (known !== undefined) return known;
  const key = resolve(path);
  let s = cache.get(key);
  if (s === undefined) {
    const text = readFileSync(key, 'utf8');
    s = text.includes(SCH_NS) ? readSchematron(text) : null;
    if (s && s.patterns.length === 0) s = null;
    cache.set(key, s);
  }
  if (isAbsolute(path) && byGivenPath.size < 64) byGivenPath.set(path, s);
  return s;
}

const children = (e: Element, local: string): Element[] => e.children.filter((c) => c.namespaceURI === SCH_NS && c.localName === local);

function readSchematron(text: string): SchematronSchema {
  const doc = parseSlimdom(text);
  const all = (local: string): Element[] => {
    const out: Element[] = [];
    const stack: Element[] = doc.documentElement ? [doc.documentElement] : [];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.namespaceURI === SCH_NS && e.localName === local) out.push(e);
      for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
    }
    return out;
  };
  const namespaces = new Map<string, string>();
  for (const ns of all('ns')) namespaces.set(ns.getAttribute('prefix') ?? '', ns.getAttribute('uri') ?? '');
  const lets = (e: Element): Let[] => children(e, 'let').map((l) => ({ name: l.getAttribute('name') ?? '', value: l.getAttribute('value') ?? '' }));
  const root = doc.documentElement;
  const schemaLets = root && root.namespaceURI === SCH_NS ? lets(root) : [];
  const patterns = all('pattern')
    .filter((p) => p.getAttribute('abstract') !== 'true' && !p.hasAttribute('is-a'))
    .map((p, i) => ({
      id: p.getAttribute('id') ?? `pattern ${i + 1}`,
      rules: children(p, 'rule')
        .filter((r) => r.getAttribute('abstract') !== 'true' && r.hasAttribute('context'))
        .map((r) => ({
          context: r.getAttribute('context')!,
          lets: lets(r),
          checks: [...children(r, 'assert').map((c) => ['assert', c] as const), ...children(r, 'report').map((c) => ['report', c] as const)]
            .sort((a, b) => r.children.indexOf(a[1]) - r.children.indexOf(b[1]))
            .map(([kind, c]) => ({ kind, test: c.getAttribute('test') ?? 'true()', role: c.getAttribute('role') ?? undefined, message: c })),
        })),
    }));
  return { patterns, lets: schemaLets, namespaces };
}

/** A rule context is an XSLT pattern: the nodes it matches anywhere in the document. */
function contextExpression(context: string): string {
  const trimmed = context.trim();
  return trimmed.startsWith('/') ? trimmed : `//(${trimmed})`;
}

type Positioned = Node & { position?: { line: number; column: number } };

function positionOf(node: Node): { line: number; column: number } | undefined {
  let n: Node | null = node;
  // An attribute has no position of its own here: its element's.
  if (n.nodeType === 2) n = (n as unknown as { ownerElement: Element | null }).ownerElement;
  const p = (n as Positioned | null)?.position;
  return p ? { line: p.line, column: p.column } : undefined;
}

/** The element a finding is about: the context node, or the element of a context attribute. */
function elementName(node: Node): string {
  const element = node.nodeType === 2 ? (node as unknown as { ownerElement: Element | null }).ownerElement : node.nodeType === 1 ? (node as Element) : null;
  return element?.nodeName ?? '/';
}

const WARNING_ROLES = /^(warning|warn|nonfatal|info|information|informational)$/i;

export interface SchematronRun {
  /** Rules skipped because fontoxpath could not evaluate their XPath. */
  skipped: number;
}

/** Runs the patterns on `xml` (already known to be well-formed) and reports failed asserts and fired reports. */
export function runSchematron(schema: SchematronSchema, xml: string, diagnostics: Diagnostics): SchematronRun {
  const doc: Document = parseSlimdom(xml, { position: true });
  const namespaceResolver = (prefix: string): string | null => schema.namespaces.get(prefix) ?? (prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : null);
  const { evaluateXPath, evaluateXPathToBoolean, evaluateXPathToNodes } = xpath();
  const options = { namespaceResolver, language: evaluateXPath.XPATH_3_1_LANGUAGE };
  const bind = (lets: readonly Let[], node: Node, outer: Record<string, unknown>): Record<string, unknown> => {
    const vars = { ...outer };
    for (const l of lets) vars[l.name] = evaluateXPath(l.value, node, null, vars, evaluateXPath.ANY_TYPE, options);
    return vars;
  };
  const global = bind(schema.lets, doc, {});
  let skipped = 0;
  for (const pattern of schema.patterns) {
    const matched = new Set<Node>();
    for (const rule of pattern.rules) {
      let nodes: Node[];
      try {
        nodes = evaluateXPathToNodes(contextExpression(rule.context), doc, null, global, options) as Node[];
      } catch {
        skipped++;
        continue;
      }
      try {
        for (const node of nodes) {
          if (matched.has(node)) continue;
          matched.add(node);
          const vars = bind(rule.lets, node, global);
          for (const check of rule.checks) {
            const holds = evaluateXPathToBoolean(check.test, node, null, vars, options);
            if (check.kind === 'assert' ? holds : !holds) continue;
            const text = messageText(check.message, node, vars, options).replace(/\s+/g, ' ').trim();
            const severity = check.role !== undefined && WARNING_ROLES.test(check.role) ? 'warning' : 'error';
            const verb = check.kind === 'assert' ? 'assertion failed' : 'report';
            diagnostics.report('schematron-failed', `<${elementName(node)}>: ${text} (Schematron ${verb}: ${check.test.replace(/\s+/g, ' ').trim()}; pattern ${pattern.id})`, positionOf(node), severity);
          }
        }
      } catch {
        skipped++;
      }
    }
  }
  return { skipped };
}

function messageText(message: Element, node: Node, vars: Record<string, unknown>, options: object): string {
  const { evaluateXPathToString } = xpath();
  let out = '';
  for (const part of message.childNodes) {
    if (part.nodeType === 3 || part.nodeType === 4) out += part.nodeValue ?? '';
    else if (part.nodeType === 1) {
      const e = part as Element;
      if (e.namespaceURI !== SCH_NS) out += e.textContent ?? '';
      else if (e.localName === 'name') out += evaluateXPathToString(`name(${e.getAttribute('path') ?? '.'})`, node, null, vars, options);
      else if (e.localName === 'value-of') out += evaluateXPathToString(`string-join(for $v in (${e.getAttribute('select') ?? '.'}) return string($v), ' ')`, node, null, vars, options);
      else out += e.textContent ?? '';
    }
  }
  return out;
}

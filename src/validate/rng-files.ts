/**
 * A RELAX NG schema split over several files (`include`, `externalRef`), read into one
 * grammar for naming what it expects (expected.ts). Files are found as the validator finds
 * them: relative to the file that names them, local files only (an href with a URL scheme
 * other than file: is not followed, so no network); a file that includes itself, directly
 * or not, is refused.
 *
 * RELAX NG's rules, kept here: an `include`d grammar shares the including grammar's define
 * names, except those the `include` element itself redefines (they replace the included
 * ones, and a `start` inside it replaces the included start); an `externalRef`'d file is a
 * pattern of its own, with its own define names (renamed apart here), whose `parentRef`s
 * name the referring grammar's defines.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRng, type ParsedRng } from './reduce.js';

type RngNode = ParsedRng['root'];

/** Why a schema could not be read whole: the caller names nothing rather than something wrong. */
class Unreadable extends Error {}

interface Loaded {
  defines: Map<string, RngNode[]>;
  starts: RngNode[];
  root: RngNode;
}

function hrefPath(href: string, from: string): string {
  const h = href.trim();
  if (/^file:/i.test(h)) return fileURLToPath(new URL(h, `file://${from}`));
  if (/^[a-z][a-z0-9+.-]*:/i.test(h)) throw new Unreadable(`not a local file: ${h}`);
  return resolve(dirname(from), decodeURIComponent(h));
}

function nodesOf(root: RngNode): RngNode[] {
  const out: RngNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

export function parseRngFiles(path: string): ParsedRng | undefined {
  const merged: ParsedRng = { root: { tag: '#root', rng: false, attrs: {}, children: [] }, reducible: true, defines: new Map(), elementPatterns: new Map() };
  let scopes = 0;

  /** One file: its defines renamed into `scope`, its includes merged, its externalRefs turned into refs. */
  const load = (file: string, scope: string, parentScope: string, active: readonly string[]): Loaded => {
    if (active.includes(file)) throw new Unreadable(`${file} includes itself`);
    const parsed = parseRng(readFileSync(file, 'utf8'));
    const nodes = nodesOf(parsed.root).filter((n) => n.rng);
    if (nodes.filter((n) => n.tag === 'grammar').length > 1) throw new Unreadable('nested grammars');
    const defines = new Map<string, RngNode[]>();
    const starts: RngNode[] = [];
    for (const n of nodes) {
      if (n.tag === 'define' && n.attrs.name !== undefined) {
        n.attrs = { ...n.attrs, name: scope + n.attrs.name.trim() };
        defines.set(n.attrs.name!, [...(defines.get(n.attrs.name!) ?? []), n]);
      } else if (n.tag === 'ref' && n.attrs.name !== undefined) n.attrs = { ...n.attrs, name: scope + n.attrs.name.trim() };
      else if (n.tag === 'parentRef' && n.attrs.name !== undefined) {
        n.tag = 'ref';
        n.attrs = { ...n.attrs, name: parentScope + n.attrs.name.trim() };
      } else if (n.tag === 'start') starts.push(n);
      else if (n.tag === 'element' && n.key !== undefined) merged.elementPatterns.set(n.key, [...(merged.elementPatterns.get(n.key) ?? []), n]);
    }
    // The file's own starts and defines, then what its includes bring (less what they redefine).
    const ownStarts = starts.filter((st) => !nodes.some((inc) => inc.tag === 'include' && inc.children.includes(st)));
    for (const inc of nodes.filter((n) => n.tag === 'include')) {
      const sub = load(hrefPath(inc.attrs.href ?? '', file), scope, parentScope, [...active, file]);
      const redefined = new Set(inc.children.filter((c) => c.rng && c.tag === 'define').map((c) => c.attrs.name));
      for (const [name, list] of sub.defines) if (!redefined.has(name)) defines.set(name, [...(defines.get(name) ?? []), ...list]);
      if (!inc.children.some((c) => c.rng && c.tag === 'start')) ownStarts.push(...sub.starts);
      // Kept in the tree so that its name-class patterns are found (expected.ts, unnamedPatterns).
      inc.children.push(sub.root);
    }
    for (const ext of nodes.filter((n) => n.tag === 'externalRef')) {
      const target = hrefPath(ext.attrs.href ?? '', file);
      const inner = `\u0000${++scopes}:`;
      const sub = load(target, inner, scope, [...active, file]);
      for (const [name, list] of sub.defines) merged.defines.set(name, list);
      // The external file's pattern: its grammar's start, or the file's top pattern itself.
      const body = sub.starts.length > 0 ? sub.starts : sub.root.children.filter((c) => c.rng);
      merged.defines.set(`${inner}#start`, body.map((b) => (b.tag === 'start' ? b : { tag: 'define', rng: true, attrs: { name: `${inner}#start` }, children: [b] })));
      ext.tag = 'ref';
      ext.attrs = { name: `${inner}#start` };
      ext.children.push(sub.root);
    }
    return { defines, starts: ownStarts, root: parsed.root };
  };

  try {
    const top = load(resolve(path), '', '', []);
    for (const [name, list] of top.defines) merged.defines.set(name, list);
    merged.root.children.push(top.root);
    merged.starts = top.starts;
    return merged;
  } catch (e) {
    if (e instanceof Unreadable || (e as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw e;
  }
}

/**
 * Which schema a document is checked against when the user does not say (`auto`), and
 * where TEI All is found.
 *
 * TEI that teiwright wrote (its `appInfo` names teiwright) is checked against the project
 * subset: that is the promise teiwright makes about its own output. Any other TEI is
 * checked against what its author meant: the local RELAX NG schema its `<?xml-model?>`
 * names, or else TEI All. TEI All is not shipped with teiwright (no package on the npm
 * registry carries it, and the project does not copy TEI's files), so it is looked for in
 * `--schema`, the `TEIWRIGHT_TEI_ALL` variable, and the user's cache folder
 * (`$XDG_CACHE_HOME/teiwright/tei_all.rng`, else `~/.cache/teiwright/tei_all.rng`).
 * Without it, foreign TEI is checked against the subset and a `schema-fallback` note
 * says so, so no one mistakes that verdict for TEI's.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_SCHEMA, SchemaUnusable } from './schema.js';

export interface SchemaChoice {
  /** The schema to use; undefined for `none`. */
  path?: string;
  /** Said once per document when the choice is not what the user would assume. */
  note?: string;
}

/** The user's cache folder for teiwright. */
export function cacheFolder(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'teiwright');
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** TEI All's path, from TEIWRIGHT_TEI_ALL or the cache folder; undefined when neither has it. */
export function findTeiAll(): string | undefined {
  const fromEnv = process.env.TEIWRIGHT_TEI_ALL;
  if (fromEnv && isFile(fromEnv)) return resolve(fromEnv);
  const cached = join(cacheFolder(), 'tei_all.rng');
  return isFile(cached) ? cached : undefined;
}

/** TEI's current release of TEI All, in RELAX NG (XML syntax). */
export const TEI_ALL_URL = 'https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng';

/** How to get TEI All, said wherever it is missing. */
export const whereTeiAll = (): string => `run \`teiwright validate --fetch-tei-all\` once (it downloads ${TEI_ALL_URL}, checks it and keeps it at ${join(cacheFolder(), 'tei_all.rng')}), or download it yourself and place it there, set TEIWRIGHT_TEI_ALL to its path, or give --schema PATH`;

/**
 * The local RELAX NG schema a document's `<?xml-model?>` names (relative to the document),
 * when there is one; remote schemas (http…) are not fetched.
 */
export function xmlModelSchema(xml: string, file: string | undefined): string | undefined {
  const prolog = xml.slice(0, Math.max(0, xml.search(/<[^?!]/)));
  for (const m of prolog.matchAll(/<\?xml-model\s([^?]*)\?>/g)) {
    const pseudo = m[1]!;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(pseudo);
    const value = href?.[1] ?? href?.[2];
    if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('file:')) continue;
    const typens = /\bschematypens\s*=\s*["']([^"']*)["']/.exec(pseudo)?.[1];
    if (typens !== undefined && typens !== 'http://relaxng.org/ns/structure/1.0') continue;
    if (typens === undefined && !value.endsWith('.rng')) continue;
    const path = value.startsWith('file:') ? fileURLToPath(value) : resolve(file ? dirname(file) : '.', value);
    if (isFile(path)) return path;
  }
  return undefined;
}

export function chooseSchema(schema: string, doc: { own: boolean; xml: string; file?: string }): SchemaChoice {
  switch (schema) {
    case 'none':
      return {};
    case 'project':
      return { path: PROJECT_SCHEMA };
    case 'tei_all': {
      const teiAll = findTeiAll();
      if (!teiAll) throw new SchemaUnusable(`tei_all.rng was not found: ${whereTeiAll()}`);
      return { path: teiAll };
    }
    case 'auto': {
      if (doc.own) return { path: PROJECT_SCHEMA };
      const named = xmlModelSchema(doc.xml, doc.file);
      if (named) return { path: named };
      const teiAll = findTeiAll();
      if (teiAll) return { path: teiAll };
      return {
        path: PROJECT_SCHEMA,
        note: `teiwright did not write this TEI and tei_all.rng is not available, so it was checked against the teiwright subset, which is narrower than TEI (to check it against TEI All: ${whereTeiAll()})`,
      };
    }
    default:
      return { path: existsSync(schema) ? resolve(schema) : schema };
  }
}

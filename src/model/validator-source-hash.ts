/**
 * A cheap stand-in for the edition validators' fingerprint, for the question check.ts asks in
 * every thread that converts: "were the precompiled validators made from the schema this code
 * defines?". The fingerprint proper (edition-validator-source.ts) builds the schemas, which
 * loads TypeBox (about 200 modules: ~150 ms of CPU and ~12 MB per thread, a worker's largest
 * start-up cost after the pipeline itself). This hash reads instead what the schemas are made
 * from: the bytes of the two modules that define them (edition, edition-validator-source,
 * beside this one) and TypeBox's version. When any of them changes, the hash changes and
 * check.ts compiles the validators as before: never a stale validator, at worst a slower start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The file `npm run build` writes beside check.js (emit-validator.ts). */
export const PRECOMPILED_FILE = 'edition-validator.generated.js';

/** The fast validator's file, written beside it. */
export const PRECOMPILED_FAST_FILE = 'edition-validator-fast.generated.js';

/** The modules whose code defines the schemas and the options: `.js` in dist/, `.ts` in src/ (vitest). */
const SCHEMA_MODULES = ['edition', 'edition-validator-source'];

/** The `version` of the package whose entry file is at `entry` (the nearest package.json of that name above it). */
function packageVersion(entry: URL, name: string): string | undefined {
  for (let dir = new URL('./', entry); dir.pathname !== '/'; dir = new URL('../', dir)) {
    const file = new URL('package.json', dir);
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (json.name === name) return typeof json.version === 'string' ? json.version : undefined;
  }
  return undefined;
}

/**
 * The hash of the schema's sources in `dir` (default: this module's folder) with the given
 * file extension, or undefined when one cannot be read (check.ts then compiles).
 */
export function validatorSourceHash(dir: URL = new URL('./', import.meta.url), extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js'): string | undefined {
  const hash = createHash('sha256');
  for (const name of SCHEMA_MODULES) {
    const file = new URL(`${name}${extension}`, dir);
    if (!existsSync(file)) return undefined;
    hash.update(`${name}\0`).update(readFileSync(file)).update('\0');
  }
  let typebox: string | undefined;
  try {
    // Resolved, not loaded.
    typebox = packageVersion(pathToFileURL(createRequire(import.meta.url).resolve('@sinclair/typebox')), '@sinclair/typebox');
  } catch {
    return undefined;
  }
  if (typebox === undefined) return undefined;
  hash.update(`@sinclair/typebox@${typebox}`);
  return hash.digest('hex');
}

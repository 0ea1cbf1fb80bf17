/**
 * Getting TEI All (`tei_all.rng`) into the user's cache folder, once: `teiwright validate
 * --fetch-tei-all [URL]`. teiwright does not ship it (see choose.ts), so this is the one
 * honest way to make the default schema for foreign TEI TEI's own.
 *
 * What is downloaded is checked before it is kept: it must be a RELAX NG grammar (XML
 * syntax) with a `start`, defining elements in TEI's namespace, and no larger than
 * 32 MB; it is written next to its final place and renamed into it, so the cache never
 * holds half a file or something that is not a schema. Only http(s) and file: URLs.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEI_ALL_URL, cacheFolder } from './choose.js';
import { TEI_NS } from './integrity.js';
import { RNG_NS, parseRng } from './reduce.js';

export { TEI_ALL_URL };

const MAX_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

/** Why a download was not kept. */
export class TeiAllRefused extends Error {}

/** Why `text` is not TEI All as teiwright can use it; undefined when it is. */
export function teiAllProblem(text: string): string | undefined {
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[\s\S]*?\?>\s*)*<(?:[\w.-]+:)?grammar[\s>]/.test(text)) return 'it is not a RELAX NG grammar in XML syntax (its root element is not <grammar>)';
  let parsed;
  try {
    parsed = parseRng(text);
  } catch (e) {
    return `it is not well-formed XML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
  }
  const grammar = parsed.root.children.find((n) => n.rng && n.tag === 'grammar');
  if (!grammar) return `its root element is not a <grammar> in the RELAX NG namespace (${RNG_NS})`;
  const hasStart = (n: typeof grammar): boolean => n.children.some((c) => c.rng && (c.tag === 'start' || (c.tag === 'div' && hasStart(c))));
  if (!hasStart(grammar)) return 'it has no <start>';
  const teiElements = [...parsed.elementPatterns.keys()].filter((k) => k.startsWith(`${TEI_NS} `));
  if (!teiElements.includes(`${TEI_NS} TEI`)) return `it defines no <TEI> element in TEI's namespace (${TEI_NS})`;
  return undefined;
}

async function download(url: string): Promise<string> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TeiAllRefused(`not a URL: ${url}`);
  }
  if (u.protocol === 'file:') return readFileSync(fileURLToPath(u), 'utf8');
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TeiAllRefused(`only http(s) and file: URLs are fetched, not ${u.protocol}`);
  let response: Response;
  try {
    response = await fetch(u, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    throw new TeiAllRefused(`cannot download ${url}: ${cause}`);
  }
  if (!response.ok) throw new TeiAllRefused(`cannot download ${url}: HTTP ${response.status} ${response.statusText}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new TeiAllRefused(`${url} is ${declared} bytes, more than TEI All could be (${MAX_BYTES})`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_BYTES) throw new TeiAllRefused(`${url} is ${body.length} bytes, more than TEI All could be (${MAX_BYTES})`);
  return body.toString('utf8');
}

/**
 * Downloads TEI All from `url` (TEI's release by default), checks it, and puts it at
 * `dest` (the cache folder's tei_all.rng by default) in one rename. Throws TeiAllRefused,
 * leaving `dest` as it was, when it cannot be downloaded or is not TEI All.
 */
export async function fetchTeiAll(url: string = TEI_ALL_URL, dest: string = join(cacheFolder(), 'tei_all.rng')): Promise<{ path: string; bytes: number }> {
  const text = await download(url);
  const problem = teiAllProblem(text);
  if (problem) throw new TeiAllRefused(`${url} was not kept: ${problem}`);
  const folder = join(dest, '..');
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.tei_all.rng.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, dest);
  } finally {
    rmSync(temp, { force: true });
  }
  return { path: dest, bytes: Buffer.byteLength(text) };
}

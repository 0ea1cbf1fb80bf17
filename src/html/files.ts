/**
 * `teiwright html` over files: TEI files and folders → one page per edition and an index.
 * A folder is walked in code-point order for `.xml` files and mirrored under the output
 * folder; a file named on the command line is taken whatever its extension. Each file is
 * read back into the edition model (`loadTei`), rendered, and written whole or not at all;
 * a file that cannot be read or loaded is reported and the rest go on.
 */
import { writeAtomicSync } from '../batch/atomic.js';
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, parse, relative, resolve, sep } from 'node:path';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { loadTei } from '../tei-load/index.js';
import type { IndexEntry } from './index-page.js';
import { indexEntryOf, renderPageOf, renderSiteIndex } from './site.js';

export interface HtmlFileResult {
  input: string;
  status: 'rendered' | 'failed';
  output?: string;
  diagnostics: Diagnostic[];
}

export interface HtmlRunOptions {
  inputs: readonly string[];
  outDir: string;
  version: string;
  /** Write `index.html` listing the pages (default true). */
  index?: boolean;
  onResult?: (r: HtmlFileResult) => void;
}

interface Planned {
  input: string;
  /** The page's path relative to the output folder, `/`-separated. */
  page: string;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pagePath = (rel: string): string => {
  const p = parse(rel);
  return [...(p.dir === '' ? [] : p.dir.split(sep)), `${p.name}.html`].join('/');
};

function walk(dir: string, base: string, outDir: string, into: Planned[], seen: Set<string>): void {
  // Real paths, so that a symbolic link back up the tree is not followed forever.
  const real = realpathSync(dir);
  if (seen.has(real) || resolve(dir) === outDir) return;
  seen.add(real);
  for (const name of readdirSync(dir).sort(byCodePoint)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info?.isDirectory()) walk(path, base, outDir, into, seen);
    else if (info?.isFile() && extname(name).toLowerCase() === '.xml') into.push({ input: path, page: pagePath(relative(base, path)) });
  }
}

/** Whole or not at all, as convert writes: a killed run's temporary files are removed by the next (batch/atomic.ts). */
function writeWhole(path: string, data: string): void {
  writeAtomicSync(path, data);
}

/** A path as the user would type it from here: relative when below the working folder, else absolute. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel.split(sep).join('/');
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Renders every TEI file of the inputs; returns the per-file results (the index is written last). */
export function renderHtmlFiles(options: HtmlRunOptions): HtmlFileResult[] {
  const outDir = resolve(options.outDir);
  const results: HtmlFileResult[] = [];
  const done = (r: HtmlFileResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  const planned: Planned[] = [];
  for (const input of options.inputs) {
    const path = resolve(input);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info?.isDirectory()) {
      const before = planned.length;
      try {
        walk(path, path, outDir, planned, new Set());
      } catch (e) {
        const d = new Diagnostics(input);
        d.report('input-unreadable', `cannot read the folder: ${reason(e)}`);
        done({ input, status: 'failed', diagnostics: d.items });
      }
      if (planned.length === before) {
        const d = new Diagnostics(input);
        d.report('input-none', 'the folder holds no TEI files (.xml; hidden files are left out)');
        done({ input, status: 'failed', diagnostics: d.items });
      }
    } else if (info?.isFile()) {
      planned.push({ input: path, page: pagePath(parse(path).base) });
    } else {
      const d = new Diagnostics(input);
      d.report('input-unreadable', `cannot read ${input}: no such file or folder`);
      done({ input, status: 'failed', diagnostics: d.items });
    }
  }
  const taken = new Map<string, string>();
  const entries: IndexEntry[] = [];
  const cwd = process.cwd();
  for (const item of planned) {
    const shown = shownPath(item.input, cwd);
    const diagnostics = new Diagnostics(shown);
    const output = join(outDir, ...item.page.split('/'));
    const first = taken.get(item.page);
    if (first !== undefined || item.page === 'index.html') {
      diagnostics.report('output-collision', first !== undefined ? `${first} already writes ${item.page}; rename one of them` : 'a page named index.html would overwrite the index; rename the TEI file');
      done({ input: shown, status: 'failed', diagnostics: diagnostics.items });
      continue;
    }
    taken.set(item.page, shown);
    let bytes: Buffer;
    try {
      bytes = readFileSync(item.input);
    } catch (e) {
      diagnostics.report('input-unreadable', `cannot read the file: ${reason(e)}`);
      done({ input: shown, status: 'failed', diagnostics: diagnostics.items });
      continue;
    }
    const decoded = decodeInput(bytes);
    if (!decoded.ok) {
      diagnostics.report(decoded.code, decoded.message, decoded.pos);
      done({ input: shown, status: 'failed', diagnostics: diagnostics.items });
      continue;
    }
    const loaded = loadTei(decoded.text, { file: shown });
    diagnostics.items.push(...loaded.diagnostics);
    if (!loaded.edition) {
      done({ input: shown, status: 'failed', diagnostics: diagnostics.items });
      continue;
    }
    const site = { edition: loaded.edition, path: item.page, sourceName: parse(item.input).base, teiPath: relative(outDir, item.input).split(sep).join('/') };
    try {
      writeWhole(output, renderPageOf(site, options.version).html);
    } catch (e) {
      diagnostics.report('output-unwritable', `cannot write ${output}: ${reason(e)}`);
      done({ input: shown, status: 'failed', diagnostics: diagnostics.items });
      continue;
    }
    entries.push(indexEntryOf(site));
    done({ input: shown, status: 'rendered', output: shownPath(output, cwd), diagnostics: diagnostics.items });
  }
  if (options.index !== false && entries.length > 0) writeWhole(join(outDir, 'index.html'), renderSiteIndex(entries, options.version).html);
  return results;
}

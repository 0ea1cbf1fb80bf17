/**
 * What a run will do, streamed: each input argument becomes files with their output paths.
 * A folder is walked depth-first, one directory listing in memory at a time, entries in
 * code-point order, so the plan (and so the report) is the same on every file system.
 */
import { lstat, opendir, readlink, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import type { DiagnosticCode } from '../diagnostics.js';

/** Extensions of transcriptions taken from a folder (files without extension are taken too). */
export const TRANSCRIPTION_EXTENSIONS: readonly string[] = ['.txt', '.text', '.md', '.markdown', '.htm', '.html'];

export type PlanItem =
  | { kind: 'file'; inputPath: string; outputPath: string }
  /** An argument (or a folder inside one) that yields no file: `input-none`, `input-unreadable`. */
  | { kind: 'problem'; path: string; code: DiagnosticCode; message: string };

/**
 * The form of paths in reports and the manifest, with `/` separators: relative to `cwd` for a
 * path under it, absolute for one outside it (`/dev/zero`, not `../../../dev/zero`), as
 * `validate` shows a path given that way.
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relativePath(path, cwd);
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel) ? resolve(path).split(sep).join('/') : rel;
}

/**
 * `path` relative to `cwd` with `/` separators, `../` and all: the form export writes into its
 * records' `file` field (data, where a path of the user's machine has no place).
 */
export function relativePath(path: string, cwd: string): string {
  // Most paths lie under cwd and are already normal: the slice is what relative() gives, without normalising both paths (twice per file, in the main thread).
  if (sep === '/' && path.startsWith(cwd) && path.charCodeAt(cwd.length) === 47 && cwd.length > 1 && !/\/\.{0,2}(\/|$)/.test(path)) return path.slice(cwd.length + 1);
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** The output file of an input: its name without the last extension, plus `.xml`. */
export function outputName(fileName: string): string {
  return `${parse(fileName).name}.xml`;
}

export function isTranscriptionName(name: string): boolean {
  if (name.startsWith('.')) return false;
  const ext = extname(name).toLowerCase();
  return ext === '' || TRANSCRIPTION_EXTENSIONS.includes(ext);
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A symbolic link that cannot be followed: where it points, and why (nowhere, or a loop). */
async function brokenLink(path: string, e: unknown): Promise<PlanItem> {
  const to = await readlink(path).catch(() => undefined);
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ELOOP' ? 'a loop of symbolic links' : code === 'ENOENT' ? 'nothing (the target does not exist)' : reason(e);
  return { kind: 'problem', path, code: 'input-link-broken', message: `the symbolic link${to === undefined ? '' : ` to ${to}`} leads to ${why}` };
}

interface WalkContext {
  outDir: string;
  /** Real paths of the folders on the current path, so a symlink loop is not followed forever. */
  ancestors: Set<string>;
}

async function* walkFolder(dir: string, outBase: string, ctx: WalkContext): AsyncGenerator<PlanItem> {
  let real: string;
  const entries: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[] = [];
  try {
    real = await realpath(dir);
    if (ctx.ancestors.has(real)) {
      yield { kind: 'problem', path: dir, code: 'input-link-broken', message: 'a symbolic link leads back into a folder that is being walked (a loop); not followed' };
      return;
    }
    for await (const e of await opendir(dir)) {
      // Hidden files and folders (.git, editors' swap files, our own temporary files) are never inputs.
      if (e.name.startsWith('.')) continue;
      entries.push({ name: e.name, isDir: e.isDirectory(), isFile: e.isFile(), isLink: e.isSymbolicLink() });
    }
  } catch (e) {
    yield { kind: 'problem', path: dir, code: 'input-unreadable', message: `cannot read the folder: ${reason(e)}` };
    return;
  }
  ctx.ancestors.add(real);
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  try {
    for (const e of entries) {
      const path = join(dir, e.name);
      let isDir = e.isDir;
      let isFile = e.isFile;
      if (e.isLink) {
        let target;
        try {
          target = await stat(path);
        } catch (err) {
          if (isTranscriptionName(e.name) || !extname(e.name)) yield await brokenLink(path, err);
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        // The output folder may sit inside an input folder: its TEI is not input.
        if (resolve(path) !== ctx.outDir) yield* walkFolder(path, join(outBase, e.name), ctx);
      } else if (isFile && isTranscriptionName(e.name)) {
        yield { kind: 'file', inputPath: path, outputPath: join(outBase, outputName(e.name)) };
      }
    }
  } finally {
    ctx.ancestors.delete(real);
  }
}

/**
 * The plan for the arguments, in order: a file argument writes `outDir/<stem>.xml`; a
 * folder argument's transcriptions are mirrored under `outDir`; a folder with none is an
 * `input-none` problem.
 */
export async function* planInputs(inputs: readonly string[], outDir: string): AsyncGenerator<PlanItem> {
  const out = resolve(outDir);
  for (const input of inputs) {
    const path = resolve(input);
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      const link = await lstat(path).catch(() => undefined);
      yield link?.isSymbolicLink() ? await brokenLink(path, e) : { kind: 'problem', path, code: 'input-unreadable', message: `cannot read ${input}: ${reason(e)}` };
      continue;
    }
    if (info.isDirectory()) {
      let files = 0;
      for await (const item of walkFolder(path, out, { outDir: out, ancestors: new Set() })) {
        if (item.kind === 'file') files++;
        yield item;
      }
      if (files === 0) {
        const kinds = [...TRANSCRIPTION_EXTENSIONS, 'no extension'].join(', ');
        yield { kind: 'problem', path, code: 'input-none', message: `the folder holds no transcriptions (files named ${kinds}; hidden files and .xml are left out)` };
      }
    } else {
      // A file named on the command line is taken whatever its extension: the user chose it.
      yield { kind: 'file', inputPath: path, outputPath: join(out, outputName(parse(path).base)) };
    }
  }
}

/**
 * Which input claimed each output path, so that two inputs never write one file (the
 * second gets `output-collision`).
 *
 * With one input argument the outputs mirror the walk: two inputs can claim the same
 * output only when they sit in the same folder (a folder's outputs all go to one output
 * folder, and no other folder's do). The walk is depth-first, so a folder's claims are
 * dropped once the walk has left it: memory is bounded by the folders on the current path,
 * not by the corpus (a million files need no million-entry map). With several arguments
 * any two may write the same file: every claim is kept.
 */
import { sep } from 'node:path';

/** Output paths compared as the file system will: case-insensitively where it usually is. */
export const claimKey = (path: string): string => (process.platform === 'darwin' || process.platform === 'win32' ? path.toLowerCase() : path);

export class Claims {
  private readonly all = new Map<string, string>();
  /** With `scoped`: the output folders on the walk's current path, outermost first, each with its claims by file name. */
  private readonly open: { folder: string; names: Map<string, string> }[] = [];

  constructor(private readonly scoped: boolean) {}

  /** Claims `outputPath` for `input`; returns the input that claimed it first, if another did. */
  claim(outputPath: string, input: string): string | undefined {
    const key = claimKey(outputPath);
    const claims = this.scoped ? this.folderOf(key) : { map: this.all, name: key };
    const first = claims.map.get(claims.name);
    if (first === undefined) claims.map.set(claims.name, input);
    return first;
  }

  private folderOf(key: string): { map: Map<string, string>; name: string } {
    const cut = key.lastIndexOf(sep);
    const folder = key.slice(0, cut);
    const name = key.slice(cut + 1);
    // Folders the walk has left (neither this folder nor one of its ancestors) will claim nothing more.
    for (let top = this.open.at(-1); top && top.folder !== folder && !folder.startsWith(top.folder + sep); top = this.open.at(-1)) this.open.pop();
    let top = this.open.at(-1);
    if (top?.folder !== folder) {
      top = { folder, names: new Map() };
      this.open.push(top);
    }
    return { map: top.names, name };
  }
}

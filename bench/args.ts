/** What the bench scripts share: an option's value from the command line, and the files under a folder. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The value after `name` on the command line (`--files 400`), if it is there. */
export function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Every file under `dir`, in sorted order (folders walked in place). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

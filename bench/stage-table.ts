/**
 * Only the bench's per-stage table (CPU ms per seed-sized document, one thread), quickly:
 * `npm run bench:stages [-- --files N] [-- --dir FOLDER] [-- --repeat R]`. Without `--dir`
 * the corpus is the bench's own (variants of input/, written to a temporary folder); the
 * first fifth (at most 200) of the files warm up untimed, as in `npm run bench`. With
 * `--repeat` the table is measured R times in the same process, for the spread.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, option } from './args.js';
import { writeCorpus, type Seed } from './corpus.js';
import { stageCosts } from './stages.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function main(): void {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 1200);
  const repeat = Number(option(argv, '--repeat') ?? 1);
  if (!Number.isInteger(files) || files < 2) throw new Error('--files: expected a whole number ≥ 2');
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat: expected a whole number ≥ 1');
  const dir = option(argv, '--dir');
  const work = dir === undefined ? mkdtempSync(join(tmpdir(), 'teiwright-stages-')) : undefined;
  try {
    let paths: string[];
    if (work !== undefined) {
      const seeds: Seed[] = readdirSync(join(ROOT, 'input'))
        .filter((n) => n.endsWith('.txt'))
        .sort()
        .map((name) => ({ name, text: readFileSync(join(ROOT, 'input', name), 'utf8') }));
      writeCorpus(work, seeds, files);
      paths = filesUnder(work);
    } else paths = filesUnder(dir!).slice(0, files);
    const warmup = Math.min(200, Math.floor(paths.length / 5));
    for (let r = 0; r < repeat; r++) {
      const rows = stageCosts(paths, warmup);
      const width = Math.max(...rows.map((row) => row.stage.length));
      console.log(`${'stage (one thread, mean per document)'.padEnd(width)}  CPU ms  wall ms`);
      for (const row of rows) console.log(`${row.stage.padEnd(width)}  ${row.cpuMs.toFixed(3).padStart(6)}  ${row.wallMs.toFixed(3).padStart(7)}`);
      console.log('');
    }
  } finally {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  }
}

main();

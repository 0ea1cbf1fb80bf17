/**
 * Only the bench's per-stage table (CPU ms per seed-sized document, one thread), quickly:
 * `npm run bench:stages [-- --files N] [-- --dir FOLDER] [-- --repeat R]`. Without `--dir`
 * the corpus is the bench's own (variants of input/, written to a temporary folder); the
 * first fifth (at most 200) of the files warm up untimed, as in `npm run bench`. With
 * `--repeat` the table is measured R times in the same process, for the spread. With
 * `--warmup W` the first W files warm up untimed instead (e.g. `--files 4000 --warmup 3000`:
 * the steady state of a long run, on documents the process has not seen).
 */
import { option } from './args.js';
import { benchDocuments } from './corpus.js';
import { stageCosts } from './stages.js';

function main(): void {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 1200);
  const repeat = Number(option(argv, '--repeat') ?? 1);
  if (!Number.isInteger(files) || files < 2) throw new Error('--files: expected a whole number ≥ 2');
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat: expected a whole number ≥ 1');
  const dir = option(argv, '--dir');
  const { paths, remove } = benchDocuments(dir, files, 'teiwright-stages-');
  try {
    const warmup = Number(option(argv, '--warmup') ?? Math.min(200, Math.floor(paths.length / 5)));
    if (!Number.isInteger(warmup) || warmup < 0 || warmup >= paths.length) throw new Error('--warmup: expected a whole number below --files');
    for (let r = 0; r < repeat; r++) {
      const rows = stageCosts(paths, warmup);
      const width = Math.max(...rows.map((row) => row.stage.length));
      console.log(`${'stage (one thread, mean per document)'.padEnd(width)}  CPU ms  wall ms`);
      for (const row of rows) console.log(`${row.stage.padEnd(width)}  ${row.cpuMs.toFixed(3).padStart(6)}  ${row.wallMs.toFixed(3).padStart(7)}`);
      console.log('');
    }
  } finally {
    remove();
  }
}

main();

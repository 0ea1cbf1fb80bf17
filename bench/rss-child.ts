/**
 * Runs one batch and prints its peak memory, in a process of its own so that each corpus
 * size is measured from a fresh start: `node rss-child.js <input folder> <output folder>`.
 * It runs the batch as the command line does without --report: each result is looked at
 * as it comes and forgotten, so what is measured is the engine's own memory.
 */
import { runBatch } from '../dist/batch/index.js';
import { mainHeapKeeper, setCliV8Flags } from '../dist/cli/heap.js';

// Measured as the command line runs: with its V8 flags (cli/heap.ts).
setCliV8Flags();
const [input, outDir] = process.argv.slice(2);
if (input === undefined || outDir === undefined) throw new Error('usage: rss-child.js <input folder> <output folder>');
let firstProblem: string | undefined;
// As the command line's convert does with a pool (the default jobs here).
const keepHeap = mainHeapKeeper();
const result = await runBatch({
  inputs: [input],
  outDir,
  force: true,
  keepResults: false,
  onResult: (r) => {
    const error = r.diagnostics.find((d) => d.severity === 'error');
    if (error) firstProblem ??= `${error.code}: ${error.message}`;
    keepHeap();
  },
});
process.stdout.write(
  JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS,
    // The worker processes' peaks (default jobs ≥ 2 on a machine with several cores), summed.
    workersMaxRssKb: result.workers?.maxRssKb ?? 0,
    files: result.totals.files,
    converted: result.totals.converted,
    failed: result.totals.failed,
    seconds: result.totals.seconds,
    ...(firstProblem !== undefined && { firstProblem }),
  }),
);

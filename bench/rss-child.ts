/**
 * Runs one batch and prints its peak memory, in a process of its own so that each corpus
 * size is measured from a fresh start: `node rss-child.js <input folder> <output folder>`.
 */
import { runBatch } from '../dist/batch/index.js';

const [input, outDir] = process.argv.slice(2);
if (input === undefined || outDir === undefined) throw new Error('usage: rss-child.js <input folder> <output folder>');
const result = await runBatch({ inputs: [input], outDir, force: true });
const firstError = result.results.flatMap((r) => r.diagnostics).find((d) => d.severity === 'error');
const firstProblem = firstError && `${firstError.code}: ${firstError.message}`;
process.stdout.write(
  JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS,
    files: result.totals.files,
    converted: result.totals.converted,
    failed: result.totals.failed,
    seconds: result.totals.seconds,
    ...(firstProblem !== undefined && { firstProblem }),
  }),
);

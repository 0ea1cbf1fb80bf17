/**
 * `npm run bench:stages [-- --files N] [-- --runs R]`: only the bench's per-stage table (CPU
 * per seed-sized document, stage by stage, one thread; stages.ts), on the same synthetic
 * corpus as `npm run bench`, measured R times over the same documents after one warm-up
 * run, so a change to one stage can be measured in a minute. CPU time, not wall clock: on
 * a shared machine compare the lowest and middle of several runs, not one.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, type Seed } from './corpus.js';
import { stageCosts, type StageCost } from './stages.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function option(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} ${argv[at + 1]}: expected a whole number ≥ 1`);
  return n;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

const argv = process.argv.slice(2);
const files = option(argv, '--files', 1000);
const runs = option(argv, '--runs', 3);
const seeds: Seed[] = readdirSync(join(ROOT, 'input'))
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(ROOT, 'input', name), 'utf8') }));
const work = mkdtempSync(join(tmpdir(), 'teiwright-stages-'));
try {
  writeCorpus(work, seeds, files);
  const paths = filesUnder(work);
  // The first run warms up (JIT, schema compile); the bench itself warms up on the first fifth.
  const all: StageCost[][] = [];
  for (let r = 0; r <= runs; r++) {
    const rows = stageCosts(paths, r === 0 ? Math.min(200, Math.floor(paths.length / 5)) : 0);
    if (r > 0) all.push(rows);
  }
  const names = all[0]!.map((row) => row.stage);
  const width = Math.max(...names.map((n) => n.length));
  console.log(`${files} documents from ${seeds.map((s) => s.name).join(' and ')}; CPU ms per document, ${runs} runs (lowest, middle, each)`);
  for (const name of names) {
    const xs = all.map((rows) => rows.find((row) => row.stage === name)?.cpuMs ?? 0);
    const sorted = [...xs].sort((a, b) => a - b);
    console.log(`${name.padEnd(width)}  ${sorted[0]!.toFixed(3)}  ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)}   (${xs.map((x) => x.toFixed(3)).join(' ')})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

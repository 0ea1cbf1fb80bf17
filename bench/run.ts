/**
 * `npm run bench [-- --files N] [-- --quick]`: how fast teiwright is, stage by stage, on a
 * synthetic corpus made from the examples in input/. A stage that cannot run yet (say the
 * TEI writer is missing) prints `n/a (error: …)` instead of stopping the bench. The
 * end-to-end rows each run in a fresh process, as a user's `teiwright convert`; the
 * machine's ceiling shows what a second thread can add on this machine at best.
 * `node dist-bench/run.js --end-to-end-only [--files N]` (after `npm run build` and
 * `tsc -p bench/tsconfig.json`) runs only those two.
 */
import { filesUnder } from './args.js';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { RelaxNGValidator, XmlDocument } from 'libxml2-wasm';
import { setCliV8Flags } from '../dist/cli/heap.js';
import { convert } from '../dist/convert.js';
import { decodeInput } from '../dist/io/decode.js';
import { validateTei } from '../dist/validate/index.js';
import { ceilingTable, measureCeiling, type CeilingRow } from './ceiling.js';
import type { Workload } from './ceiling-worker.js';
import { grownDocument, writeCorpus, type Seed } from './corpus.js';
import { freshNumbers, runFresh, type FreshOptions } from './fresh.js';
import { stageCosts, type StageCost } from './stages.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MB = 1024 * 1024;

interface Settings {
  files: number;
  rssSmall: number;
  bigSizes: number[];
  validateSample: number;
  pandocSample: number;
  /** Only the end-to-end rows (fresh processes) and the machine's ceiling: `--end-to-end-only`. */
  endToEndOnly: boolean;
}

function settings(argv: readonly string[]): Settings {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--files');
  const files = at >= 0 ? Number(argv[at + 1]) : quick ? 200 : 10_000;
  if (!Number.isInteger(files) || files < 1) throw new Error(`--files ${argv[at + 1]}: expected a whole number ≥ 1`);
  const endToEndOnly = argv.includes('--end-to-end-only');
  return quick
    ? { files, rssSmall: Math.min(100, files), bigSizes: [0.25 * MB, 1 * MB], validateSample: 100, pandocSample: 10, endToEndOnly }
    : { files, rssSmall: Math.min(100, files), bigSizes: [1 * MB, 10 * MB, 50 * MB], validateSample: 1000, pandocSample: 200, endToEndOnly };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
/** Long messages cut to one table-friendly line. */
const short = (s: string, max = 90): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const na = (why: string): string => `n/a (error: ${short(why)})`;

/** Why convert() gives no TEI for `text`, or undefined when it does. */
function convertProblem(text: string, options: { validate: boolean }): string | undefined {
  try {
    const r = convert(text, { file: 'bench', ...options });
    if (r.tei !== undefined) return undefined;
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
    return `convert() gave no TEI${errors.length ? ` (${errors[0]})` : ' (no reader yet?)'}`;
  } catch (e) {
    return message(e);
  }
}

interface Throughput {
  stage: string;
  files: number;
  seconds: number;
  bytes: number;
  /** CPU milliseconds per file of the whole process (all its threads) and its worker processes. */
  cpuMsPerFile?: number;
  /** A row run in a process of its own: that process's whole wall time, start-up included. */
  processSeconds?: number;
  note?: string;
}

/** CPU time of this process, all threads, in milliseconds. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
type Row = Throughput | { stage: string; unavailable: string };

function convertAlone(paths: readonly string[], keep: number): { row: Row; teis: string[] } {
  const teis: string[] = [];
  let bytes = 0;
  let failed = 0;
  const started = performance.now();
  const cpuStart = cpuMs();
  for (const path of paths) {
    const raw = readFileSync(path);
    bytes += raw.length;
    const decoded = decodeInput(raw);
    if (!decoded.ok) {
      failed++;
      continue;
    }
    const r = convert(decoded.text, { file: path, validate: false });
    if (r.tei === undefined) failed++;
    else if (teis.length < keep) teis.push(r.tei);
  }
  const seconds = (performance.now() - started) / 1000;
  const row: Throughput = { stage: 'convert alone (read, transform, write TEI; integrity checks, no schema)', files: paths.length, seconds, bytes, cpuMsPerFile: (cpuMs() - cpuStart) / paths.length };
  if (failed) row.note = `${failed} gave no TEI`;
  return { row, teis };
}

function validateAlone(teis: readonly string[]): Row {
  const stage = 'validate alone (validateTei, project schema)';
  if (teis.length === 0) return { stage, unavailable: na('no TEI to validate') };
  try {
    validateTei(teis[0]!, { schema: 'project' }); // compiles the schema: not part of the rate
    let bytes = 0;
    let errors = 0;
    const started = performance.now();
    const cpuStart = cpuMs();
    for (const tei of teis) {
      bytes += Buffer.byteLength(tei);
      errors += validateTei(tei, { schema: 'project' }).filter((d) => d.severity === 'error').length;
    }
    const row: Throughput = { stage, files: teis.length, seconds: (performance.now() - started) / 1000, bytes, cpuMsPerFile: (cpuMs() - cpuStart) / teis.length, note: `MB of TEI; sample of ${teis.length}` };
    if (errors) row.note += `; ${errors} errors found`;
    return row;
  } catch (e) {
    return { stage, unavailable: na(message(e)) };
  }
}

/**
 * A fresh output folder inside the bench's work folder, removed with it at the end, never
 * between rows. Removing 10,000 outputs right before the next row made that row pay for
 * them: ext4 without a journal (this project's machine) skips inodes deleted in the last
 * seconds to minutes when it allocates one, re-reading the inode table for each, so every
 * file created after a mass deletion scanned past all of them. Measured (session 10, the
 * trivial converter on 10,000 files): 0.76 ms CPU per file right after the previous row's
 * outputs were removed (0.61 ms of it in the kernel, 40% of samples in ext4's
 * recently_deleted), 0.23 ms when nothing had been removed.
 */
function outputFolder(work: string): string {
  return mkdtempSync(join(work, 'out-'));
}

/** A row's name: what runs (the real pipeline or the trivial converter), how many jobs, in what workers. */
function endToEndStage(o: FreshOptions): string {
  const kind = o.jobs < 2 ? '' : o.workers === 'processes' ? ' (worker processes)' : ' (worker threads)';
  return `${o.converter ? 'batch engine alone (trivial converter)' : 'end to end'}, fresh process, --jobs ${o.jobs}${kind}`;
}

/**
 * One batch in a fresh process (fresh.ts), as a user's `teiwright convert` runs: files/s of
 * the batch timed inside that process; CPU and cores used of the whole process, its
 * start-up, worker threads and worker processes included.
 */
function endToEnd(corpus: string, work: string, bytes: number, o: FreshOptions): Row {
  const stage = endToEndStage(o);
  try {
    const run = runFresh(corpus, outputFolder(work), o);
    const r = run.report;
    // Files that failed with diagnostics still went through the whole pipeline; only files
    // the pipeline could not handle at all (internal-error) make the rate meaningless.
    if (r.broken === r.files) return { stage, unavailable: na(`no file converted: ${r.firstProblem ?? 'no diagnostic'}`) };
    const n = freshNumbers(run);
    const row: Throughput = { stage, files: n.files, seconds: n.seconds, bytes, cpuMsPerFile: n.cpuMsPerFile, processSeconds: n.processSeconds, note: `start-up ${(r.startupMs / 1000).toFixed(2)} s` };
    if (r.failed) row.note += `; ${r.failed} failed with errors, not written (first: ${short(r.firstProblem ?? '?', 60)})`;
    return row;
  } catch (e) {
    return { stage, unavailable: na(message(e)) };
  }
}

/**
 * The machine's ceiling (ceiling.ts): CPU per unit of work of a thread alone and of each
 * of two threads at once, in turns, for teiwright (each thread warmed up on 3,000
 * documents, as in the stage table's steady state, then 500 measured alone and 1,000 at
 * the same time as the other) and for two loops that show what the machine itself
 * allows. A row that cannot run says why.
 */
async function ceiling(paths: readonly string[]): Promise<string> {
  const warm = Math.min(3000, Math.floor(paths.length * 0.6));
  const plans: [Workload, number, number][] = [
    // Per phase: at most 250 units, all of them documents not seen before.
    ['teiwright', warm, Math.max(1, Math.min(250, Math.floor((paths.length - warm) / 6)))],
    ['allocation', 200, 250],
    ['arithmetic', 200, 250],
  ];
  const rows: CeilingRow[] = [];
  const problems: string[] = [];
  for (const [workload, w, m] of plans) {
    try {
      rows.push(await measureCeiling(workload, paths, w, m));
    } catch (e) {
      problems.push(`${workload}: ${na(message(e))}`);
    }
  }
  const title = "the machine's ceiling: steady-state CPU per unit of a worker thread alone, and of each of two at once, in turns (units in memory, no file I/O; each thread's own CPU clock; 'process' adds V8's background threads)";
  return [title, ceilingTable(rows), ...problems].join('\n');
}

/** A folder holding links to the corpus's first `count` folders of 100 documents: a corpus of `count` × 100. */
function firstFolders(corpus: string, work: string, count: number): string {
  const dir = join(work, `first-${count}-folders`);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(corpus).sort().slice(0, count)) symlinkSync(join(corpus, name), join(dir, name), 'dir');
  return dir;
}

/** Peak RSS of a fresh process converting `dir` (default jobs). */
function peakRss(dir: string, work: string, files: number): { text: string; mb?: number } {
  const out = outputFolder(work);
  try {
    const child = fileURLToPath(new URL('./rss-child.js', import.meta.url));
    const r = JSON.parse(execFileSync(process.execPath, [child, dir, out], { encoding: 'utf8', maxBuffer: 16 * MB })) as { maxRssKb: number; workersMaxRssKb: number; converted: number; failed: number; firstProblem?: string };
    // The main process and its worker processes (each its own heap): the sum of their peaks.
    const mb = (r.maxRssKb + r.workersMaxRssKb) / 1024;
    const parts = r.workersMaxRssKb > 0 ? ` (main ${(r.maxRssKb / 1024).toFixed(0)} + workers ${(r.workersMaxRssKb / 1024).toFixed(0)})` : '';
    const note = r.converted === files ? '' : ` (${r.converted} of ${files} converted${r.firstProblem ? `; first problem: ${short(r.firstProblem, 60)}` : ''})`;
    return { text: `${mb.toFixed(0)} MB${parts}${note}`, mb };
  } catch (e) {
    return { text: na(message(e)) };
  }
}

function secondsPerMb(seed: Seed, size: number): string {
  const text = grownDocument(seed.text, size);
  const mb = Buffer.byteLength(text) / MB;
  const problem = convertProblem(seed.text, { validate: true });
  if (problem) return na(problem);
  try {
    const started = performance.now();
    const cpuStart = cpuMs();
    // A genuine big document: its user raises --max-elements (the default bounds one document's
    // memory for batches of unknown input), as this measures time per MB, not the limit.
    const r = convert(text, { file: `${seed.name} grown`, validate: true, limits: { elements: Number.MAX_SAFE_INTEGER } });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (cpuMs() - cpuStart) / 1000;
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    return `${(seconds / mb).toFixed(3)} s/MB (${seconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s, for ${mb.toFixed(1)} MB, with validation and fidelity${r.tei === undefined ? '; no TEI' : ''}${errors ? `; ${errors} errors` : ''})`;
  } catch (e) {
    return na(message(e));
  }
}

/**
 * One RELAX NG schema: how long it takes to compile, and the mean time to validate one
 * document against it (libxml2 parse + validate) over a sample of the bench's TEI.
 * TEI's own schemas are read from ../shared when it is there (the developers' machines, CI).
 */
function schemaCost(path: string, teis: readonly string[], sample: number): string {
  if (!existsSync(path)) return 'n/a (absent)';
  try {
    const started = performance.now();
    const schemaDoc = XmlDocument.fromBuffer(readFileSync(path), { url: `file://${path}` });
    const validator = RelaxNGValidator.fromDoc(schemaDoc);
    const compileMs = performance.now() - started;
    const docs = teis.slice(0, sample);
    let invalid = 0;
    const t = performance.now();
    for (const tei of docs) {
      const doc = XmlDocument.fromString(tei);
      try {
        validator.validate(doc);
      } catch {
        invalid++;
      } finally {
        doc.dispose();
      }
    }
    const perDoc = docs.length ? (performance.now() - t) / docs.length : Number.NaN;
    validator.dispose();
    schemaDoc.dispose();
    return `compile ${compileMs.toFixed(0)} ms; validate ${perDoc.toFixed(2)} ms/doc over ${docs.length} documents${invalid ? ` (${invalid} invalid)` : ''}`;
  } catch (e) {
    return na(message(e));
  }
}

/**
 * How long `teiwright --version` and `teiwright --help` take and how much memory, best of
 * five fresh processes each (they load only what they print: cli/commands/index.ts).
 */
function startup(): string {
  const main = join(ROOT, 'dist/cli/main.js');
  const parts: string[] = [];
  try {
    for (const arg of ['--version', '--help']) {
      let best = Number.POSITIVE_INFINITY;
      let rssKb = 0;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        // GNU time prints the peak RSS (KB) on stderr.
        const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, main, arg], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
        if (r.status !== 0) throw new Error(`${arg}: ${r.error?.message ?? r.stderr}`);
        best = Math.min(best, performance.now() - started);
        rssKb = Number(r.stderr.trim().split('\n').pop());
      }
      parts.push(`${arg} ${best.toFixed(0)} ms, ${(rssKb / 1024).toFixed(0)} MB`);
    }
  } catch (e) {
    return na(message(e));
  }
  return `${parts.join('; ')} (best of 5 fresh processes; peak RSS)`;
}

/** Runs `pandoc` on each path, `parallel` processes at a time; resolves to the seconds taken. */
async function pandocRun(paths: readonly string[], parallel: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++]!;
      await new Promise<void>((resolve, reject) => execFile('pandoc', ['-f', 'markdown', '-t', 'tei', path], { maxBuffer: 64 * MB }, (e) => (e ? reject(e) : resolve())));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return (performance.now() - started) / 1000;
}

/**
 * pandoc's rate on a sample, one process per file, as many at a time as teiwright has
 * jobs, and teiwright's rate against it. CI has no pandoc: the row says it was skipped.
 */
async function pandoc(paths: readonly string[], total: number, rates: ReadonlyMap<number, number>): Promise<string> {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'skipped: pandoc is not installed (apt-get install pandoc to compare)';
  }
  try {
    const parts: string[] = [];
    for (const [jobs, rate] of rates) {
      const seconds = await pandocRun(paths, jobs);
      const pandocRate = paths.length / seconds;
      parts.push(`${jobs} at a time: ${pandocRate.toFixed(1)} files/s (${total} files ≈ ${(total / pandocRate).toFixed(0)} s); teiwright --jobs ${jobs} is ${(rate / pandocRate).toFixed(1)}× that`);
    }
    return `${parts.join('; ')} (sample of ${paths.length} files, one process each)`;
  } catch (e) {
    return na(message(e));
  }
}

/** The machine the numbers were taken on: a shared or busy machine gives slower, noisier numbers. */
function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg();
  const busy = load[0]! > availableParallelism() ? ' — busier than its CPUs: wall-clock rates are low and noisy, CPU ms are the steadier measure' : '';
  return `machine: ${availableParallelism()} CPUs (${cpu}), Node ${process.version}, ${process.platform}; load average ${load.map((l) => l.toFixed(2)).join(', ')}${busy}\n`;
}

/** CPU over wall time: how many cores a row kept busy (a row run in a process of its own: that whole process). */
const coresUsed = (r: Throughput): string => (r.cpuMsPerFile === undefined ? '' : ((r.cpuMsPerFile * r.files) / 1000 / (r.processSeconds ?? r.seconds)).toFixed(2));

function table(rows: readonly Row[]): string {
  const cells = rows.map((r) =>
    'unavailable' in r
      ? [r.stage, '', '', '', '', '', '', r.unavailable]
      : [r.stage, String(r.files), (r.files / r.seconds).toFixed(0), (r.bytes / MB / r.seconds).toFixed(2), r.processSeconds === undefined ? '' : r.processSeconds.toFixed(2), r.cpuMsPerFile === undefined ? '' : r.cpuMsPerFile.toFixed(2), coresUsed(r), r.note ?? ''],
  );
  const head = ['stage', 'files', 'files/s', 'MB/s', 'process s', 'CPU ms/file', 'cores used', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i >= 1 && i <= 6 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function printStages(title: string, stages: readonly StageCost[]): void {
  if (stages.length === 0) return;
  const width = Math.max(...stages.map((r) => r.stage.length));
  console.log(`${`stage (one thread, mean per document; ${title})`.padEnd(width)}  CPU ms  wall ms`);
  for (const r of stages) console.log(`${r.stage.padEnd(width)}  ${r.cpuMs.toFixed(3).padStart(6)}  ${r.wallMs.toFixed(3).padStart(7)}`);
  console.log('');
}

async function main(): Promise<void> {
  const s = settings(process.argv.slice(2));
  // Every row is measured with the command line's V8 flags (cli/heap.ts: heap growth, inlining, young generation).
  setCliV8Flags();
  const seeds: Seed[] = readdirSync(join(ROOT, 'input'))
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(ROOT, 'input', name), 'utf8') }));
  if (seeds.length === 0) throw new Error('input/ holds no example transcription to build the corpus from');
  const work = mkdtempSync(join(tmpdir(), 'teiwright-bench-'));
  try {
    const corpus = join(work, 'corpus');
    let started = performance.now();
    const { bytes } = writeCorpus(corpus, seeds, s.files);
    console.log(`corpus: ${s.files} documents, ${(bytes / MB).toFixed(1)} MB, from ${seeds.map((x) => x.name).join(' and ')} (written in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(machine());
    const paths = filesUnder(corpus);

    const rows: Row[] = [];
    let teis: string[] = [];
    if (!s.endToEndOnly) {
      // CPU per seed-sized document, stage by stage, in this thread (the real pipeline, validation and fidelity on).
      // Two tables: the first documents of a fresh process (200 untimed, then the sample), and a
      // longer run's steady state (the sample measured on documents after the first 3,000, none
      // seen before, once V8 has finished compiling) — what a corpus of a million files pays.
      const warmup = Math.min(200, Math.floor(paths.length / 5));
      printStages('first documents of a fresh process', stageCosts(paths.slice(0, Math.min(paths.length, warmup + s.validateSample)), warmup));
      const steadyFrom = Math.min(3000, Math.floor(paths.length / 2));
      printStages(`steady state, documents ${steadyFrom + 1}–${Math.min(paths.length, steadyFrom + s.validateSample)}`, stageCosts(paths.slice(0, Math.min(paths.length, steadyFrom + s.validateSample)), steadyFrom));

      const probe = convertProblem(seeds[0]!.text, { validate: false });
      if (probe) rows.push({ stage: 'convert alone', unavailable: na(probe) });
      else {
        const c = convertAlone(paths, s.validateSample);
        rows.push(c.row);
        teis = c.teis;
      }
      rows.push(validateAlone(teis));
    }
    // Each in a fresh process, as a user runs `teiwright convert` (this process is warm from
    // the rows above: converting here compared a warm thread with cold workers). --jobs 2 in
    // worker threads (the default) and in worker processes, one after the other.
    started = performance.now();
    const trivial = new URL('./trivial-converter.js', import.meta.url).href;
    const runs: FreshOptions[] = [
      { jobs: 1 },
      { jobs: 2, workers: 'threads' },
      { jobs: 2, workers: 'processes' },
      { jobs: 1, converter: trivial },
      { jobs: 2, converter: trivial, workers: 'threads' },
      { jobs: 2, converter: trivial, workers: 'processes' },
    ];
    for (const o of runs) rows.push(endToEnd(corpus, work, bytes, o));
    console.log(table(rows));
    console.log(`(the fresh-process rows took ${((performance.now() - started) / 1000).toFixed(0)} s; CPU ms/file and cores used of a fresh process: the whole process, start-up and workers included; files/s: the batch alone)`);

    const rate = (o: FreshOptions): number | undefined => {
      const row = rows.find((r) => r.stage === endToEndStage(o));
      return row && !('unavailable' in row) ? row.files / row.seconds : undefined;
    };
    const [one, two, twoProcesses, engineOne, engineTwo] = runs.map(rate);
    const rates = new Map<number, number>();
    if (one !== undefined) rates.set(1, one);
    if (two !== undefined) rates.set(2, two);
    if (one !== undefined && two !== undefined) console.log(`\n--jobs 2 / --jobs 1: ${(two / one).toFixed(2)}× (end to end, fresh processes, wall clock of the batch)`);
    if (engineOne !== undefined && engineTwo !== undefined) console.log(`--jobs 2 / --jobs 1: ${(engineTwo / engineOne).toFixed(2)}× (batch engine alone, trivial converter, fresh processes, wall clock of the batch)`);
    if (one !== undefined && twoProcesses !== undefined) console.log(`--jobs 2 (worker processes) / --jobs 1: ${(twoProcesses / one).toFixed(2)}× (end to end, fresh processes, wall clock of the batch)`);

    started = performance.now();
    console.log(`\n${await ceiling(paths)}`);
    console.log(`(the machine's ceiling took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    if (s.endToEndOnly) return;

    started = performance.now();
    const rssSmall = peakRss(join(corpus, '000'), work, s.rssSmall);
    const above = (r: { mb?: number }): string => (rssSmall.mb !== undefined && r.mb !== undefined ? ` (${((r.mb / rssSmall.mb - 1) * 100).toFixed(0)}% above ${s.rssSmall} files)` : '');
    // A middle size, to see where the peak levels off: the corpus's first ten folders, linked into one.
    const middle = Math.min(1000, s.files);
    const rssMiddle = middle > s.rssSmall && middle < s.files ? peakRss(firstFolders(corpus, work, middle / 100), work, middle) : undefined;
    const rssAll = peakRss(corpus, work, s.files);
    const measures: [string, string][] = [
      // The corpus's first folder holds its first 100 documents.
      [`peak RSS, ${s.rssSmall} files (fresh process, default jobs)`, rssSmall.text],
      ...(rssMiddle ? [[`peak RSS, ${middle} files (fresh process, default jobs)`, `${rssMiddle.text}${above(rssMiddle)}`] as [string, string]] : []),
      [`peak RSS, ${s.files} files (fresh process, default jobs)`, `${rssAll.text}${above(rssAll)}`],
      ...s.bigSizes.map((size): [string, string] => [`one ${(size / MB).toFixed(2).replace(/\.?0+$/, '')} MB document (${seeds[seeds.length - 1]!.name} grown)`, secondsPerMb(seeds[seeds.length - 1]!, size)]),
      ['schema schema/teiwright.rng', schemaCost(join(ROOT, 'schema/teiwright.rng'), teis, 300)],
      ['schema tei_lite.rng (../shared, TEI 4.5)', schemaCost(join(ROOT, '../shared/schema-oracle/tei_lite.rng'), teis, 300)],
      ['schema tei_all.rng (../shared, TEI 4.12)', schemaCost(join(ROOT, '../shared/schema-oracle/tei_all.rng'), teis, 300)],
      ['teiwright --version, --help', startup()],
      ['pandoc -f markdown -t tei', await pandoc(paths.slice(0, s.pandocSample), s.files, rates)],
    ];
    const width = Math.max(...measures.map(([k]) => k.length));
    console.log(`\n${measures.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}`);
    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

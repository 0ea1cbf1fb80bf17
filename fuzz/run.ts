/**
 * `npm run fuzz [-- --runs 100000] [-- --seed N]`: the property tests' properties, for long.
 * Inputs come in rounds of 500 from fuzz/inputs.ts (a seed per round, so any round can be
 * replayed); a failing round's counterexample is shrunk by fast-check and saved as
 * tests/property/fixtures/<shape>-<seed>.bin (the suite replays every fixture there), and
 * the run goes on. Prints a summary: inputs, failures, slowest input per MB, peak RSS.
 * `--save-slowest FILE` keeps the input slowest per MB. `--cli N` adds N generated batches through the built CLI (fuzz/cli-check.ts). One in ten inputs is converted twice (determinism); one in five cases is mutated TEI for validate().
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { convert } from '../dist/convert.js';
import { decodeInput } from '../dist/io/decode.js';
import { loadCorrections } from '../dist/transforms/corrections/load.js';
import { validateTei } from '../dist/validate/index.js';
import { checkInput, outsideText, pipelineOf, type Pipeline } from './check.js';
import { batch, batchToJson, checkBatch } from './cli-check.js';
import { anyInput, mutatedTei, realDocuments, type FuzzInput } from './inputs.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = join(ROOT, 'tests/property/fixtures');
const ROUND = 100;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} takes a positive number`);
  return v;
}

const pipeline: Pipeline = pipelineOf({
  decode: (bytes) => decodeInput(Buffer.from(bytes)),
  convert,
  loadCorrections,
  validate: validateTei,
  wellFormedError(xml) {
    try {
      XmlDocument.fromString(xml).dispose();
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  },
});

async function main(): Promise<void> {
  const runs = arg('runs', 5000);
  // A time budget (for a shared machine): the run stops after the round that passes it and prints its summary.
  const maxSeconds = arg('max-seconds', Number.MAX_SAFE_INTEGER);
  const seed = arg('seed', 20261130);
  // `--save-slowest FILE`: the input slowest per MB is written there.
  const at = process.argv.indexOf('--save-slowest');
  const saveSlowest = at >= 0 ? process.argv[at + 1] : undefined;
  const shared = process.env.TEIWRIGHT_SHARED ?? join(ROOT, '../shared');
  const docs = realDocuments(ROOT, shared, 400);
  // Which documents convert without losing a word: their word-keeping mutations must too.
  for (const d of docs) {
    const decoded = decodeInput(Buffer.from(d.bytes));
    d.clean = decoded.ok && !convert(decoded.text, { file: d.name }).diagnostics.some((x) => x.code === 'words-lost');
  }
  const teis = docs.slice(0, 20).flatMap((d) => {
    const decoded = decodeInput(Buffer.from(d.bytes));
    const tei = decoded.ok ? convert(decoded.text, { file: d.name }).tei : undefined;
    return tei === undefined ? [] : [tei];
  });
  let inputs = 0;
  let teiInputs = 0;
  let bytes = 0;
  let slowest = { msPerMB: 0, ms: 0, size: 0, shape: '' };
  let slowestAny = { ms: 0, size: 0, shape: '' };
  const failures: string[] = [];
  const started = performance.now();
  const timed = (input: FuzzInput): string[] => {
    const t0 = performance.now();
    const problems = checkInput(pipeline, input, { twice: inputs % 10 === 0 });
    const ms = performance.now() - t0;
    inputs++;
    bytes += input.bytes.length;
    // Per MB, for inputs of at least 64 KB (below that, fixed costs and GC pauses dominate).
    const perMB = input.bytes.length >= 65536 ? ms / (input.bytes.length / 2 ** 20) : 0;
    if (perMB > slowest.msPerMB) {
      slowest = { msPerMB: perMB, ms, size: input.bytes.length, shape: input.shape };
      // Kept for a look (is it superlinear?): a time is not a property, so it is no fixture.
      if (saveSlowest) writeFileSync(saveSlowest, input.bytes);
    }
    if (ms > slowestAny.ms) slowestAny = { ms, size: input.bytes.length, shape: input.shape };
    return problems;
  };
  let stopped = false;
  process.once('SIGINT', () => (stopped = true));
  for (let round = 0; inputs + teiInputs < runs && !stopped && performance.now() - started < maxSeconds * 1000; round++) {
    const n = Math.min(ROUND, runs - inputs - teiInputs);
    const roundSeed = seed + round;
    const convertRuns = Math.ceil((n * 4) / 5);
    const result = fc.check(fc.property(anyInput(docs), (input) => timed(input).length === 0), { seed: roundSeed, numRuns: convertRuns });
    if (result.failed && result.counterexample) {
      const [input] = result.counterexample;
      const problems = checkInput(pipeline, input, { twice: true });
      // `-wordskept`: the suite replays it with the words-kept property.
      const name = `${input.shape.replace(/[^A-Za-z0-9.+-]+/g, '_').slice(0, 60)}${input.wordsKept ? '-wordskept' : ''}-${roundSeed}`;
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(join(FIXTURES, `${name}.bin`), input.bytes);
      // Replayed with the input by the suite.
      if (input.corrections !== undefined) writeFileSync(join(FIXTURES, `${name}.corrections.json`), input.corrections);
      writeFileSync(join(FIXTURES, `${name}.txt`), `${problems.join('\n')}\n`);
      failures.push(`${name}: ${problems[0] ?? 'failed'}`);
      console.log(`round ${round} (seed ${roundSeed}): FAILED, shrunk counterexample saved as tests/property/fixtures/${name}.bin: ${problems[0]}`);
    }
    if (teis.length > 0 && n - convertRuns > 0) {
      const v = fc.check(
        fc.property(mutatedTei(teis), ({ xml }) => {
          teiInputs++;
          const findings = validateTei(xml, { file: 'mutated.xml' });
          // Every place inside the file (lines end at LF, as libxml2 counts them; a CR is a character of its line).
          const outside = findings.map((f) => outsideText(f, xml)).find((x) => x !== undefined);
          if (outside) throw new Error(`a finding outside the file: ${outside}`);
        }),
        { seed: roundSeed, numRuns: n - convertRuns },
      );
      if (v.failed) {
        const [{ xml, shape }] = v.counterexample ?? [{ xml: '', shape: '' }];
        const name = `validate-${shape.replace(/[^A-Za-z0-9+-]+/g, '_')}-${roundSeed}`;
        mkdirSync(FIXTURES, { recursive: true });
        writeFileSync(join(FIXTURES, `${name}.xml.txt`), xml);
        failures.push(`${name}: validate threw or placed a finding outside the file: ${String(v.errorInstance).slice(0, 200)}`);
        console.log(`round ${round} (seed ${roundSeed}): validate() threw; TEI saved as tests/property/fixtures/${name}.xml.txt`);
      }
    }
    // Let a Ctrl-C in between rounds be heard.
    await new Promise((resolve) => setImmediate(resolve));
    if (round % 20 === 19) console.log(`… ${inputs + teiInputs} inputs, ${failures.length} failures, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  // `--cli N`: N generated batches through the built CLI (jobs 1 = jobs 2, report, kill and rerun: fuzz/cli-check.ts).
  const cliRuns = process.argv.includes('--cli') ? arg('cli', 10) : 0;
  let cliDone = 0;
  if (cliRuns > 0 && !stopped) {
    const cli = join(ROOT, 'dist/cli/main.js');
    const decode = (b: Uint8Array) => decodeInput(Buffer.from(b));
    const result = await fc.check(
      fc.asyncProperty(batch, fc.integer({ min: 200, max: 3000 }), async (files, ms) => {
        cliDone++;
        return (await checkBatch(cli, files, decode, { killAfterMs: ms })).length === 0;
      }),
      { seed, numRuns: cliRuns, endOnFailure: true },
    );
    if (result.failed && result.counterexample) {
      const [files] = result.counterexample;
      const problems = await checkBatch(cli, files, decode);
      const name = `cli-${seed}`;
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(join(FIXTURES, `${name}.json`), batchToJson(files));
      writeFileSync(join(FIXTURES, `${name}.txt`), `${problems.join('\n')}\n`);
      failures.push(`${name}: ${problems[0] ?? 'failed (with a kill)'}`);
      console.log(`CLI batches: FAILED, shrunk batch saved as tests/property/fixtures/${name}.json: ${problems[0] ?? 'failed with the kill'}`);
    }
  }
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log('\nfuzz summary');
  if (inputs + teiInputs < runs) console.log(`  stopped early (time budget or Ctrl-C): ${inputs + teiInputs} of ${runs} runs done`);
  console.log(`  inputs: ${inputs + teiInputs} (${inputs} transcriptions, ${(bytes / 2 ** 20).toFixed(1)} MB; ${teiInputs} mutated TEI for validate), seed ${seed}`);
  if (cliDone > 0) console.log(`  CLI batches: ${cliDone} (each converted with --jobs 1 and 2, validated, killed and rerun)`);
  console.log(`  failures: ${failures.length}${failures.length ? `\n    ${failures.join('\n    ')}` : ''}`);
  console.log(`  slowest input per MB (inputs of 64 KB or more): ${(slowest.msPerMB / 1000).toFixed(2)} s/MB (${slowest.size} bytes in ${slowest.ms.toFixed(0)} ms, ${slowest.shape})`);
  if (saveSlowest && slowest.size > 0) console.log(`  (the input slowest per MB is saved as ${saveSlowest})`);
  console.log(`  slowest input: ${slowestAny.ms.toFixed(0)} ms (${slowestAny.size} bytes, ${slowestAny.shape})`);
  console.log(`  peak RSS: ${rss.toFixed(0)} MB; time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

await main();

/**
 * The checks after the writer, alone, in a fixed loop: `validateTei` (the TypeScript
 * RELAX NG check and integrity) and `checkFidelity`, on documents converted once before
 * the loop. For before/after figures of src/validate that load on the machine disturbs
 * little: run it under `perf stat -e instructions` (or valgrind) with `--only validate` or
 * `--only fidelity`, and once with `--repeat 0` for the set-up alone.
 *
 *   node dist-bench/validate-loop.js [--files 400] [--repeat 5] [--only validate|fidelity] [--dir FOLDER]
 *
 * Without `--dir` the documents are the bench's (variants of input/); with it, the files
 * under FOLDER. Prints CPU ms per document for each check (process.cpuUsage around each
 * whole loop, so GC helper threads count too) and a checksum of the findings, which must
 * not change when only speed does.
 */
import { readFileSync } from 'node:fs';
import { option } from './args.js';
import { benchDocuments } from './corpus.js';
import { convert } from '../dist/convert.js';
import { Diagnostics } from '../dist/diagnostics.js';
import { decodeInput } from '../dist/io/decode.js';
import { detectReader } from '../dist/readers/registry.js';
import { checkFidelity, type MarkupFamily, type Removed } from '../dist/validate/fidelity.js';
import { validateTei } from '../dist/validate/index.js';

interface Case {
  file: string;
  text: string;
  markup: MarkupFamily;
  removed: Removed[];
  tei: string;
}

/** Converts each file once and keeps what the two checks are given in convert(). */
function casesOf(paths: readonly string[]): Case[] {
  const cases: Case[] = [];
  for (const file of paths) {
    const decoded = decodeInput(readFileSync(file));
    if (!decoded.ok) continue;
    const text = decoded.text;
    const result = convert(text, { file });
    const reader = detectReader(text)?.reader;
    if (result.tei === undefined || result.model === undefined || !reader) continue;
    const model = result.model;
    // As convert() gives them to checkFidelity.
    const labels = [
      ...model.metadata.fields.map((f) => ({ text: f.label, pos: f.pos })),
      ...model.notes.flatMap((s) => s.notes.map((n) => ({ text: n.label, pos: n.pos }))),
      ...(model.metadata.author?.label ? [model.metadata.author.label] : []),
    ];
    cases.push({ file, text, markup: reader.markup, removed: [...model.dropped, ...labels], tei: result.tei });
  }
  return cases;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A checksum of findings (code, place, message), to see that a faster check says the same. */
function digest(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function main(): void {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 400);
  const repeat = Number(option(argv, '--repeat') ?? 5);
  const only = option(argv, '--only');
  const dir = option(argv, '--dir');
  const { paths, remove } = benchDocuments(dir, files, 'teiwright-vloop-');
  try {
    const cases = casesOf(paths);
    let sum = 0x811c9dc5 | 0;
    const times = { validate: 0, fidelity: 0 };
    for (let r = 0; r < repeat; r++) {
      if (only !== 'fidelity') {
        const t = cpuNow();
        for (const c of cases) for (const d of validateTei(c.tei, { file: c.file, schema: 'project' })) sum = digest(sum, `${d.code}:${d.line}:${d.column}:${d.message}`);
        times.validate += cpuNow() - t;
      }
      if (only !== 'validate') {
        const t = cpuNow();
        for (const c of cases) {
          const diagnostics = new Diagnostics(c.file);
          checkFidelity(c.text, c.markup, c.removed, c.tei, diagnostics);
          for (const d of diagnostics.items) sum = digest(sum, `${d.code}:${d.line}:${d.column}:${d.message}`);
        }
        times.fidelity += cpuNow() - t;
      }
    }
    const runs = Math.max(1, repeat * cases.length);
    console.log(`${cases.length} documents × ${repeat}: validate ${(times.validate / runs).toFixed(4)} ms CPU/doc, fidelity ${(times.fidelity / runs).toFixed(4)} ms CPU/doc; findings checksum ${(sum >>> 0).toString(16)}`);
  } finally {
    remove();
  }
}

main();

/**
 * CPU of the fidelity check and the integrity check alone, on the inputs the pipeline gives
 * them: `node dist-bench/checks.js [--dir FOLDER] [--files N] [--repeat R] [--out FILE]`.
 * Every document is converted once (untimed) to get its TEI, model and reader; then the two
 * checks run over all of them R times, and the best round is shown in ms per document.
 * With `--out`, every diagnostic the checks gave is written there (to compare two builds).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { option } from './args.js';
import { benchDocuments } from './corpus.js';
import { convert } from '../dist/convert.js';
import { decodeInput } from '../dist/io/decode.js';
import { detectReader } from '../dist/readers/registry.js';
import { Diagnostics } from '../dist/diagnostics.js';
import { checkFidelity, type MarkupFamily, type Removed } from '../dist/validate/fidelity.js';
import { checkIntegrity } from '../dist/validate/integrity.js';
import { scanXml, type ElementRecord } from '../dist/validate/scan.js';

interface Case {
  file: string;
  text: string;
  markup: MarkupFamily;
  removed: Removed[];
  tei: string;
  elements: ElementRecord[];
}

function cases(paths: readonly string[]): Case[] {
  const out: Case[] = [];
  for (const file of paths) {
    const decoded = decodeInput(readFileSync(file));
    if (!decoded.ok) continue;
    const text = decoded.text;
    const r = convert(text, { file, verify: false, validate: false });
    const reader = detectReader(text)?.reader;
    if (!r.tei || !r.model || !reader) continue;
    const model = r.model;
    const labels = [
      ...model.metadata.fields.map((f) => ({ text: f.label, pos: f.pos })),
      ...model.notes.flatMap((s) => s.notes.map((n) => ({ text: n.label, pos: n.pos }))),
      ...(model.metadata.author?.label ? [model.metadata.author.label] : []),
    ];
    const scan = scanXml(r.tei);
    if (!scan.ok) continue;
    out.push({ file, text, markup: reader.markup, removed: [...model.dropped, ...labels], tei: r.tei, elements: scan.elements });
  }
  return out;
}

/** CPU ms of this process (user + system): the machine is shared, wall time says little. */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function main(): void {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 1000);
  const repeat = Number(option(argv, '--repeat') ?? 5);
  const dir = option(argv, '--dir');
  const outFile = option(argv, '--out');
  const only = option(argv, '--only');
  const { paths, remove } = benchDocuments(dir, files, 'teiwright-checks-');
  try {
    const all = cases(paths);
    const log: string[] = [];
    let bestF = Infinity;
    let bestI = Infinity;
    for (let r = 0; r < repeat; r++) {
      if (only !== 'integrity') {
        const t0 = cpuNow();
        for (const c of all) {
          const d = new Diagnostics(c.file);
          checkFidelity(c.text, c.markup, c.removed, c.tei, d);
          if (r === 0 && outFile) log.push(JSON.stringify([c.file, 'F', d.items]));
        }
        bestF = Math.min(bestF, (cpuNow() - t0) / all.length);
      }
      if (only !== 'fidelity') {
        const t1 = cpuNow();
        for (const c of all) {
          const d = new Diagnostics(c.file);
          checkIntegrity(c.elements, d);
          if (r === 0 && outFile) log.push(JSON.stringify([c.file, 'I', d.items]));
        }
        bestI = Math.min(bestI, (cpuNow() - t1) / all.length);
      }
    }
    console.log(`${all.length} documents, best of ${repeat}: fidelity ${bestF.toFixed(4)} ms, integrity ${bestI.toFixed(4)} ms per document`);
    if (outFile) writeFileSync(outFile, log.join('\n') + '\n');
  } finally {
    remove();
  }
}

main();

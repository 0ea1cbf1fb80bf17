/**
 * The stages between the reader and the writer, alone, in a fixed loop, for before/after
 * figures that load on the machine disturbs little (run under `valgrind --tool=callgrind`
 * or `perf stat -e instructions`, and once with `--repeat 0` for the set-up alone):
 *
 *   node dist-bench/xform-loop.js [--files 400] [--repeat 5] [--only NAME] [--dir FOLDER]
 *
 * NAME is one of
 * - `read`: the reader and the first limit check, as convert() runs them (the base of `transform`);
 * - `transform`: the same, then the transforms and the sanitizer (`transform` − `read` is their cost);
 * - `check`: checkModel (limit walk and ajv) on the models convert() made;
 * - `limits`: the limit walk alone on those models;
 * - `notes`: recogniseNote on the text of every note of every document, as the emendation transform reads it.
 * - `ajv`: the fast edition validator alone (the verdict checkModel asks of ajv) on those models.
 * - `write`: the TEI writer alone on those models.
 * - `convert`: `transform`, then the model check and the TEI writer, as convert() runs them
 *   (`convert` − `read` is everything between the reader and the validation).
 * Without `--only`, each in turn. Prints CPU ms per document and a checksum of what the
 * stages said (diagnostics, verdicts, recognised actions), which must not change when only speed does.
 * With `--alloc` (run node with `--expose-gc --max-semi-space-size=256`, so that no collection
 * runs inside a pass), also the bytes each stage allocates per document, from the heap's
 * size before and after one pass.
 */
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { option } from './args.js';
import { benchDocuments } from './corpus.js';
import { convert } from '../dist/convert.js';
import { Diagnostics } from '../dist/diagnostics.js';
import { decodeInput } from '../dist/io/decode.js';
import { placeNoteSections } from '../dist/layout/notes.js';
import { checkModel, exceededLimit, fastEditionValidator, withinLimits } from '../dist/model/check.js';
import type { Edition } from '../dist/model/edition.js';
import { DEFAULT_LIMITS } from '../dist/model/limits.js';
import { sanitizeModel } from '../dist/model/sanitize.js';
import { SourceText } from '../dist/model/source-text.js';
import { blockInlines, plainText, squash } from '../dist/model/walk.js';
import type { Reader } from '../dist/readers/reader.js';
import { detectReader } from '../dist/readers/registry.js';
import { recogniseNote } from '../dist/transforms/emendations/phrasings.js';
import { applyTransforms } from '../dist/transforms/index.js';
import { compactLargeModel } from '../dist/model/compact.js';
import { writeTei } from '../dist/tei/index.js';

interface Case {
  file: string;
  text: string;
  reader: Reader;
  /** The model as convert() gives it to the writer. */
  model: Edition;
  /** Each note's text as the emendation transform gives it to recogniseNote. */
  notes: string[];
}

function casesOf(paths: readonly string[]): Case[] {
  const cases: Case[] = [];
  for (const file of paths) {
    const decoded = decodeInput(readFileSync(file));
    if (!decoded.ok) continue;
    const text = decoded.text;
    const reader = detectReader(text)?.reader;
    const model = convert(text, { file, validate: false, verify: false }).model;
    if (!reader || !model) continue;
    const notes = model.notes.flatMap((s) => s.notes.map((n) => squash(n.blocks.flatMap(blockInlines).map((l) => plainText(l)).join(' '))));
    cases.push({ file, text, reader, model, notes });
  }
  return cases;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function digest(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const digestDiagnostics = (h: number, d: Diagnostics): number =>
  d.items.reduce((acc, x) => digest(acc, `${x.code}:${x.line}:${x.column}:${x.message}`), h);

/**
 * Reads the text as convert() does, up to the transforms; with `transform`, runs them and the
 * sanitizer too; with `write`, also the model check and the TEI writer (its text in the checksum).
 */
function readAndTransform(c: Case, transform: boolean, write = false): { diagnostics: Diagnostics; tei?: string } {
  const diagnostics = new Diagnostics(c.file);
  const model = c.reader.read(c.text, { file: c.file, diagnostics, limits: DEFAULT_LIMITS });
  if (!withinLimits(model, diagnostics, DEFAULT_LIMITS)) return { diagnostics };
  placeNoteSections(model);
  if (!transform) return { diagnostics };
  const source = new SourceText(c.text);
  applyTransforms(model, { diagnostics, source, file: c.file, limits: DEFAULT_LIMITS });
  const measured = sanitizeModel(model, diagnostics, DEFAULT_LIMITS.elements, source, write ? DEFAULT_LIMITS : undefined);
  if (!write) return { diagnostics };
  compactLargeModel(model, c.text.length);
  if (!checkModel(model, diagnostics, DEFAULT_LIMITS, measured)) return { diagnostics };
  return { diagnostics, tei: writeTei(model, { version: '0', diagnostics }) };
}

const STAGES = {
  read: (c: Case, h: number) => digestDiagnostics(h, readAndTransform(c, false).diagnostics),
  transform: (c: Case, h: number) => digestDiagnostics(h, readAndTransform(c, true).diagnostics),
  convert: (c: Case, h: number) => {
    const { diagnostics, tei } = readAndTransform(c, true, true);
    return digest(digestDiagnostics(h, diagnostics), tei ?? '');
  },
  write: (c: Case, h: number) => digest(h, writeTei(c.model, { version: '0' })),
  check: (c: Case, h: number) => {
    const diagnostics = new Diagnostics(c.file);
    return digestDiagnostics(digest(h, String(checkModel(c.model, diagnostics, DEFAULT_LIMITS))), diagnostics);
  },
  ajv: (c: Case, h: number) => digest(h, String(fastEditionValidator()(c.model))),
  limits: (c: Case, h: number) => digest(h, exceededLimit(c.model, DEFAULT_LIMITS)?.what ?? 'within'),
  notes: (c: Case, h: number) => {
    for (const note of c.notes) for (const f of recogniseNote(note)) h = digest(h, `${f.phrasing}:${f.start}:${f.end}:${JSON.stringify(f.action)}`);
    return h;
  },
} as const;
type StageName = keyof typeof STAGES;

function main(): void {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 400);
  const repeat = Number(option(argv, '--repeat') ?? 5);
  const only = option(argv, '--only');
  if (only !== undefined && !(only in STAGES)) throw new Error(`--only takes one of ${Object.keys(STAGES).join(', ')}; got "${only}"`);
  const names = only === undefined ? (Object.keys(STAGES) as StageName[]) : [only as StageName];
  const dir = option(argv, '--dir');
  const { paths, remove } = benchDocuments(dir, files, 'teiwright-xloop-');
  try {
    const cases = casesOf(paths);
    const out: string[] = [];
    for (const name of names) {
      const run = STAGES[name];
      let sum = 0x811c9dc5 | 0;
      const t = cpuNow();
      for (let r = 0; r < repeat; r++) for (const c of cases) sum = run(c, sum);
      const ms = (cpuNow() - t) / Math.max(1, repeat * cases.length);
      let alloc = '';
      const gc = (globalThis as { gc?: () => void }).gc;
      if (argv.includes('--alloc') && gc) {
        gc();
        const before = getHeapStatistics().used_heap_size;
        for (const c of cases) sum = run(c, sum);
        alloc = `, ${((getHeapStatistics().used_heap_size - before) / cases.length / 1024).toFixed(1)} KB/doc allocated`;
      }
      out.push(`${name} ${ms.toFixed(4)} ms CPU/doc${alloc} (checksum ${(sum >>> 0).toString(16)})`);
    }
    console.log(`${cases.length} documents × ${repeat}: ${out.join('; ')}`);
  } finally {
    remove();
  }
}

main();

/**
 * The detect and read stages alone, in a fixed loop over the bench documents, for
 * before/after figures that load on the machine disturbs little (run under
 * `valgrind --tool=callgrind`, once with `--repeat 0` for the set-up alone):
 *
 *   node dist-bench/read-loop.js [--files 400] [--repeat 5] [--only detect|read] [--dir FOLDER]
 *                                [--dist DIST] [--against DIST]
 *
 * - `detect`: detectReader on the text, as convert() chooses the profile;
 * - `read`: the chosen reader's read, then placeNoteSections, as convert() runs them before
 *   the transforms (the limit walk between them is the model check's, not timed here).
 * `--dist` times another build's `dist` (an older commit's) instead of this one's;
 * `--against` times a second build in the same process, the two alternated in ten rounds
 * (of `--repeat` passes each),
 * so load on a shared machine weighs on both alike. Prints CPU ms per document and a
 * checksum of what the stages made (scores, the models as JSON, diagnostics), which must not
 * change when only speed does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { option } from './args.js';
import { benchDocuments } from './corpus.js';

type Registry = typeof import('../dist/readers/registry.js');
type Notes = typeof import('../dist/layout/notes.js');
type DiagnosticsModule = typeof import('../dist/diagnostics.js');
type Decode = typeof import('../dist/io/decode.js');

interface Build {
  name: string;
  /** One pass of the stage over every text; returns the checksum carried in `h`. */
  run: (h: number) => number;
  cpuMs: number;
}

function digest(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function load<T>(dist: string, path: string): Promise<T> {
  return (await import(pathToFileURL(resolve(dist, path)).href)) as T;
}

/** The stage `only` of the build in `dist`, over `texts`; with `check`, the checksum covers the whole model (slow, for one pass). */
async function build(dist: string, only: 'detect' | 'read', texts: readonly string[]): Promise<{ build: Build; check: () => number }> {
  const registry = await load<Registry>(dist, 'readers/registry.js');
  const notes = await load<Notes>(dist, 'layout/notes.js');
  const { Diagnostics } = await load<DiagnosticsModule>(dist, 'diagnostics.js');
  const readers = texts.map((t) => registry.detectReader(t)?.reader);
  const readOne = (i: number): { model: unknown; diagnostics: InstanceType<typeof Diagnostics> } | undefined => {
    const reader = readers[i];
    if (!reader) return undefined;
    const diagnostics = new Diagnostics('bench');
    const model = reader.read(texts[i]!, { file: 'bench', diagnostics });
    notes.placeNoteSections(model);
    return { model, diagnostics };
  };
  const detect = (h: number): number => {
    for (const t of texts) {
      const found = registry.detectReader(t);
      h = digest(h, `${found?.reader.name}:${found?.score}`);
    }
    return h;
  };
  const read = (h: number): number => {
    for (let i = 0; i < texts.length; i++) h = digest(h, String(readOne(i)?.diagnostics.items.length));
    return h;
  };
  const check = (): number => {
    let h = detect(0x811c9dc5 | 0);
    for (let i = 0; i < texts.length; i++) {
      const r = readOne(i);
      if (r) h = digest(digest(h, JSON.stringify(r.model)), JSON.stringify(r.diagnostics.items));
    }
    return h >>> 0;
  };
  return { build: { name: dist, run: only === 'detect' ? detect : read, cpuMs: 0 }, check };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const files = Number(option(argv, '--files') ?? 400);
  const repeat = Number(option(argv, '--repeat') ?? 5);
  const only = option(argv, '--only') ?? 'read';
  if (only !== 'detect' && only !== 'read') throw new Error(`--only takes detect or read; got "${only}"`);
  const here = resolve(import.meta.dirname, '../dist');
  const dists = [option(argv, '--dist') ?? here, ...(option(argv, '--against') === undefined ? [] : [option(argv, '--against')!])];
  const { paths, remove } = benchDocuments(option(argv, '--dir'), files, 'teiwright-rloop-');
  try {
    const { decodeInput } = await load<Decode>(here, 'io/decode.js');
    const texts = paths.flatMap((p) => {
      const d = decodeInput(readFileSync(p));
      return d.ok ? [d.text] : [];
    });
    const builds = await Promise.all(dists.map((d) => build(d, only, texts)));
    const rounds = builds.length > 1 ? 10 : 1;
    const sums = builds.map(() => 0x811c9dc5 | 0);
    // One untimed pass of each first, so that no build is timed while its code is still being
    // optimised (with two builds, the first timed would pay for it).
    if (repeat > 0) for (const { build: b } of builds) b.run(0);
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
      for (const k of order) {
        const b = builds[k]!.build;
        const t = cpuNow();
        for (let i = 0; i < repeat; i++) sums[k] = b.run(sums[k]!);
        b.cpuMs += cpuNow() - t;
      }
    }
    console.log(`${texts.length} documents × ${repeat}, ${only}: CPU ms per document`);
    builds.forEach(({ build: b, check }, k) => {
      const ms = b.cpuMs / Math.max(1, rounds * repeat * texts.length);
      console.log(`  ${ms.toFixed(4)}  ${b.name} (checksum ${(sums[k]! >>> 0).toString(16)}, models ${check().toString(16)})`);
    });
  } finally {
    remove();
  }
}

await main();

/**
 * `node dist-bench/markdown-read.js [file] [--runs 2000] [--against <dist dir>]`: CPU
 * milliseconds per read of one markdown document (reader and layout engine only, no
 * transforms, writer or validation), default the Stalin seed of `input/`. With `--against`
 * another build's `dist` (an older commit's, say) is timed in the same process, the two
 * interleaved in ten rounds, so load on a shared machine weighs on both alike.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Subject {
  name: string;
  read: (text: string) => void;
  cpuMs: number;
}

async function subject(dist: string, text: string): Promise<Subject> {
  const registry = (await import(pathToFileURL(resolve(dist, 'readers/registry.js')).href)) as typeof import('../dist/readers/registry.js');
  const diagnostics = (await import(pathToFileURL(resolve(dist, 'diagnostics.js')).href)) as typeof import('../dist/diagnostics.js');
  const found = registry.detectReader(text);
  if (!found || found.reader.markup !== 'markdown') throw new Error(`${dist}: not read as markdown (${found?.reader.name ?? 'no reader'})`);
  const reader = found.reader;
  return { name: `${dist} (${reader.name})`, read: (t) => void reader.read(t, { file: 'bench', diagnostics: new diagnostics.Diagnostics('bench') }), cpuMs: 0 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const runs = Number(option('--runs') ?? 2000);
  const against = option('--against');
  const file = args[0] ?? resolve(import.meta.dirname, '../input/stalin-1912-for-the-party.txt');
  const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
  const subjects = [await subject(resolve(import.meta.dirname, '../dist'), text)];
  if (against) subjects.push(await subject(against, text));
  for (const s of subjects) for (let i = 0; i < 200; i++) s.read(text); // warm-up
  const rounds = 10;
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 ? [...subjects].reverse() : subjects) {
      const t0 = process.cpuUsage();
      for (let i = 0; i < runs / rounds; i++) s.read(text);
      const d = process.cpuUsage(t0);
      s.cpuMs += (d.user + d.system) / 1000;
    }
  }
  console.log(`markdown read of ${file}: ${runs} reads each, CPU ms per document`);
  for (const s of subjects) console.log(`  ${(s.cpuMs / runs).toFixed(3)}  ${s.name}`);
}

await main();

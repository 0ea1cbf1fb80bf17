/**
 * The batch engine with the real pipeline on the project's own example inputs. Runs only
 * once `convert()` can convert them (readers and TEI writer present); skips with a
 * message before that.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runBatch, type FileResult } from '../../src/batch/index.js';
import { convert } from '../../src/convert.js';
import { decodeInput } from '../../src/io/decode.js';
import { expectValidTei } from '../helpers/tei.js';
import { Workspace, withoutTimings } from './helpers.js';

const INPUT = new URL('../../input/', import.meta.url);
const seeds = readdirSync(INPUT).filter((n) => n.endsWith('.txt')).sort();

/** Why the real pipeline cannot run yet, or undefined when it converts the first example. */
function notReady(): string | undefined {
  const first = seeds[0];
  if (first === undefined) return 'input/ holds no example';
  try {
    const decoded = decodeInput(readFileSync(new URL(first, INPUT)));
    if (!decoded.ok) return decoded.message;
    const r = convert(decoded.text, { file: first });
    return r.tei === undefined ? `convert() gave no TEI (${r.diagnostics.map((d) => d.code).join(', ') || 'no reader yet'})` : undefined;
  } catch (e) {
    return `convert() throws: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const why = notReady();
if (why) console.warn(`batch with the real converter skipped: ${why}`);

let ws: Workspace | undefined;
afterEach(() => ws?.remove());

describe.skipIf(why !== undefined)('runBatch with the real converter', () => {
  it('converts the examples with --jobs 1 and --jobs 2 to the same valid TEI', async () => {
    ws = new Workspace().write(Object.fromEntries(seeds.map((n) => [`input/${n}`, readFileSync(new URL(n, INPUT))])));
    const one = await runBatch({ inputs: [], outDir: 'out1', cwd: ws.root, jobs: 1 });
    const two = await runBatch({ inputs: [], outDir: 'out2', cwd: ws.root, jobs: 2 });
    // The errors are in the comparison so that a failure says why a seed was not converted.
    const errors = (r: FileResult) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line ?? ''}:${d.column ?? ''} ${d.code}: ${d.message}`);
    expect(one.results.map((r) => [r.input, r.status, errors(r)])).toEqual(seeds.map((n) => [`input/${n}`, 'converted', []]));
    expect(two.results.map((r) => r.status)).toEqual(one.results.map((r) => r.status));
    for (const n of seeds) {
      const xml = ws.read(`out1/${n.replace(/\.txt$/, '.xml')}`);
      expect(ws.read(`out2/${n.replace(/\.txt$/, '.xml')}`)).toBe(xml);
      expectValidTei(xml);
    }
    expect(one.results.every((r) => r.profile !== undefined && r.stats !== undefined)).toBe(true);
  }, 180_000);
});

/** Every transcription among the reader fixtures (all four house styles), by relative path. */
function readerFixtures(): Record<string, Buffer> {
  const root = new URL('../fixtures/', import.meta.url);
  const out: Record<string, Buffer> = {};
  const visit = (dir: URL, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(new URL(`${entry.name}/`, dir), `${rel}${entry.name}/`);
      else if (/\.(txt|md|html?)$/.test(entry.name)) out[`input/${rel}${entry.name}`] = readFileSync(new URL(entry.name, dir));
    }
  };
  visit(root, '');
  return out;
}

describe.skipIf(why !== undefined)('runBatch with the real converter, several batches per worker', () => {
  it('gives the same bytes, the same results and the same manifest with --jobs 1 and --jobs 2', async () => {
    const files = {
      ...readerFixtures(),
      ...Object.fromEntries(seeds.map((n) => [`input/seeds/${n}`, readFileSync(new URL(n, INPUT))])),
      // Failures too: they must be reported the same way whichever thread met them.
      'input/bad/empty.txt': '',
      'input/bad/binary.txt': new Uint8Array([0x41, 0, 0x42]),
    };
    // More files than a worker takes in one batch, so the work is split and reassembled.
    expect(Object.keys(files).length).toBeGreaterThan(2 * 4);
    ws = new Workspace().write(files);
    const one = await runBatch({ inputs: [], outDir: 'out', cwd: ws.root, jobs: 1, explain: true });
    const treeOne = ws.tree('out');
    const manifestOne = JSON.parse(ws.read('out/.teiwright-manifest.json')) as { files: unknown };
    ws.remove();
    ws = new Workspace().write(files);
    const two = await runBatch({ inputs: [], outDir: 'out', cwd: ws.root, jobs: 2, explain: true });
    expect(withoutTimings(two.results)).toEqual(withoutTimings(one.results));
    expect(ws.tree('out')).toEqual(treeOne);
    expect((JSON.parse(ws.read('out/.teiwright-manifest.json')) as { files: unknown }).files).toEqual(manifestOne.files);
    expect(one.results.filter((r) => r.status === 'converted').length).toBeGreaterThan(8);
    for (const [name, xml] of Object.entries(treeOne)) if (name.endsWith('.xml')) expectValidTei(Buffer.from(xml, 'latin1').toString('utf8'));
    expect(one.results.filter((r) => r.status === 'failed').map((r) => r.input)).toEqual(expect.arrayContaining(['input/bad/empty.txt', 'input/bad/binary.txt']));
  }, 180_000);
});

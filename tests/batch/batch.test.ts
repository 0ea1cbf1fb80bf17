import { existsSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_KINDS, runBatch, type BatchOptions, type FileResult, type Progress } from '../../src/batch/index.js';
import { expectValidTei } from '../helpers/tei.js';
import { BATCH_SIZE } from '../../src/batch/executor.js';
import { TEST_CONVERTER, Workspace, codes, statuses, withoutTimings } from './helpers.js';

let ws: Workspace;
afterEach(() => ws?.remove());

const run = (options: Partial<BatchOptions> = {}) =>
  runBatch({ inputs: ['input'], outDir: 'output', cwd: ws.root, converter: TEST_CONVERTER, jobs: 1, ...options });

const find = (results: readonly FileResult[], input: string) => results.find((r) => r.input === input);

/** A small tree of letters, with nesting, a warning and a file that fails validation. */
function letters(): Workspace {
  return new Workspace().write({
    'input/1912/for-the-party.txt': 'For the Party\n\nInterest in political life is reviving.\n',
    'input/1912/appeal.md': 'Appeal\n\nWARN: no author line.\n',
    'input/1921/non-party-workers.txt': 'Attitude to Non-Party Workers\n\nComrades & friends <all>.\n',
    'input/1921/draft.txt': 'Draft\n\nINVALID markup here.\n',
    'input/preface': 'Preface\n\nA file without extension is a transcription too.\n',
  });
}

describe('runBatch: planning', () => {
  it('mirrors a folder tree under OUT, naming each output after its input without the last extension', async () => {
    ws = letters();
    const { results } = await run();
    expect(results.map((r) => [r.input, r.output ?? null, r.status])).toEqual([
      ['input/1912/appeal.md', 'output/1912/appeal.xml', 'converted'],
      ['input/1912/for-the-party.txt', 'output/1912/for-the-party.xml', 'converted'],
      ['input/1921/draft.txt', null, 'failed'],
      ['input/1921/non-party-workers.txt', 'output/1921/non-party-workers.xml', 'converted'],
      ['input/preface', 'output/preface.xml', 'converted'],
    ]);
    expect(Object.keys(ws.tree('output'))).toEqual([
      '.teiwright-manifest.json',
      '1912/appeal.xml',
      '1912/for-the-party.xml',
      '1921/non-party-workers.xml',
      'preface.xml',
    ]);
  });

  it('writes a file argument to OUT/<stem>.xml, whatever its extension', async () => {
    ws = new Workspace().write({ 'letters/to.the.editor.text': 'To the Editor\n\nSir,\n', 'notes.rtf': 'Notes\n\nplain\n' });
    const { results } = await run({ inputs: ['letters/to.the.editor.text', 'notes.rtf'] });
    expect(results.map((r) => r.output)).toEqual(['output/to.the.editor.xml', 'output/notes.xml']);
  });

  it('takes only transcriptions from a folder: no hidden files, no .xml, no images', async () => {
    ws = new Workspace().write({
      'input/letter.txt': 'Letter\n\ntext\n',
      'input/.draft.txt': 'hidden\n',
      'input/.git/HEAD': 'ref\n',
      'input/old.xml': '<TEI/>',
      'input/scan.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'input/page.HTML': 'Page\n\nupper-case extension\n',
    });
    const { results } = await run();
    expect(results.map((r) => r.input)).toEqual(['input/letter.txt', 'input/page.HTML']);
  });

  it('follows a symbolic link to a folder once, not round a loop, and reports the loop', async () => {
    ws = new Workspace().write({ 'input/letters/a.txt': 'A\n\ntext\n' });
    symlinkSync(ws.path('input'), ws.path('input/letters/back-to-input'));
    const { results } = await run();
    expect(results.map((r) => r.input)).toEqual(['input/letters/a.txt', 'input/letters/back-to-input']);
    expect(results[0]!.status).toBe('converted');
    expect(results[1]!.diagnostics.map((d) => d.code)).toEqual(['input-link-broken']);
  });

  it('reports a dangling symbolic link, and a loop of links, by name', async () => {
    ws = new Workspace().write({ 'input/a.txt': 'A\n\ntext\n' });
    symlinkSync(ws.path('input/missing.txt'), ws.path('input/dangling.txt'));
    symlinkSync(ws.path('input/loop2.txt'), ws.path('input/loop1.txt'));
    symlinkSync(ws.path('input/loop1.txt'), ws.path('input/loop2.txt'));
    const { results } = await run();
    expect(results.map((r) => [r.input, r.diagnostics.map((d) => d.code).join()])).toEqual([
      ['input/a.txt', ''],
      ['input/dangling.txt', 'input-link-broken'],
      ['input/loop1.txt', 'input-link-broken'],
      ['input/loop2.txt', 'input-link-broken'],
    ]);
    expect(results[1]!.diagnostics[0]!.message).toMatch(/does not exist/);
    expect(results[2]!.diagnostics[0]!.message).toMatch(/loop/);
  });

  it('reports a folder without transcriptions as input-none, with its path', async () => {
    ws = new Workspace().write({ 'input/README.xml': '<x/>', 'input/.hidden': 'x' });
    const { results } = await run();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ input: 'input', status: 'failed' });
    expect(codes(results[0])).toEqual(['input-none']);
    expect(results[0]?.diagnostics[0]?.file).toBe('input');
  });

  it('reports a missing input as input-unreadable and goes on with the others', async () => {
    ws = new Workspace().write({ 'a.txt': 'A\n\ntext\n' });
    const { results } = await run({ inputs: ['missing.txt', 'a.txt'] });
    expect(codes(find(results, 'missing.txt'))).toEqual(['input-unreadable']);
    expect(find(results, 'a.txt')?.status).toBe('converted');
  });

  it('refuses to let two inputs write the same file: the second gets output-collision naming both', async () => {
    ws = new Workspace().write({ 'input/speech.md': 'Speech\n\nmd\n', 'input/speech.txt': 'Speech\n\ntxt\n', 'more/speech.txt': 'Speech\n\nmore\n' });
    const { results } = await run({ inputs: ['input', 'more'] });
    expect(statuses(results)).toEqual({ 'input/speech.md': 'converted', 'input/speech.txt': 'failed', 'more/speech.txt': 'failed' });
    const second = find(results, 'input/speech.txt')?.diagnostics[0];
    expect(second?.code).toBe('output-collision');
    expect(second?.message).toContain('input/speech.md');
    expect(second?.message).toContain('output/speech.xml');
    expect(ws.read('output/speech.xml')).toContain('<p>md</p>');
  });

  it('finds two files of one folder writing the same output even when a subfolder is walked between them, and no collision across folders', async () => {
    // Walk order: a.md, a.n/ (its tree), a.txt — the claims of a folder last until the walk has left it.
    ws = new Workspace().write({ 'input/a.md': 'A\n\nmd\n', 'input/a.n/a.txt': 'A\n\ndeeper\n', 'input/a.n/b/a.txt': 'A\n\ndeepest\n', 'input/a.txt': 'A\n\ntxt\n', 'input/b/a.txt': 'A\n\nb\n' });
    const { results } = await run();
    expect(statuses(results)).toEqual({ 'input/a.md': 'converted', 'input/a.n/a.txt': 'converted', 'input/a.n/b/a.txt': 'converted', 'input/a.txt': 'failed', 'input/b/a.txt': 'converted' });
    expect(find(results, 'input/a.txt')?.diagnostics[0]).toMatchObject({ code: 'output-collision', message: expect.stringContaining('input/a.md') });
  });

  it('never lets an input be overwritten by its own output', async () => {
    ws = new Workspace().write({ 'output/notes.xml': 'Notes\n\nkept\n' });
    const { results } = await run({ inputs: ['output/notes.xml'] });
    expect(codes(results[0])).toEqual(['output-collision']);
    expect(ws.read('output/notes.xml')).toBe('Notes\n\nkept\n');
  });
});

describe('runBatch: each file', () => {
  it('reports binary, non-UTF-8, empty and too-large inputs with their codes and positions', async () => {
    ws = new Workspace().write({
      'input/binary.txt': new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x00, 0x01]),
      'input/latin1.txt': new Uint8Array([...Buffer.from('Title\n\nCaf'), 0xe9, 0x0a]),
      'input/empty.txt': ' \n\n',
      'input/large.txt': `Large\n\n${'word '.repeat(100)}\n`,
    });
    const { results } = await run({ maxBytes: 400 });
    const first = (input: string) => find(results, input)?.diagnostics[0];
    expect(first('input/binary.txt')).toMatchObject({ code: 'input-binary', line: 2, column: 1, file: 'input/binary.txt' });
    // Not UTF-8 and no charset declared: read as windows-1252 (as browsers do), with a warning at the byte.
    expect(first('input/latin1.txt')).toMatchObject({ code: 'input-not-utf8', severity: 'warning', line: 3, column: 4 });
    expect(first('input/empty.txt')?.code).toBe('input-empty');
    expect(first('input/large.txt')?.code).toBe('input-too-large');
    expect(results.filter((r) => r.input !== 'input/latin1.txt').every((r) => r.status === 'failed')).toBe(true);
    expect(existsSync(ws.path('output/binary.xml'))).toBe(false);
  });

  it('does not write a document with errors, and keeps its diagnostics', async () => {
    ws = letters();
    const { results } = await run();
    const draft = find(results, 'input/1921/draft.txt');
    expect(draft?.diagnostics).toEqual([{ code: 'schema-invalid', severity: 'error', message: 'the test converter was told to fail validation', file: 'input/1921/draft.txt', line: 1, column: 1 }]);
    expect(existsSync(ws.path('output/1921/draft.xml'))).toBe(false);
  });

  it('passes the converter’s profile, counts and warnings to the report, with the input size', async () => {
    ws = letters();
    const { results, totals } = await run({ profile: 'lia-text' });
    const appeal = find(results, 'input/1912/appeal.md');
    expect(appeal?.profile).toBe('lia-text');
    expect(appeal?.stats).toMatchObject({ notes: 2, bytes: Buffer.byteLength('Appeal\n\nWARN: no author line.\n') });
    expect(codes(appeal)).toEqual(['author-missing']);
    expect(totals).toMatchObject({ files: 5, converted: 4, failed: 1, unchanged: 0, skipped: 0, errors: 1, warnings: 1 });
  });

  it('reports a converter that throws as internal-error for that file, and converts the others', async () => {
    ws = new Workspace().write({ 'input/a.txt': 'A\n\nfine\n', 'input/b.txt': 'B\n\nTHROW\n', 'input/c.txt': 'C\n\nfine\n' });
    const { results } = await run();
    expect(statuses(results)).toEqual({ 'input/a.txt': 'converted', 'input/b.txt': 'failed', 'input/c.txt': 'converted' });
    expect(find(results, 'input/b.txt')?.diagnostics[0]).toMatchObject({ code: 'internal-error', file: 'input/b.txt' });
    expect(find(results, 'input/b.txt')?.diagnostics[0]?.message).toContain('told to throw');
  });

  it('reports an unwritable output folder as output-unwritable, with the path', async () => {
    ws = new Workspace().write({ 'input/a.txt': 'A\n\ntext\n', 'blocked': 'a file where the output folder should be' });
    const result = await run({ outDir: 'blocked/out' });
    const d = result.results[0]?.diagnostics[0];
    expect(d?.code).toBe('output-unwritable');
    expect(d?.message).toContain('blocked/out/a.xml');
    expect(result.manifestError).toContain('blocked/out/.teiwright-manifest.json');
  });

  it('writes TEI a TEI validator accepts, and never touches the inputs', async () => {
    ws = letters();
    const before = ws.tree('input');
    await run();
    expect(ws.tree('input')).toEqual(before);
    expectValidTei(ws.read('output/1921/non-party-workers.xml'));
  }, 180_000); // the first expectValidTei of a run compiles tei_all.rng
});

describe('runBatch: worker pool', () => {
  it('gives the same output bytes and the same report with --jobs 1 and --jobs 2 (threads or processes)', async () => {
    ws = letters().write({ 'input/1921/z-empty.txt': '', 'input/1913/binary.txt': new Uint8Array([0]) });
    const one = await run({ jobs: 1 });
    const treeOne = ws.tree('output');
    rmSync(ws.path('output'), { recursive: true });
    const two = await run({ jobs: 2 });
    expect(withoutTimings(two.results)).toEqual(withoutTimings(one.results));
    expect(ws.tree('output')).toEqual(treeOne);
    rmSync(ws.path('output'), { recursive: true });
    const processes = await run({ jobs: 2, workers: 'processes' });
    expect(withoutTimings(processes.results)).toEqual(withoutTimings(one.results));
    expect(ws.tree('output')).toEqual(treeOne);
    expect(one.results).toHaveLength(7);
  });

  it('keeps input order with many files in flight', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`input/${String(i).padStart(3, '0')}.txt`] = `Letter ${i}\n\n${i % 7 === 0 ? 'SLOW' : 'quick'}\n`;
    ws = new Workspace().write(files);
    const order: string[] = [];
    const { results } = await run({ jobs: 2, onResult: (r) => order.push(r.input) });
    expect(order).toEqual(Object.keys(files));
    expect(results.map((r) => r.input)).toEqual(Object.keys(files));
  });

  it.each(WORKER_KINDS)('reports a worker that dies (process.exit) for its file, and finishes the batch (worker %s)', async (workers) => {
    ws = new Workspace().write({ 'input/a.txt': 'A\n\nfine\n', 'input/b.txt': 'B\n\nCRASH\n', 'input/c.txt': 'C\n\nTHROW\n', 'input/d.txt': 'D\n\nfine\n' });
    const { results } = await run({ jobs: 2, workers });
    expect(statuses(results)).toEqual({ 'input/a.txt': 'converted', 'input/b.txt': 'failed', 'input/c.txt': 'failed', 'input/d.txt': 'converted' });
    expect(find(results, 'input/b.txt')?.diagnostics[0]).toMatchObject({ code: 'internal-error', file: 'input/b.txt' });
    expect(find(results, 'input/b.txt')?.diagnostics[0]?.message).toContain('exited with code');
    expect(codes(find(results, 'input/c.txt'))).toEqual(['internal-error']);
  });

  it('loses no other file of a batch when its worker process is killed (SIGKILL) mid-batch', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`input/${String(i).padStart(2, '0')}.txt`] = `Letter ${i}\n\n${i === 5 ? 'KILL' : 'fine'}\n`;
    ws = new Workspace().write(files);
    const { results, workers } = await run({ jobs: 2, workers: 'processes' });
    const expected = Object.fromEntries(Object.keys(files).map((f) => [f, f === 'input/05.txt' ? 'failed' : 'converted']));
    expect(statuses(results)).toEqual(expected);
    expect(find(results, 'input/05.txt')?.diagnostics[0]?.message).toContain('killed by SIGKILL');
    for (const f of Object.keys(files)) if (f !== 'input/05.txt') expect(ws.read(f.replace('input/', 'output/').replace('.txt', '.xml'))).toContain(`<title>Letter ${Number(f.slice(6, 8))}</title>`);
    // The killed process was replaced, and every process that ended normally reported its use.
    expect(workers?.started).toBeGreaterThan(2);
    expect(workers?.reported).toBe(workers!.started - 2);
    expect(readdirSync(ws.path('output')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('converts in worker processes, none of which outlives the run', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`input/${String(i).padStart(2, '0')}.txt`] = `Letter ${i}\n\nPID\n`;
    ws = new Workspace().write(files);
    const { results, workers } = await run({ jobs: 2, workers: 'processes' });
    const pids = new Set(results.map((r) => Number(/converted by process (\d+)/.exec(r.diagnostics[0]?.message ?? '')?.[1])));
    expect(pids.has(process.pid)).toBe(false);
    expect(pids.size).toBe(2);
    expect(workers).toMatchObject({ started: 2, reported: 2 });
    expect(workers!.cpuMs).toBeGreaterThan(0);
    // Gone and reaped: a zombie would still answer signal 0.
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});

describe('runBatch: manifest', () => {
  it('converts nothing on a rerun, and leaves the outputs as they were', async () => {
    ws = letters();
    await run();
    const before = ws.tree('output');
    const mtime = statSync(ws.path('output/preface.xml')).mtimeMs;
    const { results, totals } = await run();
    expect(totals).toMatchObject({ converted: 0, unchanged: 4, failed: 1 });
    // The failing draft is tried again: a failure is never remembered as done.
    expect(find(results, 'input/1921/draft.txt')?.status).toBe('failed');
    expect(find(results, 'input/1912/appeal.md')).toMatchObject({ status: 'unchanged', output: 'output/1912/appeal.xml', profile: 'test' });
    expect(ws.tree('output')).toEqual(before);
    expect(statSync(ws.path('output/preface.xml')).mtimeMs).toBe(mtime);
  });

  it('redoes a changed input, and one whose output was deleted', async () => {
    ws = letters();
    await run();
    ws.write({ 'input/preface': 'Preface\n\nRevised.\n' });
    rmSync(ws.path('output/1912/appeal.xml'));
    const { results } = await run();
    expect(statuses(results)).toMatchObject({ 'input/preface': 'converted', 'input/1912/appeal.md': 'converted', 'input/1912/for-the-party.txt': 'unchanged' });
    expect(ws.read('output/preface.xml')).toContain('<p>Revised.</p>');
  });

  it('redoes everything with force, and when an option that changes the output differs', async () => {
    ws = letters();
    await run();
    expect((await run({ force: true })).totals).toMatchObject({ converted: 4, unchanged: 0 });
    expect((await run({ validate: false })).totals).toMatchObject({ converted: 4, unchanged: 0 });
    expect((await run({ validate: false })).totals).toMatchObject({ converted: 0, unchanged: 4 });
  });

  it('records each input by its path, content hash, version and options', async () => {
    ws = letters();
    await run();
    const manifest = JSON.parse(ws.read('output/.teiwright-manifest.json')) as { files: Record<string, Record<string, unknown>> };
    expect(Object.keys(manifest.files)).toEqual(['input/1912/appeal.md', 'input/1912/for-the-party.txt', 'input/1921/draft.txt', 'input/1921/non-party-workers.txt', 'input/preface']);
    const { createHash } = await import('node:crypto');
    expect(manifest.files['input/preface']).toMatchObject({
      sha256: createHash('sha256').update(readFileSync(ws.path('input/preface'))).digest('hex'),
      profile: null,
      validate: true,
      status: 'converted',
      output: 'output/preface.xml',
    });
    expect(manifest.files['input/1921/draft.txt']?.status).toBe('failed');
  });

  it('removes its own earlier output when the input now fails, so OUT holds no stale TEI', async () => {
    ws = letters();
    await run();
    ws.write({ 'input/preface': 'Preface\n\nINVALID now.\n' });
    const { results } = await run();
    expect(find(results, 'input/preface')?.status).toBe('failed');
    expect(existsSync(ws.path('output/preface.xml'))).toBe(false);
  });
});

describe('runBatch: shards', () => {
  const corpus = (n: number): Record<string, string> =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`input/d${Math.floor(i / 10)}/letter-${i}.txt`, `Letter ${i}\n\ntext ${i}\n`]));

  it('splits the inputs into disjoint shards that cover all of them', async () => {
    ws = new Workspace().write(corpus(30));
    const all = (await run()).results.map((r) => r.input);
    const shards = [];
    for (let index = 1; index <= 3; index++) shards.push((await run({ shard: { index, count: 3 }, outDir: `out-${index}` })).results.map((r) => r.input));
    expect(shards.flat().sort()).toEqual([...all].sort());
    expect(new Set(shards.flat()).size).toBe(all.length);
    expect(shards.every((s) => s.length > 0)).toBe(true);
  });

  it('keeps each file in its shard when other files are added', async () => {
    ws = new Workspace().write(corpus(20));
    const before = (await run({ shard: { index: 2, count: 4 } })).results.map((r) => r.input);
    ws.write(Object.fromEntries(Object.entries(corpus(60)).slice(20)));
    const after = (await run({ shard: { index: 2, count: 4 }, outDir: 'out-after' })).results.map((r) => r.input);
    expect(after.filter((p) => Number(/letter-(\d+)/.exec(p)?.[1]) < 20)).toEqual(before);
  });

  it('rejects a shard outside 1..n', async () => {
    ws = new Workspace();
    await expect(run({ shard: { index: 0, count: 2 } })).rejects.toThrow(RangeError);
    await expect(run({ shard: { index: 3, count: 2 } })).rejects.toThrow(RangeError);
  });
});

describe('runBatch: progress and interruption', () => {
  it('reports progress in order, ending with done = total', async () => {
    ws = letters();
    const seen: Progress[] = [];
    await run({ jobs: 2, onResult: (_r, p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.at(-1)).toMatchObject({ done: 5, total: 5, errors: 1 });
    expect(seen.every((p) => p.total >= p.done && p.filesPerSecond >= 0 && p.etaSeconds >= 0)).toBe(true);
  });

  it.each(WORKER_KINDS)('stops taking files when aborted, leaves no temporary file, and resumes where it stopped (worker %s)', async (workers) => {
    const files: Record<string, string> = {};
    // More files than two workers' first batches (BATCH_SIZE each), so the abort comes mid-run.
    const count = 3 * BATCH_SIZE;
    for (let i = 0; i < count; i++) files[`input/slow-${String(i).padStart(2, '0')}.txt`] = `Letter ${i}\n\nSLOW\n`;
    ws = new Workspace().write(files);
    const controller = new AbortController();
    const first = await run({ jobs: 2, workers, signal: controller.signal, onResult: () => controller.abort() });
    expect(first.interrupted).toBe(true);
    expect(first.totals.converted).toBeGreaterThanOrEqual(1);
    expect(first.totals.converted).toBeLessThan(count);
    const left = readdirSync(ws.path('output')).filter((n) => n.includes('.tmp-'));
    expect(left).toEqual([]);
    const manifest = JSON.parse(ws.read('output/.teiwright-manifest.json')) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files)).toHaveLength(first.totals.converted);
    const second = await run({ jobs: 2 });
    expect(second.totals).toMatchObject({ unchanged: first.totals.converted, converted: count - first.totals.converted });
  });

  it('can report through onResult alone, keeping no results', async () => {
    ws = letters();
    const seen: string[] = [];
    const result = await run({ jobs: 2, keepResults: false, onResult: (r) => seen.push(r.status) });
    expect(result.results).toEqual([]);
    expect(seen).toEqual(['converted', 'converted', 'failed', 'converted', 'converted']);
    expect(result.totals).toMatchObject({ files: 5, converted: 4, failed: 1 });
  });

  it('stops with the error of an onResult callback that throws, leaving no worker running', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`input/${String(i).padStart(2, '0')}.txt`] = `Letter ${i}\n\nquick\n`;
    ws = new Workspace().write(files);
    await expect(
      run({
        jobs: 2,
        onResult: () => {
          throw new Error('the caller failed');
        },
      }),
    ).rejects.toThrow('the caller failed');
    expect(readdirSync(ws.path('output')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('converts nothing when the signal is already aborted', async () => {
    ws = letters();
    const result = await run({ signal: AbortSignal.abort() });
    expect(result).toMatchObject({ interrupted: true, results: [] });
    expect(existsSync(ws.path('output/preface.xml'))).toBe(false);
  });
});

beforeAll(() => {
  // The pool runs the compiled worker; say so clearly if `npm run build` was not run.
  if (!existsSync(new URL('../../dist/batch/worker.js', import.meta.url))) throw new Error('dist/batch/worker.js is missing: run `npm run build` (npm test does)');
});

describe('removeTemps', () => {
  it('removes this process’s temporary files for a target and leaves everything else', async () => {
    const { removeTemps, tempPrefix } = await import('../../src/batch/atomic.js');
    ws = new Workspace().write({
      [`out/${tempPrefix('a.xml')}7.3`]: 'half a document',
      [`out/${tempPrefix('a.xml', 999_999_999)}1.1`]: 'another process is writing this',
      'out/a.xml': 'the document',
      'out/.b.xml.tmp-1-1.1': 'another target',
    });
    await removeTemps(ws.path('out/a.xml'));
    expect(readdirSync(ws.path('out')).sort()).toEqual(['.a.xml.tmp-999999999-1.1', '.b.xml.tmp-1-1.1', 'a.xml']);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomic, writeAtomicSync } from '../../src/batch/atomic.js';
import { asyncIo, readInput, readInputSync, syncIo } from '../../src/batch/process-file.js';

const root = mkdtempSync(join(tmpdir(), 'teiwright-sync-io-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const d = join(root, String(++n));
  mkdirSync(d);
  return d;
};

// Workers read and write with synchronous calls: they must behave exactly as the promise ones.
describe('the workers’ synchronous file calls', () => {
  it('read what readInput reads, with the same limits, counting bytes read rather than stat’s size', async () => {
    const d = fresh();
    for (const [name, body] of [['small.txt', 'a few words\n'], ['empty.txt', ''], ['big.txt', 'x'.repeat(5000)], ['multi.txt', 'y'.repeat(3 * 1024 * 1024 + 7)]] as const) {
      writeFileSync(join(d, name), body);
      for (const max of [4096, 10 * 1024 * 1024]) expect(readInputSync(join(d, name), max)).toEqual(await readInput(join(d, name), max));
    }
    expect(readInputSync(join(d, 'big.txt'), 4096)).toEqual({ tooLarge: 5000 });
    expect(readInputSync(d, 100)).toEqual({ notFile: 'a folder' });
    if (existsSync('/proc/self/maps')) expect(readInputSync('/proc/self/maps', 10)).toEqual({ tooLarge: 11 });
  });

  it('write atomically like writeAtomic: same bytes, folder created, no temporary file left', async () => {
    const d = fresh();
    writeAtomicSync(join(d, 'deep', 'er', 'a.xml'), 'é <TEI/>');
    await writeAtomic(join(d, 'deep', 'er', 'b.xml'), 'é <TEI/>');
    expect(readFileSync(join(d, 'deep', 'er', 'a.xml'))).toEqual(readFileSync(join(d, 'deep', 'er', 'b.xml')));
    writeAtomicSync(join(d, 'deep', 'er', 'a.xml'), 'second');
    expect(readFileSync(join(d, 'deep', 'er', 'a.xml'), 'utf8')).toBe('second');
    expect(readdirSync(join(d, 'deep', 'er')).sort()).toEqual(['a.xml', 'b.xml']);
  });

  it('a failed write throws and leaves neither the target nor a temporary file', () => {
    const d = fresh();
    mkdirSync(join(d, 'taken.xml')); // a folder where the file should go: the rename fails
    expect(() => writeAtomicSync(join(d, 'taken.xml'), 'x')).toThrow();
    expect(readdirSync(d)).toEqual(['taken.xml']);
    expect(readdirSync(join(d, 'taken.xml'))).toEqual([]);
  });

  it('syncIo and asyncIo agree on which paths are files', async () => {
    const d = fresh();
    writeFileSync(join(d, 'f.txt'), 'x');
    for (const p of [join(d, 'f.txt'), d, join(d, 'missing.txt')]) expect(syncIo.isFile(p)).toBe(await asyncIo.isFile(p));
  });
});

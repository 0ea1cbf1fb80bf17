/** `validate --jobs N` on many files: the same findings, in the same order, in this process, in worker threads and in worker processes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { checkFiles } from '../../src/validate/files.js';

const dir = mkdtempSync(join(tmpdir(), 'teiwright-validate-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEI = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text></TEI>\n`;

/** Twenty files (several batches per worker): valid ones, a broken reference, a duplicate id, one not well-formed, one empty. */
const files = Array.from({ length: 20 }, (_, i) => {
  const path = join(dir, `doc-${String(i).padStart(2, '0')}.xml`);
  const kind = i % 5;
  const text = kind === 0 ? TEI(`<p>Paragraph ${i}.</p>`) : kind === 1 ? TEI(`<p>See <ref target="#missing-${i}">a note</ref>.</p>`) : kind === 2 ? TEI(`<p xml:id="p${i}">One</p><p xml:id="p${i}">Two</p>`) : kind === 3 ? `<TEI><text>${i}` : '';
  writeFileSync(path, text);
  return path;
});

async function check(jobs: number, workers?: 'threads' | 'processes'): Promise<[string, Diagnostic[]][]> {
  const seen: [string, Diagnostic[]][] = [];
  await checkFiles(files, { schema: 'project' }, jobs, (file, diagnostics) => seen.push([file, diagnostics]), workers);
  return seen;
}

describe('checkFiles', () => {
  it('finds the same, in the order of the files, with --jobs 1, worker threads and worker processes', async () => {
    const one = await check(1);
    expect(one.map(([f]) => f)).toEqual(files);
    // Every kind of file gave its own finding (so the comparison below compares something).
    expect(one.filter(([, d]) => d.some((x) => x.severity === 'error')).length).toBe(16);
    expect(await check(2, 'threads')).toEqual(one);
    expect(await check(2, 'processes')).toEqual(one);
  });
});

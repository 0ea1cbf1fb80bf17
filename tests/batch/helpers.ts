/** A throw-away working folder per test, with small transcriptions written by the test itself. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { FileResult } from '../../src/batch/index.js';

export const TEST_CONVERTER = new URL('./fixtures/test-converter.mjs', import.meta.url).href;

export class Workspace {
  readonly root = mkdtempSync(join(tmpdir(), 'teiwright-batch-'));

  /** Writes files given as `relative path → content` (text or bytes). */
  write(files: Record<string, string | Uint8Array>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    return this;
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  /** Every file under `rel` (hidden ones too), relative to it, sorted, with its bytes. */
  tree(rel: string): Record<string, string> {
    const base = this.path(rel);
    const out: Record<string, string> = {};
    const visit = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) visit(full);
        else out[relative(base, full).split(sep).join('/')] = readFileSync(full, 'latin1');
      }
    };
    visit(base);
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A report without timings, which are the only thing allowed to differ between runs. */
export function withoutTimings(results: readonly FileResult[]): FileResult[] {
  return results.map((r) => (r.stats ? { ...r, stats: { ...r.stats, ms: 0 } } : r));
}

export const statuses = (results: readonly FileResult[]): Record<string, string> => Object.fromEntries(results.map((r) => [r.input, r.status]));
export const codes = (r: FileResult | undefined): string[] => (r?.diagnostics ?? []).map((d) => d.code);

/** Exports for tests: TEI written into a temporary folder, exported, files read back. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DEFAULT_CONVENTIONS, type Conventions } from '../../src/export/conventions.js';
import type { ExportRecord } from '../../src/export/formats/jsonl.js';
import { runExport, type ExportOptions, type ExportResult } from '../../src/export/run.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `teiwright-${prefix}-`));
}

/** Writes TEI documents (name → xml) into `dir/tei/` and returns that folder. */
export function writeTeiFolder(dir: string, docs: ReadonlyMap<string, string>): string {
  const folder = join(dir, 'tei');
  mkdirSync(folder, { recursive: true });
  for (const [name, xml] of docs) writeFileSync(join(folder, name), xml);
  return folder;
}

export async function exportTo(format: string, inputs: string[], outDir: string, conventions: Partial<Conventions> = {}, extra: Partial<ExportOptions> = {}): Promise<ExportResult> {
  return runExport({ inputs, outDir, format, conventions: { ...DEFAULT_CONVENTIONS, ...conventions }, jobs: 1, ...extra });
}

export const read = (path: string): string => readFileSync(path, 'utf8');

export function records(path: string): ExportRecord[] {
  return read(path)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ExportRecord);
}

const schema = JSON.parse(read(new URL('../../schema/export-record.schema.json', import.meta.url).pathname)) as object;
const validateRecord = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** Errors of a record against schema/export-record.schema.json ([] when valid). */
export function recordErrors(record: unknown): string[] {
  return validateRecord(record) ? [] : (validateRecord.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export const WORD = /[\p{L}\p{N}\p{M}]+/gu;
export const words = (s: string): string[] => s.match(WORD) ?? [];
/** Code-point slice, as the offsets count. */
export const cpSlice = (s: string, start: number, end: number): string => Array.from(s).slice(start, end).join('');

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

/** Elements whose content is printed apart from what stands around it (blocks, lines, a break): their tags part words. */
const BLOCK_TAGS = new Set(['text', 'front', 'body', 'back', 'div', 'head', 'p', 'ab', 'argument', 'opener', 'closer', 'salute', 'signed', 'dateline', 'postscript', 'byline', 'docAuthor', 'quote', 'list', 'item', 'label', 'lg', 'l', 'note', 'lb', 'pb', 'cb', 'table', 'row', 'cell', 'trailer', 'epigraph', 'listBibl', 'bibl', 'sp', 'speaker', 'stage', 'figure', 'figDesc']);
/**
 * What each text of an edition leaves out: the reading text deletions, the sic of a choice and gaps; the diplomatic text additions, corrections and supplied words.
 * Neither has an image's description (`figDesc`, the page's alt text): the page does not print it (the fidelity check does not count it either).
 */
const FIG_DESC = /<figDesc\b[^>]*>[\s\S]*?<\/figDesc>/g;
const LEFT_OUT = {
  reading: [/<del\b[^>]*\/>|<del\b[^>]*>[\s\S]*?<\/del>/g, /<choice\b([^>]*)>\s*<sic\b[^>]*>[\s\S]*?<\/sic>/g, /<gap\b[^>]*\/>|<gap\b[^>]*>[\s\S]*?<\/gap>/g, FIG_DESC],
  diplomatic: [/<add\b[^>]*>[\s\S]*?<\/add>/g, /<corr\b[^>]*>[\s\S]*?<\/corr>/g, /<supplied\b[^>]*>[\s\S]*?<\/supplied>/g, FIG_DESC],
} as const;
const MARKERS = /<ref\b[^>]*type="noteAnchor"[^>]*>[\s\S]*?<\/ref>/g;

/**
 * The words of a TEI edition's text (front, body, back: notes and notes sections included)
 * in one reading, from the TEI as teiwright writes it; `markers: false` leaves out the note
 * markers printed at anchors.
 */
export function teiWords(tei: string, text: 'reading' | 'diplomatic', markers: boolean): string[] {
  let s = tei.slice(Math.max(0, tei.search(/<text[\s>]/)));
  for (const re of LEFT_OUT[text]) s = s.replace(re, (m: string, attrs?: string) => (m.startsWith('<choice') ? `<choice${attrs ?? ''}>` : ''));
  if (!markers) s = s.replace(MARKERS, '');
  s = s.replace(/<\/?([A-Za-z][\w:.-]*)\b[^>]*>/g, (_m: string, name: string) => (BLOCK_TAGS.has(name) ? ' ' : ''));
  s = s.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_m: string, dec?: string, hex?: string, named?: string) =>
    dec !== undefined ? String.fromCodePoint(Number(dec)) : hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named!]!,
  );
  return words(s);
}

/** The words of `expected` that `actual` lacks, counting repeats (multiset difference). */
export function missingWords(expected: readonly string[], actual: readonly string[]): string[] {
  const have = new Map<string, number>();
  for (const w of actual) have.set(w, (have.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const w of expected) {
    const n = have.get(w) ?? 0;
    if (n === 0) missing.push(w);
    else have.set(w, n - 1);
  }
  return missing;
}

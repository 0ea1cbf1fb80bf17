/**
 * The properties every input must keep, checked on one input. The pipeline's functions are
 * passed in, so the suite checks the sources and `npm run fuzz` the built library.
 */
import type { FuzzInput } from './inputs.js';

interface Finding {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** The library's functions a pipeline is made of (the sources in the suite, dist/ in the fuzz run). */
export interface Library<C> {
  decode(bytes: Uint8Array): { ok: true; text: string } | { ok: false; code: string; message: string };
  convert(text: string, options: { file: string; corrections?: C }): { tei: string | undefined; ok: boolean; diagnostics: readonly Finding[] };
  loadCorrections(json: string, path: string): { corrections: C | undefined; diagnostics: readonly Finding[] };
  validate(tei: string, options: { file: string }): readonly Finding[];
  wellFormedError(xml: string): string | undefined;
}

/** The pipeline the CLI runs for one file: decode, corrections (a bad file fails the input, as in the CLI), convert; and validate. */
export function pipelineOf<C>(lib: Library<C>): Pipeline {
  return {
    decode: (bytes) => lib.decode(bytes),
    convert(text, file, corrections) {
      if (corrections === undefined) return lib.convert(text, { file });
      const loaded = lib.loadCorrections(corrections, CORRECTIONS_FILE);
      if (loaded.diagnostics.length > 0 || loaded.corrections === undefined) {
        return { tei: undefined, ok: false, diagnostics: loaded.diagnostics.length > 0 ? loaded.diagnostics : [{ code: 'corrections-invalid', severity: 'error', message: 'no corrections and no diagnostic' }] };
      }
      return lib.convert(text, { file, corrections: loaded.corrections });
    },
    validate: (tei) => lib.validate(tei, { file: 'out.xml' }),
    wellFormedError: (xml) => lib.wellFormedError(xml),
  };
}

export interface Pipeline {
  decode(bytes: Uint8Array): { ok: true; text: string } | { ok: false; code: string; message: string };
  /** `corrections`: the text of a corrections file named `fuzz.corrections.json`, keyed to the input or not. */
  convert(text: string, file: string, corrections?: string): { tei: string | undefined; ok: boolean; diagnostics: readonly Finding[] };
  /** The findings of `validate` on a TEI teiwright wrote (the default schema choice). */
  validate?(tei: string): readonly Finding[];
  /** The reason `xml` is not well-formed, or undefined. */
  wellFormedError(xml: string): string | undefined;
}

/**
 * Codes that mean teiwright itself went wrong (it crashed, or wrote TEI its own checks
 * reject): never acceptable, whatever the input. Errors about the input (`words-lost`,
 * `title-missing`, `input-too-deep`, …) are honest answers and allowed.
 */
export const BUG_CODES: ReadonlySet<string> = new Set([
  'internal-error', 'model-invalid', 'xml-malformed', 'schema-invalid', 'schema-outside-subset', 'id-duplicate', 'pointer-broken',
]);

/** What broke for this input (empty when every property holds); `twice` also checks determinism. */
/** The name the corrections file of an input is given (its diagnostics' `file`). */
export const CORRECTIONS_FILE = 'fuzz.corrections.json';

/**
 * Where a diagnostic of `text` points outside it: line beyond the last, column beyond the
 * end of its line + 1 (UTF-16 columns, lines as decoded: LF only), or a 0 or fractional place.
 */
export function outsideText(d: Finding, text: string): string | undefined {
  if (d.line === undefined && d.column === undefined) return undefined;
  const where = `${d.code} at ${d.line ?? '-'}:${d.column ?? '-'}`;
  if (d.line === undefined) return `${where}: a column without a line`;
  if (!Number.isInteger(d.line) || d.line < 1) return `${where}: the line is not a positive integer`;
  if (d.column !== undefined && (!Number.isInteger(d.column) || d.column < 1)) return `${where}: the column is not a positive integer`;
  // The start of line d.line, without splitting a large text.
  let start = 0;
  for (let l = 1; l < d.line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return `${where}: the text has ${l} lines`;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const length = (end < 0 ? text.length : end) - start;
  if (d.column !== undefined && d.column > length + 1) return `${where}: line ${d.line} has ${length} characters`;
  return undefined;
}

export function checkInput(p: Pipeline, input: FuzzInput, options: { twice: boolean }): string[] {
  const problems: string[] = [];
  let decoded;
  try {
    decoded = p.decode(input.bytes);
  } catch (e) {
    return [`decode threw: ${String(e)}`];
  }
  if (!decoded.ok) {
    if (!decoded.message) problems.push(`decode refused the input without a message (${decoded.code})`);
    return problems;
  }
  const run = () => p.convert(decoded.text, 'fuzz.txt', input.corrections);
  let first;
  try {
    first = run();
  } catch (e) {
    return [`convert threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
  }
  for (const d of first.diagnostics) {
    if (BUG_CODES.has(d.code)) problems.push(`${d.code} at ${d.line ?? '-'}:${d.column ?? '-'}: ${d.message.slice(0, 300)}`);
  }
  // Every diagnostic points inside the file it names: the input, or its corrections file.
  const correctionsText = input.corrections?.replace(/\r\n?/g, '\n');
  for (const d of first.diagnostics) {
    const text = d.file === CORRECTIONS_FILE ? correctionsText : d.file === undefined || d.file === 'fuzz.txt' ? decoded.text : undefined;
    if (text === undefined) {
      if (d.line !== undefined) problems.push(`${d.code} at ${d.line}:${d.column ?? '-'} names a file that is neither the input nor its corrections: ${d.file}`);
      continue;
    }
    const outside = outsideText(d, text);
    if (outside) problems.push(`diagnostic outside the ${d.file === CORRECTIONS_FILE ? 'corrections file' : 'input'}: ${outside}: ${d.message.slice(0, 200)}`);
  }
  if (input.wordsKept) {
    const lost = first.diagnostics.find((d) => d.code === 'words-lost');
    if (lost) problems.push(`words lost although the change keeps every word of a document that converts whole: ${lost.line ?? '-'}:${lost.column ?? '-'}: ${lost.message.slice(0, 300)}`);
  }
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  if ((first.tei === undefined || !first.ok) && errors.length === 0) problems.push('no TEI (or not ok) and no error says why');
  if (first.ok && errors.length > 0) problems.push('ok although an error was reported');
  if (first.tei !== undefined) {
    const bad = p.wellFormedError(first.tei);
    if (bad !== undefined) problems.push(`TEI not well-formed: ${bad}`);
  }
  // What convert calls fine, validate calls fine too (the same TEI, the schema validate picks by itself).
  if (first.ok && first.tei !== undefined && p.validate) {
    let findings: readonly Finding[] = [];
    try {
      findings = p.validate(first.tei);
    } catch (e) {
      problems.push(`validate threw on an ok output: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    for (const f of findings) if (f.severity === 'error') problems.push(`validate of an ok output: ${f.code} at ${f.line ?? '-'}:${f.column ?? '-'}: ${f.message.slice(0, 300)}`);
  }
  if (options.twice) {
    let second;
    try {
      second = run();
    } catch (e) {
      return [...problems, `convert threw the second time: ${String(e)}`];
    }
    if (second.tei !== first.tei) problems.push('not deterministic: the TEI differs between two runs');
    if (JSON.stringify(second.diagnostics) !== JSON.stringify(first.diagnostics)) problems.push('not deterministic: the diagnostics differ between two runs');
  }
  return problems;
}

/**
 * The properties every input must keep, checked on one input. The pipeline's functions are
 * passed in, so the suite checks the sources and `npm run fuzz` the built library.
 */
import type { FuzzInput } from './inputs.js';

interface Finding {
  code: string;
  severity: string;
  message: string;
  line?: number;
  column?: number;
}

export interface Pipeline {
  decode(bytes: Uint8Array): { ok: true; text: string } | { ok: false; code: string; message: string };
  convert(text: string, file: string): { tei: string | undefined; ok: boolean; diagnostics: readonly Finding[] };
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
  const run = () => p.convert(decoded.text, 'fuzz.txt');
  let first;
  try {
    first = run();
  } catch (e) {
    return [`convert threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
  }
  for (const d of first.diagnostics) {
    if (BUG_CODES.has(d.code)) problems.push(`${d.code} at ${d.line ?? '-'}:${d.column ?? '-'}: ${d.message.slice(0, 300)}`);
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

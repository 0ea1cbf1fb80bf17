/**
 * A converter that does almost nothing (the text, escaped, in a minimal TEI shell), so the
 * bench can show what the batch engine itself costs: walk, read, hash, decode, write, order.
 */
import type { ConvertOptions } from '../dist/convert.js';
import type { ConvertJobResult } from '../dist/batch/index.js';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function convertJob(text: string, _options: ConvertOptions): ConvertJobResult {
  return { tei: `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>${escape(text)}</p></body></text></TEI>\n`, diagnostics: [] };
}

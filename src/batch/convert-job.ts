/** The real converter for the batch engine: `convert()` plus the counts the report shows. */
import { convert, type ConvertOptions } from '../convert.js';
import { editionStats } from '../model/stats.js';
import { explainEmendations } from '../transforms/emendations/explain.js';
import type { ConvertJobResult } from './types.js';

export function convertJob(text: string, options: ConvertOptions): ConvertJobResult {
  const r = convert(text, options);
  const out: ConvertJobResult = { tei: r.tei, diagnostics: r.diagnostics };
  if (r.model) {
    out.profile = r.model.profile;
    out.stats = editionStats(r.model);
    if (r.model.emendations.length > 0) out.emendations = explainEmendations(r.model);
  }
  return out;
}

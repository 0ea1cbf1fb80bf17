/**
 * Builds the pages the browser tests open the way a user gets them: transcription →
 * `convert` → TEI file → `teiwright html` (renderHtmlFiles: loadTei, render) → pages and
 * `index.html`. What each page must show is taken from the conversion's own model, so a
 * loss on the way through the TEI shows as a failure.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { convert } from '../../src/convert.js';
import { renderHtmlFiles } from '../../src/html/files.js';
import { summarise, type EditionSummary } from '../../src/html/summary.js';
import { decodeInput } from '../../src/io/decode.js';
import { VERSION } from '../../src/version.js';

export interface BuiltPage {
  input: string;
  html: string;
  summary: EditionSummary;
}

function convertFile(input: string): ReturnType<typeof convert> {
  const decoded = decodeInput(readFileSync(input));
  if (!decoded.ok) throw new Error(`${input}: ${decoded.message}`);
  return convert(decoded.text, { file: input });
}

/** True when the conversion links at least one note to an anchor in the text. */
export function hasLinkedNote(input: string): boolean {
  const model = convertFile(input).model;
  return model !== undefined && model.notes.some((s) => s.notes.some((n) => n.targets.length > 0));
}

const stem = (input: string): string => basename(input).replace(/\.[^.]+$/, '');

export async function buildSite(inputs: readonly string[], dir: string): Promise<{ pages: BuiltPage[]; index: string }> {
  const teiDir = join(dir, 'tei');
  const siteDir = join(dir, 'site');
  mkdirSync(teiDir, { recursive: true });
  const summaries = new Map<string, EditionSummary>();
  for (const input of inputs) {
    const result = convertFile(input);
    if (!result.model || result.tei === undefined) throw new Error(`${input}: not converted`);
    writeFileSync(join(teiDir, `${stem(input)}.xml`), result.tei);
    summaries.set(input, summarise(result.model));
  }
  const results = renderHtmlFiles({ inputs: [teiDir], outDir: siteDir, version: VERSION });
  const failed = results.filter((r) => r.status !== 'rendered');
  if (failed.length > 0) throw new Error(`not rendered: ${failed.map((r) => `${r.input}: ${r.diagnostics.map((d) => d.message).join('; ')}`).join('\n')}`);
  const pages = inputs.map((input) => ({ input, html: join(siteDir, `${stem(input)}.html`), summary: summaries.get(input)! }));
  return { pages, index: join(siteDir, 'index.html') };
}

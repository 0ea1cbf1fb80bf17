/**
 * Builds the pages the browser tests open, the way a user gets them: transcription →
 * `convert` → page, plus `index.html`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { convert } from '../../src/convert.js';
import { indexEntryOf, renderPageOf, renderSiteIndex } from '../../src/html/index.js';
import type { EditionSummary } from '../../src/html/summary.js';
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

export async function buildSite(inputs: readonly string[], dir: string): Promise<{ pages: BuiltPage[]; index: string }> {
  mkdirSync(dir, { recursive: true });
  const pages: BuiltPage[] = [];
  const entries = [];
  for (const input of inputs) {
    const result = convertFile(input);
    if (!result.model || result.tei === undefined) throw new Error(`${input}: not converted`);
    const item = { edition: result.model, path: `${basename(input).replace(/\.[^.]+$/, '')}.html`, sourceName: basename(input) };
    const page = renderPageOf(item, VERSION);
    writeFileSync(join(dir, page.path), page.html);
    const entry = indexEntryOf(item);
    entries.push(entry);
    pages.push({ input, html: join(dir, page.path), summary: entry.summary });
  }
  const index = renderSiteIndex(entries, VERSION);
  writeFileSync(join(dir, index.path), index.html);
  return { pages, index: join(dir, index.path) };
}

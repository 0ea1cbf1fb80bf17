/**
 * A converting thread loads parse5 only when it meets an HTML page: the text pipeline (read,
 * transforms, writer, validation, fidelity check) never needs it, and loading it cost each
 * worker ~50 ms of CPU and ~7 MB. Checked on the built code in fresh processes, with parse5
 * made unloadable.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const SCRIPT = join(PROJECT_ROOT, 'tests/batch/fixtures/import-without.mjs');
const CONVERTER = pathToFileURL(join(PROJECT_ROOT, 'dist/batch/convert-job.js')).href;
const convertWithout = (pkg: string, file: string): string => execFileSync(process.execPath, [SCRIPT, pkg, CONVERTER, 'convertJob', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const HTML_DIR = join(PROJECT_ROOT, 'tests/fixtures/mia-html');
const html = readdirSync(HTML_DIR).find((n) => n.endsWith('.html'));

describe('parse5 in a converting thread', () => {
  it('is not loaded to convert, validate and check a plain-text transcription', () => {
    expect(JSON.parse(convertWithout('parse5', join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt')))).toEqual({ tei: true, errors: [] });
  });

  it('is loaded for an HTML page (so the check above can fail)', () => {
    expect(html).toBeDefined();
    const r = JSON.parse(convertWithout('parse5', join(HTML_DIR, html!))) as { tei: boolean; errors: string[] };
    expect(r.tei).toBe(false);
    expect(r.errors.join('\n')).toMatch(/parse5 was loaded/);
  });
});

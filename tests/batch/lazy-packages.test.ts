/**
 * A converting thread loads parse5 only when it meets an HTML page, and fast-xml-parser only
 * when a schema is parsed for libxml2's way of validating: the text pipeline (read,
 * transforms, writer, validation, fidelity check) needs neither, and loading them cost each
 * worker ~50 ms of CPU and 7–8 MB apiece. Checked on the built code in fresh processes, with
 * the package made unloadable (imported or required).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const SCRIPT = join(PROJECT_ROOT, 'tests/batch/fixtures/import-without.mjs');
const dist = (path: string): string => pathToFileURL(join(PROJECT_ROOT, 'dist', path)).href;
const without = (pkg: string, url: string, name: string, file?: string): string =>
  execFileSync(process.execPath, [SCRIPT, pkg, url, name, ...(file !== undefined ? [file] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const convertWithout = (pkg: string, file: string) => JSON.parse(without(pkg, dist('batch/convert-job.js'), 'convertJob', file)) as { tei: boolean; errors: string[] };

const SEED = join(PROJECT_ROOT, 'input/stalin-1912-for-the-party.txt');
const HTML_DIR = join(PROJECT_ROOT, 'tests/fixtures/mia-html');
const html = readdirSync(HTML_DIR).find((n) => n.endsWith('.html'));

describe('packages a converting thread loads only when needed', () => {
  for (const pkg of ['parse5', 'fast-xml-parser']) {
    it(`${pkg} is not loaded to convert, validate and check a plain-text transcription`, () => {
      expect(convertWithout(pkg, SEED)).toEqual({ tei: true, errors: [] });
    });
  }

  it('parse5 is loaded for an HTML page (so the check above can fail)', () => {
    expect(html).toBeDefined();
    const r = convertWithout('parse5', join(HTML_DIR, html!));
    expect(r.tei).toBe(false);
    expect(r.errors.join('\n')).toMatch(/parse5 was loaded/);
  });

  it('fast-xml-parser is loaded when a schema is parsed (so the check above can fail)', () => {
    expect(() => without('fast-xml-parser', dist('validate/reduce.js'), 'parseRng')).toThrow(/fast-xml-parser was loaded/);
  });
});

/**
 * A thread that converts tells the precompiled edition validators are current by the hash of
 * the schema's sources, not by building the schemas: building them loads TypeBox (about 200
 * modules, ~150 ms of CPU and ~12 MB in each worker). Checked on the built code in fresh
 * processes, with TypeBox made unloadable.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PRECOMPILED_FAST_FILE, PRECOMPILED_FILE, validatorSourceHash } from '../../src/model/validator-source-hash.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const SCRIPT = join(PROJECT_ROOT, 'tests/batch/fixtures/import-without.mjs');
const DIST_MODEL = join(PROJECT_ROOT, 'dist/model');
const dist = (path: string): string => pathToFileURL(join(PROJECT_ROOT, 'dist', path)).href;
const importWithout = (pkg: string, url: string, name = ''): string => execFileSync(process.execPath, [SCRIPT, pkg, url, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const dir = mkdtempSync(join(tmpdir(), 'teiwright-source-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the precompiled edition validators', () => {
  it('are used by the worker\'s converter without TypeBox ever being loaded', () => {
    expect(importWithout('@sinclair/typebox', dist('model/check.js'), 'usesPrecompiledValidator')).toBe('true');
    expect(importWithout('@sinclair/typebox', dist('batch/convert-job.js'))).toBe('null');
    // The hook does refuse TypeBox: the schema's own module cannot load under it.
    expect(() => importWithout('@sinclair/typebox', dist('model/edition-validator-source.js'))).toThrow(/typebox was loaded/);
  });

  it('carry the hash of the sources they were built from', () => {
    const hash = validatorSourceHash(pathToFileURL(`${DIST_MODEL}/`), '.js');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const file of [PRECOMPILED_FILE, PRECOMPILED_FAST_FILE]) expect(readFileSync(join(DIST_MODEL, file), 'utf8')).toContain(`export const sourceHash = ${JSON.stringify(hash)};`);
  });

  it('no longer match once a module defining the schema changes (the validators are then compiled), nor when one is missing', () => {
    for (const name of ['edition.js', 'edition-validator-source.js']) copyFileSync(join(DIST_MODEL, name), join(dir, name));
    const at = pathToFileURL(`${dir}/`);
    const built = validatorSourceHash(pathToFileURL(`${DIST_MODEL}/`), '.js');
    expect(validatorSourceHash(at, '.js')).toBe(built);
    writeFileSync(join(dir, 'edition.js'), `${readFileSync(join(dir, 'edition.js'), 'utf8')}\n`);
    expect(validatorSourceHash(at, '.js')).not.toBe(built);
    rmSync(join(dir, 'edition-validator-source.js'));
    expect(validatorSourceHash(at, '.js')).toBeUndefined();
  });
});

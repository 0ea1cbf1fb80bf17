import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { AJV_OPTIONS, PRECOMPILED_FILE, VALIDATOR_SCHEMAS, validatorFingerprint } from '../../src/model/edition-validator-source.js';
import { precompiledSource } from '../../src/model/emit-validator.js';
import { emptyEdition } from '../../src/model/walk.js';

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const dir = mkdtempSync(join(tmpdir(), 'teiwright-validator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadPrecompiled(): Promise<{ fingerprint: string; validate: Validator }> {
  const file = join(dir, PRECOMPILED_FILE);
  writeFileSync(file, precompiledSource());
  return (await import(pathToFileURL(file).href)) as { fingerprint: string; validate: Validator };
}

/** Editions the model check must accept or refuse, each broken in a different place. */
function samples(): unknown[] {
  const ok = emptyEdition('test');
  const noPos = emptyEdition('test') as unknown as { body: { head: unknown[] } };
  noPos.body.head.push({ kind: 'text', text: 'Title' });
  const extra = { ...emptyEdition('test'), surplus: 1 };
  const wrongType = { ...emptyEdition('test'), profile: 7 };
  const missing: Record<string, unknown> = { ...emptyEdition('test') };
  delete missing.notes;
  return [ok, noPos, extra, wrongType, missing, null, 'text'];
}

describe('the precompiled edition validator', () => {
  it('gives the same verdicts and errors as the validator compiled from the schema', async () => {
    const { validate } = await loadPrecompiled();
    const compiled = new Ajv({ ...AJV_OPTIONS }).addSchema(VALIDATOR_SCHEMAS.refs).compile(VALIDATOR_SCHEMAS.root) as Validator;
    const verdicts = samples().map((s) => {
      const a = validate(s);
      const b = compiled(s);
      expect(validate.errors ?? null).toEqual(compiled.errors ?? null);
      return [a, b];
    });
    expect(verdicts.map(([a]) => a)).toEqual([true, false, false, false, false, false, false]);
    expect(verdicts.every(([a, b]) => a === b)).toBe(true);
  });

  it('carries the fingerprint of the schemas it was made from, so a stale one is never used', async () => {
    const { fingerprint } = await loadPrecompiled();
    expect(fingerprint).toBe(validatorFingerprint());
    const built = new URL(`../../dist/model/${PRECOMPILED_FILE}`, import.meta.url);
    // `npm test` builds first: the build's file must be the current one.
    if (existsSync(built)) expect(readFileSync(built, 'utf8')).toContain(JSON.stringify(validatorFingerprint()));
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { AJV_OPTIONS, FAST_AJV_OPTIONS, PRECOMPILED_FAST_FILE, PRECOMPILED_FILE, VALIDATOR_SCHEMAS, fastValidatorSchemas, validatorFingerprint } from '../../src/model/edition-validator-source.js';
import { precompiledSource, withoutPaths } from '../../src/model/emit-validator.js';
import { emptyEdition } from '../../src/model/walk.js';

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const dir = mkdtempSync(join(tmpdir(), 'teiwright-validator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadPrecompiled(fast = false): Promise<{ fingerprint: string; validate: Validator }> {
  const file = join(dir, fast ? PRECOMPILED_FAST_FILE : PRECOMPILED_FILE);
  writeFileSync(file, precompiledSource(fast));
  return (await import(pathToFileURL(file).href)) as { fingerprint: string; validate: Validator };
}

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/**
 * A model as the pipeline makes it (both seeds, every kind of node they hold), then that
 * model broken once in each way at each node: a key removed, a key added, `kind` renamed or
 * made a number, each string made a number, each number a string, each array an object.
 */
function brokenModels(): Value[] {
  const models: Value[] = [];
  for (const name of ['lenin-1921-attitude-to-non-party-workers.txt', 'stalin-1912-for-the-party.txt']) {
    const text = readFileSync(new URL(`../../input/${name}`, import.meta.url), 'utf8');
    const model = convert(text, { validate: false, verify: false }).model;
    if (model) models.push(JSON.parse(JSON.stringify(model)) as Value);
  }
  const broken: Value[] = [...models];
  for (const model of models) {
    const json = JSON.stringify(model);
    // Each change is made on a fresh copy, found again by its index in a walk of the tree.
    const edit = (at: number, change: (v: Value, key: string | number, parent: Value[] | { [key: string]: Value }) => void): void => {
      const copy = JSON.parse(json) as Value;
      let seen = 0;
      const walk = (parent: Value[] | { [key: string]: Value }): boolean => {
        for (const key of Object.keys(parent)) {
          const k = Array.isArray(parent) ? Number(key) : key;
          const v = (parent as Record<string | number, Value>)[k]!;
          if (seen++ === at) {
            change(v, k, parent);
            return true;
          }
          if (typeof v === 'object' && v !== null && walk(v)) return true;
        }
        return false;
      };
      if (typeof copy === 'object' && copy !== null) walk(copy);
      broken.push(copy);
    };
    const set = (parent: Value[] | { [key: string]: Value }, key: string | number, v: Value): void => {
      (parent as Record<string | number, Value>)[key] = v;
    };
    const count = (json.match(/[:,[]/g) ?? []).length;
    for (let at = 0; at < count; at += 3) {
      edit(at, (v, key, parent) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key as string];
      });
      edit(at, (v, key, parent) => {
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) v.surplus = 1;
        else if (typeof v === 'string') set(parent, key, key === 'kind' ? `${v}x` : 7);
        else if (typeof v === 'number') set(parent, key, String(v));
        else if (Array.isArray(v)) set(parent, key, { length: v.length });
        else set(parent, key, 'x');
      });
      edit(at, (v) => {
        if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v) v.kind = 3;
      });
    }
  }
  return broken;
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

  it('the fast validator accepts exactly the models the full one accepts', async () => {
    const full = (await loadPrecompiled()).validate;
    const fast = (await loadPrecompiled(true)).validate;
    const schemas = fastValidatorSchemas();
    const fastCompiled = new Ajv({ ...FAST_AJV_OPTIONS }).addSchema(schemas.refs).compile(schemas.root) as Validator;
    const models = [...samples(), ...brokenModels()];
    let refused = 0;
    for (const m of models) {
      const verdict = full(m);
      if (!verdict) refused++;
      expect(fast(m)).toBe(verdict);
      expect(fastCompiled(m)).toBe(verdict);
    }
    // Broken in enough ways to mean something: hundreds refused, the unbroken ones accepted.
    expect(refused).toBeGreaterThan(500);
    expect(models.length - refused).toBeGreaterThan(2);
  });

  it('the fast validator passes no new object or path string to each part it checks (ajv allocated ~16 KB per document with them)', () => {
    const fast = precompiledSource(true);
    expect(fast.includes('rootData})')).toBe(false);
    expect(fast.match(/noPath\)/g)?.length).toBeGreaterThan(50);
    // The full validator keeps its paths: they are the diagnostics' places.
    expect(precompiledSource().includes('instancePath:instancePath+"/children/" + i0,parentData:')).toBe(true);
  });

  it('refuses to drop the paths from code of another shape (a call it does not know, a use of rootData)', () => {
    const call = 'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){return validate2(data.pos, {instancePath:instancePath+"/pos",parentData:data,parentDataProperty:"pos",rootData});}';
    expect(withoutPaths(call)).toContain('validate2(data.pos, noPath)');
    expect(() => withoutPaths(call.replace('return ', 'rootData.x = 1;return '))).toThrow(/unexpected shape/);
    expect(() => withoutPaths(call.replace('parentDataProperty:"pos",rootData', 'parentDataProperty:"pos",rootData:data'))).toThrow(/unexpected shape/);
  });

  it('carries the fingerprint of the schemas it was made from, so a stale one is never used', async () => {
    const { fingerprint } = await loadPrecompiled();
    expect(fingerprint).toBe(validatorFingerprint());
    expect((await loadPrecompiled(true)).fingerprint).toBe(validatorFingerprint());
    const built = new URL(`../../dist/model/${PRECOMPILED_FILE}`, import.meta.url);
    // `npm test` builds first: the build's file must be the current one.
    if (existsSync(built)) expect(readFileSync(built, 'utf8')).toContain(JSON.stringify(validatorFingerprint()));
    const builtFast = new URL(`../../dist/model/${PRECOMPILED_FAST_FILE}`, import.meta.url);
    if (existsSync(builtFast)) expect(readFileSync(builtFast, 'utf8')).toContain(JSON.stringify(validatorFingerprint()));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import { editionSchemaJson } from '../../src/model/emit-schema.js';
import { emptyEdition } from '../../src/model/walk.js';

describe('edition JSON Schema', () => {
  it('schema/edition.schema.json is the one generated from the model (run `npm run build && npm run schema`)', () => {
    expect(readFileSync(new URL('../../schema/edition.schema.json', import.meta.url), 'utf8')).toBe(editionSchemaJson());
  });

  it('accepts a well-formed edition', () => {
    const d = new Diagnostics('x.txt');
    expect(checkModel(emptyEdition('test'), d)).toBe(true);
    expect(d.items).toEqual([]);
  });

  it('rejects a node without a source position, naming where it is', () => {
    const d = new Diagnostics('x.txt');
    const ed = emptyEdition('test') as unknown as { body: { head: unknown[] } };
    ed.body.head.push({ kind: 'text', text: 'Title' });
    expect(checkModel(ed, d)).toBe(false);
    expect(d.items[0]?.code).toBe('model-invalid');
    expect(d.items[0]?.message).toContain('/body/head/0');
  });
});

/**
 * The limit check walks the model with `for…in` instead of an `Object.keys` array per node.
 * It must find the same first excess (what, count, position) and the same element count as
 * the walk it replaced, kept here verbatim as the reference, on real models and at every
 * limit that trips somewhere inside them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition, SourcePos } from '../../src/model/edition.js';
import { countElements, exceededLimit } from '../../src/model/check.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/model/limits.js';
import { decodeInput } from '../../src/io/decode.js';

const isPos = (v: unknown): v is SourcePos =>
  typeof v === 'object' && v !== null && typeof (v as SourcePos).line === 'number' && typeof (v as SourcePos).column === 'number';

/** The walk before the change (Object.keys per node), verbatim. */
function referenceExceeded(edition: unknown, limits: Limits): { what: string; found: number; pos: SourcePos | undefined } | undefined {
  let anchors = 0;
  let elements = 0;
  const values: unknown[] = [edition];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i]);
        depths.push(depth);
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    let inner = depth;
    if (typeof record.kind === 'string') {
      inner = depth + 1;
      const pos = isPos(record.pos) ? record.pos : undefined;
      if (inner > limits.depth) return { what: 'depth', found: inner, pos };
      if (record.kind === 'noteAnchor' && ++anchors > limits.anchors) return { what: 'anchors', found: anchors, pos };
      if (record.kind !== 'text' && ++elements > limits.elements) return { what: 'elements', found: elements, pos };
    }
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'object' && v !== null && key !== 'pos') {
        values.push(v);
        depths.push(inner);
      }
    }
  }
  return undefined;
}

function referenceCount(edition: unknown): number {
  let elements = 0;
  const stack: unknown[] = [edition];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && record.kind !== 'text') elements++;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'object' && v !== null && key !== 'pos') stack.push(v);
    }
  }
  return elements;
}

const ROOT = resolve(import.meta.dirname, '../..');
function models(): Edition[] {
  const files = [
    ...readdirSync(resolve(ROOT, 'input')).map((n) => resolve(ROOT, 'input', n)),
    ...['lia-text', 'mia-markdown', 'mia-html', 'page-text'].flatMap((d) => readdirSync(resolve(ROOT, 'tests/fixtures', d)).map((n) => resolve(ROOT, 'tests/fixtures', d, n))),
  ].filter((f) => /\.(?:txt|md|html?)$/.test(f));
  const out: Edition[] = [];
  for (const file of files) {
    const decoded = decodeInput(readFileSync(file));
    if (!decoded.ok) continue;
    const { model } = convert(decoded.text, { file, validate: false, verify: false });
    if (model) out.push(model);
  }
  return out;
}

/** Limits that trip at several places inside a model of `n` elements, anchors and depth. */
function limitsFor(edition: Edition): Limits[] {
  const n = referenceCount(edition);
  const out: Limits[] = [DEFAULT_LIMITS];
  for (const k of [0, 1, 2, 3, Math.floor(n / 3), Math.floor(n / 2), n - 1, n]) out.push({ ...DEFAULT_LIMITS, elements: Math.max(0, k) });
  for (const k of [0, 1, 2, 5]) out.push({ ...DEFAULT_LIMITS, anchors: k });
  for (const k of [0, 1, 2, 3, 4, 5]) out.push({ ...DEFAULT_LIMITS, depth: k });
  return out;
}

describe('the limit check (for…in walk) finds what the Object.keys walk found', () => {
  const all = models();

  it('reads enough models to mean something', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it('the same first excess (what, count, position) at every limit, and the same element count', () => {
    let tripped = 0;
    for (const ed of all) {
      expect(countElements(ed)).toBe(referenceCount(ed));
      for (const limits of limitsFor(ed)) {
        const want = referenceExceeded(ed, limits);
        const got = exceededLimit(ed, limits);
        expect(got).toEqual(want);
        // The very node: the same position object, not only an equal one.
        expect(got?.pos).toBe(want?.pos);
        if (want) tripped++;
      }
    }
    expect(tripped).toBeGreaterThan(all.length * 10);
  });

  it('an enumerable property someone put on Object.prototype is not walked (as Object.keys would not)', () => {
    const ed = all[0]!;
    const limits = { ...DEFAULT_LIMITS, elements: Math.floor(referenceCount(ed) / 2) };
    const want = referenceExceeded(ed, limits);
    const wantCount = referenceCount(ed);
    const proto = Object.prototype as Record<string, unknown>;
    proto['polluted'] = { kind: 'hi', children: [{ kind: 'hi', children: [] }] };
    try {
      expect(exceededLimit(ed, limits)).toEqual(want);
      expect(countElements(ed)).toBe(wantCount);
    } finally {
      delete proto['polluted'];
    }
  });
});

/**
 * The sanitizer counts the model it leaves against the limits on its own walk, and
 * `convert()` gives that count to `checkModel` instead of walking the model once more. The
 * count must be the limit walk's (`exceededLimit`) on the sanitized model: the same verdict,
 * the same first excess (what, how many, where), for real documents, for documents the
 * sanitizer changes (forbidden characters, unsafe links, empty containers, renamed ids), and
 * under limits small enough that the first excess falls anywhere in the walk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { decodeInput } from '../../src/io/decode.js';
import { placeNoteSections } from '../../src/layout/notes.js';
import { checkModel, countElements, exceededLimit, LimitCount } from '../../src/model/check.js';
import type { Edition } from '../../src/model/edition.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/model/limits.js';
import { sanitizeModel } from '../../src/model/sanitize.js';
import { SourceText } from '../../src/model/source-text.js';
import { detectReader } from '../../src/readers/registry.js';
import { applyTransforms } from '../../src/transforms/index.js';

/** The model convert() hands the sanitizer: read, laid out, transformed. */
function transformed(text: string, file: string): Edition | undefined {
  const reader = detectReader(text)?.reader;
  if (!reader) return undefined;
  const diagnostics = new Diagnostics(file);
  const model = reader.read(text, { file, diagnostics, limits: DEFAULT_LIMITS });
  placeNoteSections(model);
  applyTransforms(model, { diagnostics, source: new SourceText(text), file, limits: DEFAULT_LIMITS });
  return model;
}

function texts(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const dir of ['input', '/work/shared/corpus/mia', '/work/shared/seeds']) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue; // ../shared is not everywhere (CI): the inputs and generated texts remain
    }
    for (const name of names.slice(0, 15)) {
      try {
        const decoded = decodeInput(readFileSync(join(dir, name)));
        if (decoded.ok) out.push({ file: name, text: decoded.text });
      } catch {
        // a folder
      }
    }
  }
  // What the sanitizer changes before it visits the items of a list.
  out.push(
    { file: 'forbidden.md', text: `# T\n\nA\u0001b *c\uFFFE* [d](javascript:x) &#1; e[1]\n\n- \u0002\n\n> q\u0003 [x]()\n\n[1]: n\u0004\n` },
    { file: 'nested.md', text: `# T\n\n${'> '.repeat(12)}deep *a **b \u0005 c** d*\n` },
    { file: 'anchors.md', text: `# T\n\n${Array.from({ length: 30 }, (_, i) => `w${i}[^${i % 7}]`).join(' ')}\n\n${Array.from({ length: 7 }, (_, i) => `[^${i}]: note ${i}\u0006`).join('\n')}\n` },
    { file: 'page.html', text: `<html><body><h1>T</h1><p>a<a href="javascript:1">b</a>\u0007<i>c<b>d</b></i></p><ul></ul><blockquote><p>q&#xFFFE;</p></blockquote></body></html>` },
  );
  return out;
}

/** Limits from the defaults to a few, so the first excess falls at every kind of place. */
const LIMIT_SETS: Limits[] = [
  DEFAULT_LIMITS,
  ...[1, 2, 3, 4, 6, 9].map((depth) => ({ ...DEFAULT_LIMITS, depth })),
  ...[0, 1, 2, 5].map((anchors) => ({ ...DEFAULT_LIMITS, anchors })),
  ...[0, 1, 3, 10, 40, 150].map((elements) => ({ ...DEFAULT_LIMITS, elements })),
  { depth: 5, anchors: 3, elements: 60 },
];

describe('the sanitizer walk counts the limits as exceededLimit does on the model it leaves', () => {
  it('the same first excess (or none) on every document and every set of limits', () => {
    let compared = 0;
    let exceeded = 0;
    for (const { file, text } of texts()) {
      for (const limits of LIMIT_SETS) {
        const model = transformed(text, file);
        if (!model) continue;
        const count = sanitizeModel(model, new Diagnostics(file), limits.elements, new SourceText(text), limits);
        expect(count, file).toBeInstanceOf(LimitCount);
        const walked = exceededLimit(model, limits);
        expect(count!.excess, `${file} ${JSON.stringify(limits)}`).toEqual(walked);
        compared++;
        if (walked) exceeded++;
      }
    }
    expect(compared).toBeGreaterThan(50);
    // The small limits are met: the comparison is of real excesses too.
    expect(exceeded).toBeGreaterThan(compared / 3);
  });

  it('checkModel says the same with the count as with its own walk', () => {
    for (const { file, text } of texts().slice(0, 12)) {
      for (const limits of LIMIT_SETS) {
        const model = transformed(text, file);
        if (!model) continue;
        const count = sanitizeModel(model, new Diagnostics(file), limits.elements, undefined, limits);
        const counted = new Diagnostics(file);
        const walked = new Diagnostics(file);
        expect(checkModel(model, counted, limits, count)).toBe(checkModel(model, walked, limits));
        expect(counted.items).toEqual(walked.items);
      }
    }
  });

  it('without limits the sanitizer counts nothing; convert refuses a model the transforms took beyond the limits', () => {
    const model = transformed('# T\n\nword\n', 't.md')!;
    expect(sanitizeModel(model, new Diagnostics('t.md'))).toBeUndefined();
    // One element as read; three once the sigla transform has made `supplied` (and its emendation record) of `[r]`.
    const r = convert('# T\n\nwo[r]d and more\n', { file: 't.md', verify: false, validate: false, limits: { elements: 2 } });
    const read = convert('# T\n\nword and more\n', { file: 't.md', verify: false, validate: false, limits: { elements: 2 } });
    expect(read.ok).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain('input-too-many-elements');
  });
});

describe('the limit walks read no position', () => {
  it('exceededLimit and countElements never read `pos` (a large source makes a text node\'s position each time it is read)', () => {
    const model = transformed('# T\n\nSome *words* here[1] and [x](http://e.org).\n\n[1]: A note.\n', 't.md')!;
    let reads = 0;
    // Every node's (and record's) position becomes a getter that counts its reads.
    const stack: unknown[] = [model];
    let nodes = 0;
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null) continue;
      if (Array.isArray(v)) {
        stack.push(...v);
        continue;
      }
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record)) if (key !== 'pos') stack.push(record[key]);
      if ('pos' in record) {
        const pos = record.pos;
        nodes++;
        Object.defineProperty(record, 'pos', { enumerable: true, configurable: true, get: () => (reads++, pos) });
      }
    }
    expect(nodes).toBeGreaterThan(10);
    expect(exceededLimit(model, DEFAULT_LIMITS)).toBeUndefined();
    expect(countElements(model)).toBeGreaterThan(2);
    expect(reads).toBe(0);
    // Beyond a limit, the position of the node that goes beyond it is read, once.
    expect(exceededLimit(model, { ...DEFAULT_LIMITS, elements: 2 })?.pos).toBeDefined();
    expect(reads).toBe(1);
  });
});

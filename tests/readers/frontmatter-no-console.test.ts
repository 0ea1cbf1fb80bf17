import { afterEach, describe, expect, it, vi } from 'vitest';
import { convert } from '../../src/index.js';
import { frontMatter } from '../../src/readers/markdown-frontmatter/index.js';
import { Source } from '../../src/readers/shared/source.js';
import { expectValidTei } from '../helpers/tei.js';

// A YAML key that is itself a collection: the yaml library warns that it will be stringified.
const COLLECTION_KEY = '---\n? [ {a: b} ]\n: x\ntitle: A Letter\n---\n\n# A Letter\n\nSome words of the letter here.\n';

describe('front matter the yaml library would warn about', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints nothing to the console: the library emits no process warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(frontMatter(new Source(COLLECTION_KEY))?.data).toHaveProperty('title', 'A Letter');
    expect(warn).not.toHaveBeenCalled();
  });

  it('converts to valid TEI, and what the front matter loses is a diagnostic with a place', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const result = convert(COLLECTION_KEY, { file: 'letter.md' });
    expect(warn).not.toHaveBeenCalled();
    expect(result.tei).toBeDefined();
    const lost = result.diagnostics.find((d) => d.code === 'words-lost');
    expect(lost?.line).toBe(2);
    expectValidTei(result.tei!);
  });
});

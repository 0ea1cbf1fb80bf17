import { beforeAll, describe, expect, test } from 'vitest';
import type { Edition } from '../../src/model/edition.js';
import { writeTei } from '../../src/tei/index.js';
import { expectValidTei, parseTei, xpath } from '../helpers/tei.js';
import { edition, p, t, warmTeiAll } from './build.js';

beforeAll(warmTeiAll, 300_000);

const write = (ed: Edition): string => writeTei(ed, { version: '0.1.0' });

// The writer keeps the state of the document being written between calls (one at a time): nothing of one TEI may leak into the next.
describe('one writer, many documents', () => {
  test('writing A, B, then A again gives A the same bytes, and B holds only its own text', () => {
    const a = edition((ed) => ed.body.blocks.push(p(t('First document.'))));
    const b = edition((ed) => ed.body.blocks.push(p(t('Second document.'))));
    const first = write(a);
    const second = write(b);
    expect(write(a)).toBe(first);
    expectValidTei(first);
    expectValidTei(second);
    const doc = parseTei(second);
    expect(xpath(doc, '/*')).toHaveLength(1);
    expect(second).toContain('Second document.');
    expect(second).not.toContain('First document.');
  });

  test('a write that fails part way leaves nothing behind for the next one', () => {
    // An inline of a kind with no handler makes the writer throw in the middle of the body.
    const broken = edition((ed) => ed.body.blocks.push(p(t('Before.'), { kind: 'nonsense' } as unknown as ReturnType<typeof t>)));
    const good = edition((ed) => ed.body.blocks.push(p(t('After the failure.'))));
    const before = write(good);
    expect(() => write(broken)).toThrow();
    expect(write(good)).toBe(before);
  });
});

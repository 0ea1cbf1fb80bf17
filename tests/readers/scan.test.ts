import { describe, expect, it } from 'vitest';
import { testFrom } from '../../src/readers/scan.js';

// The detectors' fast whole-text test must answer as the pattern itself does.
describe('testFrom', () => {
  const pattern = /<(?:p|h[1-6])[\s>]/i;
  const test = testFrom('<', pattern);
  const texts = [
    '',
    'no tag here',
    '< backward   forward >',
    'a <P class="x">paragraph</P>',
    'text <sup>1</sup> then <h2>',
    'only <span> and <pre>',
    // a flood of `<` before the match: past the places tried one by one, the pattern runs on the rest
    `${'<'.repeat(500)}<p>`,
    `${'<'.repeat(500)}<x>`,
    `${'< '.repeat(100)}<H3 id="a">`,
  ];
  for (const text of texts) {
    it(`gives the pattern's answer on ${JSON.stringify(text.slice(0, 30))}${text.length > 30 ? '…' : ''}`, () => {
      expect(test(text)).toBe(pattern.test(text));
    });
  }

  it('gives the same answer on random texts of tag-like pieces', () => {
    const pieces = ['<', '>', 'p', 'P', ' ', 'h', '1', '7', 'x', '\n', '<p', '<h'];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      let s = '';
      const n = rand(200);
      for (let i = 0; i < n; i++) s += pieces[rand(pieces.length)];
      expect(test(s)).toBe(pattern.test(s));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { SIGLUM_RULES, siglaTransform } from '../../src/transforms/sigla/index.js';
import { buildEdition, modelProblems, show } from './build.js';

function encode(paragraph: string) {
  const ed = buildEdition({ paragraphs: [paragraph] });
  const d = new Diagnostics('t.txt');
  siglaTransform.apply(ed, { diagnostics: d });
  expect(modelProblems(ed)).toEqual([]);
  const p = ed.body.blocks[0]!;
  return { ed, d, text: show(p.kind === 'p' ? p.children : []) };
}

/** Every rule of the siglum table with a text it must encode. */
const EXAMPLES: Record<string, [string, string][]> = {
  'omission: [....], [ ....], […]': [
    ['as follows: [....] and so', 'as follows: <gap omitted [....]/> and so'],
    ['it [ ....] ends', 'it <gap omitted [ ....]/> ends'],
    ['it […] ends', 'it <gap omitted […]/> ends'],
  ],
  'illegible: [illegible], [illegible word], [two words illegible]': [
    ['we must [illegible] the', 'we must <gap illegible [illegible]/> the'],
    ['we must [illegible word] the', 'we must <gap illegible word [illegible word]/> the'],
    ['we must [two words illegible] the', 'we must <gap illegible word [two words illegible]/> the'],
  ],
  'sic: [sic], [sic!]': [
    ['to whitch [sic] Lenin', 'to <sic>whitch</sic> [sic] Lenin'],
    ['a numner [sic!], then', 'a <sic>numner</sic> [sic!], then'],
  ],
  'supplied start of a word': [
    ['in the [18]70s they', 'in the <supplied>18</supplied>70s they'],
    ['the [Bol]sheviks', 'the <supplied>Bol</supplied>sheviks'],
    ['“[T]he workers', '“<supplied>T</supplied>he workers'],
  ],
  'supplied end of a word': [['the Gov[ernment] said', 'the Gov<supplied>ernment</supplied> said']],
};

describe('bracket sigla in the text', () => {
  it('every rule has examples here', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(SIGLUM_RULES.map((r) => r.name).sort());
  });

  for (const [rule, examples] of Object.entries(EXAMPLES)) {
    describe(rule, () => {
      for (const [input, expected] of examples) {
        it(input, () => {
          const { ed, d, text } = encode(input);
          expect(text).toBe(expected);
          expect(d.items.map((i) => i.code)).toEqual(['emendation-applied']);
          expect(ed.emendations[0]?.resp).toBe('#teiwright');
        });
      }
    });
  }

  it('the source editor’s sigla carry no @resp of teiwright', () => {
    const { ed } = encode('the [18]70s, [illegible] and [....]');
    const p = ed.body.blocks[0]!;
    const made = p.kind === 'p' ? p.children.filter((c) => c.kind !== 'text') : [];
    expect(made.map((c) => c.kind)).toEqual(['supplied', 'gap', 'gap']);
    expect(made.every((c) => !('resp' in c))).toBe(true);
  });

  it('positions: a siglum later in the line gets its own column', () => {
    const { ed } = encode('one two [illegible] three');
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && p.children[1]?.pos).toEqual({ line: 3, column: 9 });
  });

  describe('glosses, lone numbers and other brackets stay text', () => {
    for (const input of [
      'the assembly [i.e. the Duma] met',
      'in his book [Statism and Anarchy] he',
      'see note [12] below',
      'the word[12] and',
      'a list [A] of',
      'the end.[1]The next',
      'the year [18]th',
      '[sic] at the start of a line',
      'an unclosed [bracket',
    ]) {
      it(input, () => {
        const { d, text } = encode(input);
        expect(text).toBe(input);
        expect(d.items).toEqual([]);
      });
    }
  });

  it('several sigla in one text node, in order', () => {
    expect(encode('[18]70s and [....] and whitch [sic].').text).toBe('<supplied>18</supplied>70s and <gap omitted [....]/> and <sic>whitch</sic> [sic].');
  });
});

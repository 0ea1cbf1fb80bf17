import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { charForReference, charrefTransform } from '../../src/transforms/charref/index.js';
import { buildEdition, modelProblems, show } from './build.js';

function repair(paragraph: string, noteText?: string) {
  const ed = buildEdition({ paragraphs: [paragraph], ...(noteText !== undefined && { notes: [{ key: '1', text: noteText }] }) });
  const d = new Diagnostics('t.txt');
  charrefTransform.apply(ed, { diagnostics: d });
  expect(modelProblems(ed)).toEqual([]);
  const p = ed.body.blocks[0]!;
  const n = ed.notes[0]?.notes[0]?.blocks[0];
  return { ed, d, text: show(p.kind === 'p' ? p.children : []), note: n?.kind === 'p' ? show(n.children) : '' };
}

describe('broken character references', () => {
  it('&8220; in a note → choice with the original as sic and “ as corr, resp #teiwright', () => {
    const { ed, d, note } = repair('text{1}', 'Lenin added: &8220;(pamphlet).&8221; The end');
    expect(note).toBe('Lenin added: <choice #teiwright><sic>&8220;</sic><corr>“</corr></choice>(pamphlet).<choice #teiwright><sic>&8221;</sic><corr>”</corr></choice> The end');
    expect(d.items.map((i) => [i.code, i.line, i.column])).toEqual([['charref-repaired', 7, 18], ['charref-repaired', 7, 35]]);
    expect(ed.emendations.map((e) => e.kind)).toEqual(['charref', 'charref']);
  });

  it('in the text, with hex digits too, and the pieces keep their columns', () => {
    const { ed, text } = repair('It&x2019;s here &8212; now');
    expect(text).toBe('It<choice #teiwright><sic>&x2019;</sic><corr>’</corr></choice>s here <choice #teiwright><sic>&8212;</sic><corr>—</corr></choice> now');
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && p.children.map((c) => c.pos.column)).toEqual([1, 3, 10, 17, 23]);
  });

  it('in the title: head keeps the reference as sic, the header title gets the character', () => {
    const ed = buildEdition({ title: 'On &8220;Left&8221; Communism', paragraphs: ['Text.'] });
    charrefTransform.apply(ed, { diagnostics: new Diagnostics() });
    expect(show(ed.body.head)).toBe('On <choice #teiwright><sic>&8220;</sic><corr>“</corr></choice>Left<choice #teiwright><sic>&8221;</sic><corr>”</corr></choice> Communism');
    expect(ed.metadata.title).toBe('On “Left” Communism');
  });

  it('leaves proper references, entity names and numbers XML cannot carry as printed', () => {
    const { d, text } = repair('AT&T; &amp; &#8220; &0; &1114112; R&8D');
    expect(text).toBe('AT&T; &amp; &#8220; &0; &1114112; R&8D');
    expect(d.items).toEqual([]);
  });

  it('maps numbers to characters only where XML allows them', () => {
    expect(charForReference('8220')).toBe('“');
    expect(charForReference('x201D')).toBe('”');
    expect(charForReference('55296')).toBeUndefined(); // a lone surrogate
    expect(charForReference('11')).toBeUndefined();
  });
});

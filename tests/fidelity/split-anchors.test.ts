/**
 * The fidelity check knows a note anchor the converter split from the word a browser copy
 * printed it against ("developing1" → "developing<ref type="noteAnchor">1</ref>"): the
 * source's one word is the TEI's word and anchor, not a word lost and two added.
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkFidelity } from '../../src/validate/fidelity.js';

const tei = (body: string, header = '<title>T</title>') =>
  `<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>${header}</teiHeader><text><body>${body}</body></text></TEI>`;
const ref = (n: string) => `<ref type="noteAnchor" xml:id="nref${n}" target="#n${n}">${n}</ref>`;

function check(source: string, teiText: string) {
  const d = new Diagnostics('copy.txt');
  const result = checkFidelity(source, 'text', [], teiText, d);
  return { ...result, messages: d.items.map((x) => x.message) };
}

describe('fidelity: an anchor split from its word', () => {
  it('"developing1" in the source, "developing" and an anchor in the TEI: no word lost or added', () => {
    const r = check('The conflicts now developing1 in India.', tei(`<p>The conflicts now developing${ref('1')} in India.</p>`));
    expect(r.messages).toEqual([]);
    expect(r).toMatchObject({ lost: 0, added: 0 });
  });
  it('an anchor glued to the title, with metadata words (in the header) in the same stretch', () => {
    const r = check('Klavdia Nikolaeva\n\nA Just War1\n\nSource: The Labour Monthly\n\nComrades, the war is just.', tei(`<head>A Just War${ref('1')}</head><p>Comrades, the war is just.</p>`, '<title>A Just War</title><author>Klavdia Nikolaeva</author><bibl>Source The Labour Monthly</bibl>'));
    expect(r.messages).toEqual([]);
  });
  it('a word and a number the TEI prints apart without an anchor are still reported', () => {
    const r = check('The conflicts now developing1 in India.', tei('<p>The conflicts now developing 1 in India.</p>'));
    expect(r.lost).toBe(1);
    expect(r.added).toBe(2);
  });
  it('an anchor after a space in the TEI is no split: "developing1" against "developing 1" is reported', () => {
    const r = check('The conflicts now developing1 in India.', tei(`<p>The conflicts now developing ${ref('1')} in India.</p>`));
    expect(r.lost).toBe(1);
  });
  it('an anchor split from its word never stands for another word: "developing2" is lost', () => {
    const r = check('The conflicts now developing2 in India.', tei(`<p>The conflicts now developing${ref('1')} in India.</p>`));
    expect(r.lost).toBe(1);
    expect(r.messages.join(' ')).toContain('developing2');
  });
});

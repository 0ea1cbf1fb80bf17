/**
 * The engine's reading of what the HTML reader gives as syntax facts (issue 9, "readers
 * syntax only"): note markers and keys, the pairing of anchors with notes, bare markers,
 * and the label/value split of an information line. Each rule both ways.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { infoLineField, labelledInfoField, lastUpdatedField } from '../../src/layout/info.js';
import { dropLabelSpace, dropLeadingLabel, isMarker, linkBareMarkers, markerKey, pairAnchors, type AnchorLink, type NoteLink } from '../../src/layout/note-pairing.js';
import type { Inline, InlineOf, Note } from '../../src/model/edition.js';
import { emptyEdition, plainText } from '../../src/model/walk.js';

const pos = { line: 1, column: 1 };
const text = (t: string): Inline[] => [{ kind: 'text', text: t, pos }];
const anchor = (marker: string): InlineOf<'noteAnchor'> => ({ kind: 'noteAnchor', marker, key: markerKey(marker), pos });
const note = (key: string, series?: string): Note => ({ key, label: `${key}.`, type: 'unknown', place: 'end', blocks: [{ kind: 'p', children: text(`Note ${key}.`), pos }], pos, targets: [], ...(series !== undefined && { series }) });

describe('note markers as printed, and their keys', () => {
  it('takes the printed forms of a marker and gives the key that pairs it', () => {
    for (const [m, key] of [['[1]', '1'], ['(12)', '12'], ['[A]', 'A'], ['*', '*'], ['1.', '1'], ['a.', 'a'], ['1*.', '1*'], ['†', '†'], ['1)', '1'], ['12)', '12']] as const) {
      expect(isMarker(m), m).toBe(true);
      expect(markerKey(m), m).toBe(key);
    }
  });
  it('leaves words, years and long numbers (negative)', () => {
    for (const m of ['1917', 'Note', '[12345]', '****', '(a b)', 'ab.', '1))', '1234)', 'a)b']) expect(isMarker(m), m).toBe(false);
  });
  it('takes the printed label off a note’s first words, and only the label', () => {
    const a = text('1. The strike began in May.');
    dropLeadingLabel(a, '1.');
    expect(plainText(a)).toBe('The strike began in May.');
    const b = text('12. Not this label.');
    dropLeadingLabel(b, '1.');
    expect(plainText(b)).toBe('12. Not this label.');
  });
  it('takes the no-break space after a label element off the note’s words, and nothing else', () => {
    const a = text('\u00a0Sceptical Essays, p. 151.');
    dropLabelSpace(a);
    expect(plainText(a)).toBe('Sceptical Essays, p. 151.');
    const b = text('Sceptical\u00a0Essays');
    dropLabelSpace(b);
    expect(plainText(b)).toBe('Sceptical\u00a0Essays');
  });
});

describe('pairing anchors with notes by their links', () => {
  it('an anchor linking to a note’s name, and a note linking back to an anchor’s name, are paired; an unlinked anchor is not', () => {
    const n1 = note('1');
    const n2 = note('2');
    const links = new Map<Note, NoteLink>([[n1, { names: ['n1'] }], [n2, { names: [], backHref: 'a2' }]]);
    const anchors: AnchorLink[] = [{ node: anchor('[1]'), href: 'n1' }, { node: anchor('[2]'), name: 'a2' }, { node: anchor('[3]'), href: 'n9' }];
    const paired = pairAnchors(links, anchors);
    expect([...paired]).toEqual([n1, n2]);
    expect(anchors.map((a) => a.node.key)).toEqual(['1', '2', '3']);
  });
  it('a link pointing at the wrong note follows the printed marker; a note of a second series gives its series', () => {
    const n1 = note('1');
    const n2 = note('2');
    const star = note('1*', 'b');
    const links = new Map<Note, NoteLink>([[n1, { names: ['n1'] }], [n2, { names: ['n2'] }], [star, { names: ['na'] }]]);
    const wrong: AnchorLink = { node: anchor('[1]'), href: 'n2' };
    const second: AnchorLink = { node: anchor('1*'), href: 'na' };
    pairAnchors(links, [wrong, second]);
    expect(wrong.node.key).toBe('1');
    expect(second.node.series).toBe('b');
  });
});

describe('markers printed without a link', () => {
  const edition = (body: string, keys: string[]) => {
    const ed = emptyEdition('test');
    ed.body.blocks = [{ kind: 'p', children: text(body), pos }];
    ed.notes = [{ notes: keys.map((k) => note(k)), pos }];
    return ed;
  };
  it('the first bare marker of an unpaired note becomes its anchor', () => {
    const ed = edition('The strike [1] goes on [1].', ['1']);
    linkBareMarkers(ed, new Set());
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && p.children.filter((n) => n.kind === 'noteAnchor').length).toBe(1);
  });
  it('a paired note, or two unpaired notes with one key, leave the text alone (negative)', () => {
    const paired = edition('The strike [1] goes on.', ['1']);
    linkBareMarkers(paired, new Set(paired.notes[0]!.notes));
    const ambiguous = edition('The strike [1] goes on.', ['1', '1']);
    linkBareMarkers(ambiguous, new Set());
    for (const ed of [paired, ambiguous]) {
      const p = ed.body.blocks[0]!;
      expect(p.kind === 'p' && p.children.some((n) => n.kind === 'noteAnchor')).toBe(false);
    }
  });
});

describe('a bare marker printed across two inlines', () => {
  const sup = (t: string): Inline => ({ kind: 'hi', rend: 'superscript', children: text(t), pos });
  const em = (t: string): Inline => ({ kind: 'hi', rend: 'italic', children: text(t), pos });
  const edition = (children: Inline[], keys: string[]) => {
    const ed = emptyEdition('test');
    ed.body.blocks = [{ kind: 'p', children, pos }];
    ed.notes = [{ notes: keys.map((k) => note(k)), pos }];
    return ed;
  };
  const para = (ed: ReturnType<typeof edition>): Inline[] => {
    const p = ed.body.blocks[0]!;
    return p.kind === 'p' ? p.children : [];
  };
  it('"Party[" + <sup>1]</sup>, <em>Diet[</em> + <sup>2]</sup>, <sup>[3</sup> + "]": one anchor each, no words lost', () => {
    for (const [children, key] of [
      [[...text('the Party['), sup('1]'), ...text(' in the Assembly')], '1'],
      [[em('The Federal Diet['), sup('2]'), ...text(' is dissolved')], '2'],
      [[...text('no emperor at all.'), sup('[3'), ...text('] and more')], '3'],
    ] as const) {
      const ed = edition([...children], [key]);
      const words = plainText(para(ed)).replace(/[[\]]/g, '');
      linkBareMarkers(ed, new Set());
      const found = para(ed).filter((n): n is InlineOf<'noteAnchor'> => n.kind === 'noteAnchor');
      expect(found.map((a) => [a.marker, a.key]), key).toEqual([[`[${key}]`, key]]);
      expect(plainText(para(ed).filter((n) => n.kind !== 'noteAnchor')) + key, key).toBe(words.replace(key, '') + key);
      expect(para(ed).some((n) => n.kind === 'hi' && n.rend === 'superscript'), key).toBe(false);
    }
  });
  it('a split marker with no waiting note of its key, one with a space inside, or a paired note, leaves the text alone (negative)', () => {
    const cases = [
      edition([...text('the Party['), sup('4]')], ['1']),
      edition([...text('the Party[ '), sup('1]')], ['1']),
      edition([...text('the Party'), sup('1]')], ['1']),
    ];
    for (const ed of cases) linkBareMarkers(ed, new Set());
    const paired = edition([...text('the Party['), sup('1]')], ['1']);
    linkBareMarkers(paired, new Set(paired.notes[0]!.notes));
    for (const ed of [...cases, paired]) expect(para(ed).some((n) => n.kind === 'noteAnchor')).toBe(false);
  });
});

describe('an information line: label and value', () => {
  const rows: Array<[string, string, string, string]> = [
    // line, label, role, value
    ['Source: Collected Works, Vol. 2.', 'Source', 'source', 'Collected Works, Vol. 2.'],
    ['Translated by R. Dixon.', 'Translated by', 'translated', 'R. Dixon.'],
    ['From Forward, 3 May 1913.', 'From', 'source', 'Forward, 3 May 1913.'],
    ['Originally published in Pravda, 1917.', 'Originally published in', 'firstPublished', 'Pravda, 1917.'],
    ['Written by a worker.', 'Written by', 'other', 'a worker.'],
    ['Some words about the strike', '', 'other', 'Some words about the strike'],
  ];
  for (const [line, label, role, value] of rows) {
    it(`"${line}" → ${label === '' ? 'no label' : `"${label}"`}`, () => {
      const f = infoLineField(text(line), pos);
      expect([f.label, f.role, plainText(f.value)]).toEqual([label, role, value]);
    });
  }
  it('a lower-case start, a long phrase before a colon and an unknown word are no label (negative)', () => {
    for (const line of ['see: the appendix', 'This is a very long sentence that happens to have a colon late: yes', 'Moscow 1921']) {
      expect(infoLineField(text(line), pos).label, line).toBe('');
    }
  });
  it('a label set apart by markup: its colon, printed inside or after it, is not in the value; the README bullet goes', () => {
    const f = labelledInfoField('Source', text(': The Militant, 1934 •'), pos);
    expect([f.label, f.role, plainText(f.value)]).toEqual(['Source', 'source', 'The Militant, 1934']);
    expect(labelledInfoField('Source:', text(' The Militant'), pos).label).toBe('Source');
  });
  it('"Last updated on …" gives its label and date; another line keeps its words as the value (negative)', () => {
    const f = lastUpdatedField(text('Last updated on 9.10.2007'), pos);
    expect([f.label, plainText(f.value)]).toEqual(['Last updated on', '9.10.2007']);
    const g = lastUpdatedField(text('Updated in 2007'), pos);
    expect([g.label, plainText(g.value)]).toEqual(['', 'Updated in 2007']);
  });
});

describe('HTML: the space printed after a note anchor', () => {
  const page = (p: string): string =>
    `<html><head><title>The Strike</title></head><body>\n<h1>The Strike</h1>\n<p>${p}</p>\n<p>They will win.</p>\n<h3>Notes</h3>\n<p><a href="#a3" name="n3">[3]</a> The strike began.</p>\n</body></html>\n`;
  const teiOf = (p: string): string => {
    const r = convert(page(p), { file: 'page.html' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    return r.tei!;
  };
  it('stays between the anchor and the next word (the anchor prints its marker)', () => {
    expect(teiOf('The workers struck <sup><a href="#n3" name="a3">[3]</a></sup> in the city.')).toContain('[3]</ref> in the city');
    expect(teiOf('The workers struck <a href="#n3" name="a3">3)</a> in the city.')).toContain('3)</ref> in the city');
  });
  it('is not made where the page printed none (negative)', () => {
    expect(teiOf('The workers struck<sup><a href="#n3" name="a3">[3]</a></sup>, in the city.')).toContain('struck<ref type="noteAnchor" xml:id="nref3" target="#n3">[3]</ref>, in the city');
  });
});

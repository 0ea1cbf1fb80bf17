import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { charrefTransform } from '../../src/transforms/charref/index.js';
import { editorialNotesTransform } from '../../src/transforms/emendations/index.js';
import { buildEdition, modelProblems, show, type NoteSpec } from './build.js';

function encode(paragraph: string, note: NoteSpec | NoteSpec[]): { ed: Edition; d: Diagnostics; text: string } {
  const ed = buildEdition({ paragraphs: [paragraph], notes: Array.isArray(note) ? note : [note] });
  const d = new Diagnostics('t.txt');
  charrefTransform.apply(ed, { diagnostics: d });
  editorialNotesTransform.apply(ed, { diagnostics: d });
  expect(modelProblems(ed)).toEqual([]);
  const p = ed.body.blocks[0]!;
  return { ed, d, text: show(p.kind === 'p' ? p.children : []) };
}

const noteOf = (ed: Edition, key = '1') => ed.notes[0]!.notes.find((n) => n.key === key)!;
const codes = (d: Diagnostics) => d.items.map((i) => i.code);

describe('“X” is written above “Y” → subst', () => {
  const wordings = [
    'The word “organisation” is written above the word “agitation” in the manuscript.—Ed.',
    'The word "organisation" is written above the word "agitation" in the manuscript. – Ed.',
    'organisation is written above agitation in the manuscript.—Ed.',
    'In the manuscript, above the word “agitation” is written “organisation”.—Ed.',
    'Above "agitation", was written "organisation" in the manuscript – Ed.',
  ];
  for (const wording of wordings) {
    it(`reads: ${wording}`, () => {
      const { ed, d, text } = encode('an arena for agitation{1} by the Mensheviks', { key: '1', text: wording });
      expect(text).toBe('an arena for <subst subst-n1><del>agitation</del><add above>organisation</add></subst><ref nref1> by the Mensheviks');
      expect(noteOf(ed).targets).toEqual(['#nref1', '#subst-n1']);
      expect(codes(d)).toEqual(['emendation-applied']);
      expect(d.items[0]!.line).toBe(3); // the anchor's line
      expect(ed.emendations[0]).toMatchObject({ kind: 'subst', resp: '#teiwright', pos: { line: 3, column: 23 } });
    });
  }

  it('keeps punctuation between the word and the anchor outside the subst', () => {
    const { text } = encode('arena for agitation,{1} by', { key: '1', text: '“organisation” is written above “agitation” in the manuscript.' });
    expect(text).toBe('arena for <subst subst-n1><del>agitation</del><add above>organisation</add></subst>,<ref nref1> by');
  });

  it('handles a word written below another, and several words with a line break between them', () => {
    const { text } = encode('the rank and\nfile{1} workers', { key: '1', text: 'The words “masses” are written below the words “rank and file” in the manuscript.—Ed.' });
    expect(text).toBe('the <subst subst-n1><del>rank and\nfile</del><add below>masses</add></subst><ref nref1> workers');
  });

  it('leaves the text alone and warns when the word before the anchor is another', () => {
    const { ed, d, text } = encode('an arena for propaganda{1} by', { key: '1', text: 'The word “organisation” is written above the word “agitation” in the manuscript.—Ed.' });
    expect(text).toBe('an arena for propaganda<ref nref1> by');
    expect(codes(d)).toEqual(['emendation-mismatch']);
    expect(d.items[0]).toMatchObject({ severity: 'warning', line: 3, column: 24 });
    expect(noteOf(ed).targets).toEqual(['#nref1']);
    expect(ed.emendations).toEqual([]);
  });

  it('matches the word exactly: case and part-words do not count', () => {
    expect(codes(encode('for Agitation{1}', { key: '1', text: '“organisation” is written above “agitation”.' }).d)).toEqual(['emendation-mismatch']);
    expect(codes(encode('for counteragitation{1}', { key: '1', text: '“organisation” is written above “agitation”.' }).d)).toEqual(['emendation-mismatch']);
  });

  it('finds the word inside an italic word right before the anchor', () => {
    const ed = buildEdition({ paragraphs: ['an arena for {1}'], notes: [{ key: '1', text: '“organisation” is written above “agitation” in the manuscript.' }] });
    const p = ed.body.blocks[0]!;
    if (p.kind !== 'p') throw new Error('expected a paragraph');
    p.children.splice(1, 0, { kind: 'hi', rend: 'italic', pos: { line: 3, column: 14 }, children: [{ kind: 'text', text: 'agitation', pos: { line: 3, column: 15 } }] });
    editorialNotesTransform.apply(ed, { diagnostics: new Diagnostics() });
    expect(modelProblems(ed)).toEqual([]);
    expect(show(p.children)).toBe('an arena for <hi><subst subst-n1><del>agitation</del><add above>organisation</add></subst></hi><ref nref1>');
  });

  it('ignores authorial notes', () => {
    const { d, text } = encode('for agitation{1}', { key: '1', type: 'authorial', text: '“organisation” is written above “agitation” in the manuscript.—Lenin' });
    expect(text).toBe('for agitation<ref nref1>');
    expect(d.items).toEqual([]);
  });
});

const noteShown = (ed: Edition, key = '1') => {
  const b = noteOf(ed, key).blocks[0]!;
  return b.kind === 'p' ? show(b.children) : '';
};

describe('crossed out → del', () => {
  it('copies crossed-out words that only the note has into the text at the anchor, by teiwright; the note keeps its words', () => {
    const { ed, text } = encode('the non-Party masses{1} and', { key: '1', text: 'Lenin crossed out “and peasants” in the manuscript.—Ed.' });
    expect(text).toBe('the non-Party masses<del>and peasants</del><ref nref1> and');
    const p = ed.body.blocks[0]!;
    const del = p.kind === 'p' ? p.children.find((n) => n.kind === 'del') : undefined;
    expect(del).toMatchObject({ id: 'del-n1', resp: '#teiwright' });
    expect(noteShown(ed)).toBe('Lenin crossed out “and peasants” in the manuscript.—Ed.');
    expect(noteOf(ed).targets).toEqual(['#nref1', '#del-n1']);
    expect(ed.emendations[0]?.description).toContain('copied from the note to the anchor');
  });

  it('wraps the words in the text when they are printed right before the anchor', () => {
    const { ed, text } = encode('the masses and peasants{1} must', { key: '1', text: 'The words "and peasants" are crossed out in the manuscript. – Ed.' });
    expect(text).toBe('the masses <del>and peasants</del><ref nref1> must');
    expect(noteShown(ed)).toBe('The words "and peasants" are crossed out in the manuscript. – Ed.');
  });

  it('reads “struck out” as well', () => {
    const { ed, text } = encode('work{1}', { key: '1', text: '“at once” has been struck out in the manuscript.' });
    expect(text).toBe('work<del>at once</del><ref nref1>');
    expect(noteShown(ed)).toBe('“at once” has been struck out in the manuscript.');
  });
});

describe('added → add with place and hand', () => {
  it('an addition in the margin, no other hand', () => {
    const { ed, text } = encode('the reports{1} are', { key: '1', text: 'Lenin added in the margin: “monthly”.—Ed.' });
    expect(text).toBe('the reports<add margin>monthly</add><ref nref1> are');
    expect(noteShown(ed)).toBe('Lenin added in the margin: “monthly”.—Ed.');
    expect(ed.hands).toEqual([]);
  });

  it('an addition in pencil declares the hand', () => {
    const { ed, text } = encode('the reports{1} are', { key: '1', text: 'The word “monthly” was added in pencil.—Ed.' });
    expect(text).toBe('the reports<add unspecified #h-pencil>monthly</add><ref nref1> are');
    expect(noteShown(ed)).toBe('The word “monthly” was added in pencil.—Ed.');
    expect(ed.hands).toEqual([{ id: 'h-pencil', description: "Writing in pencil, as the source's editors describe it", medium: 'pencil' }]);
  });

  it('words inserted between the lines in another person’s hand, printed in the text before the anchor', () => {
    const { ed, text } = encode('the reports every month{1} are', { key: '1', text: '“every month” is inserted between the lines in Krupskaya’s hand.—Ed.' });
    expect(text).toBe('the reports <add above #h-krupskaya>every month</add><ref nref1> are');
    expect(ed.hands[0]?.id).toBe('h-krupskaya');
  });

  it('quoted words the note does not hold in one piece (split by markup) → warning, nothing encoded', () => {
    const ed = buildEdition({ paragraphs: ['the reports{1}'], notes: [{ key: '1', text: 'Lenin added in the margin: “every month”.' }] });
    const b = ed.notes[0]!.notes[0]!.blocks[0]!;
    if (b.kind !== 'p') throw new Error('expected a paragraph');
    const t = b.children[0]!;
    if (t.kind !== 'text') throw new Error('expected text');
    b.children = [
      { ...t, text: 'Lenin added in the margin: “every ' },
      { kind: 'hi', rend: 'italic', pos: t.pos, children: [{ kind: 'text', text: 'month', pos: t.pos }] },
      { kind: 'text', text: '”.', pos: t.pos },
    ];
    const d = new Diagnostics('t.txt');
    editorialNotesTransform.apply(ed, { diagnostics: d });
    expect(d.items.map((i) => i.code)).toEqual(['emendation-mismatch']);
    expect(ed.emendations).toEqual([]);
    expect(modelProblems(ed)).toEqual([]);
  });
});

describe('illegible → gap or unclear', () => {
  it('a word is illegible → gap at the anchor', () => {
    const { ed, text } = encode('we must{1} the', { key: '1', text: 'The next word is illegible.—Ed.' });
    expect(text).toBe('we must<gap illegible 1word/><ref nref1> the');
    expect(noteOf(ed).targets).toEqual(['#nref1', '#gap-n1']);
  });

  it('two words → quantity 2', () => {
    expect(encode('we must{1}', { key: '1', text: 'Two words are illegible in the manuscript.' }).text).toBe('we must<gap illegible 2word/><ref nref1>');
  });

  it('a reading given and printed before the anchor → unclear', () => {
    expect(encode('the workers and peasants{1} of', { key: '1', text: 'The word is illegible, probably “peasants”.—Ed.' }).text).toBe('the workers and <unclear>peasants</unclear><ref nref1> of');
  });

  it('a reading given but not printed → gap at the anchor; the guess stays in the note', () => {
    const { ed, text } = encode('the workers and{1} of', { key: '1', text: 'The word is illegible, probably “peasants”.—Ed.' });
    expect(text).toBe('the workers and<gap illegible 1word/><ref nref1> of');
    expect(noteShown(ed)).toBe('The word is illegible, probably “peasants”.—Ed.');
    expect(ed.emendations[0]?.description).toContain('“peasants” the note suggests stays in the note');
  });
});

describe('the manuscript breaks off', () => {
  it('→ gap reason="manuscript breaks off" at the anchor', () => {
    const { ed, text } = encode('and on the{1}', { key: '1', text: 'Further the manuscript breaks off.—Ed.' });
    expect(text).toBe('and on the<gap manuscript breaks off/><ref nref1>');
    expect(ed.emendations[0]).toMatchObject({ kind: 'gap', resp: '#teiwright' });
  });
});

describe('notes that only mention a manuscript stay plain notes', () => {
  const plain = [
    'Printed from the manuscript.',
    'The manuscript is kept in the Central Party Archive.—Ed.',
    'Lenin added a postscript to the letter, see p. 12.—Ed.',
    'The word “soviets” is used here in the sense of councils.—Ed.',
    'See the manuscript of the pamphlet, written in 1902.',
  ];
  for (const text of plain) {
    it(text, () => {
      const r = encode('the soviets{1} met', { key: '1', text });
      expect(r.text).toBe('the soviets<ref nref1> met');
      expect(r.d.items).toEqual([]);
      expect(noteOf(r.ed).targets).toEqual(['#nref1']);
    });
  }
});

describe('notes in the style of the Lenin draft letter (1921)', () => {
  const paragraph = 'the work for improving their condition, and on fighting the Mensheviks, who are acting under the guise of non-Party people, etc.{3}';
  const note3 = 'Lenin added in pencil at the end of the manuscript: &8220;(pamphlet on the Socialist-Revolutionaries and Mensheviks. On therights...) .” The last word is illegible Apparently Lenin meant the rights of general meetings.';

  it('note 3: the pencil addition "at the end of the manuscript" is copied to the end of the text, its last word a gap; the note keeps its words', () => {
    const { ed, d, text } = encode(paragraph, { key: '3', text: note3 });
    expect(text.endsWith('etc.<ref nref3><add end #h-pencil>(pamphlet on the Socialist-Revolutionaries and Mensheviks. On therights...<gap illegible 1word/>) .</add>')).toBe(true);
    expect(noteShown(ed, '3')).toBe(
      'Lenin added in pencil at the end of the manuscript: <choice #teiwright><sic>&8220;</sic><corr>“</corr></choice>' +
        '(pamphlet on the Socialist-Revolutionaries and Mensheviks. On therights...) .' +
        '” The last word is illegible Apparently Lenin meant the rights of general meetings.',
    );
    expect(noteOf(ed, '3').targets).toEqual(['#nref3', '#add-n3', '#gap-n3']);
    expect(ed.hands.map((h) => h.medium)).toEqual(['pencil']);
    expect(codes(d)).toEqual(['charref-repaired', 'emendation-applied', 'emendation-applied']);
    expect(d.items[1]).toMatchObject({ line: 3, column: paragraph.indexOf('{3}') + 1 });
  });

  it('note 1 and note 3 together, each at its own anchor', () => {
    const ed = buildEdition({
      paragraphs: ['an arena for agitation{1} by the Mensheviks;', paragraph],
      notes: [
        { key: '1', text: 'The word “organisation” is written above the word “agitation” in the manuscript.—Ed.' },
        { key: '3', text: note3 },
      ],
    });
    const d = new Diagnostics('t.txt');
    charrefTransform.apply(ed, { diagnostics: d });
    editorialNotesTransform.apply(ed, { diagnostics: d });
    expect(modelProblems(ed)).toEqual([]);
    const kinds = (b: (typeof ed.body.blocks)[number]) => (b.kind === 'p' ? b.children.map((n: Inline) => n.kind) : []);
    expect(kinds(ed.body.blocks[0]!)).toEqual(['text', 'subst', 'noteAnchor', 'text']);
    // Note 3's addition stands at the end of the text: after the last paragraph's words.
    expect(kinds(ed.body.blocks[1]!)).toEqual(['text', 'noteAnchor', 'add']);
    expect(ed.emendations.map((e) => e.kind)).toEqual(['charref', 'subst', 'add', 'gap']);
  });
});

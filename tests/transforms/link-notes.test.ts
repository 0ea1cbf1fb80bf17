import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Edition, InlineOf } from '../../src/model/edition.js';
import { classifyNote, classifyNotes } from '../../src/transforms/classify-notes.js';
import { keyToken, linkNotes } from '../../src/transforms/link-notes.js';
import { anchor, at, edition, note, p, t } from '../helpers/build.js';

function link(ed: Edition): Diagnostics {
  const diagnostics = new Diagnostics('doc.txt');
  linkNotes.apply(ed, { diagnostics });
  expect(checkModel(ed, diagnostics)).toBe(true);
  return diagnostics;
}

const anchorsOf = (ed: Edition) =>
  ed.body.blocks.flatMap((b) => (b.kind === 'p' ? b.children : [])).filter((n): n is InlineOf<'noteAnchor'> => n.kind === 'noteAnchor');

describe('link-notes', () => {
  it('links each anchor to its note and the note back, both ways', () => {
    const ed = edition((e) => {
      e.body.head.push(anchor('1'));
      e.body.blocks.push(p(t('took place recently '), anchor('2')));
      e.notes.push({ notes: [note('1', 'First.'), note('2', 'Second.')], pos: at() });
    });
    expect(link(ed).items).toEqual([]);
    const head = ed.body.head[1] as InlineOf<'noteAnchor'>;
    expect(head).toMatchObject({ id: 'nref1', target: '#n1' });
    expect(anchorsOf(ed)[0]).toMatchObject({ id: 'nref2', target: '#n2' });
    expect(ed.notes[0]!.notes.map((n) => [n.id, n.targets])).toEqual([
      ['n1', ['#nref1']],
      ['n2', ['#nref2']],
    ]);
  });

  it('links notes printed out of reading order by their key, not their position', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(t('a'), anchor('2', '[2]'), t('b'), anchor('1', '[1]')));
      e.notes.push({ notes: [note('1', 'One.'), note('2', 'Two.')], pos: at() });
    });
    link(ed);
    expect(anchorsOf(ed).map((a) => a.target)).toEqual(['#n2', '#n1']);
  });

  it('gives a note with two anchors both back-pointers, with distinct anchor ids', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(anchor('1'), t(' and again '), anchor('1')));
      e.notes.push({ notes: [note('1', 'Twice.')], pos: at() });
    });
    link(ed);
    expect(ed.notes[0]!.notes[0]!.targets).toEqual(['#nref1', '#nref1-2']);
  });

  it('keeps an anchor without a note and a note without an anchor, reporting both with positions', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(t('x'), anchor('3', '[3]', at(7, 12))));
      e.notes.push({ notes: [note('1', 'Lonely.', { pos: at(20, 1), label: '[1]' })], pos: at() });
    });
    const d = link(ed);
    expect(d.items.map((x) => [x.code, x.line, x.column])).toEqual([
      ['anchor-orphan', 7, 12],
      ['note-orphan', 20, 1],
    ]);
    expect(anchorsOf(ed)[0]).not.toHaveProperty('target');
    expect(ed.notes[0]!.notes).toHaveLength(1);
  });

  it('keeps two note series apart: anchor 1 of series b goes to note 1 of series b', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(anchor('1'), anchor('1', 'a', at(), 'b')));
      e.notes.push({ notes: [note('1', 'Series one.')], pos: at() });
      e.notes.push({ series: 'b', notes: [note('1', 'Series b.')], pos: at() });
    });
    expect(link(ed).items).toEqual([]);
    expect(anchorsOf(ed).map((a) => a.target)).toEqual(['#n1', '#b-n1']);
  });

  it('reports a duplicate note number and keeps both notes', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(anchor('1')));
      e.notes.push({ notes: [note('1', 'A.'), note('1', 'B.')], pos: at() });
    });
    const codes = link(ed).items.map((d) => d.code);
    expect(codes).toContain('note-duplicate');
    expect(ed.notes[0]!.notes.map((n) => n.id)).toEqual(['n1', 'n1-2']);
  });

  it('makes NCName ids from note signs', () => {
    expect(keyToken('*')).toBe('star');
    expect(keyToken('**')).toBe('starstar');
    expect(keyToken('A')).toBe('A');
  });
});

describe('classify-notes', () => {
  it.each([
    ['The word “organisation” is written above the word “agitation” in the manuscript.—Ed.', 'editorial'],
    ['Printed in the newspaper. – Ed.', 'editorial'],
    ['See above. -- Progress Publishers.', 'editorial'],
    ['This was written in haste.—Lenin', 'authorial'],
    ['I mean the Duma.—*Lenin*', 'authorial'],
    ['Author’s note: the figures are for 1912.', 'authorial'],
    ['Literally, “the moor”.—Trans.', 'translator'],
  ] as const)('%s → %s', (text, type) => {
    expect(classifyNote(text.replace(/\*/g, ''), 'lenin')).toBe(type);
  });

  it('leaves a note without attribution as the reader classified it', () => {
    const ed = edition((e) => {
      e.metadata.author = { name: 'V. I. Lenin', from: 'author-line', pos: at() };
      e.notes.push({ notes: [note('1', 'This document formed the basis of the letter.', { type: 'editorial' }), note('2', 'A remark.—Lenin')], pos: at() });
    });
    classifyNotes.apply(ed, { diagnostics: new Diagnostics() });
    expect(ed.notes[0]!.notes.map((n) => n.type)).toEqual(['editorial', 'authorial']);
  });

  it('does not take a hyphenated word at the end for an attribution', () => {
    expect(classifyNote('He spoke of the so-called non-Party', 'lenin')).toBeUndefined();
  });
});

describe('link-notes on large texts', () => {
  it('numbers many anchors to one note in order, each id unique', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(...Array.from({ length: 5000 }, () => anchor('1'))));
      e.notes.push({ notes: [note('1', 'Often.')], pos: at() });
    });
    link(ed);
    const targets = ed.notes[0]!.notes[0]!.targets;
    expect(new Set(targets).size).toBe(5000);
    expect(targets.slice(0, 3)).toEqual(['#nref1', '#nref1-2', '#nref1-3']);
    expect(targets.at(-1)).toBe('#nref1-5000');
  });

  it('walks a text with more paragraphs than a call can take arguments (bug: push(...spread) overflowed)', () => {
    const ed = edition((e) => {
      for (let i = 0; i < 200_000; i++) e.body.blocks.push({ kind: 'p', children: [{ kind: 'text', text: 'x', pos: { line: i + 1, column: 1 } }], pos: { line: i + 1, column: 1 } });
    });
    expect(() => linkNotes.apply(ed, { diagnostics: new Diagnostics() })).not.toThrow();
  });
});

describe('link-notes in the information block', () => {
  it('links an anchor printed in a metadata line (bug: only the text and notes were visited)', () => {
    const ed = edition((e) => {
      e.metadata.fields.push({ label: 'Source', role: 'source', value: [t('Works, Vol. 2'), anchor('1', '[1]')], pos: at() });
      e.notes.push({ notes: [note('1', 'On the edition.')], pos: at() });
    });
    expect(link(ed).items).toEqual([]);
    expect(ed.metadata.fields[0]!.value[1]).toMatchObject({ id: 'nref1', target: '#n1' });
    expect(ed.notes[0]!.notes[0]!.targets).toEqual(['#nref1']);
  });
});

describe('link-notes: bracketed digits glued to a word, with no note of that number', () => {
  it('`[18]70s` in a document with notes is the editor’s supplied digits, not an orphan anchor', () => {
    const ed = edition((e) => {
      e.body.blocks.push(p(t('in the '), anchor('18', '[18]'), t('70s the movement'), anchor('1', '[1]'), t(' grew')));
      e.notes.push({ notes: [note('1', 'A note.')], pos: at() });
    });
    const d = link(ed);
    const block = ed.body.blocks[0]!;
    const kinds = block.kind === 'p' ? block.children.map((n) => n.kind) : [];
    expect(kinds).toEqual(['text', 'supplied', 'text', 'noteAnchor', 'text']);
    const supplied = block.kind === 'p' ? block.children[1] : undefined;
    expect(supplied).toMatchObject({ kind: 'supplied', children: [{ kind: 'text', text: '18' }] });
    expect(d.items.map((i) => i.code)).toEqual(['emendation-applied']);
    expect(ed.emendations.map((e) => [e.kind, e.resp])).toEqual([['supplied', '#teiwright']]);
    expect(anchorsOf(ed)[0]).toMatchObject({ id: 'nref1', target: '#n1' });
  });

  it('stays an anchor when a note has that number, or when it is glued to a capital (a marker before the next sentence)', () => {
    const withNote = edition((e) => {
      e.body.blocks.push(p(t('in the '), anchor('18', '[18]'), t('70s')));
      e.notes.push({ notes: [note('18', 'Note eighteen.')], pos: at() });
    });
    expect(link(withNote).items).toEqual([]);
    expect(anchorsOf(withNote)[0]).toMatchObject({ target: '#n18' });
    const capital = edition((e) => {
      e.body.blocks.push(p(t('the end.'), anchor('2', '[2]'), t('The next')));
      e.notes.push({ notes: [note('1', 'One.')], pos: at() });
    });
    expect(link(capital).items.map((i) => i.code)).toContain('anchor-orphan');
    expect(anchorsOf(capital)).toHaveLength(1);
  });
});

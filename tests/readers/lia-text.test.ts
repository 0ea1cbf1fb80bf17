import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Block, Edition, Inline } from '../../src/model/edition.js';
import { plainText } from '../../src/model/walk.js';
import { liaTextReader } from '../../src/readers/lia-text/index.js';
import { detectReader } from '../../src/readers/registry.js';
import { CORPUS, SHARED, hasCorpus, skipMessage } from '../helpers/shared.js';

const FIXTURES = new URL('../fixtures/lia-text/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/** Reads a text and checks the model against its schema: every test's edition must conform. */
function read(text: string, file = 'test.txt'): { ed: Edition; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics(file);
  const ed = liaTextReader.read(text, { file, diagnostics });
  const schema = new Diagnostics(file);
  expect(checkModel(ed, schema), schema.items.map((d) => d.message).join('\n')).toBe(true);
  return { ed, diagnostics };
}

const words = (list: readonly Inline[]): string => plainText(list, { anchors: true }).replace(/[\s\u00a0]+/g, ' ').trim();
const blockWords = (b: Block | undefined): string => (b?.kind === 'p' ? words(b.children) : '');
const anchors = (list: readonly Inline[]): Array<{ marker: string; key: string; at: string }> =>
  list.flatMap((n) => (n.kind === 'noteAnchor' ? [{ marker: n.marker, key: n.key, at: `${n.pos.line}:${n.pos.column}` }] : []));
const codes = (d: Diagnostics, code: string): string[] => d.items.filter((x) => x.code === code).map((x) => `${x.line}:${x.column}`);

describe('lia-text: a letter with place-date line, salutation and closing', () => {
  const { ed, diagnostics } = read(fixture('letter-with-salutation.txt'));

  it('takes the author from the author line, squashing its no-break spaces', () => {
    expect(ed.metadata.author).toEqual({ name: 'V. I. Lenin', from: 'author-line', pos: { line: 1, column: 1 } });
  });

  it('reads a one-line title with its anchor', () => {
    expect(ed.metadata.title).toBe('Letter to A. M. Gorky');
    expect(anchors(ed.body.head)).toEqual([{ marker: '[1]', key: '1', at: '3:22' }]);
  });

  it('maps the labels of the information block to roles, keeping the labels as printed', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.role, f.pos.line])).toEqual([
      ['First Published', 'firstPublished', 5],
      ['Source', 'source', 6],
      ['Translated', 'translated', 7],
      ['Transcribed', 'transcribed', 8],
      ['Proofed', 'proofed', 9],
      ['Online Version', 'onlineVersion', 10],
      ['Copyleft', 'licence', 11],
    ]);
    expect(words(ed.metadata.fields[1]!.value)).toBe('Collected Works, Volume 35, pages 12-13.');
    // Metadata values are squashed: no no-break space survives.
    expect(plainText(ed.metadata.fields[1]!.value)).not.toContain('\u00a0');
    expect(ed.metadata.fields[2]!.value[0]!.pos).toEqual({ line: 7, column: 13 });
  });

  it('drops the README link after a bullet from the licence and says where it was', () => {
    const licence = plainText(ed.metadata.fields[6]!.value);
    expect(licence.endsWith('distribute this document.')).toBe(true);
    const readme = ed.dropped.find((d) => d.text.includes('README'));
    expect(readme?.pos).toEqual({ line: 11, column: 122 });
    expect(codes(diagnostics, 'furniture-dropped')).toContain('11:122');
  });

  it('reads the opener: place-date line and salutation, and marks the text as a letter', () => {
    expect(ed.body.divType).toBe('letter');
    expect(words(ed.body.opener?.dateline ?? [])).toBe('Moscow, May 1, 1921');
    expect(words(ed.body.opener?.salute ?? [])).toBe('Dear Comrade Gorky,');
    expect(ed.body.opener?.pos).toEqual({ line: 13, column: 1 });
  });

  it('reads the closer: salute and signature, which are not text paragraphs', () => {
    expect(words(ed.body.closer?.salute ?? [])).toBe('With communist greetings,');
    expect(words(ed.body.closer?.signed ?? [])).toBe('N. Lenin');
    expect(ed.body.closer?.pos).toEqual({ line: 21, column: 1 });
    expect(ed.body.blocks.map(blockWords)).toEqual([
      'I have received your letter[2] about the scientists and passed it on at once.',
      'Please write to me how things stand with the journal.',
    ]);
    expect(ed.body.argument).toEqual([]);
  });

  it('tells the author’s own note ("—Lenin") from the editors’ notes', () => {
    const notes = ed.notes[0]!.notes;
    expect(notes.map((n) => [n.label, n.key, n.type, n.place])).toEqual([
      ['[1]', '1', 'editorial', 'end'],
      ['[2]', '2', 'authorial', 'end'],
    ]);
    expect(notes[1]!.pos).toEqual({ line: 27, column: 1 });
    expect(notes[1]!.blocks[0]!.pos).toEqual({ line: 27, column: 5 });
  });

  it('drops both navigation lines and keeps them out of the text', () => {
    expect(ed.dropped.filter((d) => d.reason === 'navigation footer').map((d) => [d.text, d.pos.line])).toEqual([
      ['< back   forward >', 29],
      ['Letters Index   |   Volume 35 | Collected Works   |   L.I.A. Index', 30],
    ]);
    const all = [...ed.body.blocks, ...ed.notes[0]!.notes.flatMap((n) => n.blocks)].map(blockWords).join(' ');
    expect(all).not.toContain('forward');
    expect(codes(diagnostics, 'furniture-dropped').sort()).toEqual(['11:122', '29:1', '30:1']);
  });
});

describe('lia-text: closing on one line and a dateline at the bottom', () => {
  const { ed } = read(fixture('letter-yours-and-dateline-at-bottom.txt'));

  it('takes a bare "Comrades!" as the salutation', () => {
    expect(ed.body.divType).toBe('letter');
    expect(words(ed.body.opener?.salute ?? [])).toBe('Comrades!');
    expect(ed.body.opener?.dateline).toBeUndefined();
  });

  it('splits "Yours, N. Lenin" into salute and signature, with the columns of each', () => {
    expect(ed.body.closer?.salute).toEqual([{ kind: 'text', text: 'Yours,', pos: { line: 12, column: 1 } }]);
    expect(ed.body.closer?.signed).toEqual([{ kind: 'text', text: 'N. Lenin', pos: { line: 12, column: 8 } }]);
    expect(words(ed.body.closer?.dateline ?? [])).toBe('Gorki, October 3, 1922');
    expect(ed.body.blocks.map(blockWords)).toEqual(['Kindly print the enclosed correction in the next issue.']);
  });

  it('has no notes section when there are no notes', () => {
    expect(ed.notes).toEqual([]);
  });
});

describe('lia-text: notes out of order, over two paragraphs; headnote; unknown label', () => {
  const { ed, diagnostics } = read(fixture('notes-out-of-order-over-two-paragraphs.txt'));

  it('joins a two-line title with one space and keeps its anchor on the second line', () => {
    expect(ed.metadata.title).toBe('Theses on the Agrarian Question in the Rhine Province');
    expect(anchors(ed.body.head)).toEqual([{ marker: '[3]', key: '3', at: '4:22' }]);
  });

  it('keeps an unknown label with role "other" and says so', () => {
    const field = ed.metadata.fields.find((f) => f.label === 'Dedication');
    expect(field?.role).toBe('other');
    expect(codes(diagnostics, 'metadata-unknown-label')).toEqual(['8:1']);
    expect(ed.metadata.fields.find((f) => f.role === 'transcriptionMarkup')?.label).toBe('Transcription\\Markup');
  });

  it('takes the short line set apart by a wider gap as the headnote', () => {
    expect(ed.body.argument.map(blockWords)).toEqual(['From the manuscript.']);
    expect(ed.body.argument[0]!.pos).toEqual({ line: 11, column: 1 });
    expect(ed.body.blocks).toHaveLength(2);
  });

  it('keeps anchors in the order printed, whatever their numbers', () => {
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' ? anchors(p.children) : []).toEqual([
      { marker: '[2]', key: '2', at: '14:31' },
      { marker: '[1]', key: '1', at: '14:71' },
    ]);
  });

  it('runs a note over the paragraphs that follow it until the next label', () => {
    const notes = ed.notes[0]!.notes;
    expect(notes.map((n) => n.key)).toEqual(['1', '2', '3']);
    expect(notes[0]!.blocks.map(blockWords)).toEqual([
      'Here the manuscript breaks off a line.',
      'The editors restored it from the copy in the Cologne archive.',
    ]);
    expect(notes[0]!.blocks[1]!.pos).toEqual({ line: 20, column: 1 });
    // [2] and [3] share a paragraph: each line that opens with a label opens a note.
    expect(notes[2]!.pos).toEqual({ line: 23, column: 1 });
    expect(notes[2]!.type).toBe('editorial');
    expect(notes.every((n) => n.targets.length === 0)).toBe(true);
  });
});

describe('lia-text: no notes, one-line title, no headnote', () => {
  const { ed, diagnostics } = read(fixture('no-notes-one-line-title.txt'));

  it('reads author, title and fields', () => {
    expect(ed.metadata.author?.name).toBe('Rosa Luxemburg');
    expect(ed.metadata.title).toBe('What Does the Spartacus League Want?');
    expect(ed.metadata.fields.map((f) => f.role)).toEqual(['firstPublished', 'transcriptionMarkup']);
  });

  it('keeps the first paragraph in the text when no wider gap sets it apart', () => {
    expect(ed.body.argument).toEqual([]);
    expect(ed.body.blocks.map(blockWords)).toEqual(['The revolution has begun.', 'It will not end until the workers hold power.']);
    expect(ed.notes).toEqual([]);
    expect(ed.body.opener).toBeUndefined();
    expect(ed.body.closer).toBeUndefined();
  });

  it('reports nothing but the dropped footer', () => {
    expect(diagnostics.items.map((d) => d.code)).toEqual(['furniture-dropped']);
  });
});

describe('lia-text: malformed markers', () => {
  const { ed, diagnostics } = read(fixture('malformed-markers.txt'));

  it('keeps an unclosed "[1" and an empty "[]" as text, with a warning at each', () => {
    expect(codes(diagnostics, 'marker-malformed')).toEqual(['7:16', '9:17']);
    expect(blockWords(ed.body.blocks[0])).toBe('The first claim[1 was never closed.');
    const first = ed.body.blocks[0]!;
    expect(first.kind === 'p' ? anchors(first.children) : ['?']).toEqual([]);
  });

  it('keeps an anchor without a note as an anchor (the linking transform reports it)', () => {
    const p = ed.body.blocks[1]!;
    expect(p.kind === 'p' ? anchors(p.children) : []).toEqual([{ marker: '[4]', key: '4', at: '9:34' }]);
    expect(codes(diagnostics, 'anchor-orphan')).toEqual([]);
  });
});

describe('lia-text: notes heading and a label alone on its line', () => {
  const { ed } = read(fixture('notes-with-heading-and-bare-labels.txt'));

  it('keeps the "Notes" heading as the section heading, not as text', () => {
    expect(words(ed.notes[0]!.heading ?? [])).toBe('Notes');
    expect(ed.body.blocks.map(blockWords)).toEqual(['The telegram was sent[1] at night.[2]']);
  });

  it('starts the note’s words on the line after a bare "[1]"', () => {
    const n = ed.notes[0]!.notes[0]!;
    expect(n.pos).toEqual({ line: 12, column: 1 });
    expect(n.blocks.map(blockWords)).toEqual(['Sent from Moscow.']);
    expect(n.blocks[0]!.pos).toEqual({ line: 13, column: 1 });
  });
});

describe('lia-text: the shape of a page, built in the test', () => {
  it('keeps no-break spaces inside the text but not in title or author', () => {
    const { ed } = read('A.\u00a0\u00a0Writer\n\nA\u00a0\u00a0Title\n\nSource: Somewhere\n\nOne\u00a0two.\n');
    expect(ed.metadata.title).toBe('A Title');
    expect(ed.metadata.author?.name).toBe('A. Writer');
    expect(blockWords(ed.body.blocks[0])).toBe('One two.');
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && p.children[0]?.kind === 'text' ? p.children[0].text : '').toBe('One\u00a0two.');
  });

  it('does not open the notes at a text paragraph that begins with an anchor the text has not used yet', () => {
    const { ed } = read('A. Writer\n\nTitle\n\nSource: S\n\nThe first claim.\n\n[2] Here a paragraph opens with its anchor.\n\nThe text goes on.[1]\n\n[1] First note.\n\n[2] Second note.\n');
    expect(ed.body.blocks.map(blockWords)).toEqual(['The first claim.', '[2] Here a paragraph opens with its anchor.', 'The text goes on.[1]']);
    const p = ed.body.blocks[1]!;
    expect(p.kind === 'p' ? anchors(p.children) : []).toEqual([{ marker: '[2]', key: '2', at: '9:1' }]);
    expect(ed.notes[0]!.notes.map((n) => [n.key, n.pos.line])).toEqual([
      ['1', 13],
      ['2', 15],
    ]);
  });

  it('opens the notes at the first labelled paragraph when no anchor points to any note', () => {
    const { ed } = read('A. Writer\n\nTitle\n\nSource: S\n\nText without anchors.\n\n[1] An orphan note.\n');
    expect(ed.body.blocks.map(blockWords)).toEqual(['Text without anchors.']);
    expect(ed.notes[0]!.notes.map((n) => n.key)).toEqual(['1']);
  });

  it('keeps broken character references as text (a transform repairs them)', () => {
    const { ed } = read('A. Writer\n\nTitle\n\nSource: Somewhere\n\nHe said &8220;no&8221; twice.\n');
    expect(blockWords(ed.body.blocks[0])).toBe('He said &8220;no&8221; twice.');
  });

  it('reports a missing title and a missing author', () => {
    const { diagnostics } = read('Source: Somewhere\n\nText.\n');
    expect(diagnostics.items.map((d) => d.code)).toEqual(expect.arrayContaining(['title-missing', 'author-missing']));
  });

  it('keeps a wrapped metadata value on the field above', () => {
    const { ed } = read('A. Writer\n\nTitle\n\nSource: Collected Works,\nVolume 3.\nTranslated: X\n\nText.\n');
    expect(ed.metadata.fields.map((f) => [f.label, words(f.value)])).toEqual([
      ['Source', 'Collected Works, Volume 3.'],
      ['Translated', 'X'],
    ]);
  });

  it('does not mistake a last sentence mentioning a date for a dateline, nor a short last line of a non-letter for a signature', () => {
    const { ed } = read('A. Writer\n\nTitle\n\nSource: S\n\nThe congress opened.\n\nIt closed on May 1, 1921 after long debates.\n\nLong Live The Party\n');
    expect(ed.body.closer).toBeUndefined();
    expect(ed.body.blocks).toHaveLength(3);
  });
});

describe('lia-text: a salutation ending in a colon, a closing without a name, an empty notes heading', () => {
  const { ed, diagnostics } = read(fixture('letter-colon-salutation-empty-notes-heading.txt'));

  it('keeps an empty known field and does not read "Dear Comrades:" as a metadata label', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.value.length])).toEqual([
      ['Published', 1],
      ['Translated', 0],
      ['Transcription\\Markup', 1],
    ]);
    expect(codes(diagnostics, 'metadata-unknown-label')).toEqual([]);
    expect(words(ed.body.opener?.salute ?? [])).toBe('Dear Comrades:');
    expect(ed.body.divType).toBe('letter');
  });

  it('reads a closing salute without a signature', () => {
    expect(words(ed.body.closer?.salute ?? [])).toBe('With Social-Democratic greetings');
    expect(ed.body.closer?.signed).toBeUndefined();
    expect(ed.body.blocks).toHaveLength(2);
  });

  it('drops a "Notes" heading with no note under it, saying so', () => {
    expect(ed.notes).toEqual([]);
    expect(ed.dropped.map((d) => [d.text, d.pos.line])).toEqual([
      ['Notes', 17],
      ['< backward \u00a0 forward >', 19],
    ]);
    expect(codes(diagnostics, 'furniture-dropped').sort()).toEqual(['17:1', '19:1']);
  });
});

describe('lia-text: letter frame and top of page, built in the test', () => {
  it('finds a salutation that opens the first paragraph and keeps the rest of it as text', () => {
    const { ed } = read('A. Writer\n\nTo a Friend\n\nWritten: 1890\n\nDear Friend,\nyour letter came today.\n\nMore news soon.\n');
    expect(ed.body.divType).toBe('letter');
    expect(words(ed.body.opener?.salute ?? [])).toBe('Dear Friend,');
    expect(ed.body.opener?.pos).toEqual({ line: 7, column: 1 });
    expect(ed.body.blocks.map(blockWords)).toEqual(['your letter came today.', 'More news soon.']);
    expect(ed.body.blocks[0]!.pos).toEqual({ line: 8, column: 1 });
  });

  it('does not take a title-case title for an author line', () => {
    const { ed, diagnostics } = read('State and Revolution\n\nThe Teaching of Marxism\n\nWritten: 1917\n\nText.\n');
    expect(ed.metadata.author).toBeUndefined();
    expect(ed.metadata.title).toBe('State and Revolution');
    expect(ed.metadata.subtitle).toBe('The Teaching of Marxism');
    expect(codes(diagnostics, 'author-missing')).toEqual(['1:1']);
  });

  it('keeps a last line that ends with a link in angle brackets: it is text, not navigation', () => {
    const { ed } = read('A. Writer\n\nTitle\n\nSource: S\n\nText.\n\nSee <www.marxists.org>\n');
    expect(ed.dropped).toEqual([]);
    expect(ed.body.blocks.map(blockWords)).toEqual(['Text.', 'See <www.marxists.org>']);
  });
});

describe('lia-text: detection from content', () => {
  it('is sure of its own fixtures', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt') && f.includes('letter'))) {
      expect(liaTextReader.detect(fixture(name)), name).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('is low for markdown and HTML', () => {
    expect(liaTextReader.detect('# Title\n\n*March 1912*\n\n---\n\nSource : *Works*\n\nText <sup>1</sup>.\n')).toBeLessThan(0.3);
    expect(liaTextReader.detect('<html><body><p>Source: x</p><p>[1] note</p></body></html>')).toBeLessThan(0.3);
  });

  it('is chosen by the registry for LIA page text', () => {
    expect(detectReader(fixture('letter-with-salutation.txt'))?.reader.name).toBe('lia-text');
  });

  it.skipIf(!hasCorpus)('is low for the Stalin seed and every HTML/markdown file of the MIA corpus', () => {
    expect(liaTextReader.detect(readFileSync(resolve(SHARED, 'seeds/stalin-1912-for-the-party.txt'), 'utf8'))).toBeLessThan(0.3);
    const files = readdirSync(CORPUS).filter((f) => /\.(?:md|html)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(liaTextReader.detect(readFileSync(resolve(CORPUS, f), 'utf8')), f).toBeLessThan(0.3);
  });
  if (!hasCorpus) it.skip(skipMessage('the MIA corpus'), () => undefined);
});

describe('lia-text: a navigation bar above the author, an unknown first label, a translator’s note', () => {
  const { ed, diagnostics } = read(fixture('header-bar-and-translator-note.txt'));

  it('drops the bar at the top and still finds author and title under it', () => {
    expect(ed.dropped.map((d) => [d.reason, d.pos.line])).toEqual([['navigation header', 1]]);
    expect(ed.metadata.author).toEqual({ name: 'G. Plekhanov', from: 'author-line', pos: { line: 3, column: 1 } });
    expect(ed.metadata.title).toBe('On the Tasks of the Socialists in the Famine');
    expect(codes(diagnostics, 'furniture-dropped')).toEqual(['1:1']);
  });

  it('reads an information block that opens with an unknown label', () => {
    expect(ed.metadata.fields.map((f) => [f.label, f.role])).toEqual([
      ['Original Language', 'other'],
      ['Delivered', 'written'],
      ['Transcribed', 'transcribed'],
    ]);
    expect(codes(diagnostics, 'metadata-unknown-label')).toEqual(['8:1']);
  });

  it('reads a letter key and a "—Trans." note as the translator’s', () => {
    const note = ed.notes[0]!.notes[0]!;
    expect([note.key, note.label, note.type]).toEqual(['a', '[a]', 'translator']);
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' ? anchors(p.children) : []).toEqual([{ marker: '[a]', key: 'a', at: '12:51' }]);
  });
});

/**
 * The layout engine reads the common block stream, whoever made it: these streams are built
 * here, with no reader, to show that the zones come from the engine alone, that it asks the
 * reader's inline syntax only for lines it keeps, and that the hint rows (class names, a
 * block of nothing but links) drop furniture for any reader that sets the hints.
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import type { BlockHints, InlineSyntax, SourceSlice, StreamBlock } from '../../src/layout/blocks.js';
import { layout } from '../../src/layout/engine.js';
import { FURNITURE_CLASSES, HINT_FURNITURE, furnitureByHints } from '../../src/layout/furniture.js';
import { plainText } from '../../src/model/walk.js';
import { parseLiaInlines } from '../../src/readers/shared/lia-inline.js';

let nextLine = 1;
/** A block of one or more lines, numbered in order, a blank line between blocks. */
function block(lines: string[], hints: BlockHints = {}, gapBefore = 1): StreamBlock {
  const out: StreamBlock = { kind: 'para', lines: lines.map((text) => ({ text, line: nextLine++ })), gapBefore, hints };
  nextLine++;
  return out;
}

/** The reader's inline syntax, recording which slices the engine asked for. */
function recordingSyntax(): { syntax: InlineSyntax; asked: SourceSlice[] } {
  const asked: SourceSlice[] = [];
  return { asked, syntax: { inlines: (slice, diagnostics, out, options) => (asked.push(slice), parseLiaInlines(slice, diagnostics, out, options)) } };
}

function page(footer: StreamBlock[]): StreamBlock[] {
  nextLine = 1;
  return [
    block(['MIA > Archive > Lenin']),
    block(['V. I. Lenin']),
    block(['On Strikes[1]']),
    block(['Written: 1899', 'Source: Collected Works, Volume 4']),
    block(['Of late, strikes among workers have become very frequent in Russia.']),
    block(['There is no industrial gubernia in which there have not been several strikes.']),
    block(['[1] This article was written for the newspaper.']),
    ...footer,
  ];
}

describe('layout engine: the zones come from the stream alone', () => {
  it('finds furniture, author, title, information block, text and notes', () => {
    const { syntax, asked } = recordingSyntax();
    const diagnostics = new Diagnostics();
    const ed = layout({ profile: 'lia-text', blocks: page([]), syntax }, diagnostics);
    expect(ed.metadata.author?.name).toBe('V. I. Lenin');
    expect(ed.metadata.title).toBe('On Strikes');
    expect(ed.metadata.fields.map((f) => f.label)).toEqual(['Written', 'Source']);
    expect(ed.body.blocks.map((b) => (b.kind === 'p' ? plainText(b.children) : ''))).toEqual([
      'Of late, strikes among workers have become very frequent in Russia.',
      'There is no industrial gubernia in which there have not been several strikes.',
    ]);
    expect(ed.notes[0]?.notes.map((n) => n.key)).toEqual(['1']);
    // The breadcrumb is dropped with its words and position, and never read as inlines.
    expect(ed.dropped).toEqual([{ text: 'MIA > Archive > Lenin', reason: expect.stringContaining('breadcrumb'), pos: { line: 1, column: 1 } }]);
    expect(asked.some((s) => s.line === 1)).toBe(false);
    expect(diagnostics.items.filter((d) => d.code === 'furniture-dropped')).toHaveLength(1);
  });

  it('drops a block whose syntax says it is navigation (a footer class), whole, with its text', () => {
    const ed = layout({ profile: 'mia-html', blocks: page([block(['Lenin Works', 'Marxists.org'], { classes: ['footer'] })]), syntax: recordingSyntax().syntax }, new Diagnostics());
    expect(ed.dropped.map((d) => d.text)).toEqual(['MIA > Archive > Lenin', 'Lenin Works', 'Marxists.org']);
    expect(ed.dropped[1]!.reason).toBe(HINT_FURNITURE[0]!.why);
  });

  it('keeps the same block when no hint says so (a note runs on over it)', () => {
    const ed = layout({ profile: 'mia-html', blocks: page([block(['Lenin Works', 'Marxists.org'])]), syntax: recordingSyntax().syntax }, new Diagnostics());
    expect(ed.dropped.map((d) => d.text)).toEqual(['MIA > Archive > Lenin']);
    expect(plainText(ed.notes[0]!.notes[0]!.blocks.flatMap((b) => (b.kind === 'p' ? b.children : [])))).toContain('Lenin Works');
  });

  it('drops a short block of nothing but links that names navigation; not without the hint', () => {
    const withHint = layout({ profile: 'mia-html', blocks: page([block(['Letters'], { linksOnly: true })]), syntax: recordingSyntax().syntax }, new Diagnostics());
    expect(withHint.dropped.map((d) => d.text)).toContain('Letters');
    const without = layout({ profile: 'mia-html', blocks: page([block(['Letters'])]), syntax: recordingSyntax().syntax }, new Diagnostics());
    expect(without.dropped.map((d) => d.text)).not.toContain('Letters');
  });
});

describe('layout rules: furniture from hints', () => {
  const EXAMPLES: Record<string, { yes: Array<[string, BlockHints]>; no: Array<[string, BlockHints]> }> = {
    'furniture class': {
      yes: [...FURNITURE_CLASSES].map((c): [string, BlockHints] => ['Anything at all', { classes: ['x', c] }]),
      no: [['Anything at all', { classes: ['title', 'information', 'footnote'] }], ['Anything at all', {}]],
    },
    'navigation links': {
      yes: [['Works Index | Letters', { linksOnly: true }], ['Top of the page', { linksOnly: true }], ['Next', { linksOnly: true }]],
      no: [
        ['Works Index | Letters', { linksOnly: false }],
        ['Capital, Volume One', { linksOnly: true }],
        [`The index of prices ${'rose again and again '.repeat(20)}`, { linksOnly: true }],
      ],
    },
    'template footer table': {
      yes: [['Works Index | Home', { innerClasses: ['footer'] }], ['Anything at all', { innerClasses: ['td', 't2h-foot'] }]],
      no: [['Anything at all', { innerClasses: ['information', 'title'] }], ['Anything at all', { innerClasses: [] }]],
    },
    'navigation element': {
      yes: [['© 2024 World Peace Council Archive', { element: 'footer' }], ['Home Works Letters', { element: 'nav' }]],
      no: [['The text of the speech', { element: 'section' }], ['The text of the speech', { element: 'article' }]],
    },
    'bar of links': {
      yes: [['Deutsch | 1938 translation of Marx’s original | 2002 translation | MECW translation of Engels’ 1888 version', { linksOnly: true }]],
      no: [
        ['Deutsch | 1938 translation of Marx’s original | 2002 translation', { linksOnly: false }],
        ['Capital | Volume One', { linksOnly: true }],
      ],
    },
  };
  it('has examples for every row', () => {
    expect(HINT_FURNITURE.map((r) => r.name).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });
  for (const rule of HINT_FURNITURE) {
    const ex = EXAMPLES[rule.name]!;
    it(`${rule.name}: takes ${ex.yes.length} blocks, leaves ${ex.no.length}`, () => {
      for (const [text, hints] of ex.yes) expect(furnitureByHints(text, hints)?.name, text).toBe(rule.name);
      for (const [text, hints] of ex.no) expect(furnitureByHints(text, hints), text).toBeUndefined();
    });
  }
});

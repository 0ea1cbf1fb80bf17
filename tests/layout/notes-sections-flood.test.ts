/**
 * A megabyte of "Notes" headings, each over one `[1]` note (bench/pathological.ts, "notes
 * headings"): 47,660 notes sections. Each section's lists are copied at their length as it
 * is read (layout/notes.ts, `trimLists`): grown by `push`, a list of one item reserves 17
 * slots, and the page's sections held 23 MB of empty slots until the whole page was read.
 * Shown by allocation: converted (the validation included) in a process whose heap is
 * capped at 96 MB, where before it needed more than 104 MB. The model is the same: the
 * golden outputs and the layout tests read it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { convert } from '../../src/convert.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

describe('a page of notes headings', () => {
  test('1 MB of them converts in a process whose heap is capped at 96 MB', () => {
    const script = `
      const { convert } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/convert.js')).href)});
      const unit = 'Notes\\n\\n[1] The note.\\n\\n';
      const text = 'Title\\n\\nword [1]\\n\\n' + unit.repeat(Math.floor((1 << 20) / unit.length));
      const r = convert(text, { verify: false });
      const s = r.model.notes;
      process.stdout.write(JSON.stringify({ sections: s.length, notes: s.reduce((n, x) => n + x.notes.length, 0), tei: r.tei.length, ok: r.ok }));
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', '--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/out of memory/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ sections: 47_661, notes: 47_661, tei: 7_425_967, ok: true });
  });

  test('the sections read are whole: heading, notes, their paragraphs and inlines', () => {
    const r = convert('Title\n\nBy Someone\n\nThe text [1] and [2] goes on.\n\nNotes\n\n[1] The *note*.\nIts second line.\n\nMore of it.\n\n[2] Two.\n\nNotes\n\n[1] Again.\n');
    const s = r.model!.notes;
    expect(s.map((x) => x.heading?.map((i) => (i.kind === 'text' ? i.text : i.kind)).join(''))).toEqual(['Notes', 'Notes']);
    expect(s.map((x) => x.notes.map((n) => n.blocks.length))).toEqual([[2, 1], [1]]);
    expect(s[0]!.notes[0]!.blocks).toEqual([
      { kind: 'p', children: [{ kind: 'text', text: 'The *note*.\n', pos: { line: 9, column: 5 } }, { kind: 'text', text: 'Its second line.', pos: { line: 10, column: 1 } }], pos: { line: 9, column: 5 } },
      { kind: 'p', children: [{ kind: 'text', text: 'More of it.', pos: { line: 12, column: 1 } }], pos: { line: 12, column: 1 } },
    ]);
  });
});

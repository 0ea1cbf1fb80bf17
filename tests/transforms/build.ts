/**
 * Builds small linked edition models by hand, the way the readers and the note-linking
 * transform leave them: paragraphs whose `{1}` marks become note anchors (`nref1` → `#n1`)
 * and notes that point back (`n1` → `#nref1`). Each paragraph is one source line.
 */
import { Diagnostics } from '../../src/diagnostics.js';
import { checkModel } from '../../src/model/check.js';
import type { Edition, Inline, Note, NoteType } from '../../src/model/edition.js';
import { emptyEdition } from '../../src/model/walk.js';

export interface NoteSpec {
  key: string;
  text: string;
  type?: NoteType;
}

/** `text {1} more` → text, anchor 1, text; positions are the line and the column in that line. */
export function inlines(line: string, lineNo: number): Inline[] {
  const out: Inline[] = [];
  let done = 0;
  for (const m of line.matchAll(/\{([^}]+)\}/g)) {
    if (m.index > done) out.push({ kind: 'text', text: line.slice(done, m.index), pos: { line: lineNo, column: done + 1 } });
    const key = m[1]!;
    out.push({ kind: 'noteAnchor', marker: `[${key}]`, key, id: `nref${key}`, target: `#n${key}`, pos: { line: lineNo, column: m.index + 1 } });
    done = m.index + m[0].length;
  }
  if (done < line.length) out.push({ kind: 'text', text: line.slice(done), pos: { line: lineNo, column: done + 1 } });
  return out;
}

export function buildEdition(spec: { title?: string; paragraphs: string[]; notes?: NoteSpec[]; source?: string }): Edition {
  const ed = emptyEdition('test');
  let line = 1;
  ed.metadata.title = spec.title ?? 'A Test Document';
  ed.body.head = inlines(spec.title ?? 'A Test Document', line++);
  if (spec.source !== undefined) {
    ed.metadata.fields.push({ label: 'Source', role: 'source', value: [{ kind: 'text', text: spec.source, pos: { line, column: 9 } }], pos: { line, column: 1 } });
    line++;
  }
  for (const p of spec.paragraphs) {
    line++;
    ed.body.blocks.push({ kind: 'p', pos: { line, column: 1 }, children: inlines(p, line) });
  }
  if (spec.notes?.length) {
    line += 2;
    const notes: Note[] = spec.notes.map((n) => {
      line += 2;
      const label = `[${n.key}] `;
      return {
        key: n.key, label: `[${n.key}]`, type: n.type ?? 'editorial', place: 'end', pos: { line, column: 1 }, id: `n${n.key}`, targets: [`#nref${n.key}`],
        blocks: [{ kind: 'p', pos: { line, column: label.length + 1 }, children: [{ kind: 'text', text: n.text, pos: { line, column: label.length + 1 } }] }],
      };
    });
    ed.notes.push({ notes, pos: { line: notes[0]!.pos.line, column: 1 } });
  }
  return ed;
}

/** Runs `checkModel` and returns its diagnostics (empty when the model conforms). */
export function modelProblems(ed: Edition): string[] {
  const d = new Diagnostics('t.txt');
  checkModel(ed, d);
  return d.items.map((i) => i.message);
}

/** Compact view of inline content for assertions: text as is, elements as `<kind …>…</kind>`. */
export function show(list: readonly Inline[]): string {
  return list
    .map((n) => {
      switch (n.kind) {
        case 'text':
          return n.text;
        case 'noteAnchor':
          return `<ref ${n.id ?? ''}>`;
        case 'subst':
          return `<subst ${n.id}><del>${show(n.del)}</del><add ${n.place}>${show(n.add)}</add></subst>`;
        case 'choice':
          return `<choice ${n.resp}><sic>${show(n.sic)}</sic><corr>${show(n.corr)}</corr></choice>`;
        case 'gap':
          return `<gap ${n.reason}${n.unit ? ` ${n.quantity ?? ''}${n.unit}` : ''}${n.printed ? ` ${n.printed}` : ''}/>`;
        case 'add':
          return `<add ${n.place}${n.hand ? ` ${n.hand}` : ''}>${show(n.children)}</add>`;
        case 'pb':
        case 'lb':
          return `<${n.kind}/>`;
        default:
          return `<${n.kind}>${show('children' in n ? n.children : [])}</${n.kind}>`;
      }
    })
    .join('');
}

/**
 * What the loader remembers while it walks one document: the notes by id (so anchors get
 * their keys), and what it could not load, reported once per element name at the end
 * (a foreign TEI with 3,000 `persName`s gets one line, not 3,000).
 */
import type { Diagnostics } from '../diagnostics.js';
import type { NoteSection, SourcePos } from '../model/edition.js';
import { textContent, type XElement } from './xml.js';

interface Tally {
  count: number;
  pos: SourcePos;
  words: number;
}

export interface NoteRef {
  key: string;
  series?: string;
}

export class LoadContext {
  /** Elements whose markup was dropped and whose text was kept. */
  private readonly unwrapped = new Map<string, Tally>();
  /** Elements dropped with their text. */
  private readonly skipped = new Map<string, Tally>();
  readonly notesById = new Map<string, NoteRef>();
  /** Notes sections found in the body (printed inside the text), in document order. */
  readonly bodyNoteSections: NoteSection[] = [];

  constructor(readonly diagnostics: Diagnostics) {}

  private tally(map: Map<string, Tally>, where: string, e: XElement): void {
    const t = map.get(where);
    const words = (textContent(e).match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).length;
    if (t) {
      t.count++;
      t.words += words;
    } else map.set(where, { count: 1, pos: e.pos, words });
  }

  /** The element's markup is not in the model; its text is (`where` names it: `persName`, `teiHeader/revisionDesc`). */
  unwrap(e: XElement, where = e.name): void {
    this.tally(this.unwrapped, where, e);
  }

  /** The element and its text are not loaded. */
  skip(e: XElement, where = e.name): void {
    this.tally(this.skipped, where, e);
  }

  /** Reports what was unwrapped and skipped, one diagnostic per element name, in document order. */
  flush(): void {
    const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
    const entries = [
      ...[...this.unwrapped].map(([name, t]) => ({ name, t, skipped: false })),
      ...[...this.skipped].map(([name, t]) => ({ name, t, skipped: true })),
    ].sort((a, b) => a.t.pos.line - b.t.pos.line || a.t.pos.column - b.t.pos.column);
    for (const { name, t, skipped } of entries) {
      if (skipped) {
        const what = t.words > 0 ? `with its ${t.words} ${t.words === 1 ? 'word' : 'words'}` : '(no text)';
        this.diagnostics.report('tei-skipped', `<${name}> (${times(t.count)}) has no place in the edition model and was left out ${what}`, t.pos, t.words > 0 ? 'warning' : 'info');
      } else {
        this.diagnostics.report('tei-unwrapped', `<${name}> (${times(t.count)}) has no place in the edition model: its markup was dropped and its text kept`, t.pos);
      }
    }
  }
}

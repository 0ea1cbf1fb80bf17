/** Small builders for hand-made edition models in the writer's tests. */
import type { Block, Edition, Inline, InlineOf, MetaField, MetaRole, Note } from '../../src/model/edition.js';
import { emptyEdition } from '../../src/model/walk.js';

export const at = { line: 1, column: 1 };

export const t = (text: string): InlineOf<'text'> => ({ kind: 'text', text, pos: at });
export const i = (...children: Inline[]): InlineOf<'hi'> => ({ kind: 'hi', rend: 'italic', children, pos: at });
export const b = (...children: Inline[]): InlineOf<'hi'> => ({ kind: 'hi', rend: 'bold', children, pos: at });
export const anchor = (marker: string, id?: string, target?: string): InlineOf<'noteAnchor'> => ({
  kind: 'noteAnchor',
  marker,
  key: marker.replace(/\D/g, '') || marker,
  pos: at,
  ...(id !== undefined && { id }),
  ...(target !== undefined && { target }),
});
export const p = (...children: Inline[]): Block => ({ kind: 'p', children, pos: at });

export function field(label: string, role: MetaRole, ...value: Array<Inline | string>): MetaField {
  return { label, role, value: value.map((v) => (typeof v === 'string' ? t(v) : v)), pos: { line: 3, column: 1 } };
}

export function note(key: string, blocks: Block[], extra: Partial<Note> = {}): Note {
  return { key, label: `[${key}]`, type: 'editorial', place: 'end', blocks, pos: at, targets: [], ...extra };
}

/** A minimal edition: a title, an author, one paragraph; `change` adjusts it. */
export function edition(change: (ed: Edition) => void = () => {}): Edition {
  const ed = emptyEdition('test-profile');
  ed.metadata.title = 'For the Party';
  ed.metadata.author = { name: 'J. V. Stalin', from: 'author-line', pos: at };
  ed.body.head = [t('For the Party')];
  ed.body.blocks = [p(t('The text.'))];
  change(ed);
  return ed;
}

import { teiAllErrors } from '../helpers/tei.js';
/** Compiles tei_all.rng before the first test (it takes longer than one test's timeout on a busy machine). */
export function warmTeiAll(): void {
  teiAllErrors('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>');
}

/** Tiny builders for hand-made edition models in tests. Positions count up so each node is distinct. */
import type { Block, Edition, Inline, Note, SourcePos } from '../../src/model/edition.js';
import { emptyEdition } from '../../src/model/walk.js';

let line = 1;
export const at = (l?: number, column = 1): SourcePos => ({ line: l ?? line++, column });

export const t = (text: string, pos = at()): Inline => ({ kind: 'text', text, pos });
export const anchor = (key: string, marker = key, pos = at(), series?: string): Inline => ({
  kind: 'noteAnchor',
  marker,
  key,
  pos,
  ...(series !== undefined && { series }),
});
export const p = (...children: Inline[]): Block => ({ kind: 'p', children, pos: at() });
export const note = (key: string, text: string, extra: Partial<Note> = {}): Note => ({
  key,
  label: `${key}.`,
  type: 'unknown',
  place: 'end',
  blocks: [p(t(text))],
  pos: at(),
  targets: [],
  ...extra,
});

export function edition(build: (ed: Edition) => void): Edition {
  const ed = emptyEdition('test');
  ed.metadata.title = 'A Test';
  ed.body.head = [t('A Test')];
  build(ed);
  return ed;
}

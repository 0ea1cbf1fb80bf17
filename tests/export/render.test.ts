/**
 * The text of each kind of emendation in the reading and the diplomatic text, from
 * hand-made models: what the switches promise, one fact per kind.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONVENTIONS, type Conventions } from '../../src/export/conventions.js';
import { renderEdition } from '../../src/export/render.js';
import type { Inline } from '../../src/model/edition.js';
import { at, edition, p, t } from '../helpers/build.js';

const render = (children: Inline[], c: Partial<Conventions> = {}) =>
  renderEdition(
    edition((ed) => {
      ed.body.blocks = [p(...children)];
    }),
    { ...DEFAULT_CONVENTIONS, ...c },
  );
const texts = (children: Inline[], c: Partial<Conventions> = {}): [string, string] => [
  render(children, { ...c, text: 'reading' }).paragraphs[1]!.text,
  render(children, { ...c, text: 'diplomatic' }).paragraphs[1]!.text,
];

describe('reading and diplomatic text', () => {
  it('subst: the added words / the deleted ones', () => {
    expect(texts([t('an arena for '), { kind: 'subst', resp: '#teiwright', del: [t('agitation')], add: [t('organisation')], place: 'above', pos: at() }])).toEqual(['an arena for organisation', 'an arena for agitation']);
  });
  it('del out / in; add and supplied in / out', () => {
    expect(texts([t('a '), { kind: 'del', children: [t('struck ')], pos: at() }, t('word')])).toEqual(['a word', 'a struck word']);
    expect(texts([t('a '), { kind: 'add', place: 'above', children: [t('new ')], pos: at() }, t('word')])).toEqual(['a new word', 'a word']);
    expect(texts([t('Lond'), { kind: 'supplied', children: [t('on')], pos: at() }])).toEqual(['London', 'Lond']);
  });
  it('choice: corr / sic; a lone sic and unclear in both', () => {
    expect(texts([{ kind: 'choice', resp: '#ed-x', sic: [t('whitch')], corr: [t('which')], pos: at() }])).toEqual(['which', 'whitch']);
    expect(texts([{ kind: 'sic', children: [t('numner')], pos: at() }])).toEqual(['numner', 'numner']);
    expect(texts([{ kind: 'unclear', children: [t('rights')], pos: at() }])).toEqual(['rights', 'rights']);
  });
  it('gap: the chosen marker / the sign the source prints', () => {
    const gap: Inline = { kind: 'gap', reason: 'illegible', printed: '[illegible]', pos: at() };
    expect(texts([t('the '), gap, t(' word')], { gap: '<?>' })).toEqual(['the <?> word', 'the [illegible] word']);
  });
  it('records each emendation with its span, who made it, and both readings', () => {
    const r = render([t('for '), { kind: 'subst', id: 's1', resp: '#teiwright', del: [t('agitation')], add: [t('organisation')], place: 'above', pos: at() }, t(' by')]);
    expect(r.emendations).toMatchObject([{ kind: 'subst', id: 's1', resp: '#teiwright', start: 4, end: 16, reading: 'organisation', diplomatic: 'agitation', note: null }]);
  });
  it('a note written in the text is a note, anchored where it stands', () => {
    const r = render([t('text'), { kind: 'inlineNote', place: 'margin', children: [t('a marginal note')], pos: at() }, t(' goes on')]);
    expect(r.paragraphs[1]!.text).toBe('text goes on');
    expect(r.notes).toMatchObject([{ type: 'inline', text: 'a marginal note' }]);
    expect(r.paragraphs[1]!.anchors).toMatchObject([{ at: 4, note: 0 }]);
  });
  it('a line group is one paragraph, a line each; a list one paragraph per item', () => {
    const r = renderEdition(
      edition((ed) => {
        ed.body.blocks = [
          { kind: 'lines', lines: [[t('Arise, ye prisoners')], [t('of starvation!')]], pos: at() },
          { kind: 'list', ordered: true, items: [[t('one')], [t('two')]], pos: at() },
        ];
      }),
      DEFAULT_CONVENTIONS,
    );
    expect(r.paragraphs.slice(1).map((x) => [x.kind, x.text])).toEqual([['lines', 'Arise, ye prisoners\nof starvation!'], ['item', 'one'], ['item', 'two']]);
  });
});

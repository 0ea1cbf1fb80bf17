/**
 * The reading edition's HTML, without a browser: facts of the markup (parsed with parse5),
 * escaping of everything that comes from a transcription, links that cannot run script,
 * one handler per emendation kind, back links to every anchor, same model → same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { renderIndex, renderPage, safeHref, summarise } from '../../src/html/index.js';
import type { Edition, Inline } from '../../src/model/edition.js';
import { anchor, at, edition, note, p, t } from '../helpers/build.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

interface El {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: El[];
  value?: string;
  content?: El;
}

const V = { version: '9.9.9' };

function elements(root: El): El[] {
  const out: El[] = [];
  const stack: El[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.tagName !== undefined) out.push(n);
    // Children pushed last-first, so that elements come out in document order.
    if (n.content) stack.push(n.content);
    const children = n.childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}
const attr = (e: El, name: string): string | undefined => e.attrs?.find((a) => a.name === name)?.value;
const textOf = (e: El): string => (e.nodeName === '#text' ? (e.value ?? '') : (e.childNodes ?? []).map(textOf).join(''));
const dom = (html: string): El => parse(html) as unknown as El;
const byClass = (root: El, cls: string): El[] => elements(root).filter((e) => (attr(e, 'class') ?? '').split(' ').includes(cls));

const seed = (name: string): Edition => {
  const r = convert(readFileSync(resolve(PROJECT_ROOT, 'input', name), 'utf8'), { file: name });
  if (!r.model) throw new Error(`${name}: no model`);
  return r.model;
};

describe('links and escaping', () => {
  it.each([
    ['javascript:alert(1)', undefined],
    ['  JaVaScRiPt:alert(1)', undefined],
    ['java\nscript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['\u0001javascript:alert(1)', undefined],
    ['vbscript:msgbox', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['java script:alert(1)', undefined],
    ['', undefined],
    ['https://www.marxists.org/archive/lenin/', 'https://www.marxists.org/archive/lenin/'],
    ['HTTP://example.org', 'HTTP://example.org'],
    ['mailto:editor@example.org', 'mailto:editor@example.org'],
    ['../works/1921/index.htm', '../works/1921/index.htm'],
    ['#n1', '#n1'],
    ['page.htm?a=b:c', 'page.htm?a=b:c'],
  ])('safeHref(%j) is %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });

  it('escapes every string of the model and never makes an unsafe link an href', () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const ed = edition((e) => {
      e.metadata.title = `Title ${evil}`;
      e.metadata.author = { name: `A "quoted" <b>author</b>`, from: 'author-line', pos: at() };
      e.metadata.language = 'en" onload="alert(1)';
      e.metadata.fields.push({ label: `Written ${evil}`, role: 'written', value: [t(`1921 ${evil}`)], pos: at() });
      e.body.head = [t(evil)];
      e.body.blocks = [
        p(
          t(`text & more ${evil}`),
          { kind: 'link', href: 'javascript:alert(1)', children: [t('bad link')], pos: at() },
          { kind: 'link', href: ' java\tscript:alert(2)', children: [t('bad link 2')], pos: at() },
          { kind: 'link', href: 'https://example.org/?a="b"&c=<d>', children: [t('good link')], pos: at() },
          { kind: 'hi', rend: 'italic', children: [t(evil)], pos: at() },
        ),
      ];
      e.notes = [{ notes: [note('1', evil, { label: evil })], pos: at() }];
    });
    const html = renderPage(ed, V);
    const root = dom(html);
    const all = elements(root);
    // Our one script, nothing else that runs.
    expect(all.filter((e) => e.tagName === 'script')).toHaveLength(1);
    expect(all.filter((e) => e.tagName === 'img')).toHaveLength(0);
    expect(all.flatMap((e) => e.attrs ?? []).filter((a) => a.name.startsWith('on'))).toEqual([]);
    const hrefs = all.map((e) => attr(e, 'href')).filter((h): h is string => h !== undefined);
    expect(hrefs.filter((h) => /script:|data:/i.test(h.replace(/\s/g, '')))).toEqual([]);
    expect(hrefs).toContain('https://example.org/?a="b"&c=<d>');
    // The refused links keep their words.
    const refused = byClass(root, 'link-refused').map(textOf);
    expect(refused).toEqual(['bad link', 'bad link 2']);
    // The words are shown as written, markup characters and all.
    expect(textOf(all.find((e) => e.tagName === 'h1')!)).toBe(evil);
    expect(textOf(all.find((e) => e.tagName === 'title')!)).toContain(`Title ${evil}`);
    expect(attr(all.find((e) => e.tagName === 'html')!, 'lang')).toBe('en" onload="alert(1)');
  });
});

describe('the page', () => {
  it('is self-contained: no external resource, and its policy admits only its own style and script', () => {
    const html = renderPage(seed('lenin-1921-attitude-to-non-party-workers.txt'), V);
    const all = elements(dom(html));
    expect(all.filter((e) => e.tagName === 'link' || e.tagName === 'iframe' || e.tagName === 'img')).toEqual([]);
    expect(all.filter((e) => attr(e, 'src') !== undefined)).toEqual([]);
    const script = textOf(all.find((e) => e.tagName === 'script')!);
    const style = textOf(all.find((e) => e.tagName === 'style')!);
    expect(style).not.toMatch(/url\(|@import/);
    const csp = attr(all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy')!, 'content') ?? '';
    const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(csp).toContain(`default-src 'none'`);
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
  });

  it('has landmarks, one h1, a labelled switch and the citation block of the header', () => {
    const ed = seed('lenin-1921-attitude-to-non-party-workers.txt');
    const root = dom(renderPage(ed, V));
    const all = elements(root);
    for (const tag of ['header', 'main', 'footer', 'nav']) expect(all.some((e) => e.tagName === tag), tag).toBe(true);
    expect(all.filter((e) => e.tagName === 'h1')).toHaveLength(1);
    const button = all.find((e) => attr(e, 'id') === 'tw-view-switch')!;
    expect(button.tagName).toBe('button');
    expect(attr(button, 'type')).toBe('button');
    expect(attr(button, 'aria-pressed')).toBe('false');
    expect(textOf(button)).toBe('Diplomatic view');
    const citation = byClass(root, 'citation')[0]!;
    const dts = elements(citation).filter((e) => e.tagName === 'dt').map(textOf);
    expect(dts.slice(0, 3)).toEqual(['Author', 'Title', 'Written']);
    expect(textOf(byClass(citation, 'cite-author')[0]!)).toBe('V. I. Lenin');
    expect(textOf(byClass(citation, 'cite-date')[0]!)).toBe('Written in April, not later than 27, 1921');
    // The licence verbatim, as the transcription words it.
    const licence = ed.metadata.fields.find((f) => f.role === 'licence')!;
    expect(textOf(byClass(citation, 'cite-licence')[0]!)).toBe((licence.value[0] as Extract<Inline, { kind: 'text' }>).text);
    expect(dts).toContain('Translated');
    expect(dts).toContain('Transcription\\Markup');
  });

  it('the letter parts: opener with dateline and salute, closer with salute and signature', () => {
    const ed = edition((e) => {
      e.body.divType = 'letter';
      e.body.opener = { dateline: [t('London, March 5, 1871')], salute: [t('Dear Friend,')], pos: at() };
      e.body.argument = [p(t('A short argument.'))];
      e.body.blocks = [p(t('Body text.')), { kind: 'heading', level: 1, children: [t('Part Two')], pos: at() }, p(t('More.'))];
      e.body.closer = { salute: [t('Yours,')], signed: [t('K. M.')], pos: at() };
      e.body.publicationNotes = [{ children: [t('Published in 1912')], pos: at() }];
    });
    const root = dom(renderPage(ed, V));
    const text = elements(root).find((e) => attr(e, 'id') === 'tw-text')!;
    expect(attr(text, 'class')).toContain('letter');
    const opener = byClass(text, 'opener')[0]!;
    expect(textOf(byClass(opener, 'dateline')[0]!)).toBe('London, March 5, 1871');
    expect(textOf(byClass(opener, 'salute')[0]!)).toBe('Dear Friend,');
    expect(textOf(byClass(text, 'argument')[0]!)).toContain('A short argument.');
    expect(textOf(elements(text).find((e) => e.tagName === 'h2')!)).toBe('Part Two');
    const closer = byClass(text, 'closer')[0]!;
    expect(textOf(byClass(closer, 'signed')[0]!)).toBe('K. M.');
    expect(textOf(byClass(text, 'publication-note')[0]!)).toBe('Published in 1912');
  });

  it('a notes section printed between two parts of the text stands there, its own paragraph first, linked both ways', () => {
    const ed = edition((e) => {
      e.body.blocks = [p(t('Before the notes'), { ...anchor('1'), id: 'nref1', target: '#n1' } as Inline, t('.'))];
      // Positions count up: the section stands between the first paragraph and the heading made next.
      e.notes = [{ heading: [t('Notes of the translator')], blocks: [p(t('Notes are by the translator.'))], notes: [note('1', 'The in-text note.', { id: 'n1', targets: ['#nref1'] })], pos: at(), inText: true }];
      e.body.blocks.push({ kind: 'heading', level: 1, children: [t('Appendix')], pos: at() }, p(t('After the notes.')));
      e.notes.push({ notes: [note('A', 'A note at the end.', { id: 'nA' })], pos: at() });
    });
    const root = dom(renderPage(ed, V));
    const text = elements(root).find((e) => attr(e, 'id') === 'tw-text')!;
    const order = elements(text).filter((e) => e.tagName === 'p' || e.tagName === 'h2' || e.tagName === 'h3' || e.tagName === 'li').map((e) => textOf(e).trim().slice(0, 16));
    expect(order).toEqual(['Before the notes', 'Notes of the tra', 'Notes are by the', '1.The in-text no', 'The in-text note', 'Appendix', 'After the notes.']);
    const section = byClass(text, 'notes-in-text')[0]!;
    expect(attr(section, 'role')).toBe('doc-endnotes');
    const headingId = attr(section, 'aria-labelledby')!;
    expect(textOf(elements(section).find((e) => attr(e, 'id') === headingId)!)).toBe('Notes of the translator');
    // Anchor → note, note → anchor.
    const ref = elements(text).find((e) => attr(e, 'role') === 'doc-noteref')!;
    expect(attr(ref, 'href')).toBe('#n1');
    const li = elements(section).find((e) => attr(e, 'id') === 'n1')!;
    expect(elements(li).filter((e) => attr(e, 'role') === 'doc-backlink').map((e) => attr(e, 'href'))).toEqual([`#${attr(ref, 'id')}`]);
    // The section at the end stays in the notes after the text, the in-text one is not repeated there.
    const end = elements(root).filter((e) => attr(e, 'aria-labelledby') === 'tw-notes-h')[0]!;
    expect(elements(end).filter((e) => e.tagName === 'li').map((e) => attr(e, 'id'))).toEqual(['nA']);
    expect(elements(root).filter((e) => attr(e, 'id') === 'n1')).toHaveLength(1);
    // The page's "Notes" link leads to the first notes printed.
    const nav = elements(root).find((e) => e.tagName === 'nav')!;
    expect(elements(nav).filter((e) => e.tagName === 'a' && textOf(e) === 'Notes').map((e) => attr(e, 'href'))).toEqual([`#${headingId}`]);
  });

  it('a section in back is not moved into the text (negative)', () => {
    const ed = edition((e) => {
      e.body.blocks = [p(t('Text'), { ...anchor('1'), id: 'nref1', target: '#n1' } as Inline), p(t('More text.'))];
      e.notes = [{ blocks: [p(t('Notes are by the editors.'))], notes: [note('1', 'The note.', { id: 'n1', targets: ['#nref1'] })], pos: at(1) }];
    });
    const root = dom(renderPage(ed, V));
    expect(byClass(root, 'notes-in-text')).toEqual([]);
    const end = elements(root).filter((e) => attr(e, 'aria-labelledby') === 'tw-notes-h')[0]!;
    expect(textOf(byClass(end, 'notes-intro')[0]!).trim()).toBe('Notes are by the editors.');
  });

  it('opener and closer in the order printed: a salutation above the place-date, a place-date above the signature, the postscript after', () => {
    const ed = edition((e) => {
      e.body.divType = 'letter';
      const salute = [t('Dear Friend,')];
      e.body.opener = { salute, dateline: [t('London, 5 May 1890')], saluteFirst: true, pos: at() };
      e.body.blocks = [p(t('Body text.'))];
      const dateline = [t('London, 12 May 1890')];
      e.body.closer = { dateline, signed: [t('F. Engels')], pos: at() };
      e.body.postscript = { blocks: [p(t('P.S. Greetings.'))], pos: at() };
    });
    const root = dom(renderPage(ed, V));
    const text = elements(root).find((e) => attr(e, 'id') === 'tw-text')!;
    expect(elements(byClass(text, 'opener')[0]!).filter((e) => e.tagName === 'p').map((e) => attr(e, 'class'))).toEqual(['salute', 'dateline']);
    expect(elements(byClass(text, 'closer')[0]!).filter((e) => e.tagName === 'p').map((e) => attr(e, 'class'))).toEqual(['dateline', 'signed']);
    const blocks = (text.childNodes ?? []).filter((e) => e.tagName !== undefined).map((e) => attr(e, 'class') ?? e.tagName);
    expect(blocks.slice(-2)).toEqual(['closer', 'postscript']);
  });

  it('links a note back to every anchor that points to it', () => {
    const ed = edition((e) => {
      e.body.blocks = [
        p(t('One'), { ...anchor('1'), id: 'nref1', target: '#n1' } as Inline, t(' two'), { ...anchor('1'), id: 'nref1b', target: '#n1' } as Inline, t(' three'), anchor('9')),
      ];
      e.notes = [{ notes: [note('1', 'The note.', { id: 'n1', targets: ['#nref1', '#nref1b'] })], pos: at() }];
    });
    const root = dom(renderPage(ed, V));
    const li = elements(root).find((e) => attr(e, 'id') === 'n1')!;
    const back = elements(li).filter((e) => attr(e, 'role') === 'doc-backlink').map((e) => attr(e, 'href'));
    expect(back).toEqual(['#nref1', '#nref1b']);
    const refs = elements(root).filter((e) => attr(e, 'role') === 'doc-noteref');
    expect(refs.map((e) => attr(e, 'href'))).toEqual(['#n1', '#n1']);
    // An anchor without a note stays as printed, not a link to nowhere.
    expect(byClass(root, 'unlinked').map(textOf)).toEqual(['9']);
  });

  it('renders each emendation for both views and says who decided', () => {
    const ed = edition((e) => {
      e.editors = [{ id: 'ed-jr', name: 'Jane Roe', role: 'corrections' }];
      e.hands = [{ id: 'h-pencil', description: 'Writing in pencil', medium: 'pencil' }];
      e.body.blocks = [
        p(
          { kind: 'subst', id: 's1', resp: '#teiwright', place: 'above', del: [t('old')], add: [t('new')], pos: at() },
          { kind: 'del', resp: '#teiwright', children: [t('struck')], pos: at() },
          { kind: 'add', resp: '#teiwright', place: 'margin', hand: '#h-pencil', children: [t('added')], pos: at() },
          { kind: 'choice', resp: '#ed-jr', sic: [t('teh')], corr: [t('the')], pos: at() },
          { kind: 'gap', resp: '#teiwright', reason: 'illegible', unit: 'word', quantity: 2, pos: at() },
          { kind: 'supplied', resp: '#teiwright', children: [t('word')], pos: at() },
          { kind: 'sic', children: [t('recieve')], pos: at() },
          { kind: 'unclear', reason: 'faded', children: [t('maybe')], pos: at() },
        ),
      ];
      e.notes = [{ notes: [note('1', 'The word “new” is written above “old”.', { id: 'n1', targets: ['#s1'] })], pos: at() }];
    });
    const root = dom(renderPage(ed, V));
    const em = (kind: string) => byClass(root, `em-${kind}`)[0]!;
    const tip = (e: El) => textOf(elements(root).find((x) => attr(x, 'id') === attr(e, 'aria-describedby'))!);
    const dOnly = (e: El) => byClass(e, 'd').map(textOf);

    const subst = em('subst');
    expect(elements(subst).find((e) => e.tagName === 'del' && attr(e, 'class') === 'd')?.childNodes?.map(textOf)).toEqual(['old']);
    expect(textOf(elements(subst).find((e) => e.tagName === 'ins')!)).toBe('new');
    expect(tip(subst)).toContain('teiwright (the converter)');
    expect(tip(subst)).toContain('from the editors’ note 1.: “The word “new” is written above “old”.”');
    expect(attr(subst, 'tabindex')).toBe('0');

    expect(dOnly(em('del'))).toContain('struck');
    expect(dOnly(em('add'))).toContain(' (margin; pencil)');
    const choice = em('choice');
    expect(byClass(choice, 'r').map(textOf)).toEqual(['the']);
    expect(dOnly(choice)).toEqual(['teh']);
    expect(tip(choice)).toContain('Jane Roe (corrections)');
    expect(tip(em('gap'))).toContain('illegible (2 words)');
    expect(dOnly(em('supplied'))).toEqual(['[', ']']);
    expect(textOf(em('supplied'))).toBe('[word]');
    expect(dOnly(em('sic'))).toEqual([' [sic]']);
    expect(tip(em('unclear'))).toContain('faded');
  });

  it('carries citation metadata for reference managers, and links its TEI when told where it is', () => {
    const root = dom(renderPage(seed('lenin-1921-attitude-to-non-party-workers.txt'), { ...V, teiHref: 'tei/a b#c.xml' }));
    const meta = (name: string) => attr(elements(root).find((e) => e.tagName === 'meta' && attr(e, 'name') === name)!, 'content');
    expect(meta('citation_title')).toBe('Draft of a Letter of the C.C., R.C.P.(B.) on The Attitude to Non-Party Workers');
    expect(meta('citation_author')).toBe('V. I. Lenin');
    // "April, not later than 27, 1921": the month, not a day the words do not name.
    expect(meta('citation_date')).toBe('1921-04');
    expect(meta('DC.rights')).toMatch(/^Lenin Internet Archive \(2003\)\. You may freely copy/);
    const link = elements(root).find((e) => attr(e, 'type') === 'application/tei+xml')!;
    expect(attr(link, 'href')).toBe('tei/a%20b%23c.xml');
  });

  it('same model, same bytes', () => {
    const ed = seed('stalin-1912-for-the-party.txt');
    expect(renderPage(ed, V)).toBe(renderPage(structuredClone(ed), V));
  });
});

describe('the index', () => {
  it('lists editions by date of writing, then author, with safe relative links', () => {
    const mk = (title: string, author: string, written: string | undefined): Edition =>
      edition((e) => {
        e.metadata.title = title;
        e.metadata.author = { name: author, from: 'author-line', pos: at() };
        if (written !== undefined) e.metadata.fields.push({ label: 'Written', role: 'written', value: [t(written)], pos: at() });
      });
    const entries = [
      { href: 'b/late.html', summary: summarise(mk('Late', 'Zetkin', 'March 1921')) },
      { href: 'javascript:alert(1).html', summary: summarise(mk('Undated', 'Adler', undefined)) },
      { href: 'early.html', summary: summarise(mk('Early', 'Marx', 'April 12, 1871')) },
      { href: 'same-year.html', summary: summarise(mk('Same', 'Bebel', 'March 1921')) },
    ];
    const root = dom(renderIndex(entries, V));
    const rows = elements(root).filter((e) => e.tagName === 'tr' && attr(e, 'data-date') !== undefined);
    const ordered = rows;
    expect(ordered.map((r) => attr(r, 'data-title'))).toEqual(['Early', 'Same', 'Late', 'Undated']);
    expect(ordered.map((r) => attr(r, 'data-date'))).toEqual(['1871-04-12', '1921-03', '1921-03', '']);
    const links = ordered.map((r) => attr(elements(r).find((e) => e.tagName === 'a')!, 'href'));
    expect(links).toEqual(['early.html', 'same-year.html', 'b/late.html', 'javascript%3Aalert(1).html']);
  });
});

/**
 * Every corpus document (../shared/corpus/mia and mia-more), as `teiwright html` gets it:
 * converted, written as TEI, loaded back, rendered. Each page is checked as a browser would
 * need it: ids unique, every in-page link lands on an id, every anchor's note has a back
 * link to it, every emendation's description exists, no href with a script scheme; and the
 * page shows every word of the TEI's text (notes and notes sections included).
 * Skipped, with a message, when ../shared is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { renderPage } from '../../src/html/index.js';
import { decodeInput } from '../../src/io/decode.js';
import { loadTei } from '../../src/tei-load/index.js';
import { hasCorpus, SHARED, skipMessage } from '../helpers/shared.js';
import { missingWords, teiWords, words } from '../export/helpers.js';

if (!hasCorpus) console.warn(skipMessage('The MIA corpus (../shared/corpus) for the HTML page checks'));

interface El {
  tagName?: string;
  nodeName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: El[];
}

/** The reading text a reader sees of the edition's text: the article without the citation block and the list of changes (header words, not the TEI's text), no script or style. */
function readableText(root: El): string {
  let out = '';
  const skip = (n: El): boolean => {
    const cls = (n.attrs?.find((a) => a.name === 'class')?.value ?? '').split(' ');
    // `.d`: what only the diplomatic view shows (this is the reading text).
    if (n.attrs?.some((a) => a.name === 'hidden')) return true;
    return n.tagName === 'script' || n.tagName === 'style' || n.tagName === 'head' || cls.includes('d') || cls.includes('citation') || cls.includes('about') || cls.includes('site') || n.tagName === 'footer';
  };
  // Blocks and line breaks part words, as a browser lays them out; inline elements do not.
  const apart = new Set(['br', 'p', 'div', 'li', 'ol', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'blockquote', 'header', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'figure', 'figcaption']);
  const walk = (n: El): void => {
    if (n.nodeName === '#text') out += n.value ?? '';
    if (skip(n)) return;
    if (apart.has(n.tagName ?? '')) out += ' ';
    for (const c of n.childNodes ?? []) walk(c);
    if (apart.has(n.tagName ?? '')) out += ' ';
  };
  walk(root);
  return out;
}

function attributes(root: El): Array<{ tag: string; name: string; value: string }> {
  const out: Array<{ tag: string; name: string; value: string }> = [];
  const stack: El[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const a of n.attrs ?? []) out.push({ tag: n.tagName ?? '', name: a.name, value: a.value });
    for (const c of n.childNodes ?? []) stack.push(c);
  }
  return out;
}

/** The ids of the note anchors (`a.noteref`). */
function noteRefs(root: El): string[] {
  const out: string[] = [];
  const stack: El[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const get = (name: string) => n.attrs?.find((a) => a.name === name)?.value;
    if (n.tagName === 'a' && get('class') === 'noteref') out.push(get('id') ?? '');
    for (const c of n.childNodes ?? []) stack.push(c);
  }
  return out;
}

function corpusFiles(): string[] {
  if (!hasCorpus) return [];
  return ['mia', 'mia-more'].flatMap((folder) => {
    const dir = resolve(SHARED, 'corpus', folder);
    return readdirSync(dir)
      .filter((f) => /\.(html?|md|txt)$/.test(f) && f !== 'README.md')
      .map((f) => resolve(dir, f));
  });
}

describe.skipIf(!hasCorpus)('HTML pages of the whole corpus', () => {
  it('have unique ids, in-page links that land, back links for every anchor, no script links, every word of the text', () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(100);
    const problems: string[] = [];
    let pages = 0;
    let anchors = 0;
    for (const file of files) {
      const decoded = decodeInput(readFileSync(file));
      if (!decoded.ok) continue;
      const tei = convert(decoded.text, { file }).tei;
      if (tei === undefined) continue;
      const edition = loadTei(tei, { file }).edition;
      if (!edition) {
        problems.push(`${file}: the TEI did not load`);
        continue;
      }
      pages++;
      const root = parse(renderPage(edition, { version: 'test' })) as unknown as El;
      const lost = missingWords(teiWords(tei, 'reading', true), words(readableText(root)));
      if (lost.length > 0) problems.push(`${file}: words of the TEI not on the page: ${lost.slice(0, 8).join(' ')}`);
      const attrs = attributes(root);
      const ids = attrs.filter((a) => a.name === 'id').map((a) => a.value);
      const idSet = new Set(ids);
      if (idSet.size !== ids.length) problems.push(`${file}: duplicate ids ${ids.filter((id, i) => ids.indexOf(id) !== i).slice(0, 3).join(', ')}`);
      for (const a of attrs) {
        if (a.name === 'href' && a.value.startsWith('#') && !idSet.has(decodeURIComponent(a.value.slice(1)))) problems.push(`${file}: link ${a.value} lands nowhere`);
        if (a.name === 'href' && /^\s*(javascript|data|vbscript):/i.test(a.value)) problems.push(`${file}: script link ${a.value}`);
        if (a.name === 'aria-describedby' && !idSet.has(a.value)) problems.push(`${file}: description ${a.value} missing`);
      }
      // Every linked anchor is the target of a back link.
      const backTargets = new Set(attrs.filter((a) => a.name === 'href' && a.value.startsWith('#')).map((a) => a.value.slice(1)));
      const noteRefIds = noteRefs(root);
      anchors += noteRefIds.length;
      for (const id of noteRefIds) if (!backTargets.has(id)) problems.push(`${file}: anchor ${id} has no back link`);
    }
    expect(problems).toEqual([]);
    expect(pages).toBeGreaterThan(100);
    // 397 linked anchors when this was written; far fewer means pages lost their anchors.
    expect(anchors).toBeGreaterThan(300);
  });
});

/**
 * Markdown conversions of MIA pages with a YAML front matter: pandoc markdown in a Jekyll
 * mirror (`layout:`, usually an empty `title:`; the title is the page's heading) and Hugo
 * markdown (`title:`, `author:`, `works:`, `attributions:`; the title is the front matter's).
 */
import { parse as parseYaml } from 'yaml';
import { Diagnostics } from '../../diagnostics.js';
import type { Dropped, Edition, MetaField, SourcePos } from '../../model/edition.js';
import { squash } from '../../model/walk.js';
import type { Reader, ReaderContext } from '../reader.js';
import { layout } from '../../layout/engine.js';
import type { FrontMatterFacts } from '../../layout/marked.js';
import { markdownStream } from '../shared/stream.js';
import { parseInlines } from '../shared/inline.js';
import { trimInlines } from '../shared/metadata.js';
import { Source } from '../shared/source.js';

export interface FrontMatter {
  /** 0-based line after the closing `---`. */
  bodyLine: number;
  data: Record<string, unknown>;
}

/** The YAML between a leading `---` line and the next `---` line, or undefined. */
export function frontMatter(src: Source): FrontMatter | undefined {
  if (src.line(0).trim() !== '---') return undefined;
  for (let i = 1; i < src.lineCount && i < 400; i++) {
    if (src.line(i).trim() === '---') {
      let data: unknown;
      try {
        // logLevel 'error': the yaml library would print its warnings (e.g. a key that is a
        // list) to the console from inside the library; what the front matter loses shows
        // up as words-lost, with a place, like any other loss.
        data = parseYaml(src.text.slice(src.lineStart(1), src.lineStart(i)), { logLevel: 'error' });
      } catch {
        return undefined;
      }
      return { bodyLine: i + 1, data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {} };
    }
  }
  return undefined;
}

export function detectMarkdownFrontmatter(text: string): number {
  const head = text.slice(0, 20000);
  // A front matter opens with a `---` line: without one, no line table is built.
  const firstEnd = head.indexOf('\n');
  const fm = (firstEnd < 0 ? head : head.slice(0, firstEnd)).trim() === '---' ? frontMatter(new Source(head)) : undefined;
  // Without a front matter, pandoc's own syntax still marks a converted page (each
  // alternative has a `]{` or twenty dashes: the cheap test first).
  if (!fm) return (head.includes(']{') || head.includes('--------------------')) && /\]\{\.info[^}]*\}|^-{20,}\s*$|\]\{#[\w:.-]+\}/m.test(head) ? 0.6 : 0;
  let score = 0.5;
  if ('title' in fm.data) score += 0.2;
  if ('layout' in fm.data || 'attributions' in fm.data || 'author' in fm.data) score += 0.2;
  if (/\]\{\.info|\{#[\w-]+\}|^#{1,6} /m.test(head)) score += 0.1;
  return Math.min(1, score);
}

/** The 1-based position of the value of `key:` in the front matter (YAML gives values, not places). */
function keyPos(src: Source, fm: FrontMatter, key: string): { pos: SourcePos; line: number } | undefined {
  for (let i = 1; i < fm.bodyLine - 1; i++) {
    const m = new RegExp(`^${key}:\\s*`).exec(src.line(i));
    if (m) return { pos: { line: i + 1, column: m[0].length + 1 }, line: i };
  }
  return undefined;
}

/** "vladimir lenin" → "Vladimir Lenin"; names already capitalised are kept as printed. */
function nameCase(name: string): string {
  return name === name.toLowerCase() ? name.replace(/(^|[\s.-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : name;
}

/** One top-level `key: value` of the front matter: where its value stands in the source. */
export interface FrontEntry {
  key: string;
  /** Offsets of the value as printed (YAML quotes and a block scalar's `>` left out). */
  start: number;
  end: number;
  pos: SourcePos;
}

/** The top-level keys of the front matter in source order, each with the source range of its value. */
export function frontEntries(src: Source, fm: FrontMatter): FrontEntry[] {
  const out: FrontEntry[] = [];
  const last = fm.bodyLine - 1; // the closing `---`
  for (let i = 1; i < last; i++) {
    const m = /^([A-Za-z_][\w-]*):[ \t]*/.exec(src.line(i));
    if (!m) continue;
    let start = src.lineStart(i) + m[0].length;
    let end = src.lineEnd(i);
    // A block scalar (`>`, `|`) or a nested value continues on the indented lines below.
    let j = i + 1;
    while (j < last && (/^[ \t]/.test(src.line(j)) || !src.line(j).trim())) j++;
    if (j > i + 1) {
      if (/^[>|][-+]?\s*$/.test(src.text.slice(start, end))) start = src.lineStart(i + 1);
      end = src.lineEnd(j - 1);
    }
    let text = src.text.slice(start, end);
    const lead = text.length - text.trimStart().length;
    start += lead;
    end = start + text.trim().length;
    text = src.text.slice(start, end);
    // `"quoted"` or `'quoted'`: the quotes are YAML, not the value.
    if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0]) {
      start++;
      end--;
    }
    out.push({ key: m[1]!, start, end, pos: src.pos(start) });
    i = j - 1;
  }
  return out;
}

/**
 * Keys the site engine reads to place and show the page (Jekyll, just-the-docs, Hugo):
 * `layout: default`, `permalink`, `parent`, `nav_order`, `weight`, `pagename` (the page's
 * name in the site's menus), `hidetitle`. Their values are the mirror's furniture, not words
 * of the document.
 */
const SITE_KEYS = new Set([
  'layout', 'permalink', 'parent', 'grand_parent', 'nav_order', 'nav_exclude', 'has_children', 'has_toc', 'weight',
  'pagename', 'hidetitle', 'slug', 'url', 'aliases', 'draft', 'type', 'menu', 'toc', 'sitemap', 'redirect_from',
]);

/** Keys read elsewhere: the title and the author. */
const READ_KEYS = new Set(['title', 'author']);

/**
 * The front matter's other keys: site furniture is dropped (one report per key, with its
 * place); every key with words of its own is kept as a metadata field: `attributions` (the
 * link back to MIA, publication lines) as the source, `description`, `works`, `subworks`,
 * `tags` and any unknown key as notes.
 */
function frontFields(src: Source, fm: FrontMatter, ctx: ReaderContext, ed: { dropped: Dropped[] }): MetaField[] {
  const fields: MetaField[] = [];
  for (const e of frontEntries(src, fm)) {
    if (READ_KEYS.has(e.key)) continue;
    const raw = src.text.slice(e.start, e.end);
    const empty = !/[\p{L}\p{N}]/u.test(raw);
    if (SITE_KEYS.has(e.key) || empty) {
      const reason = empty ? `empty front-matter key "${e.key}"` : `site front-matter key "${e.key}"`;
      ed.dropped.push({ text: raw, reason, pos: e.pos });
      ctx.diagnostics.report('furniture-dropped', `${reason} dropped${raw ? `: ${squash(raw).slice(0, 60)}` : ''}`, e.pos);
      continue;
    }
    const value = trimInlines(parseInlines({ src, diagnostics: ctx.diagnostics }, e.start, e.end));
    const role = e.key === 'attributions' ? 'source' : 'other';
    if (role === 'other' && !KNOWN_NOTE_KEYS.has(e.key)) {
      ctx.diagnostics.report('metadata-unknown-label', `front-matter key "${e.key}" is unknown; kept with role other`, e.pos);
    }
    fields.push({ label: e.key, role, value, pos: e.pos });
  }
  return fields;
}

/** Front-matter keys of the Hugo mirror kept as notes on the document (notesStmt). */
const KNOWN_NOTE_KEYS = new Set(['description', 'works', 'subworks', 'tags', 'date', 'title']);

export const markdownFrontmatter: Reader = {
  name: 'markdown-frontmatter',
  description: 'pandoc or Hugo markdown copies of MIA pages with a YAML front matter (title:, author:, attributions:)',
  markup: 'markdown',
  detect: detectMarkdownFrontmatter,
  read(text: string, ctx: ReaderContext): Edition {
    const src = new Source(text);
    const fm = frontMatter(src);
    const data = fm?.data ?? {};
    const str = (k: string): string | undefined => (typeof data[k] === 'string' && (data[k] as string).trim() ? (data[k] as string).trim() : undefined);
    const title = str('title');
    const author = str('author');
    const hugo = fm !== undefined && !('layout' in data);
    const dropped: Dropped[] = [];
    const fields = fm ? frontFields(src, fm, ctx, { dropped }) : [];
    const titleEntry = fm && frontEntries(src, fm).find((e) => e.key === 'title');
    const authorPos = fm && keyPos(src, fm, 'author');
    const facts: FrontMatterFacts = { fields, titleWins: hugo };
    if (title && titleEntry) {
      facts.title = { text: title.replace(/\*/g, ''), pos: titleEntry.pos };
      facts.titleField = { label: 'title', role: 'other', value: trimInlines(parseInlines({ src, diagnostics: new Diagnostics() }, titleEntry.start, titleEntry.end)), pos: titleEntry.pos };
    }
    if (author && authorPos) facts.author = { name: nameCase(author), pos: authorPos.pos };
    const ed = layout(markdownStream(src, fm?.bodyLine ?? 0, ctx.diagnostics, 'markdown-frontmatter', facts, ctx.limits), ctx.diagnostics);
    ed.dropped.unshift(...dropped);
    return ed;
  },
};

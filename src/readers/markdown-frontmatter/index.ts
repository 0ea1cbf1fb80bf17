/**
 * Markdown conversions of MIA pages with a YAML front matter: pandoc markdown in a Jekyll
 * mirror (`layout:`, usually an empty `title:`; the title is the page's heading) and Hugo
 * markdown (`title:`, `author:`, `works:`, `attributions:`; the title is the front matter's).
 */
import { parse as parseYaml } from 'yaml';
import type { Edition, MetaField, SourcePos } from '../../model/edition.js';
import type { Reader, ReaderContext } from '../reader.js';
import { readMarkdownDocument } from '../shared/document.js';
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
        data = parseYaml(src.text.slice(src.lineStart(1), src.lineStart(i)));
      } catch {
        return undefined;
      }
      return { bodyLine: i + 1, data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {} };
    }
  }
  return undefined;
}

export function detectMarkdownFrontmatter(text: string): number {
  const src = new Source(text.slice(0, 20000));
  const fm = frontMatter(src);
  // Without a front matter, pandoc's own syntax still marks a converted page.
  if (!fm) return /\]\{\.info[^}]*\}|^-{20,}\s*$|\]\{#[\w:.-]+\}/m.test(text.slice(0, 20000)) ? 0.6 : 0;
  let score = 0.5;
  if ('title' in fm.data) score += 0.2;
  if ('layout' in fm.data || 'attributions' in fm.data || 'author' in fm.data) score += 0.2;
  if (/\]\{\.info|\{#[\w-]+\}|^#{1,6} /m.test(text.slice(0, 20000))) score += 0.1;
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

/** Hugo's `attributions:` block: the link back to MIA and publication lines, kept as one source field. */
function attributionField(src: Source, fm: FrontMatter, ctx: ReaderContext): MetaField | undefined {
  const at = keyPos(src, fm, 'attributions');
  if (!at) return undefined;
  let first = at.line + 1;
  let start = src.lineStart(at.line) + at.pos.column - 1;
  if (/^[>|][-+]?\s*$/.test(src.line(at.line).slice(at.pos.column - 1))) start = src.lineStart(first);
  else first = at.line;
  let last = at.line;
  for (let i = first; i < fm.bodyLine - 1; i++) {
    if (i > at.line && !/^\s/.test(src.line(i))) break;
    last = i;
  }
  if (last < first && first !== at.line) return undefined;
  const value = trimInlines(parseInlines({ src, diagnostics: ctx.diagnostics }, start, src.lineEnd(last)));
  return value.length ? { label: 'attributions', role: 'source', value, pos: at.pos } : undefined;
}

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
    const fields: MetaField[] = [];
    if (fm) {
      const attr = attributionField(src, fm, ctx);
      if (attr) fields.push(attr);
    }
    const titlePos = fm && keyPos(src, fm, 'title');
    const authorPos = fm && keyPos(src, fm, 'author');
    return readMarkdownDocument(src, ctx, {
      profile: 'markdown-frontmatter',
      firstLine: fm?.bodyLine ?? 0,
      ...(title && titlePos ? { frontTitle: { text: title.replace(/\*/g, ''), pos: titlePos.pos } } : {}),
      titleFromFront: hugo,
      ...(author && authorPos ? { frontAuthor: { name: nameCase(author), pos: authorPos.pos } } : {}),
      frontFields: fields,
    });
  },
};

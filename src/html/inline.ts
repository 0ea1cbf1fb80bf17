/**
 * Inline content → HTML. One handler per inline kind of the model, in a table typed over
 * every kind (as the TEI writer's): a new node kind does not compile until it has one.
 *
 * Both views are in the page at once. Text only the diplomatic view shows (a deletion, a
 * `sic`, the brackets of `supplied`) has class `d`; text only the reading view shows (a
 * correction) has class `r`. The stylesheet hides `.d` unless `<main>` has class
 * `diplomatic`, so without JavaScript the reader gets the reading text.
 */
import type { Block, Inline, InlineKind, InlineOf, SourcePos } from '../model/edition.js';
import { handName, sourceNote, whoDecided, type RenderContext } from './context.js';
import { classToken, esc, safeHref } from './escape.js';
import { isBefore } from '../tei/text.js';

type Handler<K extends InlineKind> = (node: InlineOf<K>, ctx: RenderContext) => string;

const HI_TAG: Record<InlineOf<'hi'>['rend'], readonly [string, string]> = {
  italic: ['<i>', '</i>'],
  bold: ['<b>', '</b>'],
  'bold italic': ['<b><i>', '</i></b>'],
  underline: ['<u>', '</u>'],
  superscript: ['<sup>', '</sup>'],
  smallcaps: ['<span class="smallcaps">', '</span>'],
  initial: ['<span class="initial">', '</span>'],
};

/**
 * An emendation: focusable, described by its tooltip (kept in a hidden list at the end of
 * the page, so that it is read by screen readers and shown by CSS on hover and focus, but
 * never runs into the text when styles are off).
 */
function emendation(kind: string, ctx: RenderContext, description: string, resp: string | undefined, id: string | undefined, inner: string): string {
  const from = sourceNote(ctx, id);
  const tip = `${description} Decided by ${whoDecided(ctx, resp)}${from ? `, ${from}` : ''}.`;
  ctx.tips.push(tip);
  const n = ctx.tips.length;
  return `<span class="em em-${kind}" tabindex="0" aria-describedby="tw-tip-${n}" data-tip="${esc(tip)}"${id !== undefined ? ` id="${esc(id)}"` : ''}>${inner}</span>`;
}

/** "above", "above; pencil": where an addition stands and in which hand, shown raised in the diplomatic view. */
function addition(children: string, place: string, hand: string | undefined, ctx: RenderContext): string {
  const handText = handName(ctx, hand);
  const where = [place, handText].filter((s): s is string => s !== undefined && s !== '').join('; ');
  return `<ins class="add place-${classToken(place) || 'unknown'}">${children}</ins>${where !== '' ? `<span class="d where"> (${esc(where)})</span>` : ''}`;
}

const quote = (inlines: readonly Inline[]): string => `“${plain(inlines)}”`;

/** Plain text for descriptions (what a reader sees in the reading view). */
function plain(inlines: readonly Inline[]): string {
  let out = '';
  for (const n of inlines) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'subst') out += plain(n.add);
    else if (n.kind === 'choice') out += plain(n.corr);
    else if (n.kind === 'gap') out += '[…]';
    else if ('children' in n) out += plain(n.children);
  }
  return out.replace(/\s+/g, ' ').trim();
}

const HANDLERS: { [K in InlineKind]: Handler<K> } = {
  text: (n) => esc(n.text),
  hi: (n, ctx) => {
    const [open, close] = HI_TAG[n.rend];
    return open + renderInlines(n.children, ctx) + close;
  },
  noteAnchor: (n) => {
    const marker = esc(n.marker);
    // An anchor without its note stays as printed, not a link to nowhere.
    if (n.id === undefined || n.target === undefined) return `<sup class="noteref unlinked">${marker}</sup>`;
    return `<sup class="noteref-wrap"><a class="noteref" id="${esc(n.id)}" href="${esc(n.target.startsWith('#') ? n.target : `#${n.target}`)}" role="doc-noteref" aria-label="Note ${esc(n.key)}">${marker}</a></sup>`;
  },
  link: (n, ctx) => {
    const href = safeHref(n.href);
    const inner = renderInlines(n.children, ctx);
    if (href === undefined) return `<span class="link-refused" title="link not followed: unsafe or empty address">${inner}</span>`;
    return `<a href="${esc(href)}" rel="noopener noreferrer">${inner}</a>`;
  },
  subst: (n, ctx) =>
    emendation(
      'subst',
      ctx,
      `Reading ${quote(n.add)}: in the source ${quote(n.del)} is deleted and ${quote(n.add)} added (${n.place}).`,
      n.resp,
      n.id,
      `<del class="d">${renderInlines(n.del, ctx)}</del>${addition(renderInlines(n.add, ctx), n.place, n.hand, ctx)}`,
    ),
  del: (n, ctx) =>
    emendation('del', ctx, `Deleted in the source: ${quote(n.children)}; left out of the reading text.`, n.resp, n.id, `<del class="d">${renderInlines(n.children, ctx)}</del><span class="r del-mark" aria-hidden="true">⸢⸣</span>`),
  add: (n, ctx) =>
    emendation('add', ctx, `Added in the source (${[n.place, handName(ctx, n.hand)].filter(Boolean).join('; ')}): ${quote(n.children)}.`, n.resp, n.id, addition(renderInlines(n.children, ctx), n.place, n.hand, ctx)),
  gap: (n, ctx) => {
    const extent = n.quantity !== undefined ? ` (${n.quantity} ${n.unit ?? 'unit'}${n.quantity === 1 ? '' : 's'})` : '';
    const sign = n.printed !== undefined && n.printed !== '' ? n.printed : '[…]';
    return emendation('gap', ctx, `Text left out: ${n.reason}${extent}.`, n.resp, n.id, `<span class="gap">${esc(sign)}</span>`);
  },
  unclear: (n, ctx) =>
    emendation('unclear', ctx, `Unclear in the source${n.reason ? ` (${n.reason})` : ''}: ${quote(n.children)}.`, n.resp, n.id, `${renderInlines(n.children, ctx)}<span class="d unclear-mark">(?)</span>`),
  supplied: (n, ctx) =>
    emendation('supplied', ctx, `Supplied by the editors: ${quote(n.children)}.`, n.resp, undefined, `<span class="d bracket">[</span>${renderInlines(n.children, ctx)}<span class="d bracket">]</span>`),
  choice: (n, ctx) =>
    emendation(
      'choice',
      ctx,
      `Corrected: the source has ${quote(n.sic)}, the reading text ${quote(n.corr)}.`,
      n.resp,
      n.id,
      `<span class="r corr">${renderInlines(n.corr, ctx)}</span><span class="d sic">${renderInlines(n.sic, ctx)}</span>`,
    ),
  sic: (n, ctx) => emendation('sic', ctx, `So in the source: ${quote(n.children)}.`, n.resp, undefined, `${renderInlines(n.children, ctx)}<span class="d sic-mark"> [sic]</span>`),
  pb: (n) => `<span class="pb" role="note" aria-label="${n.n !== undefined ? `page ${esc(n.n)}` : 'page break'}">${n.n !== undefined ? `[p.&#160;${esc(n.n)}]` : '|'}</span>`,
  lb: () => '<br>',
  inlineNote: (n, ctx) => `<span class="inline-note place-${classToken(n.place) || 'inline'}">⟨${renderInlines(n.children, ctx)}⟩</span>`,
};

function renderInline<K extends InlineKind>(node: InlineOf<K>, ctx: RenderContext): string {
  return (HANDLERS[node.kind] as Handler<K>)(node, ctx);
}

export function renderInlines(inlines: readonly Inline[], ctx: RenderContext): string {
  let out = '';
  for (const node of inlines) out += renderInline(node, ctx);
  return out;
}

const rendClass = (rend: string | undefined, base = ''): string => {
  const classes = [base, rend !== undefined ? `rend-${classToken(rend)}` : ''].filter((c) => c !== '' && c !== 'rend-').join(' ');
  return classes === '' ? '' : ` class="${classes}"`;
};

/** Heading levels of the text: h1 is the title, so a level-1 heading of the text is h2. */
const headingTag = (level: number, offset: number): string => `h${Math.min(6, level + offset)}`;

export interface BlockOptions {
  /** Where a heading may not be a heading (notes, argument), it is a paragraph marked as one. */
  headings: 'h' | 'p';
  /** Added to a heading's level for its tag. */
  offset?: number;
  /**
   * What the page prints between the blocks (a notes section printed inside the text), in
   * source order: each before the first block printed after its `pos`, the rest at the end.
   */
  inserts?: ReadonlyArray<{ pos: SourcePos; html: () => string }>;
}


export function renderBlocks(blocks: readonly Block[], ctx: RenderContext, options: BlockOptions = { headings: 'h' }): string {
  let out = '';
  const inserts = options.inserts ?? [];
  let next = 0;
  for (const block of blocks) {
    while (next < inserts.length && isBefore(inserts[next]!.pos, block.pos)) out += inserts[next++]!.html();
    out += renderBlock(block, ctx, options);
  }
  while (next < inserts.length) out += inserts[next++]!.html();
  return out;
}

/** One cell: a header row's cells are `th`. */
function renderCell(cell: Extract<Block, { kind: 'table' }>['rows'][number]['cells'][number], label: boolean, ctx: RenderContext): string {
  const tag = label ? 'th' : 'td';
  return `<${tag}${cell.cols !== undefined ? ` colspan="${cell.cols}"` : ''}>${renderInlines(cell.children, ctx)}</${tag}>`;
}

function renderBlock(block: Block, ctx: RenderContext, options: BlockOptions): string {
  switch (block.kind) {
    case 'p':
      return `<p${rendClass(block.rend)}>${renderInlines(block.children, ctx)}</p>\n`;
    case 'heading': {
      if (options.headings === 'p') return `<p class="heading heading-${block.level}">${renderInlines(block.children, ctx)}</p>\n`;
      const tag = headingTag(block.level, options.offset ?? 1);
      return `<${tag}>${renderInlines(block.children, ctx)}</${tag}>\n`;
    }
    case 'quote':
      return `<blockquote>\n${renderBlocks(block.blocks, ctx, { headings: options.headings, ...(options.offset !== undefined && { offset: options.offset }) })}</blockquote>\n`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${block.items.map((item) => `<li>${renderInlines(item, ctx)}</li>\n`).join('')}</${tag}>\n`;
    }
    case 'pb':
      return `<div class="pb" role="note" aria-label="${block.n !== undefined ? `page ${esc(block.n)}` : 'page break'}">${block.n !== undefined ? `[p.&#160;${esc(block.n)}]` : '—'}</div>\n`;
    case 'lines':
      return `<div class="lg">\n${block.lines.map((line) => `<div class="l">${renderInlines(line, ctx)}</div>\n`).join('')}</div>\n`;
    case 'table':
      return `<table>\n${block.rows.map((row) => `<tr>${row.cells.map((cell) => renderCell(cell, row.role === 'label', ctx)).join('')}</tr>\n`).join('')}</table>\n`;
    case 'figure': {
      // The image as the source names it (relative to the page it came from); its description as alt text.
      const src = safeHref(block.url);
      const img = src === undefined ? '' : `<img src="${esc(src)}" alt="${esc(block.description ?? '')}">`;
      const caption = block.head ? `<figcaption>${renderInlines(block.head, ctx)}</figcaption>` : '';
      const desc = src === undefined && block.description ? `<p class="figdesc">${esc(block.description)}</p>` : '';
      return `<figure>${img}${desc}${caption}</figure>\n`;
    }
  }
}

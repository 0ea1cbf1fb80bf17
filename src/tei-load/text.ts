/**
 * TEI `text` → the model's body and notes: the inverse of src/tei/index.ts and text.ts,
 * one handler per element. Elements teiwright writes map back exactly; other TEI is
 * loaded where it has an obvious place (a `div` with a head becomes a heading, an
 * `orig/reg` choice a sic/corr one) and otherwise unwrapped or skipped, and reported.
 */
import type { Block, Body, Closer, Inline, Note, NoteSection, NoteType, Opener, SourcePos } from '../model/edition.js';
import type { LoadContext } from './context.js';
import { child, elements, isBlank, textContent, type XElement, type XNode } from './xml.js';

type InlineOfKind<K extends Inline['kind']> = Extract<Inline, { kind: K }>;

const RESP = /^#[A-Za-z_][A-Za-z0-9._-]*$/;

/** A `@resp` the model can hold: the first pointer of the attribute, when it is a local one. */
function resp(e: XElement | undefined): string | undefined {
  const first = e?.attrs.get('resp')?.trim().split(/\s+/)[0];
  return first !== undefined && RESP.test(first) ? first : undefined;
}
/** Who made a change the model says someone made; `#unknown` when the TEI does not say. */
const respOrUnknown = (e: XElement | undefined): string => resp(e) ?? '#unknown';

const attr = (e: XElement | undefined, name: string): string | undefined => e?.attrs.get(name);
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));

const HI_RENDS: Record<string, InlineOfKind<'hi'>['rend']> = {
  italic: 'italic', italics: 'italic', i: 'italic', it: 'italic', 'font-style:italic': 'italic',
  bold: 'bold', b: 'bold', 'font-weight:bold': 'bold',
  'bold italic': 'bold italic', 'italic bold': 'bold italic',
  underline: 'underline', u: 'underline', underlined: 'underline',
  superscript: 'superscript', sup: 'superscript', 'vertical-align:super': 'superscript',
  smallcaps: 'smallcaps', 'small-caps': 'smallcaps', sc: 'smallcaps',
  initial: 'initial',
};

/** Elements dropped with their content wherever they are: furniture, pointers, apparatus variants. */
const SKIP = new Set(['fw', 'figure', 'graphic', 'media', 'ptr', 'anchor', 'milestone', 'cb', 'index', 'interp', 'interpGrp', 'link', 'linkGrp', 'span', 'spanGrp', 'certainty', 'respons', 'rdg', 'rdgGrp', 'witDetail', 'space', 'alt', 'altGrp', 'join', 'joinGrp', 'timeline', 'precision']);

/** Merges adjacent text nodes (left after unwrapping) so the text reads as one run. */
function pushInline(out: Inline[], node: Inline): void {
  const last = out[out.length - 1];
  if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
  else out.push(node.kind === 'text' ? { ...node } : node);
}

export interface InlineOptions {
  /** Elements flattened to their text without a report (a `date` in a dateline, parts of a bibl: teiwright wrote them). */
  quiet?: ReadonlySet<string>;
}

export function loadInlines(nodes: readonly XNode[], ctx: LoadContext, options: InlineOptions = {}): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (node.type === 'text') pushInline(out, { kind: 'text', text: node.text, pos: node.pos });
    else for (const inline of loadInline(node, ctx, options)) pushInline(out, inline);
  }
  return out;
}

/** A block element met inside inline content: its inlines, blocks separated by line breaks. */
function flattenBlocks(nodes: readonly XNode[], ctx: LoadContext, options: InlineOptions, pos: SourcePos): Inline[] {
  const hasBlocks = nodes.some((n) => n.type === 'element' && BLOCKISH.has(n.name));
  if (!hasBlocks) return loadInlines(nodes, ctx, options);
  const out: Inline[] = [];
  for (const n of nodes) {
    if (isBlank(n)) continue;
    if (out.length > 0) out.push({ kind: 'lb', pos });
    for (const i of n.type === 'element' && BLOCKISH.has(n.name) ? flattenBlocks(n.children, ctx, options, n.pos) : loadInlines([n], ctx, options)) pushInline(out, i);
  }
  return out;
}

const BLOCKISH = new Set(['p', 'ab', 'div', 'list', 'item', 'lg', 'l', 'quote', 'head', 'table', 'row', 'cell', 'sp', 'speaker', 'floatingText', 'cit', 'listBibl', 'bibl']);

function loadInline(e: XElement, ctx: LoadContext, options: InlineOptions): Inline[] {
  const pos = e.pos;
  const kids = (): Inline[] => loadInlines(e.children, ctx, options);
  switch (e.name) {
    case 'hi': {
      const rend = HI_RENDS[(attr(e, 'rend') ?? attr(e, 'style') ?? '').trim().toLowerCase().replace(/;$/, '')];
      if (rend) return [{ kind: 'hi', rend, children: kids(), pos }];
      break;
    }
    case 'ref': {
      const target = attr(e, 'target');
      if (attr(e, 'type') === 'noteAnchor' || (target !== undefined && target.startsWith('#') && ctx.notesById.has(target.slice(1)))) {
        const note = target !== undefined ? ctx.notesById.get(target.slice(1).split(/\s+/)[0] ?? '') : undefined;
        const marker = textContent(e);
        return [{
          kind: 'noteAnchor',
          marker,
          key: note?.key ?? (marker.replace(/[^\p{L}\p{N}*†‡]/gu, '') || marker),
          ...opt('series', note?.series),
          ...opt('id', attr(e, 'xml:id')),
          ...opt('target', target),
          pos,
        }];
      }
      if (target !== undefined) return [{ kind: 'link', href: target, children: kids(), pos }];
      break;
    }
    case 'subst': {
      const del = child(e, 'del');
      const add = child(e, 'add');
      return [{
        kind: 'subst',
        ...opt('id', attr(e, 'xml:id')),
        resp: respOrUnknown(e),
        del: del ? loadInlines(del.children, ctx, options) : [],
        add: add ? loadInlines(add.children, ctx, options) : [],
        place: attr(add, 'place') ?? 'unspecified',
        ...opt('hand', add && RESP.test(attr(add, 'hand') ?? '') ? attr(add, 'hand') : undefined),
        pos,
      }];
    }
    case 'del':
      return [{ kind: 'del', ...opt('id', attr(e, 'xml:id')), ...opt('resp', resp(e)), ...opt('rend', attr(e, 'rend')), children: kids(), pos }];
    case 'add':
      return [{
        kind: 'add',
        ...opt('id', attr(e, 'xml:id')),
        ...opt('resp', resp(e)),
        place: attr(e, 'place') ?? 'unspecified',
        ...opt('hand', RESP.test(attr(e, 'hand') ?? '') ? attr(e, 'hand') : undefined),
        children: kids(),
        pos,
      }];
    case 'gap': {
      const quantity = attr(e, 'quantity') !== undefined ? Number(attr(e, 'quantity')) : undefined;
      const desc = child(e, 'desc');
      return [{
        kind: 'gap',
        ...opt('id', attr(e, 'xml:id')),
        ...opt('resp', resp(e)),
        reason: attr(e, 'reason') ?? 'unspecified',
        ...opt('unit', attr(e, 'unit')),
        ...opt('quantity', quantity !== undefined && Number.isFinite(quantity) ? quantity : undefined),
        ...opt('printed', desc ? textContent(desc) : undefined),
        pos,
      }];
    }
    case 'unclear':
      return [{ kind: 'unclear', ...opt('id', attr(e, 'xml:id')), ...opt('resp', resp(e)), ...opt('reason', attr(e, 'reason')), children: kids(), pos }];
    case 'supplied':
      return [{ kind: 'supplied', ...opt('resp', resp(e)), children: kids(), pos }];
    case 'sic':
      return [{ kind: 'sic', ...opt('resp', resp(e)), children: kids(), pos }];
    case 'choice': {
      // sic/corr as teiwright writes it; orig/reg and abbr/expan read the same way (reading = corr, reg, expan).
      const pairs: ReadonlyArray<readonly [string, string]> = [['sic', 'corr'], ['orig', 'reg'], ['abbr', 'expan']];
      const pair = pairs.find(([a, b]) => child(e, a) || child(e, b));
      if (!pair) break;
      const [a, b] = pair;
      if (a !== 'sic') ctx.unwrap(e, `choice/${a}+${b}`);
      const sic = child(e, a);
      const corr = child(e, b);
      return [{
        kind: 'choice',
        ...opt('id', attr(e, 'xml:id')),
        resp: resp(corr) ?? respOrUnknown(e),
        sic: sic ? loadInlines(sic.children, ctx, options) : [],
        corr: corr ? loadInlines(corr.children, ctx, options) : [],
        pos,
      }];
    }
    case 'pb':
      return [{ kind: 'pb', ...opt('n', attr(e, 'n')), pos }];
    case 'lb':
      return [{ kind: 'lb', pos }];
    case 'note':
      return [{ kind: 'inlineNote', place: attr(e, 'place') ?? 'inline', ...opt('type', attr(e, 'type')), children: flattenBlocks(e.children, ctx, options, pos), pos }];
    case 'desc':
    case 'figDesc':
      ctx.skip(e);
      return [];
  }
  if (SKIP.has(e.name)) {
    ctx.skip(e);
    return [];
  }
  if (!options.quiet?.has(e.name)) ctx.unwrap(e);
  return flattenBlocks(e.children, ctx, options, pos);
}

// ---------------------------------------------------------------- blocks

const HEADING_P = /^heading([1-6])$/;

export interface BlockOptions {
  /** Where divs cannot open (argument, notes) teiwright writes a heading as `p rend="headingN"`. */
  headingParas: boolean;
  /** How many headed divs enclose these blocks. */
  depth: number;
  /** Blocks of the body, where a `div type="notes"` is a notes section printed inside the text. */
  inBody?: boolean;
}

const level = (depth: number): number => Math.min(6, Math.max(1, depth));
const hasText = (e: XElement): boolean => e.children.some((c) => c.type === 'text' && !isBlank(c));

export function loadBlocks(nodes: readonly XNode[], ctx: LoadContext, options: BlockOptions): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      if (!isBlank(n)) out.push({ kind: 'p', children: [{ kind: 'text', text: n.text, pos: n.pos }], pos: n.pos });
      continue;
    }
    for (const b of loadBlock(n, ctx, options)) out.push(b);
  }
  return out;
}

function loadBlock(e: XElement, ctx: LoadContext, options: BlockOptions): Block[] {
  const pos = e.pos;
  switch (e.name) {
    case 'p':
    case 'ab': {
      const rend = attr(e, 'rend');
      const heading = options.headingParas && rend !== undefined ? HEADING_P.exec(rend) : null;
      if (heading) return [{ kind: 'heading', level: Number(heading[1]), children: loadInlines(e.children, ctx), pos }];
      if (e.name === 'ab') ctx.unwrap(e);
      return [{ kind: 'p', ...opt('rend', rend), children: flattenBlocks(e.children, ctx, {}, pos), pos }];
    }
    case 'head':
      return [{ kind: 'heading', level: level(options.depth), children: loadInlines(e.children, ctx), pos }];
    case 'div':
    case 'div1': case 'div2': case 'div3': case 'div4': case 'div5': case 'div6': case 'div7': {
      if (e.name === 'div' && attr(e, 'type') === 'notes' && options.inBody === true) {
        // A notes section printed inside the text (teiwright writes it where the page prints it).
        ctx.bodyNoteSections.push(...loadNoteSections(e, ctx, true).map((s) => ({ ...s, inText: true as const })));
        return [];
      }
      const kids = e.children.filter((c) => !isBlank(c));
      const head = kids[0]?.type === 'element' && kids[0].name === 'head' ? kids[0] : undefined;
      if (!head) {
        if (e.name !== 'div') ctx.unwrap(e);
        return loadBlocks(e.children, ctx, options);
      }
      const depth = options.depth + 1;
      return [
        { kind: 'heading', level: level(depth), children: loadInlines(head.children, ctx), pos: head.pos },
        ...loadBlocks(kids.slice(1), ctx, { ...options, depth }),
      ];
    }
    case 'quote':
    case 'q': {
      const blockKids = e.children.some((c) => c.type === 'element' && BLOCKISH.has(c.name));
      if (e.name === 'q') ctx.unwrap(e);
      const blocks = blockKids ? loadBlocks(e.children, ctx, options) : [{ kind: 'p' as const, children: loadInlines(e.children, ctx), pos }];
      return [{ kind: 'quote', blocks, pos }];
    }
    case 'list': {
      const rend = `${attr(e, 'rend') ?? ''} ${attr(e, 'type') ?? ''}`;
      const out: Block[] = [];
      for (const h of elements(e, 'head')) out.push({ kind: 'p', children: loadInlines(h.children, ctx), pos: h.pos });
      const items = elements(e, 'item').map((item) => flattenBlocks(item.children, ctx, {}, item.pos));
      for (const other of elements(e).filter((c) => c.name !== 'item' && c.name !== 'head')) ctx.unwrap(other, `list/${other.name}`);
      out.push({ kind: 'list', ordered: /\b(?:numbered|ordered|decimal|\d)/.test(rend), items, pos });
      return out;
    }
    case 'lg': {
      const lines: Inline[][] = [];
      const out: Block[] = [];
      const walk = (lg: XElement): void => {
        for (const c of elements(lg)) {
          if (c.name === 'l') lines.push(loadInlines(c.children, ctx));
          else if (c.name === 'lg') walk(c);
          else lines.push(loadInlines(c.children, ctx, { quiet: new Set() }));
        }
      };
      walk(e);
      out.push({ kind: 'lines', lines, pos });
      return out;
    }
    case 'table': {
      // Rows and cells as written; a head or anything else in the table is not kept as a part of it.
      const rows = elements(e, 'row').map((r) => {
        const cells = elements(r, 'cell').map((c) => {
          const cols = Number(attr(c, 'cols') ?? '1');
          return { children: flattenBlocks(c.children, ctx, {}, c.pos), pos: c.pos, ...(Number.isInteger(cols) && cols >= 2 ? { cols } : {}) };
        });
        return { cells, pos: r.pos, ...(attr(r, 'role') === 'label' ? { role: 'label' as const } : {}) };
      });
      const out: Block[] = [];
      for (const h of elements(e, 'head')) out.push({ kind: 'p', children: loadInlines(h.children, ctx), pos: h.pos });
      for (const other of elements(e).filter((c) => c.name !== 'row' && c.name !== 'head')) ctx.unwrap(other, `table/${other.name}`);
      if (rows.length > 0) out.push({ kind: 'table', rows, pos });
      return out;
    }
    case 'figure': {
      const url = elements(e, 'graphic').map((g) => attr(g, 'url')).find((u) => u !== undefined && u.trim() !== '');
      const head = elements(e, 'head')[0];
      const desc = elements(e, 'figDesc')[0];
      const headInlines = head ? loadInlines(head.children, ctx) : undefined;
      if (url === undefined) {
        // No image to point at: the caption is text all the same.
        ctx.unwrap(e);
        return headInlines && headInlines.length > 0 ? [{ kind: 'p', children: headInlines, pos }] : [];
      }
      const description = desc ? textContent(desc).replace(/\s+/g, ' ').trim() : '';
      return [{ kind: 'figure', url, ...(description !== '' ? { description } : {}), ...(headInlines && headInlines.length > 0 ? { head: headInlines } : {}), pos }];
    }
    case 'pb':
      return [{ kind: 'pb', ...opt('n', attr(e, 'n')), pos }];
    case 'lb':
      return [];
    case 'note':
      return [{ kind: 'p', children: loadInline(e, ctx, {}), pos }];
  }
  if (SKIP.has(e.name)) {
    ctx.skip(e);
    return [];
  }
  ctx.unwrap(e);
  // An unknown container: a paragraph when it holds text itself, its blocks otherwise.
  if (hasText(e)) return [{ kind: 'p', children: flattenBlocks(e.children, ctx, {}, pos), pos }];
  return loadBlocks(e.children, ctx, options);
}

// ---------------------------------------------------------------- body

const DATELINE_QUIET = new Set(['date']);

function loadOpener(e: XElement, ctx: LoadContext, extra: Block[]): Opener {
  const opener: Opener = { pos: e.pos };
  for (const c of elements(e)) {
    if (c.name === 'dateline' && !opener.dateline) opener.dateline = loadInlines(c.children, ctx, { quiet: DATELINE_QUIET });
    else if (c.name === 'salute' && !opener.salute) {
      opener.salute = loadInlines(c.children, ctx);
      // A salutation printed above the place-date line stays above it (the writer's saluteFirst).
      if (!opener.dateline) opener.saluteFirst = true;
    } else extra.push(...loadBlock(c, ctx, { headingParas: true, depth: 0 }));
  }
  if (!opener.dateline) delete opener.saluteFirst;
  return opener;
}

function loadCloser(e: XElement, ctx: LoadContext, extra: Block[]): Closer {
  const closer: Closer = { pos: e.pos };
  for (const c of elements(e)) {
    if (c.name === 'salute' && !closer.salute) closer.salute = loadInlines(c.children, ctx);
    else if (c.name === 'signed' && !closer.signed) closer.signed = loadInlines(c.children, ctx);
    else if (c.name === 'dateline' && !closer.dateline) closer.dateline = loadInlines(c.children, ctx, { quiet: DATELINE_QUIET });
    else extra.push(...loadBlock(c, ctx, { headingParas: true, depth: 0 }));
  }
  return closer;
}

/**
 * The body. teiwright writes one `div` in `body`: (argument)? head? head[@type=sub]?
 * opener? argument? blocks closer? note[@type=publication]*. Other TEI is read the same
 * way from the body itself when it has several divs or none.
 */
export function loadBody(body: XElement | undefined, front: XElement | undefined, ctx: LoadContext): Body {
  const out: Body = { head: [], argument: [], blocks: [], publicationNotes: [] };
  if (front) {
    ctx.unwrap(front);
    out.beforeHead = loadBlocks(front.children, ctx, { headingParas: true, depth: 0 });
  }
  if (!body) return out;
  const bodyKids = body.children.filter((c) => !isBlank(c));
  const first = bodyKids[0];
  const only = bodyKids.length === 1 && first?.type === 'element' && first.name === 'div' ? first : undefined;
  const container = only ?? body;
  const type = only ? attr(only, 'type') : undefined;
  if (type !== undefined) out.divType = type;
  const kids = container.children.filter((c) => !isBlank(c));
  const hasHead = kids.some((c) => c.type === 'element' && c.name === 'head');
  let stage = 0; // 0 before head, 1 after head, 2 in the text, 3 after the closer
  const trailing: Block[] = [];
  for (const c of kids) {
    if (c.type === 'text') {
      out.blocks.push(...loadBlocks([c], ctx, { headingParas: false, depth: 0, inBody: true }));
      stage = Math.max(stage, 2);
      continue;
    }
    if (c.name === 'argument' && stage === 0 && hasHead && out.head.length === 0) {
      out.beforeHead = [...(out.beforeHead ?? []), ...loadBlocks(c.children, ctx, { headingParas: true, depth: 0 })];
    } else if (c.name === 'head' && stage <= 1 && attr(c, 'type') !== 'sub' && out.head.length === 0) {
      out.head = loadInlines(c.children, ctx);
      stage = 1;
    } else if (c.name === 'head' && stage <= 1 && attr(c, 'type') === 'sub' && !out.subtitle) {
      out.subtitle = loadInlines(c.children, ctx);
      stage = 1;
    } else if (c.name === 'opener' && stage <= 1 && !out.opener) {
      out.opener = loadOpener(c, ctx, out.argument);
      stage = 1;
    } else if (c.name === 'argument' && stage <= 1) {
      out.argument.push(...loadBlocks(c.children, ctx, { headingParas: true, depth: 0 }));
      stage = 1;
    } else if (c.name === 'closer' && !out.closer) {
      out.closer = loadCloser(c, ctx, trailing);
      stage = 3;
    } else if (c.name === 'postscript' && !out.postscript) {
      out.postscript = { blocks: loadBlocks(c.children, ctx, { headingParas: true, depth: 0 }), pos: c.pos };
      stage = 3;
    } else if (c.name === 'note' && attr(c, 'type') === 'publication') {
      out.publicationNotes.push({ children: loadInlines(c.children, ctx), pos: c.pos });
    } else {
      (stage === 3 ? trailing : out.blocks).push(...loadBlocks([c], ctx, { headingParas: false, depth: 0, inBody: true }));
      if (stage < 2) stage = 2;
    }
  }
  // Text after a closer (foreign TEI) has no place after it in the model: it joins the blocks.
  out.blocks.push(...trailing);
  return out;
}

// ---------------------------------------------------------------- back: notes

const NOTE_TYPES = new Set<NoteType>(['editorial', 'authorial', 'translator']);

function loadNote(e: XElement, series: string | undefined, index: number, ctx: LoadContext): Note {
  const key = attr(e, 'n') ?? String(index + 1);
  const type = attr(e, 'type') as NoteType | undefined;
  const blockKids = e.children.some((c) => c.type === 'element' && BLOCKISH.has(c.name));
  const blocks: Block[] = blockKids
    ? loadBlocks(e.children, ctx, { headingParas: true, depth: 0 })
    : [{ kind: 'p', children: loadInlines(e.children, ctx), pos: e.pos }];
  const targets = (attr(e, 'target') ?? '').split(/\s+/).filter((t) => t !== '');
  return {
    key,
    ...opt('series', series),
    label: `${key}.`,
    type: type !== undefined && NOTE_TYPES.has(type) ? type : 'unknown',
    place: attr(e, 'place') === 'foot' || attr(e, 'place') === 'bottom' ? 'foot' : 'end',
    blocks,
    pos: e.pos,
    ...opt('id', attr(e, 'xml:id')),
    targets,
  };
}

/**
 * The note sections of `back`: each `div type="notes"` (teiwright's) or any div holding
 * notes. Notes are registered by id first, so that anchors in the body find their keys.
 */
export function loadNoteSections(back: XElement | undefined, ctx: LoadContext, inBody = false): NoteSection[] {
  if (!back) return [];
  if (!inBody) registerNotes(back, undefined, ctx);
  // In `back` the element itself is no section; in the body it is the section (a div type="notes").
  const top = inBody ? undefined : back;
  const sections: NoteSection[] = [];
  const visit = (container: XElement, inherited: string | undefined): void => {
    const notes = elements(container, 'note');
    const series = attr(container, 'n') ?? inherited;
    const isSection = notes.length > 0 || attr(container, 'type') === 'notes';
    const lead = new Set<XElement>();
    if (isSection) {
      const head = child(container, 'head');
      const section: NoteSection = { notes: notes.map((n, i) => loadNote(n, container === top ? undefined : series, i, ctx)), pos: container.pos };
      if (head) section.heading = loadInlines(head.children, ctx);
      if (container !== top && series !== undefined) section.series = series;
      // Paragraphs before the first note are the section's own (what its notes are, where from).
      for (const c of elements(container)) {
        if (c.name === 'note') break;
        if (c.name !== 'head' && c.name !== 'div' && c.name !== 'listNote') lead.add(c);
      }
      const blocks = loadBlocks([...lead], ctx, { headingParas: true, depth: 0 });
      if (blocks.length > 0) section.blocks = blocks;
      sections.push(section);
    }
    for (const c of elements(container)) {
      if (c.name === 'note' || c.name === 'head' || lead.has(c)) continue;
      if (c.name === 'div' || c.name === 'listNote') visit(c, series);
      else ctx.skip(c, `back/${c.name}`);
    }
  };
  visit(back, undefined);
  return sections;
}

/** Notes by id, before any content is loaded: an anchor inside a note may point to a later one. */
export function registerNotes(container: XElement, inherited: string | undefined, ctx: LoadContext): void {
  const series = attr(container, 'n') ?? inherited;
  elements(container, 'note').forEach((n, i) => {
    const id = attr(n, 'xml:id');
    if (id !== undefined) ctx.notesById.set(id, { key: attr(n, 'n') ?? String(i + 1), ...opt('series', container.name === 'back' ? undefined : series) });
  });
  for (const c of elements(container)) if (c.name === 'div' || c.name === 'listNote') registerNotes(c, series, ctx);
}

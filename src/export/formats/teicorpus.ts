/**
 * teiCorpus: one file with a corpus header (title, the list of sources, counts, licences
 * summarised) and every edition, XIncluded (the default: the TEI files stay the single
 * copy of each edition, `editions/<id>.xml`) or inline (`--inline`: one self-contained file).
 * Either way each edition's xml:ids are prefixed with an NCName made from its document id
 * (and its pointers rewritten to match), so that ids stay unique in the expanded corpus.
 */
import { VERSION } from '../../version.js';
import type { ExportDocument } from '../document.js';
import type { DerivativeWriter, DocumentSummary, WriterOptions } from '../registry.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string): string => esc(s).replace(/"/g, '&quot;');

/**
 * The NCName that prefixes an edition's ids, made from its document id, one-to-one (two
 * documents never share a prefix): letters, digits and `-` stay, every other character is
 * written `_<hex>_` (`sub/lenin-1921` → `sub_2f_lenin-1921`), and a leading digit or `-`
 * gets `_-` before it. The prefix holds no `.`, so `<prefix>.<id>` stays unique in the corpus.
 */
export function idPrefix(id: string): string {
  const s = [...id].map((c) => (/[A-Za-z0-9-]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`)).join('');
  return s === '' || /^[0-9-]/.test(s) ? `_-${s}` : s;
}

/** The id an edition's `xml:id` gets in the corpus. */
export const corpusId = (prefix: string, id: string): string => `${prefix}.${id}`;

/**
 * Attributes that may hold `#id` pointers (space-separated) in TEI: every attribute tei_all
 * types as a pointer. Only a `#id` naming an `xml:id` of the same edition is rewritten.
 */
const POINTER_ATTRS = new Set([
  'active', 'adj', 'adjFrom', 'adjTo', 'ana', 'calendar', 'change', 'children', 'class', 'copyOf', 'corresp', 'datcat', 'datingMethod', 'datingPoint',
  'decls', 'domains', 'edRef', 'end', 'evaluate', 'exclude', 'facs', 'feats', 'follow', 'from', 'fromUnit', 'given', 'hand', 'inst', 'lemmaRef',
  'location', 'mergedIn', 'mutual', 'new', 'next', 'nymRef', 'origin', 'parent', 'parts', 'passive', 'perf', 'period', 'prev', 'ref', 'rendition',
  'replyTo', 'resp', 'sameAs', 'scheme', 'scribeRef', 'scriptRef', 'select', 'since', 'source', 'spanTo', 'start', 'synch', 'target', 'targetEnd',
  'to', 'toUnit', 'toWhom', 'unitRef', 'uri', 'url', 'valueDatcat', 'where', 'who', 'wit',
]);

/** A start tag (attributes in either quote), and one attribute of it. */
const START_TAG = /<[A-Za-z][^\s/>]*(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>/g;
const ATTRIBUTE = /(\s)([^\s=/>]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;

/**
 * The TEI element of an edition for a teiCorpus: no prolog, every `xml:id` prefixed and every
 * pointer to one of them (`#id` in a pointer attribute, one value or several) rewritten to
 * match, so that ids stay unique in the corpus and each pointer keeps naming its own edition's
 * element. Only start tags are rewritten (text never holds a raw `<`, so a tag is found exactly).
 */
export function inlineEdition(tei: string, prefix: string): string {
  const start = tei.search(/<TEI[\s>]/);
  const body = (start >= 0 ? tei.slice(start) : tei).trimEnd();
  const ids = new Set<string>();
  for (const tag of body.match(START_TAG) ?? []) {
    for (const m of tag.matchAll(ATTRIBUTE)) if (m[2] === 'xml:id') ids.add((m[4] ?? m[5]!).trim());
  }
  return body.replace(START_TAG, (tag) =>
    tag.replace(ATTRIBUTE, (whole, space: string, name: string, eq: string, dq: string | undefined, sq: string | undefined) => {
      const value = dq ?? sq!;
      const q = dq !== undefined ? '"' : "'";
      if (name === 'xml:id') return `${space}${name}${eq}${q}${corpusId(prefix, value.trim())}${q}`;
      if (!POINTER_ATTRS.has(name) || !value.includes('#')) return whole;
      const rewritten = value.replace(/(^|\s)#([^\s]+)/g, (t, before: string, id: string) => (ids.has(id) ? `${before}#${corpusId(prefix, id)}` : t));
      return `${space}${name}${eq}${q}${rewritten}${q}`;
    }),
  );
}

/** Where the XIncluded copy of an edition (ids prefixed) is written in the export folder. */
export const editionPath = (id: string): string => `editions/${id}.xml`;

function corpusHeader(summaries: readonly DocumentSummary[], options: WriterOptions): string {
  const total = (k: keyof DocumentSummary['counts']) => summaries.reduce((n, s) => n + s.counts[k], 0);
  const licences = new Map<string, number>();
  for (const s of summaries) licences.set(s.licenceKind, (licences.get(s.licenceKind) ?? 0) + 1);
  const measures = (
    [
      ['documents', summaries.length],
      ['words', total('words')],
      ['notes', total('notes')],
      ['emendations', total('emendations')],
    ] as const
  ).map(([unit, n]) => `<measure unit="${unit}" quantity="${n}">${n} ${n === 1 ? unit.slice(0, -1) : unit}</measure>`);
  const bibls = summaries.map((s) => {
    const date = s.date.when ?? s.date.notBefore ?? null;
    const dateEl =
      s.date.text !== null || date !== null
        ? ` <date${s.date.when ? ` when="${s.date.when}"` : ''}${!s.date.when && s.date.notBefore ? ` notBefore="${s.date.notBefore}"` : ''}${!s.date.when && s.date.notAfter ? ` notAfter="${s.date.notAfter}"` : ''}>${esc(s.date.text ?? date ?? '')}</date>`
        : '';
    const authors = s.authors.map((a) => `<author>${esc(a)}</author> `).join('');
    const source = s.source !== null ? ` <note type="source">${esc(s.source)}</note>` : '';
    return `          <bibl n="${attr(s.id)}">${authors}<title>${esc(s.title)}</title>${dateEl} <idno type="file">${esc(s.href)}</idno>${source}</bibl>`;
  });
  const licenceLines = [...licences].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([kind, n]) => `          <licence>${esc(kind)}: ${n} ${n === 1 ? 'edition' : 'editions'}</licence>`);
  return [
    '  <teiHeader>',
    '    <fileDesc>',
    '      <titleStmt>',
    `        <title>${esc(options.corpusTitle)}</title>`,
    '        <respStmt>',
    '          <resp>compilation of the corpus</resp>',
    '          <name type="software">teiwright</name>',
    '        </respStmt>',
    '      </titleStmt>',
    `      <extent>${measures.join(', ')}</extent>`,
    '      <publicationStmt>',
    `        <authority>Compiled with teiwright ${esc(VERSION)}</authority>`,
    '        <availability>',
    '          <p>Each edition keeps its own licence, stated in its header; by kind:</p>',
    ...licenceLines,
    '        </availability>',
    '      </publicationStmt>',
    '      <sourceDesc>',
    '        <listBibl>',
    ...(bibls.length > 0 ? bibls : ['          <bibl>No editions.</bibl>']),
    '        </listBibl>',
    '      </sourceDesc>',
    '    </fileDesc>',
    '    <encodingDesc>',
    '      <appInfo>',
    `        <application ident="teiwright" version="${attr(VERSION)}">`,
    '          <label>teiwright</label>',
    `          <p>${options.inline ? 'The editions are included inline; their xml:ids are prefixed with the document id.' : 'The editions are included with XInclude from copies of their TEI files whose xml:ids are prefixed with the document id.'}</p>`,
    '        </application>',
    '      </appInfo>',
    '    </encodingDesc>',
    '  </teiHeader>',
    '',
  ].join('\n');
}

export const teiCorpusWriter: DerivativeWriter = {
  name: 'teicorpus',
  describe: 'one teiCorpus file (corpus.xml) with a corpus header; editions XIncluded, or inline with --inline',
  // XIncluded, an edition is a copy with its ids prefixed: the TEI files as they are would
  // repeat their ids (`teiwright`, `n1`, …) in the expanded corpus.
  files: ({ doc, options }: { doc: ExportDocument; options: WriterOptions }) =>
    options.inline ? [] : [{ path: editionPath(doc.id), content: `<?xml version="1.0" encoding="UTF-8"?>\n${inlineEdition(doc.tei, idPrefix(doc.id))}\n` }],
  part: ({ doc, options }: { doc: ExportDocument; options: WriterOptions }) =>
    options.inline ? `${inlineEdition(doc.tei, idPrefix(doc.id))}\n` : `  <xi:include href="${attr(editionPath(doc.id))}"/>\n`,
  corpus: {
    name: 'corpus.xml',
    head: (summaries, options) =>
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"${options.inline ? '' : ' xmlns:xi="http://www.w3.org/2001/XInclude"'}>\n` +
      corpusHeader(summaries, options),
    tail: () => '</teiCorpus>\n',
    needsDocuments: true,
  },
};

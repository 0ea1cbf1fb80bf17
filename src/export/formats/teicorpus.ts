/**
 * teiCorpus: one file with a corpus header (title, the list of sources, counts, licences
 * summarised) and every edition, XIncluded (the default: the TEI files stay the single
 * copy) or inline (`--inline`: one self-contained file, each edition's xml:ids prefixed
 * with its document id so that they stay unique in the corpus).
 */
import { VERSION } from '../../version.js';
import type { ExportDocument } from '../document.js';
import type { DerivativeWriter, DocumentSummary, WriterOptions } from '../registry.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string): string => esc(s).replace(/"/g, '&quot;');

/** An NCName made from a document id: `sub/lenin-1921` → `sub.lenin-1921`. */
export function idPrefix(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]+/g, '.');
  return /^[A-Za-z_]/.test(s) ? s : `d${s}`;
}

/** Attributes whose values are # pointers (space-separated) in teiwright's TEI. */
const POINTER_ATTRS = new Set(['target', 'resp', 'hand', 'corresp', 'ref', 'source', 'who', 'ana']);

/**
 * The TEI element of an edition for inline inclusion: no prolog, ids and local pointers
 * prefixed. Only start tags are rewritten (text never holds `<`, so a tag is found exactly).
 */
export function inlineEdition(tei: string, prefix: string): string {
  const start = tei.search(/<TEI[\s>]/);
  const body = (start >= 0 ? tei.slice(start) : tei).trimEnd();
  return body.replace(/<[A-Za-z][^\s/>]*(?:\s+[^\s=/>]+="[^"]*")*\s*\/?>/g, (tag) =>
    tag.replace(/(\s)([^\s=/>]+)="([^"]*)"/g, (whole, space: string, name: string, value: string) => {
      if (name === 'xml:id') return `${space}xml:id="${prefix}-${value}"`;
      if (POINTER_ATTRS.has(name)) return `${space}${name}="${value.replace(/(^|\s)#([^\s]+)/g, `$1#${prefix}-$2`)}"`;
      return whole;
    }),
  );
}

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
    `          <p>${options.inline ? 'The editions are included inline; their xml:ids are prefixed with the document id.' : 'The editions are included with XInclude from their TEI files.'}</p>`,
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
  part: ({ doc, options }: { doc: ExportDocument; options: WriterOptions }) =>
    options.inline ? `${inlineEdition(doc.tei, idPrefix(doc.id))}\n` : `  <xi:include href="${attr(options.hrefOf?.(doc) ?? `${doc.id}.xml`)}"/>\n`,
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

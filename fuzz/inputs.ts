/**
 * Generated transcriptions for the property tests (`tests/property/`) and the long fuzz run
 * (`npm run fuzz`): every input style teiwright reads, hostile Unicode, mutations of real
 * documents, pathological markup, every line-end convention, BOMs and legacy encodings.
 *
 * Pure data: nothing here imports teiwright, so the suite (which runs the sources) and the
 * fuzz script (which runs dist/) share it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** One input as a file would hold it, and how it was made (for a fixture's name). */
export interface FuzzInput {
  bytes: Uint8Array;
  shape: string;
  /** Made from a document that converts without losing a word, by changes that keep every word (line ends, BOM, UTF-16, an HTML page joined on one line): no word may be lost. */
  wordsKept?: boolean;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// ------------------------------------------------------------------ hostile characters

/** Characters that have broken converters: controls, noncharacters, lone surrogates, bidi, BOM, astral, combining. */
const NASTY = [
  '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009B',
  '\uFFFE', '\uFFFF', '\uFFFD', '\uD800', '\uDFFF', '\uDBFF', '\uFEFF', '\u200B', '\u200D',
  '\u202E', '\u2066', '\u2028', '\u2029', '\u00A0', '\u0301', '\u0308\u0301', 'e\u0301',
  '𝔄', '😀', '👩‍👩‍👧', '\u{10FFFD}', '\u{E0001}', 'שלום', 'مرحبا', 'Ж', 'ß', 'ǅ', 'ﬁ',
] as const;

/** Markup tokens of every input style: markdown, MIA text, HTML, front matter, references. */
const TOKENS = [
  '# ', '## ', '### ', '#', '*', '**', '***', '_', '__', '`', '\\', '>', '> ', '- ', '1. ', '+', '|', '---', '* * *',
  '[', ']', '(', ')', '[1]', '[2]', '[^1]', '[^1]: ', '[x]()', '[x](javascript:alert(1))', '[x](a[b%#c#)', '[x](#)', '[x]( )',
  '<sup>1</sup>', '<sup>', '</sup>', '<a href="#n1">', '<a name="n1">', '<a href="">', '<a href="javascript:x">', '</a>',
  '<b>', '</b>', '<i>', '</i>', '<p>', '</p>', '<div>', '</div>', '<br>', '<h1>', '</h1>', '<h3>', '<blockquote>', '</blockquote>',
  '<span class="cap">', '</span>', '<!--', '-->', '<![CDATA[', ']]>', '<?xml ?>', '<!DOCTYPE x [<!ENTITY e "e">]>', '&e;',
  '<', '>', '&', '&amp;', '&lt;', '&nbsp;', '&#8220;', '&8220;', '&x2019;', '&#x110000;', '&#0;', '&#xFFFE;', '&#xD800;', '&#99999999999;',
  'Written:', 'Source:', 'First Published:', 'Translated:', 'Transcription/Markup:', 'Public Domain:', 'Notes', '**Notes**', 'Footnotes',
  '---\ntitle: x\n---\n', 'title:', 'Dear Comrade,', 'Yours,', 'V. Lenin', '[Illegible]', '[sic]', '[word illegible]',
  'the word', 'is written above the word', 'in the manuscript', 'Editor', '1.', '2)', '(1)', '†', '‡', '§',
] as const;

const WORDS = ['the', 'party', 'workers', 'Lenin', 'revolution', 'of', 'and', 'a', 'Moscow', '1921', 'comrades', 'is'] as const;

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS).map((w) => `${w} `) },
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\n\n', '\r\n', '\r', '\t', ' ') },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((n) => `&#${n};`) },
);

/** Free text made of the pieces above. */
export const hostileText: fc.Arbitrary<string> = fc.array(piece, { maxLength: 60 }).map((ps) => ps.join(''));

// ------------------------------------------------------------------ skeletons of each style

const lines = (ps: string[]): string => ps.join('\n');

/** Hostile text inside the skeleton of each house style, so the readers get past detection. */
export const styledText: fc.Arbitrary<{ text: string; shape: string }> = fc
  .tuple(fc.constantFrom('mia-markdown', 'lia-text', 'mia-html', 'front-matter', 'bare'), hostileText, hostileText, hostileText)
  .map(([style, title, body, notes]) => {
    switch (style) {
      case 'mia-markdown':
        return { shape: style, text: lines([`# ${title} <sup>1</sup>`, '', `Source : ${body.slice(0, 20)}`, '', body, '', '**Notes**', '', `1. ${notes}`, '']) };
      case 'lia-text':
        return { shape: style, text: lines([title, '', 'Written: 1921', `Source: ${notes.slice(0, 30)}`, '', `${body} [1]`, '', 'Notes', '', `[1] ${notes}`, '']) };
      case 'mia-html':
        return {
          shape: style,
          text: `<html><head><title>${title}</title></head><body><h1>${title}</h1><p class="information">Source: x</p><p>${body}<a href="#n1" name="a1">[1]</a></p><hr><p><a name="n1">1.</a> ${notes}</p></body></html>`,
        };
      case 'front-matter':
        return { shape: style, text: lines(['---', `title: "${title.replace(/["\\\n\r]/g, '')}"`, 'author: X', '---', '', body, '', `[^1]: ${notes}`, '']) };
      default:
        return { shape: style, text: `${title}\n\n${body}\n\n${notes}` };
    }
  });

// ------------------------------------------------------------------ layout shapes

/** Headings of a notes section, of every kind the layout rules read (rules NOTES_HEADING, NOTES_BY, "Notes: [name]"). */
const NOTES_HEADINGS = [
  'Notes', 'NOTES', 'Footnotes', 'Endnotes', 'End Notes', 'Notes:', "Translator's Notes", 'Editor’s Note', 'Notes by the Editor',
  'Notes and References', 'Notes by Engels', 'FOOTNOTES (by Tim Davenport):', 'Notes: [G.Seaman]', 'Note by Workers Liberty', 'Notes by the way',
] as const;
const SALUTATIONS = ['Dear Comrade,', 'My dear Leo Davidovitch,', 'Comrades!', 'Dear Sir,', 'Esteemed friends:', 'Citizens,'] as const;
const VALEDICTIONS = ['Yours,', 'With communist greetings,', 'Yours fraternally,', 'Sincerely yours,', 'Greetings!'] as const;
const SIGNATURES = ['V. Lenin', 'N. Lenin', 'Karl Marx', 'Clara Zetkin', 'P.P.', 'Yours, F. Engels', 'Rosa'] as const;
const PLACE_DATES = ['Moscow, December 17, 1918', 'London, 25 July 1867', 'Berlin-Lichterfelde, April 1919', 'Paris, France.', '17.XII.1918', 'May 1, 1921'] as const;
const CREDITS = ['Transcribed by: A. Volunteer', 'Transcription Ted Crawford', 'HTML Markup: Brian Baggins', 'Proofread by: X', 'Public Domain: Marxists Internet Archive (2001).', 'Transcription/Markup: Y', 'Source: Collected Works, Volume 33, p. 12.', 'First Published: Pravda No. 12, 1921'] as const;

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const shortHostile: fc.Arbitrary<string> = fc.array(piece, { maxLength: 8 }).map((ps) => ps.join(''));

/** An HTML table: rows of td/th cells, some spanning columns (`colspan`, also bad values), some empty. */
const htmlTable: fc.Arbitrary<string> = fc
  .array(
    fc.array(fc.tuple(fc.constantFrom('td', 'th'), fc.constantFrom('', ' colspan="2"', ' colspan="3"', ' colspan="0"', ' colspan="x"', ' rowspan="2"', ' colspan="99999"'), shortHostile), { minLength: 0, maxLength: 4 }),
    { minLength: 0, maxLength: 5 },
  )
  .chain((rows) =>
    fc.constantFrom('<table>', '<table class="data">', '<table border="1"><caption>Table 1</caption>', '<table><thead>').map(
      (open) => `${open}${rows.map((r) => `<tr>${r.map(([c, a, t]) => `<${c}${a}>${t}</${c}>`).join('')}</tr>`).join('')}${open.includes('thead') ? '</thead>' : ''}</table>`,
    ),
  );

/** An image with or without src and alt, alone, in a paragraph, with a caption, inside a link. */
const htmlImage: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', ' src="pic.jpg"', ' src=""', ' src="javascript:x"', ' src="../img/a b.png"'), fc.constantFrom('', ' alt=""', ' alt="Portrait of Lenin"', ' alt="&lt;x&gt;"'), fc.constantFrom('bare', 'p', 'caption', 'link', 'center'))
  .map(([src, alt, where]) => {
    const img = `<img${src}${alt}>`;
    switch (where) {
      case 'p':
        return `<p>${img}</p>`;
      case 'caption':
        return `<p class="img">${img}<br><span class="caption">Lenin in 1920</span></p>`;
      case 'link':
        return `<p><a href="big.jpg">${img}</a></p>`;
      case 'center':
        return `<center>${img}</center>`;
      default:
        return img;
    }
  });

/** A letter's frame: place-date and salutation on top, valediction, signature, place-date, postscript at the bottom. */
const letterParts = fc.record({
  date: pick(PLACE_DATES),
  salute: pick(SALUTATIONS),
  vale: fc.option(pick(VALEDICTIONS), { nil: undefined }),
  sig: pick(SIGNATURES),
  closeDate: fc.option(pick(PLACE_DATES), { nil: undefined }),
  ps: fc.option(fc.constantFrom('P.S. ', 'PS. ', 'Post scriptum: ', 'P.P.S. '), { nil: undefined }),
  body: hostileText,
  classes: fc.boolean(),
});

/**
 * The page shapes the layout rules of the last sessions read: tables with colspan and th,
 * images with and without src/alt, letters (salutation, closer, postscript), information blocks
 * with credits at the top or the bottom, notes under headings of every kind. Words and
 * hostile pieces fill them, so each shape meets broken input too.
 */
export const layoutText: fc.Arbitrary<{ text: string; shape: string }> = fc
  .tuple(
    fc.constantFrom('mia-html', 'mia-markdown', 'lia-text'),
    fc.subarray(['table', 'image', 'letter', 'info', 'credits', 'notes'] as const, { minLength: 1 }),
    htmlTable,
    htmlImage,
    letterParts,
    fc.array(pick(CREDITS), { minLength: 1, maxLength: 4 }),
    pick(NOTES_HEADINGS),
    fc.array(hostileText, { minLength: 1, maxLength: 3 }),
  )
  .map(([style, parts, table, image, letter, credits, notesHeading, notes]) => {
    const has = (k: (typeof parts)[number]) => parts.includes(k);
    const shape = `layout-${style}-${parts.join('+')}`;
    const anchors = has('notes') ? notes.map((_, i) => i + 1) : [];
    if (style === 'mia-html') {
      const cls = (c: string) => (letter.classes ? ` class="${c}"` : '');
      const out: string[] = ['<html><head><title>T</title><meta name="author" content="V. Lenin"></head><body>', '<h2>V. I. Lenin</h2>', `<h1>A Title ${letter.body.slice(0, 10)}</h1>`];
      if (has('info')) out.push(`<p class="information"><span class="info">Written:</span> 1921<br><span class="info">${credits[0]}</span></p>`);
      if (has('letter')) out.push(`<p${cls('placedate')}>${letter.date}</p>`, `<p${cls('salutation')}>${letter.salute}</p>`);
      out.push(`<p>${letter.body}${anchors.map((n) => `<a href="#n${n}" name="a${n}"><sup>${n}</sup></a>`).join(' ')}</p>`);
      if (has('table')) out.push(table);
      if (has('image')) out.push(image);
      if (has('letter')) {
        if (letter.vale) out.push(`<p${cls('sig')}>${letter.vale}</p>`);
        out.push(`<p${cls('sig')}><em>${letter.sig}</em></p>`);
        if (letter.closeDate) out.push(`<p${cls('placedate')}>${letter.closeDate}<br><em>${letter.sig}</em></p>`);
        if (letter.ps) out.push(`<p>${letter.ps}${letter.body.slice(0, 30)}</p>`);
      }
      if (has('notes')) {
        out.push('<hr class="end">', /\[|\(/.test(notesHeading) ? `<p class="sub">${notesHeading}</p>` : `<h3>${notesHeading}</h3>`);
        notes.forEach((n, i) => out.push(`<p class="endnote"><a name="n${i + 1}" href="#a${i + 1}">${i + 1}.</a> ${n}</p>`));
      }
      if (has('credits')) out.push(`<hr><p class="information">${credits.join('<br>')}</p>`);
      out.push('<p class="footer"><a href="../index.htm">Lenin Internet Archive</a></p></body></html>');
      return { shape, text: out.join('\n') };
    }
    const md = style === 'mia-markdown';
    const out: string[] = md ? ['V. I. Lenin', '', '# A Title', ''] : ['V. I. Lenin', '', 'A Title', ''];
    if (has('info')) out.push(credits.map((c) => (md ? `${c}  ` : c)).join('\n'), '');
    if (has('letter')) out.push(letter.date, '', letter.salute, '');
    out.push(`${letter.body}${anchors.map((n) => (md ? `<sup>${n}</sup>` : ` [${n}]`)).join(' ')}`, '');
    if (has('table')) out.push(md ? '| a | b |\n|---|---|\n| 1 | 2 |' : table, '');
    if (has('image')) out.push(md ? '![Portrait](pic.jpg)' : image, '');
    if (has('letter')) {
      if (letter.vale) out.push(letter.vale, '');
      out.push(md ? `*${letter.sig}*` : letter.sig, '');
      if (letter.closeDate) out.push(letter.closeDate, '');
      if (letter.ps) out.push(`${letter.ps}${letter.body.slice(0, 30)}`, '');
    }
    if (has('notes')) {
      out.push(md ? `**${notesHeading}**` : notesHeading, '');
      notes.forEach((n, i) => out.push(md ? `${i + 1}. ${n}` : `[${i + 1}] ${n}`, ''));
    }
    if (has('credits')) out.push(credits.join('\n'), '');
    return { shape, text: out.join('\n') };
  });

// ------------------------------------------------------------------ pathological shapes

/** One shape repeated: deep nesting, unclosed tags, runs of one character, anchors, notes headings. */
export const pathological: fc.Arbitrary<{ text: string; shape: string }> = fc
  .tuple(
    fc.constantFrom('nest-bi', 'nest-div', 'nest-quote', 'unclosed', 'stars', 'brackets', 'lt', 'charrefs', 'broken-charrefs', 'anchors', 'notes-headings', 'footnotes', 'links'),
    fc.integer({ min: 1, max: 400 }),
  )
  .map(([shape, n]) => {
    const html = (body: string) => `<html><head><title>T</title></head><body><h1>T</h1>${body}</body></html>`;
    switch (shape) {
      case 'nest-bi':
        return { shape, text: html(`<p>${'<b><i>'.repeat(n)}x${'</i></b>'.repeat(n)}</p>`) };
      case 'nest-div':
        return { shape, text: html(`${'<div>'.repeat(n * 10)}<p>x</p>${'</div>'.repeat(n * 10)}`) };
      case 'nest-quote':
        return { shape, text: `# T\n\n${'> '.repeat(n)}quoted\n` };
      case 'unclosed':
        return { shape, text: html('<p><b><i><a href="x">'.repeat(n)) };
      case 'stars':
        return { shape, text: `# T\n\n${'*'.repeat(n * 100)}\n` };
      case 'brackets':
        return { shape, text: `# T\n\n${'['.repeat(n * 100)}\n` };
      case 'lt':
        return { shape, text: `# T\n\n${'<'.repeat(n * 100)}\n` };
      case 'charrefs':
        return { shape, text: `# T\n\n${'&#8220;&#x110000;&#0;'.repeat(n)}\n` };
      case 'broken-charrefs':
        return { shape, text: `# T\n\n${'&8220; '.repeat(n * 10)}\n` };
      case 'anchors':
        return { shape, text: `# T\n\n${'word [1] '.repeat(n * 10)}\n\n**Notes**\n\n1. note\n` };
      case 'notes-headings':
        return { shape, text: `# T\n\ntext [1]\n\n${'**Notes**\n\n1. note\n\n'.repeat(n)}` };
      case 'footnotes':
        return { shape, text: `# T\n\n${Array.from({ length: n }, (_, i) => `w[^${i}]`).join(' ')}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: note ${i}`).join('\n')}\n` };
      default:
        return { shape, text: `# T\n\n${'[a](b[c) [d](javascript:e) [f]() '.repeat(n)}\n` };
    }
  });

// ------------------------------------------------------------------ real documents, mutated

/** The seeds in input/, and the MIA corpus documents when ../shared is beside the project. */
export function realDocuments(root: string, shared: string | undefined, max = 40): RealDocument[] {
  const docs: RealDocument[] = [];
  const take = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(txt|md|html?)$/i.test(name) || docs.length >= max) continue;
      docs.push({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
    }
  };
  take(join(root, 'input'));
  if (shared) {
    take(join(shared, 'seeds'));
    take(join(shared, 'corpus/mia'));
    take(join(shared, 'corpus/mia-more'));
  }
  return docs;
}

/** A small seeded generator (xorshift32): a mutation is reproducible from its case's seed. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0 || 0x9e3779b9;
  }
  /** An integer in [min, max]. */
  nextInt(min: number, max: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return min + ((x >>> 0) % (max - min + 1));
  }
}

type Mutation = (b: Uint8Array, r: Rng) => Uint8Array;

const splitLines = (b: Uint8Array): Uint8Array[] => {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 10) (out.push(b.subarray(start, i + 1)), (start = i + 1));
  if (start < b.length) out.push(b.subarray(start));
  return out;
};
const joinBytes = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
};

const MUTATIONS: Record<string, Mutation> = {
  'byte-flips': (b, r) => {
    const out = b.slice();
    for (let k = 0; k < 1 + r.nextInt(0, 20); k++) if (out.length) out[r.nextInt(0, out.length - 1)] = r.nextInt(0, 255);
    return out;
  },
  'lines-deleted': (b, r) => joinBytes(splitLines(b).filter(() => r.nextInt(0, 9) > 0)),
  'lines-duplicated': (b, r) => joinBytes(splitLines(b).flatMap((l) => (r.nextInt(0, 9) === 0 ? [l, l] : [l]))),
  'lines-shuffled': (b, r) => {
    const ls = splitLines(b);
    for (let i = ls.length - 1; i > 0; i--) {
      const j = r.nextInt(0, i);
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    }
    return joinBytes(ls);
  },
  truncated: (b, r) => b.subarray(0, r.nextInt(0, b.length)),
  crlf: (b) => joinBytes(splitLines(b).map((l) => (l[l.length - 1] === 10 ? joinBytes([l.subarray(0, -1), utf8('\r\n')]) : l))),
  cr: (b) => b.map((c) => (c === 10 ? 13 : c)),
  'utf8-bom': (b) => joinBytes([new Uint8Array([0xef, 0xbb, 0xbf]), b]),
  'utf16le-bom': (b) => {
    const s = new TextDecoder().decode(b);
    const out = new Uint8Array(2 + s.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) (out[2 + i * 2] = s.charCodeAt(i) & 0xff), (out[3 + i * 2] = s.charCodeAt(i) >> 8);
    return out;
  },
  latin1: (b) => {
    const s = new TextDecoder().decode(b);
    return Uint8Array.from(s, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63));
  },
  // An HTML page printed on one line (minified, as crawlers keep it).
  'lines-joined': (b) => b.map((c) => (c === 10 || c === 13 ? 32 : c)),
  'nasty-inserted': (b, r) => {
    const at = r.nextInt(0, b.length);
    return joinBytes([b.subarray(0, at), utf8(NASTY[r.nextInt(0, NASTY.length - 1)]! + TOKENS[r.nextInt(0, TOKENS.length - 1)]!), b.subarray(at)]);
  },
};

/** Mutations that keep every word of the document (`lines-joined` only for HTML, where a line end is a space). */
const WORD_KEEPING = new Set(['crlf', 'cr', 'utf8-bom', 'utf16le-bom', 'lines-joined']);

/** A document for the mutations; `clean`: it converts without losing a word (then so must its word-keeping mutations). */
export interface RealDocument {
  name: string;
  bytes: Uint8Array;
  clean?: boolean;
}

/** A real document with one to three mutations, made reproducibly from the case's seed. */
export function mutatedDocument(docs: readonly RealDocument[]): fc.Arbitrary<FuzzInput> {
  const names = Object.keys(MUTATIONS);
  return fc
    .tuple(fc.integer({ min: 0, max: Math.max(0, docs.length - 1) }), fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }), fc.integer())
    .map(([d, ms, seed]) => {
      const doc = docs[d]!;
      const r = new Rng(seed);
      const html = /\.html?$/i.test(doc.name);
      // Joining the lines of markdown or page text changes what it says; of HTML, nothing.
      const used = html ? ms : ms.filter((m) => m !== 'lines-joined');
      let bytes = doc.bytes;
      for (const m of used) bytes = MUTATIONS[m]!(bytes, r);
      // After the bytes are UTF-16, a change of bytes (a line end inserted) garbles the characters.
      const utf16 = used.indexOf('utf16le-bom');
      // One line-end change at most: CRLF made twice ("\r\r\n") or CR after CRLF is a blank line more after every line.
      const lineEnds = used.filter((m) => m === 'crlf' || m === 'cr').length;
      const wordsKept = doc.clean === true && used.length > 0 && used.every((m) => WORD_KEEPING.has(m)) && (utf16 < 0 || utf16 === used.length - 1) && lineEnds <= 1;
      return { bytes, shape: `${doc.name}+${used.join('+')}`, ...(wordsKept && { wordsKept }) };
    });
}

/** Every kind of input, as bytes: generated text of each style, pathological shapes, mutated real documents. */
export function anyInput(docs: readonly RealDocument[]): fc.Arbitrary<FuzzInput> {
  const encodings = fc.constantFrom('utf8', 'utf8-bom', 'latin1', 'crlf', 'cr');
  const encoded = (a: fc.Arbitrary<{ text: string; shape: string }>) =>
    fc.tuple(a, encodings).map(([{ text, shape }, enc]): FuzzInput => {
      let bytes = utf8(text);
      if (enc !== 'utf8') bytes = MUTATIONS[enc]!(bytes, new Rng(1));
      return { bytes, shape: `${shape}/${enc}` };
    });
  const arbs: fc.WeightedArbitrary<FuzzInput>[] = [
    { weight: 4, arbitrary: encoded(styledText) },
    { weight: 3, arbitrary: encoded(layoutText) },
    { weight: 1, arbitrary: encoded(pathological) },
  ];
  if (docs.length > 0) arbs.push({ weight: 3, arbitrary: mutatedDocument(docs) });
  return fc.oneof(...arbs);
}

// ------------------------------------------------------------------ TEI for validate()

/** Markup that has broken XML validators: bad references, stray end tags, doctypes, deep nesting. */
const TEI_NASTY = [
  '</x>', '<y/>', '&#x110000;', '&#0;', '&#xFFFE;', '&bogus;', '&', '<', ']]>', '<!DOCTYPE TEI [<!ENTITY a "aaaa">]>', '&a;',
  '<!ENTITY x SYSTEM "file:///etc/passwd">', '<?pi?>', '<!-- -- -->', 'xml:id="1-n1"', 'target=""', 'target="a[b%#c#"', 'xmlns="urn:x"',
  'xmlns:tei=""', '<p xml:id="n1"/>', '<ref target="#nowhere"/>', '\uFFFF', '\u0000', '\uD800', '<hi>'.repeat(300), '</hi>'.repeat(3),
] as const;

const TEI_MUTATIONS: Record<string, (s: string, r: Rng) => string> = {
  'byte-flip': (s, r) => {
    const at = r.nextInt(0, Math.max(0, s.length - 1));
    return s.slice(0, at) + String.fromCharCode(r.nextInt(0, 0x7f)) + s.slice(at + 1);
  },
  deleted: (s, r) => {
    const at = r.nextInt(0, s.length);
    return s.slice(0, at) + s.slice(at + r.nextInt(1, 40));
  },
  truncated: (s, r) => s.slice(0, r.nextInt(0, s.length)),
  inserted: (s, r) => {
    const at = r.nextInt(0, s.length);
    return s.slice(0, at) + TEI_NASTY[r.nextInt(0, TEI_NASTY.length - 1)]! + s.slice(at);
  },
  'tag-renamed': (s, r) => {
    const tags = [...s.matchAll(/<(\/?)([a-zA-Z]+)/g)];
    const m = tags[r.nextInt(0, Math.max(0, tags.length - 1))];
    return m ? s.slice(0, m.index + 1 + m[1]!.length) + 'zz' + s.slice(m.index + 1 + m[1]!.length) : s;
  },
};

/** A TEI document teiwright wrote, mutated one to four times. */
export function mutatedTei(teis: readonly string[]): fc.Arbitrary<{ xml: string; shape: string }> {
  const names = Object.keys(TEI_MUTATIONS);
  return fc
    .tuple(fc.integer({ min: 0, max: Math.max(0, teis.length - 1) }), fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }), fc.integer())
    .map(([t, ms, seed]) => {
      const r = new Rng(seed);
      let xml = teis[t] ?? '<TEI/>';
      for (const m of ms) xml = TEI_MUTATIONS[m]!(xml, r);
      return { xml, shape: ms.join('+') };
    });
}

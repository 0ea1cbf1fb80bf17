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
  /** The text of a corrections file given with the input (`--corrections`), hostile or not. */
  corrections?: string;
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

// ------------------------------------------------------------------ session 8: shapes the fuzzer did not reach

/** A value hostile to a YAML/TOML reader: quotes, colons, block markers, hostile text. */
const yamlValue: fc.Arbitrary<string> = fc.oneof(
  shortHostile,
  fc.constantFrom('"', "'", '"unclosed', "'it''s'", 'a: b', '|', '>-', '- x', '[a, b', '{a: 1}', '&anchor', '*alias', '!!binary x', '~', 'null', '2021-13-45', '# comment', '---', '+++', '...'),
);

/**
 * Markdown copies made by pandoc or Hugo: YAML (`---`) or TOML (`+++`) front matter with
 * hostile values, a pandoc title block (`% title`), lists and block scalars in the front
 * matter, shortcodes and footnotes in the body, front matter unclosed or twice.
 */
export const frontMatterText: fc.Arbitrary<{ text: string; shape: string }> = fc
  .record({
    kind: fc.constantFrom('yaml', 'toml', 'pandoc', 'unclosed', 'twice', 'yaml-list', 'yaml-block'),
    title: yamlValue,
    author: yamlValue,
    date: fc.oneof(fc.constantFrom('1921-03-08', '"1921"', '8 March 1921', '', '1921-02-30'), yamlValue),
    extra: yamlValue,
    body: hostileText,
    notes: fc.array(hostileText, { maxLength: 3 }),
    shortcode: fc.constantFrom('', '{{< figure src="a.jpg" title="x" >}}', '{{% note %}}x{{% /note %}}', '{{< ref "a.md" >}}', '<!--more-->'),
  })
  .map(({ kind, title, author, date, extra, body, notes, shortcode }) => {
    const refs = notes.map((_, i) => `[^${i + 1}]`).join(' ');
    const defs = notes.map((n, i) => `[^${i + 1}]: ${n}`).join('\n');
    const tail = ['', `${body} ${refs}`, '', shortcode, '', defs, ''];
    switch (kind) {
      case 'toml':
        return { shape: `fm-${kind}`, text: lines(['+++', `title = "${title}"`, `author = '${author}'`, `date = ${date || '1921'}`, `tags = ["${extra}"]`, '+++', ...tail]) };
      case 'pandoc':
        return { shape: `fm-${kind}`, text: lines([`% ${title}`, `% ${author}`, `% ${date}`, ...tail]) };
      case 'unclosed':
        return { shape: `fm-${kind}`, text: lines(['---', `title: ${title}`, `author: ${author}`, ...tail]) };
      case 'twice':
        return { shape: `fm-${kind}`, text: lines(['---', `title: ${title}`, '---', '---', `author: ${author}`, '---', ...tail]) };
      case 'yaml-list':
        return { shape: `fm-${kind}`, text: lines(['---', `title: ${title}`, 'authors:', `  - ${author}`, `  - ${extra}`, 'tags: [a, b]', `date: ${date}`, '---', ...tail]) };
      case 'yaml-block':
        return { shape: `fm-${kind}`, text: lines(['---', 'title: |', `  ${title}`, `  ${extra}`, 'summary: >-', `  ${body.slice(0, 40).replace(/\r?\n|\r/g, ' ')}`, `author: "${author.replace(/"/g, '\\"')}"`, '---', ...tail]) };
      default:
        return { shape: `fm-${kind}`, text: lines(['---', `title: ${title}`, `author: ${author}`, `date: ${date}`, `source: ${extra}`, '---', ...tail]) };
    }
  });

/** The X and Y of an editor's note about the manuscript: words of the text, or hostile. */
const emendWord: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 4 }).map((ws) => ws.join(' ')) },
  { weight: 2, arbitrary: shortHostile },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '“', '”', '"', '""', '“”', '«', '»', '’', '[1]', '<sup>1</sup>', '*', '**', '`', '\n', '\r\n\r\n', 'the word', 'illegible', 'sic', 'above', 'the the the') },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => w.repeat(200)) },
);

/** Editors' notes the emendation phrasings read, and near misses. */
const EMENDATIONS: readonly ((x: string, y: string) => string)[] = [
  (x, y) => `The word “${x}” is written above the word “${y}”.`,
  (x, y) => `The words "${x}" are written over "${y}" in the manuscript.`,
  (x, y) => `Above “${y}” is written “${x}”.`,
  (x, y) => `Below the word ${y} was written ${x}.`,
  (x) => `“${x}” is crossed out.`,
  (x) => `Lenin crossed out “${x}”.`,
  (x) => `“${x}” is added in the margin in Lenin’s hand.`,
  (x) => `Added in the margin: “${x}”.`,
  () => 'The last word is illegible.',
  (x) => `Illegible, probably “${x}”.`,
  () => 'Two words are illegible.',
  (x) => `${x} words are illegible.`,
  () => 'The manuscript breaks off here.',
  (x) => `${x} [sic]`,
  (x, y) => `The word “${x}” is written above the word “${y}”. “${y}” is crossed out. Illegible, probably “${x}”.`,
  (x, y) => `written above “${y}” is written “${x}” written above`,
];

/**
 * Pages whose notes describe the manuscript ("the word X is written above the word Y",
 * crossed out, added, illegible, sic) with X and Y that are words of the text, words it
 * lacks, empty, quotes, markup or hostile characters; the anchor where the text has X or Y.
 */
export const emendationText: fc.Arbitrary<{ text: string; shape: string }> = fc
  .tuple(
    fc.constantFrom('mia-markdown', 'lia-text', 'mia-html'),
    fc.array(fc.tuple(fc.integer({ min: 0, max: EMENDATIONS.length - 1 }), emendWord, emendWord, fc.boolean()), { minLength: 1, maxLength: 4 }),
    fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 30 }),
  )
  .map(([style, notes, words]) => {
    const shape = `emend-${style}-${notes.map(([k]) => k).join('.')}`;
    // The text holds X or Y (or both) where the anchor stands, when the note's flag says so.
    const body = words.join(' ');
    const sentences = notes.map(([, x, y, inText], i) => {
      const n = i + 1;
      const anchor = style === 'mia-html' ? `<a href="#n${n}" name="a${n}"><sup>${n}</sup></a>` : style === 'mia-markdown' ? `<sup>${n}</sup>` : `[${n}]`;
      return inText ? `${body} ${y} ${x}${anchor}` : `${body}${anchor}`;
    });
    const noteTexts = notes.map(([k, x, y]) => EMENDATIONS[k]!(x, y));
    if (style === 'mia-html') {
      return {
        shape,
        text: `<html><head><title>T</title></head><body><h1>A Letter</h1>\n${sentences.map((s) => `<p>${s}</p>`).join('\n')}\n<hr class="end"><h3>Notes</h3>\n${noteTexts.map((t, i) => `<p class="endnote"><a name="n${i + 1}" href="#a${i + 1}">[${i + 1}]</a> ${t}</p>`).join('\n')}\n</body></html>`,
      };
    }
    const md = style === 'mia-markdown';
    return {
      shape,
      text: lines([md ? '# A Letter' : 'A Letter', '', ...sentences.flatMap((s) => [s, '']), md ? '**Notes**' : 'Notes', '', ...noteTexts.flatMap((t, i) => [md ? `${i + 1}. ${t}` : `[${i + 1}] ${t}`, '']) ]),
    };
  });

/**
 * Notes sections where a reader does not expect them: before the text, in the middle, twice,
 * inside a blockquote or a list, with a table or a list or a heading inside a note, notes
 * without anchors and anchors without notes.
 */
export const oddNotesText: fc.Arbitrary<{ text: string; shape: string }> = fc
  .tuple(
    fc.constantFrom('mia-html', 'mia-markdown', 'lia-text'),
    fc.constantFrom('top', 'middle', 'twice', 'quote', 'list', 'table-in-note', 'heading-in-note', 'no-anchors', 'no-notes', 'nested-notes'),
    pick(NOTES_HEADINGS),
    fc.array(hostileText, { minLength: 1, maxLength: 3 }),
    htmlTable,
    hostileText,
  )
  .map(([style, where, heading, notes, table, body]) => {
    const shape = `oddnotes-${style}-${where}`;
    const html = style === 'mia-html';
    const md = style === 'mia-markdown';
    const anchor = (n: number) => (where === 'no-anchors' ? '' : html ? `<a href="#n${n}" name="a${n}"><sup>${n}</sup></a>` : md ? `<sup>${n}</sup>` : ` [${n}]`);
    const para = (t: string) => (html ? `<p>${t}</p>` : `${t}\n`);
    const mdTable = '| a | b |\n|---|---|\n| 1 | 2 |';
    const note = (t: string, i: number) => {
      const n = i + 1;
      const inner = where === 'table-in-note' ? (html ? `${t}${table}` : `${t}\n\n${md ? mdTable : table}`) : where === 'heading-in-note' ? (html ? `<h4>${t.slice(0, 10)}</h4>${t}` : `${md ? '### ' : ''}${t.slice(0, 10)}\n\n${t}`) : t;
      if (html) return `<p class="endnote"><a name="n${n}" href="#a${n}">${n}.</a> ${inner}</p>`;
      return md ? `${n}. ${inner}\n` : `[${n}] ${inner}\n`;
    };
    const head = html ? `<h3>${heading}</h3>` : md ? `**${heading}**\n` : `${heading}\n`;
    const section = where === 'no-notes' ? [] : [head, ...notes.map(note)];
    const section2 = [head, ...notes.map((t, i) => note(`${t} again`, i))];
    const paras = notes.map((_, i) => para(`${body.slice(0, 80)} ${WORDS[i % WORDS.length]}${anchor(i + 1)}`));
    let blocks: string[];
    switch (where) {
      case 'top':
        blocks = [...section, ...paras];
        break;
      case 'middle':
        blocks = [paras[0]!, ...section, ...paras.slice(1), para('The end of the text.')];
        break;
      case 'twice':
        blocks = [...paras, ...section, para(`More text${anchor(1)}`), ...section2];
        break;
      case 'quote':
        blocks = [...paras, ...(html ? ['<blockquote>', ...section, '</blockquote>'] : section.map((b) => b.replace(/^/gm, '> ')))];
        break;
      case 'list':
        blocks = [...paras, ...(html ? ['<ul>', ...section.map((b) => `<li>${b}</li>`), '</ul>'] : section.map((b) => `- ${b}`))];
        break;
      case 'nested-notes':
        blocks = [...paras, ...(html ? [head, `<p class="endnote"><a name="n1" href="#a1">1.</a> ${notes[0]!}${section.join('')}</p>`] : [head, `1. ${notes[0]!}`, ...section.map((b) => `   ${b}`)])];
        break;
      default:
        blocks = [...paras, ...section];
    }
    const title = html ? '<h1>A Title</h1>' : md ? '# A Title\n' : 'A Title\n';
    if (html) return { shape, text: `<html><head><title>T</title></head><body>\n${title}\n${blocks.join('\n')}\n</body></html>\n` };
    return { shape, text: [title, ...blocks].join('\n') };
  });

/**
 * HTML pages whose charset is a lie, as bytes: a `<meta charset>` naming another encoding
 * than the bytes have (UTF-8 declared over windows-1252 bytes and the reverse, a Cyrillic
 * charset over Latin text), Windows-1252 bytes (0x80–0x9F: curly quotes, dashes) inside a
 * UTF-8 page, a charset declared twice, or in an XML declaration, or misspelt.
 */
export const charsetLie: fc.Arbitrary<FuzzInput> = fc
  .tuple(
    fc.constantFrom('utf-8', 'UTF-8', 'windows-1252', 'iso-8859-1', 'windows-1251', 'koi8-r', 'utf-16', 'utrf-8', 'x-user-defined', 'shift_jis', ''),
    fc.constantFrom('meta-charset', 'http-equiv', 'xml-decl', 'twice', 'none'),
    fc.constantFrom('utf8', 'cp1252', 'cp1252-in-utf8', 'latin1'),
    fc.array(fc.oneof(fc.constantFrom(...WORDS).map((w) => `${w} `), fc.constantFrom('“quoted” ', '— ', 'naïve ', 'Ж ', '… ', '€ ', 'Œuvres ', '™ ')), { minLength: 3, maxLength: 40 }),
    fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 6 }),
  )
  .map(([charset, how, bytesAre, ws, stray]) => {
    const decl = how === 'meta-charset' ? `<meta charset="${charset}">` : how === 'http-equiv' ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">` : how === 'twice' ? `<meta charset="${charset}"><meta charset="utf-8">` : '';
    const xml = how === 'xml-decl' ? `<?xml version="1.0" encoding="${charset}"?>\n` : '';
    const text = `${xml}<html><head>${decl}<title>T</title></head><body><h1>A Title</h1>\n<p>${ws.join('')}</p>\n<p>${ws.slice().reverse().join('')}</p>\n</body></html>\n`;
    const shape = `charset-${how}-${charset || 'empty'}-${bytesAre}`;
    if (bytesAre === 'utf8') return { bytes: utf8(text), shape };
    // windows-1252 for the characters it has (the C1 range for quotes and dashes), '?' for the others.
    const cp1252 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => CP1252.get(c) ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63)));
    if (bytesAre === 'cp1252' || bytesAre === 'latin1') return { bytes: cp1252(text), shape };
    // A UTF-8 page with a few stray single bytes, as an editor that saved one paragraph in another encoding leaves.
    const b = utf8(text);
    const at = text.indexOf('<p>') + 3;
    const byteAt = utf8(text.slice(0, at)).length;
    return { bytes: joinBytes([b.subarray(0, byteAt), Uint8Array.from(stray), b.subarray(byteAt)]), shape };
  });

/** The windows-1252 bytes of the characters it puts in 0x80–0x9F. */
const CP1252 = new Map<string, number>([
  ['€', 0x80], ['‚', 0x82], ['ƒ', 0x83], ['„', 0x84], ['…', 0x85], ['†', 0x86], ['‡', 0x87], ['ˆ', 0x88], ['‰', 0x89], ['Š', 0x8a], ['‹', 0x8b], ['Œ', 0x8c], ['Ž', 0x8e],
  ['‘', 0x91], ['’', 0x92], ['“', 0x93], ['”', 0x94], ['•', 0x95], ['–', 0x96], ['—', 0x97], ['˜', 0x98], ['™', 0x99], ['š', 0x9a], ['›', 0x9b], ['œ', 0x9c], ['ž', 0x9e], ['Ÿ', 0x9f],
]);

/**
 * A paragraph written with every line end at once (`\n`, `\r\n`, `\r`, also `\r\r\n`, and
 * U+2028/U+0085, which are no line ends to teiwright), and very long single lines (a whole
 * document on one line of up to 1 MB, a markdown paragraph without a break).
 */
export const lineEndsText: fc.Arbitrary<{ text: string; shape: string }> = fc
  .tuple(
    fc.constantFrom('mixed-md', 'mixed-lia', 'mixed-html', 'long-md', 'long-html', 'long-lia'),
    fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom('\n', '\r\n', '\r', '\r\r\n', '\u2028', '\u0085', ' ', ' ', ' ')), { minLength: 4, maxLength: 80 }),
    fc.integer({ min: 1, max: 200 }),
  )
  .map(([kind, ws, n]) => {
    const para = ws.map(([w, e]) => `${w}${e}`).join('');
    switch (kind) {
      case 'mixed-md':
        return { shape: kind, text: `# A Title\r\n\r\n${para}\n\r\n${para}<sup>1</sup>\r\r**Notes**\n\r\n1. ${para}\r` };
      case 'mixed-lia':
        return { shape: kind, text: `A Title\r\rWritten: 1921\r\nSource: x\n\n${para} [1]\r\n\r\nNotes\r\r[1] ${para}\n` };
      case 'mixed-html':
        return { shape: kind, text: `<html><head><title>T</title></head>\r<body><h1>A\rTitle</h1>\r\n<p>${para}</p>\r<p>${para}</p></body></html>` };
      case 'long-md':
        return { shape: kind, text: `# A Title\n\n${`${ws.map(([w]) => w).join(' ')} `.repeat(n * 10)}<sup>1</sup>\n\n**Notes**\n\n1. note\n` };
      case 'long-lia':
        return { shape: kind, text: `A Title\n\nWritten: 1921\n\n${`${ws.map(([w]) => w).join(' ')} `.repeat(n * 10)}[1]\n\nNotes\n\n[1] note\n` };
      default:
        return { shape: kind, text: `<html><head><title>T</title></head><body><h1>A Title</h1>${`<p>${ws.map(([w]) => w).join(' ')}</p>`.repeat(n * 5)}</body></html>` };
    }
  });

/** A correction the schema accepts, finding words the generated texts have (or hostile strings). */
const validCorrection: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    find: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS, 'the party', 'Lenin and', 'workers of', '1921') }, { weight: 1, arbitrary: emendWord.filter((w) => w.length > 0) }),
    replace: fc.oneof(fc.constantFrom(...WORDS), emendWord.filter((w) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/.test(w)), fc.constantFrom('', '$&', '<b>', '&amp;', ']]>', '\u202E', 'ǅ', '😀')),
    in: fc.constantFrom('any', 'text', 'title', 'notes', 'metadata', 'note 1', 'note 2', 'source', 'written'),
    editor: fc.constantFrom('ed-a', 'ed-b'),
    reason: fc.oneof(shortHostile, fc.constant('typo')),
    n: fc.oneof(fc.constant(undefined), fc.record({ occurrence: fc.integer({ min: 1, max: 3 }) }), fc.record({ count: fc.integer({ min: 1, max: 4 }) })),
  })
  .map(({ n, ...c }) => ({ ...c, ...n }));

/** One correction of a corrections file: valid (three in four), or hostile in each field. */
const correction: fc.Arbitrary<Record<string, unknown>> = fc.oneof({ weight: 3, arbitrary: validCorrection }, { weight: 1, arbitrary: hostileCorrection() });

function hostileCorrection(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
  {
    find: fc.oneof({ weight: 3, arbitrary: emendWord }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '.', '*', '(', '\\', '$&', '$1', '[', '^', 'the party', 'Lenin\n', '\u0000', '\uFFFE', '\uD800', '1921') }),
    replace: fc.oneof(emendWord, fc.constantFrom('', '$&', '$1', '<b>', '&amp;', ']]>', '\u0001', '\uFFFF', '\uDC00', '\u202E')),
    in: fc.constantFrom('any', 'text', 'title', 'notes', 'metadata', 'note 1', 'note 99', 'note x', 'source', 'written', 'signed', 'nowhere', '', 'note __proto__'),
    editor: fc.constantFrom('ed-a', 'ed-b', 'teiwright', '1bad', '', 'ed a', '__proto__'),
    reason: fc.oneof(shortHostile, fc.constant('typo')),
    occurrence: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant(1e300), fc.constant(2 ** 53)),
    count: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(1.5)),
  },
  { requiredKeys: ['find', 'replace', 'editor'] },
  );
}

/**
 * The text of a corrections file for the input `fuzz.txt` (`--corrections`): valid ones that
 * match words of the generated texts, and hostile ones — fields of the wrong type or value,
 * `__proto__`/`constructor` keys, deep nesting, duplicate keys, truncated JSON, a BOM, control
 * characters in an editor's name, corrections keyed to another file.
 */
export const correctionsFile: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'hostile', 'proto', 'constructor', 'nested', 'truncated', 'not-object', 'duplicate-keys', 'bom', 'other-file', 'extra-field', 'editor-control'),
    fc.array(validCorrection, { minLength: 1, maxLength: 4 }),
    fc.array(correction, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('fuzz.txt', 'fuzz'),
    fc.oneof(shortHostile, fc.constantFrom('Jane Doe', '', 'J\u001b[31mD', 'A\nB', '\u202Eevil')),
    fc.integer({ min: 1, max: 5000 }),
  )
  .map(([kind, valid, mixed, key, hostileName, depth]) => {
    // Valid files (half of them) apply; the others are refused with a message at their place.
    const cs = kind === 'valid' || kind === 'bom' || kind === 'other-file' ? valid : mixed;
    const name = kind === 'valid' || kind === 'bom' || kind === 'other-file' || kind === 'editor-control' ? 'Jane Doe' : hostileName || 'Jane Doe';
    const editors = [{ id: 'ed-a', name }, { id: 'ed-b', name: 'B' }];
    const doc = { editors, files: { [key]: cs } };
    const json = JSON.stringify(doc, null, 2);
    switch (kind) {
      case 'proto':
        return json.replace(`"${key}"`, '"__proto__"');
      case 'constructor':
        return json.replace('"files"', '"constructor": {},\n  "files"');
      case 'nested':
        return json.replace('"reason"', `"deep": ${'['.repeat(depth)}${']'.repeat(depth)}, "reason"`);
      case 'truncated':
        return json.slice(0, Math.floor(json.length / 2));
      case 'not-object':
        return ['[]', 'null', '"files"', '42', '', ' ', '{', '{"editors": [], "files": {}}'][depth % 8]!;
      case 'duplicate-keys':
        return json.replace('"files": {', `"files": {"${key}": [],`);
      case 'bom':
        return `\uFEFF${json}`;
      case 'other-file':
        return json.replace(`"${key}"`, '"another.txt"');
      case 'extra-field':
        return json.replace('"editors"', '"x-extra": 1,\n  "editors"');
      case 'editor-control':
        return json.replace('"Jane Doe"', '"Jane\\u0007Doe"').replace('"B"', '"B\\u0000"');
      default:
        return json;
    }
  });

/** A generated text with a corrections file for it. */
export const withCorrections: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.oneof(styledText, emendationText, layoutText), correctionsFile)
  .map(([{ text, shape }, corrections]) => ({ bytes: utf8(text), shape: `${shape}+corrections`, corrections }));

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
  // Every line end made one of LF, CRLF, CR at random (the old ones first made LF): one paragraph, three conventions.
  'mixed-line-ends': (b, r) => {
    const out: number[] = [];
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (c !== 10 && c !== 13) {
        out.push(c);
        continue;
      }
      if (c === 13 && b[i + 1] === 10) i++;
      // A CR alone before a line end that became LF would read as one CRLF: a blank line lost.
      const next = b[i + 1];
      const k = next === 10 || next === 13 ? r.nextInt(0, 1) : r.nextInt(0, 2);
      if (k === 0) out.push(10);
      else if (k === 1) out.push(13, 10);
      else out.push(13);
    }
    return Uint8Array.from(out);
  },
  // Stray windows-1252 bytes (curly quotes, dashes: 0x80–0x9F) or Latin-1 bytes inside UTF-8 text.
  'cp1252-bytes': (b, r) => {
    const parts: Uint8Array[] = [];
    let from = 0;
    for (let k = 0; k < 1 + r.nextInt(0, 4); k++) {
      let at = r.nextInt(from, b.length);
      while (at < b.length && (b[at]! & 0xc0) === 0x80) at++; // not inside a UTF-8 sequence
      parts.push(b.subarray(from, at), Uint8Array.of(r.nextInt(0, 1) ? r.nextInt(0x80, 0x9f) : r.nextInt(0xa0, 0xff)));
      from = at;
    }
    parts.push(b.subarray(from));
    return joinBytes(parts);
  },
  // A charset declaration that lies: put into the head (or the top) of the page.
  'charset-lie': (b, r) => {
    const decl = ['<meta charset="windows-1251">', '<meta charset="utf-16">', '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', '<meta charset="iso-8859-1">', '<meta charset="shift_jis">', '<?xml version="1.0" encoding="windows-1252"?>'][r.nextInt(0, 5)]!;
    const s = new TextDecoder('latin1').decode(b);
    const at = s.search(/<head[^>]*>/i);
    const pos = at < 0 ? 0 : s.indexOf('>', at) + 1;
    return joinBytes([b.subarray(0, pos), utf8(decl), b.subarray(pos)]);
  },
  'nasty-inserted': (b, r) => {
    const at = r.nextInt(0, b.length);
    return joinBytes([b.subarray(0, at), utf8(NASTY[r.nextInt(0, NASTY.length - 1)]! + TOKENS[r.nextInt(0, TOKENS.length - 1)]!), b.subarray(at)]);
  },
};

/** Mutations that keep every word of the document (`lines-joined` only for HTML, where a line end is a space). */
const WORD_KEEPING = new Set(['crlf', 'cr', 'utf8-bom', 'utf16le-bom', 'lines-joined', 'mixed-line-ends']);

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
      const lineEnds = used.filter((m) => m === 'crlf' || m === 'cr' || m === 'mixed-line-ends').length;
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
    { weight: 1, arbitrary: encoded(frontMatterText) },
    { weight: 2, arbitrary: encoded(emendationText) },
    { weight: 1, arbitrary: encoded(oddNotesText) },
    { weight: 1, arbitrary: encoded(lineEndsText) },
    { weight: 1, arbitrary: charsetLie },
    { weight: 1, arbitrary: withCorrections },
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

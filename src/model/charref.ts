/**
 * Character references as CommonMark reads them in markdown text: `&name;` from the HTML5
 * list, `&#1234;` (1–7 decimal digits) and `&#x201C;` (1–6 hex digits). Shared by the
 * markdown readers (which decode them into the text) and the fidelity check (which decodes
 * the source the same way before counting its words), so both sides agree.
 *
 * The HTML5 table comes from `entities` (the decoder parse5 uses): 2,000+ names, some of two
 * code points (`&ngE;`), kept up to date with the WHATWG list by its maintainers.
 */
import { decodeHTMLStrict } from 'entities';

/** The character a reference number stands for, or undefined when XML 1.0 cannot carry it. */
export function charForReference(ref: string): string | undefined {
  const code = ref.startsWith('x') || ref.startsWith('X') ? Number.parseInt(ref.slice(1), 16) : Number.parseInt(ref, 10);
  const allowed =
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

/** A reference as CommonMark defines it, anchored at `lastIndex` (sticky). */
const REFERENCE = /&(?:#([0-9]{1,7})|#([xX][0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/y;
/** The same, anywhere in a text. */
const REFERENCE_ANYWHERE = new RegExp(REFERENCE.source, 'g');

/**
 * What a valid reference printed as `printed` stands for, or undefined: an unknown name
 * (`&foo;`) stays as printed, as CommonMark keeps it; so does a number XML cannot carry
 * (`&#0;`, `&#xD800;`, `&#x110000;`), as the broken-reference repair keeps it — visible
 * text, never a forbidden character in the TEI.
 */
function decodeMatch(printed: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string | undefined {
  if (dec !== undefined) return charForReference(dec);
  if (hex !== undefined) return charForReference(hex);
  if (name === undefined) return undefined;
  const decoded = decodeHTMLStrict(printed);
  return decoded === printed ? undefined : decoded;
}

/** The reference starting at `at` in `text`: its length in the source and the text it stands for. */
export function referenceAt(text: string, at: number, end = text.length): { length: number; chars: string } | undefined {
  REFERENCE.lastIndex = at;
  const m = REFERENCE.exec(text);
  if (!m || at + m[0].length > end) return undefined;
  const chars = decodeMatch(m[0], m[1], m[2], m[3]);
  return chars === undefined ? undefined : { length: m[0].length, chars };
}

const decodeAll = (text: string): string =>
  text.replace(REFERENCE_ANYWHERE, (all, dec?: string, hex?: string, name?: string) => decodeMatch(all, dec, hex, name) ?? all);

/**
 * Texts longer than this are decoded in pieces. One `replace` over a long text keeps every
 * match's strings until it returns: 25 million characters of `&amp;` took 450 MB of heap
 * (1.3 s) at once, in pieces 40 MB (0.4 s).
 */
const DECODE_PIECE = 1 << 16;

/** `text` with every valid reference decoded (the others kept as printed). */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  if (text.length <= DECODE_PIECE) return decodeAll(text);
  // A piece ends right before an `&`: a reference holds no other `&`, so none is cut.
  const parts: string[] = [];
  let from = 0;
  while (from < text.length) {
    const cut = text.indexOf('&', from + DECODE_PIECE);
    const to = cut < 0 ? text.length : cut;
    parts.push(decodeAll(text.slice(from, to)));
    from = to;
  }
  return parts.join('');
}

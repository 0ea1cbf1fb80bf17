/**
 * Turns the bytes of an input file into the text the readers see, or says clearly why not.
 * Line numbers are preserved: only CRLF/CR line ends and a leading BOM are normalised.
 */
import type { DiagnosticCode } from '../diagnostics.js';
import type { SourcePos } from '../model/edition.js';

/** A problem with the bytes that did not stop the reading (the text is there, maybe not quite as written). */
export interface DecodeWarning {
  code: DiagnosticCode;
  message: string;
  pos?: SourcePos;
}

export type Decoded =
  | {
      ok: true;
      text: string;
      /** Set when the text was not UTF-8: the charset it was read as. */
      charset?: string;
      /** Set when the bytes were not what the file declares (or declares nothing): read as a browser would, but say so. */
      warning?: DecodeWarning;
    }
  | { ok: false; code: DiagnosticCode; message: string; pos?: SourcePos };

/**
 * A charset declaration in the first bytes: `<meta charset=…>`, `content="text/html; charset=…"`,
 * `<?xml … encoding="…"?>`. The label is returned as written (lower case), misspellings included.
 */
const DECLARATION = /(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.-]{1,40})/i;

/**
 * WHATWG Encoding Standard labels (https://encoding.spec.whatwg.org/#names-and-labels) of the
 * single-byte charsets MIA pages declare, mapped to the decoder we use. For HTML, every
 * ISO-8859-1/ASCII label means windows-1252.
 */
const LABELS: ReadonlyMap<string, string> = new Map([
  ...['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso88591', 'latin1', 'latin-1', 'l1', 'cp819', 'ibm819', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'windows-1252', 'cp1252', 'x-cp1252'].map((l) => [l, 'windows-1252'] as const),
  ...['windows-1251', 'cp1251', 'x-cp1251'].map((l) => [l, 'windows-1251'] as const),
  ...['windows-1250', 'cp1250', 'x-cp1250'].map((l) => [l, 'windows-1250'] as const),
  ...['iso-8859-2', 'iso8859-2', 'latin2', 'l2'].map((l) => [l, 'iso-8859-2'] as const),
  ...['iso-8859-5', 'iso8859-5', 'cyrillic'].map((l) => [l, 'iso-8859-5'] as const),
  ...['iso-8859-7', 'iso8859-7', 'greek'].map((l) => [l, 'iso-8859-7'] as const),
  ...['iso-8859-15', 'iso8859-15', 'latin9', 'l9'].map((l) => [l, 'iso-8859-15'] as const),
  ...['koi8-r', 'koi8', 'koi', 'cskoi8r'].map((l) => [l, 'koi8-r'] as const),
  ...['koi8-u', 'koi8-ru'].map((l) => [l, 'koi8-u'] as const),
]);

/** Charsets whose letters above 0x7F are not Latin: a Latin-script page declaring one is contradicted by its bytes (see `looksLatin`). */
const NON_LATIN = new Set(['windows-1251', 'iso-8859-5', 'iso-8859-7', 'koi8-r', 'koi8-u']);

/** Windows-1252's letters in 0x80–0x9F (Node's own decoder maps them to C1 controls). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk = 8192;
  for (let i = 0; i < bytes.length; i += chunk) {
    const part = bytes.subarray(i, i + chunk);
    out += String.fromCharCode(...Array.from(part, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

function decodeSingleByte(bytes: Uint8Array, charset: string): string {
  return charset === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(charset).decode(bytes);
}

/** The declared charset label, as written, lower case; undefined when the head declares none. */
function declaredLabel(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return DECLARATION.exec(head)?.[1]?.toLowerCase();
}

const isAsciiLetter = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * Evidence in the bytes for a Latin script: in a Cyrillic (or Greek) single-byte text the
 * bytes above 0x7F are whole words, so they sit next to one another; in a Latin-script text
 * they are accented letters and typographic quotes, one at a time between ASCII letters
 * ("s\xe9ances"). When most high bytes stand alone next to an ASCII letter, a declared
 * Cyrillic charset is wrong (MIA has English pages that declare windows-1251 for one
 * Latin-1 "é", which as windows-1251 would read "й").
 */
function looksLatin(bytes: Uint8Array): boolean {
  let high = 0;
  let alone = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    high++;
    const before = bytes[i - 1];
    const after = bytes[i + 1];
    const neighbourHigh = (before !== undefined && before >= 0x80) || (after !== undefined && after >= 0x80);
    if (!neighbourHigh && (isAsciiLetter(before) || isAsciiLetter(after))) alone++;
  }
  return high > 0 && alone * 2 > high;
}

/** UTF-16 announces itself with a byte-order mark; without one, it shows as NUL bytes in every other place. */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // Text in the Latin range has a NUL in every code unit's high byte, and (almost) never in its low byte.
  const half = n / 2;
  return (even > half * 0.6 && odd < half * 0.1) || (odd > half * 0.6 && even < half * 0.1);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Position (1-based line and column) of a byte offset in a buffer. */
function bytePos(bytes: Uint8Array, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that breaks UTF-8, found by decoding growing prefixes only once it is known to fail. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}

export interface DecodeOptions {
  /**
   * `html` (default): bytes that are not UTF-8 and not what they declare are read as
   * windows-1252, as browsers do, with a warning. `xml`: XML without a (true) declaration is
   * UTF-8 by definition, so such bytes are refused (`input-encoding`), as an XML parser would.
   */
  rules?: 'html' | 'xml';
}

export function decodeInput(bytes: Uint8Array, maxBytes = Number.POSITIVE_INFINITY, options: DecodeOptions = {}): Decoded {
  if (bytes.length > maxBytes) {
    return { ok: false, code: 'input-too-large', message: `the file has ${bytes.length} bytes, more than the limit of ${maxBytes}` };
  }
  const bom = utf16Bom(bytes);
  if (bom) return finish(new TextDecoder(bom).decode(bytes.subarray(2)), bom === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE', options.rules);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    if (looksUtf16(bytes)) {
      return { ok: false, code: 'input-encoding', message: 'the file is UTF-16 without a byte-order mark, so its byte order is unknown; re-save it as UTF-8 (or as UTF-16 with a BOM)', pos: bytePos(bytes, nul) };
    }
    return { ok: false, code: 'input-binary', message: 'the file holds NUL bytes: it is binary, not a transcription', pos: bytePos(bytes, nul) };
  }
  try {
    return finish(utf8.decode(bytes), undefined, options.rules);
  } catch {
    return decodeNotUtf8(bytes, options.rules ?? 'html');
  }
}

/**
 * Bytes that are not UTF-8, read as the WHATWG Encoding Standard reads an HTML page: the
 * declared single-byte charset when the bytes bear it out, else windows-1252 (what browsers
 * fall back to, and a superset of the ISO-8859-1 that old MIA pages are written in).
 */
function decodeNotUtf8(bytes: Uint8Array, rules: 'html' | 'xml'): Decoded {
  const at = firstInvalidUtf8(bytes);
  const pos = bytePos(bytes, at);
  const byte = `0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'}`;
  const label = declaredLabel(bytes);
  const declared = label === undefined ? undefined : LABELS.get(label);
  if (declared && !(NON_LATIN.has(declared) && looksLatin(bytes))) {
    // The declaration is honoured: an info (process-file reports `charset`), no warning.
    return finish(decodeSingleByte(bytes, declared), declared, rules);
  }
  if (rules === 'xml') {
    return { ok: false, code: 'input-encoding', message: `byte ${byte} is not UTF-8 and the file declares no charset it fits; re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)`, pos };
  }
  const why =
    label === undefined
      ? 'the file declares no charset'
      : declared
        ? `the file declares ${label}, but its bytes are Latin script (single accented letters between ASCII letters)`
        : `the file declares "${label}", which these bytes are not`;
  return finish(decodeWindows1252(bytes), 'windows-1252', rules, {
    code: 'input-not-utf8',
    message: `byte ${byte} is not UTF-8 and ${why}; read as windows-1252, as a browser would; check the accented letters and re-save the file as UTF-8`,
    pos,
  });
}

// NUL counts too: UTF-8 bytes with a NUL are refused before decoding, but UTF-16 decodes to
// NULs (a file encoded as UTF-16 twice is one in every other character: binary, not a text
// whose every NUL becomes an emendation).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const isControl = (c: number): boolean => c < 0x20 && c !== 9 && c !== 10 && c !== 13;
/** A text with more than one control character in this many is binary data. */
const BINARY_SHARE = 100;

function finish(decoded: string, charset: string | undefined, rules: 'html' | 'xml' = 'html', warning?: DecodeWarning): Decoded {
  let text = decoded;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  // Control characters other than tab and line ends cannot appear in XML 1.0. Many of them
  // (more than one character in BINARY_SHARE) mark binary data: refused at the first. A few
  // stray ones in a transcription (a form feed from a PDF, an ESC) are kept for the converter,
  // which encodes each where it stands (choice/sic(gap)/corr) and warns at its line:col; an
  // XML file cannot hold any (`xml` rules: refused at the first).
  const first = CONTROL.exec(text);
  if (first) {
    let count = 0;
    for (let i = first.index; i < text.length; i++) if (isControl(text.charCodeAt(i))) count++;
    if (rules === 'xml' || count * BINARY_SHARE > text.length) {
      const before = text.slice(0, first.index);
      const line = before.split('\n').length;
      const column = first.index - before.lastIndexOf('\n');
      return { ok: false, code: 'input-binary', message: `control character U+${first[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} cannot appear in a transcription (${count} control characters: binary data)`, pos: { line, column } };
    }
  }
  if (text.trim() === '') return { ok: false, code: 'input-empty', message: 'the file is empty' };
  return { ok: true, text, ...(charset !== undefined && { charset }), ...(warning && { warning }) };
}

/**
 * Turns the bytes of an input file into the text the readers see, or says clearly why not.
 * Line numbers are preserved: only CRLF/CR line ends and a leading BOM are normalised.
 */
import type { DiagnosticCode } from '../diagnostics.js';
import type { SourcePos } from '../model/edition.js';

export type Decoded =
  | { ok: true; text: string; /** Set when the text was not UTF-8 but declared its own charset. */ charset?: string }
  | { ok: false; code: DiagnosticCode; message: string; pos?: SourcePos };

/**
 * Old MIA pages are Latin-1 and say so (`<meta charset=iso-8859-1>`, `<?xml encoding=…?>`).
 * A declared single-byte charset is honoured; anything else that is not UTF-8 is refused.
 */
const DECLARED = /(?:charset|encoding)\s*=\s*["']?\s*(iso-8859-1|iso8859-1|latin-?1|windows-1252|cp1252|us-ascii)\b/i;

/** Windows-1252's letters in 0x80–0x9F (Node's own decoder, built with small ICU, maps them to C1 controls). */
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

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = DECLARED.exec(head);
  // windows-1252 is what browsers use for a declared ISO-8859-1, and a superset of it.
  return m ? 'windows-1252' : undefined;
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

export function decodeInput(bytes: Uint8Array, maxBytes = Number.POSITIVE_INFINITY): Decoded {
  if (bytes.length > maxBytes) {
    return { ok: false, code: 'input-too-large', message: `the file has ${bytes.length} bytes, more than the limit of ${maxBytes}` };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { ok: false, code: 'input-binary', message: 'the file holds NUL bytes: it is binary, not a transcription', pos: bytePos(bytes, nul) };
  }
  let text: string;
  let charset: string | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    charset = declaredCharset(bytes);
    if (charset) return finish(decodeWindows1252(bytes), charset);
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      code: 'input-encoding',
      message: `byte 0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'} is not UTF-8; re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)`,
      pos: bytePos(bytes, at),
    };
  }
  return finish(text, charset);
}

function finish(decoded: string, charset: string | undefined): Decoded {
  let text = decoded;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  // Control characters other than tab and line ends cannot appear in XML 1.0 and mark binary data.
  const control = /[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split('\n').length;
    const column = control.index - before.lastIndexOf('\n');
    return { ok: false, code: 'input-binary', message: `control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} cannot appear in a transcription`, pos: { line, column } };
  }
  if (text.trim() === '') return { ok: false, code: 'input-empty', message: 'the file is empty' };
  return charset ? { ok: true, text, charset } : { ok: true, text };
}

import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/io/decode.js';

const bytes = (s: string, enc: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(s, enc));

describe('decodeInput', () => {
  it('reads UTF-8, drops a BOM and normalises CRLF without moving lines', () => {
    const r = decodeInput(bytes('\ufeffa\r\nb\rc\n'));
    expect(r).toEqual({ ok: true, text: 'a\nb\nc\n' });
  });

  it('refuses an empty or blank file', () => {
    expect(decodeInput(bytes(' \n\t'))).toMatchObject({ ok: false, code: 'input-empty' });
  });

  it('refuses binary data at the first NUL byte, with line and column', () => {
    expect(decodeInput(bytes('ab\ncd\u0000'))).toMatchObject({ ok: false, code: 'input-binary', pos: { line: 2, column: 3 } });
  });

  it('refuses control characters that XML cannot hold', () => {
    expect(decodeInput(bytes('ok\nbad\u0007here'))).toMatchObject({ ok: false, code: 'input-binary', pos: { line: 2, column: 4 } });
  });

  it('refuses Latin-1 text that does not declare it, pointing at the first bad byte', () => {
    expect(decodeInput(bytes('Lenin\nCaf\u00e9', 'latin1'))).toMatchObject({ ok: false, code: 'input-encoding', pos: { line: 2, column: 4 } });
  });

  it('reads a page that declares ISO-8859-1 as it declares (old MIA pages do)', () => {
    const r = decodeInput(bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>Caf\u00e9 \u0093quoted\u0094</body></html>', 'latin1'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.charset).toBe('windows-1252');
      expect(r.text).toContain('Café “quoted”');
    }
  });

  it('refuses a file over the size limit before decoding it', () => {
    expect(decodeInput(bytes('x'.repeat(100)), 10)).toMatchObject({ ok: false, code: 'input-too-large' });
  });
});

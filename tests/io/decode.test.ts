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

  it('reads Latin-1 text that declares nothing as windows-1252, warning at the first byte that is not UTF-8', () => {
    const r = decodeInput(bytes('Lenin\nCaf\u00e9 \u0093x\u0094', 'latin1'));
    expect(r).toMatchObject({ ok: true, text: 'Lenin\nCafé “x”', charset: 'windows-1252', warning: { code: 'input-not-utf8', pos: { line: 2, column: 4 } } });
    if (r.ok) expect(r.warning?.message).toMatch(/byte 0xe9 .*declares no charset/);
  });

  it('reads windows-1252 bytes under a utf-8 declaration as windows-1252, with a warning', () => {
    const r = decodeInput(bytes('<meta charset="utf-8">\n<p>\u0093Quoted\u0094 na\u00efve</p>', 'latin1'));
    expect(r).toMatchObject({ ok: true, charset: 'windows-1252', warning: { code: 'input-not-utf8', pos: { line: 2, column: 4 } } });
    if (r.ok) expect(r.text).toContain('“Quoted” naïve');
  });

  it.each(['utrf-8', 'rtf-8', 'utf-98', 'iutf-8'])('reads UTF-8 bytes under the misspelt declaration %s as UTF-8, without a warning', (label) => {
    const r = decodeInput(bytes(`<meta http-equiv="Content-Type" content="text/html; charset=${label}">\n<p>séances — “quoted”</p>`));
    expect(r).toEqual({ ok: true, text: `<meta http-equiv="Content-Type" content="text/html; charset=${label}">\n<p>séances — “quoted”</p>` });
  });

  it('does not turn a Latin-1 é into Cyrillic on a page that declares windows-1251 (the bytes say Latin)', () => {
    const r = decodeInput(bytes('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n<p>spiritualist s\u00e9ances in town</p>', 'latin1'));
    expect(r).toMatchObject({ ok: true, charset: 'windows-1252', warning: { code: 'input-not-utf8', pos: { line: 2, column: 18 } } });
    if (r.ok) {
      expect(r.text).toContain('séances');
      expect(r.text).not.toContain('й');
      expect(r.warning?.message).toMatch(/declares windows-1251, but its bytes are Latin script/);
    }
  });

  it('reads a real windows-1251 page (Cyrillic words: runs of high bytes) as windows-1251', () => {
    const cyrillic = Buffer.from([0xcf, 0xf0, 0xe5, 0xe4, 0xe8, 0xf1, 0xeb, 0xee, 0xe2, 0xe8, 0xe5]); // Предисловие
    const r = decodeInput(new Uint8Array(Buffer.concat([Buffer.from('<meta charset="windows-1251">\n<h1>'), cyrillic, Buffer.from('</h1>')])));
    expect(r).toMatchObject({ ok: true, charset: 'windows-1251' });
    if (r.ok) {
      expect(r.text).toContain('<h1>Предисловие</h1>');
      expect(r.warning).toBeUndefined();
    }
  });

  it('reads UTF-16 with a byte-order mark, little- and big-endian', () => {
    const text = 'Title — “Lenin”\r\nline two';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let i = 2; i < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    expect(decodeInput(new Uint8Array(le))).toEqual({ ok: true, text: 'Title — “Lenin”\nline two', charset: 'UTF-16LE' });
    expect(decodeInput(new Uint8Array(be))).toEqual({ ok: true, text: 'Title — “Lenin”\nline two', charset: 'UTF-16BE' });
  });

  it('refuses UTF-16 without a byte-order mark by its name, not as binary', () => {
    const r = decodeInput(new Uint8Array(Buffer.from('A transcription in UTF-16\nwith two lines', 'utf16le')));
    expect(r).toMatchObject({ ok: false, code: 'input-encoding' });
    if (!r.ok) expect(r.message).toMatch(/UTF-16/);
    expect(r.ok || r.message).not.toMatch(/binary/);
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

describe('decodeInput with XML rules (validate)', () => {
  it('refuses bytes that are not UTF-8 in an XML file that declares no charset (XML says UTF-8 then)', () => {
    const r = decodeInput(new Uint8Array(Buffer.from('<TEI>\nCaf\u00e9</TEI>', 'latin1')), undefined, { rules: 'xml' });
    expect(r).toMatchObject({ ok: false, code: 'input-encoding', pos: { line: 2, column: 4 } });
  });

  it('reads an XML file that declares ISO-8859-1 as it declares', () => {
    const r = decodeInput(new Uint8Array(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI>Caf\u00e9</TEI>', 'latin1')), undefined, { rules: 'xml' });
    expect(r).toMatchObject({ ok: true, charset: 'windows-1252' });
  });
});

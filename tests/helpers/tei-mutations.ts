/**
 * Random changes of TEI documents for the differential tests of the checks on TEI
 * (tests/validate/fast-check.test.ts, tests/validate/own-fast-path.test.ts): markup,
 * structure, attribute values, text and characters, each well-formed or not, valid or not.
 */
import { prng } from './prng.js';

/** mulberry32 (tests/helpers/prng.ts), under the name the generators here have always used. */
export const random = prng;

export interface Span {
  name: string;
  /** Offsets: start of the start tag, after it, start of the end tag, after it (the same pair for an empty tag). */
  start: number;
  open: number;
  close: number;
  end: number;
}

/** Every element of a well-formed document with its offsets. */
export function spansOf(xml: string): Span[] {
  const spans: Span[] = [];
  const stack: Span[] = [];
  const tag = /<(\/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[2] === undefined) continue;
    const after = m.index + m[0].length;
    if (m[1] === '/') {
      const s = stack.pop()!;
      s.close = m.index;
      s.end = after;
      continue;
    }
    const s: Span = { name: m[2], start: m.index, open: after, close: after, end: after };
    spans.push(s);
    if (m[3] !== '/') stack.push(s);
  }
  return spans;
}

export const NAMES = ['p', 'hi', 'note', 'lb', 'div', 'head', 'title', 'date', 'list', 'item', 'label', 'quote', 'l', 'lg', 'ref', 'bibl', 'gap', 'add', 'del', 'subst', 'choice', 'sic', 'corr', 'figure', 'table', 'row', 'cell', 'pb', 'body', 'back', 'front', 'author', 'resp', 'respStmt', 'publisher', 'unclear', 'supplied', 'closer', 'opener', 'salute', 'signed', 'dateline', 'trailer', 'postscript', 'name', 'persName', 'frobnicate'];
export const ATTRIBUTES = ['xml:id', 'xml:lang', 'when', 'notBefore', 'notAfter', 'target', 'resp', 'rend', 'type', 'n', 'place', 'hand', 'reason', 'unit', 'ident', 'version', 'status', 'method', 'cols', 'rows', 'quantity', 'url', 'medium', 'scribe', 'unknown'];
/** Values good and bad for the schema's datatypes (ID, Name, anyURI, date, decimal, gYear, gYearMonth, language, nonNegativeInteger, token patterns). */
export const VALUES = ['', ' ', 'a b', 'x', '#n1', '#nope', 'n1', '1n', '_a', 'a:b', 'é', 'en', 'en-GB', 'en_GB', 'en-', 'x-toolongtag', '1912', '0000', '0001', '12345', '-1912', '1912-02', '1912-13', '1912-02-29', '2000-02-29', '1912-02-30', '1912-04-31', '1912-1-1', '1912-03-04Z', ' 1912', '1912 ', '3', '0', '-1', '+2', '1.5', '.5', '1.', '1e3', 'NaN', '1,5', 'free', 'Free', ' free', 'silent', 'markup', 'italic', 'bold italic', 'italic\tbold', 'a\u00a0b', 'http://example.org/a?b=c&amp;d=e#f', 'http://exa mple.org', '%zz', '%41', 'a%', '[x]', 'a#b#c', '0.1.0', '1.2.3.4.5', 'v1', '1a2.3b', '&#x9;', '&#32;x', '&#1;', '&#xFFFE;', '&#x10FFFF;', '&amp;', '&lt;', '&nbsp;', '\u0001', '\ud800', '\ufffe', 'a<b', 'x"y'];
export const TEXTS = ['word', ' ', '\n  ', '&amp;', '&#160;', '&#32;', '&#x20;\n', '<!-- note -->', '<!---->', '<!-- a -- b -->', '<!-- a --->', '<?pi data?>', '<?xml x?>', '<?xml-model href="a"?>', '<![CDATA[x]]>', ']]>', '&', '&foo;', '&#0;', '&#xD800;', '\u0001', '\ud800', '\uffff', '\r', '<', '>', '</p>', '<lb/>', '<lb>x</lb>', '<lb> </lb>', '<hi>x</hi>', '<gap/>', '<frob/>', '<tei:p xmlns:tei="http://www.tei-c.org/ns/1.0">x</tei:p>', '<p xmlns="">x</p>', '<lb xmlns="http://example.org"/>'];

export const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One random change of `xml`: markup, structure, attribute values, text, characters. */
export function mutate(xml: string, r: () => number): string {
  const spans = spansOf(xml);
  const s = pick(r, spans);
  const inner = spans.filter((x) => x !== spans[0]);
  const t = inner.length > 0 ? pick(r, inner) : s;
  const at = Math.floor(r() * xml.length);
  const between = (() => {
    // A place between two characters of content (not inside a tag).
    const i = xml.indexOf('>', at);
    return i < 0 ? xml.length : i + 1 + Math.floor(r() * Math.max(1, xml.indexOf('<', i + 1) - i - 1));
  })();
  const startTag = xml.slice(t.start, t.open);
  switch (Math.floor(r() * 18)) {
    case 0: {
      // Rename an element.
      const name = pick(r, NAMES);
      const end = t.close === t.open ? '' : `</${name}>`;
      return xml.slice(0, t.start) + `<${name}` + startTag.slice(1 + t.name.length) + xml.slice(t.open, t.close) + end + xml.slice(t.end);
    }
    case 1:
      // Remove an element with its content.
      return xml.slice(0, t.start) + xml.slice(t.end);
    case 2:
      // Unwrap an element.
      return xml.slice(0, t.start) + xml.slice(t.open, t.close) + xml.slice(t.end);
    case 3: {
      // Repeat an element (without its ids, else they are twice).
      const copy = xml.slice(t.start, t.end).replace(/ xml:id="[^"]*"/g, '');
      return xml.slice(0, t.end) + copy + xml.slice(t.end);
    }
    case 4: {
      // Swap an element with its next sibling.
      const next = spans.find((x) => x.start >= t.end && spans.every((y) => !(y.start < x.start && y.end > x.end && y.start > t.start)));
      if (!next || !/^\s*$/.test(xml.slice(t.end, next.start))) return xml.slice(0, t.start) + xml.slice(t.end);
      return xml.slice(0, t.start) + xml.slice(next.start, next.end) + xml.slice(t.end, next.start) + xml.slice(t.start, t.end) + xml.slice(next.end);
    }
    case 5:
    case 6: {
      // An attribute given a value of another kind.
      const m = [...startTag.matchAll(/ ([\w:]+)="[^"]*"/g)];
      const value = pick(r, VALUES).replace(/"/g, '&quot;').replace(/<(?!\/)/g, r() < 0.5 ? '<' : '&lt;');
      if (m.length === 0) return xml.slice(0, t.open - (xml[t.open - 2] === '/' ? 2 : 1)) + ` ${pick(r, ATTRIBUTES)}="${value}"` + xml.slice(t.open - (xml[t.open - 2] === '/' ? 2 : 1));
      const a = pick(r, m);
      return xml.slice(0, t.start + a.index!) + ` ${a[1]}="${value}"` + xml.slice(t.start + a.index! + a[0].length);
    }
    case 7: {
      // An attribute added (some allowed there, some not, some twice).
      const cut = t.open - (xml[t.open - 2] === '/' ? 2 : 1);
      const name = r() < 0.2 ? (/ ([\w:]+)="/.exec(startTag)?.[1] ?? 'n') : pick(r, ATTRIBUTES);
      return xml.slice(0, cut) + ` ${name}="${pick(r, VALUES).replace(/"/g, '&quot;').replace(/</g, '&lt;')}"` + xml.slice(cut);
    }
    case 8: {
      // An attribute removed.
      const m = [...startTag.matchAll(/ ([\w:]+)="[^"]*"/g)];
      if (m.length === 0) return xml;
      const a = pick(r, m);
      return xml.slice(0, t.start + a.index!) + xml.slice(t.start + a.index! + a[0].length);
    }
    case 9:
    case 10:
      // Text, markup or a character where it may or may not stand.
      return xml.slice(0, between) + pick(r, TEXTS) + xml.slice(between);
    case 11:
      // Text inside an element that may be empty, or white space.
      return xml.slice(0, t.open) + pick(r, TEXTS) + xml.slice(t.open);
    case 12: {
      // A character deleted or doubled anywhere (tags broken).
      const n = 1 + Math.floor(r() * 3);
      return r() < 0.5 ? xml.slice(0, at) + xml.slice(at + n) : xml.slice(0, at) + xml.slice(at, at + n) + xml.slice(at);
    }
    case 13:
      // An end tag dropped, or a wrong one.
      if (t.close === t.open) return xml.slice(0, t.open - 2) + '>' + xml.slice(t.open);
      return xml.slice(0, t.close) + (r() < 0.5 ? '' : `</${pick(r, NAMES)}>`) + xml.slice(t.end);
    case 14: {
      // The root's namespace or prolog changed.
      const forms = [
        () => xml.replace('xmlns="http://www.tei-c.org/ns/1.0"', 'xmlns="http://www.tei-c.org/ns/1.1"'),
        () => xml.replace('xmlns="http://www.tei-c.org/ns/1.0"', 'xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x"'),
        () => xml.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.1" encoding="UTF-8"?>'),
        () => xml.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'),
        () => xml.replace('<?xml version="1.0" encoding="UTF-8"?>', ''),
        () => xml.replace('<?xml version="1.0" encoding="UTF-8"?>', ' <?xml version="1.0"?>'),
        () => `\ufeff${xml}`,
        () => `${xml}<!-- after -->\n<?pi?>\n`,
        () => `${xml}text after`,
        () => `${xml}<TEI/>`,
        () => xml.replace('<TEI ', '<!DOCTYPE TEI>\n<TEI '),
        () => xml.replace(/\n/g, '\r\n'),
      ];
      return pick(r, forms)();
    }
    case 15: {
      // A character of text written as a reference, or a reference to a character XML forbids.
      const i = between;
      const c = xml.codePointAt(i) ?? 0x41;
      if (xml[i] === '<' || xml[i] === '&') return xml;
      const ref = pick(r, [`&#${c};`, `&#x${c.toString(16)};`, '&#0;', '&#xFFFF;', '&#x110000;', '&#12345678;', '&#x;', '&#65']);
      return xml.slice(0, i) + ref + xml.slice(i + (c > 0xffff ? 2 : 1));
    }
    case 16: {
      // An element moved into another place.
      const piece = xml.slice(t.start, t.end);
      const rest = xml.slice(0, t.start) + xml.slice(t.end);
      const target = pick(r, spansOf(rest));
      return rest.slice(0, target.open) + piece + rest.slice(target.open);
    }
    default: {
      // An id given twice, or a pointer to nothing.
      const ids = [...xml.matchAll(/ xml:id="([^"]*)"/g)];
      if (ids.length === 0) return xml;
      const id = pick(r, ids)[1]!;
      return xml.slice(0, t.open - (xml[t.open - 2] === '/' ? 2 : 1)) + ` xml:id="${id}"` + xml.slice(t.open - (xml[t.open - 2] === '/' ? 2 : 1));
    }
  }
}

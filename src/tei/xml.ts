/**
 * The TEI writer's tree: elements with their attributes in the order set and their
 * children (elements and text, kept as the model's strings), serialised in one pass.
 *
 * It replaced xmlbuilder2's DOM (a full DOM node per element and per text, mutation
 * algorithms, a namespace-aware serialiser), which was most of the writer's time. The
 * serialisation is xmlbuilder2's (`end({ headless: true, prettyPrint: false })`) byte for
 * byte: text escapes `&`, `<`, `>`; attribute values escape `&`, `<`, `>`, `"`; an element
 * without children is written `<name/>`; white space is never added.
 *
 * The tree outlives the string for one reason: the fidelity check reads the TEI's words
 * from it (validate/fidelity.ts `teiTreeWords`) instead of scanning the written text again.
 */

export class XmlElement {
  /** Attribute names and values, alternating, in the order they were set (values unescaped). */
  readonly attrs: string[] = [];
  /** Elements and text (unescaped), in document order. */
  readonly children: Array<XmlElement | string> = [];

  constructor(readonly name: string) {}

  /** Sets an attribute; setting one already there replaces its value in place (as a DOM does). */
  setAttribute(name: string, value: string): void {
    const attrs = this.attrs;
    for (let i = 0; i < attrs.length; i += 2) {
      if (attrs[i] === name) {
        attrs[i + 1] = value;
        return;
      }
    }
    attrs.push(name, value);
  }

  /** The value of an attribute, or undefined. */
  attribute(name: string): string | undefined {
    const attrs = this.attrs;
    for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
    return undefined;
  }
}

const TEXT_SPECIAL = /[&<>]/;
const ATTR_SPECIAL = /[&<>"]/;

/** Character data as xmlbuilder2 writes it. */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

/** An attribute value as xmlbuilder2 writes it. */
export function escapeAttribute(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s;
}

/**
 * The markup of `root` and everything in it. Pieces are collected in an array and joined
 * once: string concatenation of many small pieces builds deep rope trees that V8 flattens
 * later at a cost.
 */
export function serialize(root: XmlElement): string {
  const out: string[] = [];
  write(root, out);
  return out.join('');
}

function write(e: XmlElement, out: string[]): void {
  let start = '<' + e.name;
  const attrs = e.attrs;
  for (let i = 0; i < attrs.length; i += 2) start += ' ' + attrs[i]! + '="' + escapeAttribute(attrs[i + 1]!) + '"';
  const children = e.children;
  if (children.length === 0) {
    out.push(start + '/>');
    return;
  }
  out.push(start + '>');
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (typeof c === 'string') out.push(escapeText(c));
    else write(c, out);
  }
  out.push('</' + e.name + '>');
}

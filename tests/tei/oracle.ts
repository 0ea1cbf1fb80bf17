/**
 * Two sinks that make the writer's calls XML with xmlbuilder2 instead of the writer's own
 * string sink (src/tei/emit.ts): the oracles of tests/tei/emitter.test.ts. `DomSink` builds
 * xmlbuilder2's DOM — TEI's namespace on every element, `xml:` attributes in the XML
 * namespace — and serialises it with xmlbuilder2's serialiser; `CallbackSink` streams
 * through xmlbuilder2's callback API (`createCB`). The writer gives both the same calls,
 * so any difference in bytes is one of escaping, empty elements, attributes or namespaces.
 */
import { create, createCB } from 'xmlbuilder2';
import type { XMLBuilder, XMLBuilderCB } from 'xmlbuilder2/lib/interfaces.js';
import type { Sink } from '../../src/tei/emit.js';
import { TEI_NS } from '../../src/tei/text.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * xmlbuilder2 leaves an `&` unescaped when it looks like an entity reference (`&copy;`,
 * `&amp;`): given literal text, every `&` is escaped first (and then left alone by it).
 */
const literal = (value: string): string => value.replace(/&/g, '&amp;');

type DomDocument = NonNullable<XMLBuilder['node']['ownerDocument']>;
type DomElement = ReturnType<DomDocument['createElementNS']>;

export class DomSink implements Sink {
  private readonly doc: XMLBuilder = create();
  private readonly document = this.doc.node as DomDocument;
  private readonly open: DomElement[] = [];

  startTag(name: string): void {
    const element = this.document.createElementNS(TEI_NS, name);
    (this.open[this.open.length - 1] ?? this.document).appendChild(element);
    this.open.push(element);
  }

  attribute(key: string, value: string): void {
    const element = this.open[this.open.length - 1]!;
    if (key === 'xmlns') return;
    if (key.startsWith('xml:')) element.setAttributeNS(XML_NS, key, literal(value));
    else element.setAttribute(key, literal(value));
  }

  endStart(): void {}

  endEmpty(): void {
    this.open.pop();
  }

  text(value: string): void {
    this.open[this.open.length - 1]!.appendChild(this.document.createTextNode(literal(value)));
  }

  layout(value: string): void {
    this.text(value);
  }

  endTag(): void {
    this.open.pop();
  }

  finish(): string {
    return this.doc.end({ headless: true, prettyPrint: false });
  }
}

export class CallbackSink implements Sink {
  private readonly out: string[] = [];
  private readonly cb: XMLBuilderCB = createCB({ data: (chunk: string) => void this.out.push(chunk), prettyPrint: false });
  private depth = 0;

  startTag(name: string): void {
    if (this.depth++ === 0) this.cb.ele(TEI_NS, name);
    else this.cb.ele(name);
  }

  attribute(key: string, value: string): void {
    if (key === 'xmlns') return;
    if (key.startsWith('xml:')) this.cb.att(XML_NS, key, literal(value));
    else this.cb.att(key, literal(value));
  }

  endStart(): void {}

  endEmpty(): void {
    this.depth--;
    this.cb.up();
  }

  text(value: string): void {
    this.cb.txt(literal(value));
  }

  layout(value: string): void {
    this.text(value);
  }

  endTag(): void {
    this.depth--;
    this.cb.up();
  }

  finish(): string {
    this.cb.end();
    return this.out.join('');
  }
}

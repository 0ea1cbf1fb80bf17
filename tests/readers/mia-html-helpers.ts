/** Shared helpers for the mia-html reader tests: read a page, collect anchors and notes. */
import { readFileSync } from 'node:fs';
import { Diagnostics } from '../../src/diagnostics.js';
import type { Edition, Inline, InlineOf, MetaField, Note } from '../../src/model/edition.js';
import { bodyInlineLists, plainText, visitInlines } from '../../src/model/walk.js';
import { readMiaHtml } from '../../src/readers/mia-html/read.js';

export const FIXTURES = new URL('../fixtures/mia-html/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8').replace(/\r\n?/g, '\n');
}

/**
 * Text of a page file. Some 1999–2002 pages are Latin-1 (their `<meta charset>` says so);
 * the input stage reports those, so the reader tests decode them here to test the reader.
 */
export function pageText(path: string): string {
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

export function readPage(text: string, file = 'page.html'): { ed: Edition; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics(file);
  const ed = readMiaHtml(text, { file, diagnostics });
  return { ed, diagnostics };
}

/** Every inline list of the edition: text, metadata values and notes. */
export function allInlineLists(ed: Edition): Inline[][] {
  return [
    ...bodyInlineLists(ed),
    ...ed.metadata.fields.map((f) => f.value),
    ...ed.notes.flatMap((s) => s.notes.flatMap((n) => n.blocks.flatMap((b) => (b.kind === 'p' ? [b.children] : [])))),
  ];
}

export function anchors(ed: Edition): InlineOf<'noteAnchor'>[] {
  const out: InlineOf<'noteAnchor'>[] = [];
  visitInlines(allInlineLists(ed), (n) => {
    if (n.kind === 'noteAnchor') out.push(n);
  });
  return out;
}

export function nodesOf<K extends Inline['kind']>(ed: Edition, kind: K): InlineOf<K>[] {
  const out: InlineOf<K>[] = [];
  visitInlines(allInlineLists(ed), (n) => {
    if (n.kind === kind) out.push(n as InlineOf<K>);
  });
  return out;
}

export const notesOf = (ed: Edition): Note[] => ed.notes.flatMap((s) => s.notes);

/** The note an anchor belongs to: same key, same series. */
export const noteFor = (ed: Edition, a: InlineOf<'noteAnchor'>): Note | undefined =>
  notesOf(ed).find((n) => n.key === a.key && n.series === a.series);

export const noteText = (n: Note): string => n.blocks.map((b) => (b.kind === 'p' ? plainText(b.children) : '')).join('\n');

export const fieldsByLabel = (ed: Edition): Map<string, MetaField> => new Map(ed.metadata.fields.map((f) => [f.label, f]));

/**
 * A small JSON reader that remembers where each value starts, by JSON Pointer
 * (`/files/x.txt/0/find` → line 7, column 18), so schema errors can name the line of the
 * corrections file. One linear pass; strings and numbers are decoded by JSON.parse itself.
 */
import type { SourcePos } from '../../model/edition.js';

export interface JsonRead {
  value: unknown;
  positions: Map<string, SourcePos>;
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly pos: SourcePos) {
    super(message);
  }
}

/** Well-formed JSON that teiwright refuses: a key that names an object's prototype, or nesting beyond the limit. */
export class JsonRefusedError extends JsonSyntaxError {}

/** How deep a corrections file may nest; its schema needs four levels. */
export const MAX_JSON_DEPTH = 64;

/** Keys that would reach an object's prototype in the code that reads the value. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export const pointerPart = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

export function readJsonWithPositions(text: string): JsonRead {
  const positions = new Map<string, SourcePos>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): SourcePos => ({ line, column: i - lineStart + 1 });
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at line ${line}, column ${i - lineStart + 1}`, pos());
  };
  const refuse = (what: string, at: SourcePos): never => {
    throw new JsonRefusedError(`${what} at line ${at.line}, column ${at.column}`, at);
  };
  let depth = 0;
  const space = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else return;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c === 10) fail('unterminated string');
      if (c === 92) i += 2;
      else if (c === 34) break;
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('bad string escape');
    }
  };
  // Recursion bounded by MAX_JSON_DEPTH, so no file can reach the end of the call stack.
  const value = (path: string): unknown => {
    space();
    positions.set(path, pos());
    const c = text[i];
    if ((c === '{' || c === '[') && ++depth > MAX_JSON_DEPTH) refuse(`nesting deeper than ${MAX_JSON_DEPTH} levels`, pos());
    try {
      return compound(path, c);
    } finally {
      if (c === '{' || c === '[') depth--;
    }
  };
  const compound = (path: string, c: string | undefined): unknown => {
    if (c === '{') {
      i++;
      // No prototype: no key of the file can reach Object.prototype.
      const obj = Object.create(null) as Record<string, unknown>;
      space();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail('expected a "quoted" property name');
        const keyPos = pos();
        const key = string();
        if (PROTOTYPE_KEYS.has(key)) refuse(`the key "${key}" is not allowed`, keyPos);
        positions.set(`${path}/${pointerPart(key)}#key`, keyPos);
        space();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        obj[key] = value(`${path}/${pointerPart(key)}`);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return obj;
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${path}/${arr.length}`));
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return arr;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail(c === undefined ? 'unexpected end of file' : `unexpected ${JSON.stringify(c)}`);
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };
  if (text.charCodeAt(0) === 0xfeff) {
    // A byte-order mark is not a column.
    i = 1;
    lineStart = 1;
  }
  const result = value('');
  space();
  if (i < text.length) fail('unexpected text after the JSON value');
  return { value: result, positions };
}

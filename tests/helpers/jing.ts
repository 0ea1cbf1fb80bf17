/**
 * teiwright's errors side by side with jing's recorded ones (JING-ERRORS.tsv: file, line,
 * column, message). jing reports at the end of a start tag (or at the end tag for an
 * incomplete element); teiwright at its start. A jing error is matched when teiwright has
 * an error on its line, or at the start of an element whose start tag spans that line, or
 * whose end tag is on it. jing's "first occurrence of ID" goes with its "already defined":
 * matched when teiwright's id-duplicate message names that line.
 */
import type { Diagnostic } from '../../src/diagnostics.js';
import { posAt, scanXml } from '../../src/validate/scan.js';

export interface JingError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export const readJingErrors = (tsv: string): JingError[] =>
  tsv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .map(([file, line, column, message]) => ({ file: file!, line: Number(line), column: Number(column), message: message ?? '' }));

/** For each start tag: its line, the line of its closing ">", and the line of its end tag. */
export function elementSpans(xml: string): { start: number; tagEnd: number; end: number }[] {
  const scan = scanXml(xml);
  if (!scan.ok) throw new Error('cannot be scanned');
  const lineOf = (offset: number): number => posAt(scan.lineStarts, offset).line;
  const spans: { start: number; tagEnd: number; end: number }[] = [];
  const open: number[] = [];
  const tag = /<(\/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      const i = open.pop();
      if (i !== undefined) spans[i]!.end = lineOf(m.index);
      continue;
    }
    const span = { start: lineOf(m.index), tagEnd: lineOf(m.index + m[0].length - 1), end: 0 };
    spans.push(span);
    if (m[3] !== '/') open.push(spans.length - 1);
    else span.end = span.tagEnd;
  }
  return spans;
}

/** Whether a teiwright finding stands where a jing error on `line` does (see above). */
export function placedAt(xml: string): (d: Diagnostic, line: number) => boolean {
  const spans = elementSpans(xml);
  return (d, line) => d.line === line || spans.some((s) => s.start === d.line && ((line >= s.start && line <= s.tagEnd) || line === s.end));
}

/**
 * The names in a jing "expected" list (after "; expected"), without prefixes, sorted; and
 * whether it says the element may end there and text may come there.
 */
export function jingExpected(message: string): { names: string[]; end: boolean; text: boolean } | undefined {
  const m = /; expected (.*?)(?: \(with xmlns|$)/.exec(message);
  if (!m) return undefined;
  const list = m[1]!;
  return {
    names: [...list.matchAll(/"(?:[\w.-]+:)?([\w.-]+)"/g)].map((x) => x[1]!).sort(),
    end: /^the element end-tag/.test(list),
    text: /^(?:the element end-tag(?:,| or) )?text\b/.test(list),
  };
}

/** The same of a teiwright message ("; expected the end of <p>, text, <a>, <b> or 3 more"). */
export function ourExpected(message: string): { names: string[]; end: boolean; text: boolean; more: number } | undefined {
  const i = message.indexOf('; expected ');
  if (i < 0) return undefined;
  const list = message.slice(i + 11);
  const end = list.startsWith('the end of <');
  const names = [...list.matchAll(/<([\w.:-]+)>/g)].map((x) => x[1]!.replace(/^[\w.-]+:/, '')).filter((_, k) => !(k === 0 && end)).sort();
  return { names, end, text: /^(?:the end of <[^>]+>(?:, | or ))?text\b/.test(list), more: Number(/ or (\d+) more$/.exec(list)?.[1] ?? 0) };
}

export interface SideBySide {
  /** jing's errors with a teiwright error at the same place. */
  matched: JingError[];
  unmatched: JingError[];
  /** teiwright's errors at no place where jing reports one (cascades, duplicates, false alarms). */
  extra: Diagnostic[];
}

/** One file: jing's errors and teiwright's verdict errors (`ours`), placed as described above. */
export function sideBySide(xml: string, jing: readonly JingError[], ours: readonly Diagnostic[]): SideBySide {
  const at = placedAt(xml);
  const matched: JingError[] = [];
  const unmatched: JingError[] = [];
  for (const j of jing) {
    const first = /^first occurrence of ID "([^"]+)"/.exec(j.message);
    const hit = first ? ours.some((d) => d.code === 'id-duplicate' && d.message.includes(`"${first[1]}"`) && d.message.includes(` at ${j.line}:`)) : ours.some((d) => at(d, j.line));
    (hit ? matched : unmatched).push(j);
  }
  const extra = ours.filter((d) => !jing.some((j) => at(d, j.line)));
  return { matched, unmatched, extra };
}

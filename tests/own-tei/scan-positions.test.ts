/**
 * scanXml gives each element and attribute the line:column where it starts (found with a
 * forward-moving line cursor): checked against the text itself, on the seeds' TEI and on
 * markup spread over lines in unusual ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { scanXml } from '../../src/validate/scan.js';

const INPUT = join(import.meta.dirname, '../../input');
const texts = [
  ...readdirSync(INPUT)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => convert(readFileSync(join(INPUT, n), 'utf8'), { file: n }).tei!),
  '<a\n  x="1"\n\n  y = \'2\'><!-- <b c="d"> -->\n<b/><?pi <c d="e"?>\n\n\n<c\nz="3"/><![CDATA[<d e="f">]]></a>',
  '<r>' + Array.from({ length: 50 }, (_, i) => `${'\n'.repeat(i % 3)}<e n="${i}"${'\n'.repeat(i % 2)} m="x"/>`).join('') + '</r>',
];

describe('scanXml positions', () => {
  it('puts every element at its "<" and every attribute at its name', () => {
    let checked = 0;
    for (const text of texts) {
      const scan = scanXml(text);
      if (!scan.ok) throw new Error('unexpected declaration');
      const offset = (p: { line: number; column: number }) => scan.lineStarts[p.line - 1]! + p.column - 1;
      for (const e of scan.elements) {
        expect(text.startsWith(`<${e.qname}`, offset(e.pos))).toBe(true);
        for (const a of e.attrs) expect(text.startsWith(a.qname, offset(a.pos))).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

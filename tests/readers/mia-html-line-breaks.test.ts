/**
 * A `<br>` is a word boundary everywhere: in the reader's text, in the furniture the reader
 * drops (one printed line a piece, as the page's text has them), and for the fidelity check.
 * Small pages modelled on MIA footers and title zones that print two lines in one element.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import type { Edition } from '../../src/model/edition.js';
import { expectValidTei } from '../helpers/tei.js';

const page = (body: string): string => `<html><head><title>Page title</title></head><body>\n${body}\n</body></html>\n`;

function run(html: string): { ed: Edition; errors: string[]; tei: string } {
  const r = convert(html, { file: 'page.html' });
  expectValidTei(r.tei!);
  return { ed: r.model as Edition, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), tei: r.tei! };
}

describe('a <br> between two footer links', () => {
  it('is a word boundary: each printed line dropped on its own, no word lost, the archive link names the author', () => {
    const { ed, errors } = run(page('<h1>The Strike</h1>\n<p>The strike goes on in the Communist mines.</p>\n<hr />\n<p class="footer">\n<a href="../../index.htm">Max Bedacht Archive</a><br /><a href="../index.htm"><em>The Communist</em> Index</a></p>'));
    expect(errors).toEqual([]);
    expect(ed.dropped.map((d) => d.text)).toEqual(['Max Bedacht Archive', 'The Communist Index']);
    expect(ed.metadata.author?.name).toBe('Max Bedacht');
  });
  it('after links separated by "|": the line before the break keeps its links, the line after is its own', () => {
    const { ed, errors } = run(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<p class="footer"><a href="../index.htm">Lavrenti Beria Archive</a> | <a href="../s.htm">Stalinism Archive</a><br /><a href="../ci.htm">The Communist International Index</a></p>'));
    expect(errors).toEqual([]);
    expect(ed.dropped.map((d) => d.text)).toEqual(['Lavrenti Beria Archive | Stalinism Archive', 'The Communist International Index']);
  });
  it('a footer of one line without <br> is dropped whole, as before', () => {
    const { ed, errors } = run(page('<h1>The Strike</h1>\n<p>The strike goes on.</p>\n<p class="footer"><a href="../index.htm">Max Bedacht Archive</a> | <a href="../ci.htm">The Communist Index</a></p>'));
    expect(errors).toEqual([]);
    expect(ed.dropped.map((d) => d.text)).toEqual(['Max Bedacht Archive | The Communist Index']);
  });
  it('words on both sides of a <br> in the text are two words, never one', () => {
    const { ed, errors, tei } = run(page('<h1>The Strike</h1>\n<p>The strike goes on<br />Tomorrow we march.</p>'));
    expect(errors).toEqual([]);
    expect(tei).not.toMatch(/onTomorrow/);
    expect(ed.body.blocks).toHaveLength(1);
  });
});

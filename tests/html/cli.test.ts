/** `teiwright html` run as a user runs it: TEI folder in, pages and index out, bad files reported, the rest written. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const SEEDS = join(PROJECT_ROOT, 'input');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('teiwright html', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-html-cli-'));
    mkdirSync(join(dir, 'in/letters'), { recursive: true });
    copyFileSync(join(SEEDS, 'stalin-1912-for-the-party.txt'), join(dir, 'in/stalin.txt'));
    copyFileSync(join(SEEDS, 'lenin-1921-attitude-to-non-party-workers.txt'), join(dir, 'in/letters/lenin.txt'));
    expect(run(['convert', 'in', '--out', 'tei', '--jobs', '1', '-q'], dir).code).toBe(0);
  });

  it('removes the temporary files a killed run left beside its pages (as convert does), and leaves those of a live run', () => {
    mkdirSync(join(dir, 'site2/letters'), { recursive: true });
    // A pid no process has (above the kernel's largest), and this test's own (a live run).
    writeFileSync(join(dir, 'site2/letters/.lenin.html.tmp-4194304999-0.1'), '');
    writeFileSync(join(dir, 'site2/.index.html.tmp-4194304999-0.3'), '');
    writeFileSync(join(dir, `site2/.index.html.tmp-${process.pid}-0.1`), '');
    expect(run(['html', 'tei', '--out', 'site2'], dir).code).toBe(0);
    expect(readdirSync(join(dir, 'site2/letters')).sort()).toEqual(['lenin.html']);
    expect(readdirSync(join(dir, 'site2')).filter((n) => n.startsWith('.')).sort()).toEqual([`.index.html.tmp-${process.pid}-0.1`]);
  });

  it('writes a page per TEI file, mirroring the folder tree, and an index linking them', () => {
    const r = run(['html', 'tei', '--out', 'site'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 files: 2 rendered, 0 failed');
    const lenin = readFileSync(join(dir, 'site/letters/lenin.html'), 'utf8');
    expect(lenin).toContain('<a href="../index.html">All editions</a>');
    expect(lenin).toContain('organisation');
    // The page links its TEI, and the link lands on the file.
    const tei = /<a href="([^"]+)" type="application\/tei\+xml">TEI source<\/a>/.exec(lenin)?.[1];
    expect(tei).toBe('../../tei/letters/lenin.xml');
    expect(existsSync(join(dir, 'site/letters', tei!))).toBe(true);
    const index = readFileSync(join(dir, 'site/index.html'), 'utf8');
    expect(index).toContain('href="letters/lenin.html"');
    expect(index).toContain('href="stalin.html"');
    // Stalin 1912 before Lenin 1921: by date of writing.
    expect(index.indexOf('stalin.html')).toBeLessThan(index.indexOf('letters/lenin.html'));
  });

  it('reports a file that is not TEI with its code, exits 1, and still writes the others', () => {
    writeFileSync(join(dir, 'tei/not-tei.xml'), '<html><body>hello</body></html>');
    writeFileSync(join(dir, 'tei/broken.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>');
    const r = run(['html', 'tei', '--out', 'site2', '--json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { input: string; status: string; diagnostics: { code: string; line?: number }[] }[] };
    const byName = (n: string) => report.files.find((f) => f.input.endsWith(n))!;
    expect(byName('not-tei.xml').status).toBe('failed');
    expect(byName('not-tei.xml').diagnostics.map((d) => d.code)).toContain('tei-not-edition');
    expect(byName('broken.xml').diagnostics.map((d) => d.code)).toContain('xml-malformed');
    expect(existsSync(join(dir, 'site2/stalin.html'))).toBe(true);
    expect(existsSync(join(dir, 'site2/not-tei.html'))).toBe(false);
    expect(readFileSync(join(dir, 'site2/index.html'), 'utf8')).not.toContain('not-tei');
  });

  it('same TEI, same bytes', () => {
    expect(run(['html', 'tei/stalin.xml', '--out', 'a', '--no-index'], dir).code).toBe(0);
    expect(run(['html', 'tei/stalin.xml', '--out', 'b', '--no-index'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'a/stalin.html'))).toEqual(readFileSync(join(dir, 'b/stalin.html')));
    expect(existsSync(join(dir, 'a/index.html'))).toBe(false);
  });

  it('convert --also html writes the pages and the index beside the other derivatives', () => {
    const r = run(['convert', 'in', '--out', 'tei3', '--jobs', '1', '--also', 'html'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/also html: 2 exported, 0 unchanged, 0 failed/);
    const page = readFileSync(join(dir, 'tei3-export/html/letters/lenin.html'), 'utf8');
    expect(page).toContain('<del class="d">agitation</del>');
    expect(page).toContain('<a href="../index.html">All editions</a>');
    const index = readFileSync(join(dir, 'tei3-export/html/index.html'), 'utf8');
    expect(index).toContain('href="letters/lenin.html"');
    expect(index).toContain('href="stalin.html"');
  });
});

/**
 * Getting TEI All once (`validate --fetch-tei-all [URL]`), without the network: a local
 * HTTP server and file: URLs stand in for TEI's release. What is downloaded is kept only
 * when it is a RELAX NG grammar of TEI with a start, and only whole (one rename); the
 * schema-fallback warning and --help say how to get it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEI_ALL_URL, TeiAllRefused, fetchTeiAll, teiAllProblem } from '../../src/validate/tei-all.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');
const TEI = 'http://www.tei-c.org/ns/1.0';
/** A small TEI grammar: what the checks ask of TEI All (RELAX NG, TEI's namespace, a start, a TEI element). */
const MINI = `<?xml version="1.0"?><grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="${TEI}"><start><element name="TEI"><element name="text"><text/></element></element></start></grammar>`;
const PAGES: Record<string, { status: number; body: string }> = {
  '/tei_all.rng': { status: 200, body: MINI },
  '/error-page.rng': { status: 200, body: '<!DOCTYPE html><html><body>Not here</body></html>' },
  '/no-start.rng': { status: 200, body: `<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="${TEI}"><define name="x"><element name="TEI"><empty/></element></define></grammar>` },
  '/not-tei.rng': { status: 200, body: '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="doc"><empty/></element></start></grammar>' },
};

let server: Server;
let base = '';
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'teiwright-fetch-'));
  server = createServer((req, res) => {
    const page = PAGES[req.url ?? ''] ?? { status: 404, body: 'not found' };
    res.writeHead(page.status, { 'content-type': 'application/xml' });
    res.end(page.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

describe('fetchTeiAll', () => {
  it('downloads, checks and keeps a TEI grammar in one rename', async () => {
    const dest = join(dir, 'cache-a/teiwright/tei_all.rng');
    const got = await fetchTeiAll(`${base}/tei_all.rng`, dest);
    expect(got).toEqual({ path: dest, bytes: Buffer.byteLength(MINI) });
    expect(readFileSync(dest, 'utf8')).toBe(MINI);
    // No temporary file left beside it.
    expect(readdirSync(join(dir, 'cache-a/teiwright'))).toEqual(['tei_all.rng']);
  });

  it.each([
    ['/error-page.rng', /not a RELAX NG grammar/],
    ['/no-start.rng', /no <start>/],
    ['/not-tei.rng', /no <TEI> element in TEI's namespace/],
    ['/missing.rng', /HTTP 404/],
  ])('refuses %s and leaves the cache as it was', async (path, why) => {
    const dest = join(dir, 'cache-b/tei_all.rng');
    await fetchTeiAll(`${base}/tei_all.rng`, dest);
    const error = await fetchTeiAll(`${base}${path}`, dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeiAllRefused);
    expect((error as Error).message).toMatch(why);
    expect(readFileSync(dest, 'utf8')).toBe(MINI);
    expect(readdirSync(join(dir, 'cache-b'))).toEqual(['tei_all.rng']);
  });

  it('refuses URLs other than http(s) and file:', async () => {
    await expect(fetchTeiAll('ftp://example.org/tei_all.rng', join(dir, 'x.rng'))).rejects.toThrow(/only http\(s\) and file: URLs/);
    expect(existsSync(join(dir, 'x.rng'))).toBe(false);
  });

  it("takes TEI's release URL by default", () => {
    expect(TEI_ALL_URL).toBe('https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng');
    expect(teiAllProblem(MINI)).toBeUndefined();
  });
});

describe('teiwright validate --fetch-tei-all', () => {
  const run = (args: string[], cache: string) => {
    const { TEIWRIGHT_TEI_ALL: _unused, ...rest } = process.env;
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...rest, XDG_CACHE_HOME: cache, FORCE_COLOR: '0' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const foreign = `<TEI xmlns="${TEI}"><text>x</text></TEI>`;

  it('says how to get tei_all in the fallback warning, then uses what it fetched', () => {
    const cache = join(dir, 'cli-cache');
    writeFileSync(join(dir, 'foreign.xml'), foreign);
    const before = run(['validate', 'foreign.xml'], cache);
    expect(before.stdout).toMatch(/schema-fallback/);
    expect(before.stdout).toContain('teiwright validate --fetch-tei-all');
    expect(before.stdout).toContain(TEI_ALL_URL);
    expect(before.stdout).toContain(join(cache, 'teiwright/tei_all.rng'));
    writeFileSync(join(dir, 'mini.rng'), MINI);
    const fetched = run(['validate', '--fetch-tei-all', pathToFileURL(join(dir, 'mini.rng')).href], cache);
    expect(fetched.stderr).toMatch(/TEI All kept at .*tei_all\.rng/);
    expect(fetched.code).toBe(0);
    expect(readFileSync(join(cache, 'teiwright/tei_all.rng'), 'utf8')).toBe(MINI);
    const after = run(['validate', 'foreign.xml'], cache);
    expect(after.stdout).not.toMatch(/schema-fallback/);
    expect(after.code).toBe(0);
  });

  it('is a usage error, writing nothing, when the download is not TEI All', () => {
    const cache = join(dir, 'cli-cache-bad');
    writeFileSync(join(dir, 'page.html'), '<html><body>TEI</body></html>');
    const r = run(['validate', '--fetch-tei-all', pathToFileURL(join(dir, 'page.html')).href], cache);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fetch-tei-all: .* was not kept: it is not a RELAX NG grammar/);
    expect(existsSync(join(cache, 'teiwright/tei_all.rng'))).toBe(false);
  });

  it('is in --help', () => {
    const r = run(['validate', '--help'], join(dir, 'help-cache'));
    expect(r.stdout).toContain('--fetch-tei-all');
    expect(r.stdout).toMatch(/tei-c\.org\/release/);
  });
});

/// <reference lib="dom" />
/**
 * A notes section the page prints between two parts of the text, in Chromium, as a user
 * gets it (HTML page → convert → TEI file → `teiwright html`): the section shows between
 * the two parts, its own paragraph before its note; the anchor leads to the note there and
 * shows it in a popup, the back link returns; axe-core finds no serious violation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, NO_CHROMIUM } from './chromium.js';
import { buildSite, type BuiltPage } from './site.js';

if (!hasChromium) console.warn(NO_CHROMIUM);

const STRIKE =
  '<html><head><title>The Strike Goes On</title></head><body>\n<h2>Leon Trotsky</h2>\n<h1>The Strike Goes On</h1>\n' +
  '<p>The workers are on strike again <sup><a href="#n1" name="a1">[1]</a></sup> in the city.</p>\n<p>They will win.</p>\n' +
  '<h3>Notes</h3>\n<p>These notes are the editors’ own.</p>\n<p><a href="#a1" name="n1">1.</a> The strike began in May.</p>\n' +
  '<h3>Appendix</h3>\n<p>The appendix printed after the notes.</p>\n' +
  // Enough text after the notes that a jump to them and back scrolls the page.
  Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i + 1} of the appendix, printed after the notes section.</p>\n`).join('') +
  '</body></html>\n';

describe.skipIf(!hasChromium)('a notes section printed inside the text, in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let built: BuiltPage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-html-in-text-'));
    const input = join(dir, 'strike.html');
    writeFileSync(input, STRIKE);
    const { pages } = await buildSite([input], join(dir, 'out'));
    built = pages[0]!;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(built.html).href);
    return { page, errors };
  }

  const top = async (page: Page, selector: string): Promise<number> => (await page.locator(selector).first().boundingBox())!.y;

  it('shows the section between the two parts, its own paragraph before its note', async () => {
    const { page, errors } = await open();
    const section = page.locator('#tw-text .notes-in-text');
    expect(await section.count()).toBe(1);
    expect(await section.locator('.notes-intro').innerText()).toContain('These notes are the editors’ own.');
    const before = await top(page, '#tw-text p:has-text("They will win.")');
    const at = await top(page, '#tw-text .notes-in-text');
    const after = await top(page, '#tw-text :is(h2,h3,h4):has-text("Appendix")');
    expect(before).toBeLessThan(at);
    expect(at).toBeLessThan(after);
    expect(await top(page, '.notes-in-text .notes-intro')).toBeLessThan(await top(page, '.notes-in-text li'));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the anchor shows the note in a popup and leads to it; the back link returns to the anchor', async () => {
    const { page, errors } = await open();
    const anchor = page.locator('#tw-text p a.noteref').first();
    const noteId = (await anchor.getAttribute('href'))!.slice(1);
    const note = page.locator(`[id="${noteId}"]`);
    expect(await note.evaluate((el) => el.closest('.notes-in-text') !== null)).toBe(true);
    await anchor.hover();
    await expect.poll(() => page.locator('#tw-note-popup').isVisible()).toBe(true);
    expect(await page.locator('#tw-note-popup').innerText()).toContain('The strike began in May.');
    await anchor.click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${noteId}`);
    const anchorId = (await anchor.getAttribute('id'))!;
    await note.locator('a[role="doc-backlink"]').click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${anchorId}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('axe-core reports no serious or critical violation', async () => {
    const { page } = await open();
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id}: ${x.help}`)).toEqual([]);
    await page.context().close();
  });
});

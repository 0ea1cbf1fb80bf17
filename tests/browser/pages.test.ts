/// <reference lib="dom" />
/**
 * The HTML reading edition in a real browser: both seeds and five corpus documents (chosen
 * by their MANIFEST features, one per house style) rendered as `teiwright html` renders
 * them, then opened in Chromium: no console error; title, author and date shown; anchor 1
 * leads to note 1 and its back link returns; the reading/diplomatic switch; keyboard
 * notes; no JavaScript; axe-core finds no serious violation.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditionSummary } from '../../src/html/summary.js';
import { CORPUS, hasCorpus, PROJECT_ROOT, skipMessage } from '../helpers/shared.js';
import { hasChromium, launchChromium, NO_CHROMIUM } from './chromium.js';
import { buildSite, hasLinkedNote, type BuiltPage } from './site.js';

if (!hasChromium) console.warn(NO_CHROMIUM);
if (!hasCorpus) console.warn(skipMessage('The MIA corpus (../shared/corpus/mia) for the browser tests'));

/**
 * One corpus document per house style: the first the manifest lists with the feature and
 * with endnotes whose conversion links a note to an anchor (a page can list "endnotes" and
 * still lose them: that is the converter's business, not the page's).
 */
const STYLE_FEATURES = ['lia-tx2html', 'letter', 'manuscript-emendation', 'pandoc-md', 'hugo-md'];

function corpusSample(): string[] {
  if (!hasCorpus) return [];
  const rows = readFileSync(resolve(CORPUS, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => (c[5] ?? '').split(',').includes('endnotes'));
  const chosen: string[] = [];
  for (const feature of STYLE_FEATURES) {
    const row = rows.find((c) => (c[5] ?? '').split(',').includes(feature) && !chosen.includes(c[0]!) && hasLinkedNote(resolve(CORPUS, c[0]!)));
    if (row) chosen.push(row[0]!);
  }
  return chosen.map((f) => resolve(CORPUS, f));
}

const SEEDS = readdirSync(resolve(PROJECT_ROOT, 'input')).map((f) => resolve(PROJECT_ROOT, 'input', f));

describe.skipIf(!hasChromium)('reading edition pages in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let pages: BuiltPage[];
  let index: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiwright-html-'));
    ({ pages, index } = await buildSite([...SEEDS, ...corpusSample()], dir));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page, failing on any console error or uncaught exception. */
  async function open(file: string, options: { javaScript?: boolean; touch?: boolean; dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      viewport: options.touch ? { width: 390, height: 800 } : { width: 1000, height: 800 },
      hasTouch: options.touch ?? false,
      isMobile: options.touch ?? false,
      colorScheme: options.dark ? 'dark' : 'light',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    return { page, errors };
  }

  const inViewport = (page: Page, selector: string): Promise<boolean> =>
    page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });

  const lenin = (): BuiltPage => {
    const p = pages.find((x) => x.input.endsWith('lenin-1921-attitude-to-non-party-workers.txt'));
    if (!p) throw new Error('the Lenin seed is missing from input/');
    return p;
  };

  it('renders the seeds and five corpus documents', () => {
    expect(pages.length).toBe(SEEDS.length + (hasCorpus ? STYLE_FEATURES.length : 0));
  });

  it('each page loads without a console error or network request and shows title, author and date', async () => {
    for (const built of pages) {
      const { page, errors } = await open(built.html);
      const s: EditionSummary = built.summary;
      const citation = (await page.locator('.citation').innerText()).replace(/\s+/g, ' ');
      expect(citation, built.input).toContain(s.title.replace(/\s+/g, ' '));
      if (s.author !== undefined) expect(citation, built.input).toContain(s.author);
      if (s.dateWords !== undefined) expect(await page.locator('.cite-date').innerText(), built.input).toContain(s.dateWords);
      expect(await page.title()).toContain(s.title.replace(/\s+/g, ' ').slice(0, 20));
      expect(errors, built.input).toEqual([]);
      await page.context().close();
    }
  });

  it('anchor 1 leads to note 1, shows it in a popup on hover, and the back link returns to the anchor', async () => {
    for (const built of pages) {
      const { page, errors } = await open(built.html);
      const firstNote = page.locator('.notes li').first();
      if ((await page.locator('.notes li').count()) === 0) throw new Error(`${built.input}: no notes rendered`);
      const noteId = await firstNote.getAttribute('id');
      const backHref = await firstNote.locator('a[role="doc-backlink"]').first().getAttribute('href');
      expect(backHref, `${built.input}: note 1 has a back link`).toBeTruthy();
      const anchorId = backHref!.slice(1);
      const anchor = page.locator(`[id="${anchorId}"]`);
      expect(await anchor.getAttribute('href')).toBe(`#${noteId}`);
      // Hover: the note's words in a popup next to the anchor.
      await anchor.hover();
      const popup = page.locator('#tw-note-popup');
      await expect.poll(() => popup.isVisible()).toBe(true);
      const noteWords = (await firstNote.locator('.note-body').innerText()).trim().slice(0, 30);
      expect(await popup.innerText()).toContain(noteWords);
      // Click: to the endnote.
      await anchor.click();
      await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${noteId}`);
      expect(await inViewport(page, `[id="${noteId}"]`)).toBe(true);
      // Back.
      await firstNote.locator('a[role="doc-backlink"]').first().click();
      await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${anchorId}`);
      expect(await inViewport(page, `[id="${anchorId}"]`)).toBe(true);
      expect(errors, built.input).toEqual([]);
      await page.context().close();
    }
  });

  it('notes are reachable by keyboard: Tab reaches an anchor, focus shows its note, Escape hides it', async () => {
    const { page } = await open(lenin().html);
    let focused = '';
    for (let i = 0; i < 40 && !focused.includes('noteref'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.className ?? '');
    }
    expect(focused).toContain('noteref');
    await expect.poll(() => page.locator('#tw-note-popup').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#tw-note-popup').isVisible()).toBe(false);
    await page.context().close();
  });

  it('a tap on an anchor shows its note in place; "Go to the note" then leads to the endnote', async () => {
    const { page, errors } = await open(lenin().html, { touch: true });
    const anchor = page.locator('#tw-text a.noteref').first();
    const target = (await anchor.getAttribute('href'))!;
    await anchor.tap();
    const popup = page.locator('#tw-note-popup');
    await expect.poll(() => popup.isVisible()).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(await popup.innerText()).toContain((await page.locator(`[id="${target.slice(1)}"] .note-body`).innerText()).slice(0, 30));
    await popup.getByRole('link', { name: 'Go to the note' }).tap();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(target);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the dark colour scheme keeps the contrast (axe-core, both views)', async () => {
    const { page } = await open(lenin().html, { dark: true });
    for (const view of ['reading', 'diplomatic']) {
      if (view === 'diplomatic') await page.locator('#tw-view-switch').click();
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id} (${view})`)).toEqual([]);
    }
    await page.context().close();
  });

  it('the Lenin seed reads "organisation"; the switch shows "agitation" struck through', async () => {
    const { page, errors } = await open(lenin().html);
    const text = page.locator('#tw-text');
    const button = page.getByRole('button', { name: 'Diplomatic view' });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await text.innerText()).toContain('organisation');
    expect(await text.innerText()).not.toContain('agitation');
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    const deleted = text.locator('del', { hasText: 'agitation' });
    expect(await deleted.isVisible()).toBe(true);
    expect(await deleted.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    // The addition is raised and says where it stands.
    const added = text.locator('ins', { hasText: 'organisation' });
    expect(await added.evaluate((el) => getComputedStyle(el).verticalAlign)).not.toBe('baseline');
    expect(await text.innerText()).toContain('(above)');
    // Back to the reading text.
    await button.click();
    expect(await deleted.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('screenshots of the Lenin seed in both views (written only when TEIWRIGHT_SCREENSHOTS names a folder)', async () => {
    const folder = process.env.TEIWRIGHT_SCREENSHOTS;
    const { page } = await open(lenin().html);
    await page.setViewportSize({ width: 760, height: 900 });
    const clip = async () => {
      const top = (await page.locator('h1').boundingBox())!;
      const bottom = (await page.locator('#tw-text p').nth(1).boundingBox())!;
      return { x: 0, y: Math.max(0, top.y - 16), width: 760, height: bottom.y + bottom.height + 16 - Math.max(0, top.y - 16) };
    };
    await page.locator('.citation').evaluate((el) => ((el as HTMLElement).style.display = 'none'));
    const reading = await page.screenshot({ clip: await clip(), ...(folder && { path: resolve(folder, 'html-reading-view.png') }) });
    await page.getByRole('button', { name: 'Diplomatic view' }).click();
    const diplomatic = await page.screenshot({ clip: await clip(), ...(folder && { path: resolve(folder, 'html-diplomatic-view.png') }) });
    // The two views differ where the emendation is.
    expect(Buffer.compare(reading, diplomatic)).not.toBe(0);
    await page.context().close();
  });

  it('an emendation says who decided and which editors’ note it came from, on hover and on keyboard focus', async () => {
    const { page } = await open(lenin().html);
    const subst = page.locator('#tw-text .em-subst').first();
    const describedBy = await subst.getAttribute('aria-describedby');
    const description = await page.locator(`[id="${describedBy}"]`).textContent();
    expect(description).toContain('teiwright');
    expect(description).toMatch(/editors’ note \[1\]/);
    await subst.focus();
    const shown = await subst.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(shown).toContain('Decided by');
    await page.context().close();
  });

  it('without JavaScript the page shows the reading text and the endnotes, and no switch', async () => {
    const { page } = await open(lenin().html, { javaScript: false });
    const text = await page.locator('#tw-text').innerText();
    expect(text).toContain('organisation');
    expect(text).not.toContain('agitation');
    expect(await page.locator('.notes li').first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Diplomatic view' }).count()).toBe(0);
    await page.context().close();
  });

  it('axe-core reports no serious or critical violation, in either view', async () => {
    for (const built of pages) {
      const { page } = await open(built.html);
      const views = (await page.locator('#tw-view-switch').count()) > 0 ? 2 : 1;
      for (let v = 0; v < views; v++) {
        if (v === 1) await page.locator('#tw-view-switch').click();
        const result = await new AxeBuilder({ page }).analyze();
        const serious = result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical');
        expect(serious.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), `${built.input} view ${v}`).toEqual([]);
      }
      await page.context().close();
    }
  });

  it('the index lists every edition and sorts by author and by date', async () => {
    const { page, errors } = await open(index);
    const rows = page.locator('table.editions tbody tr');
    expect(await rows.count()).toBe(pages.length);
    const column = (key: string) => rows.evaluateAll((trs, k) => trs.map((tr) => tr.getAttribute(`data-${k}`) ?? ''), key);
    const sorted = (values: string[]) => [...values.filter((v) => v !== '')].sort((a, b) => a.localeCompare(b));
    await page.getByRole('button', { name: 'Author' }).click();
    const authors = await column('author');
    expect(authors.filter((a) => a !== '')).toEqual(sorted(authors));
    await page.getByRole('button', { name: 'Date of writing' }).click();
    const dates = await column('date');
    expect(dates.filter((d) => d !== '')).toEqual(sorted(dates));
    await page.getByRole('button', { name: 'Date of writing' }).click();
    expect((await column('date')).filter((d) => d !== '')).toEqual(sorted(dates).reverse());
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => x.id)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

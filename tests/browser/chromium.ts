/**
 * Debian's Chromium, driven by playwright-core (a browser that downloads itself cannot be
 * fetched on these machines). Absent Chromium, the browser tests skip with this message.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.TEIWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = `Chromium is not installed at ${CHROMIUM}: browser tests skipped (install it with: apt-get update && apt-get install -y chromium, or set TEIWRIGHT_CHROMIUM)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

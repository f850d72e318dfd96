/**
 * Test support: Debian's Chromium driven by playwright-core (never a downloaded browser), in a
 * fresh temporary profile, headless, with nothing that reaches out of the machine. Screenshots
 * go to `packages/lb-server/screenshots/` (ignored by git).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';
/** Where screenshots are written. */
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/** Whether the browser is installed (the UI tests skip with a line otherwise, fail on CI). */
export const chromiumAvailable = existsSync(CHROMIUM);

/** A running browser profile. */
export interface Browser {
  readonly context: BrowserContext;
  page(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Viewports used by the tests. */
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Launches Chromium (see module comment). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'junction-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    context,
    async page(viewport = DESKTOP) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)'); // a string: this file is compiled without the DOM library
  const toasts = page.locator('.toast'); // let messages fade so they do not cover the page
  while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached', timeout: 8_000 });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

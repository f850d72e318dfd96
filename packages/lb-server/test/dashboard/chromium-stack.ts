/**
 * Set-up shared by the dashboard's Chromium suites: a {@link startStack} stack and a browser page,
 * opened together in a suite's `beforeAll` and closed together in its `afterAll`.
 */
import type { Page } from 'playwright-core';
import { CHROMIUM, chromiumAvailable, launchBrowser, type Browser } from './browser';
import { startStack, type Stack, type StackOptions } from './stack';

/** A running stack and a page of a fresh browser profile. */
export interface StackInChromium {
  readonly stack: Stack;
  readonly browser: Browser;
  readonly page: Page;
}

/** Throws unless Chromium is installed (the suites skip without it, unless CI=true: then they fail here). */
export function requireChromium(): void {
  if (!chromiumAvailable) throw new Error(`CI=true and ${CHROMIUM} is missing`);
}

/** Starts the stack with `options`, then the browser and its first page; closes what it opened when a step fails. */
export async function startStackInChromium(options: StackOptions): Promise<StackInChromium> {
  requireChromium();
  const stack = await startStack(options);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    return { stack, browser, page: await browser.page() };
  } catch (error) {
    await closeStackInChromium(browser, stack);
    throw error;
  }
}

/** Closes the browser, then the stack; either may be missing when `beforeAll` failed. */
export async function closeStackInChromium(browser: Browser | undefined, stack: Stack | undefined): Promise<void> {
  await browser?.close();
  await stack?.close();
}

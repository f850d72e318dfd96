/**
 * The dashboard's Certificates view in headless Chromium against a real Junction whose
 * certificate store holds certificate files `openssl` made in the test: a valid one, one
 * expiring in 10 days, one refused (its key belongs to another certificate) and an ACME domain
 * still pending. The view shows each with the right highlighting (amber for expiring, red for the
 * refused one, with its code and element), problems first; the refused file also shows among the
 * configuration errors; the view follows the store live and is usable from the keyboard.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateStore, type TlsCertificateStore } from '../../src/tls/certificate-store';
import type { CertificateInput } from '../../src/tls/types';
import { createTestCa, type CertFiles, type TestCa } from '../helpers/certificates';
import { chromiumAvailable, PHONE, screenshot, type Browser } from './browser';
import { closeStackInChromium, startStackInChromium } from './chromium-stack';
import type { Stack } from './stack';

const CI = process.env.CI === 'true';
if (!chromiumAvailable && !CI)
  console.log('[ui] skipping the Certificates view tests: /usr/bin/chromium is not installed');

const YAML = `
http:
  routers:
    shop:
      rule: Host(\`shop.test\`)
      service: shop
  services:
    shop:
      loadBalancer:
        servers:
          - url: http://127.0.0.1:9
`;

describe.skipIf(!chromiumAvailable && !CI)('Certificates view in Chromium', { timeout: 30_000 }, () => {
  let ca: TestCa;
  let shop: CertFiles;
  let soon: CertFiles;
  let broken: CertFiles;
  let certs: TlsCertificateStore;
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const file = (f: CertFiles, i: number, keyPem = f.keyPem): CertificateInput => ({
    id: `file:${f.certFile}`,
    source: 'file',
    element: `tls.certificates[${i}]`,
    certPem: f.certPem,
    keyPem,
  });
  const row = (domain: string): Locator =>
    page.locator('table.certificates tbody tr[data-certificate]', {
      has: page.locator('.domains strong', { hasText: domain }),
    });
  // This file is compiled without the DOM library: the browser's globals are typed here.
  type Styles = { getComputedStyle(el: unknown): { getPropertyValue(name: string): string } };
  const css = (l: Locator, prop: string): Promise<string> =>
    l.evaluate((el, p) => (globalThis as unknown as Styles).getComputedStyle(el).getPropertyValue(p), prop);

  beforeAll(async () => {
    ca = createTestCa();
    shop = ca.issue({ cn: 'shop.test', sans: ['shop.test', 'www.shop.test'], days: 300 });
    soon = ca.issue({ cn: 'soon.test', days: 10, key: 'ec' });
    broken = ca.issue({ cn: 'broken.test' });
    certs = await createCertificateStore();
    certs.replace('file', [file(shop, 0), file(soon, 1), file(broken, 2, shop.keyPem)]);
    certs.setPending('acme:le', [
      { id: 'acme:le:new.test', source: 'acme', resolver: 'le', domains: ['new.test'], state: 'pending' },
    ]);
    ({ stack, browser, page } = await startStackInChromium({ yaml: YAML, certificates: certs }));
  }, 60_000);

  afterAll(async () => {
    await closeStackInChromium(browser, stack);
    ca?.close();
  });

  it('lists a valid, an expiring, a refused and a pending certificate, problems first', async () => {
    await page.goto(`${stack.traefik}/dashboard/#/certificates`);
    await row('shop.test').waitFor();
    const order = await page
      .locator('table.certificates tbody tr[data-certificate]')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { className: string }).className));
    expect(order).toEqual(['cert-error', 'cert-expiring', 'cert-pending', 'cert-valid', 'cert-valid']);
    const valid = row('shop.test');
    expect(await valid.locator('.badge').textContent()).toBe('valid');
    expect(await valid.textContent()).toContain('www.shop.test');
    expect(await valid.textContent()).toContain('Junction Test');
    expect(await valid.locator('.days').textContent()).toBe('in 299 days');
    expect(await row('new.test').textContent()).toContain('le');
    await screenshot(page, 'certificates-desktop');
  });

  it('highlights the expiring certificate in amber and the refused one in red, with its code and element', async () => {
    const expiring = row('soon.test');
    expect(await expiring.locator('.badge').textContent()).toBe('expiring');
    expect(await expiring.locator('.days').textContent()).toBe('in 9 days');
    const amber = await css(page.locator('.toolbar .badge-warn'), 'background-color'); // the palette's amber
    expect(amber).toMatch(/^rgb\(/);
    expect(await css(expiring.locator('td').nth(1), 'background-color')).toBe(amber);
    expect(await css(expiring.locator('.days'), 'color')).toBe(
      await css(page.locator('.toolbar .badge-warn'), 'color'),
    );
    const plain = await css(row('shop.test').locator('td').nth(1), 'background-color');
    expect(plain).not.toBe(amber);

    const refused = page.locator('tr.cert-error');
    expect(await refused.locator('.badge').textContent()).toBe('error');
    expect(await refused.textContent()).toContain('not served');
    const error = refused.locator('+ tr.error-row');
    expect(await error.textContent()).toMatch(/LB_TLS_KEY_MISMATCH.*does not belong.*tls\.certificates\[2\]/);
    const red = await css(page.locator('.toolbar .badge-bad'), 'color');
    expect(red).toMatch(/^rgb\(/);
    expect(await css(error.locator('.errors'), 'color')).toBe(red);
    expect(await css(refused.locator('.badge'), 'color')).toBe(red);
    expect(await css(refused.locator('td').nth(1), 'background-color')).toBe(
      await css(page.locator('.toolbar .badge-bad'), 'background-color'),
    );
  });

  it('counts the problems in the navigation and on the overview, with the bad file among configuration errors', async () => {
    expect(
      await page
        .getByRole('link', { name: /Certificates/ })
        .locator('.nav-count')
        .textContent(),
    ).toBe('3');
    await page.getByRole('link', { name: /Overview/ }).click();
    const card = page.locator('.count', { hasText: 'Certificates' });
    await card.waitFor();
    expect(await card.locator('.big').textContent()).toBe('5');
    const configuration = page.locator('section.card', { has: page.locator('h2', { hasText: 'Configuration' }) });
    expect(await configuration.locator('.errors').textContent()).toMatch(
      /LB_TLS_KEY_MISMATCH.*— tls\.certificates\[2\]/,
    );
    await screenshot(page, 'overview-certificates-desktop');
    await card.click();
    await row('shop.test').waitFor();
  });

  it('follows the store live: a fixed file turns valid and its error goes, without a reload', async () => {
    const fixed = ca.issue({ cn: 'broken.test', days: 200 });
    certs.replace('file', [file(shop, 0), file(soon, 1), file(fixed, 2)]);
    await row('broken.test').locator('.badge', { hasText: 'valid' }).waitFor();
    expect(await page.locator('tr.cert-error').count()).toBe(0);
    expect(await page.locator('table.certificates tr.error-row').count()).toBe(0);
    expect(
      await page
        .getByRole('link', { name: /Certificates/ })
        .locator('.nav-count')
        .textContent(),
    ).toBe('2');
  });

  it('is usable from the keyboard: filter, attention-only, details', async () => {
    const filter = page.getByLabel('Filter certificates');
    await filter.focus();
    await page.keyboard.type('soon');
    await expect.poll(() => page.locator('table.certificates tr[data-certificate]').count()).toBe(1);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate<string | undefined>("document.activeElement?.closest('label')?.textContent?.trim()"),
    ).toBe('Needs attention only');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('table.certificates tr[data-certificate]').count()).toBe(2); // expiring + pending
    await page.keyboard.press('Space');
    const summary = row('shop.test').locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await row('shop.test').locator('details').getAttribute('open')).toBe('');
    expect(await row('shop.test').locator('details').textContent()).toMatch(/SHA-256[0-9a-f]{64}/);
  });

  it('fits a phone', async () => {
    const phone = await browser.page(PHONE);
    await phone.goto(`${stack.traefik}/dashboard/#/certificates`);
    await phone.locator('tr.cert-expiring').waitFor();
    const overflow = await phone.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    await screenshot(phone, 'certificates-phone');
    await phone.close();
  });
});

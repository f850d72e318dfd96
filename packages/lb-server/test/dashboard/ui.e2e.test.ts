/**
 * The dashboard in headless Chromium against a real Junction (file provider, three loopback
 * backends): it lists routers and servers, refuses an action without credentials, drains a
 * server so that new requests stop reaching it, overrides weights and strategies, shows live
 * per-server figures, and fits a phone. Screenshots go to `screenshots/`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from '../../src/dashboard/state-types';
import { PASSWORD } from '../support/dashboard/dashboard-app';
import { send } from '../helpers/junction';
import { startUpstreams, type Upstream } from '../helpers/upstreams';
import { chromiumAvailable, PHONE, screenshot, type Browser } from './browser';
import { closeStackInChromium, startStackInChromium } from './chromium-stack';
import type { Stack } from './stack';

const CI = process.env.CI === 'true';
if (!chromiumAvailable && !CI) console.log('[ui] skipping the dashboard UI tests: /usr/bin/chromium is not installed');

const yaml = (urls: readonly string[]): string => `
http:
  routers:
    whoami:
      rule: Host(\`whoami.local\`)
      service: whoami
    api:
      rule: Host(\`api.local\`) && PathPrefix(\`/api\`)
      service: api
      priority: 50
      middlewares: [strip]
    broken:
      rule: Host(\`broken.local\`
      service: whoami
  middlewares:
    strip:
      stripPrefix:
        prefixes: [/api]
  services:
    whoami:
      loadBalancer:
        servers:
${urls.map((u) => `          - url: ${u}`).join('\n')}
    api:
      loadBalancer:
        sticky:
          cookie:
            name: junction_api
        servers:
          - url: ${urls[0]}
`;

describe.skipIf(!chromiumAvailable && !CI)('dashboard in Chromium', { timeout: 30_000 }, () => {
  let upstreams: Upstream[];
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const serverRow = (u: Upstream) => page.locator(`[data-service="whoami@file"] tr[data-server="${u.url}"]`);
  const state = async (): Promise<DashboardState> =>
    (await fetch(`${stack.traefik}/api/junction/state`)).json() as Promise<DashboardState>;
  const server = async (u: Upstream) =>
    (await state()).services.find((s) => s.name === 'whoami@file')?.servers.find((s) => s.url === u.url);
  const traffic = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) expect((await send(stack.web, { headers: { host: 'whoami.local' } })).status).toBe(200);
  };

  beforeAll(async () => {
    upstreams = await startUpstreams(3);
    ({ stack, browser, page } = await startStackInChromium({ yaml: yaml(upstreams.map((u) => u.url)) }));
  }, 60_000);

  afterAll(async () => {
    await closeStackInChromium(browser, stack);
    await Promise.all((upstreams ?? []).map((u) => u.close()));
  });

  it('redirects to /dashboard/ and shows the overview', async () => {
    await page.goto(`${stack.traefik}/`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    await page.locator('.count', { hasText: 'Routers' }).waitFor();
    expect(await page.locator('.count', { hasText: 'Routers' }).locator('.big').textContent()).toBe('3');
    expect(await page.locator('.count', { hasText: 'Servers' }).locator('.big').textContent()).toBe('4');
    await page.locator('.provider', { hasText: 'File' }).waitFor();
    expect(await page.locator('.live').textContent()).toContain('Live');
    await screenshot(page, 'overview-desktop');
  });

  it('lists the routers with rule, service, middlewares and errors', async () => {
    await page.goto(`${stack.traefik}/dashboard/#/routers`);
    await page.locator('tr[data-router="whoami@file"]').waitFor();
    expect(await page.locator('tr[data-router="api@file"]').textContent()).toContain('strip');
    const broken = page.locator('tr[data-router="broken@file"]');
    expect(await broken.textContent()).toContain('disabled');
    expect(await page.locator('.error-row').first().textContent()).toMatch(/LB_RULE/);
    await screenshot(page, 'routers-desktop');
  });

  it('lists the services and their servers, UP', async () => {
    await page.goto(`${stack.traefik}/dashboard/#/services`);
    for (const u of upstreams) {
      await serverRow(u).waitFor();
      expect(await serverRow(u).locator('.badge').first().textContent()).toBe('UP');
    }
    expect(await page.locator('[data-service="api@file"]').textContent()).toContain('junction_api');
  });

  it('refuses an action without credentials and asks to sign in', async () => {
    const s3 = upstreams[2]!;
    const before = stack.logger.lines.length;
    await serverRow(s3).getByRole('button', { name: 'Drain' }).click();
    await page.locator('dialog.modal', { hasText: 'Sign in' }).waitFor();
    expect((await server(s3))?.state).toBe('UP');
    expect(stack.logger.lines.slice(before).map((l) => l.obj)).toEqual([
      expect.objectContaining({ action: 'server.drain', outcome: 'refused', code: 'DASH_UNAUTHORIZED' }),
    ]);
    await screenshot(page, 'sign-in-desktop');
  });

  it('signs in, then draining a server in the UI stops new requests reaching it', async () => {
    await page.getByLabel('User').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /admin · Sign out/ }).waitFor();
    const s3 = upstreams[2]!;
    await serverRow(s3).getByRole('button', { name: 'Drain' }).click();
    await serverRow(s3).locator('.badge', { hasText: 'DRAINING' }).waitFor();
    const hits = upstreams.map((u) => u.hits());
    await traffic(30);
    expect(s3.hits()).toBe(hits[2]);
    expect(upstreams[0]!.hits() + upstreams[1]!.hits()).toBe(hits[0]! + hits[1]! + 30);
    expect(stack.logger.lines.at(-1)?.obj).toMatchObject({ user: 'admin', action: 'server.drain', outcome: 'ok' });
    await screenshot(page, 'services-draining-desktop');
    await serverRow(s3).getByRole('button', { name: 'Undrain' }).click();
    await serverRow(s3).locator('.badge', { hasText: 'UP' }).waitFor();
    await traffic(30);
    expect(s3.hits()).toBeGreaterThan(hits[2]!);
  });

  it('overrides a weight, marks it, and resets it', async () => {
    const s1 = upstreams[0]!;
    await serverRow(s1).getByTitle('Change weight').click();
    await serverRow(s1).getByLabel('New weight').fill('5');
    await serverRow(s1).getByRole('button', { name: 'Set' }).click();
    await serverRow(s1).locator('.badge', { hasText: 'overridden' }).waitFor();
    expect(await server(s1)).toMatchObject({ weight: 5, providerWeight: 1, weightOverridden: true });
    await serverRow(s1).getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await server(s1))?.weightOverridden).toBe(false);
    expect((await server(s1))?.weight).toBe(1);
  });

  it("changes a service's strategy at runtime", async () => {
    const card = page.locator('[data-service="whoami@file"]');
    await card.getByLabel('Strategy').selectOption('round-robin');
    await card.locator('.badge', { hasText: 'overridden' }).waitFor();
    expect((await state()).services.find((s) => s.name === 'whoami@file')?.strategy).toBe('round-robin');
    await card.locator('.strategy').getByRole('button', { name: 'Reset' }).click();
    await expect
      .poll(async () => (await state()).services.find((s) => s.name === 'whoami@file')?.strategyOverridden)
      .toBe(false);
  });

  it('shows live requests per second, share and latency per server', async () => {
    for (let i = 0; i < 6; i++) {
      await traffic(12);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const s1 = upstreams[0]!;
    await expect
      .poll(async () => serverRow(s1).locator('td[data-label="Req/s"]').textContent(), { timeout: 5000 })
      .not.toBe('0');
    const figures = await server(s1);
    expect(figures?.rps).toBeGreaterThan(0);
    expect(figures?.share).toBeGreaterThan(0);
    expect(figures?.p50).toBeGreaterThan(0);
    expect(await page.locator('[data-service="whoami@file"] .chart path.band').count()).toBe(3);
    await screenshot(page, 'services-desktop');
  });

  it('fits a phone-sized screen', async () => {
    const phone = await browser.page(PHONE);
    for (const route of ['overview', 'routers', 'services']) {
      await phone.goto(`${stack.traefik}/dashboard/#/${route}`);
      await phone.locator('main .page').waitFor();
      await phone.waitForTimeout(300);
      const overflow = await phone.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, `horizontal overflow on ${route}`).toBeLessThanOrEqual(0);
      await screenshot(phone, `${route}-phone`);
    }
    await phone.close();
  });
});

/**
 * The dashboard in headless Chromium with the Docker provider on a real engine: scaling the
 * compose service `dynamic` from 2 to 3 in the UI makes a third server appear UP, and stopping a
 * container in the UI makes its server disappear. Screenshots go to `screenshots/`. Skips with
 * one line without an engine or Chromium; with CI=true it fails instead.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/dashboard/dashboard-app';
import { acquireDockerEngine, releaseDockerEngine } from '../support/docker-engine';
import { chromiumAvailable, launchBrowser, PHONE, screenshot, type Browser } from './browser';
import { DYN, SERVICE, startDockerStack, type DockerStack } from './docker-stack';

const engine = await acquireDockerEngine();
const CI = process.env.CI === 'true';
const runnable = engine.available && chromiumAvailable;
if (!runnable && !CI)
  console.log(
    `[ui] skipping the Docker dashboard UI tests: ${engine.available ? 'no /usr/bin/chromium' : engine.reason}`,
  );

describe.skipIf(!runnable && !CI)('dashboard with Docker in Chromium', { timeout: 60_000 }, () => {
  let d: DockerStack;
  let browser: Browser;
  let page: Page;
  const sid = (n: number) => `${d.project}/${SERVICE}/${n}`;
  const serverRow = (n: number) => page.locator(`[data-service="${DYN}"] tr[data-server="${sid(n)}"]`);

  beforeAll(async () => {
    if (!runnable)
      throw new Error(
        `CI=true and the Docker UI tests cannot run: engine ${engine.reason || 'ok'}, chromium ${chromiumAvailable}`,
      );
    d = await startDockerStack(engine);
    await d.replica(1);
    await d.replica(2);
    await d.waitForServers((ids) => ids.length === 2);
    browser = await launchBrowser();
    page = await browser.page();
    await page.goto(`${d.stack.traefik}/dashboard/#/containers`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('User').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /admin · Sign out/ }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await d?.close();
    await releaseDockerEngine(engine);
  }, 60_000);

  it('lists the containers and the compose service with its replicas', async () => {
    for (const n of [1, 2]) await page.locator(`tr[data-container="${d.project}_${SERVICE}_${n}"]`).waitFor();
    const scale = page.locator(`[data-compose="${d.project}/${SERVICE}"]`);
    expect(await scale.textContent()).toContain('2/2 running');
    await screenshot(page, 'containers-desktop');
    await page.locator(`tr[data-container="${d.project}_${SERVICE}_1"]`).getByRole('button', { name: 'Logs' }).click();
    const logs = page.locator('dialog.modal', { hasText: `Logs of ${d.project}_${SERVICE}_1` });
    await logs.locator('pre.logs', { hasNotText: 'Loading…' }).waitFor();
    expect(await logs.locator('pre.logs').textContent()).toBe('(no output)'); // the test app writes nothing
    await logs.getByRole('button', { name: 'Close' }).click();
    await logs.waitFor({ state: 'detached' });
  });

  it('shows label errors per container, with the container and the label', async () => {
    const bad = await d.labelled('badlabels', {
      'traefik.http.routers.bad.rule': 'Host(`bad.local`)',
      'traefik.http.services.bad.loadbalancer.server.port': 'eighty',
    });
    await page.goto(`${d.stack.traefik}/dashboard/#/overview`);
    await page.locator('.provider', { hasText: 'Docker' }).locator('dd', { hasText: 'connected' }).waitFor();
    const box = page.locator('.label-errors');
    await box.locator('.container-errors', { hasText: bad }).waitFor({ timeout: 20_000 });
    expect(await box.locator('.container-errors', { hasText: bad }).textContent()).toContain(
      'traefik.http.services.bad.loadbalancer.server.port',
    );
    await screenshot(page, 'overview-docker-desktop');
    await page.goto(`${d.stack.traefik}/dashboard/#/containers`);
    const row = page.locator(`tr[data-container="${bad}"]`);
    await row.locator('summary').click();
    expect(await row.locator('.errors').textContent()).toContain('traefik.http.services.bad.loadbalancer.server.port');
    await row.getByRole('button', { name: 'Remove' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('scaling dynamic from 2 to 3 in the UI makes a third server appear UP', async () => {
    const scale = page.locator(`[data-compose="${d.project}/${SERVICE}"]`);
    await scale.getByRole('button', { name: `More ${SERVICE} replicas` }).click();
    expect(await scale.getByLabel(`Replicas of ${SERVICE}`).inputValue()).toBe('3');
    await scale.getByRole('button', { name: 'Scale' }).click();
    await page.locator(`tr[data-container="${d.project}_${SERVICE}_3"]`).waitFor({ timeout: 30_000 });
    await page.goto(`${d.stack.traefik}/dashboard/#/services`);
    await serverRow(3).locator('.badge', { hasText: 'UP' }).waitFor({ timeout: 30_000 });
    expect(await page.locator(`[data-service="${DYN}"] tbody tr`).count()).toBe(3);
    await screenshot(page, 'services-docker-desktop');
  });

  it('stopping a container in the UI makes its server disappear', async () => {
    await page.goto(`${d.stack.traefik}/dashboard/#/containers`);
    const row = page.locator(`tr[data-container="${d.project}_${SERVICE}_2"]`);
    await row.getByRole('button', { name: 'Stop' }).click();
    await row.locator('.badge', { hasText: 'exited' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'containers-stopped-desktop');
    await page.goto(`${d.stack.traefik}/dashboard/#/services`);
    await serverRow(1).waitFor();
    await serverRow(2).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.locator(`[data-service="${DYN}"] tbody tr`).count()).toBe(2);
  });

  it('shows the containers on a phone-sized screen', async () => {
    const phone = await browser.page(PHONE);
    await phone.goto(`${d.stack.traefik}/dashboard/#/containers`);
    await phone.locator(`tr[data-container="${d.project}_${SERVICE}_1"]`).waitFor();
    const overflow = await phone.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'containers-phone');
    await phone.close();
  });
});

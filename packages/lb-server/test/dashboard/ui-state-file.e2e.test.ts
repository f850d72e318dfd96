/**
 * Saved overrides in the dashboard, in headless Chromium against a real Junction with a state
 * file: the overview names the file and shows an override kept for a server that is not present
 * (loaded from the file) with a Clear button; clearing needs a sign-in, is audited, and removes
 * it from the page and from the file. A corrupt file found at start is shown with where it was
 * set aside. Screenshots: `screenshots/saved-overrides-*.png`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/dashboard/dashboard-app';
import { startUpstreams, type Upstream } from '../helpers/upstreams';
import { chromiumAvailable, screenshot, type Browser } from './browser';
import { closeStackInChromium, startStackInChromium } from './chromium-stack';
import { startStack, type Stack } from './stack';

const CI = process.env.CI === 'true';
const GONE = 'http://127.0.0.1:1';

const yaml = (urls: readonly string[]): string => `
http:
  routers:
    whoami:
      rule: Host(\`whoami.local\`)
      service: whoami
  services:
    whoami:
      loadBalancer:
        servers:
${urls.map((u) => `          - url: ${u}`).join('\n')}
`;

describe.skipIf(!chromiumAvailable && !CI)('saved overrides in Chromium', { timeout: 30_000 }, () => {
  let dir: string;
  let file: string;
  let upstreams: Upstream[];
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const saved = (): { servers: { server: string }[] } =>
    JSON.parse(readFileSync(file, 'utf8')) as { servers: { server: string }[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'junction-ui-state-'));
    file = join(dir, 'overrides.json');
    upstreams = await startUpstreams(2);
    writeFileSync(
      file,
      JSON.stringify({
        junction: 'overrides',
        version: 1,
        servers: [
          { service: 'whoami@file', server: GONE, draining: true, by: 'admin', at: Date.now() - 60_000 },
          { service: 'whoami@file', server: upstreams[1]!.url, weight: 4, by: 'admin', at: Date.now() - 60_000 },
        ],
        services: [],
      }),
    );
    ({ stack, browser, page } = await startStackInChromium({
      yaml: yaml(upstreams.map((u) => u.url)),
      stateFile: file,
    }));
  }, 60_000);

  afterAll(async () => {
    await closeStackInChromium(browser, stack);
    await Promise.all((upstreams ?? []).map((u) => u.close()));
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the state file and the override of a server that is not present, with a Clear button', async () => {
    await page.goto(`${stack.traefik}/dashboard/`);
    const card = page.locator('section.state-file');
    await card.waitFor();
    expect(await card.getByTestId('state-file-path').textContent()).toBe(file);
    expect(await card.locator('.badge').textContent()).toBe('saved');
    expect(await card.textContent()).toContain('2 overrides restored');
    const orphan = page.locator(`[data-orphan="whoami@file ${GONE}"]`);
    await orphan.waitFor();
    expect(await orphan.textContent()).toContain('element not present');
    expect(await orphan.textContent()).toContain('drained');
    expect(await orphan.getByRole('button', { name: 'Clear' }).isVisible()).toBe(true);
    // The other saved override has its server: applied, not listed as an orphan.
    expect(await page.locator('[data-orphan]').count()).toBe(1);
    await page.goto(`${stack.traefik}/dashboard/#/services`);
    await page.locator(`tr[data-server="${upstreams[1]!.url}"] .badge`, { hasText: 'overridden' }).waitFor();
    await page.locator(`[data-orphan="whoami@file ${GONE}"]`).waitFor();
    await page.goto(`${stack.traefik}/dashboard/`);
    await orphan.waitFor();
    await screenshot(page, 'saved-overrides-desktop');
  });

  it('clears it after signing in: gone from the page and from the file, and audited', async () => {
    const orphan = page.locator(`[data-orphan="whoami@file ${GONE}"]`);
    await orphan.getByRole('button', { name: 'Clear' }).click();
    await page.locator('dialog.modal', { hasText: 'Sign in' }).waitFor();
    await page.getByLabel('User').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /admin · Sign out/ }).waitFor();
    expect(saved().servers.map((s) => s.server)).toContain(GONE);

    await orphan.getByRole('button', { name: 'Clear' }).click();
    await orphan.waitFor({ state: 'detached' });
    expect(await page.locator('section.orphans').count()).toBe(0);
    await expect.poll(() => saved().servers.map((s) => s.server)).toEqual([upstreams[1]!.url]);
    const audits = stack.logger.lines
      .map((l) => l.obj as Record<string, unknown>)
      .filter((o) => o.action === 'override.clear');
    expect(audits.map((o) => o.outcome)).toEqual(['refused', 'ok']);
    expect(audits[1]).toMatchObject({ user: 'admin', target: { service: 'whoami@file', server: GONE } });
  });

  it('shows a corrupt state file found at start, and where it was set aside', async () => {
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"junction":"overrides","version":1,"servers":[');
    const other = await startStack({ yaml: yaml(upstreams.map((u) => u.url)), stateFile: corrupt });
    try {
      const tab = await browser.page();
      await tab.goto(`${other.traefik}/dashboard/`);
      const alert = tab.locator('section.state-file [role="alert"]');
      await alert.waitFor();
      const text = await alert.textContent();
      expect(text).toContain('could not be used');
      expect(text).toContain('not JSON');
      expect(text).toContain(`kept as ${corrupt}.corrupt-`);
      expect(other.logger.lines.some((l) => l.level === 'warn' && l.msg.includes(corrupt))).toBe(true);
      await screenshot(tab, 'saved-overrides-corrupt-desktop');
      await tab.close();
    } finally {
      await other.close();
    }
  });
});

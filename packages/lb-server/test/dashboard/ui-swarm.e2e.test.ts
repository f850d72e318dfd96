/**
 * The dashboard in headless Chromium for a Junction in swarm mode (the swarm provider alone, no
 * Docker provider, so no container client): the provider card reads "Docker Swarm", a swarm
 * service's broken `deploy.labels` are listed by service while the other service serves, the
 * Services page lists every task as a server by its stable id, and the Containers page says where
 * tasks are managed instead of offering container actions. The swarm snapshot is translated by
 * the swarm provider's own `servicesToConfig` from services and tasks in the engine's JSON shape;
 * the tasks' addresses are loopback ones and nothing sends them a request.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from '../../src/dashboard/state-types';
import type { Provider, ProviderStatus } from '../../src/providers/provider';
import { servicesToConfig, type SwarmSnapshot } from '../../src/providers/swarm/services-to-config';
import { chromiumAvailable, screenshot, type Browser } from './browser';
import { closeStackInChromium, startStackInChromium } from './chromium-stack';
import type { Stack } from './stack';

const CI = process.env.CI === 'true';
const NET = { Id: 'net-web', Name: 'lab-web' };

/** A task of service `serviceId` in slot `slot`, running at 127.0.0.`host`. */
function task(serviceId: string, slot: number, host: number): SwarmSnapshot['tasks'][number] {
  return {
    ID: `${serviceId}-task-${slot}`,
    ServiceID: serviceId,
    Slot: slot,
    NodeID: 'node-1',
    DesiredState: 'running',
    Status: { State: 'running', ContainerStatus: { ContainerID: `${serviceId}${slot}`.padEnd(64, '0') } },
    NetworksAttachments: [{ Network: { ID: NET.Id, Spec: { Name: NET.Name } }, Addresses: [`127.0.0.${host}/8`] }],
  };
}

const SNAPSHOT: SwarmSnapshot = {
  services: [
    {
      ID: 'web',
      Spec: {
        Name: 'lab_web',
        Labels: {
          'com.docker.stack.namespace': 'lab',
          'traefik.enable': 'true',
          'traefik.http.routers.web.rule': 'Host(`web.local`)',
          'traefik.http.services.web.loadbalancer.server.port': '3000',
        },
      },
    },
    {
      ID: 'broken',
      Spec: {
        Name: 'lab_broken',
        Labels: {
          'com.docker.stack.namespace': 'lab',
          'traefik.enable': 'true',
          'traefik.http.services.broken.loadbalancer.server.port': 'eighty',
        },
      },
    },
  ],
  tasks: [task('web', 1, 21), task('web', 2, 22), task('broken', 1, 23)],
  networks: [NET],
};

/** A provider named `swarm` that emits the translation of {@link SNAPSHOT} once. */
function swarmSnapshotProvider(): Provider<DynamicConfig> {
  const status: ProviderStatus = {
    state: 'ok',
    lastUpdate: Date.now(),
    lastError: undefined,
    details: { endpoint: 'unix:///var/run/docker.sock' },
  };
  return {
    name: 'swarm',
    start: (emit) => {
      const { config, errors } = servicesToConfig(SNAPSHOT, {
        exposedByDefault: false,
        useBindPortIP: false,
        defaultRule: 'Host(`{{ normalize .Name }}`)',
        provider: 'swarm',
      });
      emit({ provider: 'swarm', config, errors });
    },
    status: () => status,
  };
}

describe.skipIf(!chromiumAvailable && !CI)('dashboard in Chromium, swarm mode', { timeout: 30_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ stack, browser, page } = await startStackInChromium({
      yaml: 'http: {}\n',
      providers: [swarmSnapshotProvider()],
    }));
  }, 60_000);

  afterAll(async () => {
    await closeStackInChromium(browser, stack);
  });

  it('shows the swarm provider and the broken service label errors by service', async () => {
    const state = (await (await fetch(`${stack.traefik}/api/junction/state`)).json()) as DashboardState;
    expect(state.access.docker).toBe(false);
    expect(state.labelErrors).toEqual([
      expect.objectContaining({
        container: 'lab_broken',
        swarm: true,
        label: 'traefik.http.services.broken.loadbalancer.server.port',
      }),
    ]);
    await page.goto(`${stack.traefik}/dashboard/#/overview`);
    await page.locator('.provider', { hasText: 'Docker Swarm' }).locator('dd', { hasText: 'connected' }).waitFor();
    const errors = page.locator('.label-errors');
    await errors.waitFor();
    expect(await errors.locator('h2').textContent()).toMatch(/^Label errors/);
    expect(await errors.locator('h3').textContent()).toBe('swarm service lab_broken');
    await screenshot(page, 'overview-swarm-desktop');
  });

  it('lists every task of the healthy service as a server by its stable id', async () => {
    await page.goto(`${stack.traefik}/dashboard/#/services`);
    for (const id of ['lab/web/1', 'lab/web/2'])
      await page.locator(`[data-service="web@swarm"] tr[data-server="${id}"]`).waitFor();
  });

  it('the Containers page says the swarm manages tasks and offers no container action', async () => {
    await page.goto(`${stack.traefik}/dashboard/#/containers`);
    const notice = page.locator('.notice', { hasText: 'Swarm mode' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('docker service scale');
    expect(await page.locator('.page').textContent()).not.toContain('enable the Docker provider');
    expect(await page.locator('.page .label-errors h3').textContent()).toBe('swarm service lab_broken');
    expect(await page.getByRole('button', { name: /^(Stop|Start|Restart|Remove|Scale)$/ }).count()).toBe(0);
    await screenshot(page, 'containers-swarm-desktop');
  });
});

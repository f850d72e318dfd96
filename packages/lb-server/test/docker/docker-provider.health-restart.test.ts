/**
 * The Docker provider against a real engine: HEALTHCHECK (starting and unhealthy servers kept,
 * marked unavailable) and, only when the tests started dockerd, a dockerd restart (the last
 * snapshot stays, the provider reconnects and lists again). Figures are printed, never asserted.
 * Replicas coming and going: docker-provider.replicas.test.ts. Skips with one line when no engine
 * can be found or started; with CI=true it fails instead.
 */
import type { DynamicConfig } from '@junction/lb-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireDockerEngine, restartOwnedDaemon } from '../support/docker-engine';
import { composeLabels, getJson, serversOf, startApp } from '../support/docker-fixtures';
import { dockerProviderSuite, figure, LAB, ms, SERVICE } from './docker-provider-suite';

const engine = await acquireDockerEngine();
const CI = process.env.CI === 'true';
if (!engine.available && !CI) console.log(`[docker] skipping the Docker engine tests: ${engine.reason}`);

describe.skipIf(!engine.available && !CI)('Docker provider against a real engine', () => {
  const suite = dockerProviderSuite(engine);
  const { recorder } = suite;

  beforeAll(async () => {
    // A replica of SERVICE, so the snapshots across the dockerd restart have a server to keep.
    await startApp(suite.run, {
      name: 'dynamic-1',
      labels: { ...LAB, ...composeLabels(suite.project, 'dynamic', 1) },
      env: { INSTANCE: '1' },
    });
    await recorder.waitFor((c) => serversOf(c, SERVICE).length === 1, { what: 'one server' });
  }, 30_000);

  it('HEALTHCHECK: starting and unhealthy servers are kept, marked unavailable', async () => {
    const t0 = performance.now();
    await startApp(suite.run, {
      name: 'health',
      labels: { 'traefik.http.routers.health.rule': 'Host(`health.local`)' },
      healthIntervalMs: 300,
    });
    const server = (c: DynamicConfig) => serversOf(c, c.http.routers?.health?.service ?? '')[0];
    const starting = await recorder.waitFor((c) => server(c)?.available === false, { what: 'health server starting' });
    const healthy = await recorder.waitFor((c) => server(c) !== undefined && server(c)?.available === undefined, {
      from: starting.index,
      what: 'health server healthy',
    });
    await getJson(`${server(healthy.config)?.url}/health/fail`).catch(() => undefined);
    const unhealthy = await recorder.waitFor((c) => server(c)?.available === false, {
      from: healthy.index + 1,
      what: 'health server unhealthy',
    });
    figure(
      `HEALTHCHECK (300 ms interval): starting seen at ${ms(starting.at - t0)}, healthy at ${ms(healthy.at - t0)}, unhealthy ${ms(unhealthy.at - healthy.at)} after healthy`,
    );
    expect(unhealthy.config.http.routers?.health).toBeDefined();
  }, 30_000);

  it.skipIf(!engine.owned)(
    'dockerd restart: the last snapshot stays, the provider reconnects and lists again',
    async () => {
      const before = recorder.snapshots.length;
      const last = recorder.snapshots.at(-1)?.config;
      let downState = '';
      const downFor = await restartOwnedDaemon(engine, async () => {
        const deadline = performance.now() + 10_000;
        while (suite.provider.status().state !== 'error' && performance.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        downState = suite.provider.status().state;
      });
      const t0 = performance.now();
      while (suite.provider.status().state !== 'ok' || (suite.provider.status().details.reconnects as number) < 1) {
        if (performance.now() - t0 > 30_000)
          throw new Error(`provider did not reconnect: ${JSON.stringify(suite.provider.status())}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      figure(
        `dockerd restart: down ${ms(downFor)}, provider reconnected and listed ${ms(performance.now() - t0)} after dockerd answered`,
      );
      expect(downState).toBe('error');
      for (const s of recorder.snapshots.slice(before)) expect(serversOf(s.config, SERVICE).length).toBeGreaterThan(0);
      expect(recorder.snapshots.at(-1)?.config).toEqual(last);
      await startApp(suite.run, {
        name: 'after-restart',
        labels: { 'traefik.http.routers.after.rule': 'Host(`after.local`)' },
      });
      await recorder.waitFor((c) => c.http.routers?.after !== undefined, { what: 'router after (events flow again)' });
    },
    // 90 s, after up to 2 min waiting while other files (docker-provider.replicas) hold the engine steady.
    210_000,
  );

  if (!engine.owned && engine.available) {
    it.skip('dockerd restart (skipped: the engine was not started by these tests, and a daemon they did not start is never restarted)', () => {});
  }
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeHealthCheck } from '../health/active-config';
import { apiPlugin } from './api-plugin';
import { serve } from '../../test/helpers/http-client';
import type { ServiceRepresentation } from './service-view';
import { sourcesOf } from '../../test/support/api/api-sources-builders';
import { lbService, mergedConfig, runtimeOf } from '../../test/support/api/runtime-builders';

/** A loopback origin whose `/health` answers `status`. */
async function origin(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.statusCode = req.url === '/health' ? status : 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const origins: { url: string; server: Server }[] = [];

beforeAll(async () => {
  origins.push(await origin(200), await origin(500));
});
afterAll(async () => {
  await Promise.all(origins.map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

describe('active health checks in the API', () => {
  it("shows the active checker's verdict per server URL, with the reason of a failure", async () => {
    const [good, bad] = origins.map((o) => o.url) as [string, string];
    const config = mergedConfig({
      file: {
        http: {
          services: {
            app: { loadBalancer: { servers: [{ url: good }, { url: bad }], healthCheck: { path: '/health' } } },
          },
        },
      },
    });
    const app = lbService(config, 'app@file', {
      active: normalizeHealthCheck({ path: '/health', interval: '1h', timeout: '5s' }),
    });
    const runtime = runtimeOf(config, { services: [app] });
    const api = await serve(apiPlugin, { sources: sourcesOf(() => runtime) });
    try {
      app.checker?.start();
      while (app.checker?.status().some((s) => s.lastCheck === undefined)) await new Promise((r) => setTimeout(r, 10));

      const view = (await api.fetch('/api/http/services/app%40file')).json<ServiceRepresentation>();
      expect(view.serverStatus).toEqual({ [good]: 'UP', [bad]: 'DOWN' });
      expect(view.serverDetails).toEqual([
        expect.objectContaining({
          url: good,
          healthy: true,
          activeCheck: { up: true, lastCheck: expect.any(String), consecutive: 1 },
        }),
        expect.objectContaining({
          url: bad,
          healthy: false,
          activeCheck: expect.objectContaining({ up: false, lastError: expect.stringContaining('500') }),
        }),
      ]);
      expect(view.loadBalancer).toMatchObject({ healthCheck: { path: '/health', interval: '30s', timeout: '5s' } });
    } finally {
      await app.checker?.stop();
      app.health.passive.close();
      await api.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { findSamples, parseExposition } from '../../test/helpers/exposition';
import { createMetrics } from '../metrics/metrics';
import { serve } from '../../test/helpers/http-client';
import { metricsPlugin } from './metrics-plugin';

describe('metricsPlugin', () => {
  it("serves the registry's exposition with its content type, current at each scrape", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const server = await serve(metricsPlugin, { metrics });
    try {
      const request = {
        entryPoint: 'web',
        service: 'jokes@file',
        code: 200,
        method: 'GET',
        protocol: 'http',
        durationSeconds: 0.01,
      };
      metrics.recordRequest(request);
      const first = await server.fetch('/metrics');
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe(metrics.contentType);
      expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      const labels = { entrypoint: 'web', code: '200' };
      expect(findSamples(parseExposition(first.text), 'traefik_entrypoint_requests_total', labels)[0]?.value).toBe(1);

      metrics.recordRequest(request);
      const second = parseExposition((await server.fetch('/metrics')).text);
      expect(findSamples(second, 'traefik_entrypoint_requests_total', labels)[0]?.value).toBe(2);
      expect(findSamples(second, 'traefik_service_requests_total', { service: 'jokes@file' })[0]?.value).toBe(2);
    } finally {
      await server.close();
    }
  });

  it.each([
    { desc: 'a synchronous source', render: () => 'up 1\n' },
    { desc: 'an asynchronous source', render: async () => 'up 1\n' },
  ])('serves $desc on a custom path', async ({ render }) => {
    const server = await serve(metricsPlugin, {
      metrics: { contentType: 'text/plain; version=0.0.4; charset=utf-8', render },
      path: '/prom',
    });
    try {
      const res = await server.fetch('/prom');
      expect([res.status, res.text, res.headers.get('content-type')]).toEqual([
        200,
        'up 1\n',
        'text/plain; version=0.0.4; charset=utf-8',
      ]);
      expect((await server.fetch('/metrics')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CONFIG_RELOADS_TOTAL, SERVICE_SERVER_UP } from '../metrics/names';
import { mergeMetrics } from './metrics-merge';

/** One worker's registry: `requests` requests, `reloads` reloads, server up or down. */
async function worker(requests: number, reloads: number, up: boolean): Promise<unknown> {
  const registers = [new Registry()];
  const counter = new Counter({
    name: 'traefik_entrypoint_requests_total',
    help: 'h',
    labelNames: ['code'],
    registers,
  });
  counter.inc({ code: '200' }, requests);
  const histogram = new Histogram({
    name: 'traefik_entrypoint_request_duration_seconds',
    help: 'h',
    buckets: [0.1, 1],
    registers,
  });
  for (let i = 0; i < requests; i++) histogram.observe(0.05);
  new Counter({ name: CONFIG_RELOADS_TOTAL, help: 'h', registers }).inc(reloads);
  new Gauge({ name: SERVICE_SERVER_UP, help: 'h', labelNames: ['url'], registers }).set(
    { url: 'http://a' },
    up ? 1 : 0,
  );
  return registers[0]!.getMetricsAsJSON();
}

describe('mergeMetrics', () => {
  it('sums requests and histograms, takes the max of reloads and the min of server up', async () => {
    const text = await mergeMetrics([await worker(3, 2, true), await worker(4, 2, false), null]);
    expect(text).toContain('traefik_entrypoint_requests_total{code="200"} 7');
    expect(text).toContain('traefik_entrypoint_request_duration_seconds_count 7');
    expect(text).toContain('traefik_entrypoint_request_duration_seconds_bucket{le="0.1"} 7');
    expect(text).toContain(`${CONFIG_RELOADS_TOTAL} 2`);
    expect(text).toContain(`${SERVICE_SERVER_UP}{url="http://a"} 0`);
  });
});

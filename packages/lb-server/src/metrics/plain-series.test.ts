import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestFamily } from './request-family';

const LABELS = ['code', 'method', 'protocol', 'entrypoint'];
const BUCKETS = [0.1, 0.3, 1.2, 5];

/** The same family built from prom-client's own Counter and Histogram, as Junction did before. */
function promClientFamily(registry: Registry) {
  const common = { labelNames: LABELS, registers: [registry] };
  const by = 'partitioned by status code, protocol, and method';
  const requests = new Counter({
    name: 'x_requests_total',
    help: `How many HTTP requests processed on an entrypoint, ${by}.`,
    ...common,
  });
  const duration = new Histogram({
    name: 'x_request_duration_seconds',
    help: `How long it took to process the request on an entrypoint, ${by}.`,
    buckets: BUCKETS,
    ...common,
  });
  const requestBytes = new Counter({
    name: 'x_requests_bytes_total',
    help: `The total size of requests in bytes handled by an entrypoint, ${by}.`,
    ...common,
  });
  const responseBytes = new Counter({
    name: 'x_responses_bytes_total',
    help: `The total size of responses in bytes handled by an entrypoint, ${by}.`,
    ...common,
  });
  return {
    record(values: string[], seconds: number, reqBytes?: number, resBytes?: number): void {
      requests.labels(...values).inc();
      duration.labels(...values).observe(seconds);
      if (reqBytes !== undefined) requestBytes.labels(...values).inc(reqBytes);
      if (resBytes !== undefined) responseBytes.labels(...values).inc(resBytes);
    },
    remove(values: string[]): void {
      for (const m of [requests, duration, requestBytes, responseBytes]) m.remove(...values);
    },
  };
}

describe('RequestFamily (plain series)', () => {
  it('exports exactly what prom-client Counter and Histogram export for the same requests', async () => {
    const plain = new Registry();
    const reference = new Registry();
    const family = new RequestFamily({
      prefix: 'x_',
      labelNames: LABELS,
      subject: 'an entrypoint',
      buckets: BUCKETS,
      registry: plain,
    });
    const other = promClientFamily(reference);
    const durations = [0.05, 0.1, 0.2, 0.9, 3, 7, 0.31];
    let n = 0;
    for (const code of ['200', '404', '502']) {
      for (const ep of ['web', 'websecure']) {
        for (const d of durations) {
          const values = [code, n % 2 === 0 ? 'GET' : 'POST', 'http', ep];
          const req = n % 7 === 0 ? n : undefined;
          const res = n % 5 === 0 ? n * 10 : undefined;
          family.record(values, d, req, res);
          other.record(values, d, req, res);
          n++;
        }
      }
    }
    family.prune('code', (code) => code !== '404');
    for (const method of ['GET', 'POST'])
      for (const ep of ['web', 'websecure']) other.remove(['404', method, 'http', ep]);
    family.record(['404', 'GET', 'http', 'web'], 0.01, undefined, 3);
    other.record(['404', 'GET', 'http', 'web'], 0.01, undefined, 3);

    expect(await plain.metrics()).toBe(await reference.metrics());
    expect(await plain.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
    expect(family.size).toBe(9);
  });
});

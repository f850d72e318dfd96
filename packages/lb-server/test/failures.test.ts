/**
 * Upstream failures: a refused connection is retried on a different server (never the same one
 * again), 502 when every server refuses or the request had a body, `retry` middleware bounds
 * the attempts, 504 when response headers do not come in time; error bodies never name a backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../src/metrics/metrics';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { refusedUrl, startUpstream, type Echo, type Upstream } from './helpers/upstreams';

let live: Upstream;
let slow: Upstream;
let lb: TestJunction;
let metrics: Metrics;
const http = client();
const slowTimers = new Set<NodeJS.Timeout>();

async function retriesOf(service: string): Promise<number> {
  const text = await metrics.render();
  const line = text.split('\n').find((l) => l.startsWith(`traefik_service_retries_total{service="${service}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

beforeAll(async () => {
  live = await startUpstream('live');
  slow = await startUpstream('slow', (req, res) => {
    req.resume();
    slowTimers.add(setTimeout(() => res.end('late'), 4_000));
  });
  const [dead1, dead2, dead3] = [await refusedUrl(), await refusedUrl(), await refusedUrl()];
  metrics = createMetrics({ processMetrics: false });
  lb = await startJunction({
    http: {
      routers: {
        mixed: { rule: 'Host(`mixed.local`)', service: 'mixed' },
        dead: { rule: 'Host(`dead.local`)', service: 'dead' },
        bounded: { rule: 'Host(`bounded.local`)', service: 'dead3', middlewares: ['retry'] },
        slow: { rule: 'Host(`slow.local`)', service: 'slow' },
      },
      services: {
        mixed: pool([dead1, live.url], { strategy: 'round-robin', passiveHealthCheck: { failures: 1000 } }),
        dead: pool([dead1, dead2], { passiveHealthCheck: { failures: 1000 } }),
        dead3: pool([dead1, dead2, dead3], { passiveHealthCheck: { failures: 1000 } }),
        slow: pool([slow.url]),
      },
      middlewares: { retry: { retry: { attempts: 2, initialInterval: '1ms' } } },
    },
  }, [], { metrics, transport: { responseHeaderTimeoutMs: 200 } });
});

afterAll(async () => {
  for (const timer of slowTimers) clearTimeout(timer);
  await lb.close();
  await Promise.all([live.close(), slow.close()]);
  await http.close();
});

describe('connection failures', () => {
  it('retries a refused connection on another server: every request succeeds', async () => {
    const before = await retriesOf('mixed@file');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await send(`${lb.url}/x`, { headers: { host: 'mixed.local' }, dispatcher: http });
      expect(res.status).toBe(200);
      ids.push(res.json<Echo>().id);
    }
    expect(new Set(ids)).toEqual(new Set(['live']));
    // Round-robin sends every other request to the dead server first: about half were retried.
    expect(await retriesOf('mixed@file') - before).toBeGreaterThanOrEqual(4);
  });

  it('answers 502 when every server refuses, after trying each exactly once', async () => {
    const before = await retriesOf('dead@file');
    const res = await send(`${lb.url}/x`, { headers: { host: 'dead.local' }, dispatcher: http });
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({ error: 'the upstream server could not be reached', code: 'LB_BAD_GATEWAY' });
    expect(await retriesOf('dead@file') - before).toBe(1);
  });

  it('lets a retry middleware bound the attempts', async () => {
    const before = await retriesOf('dead3@file');
    const res = await send(`${lb.url}/x`, { headers: { host: 'bounded.local' }, dispatcher: http });
    expect(res.status).toBe(502);
    expect(await retriesOf('dead3@file') - before).toBe(1);
  });

  it('does not retry a request with a body', async () => {
    const before = await retriesOf('dead@file');
    const res = await send(`${lb.url}/x`, { method: 'POST', body: 'payload', headers: { host: 'dead.local', 'content-type': 'text/plain' }, dispatcher: http });
    expect(res.status).toBe(502);
    expect(await retriesOf('dead@file') - before).toBe(0);
  });

  it('never puts a backend address in an error body', async () => {
    const res = await send(`${lb.url}/x`, { headers: { host: 'dead.local' }, dispatcher: http });
    expect(res.text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}/);
  });
});

describe('timeouts', () => {
  it('answers 504 when the upstream sends no headers within responseHeaderTimeout', async () => {
    const res = await send(`${lb.url}/x`, { headers: { host: 'slow.local' }, dispatcher: http });
    expect(res.status).toBe(504);
    expect(res.json()).toEqual({ error: 'the upstream server did not answer in time', code: 'LB_GATEWAY_TIMEOUT' });
  });
});

/**
 * Upstream failures: a refused connection is retried on a different server (never the same one
 * again), with its body when none of it was sent; 502 when every server refuses or a body was
 * already sent; `retry` middleware bounds the attempts, 504 when response headers do not come in
 * time; error bodies never name a backend.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../src/metrics/metrics';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { refusedUrl, startUpstream, type Echo, type Upstream } from './helpers/upstreams';

let live: Upstream;
let slow: Upstream;
/** Answers the size and SHA-256 of the body it read. */
let sink: Upstream;
/** Reads the body, then resets the connection without answering. */
let resetter: Upstream;
let lb: TestJunction;
let metrics: Metrics;
const http = client();
const slowTimers = new Set<NodeJS.Timeout>();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
  sink = await startUpstream('sink', (req, res, id) => {
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    req.on('end', () => res.end(JSON.stringify({ id, bytes, sha256: hash.digest('hex') })));
  });
  resetter = await startUpstream('resetter', (req) => {
    req.resume();
    req.on('end', () => req.socket.resetAndDestroy());
  });
  const [dead1, dead2, dead3] = [await refusedUrl(), await refusedUrl(), await refusedUrl()];
  metrics = createMetrics({ processMetrics: false });
  lb = await startJunction(
    {
      http: {
        routers: {
          mixed: { rule: 'Host(`mixed.local`)', service: 'mixed' },
          dead: { rule: 'Host(`dead.local`)', service: 'dead' },
          bounded: { rule: 'Host(`bounded.local`)', service: 'dead3', middlewares: ['retry'] },
          slow: { rule: 'Host(`slow.local`)', service: 'slow' },
          upload: { rule: 'Host(`upload.local`)', service: 'upload' },
          reset: { rule: 'Host(`reset.local`)', service: 'reset' },
        },
        services: {
          mixed: pool([dead1, live.url], { strategy: 'round-robin', passiveHealthCheck: { failures: 1000 } }),
          dead: pool([dead1, dead2], { passiveHealthCheck: { failures: 1000 } }),
          dead3: pool([dead1, dead2, dead3], { passiveHealthCheck: { failures: 1000 } }),
          slow: pool([slow.url]),
          upload: pool([dead1, sink.url], { strategy: 'round-robin', passiveHealthCheck: { failures: 1000 } }),
          reset: pool([resetter.url, sink.url], { strategy: 'round-robin', passiveHealthCheck: { failures: 1000 } }),
        },
        middlewares: { retry: { retry: { attempts: 2, initialInterval: '1ms' } } },
      },
    },
    [],
    { metrics, transport: { responseHeaderTimeoutMs: 200 } },
  );
});

afterAll(async () => {
  for (const timer of slowTimers) clearTimeout(timer);
  await lb.close();
  await Promise.all([live.close(), slow.close(), sink.close(), resetter.close()]);
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
    expect((await retriesOf('mixed@file')) - before).toBeGreaterThanOrEqual(4);
  });

  it('answers 502 when every server refuses, after trying each exactly once', async () => {
    const before = await retriesOf('dead@file');
    const res = await send(`${lb.url}/x`, { headers: { host: 'dead.local' }, dispatcher: http });
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({ error: 'the upstream server could not be reached', code: 'LB_BAD_GATEWAY' });
    expect((await retriesOf('dead@file')) - before).toBe(1);
  });

  it('lets a retry middleware bound the attempts', async () => {
    const before = await retriesOf('dead3@file');
    const res = await send(`${lb.url}/x`, { headers: { host: 'bounded.local' }, dispatcher: http });
    expect(res.status).toBe(502);
    expect((await retriesOf('dead3@file')) - before).toBe(1);
  });

  it('retries a request with a body when the connection could not be made: the whole body reaches the other server', async () => {
    const body = 'x'.repeat(200_000);
    const before = await retriesOf('upload@file');
    for (let i = 0; i < 4; i++) {
      const res = await send(`${lb.url}/x`, {
        method: 'POST',
        body,
        headers: { host: 'upload.local', 'content-type': 'text/plain' },
        dispatcher: http,
      });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ id: 'sink', bytes: body.length, sha256: sha256(body) });
    }
    // Round-robin sends every other one to the refusing server first.
    expect((await retriesOf('upload@file')) - before).toBeGreaterThanOrEqual(2);
  });

  it('does not retry a request whose body was sent before the connection broke (502), but retries a GET', async () => {
    const resets = resetter.hits();
    const sunk = sink.hits();
    const answers = [];
    for (let i = 0; i < 2; i++)
      answers.push(
        await send(`${lb.url}/x`, {
          method: 'POST',
          body: 'payload',
          headers: { host: 'reset.local', 'content-type': 'text/plain' },
          dispatcher: http,
        }),
      );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 502]);
    expect(resetter.hits() - resets).toBe(1);
    expect(sink.hits() - sunk).toBe(1); // the reset one was not sent again
    const gets = [];
    for (let i = 0; i < 2; i++)
      gets.push((await send(`${lb.url}/x`, { headers: { host: 'reset.local' }, dispatcher: http })).status);
    expect(gets).toEqual([200, 200]);
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

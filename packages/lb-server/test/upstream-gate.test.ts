/**
 * The upstream gate on real sockets: a closed origin gets no connection at all, a connection
 * being made when its origin closes is aborted (against a loopback listener that never completes
 * connections, as a vanished container's address behaves), other origins are untouched, and an
 * origin opens again. Then through a running Junction: a request stuck connecting to a server
 * whose container is stopping is moved to another server the moment the gate closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamDispatcher } from '../src/proxy/dispatcher';
import { CLOSED_TTL_MS, normalizeOrigin, UPSTREAM_GONE, UpstreamGate } from '../src/proxy/upstream-gate';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { startBlackHole, startUpstream, type BlackHole, type Echo, type Upstream } from './helpers/upstreams';
import { request, type Agent } from 'undici';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET through `agent` that resolves with the status or the error code, and how long it took. */
async function attempt(agent: Agent, url: string): Promise<{ outcome: string; ms: number }> {
  const t0 = performance.now();
  try {
    const res = await request(url, { dispatcher: agent });
    await res.body.text();
    return { outcome: String(res.statusCode), ms: performance.now() - t0 };
  } catch (error) {
    return { outcome: String((error as { code?: unknown }).code), ms: performance.now() - t0 };
  }
}

describe('UpstreamGate with undici', () => {
  let live: Upstream;
  let other: Upstream;
  let hole: BlackHole;
  const gate = new UpstreamGate();
  let connections = 0;

  beforeAll(async () => {
    live = await startUpstream('live');
    other = await startUpstream('other');
    live.server.on('connection', () => connections++);
    hole = await startBlackHole();
  });

  afterAll(async () => {
    hole.close();
    await Promise.all([live.close(), other.close()]);
  });

  it('refuses a closed origin at once, without connecting; other origins are untouched; open lets it through again', async () => {
    const fresh = createUpstreamDispatcher({ gate });
    try {
      const before = connections;
      gate.close([`${live.url}/some/path`], 'its container is stopping');
      expect(gate.closed()).toEqual([live.url]);
      const refused = await attempt(fresh, `${live.url}/b`);
      expect(refused.outcome).toBe(UPSTREAM_GONE);
      expect(refused.ms).toBeLessThan(1_000);
      expect(connections).toBe(before);
      expect((await attempt(fresh, `${other.url}/c`)).outcome).toBe('200');
      gate.open([live.url]);
      expect(gate.closed()).toEqual([]);
      expect((await attempt(fresh, `${live.url}/d`)).outcome).toBe('200');
      expect(connections).toBe(before + 1);
    } finally {
      await fresh.close();
    }
  });

  it('aborts a connection still being made when its origin closes', async () => {
    const fresh = createUpstreamDispatcher({ gate, dialTimeoutMs: 20_000 });
    try {
      const pending = attempt(fresh, `${hole.url}/x`);
      const settled = await Promise.race([pending.then(() => true), sleep(500).then(() => false)]);
      expect(settled).toBe(false); // still connecting after 500 ms: the listener never completes it
      const t0 = performance.now();
      gate.close([hole.url], 'its container exited');
      const result = await pending;
      expect(result.outcome).toBe(UPSTREAM_GONE);
      expect(performance.now() - t0).toBeLessThan(500);
    } finally {
      gate.open([hole.url]);
      await fresh.destroy();
    }
  });

  it('forgets a closed origin after its time to live', () => {
    let now = 1_000;
    const timed = new UpstreamGate(() => now);
    timed.close(['http://10.0.0.9:3000'], 'test');
    now += CLOSED_TTL_MS - 1;
    expect(timed.isClosed('http://10.0.0.9:3000')).toBe(true);
    now += 1;
    expect(timed.isClosed('http://10.0.0.9:3000')).toBe(false);
    expect(timed.closed()).toEqual([]);
  });

  it.each([
    ['http://172.18.0.3:3000/', 'http://172.18.0.3:3000'],
    ['http://web:80/base', 'http://web'],
    ['https://[::1]:8443', 'https://[::1]:8443'],
    ['h2c://172.18.0.4:50051', 'http://172.18.0.4:50051'],
    ['H2C://grpc:80/x', 'http://grpc'],
  ])('keys %s as %s (URL.origin, the form connections are made for)', (url, origin) => {
    expect(normalizeOrigin(url)).toBe(origin);
  });
});

describe('a request connecting to a server whose container stops, through Junction', () => {
  let live: Upstream;
  let hole: BlackHole;
  let lb: TestJunction;
  const http = client();

  beforeAll(async () => {
    live = await startUpstream('live');
    hole = await startBlackHole();
    lb = await startJunction({
      http: {
        routers: { r: { rule: 'Host(`gate.local`)', service: 's' } },
        // One failure would bench a server: the gate's refusal must not count as one.
        services: { s: pool([hole.url, live.url], { strategy: 'round-robin', passiveHealthCheck: { failures: 1 } }) },
      },
    });
  });

  afterAll(async () => {
    hole.close();
    await lb.close();
    await live.close();
    await http.close();
  });

  it('is retried on another server as soon as the gate closes, without marking the server down', async () => {
    const get = () => send(`${lb.url}/x`, { headers: { host: 'gate.local' }, dispatcher: http });
    // Round-robin: of two concurrent requests, one goes to each server.
    const t0 = performance.now();
    const answers = [get(), get()];
    const first = await Promise.race(answers.map((a) => a.then((res) => res.json<Echo>().id)));
    expect(first).toBe('live');
    await sleep(300);
    let stuckDone = false;
    void Promise.all(answers).then(() => (stuckDone = true));
    await sleep(0);
    expect(stuckDone).toBe(false); // the other one is still connecting to the black hole
    const closedAt = performance.now();
    lb.app.gate.close([hole.url], 'its container is stopping');
    const both = await Promise.all(answers);
    const retriedAfter = performance.now() - closedAt;
    expect(both.map((res) => res.status)).toEqual([200, 200]);
    expect(both.map((res) => res.json<Echo>().id)).toEqual(['live', 'live']);
    expect(retriedAfter).toBeLessThan(1_000);
    console.log(
      `[gate] request stuck connecting for ${(closedAt - t0).toFixed(0)} ms answered 200 by another server ${retriedAfter.toFixed(0)} ms after the gate closed`,
    );
    const service = lb.app.store.current.services.get('s@file');
    const status =
      service?.kind === 'loadBalancer' ? service.balancer.servers().find((s) => s.url === hole.url) : undefined;
    expect(status?.healthy).toBe(true); // a refused-by-gate attempt is not the server's failure
  });
});

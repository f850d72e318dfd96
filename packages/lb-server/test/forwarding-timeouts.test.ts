/**
 * Traefik's `serversTransport.forwardingTimeouts` through a real Junction, set with their option
 * names and small values: `dialTimeout` against a loopback listener whose accept queue is full
 * (a connection there is never completed nor refused), `responseHeaderTimeout` → 504 against an
 * upstream that never answers (and not against one whose body is slow once its head came), and
 * `idleConnTimeout` closing an idle upstream connection even when the upstream's `Keep-Alive`
 * hint is longer. Each fires within a second of its value; every case prints `value → observed`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../src/options';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { startBlackHole, startUpstream, type BlackHole, type Upstream } from './helpers/upstreams';

const SLACK_MS = 1000;

function expectOnTime(label: string, valueMs: number, observedMs: number): void {
  console.log(`${label}: ${valueMs} ms → ${Math.round(observedMs)} ms`);
  expect(observedMs).toBeGreaterThanOrEqual(valueMs - 50);
  expect(observedMs).toBeLessThanOrEqual(valueMs + SLACK_MS);
}

/** Starts Junction with `serversTransport.forwardingTimeouts` flags, read as `main.ts` reads them. */
async function junctionWith(flags: string[], services: Record<string, string>): Promise<TestJunction> {
  const { serversTransport: t } = parseStaticOptions(
    flags.map((f) => `--serversTransport.forwardingTimeouts.${f}`),
    {},
  );
  return startJunction(
    {
      http: {
        routers: Object.fromEntries(
          Object.keys(services).map((name) => [name, { rule: `PathPrefix(\`/${name}\`)`, service: name }]),
        ),
        services: Object.fromEntries(Object.entries(services).map(([name, url]) => [name, pool([url])])),
      },
    },
    [],
    {
      transport: {
        dialTimeoutMs: t.dialTimeout,
        responseHeaderTimeoutMs: t.responseHeaderTimeout,
        idleConnTimeoutMs: t.idleConnTimeout,
      },
    },
  );
}

let hole: BlackHole;
let silent: Upstream;
let slowBody: Upstream;
let quick: Upstream;
const pending = new Set<ServerResponse>();
const closedAt = new Map<string, number>();
const junctions: TestJunction[] = [];

beforeAll(async () => {
  hole = await startBlackHole(30_000);
  silent = await startUpstream('silent', (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    pending.add(res); // never answered; ended in afterAll
  });
  slowBody = await startUpstream('slow-body', (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('head came at once, ');
    setTimeout(() => res.end('body 2 s later'), 2000);
  });
  quick = await startUpstream('quick', (req, res) => {
    req.resume();
    res.end('quick');
  });
  quick.server.keepAliveTimeout = 60_000; // advertises Keep-Alive: timeout=60
  quick.server.on('connection', (socket: Socket) => {
    socket.once('close', () => closedAt.set(`${socket.remotePort}`, performance.now()));
  });
});

afterAll(async () => {
  for (const res of pending) res.destroy();
  await Promise.all(junctions.splice(0).map((lb) => lb.close()));
  hole.close();
  await Promise.all([silent.close(), slowBody.close(), quick.close()]);
});

describe('forwarding timeouts', () => {
  it('dialTimeout: gives up on a server that never completes the connection (502: no other server to try)', async () => {
    const lb = await junctionWith(['dialTimeout=1s'], { hole: hole.url });
    junctions.push(lb);
    const t0 = performance.now();
    const res = await send(`${lb.url}/hole`, { dispatcher: client() });
    expectOnTime('dialTimeout', 1000, performance.now() - t0);
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ code: 'LB_BAD_GATEWAY' });
  });

  it('responseHeaderTimeout: 504 when the server sends no response head in time', async () => {
    const lb = await junctionWith(['responseHeaderTimeout=1500ms'], { silent: silent.url });
    junctions.push(lb);
    const t0 = performance.now();
    const res = await send(`${lb.url}/silent`, { dispatcher: client() });
    expectOnTime('responseHeaderTimeout', 1500, performance.now() - t0);
    expect(res.status).toBe(504);
    expect(res.json()).toMatchObject({ code: 'LB_GATEWAY_TIMEOUT' });
  });

  it('responseHeaderTimeout does not cut a body that is slow once the head came', async () => {
    const lb = await junctionWith(['responseHeaderTimeout=1s'], { slow: slowBody.url });
    junctions.push(lb);
    const res = await send(`${lb.url}/slow`, { dispatcher: client() });
    expect(res.status).toBe(200);
    expect(res.text).toBe('head came at once, body 2 s later');
  });

  it('idleConnTimeout: closes an idle upstream connection at its value, though the server advertises 60 s', async () => {
    const lb = await junctionWith(['idleConnTimeout=1500ms'], { quick: quick.url });
    junctions.push(lb);
    const before = new Set(closedAt.keys());
    const ports: string[] = [];
    const onConnection = (socket: Socket): void => void ports.push(`${socket.remotePort}`);
    quick.server.on('connection', onConnection);
    const res = await send(`${lb.url}/quick`, { dispatcher: client() });
    const answered = performance.now();
    quick.server.off('connection', onConnection);
    expect(res.text).toBe('quick');
    expect(ports).toHaveLength(1);
    const port = ports[0] ?? '';
    for (let i = 0; i < 300 && !closedAt.has(port); i++) await new Promise((r) => setTimeout(r, 10));
    expect(before.has(port)).toBe(false);
    expectOnTime('idleConnTimeout', 1500, (closedAt.get(port) ?? Number.POSITIVE_INFINITY) - answered);
  });

  it('idleConnTimeout 0 keeps upstream connections without limit, as Go, and requests still flow', async () => {
    const lb = await junctionWith(['idleConnTimeout=0s'], { quick: quick.url });
    junctions.push(lb);
    const agent = client();
    for (let i = 0; i < 3; i++) expect((await send(`${lb.url}/quick`, { dispatcher: agent })).text).toBe('quick');
  });
});

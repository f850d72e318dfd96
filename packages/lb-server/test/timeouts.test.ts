/**
 * The entry point's `transport.respondingTimeouts` on raw sockets against a real Junction, with
 * small values so each case takes seconds: `readTimeout` bounds the whole request (head and body,
 * trickled or not) and nothing else, `writeTimeout` cuts a response its client stops reading and
 * is reset per request, `idleTimeout` closes idle keep-alive connections; each fires within a
 * second of its value. Every case prints `value → observed` in milliseconds.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { openConnection, type RawConnection } from './helpers/slow-socket';
import { startUpstream, type Upstream } from './helpers/upstreams';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How late a timeout may fire (the brief: within about a second). */
const SLACK_MS = 1000;

function expectOnTime(label: string, valueMs: number, observedMs: number): void {
  console.log(`${label}: ${valueMs} ms → ${Math.round(observedMs)} ms`);
  expect(observedMs).toBeGreaterThanOrEqual(valueMs - 50);
  expect(observedMs).toBeLessThanOrEqual(valueMs + SLACK_MS);
}

const BIG_CHUNK = Buffer.alloc(256 * 1024, 'z');
/** Requests the upstream saw end before their body was complete. */
let aborted: string[] = [];
/** When the upstream saw each `/big` response cut, by request id. */
const bigCut = new Map<string, number>();

function handler(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  req.on('close', () => {
    if (!req.complete) aborted.push(url.pathname);
  });
  if (url.pathname === '/big') {
    // Streams up to `mb` MiB, as fast as the connection takes them.
    const total = Number(url.searchParams.get('mb') ?? '64') * 4;
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(total * BIG_CHUNK.length),
    });
    let sent = 0;
    const pump = (): void => {
      while (sent < total && !res.destroyed) {
        sent += 1;
        if (!res.write(BIG_CHUNK)) return void res.once('drain', pump);
      }
      if (sent >= total) res.end();
    };
    res.on('close', () => {
      if (!res.writableFinished) bigCut.set(url.searchParams.get('id') ?? '', performance.now());
    });
    pump();
    return;
  }
  const delay = Number(url.searchParams.get('delay') ?? '0');
  req.resume();
  req.on('end', () =>
    setTimeout(() => {
      if (!res.destroyed) res.end(`done ${url.pathname}`);
    }, delay),
  );
}

let upstream: Upstream;
const junctions: TestJunction[] = [];
const open: RawConnection[] = [];

async function junction(flags: string[]): Promise<TestJunction> {
  const lb = await startJunction(
    {
      http: { routers: { all: { rule: 'PathPrefix(`/`)', service: 'up' } }, services: { up: pool([upstream.url]) } },
    },
    flags.map((f) => `--entrypoints.web.transport.respondingTimeouts.${f}`),
  );
  junctions.push(lb);
  return lb;
}

async function connection(lb: TestJunction, options?: { paused?: boolean }): Promise<RawConnection> {
  const conn = await openConnection(lb.port, options);
  open.push(conn);
  return conn;
}

beforeAll(async () => {
  upstream = await startUpstream('slow', handler);
});

afterEach(() => {
  for (const conn of open.splice(0)) conn.destroy();
  aborted = [];
});

afterAll(async () => {
  await Promise.all(junctions.map((lb) => lb.close()));
  await upstream.close();
});

describe('readTimeout (whole request, head and body)', () => {
  const READ = 2000;
  let lb: TestJunction;
  beforeAll(async () => {
    lb = await junction([`readTimeout=${READ}ms`]);
  });

  it('answers 408 and closes a connection whose head is still arriving (a header line every 400 ms)', async () => {
    const conn = await connection(lb);
    conn.write('GET /head HTTP/1.1\r\nHost: a\r\n');
    conn.trickle('X-Slow: 1\r\n', 400, 50);
    expectOnTime('readTimeout, trickled head', READ, await conn.closed);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(conn.received()).toMatch(/\r\nConnection: close\r\n/i);
    expect(conn.received()).toContain('"code":"LB_REQUEST_TIMEOUT"');
  });

  it('closes a connection that sends nothing without a word (no 408 for a pre-opened connection)', async () => {
    const conn = await connection(lb);
    expectOnTime('readTimeout, silent connection', READ, await conn.closed);
    expect(conn.bytes()).toBe(0);
  });

  it('ends a request whose body trickles at 1 byte/s: 408, and the upstream request is aborted', async () => {
    const conn = await connection(lb);
    conn.write('POST /upload HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n');
    conn.trickle('x', 1000, 100);
    expectOnTime('readTimeout, body at 1 byte/s', READ, await conn.closed);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 /);
    for (let i = 0; i < 50 && !aborted.includes('/upload'); i++) await sleep(20);
    expect(aborted).toContain('/upload');
  });

  it('does not touch a request received in time whose answer takes longer than readTimeout', async () => {
    const t0 = performance.now();
    const res = await send(`${lb.url}/slow?delay=${READ + 1000}`, { dispatcher: client() });
    expect(res.status).toBe(200);
    expect(res.text).toBe('done /slow');
    expect(performance.now() - t0).toBeGreaterThan(READ + 900);
  });

  it('counts a later keep-alive request from its first byte, not from the connection', async () => {
    const conn = await connection(lb);
    conn.write('GET /first HTTP/1.1\r\nHost: a\r\n\r\n');
    for (let i = 0; i < 100 && !conn.received().includes('done /first'); i++) await sleep(10);
    expect(conn.received()).toContain('done /first');
    await sleep(1200); // idle, within idleTimeout (180 s): the second request starts here
    const start = performance.now() - conn.openedAt;
    conn.write('GET /second HTTP/1.1\r\n');
    conn.trickle('X-Slow: 1\r\n', 400, 50);
    const closedAt = await conn.closed;
    expectOnTime('readTimeout, second request on a kept-alive connection', READ, closedAt - start);
    expect(conn.received()).toMatch(/HTTP\/1\.1 408 /);
  });
});

describe('writeTimeout (end of the request head → end of the response write)', () => {
  const WRITE = 2000;

  it('cuts a response whose client stops reading', async () => {
    const lb = await junction([`writeTimeout=${WRITE}ms`]);
    const serverClosed = new Promise<number>((resolve) => {
      lb.app.entryPoints
        .get('web')
        ?.server.once('connection', (socket: Socket) => socket.once('close', () => resolve(performance.now())));
    });
    const conn = await connection(lb, { paused: true });
    const sent = performance.now();
    conn.write('GET /big?mb=256&id=cut HTTP/1.1\r\nHost: a\r\n\r\n');
    expectOnTime('writeTimeout, client not reading, Junction closed', WRITE, (await serverClosed) - sent);
    for (let i = 0; i < 50 && !bigCut.has('cut'); i++) await sleep(20);
    expectOnTime('writeTimeout, upstream response aborted', WRITE, (bigCut.get('cut') ?? Number.NaN) - sent);
    conn.socket.resume();
    await conn.closed;
    expect(conn.bytes()).toBeLessThan(256 * 1024 * 1024);
  });

  it('is counted per request: two 1.2 s answers on one keep-alive connection both arrive', async () => {
    const lb = await junction([`writeTimeout=${WRITE}ms`]);
    const agent = client();
    for (const path of ['/a', '/b']) {
      const res = await send(`${lb.url}${path}?delay=1200`, { dispatcher: agent });
      expect(res.status).toBe(200);
      expect(res.text).toBe(`done ${path}`);
    }
    await agent.close();
  });

  it('with the default 0, never cuts a long download, even one its client pauses for 3 s', async () => {
    const lb = await junction([]);
    const conn = await connection(lb, { paused: true });
    conn.write('GET /big?mb=16 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    await sleep(3000);
    conn.socket.resume();
    await conn.closed;
    const head = conn.received().indexOf('\r\n\r\n') + 4;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(conn.bytes() - head).toBe(16 * 1024 * 1024);
  });
});

describe('idleTimeout (keep-alive)', () => {
  async function idleClose(lb: TestJunction): Promise<{ ms: number; keepAlive: string | undefined }> {
    const conn = await connection(lb);
    conn.write('GET /idle HTTP/1.1\r\nHost: a\r\n\r\n');
    for (let i = 0; i < 100 && !conn.received().includes('done /idle'); i++) await sleep(5);
    const answered = performance.now() - conn.openedAt;
    const ms = (await conn.closed) - answered;
    return { ms, keepAlive: /\r\nKeep-Alive: ([^\r]*)/i.exec(conn.received())?.[1] };
  }

  it('closes an idle keep-alive connection at idleTimeout and advertises a second less', async () => {
    const lb = await junction(['idleTimeout=2500ms']);
    const { ms, keepAlive } = await idleClose(lb);
    expectOnTime('idleTimeout', 2500, ms);
    expect(keepAlive).toBe('timeout=1');
  });

  it('falls back to readTimeout when idleTimeout is 0, as Go', async () => {
    const lb = await junction(['idleTimeout=0s', 'readTimeout=1500ms']);
    expectOnTime('idleTimeout 0 → readTimeout', 1500, (await idleClose(lb)).ms);
  });

  it("defaults to Traefik's 180 s: the advertised keep-alive is 179 s", async () => {
    const lb = await junction([]);
    const conn = await connection(lb);
    conn.write('GET /idle HTTP/1.1\r\nHost: a\r\n\r\n');
    for (let i = 0; i < 100 && !conn.received().includes('done /idle'); i++) await sleep(5);
    expect(conn.received()).toMatch(/\r\nKeep-Alive: timeout=179\r\n/i);
    expect(lb.app.entryPoints.get('web')?.server.keepAliveTimeout).toBe(179_000);
    expect(lb.app.entryPoints.get('web')?.server.keepAliveTimeoutBuffer).toBe(1000);
  });
});

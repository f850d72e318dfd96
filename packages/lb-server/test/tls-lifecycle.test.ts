/**
 * A TLS entry point's connections through the rest of Junction's machinery: WebSockets over TLS
 * (`X-Forwarded-Proto: wss` on the upgrade, as Traefik), graceful stop (an in-flight HTTPS request
 * finishes, keep-alive TLS connections are closed, past the grace time what is left is cut),
 * `readTimeout` ending a client that never completes its ClientHello or its request head (408), `maxConnections`
 * counting TLS connections, and connections closing when their client leaves.
 */
import { execFile } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { Agent } from 'node:https';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { drainEntryPoint } from '../src/server/listen';
import { drainWithRequestInFlight } from './helpers/drain';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { createTestCa, type IssuedPair, type TestCa } from './helpers/test-ca';
import { handshake, httpsGet } from './helpers/tls-client';
import { startUpstream } from './helpers/upstreams';
import { startWebSocketUpstream } from './helpers/ws-upstream';

let ca: TestCa;
let pair: IssuedPair;
const cleanups: (() => Promise<unknown> | void)[] = [];
beforeAll(() => {
  ca = createTestCa();
  pair = ca.issue(['tls.test']);
});
afterAll(() => ca.dispose());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tlsJunction(
  upstreamUrl: string,
  flags: readonly string[] = [],
  alpn?: readonly string[],
): Promise<TestJunction> {
  const j = await startJunction(
    {
      http: {
        routers: { r: { rule: 'Host(`tls.test`)', service: 's', tls: {} } },
        services: { s: pool([upstreamUrl]) },
      },
      ...(alpn === undefined ? {} : { tls: { options: { default: { alpnProtocols: alpn } } } }),
    },
    flags,
  );
  cleanups.push(() => j.close());
  (await j.app.certificates()).replace('test', [{ id: 'test', source: 'file', ...pair }]);
  return j;
}

describe('TLS entry point lifecycle', () => {
  it('upgrades WebSockets over TLS with X-Forwarded-Proto wss, as Traefik', async () => {
    const upstream = await startWebSocketUpstream();
    cleanups.push(() => upstream.close());
    const upgrades: IncomingMessage[] = [];
    upstream.wss.on('connection', (socket, req) => {
      upgrades.push(req);
      socket.on('message', (data) => socket.send(`echo:${String(data)}`));
    });
    const j = await tlsJunction(upstream.url);
    // `ws` hands TLS options (servername, ca) to `tls.connect`; its types list only some of them.
    const tlsOptions: ClientOptions = { headers: { host: 'tls.test' }, ca: ca.caPem, ...{ servername: 'tls.test' } };
    const ws = new WebSocket(`wss://127.0.0.1:${j.port}/chat`, tlsOptions);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('hi');
    expect(await reply).toBe('echo:hi');
    expect(upgrades[0]?.headers['x-forwarded-proto']).toBe('wss');
    ws.close();
  });

  it('lets an in-flight HTTPS request finish on a graceful stop, closing kept-alive TLS connections', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const up = await startUpstream('slow', (req, res) => {
      req.resume();
      timers.add(setTimeout(() => res.end('finished'), req.url === '/slow' ? 400 : 0));
    });
    cleanups.push(
      () => up.close(),
      () => timers.forEach(clearTimeout),
    );
    const j = await tlsJunction(up.url);
    const idle = new Agent({ keepAlive: true });
    cleanups.push(() => idle.destroy());
    expect((await httpsGet(j.port, 'tls.test', '/fast', { ca: ca.caPem, agent: idle })).status).toBe(200);
    const inFlight = httpsGet(j.port, 'tls.test', '/slow', { ca: ca.caPem });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const draining = drainEntryPoint(j.app.entryPoints.get('web') as never, 5_000, j.app.lifecycle);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(httpsGet(j.port, 'tls.test', '/new', { ca: ca.caPem })).rejects.toThrow();
    const answer = await inFlight;
    expect([answer.status, answer.text]).toEqual([200, 'finished']);
    expect(await draining).toEqual({ graceful: true });
  });

  it('cuts an HTTPS request still running when the grace time is over', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const up = await startUpstream('slower', (req, res) => {
      req.resume();
      timers.add(setTimeout(() => res.end('late'), 5_000));
    });
    cleanups.push(
      () => up.close(),
      () => timers.forEach(clearTimeout),
    );
    const j = await tlsJunction(up.url);
    expect(await drainWithRequestInFlight(j, httpsGet(j.port, 'tls.test', '/', { ca: ca.caPem }), 100, 200)).toEqual({
      drain: { graceful: false },
      request: 'cut',
    });
  });

  it('closes a connection whose ClientHello does not complete within readTimeout', async () => {
    const up = await startUpstream('u');
    cleanups.push(() => up.close());
    const j = await tlsJunction(up.url, ['--entrypoints.web.transport.respondingTimeouts.readTimeout=300ms']);
    const socket = connect(j.port, '127.0.0.1');
    cleanups.push(() => void socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])); // a record header and one byte of 512
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await httpsGet(j.port, 'tls.test', '/', { ca: ca.caPem })).status).toBe(200);
  });

  it('survives clients resetting their connection in the middle of a ClientHello', async () => {
    const up = await startUpstream('u');
    cleanups.push(() => up.close());
    const j = await tlsJunction(up.url);
    for (let i = 0; i < 5; i += 1) {
      const socket = connect(j.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]));
      await new Promise((resolve) => setTimeout(resolve, 20));
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await httpsGet(j.port, 'tls.test', '/', { ca: ca.caPem })).status).toBe(200);
  });

  it('answers 408 to an HTTPS request whose head does not arrive within readTimeout', async () => {
    const up = await startUpstream('u');
    cleanups.push(() => up.close());
    const j = await tlsJunction(up.url, ['--entrypoints.web.transport.respondingTimeouts.readTimeout=400ms']);
    const socket = tlsConnect({ host: '127.0.0.1', port: j.port, servername: 'tls.test', ca: ca.caPem });
    cleanups.push(() => void socket.destroy());
    await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    const started = Date.now();
    socket.write('GET / HTTP/1.1\r\nHost: tls.test\r\n'); // the head never ends
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('counts TLS connections against maxConnections', async () => {
    const up = await startUpstream('u');
    cleanups.push(() => up.close());
    const j = await tlsJunction(up.url, ['--entrypoints.web.transport.maxConnections=2']);
    const busy = new Agent({ keepAlive: true, maxSockets: 2 });
    cleanups.push(() => busy.destroy());
    // Two kept-alive TLS connections fill the bound; being idle, the oldest is shed for a third.
    await Promise.all([
      httpsGet(j.port, 'tls.test', '/1', { ca: ca.caPem, agent: busy }),
      httpsGet(j.port, 'tls.test', '/2', { ca: ca.caPem, agent: busy }),
    ]);
    const third = await handshake(j.port, { servername: 'tls.test', ca: ca.caPem });
    expect(third.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const open = Object.values(busy.sockets).flat().length + Object.values(busy.freeSockets).flat().length;
    expect(open).toBeLessThan(2);
  });

  it.each([
    { desc: 'HTTP/1.1', flag: '--http1.1', version: '1.1' },
    { desc: 'HTTP/2', flag: '--http2', version: '2' },
  ])('closes an $desc TLS connection when curl leaves', async ({ flag, version }) => {
    const up = await startUpstream('u');
    cleanups.push(() => up.close());
    const j = await tlsJunction(up.url, [], ['h2', 'http/1.1']);
    const { stdout } = await promisify(execFile)('curl', [
      '-sk',
      flag,
      '--resolve',
      `tls.test:${j.port}:127.0.0.1`,
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{http_version}',
      `https://tls.test:${j.port}/`,
    ]);
    expect(stdout).toBe(`200 ${version}`);
    const server = j.app.entryPoints.get('web')?.server;
    const open = (): Promise<number> => new Promise((resolve) => server?.getConnections((_e, n) => resolve(n)));
    const end = Date.now() + 2000;
    while ((await open()) > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await open()).toBe(0);
  });
});

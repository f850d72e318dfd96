/**
 * `listenEntryPoint` with Traefik's `entryPoints.<name>.reusePort`, on real loopback listeners:
 * with it two entry points (as two Junction processes would) share one port and both answer;
 * without it the second cannot listen. And `drainEntryPoint` answering a request that arrives,
 * once the drain has begun, on a connection accepted before it — what a new connection that
 * reached a replaced Junction's listener just before it closed looks like.
 */
import { connect } from 'node:net';
import fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startJunction } from '../../test/helpers/junction';
import { startUpstream } from '../../test/helpers/upstreams';
import { parseStaticOptions } from '../options/parse-static-options';
import { drainEntryPoint, listenEntryPoint } from './listen';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

function app(id: string): FastifyInstance {
  const a = fastify();
  a.get('/', async () => id);
  apps.push(a);
  return a;
}

function web(flags: readonly string[]) {
  const ep = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', ...flags], {}).entryPoints.web;
  if (ep === undefined) throw new Error('no web entry point');
  return ep;
}

describe('listenEntryPoint and reusePort', () => {
  it('reads --entryPoints.<name>.reusePort, false by default', () => {
    expect(web([]).reusePort).toBe(false);
    expect(web(['--entryPoints.web.reusePort=true']).reusePort).toBe(true);
  });

  it('with reusePort, a second entry point listens on the same port and the kernel spreads connections over both', async () => {
    const first = await listenEntryPoint(app('a'), web(['--entrypoints.web.reusePort=true']));
    const options = web(['--entrypoints.web.reusePort=true']);
    const second = await listenEntryPoint(app('b'), { ...options, address: { host: '127.0.0.1', port: first.port } });
    expect(second.port).toBe(first.port);
    const seen = new Set<string>();
    // New connections are hashed over both listeners by their source port: bounded tries.
    for (let i = 0; i < 64 && seen.size < 2; i++) {
      const res = await fetch(`http://127.0.0.1:${first.port}/`, { headers: { connection: 'close' } });
      seen.add(await res.text());
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('without reusePort, the second cannot listen (EADDRINUSE)', async () => {
    const first = await listenEntryPoint(app('a'), web([]));
    await expect(
      listenEntryPoint(app('b'), { ...web([]), address: { host: '127.0.0.1', port: first.port } }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('drainEntryPoint', () => {
  it('answers a request that arrives during the drain on a connection accepted before it, with Connection: close', async () => {
    const up = await startUpstream('up');
    const lb = await startJunction({
      http: {
        routers: { r: { rule: 'PathPrefix(`/`)', service: 's' } },
        services: { s: { loadBalancer: { servers: [{ url: up.url }] } } },
      },
    });
    try {
      const socket = connect(lb.port, '127.0.0.1');
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.on('error', () => {});
      const web = lb.app.entryPoints.get('web');
      if (web === undefined) throw new Error('no web entry point');
      const draining = drainEntryPoint(web, 5_000, lb.app.lifecycle);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the drain is under way
      socket.write('GET /late HTTP/1.1\r\nHost: x\r\n\r\n');
      await closed;
      const answer = Buffer.concat(received).toString('latin1');
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
      expect(answer.toLowerCase()).toContain('\r\nconnection: close\r\n');
      expect(await draining).toEqual({ graceful: true });
    } finally {
      await lb.close();
      await up.close();
    }
  });
});

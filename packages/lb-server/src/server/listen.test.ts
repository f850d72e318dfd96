/**
 * `listenEntryPoint` with Traefik's `entryPoints.<name>.reusePort`, on real loopback listeners:
 * with it two entry points (as two Junction processes would) share one port and both answer;
 * without it the second cannot listen.
 */
import fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../options/parse-static-options';
import { listenEntryPoint } from './listen';

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
    await expect(listenEntryPoint(app('b'), { ...web([]), address: { host: '127.0.0.1', port: first.port } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/helpers/raw-http';
import { startUpstream, type Upstream } from '../../test/helpers/upstreams';
import { buildApp, type JunctionApp } from '../app';
import { parseStaticOptions } from '../options';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()));
});

/** Junction with one route to one upstream; `beforeListen` may add hooks to the `web` entry point. */
async function start(beforeListen?: (app: JunctionApp) => void): Promise<{ port: number; upstream: Upstream }> {
  const upstream = await startUpstream('u1');
  const app = buildApp({ options: parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=FATAL'], {}) });
  const raw = { http: { routers: { r: { rule: 'Host(`a.local`)', service: 's' } }, services: { s: { loadBalancer: { servers: [{ url: upstream.url }] } } } } };
  app.store.apply(mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config }));
  beforeListen?.(app);
  const web = app.entryPoints.get('web');
  if (web === undefined) throw new Error('no web entry point');
  await web.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close(), () => upstream.close());
  return { port: (web.server.address() as AddressInfo).port, upstream };
}

describe('a proxy-only entry point', () => {
  it('forwards requests handed straight from its server to the engine', async () => {
    const { port } = await start();
    const answer = await rawRequest(port, 'GET /x?y=1 HTTP/1.1\r\nHost: a.local\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ id: 'u1', url: '/x?y=1' });
  });

  it('still runs a hook added at its root for every proxied request', async () => {
    const seen: number[] = [];
    const { port } = await start((app) => app.entryPoints.get('web')?.addHook('onResponse', async (_request, reply) => void seen.push(reply.statusCode)));
    for (const host of ['a.local', 'nowhere.local']) await rawRequest(port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(seen).toEqual([200, 404]);
  });
});

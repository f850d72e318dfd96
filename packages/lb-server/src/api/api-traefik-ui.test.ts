/**
 * The API as Traefik's own web UI (v3.7) reads it (issue #13, "The API as Traefik's own dashboard
 * reads it"): the TCP and UDP pages answer 200 with an empty list, routers carry `priorityStr`, and
 * a service's or middleware's `usedBy` lists only the routers that name it directly. Each case names
 * the Traefik source it follows. Real HTTP on loopback against the API plugin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtureApi } from '../../test/support/api/api-fixture';
import { apiPlugin } from './api-plugin';
import { serve, type Served } from '../../test/helpers/http-client';
import type { MiddlewareRepresentation } from './middleware-view';
import type { RouterRepresentation } from './router-view';
import type { ServiceRepresentation } from './service-view';
import {
  lbService,
  mergedConfig,
  middleware,
  router,
  runtimeOf,
  weightedService,
} from '../../test/support/api/runtime-builders';
import { sourcesOf } from '../../test/support/api/api-sources-builders';

/** A runtime where `front` reaches `jokes` and `site` only through the weighted `split`, and a chain. */
function throughWeighted(): ReturnType<typeof runtimeOf> {
  const config = mergedConfig({
    file: {
      http: {
        routers: {
          front: {
            rule: 'Host(`front.local`)',
            service: 'split',
            middlewares: ['chained'],
            priority: 9_007_199_254_740_000,
          },
          direct: { rule: 'Host(`direct.local`)', service: 'jokes', priority: -3 },
        },
        services: {
          jokes: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:3001' }] } },
          site: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:4001' }] } },
          split: {
            weighted: {
              services: [
                { name: 'jokes', weight: 1 },
                { name: 'site', weight: 1 },
              ],
            },
          },
        },
        middlewares: {
          chained: { chain: { middlewares: ['strip'] } },
          strip: { stripPrefix: { prefixes: ['/x'] } },
        },
      },
    },
  });
  // The runtime's own lists include indirect users; the API must not show them.
  const jokes = lbService(config, 'jokes@file', { usedBy: ['direct@file', 'front@file'] });
  const site = lbService(config, 'site@file', { usedBy: ['front@file'] });
  const split = weightedService(
    'split@file',
    [
      [jokes, 1],
      [site, 1],
    ],
    { usedBy: ['front@file'] },
  );
  return runtimeOf(config, {
    routers: [router(config, 'front@file', split), router(config, 'direct@file', jokes)],
    services: [jokes, site, split],
    middlewares: [
      middleware(config, 'chained@file', { usedBy: ['front@file'] }),
      middleware(config, 'strip@file', { usedBy: ['front@file'] }),
    ],
  });
}

let api: Served;
let own: Served;

beforeAll(async () => {
  ({ api } = await serveFixtureApi());
  const runtime = throughWeighted();
  own = await serve(apiPlugin, { sources: sourcesOf(() => runtime) });
});
afterAll(async () => {
  await api.close();
  await own.close();
});

describe('TCP and UDP lists (traefik pkg/api/handler.go routes, handler_tcp.go / handler_udp.go, criterion.go pagination)', () => {
  it.each(['/api/tcp/routers', '/api/tcp/services', '/api/tcp/middlewares', '/api/udp/routers', '/api/udp/services'])(
    '%s answers 200 [] with X-Next-Page: 1, also with the UI query string',
    async (path) => {
      for (const url of [path, `${path}?search=&status=&per_page=10&page=1`]) {
        const res = await api.fetch(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('x-next-page')).toBe('1');
        expect(res.json()).toEqual([]);
      }
    },
  );

  it.each([
    { path: '/api/tcp/routers/a@file', message: 'router not found: a@file' },
    { path: '/api/tcp/services/a@file', message: 'service not found: a@file' },
    { path: '/api/tcp/middlewares/a@file', message: 'middleware not found: a@file' },
    { path: '/api/udp/routers/a@file', message: 'router not found: a@file' },
    { path: '/api/udp/services/a@file', message: 'service not found: a@file' },
  ])('$path answers 404 "$message" (handler_tcp.go getTCPRouter …)', async ({ path, message }) => {
    const res = await api.fetch(path);
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ message });
  });

  it('refuses a page past the end as Traefik does (criterion.go pagination: 400)', async () => {
    expect((await api.fetch('/api/tcp/routers?page=2')).status).toBe(400);
  });
});

describe('priorityStr (traefik pkg/api/handler_http.go newRouterRepresentation: strconv.FormatInt)', () => {
  it('sends the priority as a decimal string beside the number, in lists and by name', async () => {
    const list = (await own.fetch('/api/http/routers')).json<RouterRepresentation[]>();
    expect(list.map((r) => [r.name, r.priority, r.priorityStr])).toEqual([
      ['direct@file', -3, '-3'],
      ['front@file', 9_007_199_254_740_000, '9007199254740000'],
    ]);
    expect((await own.fetch('/api/http/routers/front@file')).json<RouterRepresentation>().priorityStr).toBe(
      '9007199254740000',
    );
  });
});

describe('usedBy lists direct references only (traefik pkg/config/runtime/runtime.go PopulateUsedBy)', () => {
  it.each([
    { name: 'split@file', usedBy: ['front@file'] },
    { name: 'jokes@file', usedBy: ['direct@file'] },
    { name: 'site@file', usedBy: undefined },
  ])('service $name: $usedBy', async ({ name, usedBy }) => {
    const view = (await own.fetch(`/api/http/services/${name}`)).json<ServiceRepresentation>();
    expect(view.usedBy).toEqual(usedBy);
    const listed = (await own.fetch('/api/http/services')).json<ServiceRepresentation[]>().find((s) => s.name === name);
    expect(listed?.usedBy).toEqual(usedBy);
  });

  it.each([
    { name: 'chained@file', usedBy: ['front@file'] },
    { name: 'strip@file', usedBy: undefined },
  ])('middleware $name: $usedBy (a chain member is not used by the router)', async ({ name, usedBy }) => {
    expect((await own.fetch(`/api/http/middlewares/${name}`)).json<MiddlewareRepresentation>().usedBy).toEqual(usedBy);
  });

  it('the rawdata view agrees', async () => {
    const raw = (await own.fetch('/api/rawdata')).json<{ services: Record<string, { usedBy?: string[] }> }>();
    expect(raw.services['jokes@file']?.usedBy).toEqual(['direct@file']);
    expect(raw.services['site@file']?.usedBy).toBeUndefined();
  });
});

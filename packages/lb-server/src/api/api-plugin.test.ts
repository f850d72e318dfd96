import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, serveFixtureApi, type Fixture } from '../../test/support/api/api-fixture';
import { apiPlugin } from './api-plugin';
import type { ApiSources } from './api-sources';
import { serve, type Served } from '../../test/helpers/http-client';
import type { RouterRepresentation } from './router-view';
import { entryPoint, sourcesOf } from '../../test/support/api/api-sources-builders';

let fx: Fixture;
let api: Served;

beforeAll(async () => ({ fx, api } = await serveFixtureApi()));
afterAll(() => api.close());

const names = (items: readonly { name: string }[]): string[] => items.map((i) => i.name);

describe('GET /api/http/routers', () => {
  it('lists every router by qualified name, sorted, with Traefik fields and X-Next-Page', async () => {
    const res = await api.fetch('/api/http/routers');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-next-page')).toBe('1');
    const routers = res.json<RouterRepresentation[]>();
    expect(names(routers)).toEqual(['api@file', 'broken@file', 'site@file', 'whoami/v2@docker']);
    expect(routers[0]).toEqual({
      entryPoints: ['web'],
      middlewares: ['strip@file', 'auth@file'],
      service: 'jokes@file',
      rule: 'Host(`api.local`) && PathPrefix(`/api`)',
      ruleSyntax: 'v3',
      priority: 39,
      status: 'enabled',
      using: ['web'],
      name: 'api@file',
      provider: 'file',
      priorityStr: '39',
    });
  });

  it('shows a router disabled by a rule syntax error with its coded error and location', async () => {
    const broken = (await api.fetch('/api/http/routers/broken%40file')).json<RouterRepresentation>();
    expect(broken.status).toBe('disabled');
    expect(broken.error).toHaveLength(1);
    expect(broken.error?.[0]).toMatch(/^LB_RULE_SYNTAX at 19: .* \(\/etc\/junction\/dynamic\.yml:7:14\)$/);
    expect(broken.errorDetails).toEqual([
      expect.objectContaining({ code: 'LB_RULE_SYNTAX', file: '/etc/junction/dynamic.yml', line: 7, column: 14 }),
    ]);
  });

  it('keeps only existing entry points in `using` and reports the warning', async () => {
    const site = (await api.fetch('/api/http/routers/site@file')).json<RouterRepresentation>();
    expect(site).toMatchObject({ status: 'warning', entryPoints: ['web', 'missing'], using: ['web'], priority: 100 });
    expect(site.error).toEqual(['LB_CONFIG_INVALID: entryPoint "missing" doesn\'t exist']);
  });

  it.each([
    { desc: 'encoded @ and /', path: '/api/http/routers/whoami%2Fv2%40docker' },
    { desc: 'raw @, encoded /', path: '/api/http/routers/whoami%2Fv2@docker' },
  ])('finds a router by name with $desc', async ({ path }) => {
    const res = await api.fetch(path);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ name: 'whoami/v2@docker', provider: 'docker', service: 'whoami@docker' });
  });

  it.each([
    { query: 'status=disabled', expected: ['broken@file'] },
    { query: 'status=ENABLED', expected: ['api@file', 'whoami/v2@docker'] },
    { query: 'search=SITE', expected: ['site@file'] },
    { query: 'search=pathprefix', expected: ['api@file'] },
    { query: 'provider=docker', expected: ['whoami/v2@docker'] },
    { query: 'serviceName=jokes@file', expected: ['api@file', 'broken@file'] },
    { query: 'serviceName=jokes', expected: ['api@file', 'broken@file'] },
    { query: 'serviceName=jokes@docker', expected: [] },
    { query: 'middlewareName=auth@file', expected: ['api@file'] },
    { query: 'status=enabled&provider=file', expected: ['api@file'] },
    { query: 'sortBy=priority', expected: ['broken@file', 'whoami/v2@docker', 'api@file', 'site@file'] },
    { query: 'sortBy=priority&direction=desc', expected: ['site@file', 'api@file', 'whoami/v2@docker', 'broken@file'] },
    { query: 'sortBy=status', expected: ['broken@file', 'api@file', 'whoami/v2@docker', 'site@file'] },
    { query: 'sortBy=nonsense&direction=desc', expected: ['whoami/v2@docker', 'site@file', 'broken@file', 'api@file'] },
  ])('filters and sorts with ?$query', async ({ query, expected }) => {
    const res = await api.fetch(`/api/http/routers?${query}`);
    expect(res.status).toBe(200);
    expect(names(res.json())).toEqual(expected);
  });

  it.each([
    { query: 'per_page=3', expected: ['api@file', 'broken@file', 'site@file'], next: '2' },
    { query: 'per_page=3&page=2', expected: ['whoami/v2@docker'], next: '1' },
    { query: 'per_page=2&page=2', expected: ['site@file', 'whoami/v2@docker'], next: '1' },
    { query: 'per_page=4', expected: ['api@file', 'broken@file', 'site@file', 'whoami/v2@docker'], next: '1' },
  ])('paginates ?$query', async ({ query, expected, next }) => {
    const res = await api.fetch(`/api/http/routers?${query}`);
    expect(names(res.json())).toEqual(expected);
    expect(res.headers.get('x-next-page')).toBe(next);
  });

  it.each(['page=3&per_page=2', 'page=0', 'per_page=0', 'page=abc', 'per_page=-1', 'direction=up'])(
    'answers 400 with a coded JSON body for ?%s',
    async (query) => {
      const res = await api.fetch(`/api/http/routers?${query}`);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'LB_API_BAD_REQUEST',
        message: expect.stringContaining('invalid request'),
      });
    },
  );
});

describe('unknown names and routes', () => {
  it.each([
    { path: '/api/http/routers/nope@file', message: 'router not found: nope@file' },
    { path: '/api/http/routers/api@docker', message: 'router not found: api@docker' },
    { path: '/api/http/services/nope%40file', message: 'service not found: nope@file' },
    { path: '/api/http/middlewares/strip', message: 'middleware not found: strip' },
    { path: '/api/entrypoints/websecure', message: 'entry point not found: websecure' },
    { path: '/api/tcp/nothing', message: 'not found: /api/tcp/nothing' },
  ])('$path answers 404 with a JSON body', async ({ path, message }) => {
    const res = await api.fetch(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ message, code: 'LB_API_NOT_FOUND' });
  });
});

describe('GET /api/entrypoints and /api/version', () => {
  it('lists the static entry points sorted by name, in Traefik shape', async () => {
    const res = await api.fetch('/api/entrypoints');
    expect(res.headers.get('x-next-page')).toBe('1');
    const eps = res.json<{ name: string; address: string }[]>();
    expect(eps.map((e) => [e.name, e.address])).toEqual([
      ['traefik', ':8080'],
      ['web', ':80'],
    ]);
    expect(eps[1]).toEqual({
      name: 'web',
      address: ':80',
      forwardedHeaders: {},
      transport: {
        lifeCycle: { requestAcceptGraceTimeout: '0s', graceTimeOut: '10s' },
        respondingTimeouts: { readTimeout: '1m0s', writeTimeout: '0s', idleTimeout: '3m0s' },
      },
      http: {},
    });
  });

  it('shows one entry point with its trusted IPs', async () => {
    const sources: ApiSources = sourcesOf(() => fx.runtime, {
      entryPoints: {
        web: entryPoint('web', 80, {
          address: { host: '127.0.0.1', port: 8000 },
          asDefault: true,
          forwardedHeaders: { trustedIPs: ['10.0.0.0/8'], insecure: false },
        }),
      },
    });
    const other = await serve(apiPlugin, { sources });
    try {
      expect((await other.fetch('/api/entrypoints/web')).json()).toMatchObject({
        name: 'web',
        address: '127.0.0.1:8000',
        asDefault: true,
        forwardedHeaders: { trustedIPs: ['10.0.0.0/8'] },
      });
    } finally {
      await other.close();
    }
  });

  it("reports Junction's version in Traefik's shape", async () => {
    expect((await api.fetch('/api/version')).json()).toEqual({
      Version: '0.1.0',
      Codename: 'junction',
      startDate: '2025-01-01T00:00:00.000Z',
    });
  });
});

describe('before the first configuration and across reloads', () => {
  it('answers empty lists, zero counts and 404s while there is no runtime, then the runtime once published', async () => {
    let current: Fixture | undefined;
    const server = await serve(apiPlugin, { sources: sourcesOf(() => current?.runtime) });
    try {
      const empty = await server.fetch('/api/http/services');
      expect([empty.status, empty.json(), empty.headers.get('x-next-page')]).toEqual([200, [], '1']);
      expect((await server.fetch('/api/http/routers/api@file')).status).toBe(404);
      expect((await server.fetch('/api/overview')).json()).toMatchObject({
        http: { routers: { total: 0, warnings: 0, errors: 0 } },
      });
      expect((await server.fetch('/api/rawdata')).json()).toEqual({ providers: expect.any(Object) });

      current = fixture(7);
      expect((await server.fetch('/api/http/routers/api@file')).status).toBe(200);
      expect((await server.fetch('/api/rawdata')).json()).toMatchObject({
        generation: 7,
        builtAt: '2025-01-02T03:04:05.000Z',
      });
    } finally {
      await server.close();
    }
  });
});

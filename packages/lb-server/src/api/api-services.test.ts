import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, serveFixtureApi } from '../../test/support/api/api-fixture';
import { apiPlugin } from './api-plugin';
import { REDACTED } from './config-view';
import { serve, type Served } from '../../test/helpers/http-client';
import type { MiddlewareRepresentation } from './middleware-view';
import type { ServiceRepresentation } from './service-view';
import { sourcesOf } from '../../test/support/api/api-sources-builders';

let api: Served;

beforeAll(async () => ({ api } = await serveFixtureApi()));
afterAll(() => api.close());

const service = async (name: string): Promise<ServiceRepresentation> =>
  (await api.fetch(`/api/http/services/${encodeURIComponent(name)}`)).json<ServiceRepresentation>();

describe('GET /api/http/services', () => {
  it('lists services with type, provider, usedBy and serverStatus', async () => {
    const res = await api.fetch('/api/http/services');
    expect(res.headers.get('x-next-page')).toBe('1');
    const list = res.json<ServiceRepresentation[]>();
    expect(list.map((s) => [s.name, s.type, s.provider, s.status])).toEqual([
      ['backup@file', 'failover', 'file', 'enabled'],
      ['ghost@docker', undefined, 'docker', 'disabled'],
      ['jokes@file', 'loadbalancer', 'file', 'enabled'],
      ['site@file', 'loadbalancer', 'file', 'enabled'],
      ['split@file', 'weighted', 'file', 'enabled'],
      ['whoami@docker', 'loadbalancer', 'docker', 'enabled'],
    ]);
    expect(list[2]?.usedBy).toEqual(['api@file', 'broken@file']);
    expect(list[4]?.usedBy).toBeUndefined();
  });

  it('shows the load balancer configuration as Traefik writes it (durations, no default ids, cookie name)', async () => {
    const jokes = await service('jokes@file');
    expect(jokes.loadBalancer).toEqual({
      servers: [
        { url: 'http://127.0.0.1:3001', weight: 1 },
        { url: 'http://127.0.0.1:3002', weight: 2 },
      ],
      sticky: { cookie: { name: expect.stringMatching(/^_[0-9a-f]+$/) } },
      healthCheck: expect.objectContaining({ path: '/health', interval: '10s', timeout: '3s' }),
      passHostHeader: true,
    });
    expect((await service('site@file')).loadBalancer).toMatchObject({ passHostHeader: false });
  });

  it('reads server state at request time: passive failures take a server DOWN, draining and in-flight show', async () => {
    const own = fixture();
    const server = await serve(apiPlugin, { sources: sourcesOf(() => own.runtime) });
    try {
      const get = async () => (await server.fetch('/api/http/services/jokes@file')).json<ServiceRepresentation>();
      expect((await get()).serverStatus).toEqual({ 'http://127.0.0.1:3001': 'UP', 'http://127.0.0.1:3002': 'UP' });

      own.jokes.health.passive.recordFailure('http://127.0.0.1:3002', 'ECONNREFUSED');
      own.jokes.health.passive.recordFailure('http://127.0.0.1:3002', 'ECONNREFUSED');
      own.jokes.balancer.setDraining('http://127.0.0.1:3001', true);
      own.jokes.balancer.begin('http://127.0.0.1:3001');
      const jokes = await get();
      expect(jokes.serverStatus).toEqual({ 'http://127.0.0.1:3001': 'UP', 'http://127.0.0.1:3002': 'DOWN' });
      expect(jokes.serverDetails).toEqual([
        {
          id: 'http://127.0.0.1:3001',
          url: 'http://127.0.0.1:3001',
          weight: 1,
          healthy: true,
          draining: true,
          inFlight: 1,
        },
        {
          id: 'http://127.0.0.1:3002',
          url: 'http://127.0.0.1:3002',
          weight: 2,
          healthy: false,
          draining: false,
          inFlight: 0,
          passiveCheck: {
            up: false,
            halfOpen: false,
            recentFailures: expect.any(Number),
            lastError: 'ECONNREFUSED',
            downUntil: expect.any(String),
          },
        },
      ]);
    } finally {
      own.jokes.health.passive.close();
      await server.close();
    }
  });

  it.each([
    { name: 'backup@file', expected: { failover: { service: 'jokes@file', fallback: 'site@file' }, type: 'failover' } },
    {
      name: 'ghost@docker',
      expected: { status: 'disabled', error: ['LB_CONFIG_UNKNOWN_STRATEGY: unknown balancing strategy "fastest"'] },
    },
  ])('shows $name in its own shape', async ({ name, expected }) => {
    const view = await service(name);
    expect(view).toMatchObject({ name, ...expected });
    expect(view.serverStatus).toBeUndefined();
  });

  it('shows a weighted service with its children and no serverStatus', async () => {
    const split = await service('split@file');
    expect(split.weighted).toEqual({
      services: [
        { name: 'jokes@file', weight: 3 },
        { name: 'site@file', weight: 1 },
      ],
    });
    expect(split.serverStatus).toBeUndefined();
    expect(split.serverDetails?.map((s) => [s.id, s.weight, s.healthy])).toEqual([
      ['jokes@file', 3, true],
      ['site@file', 1, true],
    ]);
  });

  it.each([
    { query: 'search=JOKES', expected: ['jokes@file'] },
    { query: 'provider=docker', expected: ['ghost@docker', 'whoami@docker'] },
    { query: 'status=disabled', expected: ['ghost@docker'] },
    { query: 'status=enabled&provider=docker', expected: ['whoami@docker'] },
    {
      query: 'sortBy=servers&direction=desc&provider=file',
      expected: ['jokes@file', 'site@file', 'split@file', 'backup@file'],
    },
    {
      query: 'sortBy=type&direction=desc',
      expected: ['split@file', 'whoami@docker', 'site@file', 'jokes@file', 'backup@file', 'ghost@docker'],
    },
  ])('filters and sorts with ?$query', async ({ query, expected }) => {
    expect((await api.fetch(`/api/http/services?${query}`)).json<ServiceRepresentation[]>().map((s) => s.name)).toEqual(
      expected,
    );
  });
});

describe('GET /api/http/middlewares', () => {
  it("lists middlewares with Traefik's lower-case type and usedBy", async () => {
    const list = (await api.fetch('/api/http/middlewares')).json<MiddlewareRepresentation[]>();
    expect(list.map((m) => [m.name, m.type, m.usedBy])).toEqual([
      ['auth@file', 'basicauth', ['api@file']],
      ['limit@file', 'ratelimit', undefined],
      ['strip@file', 'stripprefix', ['api@file']],
    ]);
  });

  it.each([
    { name: 'strip@file', expected: { stripPrefix: { prefixes: ['/api'] } } },
    { name: 'limit@file', expected: { rateLimit: { average: 10, period: '1s', burst: 5 } } },
    { name: 'auth@file', expected: { basicAuth: { users: [`admin:${REDACTED}`] } } },
  ])(
    'shows the configuration of $name (durations as Go strings, password hashes redacted)',
    async ({ name, expected }) => {
      const res = await api.fetch(`/api/http/middlewares/${name}`);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ ...expected, name, provider: 'file', status: 'enabled' });
      expect(res.text).not.toContain('$apr1$');
    },
  );

  it.each([
    { query: 'search=lim', expected: ['limit@file'] },
    { query: 'sortBy=type', expected: ['auth@file', 'limit@file', 'strip@file'] },
    { query: 'per_page=1&page=3', expected: ['strip@file'] },
  ])('filters, sorts and paginates with ?$query', async ({ query, expected }) => {
    expect(
      (await api.fetch(`/api/http/middlewares?${query}`)).json<MiddlewareRepresentation[]>().map((m) => m.name),
    ).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { validateDynamicConfig } from './validate';

const A = 'http://10.0.0.2:3000';
const B = 'http://10.0.0.3:3000';

/** Validates one service `s` (and services `a`, `b` it may reference). */
function validateService(service: unknown) {
  const servers = { loadBalancer: { servers: [{ url: A }] } };
  return validateDynamicConfig({ http: { services: { s: service, a: servers, b: servers } } });
}

/** The normalised load balancer of `{ loadBalancer: lb }`, asserting there were no errors. */
function normalisedLoadBalancer(lb: Record<string, unknown>) {
  const { config, errors } = validateService({ loadBalancer: { servers: [{ url: A }], ...lb } });
  expect(errors).toEqual([]);
  const service = config.http.services?.s;
  return service !== undefined && 'loadBalancer' in service ? service.loadBalancer : undefined;
}

describe('load balancer: normalisation', () => {
  it('fills server ids, weights and passHostHeader', () => {
    const { config, errors } = validateService({
      LoadBalancer: { Servers: [{ URL: A }, { url: B, weight: '0', id: 'b-1', preservePath: 'true' }] },
    });
    expect(errors).toEqual([]);
    expect(config.http.services?.s).toStrictEqual({
      loadBalancer: {
        servers: [
          { id: A, url: A, weight: 1 },
          { id: 'b-1', url: B, weight: 0, preservePath: true },
        ],
        passHostHeader: true,
      },
    });
  });

  it.each([
    { strategy: 'wrr', expected: 'weighted' },
    { strategy: 'P2C', expected: 'p2c' },
    { strategy: 'hrw', expected: 'consistent-hash' },
    { strategy: 'leasttime', expected: 'least-connections' },
    { strategy: 'round_robin', expected: 'round-robin' },
    { strategy: 'least-connections', expected: 'least-connections' },
    { strategy: '', expected: undefined },
  ])('strategy $strategy → $expected', ({ strategy, expected }) => {
    expect(normalisedLoadBalancer({ strategy })?.strategy).toBe(expected);
  });

  it.each([
    {
      desc: 'health check defaults (Traefik: 30s, 5s, follow redirects)',
      input: { healthCheck: { path: '/health' } },
      expected: {
        healthCheck: {
          path: '/health',
          intervalMs: 30_000,
          timeoutMs: 5_000,
          method: 'GET',
          followRedirects: true,
          rise: 1,
          fall: 1,
        },
      },
    },
    {
      desc: 'health check in Traefik spelling (lower-case key, durations, strings)',
      input: {
        healthcheck: {
          path: '/h',
          interval: '10s',
          timeout: 3,
          unhealthyInterval: '1m',
          method: 'head',
          scheme: 'HTTPS',
          mode: 'grpc',
          hostname: 'x.local',
          port: '8080',
          status: '204',
          headers: { 'X-Probe': 1 },
          followRedirects: 'false',
          rise: 2,
          fall: '3',
        },
      },
      expected: {
        healthCheck: {
          path: '/h',
          intervalMs: 10_000,
          timeoutMs: 3_000,
          unhealthyIntervalMs: 60_000,
          scheme: 'https',
          mode: 'grpc',
          hostname: 'x.local',
          port: 8080,
          method: 'HEAD',
          status: 204,
          headers: { 'X-Probe': '1' },
          followRedirects: false,
          rise: 2,
          fall: 3,
        },
      },
    },
    {
      desc: 'health check in canonical milliseconds',
      input: { healthCheck: { path: '/h', intervalMs: 500, timeoutMs: '250' } },
      expected: {
        healthCheck: {
          path: '/h',
          intervalMs: 500,
          timeoutMs: 250,
          method: 'GET',
          followRedirects: true,
          rise: 1,
          fall: 1,
        },
      },
    },
    {
      desc: 'passive check defaults',
      input: { passiveHealthCheck: {} },
      expected: { passiveHealthCheck: { failures: 1, windowMs: 10_000, cooldownMs: 10_000 } },
    },
    {
      desc: 'passive check in Traefik v3 spelling',
      input: { passiveHealthcheck: { failureWindow: '3s', maxFailedAttempts: '3' } },
      expected: { passiveHealthCheck: { failures: 3, windowMs: 3_000, cooldownMs: 10_000 } },
    },
    {
      desc: "passive check in Junction's spelling",
      input: { passiveHealthCheck: { failures: 5, window: '30s', cooldown: '1m' } },
      expected: { passiveHealthCheck: { failures: 5, windowMs: 30_000, cooldownMs: 60_000 } },
    },
    {
      desc: 'sticky cookie: true (label)',
      input: { sticky: { cookie: 'true' } },
      expected: { sticky: { cookie: {} } },
    },
    {
      desc: 'sticky cookie: empty YAML value',
      input: { sticky: { cookie: null } },
      expected: { sticky: { cookie: {} } },
    },
    { desc: 'sticky cookie: false', input: { sticky: { cookie: false } }, expected: { sticky: {} } },
    {
      desc: 'sticky cookie attributes',
      input: {
        sticky: {
          cookie: {
            name: 'lb',
            secure: 'true',
            httpOnly: true,
            sameSite: 'Lax',
            maxAge: '3600',
            path: '/',
            domain: 'example.com',
          },
        },
      },
      expected: {
        sticky: {
          cookie: {
            name: 'lb',
            secure: true,
            httpOnly: true,
            sameSite: 'lax',
            maxAge: 3600,
            path: '/',
            domain: 'example.com',
          },
        },
      },
    },
    { desc: 'passHostHeader false', input: { passHostHeader: 'false' }, expected: { passHostHeader: false } },
    {
      desc: 'servers transport kept',
      input: { serversTransport: 'tr@file' },
      expected: { serversTransport: 'tr@file' },
    },
    {
      desc: 'response forwarding (negative: flush at once)',
      input: { responseForwarding: { flushInterval: '-1ms' } },
      expected: { responseForwarding: { flushIntervalMs: -1 } },
    },
  ])('$desc', ({ input, expected }) => {
    expect(normalisedLoadBalancer(input)).toStrictEqual({
      servers: [{ id: A, url: A, weight: 1 }],
      passHostHeader: true,
      ...expected,
    });
  });
});

describe('composite services: normalisation', () => {
  it.each([
    {
      desc: 'weighted: weight defaults to 1',
      input: {
        weighted: {
          services: [{ name: 'a', weight: '3' }, { name: 'b' }],
          sticky: { cookie: { name: 'w' } },
          healthCheck: {},
        },
      },
      expected: {
        weighted: {
          services: [
            { name: 'a', weight: 3 },
            { name: 'b', weight: 1 },
          ],
          sticky: { cookie: { name: 'w' } },
          healthCheck: {},
        },
      },
    },
    {
      desc: 'mirroring: Traefik defaults',
      input: { mirroring: { service: 'a', mirrors: [{ name: 'b', percent: 10 }] } },
      expected: {
        mirroring: { service: 'a', mirrors: [{ name: 'b', percent: 10 }], maxBodySize: -1, mirrorBody: true },
      },
    },
    {
      desc: 'failover',
      input: { failover: { service: 'a', fallback: 'b' } },
      expected: { failover: { service: 'a', fallback: 'b' } },
    },
  ])('$desc', ({ input, expected }) => {
    const { config, errors } = validateService(input);
    expect(errors).toEqual([]);
    expect(config.http.services?.s).toStrictEqual(expected);
  });
});

describe('services: errors carry the path and disable the service', () => {
  const lb = (extra: Record<string, unknown>) => ({ loadBalancer: { servers: [{ url: A }], ...extra } });
  it.each([
    {
      desc: 'no type',
      input: {},
      path: 'http.services.s',
      message: 'must define one of loadBalancer, weighted, mirroring, failover',
    },
    {
      desc: 'two types',
      input: { ...lb({}), weighted: { services: [{ name: 'a' }] } },
      path: 'http.services.s',
      message: 'defines loadBalancer and weighted',
    },
    {
      desc: 'servers missing',
      input: { loadBalancer: {} },
      path: 'http.services.s.loadBalancer.servers',
      message: 'is required',
    },
    {
      desc: 'servers typo',
      input: { loadBalancer: { servers: [], serverz: [] } },
      path: 'http.services.s.loadBalancer.serverz',
      message: "unknown key (did you mean 'servers'?)",
    },
    {
      desc: 'servers not a list',
      input: { loadBalancer: { servers: { url: A } } },
      path: 'http.services.s.loadBalancer.servers',
      message: 'must be a list',
    },
    {
      desc: 'server without url',
      input: { loadBalancer: { servers: [{ weight: 1 }] } },
      path: 'http.services.s.loadBalancer.servers[0].url',
      message: 'is required',
    },
    {
      desc: 'url without scheme',
      input: { loadBalancer: { servers: [{ url: '10.0.0.2:3000' }] } },
      path: 'http.services.s.loadBalancer.servers[0].url',
      message: 'absolute http(s) URL',
    },
    {
      desc: 'url with another scheme',
      input: { loadBalancer: { servers: [{ url: 'ftp://x' }] } },
      path: 'http.services.s.loadBalancer.servers[0].url',
      message: 'absolute http(s) URL',
    },
    {
      desc: 'negative weight',
      input: { loadBalancer: { servers: [{ url: A, weight: -1 }] } },
      path: 'http.services.s.loadBalancer.servers[0].weight',
      message: 'must be at least 0',
    },
    {
      desc: 'weight not a number',
      input: { loadBalancer: { servers: [{ url: A, weight: 'heavy' }] } },
      path: 'http.services.s.loadBalancer.servers[0].weight',
      message: 'must be an integer',
    },
    {
      desc: 'duplicate server id',
      input: { loadBalancer: { servers: [{ url: A }, { url: A }] } },
      path: 'http.services.s.loadBalancer.servers[1].id',
      message: "duplicate server id 'http://10.0.0.2:3000'",
    },
    {
      desc: 'health check without path',
      input: lb({ healthCheck: { interval: '5s' } }),
      path: 'http.services.s.loadBalancer.healthCheck.path',
      message: 'is required',
    },
    {
      desc: 'relative health path',
      input: lb({ healthCheck: { path: 'health' } }),
      path: 'http.services.s.loadBalancer.healthCheck.path',
      message: "must start with '/'",
    },
    {
      desc: 'bad duration',
      input: lb({ healthCheck: { path: '/', interval: 'soon' } }),
      path: 'http.services.s.loadBalancer.healthCheck.interval',
      message: 'invalid duration "soon"',
    },
    {
      desc: 'zero interval',
      input: lb({ healthCheck: { path: '/', interval: '0s' } }),
      path: 'http.services.s.loadBalancer.healthCheck.interval',
      message: 'must be at least 1 ms',
    },
    {
      desc: 'duration not text',
      input: lb({ healthCheck: { path: '/', timeout: {} } }),
      path: 'http.services.s.loadBalancer.healthCheck.timeout',
      message: 'must be a duration',
    },
    {
      desc: 'both spellings of a duration',
      input: lb({ healthCheck: { path: '/', interval: '1s', intervalMs: 1000 } }),
      path: 'http.services.s.loadBalancer.healthCheck.intervalMs',
      message: "give either 'interval' or 'intervalMs'",
    },
    {
      desc: 'port out of range',
      input: lb({ healthCheck: { path: '/', port: 70000 } }),
      path: 'http.services.s.loadBalancer.healthCheck.port',
      message: 'must be at most 65535',
    },
    {
      desc: 'unknown health scheme',
      input: lb({ healthCheck: { path: '/', scheme: 'ftp' } }),
      path: 'http.services.s.loadBalancer.healthCheck.scheme',
      message: "must be one of 'http', 'https'",
    },
    {
      desc: 'bad sameSite',
      input: lb({ sticky: { cookie: { sameSite: 'sometimes' } } }),
      path: 'http.services.s.loadBalancer.sticky.cookie.sameSite',
      message: 'must be one of',
    },
    {
      desc: 'zero passive failures',
      input: lb({ passiveHealthCheck: { failures: 0 } }),
      path: 'http.services.s.loadBalancer.passiveHealthCheck.failures',
      message: 'must be at least 1',
    },
    {
      desc: 'both passive spellings',
      input: lb({ passiveHealthCheck: { failures: 2, maxFailedAttempts: 2 } }),
      path: 'http.services.s.loadBalancer.passiveHealthCheck.maxFailedAttempts',
      message: 'not both',
    },
    {
      desc: 'passHostHeader not boolean',
      input: lb({ passHostHeader: 'yes' }),
      path: 'http.services.s.loadBalancer.passHostHeader',
      message: 'must be true or false',
    },
    {
      desc: 'weighted without services',
      input: { weighted: { services: [] } },
      path: 'http.services.s.weighted.services',
      message: 'must not be empty',
    },
    {
      desc: 'weighted child without name',
      input: { weighted: { services: [{ weight: 2 }] } },
      path: 'http.services.s.weighted.services[0].name',
      message: 'is required',
    },
    {
      desc: 'mirror over 100%',
      input: { mirroring: { service: 'a', mirrors: [{ name: 'b', percent: 150 }] } },
      path: 'http.services.s.mirroring.mirrors[0].percent',
      message: 'must be at most 100',
    },
    {
      desc: 'failover without fallback',
      input: { failover: { service: 'a' } },
      path: 'http.services.s.failover.fallback',
      message: 'is required',
    },
    {
      desc: 'fields in a service-level healthCheck',
      input: { weighted: { services: [{ name: 'a' }], healthCheck: { path: '/' } } },
      path: 'http.services.s.weighted.healthCheck.path',
      message: 'unknown key',
    },
  ])('$desc → $path', ({ input, path, message }) => {
    const { config, errors } = validateService(input);
    expect(config.http.services?.s).toBeUndefined();
    expect(errors).toContainEqual({
      path,
      code: 'LB_CONFIG_INVALID',
      message: expect.stringContaining(message),
      element: { kind: 'service', name: 's' },
    });
  });

  it('reports an unknown strategy with LB_CONFIG_UNKNOWN_STRATEGY', () => {
    const { config, errors } = validateService({ loadBalancer: { servers: [{ url: A }], strategy: 'fastest' } });
    expect(config.http.services?.s).toBeUndefined();
    expect(errors).toEqual([
      {
        path: 'http.services.s.loadBalancer.strategy',
        code: 'LB_CONFIG_UNKNOWN_STRATEGY',
        message: expect.stringContaining(
          "unknown strategy 'fastest'; expected one of round-robin, weighted, p2c, least-connections, consistent-hash",
        ),
        element: { kind: 'service', name: 's' },
      },
    ]);
  });
});

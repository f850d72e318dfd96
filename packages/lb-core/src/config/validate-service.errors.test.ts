/**
 * Service validation errors: each names the path of the bad field, carries its code, and disables
 * the service it is in.
 */
import { describe, expect, it } from 'vitest';
import { A, validateService } from '../../test/support/service-validation';

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

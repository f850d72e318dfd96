/**
 * Validation of whole dynamic configurations: a Traefik-style file normalised (any key case,
 * labels-style strings, aliases, durations), empty configurations accepted, non-objects and
 * structural errors refusing the snapshot, and sections Junction does not support.
 */
import { describe, expect, it } from 'vitest';
import { validateDynamicConfig } from './validate';
import { A, lb } from '../../test/support/service-validation';

const EMPTY = { http: { routers: {}, services: {}, middlewares: {} } };

describe('validateDynamicConfig: whole configurations', () => {
  it('normalises a Traefik-style file (any key case, labels-style strings, aliases, durations)', () => {
    const { config, errors } = validateDynamicConfig({
      HTTP: {
        Routers: {
          api: {
            Rule: 'Host(`demo.res.ch`) && PathPrefix(`/api/jokes/`)',
            service: 'jokes',
            middlewares: 'strip',
            priority: '10',
          },
        },
        services: {
          jokes: {
            loadbalancer: {
              servers: [{ url: A, weight: '2' }, { url: 'http://10.0.0.3:3000' }],
              strategy: 'WRR',
              healthcheck: { path: '/health', interval: '10s', timeout: 3 },
              sticky: { cookie: true },
            },
          },
        },
        middlewares: { strip: { stripPrefix: { prefixes: '/api/jokes/' } } },
      },
    });
    expect(errors).toEqual([]);
    expect(config).toStrictEqual({
      http: {
        routers: {
          api: {
            rule: 'Host(`demo.res.ch`) && PathPrefix(`/api/jokes/`)',
            service: 'jokes',
            middlewares: ['strip'],
            priority: 10,
          },
        },
        services: {
          jokes: {
            loadBalancer: {
              servers: [
                { id: A, url: A, weight: 2 },
                { id: 'http://10.0.0.3:3000', url: 'http://10.0.0.3:3000', weight: 1 },
              ],
              strategy: 'weighted',
              sticky: { cookie: {} },
              healthCheck: {
                path: '/health',
                intervalMs: 10_000,
                timeoutMs: 3_000,
                method: 'GET',
                followRedirects: true,
                rise: 1,
                fall: 1,
              },
              passHostHeader: true,
            },
          },
        },
        middlewares: { strip: { stripPrefix: { prefixes: ['/api/jokes/'] } } },
      },
    });
  });

  it.each([
    { desc: 'null (an empty YAML file)', input: null },
    { desc: 'undefined', input: undefined },
    { desc: 'an empty object', input: {} },
    { desc: 'an empty http section', input: { http: null } },
    { desc: 'empty element maps', input: { http: { routers: null, services: {}, middlewares: null } } },
  ])('accepts $desc as an empty configuration', ({ input }) => {
    expect(validateDynamicConfig(input)).toStrictEqual({ config: EMPTY, errors: [] });
  });

  it.each([{ input: 'http: {}' }, { input: 42 }, { input: [] }, { input: true }])(
    'rejects a non-object $input at the root',
    ({ input }) => {
      expect(validateDynamicConfig(input)).toStrictEqual({
        config: EMPTY,
        errors: [
          {
            path: '',
            code: 'LB_CONFIG_STRUCTURE',
            message: expect.stringContaining(
              'the configuration must be a map of sections (http, tcp, udp, tls), found',
            ),
          },
        ],
      });
    },
  );

  it.each([
    {
      desc: 'http not an object',
      input: { http: [] },
      path: 'http',
      message: 'expected a map (routers, services, middlewares, serversTransports, models), found an empty list',
    },
    {
      desc: 'routers not a map',
      input: { http: { routers: ['api'] } },
      path: 'http.routers',
      message: 'expected a map from router name to router, found a list (1 item)',
    },
    {
      desc: 'typo at the top',
      input: { htp: {} },
      path: 'htp',
      message: "unknown top-level key 'htp' (did you mean 'http'?); expected one of http, tcp, udp, tls",
    },
    {
      desc: 'typo in http',
      input: { http: { service: {} } },
      path: 'http.service',
      message:
        "unknown key in http 'service' (did you mean 'services'?); expected one of routers, services, middlewares, serversTransports, models",
    },
  ])('structural errors name no element and refuse the snapshot: $desc', ({ input, path, message }) => {
    expect(validateDynamicConfig(input)).toStrictEqual({
      config: EMPTY,
      errors: [{ path, code: 'LB_CONFIG_STRUCTURE', message }],
    });
  });

  it.each([
    {
      desc: 'TCP section',
      input: { tcp: { routers: {} } },
      path: 'tcp',
      message: 'the tcp section is not supported by Junction',
    },
    {
      desc: 'servers transports',
      input: { http: { serversTransports: {} } },
      path: 'http.serversTransports',
      message: 'the serversTransports section is not supported by Junction',
    },
  ])('section errors name no element: $desc', ({ input, path, message }) => {
    const { errors } = validateDynamicConfig(input);
    expect(errors).toEqual([{ path, code: 'LB_CONFIG_INVALID', message }]);
  });

  it('keeps the elements beside an unsupported section', () => {
    const { config, errors } = validateDynamicConfig({ tcp: {}, http: { models: {}, services: { web: lb } } });
    expect(Object.keys(config.http.services ?? {})).toEqual(['web']);
    expect(errors.map((e) => e.path)).toEqual(['tcp', 'http.models']);
  });
});

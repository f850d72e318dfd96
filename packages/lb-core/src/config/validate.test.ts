import { describe, expect, it } from 'vitest';
import { formatConfigError, validateDynamicConfig } from './validate';

const EMPTY = { http: { routers: {}, services: {}, middlewares: {} } };
const A = 'http://10.0.0.2:3000';
const lb = { loadBalancer: { servers: [{ url: A }] } };

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

describe('validateDynamicConfig: one bad element never rejects the others', () => {
  it.each([
    { kind: 'router', section: 'routers', bad: { rule: 'Path(`/b`)' }, good: { rule: 'Path(`/a`)', service: 'web' } },
    { kind: 'service', section: 'services', bad: { loadBalancer: { servers: [{ url: 'nope' }] } }, good: lb },
    { kind: 'middleware', section: 'middlewares', bad: { addPrefix: {} }, good: { addPrefix: { prefix: '/x' } } },
  ] as const)('a bad $kind between good ones', ({ kind, section, bad, good }) => {
    const http = { services: { web: lb }, [section]: { a: good, b: bad, c: good } };
    const { config, errors } = validateDynamicConfig({ http });
    expect(Object.keys(config.http[section] ?? {})).toEqual(['a', 'c']);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.element).toEqual({ kind, name: 'b' });
  });

  it('sorts element names in the output', () => {
    const { config } = validateDynamicConfig({ http: { services: { zeta: lb, alpha: lb, Mid: lb } } });
    expect(Object.keys(config.http.services ?? {})).toEqual(['Mid', 'alpha', 'zeta']);
  });

  it.each([
    { name: '', message: "invalid service name '': must be non-empty and without '@'" },
    { name: 'web@file', message: "invalid service name 'web@file': must be non-empty and without '@'" },
  ])('rejects the element name "$name"', ({ name, message }) => {
    const { config, errors } = validateDynamicConfig({ http: { services: { [name]: lb, ok: lb } } });
    expect(Object.keys(config.http.services ?? {})).toEqual(['ok']);
    expect(errors).toEqual([
      { path: `http.services.${name}`, code: 'LB_CONFIG_INVALID', message, element: { kind: 'service', name } },
    ]);
  });

  it('treats names such as __proto__ and constructor as ordinary names', () => {
    const input = JSON.parse(
      '{"http":{"services":{"__proto__":{"loadBalancer":{"servers":[]}},"constructor":{"loadBalancer":{"servers":[]}}}}}',
    );
    const { config, errors } = validateDynamicConfig(input);
    expect(errors).toEqual([]);
    const services = config.http.services ?? {};
    expect(Object.keys(services)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(services)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(services, '__proto__')?.value).toEqual({
      loadBalancer: { servers: [], passHostHeader: true },
    });
  });
});

describe('validateDynamicConfig: references within one provider', () => {
  const routerTo = (service: string, middlewares: string[] = []) => ({
    http: {
      routers: { r: { rule: 'Path(`/`)', service, middlewares } },
      services: { web: lb },
      middlewares: { m: { headers: {} } },
    },
  });

  it.each([
    {
      desc: 'unknown service',
      input: routerTo('nope'),
      path: 'http.routers.r.service',
      code: 'LB_CONFIG_UNKNOWN_SERVICE',
      message: "service 'nope' does not exist",
    },
    {
      desc: 'unknown middleware',
      input: routerTo('web', ['m', 'gone']),
      path: 'http.routers.r.middlewares[1]',
      code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE',
      message: "middleware 'gone' does not exist",
    },
    {
      desc: 'own-provider reference to a missing service',
      input: routerTo('nope@docker'),
      path: 'http.routers.r.service',
      code: 'LB_CONFIG_UNKNOWN_SERVICE',
      message: "service 'nope@docker' does not exist",
    },
  ])('$desc disables the router', ({ input, path, code, message }) => {
    const { config, errors } = validateDynamicConfig(input, { provider: 'docker' });
    expect(config.http.routers).toEqual({});
    expect(errors).toEqual([{ path, code, message, element: { kind: 'router', name: 'r' } }]);
  });

  it.each([
    { desc: 'a reference to another provider is left for after the merge', input: routerTo('web@file', ['auth@file']) },
    {
      desc: 'a reference qualified with its own provider resolves locally',
      input: routerTo('web@docker', ['m@docker']),
    },
    { desc: 'an @internal service is left alone', input: routerTo('api@internal') },
  ])('$desc', ({ input }) => {
    const { config, errors } = validateDynamicConfig(input, { provider: 'docker' });
    expect(errors).toEqual([]);
    expect(Object.keys(config.http.routers ?? {})).toEqual(['r']);
  });

  it('checkReferences: false skips reference checks', () => {
    const { config, errors } = validateDynamicConfig(routerTo('nope', ['gone']), { checkReferences: false });
    expect(errors).toEqual([]);
    expect(config.http.routers?.r?.service).toBe('nope');
  });

  it('formats an error for a log line', () => {
    const { errors } = validateDynamicConfig(routerTo('nope'));
    expect(errors.map(formatConfigError)).toEqual(["http.routers.r.service: service 'nope' does not exist"]);
    expect(formatConfigError({ path: '', code: 'LB_CONFIG_INVALID', message: 'x' })).toBe('x');
  });
});

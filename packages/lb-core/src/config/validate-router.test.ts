import { describe, expect, it } from 'vitest';
import { validateDynamicConfig } from './validate';

/** Validates one router `r` next to a service `web` and middlewares `m1`, `m2`. */
function validateRouter(router: unknown) {
  return validateDynamicConfig({
    http: {
      routers: { r: router },
      services: { web: { loadBalancer: { servers: [] } } },
      middlewares: { m1: { headers: {} }, m2: { headers: {} } },
    },
  });
}

describe('routers: normalisation', () => {
  it.each([
    {
      desc: 'minimal router',
      input: { rule: 'Host(`a`)', service: 'web' },
      expected: { rule: 'Host(`a`)', service: 'web' },
    },
    {
      desc: 'keys in any case, comma-separated lists (labels)',
      input: { RULE: 'Path(`/`)', Service: 'web', entrypoints: 'web, websecure', MiddleWares: 'm1,m2' },
      expected: { rule: 'Path(`/`)', service: 'web', entryPoints: ['web', 'websecure'], middlewares: ['m1', 'm2'] },
    },
    {
      desc: 'rule syntax lower-cased, priority from a string',
      input: { rule: 'Host:a', ruleSyntax: 'V1', service: 'web', priority: '42' },
      expected: { rule: 'Host:a', ruleSyntax: 'v1', service: 'web', priority: 42 },
    },
    {
      desc: 'tls: true (a label) enables default TLS options',
      input: { rule: 'r', service: 'web', tls: 'true' },
      expected: { rule: 'r', service: 'web', tls: {} },
    },
    {
      desc: 'tls: false omits TLS',
      input: { rule: 'r', service: 'web', tls: false },
      expected: { rule: 'r', service: 'web' },
    },
    {
      desc: 'tls options kept as data',
      input: {
        rule: 'r',
        service: 'web',
        tls: { certResolver: 'le', domains: [{ main: 'a.example', sans: 'b.example' }] },
      },
      expected: {
        rule: 'r',
        service: 'web',
        tls: { certResolver: 'le', domains: [{ main: 'a.example', sans: ['b.example'] }] },
      },
    },
    {
      desc: 'null optional fields are absent',
      input: { rule: 'r', service: 'web', middlewares: null, priority: null },
      expected: { rule: 'r', service: 'web' },
    },
  ])('$desc', ({ input, expected }) => {
    const { config, errors } = validateRouter(input);
    expect(errors).toEqual([]);
    expect(config.http.routers).toStrictEqual({ r: expected });
  });
});

describe('routers: errors carry the path and disable the router', () => {
  it.each([
    { desc: 'missing rule', input: { service: 'web' }, path: 'http.routers.r.rule', message: 'is required' },
    {
      desc: 'blank rule',
      input: { rule: '  ', service: 'web' },
      path: 'http.routers.r.rule',
      message: 'must not be empty',
    },
    {
      desc: 'rule not a string',
      input: { rule: ['Host(`a`)'], service: 'web' },
      path: 'http.routers.r.rule',
      message: 'must be a string',
    },
    { desc: 'missing service', input: { rule: 'r' }, path: 'http.routers.r.service', message: 'is required' },
    {
      desc: 'unknown rule syntax',
      input: { rule: 'r', service: 'web', ruleSyntax: 'v4' },
      path: 'http.routers.r.ruleSyntax',
      message: "must be one of 'v1', 'v2', 'v3'",
    },
    {
      desc: 'fractional priority',
      input: { rule: 'r', service: 'web', priority: 1.5 },
      path: 'http.routers.r.priority',
      message: 'must be an integer',
    },
    {
      desc: 'priority not a number',
      input: { rule: 'r', service: 'web', priority: 'high' },
      path: 'http.routers.r.priority',
      message: 'must be an integer',
    },
    {
      desc: 'blank middleware name',
      input: { rule: 'r', service: 'web', middlewares: ['m1', ''] },
      path: 'http.routers.r.middlewares[1]',
      message: 'must not be empty',
    },
    {
      desc: 'middlewares not a list',
      input: { rule: 'r', service: 'web', middlewares: { m1: true } },
      path: 'http.routers.r.middlewares',
      message: 'must be a list of strings',
    },
    {
      desc: 'entry point not a string',
      input: { rule: 'r', service: 'web', entryPoints: [true] },
      path: 'http.routers.r.entryPoints[0]',
      message: 'must be a string',
    },
    {
      desc: 'typo in a key',
      input: { rule: 'r', servce: 'web' },
      path: 'http.routers.r.servce',
      message: "unknown key (did you mean 'service'?)",
    },
    {
      desc: 'unknown key, no suggestion',
      input: { rule: 'r', service: 'web', colour: 'red' },
      path: 'http.routers.r.colour',
      message: 'unknown key',
    },
    {
      desc: 'same key twice in different case',
      input: { rule: 'r', Rule: 'r2', service: 'web' },
      path: 'http.routers.r.Rule',
      message: "duplicate key: 'rule' and 'Rule'",
    },
    {
      desc: 'unknown key inside tls',
      input: { rule: 'r', service: 'web', tls: { bogus: 1 } },
      path: 'http.routers.r.tls.bogus',
      message: 'unknown key',
    },
  ])('$desc → $path', ({ input, path, message }) => {
    const { config, errors } = validateRouter(input);
    expect(config.http.routers).toEqual({});
    expect(errors).toContainEqual({
      path,
      code: 'LB_CONFIG_INVALID',
      message: expect.stringContaining(message),
      element: { kind: 'router', name: 'r' },
    });
  });

  it.each([{ input: null }, { input: [] }, { input: 'Path(`/`)' }])(
    'a router that is not a map ($input) refuses the snapshot (structural)',
    ({ input }) => {
      const { config, errors } = validateRouter(input);
      expect(config.http.services).toEqual({});
      expect(errors).toEqual([
        {
          path: 'http.routers.r',
          code: 'LB_CONFIG_STRUCTURE',
          message: expect.stringContaining('expected a router (a map of its settings)'),
        },
      ]);
    },
  );

  it('reports every problem of one router, not only the first', () => {
    const { errors } = validateRouter({ rule: '', service: '', priority: 'x' });
    expect(errors.map((e) => e.path)).toEqual([
      'http.routers.r.rule',
      'http.routers.r.service',
      'http.routers.r.priority',
    ]);
  });
});

/**
 * Validation element by element: one bad element never rejects the others, bad names are refused,
 * names come out sorted (`__proto__` and `constructor` are ordinary names), references are checked
 * within one provider, and errors format for a log line.
 */
import { describe, expect, it } from 'vitest';
import { formatConfigError, validateDynamicConfig } from './validate';
import { lb } from '../../test/support/service-validation';

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

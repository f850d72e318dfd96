import { describe, expect, it } from 'vitest';
import { mergeConfigs } from './merge';
import type { DynamicConfig } from './types';
import { checkReferences, pruneBrokenReferences, validateDynamicConfig } from './validate';

const lb = { loadBalancer: { servers: [{ url: 'http://10.0.0.2:3000' }] } };
const router = (service: string, middlewares?: string[]) => ({ rule: 'Path(`/`)', service, middlewares });
const weighted = (...names: string[]) => ({ weighted: { services: names.map((name) => ({ name })) } });
const chain = (...middlewares: string[]) => ({ chain: { middlewares } });
const headers = { headers: {} };

/** `path code message` lines, for compact expectations. */
function lines(errors: readonly { path: string; code: string; message: string }[]): string[] {
  return errors.map((e) => `${e.path} ${e.code} ${e.message}`);
}

describe('references: disabling cascades and cycles', () => {
  it.each([
    {
      desc: 'a missing service disables the weighted service and the router above it',
      http: { routers: { r: router('w') }, services: { w: weighted('web', 'gone'), web: lb } },
      kept: { routers: [], services: ['web'], middlewares: [] },
      errors: [
        "http.services.w.weighted.services[1].name LB_CONFIG_UNKNOWN_SERVICE service 'gone' does not exist",
        "http.routers.r.service LB_CONFIG_UNKNOWN_SERVICE service 'w' is disabled (see its errors)",
      ],
    },
    {
      desc: 'weighted services pointing at each other are a cycle',
      http: { routers: { r: router('a') }, services: { a: weighted('b'), b: weighted('a'), web: lb } },
      kept: { routers: [], services: ['web'], middlewares: [] },
      errors: [
        'http.services.a LB_CONFIG_INVALID recursion detected: a → b → a',
        'http.services.b LB_CONFIG_INVALID recursion detected: b → a → b',
        "http.routers.r.service LB_CONFIG_UNKNOWN_SERVICE service 'a' is disabled (see its errors)",
      ],
    },
    {
      desc: 'a chain containing itself',
      http: {
        routers: { r: router('web', ['c']) },
        services: { web: lb },
        middlewares: { c: chain('h', 'c'), h: headers },
      },
      kept: { routers: [], services: ['web'], middlewares: ['h'] },
      errors: [
        'http.middlewares.c LB_CONFIG_INVALID recursion detected: c → c',
        "http.routers.r.middlewares[0] LB_CONFIG_UNKNOWN_MIDDLEWARE middleware 'c' is disabled (see its errors)",
      ],
    },
    {
      desc: 'a chain of chains ending in a missing middleware',
      http: {
        routers: { r: router('web', ['h', 'outer']) },
        services: { web: lb },
        middlewares: { outer: chain('inner'), inner: chain('gone'), h: headers },
      },
      kept: { routers: [], services: ['web'], middlewares: ['h'] },
      errors: [
        "http.middlewares.inner.chain.middlewares[0] LB_CONFIG_UNKNOWN_MIDDLEWARE middleware 'gone' does not exist",
        "http.middlewares.outer.chain.middlewares[0] LB_CONFIG_UNKNOWN_MIDDLEWARE middleware 'inner' is disabled (see its errors)",
        "http.routers.r.middlewares[1] LB_CONFIG_UNKNOWN_MIDDLEWARE middleware 'outer' is disabled (see its errors)",
      ],
    },
    {
      desc: 'mirroring and failover references are checked',
      http: {
        services: {
          m: { mirroring: { service: 'web', mirrors: [{ name: 'gone', percent: 5 }] } },
          f: { failover: { service: 'web', fallback: 'none' } },
          web: lb,
        },
      },
      kept: { routers: [], services: ['web'], middlewares: [] },
      errors: [
        "http.services.f.failover.fallback LB_CONFIG_UNKNOWN_SERVICE service 'none' does not exist",
        "http.services.m.mirroring.mirrors[0].name LB_CONFIG_UNKNOWN_SERVICE service 'gone' does not exist",
      ],
    },
    {
      desc: 'a reference to an element rejected for its own errors says so',
      http: { routers: { r: router('bad') }, services: { bad: { loadBalancer: {} } } },
      kept: { routers: [], services: [], middlewares: [] },
      errors: [
        'http.services.bad.loadBalancer.servers LB_CONFIG_INVALID is required',
        "http.routers.r.service LB_CONFIG_UNKNOWN_SERVICE service 'bad' is invalid (see its errors)",
      ],
    },
  ])('$desc', ({ http, kept, errors }) => {
    const result = validateDynamicConfig({ http });
    expect(lines(result.errors)).toEqual(errors);
    expect(Object.keys(result.config.http.routers ?? {})).toEqual(kept.routers);
    expect(Object.keys(result.config.http.services ?? {})).toEqual(kept.services);
    expect(Object.keys(result.config.http.middlewares ?? {})).toEqual(kept.middlewares);
  });
});

describe('checkReferences on a merged configuration', () => {
  const docker = validateDynamicConfig(
    { http: { routers: { api: router('web@file', ['auth@file']), site: router('static') }, services: { static: lb } } },
    { provider: 'docker' },
  ).config;
  const file = validateDynamicConfig(
    { http: { services: { web: lb }, middlewares: { auth: { basicAuth: { users: ['u:h'] } } } } },
    { provider: 'file' },
  ).config;

  it('finds nothing when every cross-provider reference resolves', () => {
    expect(checkReferences(mergeConfigs({ docker, file }))).toEqual([]);
  });

  it('reports references to elements of a provider that is missing, naming the qualified element', () => {
    const merged = mergeConfigs({ docker });
    expect(checkReferences(merged)).toEqual([
      {
        path: 'http.routers.api@docker.service',
        code: 'LB_CONFIG_UNKNOWN_SERVICE',
        message: "service 'web@file' does not exist",
        element: { kind: 'router', name: 'api@docker' },
      },
      {
        path: 'http.routers.api@docker.middlewares[0]',
        code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE',
        message: "middleware 'auth@file' does not exist",
        element: { kind: 'router', name: 'api@docker' },
      },
    ]);
  });

  it('pruneBrokenReferences drops the disabled elements, and its output checks clean', () => {
    const merged = mergeConfigs({ docker });
    const { config, errors } = pruneBrokenReferences(merged);
    expect(errors).toHaveLength(2);
    expect(Object.keys(config.http.routers ?? {})).toEqual(['site@docker']);
    expect(checkReferences(config)).toEqual([]);
  });

  it('leaves references to ignored providers (api@internal) unchecked', () => {
    const withInternal = mergeConfigs({
      docker: validateDynamicConfig({ http: { routers: { dash: router('api@internal') } } }, { provider: 'docker' })
        .config,
    });
    expect(lines(checkReferences(withInternal))).toEqual([
      "http.routers.dash@docker.service LB_CONFIG_UNKNOWN_SERVICE service 'api@internal' does not exist",
    ]);
    expect(checkReferences(withInternal, { ignoreProviders: ['internal'] })).toEqual([]);
    expect(
      Object.keys(pruneBrokenReferences(withInternal, { ignoreProviders: ['internal'] }).config.http.routers ?? {}),
    ).toEqual(['dash@docker']);
  });

  it('requires every reference to be qualified after the merge', () => {
    const handWritten: DynamicConfig = {
      http: {
        routers: { 'r@x': { rule: 'Path(`/`)', service: 'web' } },
        services: { 'web@x': { loadBalancer: { servers: [], passHostHeader: true } } },
      },
    };
    expect(lines(checkReferences(handWritten))).toEqual([
      "http.routers.r@x.service LB_CONFIG_UNKNOWN_SERVICE service 'web' does not exist",
    ]);
  });
});

import { mergeConfigs, validateDynamicConfig, type RequestFacts } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuntime, defaultEntryPoints, type BuildRuntimeOptions } from './build-runtime';
import type { LoadBalancedService, Runtime } from './runtime';
import { LiveServiceRegistry } from './live-service-registry';

const states: LiveServiceRegistry[] = [];
afterEach(async () => {
  await Promise.all(states.splice(0).map((s) => s.close()));
});

function options(extra: Partial<BuildRuntimeOptions> = {}): BuildRuntimeOptions {
  const s = new LiveServiceRegistry();
  states.push(s);
  return {
    generation: 1,
    entryPoints: { all: ['traefik', 'web', 'websecure'], defaults: ['web', 'websecure'] },
    states: s,
    ...extra,
  };
}

/** Validates like the file provider, merges as `file`, and builds. */
function build(raw: unknown, extra: Partial<BuildRuntimeOptions> = {}): Runtime {
  const { config, errors } = validateDynamicConfig(raw, { provider: 'file' });
  return buildRuntime(
    mergeConfigs({ file: config }),
    errors.map((e) => ({ ...e, provider: 'file' })),
    options(extra),
  );
}

const lb = (...urls: string[]): unknown => ({ loadBalancer: { servers: urls.map((url) => ({ url })) } });
const facts = (host: string, path = '/'): RequestFacts => ({
  method: 'GET',
  host,
  path,
  query: '',
  headers: {},
  clientIp: '10.0.0.1',
});

describe('defaultEntryPoints', () => {
  it.each([
    {
      desc: 'all but internal ones',
      eps: [
        { name: 'web', asDefault: false, internal: false },
        { name: 'traefik', asDefault: false, internal: true },
      ],
      defaults: ['web'],
    },
    {
      desc: 'only asDefault ones when any is marked',
      eps: [
        { name: 'a', asDefault: true, internal: false },
        { name: 'b', asDefault: false, internal: false },
      ],
      defaults: ['a'],
    },
    {
      desc: 'all when every one is internal',
      eps: [{ name: 'traefik', asDefault: false, internal: true }],
      defaults: ['traefik'],
    },
  ])('$desc', ({ eps, defaults }) => {
    expect(defaultEntryPoints(eps).defaults).toEqual(defaults);
  });
});

describe('buildRuntime', () => {
  it('compiles routers into a table that matches on their entry points', () => {
    const rt = build({
      http: {
        routers: {
          web: { rule: 'Host(`a.local`)', service: 's' },
          admin: { rule: 'Host(`a.local`)', service: 's', entryPoints: ['traefik'], priority: 1000 },
        },
        services: { s: lb('http://10.0.0.1:80') },
      },
    });
    expect(rt.match(facts('a.local'), 'web', false)?.name).toBe('web@file');
    expect(rt.match(facts('a.local'), 'traefik', false)?.name).toBe('admin@file');
    expect(rt.routers.get('web@file')?.entryPoints).toEqual(['web', 'websecure']);
    expect(rt.match(facts('b.local'), 'web', false)).toBeUndefined();
  });

  it.each([
    { desc: 'a rule that does not parse', router: { rule: 'Host(`a`', service: 's' }, code: 'LB_RULE_SYNTAX' },
    {
      desc: 'an unknown service',
      router: { rule: 'Host(`a`)', service: 'missing' },
      code: 'LB_CONFIG_UNKNOWN_SERVICE',
    },
    {
      desc: 'an unknown middleware',
      router: { rule: 'Host(`a`)', service: 's', middlewares: ['nope'] },
      code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE',
    },
    {
      desc: 'only unknown entry points',
      router: { rule: 'Host(`a`)', service: 's', entryPoints: ['nowhere'] },
      code: 'LB_CONFIG_INVALID',
    },
    {
      desc: 'a v1 modifier with a bad regexp',
      router: { rule: 'Host:a;ReplacePathRegex: ^/(( /x', service: 's', ruleSyntax: 'v1' },
      code: 'LB_RULE',
    },
  ])('disables a router with $desc and keeps the others', ({ router, code }) => {
    const rt = build({
      http: {
        routers: { bad: router, good: { rule: 'Host(`good`)', service: 's' } },
        services: { s: lb('http://10.0.0.1') },
      },
    });
    const bad = rt.routers.get('bad@file');
    expect(bad?.status).toBe('disabled');
    expect(bad?.errors.map((e) => e.code).join()).toContain(code);
    expect(rt.routers.get('good@file')?.status).toBe('enabled');
    expect(rt.match(facts('good'), 'web', false)?.name).toBe('good@file');
    expect(rt.match(facts('a'), 'web', false)).toBeUndefined();
  });

  it('serves a router with one unknown entry point among known ones, as a warning', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', entryPoints: ['web', 'gone'] } },
        services: { s: lb('http://10.0.0.1') },
      },
    });
    expect(rt.routers.get('r@file')).toMatchObject({ status: 'warning', entryPoints: ['web'] });
    expect(rt.match(facts('a'), 'web', false)?.name).toBe('r@file');
  });

  it('lists a middleware that fails to compile as disabled, with the routers it disables', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', middlewares: ['auth'] } },
        services: { s: lb('http://10.0.0.1') },
        middlewares: { auth: { basicAuth: { users: ['alice:plain-text-password'] } } },
      },
    });
    expect(rt.middlewares.get('auth@file')).toMatchObject({
      status: 'disabled',
      type: 'basicAuth',
      usedBy: ['r@file'],
    });
    expect(rt.routers.get('r@file')).toMatchObject({
      status: 'disabled',
      errors: [expect.objectContaining({ code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE' })],
    });
    expect(rt.services.get('s@file')).toMatchObject({ status: 'enabled', usedBy: ['r@file'] });
  });

  it('lists a service its provider rejected as disabled, with the provider error', () => {
    const rt = build({ http: { services: { bad: { loadBalancer: { servers: [{ url: 'ftp://x' }] } } } } });
    expect(rt.services.get('bad@file')).toMatchObject({
      kind: 'disabled',
      status: 'disabled',
      errors: [expect.objectContaining({ provider: 'file' })],
    });
  });

  it('compiles middlewares from the normalised configuration (durations back to Traefik form)', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', middlewares: ['retry', 'limit'] } },
        services: { s: lb('http://10.0.0.1') },
        middlewares: {
          retry: { retry: { attempts: 3, initialInterval: '50ms' } },
          limit: { rateLimit: { average: 10, period: '1s' } },
        },
      },
    });
    const router = rt.routers.get('r@file');
    expect(router?.status).toBe('enabled');
    expect(router?.retry).toMatchObject({ attempts: 3, initialIntervalMs: 50 });
    expect(rt.middlewares.get('limit@file')?.type).toBe('rateLimit');
  });

  it('builds weighted, failover and mirroring services over their children', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 'w' }, m: { rule: 'Host(`m`)', service: 'mirror' } },
        services: {
          a: lb('http://10.0.0.1'),
          b: lb('http://10.0.0.2'),
          w: {
            weighted: {
              services: [
                { name: 'a', weight: 3 },
                { name: 'f', weight: 1 },
              ],
            },
          },
          f: { failover: { service: 'a', fallback: 'b' } },
          mirror: { mirroring: { service: 'a', mirrors: [{ name: 'b', percent: 10 }] } },
        },
      },
    });
    expect(rt.services.get('w@file')).toMatchObject({ kind: 'weighted', status: 'enabled' });
    expect(rt.services.get('f@file')).toMatchObject({ kind: 'failover', usedBy: ['r@file'] });
    expect(rt.services.get('a@file')?.usedBy).toEqual(['m@file', 'r@file']);
    expect(rt.services.get('mirror@file')).toMatchObject({ kind: 'mirroring', status: 'warning' });
  });

  it('reuses a balancer whose settings did not change, and replaces one whose strategy did', () => {
    const opts = options();
    const config = (strategy: string, urls: string[]): Runtime => {
      const { config: c } = validateDynamicConfig(
        { http: { services: { s: { loadBalancer: { strategy, servers: urls.map((url) => ({ url })) } } } } },
        { provider: 'file' },
      );
      return buildRuntime(mergeConfigs({ file: c }), [], opts);
    };
    const first = (config('wrr', ['http://10.0.0.1', 'http://10.0.0.2']).services.get('s@file') as LoadBalancedService)
      .balancer;
    first.setDraining('http://10.0.0.2', true);
    const same = (
      config('wrr', ['http://10.0.0.1', 'http://10.0.0.2', 'http://10.0.0.3']).services.get(
        's@file',
      ) as LoadBalancedService
    ).balancer;
    expect(same).toBe(first);
    expect(same.servers().map((s) => s.id)).toHaveLength(3);
    const other = (
      config('round-robin', ['http://10.0.0.1', 'http://10.0.0.2']).services.get('s@file') as LoadBalancedService
    ).balancer;
    expect(other).not.toBe(first);
    expect(other.servers().find((s) => s.id === 'http://10.0.0.2')?.draining).toBe(true);
  });

  it('keeps passive health verdicts across rebuilds', () => {
    const opts = options();
    const make = (): LoadBalancedService => {
      const { config } = validateDynamicConfig(
        {
          http: {
            services: {
              s: {
                loadBalancer: {
                  servers: [{ url: 'http://10.0.0.1' }, { url: 'http://10.0.0.2' }],
                  passiveHealthCheck: { failures: 1 },
                },
              },
            },
          },
        },
        { provider: 'file' },
      );
      return buildRuntime(mergeConfigs({ file: config }), [], opts).services.get('s@file') as LoadBalancedService;
    };
    make().health.passive.recordFailure('http://10.0.0.1', 'ECONNREFUSED');
    const again = make();
    expect(again.health.isUp('http://10.0.0.1')).toBe(false);
    expect(again.balancer.servers().find((s) => s.id === 'http://10.0.0.1')?.healthy).toBe(false);
  });

  it('attaches provider errors to the element their path names', () => {
    const rt = build({ http: { routers: { r: { rule: 'Host(`a`)' } }, services: {} } });
    expect(rt.routers.get('r@file')).toMatchObject({
      status: 'disabled',
      errors: [expect.objectContaining({ provider: 'file' })],
    });
  });
});

describe('provider flags on servers (Docker: starting/unhealthy containers, stopping containers)', () => {
  const flagged = (servers: unknown[]): unknown => ({
    http: { routers: { r: { rule: 'Host(`a.local`)', service: 's' } }, services: { s: { loadBalancer: { servers } } } },
  });
  const buildWith = (opts: BuildRuntimeOptions, servers: unknown[]): LoadBalancedService => {
    const { config, errors } = validateDynamicConfig(flagged(servers), { provider: 'file' });
    const rt = buildRuntime(
      mergeConfigs({ file: config }),
      errors.map((e) => ({ ...e, provider: 'file' })),
      opts,
    );
    return rt.services.get('s@file') as LoadBalancedService;
  };

  it('keeps an unavailable server out until the provider says it is available, and lifts a provider drain', () => {
    const opts = options();
    let svc = buildWith(opts, [
      { url: 'http://10.0.0.1:80', available: false },
      { url: 'http://10.0.0.2:80', draining: true },
    ]);
    expect(svc.balancer.pick()).toBeUndefined();
    expect(svc.balancer.servers().map((s) => [s.healthy, s.draining])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(svc.health.isUp('http://10.0.0.1:80')).toBe(false);

    svc = buildWith({ ...opts, generation: 2 }, [{ url: 'http://10.0.0.1:80' }, { url: 'http://10.0.0.2:80' }]);
    expect(svc.balancer.servers().map((s) => [s.healthy, s.draining])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(new Set([svc.balancer.pick()?.id, svc.balancer.pick()?.id])).toEqual(
      new Set(['http://10.0.0.1:80', 'http://10.0.0.2:80']),
    );
  });

  it('holds an unavailable server down even when a passive success would bring it up', () => {
    const svc = buildWith(options(), [{ url: 'http://10.0.0.1:80', available: false }]);
    svc.health.passive.recordSuccess('http://10.0.0.1:80');
    expect(svc.balancer.pick()).toBeUndefined();
  });
});

describe('passive health never ejects the last server in rotation', () => {
  it('keeps a lone failing server (502s, not a cool-down of 503s) but ejects one of two', () => {
    const lone = build({
      http: { routers: { r: { rule: 'Host(`a.local`)', service: 's' } }, services: { s: lb('http://10.0.0.1:80') } },
    });
    const single = lone.services.get('s@file') as LoadBalancedService;
    for (let i = 0; i < 5; i++) single.health.passive.recordFailure('http://10.0.0.1:80', 'ECONNREFUSED');
    expect(single.balancer.pick()?.id).toBe('http://10.0.0.1:80');

    const pair = build({
      http: {
        routers: { r: { rule: 'Host(`a.local`)', service: 's' } },
        services: { s: lb('http://10.0.0.1:80', 'http://10.0.0.2:80') },
      },
    });
    const two = pair.services.get('s@file') as LoadBalancedService;
    for (let i = 0; i < 5; i++) two.health.passive.recordFailure('http://10.0.0.1:80', 'ECONNREFUSED');
    expect(new Set(Array.from({ length: 4 }, () => two.balancer.pick()?.id))).toEqual(new Set(['http://10.0.0.2:80']));
  });
});

/**
 * The runtime builder, services: services a provider rejected, weighted, failover and mirroring
 * services over their children, balancers and passive health verdicts kept across rebuilds, the
 * provider's flags on servers (unavailable, draining), and passive health that never ejects the
 * last server in rotation.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { build, closeRegistries, lb, options } from '../../test/support/runtime/build-runtime';
import { buildRuntime, type BuildRuntimeOptions } from './build-runtime';
import type { LoadBalancedService, Runtime } from './runtime';

afterEach(closeRegistries);

describe('buildRuntime', () => {
  it('lists a service its provider rejected as disabled, with the provider error', () => {
    const rt = build({ http: { services: { bad: { loadBalancer: { servers: [{ url: 'ftp://x' }] } } } } });
    expect(rt.services.get('bad@file')).toMatchObject({
      kind: 'disabled',
      status: 'disabled',
      errors: [expect.objectContaining({ provider: 'file' })],
    });
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

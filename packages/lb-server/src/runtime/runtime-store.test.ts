import { mergeConfigs, validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics';
import { createRuntimeStore, type RuntimeStoreController } from './runtime-store';
import type { LoadBalancedService } from './runtime';

const stores: RuntimeStoreController[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const entryPoints = { all: ['web'], defaults: ['web'] };
function config(urls: string[], healthCheck?: object): DynamicConfig {
  const raw = {
    http: {
      routers: { r: { rule: 'Host(`a`)', service: 's' } },
      services: {
        s: { loadBalancer: { servers: urls.map((url) => ({ url })), ...(healthCheck ? { healthCheck } : {}) } },
      },
    },
  };
  return mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config });
}

describe('runtime store', () => {
  it('starts empty, swaps in one step and tells subscribers the new and previous runtimes', () => {
    const store = createRuntimeStore({ entryPoints });
    stores.push(store);
    expect(store.current.generation).toBe(0);
    expect(
      store.current.match({ method: 'GET', host: 'a', path: '/', query: '', headers: {}, clientIp: '' }, 'web', false),
    ).toBeUndefined();
    const seen: [number, number][] = [];
    const unsubscribe = store.subscribe((next, previous) => seen.push([next.generation, previous.generation]));
    const first = store.apply(config(['http://10.0.0.1']));
    store.apply(config(['http://10.0.0.2']));
    unsubscribe();
    store.apply(config(['http://10.0.0.3']));
    expect(first.generation).toBe(1);
    expect(store.current.generation).toBe(3);
    expect(seen).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('records reloads in the metrics', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const store = createRuntimeStore({ entryPoints, metrics });
    stores.push(store);
    store.apply(config(['http://10.0.0.1']));
    const text = await metrics.render();
    expect(text).toContain('traefik_config_reloads_total 1');
    expect(text).toMatch(/traefik_service_server_up\{service="s@file",url="http:\/\/10\.0\.0\.1"\} 1/);
  });

  it('keeps the current runtime when a build throws', () => {
    const store = createRuntimeStore({ entryPoints });
    stores.push(store);
    const good = store.apply(config(['http://10.0.0.1']));
    const broken = null as unknown as DynamicConfig;
    expect(store.apply(broken)).toBe(good);
    expect(store.current).toBe(good);
  });

  it('starts active health checks once live and stops them when the service leaves', async () => {
    const store = createRuntimeStore({ entryPoints });
    stores.push(store);
    store.apply(config(['http://127.0.0.1:1'], { path: '/health', interval: '1h', timeout: '200ms' }));
    await store.settled();
    const service = store.current.services.get('s@file') as LoadBalancedService;
    expect(service.health.activeStatus()).toHaveLength(1);
    for (let i = 0; i < 100 && service.health.isUp('http://127.0.0.1:1'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(service.health.isUp('http://127.0.0.1:1')).toBe(false);
    store.apply(mergeConfigs({}));
    await store.settled();
    expect(store.current.services.size).toBe(0);
    expect(service.health.activeStatus()).toBeUndefined();
  });
});

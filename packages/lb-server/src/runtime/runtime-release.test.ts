/**
 * A replaced runtime is freed once nothing uses it any more (issue #12, "no growth across
 * reloads"): while a request still holds it (the proxy reads `store.current` once per request)
 * it stays alive; once that request has ended, a garbage collection frees it, even when its
 * services carried their balancers and health checkers over into the next runtime, when an
 * active health checker keeps probing a real loopback server, and with metrics and subscribers
 * attached. Behaviour checked with `WeakRef`s and a forced full GC, never with memory figures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mergeConfigs, validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics';
import { createRuntimeStore } from './runtime-store';
import type { Runtime } from './runtime';

/** `gc()` without `--expose-gc` on the command line (vitest's workers do not have it). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const gc = exposeGc();
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** A full collection outside the job that created the WeakRefs (they hold their target until it ends). */
async function collect(): Promise<void> {
  await tick();
  gc();
  await tick();
  gc();
}

const entryPoints = { all: ['web'], defaults: ['web'] };
let upstream: Server;
let url: string;

beforeAll(async () => {
  upstream = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
});

/** `routes` routers, each with a two-server service; `version` changes the hosts only, so services carry over. */
function config(routes: number, version: number, healthCheck = false): DynamicConfig {
  const routers: Record<string, unknown> = {};
  const services: Record<string, unknown> = {};
  for (let i = 0; i < routes; i++) {
    routers[`r${i}`] = { rule: `Host(\`r${i}-v${version}.test\`)`, service: `s${i}` };
    services[`s${i}`] = {
      loadBalancer: {
        servers: [{ url }, { url: `http://127.0.0.2:${1000 + i}` }],
        sticky: { cookie: { name: `lb${i}` } },
        ...(healthCheck ? { healthCheck: { path: '/health', interval: '50ms', timeout: '1s' } } : {}),
      },
    };
  }
  const validated = validateDynamicConfig({ http: { routers, services } }, { provider: 'file' });
  expect(validated.errors).toEqual([]);
  return mergeConfigs({ file: validated.config });
}

describe('replaced runtimes', () => {
  it('stay alive while a request holds one, and are freed once it ended', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const store = createRuntimeStore({ entryPoints, metrics });
    const seen: number[] = [];
    const unsubscribe = store.subscribe((next) => seen.push(next.generation));
    try {
      store.apply(config(20, 0));
      // A request in flight read the runtime it started on.
      let inFlight: Runtime | undefined = store.current;
      const first = new WeakRef(inFlight);
      const others: WeakRef<Runtime>[] = [];
      for (let version = 1; version <= 3; version++) {
        store.apply(config(20, version));
        if (version < 3) others.push(new WeakRef(store.current));
      }
      await store.settled();
      await collect();
      expect(first.deref()).toBe(inFlight);
      expect(others.map((ref) => ref.deref())).toEqual([undefined, undefined]);
      // The request ends: nothing refers to its runtime any more.
      inFlight = undefined;
      await collect();
      expect(first.deref()).toBeUndefined();
      expect(store.current.generation).toBe(4);
      expect(seen).toEqual([1, 2, 3, 4]);
      // The live runtime still serves, with the services carried over.
      const router = store.current.match(
        { method: 'GET', host: 'r7-v3.test', path: '/', query: '', headers: {}, clientIp: '' },
        'web',
        false,
      );
      expect(router?.serviceName).toBe('s7@file');
    } finally {
      unsubscribe();
      await store.close();
    }
  });

  it('are freed while active health checkers carried over keep probing a real server', async () => {
    const store = createRuntimeStore({ entryPoints });
    try {
      store.apply(config(5, 0, true));
      await store.settled();
      const replaced: WeakRef<Runtime>[] = [];
      for (let version = 1; version <= 3; version++) {
        replaced.push(new WeakRef(store.current));
        store.apply(config(5, version, true));
        await store.settled();
      }
      // Probes run on the carried-over checkers in between.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await collect();
      expect(replaced.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined]);
      const service = store.current.services.get('s0@file');
      expect(service?.kind === 'loadBalancer' && service.health.activeStatus()?.find((s) => s.url === url)?.up).toBe(
        true,
      );
    } finally {
      await store.close();
    }
  });

  it('are freed when a reload removes every service (their checkers stop)', async () => {
    const store = createRuntimeStore({ entryPoints });
    try {
      store.apply(config(5, 0, true));
      await store.settled();
      const before = new WeakRef(store.current);
      store.apply(config(0, 1));
      await store.settled();
      await collect();
      expect(before.deref()).toBeUndefined();
      expect(store.current.services.size).toBe(0);
    } finally {
      await store.close();
    }
  });
});

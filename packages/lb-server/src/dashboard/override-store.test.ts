import type { LoadBalancedService, Runtime } from '../runtime/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { bindOverrides } from './bind-overrides';
import { isDashboardError } from './errors';
import { OverrideStore } from './override-store';
import { mergedFrom, storeWith, THREE_SERVERS } from '../../test/support/dashboard/merged-store';
import { createRuntimeStore, type RuntimeStoreController } from '../runtime/runtime-store';

const A = 'http://127.0.0.1:1';
const B = 'http://127.0.0.1:2';
const C = 'http://127.0.0.1:3';

function app(runtime: Runtime): LoadBalancedService {
  const s = runtime.services.get('app@file');
  if (s?.kind !== 'loadBalancer') throw new Error('app@file missing');
  return s;
}

function picks(runtime: Runtime, n: number): string[] {
  return Array.from({ length: n }, () => app(runtime).balancer.pick()?.url ?? 'none');
}

const status = (runtime: Runtime, id: string) =>
  app(runtime)
    .balancer.servers()
    .find((s) => s.id === id);

let store: RuntimeStoreController;
afterEach(async () => store?.close());

function setup(): { overrides: OverrideStore; apply: (raw?: unknown) => Runtime } {
  store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
  const overrides = new OverrideStore({ runtime: () => store.current, now: () => 42 });
  const bound = bindOverrides(store, overrides);
  const apply = (raw: unknown = THREE_SERVERS): Runtime => bound.apply(mergedFrom(raw));
  apply();
  return { overrides, apply };
}

describe('OverrideStore', () => {
  it('drains a server at once: no new picks until undrained', () => {
    const { overrides } = setup();
    overrides.setDraining('app@file', C, true, 'admin');
    expect(status(store.current, C)?.draining).toBe(true);
    expect(picks(store.current, 30)).not.toContain(C);
    expect(overrides.server('app@file', C)).toEqual({
      service: 'app@file',
      server: C,
      draining: true,
      by: 'admin',
      at: 42,
    });
    overrides.setDraining('app@file', C, false, 'admin');
    expect(overrides.server('app@file', C)).toBeUndefined();
    expect(picks(store.current, 30)).toContain(C);
  });

  it('sets and resets a weight on the live balancer', () => {
    const { overrides } = setup();
    overrides.setWeight('app@file', A, 0, 'ops');
    expect(status(store.current, A)?.weight).toBe(0);
    expect(picks(store.current, 25)).not.toContain(A);
    overrides.resetWeight('app@file', A, 'ops');
    expect(status(store.current, A)?.weight).toBe(1);
    expect(overrides.list().servers).toEqual([]);
  });

  it('keeps drains and weights across a reload', () => {
    const { overrides, apply } = setup();
    overrides.setDraining('app@file', B, true, 'admin');
    overrides.setWeight('app@file', C, 9, 'admin');
    const next = apply();
    expect(next.generation).toBeGreaterThan(1);
    expect(status(next, B)?.draining).toBe(true);
    expect(status(next, C)?.weight).toBe(9);
    expect(status(next, A)?.weight).toBe(1);
  });

  it('changes the strategy through a rebuild, and resets it', () => {
    const { overrides } = setup();
    const before = store.current.generation;
    overrides.setStrategy('app@file', 'rr', 'admin');
    expect(store.current.generation).toBe(before + 1);
    expect(app(store.current).balancer.strategy).toBe('round-robin');
    expect(picks(store.current, 6)).toEqual([A, B, C, A, B, C]);
    overrides.resetStrategy('app@file');
    expect(app(store.current).balancer.strategy).toBe('weighted');
  });

  it('keeps a drain when the strategy changes (a new balancer is built)', () => {
    const { overrides } = setup();
    overrides.setDraining('app@file', A, true, 'admin');
    overrides.setStrategy('app@file', 'least-connections', 'admin');
    expect(status(store.current, A)?.draining).toBe(true);
  });

  it("undrain returns to the provider's own draining flag", () => {
    const raw = structuredClone(THREE_SERVERS) as {
      http: { services: { app: { loadBalancer: { servers: Record<string, unknown>[] } } } };
    };
    raw.http.services.app.loadBalancer.servers[0]!.draining = true;
    store = storeWith(raw);
    const overrides = new OverrideStore({ runtime: () => store.current });
    overrides.setDraining('app@file', A, true, 'admin');
    overrides.setDraining('app@file', A, false, 'admin');
    expect(status(store.current, A)?.draining).toBe(true);
  });

  it.each([
    {
      desc: 'unknown service',
      act: (o: OverrideStore) => o.setDraining('nope@file', A, true, 'x'),
      code: 'DASH_NOT_FOUND',
    },
    {
      desc: 'unknown server',
      act: (o: OverrideStore) => o.setWeight('app@file', 'http://x', 1, 'x'),
      code: 'DASH_NOT_FOUND',
    },
    {
      desc: 'weighted service',
      act: (o: OverrideStore) => o.setStrategy('split@file', 'p2c', 'x'),
      code: 'DASH_CONFLICT',
    },
    {
      desc: 'negative weight',
      act: (o: OverrideStore) => o.setWeight('app@file', A, -1, 'x'),
      code: 'DASH_BAD_REQUEST',
    },
    {
      desc: 'fractional weight',
      act: (o: OverrideStore) => o.setWeight('app@file', A, 1.5, 'x'),
      code: 'DASH_BAD_REQUEST',
    },
    {
      desc: 'unknown strategy',
      act: (o: OverrideStore) => o.setStrategy('app@file', 'fastest', 'x'),
      code: 'DASH_BAD_REQUEST',
    },
  ])('refuses: $desc', ({ act, code }) => {
    const { overrides } = setup();
    let caught: unknown;
    try {
      act(overrides);
    } catch (error) {
      caught = error;
    }
    expect(isDashboardError(caught) && caught.code).toBe(code);
    expect(overrides.list()).toEqual({ servers: [], services: [] });
  });

  it('tells listeners what changed', () => {
    const { overrides } = setup();
    const seen: unknown[] = [];
    overrides.onChange((c) => seen.push(c));
    overrides.setWeight('app@file', A, 3, 'x');
    overrides.setStrategy('app@file', 'p2c', 'x');
    expect(seen).toEqual([
      { kind: 'weight', service: 'app@file', server: A },
      { kind: 'strategy', service: 'app@file' },
    ]);
  });
});

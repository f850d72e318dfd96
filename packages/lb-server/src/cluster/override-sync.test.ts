import { afterEach, describe, expect, it } from 'vitest';
import { bindOverrides } from '../dashboard/bind-overrides';
import { OverrideStore } from '../dashboard/override-store';
import { mergedFrom, THREE_SERVERS } from '../../test/support/dashboard/merged-store';
import type { LoadBalancedService } from '../runtime/runtime';
import { createRuntimeStore } from '../runtime/runtime-store';
import type { BroadcastChannel, TopicHandler } from './member';
import { syncOverrides } from './override-sync';
import type { Topic } from './protocol';

/** `n` channels that deliver each broadcast to the others at once (the primary's relay, in memory). */
function bus(n: number): BroadcastChannel[] {
  const handlers = new Map<number, Map<Topic, TopicHandler>>();
  return Array.from({ length: n }, (_, index) => ({
    index,
    broadcast(topic: Topic, key: string, data: unknown) {
      for (const [i, byTopic] of handlers) if (i !== index) byTopic.get(topic)?.(key, structuredClone(data));
    },
    on(topic: Topic, handler: TopicHandler) {
      const byTopic = handlers.get(index) ?? new Map<Topic, TopicHandler>();
      byTopic.set(topic, handler);
      handlers.set(index, byTopic);
    },
  }));
}

/**
 * `n` channels relayed as the primary does it: broadcasts queue in arrival order, and `flush`
 * delivers each to every worker, its sender included.
 */
function orderedBus(n: number): { channels: BroadcastChannel[]; flush: () => void } {
  const handlers = new Map<number, TopicHandler>();
  const queue: { key: string; data: unknown }[] = [];
  return {
    channels: Array.from({ length: n }, (_, index) => ({
      index,
      broadcast: (_topic: Topic, key: string, data: unknown) => void queue.push({ key, data: structuredClone(data) }),
      on: (_topic: Topic, handler: TopicHandler) => void handlers.set(index, handler),
    })),
    flush: () => {
      while (queue.length > 0) {
        const { key, data } = queue.shift()!;
        for (const handler of handlers.values()) handler(key, data);
      }
    },
  };
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A worker: a runtime store with the three servers, its overrides bound and synced on `channel`. */
function worker(channel: BroadcastChannel, raw: unknown = THREE_SERVERS) {
  const store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
  const overrides = new OverrideStore({ runtime: () => store.current });
  const bound = bindOverrides(store, overrides);
  bound.apply(mergedFrom(raw));
  closers.push(syncOverrides(channel, overrides, { warn: () => undefined }), () => bound.close());
  const app = (): LoadBalancedService => store.current.services.get('app@file') as LoadBalancedService;
  const server = (id: string) =>
    app()
      .balancer.servers()
      .find((s) => s.id === id);
  return { store, overrides, app, server };
}

const A = 'http://127.0.0.1:1';

describe('syncOverrides', () => {
  it('drains and undrains a server on every worker', () => {
    const [c0, c1, c2] = bus(3);
    const workers = [worker(c0!), worker(c1!), worker(c2!)];
    workers[1]!.overrides.setDraining('app@file', A, true, 'alice');
    expect(workers.map((w) => w.server(A)?.draining)).toEqual([true, true, true]);
    expect(workers[0]!.overrides.server('app@file', A)).toMatchObject({ draining: true, by: 'alice' });
    workers[2]!.overrides.setDraining('app@file', A, false, 'bob');
    expect(workers.map((w) => w.server(A)?.draining)).toEqual([false, false, false]);
    expect(workers.map((w) => w.overrides.server('app@file', A))).toEqual([undefined, undefined, undefined]);
  });

  it('sets and resets weights everywhere', () => {
    const [c0, c1] = bus(2);
    const [w0, w1] = [worker(c0!), worker(c1!)];
    w0.overrides.setWeight('app@file', A, 7, 'alice');
    expect(w1.server(A)?.weight).toBe(7);
    w1.overrides.resetWeight('app@file', A, 'alice');
    expect([w0.server(A)?.weight, w1.server(A)?.weight]).toEqual([1, 1]);
  });

  it("overrides a strategy everywhere, rebuilding each worker's runtime", () => {
    const [c0, c1] = bus(2);
    const [w0, w1] = [worker(c0!), worker(c1!)];
    const generation = w1.store.current.generation;
    w0.overrides.setStrategy('app@file', 'p2c', 'alice');
    expect(w1.overrides.strategy('app@file')?.strategy).toBe(w0.overrides.strategy('app@file')?.strategy);
    expect(w1.store.current.generation).toBeGreaterThan(generation);
    w1.overrides.clear('app@file', undefined, 'alice');
    expect(w0.overrides.strategy('app@file')).toBeUndefined();
  });

  it('ends concurrent changes of one server the same on every worker', () => {
    const {
      channels: [c0, c1],
      flush,
    } = orderedBus(2);
    const [w0, w1] = [worker(c0!), worker(c1!)];
    w0.overrides.setWeight('app@file', A, 5, 'alice');
    w1.overrides.setWeight('app@file', A, 7, 'bob');
    w1.overrides.setDraining('app@file', A, true, 'bob');
    flush();
    expect([w0.server(A)?.weight, w1.server(A)?.weight]).toEqual([7, 7]);
    expect([w0.server(A)?.draining, w1.server(A)?.draining]).toEqual([true, true]);
    expect(w0.overrides.server('app@file', A)).toMatchObject({ weight: 7, draining: true, by: 'bob' });
  });

  it('keeps an override for a server another worker does not know yet', () => {
    const [c0, c1] = bus(2);
    const w0 = worker(c0!);
    const w1 = worker(c1!, {
      http: { routers: {}, services: { app: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } } } },
    });
    w0.overrides.setDraining('app@file', A, true, 'alice');
    expect(w1.overrides.server('app@file', A)).toMatchObject({ draining: true });
  });
});

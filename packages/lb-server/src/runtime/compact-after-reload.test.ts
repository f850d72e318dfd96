/**
 * Compacting after reloads (`compact-after-reload.ts`): one collection per burst of reloads (the
 * first one inside the bytecode flush), none below the threshold, while busy (over the delay or in
 * the short look before collecting) or once stopped, and
 * V8's compacting collection called for real.
 */
import { mergeConfigs, validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { obtainGc } from '../v8-gc';
import { compactAfterReload, type CompactingGc, type HeapFigures } from './compact-after-reload';
import { createRuntimeStore, type RuntimeStoreController } from './runtime-store';

const MB = 1024 * 1024;
const entryPoints = { all: ['web'], defaults: ['web'] };
const stores: RuntimeStoreController[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

function config(host: string): DynamicConfig {
  const raw = {
    http: {
      routers: { r: { rule: `Host(\`${host}\`)`, service: 's' } },
      services: { s: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } } },
    },
  };
  return mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config });
}

function newStore(): RuntimeStoreController {
  const store = createRuntimeStore({ entryPoints });
  stores.push(store);
  return store;
}

/** A gc that records its calls, and a heap whose reserved size the test sets (`used`: 50 MB). */
function fakes(unusedBytes: number): {
  gc: CompactingGc;
  calls: unknown[];
  heap: () => HeapFigures;
  reserve(bytes: number): void;
} {
  const calls: unknown[] = [];
  let physical = 50 * MB + unusedBytes;
  return {
    gc: (options) => calls.push(options),
    calls,
    heap: () => ({ physical, used: 50 * MB }),
    reserve: (bytes) => void (physical = bytes),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('compacting after reloads', () => {
  it('collects once after a burst of reloads, with the compacting flavour, and logs it', async () => {
    const store = newStore();
    const { gc, calls, heap, reserve } = fakes(40 * MB);
    const logged: [object, string][] = [];
    /** How many collections ran inside the bytecode flush (the first only). */
    let flushed = 0;
    const stop = compactAfterReload(store, {
      gc,
      heap,
      delayMs: 60,
      logger: { info: (obj, msg) => logged.push([obj, msg]) },
      flushBytecode: (collect) => {
        const before = calls.length;
        collect();
        flushed += calls.length - before;
      },
    });
    try {
      for (const host of ['a', 'b', 'c']) {
        store.apply(config(host));
        await sleep(10);
      }
      expect(calls).toEqual([]);
      await sleep(150);
      expect(calls).toEqual([{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
      expect(flushed).toBe(1);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.[1]).toBe('memory given back after reload');
      expect(logged[0]?.[0]).toMatchObject({ heapBeforeMB: 90, heapAfterMB: 90 });
      // The next reload compacts only when the heap grew again since this collection.
      store.apply(config('d'));
      await sleep(150);
      expect(calls).toHaveLength(1);
      reserve(90 * MB + 20 * MB);
      store.apply(config('e'));
      await sleep(150);
      expect(calls).toHaveLength(2);
      expect(flushed).toBe(1); // later compactions leave compiled code alone
    } finally {
      stop();
    }
  });

  it('after the first configuration, leaves a heap alone when it grew less than the threshold', async () => {
    const store = newStore();
    const { gc, calls, heap, reserve } = fakes(8 * MB);
    const stop = compactAfterReload(store, { gc, heap, delayMs: 20, minGrowthBytes: 16 * MB });
    try {
      store.apply(config('a'));
      await sleep(100);
      expect(calls).toHaveLength(1);
      reserve(58 * MB + 15 * MB);
      store.apply(config('b'));
      await sleep(100);
      expect(calls).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('waits while the process is busy serving, then collects', async () => {
    const store = newStore();
    const { gc, calls, heap } = fakes(40 * MB);
    let busyLooks = 0;
    let serving = true;
    const busy = (): boolean => {
      busyLooks += 1;
      return serving;
    };
    const stop = compactAfterReload(store, { gc, heap, busy, delayMs: 20 });
    try {
      store.apply(config('a'));
      await sleep(150);
      expect(calls).toEqual([]);
      expect(busyLooks).toBeGreaterThan(3);
      serving = false;
      await sleep(100);
      expect(calls).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('looks again just before collecting: traffic that began after a quiet stretch defers it', async () => {
    const store = newStore();
    const { gc, calls, heap } = fakes(40 * MB);
    // The looks in order: at the reload (resets the window), after the delay (the whole
    // window: quiet), then the short second look (load has just started), and so on.
    const answers = [false, false, true];
    const looks: boolean[] = [];
    const busy = (): boolean => {
      const answer = answers.shift() ?? false;
      looks.push(answer);
      return answer;
    };
    const stop = compactAfterReload(store, { gc, heap, busy, delayMs: 20, probeMs: 20 });
    try {
      store.apply(config('a'));
      await sleep(45);
      expect(looks.slice(0, 3)).toEqual([false, false, true]);
      expect(calls).toEqual([]);
      await sleep(150);
      expect(calls).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('does nothing once stopped, even for a reload already scheduled', async () => {
    const store = newStore();
    const { gc, calls, heap } = fakes(40 * MB);
    const stop = compactAfterReload(store, { gc, heap, delayMs: 30 });
    store.apply(config('a'));
    stop();
    store.apply(config('b'));
    await sleep(100);
    expect(calls).toEqual([]);
  });

  it('does nothing without a gc', async () => {
    const store = newStore();
    const stop = compactAfterReload(store, { gc: undefined, delayMs: 10 });
    store.apply(config('a'));
    await sleep(50);
    stop();
    expect(store.current.generation).toBe(1);
  });

  it("runs V8's compacting collection for real", async () => {
    const gc = obtainGc();
    expect(typeof gc).toBe('function');
    const store = newStore();
    const logged: object[] = [];
    const stop = compactAfterReload(store, {
      delayMs: 10,
      minGrowthBytes: 0,
      logger: { info: (obj) => logged.push(obj) },
    });
    try {
      store.apply(config('a'));
      for (let waited = 0; logged.length === 0 && waited < 5_000; waited += 20) await sleep(20);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toEqual({
        pauseMs: expect.any(Number),
        heapBeforeMB: expect.any(Number),
        heapAfterMB: expect.any(Number),
      });
    } finally {
      stop();
    }
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createActiveChecker, setActiveCheckerFactory, type ActiveServerStatus } from '../health/active-checker';
import { normalizeHealthCheck } from '../health/active-config';
import { syncHealth } from './health-sync';
import type { BroadcastChannel, TopicHandler } from './member';
import type { Topic } from './protocol';

afterEach(() => setActiveCheckerFactory(undefined));

/** Worker 1's channel; `publish` stands for worker 0's broadcasts. */
function channel(): { member: BroadcastChannel; publish: (service: string, status: ActiveServerStatus) => void } {
  let health: TopicHandler = () => undefined;
  return {
    member: {
      index: 1,
      broadcast: () => undefined,
      on: (topic, handler) => void (topic === 'health' && (health = handler)),
    },
    publish: (service, status) => health(`${service}\u0000${status.id}`, { service, status }),
  };
}

const down = (id: string, url: string): ActiveServerStatus => ({
  id,
  url,
  up: false,
  lastCheck: 5,
  lastError: 'status 500',
  consecutive: 3,
});

describe('syncHealth on a worker other than 0', () => {
  it("applies worker 0's verdicts instead of probing, and reports them as its status", () => {
    const { member, publish } = channel();
    syncHealth(member);
    const writes: [string, boolean][] = [];
    const checker = createActiveChecker({
      service: 'app@file',
      // Nothing listens there: a probing checker would mark it down by itself.
      servers: [
        { id: 'a', url: 'http://127.0.0.1:1' },
        { id: 'b', url: 'http://127.0.0.1:2' },
      ],
      config: normalizeHealthCheck({ path: '/health', interval: '10ms' }, 'test'),
      target: { setHealthy: (id, up) => void writes.push([id, up]) },
    });
    publish('app@file', down('a', 'http://127.0.0.1:1'));
    expect(writes).toEqual([]);
    checker.start();
    expect(writes).toEqual([['a', false]]);
    publish('app@file', { ...down('b', 'http://127.0.0.1:2'), up: true, lastError: undefined });
    publish('other@file', down('a', 'http://127.0.0.1:1'));
    publish('app@file', down('b', 'http://127.0.0.1:99'));
    expect(writes).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(checker.status().find((s) => s.id === 'a')).toMatchObject({
      up: false,
      lastError: 'status 500',
      consecutive: 3,
    });
    void checker.stop();
    publish('app@file', { ...down('a', 'http://127.0.0.1:1'), up: true });
    expect(writes).toHaveLength(2);
  });
});

describe('syncHealth on worker 0', () => {
  it('probes, and broadcasts each verdict with the status, then withdraws servers no longer checked', async () => {
    const upstream = createServer((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const sent: { topic: Topic; key: string; data: unknown }[] = [];
    syncHealth({
      index: 0,
      broadcast: (topic, key, data) => void sent.push({ topic, key, data }),
      on: () => undefined,
    });
    const writes: [string, boolean][] = [];
    const checker = createActiveChecker({
      service: 'app@file',
      servers: [{ id: 'a', url }],
      config: normalizeHealthCheck({ path: '/health', interval: '50ms' }, 'test'),
      target: { setHealthy: (id, up) => void writes.push([id, up]) },
    });
    try {
      checker.start();
      await expect.poll(() => sent.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(writes[0]).toEqual(['a', false]);
      expect(sent[0]).toMatchObject({
        topic: 'health',
        key: 'app@file\u0000a',
        data: { service: 'app@file', status: { id: 'a', url, up: false, lastError: 'status 500' } },
      });
      checker.update([]);
      expect(sent.at(-1)).toEqual({ topic: 'health', key: 'app@file\u0000a', data: null });
    } finally {
      await checker.stop();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});

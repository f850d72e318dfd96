import { describe, expect, it } from 'vitest';
import { percentile, ServerStatsRecorder } from './server-stats';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('percentile', () => {
  it.each([
    { desc: 'empty', values: [], p: 50, expected: undefined },
    { desc: 'one value', values: [7], p: 99, expected: 7 },
    { desc: 'median of 1..10 (nearest rank)', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50, expected: 5 },
    { desc: 'p99 of 1..100', values: Array.from({ length: 100 }, (_, i) => i + 1), p: 99, expected: 99 },
    { desc: 'p100 is the max', values: [1, 2, 3], p: 100, expected: 3 },
  ])('$desc', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('ServerStatsRecorder', () => {
  it('computes rate, error rate, percentiles and share over the window', () => {
    const c = clock();
    const stats = new ServerStatsRecorder({ now: c.now, windowSeconds: 10 });
    for (let i = 1; i <= 30; i++) stats.record('svc@file', 'a', i % 10 === 0 ? 502 : 200, i);
    for (let i = 0; i < 10; i++) stats.record('svc@file', 'b', 200, 100);
    const out = stats.serviceStats('svc@file', ['a', 'b', 'c']);
    expect(out.get('a')).toMatchObject({ rps: 3, errorRate: 0.1, p50: 15, p99: 30, share: 0.75 });
    expect(out.get('b')).toMatchObject({ rps: 1, errorRate: 0, p50: 100, share: 0.25 });
    expect(out.get('c')).toMatchObject({ rps: 0, errorRate: 0, p50: undefined, p99: undefined, share: 0 });
  });

  it('counts a missing response (status 0) as an error', () => {
    const stats = new ServerStatsRecorder({ now: clock().now });
    stats.record('s', 'a', 0, 5);
    stats.record('s', 'a', 404, 5);
    expect(stats.serviceStats('s', ['a']).get('a')?.errorRate).toBe(0.5);
  });

  it('keeps a per-second series and forgets seconds that left the window', () => {
    const c = clock();
    const stats = new ServerStatsRecorder({ now: c.now, windowSeconds: 2, historySeconds: 4 });
    stats.record('s', 'a', 200, 1);
    c.advance(1000);
    stats.record('s', 'a', 200, 1);
    stats.record('s', 'a', 200, 1);
    expect(stats.serviceStats('s', ['a']).get('a')).toMatchObject({ series: [0, 0, 1, 2], rps: 1.5 });
    c.advance(2000);
    expect(stats.serviceStats('s', ['a']).get('a')).toMatchObject({ series: [1, 2, 0, 0], rps: 0, p50: undefined });
    c.advance(10_000); // a whole lap later the old buckets must not be read as current
    expect(stats.serviceStats('s', ['a']).get('a')?.series).toEqual([0, 0, 0, 0]);
  });

  it('keeps memory fixed: the durations ring holds the latest samples only', () => {
    const stats = new ServerStatsRecorder({ now: clock().now, samples: 4 });
    for (const d of [1000, 1000, 1000, 1, 2, 3, 4]) stats.record('s', 'a', 200, d);
    expect(stats.serviceStats('s', ['a']).get('a')).toMatchObject({ p50: 2, p99: 4, rps: 0.7 });
  });

  it('retain drops the servers that left', () => {
    const stats = new ServerStatsRecorder({ now: clock().now });
    stats.record('s', 'a', 200, 1);
    stats.record('s', 'b', 200, 1);
    stats.record('t', 'a', 200, 1);
    stats.retain((service, id) => service === 's' && id === 'a');
    expect(stats.size).toBe(1);
    expect(stats.serviceStats('s', ['b']).get('b')?.rps).toBe(0);
  });

  it('hands out one counter per server, retired when retain drops the server', () => {
    const stats = new ServerStatsRecorder({ now: clock().now });
    const a = stats.counter('s', 'a');
    expect(stats.counter('s', 'a')).toBe(a);
    a.record(200, 3);
    a.record(502, 5);
    expect(stats.serviceStats('s', ['a']).get('a')).toMatchObject({ rps: 0.2, errorRate: 0.5, p99: 5 });
    stats.retain(() => false);
    expect(a.retired).toBe(true);
    const again = stats.counter('s', 'a');
    expect(again).not.toBe(a);
    expect(again.retired).toBe(false);
    expect(stats.serviceStats('s', ['a']).get('a')?.rps).toBe(0);
  });
});

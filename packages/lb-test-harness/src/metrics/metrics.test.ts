import { describe, expect, it } from 'vitest';
import type { RequestRecord, TimelineEntry } from '../model/types';
import { normalise, sharesOverTime } from './expected';
import { firstBalancedWindow, rebalanceTimes } from './rebalance';
import { computeMetrics, latencySummary, sessionStats } from './run-metrics';

/** Records from a compact spec: one per server name, 10 ms apart; '-' is a failure with no answer. */
function seq(
  servers: string,
  opts: { client?: (i: number) => number; session?: boolean; start?: number } = {},
): RequestRecord[] {
  return [...servers].map((s, i) => ({
    t: (opts.start ?? 0) + i * 10,
    client: opts.client?.(i) ?? i,
    session: opts.session ?? false,
    ...(s === '-' ? {} : { server: s }),
    ok: s !== '-',
    latencyMs: i + 1,
  }));
}

const equal3: TimelineEntry[] = [{ t: 0, label: 'start', weights: { a: 1, b: 1, c: 1 } }];

describe('normalise', () => {
  it.each<{ weights: Record<string, number>; expected: [string, number][] }>([
    {
      weights: { a: 5, b: 1, c: 1 },
      expected: [
        ['a', 5 / 7],
        ['b', 1 / 7],
        ['c', 1 / 7],
      ],
    },
    {
      weights: { a: 1, b: 0 },
      expected: [
        ['a', 1],
        ['b', 0],
      ],
    },
    { weights: { a: 0 }, expected: [] },
  ])('$weights', ({ weights, expected }) => {
    expect([...normalise(weights)]).toEqual(expected);
  });
});

describe('sharesOverTime', () => {
  it('expects the weights in force when each request was sent', () => {
    const timeline: TimelineEntry[] = [
      { t: 0, label: 'start', weights: { a: 1, b: 1 } },
      { t: 20, label: 'kill b', weights: { a: 1 } },
    ];
    // a b | a a  → a expected (0.5 + 0.5 + 1 + 1) / 4 = 0.75, b 0.25
    expect(sharesOverTime(seq('abaa'), timeline)).toEqual([
      { id: 'a', count: 3, share: 0.75, expected: 0.75 },
      { id: 'b', count: 1, share: 0.25, expected: 0.25 },
    ]);
  });
  it('ignores unanswered requests and lists unexpected servers', () => {
    expect(sharesOverTime(seq('a-x'), [{ t: 0, label: 'start', weights: { a: 1 } }])).toEqual([
      { id: 'a', count: 1, share: 0.5, expected: 1 },
      { id: 'x', count: 1, share: 0.5, expected: 0 },
    ]);
  });
});

describe('rebalanceTimes', () => {
  const timeline: TimelineEntry[] = [
    { t: 0, label: 'start', weights: { a: 1, b: 1 } },
    { t: 40, label: 'kill b', weights: { a: 1 } },
    { t: 100, label: 'restart b', weights: { a: 1, b: 1 } },
  ];
  it('measures from each change to the first balanced window (window 1 per server)', () => {
    // t: 0 a, 10 b, 20 a, 30 b | 40 -, 50 b(dead? still answered), 60 a, 70 a, 80 a, 90 a
    //    | 100 a, 110 a, 120 b, 130 a, 140 b
    const records = seq('abab-baaaaaabab');
    expect(rebalanceTimes(records, timeline, { windowPerServer: 2, tolerance: 0 })).toEqual([
      { label: 'kill b', t: 40, ms: 20 },
      { label: 'restart b', t: 100, ms: 10 },
    ]);
  });
  it('is null when traffic never matches', () => {
    expect(rebalanceTimes(seq('ababaaaaaaaaaaa'), timeline, { windowPerServer: 2, tolerance: 0.1 })[1]).toEqual({
      label: 'restart b',
      t: 100,
      ms: null,
    });
  });
  it('finds no window in a segment shorter than the window', () => {
    expect(firstBalancedWindow(seq('ab'), normalise({ a: 1, b: 1 }), 3, 0.5)).toBeUndefined();
    expect(firstBalancedWindow(seq('aab'), normalise({ a: 1, b: 1 }), 2, 0)).toBe(1);
  });
});

describe('sessionStats', () => {
  it('counts same-server consecutive requests of sessions only', () => {
    // client 0: a a b  (1 hit of 2); client 1: c c (1 of 1); client 2 is not a session
    const records: RequestRecord[] = [
      ...seq('aab', { client: () => 0, session: true }),
      ...seq('cc', { client: () => 1, session: true, start: 1 }),
      ...seq('ab', { client: () => 2, session: false, start: 2 }),
    ].sort((x, y) => x.t - y.t);
    expect(sessionStats(records)).toEqual({ sessions: 2, lost: 0, stickiness: 2 / 3 });
  });
  it('skips failures without breaking the pair and counts lost sessions once', () => {
    const records: RequestRecord[] = seq('a-a', { client: () => 0, session: true }).map((r, i) =>
      i === 2 ? { ...r, stateLost: true } : r,
    );
    expect(sessionStats([...records, { ...(records[2] as RequestRecord), t: 99, stateLost: true }])).toEqual({
      sessions: 1,
      lost: 1,
      stickiness: 1,
    });
  });
  it('has no stickiness without sessions', () => {
    expect(sessionStats(seq('abc')).stickiness).toBeNull();
  });
});

describe('computeMetrics', () => {
  it('summarises a run', () => {
    const m = computeMetrics(seq('aabbbc-'), equal3);
    expect(m).toMatchObject({
      requests: 7,
      failed: 1,
      longestRun: { id: 'b', length: 3 },
      stickiness: null,
      sessions: 0,
      rebalance: [],
    });
    expect(m.maxDeviation).toBeCloseTo((3 / 6 - 1 / 3) * 100, 10);
    expect(m.latency).toEqual({ p50: 4, p95: 7, p99: 7, max: 7 });
  });
  it('gives zero latencies without samples', () => {
    expect(latencySummary([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
  });
});

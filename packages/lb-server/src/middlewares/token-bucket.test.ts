import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

// 10 tokens/s (one per 100 ms), bucket of 2, waits up to 50 ms accepted.
const OPTS = { ratePerMs: 0.01, burst: 2, maxDelayMs: 50, maxSources: 100 };

describe('TokenBuckets', () => {
  it.each([
    {
      desc: 'a full bucket serves burst requests, then refuses',
      steps: [
        [0, true, 0],
        [0, true, 0],
        [0, false, 100],
      ],
    },
    {
      desc: 'a small debt is a wait, a large one a refusal',
      steps: [
        [0, true, 0],
        [0, true, 0],
        [60, true, 40],
        [60, false, 140],
      ],
    },
    {
      desc: 'refill never exceeds the burst',
      steps: [
        [0, true, 0],
        [10_000, true, 0],
        [10_000, true, 0],
        [10_000, false, 100],
      ],
    },
    {
      desc: 'a refused reservation gives its token back',
      steps: [
        [0, true, 0],
        [0, true, 0],
        [0, false, 100],
        [0, false, 100],
        [100, true, 0],
      ],
    },
  ])('$desc', ({ steps }) => {
    const buckets = new TokenBuckets(OPTS);
    for (const [now, ok, wait] of steps as Array<[number, boolean, number]>) {
      const r = buckets.reserve('s', now);
      expect({ now, ok: r.ok, wait: Math.round(r.waitMs) }).toEqual({ now, ok, wait });
    }
  });

  it('keeps sources apart', () => {
    const buckets = new TokenBuckets({ ...OPTS, burst: 1 });
    expect(buckets.reserve('a', 0).ok).toBe(true);
    expect(buckets.reserve('a', 0).ok).toBe(false);
    expect(buckets.reserve('b', 0).ok).toBe(true);
  });

  it('drops buckets idle long enough to be full again', () => {
    const buckets = new TokenBuckets(OPTS); // full again after (2 + 1) / 0.01 = 300 ms
    buckets.reserve('a', 0);
    buckets.reserve('b', 100);
    buckets.reserve('c', 350); // a is idle 350 ms: dropped; b only 250 ms: kept
    expect(buckets.size).toBe(2);
  });

  it('never holds more than maxSources, dropping the least recently used', () => {
    const buckets = new TokenBuckets({ ...OPTS, burst: 1, maxSources: 2 });
    buckets.reserve('a', 0);
    buckets.reserve('b', 0);
    buckets.reserve('a', 1); // a is now the most recent
    buckets.reserve('c', 2); // evicts b
    expect(buckets.size).toBe(2);
    expect(buckets.reserve('a', 3).ok).toBe(false); // a kept its (empty) bucket
    expect(buckets.reserve('b', 3).ok).toBe(true); // b starts afresh
  });
});

import { describe, expect, it } from 'vitest';
import type { Middleware, MiddlewareDeps } from './middleware';
import { createMiddleware } from './registry';
import { makeContext } from '../../test/support/middlewares/proxy-context';

function fakeTime(): { deps: MiddlewareDeps; advance(ms: number): void; sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    deps: {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}

async function outcome(mw: Middleware, clientIp = '1.1.1.1'): Promise<number | 'pass'> {
  const result = await mw.handle(makeContext({ clientIp }));
  return result === undefined ? 'pass' : result.status;
}

describe('rateLimit middleware', () => {
  it('serves the burst, refuses beyond, refills over time', async () => {
    const t = fakeTime();
    const mw = createMiddleware('rl', { rateLimit: { average: 10, burst: 2 } }, t.deps);
    expect([await outcome(mw), await outcome(mw), await outcome(mw)]).toEqual(['pass', 'pass', 429]);
    t.advance(100);
    expect([await outcome(mw), await outcome(mw)]).toEqual(['pass', 429]);
    expect(t.sleeps).toEqual([]);
  });

  it('answers 429 with Retry-After and X-Retry-In', async () => {
    const t = fakeTime();
    const mw = createMiddleware('rl', { rateLimit: { average: 1, period: '2s' } }, t.deps);
    await outcome(mw);
    const result = await mw.handle(makeContext({ clientIp: '1.1.1.1' }));
    expect(result).toEqual({
      status: 429,
      headers: { 'retry-after': '2', 'x-retry-in': '2s' },
      body: 'Too Many Requests',
    });
  });

  it('delays a request whose wait is short instead of refusing it', async () => {
    const t = fakeTime();
    const mw = createMiddleware('rl', { rateLimit: { average: 10, burst: 1 } }, t.deps); // max delay 50 ms
    await outcome(mw);
    t.advance(70); // 0.7 token: 30 ms to wait
    const pending = mw.handle(makeContext({ clientIp: '1.1.1.1' }));
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBeUndefined();
    expect(t.sleeps.map(Math.round)).toEqual([30]);
  });

  it.each([
    { desc: 'period as a number of seconds', options: { average: 6, period: 60 }, refillMs: 10_000 },
    { desc: 'period as a Go duration', options: { average: 3, period: '1m' }, refillMs: 20_000 },
    { desc: 'default period of 1s', options: { average: 4 }, refillMs: 250 },
  ])('average/period sets the rate: $desc', async ({ options, refillMs }) => {
    const t = fakeTime();
    const mw = createMiddleware('rl', { rateLimit: options }, t.deps);
    expect([await outcome(mw), await outcome(mw)]).toEqual(['pass', 429]);
    t.advance(refillMs * 0.4);
    expect(await outcome(mw)).toBe(429);
    t.advance(refillMs * 0.6);
    expect(await outcome(mw)).toBe('pass');
  });

  it('limits each source apart, by header when asked', async () => {
    const t = fakeTime();
    const mw = createMiddleware(
      'rl',
      { rateLimit: { average: 1, sourceCriterion: { requestHeaderName: 'X-Key' } } },
      t.deps,
    );
    const call = async (key: string) => (await mw.handle(makeContext({ headers: { 'x-key': key } })))?.status ?? 'pass';
    expect([await call('a'), await call('a'), await call('b')]).toEqual(['pass', 429, 'pass']);
  });

  it('average 0 disables limiting', async () => {
    const mw = createMiddleware('rl', { rateLimit: { average: 0 } });
    for (let i = 0; i < 5; i++) expect(await outcome(mw)).toBe('pass');
  });

  it.each([
    { config: { average: -1 }, path: 'rateLimit.average' },
    { config: { average: 1, period: 'soon' }, path: 'rateLimit.period' },
    { config: { average: 1, period: '-1s' }, path: 'rateLimit.period' },
    { config: { average: 1, redis: { endpoints: ['x'] } }, path: 'rateLimit.redis' },
  ])('rejects $config', ({ config, path }) => {
    expect(() => createMiddleware('rl', { rateLimit: config })).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });
});

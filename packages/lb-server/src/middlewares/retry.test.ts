import { describe, expect, it } from 'vitest';
import type { Middleware } from './middleware';
import { createMiddleware } from './registry';
import { findRetryPolicy, retryPolicy } from './retry';
import { makeContext } from '../../test/support/middlewares/proxy-context';

describe('retryPolicy', () => {
  it.each([
    {
      desc: 'defaults the interval to 100ms',
      config: { attempts: 3 },
      attempts: 3,
      interval: 100,
      multiplier: Math.SQRT2,
    },
    {
      desc: 'reads a Go duration',
      config: { attempts: 5, initialInterval: '500ms' },
      attempts: 5,
      interval: 500,
      multiplier: 2 ** 0.25,
    },
    {
      desc: 'label strings',
      config: { attempts: '2', initialinterval: '1s' },
      attempts: 2,
      interval: 1000,
      multiplier: 2,
    },
    { desc: 'a single attempt has no backoff', config: { attempts: 1 }, attempts: 1, interval: 100, multiplier: 1 },
  ])('$desc', ({ config, attempts, interval, multiplier }) => {
    const policy = retryPolicy(config);
    expect(policy.attempts).toBe(attempts);
    expect(policy.initialIntervalMs).toBe(interval);
    expect(policy.multiplier).toBeCloseTo(multiplier, 12);
  });

  it('grows the wait so the last is twice the first, randomised by ±50 %', () => {
    const policy = retryPolicy({ attempts: 3, initialInterval: '100ms' });
    const mid = () => 0.5;
    expect([1, 2, 3].map((n) => Math.round(policy.delayMs(n, mid)))).toEqual([100, 141, 200]);
    expect(policy.delayMs(1, () => 0)).toBe(50);
    expect(policy.delayMs(1, () => 0.999999)).toBeCloseTo(150, 3);
    expect(retryPolicy({ attempts: 4, initialInterval: 0 }).delayMs(1)).toBe(0);
  });

  it.each([{}, { attempts: 0 }, { attempts: 2, initialInterval: 'x' }, { attempts: 2, statuses: '500' }])(
    'rejects %j',
    (config) => {
      expect(() => retryPolicy(config)).toThrow(expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID' }));
    },
  );
});

describe('findRetryPolicy', () => {
  it('finds retry in a router list, inside chains too', () => {
    const retry = createMiddleware('r', { retry: { attempts: 4 } });
    const strip = createMiddleware('s', { stripPrefix: { prefixes: ['/a'] } });
    const lookup = (n: string): Middleware | undefined => ({ r: retry, s: strip })[n];
    const chain = createMiddleware('c', { chain: { middlewares: ['s', 'r'] } }, { lookup });
    expect(findRetryPolicy([strip, chain])?.attempts).toBe(4);
    expect(findRetryPolicy([strip])).toBeUndefined();
    expect(retry.handle(makeContext())).toBeUndefined();
  });
});

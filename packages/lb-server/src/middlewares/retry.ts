/**
 * `retry` (Traefik) is not a request filter: it tells the proxy's forwarder how often to re-send
 * a request that failed before any response (a network error), and how long to wait between
 * tries. This file turns its options into a {@link RetryPolicy}; the registry also wraps it in a
 * pass-through middleware carrying the policy, so routers can list it like any other.
 *
 * Backoff as in Traefik: exponential from `initialInterval` (default 100 ms) with the multiplier
 * `2^(1/(attempts-1))`, so the last wait is about twice the first, each wait randomised by ±50 %
 * (cenkalti/backoff's default); no wait at all with fewer than 2 attempts or a zero interval.
 */
import { ConfigReader } from './config-reader';
import { invalid } from './errors';
import type { Middleware } from './middleware';

/** Traefik's default `initialInterval`. */
export const RETRY_DEFAULT_INTERVAL_MS = 100;

/** How the forwarder retries. */
export interface RetryPolicy {
  /** Total attempts, the first one included (≥ 1). */
  readonly attempts: number;
  /** Wait before the first retry, before randomisation. */
  readonly initialIntervalMs: number;
  /** Growth factor of the wait from one retry to the next. */
  readonly multiplier: number;
  /** The wait before retry `n` (1 = first retry), randomised with `random()` in [0, 1). */
  delayMs(n: number, random?: () => number): number;
}

/** A pass-through middleware that carries a {@link RetryPolicy} for the forwarder. */
export interface RetryMiddleware extends Middleware {
  readonly type: 'retry';
  readonly policy: RetryPolicy;
}

/** Reads a retry configuration (`{ attempts, initialInterval }`, as a reader or a plain object). */
export function retryPolicy(config: unknown, path = 'retry'): RetryPolicy {
  const options = config instanceof ConfigReader ? config : new ConfigReader(config, path);
  const attempts = options.int('attempts');
  const initialIntervalMs = options.durationMs('initialInterval') ?? RETRY_DEFAULT_INTERVAL_MS;
  options.done();
  if (attempts === undefined || attempts < 1) throw invalid(options.at('attempts'), 'must be an integer of at least 1');
  const backoff = attempts >= 2 && initialIntervalMs > 0;
  const multiplier = backoff ? 2 ** (1 / (attempts - 1)) : 1;
  return Object.freeze({
    attempts,
    initialIntervalMs,
    multiplier,
    delayMs(n: number, random: () => number = Math.random): number {
      if (!backoff || n < 1) return 0;
      return initialIntervalMs * multiplier ** (n - 1) * (1 + 0.5 * (2 * random() - 1));
    },
  });
}

/** Builds the pass-through `retry` middleware. */
export function createRetry(name: string, options: ConfigReader): RetryMiddleware {
  const policy = retryPolicy(options);
  return { name, type: 'retry', policy, handle: () => undefined };
}

/**
 * The retry policy of a router's middleware list: the last `retry` found, looking inside chains
 * (which expose their `members`); `undefined` when there is none.
 */
export function findRetryPolicy(list: readonly Middleware[]): RetryPolicy | undefined {
  let found: RetryPolicy | undefined;
  for (const mw of list) {
    if (mw.type === 'retry' && 'policy' in mw) found = (mw as RetryMiddleware).policy;
    const members = (mw as { members?: readonly Middleware[] }).members;
    if (members !== undefined) found = findRetryPolicy(members) ?? found;
  }
  return found;
}

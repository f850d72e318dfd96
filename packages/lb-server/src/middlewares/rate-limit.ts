/**
 * `rateLimit` (Traefik): a token bucket per source. `average` requests per `period` (default 1s)
 * refill the bucket, which holds `burst` tokens (default 1); `average: 0` disables limiting.
 * As in Traefik, a request that would have to wait a little (at most half the refill interval,
 * capped at 500 ms for rates under 1/s) is delayed rather than refused, smoothing bursts; a
 * longer wait is answered 429 with `Retry-After` (whole seconds, rounded up) and `X-Retry-In`.
 * The source is the `sourceCriterion`, by default the remote address.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { formatDuration } from '@junction/lb-core';
import type { ConfigReader } from './config-reader';
import { readSourceCriterion } from './ip-strategy';
import type { Middleware, MiddlewareDeps } from './middleware';
import { TokenBuckets } from './token-bucket';

/** Most sources tracked at once (Traefik's limit too). */
export const RATE_LIMIT_MAX_SOURCES = 65_536;

/** Builds a `rateLimit` middleware. `deps.now` and `deps.sleep` make it testable with a fake clock. */
export function createRateLimit(name: string, options: ConfigReader, deps: MiddlewareDeps = {}): Middleware {
  const average = options.int('average', 0) ?? 0;
  const periodMs = options.durationMs('period') || 1000;
  const burst = Math.max(1, options.int('burst') ?? 1);
  const source = readSourceCriterion(options.object('sourceCriterion'), 'ip');
  options.done();
  if (average === 0) return { name, type: 'rateLimit', handle: () => undefined };

  const perSecond = (average * 1000) / periodMs;
  const maxDelayMs = perSecond < 1 ? 500 : 1000 / (Math.trunc(perSecond) * 2);
  const buckets = new TokenBuckets({
    ratePerMs: perSecond / 1000,
    burst,
    maxDelayMs,
    maxSources: RATE_LIMIT_MAX_SOURCES,
  });
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => delay(ms));
  return {
    name,
    type: 'rateLimit',
    handle(ctx) {
      const res = buckets.reserve(source(ctx), now());
      if (!res.ok) {
        return {
          status: 429,
          headers: { 'retry-after': String(Math.ceil(res.waitMs / 1000)), 'x-retry-in': formatDuration(res.waitMs) },
          body: 'Too Many Requests',
        };
      }
      return res.waitMs > 0 ? sleep(res.waitMs).then(() => undefined) : undefined;
    },
  };
}

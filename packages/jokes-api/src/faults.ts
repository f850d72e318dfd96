/**
 * Optional fault injection for load-balancer experiments: each replica can be made slow
 * (`JOKES_DELAY_MS`) or flaky (`JOKES_FAIL_RATE`), so the test harness can watch passive
 * health checks and timeouts react. Off by default.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler } from 'express';
import { JokesError } from './errors';
import type { RandomSource } from './jokes';

/** What to inject: a fixed delay before answering and a probability of answering 500. */
export interface FaultOptions {
  readonly delayMs: number;
  readonly failRate: number;
  readonly random: RandomSource;
}

/**
 * Middleware that waits `delayMs`, then fails with `JOKES_INJECTED_FAILURE` (500) with
 * probability `failRate`. With both at 0 it is a no-op pass-through.
 */
export function injectFaults({ delayMs, failRate, random }: FaultOptions): RequestHandler {
  return async (_req, _res, next) => {
    if (delayMs > 0) await sleep(delayMs);
    if (failRate > 0 && random() < failRate) {
      throw new JokesError('JOKES_INJECTED_FAILURE', 'Injected failure (JOKES_FAIL_RATE)', 500);
    }
    next();
  };
}

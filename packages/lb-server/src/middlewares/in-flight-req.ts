/**
 * `inFlightReq` (Traefik): at most `amount` simultaneous requests per source; the next one gets
 * 429. The source is the `sourceCriterion`, by default the request host (Traefik's default for
 * this middleware). A slot is released when the exchange ends, however it ends (`ctx.onEnd`).
 * Counters at zero are deleted, so the table only holds sources with requests in flight.
 */
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { readSourceCriterion } from './ip-strategy';
import type { Middleware, MiddlewareResponse } from './middleware';

const TOO_MANY: MiddlewareResponse = Object.freeze({ status: 429, body: 'Too Many Requests' });

/** Builds an `inFlightReq` middleware. */
export function createInFlightReq(name: string, options: ConfigReader): Middleware {
  const amount = options.int('amount');
  const source = readSourceCriterion(options.object('sourceCriterion'), 'host');
  options.done();
  if (amount === undefined || amount < 1) throw invalid(options.at('amount'), 'must be an integer of at least 1');
  const inFlight = new Map<string, number>();
  const release = (key: string): void => {
    const n = (inFlight.get(key) ?? 1) - 1;
    if (n <= 0) inFlight.delete(key);
    else inFlight.set(key, n);
  };
  return {
    name,
    type: 'inFlightReq',
    handle(ctx) {
      const key = source(ctx);
      const n = inFlight.get(key) ?? 0;
      if (n >= amount) return TOO_MANY;
      inFlight.set(key, n + 1);
      let released = false;
      ctx.onEnd(() => {
        if (released) return;
        released = true;
        release(key);
      });
      return undefined;
    },
  };
}

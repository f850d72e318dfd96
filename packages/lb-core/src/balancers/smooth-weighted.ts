/**
 * Smooth weighted round-robin, nginx's algorithm
 * (`ngx_http_upstream_get_peer` in `ngx_http_upstream_round_robin.c`).
 *
 * Each pick adds every available server's weight to its running `current` score and sums
 * the weights into `total`; the server with the highest `current` wins (the first one in
 * configuration order on a tie) and has `total` subtracted. Over any `sum(weights)`
 * consecutive picks of a stable pool each server is picked exactly `weight` times, and the
 * picks are spread out: weights 5, 1, 1 over a, b, c give `a a b a c a a`, repeating.
 *
 * Unavailable servers are skipped and keep their score, so their turn does not carry over
 * as a burst. `update` keeps the score of servers that stay, so a reload continues the
 * sequence; new servers start at 0. Weights may be fractional (slow start scales them).
 * nginx's `effective_weight` failure penalty is not modelled: passive health checks mark a
 * server down instead.
 */
import type { PickContext, Server, ServerSpec } from './balancer';
import { PoolBalancer, type PoolEntry } from './pool';

/** Smooth weighted round-robin strategy (nginx SWRR; Traefik's `wrr`). */
export class SmoothWeightedBalancer extends PoolBalancer {
  readonly strategy = 'weighted' as const;

  pick(_ctx?: PickContext): Server | undefined {
    const available = this.pool.available();
    const n = available.length;
    if (n === 0) return undefined;
    let total = 0;
    let best = available[0] as PoolEntry;
    for (let i = 0; i < n; i++) {
      const entry = available[i] as PoolEntry;
      const weight = entry.server.weight;
      entry.current += weight;
      total += weight;
      if (entry.current > best.current) best = entry;
    }
    best.current -= total;
    return best.server;
  }
}

/** Creates a {@link SmoothWeightedBalancer} over `servers`. */
export function smoothWeighted(servers: readonly ServerSpec[]): SmoothWeightedBalancer {
  return new SmoothWeightedBalancer(servers);
}

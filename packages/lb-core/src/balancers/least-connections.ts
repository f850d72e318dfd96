/**
 * Least connections, weight-aware like nginx's `least_conn`: the available server with the
 * fewest in-flight requests per unit of weight (`inFlight / weight`, compared by
 * cross-multiplication so no division happens) wins.
 *
 * Ties are broken by rotation: the scan starts one past the previous winner, and the first
 * server with the lowest ratio wins, so with no load (or no `begin`/`end` accounting) it
 * behaves as round-robin. nginx breaks ties with weighted round-robin instead; here weights
 * act through the ratio only. In-flight counts come from the proxy's `begin`/`end` calls.
 */
import type { PickContext, Server, ServerSpec } from './balancer';
import { PoolBalancer, type PoolEntry } from './pool';

/** Least-connections strategy (nginx `least_conn`, HAProxy `leastconn`). */
export class LeastConnectionsBalancer extends PoolBalancer {
  readonly strategy = 'least-connections' as const;
  /** Position in the available list where the next scan starts. */
  #start = 0;

  pick(_ctx?: PickContext): Server | undefined {
    const available = this.pool.available();
    const n = available.length;
    if (n === 0) return undefined;
    const start = this.#start < n ? this.#start : 0;
    let bestIndex = start;
    let best = available[start] as PoolEntry;
    let bestInFlight = best.inFlight;
    let bestWeight = best.server.weight;
    for (let k = 1; k < n; k++) {
      const i = start + k < n ? start + k : start + k - n;
      const entry = available[i] as PoolEntry;
      const inFlight = entry.inFlight;
      const weight = entry.server.weight;
      if (inFlight * bestWeight < bestInFlight * weight) {
        best = entry;
        bestIndex = i;
        bestInFlight = inFlight;
        bestWeight = weight;
      }
    }
    this.#start = bestIndex + 1;
    return best.server;
  }
}

/** Creates a {@link LeastConnectionsBalancer} over `servers`. */
export function leastConnections(servers: readonly ServerSpec[]): LeastConnectionsBalancer {
  return new LeastConnectionsBalancer(servers);
}

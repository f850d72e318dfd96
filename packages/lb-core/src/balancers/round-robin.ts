/**
 * Round-robin: plain rotation over the available servers, in configuration order.
 *
 * The position is an index into the whole server list; unavailable servers are skipped and
 * their turn does not carry over, so every available server gets exactly one pick per cycle.
 * Weights only matter as "in rotation" (> 0) or "out" (≤ 0): use `weighted` for proportions.
 * On `update` the rotation continues with the server that would have come next, wherever the
 * new list puts it, so a reload neither restarts the cycle nor bursts onto one server.
 */
import type { PickContext, Server, ServerSpec } from './balancer';
import { isAvailable, PoolBalancer, type PoolEntry } from './pool';

/** Round-robin strategy (Traefik's `wrr` with equal weights behaves the same). */
export class RoundRobinBalancer extends PoolBalancer {
  readonly strategy = 'round-robin' as const;
  /** Index in the entry list where the next search starts. */
  #next = 0;

  pick(_ctx?: PickContext): Server | undefined {
    const entries = this.pool.entries;
    const n = entries.length;
    for (let k = 0; k < n; k++) {
      let i = this.#next + k;
      if (i >= n) i -= n;
      const entry = entries[i] as PoolEntry;
      if (isAvailable(entry)) {
        this.#next = i + 1 === n ? 0 : i + 1;
        return entry.server;
      }
    }
    return undefined;
  }

  protected override onUpdate(previous: readonly PoolEntry[]): void {
    this.#next = this.pool.continueAt(previous, this.#next);
  }
}

/** Creates a {@link RoundRobinBalancer} over `servers`. */
export function roundRobin(servers: readonly ServerSpec[]): RoundRobinBalancer {
  return new RoundRobinBalancer(servers);
}

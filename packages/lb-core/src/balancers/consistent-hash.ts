/**
 * Consistent hashing by rendezvous hashing (highest random weight, HRW; Traefik's `hrw`):
 * each available server scores the request key and the highest score wins. Weighted as in
 * "Weighted Distributed Hash Tables" (Schindelhauer and Schomaker): a server's score is
 * `weight / -ln(u)` where `u` in (0, 1) is the key-and-server hash, so a server's share of
 * keys is proportional to its weight. Servers of equal weight are compared on the raw hash
 * (same winner), so a pick takes one logarithm per distinct weight, not per server.
 *
 * Because a server's score depends only on the key and that server, removing (or marking
 * down, or draining) a server remaps only the keys it owned; every other key keeps its server.
 *
 * The key is the configured header's value, else the client IP, else the empty string: a
 * request with neither always goes to the same server (a deterministic choice, with no
 * rotation state). Cost per pick is O(servers).
 */
import type { PickContext, Server, ServerSpec } from './balancer';
import { fmix32, fnv1a32 } from './hash';
import { PoolBalancer, type PoolEntry } from './pool';

/** Options of {@link ConsistentHashBalancer}. */
export interface ConsistentHashOptions {
  /** Hash this request header (case-insensitive) instead of the client IP when present. */
  readonly header?: string;
  /** Hashes a key or a server id to an unsigned 32-bit integer. Defaults to FNV-1a. */
  readonly hash?: (text: string) => number;
}

const TWO_POW_32 = 4294967296;

/** Rendezvous-hashing strategy on a header or the client IP. */
export class ConsistentHashBalancer extends PoolBalancer {
  readonly strategy = 'consistent-hash' as const;
  readonly #header: string | undefined;
  readonly #hash: (text: string) => number;
  /** The available list the tables below were computed for. */
  #for: readonly PoolEntry[] | undefined;
  /** Indices into the available list, grouped by weight. */
  #order = new Uint32Array(0);
  /** Per position in `#order`: the server's hash seed. */
  #seeds = new Uint32Array(0);
  /** Group `g` is `#order[#bounds[g] .. #bounds[g + 1])`, all of weight `#weights[g]`. */
  #bounds: number[] = [0];
  #weights: number[] = [];

  constructor(servers: readonly ServerSpec[], options: ConsistentHashOptions = {}) {
    super(servers);
    this.#header = options.header?.toLowerCase() || undefined;
    this.#hash = options.hash ?? fnv1a32;
  }

  pick(ctx?: PickContext): Server | undefined {
    const available = this.pool.available();
    if (available.length === 0) return undefined;
    if (available !== this.#for) this.#prepare(available);
    const key = fmix32(this.#hash(this.#keyOf(ctx)));
    const seeds = this.#seeds;
    const bounds = this.#bounds;
    const weights = this.#weights;
    let best = 0;
    let bestScore = -1;
    for (let g = 0; g < weights.length; g++) {
      // Within a group of equal weights the highest hash has the highest score.
      let groupBest = 0;
      let groupMax = -1;
      for (let p = bounds[g] as number, end = bounds[g + 1] as number; p < end; p++) {
        const h = fmix32(key ^ (seeds[p] as number));
        if (h > groupMax) {
          groupMax = h;
          groupBest = p;
        }
      }
      const score = weights.length === 1 ? 0 : (weights[g] as number) / -Math.log((groupMax + 0.5) / TWO_POW_32);
      if (score > bestScore) {
        bestScore = score;
        best = groupBest;
      }
    }
    return (available[this.#order[best] as number] as PoolEntry).server;
  }

  #keyOf(ctx: PickContext | undefined): string {
    if (ctx === undefined) return '';
    if (this.#header !== undefined) {
      const value = ctx.header?.(this.#header);
      if (value) return value;
    }
    return ctx.clientIp ?? '';
  }

  /**
   * Groups the available servers by weight (so a pick takes one logarithm per distinct weight,
   * not per server) and caches each server's seeds, derived from its id.
   */
  #prepare(available: readonly PoolEntry[]): void {
    const groups = new Map<number, number[]>();
    available.forEach((entry, i) => {
      const group = groups.get(entry.server.weight);
      if (group === undefined) groups.set(entry.server.weight, [i]);
      else group.push(i);
    });
    this.#order = Uint32Array.from([...groups.values()].flat());
    this.#weights = [...groups.keys()];
    this.#bounds = [0];
    for (const group of groups.values()) this.#bounds.push((this.#bounds.at(-1) as number) + group.length);
    this.#seeds = this.#order.map((i) => fmix32(this.#hash((available[i] as PoolEntry).id) ^ 0x9e3779b9));
    this.#for = available;
  }
}

/** Creates a {@link ConsistentHashBalancer} over `servers`. */
export function consistentHash(
  servers: readonly ServerSpec[],
  options?: ConsistentHashOptions,
): ConsistentHashBalancer {
  return new ConsistentHashBalancer(servers, options);
}

/**
 * Power of two choices (P2C), as in Traefik's `p2c` and Envoy's least-request balancer:
 * draw two distinct available servers uniformly at random and send the request to the one
 * with fewer in-flight requests. It avoids herding onto one "least loaded" server while
 * still steering away from slow, busy ones, at constant cost per pick.
 *
 * Weight-aware: the comparison is on `inFlight / weight` (cross-multiplied), and an exact
 * tie goes to the heavier server, then to the first draw. With equal weights this is plain
 * least-in-flight. The random source is injectable for deterministic tests; it must return
 * numbers in [0, 1) like `Math.random`.
 */
import type { PickContext, Server, ServerSpec } from './balancer';
import { PoolBalancer, type PoolEntry } from './pool';

/** Options of {@link P2CBalancer}. */
export interface P2COptions {
  /** Uniform random numbers in [0, 1). Defaults to `Math.random`. */
  readonly random?: () => number;
}

/** Power-of-two-choices least-in-flight strategy. */
export class P2CBalancer extends PoolBalancer {
  readonly strategy = 'p2c' as const;
  readonly #random: () => number;

  constructor(servers: readonly ServerSpec[], options: P2COptions = {}) {
    super(servers);
    this.#random = options.random ?? Math.random;
  }

  pick(_ctx?: PickContext): Server | undefined {
    const available = this.pool.available();
    const n = available.length;
    if (n === 0) return undefined;
    if (n === 1) return (available[0] as PoolEntry).server;
    const i = draw(this.#random, n);
    let j = draw(this.#random, n - 1);
    if (j >= i) j += 1;
    const a = available[i] as PoolEntry;
    const b = available[j] as PoolEntry;
    const left = a.inFlight * b.server.weight;
    const right = b.inFlight * a.server.weight;
    if (left < right) return a.server;
    if (right < left) return b.server;
    return b.server.weight > a.server.weight ? b.server : a.server;
  }
}

/** A uniform index in [0, n), robust to a random source that returns 1 or a negative number. */
function draw(random: () => number, n: number): number {
  const i = Math.floor(random() * n);
  return i >= n ? n - 1 : i > 0 ? i : 0;
}

/** Creates a {@link P2CBalancer} over `servers`. */
export function p2c(servers: readonly ServerSpec[], options?: P2COptions): P2CBalancer {
  return new P2CBalancer(servers, options);
}

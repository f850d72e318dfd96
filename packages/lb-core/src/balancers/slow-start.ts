/**
 * Slow start as a decorator (nginx `slow_start`, Envoy `slow_start_config`): a server that
 * joins after the initial list, or recovers from down, has its effective weight ramped
 * linearly from `minWeightFraction × weight` to its full weight over `window` milliseconds,
 * so a cold server is not flooded the moment it appears.
 *
 * It works through the public contract only: while a ramp is running, picks re-apply the
 * scaled weights to the inner strategy with `update` (at most once per `window / steps`), which
 * every built-in strategy absorbs without losing state. The effect depends on the strategy:
 * - `weighted` (SWRR), `consistent-hash`: the share of requests (of keys) grows with the weight;
 * - `least-connections`, `p2c`: the ramping server looks busier (`inFlight / weight`), so it
 *   gets fewer requests under load, and the normal share when idle;
 * - `round-robin`: none. Plain rotation ignores weights, so a new server gets its full 1/n
 *   share at once; pick `weighted` when slow start matters.
 * The clock is injectable; the decorator never starts a timer. Wrap it with `withSticky`
 * (sticky outermost), not the other way round.
 */
import { BalancerDecorator } from './decorator';
import type { Balancer, PickContext, Server, ServerSpec, ServerStatus } from './balancer';
import { byFirstId, toServer } from './pool';

/** Options of {@link withSlowStart}. */
export interface SlowStartOptions {
  /** Ramp duration in milliseconds; ≤ 0 disables slow start. */
  readonly window: number;
  /** The clock, in milliseconds. Defaults to `Date.now`. */
  readonly now?: () => number;
  /** The fraction of its weight a server starts at, in (0, 1]. Defaults to 0.1 (Envoy's 10 %). */
  readonly minWeightFraction?: number;
  /** How many times the weights are re-applied over a window. Defaults to 100. */
  readonly steps?: number;
}

const DEFAULT_MIN_WEIGHT_FRACTION = 0.1;
const DEFAULT_STEPS = 100;

/** A balancer whose newly joined and recovered servers ramp up in weight. */
class SlowStartBalancer extends BalancerDecorator implements Balancer {
  readonly #window: number;
  readonly #now: () => number;
  readonly #min: number;
  readonly #interval: number;
  #specs: readonly Server[];
  #byId: Map<string, Server>;
  readonly #down = new Set<string>();
  /** Ramp start time per ramping server id. */
  readonly #ramps = new Map<string, number>();
  #nextRefresh = 0;

  constructor(inner: Balancer, options: SlowStartOptions) {
    super(inner);
    this.#window = Number.isFinite(options.window) ? options.window : 0;
    this.#now = options.now ?? (() => Date.now());
    const min = options.minWeightFraction ?? DEFAULT_MIN_WEIGHT_FRACTION;
    this.#min = min > 0 && min <= 1 ? min : DEFAULT_MIN_WEIGHT_FRACTION;
    this.#interval = this.#window / Math.max(1, Math.floor(options.steps ?? DEFAULT_STEPS));
    const initial = inner.servers();
    this.#specs = initial.map(toServer);
    this.#byId = byFirstId(this.#specs);
    for (const s of initial) if (!s.healthy) this.#down.add(s.id);
  }

  override pick(ctx?: PickContext): Server | undefined {
    if (this.#ramps.size === 0) return this.inner.pick(ctx);
    if (this.#now() >= this.#nextRefresh) this.#refresh();
    const picked = this.inner.pick(ctx);
    // While ramping, the inner server carries the scaled weight: return the configured one.
    return picked === undefined ? undefined : (this.#byId.get(picked.id) ?? picked);
  }

  override update(servers: readonly ServerSpec[]): void {
    const joined = servers.filter((s) => !this.#byId.has(s.id)).map((s) => s.id);
    this.#specs = servers.map(toServer);
    this.#byId = byFirstId(this.#specs);
    for (const id of [...this.#ramps.keys()]) if (!this.#byId.has(id)) this.#ramps.delete(id);
    for (const id of [...this.#down]) if (!this.#byId.has(id)) this.#down.delete(id);
    this.#start(joined);
  }

  override setHealthy(id: string, up: boolean): void {
    if (!this.#byId.has(id)) return;
    const recovered = up && this.#down.has(id);
    if (up) this.#down.delete(id);
    else this.#down.add(id);
    // Scale the weight down before the server becomes available again.
    if (recovered) this.#start([id]);
    this.inner.setHealthy(id, up);
  }

  override servers(): readonly ServerStatus[] {
    return this.inner.servers().map((status) => {
      const spec = this.#byId.get(status.id);
      if (spec === undefined || spec.weight === status.weight) return status;
      return { ...status, weight: spec.weight, effectiveWeight: status.weight };
    });
  }

  /** Starts ramps for `ids` (when enabled) and pushes weights to the inner balancer. */
  #start(ids: readonly string[]): void {
    if (this.#window > 0 && ids.length > 0) {
      const now = this.#now();
      for (const id of ids) this.#ramps.set(id, now);
    }
    this.#refresh();
  }

  /** Recomputes ramping weights, ends finished ramps and updates the inner balancer. */
  #refresh(): void {
    const now = this.#ramps.size > 0 ? this.#now() : 0;
    const specs = this.#specs.map((spec) => {
      const started = this.#ramps.get(spec.id);
      if (started === undefined) return spec;
      const fraction = (now - started) / this.#window;
      if (fraction >= 1) {
        this.#ramps.delete(spec.id);
        return spec;
      }
      const scaled = spec.weight * Math.max(this.#min, fraction);
      // A positive weight must not underflow to 0 (e.g. 5e-324 × 0.1): that would take a joining
      // server out of rotation instead of ramping it.
      return { id: spec.id, url: spec.url, weight: scaled > 0 || !(spec.weight > 0) ? scaled : Number.MIN_VALUE };
    });
    this.#nextRefresh = now + this.#interval;
    this.inner.update(specs);
  }
}

/**
 * Decorates `inner` with slow start. The inner balancer's current servers are the initial
 * set and do not ramp. After wrapping, drive only the returned balancer.
 */
export function withSlowStart(inner: Balancer, options: SlowStartOptions): Balancer {
  return new SlowStartBalancer(inner, options);
}

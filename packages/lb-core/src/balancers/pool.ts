/**
 * The server pool every built-in strategy shares: normalised servers, health, drain flags and
 * in-flight counts, kept by id across `update`s so a reload never resets a server's state.
 * Strategies extend {@link PoolBalancer} and only implement `pick` (and, where they keep a
 * rotation, `onUpdate`), which keeps each strategy module small.
 *
 * Internal to the balancers folder: not part of lb-core's public entry.
 */
import type { Balancer, PickContext, Server, ServerSpec, ServerStatus, StrategyName } from './balancer';

/** One server's mutable state inside a pool. */
export interface PoolEntry {
  readonly id: string;
  /** The normalised, frozen server returned by `pick` (replaced when its url or weight changes). */
  server: Server;
  healthy: boolean;
  draining: boolean;
  inFlight: number;
  /** Smooth weighted round-robin's running score (nginx `current_weight`). */
  current: number;
}

/**
 * Weight semantics of Traefik and nginx: a missing weight means 1; zero, negative and
 * non-finite weights take the server out of rotation (normalised to 0).
 */
export function normaliseWeight(weight: number | undefined): number {
  if (weight === undefined) return 1;
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/** A frozen {@link Server} from a spec, with its weight normalised by {@link normaliseWeight}. */
export function toServer(spec: ServerSpec): Server {
  return Object.freeze({ id: spec.id, url: spec.url, weight: normaliseWeight(spec.weight) });
}

/** Servers by id; the first of duplicate ids wins, as in {@link ServerPool.update}. */
export function byFirstId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/** True when an entry may take new clients: healthy, not draining and weight > 0. */
export function isAvailable(entry: PoolEntry): boolean {
  return entry.healthy && !entry.draining && entry.server.weight > 0;
}

/**
 * Servers by id, in configuration order, with a cached list of the available ones.
 * Duplicate ids in one `update` keep the first occurrence.
 */
export class ServerPool {
  #entries: PoolEntry[] = [];
  #byId = new Map<string, PoolEntry>();
  #available: PoolEntry[] | undefined;

  /** All entries in configuration order. */
  get entries(): readonly PoolEntry[] {
    return this.#entries;
  }

  /** The entry for an id, if present. */
  get(id: string): PoolEntry | undefined {
    return this.#byId.get(id);
  }

  /**
   * The available entries in configuration order. The array is cached and replaced (never
   * mutated) when availability changes, so strategies may key their own caches on its identity.
   */
  available(): readonly PoolEntry[] {
    this.#available ??= this.#entries.filter(isAvailable);
    return this.#available;
  }

  /** Replaces the server list, keeping the state of ids already present. Returns the old entries. */
  update(specs: readonly ServerSpec[]): readonly PoolEntry[] {
    const previous = this.#entries;
    const entries: PoolEntry[] = [];
    const byId = new Map<string, PoolEntry>();
    for (const spec of specs) {
      if (byId.has(spec.id)) continue;
      const old = this.#byId.get(spec.id);
      let entry: PoolEntry;
      if (old === undefined) {
        entry = { id: spec.id, server: toServer(spec), healthy: true, draining: false, inFlight: 0, current: 0 };
      } else {
        entry = old;
        const weight = normaliseWeight(spec.weight);
        if (old.server.url !== spec.url || old.server.weight !== weight) entry.server = toServer(spec);
      }
      entries.push(entry);
      byId.set(spec.id, entry);
    }
    this.#entries = entries;
    this.#byId = byId;
    this.#available = undefined;
    return previous;
  }

  /**
   * Where a rotation over `previous` (about to look at index `next`) continues after an update:
   * the new index of the first entry from `next` onwards, cyclically, that survived; 0 if none.
   */
  continueAt(previous: readonly PoolEntry[], next: number): number {
    const n = previous.length;
    for (let k = 0; k < n; k++) {
      const entry = previous[(next + k) % n] as PoolEntry;
      if (this.#byId.get(entry.id) === entry) return this.#entries.indexOf(entry);
    }
    return 0;
  }

  /** Marks a server up or down; unknown ids are ignored. */
  setHealthy(id: string, up: boolean): void {
    const entry = this.#byId.get(id);
    if (entry === undefined || entry.healthy === up) return;
    entry.healthy = up;
    this.#available = undefined;
  }

  /** Marks a server draining or not; unknown ids are ignored. */
  setDraining(id: string, draining: boolean): void {
    const entry = this.#byId.get(id);
    if (entry === undefined || entry.draining === draining) return;
    entry.draining = draining;
    this.#available = undefined;
  }

  /** Counts a request starting on a server; unknown ids are ignored. */
  begin(id: string): void {
    const entry = this.#byId.get(id);
    if (entry !== undefined) entry.inFlight += 1;
  }

  /** Counts a request ending on a server, never below zero; unknown ids are ignored. */
  end(id: string): void {
    const entry = this.#byId.get(id);
    if (entry !== undefined && entry.inFlight > 0) entry.inFlight -= 1;
  }

  /** A snapshot of every server's state. */
  statuses(): ServerStatus[] {
    return this.#entries.map((e) => ({
      id: e.id,
      url: e.server.url,
      weight: e.server.weight,
      healthy: e.healthy,
      draining: e.draining,
      inFlight: e.inFlight,
    }));
  }
}

/**
 * Base class of the built-in strategies: owns a {@link ServerPool} and implements everything
 * but `pick`. `onUpdate` runs after each `update` (not for the initial list) so a strategy can
 * carry its rotation position over.
 */
export abstract class PoolBalancer implements Balancer {
  abstract readonly strategy: StrategyName;
  protected readonly pool = new ServerPool();

  constructor(servers: readonly ServerSpec[]) {
    this.pool.update(servers);
  }

  abstract pick(ctx?: PickContext): Server | undefined;

  update(servers: readonly ServerSpec[]): void {
    this.onUpdate(this.pool.update(servers));
  }

  /** Hook for strategies that keep a position in the entry list. */
  protected onUpdate(_previous: readonly PoolEntry[]): void {}

  setHealthy(id: string, up: boolean): void {
    this.pool.setHealthy(id, up);
  }

  setDraining(id: string, draining: boolean): void {
    this.pool.setDraining(id, draining);
  }

  begin(id: string): void {
    this.pool.begin(id);
  }

  end(id: string): void {
    this.pool.end(id);
  }

  servers(): readonly ServerStatus[] {
    return this.pool.statuses();
  }
}

/**
 * The contract every balancing strategy implements. A strategy is a small module behind
 * this interface; sticky sessions and slow start decorate any strategy.
 *
 * Contract (checked for every strategy by the shared conformance suite):
 * - down servers get no picks; draining servers get no new clients;
 * - a weight ≤ 0 takes a server out of rotation; a missing weight means 1;
 * - an empty, all-down, all-draining or all-zero pool yields `undefined` from `pick`
 *   (the proxy turns it into `LB_NO_AVAILABLE_SERVER`, 503);
 * - `update` keeps the rotation state and weights of servers that did not change.
 */

/** Names of the built-in strategies. */
export type StrategyName = 'round-robin' | 'weighted' | 'p2c' | 'least-connections' | 'consistent-hash';

/** A server as configured: a stable id (survives container recreation), its URL and weight. */
export interface ServerSpec {
  /** Stable identity, e.g. `compose-project/service/2` or the URL. Sticky cookies hash it. */
  readonly id: string;
  /** Where to forward, e.g. `http://10.0.0.2:3000`. */
  readonly url: string;
  /** Relative weight; missing means 1, ≤ 0 means out of rotation. */
  readonly weight?: number;
}

/** A server as returned by `pick`: the spec with its effective weight filled in. */
export interface Server extends ServerSpec {
  readonly weight: number;
}

/** Read-only request data a strategy may use. Every strategy must work without it. */
export interface PickContext {
  /** The value of a request cookie, or undefined. */
  cookie?(name: string): string | undefined;
  /** A request header (lower-case name), or undefined. */
  header?(name: string): string | undefined;
  /** The client's IP address. */
  readonly clientIp?: string;
}

/** A balancing strategy over a pool of servers. */
export interface Balancer {
  /** The strategy's name. */
  readonly strategy: StrategyName;
  /** Choose a server for a new request, or `undefined` when none is available. */
  pick(ctx?: PickContext): Server | undefined;
  /** Replace the server list; unchanged servers (same id) keep their state. */
  update(servers: readonly ServerSpec[]): void;
  /** Mark a server up or down (health checks call this). Unknown ids are ignored. */
  setHealthy(id: string, up: boolean): void;
  /** Mark a server draining: no new clients, in-flight and existing sticky clients may finish. */
  setDraining(id: string, draining: boolean): void;
  /** A request to this server started (in-flight accounting). */
  begin(id: string): void;
  /** A request to this server ended. */
  end(id: string): void;
  /** The current state of each server, for APIs and dashboards. */
  servers(): readonly ServerStatus[];
}

/** A snapshot of one server's state inside a balancer. */
export interface ServerStatus {
  readonly id: string;
  readonly url: string;
  readonly weight: number;
  readonly healthy: boolean;
  readonly draining: boolean;
  readonly inFlight: number;
  /**
   * The weight the strategy currently uses, when it differs from `weight` (set by
   * `withSlowStart` while a server ramps up). Absent means `weight`.
   */
  readonly effectiveWeight?: number;
}

/**
 * Runtime overrides set from the dashboard or the actions API, on top of what providers say:
 * drain a server, change its weight, change a service's strategy. Overrides are operator
 * decisions, so they survive reloads: a new runtime built from a provider's snapshot gets them
 * again.
 *
 * How each reaches the traffic:
 * - drain and weight act on the live balancer at once (`setDraining`, `update` with the new
 *   weights) and are re-applied to every new runtime by {@link OverrideStore.applyTo} (the store
 *   subscription in `bindOverrides`), so a reload never silently resets them;
 * - a strategy needs a new balancer, so it goes into the configuration itself:
 *   {@link OverrideStore.transform} rewrites `loadBalancer.strategy` before the runtime is built,
 *   and {@link OverrideStore.onChange} tells the owner of the last configuration to rebuild.
 *
 * Undraining or resetting a weight returns the server to what its provider says (`draining: true`
 * from a Docker `kill`, the label's weight).
 */
import { resolveStrategy, type DynamicConfig } from '@junction/lb-core';
import type { LoadBalancedService, Runtime } from '../runtime/runtime';
import { dashboardError } from './errors';
import { applyWeights, providerDraining, withStrategies } from './override-apply';
import type { OverrideChange, ServerOverride, StrategyOverride } from './override-types';

export type { OverrideChange, ServerOverride, StrategyOverride } from './override-types';

/** The largest weight an override may set (Traefik weights are small integers). */
export const MAX_OVERRIDE_WEIGHT = 10_000;

/** Options of {@link OverrideStore}. */
export interface OverrideStoreOptions {
  /** The live runtime (validation and immediate application). */
  readonly runtime: () => Runtime;
  readonly now?: () => number;
}

const serverKey = (service: string, server: string): string => `${service}\u0000${server}`;

/** Overrides by service and server (see module comment). */
export class OverrideStore {
  readonly #servers = new Map<string, ServerOverride>();
  readonly #strategies = new Map<string, StrategyOverride>();
  readonly #listeners = new Set<(change: OverrideChange) => void>();
  readonly #runtime: () => Runtime;
  readonly #now: () => number;

  constructor(options: OverrideStoreOptions) {
    this.#runtime = options.runtime;
    this.#now = options.now ?? Date.now;
  }

  /** Drains a server (`true`) or removes the drain override (`false`). */
  setDraining(service: string, server: string, draining: boolean, by: string): void {
    const lb = this.#server(service, server);
    this.#put(service, server, by, (o) => ({ ...o, draining: draining ? true : undefined }));
    lb.balancer.setDraining(server, draining || providerDraining(this.#runtime().config, service, server));
    this.#emit({ kind: 'drain', service, server });
  }

  /** Sets a server's weight (an integer from 0, which takes it out of rotation, to {@link MAX_OVERRIDE_WEIGHT}). */
  setWeight(service: string, server: string, weight: number, by: string): void {
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_OVERRIDE_WEIGHT) {
      throw dashboardError('DASH_BAD_REQUEST', `weight must be an integer from 0 to ${MAX_OVERRIDE_WEIGHT}`);
    }
    const lb = this.#server(service, server);
    this.#put(service, server, by, (o) => ({ ...o, weight }));
    this.#applyWeights(lb);
    this.#emit({ kind: 'weight', service, server });
  }

  /** Removes a weight override: the provider's weight applies again. */
  resetWeight(service: string, server: string, by: string): void {
    const lb = this.#server(service, server);
    this.#put(service, server, by, (o) => ({ ...o, weight: undefined }));
    this.#applyWeights(lb);
    this.#emit({ kind: 'weight', service, server });
  }

  /** Overrides a load-balanced service's strategy (canonical name or alias); takes effect on rebuild. */
  setStrategy(service: string, strategy: string, by: string): void {
    this.#service(service);
    const resolved = resolveStrategy(strategy);
    if (resolved === undefined || strategy.trim() === '')
      throw dashboardError('DASH_BAD_REQUEST', `unknown strategy ${JSON.stringify(strategy)}`);
    this.#strategies.set(service, { service, strategy: resolved, by, at: this.#now() });
    this.#emit({ kind: 'strategy', service });
  }

  /** Removes a strategy override. */
  resetStrategy(service: string): void {
    this.#service(service);
    if (this.#strategies.delete(service)) this.#emit({ kind: 'strategy', service });
  }

  /**
   * Drops every override of a server without touching its balancer (a removed replica: the
   * provider takes it out; a future server with the same id must not inherit the drain).
   */
  forget(service: string, server: string): void {
    if (this.#servers.delete(serverKey(service, server))) this.#emit({ kind: 'drain', service, server });
  }

  /**
   * Clears every override of a server (`server` given: drain and weight) or a service's strategy
   * (no `server`), whether or not the element exists now: the way to drop an override kept for a
   * server or service that is gone. A server that exists goes back to what its provider says.
   */
  clear(service: string, server: string | undefined, by: string): void {
    if (server === undefined) {
      if (!this.#strategies.delete(service))
        throw dashboardError('DASH_NOT_FOUND', `no strategy override on service ${service}`);
      this.#emit({ kind: 'strategy', service });
      return;
    }
    const old = this.#servers.get(serverKey(service, server));
    if (old === undefined)
      throw dashboardError('DASH_NOT_FOUND', `no override on server ${JSON.stringify(server)} of service ${service}`);
    const lb = this.#runtime().services.get(service);
    if (lb?.kind === 'loadBalancer' && lb.serverById.has(server)) {
      if (old.draining === true) this.setDraining(service, server, false, by);
      if (old.weight !== undefined) this.resetWeight(service, server, by);
      return;
    }
    this.#servers.delete(serverKey(service, server));
    this.#emit({ kind: 'drain', service, server });
  }

  /**
   * Loads overrides saved earlier (the state file at start): kept whether or not their elements
   * exist yet, and applied to those that do by the next {@link applyTo} / {@link transform}.
   * Entries already set here win (an operator acted before the load).
   */
  restore(saved: {
    readonly servers: readonly ServerOverride[];
    readonly services: readonly StrategyOverride[];
  }): void {
    for (const o of saved.servers)
      if (!this.#servers.has(serverKey(o.service, o.server)))
        this.#servers.set(serverKey(o.service, o.server), Object.freeze({ ...o }));
    for (const o of saved.services)
      if (!this.#strategies.has(o.service)) this.#strategies.set(o.service, Object.freeze({ ...o }));
    if (saved.servers.length + saved.services.length > 0) this.#emit({ kind: 'restore', service: '*' });
  }

  /** The override on a server, if any. */
  server(service: string, server: string): ServerOverride | undefined {
    return this.#servers.get(serverKey(service, server));
  }

  /** The strategy override of a service, if any. */
  strategy(service: string): StrategyOverride | undefined {
    return this.#strategies.get(service);
  }

  /** Every override, for the API. */
  list(): { servers: ServerOverride[]; services: StrategyOverride[] } {
    return { servers: [...this.#servers.values()], services: [...this.#strategies.values()] };
  }

  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: (change: OverrideChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** `config` with the strategy overrides written into its load-balanced services. */
  transform(config: DynamicConfig): DynamicConfig {
    if (this.#strategies.size === 0) return config;
    return withStrategies(config, this.#strategies.values());
  }

  /** Pushes the drain and weight overrides into the balancers of `runtime` (after every swap). */
  applyTo(runtime: Runtime): void {
    const touched = new Set<string>();
    for (const o of this.#servers.values()) {
      const service = runtime.services.get(o.service);
      if (service?.kind !== 'loadBalancer' || !service.serverById.has(o.server)) continue;
      if (o.draining) service.balancer.setDraining(o.server, true);
      if (o.weight !== undefined && !touched.has(o.service)) {
        touched.add(o.service);
        this.#applyWeights(service);
      }
    }
  }

  /** Updates a balancer with the provider's weights, overridden where an override says so. */
  #applyWeights(service: LoadBalancedService): void {
    applyWeights(service, (id) => this.server(service.name, id)?.weight);
  }

  #put(
    service: string,
    server: string,
    by: string,
    change: (o: Partial<ServerOverride>) => Partial<ServerOverride>,
  ): void {
    const k = serverKey(service, server);
    const next = change(this.#servers.get(k) ?? {});
    if (next.weight === undefined && next.draining === undefined) {
      this.#servers.delete(k);
      return;
    }
    const entry: ServerOverride = { service, server, by, at: this.#now() };
    this.#servers.set(
      k,
      Object.freeze({
        ...entry,
        ...(next.weight === undefined ? {} : { weight: next.weight }),
        ...(next.draining === undefined ? {} : { draining: next.draining }),
      }),
    );
  }

  #service(name: string): LoadBalancedService {
    const service = this.#runtime().services.get(name);
    if (service === undefined) throw dashboardError('DASH_NOT_FOUND', `service not found: ${name}`);
    if (service.kind !== 'loadBalancer')
      throw dashboardError('DASH_CONFLICT', `service ${name} is not a load balancer (${service.kind})`);
    return service;
  }

  #server(service: string, server: string): LoadBalancedService {
    const lb = this.#service(service);
    if (!lb.serverById.has(server))
      throw dashboardError('DASH_NOT_FOUND', `server ${JSON.stringify(server)} not found in service ${service}`);
    return lb;
  }

  #emit(change: OverrideChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

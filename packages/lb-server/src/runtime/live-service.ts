/**
 * A live service: the state of one service that outlives a configuration (the dashboard's
 * `ServiceState` is a different thing, a JSON snapshot for the page): its balancer (rotation counters,
 * health and draining flags, in-flight counts) and its health checks (active checker, passive
 * tracker, and their joined verdict). Runtimes are rebuilt on every reload; these are not — a
 * reload that leaves a service's strategy and sticky settings unchanged calls `update(servers)` on
 * the same balancer, so the rotation of unchanged servers goes on where it was (STYLE §5).
 *
 * Health verdicts reach the *current* balancer through an indirection, so a balancer replaced
 * because its strategy changed gets the down servers re-applied (`resync`), and an old runtime's
 * in-flight requests still feed the same passive tracker.
 */
import type {
  Balancer,
  HealthCheckConfig,
  PassiveHealthCheckConfig,
  ServerSpec,
  StickyBalancer,
} from '@junction/lb-core';
import type { Dispatcher } from 'undici';
import { createActiveChecker, type ActiveChecker, type ActiveServerStatus } from '../health/active-checker';
import { normalizeHealthCheck } from '../health/active-config';
import { combineHealth, type CombinedHealth } from '../health/health-target';
import { createPassiveHealth, type PassiveHealth } from '../health/passive';
import type { ServiceHealth } from './runtime';
import { toHealthCheckInput } from './config-inputs';

/** Where health changes are reported (metrics and logs); all optional. */
export interface LiveServiceHooks {
  /** A server's combined verdict was written (repeats included). */
  readonly onServerUp?: (service: string, url: string, up: boolean) => void;
  /** A server left the service. */
  readonly onServerRemoved?: (service: string, url: string) => void;
  /** A checker changed its mind about a server (for the log). */
  readonly onHealthChange?: (event: {
    service: string;
    server: string;
    url: string;
    up: boolean;
    reason: string;
    source: 'active' | 'passive';
  }) => void;
  /** undici dispatcher for active probes. */
  readonly dispatcher?: Dispatcher;
}

/** Per-service state carried across runtimes (see module comment). */
export class LiveService implements ServiceHealth {
  readonly name: string;
  readonly #hooks: LiveServiceHooks;
  #balancer: Balancer | StickyBalancer | undefined;
  #balancerKey = '';
  readonly #combined: CombinedHealth;
  #passive: PassiveHealth | undefined;
  #passiveKey = '';
  #active: ActiveChecker | undefined;
  #activeKey = '';
  #activeStarted = false;
  #urls = new Map<string, string>();
  /** Servers the provider says cannot serve (a container starting or unhealthy). */
  #unavailable = new Set<string>();
  /** Servers the provider asked to drain (a container being stopped). */
  #providerDrained = new Set<string>();

  constructor(name: string, hooks: LiveServiceHooks = {}) {
    this.name = name;
    this.#hooks = hooks;
    this.#combined = combineHealth({
      setHealthy: (id, up) => this.#writeHealth(id, up),
    });
  }

  /** The passive tracker (created by {@link configureHealth}). */
  get passive(): PassiveHealth {
    if (this.#passive === undefined) this.#passive = this.#newPassive(undefined);
    return this.#passive;
  }

  /**
   * The balancer for `servers` under settings identified by `key`: the current one updated in
   * place when `key` is unchanged, else a new one from `create` that inherits draining flags and
   * the health verdicts.
   */
  balancerFor<B extends Balancer>(
    key: string,
    servers: readonly ServerSpec[],
    create: (servers: readonly ServerSpec[]) => B,
  ): B {
    const old = this.#balancer;
    if (old !== undefined && key === this.#balancerKey) {
      old.update(servers);
      this.#trackServers(servers);
      return old as B;
    }
    const next = create(servers);
    if (old !== undefined) {
      for (const status of old.servers()) if (status.draining) next.setDraining(status.id, true);
    }
    this.#balancer = next;
    this.#balancerKey = key;
    this.#trackServers(servers);
    this.#combined.resync();
    return next;
  }

  /**
   * Applies what the provider says of each server: `available: false` keeps it down whatever the
   * health checks say (a container still starting, or unhealthy); `draining: true` stops new
   * clients while in-flight requests finish (a container being stopped). A drain the provider
   * lifts is lifted; drains set by others (the dashboard) are left alone.
   */
  applyServerFlags(
    servers: readonly { readonly id: string; readonly available?: boolean; readonly draining?: boolean }[],
  ): void {
    const unavailable = new Set(servers.filter((s) => s.available === false).map((s) => s.id));
    const drained = new Set(servers.filter((s) => s.draining === true).map((s) => s.id));
    const previous = this.#unavailable;
    this.#unavailable = unavailable;
    for (const id of new Set([...previous, ...unavailable])) this.#writeHealth(id, this.#combined.isUp(id));
    for (const id of drained) this.#balancer?.setDraining(id, true);
    for (const id of this.#providerDrained) if (!drained.has(id)) this.#balancer?.setDraining(id, false);
    this.#providerDrained = drained;
  }

  drainFromProvider(serverId: string): void {
    this.#providerDrained.add(serverId);
    this.#balancer?.setDraining(serverId, true);
  }

  /** Applies the passive and active health settings; a checker whose settings changed is replaced. */
  configureHealth(
    servers: readonly ServerSpec[],
    passive: PassiveHealthCheckConfig | undefined,
    active: HealthCheckConfig | undefined,
  ): void {
    const passiveKey = JSON.stringify(passive ?? null);
    if (this.#passive === undefined || passiveKey !== this.#passiveKey) {
      const old = this.#passive;
      this.#passive = this.#newPassive(passive);
      this.#passiveKey = passiveKey;
      if (old !== undefined) {
        old.close();
        for (const s of old.status()) if (!s.up) this.#combined.passive.setHealthy(s.id, true);
      }
    }
    const checked = servers.map(({ id, url }) => ({ id, url }));
    const activeKey = JSON.stringify(active ?? null);
    if (activeKey === this.#activeKey && this.#active !== undefined) {
      this.#active.update(checked);
      return;
    }
    this.#stopActive();
    this.#activeKey = activeKey;
    if (active === undefined) return;
    this.#active = createActiveChecker({
      service: this.name,
      servers: checked,
      config: normalizeHealthCheck(toHealthCheckInput(active), `http.services.${this.name}.loadBalancer.healthCheck`),
      target: this.#combined.active,
      ...(this.#hooks.dispatcher === undefined ? {} : { dispatcher: this.#hooks.dispatcher }),
      onChange: (id, up, reason, url) =>
        this.#hooks.onHealthChange?.({ service: this.name, server: id, url, up, reason, source: 'active' }),
    });
  }

  /** Starts the active checker if it is not running (called once the runtime is live). */
  start(): void {
    if (this.#active === undefined || this.#activeStarted) return;
    this.#activeStarted = true;
    this.#active.start();
  }

  /** Stops checks and forgets every server (the service left the configuration). */
  async stop(): Promise<void> {
    this.#passive?.close();
    const stopping = this.#stopActive();
    for (const url of this.#urls.values()) this.#hooks.onServerRemoved?.(this.name, url);
    this.#urls.clear();
    await stopping;
  }

  isUp(serverId: string): boolean {
    return this.#combined.isUp(serverId) && !this.#unavailable.has(serverId);
  }

  /** Writes a health verdict to the balancer, held down while the provider says unavailable. */
  #writeHealth(id: string, up: boolean): void {
    const effective = up && !this.#unavailable.has(id);
    this.#balancer?.setHealthy(id, effective);
    const url = this.#urls.get(id);
    if (url !== undefined) this.#hooks.onServerUp?.(this.name, url, effective);
  }

  activeStatus(): readonly ActiveServerStatus[] | undefined {
    return this.#active?.status();
  }

  #newPassive(config: PassiveHealthCheckConfig | undefined): PassiveHealth {
    return createPassiveHealth({
      target: this.#combined.passive,
      // Never eject the last server in rotation: there is nowhere else to send its traffic.
      mayEject: (id) =>
        this.#balancer?.servers().some((s) => s.id !== id && s.healthy && !s.draining && s.weight > 0) ?? false,
      ...(config === undefined
        ? {}
        : { failures: config.failures, windowMs: config.windowMs, cooldownMs: config.cooldownMs }),
      onChange: (id, up, reason) => {
        this.#hooks.onHealthChange?.({
          service: this.name,
          server: id,
          url: this.#urls.get(id) ?? '',
          up,
          reason,
          source: 'passive',
        });
      },
    });
  }

  #stopActive(): Promise<void> {
    const old = this.#active;
    this.#active = undefined;
    this.#activeKey = '';
    this.#activeStarted = false;
    if (old === undefined) return Promise.resolve();
    for (const s of old.status()) if (!s.up) this.#combined.active.setHealthy(s.id, true);
    return old.stop();
  }

  /** Records the server URLs (for metrics), forgetting the health of servers that left. */
  #trackServers(servers: readonly ServerSpec[]): void {
    const next = new Map(servers.map((s) => [s.id, s.url]));
    for (const [id, url] of this.#urls) {
      if (next.get(id) === url) continue;
      this.#combined.forget(id);
      this.#passive?.forget(id);
      this.#hooks.onServerRemoved?.(this.name, url);
    }
    for (const [id, url] of next) {
      if (this.#urls.get(id) !== url) this.#hooks.onServerUp?.(this.name, url, this.#combined.isUp(id));
    }
    this.#urls = next;
  }
}

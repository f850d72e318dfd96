/**
 * One call that builds everything the dashboard needs around a runtime store, so `main.ts`
 * wires it in four lines:
 *
 * ```ts
 * const dashboard = createDashboard({ store: app.store, settings, env: process.env, readText, logger, docker });
 * // 1. the watcher publishes through the overrides:   onConfig: (config, info) => dashboard.apply(config, info.errors)
 * // 2. the proxy reports each exchange:               buildApp({ serverStats: dashboard.stats, … })
 * // 3. in the internal routes of `traefik`:           await app.register(dashboardPlugin, dashboard.pluginOptions(sources))
 * // 4. on shutdown:                                    await dashboard.flush(); dashboard.close()
 * ```
 *
 * With `stateFile`, the overrides are loaded from that file now and saved to it after each
 * change (`persist-overrides.ts`), so they survive a restart.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { ApiSources } from '../api/api-sources';
import type { IncomingError } from '../runtime/error-book';
import type { Runtime } from '../runtime/runtime';
import type { RuntimeStoreController } from '../runtime/runtime-store';
import { DashboardAuth } from './auth';
import { bindOverrides } from './bind-overrides';
import type { ContainerClient } from './containers';
import type { DashboardPluginOptions } from './dashboard-plugin';
import { resolveCredentials, type DashboardSettings, type ReadText } from './dashboard-options';
import type { AuditLogger } from './guards';
import { OverrideStore } from './override-store';
import { persistOverrides, type OverridePersistence } from './persist-overrides';
import { ServerStatsRecorder } from './server-stats';

/** Options of {@link createDashboard}. */
export interface CreateDashboardOptions {
  readonly store: RuntimeStoreController;
  readonly settings: DashboardSettings;
  /** Environment (`JUNCTION_API_TOKEN`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readText: ReadText;
  readonly logger: AuditLogger;
  /** Docker client for container management (the Docker provider's client); absent: no containers page. */
  readonly docker?: ContainerClient;
  readonly assetsDir?: string;
  /** Where overrides are kept across restarts (`path` absent: in memory only, for `reason`). */
  readonly stateFile?: {
    readonly path: string | undefined;
    readonly reason?: string;
    readonly delayMs?: number;
    readonly readOnly?: boolean;
  };
}

/** The dashboard's parts (see module comment). */
export interface Dashboard {
  readonly overrides: OverrideStore;
  readonly stats: ServerStatsRecorder;
  readonly auth: DashboardAuth;
  readonly persistence: OverridePersistence;
  /** Publishes a merged configuration with the overrides applied (use instead of `store.apply`). */
  apply(config: DynamicConfig, errors?: readonly IncomingError[]): Runtime;
  /** The options of `dashboardPlugin` for the given API sources. */
  pluginOptions(sources: ApiSources): DashboardPluginOptions;
  /** Writes pending overrides to the state file and waits (graceful shutdown). Never throws. */
  flush(): Promise<void>;
  close(): void;
}

/** Builds the dashboard's parts; throws a `TypeError` for unusable credentials (plain-text password, short token). */
export function createDashboard(options: CreateDashboardOptions): Dashboard {
  const { store } = options;
  const auth = new DashboardAuth(resolveCredentials(options.settings, options.env, options.readText));
  const overrides = new OverrideStore({ runtime: () => store.current });
  const bound = bindOverrides(store, overrides);
  const persistence = persistOverrides(overrides, { logger: options.logger, path: undefined, ...options.stateFile });
  const stats = new ServerStatsRecorder();
  const unsubscribe = store.subscribe((runtime) => {
    stats.retain((service, server) => {
      const s = runtime.services.get(service);
      return s?.kind === 'loadBalancer' && s.serverById.has(server);
    });
  });
  return {
    overrides,
    stats,
    auth,
    persistence,
    apply: bound.apply,
    pluginOptions: (sources) => ({
      sources,
      insecure: options.settings.insecure,
      auth,
      overrides,
      stats,
      persistence: () => persistence.status(),
      logger: options.logger,
      subscribe: (listener) => store.subscribe(listener),
      ...(options.docker === undefined ? {} : { docker: options.docker }),
      ...(options.assetsDir === undefined ? {} : { assetsDir: options.assetsDir }),
    }),
    flush: () => persistence.flush(),
    close: () => {
      persistence.close();
      unsubscribe();
      bound.close();
    },
  };
}

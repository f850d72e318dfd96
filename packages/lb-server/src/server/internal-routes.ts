/**
 * Wires Junction's internal routes onto the entry points that serve them, as Traefik does: the
 * API and the dashboard on `traefik` (when the API is served: `api.insecure`, or credentials
 * configured; see `apiServed`), `/ping` on `ping.entryPoint`, `/metrics` on
 * `metrics.prometheus.entryPoint`. The plugins themselves live in `src/api/` and
 * `src/dashboard/`; this only passes them the live runtime, the providers' health, the
 * lifecycle and the metrics.
 *
 * Without `insecure`, viewing needs the dashboard's credentials: the API (`/api/...`) is then
 * behind the same check as the dashboard's pages (401 with a Basic challenge). With `insecure`
 * it is open, as Traefik's. On `traefik`, `GET /` redirects to `/dashboard/` (a root hook: the
 * proxy's catch-all owns `/`).
 */
import type { FastifyInstance } from 'fastify';
import { apiPlugin } from '../api/api-plugin';
import {
  featuresOf,
  renewBeforeOf,
  type ApiSources,
  type CertificateSource,
  type VersionInfo,
} from '../api/api-sources';
import { metricsPlugin, type MetricsSource } from '../api/metrics-plugin';
import { pingPlugin } from '../api/ping-plugin';
import type { Dashboard } from '../dashboard/create-dashboard';
import { dashboardPlugin, redirectRootHook } from '../dashboard/dashboard-plugin';
import { createGuards, type AuditLogger } from '../dashboard/guards';
import type { Metrics } from '../metrics/metrics';
import { apiServed } from '../options/build';
import { INTERNAL_ENTRYPOINT_NAME } from '../options/option-table';
import type { StaticOptions } from '../options/types';
import type { ProviderStatus } from '../providers/provider';
import type { InternalContext, InternalRoutes } from './entry-point';

/** What the internal routes show besides the runtime. */
export interface InternalRoutesDeps {
  readonly options: StaticOptions;
  /** Each provider's health, by name. */
  readonly providers: () => Readonly<Record<string, ProviderStatus | undefined>>;
  readonly version: VersionInfo;
  readonly metrics?: Metrics | undefined;
  /** What `/metrics` serves instead of `metrics` itself (a cluster worker: every worker's metrics merged). */
  readonly metricsSource?: MetricsSource | undefined;
  /**
   * The dashboard, read when the `traefik` entry point loads its plugins (at `listen`/`ready`), so
   * it may be created after `buildApp` (it needs the app's store). Without it, the API is served
   * only with `insecure` and the dashboard is not served.
   */
  readonly dashboard?: () => Dashboard | undefined;
  /** Audit log of the dashboard's guards (the process's logger). */
  readonly logger?: AuditLogger;
  /** The TLS certificate store (`/api/certificates`, the dashboard's Certificates view). */
  readonly certificates?: CertificateSource | undefined;
}

const SILENT: AuditLogger = { info: () => {}, warn: () => {} };

/** True when `context` is the `traefik` entry point and it serves the API. */
function servesApi(options: StaticOptions, context: Pick<InternalContext, 'entryPoint'>): boolean {
  return context.entryPoint === INTERNAL_ENTRYPOINT_NAME && apiServed(options.api);
}

/** The `internal` callback of `buildApp` (see module comment). */
export function internalRoutes(deps: InternalRoutesDeps): InternalRoutes {
  const { options, metrics } = deps;
  const routes: InternalRoutes = async (app, context) => {
    const api = options.api;
    if (api !== undefined && servesApi(options, context)) {
      const dashboard = deps.dashboard?.();
      const sources: ApiSources = {
        runtime: () => (context.store.current.generation === 0 ? undefined : context.store.current),
        providers: deps.providers,
        entryPoints: options.entryPoints,
        features: featuresOf(options),
        version: deps.version,
        ...(deps.certificates === undefined ? {} : { certificates: deps.certificates }),
        renewBefore: renewBeforeOf(options),
      };
      if (api.insecure) {
        await app.register(apiPlugin, { sources });
      } else if (dashboard !== undefined) {
        const { view } = createGuards(dashboard.auth, false, deps.logger ?? SILENT);
        await app.register(async (scope) => {
          scope.addHook('onRequest', view);
          await scope.register(apiPlugin, { sources });
        });
      }
      if (api.dashboard && dashboard !== undefined) {
        const onShutdown = (listener: () => void): (() => void) => context.lifecycle.onShutdown(listener);
        await app.register(dashboardPlugin, { ...dashboard.pluginOptions(sources), onShutdown });
      }
    }
    const ping = options.ping;
    if (ping !== undefined && !ping.manualRouting && context.entryPoint === ping.entryPoint) {
      await app.register(pingPlugin, {
        shuttingDown: () => context.lifecycle.shuttingDown,
        terminatingStatusCode: ping.terminatingStatusCode,
      });
    }
    const prometheus = options.metrics.prometheus;
    if (
      metrics !== undefined &&
      prometheus !== undefined &&
      !prometheus.manualRouting &&
      context.entryPoint === prometheus.entryPoint
    ) {
      await app.register(metricsPlugin, { metrics: deps.metricsSource ?? metrics });
    }
  };
  return Object.assign(routes, {
    rootHooks: (root: FastifyInstance, context: InternalContext): void => {
      if (options.api?.dashboard === true && deps.dashboard !== undefined && servesApi(options, context))
        root.addHook('onRequest', redirectRootHook);
    },
  });
}

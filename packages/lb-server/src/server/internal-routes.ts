/**
 * Wires Junction's internal routes onto the entry points that serve them, as Traefik does: the
 * API (`api.insecure`) on `traefik`, `/ping` on `ping.entryPoint`, `/metrics` on
 * `metrics.prometheus.entryPoint`. The plugins themselves live in `src/api/`; this only passes
 * them the live runtime, the providers' health, the lifecycle and the metrics.
 */
import { apiPlugin } from '../api/api-plugin';
import { featuresOf, type VersionInfo } from '../api/api-sources';
import { metricsPlugin } from '../api/metrics-plugin';
import { pingPlugin } from '../api/ping-plugin';
import type { Metrics } from '../metrics/metrics';
import { INTERNAL_ENTRYPOINT_NAME } from '../options/option-table';
import type { StaticOptions } from '../options/types';
import type { ProviderStatus } from '../providers/provider';
import type { InternalRoutes } from './entry-point';

/** What the internal routes show besides the runtime. */
export interface InternalRoutesDeps {
  readonly options: StaticOptions;
  /** Each provider's health, by name. */
  readonly providers: () => Readonly<Record<string, ProviderStatus | undefined>>;
  readonly version: VersionInfo;
  readonly metrics?: Metrics | undefined;
}

/** The `internal` callback of `buildApp` (see module comment). */
export function internalRoutes(deps: InternalRoutesDeps): InternalRoutes {
  const { options, metrics } = deps;
  return async (app, context) => {
    if (options.api?.insecure === true && context.entryPoint === INTERNAL_ENTRYPOINT_NAME) {
      await app.register(apiPlugin, {
        sources: {
          runtime: () => (context.store.current.generation === 0 ? undefined : context.store.current),
          providers: deps.providers,
          entryPoints: options.entryPoints,
          features: featuresOf(options),
          version: deps.version,
        },
      });
    }
    const ping = options.ping;
    if (ping !== undefined && !ping.manualRouting && context.entryPoint === ping.entryPoint) {
      await app.register(pingPlugin, { shuttingDown: () => context.lifecycle.shuttingDown, terminatingStatusCode: ping.terminatingStatusCode });
    }
    const prometheus = options.metrics.prometheus;
    if (metrics !== undefined && prometheus !== undefined && !prometheus.manualRouting && context.entryPoint === prometheus.entryPoint) {
      await app.register(metricsPlugin, { metrics });
    }
  };
}

/**
 * `buildApp`: composes a Junction instance from static options — the runtime store, the shared
 * upstream transport, the lifecycle, and one Fastify instance per entry point — without
 * listening and without providers (STYLE §17). `main.ts` adds the providers, the watcher,
 * listening and signals; tests build apps directly and feed the store.
 *
 * Internal routes (API, `/ping`, `/metrics`, dashboard) are registered through `internal` on the
 * entry points that serve them: `traefik` for the API and dashboard (`api.insecure`, or
 * credentials configured), and the entry points named by `ping.entryPoint` and
 * `metrics.prometheus.entryPoint`. Those entry points are not among the defaults of routers that
 * name none.
 *
 * TLS: every entry point can terminate TLS on its own port where the configuration puts TLS
 * routers (or its static `http.tls`); all share one certificate store (`certificates`, made on
 * first use when not given: its generated default certificate takes a moment) and one set of TLS
 * options profiles.
 */
import type { FastifyInstance } from 'fastify';
import type { Agent } from 'undici';
import type { ServerStatsSink } from './runtime/server-stats-sink';
import type { Metrics } from './metrics/metrics';
import { apiServed } from './options/build';
import { INTERNAL_ENTRYPOINT_NAME } from './options/option-table';
import type { StaticOptions } from './options/types';
import type { AccessLog } from './proxy/access-log';
import { createUpstreamDispatcher, type UpstreamTransportOptions } from './proxy/dispatcher';
import { UpstreamGate } from './proxy/upstream-gate';
import { runtimeEntryPoints } from './runtime/build-runtime';
import { createRuntimeStore, type RuntimeStoreController, type StoreLogger } from './runtime/runtime-store';
import { buildEntryPoint, type InternalRoutes } from './server/entry-point';
import { LifecycleController } from './server/lifecycle';
import { secureEntryOf } from './tls/entry-point-tls';
import { createCertificateStore, type TlsCertificateStore } from './tls/certificate-store';
import { followFileCertificates } from './tls/file-certificates';
import { TlsPolicies } from './tls/tls-policy';
import type { HttpChallengeTokens } from './tls/types';

export type { InternalContext, InternalRoutes } from './server/entry-point';
export { buildEntryPoint } from './server/entry-point';
export type { Lifecycle } from './server/lifecycle';

/** Options of {@link buildApp}. */
export interface AppOptions {
  readonly options: StaticOptions;
  readonly logger?: StoreLogger;
  readonly metrics?: Metrics;
  readonly accessLog?: AccessLog;
  /** Per-server statistics fed by every entry point's proxy (the dashboard's `stats`). */
  readonly serverStats?: ServerStatsSink;
  /** Upstream timeouts and pool limits. */
  readonly transport?: UpstreamTransportOptions;
  /** Registers the internal routes on the entry points that serve them. */
  readonly internal?: InternalRoutes;
  /** `X-Forwarded-Server` (default: the host name). */
  readonly serverName?: string;
  /** Reads a file (basicAuth `usersFile`). */
  readonly readFile?: (path: string) => string;
  /** Interval of each entry point's connection-limit warning (default 10 s; tests shorten it). */
  readonly connectionLogIntervalMs?: number;
  /** ACME HTTP-01: the entry points answering `/.well-known/acme-challenge/`, and their tokens (`acme/start-acme.ts`). */
  readonly acmeHttpChallenge?: { readonly entryPoints: ReadonlySet<string>; readonly tokens: HttpChallengeTokens };
  /** The certificate store TLS entry points read (made on first use when absent). */
  readonly certificates?: TlsCertificateStore;
  /** Told once the certificate store exists (the API and the dashboard list it; they never make it). */
  readonly onCertificateStore?: (store: TlsCertificateStore) => void;
}

/** A composed Junction instance. */
export interface JunctionApp {
  readonly store: RuntimeStoreController;
  readonly lifecycle: LifecycleController;
  readonly dispatcher: Agent;
  /** Origins no connection may be opened to (a stopping or exited container): providers close and open them. */
  readonly gate: UpstreamGate;
  /** One Fastify instance per entry point, by name. */
  readonly entryPoints: ReadonlyMap<string, FastifyInstance>;
  /** The certificate store of the TLS entry points (ACME and certificate files fill it). */
  certificates(): Promise<TlsCertificateStore>;
  /**
   * Closes at once: every client connection (in flight or idle), upgraded sockets, health checks
   * and upstream connections. For a graceful stop, drain the entry points first (`server/listen.ts`).
   */
  close(): Promise<void>;
}

/**
 * The entry points that serve internal routes: `traefik` for the API and dashboard when they are
 * served (`api.insecure`, or credentials configured: see `apiServed`), and the entry points of
 * ping and metrics.
 */
export function internalEntryPoints(options: StaticOptions): Set<string> {
  const names = new Set<string>();
  if (apiServed(options.api)) names.add(INTERNAL_ENTRYPOINT_NAME);
  if (options.ping !== undefined && !options.ping.manualRouting) names.add(options.ping.entryPoint);
  const prometheus = options.metrics.prometheus;
  if (prometheus !== undefined && !prometheus.manualRouting) names.add(prometheus.entryPoint);
  return names;
}

/** Builds a Junction instance (see module comment). */
export function buildApp(app: AppOptions): JunctionApp {
  const { options } = app;
  const internal = internalEntryPoints(options);
  const eps = Object.values(options.entryPoints);
  const gate = new UpstreamGate();
  const dispatcher = createUpstreamDispatcher({ ...app.transport, gate });
  const store = createRuntimeStore({
    entryPoints: runtimeEntryPoints(options, internal),
    defaultRuleSyntax: options.core.defaultRuleSyntax,
    dispatcher,
    gate,
    ...(app.metrics === undefined ? {} : { metrics: app.metrics }),
    ...(app.logger === undefined ? {} : { logger: app.logger }),
    ...(app.readFile === undefined ? {} : { middlewareDeps: { readFile: app.readFile } }),
  });
  const lifecycle = new LifecycleController();
  const entryPoints = new Map<string, FastifyInstance>();
  let certificates: TlsCertificateStore | Promise<TlsCertificateStore> | undefined = app.certificates;
  const certificateStore = (): TlsCertificateStore | Promise<TlsCertificateStore> => {
    certificates ??= createCertificateStore(app.logger).then((made) => {
      app.onCertificateStore?.(made);
      return (certificates = made);
    });
    return certificates;
  };
  if (app.certificates !== undefined) app.onCertificateStore?.(app.certificates);
  const staticTls = new Set(eps.filter((e) => e.http?.tls !== undefined).map((e) => e.name));
  const tls = { policies: new TlsPolicies(staticTls, app.logger), certificates: certificateStore };
  const stopFiles = followFileCertificates(store, certificateStore);
  for (const ep of eps) {
    entryPoints.set(
      ep.name,
      buildEntryPoint({
        name: ep.name,
        options: ep,
        store,
        dispatcher,
        lifecycle,
        metrics: app.metrics,
        accessLog: app.accessLog,
        stats: app.serverStats,
        internal: internal.has(ep.name) ? app.internal : undefined,
        logger: app.logger,
        connectionLogIntervalMs: app.connectionLogIntervalMs,
        tls,
        ...(app.acmeHttpChallenge?.entryPoints.has(ep.name) === true
          ? { acmeChallenges: app.acmeHttpChallenge.tokens }
          : {}),
        ...(app.serverName === undefined ? {} : { serverName: app.serverName }),
        ...(app.transport?.dialTimeoutMs === undefined ? {} : { dialTimeoutMs: app.transport.dialTimeoutMs }),
        upstreamTls: app.transport?.tls,
      }),
    );
  }
  return {
    store,
    lifecycle,
    dispatcher,
    gate,
    entryPoints,
    certificates: async () => certificateStore(),
    async close() {
      stopFiles();
      lifecycle.closeUpgrades();
      await Promise.all(
        [...entryPoints.values()].map((ep) => {
          const closing = ep.close();
          ep.server.closeAllConnections(); // a paused (backpressured) socket would never see its client leave
          secureEntryOf(ep)?.closeAll();
          return closing;
        }),
      );
      await store.close();
      await dispatcher.destroy();
    },
  };
}

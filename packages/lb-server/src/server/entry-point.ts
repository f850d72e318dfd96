/**
 * `buildEntryPoint`: the Fastify instance of one entry point (STYLE §17: it never listens). It
 * holds the proxy plugin (catch-all), the WebSocket upgrade handler on its HTTP server, and —
 * on the entry point that serves them — the internal routes (API, `/ping`, `/metrics`,
 * dashboard) registered by the `internal` callback in their own encapsulated context. Static and
 * parametric internal routes win over the proxy's wildcard, so the catch-all never shadows them.
 * Fastify makes the server through `serverFactory`, with `entry-requests.ts`'s listener in front
 * of its router: on an entry point without internal routes, a proxied request goes straight to
 * the engine.
 *
 * Server settings follow the entry point's `transport.respondingTimeouts` with Go's meanings
 * (`responding-timeouts.ts`) and its connection bounds, `transport.maxConnections` and
 * `maxConnectionsPerIP` (`connection-guard.ts`); Fastify's logger is off (the access log does
 * that job). A graceful stop drains through `listen.ts` (`drainEntryPoint`), which answers late
 * requests; only a `close()` without a drain answers a request arriving on a kept-alive connection
 * with 503 and `Connection: close`.
 *
 * With `tls`, the entry point also speaks TLS on the same port where a TLS router (or its static
 * `http.tls`) makes it possible (`tls/entry-point-tls.ts`): same routing, same upgrade handler,
 * same timeouts and connection guard.
 *
 * A method token Node's parser refuses (`get`, `FOO`) is still routed, on both: Traefik's 404 when
 * no router matches, 501 when one does (`unparsed-method.ts`).
 */
import { hostname } from 'node:os';
import fastify, { type FastifyInstance } from 'fastify';
import { HTTP_CHALLENGE_PREFIX, registerHttpChallengeRoute } from '../acme/challenges';
import type { Metrics } from '../metrics/metrics';
import { nodeHttp } from '../node-http';
import type { EntryPointOptions } from '../options/types';
import { PeerResolver } from '../proxy/client-address';
import { createProxyHandler, type EngineOptions } from '../proxy/engine';
import { proxyPlugin } from '../proxy/proxy-plugin';
import { DEFAULT_TARGET_SETTINGS } from '../proxy/request-target';
import { createUpgradeHandler } from '../proxy/websocket';
import type { RuntimeStore } from '../runtime/runtime-store';
import { DEFAULT_MAX_CONCURRENT_STREAMS, enableTls, type TlsSupport } from '../tls/entry-point-tls';
import type { HttpChallengeTokens } from '../tls/types';
import { ConnectionGuard, type LimitLogger } from './connection-guard';
import type { Lifecycle, LifecycleController } from './lifecycle';
import { EntryRequests } from './entry-requests';
import { lazySchemaCompilers } from './lazy-schema-compilers';
import type { UpstreamTls } from '../tls/upstream-tls';
import { applyRespondingTimeouts } from './responding-timeouts';
import { answerUnparsedMethods } from './unparsed-method';

/** What the internal-routes callback receives besides its Fastify context. */
export interface InternalContext {
  readonly entryPoint: string;
  readonly store: RuntimeStore;
  readonly lifecycle: Lifecycle;
  readonly metrics: Metrics | undefined;
}

/**
 * Registers internal routes (the API plugin) on an entry point, in their own encapsulated
 * context. `rootHooks`, when present, runs first on the entry point's root instance, for hooks
 * that must also see the proxy's catch-all (the dashboard's `/` → `/dashboard/` redirect).
 */
export interface InternalRoutes {
  (app: FastifyInstance, context: InternalContext): void | Promise<void>;
  readonly rootHooks?: (root: FastifyInstance, context: InternalContext) => void;
}

/** Dependencies of {@link buildEntryPoint}; the engine's own (store, dispatcher, metrics…) are passed on to it. */
export interface EntryPointDeps extends Pick<
  EngineOptions,
  'store' | 'dispatcher' | 'metrics' | 'accessLog' | 'stats'
> {
  readonly name: string;
  readonly options: EntryPointOptions;
  readonly lifecycle: LifecycleController;
  /** `X-Forwarded-Server`; defaults to the host name. */
  readonly serverName?: string;
  /** Time to connect to an upstream for WebSocket upgrades. */
  readonly dialTimeoutMs?: number;
  /** How servers' certificates are checked for WebSocket upgrades (the dispatcher's own for the rest). */
  readonly upstreamTls?: UpstreamTls | undefined;
  /** Internal routes to serve on this entry point, if any. */
  readonly internal?: InternalRoutes | undefined;
  /** Receives the connection-limit warning (at most one line per `connectionLogIntervalMs`). */
  readonly logger?: LimitLogger | undefined;
  /** Interval of the connection-limit warning (default 10 s). */
  readonly connectionLogIntervalMs?: number | undefined;
  /** ACME HTTP-01 key authorizations, on a resolver's `httpChallenge.entryPoint` (`acme/challenges.ts`). */
  readonly acmeChallenges?: HttpChallengeTokens | undefined;
  /** TLS on this entry point's port (certificate store, TLS options); absent: plain HTTP only. */
  readonly tls?: TlsSupport | undefined;
}

/**
 * Fastify 5 routes only GET, HEAD, TRACE, DELETE, OPTIONS, PATCH, PUT, POST and QUERY unless
 * told more; Traefik forwards any method (WebDAV's PROPFIND and MKCOL, PURGE, SEARCH, REPORT…).
 * So every method Node's parser accepts is added, with a body allowed, before the proxy's
 * catch-all is registered. CONNECT never reaches a route: Node hands it to the `connect` event.
 */
function routeEveryMethod(app: FastifyInstance): void {
  const known = new Set(app.supportedMethods);
  for (const method of nodeHttp.METHODS)
    if (method !== 'CONNECT' && !known.has(method)) app.addHttpMethod(method, { hasBody: true });
}

/** Builds one entry point's Fastify instance (see module comment). Call `ready()` or `listen()` on it. */
export function buildEntryPoint(deps: EntryPointDeps): FastifyInstance {
  const { respondingTimeouts, maxConnections, maxConnectionsPerIP } = deps.options.transport;
  const serverName = deps.serverName ?? hostname();
  const peers = new PeerResolver(deps.options.forwardedHeaders);
  const { metrics, lifecycle } = deps;
  const target = deps.options.http ?? DEFAULT_TARGET_SETTINGS;
  const handler = createProxyHandler({
    entryPoint: deps.name,
    store: deps.store,
    peers,
    dispatcher: deps.dispatcher,
    serverName,
    metrics,
    accessLog: deps.accessLog,
    stats: deps.stats,
    target,
  });
  const requests = new EntryRequests({
    proxy: handler,
    allThroughFastify: deps.internal !== undefined,
    fastifyPrefixes: deps.acmeChallenges === undefined ? [] : [HTTP_CHALLENGE_PREFIX],
  });
  const app = fastify({
    logger: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    serverFactory: requests.serverFactory((listener) => nodeHttp.createServer(listener)),
    // Ajv and fast-json-stringify load on the first validated request, not at start (idle memory).
    schemaController: { compilersFactory: lazySchemaCompilers() },
    // Junction's route schemas are constants its tests exercise: Ajv need not compile its
    // meta-schema to check them on the first validated request (≈ 4 MB kept from then on).
    ajv: { customOptions: { validateSchema: false } },
  });
  routeEveryMethod(app);
  requests.attach(app);
  const guard = new ConnectionGuard(
    deps.name,
    { maxConnections, maxConnectionsPerIP },
    deps.logger,
    deps.connectionLogIntervalMs,
  );
  guard.attach(app.server);
  applyRespondingTimeouts(app.server, respondingTimeouts, guard);
  answerUnparsedMethods(app.server, { entryPoint: deps.name, store: deps.store, peers, target });

  if (metrics !== undefined) {
    app.server.on('connection', (socket) => {
      const done = metrics.openConnection(deps.name);
      socket.once('close', done);
    });
  }
  const upgrade = createUpgradeHandler({
    entryPoint: deps.name,
    store: deps.store,
    peers,
    serverName,
    metrics,
    track: (socket) => lifecycle.trackUpgrade(socket),
    target,
    ...(deps.dialTimeoutMs === undefined ? {} : { dialTimeoutMs: deps.dialTimeoutMs }),
    upstreamTls: deps.upstreamTls,
  });
  app.server.on('upgrade', upgrade);
  if (deps.tls !== undefined) {
    enableTls(app, {
      ...deps.tls,
      entryPoint: deps.name,
      runtime: () => deps.store.current,
      timeouts: respondingTimeouts,
      guard,
      upgrade,
      requests: requests.listener,
      maxConcurrentStreams: deps.options.http2?.maxConcurrentStreams ?? DEFAULT_MAX_CONCURRENT_STREAMS,
    });
  }

  const internal = deps.internal;
  if (internal !== undefined) {
    const context: InternalContext = { entryPoint: deps.name, store: deps.store, lifecycle, metrics };
    internal.rootHooks?.(app, context);
    void app.register(async (child) => internal(child, context));
  }
  if (deps.acmeChallenges !== undefined) registerHttpChallengeRoute(app, deps.acmeChallenges);
  void app.register(proxyPlugin, { handler });
  return app;
}

/**
 * Junction's management UI as one encapsulated Fastify plugin for the `traefik` entry point
 * (beside `apiPlugin`): the built front end at `/dashboard/` (Traefik's path; `/dashboard`
 * redirects there, and `/` too once {@link redirectRootHook} is added at the entry point's root,
 * where the proxy's catch-all owns `/`), the live state as server-sent events, and the actions
 * API under `/api/junction/` (see `override-routes.ts` and `container-routes.ts` for the table).
 *
 * | Method and path                 | Access         | Answer                                       |
 * |---------------------------------|----------------|----------------------------------------------|
 * | `GET /dashboard/…`              | view           | the UI's files (ETag, strict CSP)            |
 * | `GET /api/junction/state`       | view           | the {@link DashboardState} once, as JSON      |
 * | `GET /api/junction/events`      | view           | `text/event-stream`, `event: state` each 1 s |
 * | `GET /api/junction/session`     | credentials    | `{ user, method }`: checks a sign-in          |
 *
 * Access (see `guards.ts`): viewing is open only with `insecure`; actions always need
 * credentials, pass the cross-site checks, and are audited.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiSources } from '../api/api-sources';
import type { DashboardAuth } from './auth';
import { registerContainerRoutes } from './container-routes';
import type { ContainerClient } from './containers';
import { errorBody, isDashboardError, dashboardError } from './errors';
import { createGuards, type AuditLogger } from './guards';
import type { OverrideStore } from './override-store';
import { registerOverrideRoutes } from './override-routes';
import type { ServerStatsRecorder } from './server-stats';
import { StateHub } from './state-hub';
import { dashboardState } from './state-view';
import type { AccessState, PersistenceState } from './state-types';
import { defaultAssetsDir, loadAssets, lookupAsset } from './static-assets';

/** Options of {@link dashboardPlugin}. */
export interface DashboardPluginOptions {
  /** What the API reads: runtime, providers, entry points (the same object as `apiPlugin`'s). */
  readonly sources: ApiSources;
  /** Viewing needs no credentials (`--api.insecure`). */
  readonly insecure: boolean;
  readonly auth: DashboardAuth;
  readonly overrides: OverrideStore;
  readonly stats: ServerStatsRecorder;
  /** The overrides state file's state (absent: overrides are not saved). */
  readonly persistence?: () => PersistenceState;
  /** Audit log (the process's pino logger). */
  readonly logger: AuditLogger;
  /** Runtime changes (`RuntimeStore.subscribe`), to push at once rather than on the next tick. */
  readonly subscribe?: (listener: () => void) => () => void;
  /**
   * Shutdown beginning (`Lifecycle.onShutdown`): event streams end then, since a drain waits for
   * requests in flight and a stream never finishes by itself.
   */
  readonly onShutdown?: (listener: () => void) => () => void;
  /** Docker client for container management; without it those routes answer 503. */
  readonly docker?: ContainerClient;
  /** How long scaling down waits for a drained replica's requests. Default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Built front end; default {@link defaultAssetsDir}. */
  readonly assetsDir?: string;
  /** Push period of the event stream, ms. Default 1000. */
  readonly intervalMs?: number;
}

/** Security headers of the UI's documents. */
export const UI_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
});

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Junction</title><p>The dashboard is not built. Run <code>npm run build:dashboard -w @junction/lb-server</code>.</p>';

/** Registers the dashboard (see module comment). Register without `fastify-plugin`: it stays encapsulated. */
export async function dashboardPlugin(app: FastifyInstance, options: DashboardPluginOptions): Promise<void> {
  const { sources, auth, overrides, stats, logger } = options;
  const dir = options.assetsDir ?? defaultAssetsDir();
  const assets = dir === undefined ? new Map() : loadAssets(dir);
  const guards = createGuards(auth, options.insecure, logger);
  const access: AccessState = Object.freeze({
    viewOpen: options.insecure,
    actions: auth.enabled,
    methods: auth.methods,
    docker: options.docker !== undefined,
  });
  const persistence =
    options.persistence ??
    ((): PersistenceState => ({ enabled: false, state: 'off', pending: false, reason: 'no state file is configured' }));
  const compute = () =>
    dashboardState(sources.runtime(), { sources, stats, overrides, access, persistence: persistence() });
  const hub = new StateHub({
    compute,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
  });
  const unsubscribe = options.subscribe?.(() => hub.notify());
  const stopOverrides = overrides.onChange(() => hub.notify());
  const stopCertificates = sources.certificates?.onChange(() => hub.notify());
  const stopShutdown = options.onShutdown?.(() => hub.close());
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => {
    stopShutdown?.();
    unsubscribe?.();
    stopOverrides();
    stopCertificates?.();
  });

  app.decorateRequest('dashboardPrincipal', null);
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (isDashboardError(error)) return reply.code(error.statusCode).send(errorBody(error));
    if (error.validation !== undefined || error.code?.startsWith('FST_ERR_CTP') === true) {
      const status = error.statusCode === 415 ? 415 : 400;
      return reply
        .code(status)
        .send(
          errorBody(dashboardError(status === 415 ? 'DASH_UNSUPPORTED_MEDIA_TYPE' : 'DASH_BAD_REQUEST', error.message)),
        );
    }
    reply.log.error({ err: error }, 'dashboard request failed');
    return reply.code(500).send({ error: 'internal error', code: 'DASH_INTERNAL' });
  });

  app.get('/dashboard', async (_request, reply) => reply.redirect('/dashboard/', 301));
  app.get<{ Params: { '*': string } }>('/dashboard/*', { onRequest: guards.view }, async (request, reply) => {
    if (assets.size === 0) return reply.code(503).headers(UI_HEADERS).type('text/html; charset=utf-8').send(NOT_BUILT);
    const found = lookupAsset(assets, request.params['*']);
    if (found.kind === 'bad')
      return reply.code(400).send(errorBody(dashboardError('DASH_BAD_REQUEST', 'malformed path')));
    if (found.kind === 'missing')
      return reply.code(404).send(errorBody(dashboardError('DASH_NOT_FOUND', `no such file: ${request.params['*']}`)));
    const { asset } = found;
    reply
      .headers(UI_HEADERS)
      .header('etag', asset.etag)
      .header('cache-control', asset.cacheControl)
      .type(asset.contentType);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.body);
  });

  app.get('/api/junction/state', { onRequest: guards.view }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(compute()),
  );
  app.get('/api/junction/events', { onRequest: guards.view }, (_request, reply) => {
    reply.hijack();
    hub.add(reply.raw);
  });
  app.get(
    '/api/junction/session',
    { onRequest: guards.authenticated('session') },
    async (request) => request.dashboardPrincipal,
  );

  const ctx = { guard: guards.action, view: guards.view, authenticated: guards.authenticated, logger };
  registerOverrideRoutes(app, ctx, overrides, { runtime: () => sources.runtime(), persistence });
  registerContainerRoutes(
    app,
    ctx,
    options.docker === undefined
      ? undefined
      : {
          docker: options.docker,
          runtime: () => sources.runtime() ?? emptyRuntimeError(),
          drain: (service, server, draining) =>
            draining
              ? overrides.setDraining(service, server, true, 'compose.scale')
              : overrides.forget(service, server),
          ...(options.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: options.drainTimeoutMs }),
        },
  );
}

/**
 * An `onRequest` hook for the root of the `traefik` entry point: `GET /` → 302 `/dashboard/`, as
 * Traefik does. A hook rather than a route because the proxy plugin's catch-all owns `/`.
 */
export async function redirectRootHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (
    (request.method === 'GET' || request.method === 'HEAD') &&
    (request.url === '/' || request.url.startsWith('/?'))
  ) {
    await reply.redirect('/dashboard/', 302);
  }
}

function emptyRuntimeError(): never {
  throw dashboardError('DASH_CONFLICT', 'no configuration has been applied yet');
}

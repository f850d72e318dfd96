/**
 * The proxy as an encapsulated Fastify plugin (STYLE §15): a catch-all route for every method
 * (`/` and `/*`) whose handler reads the live runtime once, decides (match → modifiers →
 * middlewares → pick, see `route.ts`) and forwards through `@fastify/reply-from`.
 *
 * Bodies are never parsed: a catch-all content-type parser hands the raw request stream to
 * reply-from, which streams it to undici, and the upstream response streams back, so memory does
 * not grow with body size (as `@fastify/http-proxy` does; the dead chunks are collected as they
 * stream, see `buffer-reclaim.ts`). The parsers and reply-from live inside
 * this plugin's context only, so routes registered beside it (the API) keep Fastify's defaults.
 *
 * When an exchange ends (the response's `close`: finished, failed or aborted) the in-flight count
 * is released, the middlewares' `onEnd` callbacks run, and the request is counted in the metrics
 * and the per-server statistics and written to the access log (each when enabled).
 */
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ServerStatsSink } from '../dashboard/server-stats';
import type { Metrics } from '../metrics/metrics';
import { requestProtocol } from '../metrics/protocol';
import type { MiddlewareResponse } from '../middlewares/middleware';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { AccessLog } from './access-log';
import type { PeerResolver } from './client-address';
import { Exchange } from './exchange';
import { withAbortSignal } from './dispatcher';
import { applyReplyHeaders, createForwarder, type Forwarder } from './forward';
import { dropForwardedHeaders } from './forwarded-headers';
import { decide, type Decision } from './route';

/** Options of {@link proxyPlugin}. */
export interface ProxyPluginOptions {
  /** The entry point this listener is. */
  readonly entryPoint: string;
  readonly store: RuntimeStore;
  /** Client address and forwarded-header trust of this entry point. */
  readonly peers: PeerResolver;
  /** Shared undici dispatcher: keep-alive pools per upstream origin. */
  readonly dispatcher: Dispatcher;
  /** `X-Forwarded-Server`. */
  readonly serverName: string;
  readonly metrics?: Metrics | undefined;
  readonly accessLog?: AccessLog | undefined;
  /** Per-server statistics (the dashboard's): each exchange that reached a server. */
  readonly stats?: ServerStatsSink | undefined;
}

function answer(reply: FastifyReply, ex: Exchange, response: MiddlewareResponse): void {
  reply.code(response.status);
  applyReplyHeaders(reply, ex);
  const headers = response.headers;
  if (headers !== undefined) for (const name in headers) reply.header(name, headers[name]);
  const body = response.body ?? '';
  ex.responseBytes = Buffer.byteLength(body);
  reply.send(body);
}

function act(decision: Decision, request: FastifyRequest, reply: FastifyReply, ex: Exchange, forwarder: Forwarder): void {
  if (decision.kind === 'forward') forwarder.forward(request, reply);
  else if (decision.kind === 'error') forwarder.sendError(reply, ex, decision.code);
  else if (!reply.sent) answer(reply, ex, decision.response);
}

/** Records the finished exchange in the metrics, the per-server statistics and the access log. */
function record(ex: Exchange, reply: FastifyReply, options: ProxyPluginOptions): void {
  const { metrics, accessLog, stats } = options;
  if (metrics === undefined && accessLog === undefined && stats === undefined) return;
  const res = reply.raw;
  const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
  const durationMs = performance.now() - ex.startedAt;
  const router = ex.router;
  const target = ex.target;
  if (stats !== undefined && target !== undefined) stats.record(target.service.name, target.server.id, status, durationMs);
  metrics?.recordRequest({
    entryPoint: ex.entryPoint,
    ...(router === undefined ? {} : { router: router.name, service: router.serviceName }),
    code: status,
    method: ex.method,
    protocol: requestProtocol(ex.req.headers),
    durationSeconds: durationMs / 1000,
  });
  if (accessLog === undefined) return;
  accessLog.log({
    startedAt: new Date(Date.now() - durationMs),
    durationMs,
    clientIp: ex.clientIp,
    clientPort: ex.req.socket?.remotePort,
    user: undefined,
    method: ex.method,
    url: ex.req.url ?? '',
    protocol: `HTTP/${ex.req.httpVersion}`,
    host: ex.host,
    scheme: ex.scheme,
    entryPoint: ex.entryPoint,
    router: router?.name,
    service: router?.serviceName,
    serviceUrl: target?.server.url,
    status,
    originStatus: ex.originStatus,
    responseSize: ex.responseBytes,
    retries: ex.retries,
    referer: ex.req.headers.referer,
    userAgent: ex.req.headers['user-agent'],
  });
}

/** The proxy plugin (see module comment). Register it without `fastify-plugin`: it must stay encapsulated. */
export async function proxyPlugin(app: FastifyInstance, options: ProxyPluginOptions): Promise<void> {
  const { entryPoint, store, peers } = options;
  await app.register(replyFrom, {
    undici: withAbortSignal(options.dispatcher),
    disableRequestLogging: true,
    retryMethods: [],
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.decorateRequest('junction', null);
  const forwarder = createForwarder({ serverName: options.serverName, metrics: options.metrics });

  const handler = (request: FastifyRequest, reply: FastifyReply): void => {
    const runtime = store.current; // once: the whole exchange runs on this runtime
    const raw = request.raw;
    const peer = peers.of(raw.socket);
    if (!peer.trusted) dropForwardedHeaders(raw.headers);
    const url = raw.url ?? '/';
    const q = url.indexOf('?');
    const scheme = peer.trusted && raw.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const ex = new Exchange(raw, entryPoint, peer.ip, scheme, q === -1 ? url : url.slice(0, q), q === -1 ? '' : url.slice(q + 1));
    ex.body = request.body as Readable | undefined;
    request.junction = ex;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) ex.abort(); // the client left: cancel the upstream request
      if (ex.finish()) record(ex, reply, options);
    });
    const decision = decide(ex, runtime);
    if (decision instanceof Promise) decision.then((d) => act(d, request, reply, ex, forwarder), () => forwarder.sendError(reply, ex, 'LB_INTERNAL_ERROR'));
    else act(decision, request, reply, ex, forwarder);
  };
  app.all('/', handler);
  app.all('/*', handler);
}

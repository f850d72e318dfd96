/**
 * The proxy's request handler on Node's own `req`/`res`. The entry point's request listener
 * calls it directly, and Fastify's catch-all route (`proxy-plugin.ts`, `reply.hijack()`) on entry
 * points with internal routes and for a few odd targets (`server/entry-requests.ts`). It reads the live
 * runtime once, reads the request head as Traefik's entry point does (Host and request-line
 * checks, absolute form, the path and query in Traefik's form: `request-target.ts`, 400 when
 * refused), decides (match → modifiers → middlewares → pick, see `route.ts`) and forwards
 * (`forward.ts`), or answers itself: the proxy's coded errors, or a middleware's answer
 * (`Content-Type` `text/plain; charset=utf-8` unless the middleware set one, as Fastify's
 * `reply.send` of a string does). It needs nothing of Fastify: taking requests before Fastify's
 * router saves 6–8 % of the CPU of a forward (Fastify's routing and request/reply objects),
 * measured pinned.
 *
 * When an exchange ends (the response's `close`: finished, failed or aborted) the upstream
 * request left, if any, is aborted, the in-flight count released, the middlewares' `onEnd`
 * callbacks run, and the exchange is recorded (`record.ts`). That `close` listener is one shared
 * function; it finds its exchange on the response under a private symbol.
 *
 * HTTP/2 requests (a TLS entry point's `h2`) take the same path on Node's compatibility objects;
 * the few things they carry differently are evened out first (`http2-request.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { entryPointPath } from '@junction/lb-core';
import type { Dispatcher } from 'undici';
import type { ServerStatsSink } from '../runtime/server-stats-sink';
import type { Metrics } from '../metrics/metrics';
import type { MiddlewareResponse } from '../middlewares/middleware';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { AccessLog } from './access-log';
import type { PeerResolver } from './client-address';
import { Forwarder } from './forward';
import { dropForwardedHeaders } from './forwarded-headers';
import { HttpExchange } from './http-exchange';
import { adoptHttp2Request, http2Finished } from './http2-request';
import { recordExchange, RouterRecorders, ServerCounters, type RecordSinks } from './record';
import { checkRequestHead, DEFAULT_TARGET_SETTINGS, entryPointQuery, type TargetSettings } from './request-target';
import { decide, type Decision } from './route';

/** What the engine of one entry point needs. */
export interface EngineOptions {
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
  /** `http.sanitizePath` and `http.encodeQuerySemicolons` of the entry point (defaults: true, false). */
  readonly target?: TargetSettings | undefined;
}

/** Handles one request; `body` is the request stream when it has a body. Returns its exchange. */
export type ProxyHandler = (req: IncomingMessage, res: ServerResponse, body: Readable | undefined) => HttpExchange;

const kExchange = Symbol('junction.exchange');

declare module 'node:http' {
  interface ServerResponse {
    /** The proxy exchange this response answers (set by the engine). */
    [kExchange]?: HttpExchange;
  }
}

/** Writes a middleware's answer (see module comment). */
function answer(ex: HttpExchange, response: MiddlewareResponse): void {
  const res = ex.res;
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {};
  const changes = ex.responseChanges;
  if (changes !== undefined)
    for (const name in changes) if (changes[name] !== '') headers[name] = changes[name] as string;
  const own = response.headers;
  if (own !== undefined) for (const name in own) headers[name.toLowerCase()] = own[name] as string;
  const body = response.body ?? '';
  headers['content-type'] ??= 'text/plain; charset=utf-8';
  ex.responseBytes = headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}

function act(decision: Decision, ex: HttpExchange): void {
  if (decision.kind === 'forward') ex.forwarder.forward(ex);
  else if (decision.kind === 'error') ex.forwarder.fail(ex, decision.code);
  else answer(ex, decision.response);
}

function actLater(this: HttpExchange, decision: Decision): void {
  act(decision, this);
}

function internalError(this: HttpExchange): void {
  this.forwarder.fail(this, 'LB_INTERNAL_ERROR');
}

/** A response closed, `finished` or not: abort what is left upstream, then record. */
function closed(res: ServerResponse, finished: boolean): void {
  const ex = res[kExchange];
  if (ex === undefined) return;
  res[kExchange] = undefined;
  if (!finished) ex.abort(); // the client left: cancel the upstream request
  if (ex.finish() && ex.forwarder.sinks !== undefined) recordExchange(ex, res, finished, ex.forwarder.sinks);
}

/** The response's `close` (shared by every exchange). */
function onResponseClose(this: ServerResponse): void {
  closed(this, this.writableFinished);
}

/** An HTTP/2 response's `close`: finished only when ended without a reset (see `http2-request.ts`). */
function onHttp2ResponseClose(this: ServerResponse): void {
  closed(this, http2Finished(this));
}

/** Creates the engine's handler for one entry point (see module comment). */
export function createProxyHandler(options: EngineOptions): ProxyHandler {
  const { entryPoint, store, peers, metrics, accessLog, stats } = options;
  const sinks: RecordSinks | undefined =
    metrics === undefined && accessLog === undefined && stats === undefined
      ? undefined
      : {
          metrics,
          accessLog,
          stats: stats === undefined ? undefined : new ServerCounters(stats),
          recorders: metrics === undefined ? undefined : new RouterRecorders(metrics, entryPoint),
        };
  const forwarder = new Forwarder({ dispatcher: options.dispatcher, serverName: options.serverName, metrics, sinks });
  const { sanitizePath, encodeQuerySemicolons } = options.target ?? DEFAULT_TARGET_SETTINGS;
  return (req, res, requestBody) => {
    const runtime = store.current; // once: the whole exchange runs on this runtime
    let body = requestBody;
    let socket: Socket | undefined = req.socket;
    const h2 = req.httpVersionMajor === 2;
    if (h2) ({ socket, body } = adoptHttp2Request(req, body)); // `:authority`, body, peer socket
    const peer = peers.of(socket);
    if (!peer.trusted) dropForwardedHeaders(req.headers, req.rawHeaders);
    let problem = checkRequestHead(req); // may rewrite an absolute-form target
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const path = entryPointPath(rawPath, sanitizePath);
    if (path === undefined) problem ??= 'LB_BAD_REQUEST';
    // https over TLS (Traefik: `req.TLS != nil`), or as a trusted peer's X-Forwarded-Proto says.
    const tls = (socket as { encrypted?: boolean } | undefined)?.encrypted === true;
    const scheme = tls || (peer.trusted && req.headers['x-forwarded-proto'] === 'https') ? 'https' : 'http';
    const query = q === -1 ? '' : entryPointQuery(url.slice(q + 1), encodeQuerySemicolons);
    const ex = new HttpExchange(forwarder, req, res, entryPoint, peer.ip, scheme, path ?? rawPath, query, body);
    res[kExchange] = ex;
    res.on('close', h2 ? onHttp2ResponseClose : onResponseClose); // emitted once; `on` allocates no once-wrapper
    if (problem !== undefined) {
      // Go's server closes the connection after a malformed head; a bad path is a handler's 400.
      if (problem !== 'LB_BAD_REQUEST' && !h2) ex.responseHeaders.connection = 'close';
      forwarder.fail(ex, problem);
      return ex;
    }
    const decision = decide(ex, runtime);
    if (decision instanceof Promise) decision.then(actLater.bind(ex), internalError.bind(ex));
    else act(decision, ex);
    return ex;
  };
}

/**
 * The proxy as an encapsulated Fastify plugin (STYLE §15): a catch-all route for every method
 * (`/` and `/*`) whose handler reads the live runtime once, decides (match → modifiers →
 * middlewares → pick, see `route.ts`) and, to forward, takes the response over from Fastify
 * (`reply.hijack()`) and hands the exchange to the forwarding engine (`forward.ts`), which
 * dispatches it with undici and writes the upstream's answer straight into the response. Answers
 * decided before forwarding (404, 503, a middleware's own) go through Fastify's reply as usual.
 *
 * Bodies are never parsed: a catch-all content-type parser hands the raw request stream to the
 * engine, which streams it to undici, and the upstream response streams back chunk by chunk, so
 * memory does not grow with body size (the dead chunks are collected as they stream, see
 * `buffer-reclaim.ts`). The parsers live inside this plugin's context only, so routes registered
 * beside it (the API) keep Fastify's defaults.
 *
 * When an exchange ends (the response's `close`: finished, failed or aborted) the in-flight count
 * is released, the middlewares' `onEnd` callbacks run, and the request is counted in the metrics
 * and the per-server statistics and written to the access log (each when enabled). The `close`
 * listener is one shared function: it finds its exchange on the response under a private symbol.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ServerStatsSink } from '../dashboard/server-stats';
import type { Metrics } from '../metrics/metrics';
import type { MiddlewareResponse } from '../middlewares/middleware';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { AccessLog } from './access-log';
import type { PeerResolver } from './client-address';
import type { Exchange } from './exchange';
import { Forwarder } from './forward';
import { dropForwardedHeaders } from './forwarded-headers';
import { HttpExchange } from './http-exchange';
import { recordExchange, type RecordSinks } from './record';
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

const kExchange = Symbol('junction.exchange');

declare module 'node:http' {
  interface ServerResponse {
    /** The proxy exchange this response answers (set by the proxy plugin). */
    [kExchange]?: HttpExchange;
  }
}

/** Applies the exchange's response headers (a middleware's `responseHeaders`) to a reply. */
function applyReplyHeaders(reply: FastifyReply, ex: Exchange): void {
  const changes = ex.responseHeaders;
  for (const name in changes) {
    const value = changes[name] as string;
    if (value === '') reply.removeHeader(name);
    else reply.header(name, value);
  }
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

function sendError(reply: FastifyReply, ex: HttpExchange, code: Parameters<Forwarder['fail']>[1]): void {
  if (reply.sent || reply.raw.headersSent) return;
  if (ex.res.destroyed) return;
  reply.hijack();
  ex.forwarder.fail(ex, code);
}

function act(decision: Decision, reply: FastifyReply, ex: HttpExchange): void {
  if (decision.kind === 'forward') {
    if (reply.sent) return;
    reply.hijack();
    ex.forwarder.forward(ex);
  } else if (decision.kind === 'error') sendError(reply, ex, decision.code);
  else if (!reply.sent) answer(reply, ex, decision.response);
}

/** The response's `close` (shared by every exchange): abort what is left upstream, then record. */
function onResponseClose(this: ServerResponse): void {
  const ex = this[kExchange];
  if (ex === undefined) return;
  this[kExchange] = undefined;
  if (!this.writableFinished) ex.abort(); // the client left: cancel the upstream request
  if (ex.finish() && ex.forwarder.sinks !== undefined) recordExchange(ex, this, ex.forwarder.sinks);
}

/** The proxy plugin (see module comment). Register it without `fastify-plugin`: it must stay encapsulated. */
export async function proxyPlugin(app: FastifyInstance, options: ProxyPluginOptions): Promise<void> {
  const { entryPoint, store, peers } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.decorateRequest('junction', null);
  const { metrics, accessLog, stats } = options;
  const sinks: RecordSinks | undefined = metrics === undefined && accessLog === undefined && stats === undefined ? undefined : { metrics, accessLog, stats };
  const forwarder = new Forwarder({ dispatcher: options.dispatcher, serverName: options.serverName, metrics, sinks });

  const handler = (request: FastifyRequest, reply: FastifyReply): void => {
    const runtime = store.current; // once: the whole exchange runs on this runtime
    const raw = request.raw;
    const peer = peers.of(raw.socket);
    if (!peer.trusted) dropForwardedHeaders(raw.headers);
    const url = raw.url ?? '/';
    const q = url.indexOf('?');
    const scheme = peer.trusted && raw.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const res = reply.raw;
    const ex = new HttpExchange(forwarder, raw, res, entryPoint, peer.ip, scheme, q === -1 ? url : url.slice(0, q), q === -1 ? '' : url.slice(q + 1), request.body as Readable | undefined);
    request.junction = ex;
    res[kExchange] = ex;
    res.once('close', onResponseClose);
    const decision = decide(ex, runtime);
    if (decision instanceof Promise) decision.then((d) => act(d, reply, ex), () => sendError(reply, ex, 'LB_INTERNAL_ERROR'));
    else act(decision, reply, ex);
  };
  app.all('/', handler);
  app.all('/*', handler);
}

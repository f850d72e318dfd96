/**
 * Forwarding through `@fastify/reply-from` over undici, with one constant set of hooks: every
 * per-request value is read from the request's {@link Exchange}, so nothing is allocated per
 * request for the hooks themselves. reply-from's own retries are switched off (it would re-send
 * GETs that got a 503 to the same server); Junction retries itself:
 *
 * - a connection that could not be made (refused, unreachable, connect timeout) or a socket reset
 *   before any response is reported to the service's passive health, then retried on a server
 *   not tried yet — never the same one again. A request without a body is retried after either;
 *   one with a body only when the connection could not be made and not one byte of the body was
 *   read (undici reads it once connected), so the same stream can be sent again. With a `retry`
 *   middleware the attempts (and backoff) are its own; without one every other server gets one
 *   try. Traefik without a retry middleware answers 502 at once; Junction's default is kinder to
 *   clients when a container has just died;
 * - a connection the upstream gate refused (the server's container is stopping or gone: nothing
 *   was sent) is retried the same way, without counting against the server's passive health;
 * - no attempt left, or a body already (partly) sent → 502; response headers not in time → 504.
 *
 * Error answers are the proxy's coded JSON bodies; they never carry a backend address.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyReplyFromHooks } from '@fastify/reply-from';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Metrics } from '../metrics/metrics';
import type { ResponseHeaderBag } from '../middlewares/middleware';
import { runResponseHooks } from '../middlewares/pipeline';
import { SIGNAL_KEY } from './dispatcher';
import { ERROR_CONTENT_TYPE, proxyError, type ProxyErrorCode } from './errors';
import type { Exchange } from './exchange';
import { appendSetCookies, applyHeaderChanges, setForwardedHeaders, stripHopByHop } from './forwarded-headers';
import { streamReclaimer } from './buffer-reclaim';
import { lazyBody } from './lazy-body';
import { pickTarget } from './pick';
import { UPSTREAM_GONE } from './upstream-gate';

declare module 'fastify' {
  interface FastifyRequest {
    /** The proxy exchange of this request (set by the proxy plugin). */
    junction: Exchange | null;
  }
}

/** Connection could not be made: safe to try another server. */
const CONNECT_ERRORS = new Set([UPSTREAM_GONE, 'ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
/** The connection broke before a response: retried only when the request had no body. */
const RESET_ERRORS = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);
/** The upstream did not answer in time. */
const TIMEOUT_ERRORS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'FST_REPLY_FROM_GATEWAY_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Options of {@link createForwarder}. */
export interface ForwarderOptions {
  /** `X-Forwarded-Server`: this host's name. */
  readonly serverName: string;
  readonly metrics?: Pick<Metrics, 'recordRetry'> | undefined;
  /** Randomness of the retry backoff. */
  readonly random?: () => number;
}

/** Forwards exchanges and answers with the proxy's own errors. */
export interface Forwarder {
  forward(request: FastifyRequest, reply: FastifyReply): void;
  sendError(reply: FastifyReply, ex: Exchange, code: ProxyErrorCode): void;
}

function exchangeOf(request: { readonly junction: Exchange | null } | undefined): Exchange {
  return request?.junction as Exchange;
}

/** reply-from types its hooks for any server kind; Junction's entry points are HTTP/1 servers. */
function http1(reply: unknown): FastifyReply {
  return reply as FastifyReply;
}

function errorCode(error: Error): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/** No attempt read from the client's body yet, and it is intact: it can be sent again. */
function bodyUnread(ex: Exchange): boolean {
  return ex.bodyView !== undefined && !ex.bodyView.started && ex.body?.destroyed === false;
}

/**
 * Counts every chunk of `stream` for the buffer reclaimer, without changing how it flows: the
 * listener joins once the reply's pipe has set it flowing (a `data` listener added before would
 * start the flow itself, and chunks would pass before the pipe is there to take them). Both
 * listeners are shared functions: nothing is allocated per response.
 */
function countChunks(stream: Readable): void {
  if (stream.readableFlowing === true) stream.on('data', onStreamedChunk);
  else stream.once('resume', listenOnResume);
}

function listenOnResume(this: Readable): void {
  this.on('data', onStreamedChunk);
}

/** Counts a chunk of a response body for the buffer reclaimer. */
function onStreamedChunk(chunk: Buffer): void {
  streamReclaimer().count(chunk.length);
}

/** Applies the exchange's response headers (a middleware's `responseHeaders`) to a reply. */
export function applyReplyHeaders(reply: FastifyReply, ex: Exchange): void {
  const changes = ex.responseHeaders;
  for (const name in changes) {
    const value = changes[name] as string;
    if (value === '') reply.removeHeader(name);
    else reply.header(name, value);
  }
}

/** Creates the forwarder (see module comment). */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const { serverName, metrics } = options;
  const random = options.random ?? Math.random;
  const reclaim = streamReclaimer();

  const sendError = (reply: FastifyReply, ex: Exchange, code: ProxyErrorCode): void => {
    if (reply.sent || reply.raw.headersSent) return;
    const answer = proxyError(code);
    ex.errorCode = code;
    ex.responseBytes = answer.body.length;
    reply.code(answer.status).header('content-type', ERROR_CONTENT_TYPE);
    applyReplyHeaders(reply, ex);
    reply.send(answer.body);
  };

  const hooks: FastifyReplyFromHooks = {
    getUpstream: (request) => exchangeOf(request).target?.server.origin ?? '',
    queryString: (_search, _url, request) => exchangeOf(request).query,
    retryDelay: () => null,
    rewriteRequestHeaders(request, headers) {
      const ex = exchangeOf(request);
      const out = headers as IncomingHttpHeaders;
      stripHopByHop(out);
      setForwardedHeaders(out, { clientIp: ex.clientIp, proto: ex.scheme, host: ex.host, server: serverName });
      if (ex.target?.service.passHostHeader === true && ex.host !== '') out.host = ex.host;
      applyHeaderChanges(out, ex.upstreamHeaders);
      (out as Record<PropertyKey, unknown>)[SIGNAL_KEY] = ex;
      return out;
    },
    rewriteHeaders(headers, request) {
      const ex = exchangeOf(request);
      const out = headers as ResponseHeaderBag;
      const length = Number(out['content-length']);
      if (Number.isSafeInteger(length)) ex.responseBytes = length;
      stripHopByHop(out);
      if (ex.setCookies !== undefined) appendSetCookies(out, ex.setCookies);
      applyHeaderChanges(out, ex.responseHeaders);
      const router = ex.router;
      if (router?.responseHooks === true) runResponseHooks(router.middlewares, ex, out);
      return headers;
    },
    onResponse(request, reply, res) {
      const ex = exchangeOf(request);
      ex.originStatus = res.statusCode ?? 0;
      const target = ex.target;
      if (target !== undefined) target.service.health.passive.recordResponse(target.server.id, ex.originStatus);
      const stream = res.stream;
      reply.send(stream);
      countChunks(stream);
    },
    onError(anyReply, { error }) {
      const reply = http1(anyReply);
      const ex = exchangeOf(reply.request);
      const code = errorCode(error);
      const target = ex.target;
      const connect = CONNECT_ERRORS.has(code);
      if (target !== undefined && code !== UPSTREAM_GONE && (connect || RESET_ERRORS.has(code) || TIMEOUT_ERRORS.has(code))) {
        target.service.health.passive.recordFailure(target.server.id, code);
      }
      if (TIMEOUT_ERRORS.has(code)) return sendError(reply, ex, 'LB_GATEWAY_TIMEOUT');
      if ((connect || RESET_ERRORS.has(code)) && retry(reply, ex, connect)) return;
      sendError(reply, ex, 'LB_BAD_GATEWAY');
    },
  };

  const send = (request: FastifyRequest, reply: FastifyReply): void => {
    const ex = exchangeOf(request);
    if (ex.aborted) return;
    const base = ex.target?.server.basePath ?? '';
    if (ex.body !== undefined) {
      // Each attempt sends a fresh view: undici destroys the body it was given when it fails.
      ex.bodyView = lazyBody(ex.body, reclaim.count);
      request.body = ex.bodyView;
    }
    try {
      reply.from(base === '' ? ex.path : base + ex.path, hooks);
    } catch {
      sendError(reply, ex, 'LB_BAD_REQUEST');
    }
  };

  /** Tries another server when allowed (`notConnected`: no connection was made); false when the caller should answer 502. */
  const retry = (reply: FastifyReply, ex: Exchange, notConnected: boolean): boolean => {
    const router = ex.router;
    const current = ex.target;
    if (router?.service === undefined || current === undefined) return false;
    if (ex.body !== undefined && !(notConnected && bodyUnread(ex))) return false;
    if (reply.sent || reply.raw.destroyed) return true; // the client left: nothing to answer
    const policy = router.retry;
    if (policy !== undefined && ex.retries + 1 >= policy.attempts) return false;
    (ex.tried ??= []).push(current.server.url);
    ex.setCookies = undefined;
    const next = pickTarget(router.service, ex, ex.tried);
    if (next === undefined) return false;
    ex.use(next);
    ex.retries += 1;
    metrics?.recordRetry(router.serviceName);
    const delay = policy === undefined ? 0 : policy.delayMs(ex.retries, random);
    if (delay <= 0) send(reply.request, reply);
    else setTimeout(() => (reply.raw.destroyed ? undefined : send(reply.request, reply)), delay).unref();
    return true;
  };

  return { forward: send, sendError };
}

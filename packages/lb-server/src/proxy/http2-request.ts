/**
 * HTTP/2 requests on the engine's HTTP/1.1 code path. A TLS entry point negotiating `h2` (ALPN)
 * hands the engine Node's compatibility objects (`Http2ServerRequest`, `Http2ServerResponse`),
 * which act like `IncomingMessage` and `ServerResponse` except for what this module evens out,
 * once per HTTP/2 request, so the HTTP/1.1 path pays nothing:
 *
 * - the Host: an HTTP/2 client sends `:authority` (curl and browsers send no `host` line), and
 *   routing, `X-Forwarded-Host` and the upstream `Host` read `headers.host`; as Go's server,
 *   `:authority` wins over a `host` header (RFC 9113 §8.3.1);
 * - the body: Fastify hands over a body only when the head announces one (`Content-Length`,
 *   `Transfer-Encoding`, a `Content-Type`), while an HTTP/2 request announces it by not ending
 *   the stream with its HEADERS frame (a gRPC call has no `Content-Length`);
 * - the peer: `req.socket` of an HTTP/2 request is a new proxy per stream, so the peer cache is
 *   keyed by the session's socket instead;
 * - `res.destroyed`, which `Http2ServerResponse` lacks (Node 24): the stream's; and whether the
 *   response finished: `writableFinished` is true on a stream the client reset as well, so an
 *   HTTP/2 response counts as finished when it ended and its stream closed without an error.
 *
 * Pseudo-headers stay in `req.headers` (Node reads `:method` and `:path` from there); the
 * upstream head leaves them out (`upstream-headers.ts`), and connection-specific response headers
 * never reach an HTTP/2 client (`http-exchange.ts` strips them; Node would throw on them).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { nodeHttp2 } from '../lazy-builtins';

/** RFC 9113 §7's `NO_ERROR` (nghttp2's `NGHTTP2_NO_ERROR`): a stream that closed normally. */
const NO_ERROR = 0;

/**
 * Gives Node's `Http2ServerResponse` the `destroyed` the engine reads (its stream's), where Node
 * lacks it. Called by whatever creates an HTTP/2 server, before it serves: `node:http2` itself is
 * loaded only then (`lazy-builtins.ts`).
 */
export function adoptHttp2Responses(): void {
  const { Http2ServerResponse: Response } = nodeHttp2();
  if ('destroyed' in Response.prototype) return;
  Object.defineProperty(Response.prototype, 'destroyed', {
    configurable: true,
    get(this: Http2ServerResponse): boolean {
      return this.stream.destroyed;
    },
  });
}

/**
 * Whether a closed HTTP/2 response was sent whole: ended, and its stream closed without an error
 * code (`writableFinished` is true on a stream the client reset, too).
 */
export function http2Finished(response: ServerResponse): boolean {
  const res = response as unknown as Http2ServerResponse;
  return res.writableEnded && res.stream.rstCode === NO_ERROR;
}

/** What the engine reads differently from an HTTP/2 request. */
export interface Http2Facts {
  /** The connection's socket (the TLS socket), for the peer's address. */
  readonly socket: Socket | undefined;
  /** The request body when the stream carries one. */
  readonly body: Readable | undefined;
}

/** Evens out an HTTP/2 request (see module comment); `body` is what Fastify handed over. */
export function adoptHttp2Request(request: IncomingMessage, body: Readable | undefined): Http2Facts {
  const req = request as unknown as Http2ServerRequest;
  const headers = req.headers;
  const authority = headers[':authority'];
  if (typeof authority === 'string' && authority !== '') headers.host = authority;
  const stream = req.stream;
  return {
    socket: stream.session?.socket as Socket | undefined,
    body: body ?? (stream.endAfterHeaders ? undefined : (req as unknown as Readable)),
  };
}

/**
 * Traefik's entry point `transport.respondingTimeouts` on a Node HTTP server, with Go's
 * `http.Server` meanings and enforced within a fraction of a second:
 *
 * - `readTimeout`: the whole request, head and body, must arrive within it, counted from the
 *   connection's accept (first request) or from the first byte of a later request. Node's
 *   `requestTimeout`/`headersTimeout` carry it; Node checks them every `connectionsCheckingInterval`
 *   (30 s by default, which let a 60 s timeout fire after up to 90 s), here every 250 ms. A request
 *   fully received in time is not affected however long its answer takes.
 *   When it expires: a connection that sent no byte of a request is closed silently (Go and
 *   HAProxy's `http-ignore-probes` do so, and a browser's pre-opened connection must not show a
 *   408); one that sent part of a request gets `408` with `Connection: close` when no response
 *   has begun (as HAProxy and Node; Go closes without a word), then is closed; a response already
 *   under way is cut. The request forwarded upstream is aborted with the connection.
 * - `writeTimeout` (0 = none, Traefik's default): from the end of the request head to the end of
 *   the response write, as Go's deadline; past it the connection is closed. A long download is
 *   never cut when it is 0. WebSocket upgrades are not HTTP responses and are not bounded.
 * - `idleTimeout`: an idle keep-alive connection is closed once it has been idle that long (0 falls
 *   back to `readTimeout`, as Go; both 0 = none). Node closes at `keepAliveTimeout` +
 *   `keepAliveTimeoutBuffer`; the buffer is taken out of the advertised `Keep-Alive: timeout`, so
 *   clients stop reusing a connection a second before it is closed, and it is closed on time.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Millis } from '../options/types';

/** How often Node checks `readTimeout` (its `connectionsCheckingInterval`). */
export const READ_TIMEOUT_CHECK_MS = 250;
/** Part of `idleTimeout` not advertised in `Keep-Alive: timeout` (Node's default buffer). */
const KEEP_ALIVE_BUFFER_MS = 1000;

/** What the timeouts need to know about a connection (see `ConnectionGuard`). */
export interface ConnectionView {
  /** No byte of a new request has arrived since the connection was accepted or last answered. */
  quiet(socket: Socket): boolean;
  /** A response on the connection has sent its head. */
  responseStarted(socket: Socket): boolean;
}

/** An entry point's `respondingTimeouts`, in milliseconds. */
export interface RespondingTimeouts {
  readonly readTimeout: Millis;
  readonly writeTimeout: Millis;
  readonly idleTimeout: Millis;
}

const REQUEST_TIMEOUT_BODY = JSON.stringify({
  error: 'the request was not received in time',
  code: 'LB_REQUEST_TIMEOUT',
});
const REQUEST_TIMEOUT_RESPONSE =
  'HTTP/1.1 408 Request Timeout\r\n' +
  'Content-Type: application/json; charset=utf-8\r\n' +
  `Content-Length: ${Buffer.byteLength(REQUEST_TIMEOUT_BODY)}\r\n` +
  'Connection: close\r\n\r\n' +
  REQUEST_TIMEOUT_BODY;

/** Applies `timeouts` to `server` (before it listens); see module comment. */
export function applyRespondingTimeouts(
  server: Server,
  timeouts: RespondingTimeouts,
  connections: ConnectionView,
): void {
  const { readTimeout, writeTimeout } = timeouts;
  server.requestTimeout = readTimeout;
  server.headersTimeout = readTimeout;
  // Read when the server starts listening; @types/node lacks the property.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = READ_TIMEOUT_CHECK_MS;
  const idle = timeouts.idleTimeout > 0 ? timeouts.idleTimeout : readTimeout;
  const buffer = idle >= 2 * KEEP_ALIVE_BUFFER_MS ? KEEP_ALIVE_BUFFER_MS : 0;
  server.keepAliveTimeout = idle - buffer;
  server.keepAliveTimeoutBuffer = buffer;

  // Runs before Fastify's handler, which then sees the socket destroyed and does nothing.
  server.prependListener('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code !== 'ERR_HTTP_REQUEST_TIMEOUT' || socket.destroyed) return;
    if (socket.writable && !connections.quiet(socket) && !connections.responseStarted(socket)) {
      socket.write(REQUEST_TIMEOUT_RESPONSE);
    }
    socket.destroy();
  });

  if (writeTimeout > 0) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const timer = setTimeout(() => {
        if (!res.writableFinished) req.socket.destroy();
      }, writeTimeout);
      const clear = (): void => clearTimeout(timer);
      res.once('finish', clear);
      res.once('close', clear);
    });
  }
}

/**
 * The upstream transport: one undici `Agent` for the whole process, which keeps one keep-alive
 * connection pool per upstream origin (`scheme://host:port`), created on first use. One shared
 * agent rather than a `Pool` per server because the origin lookup costs one `Map.get`, pools
 * survive configuration reloads untouched (a server that stays keeps its warm connections), and
 * active health probes share the same pools. Timeouts follow Traefik's `serversTransport`
 * defaults: 30 s to connect, no response-header timeout unless configured, no body timeout
 * (streams and server-sent events may idle). With an {@link UpstreamGate}, connections go through
 * it: none to a server whose container is stopping or gone.
 *
 * Servers with Traefik's `h2c://` scheme (cleartext HTTP/2, gRPC's usual transport) are reached
 * over HTTP/2 with prior knowledge. The runtime keeps such a server's origin as
 * `h2c://host:port`, a pool key of its own, and the agent's factory makes one {@link H2cOrigin}
 * for it: an undici `Client` that connects to `http://host:port` and speaks HTTP/2 at once
 * (`useH2c`), one connection per origin with up to 100 concurrent streams, closed when idle
 * (`idleConnTimeout`). Decided once per origin, nothing per request.
 *
 * TLS to an `https://` server is for the server's own name, as Traefik's (Go's transport uses the
 * URL's host): its host name as SNI and for the certificate check, no SNI for an IP address, and
 * never the Host header the request carries (`passHostHeader` changes the header only). undici
 * would take the name from the Host header, and close a kept-alive connection whenever the next
 * request's name differs; so the forwarder passes each server's host name as `servername` (one
 * name per origin: the connection stays), and the connector makes the SNI from the origin.
 */
import type { Dispatcher } from 'undici';
import { connectOptions, type UpstreamTls } from '../tls/upstream-tls';
import { Agent, buildConnector, Client, Pool } from '../undici-parts';
import { H2cOrigin } from './h2c-origin';
import type { UpstreamGate } from './upstream-gate';

/**
 * TLS for the origin's own name (see module comment): undici's connector, given no `servername`,
 * takes the origin's host name, or none for an IP address.
 */
function originServerName(connector: buildConnector.connector): buildConnector.connector {
  return (options, callback) => connector({ ...options, servername: undefined }, callback);
}

/** Traefik's `forwardingTimeouts.dialTimeout` default. */
export const DEFAULT_DIAL_TIMEOUT_MS = 30_000;
/** How long an idle upstream connection is kept (Traefik's `idleConnTimeout` is 90 s). */
export const DEFAULT_IDLE_CONN_TIMEOUT_MS = 90_000;

/** Options of {@link createUpstreamDispatcher}; all durations in milliseconds. */
export interface UpstreamTransportOptions {
  /** Time to establish a connection (default 30 s). */
  readonly dialTimeoutMs?: number;
  /** Time to wait for response headers; 0 or absent waits forever, as Traefik (→ 504 when hit). */
  readonly responseHeaderTimeoutMs?: number;
  /** Time an idle keep-alive connection stays open (default 90 s). */
  readonly idleConnTimeoutMs?: number;
  /** Most connections per upstream origin (default unlimited). */
  readonly maxConnsPerHost?: number;
  /** Refuses connections to origins the providers said are gone (see `upstream-gate.ts`). */
  readonly gate?: UpstreamGate;
  /** How `https://` servers' certificates are checked (`serversTransport`; default: Node's, the system's CAs). */
  readonly tls?: UpstreamTls | undefined;
}

/** The longest timer Node keeps (about 24.8 days): `idleConnTimeout` 0, "no limit" in Go, uses it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Streams one h2c connection carries at once (undici's `H2CClient` default). */
const H2C_STREAMS = 100;

/**
 * Creates the shared upstream agent. `idleConnTimeout` bounds how long an idle upstream connection
 * is kept even when the server's `Keep-Alive: timeout` hint is longer (undici follows the hint, up
 * to `keepAliveMaxTimeout`); a shorter hint is still followed, less its 2 s safety margin, so no
 * request is sent on a connection the server is about to close. 0 means no limit, as in Go.
 */
export function createUpstreamDispatcher(options: UpstreamTransportOptions = {}): Agent {
  const idle =
    options.idleConnTimeoutMs === 0 ? MAX_TIMER_MS : (options.idleConnTimeoutMs ?? DEFAULT_IDLE_CONN_TIMEOUT_MS);
  const connect = { timeout: options.dialTimeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS };
  const timeouts = {
    headersTimeout: options.responseHeaderTimeoutMs ?? 0,
    bodyTimeout: 0,
    keepAliveTimeout: idle,
    keepAliveMaxTimeout: idle,
  };
  // A connector function, so that undici hands `useH2c` to it: the socket is marked HTTP/2.
  const h2cConnector = buildConnector({ ...connect, useH2c: true } as buildConnector.BuildOptions);
  const httpConnector = originServerName(buildConnector({ ...connect, ...connectOptions(options.tls) }));
  const h2c: Client.Options = {
    ...timeouts,
    connect: options.gate === undefined ? h2cConnector : options.gate.connector(h2cConnector),
    allowH2: true,
    pipelining: H2C_STREAMS,
    maxConcurrentStreams: H2C_STREAMS,
  };
  return new Agent({
    ...timeouts,
    connect: options.gate === undefined ? httpConnector : options.gate.connector(httpConnector),
    pipelining: 1,
    ...(options.maxConnsPerHost === undefined ? {} : { connections: options.maxConnsPerHost }),
    factory: (origin, opts): Dispatcher => {
      const key = String(origin);
      if (key.startsWith('h2c:')) return new H2cOrigin(`http:${key.slice(4)}`, h2c, idle);
      const pool = opts as Pool.Options;
      return pool.connections === 1 ? new Client(origin, pool) : new Pool(origin, pool);
    },
  });
}

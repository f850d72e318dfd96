/**
 * The contract between the proxy pipeline and the HTTP middlewares (Traefik's middleware types).
 *
 * Pipeline: match a router → run its middlewares in order → pick a server → forward. Each
 * middleware is compiled once per configuration (all parsing happens at construction) and its
 * `handle` runs per request, reading and rewriting a {@link ProxyContext}. A middleware either
 * lets the request continue (`undefined`) or answers it (`{ status, headers, body }`), which ends
 * the exchange there. `handle` is synchronous on the fast path; only a few cases return a
 * Promise (a bcrypt check not yet cached, a rate limiter smoothing a small burst).
 */
import type { IncomingMessage } from 'node:http';

/** Per-request state the proxy pipeline carries: match → middlewares → pick → forward. */
export interface ProxyContext {
  /** The raw request (Fastify's `request.raw`). Header names are lower-case. */
  readonly req: Pick<IncomingMessage, 'headers'>;
  /** Upper-case method, e.g. `GET`. */
  readonly method: string;
  /** The Host header as sent (may carry a port). */
  readonly host: string;
  /** The TCP peer, or the trusted forwarded address; what Traefik calls the remote address. */
  readonly clientIp: string;
  /**
   * The scheme the client used. Behind a trusted TLS-terminating hop this must already reflect
   * its `X-Forwarded-Proto` (redirectScheme relies on it, as Traefik does).
   */
  readonly scheme: 'http' | 'https';
  /** The entry point (listener) name. */
  readonly entryPoint: string;
  /** The upstream path, raw (still percent-encoded), without the query; rewritable. */
  path: string;
  /** The raw query without `?` (empty when none); rewritable. */
  query: string;
  /**
   * Headers to set on the upstream request, lower-case names; an empty value removes the header.
   * A `host` entry replaces the Host sent upstream. Later middlewares read these before `req`.
   */
  readonly upstreamHeaders: Record<string, string>;
  /**
   * Headers to set on the response, lower-case names; an empty value removes the header. The proxy
   * applies them to every response of the exchange, including one a later middleware answers.
   */
  readonly responseHeaders: Record<string, string>;
  /** Registers `fn` to be called once when the exchange ends (success, error or abort). */
  onEnd(fn: () => void): void;
}

/** A response a middleware answers with, ending the exchange. */
export interface MiddlewareResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What a middleware decides: `undefined` passes the request on; a response ends it here. */
export type MiddlewareResult = undefined | MiddlewareResponse;

/** Response headers as the upstream sent them (Node's `OutgoingHttpHeaders` shape), mutable. */
export type ResponseHeaderBag = Record<string, string | string[] | number | undefined>;

/** One compiled middleware instance. */
export interface Middleware {
  /** The configured name, e.g. `auth@docker`. */
  readonly name: string;
  /** The Traefik type, e.g. `basicAuth`. */
  readonly type: string;
  /** Decides for one request; synchronous unless it must wait (see module comment). */
  handle(ctx: ProxyContext): MiddlewareResult | Promise<MiddlewareResult>;
  /**
   * Optional: adjusts the upstream response headers (lower-case names) before they are sent, for
   * rules that depend on what the upstream sent (e.g. appending `Origin` to its `Vary`). The proxy
   * calls it, in reverse order, for every middleware the request passed through.
   */
  onResponse?(ctx: ProxyContext, headers: ResponseHeaderBag): void;
}

/** Services a middleware may need at construction; all injectable for tests. */
export interface MiddlewareDeps {
  /** Reads a file synchronously (basicAuth `usersFile`); read once at construction. */
  readonly readFile?: (path: string) => string;
  /** Resolves another middleware by (qualified) name, for `chain`. */
  readonly lookup?: (name: string) => Middleware | undefined;
  /** Monotonic clock in milliseconds (rateLimit). Defaults to `performance.now()`. */
  readonly now?: () => number;
  /** Waits `ms` milliseconds (rateLimit smoothing). Defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Reads a request header as the upstream will see it: a value set by an earlier middleware wins
 * (an empty one means removed), otherwise the client's. Repeated headers are joined with `, `.
 */
export function requestHeader(ctx: ProxyContext, name: string): string | undefined {
  const set = ctx.upstreamHeaders[name];
  if (set !== undefined) return set === '' ? undefined : set;
  const raw = ctx.req.headers[name];
  if (raw === undefined) return undefined;
  return typeof raw === 'string' ? raw : raw.join(', ');
}

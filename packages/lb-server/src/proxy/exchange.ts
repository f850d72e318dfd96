/**
 * One proxied exchange: the {@link ProxyContext} middlewares read and rewrite, the
 * {@link PickContext} balancers read (cookies, headers, client IP), and what the forwarder
 * tracks — the router, the server in use, the servers already tried, sticky cookies to set.
 * One plain object per request; cookies are parsed only when a sticky balancer asks.
 *
 * `finish()` runs exactly once (the response's `close` event: success, error or client abort):
 * it ends the in-flight count on the server and calls every `onEnd` callback.
 *
 * It carries the abort of its upstream request too: the forwarder stores the request's handle
 * (undici's dispatch controller) in {@link Exchange.upstream}, and `abort()` when the client
 * leaves early cancels it, as Traefik cancels its request context. No `AbortController`, no
 * listener.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { PickContext } from '@junction/lb-core';
import { requestHeader, type ProxyContext } from '../middlewares/middleware';
import type { LoadBalancedService, RuntimeRouter, RuntimeServer } from '../runtime/runtime';
import type { LazyBody } from './lazy-body';

/** What `abort()` needs of the upstream request in progress (undici's `DispatchController`). */
export interface UpstreamHandle {
  abort(reason: Error): void;
}

/** The reason an upstream request is aborted with when its client left. */
export const CLIENT_GONE: Error = Object.assign(new Error('the client closed the connection'), {
  code: 'LB_CLIENT_GONE',
});

/** A picked server and the service it belongs to. */
export interface Target {
  readonly service: LoadBalancedService;
  readonly server: RuntimeServer;
}

/** Reads one cookie from a `Cookie` header without building a map. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = header.length;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end && header.slice(start, eq).trim() === name) {
      let value = header.slice(eq + 1, end).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      return value;
    }
    start = end + 1;
  }
  return undefined;
}

/** See module comment. Its first fields restate {@link ProxyContext}'s: a class declares what it implements. */
export class Exchange implements ProxyContext, PickContext {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly host: string;
  readonly clientIp: string;
  readonly scheme: 'http' | 'https';
  readonly entryPoint: string;
  path: string;
  query: string;
  /** Made on first use: most requests have no middleware that changes headers. */
  #upstreamHeaders: Record<string, string> | undefined;
  #responseHeaders: Record<string, string> | undefined;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  router: RuntimeRouter | undefined;
  target: Target | undefined;
  /** `Set-Cookie` values from sticky balancers for the current target. */
  setCookies: string[] | undefined;
  /** URLs of servers already tried (a retry never goes back to one). */
  tried: string[] | undefined;
  retries = 0;
  /** The client's body stream, when the request has a body (then a failed attempt is retried only if none of it was read). */
  body: Readable | undefined;
  /** The view of {@link body} the current attempt sends (see `lazy-body.ts`). */
  bodyView: LazyBody | undefined;
  /** Status the upstream answered (0 when none did). */
  originStatus = 0;
  /** Response body size when known (upstream `Content-Length`, or the proxy's own answer). */
  responseBytes = 0;
  /** The proxy's own error code when it answered itself. */
  errorCode: string | undefined;
  /** The client left before the response was complete. */
  aborted = false;
  /** The upstream request in progress, while there is one. */
  upstream: UpstreamHandle | undefined;
  #ends: (() => void)[] | undefined;
  #finished = false;

  constructor(
    req: IncomingMessage,
    entryPoint: string,
    clientIp: string,
    scheme: 'http' | 'https',
    path: string,
    query: string,
  ) {
    this.req = req;
    this.method = req.method ?? 'GET';
    this.host = req.headers.host ?? '';
    this.clientIp = clientIp;
    this.scheme = scheme;
    this.entryPoint = entryPoint;
    this.path = path;
    this.query = query;
    this.startedAt = performance.now();
  }

  /** Header changes for the upstream request (lower-case names; `''` removes). */
  get upstreamHeaders(): Record<string, string> {
    return (this.#upstreamHeaders ??= {});
  }

  /** Header changes for the response to the client (lower-case names; `''` removes). */
  get responseHeaders(): Record<string, string> {
    return (this.#responseHeaders ??= {});
  }

  /** {@link upstreamHeaders} when any was ever asked for (else undefined: nothing changed, nothing allocated). */
  get upstreamChanges(): Readonly<Record<string, string>> | undefined {
    return this.#upstreamHeaders;
  }

  /** {@link responseHeaders} when any was ever asked for (see {@link upstreamChanges}). */
  get responseChanges(): Readonly<Record<string, string>> | undefined {
    return this.#responseHeaders;
  }

  onEnd(fn: () => void): void {
    if (this.#finished) {
      fn();
      return;
    }
    (this.#ends ??= []).push(fn);
  }

  cookie(name: string): string | undefined {
    return readCookie(this.req.headers.cookie, name);
  }

  header(name: string): string | undefined {
    return requestHeader(this, name);
  }

  /** The client went away: cancels the upstream request in progress, if any. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const upstream = this.upstream;
    this.upstream = undefined;
    upstream?.abort(CLIENT_GONE);
  }

  /** Switches to `target`, moving the in-flight count from the previous server. */
  use(target: Target): void {
    const previous = this.target;
    if (previous !== undefined) previous.service.balancer.end(previous.server.id);
    this.target = target;
    target.service.balancer.begin(target.server.id);
  }

  /** Ends the exchange once: in-flight count, then `onEnd` callbacks (errors are swallowed). */
  finish(): boolean {
    if (this.#finished) return false;
    this.#finished = true;
    const target = this.target;
    if (target !== undefined) target.service.balancer.end(target.server.id);
    const ends = this.#ends;
    if (ends !== undefined) {
      for (const fn of ends) {
        try {
          fn();
        } catch {
          // a middleware's cleanup must not break the others
        }
      }
    }
    return true;
  }
}

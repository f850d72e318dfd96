/**
 * The forwarding engine: sends an {@link HttpExchange} to its picked server with undici's
 * `dispatch` (the exchange is the handler, see `http-exchange.ts`), retries failed attempts by the
 * proxy's one retry policy (`retry-policy.ts`) and writes the proxy's own coded error answers
 * straight into the response (the route has been hijacked from Fastify by then).
 *
 * One forwarder per entry point holds everything that does not change per request (the
 * dispatcher, `X-Forwarded-Server`, the metrics, the buffer reclaimer); per request there is the
 * exchange, its header list and undici's options object, nothing else.
 *
 * - request bodies: each attempt sends a fresh {@link lazyBody} view of the client's stream
 *   (undici destroys the body it was given when the attempt fails), so a body nobody read yet can
 *   go to the next server; streamed both ways, never buffered;
 * - retries: a failure is classified (connect / gone / reset / timeout / other), reported to the
 *   server's passive health, and either sent to an untried server (after the `retry`
 *   middleware's backoff, if any) or answered: 504 for a timeout, else 502;
 * - a failure after the response head was sent cuts the client's connection (nothing else can
 *   tell it the body is incomplete).
 *
 * Error answers are the proxy's coded JSON bodies; they never carry a backend address.
 */
import type { Dispatcher } from 'undici';
import type { Metrics } from '../metrics/metrics';
import { streamReclaimer } from './buffer-reclaim';
import { ERROR_CONTENT_TYPE, proxyError, type ProxyErrorCode } from './errors';
import type { Exchange } from './exchange';
import type { HttpExchange } from './http-exchange';
import { lazyBody } from './lazy-body';
import type { RecordSinks } from './record';
import { classifyFailure, nextAttempt, reportFailure, retryable } from './retry-policy';
import { upstreamHeaderList } from './upstream-headers';
import { targetPath } from './target-path';

declare module 'fastify' {
  interface FastifyRequest {
    /** The proxy exchange of this request (set by the proxy plugin). */
    junction: Exchange | null;
  }
}

/** Options of {@link Forwarder}. */
export interface ForwarderOptions {
  /** The upstream transport (keep-alive pools per origin). */
  readonly dispatcher: Dispatcher;
  /** `X-Forwarded-Server`: this host's name. */
  readonly serverName: string;
  readonly metrics?: Pick<Metrics, 'recordRetry'> | undefined;
  /** Randomness of the retry backoff. */
  readonly random?: () => number;
  /** Where finished exchanges are recorded (none: nothing to record). */
  readonly sinks?: RecordSinks | undefined;
}

/** No attempt read from the client's body yet, and it is intact: it can be sent again. */
function bodyUnread(ex: HttpExchange): boolean {
  return ex.bodyView !== undefined && !ex.bodyView.started && ex.body?.destroyed === false;
}

/** Sends exchanges upstream and answers with the proxy's own errors (see module comment). */
export class Forwarder {
  readonly #dispatcher: Dispatcher;
  readonly #serverName: string;
  readonly #metrics: Pick<Metrics, 'recordRetry'> | undefined;
  readonly #random: () => number;
  /** Counts streamed body bytes for the buffer reclaimer. */
  readonly reclaim: (bytes: number) => void;
  /** Where finished exchanges are recorded (see `record.ts`). */
  readonly sinks: RecordSinks | undefined;

  constructor(options: ForwarderOptions) {
    this.#dispatcher = options.dispatcher;
    this.#serverName = options.serverName;
    this.#metrics = options.metrics;
    this.#random = options.random ?? Math.random;
    this.reclaim = streamReclaimer().count;
    this.sinks = options.sinks;
  }

  /** Sends the exchange to its current target (one attempt). */
  forward(ex: HttpExchange): void {
    if (ex.aborted || ex.res.destroyed) return;
    const target = ex.target;
    if (target === undefined) return this.fail(ex, 'LB_NO_AVAILABLE_SERVER');
    const path = targetPath(target.server.basePath, ex.path, ex.query);
    if (path === undefined) return this.fail(ex, 'LB_BAD_REQUEST');
    let body: Dispatcher.DispatchOptions['body'] = null;
    if (ex.body !== undefined) body = ex.bodyView = lazyBody(ex.body, this.reclaim);
    try {
      const options: Dispatcher.DispatchOptions & { servername: string } = {
        origin: target.server.origin,
        path,
        method: ex.method as Dispatcher.HttpMethod,
        headers: upstreamHeaderList(ex, this.#serverName, ex.scheme),
        body,
        // The server's name, not the Host header undici would take it from (`dispatcher.ts`).
        servername: target.server.hostname,
      };
      this.#dispatcher.dispatch(options, ex);
    } catch {
      // undici refuses the request before sending anything (a header it cannot send)
      this.fail(ex, 'LB_BAD_REQUEST');
    }
  }

  /** An attempt failed (undici's `onResponseError`): retry or answer. */
  failed(ex: HttpExchange, error: Error): void {
    const res = ex.res;
    if (res.headersSent) {
      res.destroy(); // mid-body: the client must not take a cut answer for a whole one
      return;
    }
    const kind = classifyFailure(error);
    reportFailure(ex, kind, error);
    if (kind === 'timeout') return this.fail(ex, 'LB_GATEWAY_TIMEOUT');
    if (!retryable(kind, ex.body !== undefined, bodyUnread(ex))) return this.fail(ex, 'LB_BAD_GATEWAY');
    if (res.destroyed) return; // the client left: nothing to answer
    const delay = nextAttempt(ex, this.#metrics, this.#random);
    if (delay === undefined) return this.fail(ex, 'LB_BAD_GATEWAY');
    if (delay <= 0) this.forward(ex);
    else setTimeout(() => this.forward(ex), delay).unref();
  }

  /** Answers with the proxy's coded error (`Content-Type` JSON, the middlewares' response headers). */
  fail(ex: HttpExchange, code: ProxyErrorCode): void {
    const res = ex.res;
    if (res.headersSent || res.destroyed) return;
    const answer = proxyError(code);
    ex.errorCode = code;
    ex.responseBytes = answer.body.length;
    const headers: Record<string, string | number> = {
      'content-type': ERROR_CONTENT_TYPE,
      'content-length': answer.body.length,
    };
    const changes = ex.responseChanges;
    if (changes !== undefined) {
      for (const name in changes) {
        const value = changes[name] as string;
        if (value === '') delete headers[name];
        else headers[name] = value;
      }
    }
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }
}

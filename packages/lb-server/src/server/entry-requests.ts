/**
 * The request listener of an entry point's servers (issue #12): which requests go straight to the
 * proxy engine and which through Fastify's router.
 *
 * Fastify owns the server (it is made by Fastify's `serverFactory` option, and Fastify listens,
 * closes and serves the internal routes), but a proxied request needs nothing of Fastify's
 * lifecycle: its catch-all route hijacks the reply at once and hands `req`/`res` to the engine.
 * Going through Fastify's router, request and reply objects cost 6–8 % of Junction's throughput
 * and CPU per request (harness `bench`, pinned, two runs of 3 rounds each way, 2026-12-07:
 * Junction at 0.83 and 0.87 × the reference's requests/s, against 0.77 and 0.78 × before). Its
 * body handling also judged what a proxy passes on: Fastify answered 415 to a `Content-Type` it
 * could not parse (`text`, `garbage`), 400 to a `QUERY` without one, and dropped the body of a
 * `GET`, where Traefik forwards them all. So the engine takes every request directly, with the
 * request stream as its body when the head announces one (`Transfer-Encoding`, or a
 * `Content-Length` other than 0, as Go's server reads it), except these, which take Fastify's
 * routing exactly as before:
 *
 * - every request of an entry point that serves internal routes (API, dashboard, ping, metrics),
 *   whose root hooks must see every request;
 * - a method Fastify does not route, a target not starting with `/` (absolute form, `*`), and the
 *   paths of routes registered beside the proxy on this entry point (ACME's HTTP-01 challenge);
 * - any request once the instance is closing (Fastify answers 503 then).
 *
 * An HTTP/2 request with no announced length is the engine's to read (`proxy/http2-request.ts`).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ProxyHandler } from '../proxy/engine';

/** A server's `request` listener. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of {@link EntryRequests}. */
export interface EntryRequestsOptions {
  /** The engine's handler of this entry point. */
  readonly proxy: ProxyHandler;
  /** Every request goes through Fastify's router (the entry point serves internal routes). */
  readonly allThroughFastify: boolean;
  /** Paths of Fastify routes served beside the proxy (the ACME challenge's prefix). */
  readonly fastifyPrefixes: readonly string[];
}

/** The request stream when the head announces a body (see module comment), else undefined. */
function bodyOf(req: IncomingMessage): IncomingMessage | undefined {
  const headers = req.headers;
  if (headers['transfer-encoding'] !== undefined) return req;
  const length = headers['content-length'];
  return length === undefined || length === '0' ? undefined : req;
}

/** Routes an entry point's requests (see module comment). */
export class EntryRequests {
  readonly #options: EntryRequestsOptions;
  /** Fastify's request handler (`app.routing`), known once Fastify made the server. */
  #fastify: RequestListener | undefined;
  /** Methods Fastify's catch-all serves; empty until {@link attach}: all through Fastify. */
  #methods: ReadonlySet<string> = new Set();
  #closing = false;

  constructor(options: EntryRequestsOptions) {
    this.#options = options;
  }

  /** Whether this request goes straight to the engine. */
  direct(req: IncomingMessage): boolean {
    if (this.#closing || this.#options.allThroughFastify) return false;
    const url = req.url;
    if (url === undefined || url.charCodeAt(0) !== 47 /* / */) return false;
    if (!this.#methods.has(req.method ?? '')) return false;
    for (const prefix of this.#options.fastifyPrefixes) if (url.startsWith(prefix)) return false;
    return true;
  }

  /** The listener for every server of the entry point (plain, and the TLS ones). */
  readonly listener: RequestListener = (req, res) => {
    if (this.direct(req)) this.#options.proxy(req, res, bodyOf(req));
    else (this.#fastify as RequestListener)(req, res);
  };

  /**
   * Fastify's `serverFactory`: the server Fastify would make (same timeouts as its own), with
   * {@link listener} in front of Fastify's handler.
   */
  serverFactory(
    createServer: (listener: RequestListener) => Server,
  ): (handler: RequestListener, options: Record<string, unknown>) => Server {
    return (handler, options) => {
      this.#fastify = handler;
      const server = createServer(this.listener);
      const { keepAliveTimeout, requestTimeout, connectionTimeout } = options as unknown as FactoryOptions;
      server.keepAliveTimeout = keepAliveTimeout;
      server.requestTimeout = requestTimeout;
      server.setTimeout(connectionTimeout);
      return server;
    };
  }

  /** Reads the methods the catch-all route serves and follows the instance's closing. */
  attach(app: FastifyInstance): void {
    this.#methods = new Set(app.supportedMethods);
    app.addHook('preClose', (done) => {
      this.#closing = true;
      done();
    });
  }
}

/** What Fastify passes its `serverFactory` besides the handler (its server options). */
interface FactoryOptions {
  readonly keepAliveTimeout: number;
  readonly requestTimeout: number;
  readonly connectionTimeout: number;
}

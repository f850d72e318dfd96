/**
 * Traefik's `/ping` health endpoint as an encapsulated Fastify plugin (traefik `pkg/ping/ping.go`):
 * `GET` and `HEAD` answer `200 OK` while Junction runs, and `ping.terminatingStatusCode`
 * (default 503, `Service Unavailable`) once shutdown has begun, so a load balancer in front
 * stops sending new clients while in-flight requests finish. The body is the status text, as in
 * Traefik.
 */
import { STATUS_CODES } from '../node-http';
import type { FastifyPluginAsync } from 'fastify';

/** Traefik's default `ping.terminatingStatusCode`. */
export const DEFAULT_TERMINATING_STATUS_CODE = 503;

/** Options of {@link pingPlugin}. */
export interface PingPluginOptions {
  /** True once graceful shutdown has started. */
  shuttingDown(): boolean;
  /** Status answered while shutting down (`--ping.terminatingStatusCode`); default 503. */
  readonly terminatingStatusCode?: number;
  /** Route path; default `/ping`. */
  readonly path?: string;
}

/** Registers `GET`/`HEAD` `/ping` (see the module comment). */
export const pingPlugin: FastifyPluginAsync<PingPluginOptions> = async (app, options) => {
  const terminating = options.terminatingStatusCode ?? DEFAULT_TERMINATING_STATUS_CODE;
  app.route({
    method: 'GET',
    url: options.path ?? '/ping',
    exposeHeadRoute: true,
    handler: async (_request, reply) => {
      const status = options.shuttingDown() ? terminating : 200;
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .send(STATUS_CODES[status] ?? String(status));
    },
  });
};

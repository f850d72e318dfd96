/**
 * Feeds a {@link ServerStatsSink} from a proxy entry point without touching the proxy's code: a
 * Fastify `onResponse` hook that reads the exchange the proxy plugin left on the request
 * (`request.junction`, with the picked server) and reports service, server id, status and
 * Fastify's measured duration. Requests the proxy answered itself (404, middleware refusals)
 * picked no server and are not counted; aborted requests fire no `onResponse` and are not either.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerStatsSink } from './server-stats';
import type {} from '../proxy/forward'; // the `request.junction` declaration

/** The `onResponse` hook (see module comment). */
export function serverStatsHook(stats: ServerStatsSink): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const target = request.junction?.target;
    if (target !== undefined) stats.record(target.service.name, target.server.id, reply.statusCode, reply.elapsedTime);
  };
}

/** Adds {@link serverStatsHook} to an entry point's Fastify instance (before the proxy plugin is registered). */
export function recordServerStats(app: FastifyInstance, stats: ServerStatsSink): void {
  app.addHook('onResponse', serverStatsHook(stats));
}

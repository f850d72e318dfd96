/**
 * The proxy as an encapsulated Fastify plugin (STYLE §15): a catch-all route for every method
 * (`/` and `/*`) that takes the response over from Fastify (`reply.hijack()`) and hands the
 * request to the proxy engine (`engine.ts`: decide, then forward with undici straight into the
 * response, or answer). Fastify's own request lifecycle runs around it: root hooks (the
 * dashboard's `/` redirect on the internal entry point) see the requests that come this way. On
 * an entry point without internal routes, requests skip this route and go to the engine directly,
 * but for absolute-form targets and routes beside it (`server/entry-requests.ts`).
 *
 * Bodies are never parsed: a catch-all content-type parser hands the raw request stream to the
 * engine, which streams it to undici, and the upstream response streams back chunk by chunk, so
 * memory does not grow with body size (the dead chunks are collected as they stream, see
 * `buffer-reclaim.ts`). The parser lives inside this plugin's context only, so routes registered
 * beside it (the API) keep Fastify's defaults.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { createProxyHandler, type EngineOptions, type ProxyHandler } from './engine';

/** Options of {@link proxyPlugin}: the engine's options, or an engine already made for the entry point. */
export type ProxyPluginOptions = EngineOptions | { readonly handler: ProxyHandler };

/** The proxy plugin (see module comment). Register it without `fastify-plugin`: it must stay encapsulated. */
export async function proxyPlugin(app: FastifyInstance, options: ProxyPluginOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.decorateRequest('junction', null);
  const handle = 'handler' in options ? options.handler : createProxyHandler(options);
  const route = (request: FastifyRequest, reply: FastifyReply): void => {
    reply.hijack();
    request.junction = handle(request.raw, reply.raw, request.body as Readable | undefined);
  };
  app.all('/', route);
  app.all('/*', route);
}

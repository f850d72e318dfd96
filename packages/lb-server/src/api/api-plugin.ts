/**
 * Traefik's read-only API as an encapsulated Fastify plugin, for the `traefik` entry point
 * (traefik `pkg/api/handler.go`): `/api/overview`, `/api/rawdata`, `/api/version`,
 * `/api/entrypoints[/{name}]`, `/api/http/routers[/{name}]`, `/api/http/services[/{name}]` and
 * `/api/http/middlewares[/{name}]` and `/api/certificates[/{name}]` (Traefik 3.7; see
 * `certificate-view.ts`), in Traefik's JSON shapes. Junction routes HTTP only, so
 * `/api/tcp/routers|services|middlewares` and `/api/udp/routers|services` answer as Traefik does
 * with none configured: an empty page (200, `[]`, `X-Next-Page: 1`), and 404 for any name — which
 * is what Traefik's own web UI needs to render those pages.
 *
 * Every request reads the runtime current at that moment, once, and renders it; nothing is cached,
 * so server health and reloads show immediately. Names are `name@provider`, URL-encoded by the
 * client when they contain `/`. Lists take Traefik's `search`, `status`, `serviceName`,
 * `middlewareName`, `sortBy`, `direction`, `page` and `per_page` (plus Junction's `provider`)
 * and answer with an `X-Next-Page` header. Unknown names answer 404 with
 * `{ message, code: 'LB_API_NOT_FOUND' }` (Traefik's `{ message }` plus a code); bad query
 * parameters answer 400 with `code: 'LB_API_BAD_REQUEST'`.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ApiSources } from './api-sources';
import { certificateRepresentations, viewOptionsOf, listCertificates } from './certificate-view';
import { NEXT_PAGE_HEADER, paginate, type ListQuery } from './criterion';
import { entryPointList } from './entrypoint-view';
import { listMiddlewares, listRouters, listServices } from './lists';
import { middlewareRepresentation } from './middleware-view';
import { overview } from './overview-view';
import { rawData } from './rawdata-view';
import { viewContext, type ViewContext } from './representations';
import { routerRepresentation } from './router-view';
import { serviceRepresentation } from './service-view';

/** Options of {@link apiPlugin}. */
export interface ApiPluginOptions {
  /** Everything the API shows; see {@link ApiSources}. */
  readonly sources: ApiSources;
}

/** The API's error codes and their HTTP status. */
export const API_ERROR_CODES = {
  /** No element, entry point or route of that name. */
  LB_API_NOT_FOUND: 404,
  /** A query parameter is malformed, or the page is past the end. */
  LB_API_BAD_REQUEST: 400,
} as const;

/** The querystring schema shared by every list. */
const LIST_QUERYSTRING = {
  type: 'object',
  properties: {
    search: { type: 'string' },
    status: { type: 'string' },
    provider: { type: 'string' },
    serviceName: { type: 'string' },
    middlewareName: { type: 'string' },
    sortBy: { type: 'string' },
    direction: { type: 'string', enum: ['asc', 'desc'] },
    page: { type: 'integer', minimum: 1 },
    per_page: { type: 'integer', minimum: 1 },
  },
} as const;

/** The params schema of every `/{name}` route. */
const NAME_PARAMS = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 } },
} as const;

type ListRoute = { Querystring: ListQuery };
type NameRoute = { Params: { name: string } };

function fail(reply: FastifyReply, code: keyof typeof API_ERROR_CODES, message: string): FastifyReply {
  return reply.code(API_ERROR_CODES[code]).send({ message, code });
}

function sendPage(reply: FastifyReply, items: readonly unknown[], query: ListQuery): FastifyReply {
  const page = paginate(items, query.page, query.per_page);
  if (!page.ok) return fail(reply, 'LB_API_BAD_REQUEST', page.message);
  return reply.header(NEXT_PAGE_HEADER, String(page.nextPage)).send(page.items);
}

/** The TCP and UDP lists Traefik serves, and what each lists (for the 404 message). */
const EMPTY_KINDS = [
  ['/tcp/routers', 'router'],
  ['/tcp/services', 'service'],
  ['/tcp/middlewares', 'middleware'],
  ['/udp/routers', 'router'],
  ['/udp/services', 'service'],
] as const;

/** Registers the API routes under `/api` (see the module comment). */
export const apiPlugin: FastifyPluginAsync<ApiPluginOptions> = async (app, { sources }) => {
  const context = (): ViewContext | undefined => {
    const runtime = sources.runtime();
    return runtime === undefined ? undefined : viewContext(runtime);
  };

  await app.register(
    async (api) => {
      api.setErrorHandler((error: FastifyError, _request, reply) => {
        if (error.validation === undefined) throw error;
        return fail(reply, 'LB_API_BAD_REQUEST', `invalid request: ${error.message}`);
      });
      api.setNotFoundHandler((request, reply) => fail(reply, 'LB_API_NOT_FOUND', `not found: ${request.url}`));

      const list = { schema: { querystring: LIST_QUERYSTRING } };
      const one = { schema: { params: NAME_PARAMS } };

      api.get('/overview', async () => overview(sources.runtime(), sources));
      api.get('/rawdata', async () => rawData(context(), sources));
      api.get('/version', async () => ({
        Version: sources.version.version,
        Codename: sources.version.codename,
        startDate: sources.version.startDate.toISOString(),
      }));

      api.get<ListRoute>('/entrypoints', list, async (req, reply) =>
        sendPage(reply, entryPointList(sources.entryPoints), req.query),
      );
      api.get<NameRoute>('/entrypoints/:name', one, async (req, reply) => {
        const ep = entryPointList(sources.entryPoints).find((e) => e.name === req.params.name);
        return ep === undefined
          ? fail(reply, 'LB_API_NOT_FOUND', `entry point not found: ${req.params.name}`)
          : reply.send(ep);
      });

      /** `GET <path>` (a page of the list) and `GET <path>/:name` (one element) of one HTTP section. */
      const section = <T>(
        path: string,
        noun: string,
        listAll: (ctx: ViewContext, query: ListQuery) => readonly unknown[],
        find: (ctx: ViewContext, name: string) => T | undefined,
        represent: (item: T, ctx: ViewContext) => unknown,
      ): void => {
        api.get<ListRoute>(path, list, async (req, reply) => {
          const ctx = context();
          return sendPage(reply, ctx === undefined ? [] : listAll(ctx, req.query), req.query);
        });
        api.get<NameRoute>(`${path}/:name`, one, async (req, reply) => {
          const ctx = context();
          const item = ctx === undefined ? undefined : find(ctx, req.params.name);
          if (ctx === undefined || item === undefined)
            return fail(reply, 'LB_API_NOT_FOUND', `${noun} not found: ${req.params.name}`);
          return reply.send(represent(item, ctx));
        });
      };
      section(
        '/http/routers',
        'router',
        listRouters,
        (ctx, name) => ctx.runtime.routers.get(name),
        routerRepresentation,
      );
      section(
        '/http/services',
        'service',
        listServices,
        (ctx, name) => ctx.runtime.services.get(name),
        serviceRepresentation,
      );
      section(
        '/http/middlewares',
        'middleware',
        listMiddlewares,
        (ctx, name) => ctx.runtime.middlewares.get(name),
        middlewareRepresentation,
      );

      const certificates = () => certificateRepresentations(sources.certificates, viewOptionsOf(sources));
      api.get<ListRoute>('/certificates', list, async (req, reply) =>
        sendPage(reply, listCertificates(certificates(), req.query), req.query),
      );
      api.get<NameRoute>('/certificates/:name', one, async (req, reply) => {
        // Traefik's name (the fingerprint), or Junction's store id (`file:/etc/certs/a.pem`, URL-encoded).
        const cert =
          certificates().find((c) => c.name === req.params.name) ??
          certificates().find((c) => c.id === req.params.name);
        return cert === undefined
          ? fail(reply, 'LB_API_NOT_FOUND', `certificate not found: ${req.params.name}`)
          : reply.send(cert);
      });

      for (const [path, what] of EMPTY_KINDS) {
        api.get<ListRoute>(path, list, async (req, reply) => sendPage(reply, [], req.query));
        api.get<NameRoute>(`${path}/:name`, one, async (req, reply) =>
          fail(reply, 'LB_API_NOT_FOUND', `${what} not found: ${req.params.name}`),
        );
      }
    },
    { prefix: '/api' },
  );
};

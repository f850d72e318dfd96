/**
 * The API's element lists: every router, service or middleware of a runtime as its listed
 * representation, filtered and sorted by the list query (Traefik's sort columns per kind,
 * `pkg/api/sort.go`). Pagination is applied by the caller.
 */
import { keep, sortItems, type ListQuery, type SortKey } from './criterion';
import { middlewareRepresentation, type MiddlewareRepresentation } from './middleware-view';
import type { ViewContext } from './representations';
import { routerRepresentation, type RouterRepresentation } from './router-view';
import { serverCount, serviceRepresentation, type ServiceRepresentation } from './service-view';

/** Router sort columns. */
export const ROUTER_COLUMNS: Readonly<Record<string, SortKey<RouterRepresentation>>> = {
  name: (r) => r.name,
  provider: (r) => r.provider,
  priority: (r) => r.priority,
  status: (r) => r.status,
  rule: (r) => r.rule,
  service: (r) => r.service,
  entryPoints: (r) => r.entryPoints.length,
};

/** Service sort columns. */
export const SERVICE_COLUMNS: Readonly<Record<string, SortKey<ServiceRepresentation>>> = {
  name: (s) => s.name,
  type: (s) => s.type ?? '',
  servers: serverCount,
  provider: (s) => s.provider,
  status: (s) => s.status,
};

/** Middleware sort columns. */
export const MIDDLEWARE_COLUMNS: Readonly<Record<string, SortKey<MiddlewareRepresentation>>> = {
  name: (m) => m.name,
  type: (m) => m.type,
  provider: (m) => m.provider,
  status: (m) => m.status,
};

/** The routers of `ctx.runtime` matching `query`, sorted. */
export function listRouters(ctx: ViewContext, query: ListQuery): RouterRepresentation[] {
  const items = [...ctx.runtime.routers.values()]
    .filter((r) =>
      keep(
        {
          name: r.name,
          provider: r.provider,
          status: r.status,
          rule: r.rule,
          service: r.serviceName,
          middlewares: r.middlewareNames,
        },
        query,
      ),
    )
    .map((r) => routerRepresentation(r, ctx));
  return sortItems(items, ROUTER_COLUMNS, query.sortBy, query.direction);
}

/** The services of `ctx.runtime` matching `query`, sorted. */
export function listServices(ctx: ViewContext, query: ListQuery): ServiceRepresentation[] {
  const items = [...ctx.runtime.services.values()]
    .filter((s) => keep({ name: s.name, provider: s.provider, status: s.status }, query))
    .map((s) => serviceRepresentation(s, ctx));
  return sortItems(items, SERVICE_COLUMNS, query.sortBy, query.direction);
}

/** The middlewares of `ctx.runtime` matching `query`, sorted. */
export function listMiddlewares(ctx: ViewContext, query: ListQuery): MiddlewareRepresentation[] {
  const items = [...ctx.runtime.middlewares.values()]
    .filter((m) => keep({ name: m.name, provider: m.provider, status: m.status }, query))
    .map((m) => middlewareRepresentation(m, ctx));
  return sortItems(items, MIDDLEWARE_COLUMNS, query.sortBy, query.direction);
}

/**
 * Routers in Traefik's API shapes: `RouterInfo` (the dynamic router plus `status`, `error`,
 * `using`) as `/api/rawdata` keys it by name, and the representation `/api/http/routers` lists
 * (the same plus `name`, `provider` and `priorityStr`). (traefik `pkg/config/runtime/runtime_http.go`,
 * `pkg/api/handler_http.go`)
 */
import type { RuntimeRouter } from '../runtime/runtime';
import { dropUndefined, nonEmpty, statusView, type StatusView, type ViewContext } from './representations';

/** Traefik's `RouterInfo` JSON. */
export interface RouterInfo extends StatusView {
  readonly entryPoints: readonly string[];
  /** Qualified middleware names, in order. */
  readonly middlewares?: readonly string[];
  /** Qualified service name. */
  readonly service: string;
  readonly rule: string;
  readonly ruleSyntax: string;
  /** The effective priority (the rule length unless set explicitly). */
  readonly priority: number;
  readonly tls?: unknown;
  /** The entry points the router is really attached to (its `entryPoints` that exist), sorted. */
  readonly using?: readonly string[];
}

/** A router as `/api/http/routers` lists it. */
export interface RouterRepresentation extends RouterInfo {
  readonly name: string;
  readonly provider: string;
  /** The priority as a decimal string (Traefik 3.7 `handler_http.go`: priorities beyond 2^53 survive JSON). */
  readonly priorityStr: string;
}

/** The `RouterInfo` of `router`. */
export function routerInfo(router: RuntimeRouter, ctx: ViewContext): RouterInfo {
  const using = [...new Set(router.entryPoints.filter((ep) => ctx.entryPoints.has(ep)))].sort();
  return dropUndefined({
    entryPoints: router.entryPoints,
    middlewares: nonEmpty(router.middlewareNames),
    service: router.serviceName,
    rule: router.rule,
    ruleSyntax: router.ruleSyntax,
    priority: router.priority,
    tls: tlsView(router),
    ...statusView(router.status, router.errors),
    using: nonEmpty(using),
  });
}

/**
 * A TLS router's effective `tls` in Traefik's shape (its own block, else its entry point's):
 * options name, resolver, and the domains it needs certificates for. Absent on plain routers.
 */
function tlsView(router: RuntimeRouter): RouterInfo['tls'] {
  if (router.tls === false) return undefined;
  const { options, certResolver, domains } = router.tls;
  return dropUndefined({
    options,
    certResolver,
    domains: domains.length === 0 ? undefined : domains.map((d) => (d.sans.length === 0 ? { main: d.main } : d)),
  });
}

/** `router` as `/api/http/routers` lists it. */
export function routerRepresentation(router: RuntimeRouter, ctx: ViewContext): RouterRepresentation {
  return {
    ...routerInfo(router, ctx),
    name: router.name,
    provider: router.provider,
    priorityStr: String(router.priority),
  };
}

/**
 * Middlewares in Traefik's API shapes: `MiddlewareInfo` (the dynamic middleware, e.g.
 * `{ stripPrefix: { prefixes: [...] } }`, plus `status`, `error`, `usedBy`: the routers listing it
 * directly, as Traefik fills it, not through chains) and the listed
 * representation (plus `name`, `provider` and the lower-case `type`, e.g. `stripprefix`).
 * (traefik `pkg/config/runtime/runtime_http.go` `MiddlewareInfo`, `pkg/api/handler_http.go`)
 */
import type { RuntimeMiddleware } from '../runtime/runtime';
import { redactUsers, toTraefikConfig } from './config-view';
import { dropUndefined, nonEmpty, statusView, type StatusView, type ViewContext } from './representations';

/** Traefik's `MiddlewareInfo` JSON: the configuration under its type key, and the status block. */
export interface MiddlewareInfo extends StatusView {
  readonly usedBy?: readonly string[];
  readonly [type: string]: unknown;
}

/** A middleware as `/api/http/middlewares` lists it. */
export interface MiddlewareRepresentation extends MiddlewareInfo {
  readonly name: string;
  readonly provider: string;
  /** The type, lower-case as Traefik reports it (`basicauth`, `stripprefix`). */
  readonly type: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function configBlock(config: unknown): Obj {
  if (!isObj(config)) return {};
  const shown = toTraefikConfig(config) as Obj;
  const auth = shown.basicAuth;
  if (isObj(auth) && Array.isArray(auth.users)) {
    shown.basicAuth = { ...auth, users: redactUsers(auth.users.map(String)) };
  }
  return shown;
}

/** The `MiddlewareInfo` of `middleware`. */
export function middlewareInfo(middleware: RuntimeMiddleware, ctx: ViewContext): MiddlewareInfo {
  return dropUndefined({
    ...configBlock(ctx.runtime.config.http.middlewares?.[middleware.name]),
    ...statusView(middleware.status, middleware.errors),
    usedBy: nonEmpty(ctx.middlewareUsers.get(middleware.name)),
  });
}

/** `middleware` as `/api/http/middlewares` lists it. */
export function middlewareRepresentation(middleware: RuntimeMiddleware, ctx: ViewContext): MiddlewareRepresentation {
  return {
    ...middlewareInfo(middleware, ctx),
    name: middleware.name,
    provider: middleware.provider,
    type: middleware.type.toLowerCase(),
  };
}

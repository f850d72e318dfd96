/**
 * What entry points' static settings do to the routers of a configuration, as Traefik does it:
 * - `http.tls` (Traefik's entry-point "model"): every router on the entry point becomes a TLS
 *   router, its own `tls` block winning over the entry point's. A router on several entry points
 *   of which some carry `http.tls` is split as in Traefik's `applyModel`: one copy per such entry
 *   point, named `<entryPoint>-<router>`, and the router itself keeps the other entry points.
 *   (traefik `pkg/server/aggregator.go` `applyModel`)
 * - `http.redirections.entryPoint`: Traefik's internal router `<ep>-to-<target>@internal` (rule
 *   ``HostRegexp(`^.+$`)``, the configured priority) through the middleware
 *   `redirect-<ep>-to-<target>@internal`, a `redirectScheme` to the target's scheme and port,
 *   into the service `noop@internal`. (traefik `pkg/provider/traefik/internal.go` `redirection`)
 */
import { qualifyName, type MiddlewareConfig, type RouterConfig, type ServiceConfig } from '@junction/lb-core';
import type { EntryPointTlsOptions } from '../options/types';
import { providerOf } from './error-book';

/** A redirection as the runtime needs it: the target entry point's port already resolved. */
export interface RuntimeRedirection {
  readonly to: string;
  readonly scheme: string;
  readonly permanent: boolean;
  readonly priority: number;
  /** The target port (`443`), `''` when unknown. */
  readonly port: string;
}

/** Routers after entry-point TLS, and which original router each split copy comes from. */
export interface SplitRouters {
  readonly routers: Record<string, RouterConfig>;
  /** Copy name → original name, for copies only (`websecure-r@docker` → `r@docker`). */
  readonly origin: ReadonlyMap<string, string>;
  /** Originals that left no router under their own name (every entry point carried `http.tls`). */
  readonly replaced: ReadonlySet<string>;
}

/** The router `tls` block an entry point's `http.tls` gives a router of `provider`. */
function modelTls(tls: EntryPointTlsOptions, provider: string): NonNullable<RouterConfig['tls']> {
  const options =
    tls.options === undefined || tls.options === 'default' || provider === ''
      ? tls.options
      : qualifyName(tls.options, provider);
  return {
    ...(options === undefined ? {} : { options }),
    ...(tls.certResolver === undefined ? {} : { certResolver: tls.certResolver }),
    ...(tls.domains === undefined ? {} : { domains: tls.domains }),
  };
}

/** Applies entry points' `http.tls` to routers (see module comment). */
export function applyEntryPointTls(
  routers: Readonly<Record<string, RouterConfig>>,
  defaults: readonly string[],
  tls: Readonly<Record<string, EntryPointTlsOptions>>,
): SplitRouters {
  const out: Record<string, RouterConfig> = {};
  const origin = new Map<string, string>();
  const replaced = new Set<string>();
  if (Object.keys(tls).length === 0) return { routers: { ...routers }, origin, replaced };
  for (const [name, router] of Object.entries(routers)) {
    const eps = router.entryPoints !== undefined && router.entryPoints.length > 0 ? router.entryPoints : defaults;
    const modelled = eps.filter((ep) => tls[ep] !== undefined);
    if (modelled.length === 0) {
      out[name] = router;
      continue;
    }
    const copy = (ep: string): RouterConfig => ({
      ...router,
      entryPoints: [ep],
      tls: router.tls ?? modelTls(tls[ep] as EntryPointTlsOptions, providerOf(name)),
    });
    if (eps.length === 1) {
      out[name] = copy(eps[0] as string);
      continue;
    }
    const plain = eps.filter((ep) => tls[ep] === undefined);
    if (plain.length > 0) out[name] = { ...router, entryPoints: plain };
    else replaced.add(name);
    for (const ep of modelled) {
      const split = `${ep}-${name}`;
      out[split] = copy(ep);
      origin.set(split, name);
    }
  }
  return { routers: out, origin, replaced };
}

/** Traefik's `provider.Normalize`: runs of characters other than letters and digits become one `-`. */
export function normalizeName(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== '')
    .join('-');
}

/** The internal elements of the redirections (see module comment); empty maps when there are none. */
export function redirectionElements(redirections: Readonly<Record<string, RuntimeRedirection>>): {
  routers: Record<string, RouterConfig>;
  middlewares: Record<string, MiddlewareConfig>;
  services: Record<string, ServiceConfig>;
} {
  const routers: Record<string, RouterConfig> = {};
  const middlewares: Record<string, MiddlewareConfig> = {};
  for (const [ep, r] of Object.entries(redirections)) {
    const router = normalizeName(`${ep}-to-${r.to}`);
    const middleware = `redirect-${router}`;
    routers[`${router}@internal`] = {
      rule: 'HostRegexp(`^.+$`)',
      entryPoints: [ep],
      middlewares: [`${middleware}@internal`],
      service: 'noop@internal',
      priority: r.priority,
    };
    middlewares[`${middleware}@internal`] = {
      redirectScheme: { scheme: r.scheme, permanent: r.permanent, ...(r.port === '' ? {} : { port: r.port }) },
    };
  }
  const services: Record<string, ServiceConfig> =
    Object.keys(routers).length === 0
      ? {}
      : { 'noop@internal': { loadBalancer: { servers: [], passHostHeader: true } } };
  return { routers, middlewares, services };
}

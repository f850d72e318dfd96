/**
 * Merges the latest snapshot of every provider into one configuration. Every element is renamed
 * `name@provider` and every unqualified reference in it is qualified with the same provider
 * (a router's `service: 'web'` from `docker` becomes `web@docker`), while references that already
 * name a provider (`web@file`, `api@internal`) are kept. The output order is deterministic —
 * providers in the given order (the rest by name), then names sorted — so two merges of the same
 * snapshots deep-equal each other whatever order the snapshots arrived in.
 * The `tls` section merges as Traefik's: certificates concatenate; TLS options and stores are
 * qualified (`mine@file`) except `default`, which the first provider in the order defines; a
 * router's `tls.options` reference is qualified like its other references (`default` stays).
 * (traefik `pkg/server/aggregator.go` `mergeConfiguration`, `provider.MakeQualifiedName`)
 */
import type { MiddlewareConfig } from './middleware-types';
import { qualifyName } from './qualified-name';
import type {
  DynamicConfig,
  RouterConfig,
  ServiceConfig,
  TlsCertificateConfig,
  TlsConfig,
  TlsOptionsConfig,
  TlsStoreConfig,
} from './types';

/** TLS options and stores keep this name unqualified when merged (Traefik's `default`). */
const DEFAULT_TLS_NAME = 'default';

/** Options of {@link mergeConfigs}. */
export interface MergeOptions {
  /** Providers listed here come first, in this order; the others follow sorted by name. */
  readonly providerOrder?: readonly string[];
}

type Qualify = (reference: string) => string;

/**
 * Merges provider snapshots. An element name that is already qualified is kept as written; when
 * two providers yield the same qualified name, the earlier provider in the order wins.
 * Throws `LB_CONFIG_INVALID` for a provider name that is empty or contains `@`.
 */
export function mergeConfigs(
  snapshots: ReadonlyMap<string, DynamicConfig> | Readonly<Record<string, DynamicConfig>>,
  options: MergeOptions = {},
): DynamicConfig {
  const entries: [string, DynamicConfig][] = snapshots instanceof Map ? [...snapshots] : Object.entries(snapshots);
  const routers = new Map<string, RouterConfig>();
  const services = new Map<string, ServiceConfig>();
  const middlewares = new Map<string, MiddlewareConfig>();
  const certificates: TlsCertificateConfig[] = [];
  const tlsOptions = new Map<string, TlsOptionsConfig>();
  const stores = new Map<string, TlsStoreConfig>();
  let anyTls = false;
  for (const [provider, config] of orderProviders(entries, options.providerOrder ?? [])) {
    const q: Qualify = (reference) => qualifyName(reference, provider);
    const qTls: Qualify = (name) => (name === DEFAULT_TLS_NAME ? name : q(name));
    if (config.tls !== undefined) {
      anyTls = true;
      certificates.push(...(config.tls.certificates ?? []));
      addAll(tlsOptions, config.tls.options, qTls, (o) => o);
      addAll(stores, config.tls.stores, qTls, (s) => s);
    }
    addAll(routers, config.http.routers, q, (router) => qualifyRouter(router, q));
    addAll(services, config.http.services, q, (service) => qualifyService(service, q));
    addAll(middlewares, config.http.middlewares, q, (middleware) => qualifyMiddleware(middleware, q));
  }
  return {
    http: {
      routers: Object.fromEntries(routers),
      services: Object.fromEntries(services),
      middlewares: Object.fromEntries(middlewares),
    },
    ...(anyTls ? { tls: mergedTls(certificates, tlsOptions, stores) } : {}),
  };
}

function mergedTls(
  certificates: TlsCertificateConfig[],
  options: Map<string, TlsOptionsConfig>,
  stores: Map<string, TlsStoreConfig>,
): TlsConfig {
  return {
    ...(certificates.length > 0 ? { certificates } : {}),
    ...(stores.size > 0 ? { stores: Object.fromEntries(stores) } : {}),
    ...(options.size > 0 ? { options: Object.fromEntries(options) } : {}),
  };
}

function orderProviders(entries: [string, DynamicConfig][], order: readonly string[]): [string, DynamicConfig][] {
  const rank = (provider: string): number => {
    const index = order.indexOf(provider);
    return index < 0 ? order.length : index;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b) || compareText(a, b));
}

function addAll<T>(
  target: Map<string, T>,
  source: Readonly<Record<string, T>> | undefined,
  q: Qualify,
  rewrite: (element: T) => T,
): void {
  const entries = Object.entries(source ?? {}).sort(([a], [b]) => compareText(a, b));
  for (const [name, element] of entries) {
    const qualified = q(name);
    if (!target.has(qualified)) target.set(qualified, rewrite(element));
  }
}

function qualifyRouter(router: RouterConfig, q: Qualify): RouterConfig {
  const service = q(router.service);
  const out =
    router.middlewares === undefined
      ? { ...router, service }
      : { ...router, service, middlewares: router.middlewares.map(q) };
  const tlsOptions = router.tls?.options;
  return tlsOptions === undefined || tlsOptions === DEFAULT_TLS_NAME
    ? out
    : { ...out, tls: { ...router.tls, options: q(tlsOptions) } };
}

function qualifyService(service: ServiceConfig, q: Qualify): ServiceConfig {
  if ('loadBalancer' in service) {
    const { loadBalancer } = service;
    const transport = loadBalancer.serversTransport;
    return transport === undefined ? service : { loadBalancer: { ...loadBalancer, serversTransport: q(transport) } };
  }
  if ('weighted' in service) {
    return {
      weighted: {
        ...service.weighted,
        services: service.weighted.services.map((child) => ({ ...child, name: q(child.name) })),
      },
    };
  }
  if ('mirroring' in service) {
    const { mirroring } = service;
    return {
      mirroring: {
        ...mirroring,
        service: q(mirroring.service),
        mirrors: mirroring.mirrors.map((m) => ({ ...m, name: q(m.name) })),
      },
    };
  }
  return {
    failover: { ...service.failover, service: q(service.failover.service), fallback: q(service.failover.fallback) },
  };
}

function qualifyMiddleware(middleware: MiddlewareConfig, q: Qualify): MiddlewareConfig {
  return 'chain' in middleware ? { chain: { middlewares: middleware.chain.middlewares.map(q) } } : middleware;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

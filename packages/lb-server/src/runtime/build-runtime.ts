/**
 * `buildRuntime`: one merged configuration (plus the errors providers reported) → one immutable
 * {@link Runtime}. Order: attach provider errors; drop elements whose references do not resolve
 * (lb-core `pruneBrokenReferences`, which also breaks cycles); compile middlewares; build services
 * (balancers carried over through `LiveServiceRegistry`); build routers and the route table; fill
 * `usedBy`. Every failure is recorded on its element and only that element is disabled.
 *
 * Not pure: balancers and health state live in `states` and are updated in place (that is the
 * carry-over). The caller publishes the result and then calls `states.commit()`.
 */
import { pruneBrokenReferences, type DynamicConfig, type RuleSyntax } from '@junction/lb-core';
import type { EntryPointTlsOptions, StaticOptions } from '../options/types';
import { buildMiddlewares } from '../middlewares/build';
import type { MiddlewareDeps } from '../middlewares/middleware';
import { buildRouters } from './build-routers';
import { buildServices } from './build-services';
import { toMiddlewareInput } from './config-inputs';
import { applyEntryPointTls, redirectionElements, type RuntimeRedirection } from './entry-point-tls';
import { ErrorBook, type IncomingError } from './error-book';
import { tlsRouterList } from './router-tls';
import type { Runtime } from './runtime';
import { collectUsers, listMiddlewares, listServices } from './runtime-listing';
import type { LiveServiceRegistry } from './live-service-registry';

/**
 * Entry point names for routers: all that exist, and those a router without entry points gets;
 * plus the static settings that shape routers: entry points' `http.tls` and redirections, and the
 * names of the ACME resolvers routers may name.
 */
export interface RuntimeEntryPoints {
  readonly all: readonly string[];
  readonly defaults: readonly string[];
  /** Entry points with `http.tls`: their routers are TLS routers with these defaults. */
  readonly tls?: Readonly<Record<string, EntryPointTlsOptions>>;
  /** Entry points redirecting every request (`http.redirections.entryPoint`). */
  readonly redirections?: Readonly<Record<string, RuntimeRedirection>>;
  /** ACME resolver names (`certificatesResolvers`); `undefined` skips the check of routers' `tls.certResolver`. */
  readonly certResolvers?: readonly string[];
}

/** Options of {@link buildRuntime}. */
export interface BuildRuntimeOptions {
  readonly generation: number;
  readonly entryPoints: RuntimeEntryPoints;
  readonly states: LiveServiceRegistry;
  /** `core.defaultRuleSyntax` (default `v3`, which also accepts v1 rules, told apart by shape). */
  readonly defaultRuleSyntax?: RuleSyntax;
  /** Passed to every middleware factory (file reader for basicAuth `usersFile`, clock…). */
  readonly middlewareDeps?: Omit<MiddlewareDeps, 'lookup'>;
  /** Providers whose elements live outside the configuration (`api@internal`). */
  readonly ignoreProviders?: readonly string[];
  readonly now?: () => number;
}

/** Computes Traefik's default entry points: those marked `asDefault`, else all but `internal` ones. */
export function defaultEntryPoints(
  entryPoints: readonly { name: string; asDefault: boolean; internal: boolean }[],
): RuntimeEntryPoints {
  const all = entryPoints.map((e) => e.name).sort();
  const marked = entryPoints.filter((e) => e.asDefault).map((e) => e.name);
  const open = entryPoints.filter((e) => !e.internal).map((e) => e.name);
  const defaults = marked.length > 0 ? marked : open.length > 0 ? open : all;
  return { all, defaults: [...defaults].sort() };
}

/**
 * {@link defaultEntryPoints} plus the TLS settings of the static options: entry points' `http.tls`,
 * their redirections (with the target entry point's port), and the resolver names.
 */
export function runtimeEntryPoints(
  options: Pick<StaticOptions, 'entryPoints' | 'certificatesResolvers'>,
  internal: ReadonlySet<string>,
): RuntimeEntryPoints {
  const eps = Object.values(options.entryPoints);
  const tls: Record<string, EntryPointTlsOptions> = {};
  const redirections: Record<string, RuntimeRedirection> = {};
  for (const ep of eps) {
    if (ep.http?.tls !== undefined) tls[ep.name] = ep.http.tls;
    const r = ep.http?.redirections?.entryPoint;
    if (r === undefined || r.to === '') continue;
    const target = options.entryPoints[r.to];
    const port = target !== undefined ? String(target.address.port) : (/^:(\d+)$/.exec(r.to)?.[1] ?? '');
    redirections[ep.name] = { to: r.to, scheme: r.scheme, permanent: r.permanent, priority: r.priority, port };
  }
  return {
    ...defaultEntryPoints(eps.map((e) => ({ name: e.name, asDefault: e.asDefault, internal: internal.has(e.name) }))),
    tls,
    redirections,
    certResolvers: Object.keys(options.certificatesResolvers ?? {}).sort(),
  };
}

/** The merged configuration plus the internal elements of the entry points' redirections. */
function withRedirections(
  config: DynamicConfig,
  redirections: Readonly<Record<string, RuntimeRedirection>> | undefined,
): DynamicConfig {
  if (redirections === undefined || Object.keys(redirections).length === 0) return config;
  const extra = redirectionElements(redirections);
  return {
    ...config,
    http: {
      routers: { ...config.http.routers, ...extra.routers },
      services: { ...config.http.services, ...extra.services },
      middlewares: { ...config.http.middlewares, ...extra.middlewares },
    },
  };
}

/** Builds a runtime (see module comment). */
export function buildRuntime(
  merged: DynamicConfig,
  errors: readonly IncomingError[],
  options: BuildRuntimeOptions,
): Runtime {
  const book = new ErrorBook();
  for (const error of errors) book.addIncoming(error);
  const config = withRedirections(merged, options.entryPoints.redirections);
  const pruned = pruneBrokenReferences(config, { ignoreProviders: options.ignoreProviders ?? ['internal'] });
  for (const error of pruned.errors) book.addIncoming(error);
  const http = pruned.config.http;

  const mwInputs = Object.fromEntries(
    Object.entries(http.middlewares ?? {}).map(([name, c]) => [name, toMiddlewareInput(c)]),
  );
  const built = buildMiddlewares(mwInputs, options.middlewareDeps);
  for (const [name, error] of built.errors) {
    book.add(
      'middleware',
      name,
      error.code,
      error.message,
      `http.middlewares.${name}${error.path === '' ? '' : `.${error.path}`}`,
    );
  }

  options.states.begin();
  const services = buildServices({ configs: http.services ?? {}, book, states: options.states });
  const eps = options.entryPoints;
  const live = applyEntryPointTls(http.routers ?? {}, eps.defaults, eps.tls ?? {});
  const all = applyEntryPointTls(config.http.routers ?? {}, eps.defaults, eps.tls ?? {});
  for (const [copy, original] of all.origin) book.alias('router', original, copy);
  const { routers, table, tlsTable } = buildRouters({
    live: live.routers,
    all: all.routers,
    services,
    middlewares: built.middlewares,
    book,
    entryPoints: eps,
    defaultRuleSyntax: options.defaultRuleSyntax ?? 'v3',
    tls: config.tls ?? {},
    certResolvers: eps.certResolvers,
    replaced: all.replaced,
  });

  const users = collectUsers(routers.values(), services);

  return Object.freeze({
    generation: options.generation,
    createdAt: (options.now ?? Date.now)(),
    config,
    routers,
    services: listServices(config, services, book, users.services),
    middlewares: listMiddlewares(config, built.middlewares, book, users.middlewares),
    errors: Object.freeze(book.all),
    entryPoints: options.entryPoints,
    tls: config.tls ?? {},
    tlsRouters: Object.freeze(tlsRouterList(routers.values())),
    match: (facts, entryPoint, tls) => (tls ? tlsTable : table).match(facts, entryPoint)?.data.router,
  } satisfies Runtime);
}

/** The runtime before any configuration arrived: no routers, every request a 404. */
export function emptyRuntime(entryPoints: RuntimeEntryPoints, now: () => number = Date.now): Runtime {
  return Object.freeze({
    generation: 0,
    createdAt: now(),
    config: { http: {} },
    routers: new Map(),
    services: new Map(),
    middlewares: new Map(),
    errors: [],
    entryPoints,
    tls: {},
    tlsRouters: [],
    match: () => undefined,
  });
}

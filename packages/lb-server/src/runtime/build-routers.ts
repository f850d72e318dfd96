/**
 * Builds the routers of a configuration and the route table that matches them. A router is live
 * when its entry points exist, its middlewares and service were built, and its rule (and the
 * path modifiers of a v1 rule) compile; otherwise it is listed as `disabled` with coded errors
 * and left out of the table, and every other router keeps serving.
 *
 * Entry points as in Traefik: a router that names none listens on the default entry points
 * (those marked `asDefault`, else all but the internal one); unknown names are reported, and a
 * router left with none is disabled.
 *
 * TLS routers (see `router-tls.ts`) go into their own table, so a request that arrived over TLS
 * is matched against TLS routers only and a plain one against plain routers only (Traefik's
 * HTTPS and HTTP handlers): choosing the table is the only per-request cost.
 */
import {
  compilePathModifiers,
  compileRoutes,
  detectSyntax,
  isLbError,
  rulePriority,
  type PathRewriter,
  type RouteInput,
  type RouteTable,
  type RouterConfig,
  type RuleSyntax,
  type TlsConfig,
} from '@junction/lb-core';
import type { Middleware } from '../middlewares/middleware';
import { findRetryPolicy } from '../middlewares/retry';
import type { BuiltService } from './build-services';
import { providerOf, type ErrorBook } from './error-book';
import { routerTls } from './router-tls';
import type { RuntimeRouter, RuntimeRouterTls } from './runtime';

/** Where a matched route finds its router (filled once the table is compiled). */
export interface RouterSlot {
  router: RuntimeRouter | undefined;
}

/** What {@link buildRouters} needs. */
export interface RouterBuildInput {
  /** Routers whose references resolve. */
  readonly live: Readonly<Record<string, RouterConfig>>;
  /** Every router of the merged configuration, for listing the disabled ones. */
  readonly all: Readonly<Record<string, RouterConfig>>;
  readonly services: ReadonlyMap<string, BuiltService>;
  readonly middlewares: ReadonlyMap<string, Middleware>;
  readonly book: ErrorBook;
  readonly entryPoints: { readonly all: readonly string[]; readonly defaults: readonly string[] };
  /** `core.defaultRuleSyntax`; `v3` lets the parser tell v1 rules apart (`auto`). */
  readonly defaultRuleSyntax: RuleSyntax;
  /** The merged dynamic `tls` section (for `tls.options` references). */
  readonly tls?: TlsConfig;
  /** ACME resolver names, to check `tls.certResolver`; `undefined` skips the check. */
  readonly certResolvers?: readonly string[];
  /** Originals fully replaced by their entry-point copies: not listed (see `entry-point-tls.ts`). */
  readonly replaced?: ReadonlySet<string>;
}

/** The routers (live and disabled) and the tables of the live ones: plain and TLS. */
export interface BuiltRouters {
  readonly routers: Map<string, RuntimeRouter>;
  readonly table: RouteTable<RouterSlot>;
  readonly tlsTable: RouteTable<RouterSlot>;
}

interface Candidate {
  readonly name: string;
  readonly config: RouterConfig;
  readonly tls: RuntimeRouterTls | false;
  readonly entryPoints: readonly string[];
  readonly middlewares: readonly Middleware[];
  readonly service: BuiltService;
}

function syntaxOf(config: RouterConfig, fallback: RuleSyntax): RuleSyntax | 'auto' {
  return config.ruleSyntax ?? (fallback === 'v3' ? 'auto' : fallback);
}

function entryPointsOf(name: string, config: RouterConfig, input: RouterBuildInput): readonly string[] {
  const wanted = config.entryPoints ?? [];
  if (wanted.length === 0) return input.entryPoints.defaults;
  const known = wanted.filter((ep) => input.entryPoints.all.includes(ep));
  for (const ep of wanted) {
    if (!known.includes(ep))
      input.book.add(
        'router',
        name,
        'LB_CONFIG_INVALID',
        `entryPoint "${ep}" doesn't exist`,
        `http.routers.${name}.entryPoints`,
      );
  }
  return known;
}

/** Checks a router's references; returns a candidate, or undefined after recording why not. */
function candidate(name: string, config: RouterConfig, input: RouterBuildInput): Candidate | undefined {
  const { book } = input;
  const entryPoints = entryPointsOf(name, config, input);
  let ok = true;
  if (entryPoints.length === 0) {
    book.add(
      'router',
      name,
      'LB_CONFIG_INVALID',
      'no valid entryPoint for this router',
      `http.routers.${name}.entryPoints`,
    );
    ok = false;
  }
  const middlewares: Middleware[] = [];
  (config.middlewares ?? []).forEach((ref, i) => {
    const mw = input.middlewares.get(ref);
    if (mw !== undefined) middlewares.push(mw);
    else {
      book.addDisabledRef('router', name, 'middleware', ref, `http.routers.${name}.middlewares[${i}]`);
      ok = false;
    }
  });
  const service = input.services.get(config.service);
  if (service === undefined) {
    book.addDisabledRef('router', name, 'service', config.service, `http.routers.${name}.service`);
    ok = false;
  }
  const tls = routerTls(name, config, syntaxOf(config, input.defaultRuleSyntax), tlsContext(input));
  return ok && service !== undefined && tls !== undefined
    ? { name, config, tls, entryPoints, middlewares, service }
    : undefined;
}

function tlsContext(input: RouterBuildInput): Parameters<typeof routerTls>[3] {
  return { tls: input.tls ?? {}, certResolvers: input.certResolvers, book: input.book };
}

/** Builds routers and the route table (see module comment). */
export function buildRouters(input: RouterBuildInput): BuiltRouters {
  const { book } = input;
  let candidates = Object.entries(input.live).flatMap(([name, config]) => candidate(name, config, input) ?? []);
  const routers = new Map<string, RuntimeRouter>();
  for (let pass = 0; ; pass++) {
    const inputs: RouteInput<RouterSlot>[] = candidates.map((c, order) => ({
      name: c.name,
      rule: c.config.rule,
      syntax: syntaxOf(c.config, input.defaultRuleSyntax),
      priority: c.config.priority,
      entryPoints: c.entryPoints,
      order,
      data: { router: undefined },
    }));
    const isTls = new Set(candidates.filter((c) => c.tls !== false).map((c) => c.name));
    const plain = compileRoutes(inputs.filter((i) => !isTls.has(i.name)));
    const secure = compileRoutes(inputs.filter((i) => isTls.has(i.name)));
    const errors = [...plain.errors, ...secure.errors];
    for (const { name, error } of errors)
      book.add('router', name, error.code, error.message, `http.routers.${name}.rule`);
    const rejected = new Set(errors.map((e) => e.name));
    const byName = new Map(candidates.map((c) => [c.name, c]));
    const routes = [...plain.table.routes, ...secure.table.routes];
    for (const route of routes) {
      let rewrite: PathRewriter | undefined;
      try {
        rewrite = route.modifiers.length === 0 ? undefined : compilePathModifiers(route.modifiers);
      } catch (error) {
        if (!isLbError(error)) throw error;
        book.add('router', route.name, error.code, error.message, `http.routers.${route.name}.rule`);
        rejected.add(route.name);
        continue;
      }
      const c = byName.get(route.name) as Candidate;
      route.data.router = Object.freeze({
        name: c.name,
        provider: providerOf(c.name),
        status: book.status('router', c.name, true),
        errors: book.of('router', c.name),
        rule: c.config.rule,
        ruleSyntax: route.syntax,
        priority: route.priority,
        entryPoints: c.entryPoints,
        serviceName: c.config.service,
        service: c.service.service,
        middlewareNames: c.config.middlewares ?? [],
        middlewares: c.middlewares,
        modifiers: route.modifiers,
        rewrite,
        responseHooks: c.middlewares.some((m) => m.onResponse !== undefined),
        retry: findRetryPolicy(c.middlewares),
        tls: c.tls,
      });
    }
    const good = candidates.filter((c) => !rejected.has(c.name));
    if (good.length === candidates.length || pass > 0) {
      for (const route of routes) if (route.data.router !== undefined) routers.set(route.name, route.data.router);
      addDisabled(routers, input);
      return { routers, table: plain.table, tlsTable: secure.table };
    }
    candidates = good; // a v1 rule's modifiers failed: compile the table again without it
  }
}

/** Lists every router that is not live, with what is known of it. */
function addDisabled(routers: Map<string, RuntimeRouter>, input: RouterBuildInput): void {
  const names = new Set([...Object.keys(input.all), ...input.book.names('router')]);
  for (const name of names) {
    if (routers.has(name) || input.replaced?.has(name) === true) continue;
    const config = input.all[name];
    const rule = config?.rule ?? '';
    const syntax = config === undefined ? 'auto' : syntaxOf(config, input.defaultRuleSyntax);
    const tls = config === undefined ? false : (routerTls(name, config, syntax, tlsContext(input), false) ?? false);
    routers.set(
      name,
      Object.freeze({
        name,
        provider: providerOf(name),
        status: 'disabled' as const,
        errors: input.book.of('router', name),
        rule,
        ruleSyntax: syntax === 'auto' ? detectSyntax(rule) : syntax,
        priority: config?.priority || (rule === '' ? 0 : rulePriority(rule)),
        entryPoints: config?.entryPoints?.length ? config.entryPoints : input.entryPoints.defaults,
        serviceName: config?.service ?? '',
        service: undefined,
        middlewareNames: config?.middlewares ?? [],
        middlewares: [],
        modifiers: [],
        rewrite: undefined,
        responseHooks: false,
        retry: undefined,
        tls,
      }),
    );
  }
}

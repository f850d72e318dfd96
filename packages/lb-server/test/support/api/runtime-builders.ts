/**
 * Test-only: builds `Runtime` objects for the API tests from a real Traefik-style configuration
 * (validated and merged by lb-core) with real lb-core balancers, so the API is exercised against
 * the same data shapes the runtime builder produces. Not part of the build's public surface. The
 * API's sources around such a runtime: api-sources-builders.ts.
 */
import {
  createBalancer,
  mergeConfigs,
  parseRule,
  validateDynamicConfig,
  withSticky,
  type Balancer,
  type DynamicConfig,
  type ServiceConfig,
  type StickyBalancer,
} from '@junction/lb-core';
import { createActiveChecker, type ActiveChecker } from '../../../src/health/active-checker';
import type { ActiveHealthConfig } from '../../../src/health/active-config';
import { combineHealth } from '../../../src/health/health-target';
import { createPassiveHealth } from '../../../src/health/passive';
import type {
  DisabledService,
  ElementError,
  ElementStatus,
  LoadBalancedService,
  Runtime,
  RuntimeMiddleware,
  RuntimeRouter,
  RuntimeServer,
  RuntimeService,
  WeightedService,
} from '../../../src/runtime/runtime';

/** The provider part of `name@provider`. */
export const providerOf = (name: string): string => name.slice(name.indexOf('@') + 1);

/** Validates each provider's raw snapshot with lb-core and merges them (`name@provider`). */
export function mergedConfig(snapshots: Readonly<Record<string, unknown>>): DynamicConfig {
  const valid: Record<string, DynamicConfig> = {};
  for (const [provider, raw] of Object.entries(snapshots)) {
    const { config, errors } = validateDynamicConfig(raw);
    if (errors.length > 0) throw new Error(`fixture of ${provider} is invalid: ${JSON.stringify(errors)}`);
    valid[provider] = config;
  }
  return mergeConfigs(valid);
}

/** The error lb-core's parser raises for `rule`, as an element error. */
export function ruleError(rule: string): ElementError {
  try {
    parseRule(rule);
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message, path: 'http.routers.rule' };
  }
  throw new Error(`rule parses: ${rule}`);
}

interface ElementOptions {
  readonly status?: ElementStatus;
  readonly errors?: readonly ElementError[];
  readonly usedBy?: readonly string[];
}

/** A load-balanced service as built for tests, with its active checker when one was asked for. */
export type TestLbService = LoadBalancedService & { readonly checker: ActiveChecker | undefined };

/**
 * A load-balancer service over the servers of its configuration: a real balancer (sticky-wrapped
 * when configured), real passive health (2 failures trip a server), and a real active checker
 * (not started) when `active` is given; both feed the balancer through `combineHealth`.
 */
export function lbService(
  config: DynamicConfig,
  name: string,
  options: ElementOptions & { readonly active?: ActiveHealthConfig } = {},
): TestLbService {
  const spec = config.http.services?.[name] as Extract<ServiceConfig, { loadBalancer: unknown }>;
  const lb = spec.loadBalancer;
  const inner = createBalancer(lb.strategy, lb.servers);
  const sticky: StickyBalancer | undefined =
    lb.sticky === undefined ? undefined : withSticky(inner, { serviceName: name });
  const balancer: Balancer = sticky ?? inner;
  const combined = combineHealth(balancer);
  const passive = createPassiveHealth({ target: combined.passive, failures: 2, cooldownMs: 3_600_000 });
  const checker =
    options.active === undefined
      ? undefined
      : createActiveChecker({ servers: lb.servers, config: options.active, target: combined.active });
  const servers: RuntimeServer[] = lb.servers.map((s) => ({
    id: s.id,
    url: s.url,
    weight: s.weight,
    origin: new URL(s.url).origin,
    basePath: '',
    hostname: new URL(s.url).hostname,
  }));
  return {
    kind: 'loadBalancer',
    name,
    provider: providerOf(name),
    status: options.status ?? 'enabled',
    errors: options.errors ?? [],
    balancer,
    sticky,
    passHostHeader: lb.passHostHeader,
    usedBy: options.usedBy ?? [],
    servers,
    serverById: new Map(servers.map((s) => [s.id, s])),
    health: {
      passive,
      activeStatus: () => checker?.status(),
      isUp: (id) => combined.isUp(id),
      drainFromProvider: (id) => balancer.setDraining(id, true),
    },
    checker,
  };
}

/** A service that could not be built. */
export function disabledService(name: string, errors: readonly ElementError[]): DisabledService {
  return { kind: 'disabled', name, provider: providerOf(name), status: 'disabled', errors, usedBy: [] };
}

/** A weighted service over child services; the balancer's server ids are the child names. */
export function weightedService(
  name: string,
  children: readonly [RuntimeService, number][],
  options: ElementOptions = {},
): WeightedService {
  const balancer = createBalancer(
    'weighted',
    children.map(([s, weight]) => ({ id: s.name, url: s.name, weight })),
  );
  return {
    kind: 'weighted',
    name,
    provider: providerOf(name),
    status: options.status ?? 'enabled',
    errors: options.errors ?? [],
    balancer,
    sticky: undefined,
    children: new Map(children.map(([s]) => [s.name, s])),
    usedBy: options.usedBy ?? [],
  };
}

/** A router as the runtime builder would compile it from `config`. */
export function router(
  config: DynamicConfig,
  name: string,
  service: RuntimeService | undefined,
  options: ElementOptions = {},
): RuntimeRouter {
  const spec = config.http.routers?.[name];
  if (spec === undefined) throw new Error(`no router ${name} in the fixture`);
  return {
    name,
    provider: providerOf(name),
    status: options.status ?? 'enabled',
    errors: options.errors ?? [],
    rule: spec.rule,
    ruleSyntax: spec.ruleSyntax ?? 'v3',
    priority: spec.priority ?? spec.rule.length,
    entryPoints: spec.entryPoints ?? ['web'],
    serviceName: spec.service,
    service,
    middlewareNames: spec.middlewares ?? [],
    middlewares: [],
    modifiers: [],
    rewrite: undefined,
    retry: undefined,
    tls: false,
  };
}

/** A middleware element (its compiled form is not needed by the API). */
export function middleware(config: DynamicConfig, name: string, options: ElementOptions = {}): RuntimeMiddleware {
  const spec = config.http.middlewares?.[name];
  if (spec === undefined) throw new Error(`no middleware ${name} in the fixture`);
  return {
    name,
    provider: providerOf(name),
    status: options.status ?? 'enabled',
    errors: options.errors ?? [],
    type: Object.keys(spec)[0] ?? '',
    middleware: undefined,
    usedBy: options.usedBy ?? [],
  };
}

/** Assembles a runtime from its elements. */
export function runtimeOf(
  config: DynamicConfig,
  parts: {
    routers?: RuntimeRouter[];
    services?: (RuntimeService | DisabledService)[];
    middlewares?: RuntimeMiddleware[];
    /** Errors attached to no element; the elements' own errors are added to `errors` as well. */
    looseErrors?: ElementError[];
    generation?: number;
  },
): Runtime {
  const byName = <T extends { name: string }>(list: readonly T[] = []): Map<string, T> =>
    new Map(list.map((e) => [e.name, e]));
  const elements = [...(parts.routers ?? []), ...(parts.services ?? []), ...(parts.middlewares ?? [])];
  return {
    generation: parts.generation ?? 1,
    createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    config,
    routers: byName(parts.routers),
    services: byName(parts.services),
    middlewares: byName(parts.middlewares),
    errors: [...elements.flatMap((e) => e.errors), ...(parts.looseErrors ?? [])],
    tls: config.tls ?? {},
    tlsRouters: [],
    entryPoints: { all: ['traefik', 'web'], defaults: ['web'] },
    match: () => undefined,
  };
}
